//! A fast reader for the YAML front matter almost every post has: one `key: value` per line,
//! values that are quoted strings, plain words, dates, small integers, booleans or one-line flow
//! lists. Scanning thousands of posts spent most of its time in the full YAML parser, for
//! blocks like these.
//!
//! It answers only when it is sure to give exactly what the full parser gives; on anything
//! else (indentation, comments after values, escapes, anchors, floats, odd keys...) it returns
//! `None` and the caller parses the block in full.

use super::lines::{find_byte, split_lines};
use super::Value;

/// The fields of a simple YAML block, in order, or `None` when the block needs the full parser.
/// The keys are the block's own text: a caller that only looks fields up copies none.
pub(super) fn yaml_fields(front: &str) -> Option<Vec<(&str, Value)>> {
    // Room for the usual handful of fields: growing one at a time showed in the scan.
    let mut fields: Vec<(&str, Value)> = Vec::with_capacity(8);
    for line in split_lines(front) {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.bytes().all(|b| b == b' ') || line.starts_with('#') {
            continue;
        }
        let (key, rest) = split_key(line)?;
        // The full parser refuses duplicate keys; leave that message to it.
        if fields.iter().any(|(k, _)| *k == key) {
            return None;
        }
        let value = block_value(rest.trim_matches(' '))?;
        fields.push((key, value));
    }
    Some(fields)
}

/// `key` and what follows `": "`, for a key at the start of the line made of ASCII letters,
/// digits, `_` and `-` (starting with a letter or `_`) that YAML reads as that same string.
fn split_key(line: &str) -> Option<(&str, &str)> {
    let colon = find_byte(line, b':')?;
    let (key, rest) = (&line[..colon], &line[colon + 1..]);
    let first = key.bytes().next()?;
    // YAML caps implicit keys at 1024 characters; long keys are left to it.
    let key_ok = key.len() <= 128
        && (first.is_ascii_alphabetic() || first == b'_')
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
        // `True: x` would come back from YAML as the key `true`.
        && !is_null(key)
        && parse_bool(key).is_none();
    // A value must follow after a space: `key:` alone may open a nested block.
    (key_ok && rest.starts_with(' ')).then_some((key, rest))
}

fn block_value(text: &str) -> Option<Value> {
    match text.as_bytes().first()? {
        b'[' => flow_list(text),
        b'"' | b'\'' => {
            let (value, rest) = quoted(text)?;
            rest.is_empty().then_some(value)
        }
        _ => plain(text, false),
    }
}

/// A one-line flow list of scalars: `[a, "b c", 3]`, or `[]`.
fn flow_list(text: &str) -> Option<Value> {
    let inner = text.strip_prefix('[')?.strip_suffix(']')?;
    let mut items = Vec::with_capacity(4);
    let mut rest = inner.trim_start_matches(' ');
    if rest.is_empty() {
        return Some(Value::List(items));
    }
    loop {
        let (item, after) = if rest.starts_with(['"', '\'']) {
            quoted(rest)?
        } else {
            let end = rest.find(',').unwrap_or(rest.len());
            (
                plain(rest[..end].trim_end_matches(' '), true)?,
                &rest[end..],
            )
        };
        items.push(item);
        let after = after.trim_start_matches(' ');
        if after.is_empty() {
            return Some(Value::List(items));
        }
        // `[a, b,]` and `[a,,b]` are left to the full parser.
        rest = after.strip_prefix(',')?.trim_start_matches(' ');
        if rest.is_empty() || rest.starts_with(',') {
            return None;
        }
    }
}

/// A quoted string without escapes at the start of `text`, and the text after it (trimmed).
fn quoted(text: &str) -> Option<(Value, &str)> {
    let quote = text.chars().next()?;
    let body = &text[1..];
    let end = match u8::try_from(quote) {
        Ok(byte) if byte.is_ascii() => find_byte(body, byte),
        _ => body.find(quote),
    }?;
    let content = &body[..end];
    let clean = if content.is_ascii() {
        content.bytes().all(|b| b != b'\\' && !b.is_ascii_control())
    } else {
        content.chars().all(|c| c != '\\' && is_printable(c))
    };
    // A doubled `''` is an escaped quote in single-quoted YAML: leave it to the full parser.
    let after = &body[end + 1..];
    if !clean || after.starts_with(quote) {
        return None;
    }
    Some((
        Value::from_text(content.to_string()),
        after.trim_start_matches(' '),
    ))
}

/// A plain (unquoted) scalar. In a flow list, `,` `[` `]` `{` `}` end or break it.
fn plain(text: &str, in_flow: bool) -> Option<Value> {
    let first = text.chars().next()?;
    let chars_ok = if text.is_ascii() {
        text.bytes().all(|b| plain_ascii(b, in_flow))
    } else {
        text.chars().all(|c| match u8::try_from(c) {
            Ok(b) if b.is_ascii() => plain_ascii(b, in_flow),
            _ => c.is_alphanumeric(),
        })
    };
    // `a: b` inside a value, a trailing `:` and ` #` comments change what YAML reads.
    let breaks = |pair: &[u8]| matches!(pair, [b':', b' '] | [b' ', b'#']);
    if !chars_ok || text.as_bytes().windows(2).any(breaks) || text.ends_with(':') {
        return None;
    }
    if first.is_ascii_digit() {
        return number_or_date(text);
    }
    if !first.is_alphanumeric() {
        return None;
    }
    if is_null(text) {
        return None;
    }
    if let Some(b) = parse_bool(text) {
        return Some(Value::Bool(b));
    }
    // Letter-first words are strings (YAML's float reading gives only non-finite values for
    // `inf` or `nan`, which it then keeps as strings).
    Some(Value::from_text(text.to_string()))
}

/// An ASCII character a plain scalar may hold (in a flow list, not `,`).
fn plain_ascii(b: u8, in_flow: bool) -> bool {
    b.is_ascii_alphanumeric()
        || matches!(b, b' ' | b'-' | b'_' | b'.' | b':' | b'+' | b'/' | b'\'')
        || (!in_flow && b == b',')
}

/// Digits: a decimal integer without leading zeros, or a date-like string; anything else
/// (floats, hex, leading zeros, `2024 review`) goes to the full parser.
fn number_or_date(text: &str) -> Option<Value> {
    if text.bytes().all(|b| b.is_ascii_digit()) {
        if text.len() > 1 && text.starts_with('0') {
            return None;
        }
        return text.parse::<i64>().ok().map(Value::Int);
    }
    match Value::from_text(text.to_string()) {
        date @ Value::Date(_) => Some(date),
        _ => None,
    }
}

fn is_null(text: &str) -> bool {
    matches!(text, "null" | "Null" | "NULL" | "~")
}

fn parse_bool(text: &str) -> Option<bool> {
    match text {
        "true" | "True" | "TRUE" => Some(true),
        "false" | "False" | "FALSE" => Some(false),
        _ => None,
    }
}

/// Characters YAML accepts inside a quoted scalar without escaping.
fn is_printable(c: char) -> bool {
    !c.is_control() && !matches!(c, '\u{feff}' | '\u{2028}' | '\u{2029}')
}

#[cfg(test)]
mod tests;
