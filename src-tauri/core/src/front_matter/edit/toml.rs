//! TOML front matter: toml_edit's spans locate a root key's value, and only those bytes are
//! rewritten; a new key goes after the last root key-value, before any `[table]`.

use super::super::Value;
use crate::{Error, Result};
use std::ops::Range;
use toml_edit::{Document, DocumentMut, Item, Table};

pub(super) fn set(front: &str, key: &str, value: &Value, le: &str) -> Result<String> {
    let doc = parse(front)?;
    let root = doc.as_table();
    if let Some((_, item)) = root.get_key_value(key) {
        return match (item, item.span()) {
            (Item::Value(old), Some(span)) => {
                // The old text as written: `display_repr` of a parsed document loses it.
                let old_string = old.is_str().then(|| front[span.clone()].trim());
                let mut repr = render(value, old_string)?;
                // A multi-line string's lines in a CRLF block would read back ending in `\r\n`:
                // there it is written on one line.
                if le != "\n" && repr.contains('\n') {
                    repr = render(value, None)?;
                }
                Ok(format!(
                    "{}{repr}{}",
                    &front[..span.start],
                    &front[span.end..]
                ))
            }
            // A `[table]` or dotted keys have no single span: let toml_edit rewrite the item.
            _ => replace_item(front, key, value),
        };
    }
    let at = last_value_end(root).map_or(0, |end| line_end(front, end));
    let sep = if at > 0 && !front[..at].ends_with('\n') {
        le
    } else {
        ""
    };
    let line = format!(
        "{sep}{} = {}{le}",
        toml_edit::Key::new(key).display_repr(),
        render(value, None)?
    );
    Ok(format!("{}{line}{}", &front[..at], &front[at..]))
}

pub(super) fn remove(front: &str, key: &str) -> Result<String> {
    let doc = parse(front)?;
    let Some((found, item)) = doc.as_table().get_key_value(key) else {
        return Ok(front.to_string());
    };
    match (item, found.span(), item.span()) {
        (Item::Value(_), Some(key_span), Some(value_span)) => {
            let lines = line_start(front, key_span.start)..line_end(front, value_span.end);
            Ok(format!("{}{}", &front[..lines.start], &front[lines.end..]))
        }
        _ => {
            let mut doc = parse_mut(front)?;
            doc.remove(key);
            Ok(same_line_endings(front, doc.to_string()))
        }
    }
}

fn parse(front: &str) -> Result<Document<&str>> {
    Document::parse(front).map_err(|e| invalid(&e))
}

fn parse_mut(front: &str) -> Result<DocumentMut> {
    front.parse().map_err(|e| invalid(&e))
}

fn invalid(e: &toml_edit::TomlError) -> Error {
    Error::FrontMatter {
        path: Default::default(),
        message: format!("invalid TOML: {}", e.message()),
    }
}

fn replace_item(front: &str, key: &str, value: &Value) -> Result<String> {
    let mut doc = parse_mut(front)?;
    let parsed: toml_edit::Value = render(value, None)?.parse().map_err(|e| invalid(&e))?;
    doc.insert(key, Item::Value(parsed));
    Ok(same_line_endings(front, doc.to_string()))
}

/// Set (or with `None` remove) `key` in the root's table `table`, keeping it a table where it
/// is one (Zola's `[taxonomies]`).
pub(super) fn set_in_table(
    front: &str,
    table: &str,
    key: &str,
    value: Option<&Value>,
) -> Result<String> {
    let mut doc = parse_mut(front)?;
    let table_name = table;
    let Some(table) = doc.get_mut(table_name).and_then(Item::as_table_like_mut) else {
        return Ok(front.to_string());
    };
    match value {
        Some(value) => {
            let mut parsed: toml_edit::Value =
                render(value, None)?.parse().map_err(|e| invalid(&e))?;
            // Keep what was written around the old value (a trailing comment).
            if let Some(old) = table.get(key).and_then(Item::as_value) {
                *parsed.decor_mut() = old.decor().clone();
            } else {
                parsed.decor_mut().clear();
                // In `{ tags = [] }` the space before `}` follows the last value: a key added
                // after it takes that space along (not `[] , categories = [] }`).
                if let Some(inline) = doc.get_mut(table_name).and_then(Item::as_inline_table_mut) {
                    if let Some((_, last)) = inline.iter_mut().last() {
                        let suffix = last.decor().suffix().cloned();
                        last.decor_mut().set_suffix("");
                        if let Some(suffix) = suffix {
                            parsed.decor_mut().set_suffix(suffix);
                        }
                    }
                }
            }
            let Some(table) = doc.get_mut(table_name).and_then(Item::as_table_like_mut) else {
                return Ok(front.to_string());
            };
            table.insert(key, Item::Value(parsed));
        }
        None => {
            let removed = table.remove(key);
            // The space before `}` the last value had goes to the value that is last now.
            let suffix = removed.as_ref().and_then(Item::as_value).and_then(|v| v.decor().suffix()).cloned();
            if let (Some(inline), Some(suffix)) = (doc.get_mut(table_name).and_then(Item::as_inline_table_mut), suffix) {
                if let Some((_, last)) = inline.iter_mut().last() {
                    if last.decor().suffix().is_none_or(|s| s.as_str() == Some("")) {
                        last.decor_mut().set_suffix(suffix);
                    }
                }
            }
        }
    }
    Ok(same_line_endings(front, doc.to_string()))
}

/// toml_edit writes the lines it creates with `\n`; a CRLF block stays CRLF.
fn same_line_endings(front: &str, rewritten: String) -> String {
    let crlf =
        front.contains("\r\n") && front.matches('\n').count() == front.matches("\r\n").count();
    if crlf {
        rewritten.replace("\r\n", "\n").replace('\n', "\r\n")
    } else {
        rewritten
    }
}

/// The end of the last root key-value (dotted keys included), where a new key belongs.
fn last_value_end(table: &Table) -> Option<usize> {
    table
        .iter()
        .filter_map(|(_, item)| match item {
            Item::Value(v) => v.span().map(|s: Range<usize>| s.end),
            Item::Table(t) if t.is_dotted() => last_value_end(t),
            _ => None,
        })
        .max()
}

fn line_start(text: &str, at: usize) -> usize {
    text[..at].rfind('\n').map_or(0, |i| i + 1)
}

/// Just after the line ending of the line holding `at` (end of text when there is none).
fn line_end(text: &str, at: usize) -> usize {
    text[at..].find('\n').map_or(text.len(), |i| at + i + 1)
}

/// A value in TOML syntax; a string keeps the quoting of the string it replaces (`old_string`
/// is that string as written).
fn render(value: &Value, old_string: Option<&str>) -> Result<String> {
    Ok(match value {
        Value::Null => {
            return Err(Error::InvalidValue {
                message: "TOML has no null value; remove the key instead".to_string(),
            })
        }
        Value::Bool(b) => b.to_string(),
        Value::Int(i) => i.to_string(),
        Value::Float(f) => render_float(*f),
        Value::String(s) => render_string(s, old_string),
        // A date that was a quoted string stays a string; otherwise a native TOML date.
        Value::Date(d) if old_string.is_none() && d.text.parse::<toml_edit::Datetime>().is_ok() => {
            d.text.clone()
        }
        Value::Date(d) => render_string(&d.text, old_string),
        Value::List(items) => {
            let items: Vec<String> = items
                .iter()
                .map(|v| render(v, None))
                .collect::<Result<_>>()?;
            format!("[{}]", items.join(", "))
        }
        Value::Map(fields) if fields.is_empty() => "{}".to_string(),
        Value::Map(fields) => {
            let members: Vec<String> = fields
                .iter()
                .map(|(k, v)| {
                    Ok(format!(
                        "{} = {}",
                        toml_edit::Key::new(k.as_str()).display_repr(),
                        render(v, None)?
                    ))
                })
                .collect::<Result<_>>()?;
            format!("{{ {} }}", members.join(", "))
        }
    })
}

fn render_float(f: f64) -> String {
    if f.is_nan() {
        "nan".to_string()
    } else if f.is_infinite() {
        if f > 0.0 { "inf" } else { "-inf" }.to_string()
    } else {
        format!("{f:?}")
    }
}

fn render_string(s: &str, old_repr: Option<&str>) -> String {
    let was_literal = old_repr.is_some_and(|r| r.starts_with('\'') && !r.starts_with("'''"));
    if was_literal && !s.contains('\'') && !s.chars().any(char::is_control) {
        return format!("'{s}'");
    }
    // A string written over several lines stays so (`"""`, its first newline not part of it).
    let was_multi_line = old_repr.is_some_and(|r| r.starts_with("\"\"\"") || r.starts_with("'''"));
    if was_multi_line && s.contains('\n') {
        let lines: Vec<String> = s.split('\n').map(basic_string).collect();
        let inner: Vec<&str> = lines.iter().map(|l| &l[1..l.len() - 1]).collect();
        return format!("\"\"\"\n{}\"\"\"", inner.join("\n"));
    }
    basic_string(s)
}

fn basic_string(s: &str) -> String {
    // JSON's escapes are valid in TOML basic strings, except that DEL must be escaped too.
    serde_json::to_string(s)
        .unwrap_or_default()
        .replace('\u{7f}', "\\u007F")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(t: &str) -> Value {
        Value::String(t.to_string())
    }

    #[test]
    fn replacing_a_value_keeps_the_rest_of_the_line() {
        let front = "title = 'Old'  # shown on the card\ndraft = true\n";
        let out = set(front, "title", &s("New"), "\n").unwrap();
        assert_eq!(out, "title = 'New'  # shown on the card\ndraft = true\n");
        let out = set(front, "draft", &Value::Bool(false), "\n").unwrap();
        assert_eq!(out, "title = 'Old'  # shown on the card\ndraft = false\n");
    }

    #[test]
    fn basic_strings_stay_basic_and_literal_falls_back_when_needed() {
        let out = set("title = \"Old\"\n", "title", &s("It's \"new\""), "\n").unwrap();
        assert_eq!(out, "title = \"It's \\\"new\\\"\"\n");
        let out = set("title = 'Old'\n", "title", &s("It's"), "\n").unwrap();
        assert_eq!(out, "title = \"It's\"\n");
    }

    #[test]
    fn new_keys_go_before_the_first_table() {
        let front = "title = 'A'\n\n[params]\nmood = 'calm'\n";
        let out = set(front, "draft", &Value::Bool(true), "\n").unwrap();
        assert_eq!(
            out,
            "title = 'A'\ndraft = true\n\n[params]\nmood = 'calm'\n"
        );
        let out = set("[params]\nx = 1\n", "draft", &Value::Bool(true), "\n").unwrap();
        assert_eq!(out, "draft = true\n[params]\nx = 1\n");
    }

    /// A summary written over several lines stays readable after an edit from the form.
    #[test]
    fn multi_line_strings_stay_multi_line() {
        let text = "First line, with \"quotes\" and a \\.\nSecond line.\n";
        for front in [
            "description = \"\"\"\nOld\n\"\"\"\ndraft = true\n",
            "description = '''\nOld\n'''\ndraft = true\n",
        ] {
            let out = set(front, "description", &s(text), "\n").unwrap();
            assert_eq!(
                out,
                "description = \"\"\"\nFirst line, with \\\"quotes\\\" and a \\\\.\nSecond line.\n\"\"\"\ndraft = true\n"
            );
            let crlf = front.replace('\n', "\r\n");
            let out = set(&crlf, "description", &s(text), "\r\n").unwrap();
            assert_eq!(
                out.matches('\n').count(),
                out.matches("\r\n").count(),
                "{out:?}"
            );
            let doc = parse(&out).unwrap();
            let read = doc.get("description").and_then(|i| i.as_str());
            assert_eq!(read, Some(text), "{out:?}");
        }
    }

    #[test]
    fn dates_are_native_unless_they_were_strings() {
        let date =
            Value::Date(crate::front_matter::Date::parse("2024-05-06T07:08:09+02:00").unwrap());
        let out = set("date = 2020-01-01\n", "date", &date, "\n").unwrap();
        assert_eq!(out, "date = 2024-05-06T07:08:09+02:00\n");
        let out = set("date = '2020-01-01'\n", "date", &date, "\n").unwrap();
        assert_eq!(out, "date = '2024-05-06T07:08:09+02:00'\n");
    }

    #[test]
    fn lists_and_multi_line_arrays_are_replaced_whole() {
        let front = "tags = [\n  'a',\n  'b',\n]\nnext = 1\n";
        let out = set(front, "tags", &Value::List(vec![s("c"), s("d e")]), "\n").unwrap();
        assert_eq!(out, "tags = [\"c\", \"d e\"]\nnext = 1\n");
        assert_eq!(remove(front, "tags").unwrap(), "next = 1\n");
    }

    #[test]
    fn removing_keeps_comments_above_and_crlf() {
        let front = "# about\r\ntitle = 'A'\r\n# the flag\r\ndraft = true # yes\r\n[x]\r\n";
        assert_eq!(
            remove(front, "draft").unwrap(),
            "# about\r\ntitle = 'A'\r\n# the flag\r\n[x]\r\n"
        );
    }

    #[test]
    fn rewriting_a_table_keeps_crlf() {
        let front = "a = 1\r\n\r\n[params]\r\nx = 1\r\n";
        let out = set(front, "params", &s("flat"), "\r\n").unwrap();
        assert_eq!(
            out.matches('\n').count(),
            out.matches("\r\n").count(),
            "{out:?}"
        );
        assert!(out.contains("params = \"flat\"\r\n"), "{out:?}");
        let out = remove(front, "params").unwrap();
        assert_eq!(
            out.matches('\n').count(),
            out.matches("\r\n").count(),
            "{out:?}"
        );
        assert!(!out.contains("[params]"));
    }

    #[test]
    fn null_is_refused() {
        assert_eq!(
            set("a = 1\n", "a", &Value::Null, "\n").unwrap_err().kind(),
            "invalid_value"
        );
    }
}
