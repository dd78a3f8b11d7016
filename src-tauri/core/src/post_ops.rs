//! Operations on one post file of a workspace: flip its draft flag on disk, rename it, duplicate
//! it. Each goes through the lossless front-matter edit and the atomic, revision-checked save.

use crate::front_matter::{self, Format, Value};
use crate::new_post::slugify;
use crate::{paths, save, Error, Result};
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
pub fn set_draft(root: &Path, rel: &str, draft: bool, new_block: Format) -> Result<Written> {
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
/// bundle, `dir/index.md`, the folder is renamed) and update a `slug` key if it has one.
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
    let revision = write_if_changed(&abs, &loaded, &text)?;
    if !rename_file {
        return Ok(Written { path: rel.to_string(), revision });
    }
    let (from, to) = rename_target(&abs, &slug);
    if from == to {
        return Ok(Written { path: rel.to_string(), revision });
    }
    if to.exists() {
        return Err(Error::AlreadyExists { path: to });
    }
    std::fs::rename(&from, &to).map_err(|e| Error::io(&from, e))?;
    let moved = if is_bundle_index(&abs) { to.join(abs.file_name().unwrap_or_default()) } else { to };
    let new_rel = paths::relative(root, &moved).ok_or(Error::OutsideWorkspace { path: moved })?;
    Ok(Written { path: new_rel, revision })
}

/// Copy the post beside itself as a draft titled "… (copy)"; a page bundle is copied whole.
pub fn duplicate(root: &Path, rel: &str, new_block: Format) -> Result<Written> {
    let abs = paths::resolve(root, rel)?;
    let loaded = save::read_text(&abs)?;
    let fm = front_matter::parse(&loaded.text).map_err(|e| e.with_path(&abs))?;
    let title = format!("{} (copy)", fm.title.unwrap_or_else(|| file_title(&abs)));
    let text = front_matter::set(&loaded.text, "title", &Value::String(title), new_block)
        .and_then(|t| front_matter::set_draft(&t, true, new_block))
        .map_err(|e| e.with_path(&abs))?;
    let target = if is_bundle_index(&abs) {
        let dir = abs.parent().unwrap_or(root);
        let copy_dir = free_name(dir, "")?;
        copy_dir_files(dir, &copy_dir)?;
        copy_dir.join(abs.file_name().unwrap_or_default())
    } else {
        free_name(&abs.with_extension(""), ".md")?
    };
    let revision = save::save(&target, &text, None)?;
    let new_rel = paths::relative(root, &target).ok_or(Error::OutsideWorkspace { path: target })?;
    Ok(Written { path: new_rel, revision: Some(revision) })
}

fn write_if_changed(abs: &Path, loaded: &save::Loaded, text: &str) -> Result<Option<String>> {
    if text == loaded.text {
        return Ok(None);
    }
    save::save(abs, text, Some(&loaded.revision)).map(Some)
}

fn is_bundle_index(abs: &Path) -> bool {
    abs.file_stem().is_some_and(|s| s.eq_ignore_ascii_case("index") || s.eq_ignore_ascii_case("_index"))
}

/// The file (or bundle folder) to move, and where to.
fn rename_target(abs: &Path, slug: &str) -> (PathBuf, PathBuf) {
    if is_bundle_index(abs) {
        let dir = abs.parent().unwrap_or(abs).to_path_buf();
        let to = dir.with_file_name(slug);
        (dir, to)
    } else {
        let ext = abs.extension().and_then(|e| e.to_str()).unwrap_or("md");
        (abs.to_path_buf(), abs.with_file_name(format!("{slug}.{ext}")))
    }
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

fn copy_dir_files(from: &Path, to: &Path) -> Result<()> {
    std::fs::create_dir(to).map_err(|e| Error::io(to, e))?;
    for entry in std::fs::read_dir(from).map_err(|e| Error::io(from, e))? {
        let entry = entry.map_err(|e| Error::io(from, e))?;
        let src = entry.path();
        if src.is_file() && !is_bundle_index(&src) {
            std::fs::copy(&src, to.join(entry.file_name())).map_err(|e| Error::io(&src, e))?;
        }
    }
    Ok(())
}

fn file_title(abs: &Path) -> String {
    let stem = if is_bundle_index(abs) { abs.parent().and_then(|p| p.file_name()) } else { abs.file_stem() };
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
    fn paths_outside_the_workspace_are_refused() {
        let ws = workspace(&[("a.md", "x")]);
        let err = set_draft(ws.path(), "../a.md", true, Format::Yaml).unwrap_err();
        assert_eq!(err.kind(), "outside_workspace");
    }
}
