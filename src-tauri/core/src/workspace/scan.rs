//! Finding the post files under a folder.

use super::is_post_file;
use crate::paths;
use crate::save::TEMP_PREFIX;
use std::path::{Path, PathBuf};
use walkdir::{DirEntry, WalkDir};

/// Folders that hold tooling, never posts, and can be huge.
const SKIPPED_FOLDERS: &[&str] = &["node_modules"];

/// The root's folders whose Markdown is not the user's posts: templates for new posts (Hugo's
/// `archetypes/`, `{{ .Date }}` placeholders), themes with their READMEs and example sites
/// (Hugo, Zola) and bundled gems (Jekyll's `vendor/bundle`).
pub(super) const ROOT_FOLDERS_WITHOUT_POSTS: &[&str] = &["archetypes", "themes", "vendor"];

/// Every post file under `root` as (relative path, absolute path), in no particular order,
/// found as the iterator is advanced. Symlinks are not followed (a loop cannot hang the scan)
/// nor listed (they may lead out of the workspace); unreadable folders below `root` are skipped
/// (the scan refuses an unreadable root before walking).
pub(super) fn post_files(root: &Path) -> impl Iterator<Item = (String, PathBuf)> + Send + '_ {
    walk(root, root)
}

/// The post files under `dir`, a folder inside `root`, with paths relative to `root`.
pub(super) fn post_files_under(root: &Path, dir: &Path) -> Vec<(String, PathBuf)> {
    walk(root, dir).collect()
}

fn walk<'a>(root: &'a Path, dir: &Path) -> impl Iterator<Item = (String, PathBuf)> + Send + 'a {
    WalkDir::new(dir)
        .follow_links(false)
        .into_iter()
        .filter_entry(move |entry| {
            entry.depth() == 0 || !(is_ignored_name(entry) || holds_no_posts(root, entry))
        })
        .filter_map(|entry| entry.ok())
        .filter(|entry| entry.file_type().is_file() && is_post_file(entry.path()))
        .filter_map(|entry| {
            // A name that is not UTF-8 is listed too, to say it must be renamed.
            let rel = paths::relative(root, entry.path())
                .or_else(|| paths::listed_name(root, entry.path()))?;
            Some((rel, entry.into_path()))
        })
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
