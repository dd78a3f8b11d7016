//! YAML front matter, edited line by line: a root key's lines are its key line plus the
//! indented (or `- ` list) lines under it; nothing else is touched.

use super::super::parse::yaml_value;
use super::super::{Date, Value};
use crate::{Error, Result};

/// A root key and the byte range of its lines in the front matter.
struct Entry {
    key: String,
    /// Start of the key's line.
    start: usize,
    /// End of the key's line, after its line ending.
    key_line_end: usize,
    /// Just after the `:` that ends the key.
    colon_end: usize,
    /// End of the last line that belongs to the value (blank and comment lines after it do not).
    end: usize,
}

/// How the old value was written, so a new value can be written the same way.
enum OldStyle {
    DoubleQuoted,
    SingleQuoted,
    BlockList { indent: String },
    BlockMap { indent: String },
    Other,
}

enum Rendered {
    Inline(String),
    /// Lines below the key line, indented, without line endings.
    Block(Vec<String>),
}

pub(super) fn set(front: &str, key: &str, value: &Value, le: &str) -> Result<String> {
    let entries = entries(front);
    let Some(entry) = entries.iter().find(|e| e.key == key) else {
        let key_text = render_key(key);
        let addition = match render(value, &OldStyle::Other) {
            Rendered::Inline(v) => format!("{key_text}: {v}{le}"),
            Rendered::Block(lines) => block_text(&format!("{key_text}:"), &lines, le),
        };
        // The front matter always ends with a line ending (the closing delimiter follows).
        let sep = if front.is_empty() || front.ends_with('\n') {
            ""
        } else {
            le
        };
        return Ok(format!("{front}{sep}{addition}"));
    };
    let key_line = &front[entry.start..entry.key_line_end];
    let content = key_line.trim_end_matches(['\r', '\n']);
    let ending = &key_line[content.len()..];
    let ending = if ending.is_empty() { le } else { ending };
    let prefix = &front[entry.start..entry.colon_end];
    let (old_value, comment) = split_comment(&content[prefix.len()..]);
    let style = old_style(old_value, &front[entry.key_line_end..entry.end]);
    let comment = comment.map(|c| format!(" {c}")).unwrap_or_default();
    let replacement = match render(value, &style) {
        Rendered::Inline(v) => format!("{prefix} {v}{comment}{ending}"),
        Rendered::Block(lines) => block_text(&format!("{prefix}{comment}"), &lines, ending),
    };
    Ok(format!(
        "{}{}{}",
        &front[..entry.start],
        replacement,
        &front[entry.end..]
    ))
}

pub(super) fn remove(front: &str, key: &str) -> Result<String> {
    let entries = entries(front);
    let entry = entries
        .iter()
        .find(|e| e.key == key)
        .ok_or_else(|| Error::FrontMatter {
            path: Default::default(),
            message: format!("could not find the lines of `{key}` to remove"),
        })?;
    Ok(format!("{}{}", &front[..entry.start], &front[entry.end..]))
}

fn block_text(first: &str, lines: &[String], le: &str) -> String {
    let mut text = format!("{first}{le}");
    for line in lines {
        text.push_str(line);
        text.push_str(le);
    }
    text
}

fn entries(front: &str) -> Vec<Entry> {
    let mut entries = Vec::new();
    let mut current: Option<Entry> = None;
    let mut pos = 0;
    for line in front.split_inclusive('\n') {
        let start = pos;
        pos += line.len();
        let content = line.trim_end_matches(['\r', '\n']);
        // Blank lines and root comments belong to no key unless more of its value follows.
        if content.trim().is_empty() || content.starts_with('#') {
            continue;
        }
        let indented = content.starts_with([' ', '\t']);
        let list_item = content == "-" || content.starts_with("- ") || content.starts_with("-\t");
        if indented || list_item {
            if let Some(entry) = current.as_mut() {
                entry.end = pos;
            }
            continue;
        }
        entries.extend(current.take());
        if let Some((key, colon_end)) = key_of(content) {
            current = Some(Entry {
                key,
                start,
                key_line_end: pos,
                colon_end: start + colon_end,
                end: pos,
            });
        }
    }
    entries.extend(current);
    entries
}

/// The key written at the start of a root line and the offset just after its `:`.
fn key_of(line: &str) -> Option<(String, usize)> {
    let (key, after) = if line.starts_with('"') {
        let end = closing_double_quote(line)?;
        (serde_json::from_str::<String>(&line[..=end]).ok()?, end + 1)
    } else if let Some(inner) = line.strip_prefix('\'') {
        let end = closing_single_quote(inner)? + 1;
        (line[1..end].replace("''", "'"), end + 1)
    } else if line.starts_with([
        '?', '-', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '%', '@', '`', ',',
    ]) {
        return None;
    } else {
        let colon = find_key_colon(line)?;
        return Some((line[..colon].trim_end().to_string(), colon + 1));
    };
    let rest = &line[after..];
    let colon = after + rest.len() - rest.trim_start_matches([' ', '\t']).len();
    let is_colon = line[colon..].starts_with(':') && is_separator(line[colon + 1..].chars().next());
    is_colon.then_some((key, colon + 1))
}

fn is_separator(next: Option<char>) -> bool {
    matches!(next, None | Some(' ' | '\t'))
}

fn find_key_colon(line: &str) -> Option<usize> {
    let mut chars = line.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c == ':' && is_separator(chars.peek().map(|&(_, n)| n)) {
            return Some(i);
        }
    }
    None
}

fn closing_double_quote(line: &str) -> Option<usize> {
    let bytes = line.as_bytes();
    let mut i = 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'"' => return Some(i),
            _ => i += 1,
        }
    }
    None
}

/// Index in `inner` (the text after the opening `'`) of the closing quote; `''` is an escape.
fn closing_single_quote(inner: &str) -> Option<usize> {
    let bytes = inner.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'\'' {
            if bytes.get(i + 1) == Some(&b'\'') {
                i += 2;
                continue;
            }
            return Some(i);
        }
        i += 1;
    }
    None
}

/// Cut the text after a key's `:` into its value and a trailing `# comment`, if any.
/// Quotes only open a string where a scalar can start (so `It's` stays plain text).
fn split_comment(rest: &str) -> (&str, Option<&str>) {
    let mut quote: Option<char> = None;
    let mut escaped = false;
    let mut prev: Option<char> = None;
    let mut last_significant: Option<char> = None;
    let mut chars = rest.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match quote {
            Some('"') if escaped => escaped = false,
            Some('"') if c == '\\' => escaped = true,
            Some(q) if c == q => {
                if q == '\'' && chars.peek().map(|&(_, n)| n) == Some('\'') {
                    chars.next();
                } else {
                    quote = None;
                }
            }
            Some(_) => {}
            None => {
                if c == '#' && prev.is_none_or(char::is_whitespace) {
                    return (rest[..i].trim(), Some(rest[i..].trim_end()));
                }
                let at_token_start = matches!(last_significant, None | Some('[' | '{' | ',' | ':'));
                if (c == '"' || c == '\'') && at_token_start {
                    quote = Some(c);
                }
                if !c.is_whitespace() {
                    last_significant = Some(c);
                }
            }
        }
        prev = Some(c);
    }
    (rest.trim(), None)
}

fn old_style(old_value: &str, lines_below: &str) -> OldStyle {
    if old_value.starts_with('"') {
        return OldStyle::DoubleQuoted;
    }
    if old_value.starts_with('\'') {
        return OldStyle::SingleQuoted;
    }
    if !old_value.is_empty() {
        return OldStyle::Other;
    }
    let first_below = lines_below
        .lines()
        .map(|l| l.trim_end_matches('\r'))
        .find(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'));
    match first_below {
        Some(line) => {
            let body = line.trim_start_matches([' ', '\t']);
            let indent = line[..line.len() - body.len()].to_string();
            if body == "-" || body.starts_with("- ") {
                OldStyle::BlockList { indent }
            } else {
                OldStyle::BlockMap { indent }
            }
        }
        None => OldStyle::Other,
    }
}

fn render(value: &Value, old: &OldStyle) -> Rendered {
    match value {
        Value::String(s) => Rendered::Inline(render_string(s, old)),
        Value::Date(date) => Rendered::Inline(match old {
            OldStyle::DoubleQuoted | OldStyle::SingleQuoted => render_string(&date.text, old),
            _ if Date::parse(&date.text).is_some() => date.text.clone(),
            _ => render_string(&date.text, old),
        }),
        Value::List(items) if !items.is_empty() => match old {
            OldStyle::BlockList { indent } => Rendered::Block(
                items
                    .iter()
                    .map(|item| format!("{indent}- {}", flow(item)))
                    .collect(),
            ),
            _ => Rendered::Inline(flow(value)),
        },
        Value::Map(fields) if !fields.is_empty() => {
            let indent = match old {
                OldStyle::BlockMap { indent } => indent.clone(),
                _ => "  ".to_string(),
            };
            let mut lines = Vec::new();
            block_map_lines(fields, &indent, "  ", &mut lines);
            Rendered::Block(lines)
        }
        _ => Rendered::Inline(flow(value)),
    }
}

fn block_map_lines(fields: &[(String, Value)], indent: &str, unit: &str, lines: &mut Vec<String>) {
    for (key, value) in fields {
        match value {
            Value::Map(inner) if !inner.is_empty() => {
                lines.push(format!("{indent}{}:", render_key(key)));
                block_map_lines(inner, &format!("{indent}{unit}"), unit, lines);
            }
            _ => lines.push(format!("{indent}{}: {}", render_key(key), flow(value))),
        }
    }
}

/// A value written on one line, as inside `[...]`.
fn flow(value: &Value) -> String {
    match value {
        Value::Null => "null".to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Int(i) => i.to_string(),
        Value::Float(f) => render_float(*f),
        Value::String(s) if is_safe_plain(s, true) => s.clone(),
        Value::String(s) => double_quoted(s),
        Value::Date(d) if !d.text.contains(':') && Date::parse(&d.text).is_some() => d.text.clone(),
        Value::Date(d) => double_quoted(&d.text),
        Value::List(items) => format!(
            "[{}]",
            items.iter().map(flow).collect::<Vec<_>>().join(", ")
        ),
        Value::Map(fields) => {
            let members: Vec<String> = fields
                .iter()
                .map(|(k, v)| format!("{}: {}", render_key(k), flow(v)))
                .collect();
            format!("{{{}}}", members.join(", "))
        }
    }
}

fn render_float(f: f64) -> String {
    if f.is_nan() {
        ".nan".to_string()
    } else if f.is_infinite() {
        if f > 0.0 { ".inf" } else { "-.inf" }.to_string()
    } else {
        // `{:?}` always shows a fraction or exponent, so the value reads back as a float.
        format!("{f:?}")
    }
}

fn render_string(s: &str, old: &OldStyle) -> String {
    let multi_line = s.chars().any(char::is_control);
    match old {
        _ if multi_line => double_quoted(s),
        OldStyle::DoubleQuoted => double_quoted(s),
        OldStyle::SingleQuoted => format!("'{}'", s.replace('\'', "''")),
        _ if is_safe_plain(s, false) => s.to_string(),
        _ => double_quoted(s),
    }
}

fn render_key(key: &str) -> String {
    if is_safe_plain(key, true) {
        key.to_string()
    } else {
        double_quoted(key)
    }
}

/// YAML double-quoted strings accept JSON's escapes.
fn double_quoted(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| format!("\"{}\"", s.escape_default()))
}

/// Whether `s` can be written without quotes and still read back as the same string.
fn is_safe_plain(s: &str, in_flow: bool) -> bool {
    const SPECIAL_FIRST: &[char] = &[
        '-', '?', ':', ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '\'', '"', '%', '@',
        '`',
    ];
    if s.is_empty() || s != s.trim() || s.chars().any(|c| c.is_control() || c == '\u{feff}') {
        return false;
    }
    if s.starts_with(SPECIAL_FIRST) || s.contains(": ") || s.contains(" #") || s.ends_with(':') {
        return false;
    }
    if in_flow && s.contains([',', '[', ']', '{', '}', ':']) {
        return false;
    }
    // `true`, `3`, `null`, `2025-09-16` ... would read back as something else.
    matches!(yaml_value(s), Ok(Value::String(ref read)) if read == s)
}

#[cfg(test)]
#[path = "yaml_tests.rs"]
mod tests;
