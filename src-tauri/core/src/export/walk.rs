//! What a site export takes from the workspace: its posts and the files beside them.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// What the walk of the workspace found, as `/`-separated paths relative to the root.
#[derive(Default)]
pub(super) struct Found {
    pub posts: Vec<String>,
    pub assets: Vec<String>,
    /// Files whose names are not valid UTF-8, shown with U+FFFD: pages and links name files
    /// by text, so these are skipped and reported.
    pub not_utf8: Vec<String>,
    /// Posts inside the output folder, when it is in the workspace: that folder is not walked
    /// (the site would be exported into itself), so they are reported as skipped.
    pub in_output: Vec<String>,
}

fn is_markdown(path: &str) -> bool {
    let lower = path.to_ascii_lowercase();
    lower.ends_with(".md") || lower.ends_with(".markdown")
}

/// Walk `root` skipping hidden entries, `node_modules`, the root's folders that hold no posts
/// (as the posts list does: `archetypes`, `themes`, `vendor`), `static` (copied whole) and the
/// output folder itself.
pub(super) fn walk(root: &Path, out: &Path) -> Found {
    let out = Folder::of(out);
    let mut found = Found::default();
    let mut output_here = None;
    let entries = walkdir::WalkDir::new(root)
        .follow_links(false)
        .into_iter()
        .filter_entry(|entry| {
            let name = entry.file_name().to_string_lossy();
            let skipped_dir = entry.depth() == 1
                && (name == "static" || crate::workspace::is_root_folder_without_posts(&name));
            if entry.depth() == 0 {
                return true;
            }
            if name.starts_with('.') || name == "node_modules" || skipped_dir {
                return false;
            }
            // Only a folder is walked into; a link to the output folder is not followed.
            let is_out = entry.file_type().is_dir() && out.is(entry.path());
            // Its posts are listed in the app (a link to it is not followed there either).
            if is_out {
                output_here = Some(entry.path().to_path_buf());
            }
            !is_out
        });
    // The files earlier exports into folders here wrote (a preview with drafts' pages): they
    // are not the site's own (a folder is reached before what it holds).
    let mut exported = HashSet::new();
    for entry in entries.flatten() {
        if entry.file_type().is_dir() {
            exported.extend(written_by_an_export(root, entry.path()));
        }
        if !entry.file_type().is_file() {
            continue;
        }
        let Ok(rest) = entry.path().strip_prefix(root) else {
            continue;
        };
        let Some(rel) = rest.to_str() else {
            found.not_utf8.push(rest.to_string_lossy().replace('\\', "/"));
            continue;
        };
        let rel = rel.replace('\\', "/");
        if exported.contains(&rel) {
            continue;
        }
        if is_markdown(&rel) {
            found.posts.push(rel);
        } else {
            found.assets.push(rel);
        }
    }
    found.posts.sort();
    if let Some(dir) = output_here {
        // Not what an export copied there from `static/` (a `notes.md` of its own).
        let written = written_by_an_export(root, &dir);
        found.in_output = crate::workspace::post_paths_under(root, &dir);
        found.in_output.retain(|rel| !written.contains(rel));
        found.in_output.sort();
    }
    found
}

/// The problems of the posts inside the output folder: each is skipped. A draft is left out
/// anyway when drafts are, and is not named then.
pub(super) fn skipped_in_output(root: &Path, found: &Found, drafts: bool) -> Vec<String> {
    let is_draft = |rel: &str| {
        let text = super::post::read_post(&root.join(rel)).ok();
        let front = text.and_then(|text| crate::front_matter::parse(&text).ok());
        front.is_some_and(|front| crate::workspace::is_draft(&front, rel))
    };
    found
        .in_output
        .iter()
        .filter(|rel| drafts || !is_draft(rel))
        .map(|rel| {
            format!(
                "{rel}: skipped, it is inside the output folder (move it out of there, or export \
                 into another folder)"
            )
        })
        .collect()
}

/// What the export whose list `folder` holds wrote there, relative to `root`; nothing for a
/// folder no export wrote.
fn written_by_an_export(root: &Path, folder: &Path) -> Vec<String> {
    let Ok(list) = std::fs::read_to_string(folder.join(super::stale::WRITTEN_LIST)) else {
        return Vec::new();
    };
    let Some(dir) = folder.strip_prefix(root).ok().and_then(Path::to_str) else {
        return Vec::new();
    };
    let dir = dir.replace('\\', "/");
    list.lines()
        .filter(|rel| crate::paths::is_confined(rel))
        .filter_map(|rel| super::paths::join(&dir, rel))
        .collect()
}

/// The files of `static/`, relative to it, which are copied into the site's root.
pub(super) fn static_files(dir: &Path, out: &Path) -> Vec<PathBuf> {
    if !dir.is_dir() {
        return Vec::new();
    }
    // Like the rest of the walk, links are not followed: not inside `static`, and not
    // `static` itself (walkdir would follow a root that is a link, out of the workspace).
    // Nor the output folder, when it is inside `static`: the site would be copied into itself.
    let out = Folder::of(out);
    let walk = walkdir::WalkDir::new(dir).follow_root_links(false).into_iter();
    let walk = walk.filter_entry(|e| !e.file_type().is_dir() || !out.is(e.path()));
    walk.flatten()
        .filter(|entry| entry.file_type().is_file())
        .filter_map(|entry| entry.path().strip_prefix(dir).ok().map(Path::to_path_buf))
        .collect()
}

/// A folder, to know it again when a walk meets it, whatever path leads there. Told by its
/// device and inode where there are such: one `stat` per folder met, where resolving each
/// entry's path took a `readlink` per part of it (thousands per site).
enum Folder {
    #[cfg(unix)]
    Inode(u64, u64),
    #[cfg(not(unix))]
    Resolved(PathBuf),
    /// Not there: no folder met is it.
    Missing,
}

impl Folder {
    fn of(path: &Path) -> Folder {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            match std::fs::metadata(path) {
                Ok(m) => Folder::Inode(m.dev(), m.ino()),
                Err(_) => Folder::Missing,
            }
        }
        #[cfg(not(unix))]
        path.canonicalize().map_or(Folder::Missing, Folder::Resolved)
    }

    /// Whether the folder at `path` (a link there is not followed) is this one.
    fn is(&self, path: &Path) -> bool {
        match self {
            #[cfg(unix)]
            Folder::Inode(dev, ino) => {
                use std::os::unix::fs::MetadataExt;
                std::fs::symlink_metadata(path).is_ok_and(|m| (m.dev(), m.ino()) == (*dev, *ino))
            }
            #[cfg(not(unix))]
            Folder::Resolved(resolved) => {
                std::fs::symlink_metadata(path).is_ok_and(|m| m.is_dir())
                    && path.canonicalize().is_ok_and(|p| p == *resolved)
            }
            Folder::Missing => false,
        }
    }
}
