//! Finding the post files under a folder.

use super::{is_post_file, UnreadableFolder};
use crate::paths;
use crate::save::TEMP_PREFIX;
use std::path::{Path, PathBuf};
use walkdir::{DirEntry, WalkDir};

/// Folders that hold tooling or a drive's own files (only the system reads those), never posts.
const SKIPPED_FOLDERS: &[&str] = &["node_modules", "lost+found", "System Volume Information"];

/// The root's folders whose Markdown is not the user's posts: templates for new posts (Hugo's
/// `archetypes/`, `{{ .Date }}` placeholders), themes with their READMEs and example sites
/// (Hugo, Zola) and bundled gems (Jekyll's `vendor/bundle`).
pub(super) const ROOT_FOLDERS_WITHOUT_POSTS: &[&str] = &["archetypes", "themes", "vendor"];

/// What the walk finds: a post file as (relative path, absolute path), or a folder below the
/// root that it could not read.
pub(super) type Found = Result<(String, PathBuf), UnreadableFolder>;

/// Every post file under `root`, in no particular order, found as the iterator is advanced.
/// Symlinks are not followed (a loop cannot hang the scan) nor listed (they may lead out of the
/// workspace); a folder below `root` that cannot be read is reported and the walk goes on (the
/// scan refuses an unreadable root before walking).
pub(super) fn post_files(root: &Path) -> impl Iterator<Item = Found> + Send + '_ {
    walk(root, root)
}

/// The post files under `dir`, a folder inside `root`, with paths relative to `root`.
pub(super) fn post_files_under(root: &Path, dir: &Path) -> Vec<(String, PathBuf)> {
    walk(root, dir).filter_map(Result::ok).collect()
}

fn walk<'a>(root: &'a Path, dir: &Path) -> impl Iterator<Item = Found> + Send + 'a {
    WalkDir::new(dir)
        .follow_links(false)
        .into_iter()
        .filter_entry(move |entry| {
            entry.depth() == 0 || !(is_ignored_name(entry) || holds_no_posts(root, entry))
        })
        .filter_map(move |entry| match entry {
            Ok(entry) => post_file(root, entry).map(Ok),
            Err(e) => unreadable(root, &e).map(Err),
        })
}

fn post_file(root: &Path, entry: DirEntry) -> Option<(String, PathBuf)> {
    if !(entry.file_type().is_file() && is_post_file(entry.path())) {
        return None;
    }
    // A name that is not UTF-8 is listed too, to say it must be renamed.
    let rel = paths::relative(root, entry.path()).or_else(|| paths::listed_name(root, entry.path()))?;
    Some((rel, entry.into_path()))
}

/// A folder the walk could not read (permission denied, say): its posts are missing from the
/// list, which the user must learn. Something removed while the walk ran is simply gone.
fn unreadable(root: &Path, e: &walkdir::Error) -> Option<UnreadableFolder> {
    let io = e.io_error()?;
    if io.kind() == std::io::ErrorKind::NotFound || e.depth() == 0 {
        return None;
    }
    let path = e.path()?;
    let rel = paths::relative(root, path).or_else(|| paths::listed_name(root, path))?;
    Some(UnreadableFolder { path: rel, problem: io.to_string() })
}

fn holds_no_posts(root: &Path, entry: &DirEntry) -> bool {
    entry.file_type().is_dir()
        && entry.file_name().to_str().is_some_and(super::is_root_folder_without_posts)
        && entry.path().parent() == Some(root)
}

fn is_ignored_name(entry: &DirEntry) -> bool {
    let name = entry.file_name().to_string_lossy();
    is_ignored_segment(&name)
}

/// Hidden (dot-prefixed, which includes our temp files) or a tooling folder.
pub(super) fn is_ignored_segment(name: &str) -> bool {
    name.starts_with('.') || name.starts_with(TEMP_PREFIX) || SKIPPED_FOLDERS.contains(&name)
}
