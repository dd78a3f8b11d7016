//! `new`: creating a post from a title.

use crate::output;
use crate::{FormatArg, Outcome};
use draftsmith_core::front_matter::Format;
use draftsmith_core::new_post::create_post;
use draftsmith_core::workspace::Workspace;
use draftsmith_core::{front_matter, paths, save, Error, Result};
use std::path::{Component, Path, PathBuf};

pub fn new_post(title: &str, dir: Option<&Path>, format: Option<FormatArg>) -> Result<Outcome> {
    // As the app's New dialog takes it: trimmed, and never blank.
    let title = title.trim();
    if title.is_empty() {
        let message = "the title of a new post must not be empty".to_string();
        return Err(Error::InvalidValue { message });
    }
    let root = PathBuf::from(".");
    // Without `--dir`, where the site's posts are (the app's New does the same).
    let mut scanned = None;
    let dir = match dir {
        Some(dir) => dir.to_path_buf(),
        None => {
            let workspace = scanned.insert(Workspace::scan(&root)?);
            match workspace.folder_for_new_posts() {
                folder if folder.is_empty() => PathBuf::from("."),
                folder => PathBuf::from(folder),
            }
        }
    };
    let dir = without_missing_climbs(&dir);
    // Making the folder would fail with the system's "File exists" or "Not a directory".
    if let Some(file) = dir.ancestors().find(|a| a.exists()).filter(|a| !a.is_dir()) {
        let message = format!("{}: is a file, not a folder", file.display());
        return Err(Error::InvalidValue { message });
    }
    // A folder given by its full path (or through `..`) is the same as its relative path when
    // it is in the current folder; one elsewhere is its own root (archetypes are looked up
    // there), however it is spelt, also through a link here (`notes -> ~/notes`).
    let climbs = dir.components().any(|c| c == Component::ParentDir);
    let typed_here = !dir.is_absolute() && !climbs;
    let (root, dir) = match inside_here(&dir) {
        Some(_) if typed_here => (root, dir),
        Some(rel) => (root, rel),
        None => (dir, PathBuf::new()),
    };
    let asked = format.is_some();
    let format = match format {
        Some(FormatArg::Yaml) => Format::Yaml,
        Some(FormatArg::Toml) => Format::Toml,
        None => match &scanned {
            Some(workspace) => workspace.usual_format(),
            // A folder the post will create has no posts to follow.
            None if !root.is_dir() => Format::Yaml,
            None => Workspace::scan(&root)?.usual_format(),
        },
    };
    if asked {
        check_archetype_format(&root, format)?;
    }
    let now = chrono::Local::now().fixed_offset();
    let path = create_post(&root, &dir, title, format, now)?;
    // `./content/posts/x.md` reads better without the `./`.
    let shown = path.strip_prefix(".").unwrap_or(&path);
    output::line(&shown.display().to_string());
    Ok(Outcome::Done)
}

/// `dir` with each `..` that follows a folder not on disk taken out with that folder: such a
/// folder is no symlink, so `missing/..` is where it starts, and `posts/../drafts` must neither
/// make `posts` nor be printed with the `..`.
fn without_missing_climbs(dir: &Path) -> PathBuf {
    let mut tidy = PathBuf::new();
    for component in dir.components() {
        match component {
            Component::ParentDir
                if matches!(tidy.components().next_back(), Some(Component::Normal(_)))
                    && !tidy.exists() =>
            {
                tidy.pop();
            }
            Component::CurDir => {}
            component => tidy.push(component),
        }
    }
    if tidy.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        tidy
    }
}

/// `dir` relative to the current folder, when it is inside it; its deepest existing folder is
/// resolved, so a folder still to be made counts too.
fn inside_here(dir: &Path) -> Option<PathBuf> {
    let here = std::env::current_dir().ok()?.canonicalize().ok()?;
    // The last ancestor of a relative path is "", the current folder.
    let existing = dir.ancestors().find(|a| a.as_os_str().is_empty() || a.exists())?;
    let rest = dir.strip_prefix(existing).ok()?;
    let real = if existing.as_os_str().is_empty() {
        here.clone()
    } else {
        existing.canonicalize().ok()?
    };
    let rel = real
        .strip_prefix(&here)
        .ok()?
        .join(rest);
    Some(if rel.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        rel
    })
}

/// A site's archetype gives a new post its front matter as written, in its own format: a
/// `--format` it is not written in would be ignored without a word.
fn check_archetype_format(root: &Path, asked: Format) -> Result<()> {
    let Ok(path) = paths::resolve(root, "archetypes/default.md") else {
        return Ok(()); // refused by the creation itself, naming it
    };
    let Ok(loaded) = save::read_text(&path) else {
        return Ok(());
    };
    let name = |format| match format {
        Format::Yaml => "yaml",
        Format::Toml => "toml",
        Format::Json => "json",
    };
    match front_matter::split(&loaded.text).ok().and_then(|parts| parts.format) {
        Some(written) if written != asked => Err(Error::InvalidValue {
            message: format!(
                "{}: new posts follow this archetype, written in {}; --format {} cannot apply",
                path.display(),
                name(written),
                name(asked)
            ),
        }),
        _ => Ok(()),
    }
}
