//! Lossless edits: setting, adding or removing one key changes only that key's lines.

use super::{Format, Value};
use crate::Result;

/// Set `key` to `value` in the post's front matter and return the new text. An existing key's
/// lines are replaced in place (keeping its quoting style where the value is still a string);
/// a new key is appended to the root table. A post without front matter gains a block in
/// `new_block` format.
pub fn set(text: &str, key: &str, value: &Value, new_block: Format) -> Result<String> {
    let _ = (text, key, value, new_block);
    todo!("front_matter::set")
}

/// Remove `key` and its lines; text without that key comes back unchanged.
pub fn remove(text: &str, key: &str) -> Result<String> {
    let _ = (text, key);
    todo!("front_matter::remove")
}

/// Set `draft` to `draft` (adding the key if needed; a new block in `new_block` format).
pub fn set_draft(text: &str, draft: bool, new_block: Format) -> Result<String> {
    let _ = (text, draft, new_block);
    todo!("front_matter::set_draft")
}

/// Mark as published: `draft: false` where the key exists; a post without the key is returned
/// untouched (a missing key already means published).
pub fn clear_draft(text: &str) -> Result<String> {
    let _ = text;
    todo!("front_matter::clear_draft")
}

/// Flip `draft`; returns the new text and the new draft state.
pub fn toggle_draft(text: &str, new_block: Format) -> Result<(String, bool)> {
    let _ = (text, new_block);
    todo!("front_matter::toggle_draft")
}
