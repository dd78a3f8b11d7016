//! JSON front matter: a small scanner finds the object's top-level members, and only the
//! edited member's text changes; a new member is appended with the last one's indentation.

use super::super::split::json_object_len;
use super::super::Value;
use crate::{Error, Result};
use std::ops::Range;

/// A top-level member of the object: where its key starts and where its value lies.
struct Member {
    key: String,
    key_start: usize,
    value: Range<usize>,
}

pub(super) fn set(front: &str, key: &str, value: &Value, le: &str) -> Result<String> {
    let members = members(front)?;
    let rendered = render(value)?;
    if let Some(member) = members.iter().find(|m| m.key == key) {
        return Ok(format!(
            "{}{rendered}{}",
            &front[..member.value.start],
            &front[member.value.end..]
        ));
    }
    let new_member = format!("{}: {rendered}", json_string(key));
    let Some(last) = members.last() else {
        return Ok(format!("{{{le}  {new_member}{le}}}"));
    };
    let indent = own_line_indent(front, last.key_start);
    let insertion = match indent {
        Some(indent) => format!(",{le}{indent}{new_member}"),
        None => format!(", {new_member}"),
    };
    let at = last.value.end;
    Ok(format!("{}{insertion}{}", &front[..at], &front[at..]))
}

pub(super) fn remove(front: &str, key: &str) -> Result<String> {
    let members = members(front)?;
    let Some(index) = members.iter().position(|m| m.key == key) else {
        return Ok(front.to_string());
    };
    let member = &members[index];
    let own_line = own_line_indent(front, member.key_start).is_some();
    let range = match members.get(index + 1) {
        // Not the last member: up to the next key (its whole line when both sit on their own).
        Some(next) if own_line && own_line_indent(front, next.key_start).is_some() => {
            line_start(front, member.key_start)..line_start(front, next.key_start)
        }
        Some(next) => member.key_start..next.key_start,
        // The last member takes the comma after the previous value with it.
        None if index > 0 => members[index - 1].value.end..member.value.end,
        None if own_line => {
            let after = skip_blank(front, member.value.end);
            let after = if front[after..].starts_with("\r\n") {
                after + 2
            } else if front[after..].starts_with('\n') {
                after + 1
            } else {
                member.value.end
            };
            line_start(front, member.key_start)..after
        }
        None => member.key_start..member.value.end,
    };
    Ok(format!("{}{}", &front[..range.start], &front[range.end..]))
}

/// The indentation before `at` when nothing but blanks precede it on its line.
fn own_line_indent(text: &str, at: usize) -> Option<&str> {
    let start = line_start(text, at);
    let prefix = &text[start..at];
    (start > 0 && prefix.chars().all(|c| c == ' ' || c == '\t')).then_some(prefix)
}

fn line_start(text: &str, at: usize) -> usize {
    text[..at].rfind('\n').map_or(0, |i| i + 1)
}

fn skip_blank(text: &str, at: usize) -> usize {
    at + text[at..].len() - text[at..].trim_start_matches([' ', '\t']).len()
}

fn skip_whitespace(text: &str, at: usize) -> usize {
    at + text[at..].len() - text[at..].trim_start().len()
}

fn malformed(detail: &str) -> Error {
    Error::FrontMatter {
        path: Default::default(),
        message: format!("invalid JSON front matter: {detail}"),
    }
}

fn members(front: &str) -> Result<Vec<Member>> {
    if !front.starts_with('{') {
        return Err(malformed("expected an object"));
    }
    let mut members = Vec::new();
    let mut at = skip_whitespace(front, 1);
    if front[at..].starts_with('}') {
        return Ok(members);
    }
    loop {
        let key_start = at;
        let key_end = string_end(front, key_start).ok_or_else(|| malformed("expected a key"))?;
        let key: String = serde_json::from_str(&front[key_start..key_end])
            .map_err(|e| malformed(&e.to_string()))?;
        at = skip_whitespace(front, key_end);
        if !front[at..].starts_with(':') {
            return Err(malformed("expected `:` after a key"));
        }
        let value_start = skip_whitespace(front, at + 1);
        let value_end =
            value_end(front, value_start).ok_or_else(|| malformed("expected a value"))?;
        members.push(Member {
            key,
            key_start,
            value: value_start..value_end,
        });
        at = skip_whitespace(front, value_end);
        match front[at..].chars().next() {
            Some(',') => at = skip_whitespace(front, at + 1),
            Some('}') => return Ok(members),
            _ => return Err(malformed("expected `,` or `}` after a value")),
        }
    }
}

/// The offset just after the string that starts at `start` (which must be a `"`).
fn string_end(text: &str, start: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    if bytes.get(start) != Some(&b'"') {
        return None;
    }
    let mut i = start + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'"' => return Some(i + 1),
            _ => i += 1,
        }
    }
    None
}

fn value_end(text: &str, start: usize) -> Option<usize> {
    match text[start..].chars().next()? {
        '"' => string_end(text, start),
        '{' | '[' => json_object_len(&text[start..]).map(|len| start + len),
        _ => {
            let len = text[start..]
                .find([',', '}', ']', ' ', '\t', '\r', '\n'])
                .unwrap_or(text.len() - start);
            (len > 0).then_some(start + len)
        }
    }
}

fn json_string(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_default()
}

fn render(value: &Value) -> Result<String> {
    Ok(match value {
        Value::Null => "null".to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Int(i) => i.to_string(),
        Value::Float(f) => match serde_json::Number::from_f64(*f) {
            Some(n) => n.to_string(),
            None => {
                return Err(Error::InvalidValue {
                    message: format!("JSON cannot hold the number {f}"),
                })
            }
        },
        Value::String(s) => json_string(s),
        Value::Date(d) => json_string(&d.text),
        Value::List(items) => format!(
            "[{}]",
            items
                .iter()
                .map(render)
                .collect::<Result<Vec<_>>>()?
                .join(", ")
        ),
        Value::Map(fields) => {
            let members: Vec<String> = fields
                .iter()
                .map(|(k, v)| Ok(format!("{}: {}", json_string(k), render(v)?)))
                .collect::<Result<_>>()?;
            format!("{{{}}}", members.join(", "))
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const OBJECT: &str =
        "{\n  \"title\": \"Old\",\n  \"tags\": [\"a\", \"b\"],\n  \"draft\": true\n}";

    #[test]
    fn replaces_only_the_value() {
        let out = set(OBJECT, "title", &Value::String("New \"one\"".into()), "\n").unwrap();
        assert_eq!(out, OBJECT.replace("\"Old\"", "\"New \\\"one\\\"\""));
        let out = set(OBJECT, "tags", &Value::List(vec![]), "\n").unwrap();
        assert_eq!(out, OBJECT.replace("[\"a\", \"b\"]", "[]"));
    }

    #[test]
    fn appends_with_the_last_members_indentation() {
        let out = set(OBJECT, "slug", &Value::String("s".into()), "\n").unwrap();
        assert_eq!(
            out,
            OBJECT.replace("\"draft\": true\n", "\"draft\": true,\n  \"slug\": \"s\"\n")
        );
        assert_eq!(
            set("{\"a\":1}", "b", &Value::Int(2), "\n").unwrap(),
            "{\"a\":1, \"b\": 2}"
        );
        assert_eq!(
            set("{}", "b", &Value::Int(2), "\r\n").unwrap(),
            "{\r\n  \"b\": 2\r\n}"
        );
    }

    #[test]
    fn removes_members_anywhere() {
        assert_eq!(
            remove(OBJECT, "title").unwrap(),
            "{\n  \"tags\": [\"a\", \"b\"],\n  \"draft\": true\n}"
        );
        assert_eq!(
            remove(OBJECT, "draft").unwrap(),
            "{\n  \"title\": \"Old\",\n  \"tags\": [\"a\", \"b\"]\n}"
        );
        assert_eq!(remove("{\n  \"a\": 1\n}", "a").unwrap(), "{\n}");
        assert_eq!(remove("{\"a\": 1, \"b\": 2}", "a").unwrap(), "{\"b\": 2}");
        assert_eq!(remove(OBJECT, "missing").unwrap(), OBJECT);
    }

    #[test]
    fn members_skip_nested_braces_in_strings() {
        let found =
            members("{\"a\": \"}{\", \"b\": {\"c\": [1, {\"d\": 2}]}, \"e\": -1.5e3}").unwrap();
        let keys: Vec<&str> = found.iter().map(|m| m.key.as_str()).collect();
        assert_eq!(keys, ["a", "b", "e"]);
    }
}
