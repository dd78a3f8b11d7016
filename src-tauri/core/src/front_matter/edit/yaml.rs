//! YAML front matter, edited line by line: a root key's lines are its key line plus the
//! indented (or `- ` list) lines under it; nothing else is touched.

mod list;
mod render;

use super::super::Value;
use crate::{Error, Result};
use render::{block_item, old_style, render, render_key, OldStyle, Rendered};

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
    /// End of the last indented line under the key, comments included: what removing it takes
    /// (a comment left behind could join a block scalar above).
    through: usize,
    /// The value's lines are text whatever they start with (a block scalar, or a quoted string
    /// left open on the key line): an indented `#` line there is not a comment.
    opaque: bool,
}

pub(super) fn set(front: &str, key: &str, value: &Value, le: &str) -> Result<String> {
    let entries = entries(front);
    let Some(entry) = entries.iter().find(|e| e.key == key) else {
        let key_text = render_key(key);
        let addition = match render(value, &OldStyle::Other) {
            Rendered::Inline(v) => format!("{key_text}: {v}{le}"),
            Rendered::Block(lines) => block_text(&format!("{key_text}:"), &lines, le),
            Rendered::Scalar(header, lines) => {
                block_text(&format!("{key_text}: {header}"), &lines, le)
            }
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
    let rest = &content[prefix.len()..];
    let (old_value, comment) = split_comment(rest);
    // `key:   value` keeps its spacing.
    let spacing = &rest[..rest.len() - rest.trim_start().len()];
    let spacing = if old_value.is_empty() || spacing.is_empty() {
        " "
    } else {
        spacing
    };
    let below = &front[entry.key_line_end..entry.end];
    let style = old_style(old_value, below);
    if let (OldStyle::BlockList { indent, quoted }, Value::List(items)) = (&style, value) {
        let item_line = |item: &Value| block_item(item, indent, *quoted);
        if let Some(lines) = list::merge(below, indent, items, item_line, le) {
            let (head, tail) = (&front[..entry.key_line_end], &front[entry.end..]);
            return Ok(format!("{head}{lines}{tail}"));
        }
    }
    let comment = comment.unwrap_or_default();
    // Comments left after a block scalar would become its text: it takes them along.
    let mut end = entry.end;
    let replacement = match render(value, &style) {
        Rendered::Inline(v) => format!("{prefix}{spacing}{v}{comment}{ending}"),
        Rendered::Block(lines) => block_text(&format!("{prefix}{comment}"), &lines, ending),
        Rendered::Scalar(header, lines) => {
            end = entry.through;
            block_text(
                &format!("{prefix}{spacing}{header}{comment}"),
                &lines,
                ending,
            )
        }
    };
    Ok(format!(
        "{}{}{}",
        &front[..entry.start],
        replacement,
        &front[end..]
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
    Ok(format!(
        "{}{}",
        &front[..entry.start],
        &front[entry.through..]
    ))
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
                // An indented comment (a commented-out item) extends the value only when more
                // of the value follows it.
                entry.through = pos;
                let text = content.trim_start();
                if entry.opaque || !text.starts_with('#') {
                    entry.end = pos;
                    // A nested block scalar's `#` lines are text too.
                    entry.opaque |= ends_with_block_header(split_comment(text).0);
                }
            }
            continue;
        }
        entries.extend(current.take());
        if let Some((key, colon_end)) = key_of(content) {
            let (value, _) = split_comment(&content[colon_end..]);
            current = Some(Entry {
                key,
                start,
                key_line_end: pos,
                colon_end: start + colon_end,
                end: pos,
                through: pos,
                opaque: opens_text_lines(value),
            });
        }
    }
    entries.extend(current);
    entries
}

/// Whether a value written on a key line goes on as text on the lines below: a block scalar
/// header, or a quoted string that does not close on that line.
fn opens_text_lines(value: &str) -> bool {
    match value.chars().next() {
        Some(q @ ('"' | '\'')) => value.len() == 1 || !value.ends_with(q),
        _ => ends_with_block_header(value),
    }
}

/// Whether a line's value ends with a block scalar header (`|`, `>-`, `|2`, after any anchor
/// or tag).
fn ends_with_block_header(value: &str) -> bool {
    value.split_whitespace().last().is_some_and(|token| {
        token.starts_with(['|', '>'])
            && token[1..]
                .chars()
                .all(|c| matches!(c, '-' | '+' | '1'..='9'))
    })
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

/// Cut the text after a key's `:` into its value and a trailing `# comment` (with the blanks
/// before it), if any.
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
                    // The comment keeps the spacing that separated it from the value.
                    let value = rest[..i].trim_end();
                    return (value.trim_start(), Some(rest[value.len()..].trim_end()));
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

#[cfg(test)]
#[path = "yaml_tests.rs"]
mod tests;
