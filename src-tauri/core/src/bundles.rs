//! Page bundles: a post kept as `folder/index.md` (a leaf bundle, its pictures beside it) or a
//! section's `folder/_index.md`. What counts as one decides what moves, is copied or goes to
//! the trash with a post, where a new post goes and where an exported page is written.

use crate::paths;
use std::path::{Path, PathBuf};

/// `index.md` or `_index.md` (`.md` or `.markdown`, any letter case): a folder's own page.
pub fn is_index(path: &Path) -> bool {
    crate::workspace::is_post_file(path)
        && path.file_stem().is_some_and(|s| s.eq_ignore_ascii_case("index") || s.eq_ignore_ascii_case("_index"))
}

/// `folder/index.md`: a leaf bundle's text by its name (not a section's `_index.md`, not the
/// root's `index.md`). Whether the folder holds other posts is [`own_folder`]'s question.
pub fn is_leaf_index(path: &Path) -> bool {
    crate::workspace::is_post_file(path)
        && path.file_stem().is_some_and(|s| s.eq_ignore_ascii_case("index"))
        && path.parent().is_some_and(|dir| !dir.as_os_str().is_empty())
}

/// The folder that belongs to the post at `abs` alone: its `index`/`_index` file's folder when
/// that folder is inside the workspace `root` (not the root itself) and holds no other post
/// at any depth. Moving, copying or trashing it then takes the post's own files along and
/// nothing else; the index of the root, or of a folder with other posts, has no such folder.
pub fn own_folder(root: &Path, abs: &Path) -> Option<PathBuf> {
    if !is_index(abs) {
        return None;
    }
    let root = std::fs::canonicalize(root).ok()?;
    let dir = abs.parent()?;
    let rel = paths::relative(&root, abs)?;
    let inside = dir.starts_with(&root) && std::fs::canonicalize(dir).ok()? != root;
    let alone = crate::workspace::post_paths_under(&root, dir).iter().all(|post| *post == rel);
    (inside && alone).then(|| dir.to_path_buf())
}

/// The folder that goes to the trash with the post at `abs`: a leaf bundle's own folder (see
/// [`own_folder`]). A section's `_index.md` goes alone: its folder is the section's, whatever
/// else it holds.
pub fn trashed_with(root: &Path, abs: &Path) -> Option<PathBuf> {
    if !is_leaf_index(abs) {
        return None;
    }
    own_folder(root, abs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn index_names() {
        assert!(is_index(Path::new("trip/index.md")));
        assert!(is_index(Path::new("docs/_index.markdown")));
        assert!(is_index(Path::new("Trip/Index.MD")));
        assert!(!is_index(Path::new("trip/indexes.md")));
        assert!(!is_index(Path::new("trip/index.html")), "a bundle's own page file, not its text");
        assert!(is_leaf_index(Path::new("trip/index.md")));
        assert!(!is_leaf_index(Path::new("index.md")), "the root's index is no bundle");
        assert!(!is_leaf_index(Path::new("docs/_index.md")), "a section is no leaf");
    }

    #[test]
    fn a_folder_is_a_posts_own_when_no_other_post_is_under_it() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for (rel, text) in [
            ("trip/index.md", "# Trip"),
            ("trip/images/a.png", "png"),
            ("docs/_index.md", "# Docs"),
            ("docs/guide/page.md", "# Page"),
            ("index.md", "# Home"),
        ] {
            std::fs::create_dir_all(root.join(rel).parent().unwrap()).unwrap();
            std::fs::write(root.join(rel), text).unwrap();
        }
        assert_eq!(own_folder(root, &root.join("trip/index.md")), Some(root.join("trip")));
        assert_eq!(own_folder(root, &root.join("docs/_index.md")), None, "a post below it");
        assert_eq!(own_folder(root, &root.join("index.md")), None, "the root is no bundle");
        assert_eq!(own_folder(root, &root.join("docs/guide/page.md")), None, "not an index");
    }
}
