//! Writing YAML values: plain where that reads back the same, otherwise quoted; lists in
//! flow or block style and maps as blocks, following how the old value was written.

use crate::front_matter::parse::yaml_value;
use crate::front_matter::{Date, Value};

/// How the old value was written, so a new value can be written the same way.
pub(super) enum OldStyle {
    DoubleQuoted,
    SingleQuoted,
    BlockList {
        indent: String,
        /// The first item was double-quoted: string items stay double-quoted.
        quoted: bool,
    },
    BlockMap {
        indent: String,
    },
    /// A flow list whose first item was double-quoted: string items stay double-quoted.
    QuotedFlowList,
    /// A `|` or `>` block scalar.
    BlockScalar {
        folded: bool,
        indent: String,
    },
    Other,
}

pub(super) enum Rendered {
    Inline(String),
    /// Lines below the key line, indented, without line endings.
    Block(Vec<String>),
    /// A block scalar: its `|`/`>` header for the key line, then its indented lines.
    Scalar(String, Vec<String>),
}

pub(super) fn old_style(old_value: &str, lines_below: &str) -> OldStyle {
    if old_value.starts_with('"') {
        return OldStyle::DoubleQuoted;
    }
    if old_value.starts_with('\'') {
        return OldStyle::SingleQuoted;
    }
    let first_below = lines_below
        .lines()
        .map(|l| l.trim_end_matches('\r'))
        .find(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'));
    let indent_of =
        |line: &str| line[..line.len() - line.trim_start_matches([' ', '\t']).len()].to_string();
    if old_value.starts_with(['|', '>']) {
        let indent = first_below
            .map(indent_of)
            .filter(|i| !i.is_empty())
            .unwrap_or_else(|| "  ".to_string());
        return OldStyle::BlockScalar {
            folded: old_value.starts_with('>'),
            indent,
        };
    }
    if old_value
        .strip_prefix('[')
        .is_some_and(|items| items.trim_start().starts_with('"'))
    {
        return OldStyle::QuotedFlowList;
    }
    if !old_value.is_empty() {
        return OldStyle::Other;
    }
    match first_below {
        Some(line) => {
            let body = line.trim_start_matches([' ', '\t']);
            let indent = indent_of(line);
            if body == "-" || body.starts_with("- ") {
                let quoted = body[1..].trim_start().starts_with('"');
                OldStyle::BlockList { indent, quoted }
            } else {
                OldStyle::BlockMap { indent }
            }
        }
        None => OldStyle::Other,
    }
}

pub(super) fn render(value: &Value, old: &OldStyle) -> Rendered {
    match value {
        Value::String(s) if s.contains('\n') && fits_block_scalar(s) => match old {
            OldStyle::DoubleQuoted | OldStyle::SingleQuoted => {
                Rendered::Inline(render_string(s, old))
            }
            _ => block_scalar(s, old),
        },
        Value::String(s) => Rendered::Inline(render_string(s, old)),
        Value::Date(date) => Rendered::Inline(match old {
            OldStyle::DoubleQuoted | OldStyle::SingleQuoted => render_string(&date.text, old),
            _ if Date::parse(&date.text).is_some() => date.text.clone(),
            _ => render_string(&date.text, old),
        }),
        Value::List(items) if !items.is_empty() => match old {
            OldStyle::BlockList { indent, quoted } => Rendered::Block(
                items
                    .iter()
                    .map(|item| block_item(item, indent, *quoted))
                    .collect(),
            ),
            OldStyle::QuotedFlowList => {
                let items: Vec<String> = items
                    .iter()
                    .map(|item| match item {
                        Value::String(s) => double_quoted(s),
                        other => flow(other),
                    })
                    .collect();
                Rendered::Inline(format!("[{}]", items.join(", ")))
            }
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

/// Whether a multi-line string reads back the same from a `|` block: no other control
/// characters, and no leading or whitespace-only lines that would need indentation hints.
/// Several final newlines (`|+`) would leave blank lines that look like separators, so those
/// strings stay quoted.
fn fits_block_scalar(s: &str) -> bool {
    let content = s.trim_end_matches('\n');
    s.len() - content.len() <= 1
        && !content.is_empty()
        && !content.starts_with([' ', '\t', '\n'])
        && !s.chars().any(|c| c.is_control() && c != '\n')
        && content
            .split('\n')
            .all(|line| line.is_empty() || !line.trim().is_empty())
        && content.split('\n').all(|line| line == line.trim_end())
}

/// A multi-line string as a block scalar, with the old indentation; `|-` when it has no final
/// newline. A `>` block stays `>` while that reads back the same.
fn block_scalar(s: &str, old: &OldStyle) -> Rendered {
    let indent = match old {
        OldStyle::BlockScalar { indent, .. } | OldStyle::BlockMap { indent } => indent.as_str(),
        _ => "  ",
    };
    let content = s.trim_end_matches('\n');
    let trailing = s.len() - content.len();
    let chomp = if trailing == 0 { "-" } else { "" };
    let folded =
        matches!(old, OldStyle::BlockScalar { folded: true, .. }) && !content.contains('\n');
    let header = format!("{}{chomp}", if folded { '>' } else { '|' });
    let lines = content.split('\n').map(|l| {
        if l.is_empty() {
            String::new()
        } else {
            format!("{indent}{l}")
        }
    });
    Rendered::Scalar(header, lines.collect())
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
/// One item of a block list: `- value`, double-quoted when the list's items are.
pub(super) fn block_item(item: &Value, indent: &str, quoted: bool) -> String {
    match item {
        Value::String(s) if quoted => format!("{indent}- {}", double_quoted(s)),
        other => format!("{indent}- {}", flow(other)),
    }
}

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

pub(super) fn render_float(f: f64) -> String {
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

pub(super) fn render_key(key: &str) -> String {
    if is_safe_plain(key, true) {
        key.to_string()
    } else {
        double_quoted(key)
    }
}

/// YAML double-quoted strings accept JSON's escapes. JSON leaves NEL and the line and
/// paragraph separators as they are, which YAML reads as line breaks (folded to a space), and
/// DEL, which YAML refuses: those get YAML's own escapes.
fn double_quoted(s: &str) -> String {
    let json = serde_json::to_string(s).unwrap_or_else(|_| format!("\"{}\"", s.escape_default()));
    if !json.contains(['\u{85}', '\u{2028}', '\u{2029}', '\u{7f}']) {
        return json;
    }
    json.replace('\u{85}', "\\N")
        .replace('\u{2028}', "\\L")
        .replace('\u{2029}', "\\P")
        .replace('\u{7f}', "\\x7F")
}

/// Whether `s` can be written without quotes and still read back as the same string.
fn is_safe_plain(s: &str, in_flow: bool) -> bool {
    const SPECIAL_FIRST: &[char] = &[
        '-', '?', ':', ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '\'', '"', '%', '@',
        '`',
    ];
    // YAML reads the line and paragraph separators as line breaks (a plain scalar would end there).
    let unsafe_char = |c: char| c.is_control() || matches!(c, '\u{feff}' | '\u{2028}' | '\u{2029}');
    if s.is_empty() || s != s.trim() || s.chars().any(unsafe_char) {
        return false;
    }
    if s.starts_with(SPECIAL_FIRST) || s.contains(": ") || s.contains(" #") || s.ends_with(':') {
        return false;
    }
    if in_flow && s.contains([',', '[', ']', '{', '}', ':']) {
        return false;
    }
    // `true`, `3`, `null`, `2025-09-16` ... would read back as something else.
    !read_otherwise_elsewhere(s)
        && matches!(yaml_value(s), Ok(Value::String(ref read)) if read == s)
}

/// Plain text that other YAML readers take for something else than a string: YAML 1.1's
/// booleans and merge/value keys (Jekyll's Psych, go-yaml v2), and numbers with leading zeros,
/// `_`, `,` or `:` groups or a base prefix (`007` is 7 to YAML 1.1 and 1.2 readers alike).
fn read_otherwise_elsewhere(s: &str) -> bool {
    const WORDS: &[&str] = &[
        "y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO", "on", "On", "ON", "off", "Off",
        "OFF", "=", "<<",
    ];
    if WORDS.contains(&s) {
        return true;
    }
    let unsigned = s.strip_prefix(['+', '-']).unwrap_or(s);
    let prefixed = ["0x", "0X", "0o", "0O", "0b", "0B"]
        .iter()
        .find_map(|p| unsigned.strip_prefix(p));
    match prefixed {
        Some(digits) => digits.chars().all(|c| c.is_ascii_hexdigit() || c == '_'),
        None => {
            unsigned.starts_with(|c: char| c.is_ascii_digit() || c == '.')
                && unsigned
                    .chars()
                    .all(|c| c.is_ascii_digit() || "_,:.eE+-".contains(c))
        }
    }
}
