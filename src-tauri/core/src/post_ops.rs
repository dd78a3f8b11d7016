//! Operations on one post file of a workspace: flip its draft flag on disk, rename it, duplicate
//! it. Each goes through the lossless front-matter edit and the atomic, revision-checked save.

use crate::front_matter::{self, Format, Value};
use crate::new_post::{slugify, Names};
use crate::workspace::in_drafts_folder;
use crate::{bundles, drafts_folder, no_replace, paths, save, Error, Result};
use std::path::{Path, PathBuf};

/// What a write left on disk: the post's (possibly new) relative path and the revision written,
/// so the caller can tell its own writes from other programs' in watcher events.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    pub path: String,
    pub revision: Option<String>,
}

/// Set (`true`) or clear (`false`) the draft flag of the post at `rel`, changing one line.
/// Clearing a post that has no `draft` key leaves the file untouched (`revision: None`).
/// A post in Jekyll's `_drafts/` is a draft by its place: clearing moves it into `_posts/`
/// (see [`drafts_folder`]), setting leaves it as it is.
pub fn set_draft(root: &Path, rel: &str, draft: bool, new_block: Format) -> Result<Written> {
    if in_drafts_folder(rel) {
        if draft {
            return Ok(Written { path: rel.to_string(), revision: None });
        }
        return drafts_folder::publish(root, rel, chrono::Local::now().date_naive());
    }
    let abs = paths::resolve(root, rel)?;
    let loaded = save::read_text(&abs)?;
    let text = if draft {
        front_matter::set_draft(&loaded.text, true, new_block)
    } else {
        front_matter::clear_draft(&loaded.text)
    }
    .map_err(|e| e.with_path(&abs))?;
    let revision = write_if_changed(&abs, &loaded, &text)?;
    Ok(Written { path: rel.to_string(), revision })
}

/// Give the post a new title; with `rename_file`, also move it to the title's slug (for a page
/// bundle, `dir/index.md`, the folder is renamed; the index of the root or of a folder with
/// other posts keeps its name) and update a `slug` key if it has one.
pub fn rename(root: &Path, rel: &str, title: &str, rename_file: bool, new_block: Format) -> Result<Written> {
    let abs = paths::resolve(root, rel)?;
    let loaded = save::read_text(&abs)?;
    let mut text = front_matter::set(&loaded.text, "title", &Value::String(title.to_string()), new_block)
        .map_err(|e| e.with_path(&abs))?;
    let slug = slugify(title);
    if rename_file {
        let has_slug = front_matter::parse(&text).map(|fm| fm.slug.is_some()).unwrap_or(false);
        if has_slug {
            text = front_matter::set(&text, "slug", &Value::String(slug.clone()), new_block)
                .map_err(|e| e.with_path(&abs))?;
        }
    }
    // The new name is checked before anything is written: a refused rename changes nothing.
    let bundle = bundles::own_folder(root, &abs);
    let (from, to) = rename_target(&abs, bundle.as_deref(), &slug);
    let moves = rename_file && from != to;
    if moves {
        no_replace::ensure_free(&to)?;
        // Nor may it take the address of another post there (`Trip.md`, `trip.markdown`, `trip/`).
        let stem = if bundle.is_some() { to.file_name() } else { to.file_stem() };
        let folder = to.parent().unwrap_or(root);
        let names = Names::of(folder, Some(&from));
        if let Some(name) = stem.and_then(|stem| names.same_address(&stem.to_string_lossy())) {
            return Err(Error::AlreadyExists { path: folder.join(name) });
        }
    }
    let revision = write_if_changed(&abs, &loaded, &text)?;
    if !moves {
        return Ok(Written { path: rel.to_string(), revision });
    }
    no_replace::rename(&from, &to)?;
    let moved = if bundle.is_some() { to.join(abs.file_name().unwrap_or_default()) } else { to };
    let new_rel = paths::relative(root, &moved).ok_or(Error::OutsideWorkspace { path: moved })?;
    Ok(Written { path: new_rel, revision })
}

/// Copy the post beside itself as a draft titled "… (copy)"; a page bundle is copied whole.
pub fn duplicate(root: &Path, rel: &str, new_block: Format) -> Result<Written> {
    let abs = paths::resolve(root, rel)?;
    let loaded = save::read_text(&abs)?;
    let fm = front_matter::parse(&loaded.text).map_err(|e| e.with_path(&abs))?;
    let title = format!("{} (copy)", fm.title.unwrap_or_else(|| file_title(&abs)));
    let mut text = front_matter::set(&loaded.text, "title", &Value::String(title), new_block)
        .and_then(|t| front_matter::set_draft(&t, true, new_block))
        .map_err(|e| e.with_path(&abs))?;
    let bundle = bundles::own_folder(root, &abs);
    let target = match &bundle {
        Some(dir) => free_name(dir, "")?.join(abs.file_name().unwrap_or_default()),
        None => free_name(&abs.with_extension(""), ".md")?,
    };
    if fm.slug.is_some() {
        // The original's slug would give the copy the original's address once published (one
        // page overwriting the other); the copy takes the slug of its own name.
        let slug = slugify(&file_title(&target));
        text = front_matter::set(&text, "slug", &Value::String(slug), new_block).map_err(|e| e.with_path(&abs))?;
    }
    if in_posts_folder(rel) {
        text = drafts_folder::held_back(text, new_block);
    }
    if let (Some(dir), Some(copy_dir)) = (&bundle, target.parent()) {
        copy_dir_files(dir, copy_dir)?;
    }
    let revision = save::save(&target, &text, None)?;
    let new_rel = paths::relative(root, &target).ok_or(Error::OutsideWorkspace { path: target })?;
    Ok(Written { path: new_rel, revision: Some(revision) })
}

/// Write a post whose file was removed since it was read back where it was, making its folder
/// again if that went with it (never the workspace folder itself). A file that appeared there
/// since is a conflict, not overwritten.
pub fn write_back(root: &Path, rel: &str, text: &str) -> Result<String> {
    let abs = paths::resolve(root, rel)?;
    if let Some(folder) = abs.parent() {
        std::fs::create_dir_all(folder).map_err(|e| Error::io(folder, e))?;
    }
    // No revision: only a file that is not there matches it.
    save::save(&abs, text, Some(""))
}

fn write_if_changed(abs: &Path, loaded: &save::Loaded, text: &str) -> Result<Option<String>> {
    if text == loaded.text {
        return Ok(None);
    }
    save::save(abs, text, Some(&loaded.revision)).map(Some)
}

/// The file (or bundle folder) to move, and where to. The index of the root or of a folder
/// with other posts stays where it is: its name is what makes it that folder's page.
/// A name that starts with a date keeps it (Jekyll skips a post in `_posts/` without one).
fn rename_target(abs: &Path, bundle: Option<&Path>, slug: &str) -> (PathBuf, PathBuf) {
    let dated = |old: &Path| {
        let prefix = old.file_name().and_then(|n| n.to_str()).and_then(drafts_folder::date_prefix);
        match prefix {
            Some(prefix) if drafts_folder::date_prefix(slug).is_none() => format!("{prefix}{slug}"),
            _ => slug.to_string(),
        }
    };
    if let Some(dir) = bundle {
        (dir.to_path_buf(), dir.with_file_name(dated(dir)))
    } else if bundles::is_index(abs) {
        (abs.to_path_buf(), abs.to_path_buf())
    } else {
        let ext = abs.extension().and_then(|e| e.to_str()).unwrap_or("md");
        (abs.to_path_buf(), abs.with_file_name(format!("{}.{ext}", dated(abs))))
    }
}

/// Whether the post at `rel` is in Jekyll's `_posts/` (or a folder of it).
fn in_posts_folder(rel: &str) -> bool {
    rel.rsplit_once('/').is_some_and(|(dir, _)| dir.split('/').any(|segment| segment == "_posts"))
}

/// `<base>-copy<ext>`, then `<base>-copy-2<ext>`, ... whichever does not exist yet.
fn free_name(base: &Path, ext: &str) -> Result<PathBuf> {
    let name = base.file_name().and_then(|n| n.to_str()).unwrap_or("post");
    for n in 1..10_000 {
        let suffix = if n == 1 { "-copy".to_string() } else { format!("-copy-{n}") };
        let candidate = base.with_file_name(format!("{name}{suffix}{ext}"));
        if !candidate.exists() {
            return Ok(candidate);
        }
    }
    Err(Error::AlreadyExists { path: base.to_path_buf() })
}

/// Copy a bundle's files to the new folder `to`, its asset folders (`images/`) included; the
/// index itself is written by the caller. Linked folders are not followed.
fn copy_dir_files(from: &Path, to: &Path) -> Result<()> {
    copy_folder(from, to, true)
}

fn copy_folder(from: &Path, to: &Path, top: bool) -> Result<()> {
    std::fs::create_dir(to).map_err(|e| Error::io(to, e))?;
    for entry in std::fs::read_dir(from).map_err(|e| Error::io(from, e))? {
        let entry = entry.map_err(|e| Error::io(from, e))?;
        let src = entry.path();
        let is_folder = entry.file_type().is_ok_and(|t| t.is_dir());
        if is_folder {
            copy_folder(&src, &to.join(entry.file_name()), false)?;
        } else if src.is_file() && !(top && bundles::is_index(&src)) {
            std::fs::copy(&src, to.join(entry.file_name())).map_err(|e| Error::io(&src, e))?;
        }
    }
    Ok(())
}

fn file_title(abs: &Path) -> String {
    let stem = if bundles::is_index(abs) { abs.parent().and_then(|p| p.file_name()) } else { abs.file_stem() };
    stem.map(|s| s.to_string_lossy().into_owned()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn workspace(files: &[(&str, &str)]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for (rel, text) in files {
            let path = dir.path().join(rel);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        dir
    }

    #[test]
    fn draft_changes_exactly_one_line() {
        let before = "---\ntitle: A\ndraft: false # keep\ntags: [x]\n---\nBody\n";
        let ws = workspace(&[("a.md", before)]);
        let w = set_draft(ws.path(), "a.md", true, Format::Yaml).unwrap();
        let after = std::fs::read_to_string(ws.path().join("a.md")).unwrap();
        let changed: Vec<_> = before.lines().zip(after.lines()).filter(|(a, b)| a != b).collect();
        assert_eq!(changed.len(), 1, "{after}");
        assert!(after.contains("draft: true"));
        assert_eq!(w.revision, Some(save::revision(after.as_bytes())));
    }

    #[test]
    fn clearing_a_missing_draft_key_leaves_the_file_alone() {
        let ws = workspace(&[("a.md", "---\ntitle: A\n---\n")]);
        let w = set_draft(ws.path(), "a.md", false, Format::Yaml).unwrap();
        assert_eq!(w.revision, None);
        assert_eq!(std::fs::read_to_string(ws.path().join("a.md")).unwrap(), "---\ntitle: A\n---\n");
    }

    #[test]
    fn rename_moves_the_file_to_the_new_slug() {
        let ws = workspace(&[("old.md", "---\ntitle: Old\n---\nx\n")]);
        let w = rename(ws.path(), "old.md", "Brand New Name", true, Format::Yaml).unwrap();
        assert_eq!(w.path, "brand-new-name.md");
        assert!(!ws.path().join("old.md").exists());
        let text = std::fs::read_to_string(ws.path().join("brand-new-name.md")).unwrap();
        assert!(text.contains("Brand New Name"), "{text}");
    }

    #[test]
    fn a_renamed_post_keeps_the_date_its_name_starts_with() {
        let ws = workspace(&[
            ("_posts/2025-09-16-old-title.md", "---\ntitle: Old title\nslug: old-title\n---\nBody\n"),
            ("content/2024-05-01-trip/index.md", "---\ntitle: Trip\n---\n"),
        ]);
        let w = rename(ws.path(), "_posts/2025-09-16-old-title.md", "New title", true, Format::Yaml).unwrap();
        assert_eq!(w.path, "_posts/2025-09-16-new-title.md", "Jekyll skips a post without its date");
        let text = std::fs::read_to_string(ws.path().join(&w.path)).unwrap();
        assert!(text.contains("slug: new-title\n"), "{text}");
        let w = rename(ws.path(), &w.path, "2026-01-02 Dated anew", true, Format::Yaml).unwrap();
        assert_eq!(w.path, "_posts/2026-01-02-dated-anew.md", "a title with a date of its own is not dated twice");
        let w = rename(ws.path(), "content/2024-05-01-trip/index.md", "Summer", true, Format::Yaml).unwrap();
        assert_eq!(w.path, "content/2024-05-01-summer/index.md");
    }

    #[test]
    fn a_rename_never_takes_the_address_of_another_post() {
        let ws = workspace(&[
            ("Old.md", "---\ntitle: Old\n---\n"),
            ("Trip.md", "---\ntitle: Trip\n---\n"),
            ("notes.markdown", "---\ntitle: Notes\n---\n"),
            ("summer/index.md", "---\ntitle: Summer\n---\n"),
        ]);
        for title in ["Trip", "Notes", "Summer"] {
            let err = rename(ws.path(), "Old.md", title, true, Format::Yaml).unwrap_err();
            assert_eq!(err.kind(), "already_exists", "{title}");
        }
        assert!(std::fs::read_to_string(ws.path().join("Old.md")).unwrap().contains("title: Old"));
        let w = rename(ws.path(), "Old.md", "old", true, Format::Yaml).unwrap();
        assert_eq!(w.path, "old.md", "its own name in another case is no other post's");
    }

    #[test]
    fn rename_of_a_bundle_moves_its_folder_and_refuses_to_overwrite() {
        let ws = workspace(&[
            ("trip/index.md", "---\ntitle: Trip\n---\n![x](a.png)\n"),
            ("trip/a.png", "png"),
            ("taken.md", "---\ntitle: Taken\n---\n"),
        ]);
        let w = rename(ws.path(), "trip/index.md", "Summer Trip", true, Format::Yaml).unwrap();
        assert_eq!(w.path, "summer-trip/index.md");
        assert!(ws.path().join("summer-trip/a.png").exists());
        let err = rename(ws.path(), "summer-trip/index.md", "Taken", false, Format::Yaml);
        assert!(err.is_ok(), "renaming the title alone never moves files");
        std::fs::create_dir(ws.path().join("taken")).unwrap();
        let err = rename(ws.path(), "summer-trip/index.md", "Taken", true, Format::Yaml).unwrap_err();
        assert_eq!(err.kind(), "already_exists");
    }

    #[test]
    fn duplicate_is_a_draft_copy_beside_the_original() {
        let ws = workspace(&[("post.md", "---\ntitle: Post\ndraft: false\n---\nBody\n")]);
        let first = duplicate(ws.path(), "post.md", Format::Yaml).unwrap();
        let second = duplicate(ws.path(), "post.md", Format::Yaml).unwrap();
        assert_eq!(first.path, "post-copy.md");
        assert_eq!(second.path, "post-copy-2.md");
        let text = std::fs::read_to_string(ws.path().join("post-copy.md")).unwrap();
        let fm = front_matter::parse(&text).unwrap();
        assert_eq!(fm.title.as_deref(), Some("Post (copy)"));
        assert_eq!(fm.draft, Some(true));
        assert!(text.ends_with("Body\n"));
    }

    #[test]
    fn a_copy_in_jekylls_posts_folder_is_held_back_as_jekyll_reads_it() {
        let ws = workspace(&[("_posts/2025-09-16-trip.md", "---\ntitle: Trip\ndate: 2025-09-16\n---\nBody\n")]);
        let w = duplicate(ws.path(), "_posts/2025-09-16-trip.md", Format::Yaml).unwrap();
        assert_eq!(w.path, "_posts/2025-09-16-trip-copy.md");
        let text = std::fs::read_to_string(ws.path().join(&w.path)).unwrap();
        assert_eq!(text, "---\ntitle: Trip (copy)\ndate: 2025-09-16\npublished: false\n---\nBody\n");
    }

    #[test]
    fn renaming_the_index_at_the_root_never_moves_the_workspace() {
        let ws = workspace(&[("index.md", "---\ntitle: Home\n---\nWelcome\n"), ("a.md", "---\ntitle: A\n---\n")]);
        let root = ws.path().join("");
        let w = rename(&root, "index.md", "My Home", true, Format::Yaml).unwrap();
        assert!(root.join("a.md").exists(), "the workspace folder was moved");
        assert!(!ws.path().with_file_name("my-home").exists());
        assert_eq!(w.path, "index.md", "the home page keeps its name");
        let text = std::fs::read_to_string(root.join("index.md")).unwrap();
        assert!(text.contains("title: My Home"), "{text}");
    }

    #[test]
    fn renaming_a_section_index_moves_no_other_post() {
        let ws = workspace(&[
            ("posts/_index.md", "---\ntitle: Posts\n---\n"),
            ("posts/one.md", "---\ntitle: One\n---\n"),
        ]);
        let w = rename(ws.path(), "posts/_index.md", "Articles", true, Format::Yaml).unwrap();
        assert!(ws.path().join("posts/one.md").exists(), "the other posts of the folder moved too");
        assert_eq!(w.path, "posts/_index.md", "the section's page keeps its name");
    }

    #[test]
    fn duplicating_an_index_beside_other_posts_copies_only_that_post() {
        let ws = workspace(&[
            ("index.md", "---\ntitle: Home\n---\n"),
            ("posts/_index.md", "---\ntitle: Posts\n---\n"),
            ("posts/one.md", "---\ntitle: One\ndraft: false\n---\n"),
        ]);
        let w = duplicate(ws.path(), "posts/_index.md", Format::Yaml).unwrap();
        assert_eq!(w.path, "posts/_index-copy.md");
        assert!(!ws.path().join("posts-copy").exists(), "every post of the section was copied");
        let w = duplicate(ws.path(), "index.md", Format::Yaml).unwrap();
        assert_eq!(w.path, "index-copy.md");
        let outside = ws.path().with_file_name(format!(
            "{}-copy",
            ws.path().file_name().unwrap().to_str().unwrap()
        ));
        assert!(!outside.exists(), "the workspace was copied outside itself");
    }

    #[test]
    fn a_rename_refused_for_a_taken_name_leaves_the_post_untouched() {
        let before = "---\ntitle: Old\nslug: old\n---\nBody\n";
        let ws = workspace(&[("old.md", before), ("taken.md", "---\ntitle: Taken\n---\n")]);
        let err = rename(ws.path(), "old.md", "Taken", true, Format::Yaml).unwrap_err();
        assert_eq!(err.kind(), "already_exists");
        assert_eq!(std::fs::read_to_string(ws.path().join("old.md")).unwrap(), before);
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink("nowhere.md", ws.path().join("linked.md")).unwrap();
            let err = rename(ws.path(), "old.md", "Linked", true, Format::Yaml).unwrap_err();
            assert_eq!(err.kind(), "already_exists");
            assert!(std::fs::symlink_metadata(ws.path().join("linked.md")).unwrap().file_type().is_symlink());
        }
    }

    #[test]
    fn duplicating_a_bundle_copies_its_asset_folders() {
        let ws = workspace(&[
            ("trip/index.md", "---\ntitle: Trip\n---\n![x](images/a.png)\n"),
            ("trip/images/a.png", "png"),
        ]);
        let w = duplicate(ws.path(), "trip/index.md", Format::Yaml).unwrap();
        assert_eq!(w.path, "trip-copy/index.md");
        assert_eq!(std::fs::read_to_string(ws.path().join("trip-copy/images/a.png")).unwrap(), "png");
    }

    #[test]
    fn a_duplicate_never_shares_the_original_slug() {
        let ws = workspace(&[
            ("post.md", "---\ntitle: Post\nslug: my-post\ndraft: false\n---\nBody\n"),
            ("trip/index.md", "+++\ntitle = \"Trip\"\nslug = \"summer\"\n+++\n"),
        ]);
        for (rel, copy, slug) in [("post.md", "post-copy.md", "post-copy"), ("trip/index.md", "trip-copy/index.md", "trip-copy")] {
            let w = duplicate(ws.path(), rel, Format::Yaml).unwrap();
            assert_eq!(w.path, copy);
            let text = std::fs::read_to_string(ws.path().join(copy)).unwrap();
            let fm = front_matter::parse(&text).unwrap();
            assert_eq!(fm.slug.as_deref(), Some(slug), "published, the copy would take the original's address: {text}");
        }
        let original = std::fs::read_to_string(ws.path().join("post.md")).unwrap();
        assert!(original.contains("slug: my-post"));
    }

    #[test]
    fn a_post_removed_with_its_folder_is_written_back_folder_and_all() {
        let ws = workspace(&[("trip/index.md", "old"), ("a.md", "x")]);
        std::fs::remove_dir_all(ws.path().join("trip")).unwrap();
        let revision = write_back(ws.path(), "trip/index.md", "kept text").unwrap();
        assert_eq!(std::fs::read_to_string(ws.path().join("trip/index.md")).unwrap(), "kept text");
        assert_eq!(revision, save::revision(b"kept text"));
        // A file that appeared there since is not overwritten.
        let err = write_back(ws.path(), "a.md", "mine").unwrap_err();
        assert_eq!(err.kind(), "conflict");
        assert_eq!(std::fs::read_to_string(ws.path().join("a.md")).unwrap(), "x");
        // Nor is the workspace folder itself made again.
        let root = ws.path().join("gone");
        assert!(write_back(&root, "b/c.md", "mine").is_err());
        assert!(!root.exists());
    }

    #[test]
    fn paths_outside_the_workspace_are_refused() {
        let ws = workspace(&[("a.md", "x")]);
        let err = set_draft(ws.path(), "../a.md", true, Format::Yaml).unwrap_err();
        assert_eq!(err.kind(), "outside_workspace");
    }
}
