//! Publishing a post that waits in Jekyll's `_drafts/` folder: Jekyll publishes by place, so
//! the post moves to the `_posts/` beside that folder, its name starting with its date (Jekyll
//! skips a file in `_posts/` without one).

use crate::front_matter::{self, Format, Value};
use crate::workspace::DRAFTS_FOLDER;
use crate::{no_replace, paths, save, Error, Result};
use chrono::NaiveDate;
use std::path::{Path, PathBuf};

/// Move the draft at `rel` (in a `_drafts/` folder) into `_posts/`, dated by its front matter
/// (else today) and with any draft flag cleared; the new relative path and the revision
/// written, if the text changed. A post already at that place is never replaced.
pub fn publish(root: &Path, rel: &str, today: NaiveDate) -> Result<crate::post_ops::Written> {
    let abs = paths::resolve(root, rel)?;
    let loaded = save::read_text(&abs)?;
    let text = front_matter::clear_draft(&loaded.text).map_err(|e| e.with_path(&abs))?;
    let date = front_matter::parse(&text)
        .ok()
        .and_then(|fm| fm.date)
        .and_then(|date| day_of(&date.text))
        .unwrap_or(today);
    let to = root.join(published_rel(rel, date).ok_or(Error::OutsideWorkspace { path: abs.clone() })?);
    no_replace::ensure_free(&to)?;
    let folder = to.parent().map(Path::to_path_buf).unwrap_or_else(|| root.to_path_buf());
    // Nor may it take the address of a post there (`…-Idea.markdown`), as new posts and renames.
    let stem = to.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    if let Some(name) = crate::new_post::Names::of(&folder, None).same_address(&stem) {
        return Err(Error::AlreadyExists { path: folder.join(name) });
    }
    std::fs::create_dir_all(&folder).map_err(|e| Error::io(&folder, e))?;
    // Moved first, then its flag cleared: a move refused leaves the draft as it was.
    no_replace::rename(&abs, &to)?;
    let revision = if text == loaded.text {
        None
    } else {
        Some(save::save(&to, &text, Some(&loaded.revision))?)
    };
    let path = paths::relative(root, &to).ok_or(Error::OutsideWorkspace { path: to })?;
    Ok(crate::post_ops::Written { path, revision })
}

/// `_drafts/idea.md` published on `date`: `_posts/2025-09-16-idea.md` (the last `_drafts`
/// of the path becomes `_posts`; a name that starts with a date keeps it). `None` when `rel`
/// is in no drafts folder.
fn published_rel(rel: &str, date: NaiveDate) -> Option<PathBuf> {
    let (dir, name) = rel.rsplit_once('/')?;
    let segments: Vec<&str> = dir.split('/').collect();
    let at = segments.iter().rposition(|s| *s == DRAFTS_FOLDER)?;
    let mut out: PathBuf = segments[..at].iter().collect();
    out.push("_posts");
    out.extend(&segments[at + 1..]);
    if date_prefix(name).is_some() {
        out.push(name);
    } else {
        out.push(format!("{}-{name}", date.format("%Y-%m-%d")));
    }
    Some(out)
}

/// A draft made in Jekyll's `_posts/` (a new post, a copy) is held back by `published: false`:
/// Jekyll knows no `draft` key, and would put the draft on the site with its next build.
pub(crate) fn held_back(text: String, format: Format) -> String {
    let says_published = front_matter::parse(&text).is_ok_and(|fm| fm.get("published").is_some());
    if says_published {
        return text; // set already by `set_draft`
    }
    front_matter::set(&text, "published", &Value::Bool(false), format)
        .and_then(|t| front_matter::remove(&t, "draft"))
        .unwrap_or(text)
}

/// The `2025-09-16-` a file name starts with, if it starts with a date (as Jekyll's posts'
/// names must).
pub(crate) fn date_prefix(name: &str) -> Option<&str> {
    let prefix = name.get(..11)?;
    (prefix.ends_with('-') && NaiveDate::parse_from_str(&prefix[..10], "%Y-%m-%d").is_ok()).then_some(prefix)
}

/// The day a front-matter date names, as written (`2025-09-16 09:00:00 -0500` is the 16th).
fn day_of(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text.get(..10)?, "%Y-%m-%d").ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn the_place_in_posts_takes_the_date_unless_the_name_has_one() {
        let at = |rel: &str| published_rel(rel, day("2025-09-16")).map(|p| p.to_string_lossy().into_owned());
        assert_eq!(at("_drafts/idea.md").as_deref(), Some("_posts/2025-09-16-idea.md"));
        assert_eq!(at("travel/_drafts/2024-01-02-trip.md").as_deref(), Some("travel/_posts/2024-01-02-trip.md"));
        assert_eq!(at("_drafts/notes/x.markdown").as_deref(), Some("_posts/notes/2025-09-16-x.markdown"));
        assert_eq!(at("_drafts/2024-13-02-odd.md").as_deref(), Some("_posts/2025-09-16-2024-13-02-odd.md"));
        assert_eq!(at("posts/idea.md"), None);
    }

    #[test]
    fn a_draft_moves_to_posts_dated_by_its_front_matter_with_its_flag_cleared() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir(root.join("_drafts")).unwrap();
        let text = "---\ntitle: Idea\ndate: 2025-09-16 09:00:00 -0500\npublished: false\n---\nBody\n";
        std::fs::write(root.join("_drafts/idea.md"), text).unwrap();
        let written = publish(root, "_drafts/idea.md", day("2030-01-01")).unwrap();
        assert_eq!(written.path, "_posts/2025-09-16-idea.md");
        assert!(written.revision.is_some());
        assert!(!root.join("_drafts/idea.md").exists());
        let moved = std::fs::read_to_string(root.join(&written.path)).unwrap();
        assert_eq!(moved, text.replace("published: false", "published: true"));
    }

    #[test]
    fn an_undated_draft_takes_today_and_keeps_its_bytes() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir(root.join("_drafts")).unwrap();
        std::fs::write(root.join("_drafts/idea.md"), "# Idea\r\n").unwrap();
        let written = publish(root, "_drafts/idea.md", day("2026-12-01")).unwrap();
        assert_eq!(written, crate::post_ops::Written { path: "_posts/2026-12-01-idea.md".into(), revision: None });
        assert_eq!(std::fs::read(root.join("_posts/2026-12-01-idea.md")).unwrap(), b"# Idea\r\n");
    }

    #[test]
    fn a_post_already_at_the_place_is_not_replaced_and_nothing_changes() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir(root.join("_drafts")).unwrap();
        std::fs::create_dir(root.join("_posts")).unwrap();
        let text = "---\ndraft: true\n---\nnew\n";
        std::fs::write(root.join("_drafts/idea.md"), text).unwrap();
        std::fs::write(root.join("_posts/2026-12-01-idea.md"), "old").unwrap();
        let err = publish(root, "_drafts/idea.md", day("2026-12-01")).unwrap_err();
        assert!(matches!(err, Error::AlreadyExists { .. }), "{err:?}");
        assert_eq!(std::fs::read_to_string(root.join("_drafts/idea.md")).unwrap(), text);
        assert_eq!(std::fs::read_to_string(root.join("_posts/2026-12-01-idea.md")).unwrap(), "old");
    }

    #[test]
    fn a_post_at_the_same_address_in_posts_is_not_doubled() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir(root.join("_drafts")).unwrap();
        std::fs::create_dir(root.join("_posts")).unwrap();
        std::fs::write(root.join("_drafts/idea.md"), "---\ndraft: true\n---\nnew\n").unwrap();
        // Another name for the same page: Jekyll would build one over the other.
        std::fs::write(root.join("_posts/2026-12-01-Idea.markdown"), "old").unwrap();
        let err = publish(root, "_drafts/idea.md", day("2026-12-01")).unwrap_err();
        assert!(matches!(err, Error::AlreadyExists { .. }), "{err:?}");
        assert!(root.join("_drafts/idea.md").exists());
        assert!(!root.join("_posts/2026-12-01-idea.md").exists());
    }
}
