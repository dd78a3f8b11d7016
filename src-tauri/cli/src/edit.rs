//! `draft`, `set`, `unset` and `get`: reading and editing one post's front matter. Edits are
//! saved atomically against the revision read, so a change made meanwhile is never overwritten.

use crate::output;
use crate::{DraftState, Outcome};
use draftsmith_core::front_matter::{self, Format, Value};
use draftsmith_core::save::{self, Loaded};
use draftsmith_core::{post_ops, workspace, Error, Result};
use std::path::{Path, PathBuf};

/// The format of a block added to a post that has none: the one most posts of its workspace
/// use, as the app does (a TOML site's post gains `+++`, not `---`). The workspace is only
/// scanned when the post has no block.
fn new_block(file: &Path, text: &str) -> Format {
    match front_matter::split(text) {
        Ok(parts) if parts.format.is_none() => {
            let root = crate::publish::workspace_of(file);
            workspace::Workspace::scan(&root).map_or(Format::Yaml, |w| w.usual_format())
        }
        // The post has a block (or one that cannot be edited): no new one is made.
        _ => Format::Yaml,
    }
}

/// Apply `state` to every file; each failure is reported and the others still processed.
pub fn draft(state: DraftState, files: &[PathBuf]) -> Outcome {
    let mut failed = false;
    for file in files {
        // `later.md` typed inside `_drafts/` is found there through its full path.
        let full = std::path::absolute(file).unwrap_or_else(|_| file.to_path_buf());
        let spelt = if drafts_folder_of(file).is_some() { file } else { full.as_path() };
        let done = match drafts_folder_of(spelt) {
            Some(site) if !matches!(state, DraftState::On) => publish_from_drafts(spelt, site).map(|to| {
                format!("{}: published as {}", file.display(), to.display())
            }),
            // Waiting in `_drafts/` is being a draft: nothing to write, but it must be there.
            Some(_) => check_post(file)
                .and_then(|()| save::read_text(file))
                .map(|_| format!("{}: draft", file.display())),
            None => draft_one(state, file).map(|is_draft| {
                let word = if is_draft { "draft" } else { "published" };
                format!("{}: {word}", file.display())
            }),
        };
        match done {
            Ok(line) => output::line(&line),
            Err(error) => {
                output::report(&error);
                failed = true;
            }
        }
    }
    if failed {
        Outcome::Problems
    } else {
        Outcome::Done
    }
}

/// The folder holding the `_drafts/` that `file` waits in (Jekyll's site, or a category of it).
fn drafts_folder_of(file: &Path) -> Option<&Path> {
    file.ancestors()
        .skip(1)
        .find(|dir| dir.file_name().is_some_and(|name| name == workspace::DRAFTS_FOLDER))
        .map(|drafts| drafts.parent().unwrap_or(Path::new("")))
}

/// Publish a post out of `_drafts/` as the app does: moved into `_posts/`, named with its date.
/// Returns where it went, spelt from `site` as the file was.
fn publish_from_drafts(file: &Path, site: &Path) -> Result<PathBuf> {
    check_post(file)?;
    let root = if site.as_os_str().is_empty() { Path::new(".") } else { site };
    // The move names the post by its text: a name that is not UTF-8, spelt lossily, would name
    // no file or another one.
    let Some(rel) = file.strip_prefix(site).unwrap_or(file).to_str() else {
        let message = format!("{}: the file's name is not valid UTF-8; rename the file to publish it", file.display());
        return Err(Error::InvalidValue { message });
    };
    let rel = rel.replace('\\', "/");
    // Publishing clears a flag and never adds a block: the format is not used.
    let written = post_ops::set_draft(root, &rel, false, Format::Yaml)?;
    Ok(site.join(written.path))
}

/// Returns whether the post is a draft afterwards.
fn draft_one(state: DraftState, file: &Path) -> Result<bool> {
    check_post(file)?;
    let loaded = save::read_text(file)?;
    let named = |e: Error| e.with_path(file);
    let is_draft = match state {
        DraftState::On => true,
        DraftState::Off => false,
        DraftState::Toggle => !front_matter::parse(&loaded.text).map_err(named)?.is_draft(),
    };
    // Clearing never adds a block, so only marking a draft looks for the usual format.
    let block = if is_draft { new_block(file, &loaded.text) } else { Format::Yaml };
    let text = post_ops::draft_text(&loaded.text, is_draft, in_jekyll_posts(file), block)
        .map_err(named)?;
    save_if_changed(file, &loaded, &text)?;
    Ok(is_draft)
}

/// Whether `file` is in Jekyll's `_posts/` (or a folder under it), also when typed inside it:
/// the core's rule, with the current folder as the workspace.
fn in_jekyll_posts(file: &Path) -> bool {
    let full = std::path::absolute(file).unwrap_or_else(|_| file.to_path_buf());
    let here = std::env::current_dir().unwrap_or_default();
    full.parent().is_some_and(|dir| draftsmith_core::workspace::is_posts_folder(&here, dir))
}

pub fn set(file: &Path, key: &str, value: &str) -> Result<Outcome> {
    check_post(file)?;
    check_key(file, key)?;
    let value = front_matter::parse_flow_value(value).map_err(|e| Error::InvalidValue {
        message: format!("{}: {key}: {e}", file.display()),
    })?;
    let loaded = save::read_text(file)?;
    let block = new_block(file, &loaded.text);
    let text = front_matter::set(&loaded.text, key, &value, block).map_err(|e| match e {
        // A value the post's syntax cannot hold (null in TOML): named like a value refused above.
        Error::InvalidValue { message } => Error::InvalidValue {
            message: format!("{}: {key}: {message}", file.display()),
        },
        e => e.with_path(file),
    })?;
    save_if_changed(file, &loaded, &text)?;
    Ok(Outcome::Done)
}

/// Only posts are edited, the files the app lists: a front-matter block written at the top of
/// the site's `config.toml` or a note (`draft on *`) would break it.
fn check_post(file: &Path) -> Result<()> {
    if !draftsmith_core::workspace::is_post_file(file) {
        let message = format!("{}: not a post (a .md or .markdown file)", file.display());
        return Err(Error::InvalidValue { message });
    }
    Ok(())
}

/// A blank key is valid YAML (`"": x`) but never what someone typing a command meant.
fn check_key(file: &Path, key: &str) -> Result<()> {
    if key.trim().is_empty() {
        let message = format!("{}: the key must not be empty", file.display());
        return Err(Error::InvalidValue { message });
    }
    // Nor is a space around it (`" title"`, a quoted variable): a second key beside `title`.
    if key.trim() != key {
        let message = format!("{}: the key {key:?} must not start or end with white space", file.display());
        return Err(Error::InvalidValue { message });
    }
    Ok(())
}

pub fn unset(file: &Path, key: &str) -> Result<Outcome> {
    check_post(file)?;
    check_key(file, key)?;
    let loaded = save::read_text(file)?;
    let text = front_matter::remove(&loaded.text, key).map_err(|e| e.with_path(file))?;
    // Nothing removed: a mistyped key would otherwise pass for done.
    if text == loaded.text {
        let message = format!("{}: no `{key}` in the front matter", file.display());
        return Err(Error::InvalidValue { message });
    }
    save_if_changed(file, &loaded, &text)?;
    Ok(Outcome::Done)
}

pub fn get(file: &Path, key: Option<&str>) -> Result<Outcome> {
    let loaded = save::read_text(file)?;
    let fm = front_matter::parse(&loaded.text).map_err(|e| e.with_path(file))?;
    // `{}` would read as an empty block: a site's config or a bare note has none at all.
    if fm.format.is_none() {
        let message = format!("{}: has no front matter", file.display());
        return Err(Error::InvalidValue { message });
    }
    let json = match key {
        None => output::fields_to_json(&fm.fields),
        Some(key) => match fm.get(key).or_else(|| in_taxonomies(&fm, key)) {
            Some(value) => output::value_to_json(value),
            None => {
                let message = format!("{}: no `{key}` in the front matter", file.display());
                return Err(Error::InvalidValue { message });
            }
        },
    };
    output::line(&output::json(&json));
    Ok(Outcome::Done)
}

/// Zola's `tags` and `categories` under `[taxonomies]`, where `set` and `unset` edit them when
/// the post has no top-level key of that name.
fn in_taxonomies<'a>(fm: &'a front_matter::FrontMatter, key: &str) -> Option<&'a Value> {
    if !matches!(key, "tags" | "categories") {
        return None;
    }
    match fm.get("taxonomies")? {
        Value::Map(map) => map.iter().find(|(k, _)| k == key).map(|(_, v)| v),
        _ => None,
    }
}

/// Leave an unchanged file alone: same bytes, same modification time, no watcher event.
fn save_if_changed(file: &Path, loaded: &Loaded, text: &str) -> Result<()> {
    if text != loaded.text {
        save::save(file, text, Some(&loaded.revision))?;
    }
    Ok(())
}
