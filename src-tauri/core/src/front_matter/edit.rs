//! Lossless edits: setting, adding or removing one key changes only that key's lines.
//!
//! Each syntax has its own line-level editor (`yaml`, `toml`, `json`) that touches only the
//! key's own bytes. Every edit is then re-read and compared with the old values plus the
//! change; if anything else moved, the edit is refused rather than returning a mangled file.

mod json;
mod toml;
mod yaml;

use super::parse::parse_fields;
use super::split::{split, Split};
use super::{parse, Format, Value};
use crate::{Error, Result};

/// Set `key` to `value` in the post's front matter and return the new text. An existing key's
/// lines are replaced in place (keeping its quoting style where the value is still a string);
/// a new key is appended to the root table. A post without front matter gains a block in
/// `new_block` format.
pub fn set(text: &str, key: &str, value: &Value, new_block: Format) -> Result<String> {
    let parts = split(text)?;
    let Some(format) = parts.format else {
        return with_new_block(&parts, key, value, new_block);
    };
    let old = parse_fields(&parts)?;
    if let Some(taxonomies) = taxonomies_for(&old, key) {
        let mut map = taxonomies.clone();
        match map.iter_mut().find(|(k, _)| k == key) {
            Some((_, slot)) => *slot = value.clone(),
            None => map.push((key.to_string(), value.clone())),
        }
        return set_taxonomies(&parts, format, old, key, Some(value), map);
    }
    let le = parts.line_ending.as_str();
    let front = parts.front_text();
    let new_front = match format {
        Format::Yaml => yaml::set(front, key, value, le)?,
        Format::Toml => toml::set(front, key, value, le)?,
        Format::Json => json::set(front, key, value, le)?,
    };
    let new_text = replace_front(&parts, &new_front);
    let mut expected = old;
    match expected.iter_mut().find(|(k, _)| k == key) {
        Some((_, slot)) => *slot = value.clone(),
        None => expected.push((key.to_string(), value.clone())),
    }
    verify(&new_text, &expected, Some(key))?;
    Ok(new_text)
}

/// Remove `key` and its lines; text without that key comes back unchanged.
pub fn remove(text: &str, key: &str) -> Result<String> {
    let parts = split(text)?;
    let Some(format) = parts.format else {
        return Ok(text.to_string());
    };
    let mut expected = parse_fields(&parts)?;
    if let Some(taxonomies) = taxonomies_for(&expected, key) {
        let map: Vec<_> = taxonomies
            .iter()
            .filter(|(k, _)| k != key)
            .cloned()
            .collect();
        if map.len() == taxonomies.len() {
            return Ok(text.to_string());
        }
        return set_taxonomies(&parts, format, expected, key, None, map);
    }
    let Some(index) = expected.iter().position(|(k, _)| k == key) else {
        return Ok(text.to_string());
    };
    expected.remove(index);
    let front = parts.front_text();
    let new_front = match format {
        Format::Yaml => yaml::remove(front, key)?,
        Format::Toml => toml::remove(front, key)?,
        Format::Json => json::remove(front, key)?,
    };
    let new_text = replace_front(&parts, &new_front);
    verify(&new_text, &expected, None)?;
    Ok(new_text)
}

/// Set `draft` to `draft` (adding the key if needed; a new block in `new_block` format).
/// Where the post says `published` (Jekyll's key), that key is set to the opposite, and
/// `draft` only if the post has it too.
pub fn set_draft(text: &str, draft: bool, new_block: Format) -> Result<String> {
    let fm = parse(text)?;
    if fm.get("published").is_none() {
        return set(text, "draft", &Value::Bool(draft), new_block);
    }
    let text = set(text, "published", &Value::Bool(!draft), new_block)?;
    match fm.get("draft") {
        Some(_) => set(&text, "draft", &Value::Bool(draft), new_block),
        None => Ok(text),
    }
}

/// Mark as published where the post says otherwise (`draft: true`, `published: false`); a post
/// without either key is returned untouched (it is published already).
pub fn clear_draft(text: &str) -> Result<String> {
    let fm = parse(text)?;
    if fm.get("draft").is_none() && fm.get("published").is_none() {
        return Ok(text.to_string());
    }
    // The block exists, so the `new_block` format is never used.
    set_draft(text, false, Format::Yaml)
}

/// Flip `draft`; returns the new text and the new draft state.
pub fn toggle_draft(text: &str, new_block: Format) -> Result<(String, bool)> {
    let draft = !parse(text)?.is_draft();
    Ok((set_draft(text, draft, new_block)?, draft))
}

/// Zola's `taxonomies` table, where a post that has one and no top-level `tags` or
/// `categories` keeps those (Zola ignores them at the top level).
fn taxonomies_for<'a>(
    fields: &'a [(String, Value)],
    key: &str,
) -> Option<&'a Vec<(String, Value)>> {
    if !matches!(key, "tags" | "categories") || fields.iter().any(|(k, _)| k == key) {
        return None;
    }
    match fields.iter().find(|(k, _)| k == "taxonomies") {
        Some((_, Value::Map(map))) => Some(map),
        _ => None,
    }
}

/// Set (or with `None` remove) `key` inside the `taxonomies` table, which becomes `map`.
/// TOML edits the one key in its `[taxonomies]` table; YAML and JSON rewrite the table's value.
fn set_taxonomies(
    parts: &Split<'_>,
    format: Format,
    mut expected: Vec<(String, Value)>,
    key: &str,
    value: Option<&Value>,
    map: Vec<(String, Value)>,
) -> Result<String> {
    let (le, front) = (parts.line_ending.as_str(), parts.front_text());
    let map = Value::Map(map);
    let new_front = match format {
        Format::Toml => toml::set_in_table(front, "taxonomies", key, value)?,
        Format::Yaml => yaml::set(front, "taxonomies", &map, le)?,
        Format::Json => json::set(front, "taxonomies", &map, le)?,
    };
    let new_text = replace_front(parts, &new_front);
    if let Some((_, slot)) = expected.iter_mut().find(|(k, _)| k == "taxonomies") {
        *slot = map;
    }
    verify(&new_text, &expected, Some("taxonomies"))?;
    Ok(new_text)
}

fn replace_front(parts: &Split<'_>, new_front: &str) -> String {
    let text = parts.text;
    format!(
        "{}{}{}",
        &text[..parts.front.start],
        new_front,
        &text[parts.front.end..]
    )
}

/// A post without front matter gains a block at the top (after the BOM), then a blank line.
fn with_new_block(parts: &Split<'_>, key: &str, value: &Value, format: Format) -> Result<String> {
    let le = parts.line_ending.as_str();
    let block = match format {
        Format::Yaml => format!("---{le}{}---{le}", yaml::set("", key, value, le)?),
        Format::Toml => format!("+++{le}{}+++{le}", toml::set("", key, value, le)?),
        Format::Json => format!("{}{le}", json::set("{}", key, value, le)?),
    };
    let body = parts.body_text();
    let gap = if body.is_empty() || body.starts_with(['\n', '\r']) {
        ""
    } else {
        le
    };
    let text = format!("{}{block}{gap}{body}", &parts.text[..parts.content_start()]);
    verify(&text, &[(key.to_string(), value.clone())], Some(key))?;
    Ok(text)
}

/// Re-read the edited text: it must hold exactly `expected`, the edited key compared loosely
/// (a string that looks like a date reads back as a date).
fn verify(new_text: &str, expected: &[(String, Value)], edited: Option<&str>) -> Result<()> {
    let refused = |detail: &str| {
        Error::FrontMatter {
        path: Default::default(),
        message: format!(
            "could not make this edit without changing other keys ({detail}); edit the front matter by hand"
        ),
    }
    };
    let parts = split(new_text).map_err(|e| refused(&e.to_string()))?;
    let actual = parse_fields(&parts).map_err(|e| refused(&e.to_string()))?;
    // A new key's place depends on the syntax (TOML puts it before any table), so the edited
    // key is compared on its own and the other keys in order.
    let (actual_edited, actual_rest) = take_key(&actual, edited);
    let (expected_edited, expected_rest) = take_key(expected, edited);
    let same = actual_rest.len() == expected_rest.len()
        && actual_rest
            .iter()
            .zip(&expected_rest)
            .all(|((ak, av), (ek, ev))| ak == ek && strictly_equal(av, ev))
        && match (actual_edited, expected_edited) {
            (Some(a), Some(e)) => loosely_equal(a, e),
            (None, None) => true,
            _ => false,
        };
    if same {
        Ok(())
    } else {
        Err(refused("the result did not read back as expected"))
    }
}

/// Split off `key`'s value (when given) from the other fields, which keep their order.
fn take_key<'a>(
    fields: &'a [(String, Value)],
    key: Option<&str>,
) -> (Option<&'a Value>, Vec<&'a (String, Value)>) {
    let edited = key
        .and_then(|key| fields.iter().find(|(k, _)| k == key))
        .map(|(_, v)| v);
    let rest = fields
        .iter()
        .filter(|(k, _)| Some(k.as_str()) != key)
        .collect();
    (edited, rest)
}

/// Equality where NaN equals NaN (a float that was NaN before the edit still is).
fn strictly_equal(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Float(x), Value::Float(y)) => x == y || (x.is_nan() && y.is_nan()),
        (Value::List(xs), Value::List(ys)) => {
            xs.len() == ys.len() && xs.iter().zip(ys).all(|(x, y)| strictly_equal(x, y))
        }
        (Value::Map(xs), Value::Map(ys)) => {
            xs.len() == ys.len()
                && xs
                    .iter()
                    .zip(ys)
                    .all(|((xk, xv), (yk, yv))| xk == yk && strictly_equal(xv, yv))
        }
        _ => a == b,
    }
}

/// Like `strictly_equal`, but a string and a date with the same text are the same value
/// (YAML and JSON have no date type; a float with an integral value may read back as one).
pub(super) fn loosely_equal(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Date(d), Value::String(s)) | (Value::String(s), Value::Date(d)) => &d.text == s,
        (Value::Float(x), Value::Int(i)) | (Value::Int(i), Value::Float(x)) => *x == *i as f64,
        (Value::List(xs), Value::List(ys)) => {
            xs.len() == ys.len() && xs.iter().zip(ys).all(|(x, y)| loosely_equal(x, y))
        }
        (Value::Map(xs), Value::Map(ys)) => {
            xs.len() == ys.len()
                && xs
                    .iter()
                    .zip(ys)
                    .all(|((xk, xv), (yk, yv))| xk == yk && loosely_equal(xv, yv))
        }
        _ => strictly_equal(a, b),
    }
}

#[cfg(test)]
mod tests;
