//! Creating a post from a title.

use crate::front_matter::Format;
use crate::Result;
use chrono::{DateTime, FixedOffset};
use std::path::{Path, PathBuf};

/// A file-name slug: lowercase, ASCII-folded, words joined by hyphens.
pub fn slugify(title: &str) -> String {
    let _ = title;
    todo!("slugify")
}

/// The text of a new post: front matter in `format` with the title, `date` (RFC 3339 with its
/// offset) and `draft: true`, or `archetype` filled in when the workspace has one.
pub fn new_post_text(title: &str, date: DateTime<FixedOffset>, format: Format, archetype: Option<&str>) -> String {
    let _ = (title, date, format, archetype);
    todo!("new_post_text")
}

/// Create `<dir>/<slug>.md` under the workspace `root`; uses `root/archetypes/default.md` when
/// present. Never overwrites: an existing name gets `-2`, `-3`, ... Returns the new path.
pub fn create_post(root: &Path, dir: &Path, title: &str, format: Format, now: DateTime<FixedOffset>) -> Result<PathBuf> {
    let _ = (root, dir, title, format, now);
    todo!("create_post")
}
