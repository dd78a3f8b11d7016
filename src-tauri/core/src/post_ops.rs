//! Operations on one post file of a workspace: flip its draft flag on disk, rename it, duplicate
//! it. Each goes through the lossless front-matter edit and the atomic, revision-checked save.

use crate::front_matter::{self, Format, Value};
use crate::new_post::{slugify, Names};
use crate::workspace::{in_drafts_folder, is_posts_folder};
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
/// (see [`drafts_folder`]), setting leaves it as it is. One in `_posts/` is made a draft by
/// `published: false`.
pub fn set_draft(root: &Path, rel: &str, draft: bool, new_block: Format) -> Result<Written> {
    if in_drafts_folder(rel) {
        if draft {
            return Ok(Written { path: rel.to_string(), revision: None });
        }
        return drafts_folder::publish(root, rel, chrono::Local::now().date_naive());
    }
    let abs = paths::resolve(root, rel)?;
    let loaded = save::read_text(&abs)?;
    let text = draft_text(&loaded.text, draft, in_posts_folder(root, &abs), new_block).map_err(|e| e.with_path(&abs))?;
    let revision = write_if_changed(&abs, &loaded, &text)?;
    Ok(Written { path: rel.to_string(), revision })
}

/// `text` with its draft flag set or cleared. A post in Jekyll's `_posts/` (`in_jekyll_posts`)
/// is held back by `published: false`: Jekyll knows no `draft` key and would publish it.
pub fn draft_text(text: &str, draft: bool, in_jekyll_posts: bool, new_block: Format) -> Result<String> {
    if !draft {
        return front_matter::clear_draft(text);
    }
    let text = front_matter::set_draft(text, true, new_block)?;
    Ok(if in_jekyll_posts { drafts_folder::held_back(text, new_block) } else { text })
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
        // page overwriting the other); the copy takes the slug of its own name, without the
        // date it may start with (Jekyll puts that date in the address already), as a rename.
        let name = file_title(&target);
        let slug = slugify(drafts_folder::date_prefix(&name).map_or(&name[..], |date| &name[date.len()..]));
        text = front_matter::set(&text, "slug", &Value::String(slug), new_block).map_err(|e| e.with_path(&abs))?;
    }
    if in_posts_folder(root, &abs) {
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

/// Whether the post at `abs` is in Jekyll's `_posts/` (or a folder of it).
fn in_posts_folder(root: &Path, abs: &Path) -> bool {
    abs.parent().is_some_and(|dir| is_posts_folder(root, dir))
}

/// `<base>-copy<ext>`, then `<base>-copy-2<ext>`, ... whichever is not the address of a post
/// there yet (`Post-Copy.markdown` or a `post-copy/` folder is, as for new posts and renames).
fn free_name(base: &Path, ext: &str) -> Result<PathBuf> {
    let name = base.file_name().and_then(|n| n.to_str()).unwrap_or("post");
    let names = Names::of(base.parent().unwrap_or(base), None);
    for n in 1..10_000 {
        let suffix = if n == 1 { "-copy".to_string() } else { format!("-copy-{n}") };
        let stem = format!("{name}{suffix}");
        let candidate = base.with_file_name(format!("{stem}{ext}"));
        if names.same_address(&stem).is_none() && !candidate.exists() {
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
#[path = "post_ops_tests.rs"]
mod tests;
