//! Checks shared by the front-matter fixture and property tests: an edit must change only the
//! edited key's lines, and re-reading must give the old values plus the change.
#![allow(dead_code)]

use draftsmith_core::front_matter::{self, Format, Value};

pub enum Edit<'a> {
    Set(&'a Value),
    Remove,
}

/// The key written at the start of a root line, in the simple layouts our fixtures and
/// generators write.
fn key_of_line(format: Format, content: &str) -> Option<String> {
    match format {
        Format::Yaml => {
            if content.starts_with('"') {
                let mut de = serde_json::Deserializer::from_str(content).into_iter::<String>();
                return de.next().and_then(Result::ok);
            }
            if let Some(quoted) = content.strip_prefix('\'') {
                let end = quoted.find("':")?;
                return Some(quoted[..end].replace("''", "'"));
            }
            let colon = content
                .find(": ")
                .or_else(|| content.ends_with(':').then(|| content.len() - 1))?;
            Some(content[..colon].to_string())
        }
        Format::Toml => {
            let eq = content.find('=')?;
            Some(content[..eq].trim().trim_matches(['"', '\'']).to_string())
        }
        Format::Json => {
            let mut de =
                serde_json::Deserializer::from_str(content.trim_start()).into_iter::<String>();
            de.next().and_then(Result::ok)
        }
    }
}

/// What each line is: the start of a key, a continuation of the key above, or neither.
#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Key,
    Continuation,
    Header,
    Other,
}

fn kind(format: Format, content: &str, open_brackets: i32) -> Kind {
    let trimmed = content.trim_start();
    let indented = trimmed.len() != content.len();
    match format {
        _ if trimmed.is_empty() => Kind::Other,
        Format::Yaml if content.starts_with('#') => Kind::Other,
        Format::Yaml if indented || content.starts_with('-') => Kind::Continuation,
        Format::Yaml => Kind::Key,
        Format::Toml if open_brackets > 0 => Kind::Continuation,
        Format::Toml if trimmed.starts_with('#') => Kind::Other,
        Format::Toml if trimmed.starts_with('[') => Kind::Header,
        Format::Toml if trimmed.contains('=') => Kind::Key,
        Format::Toml => Kind::Continuation,
        Format::Json if content.starts_with("  \"") => Kind::Key,
        Format::Json if content.starts_with("   ") => Kind::Continuation,
        Format::Json => Kind::Other,
    }
}

/// The root key each line belongs to (`None` for delimiters, comments and separating blanks).
/// In TOML, a `[table]`'s lines and the blank lines before its header belong to the table.
fn owners(format: Format, lines: &[String]) -> Vec<Option<String>> {
    let mut kinds = Vec::with_capacity(lines.len());
    let mut depth = 0;
    let mut in_triple = false;
    for line in lines {
        let content = line.trim_end_matches(['\r', '\n']);
        let k = if in_triple {
            Kind::Continuation
        } else {
            kind(format, content, depth)
        };
        if format == Format::Toml && in_triple {
            in_triple = !content.contains("\"\"\"");
        } else if format == Format::Toml && k != Kind::Header {
            // Only a value that opens with `"""` starts a multi-line string.
            let value = if k == Kind::Key {
                content.split_once('=').map_or("", |(_, v)| v)
            } else {
                content
            };
            in_triple =
                value.trim_start().starts_with("\"\"\"") && value.matches("\"\"\"").count() == 1;
            depth += value.matches('[').count() as i32 - value.matches(']').count() as i32;
        }
        kinds.push(k);
    }
    let mut owners = vec![None; lines.len()];
    let mut current: Option<String> = None;
    let mut table: Option<String> = None;
    for (i, line) in lines.iter().enumerate() {
        let content = line.trim_end_matches(['\r', '\n']);
        owners[i] = match kinds[i] {
            Kind::Header => {
                let name = content
                    .trim()
                    .trim_matches(['[', ']'])
                    .split('.')
                    .next()
                    .unwrap_or("");
                table = Some(name.trim().to_string());
                current = table.clone();
                current.clone()
            }
            Kind::Key if table.is_some() => table.clone(),
            Kind::Key => {
                current = key_of_line(format, content);
                current.clone()
            }
            Kind::Continuation => current.clone(),
            Kind::Other if content.trim().is_empty() => {
                // A blank line belongs to what follows it when that continues the same key.
                match kinds[i..]
                    .iter()
                    .position(|k| *k != Kind::Other)
                    .map(|j| kinds[i + j])
                {
                    Some(Kind::Continuation) => current.clone(),
                    Some(Kind::Header) if format == Format::Toml => {
                        let next = lines[i..].iter().find(|l| l.trim_start().starts_with('['));
                        next.map(|l| {
                            l.trim()
                                .trim_matches(['[', ']'])
                                .split('.')
                                .next()
                                .unwrap_or("")
                                .to_string()
                        })
                    }
                    _ => None,
                }
            }
            Kind::Other => None,
        };
    }
    owners
}

/// JSON members carry a separating comma that moves when the last one is added or removed.
fn comparable(format: Format, line: &str) -> String {
    match format {
        Format::Json => line
            .trim_end_matches(['\r', '\n'])
            .trim_end_matches(',')
            .to_string(),
        _ => line.to_string(),
    }
}

/// Compare `old` and `new` line by line: outside one contiguous region they are identical (and
/// in order), and that region holds only `key`'s lines. Then re-read and compare values.
pub fn check_edit(old: &str, new: &str, key: &str, edit: Edit<'_>) -> Result<(), String> {
    check_lines(old, new, key, &edit)?;
    check_values(old, new, key, &edit)
}

/// The line check. Blank lines make the changed region ambiguous (which of two blanks went?),
/// so it passes when either alignment of the region does.
pub fn check_lines(old: &str, new: &str, key: &str, edit: &Edit<'_>) -> Result<(), String> {
    let format = front_matter::parse(old)
        .map_err(|e| e.to_string())?
        .format
        .ok_or("no front matter")?;
    let existed = front_matter::parse(old)
        .map_err(|e| e.to_string())?
        .get(key)
        .is_some();
    let old_lines: Vec<String> = old
        .split_inclusive('\n')
        .map(|l| comparable(format, l))
        .collect();
    let new_lines: Vec<String> = new
        .split_inclusive('\n')
        .map(|l| comparable(format, l))
        .collect();
    let first = check_region(format, &old_lines, &new_lines, key, existed, edit, false);
    first.or_else(|e| {
        check_region(format, &old_lines, &new_lines, key, existed, edit, true).map_err(|_| e)
    })
}

fn check_region(
    format: Format,
    old_lines: &[String],
    new_lines: &[String],
    key: &str,
    existed: bool,
    edit: &Edit<'_>,
    suffix_first: bool,
) -> Result<(), String> {
    let common = old_lines.len().min(new_lines.len());
    let count_prefix = |limit: usize| {
        old_lines
            .iter()
            .zip(new_lines)
            .take(limit)
            .take_while(|(a, b)| a == b)
            .count()
    };
    let count_suffix = |limit: usize| {
        old_lines
            .iter()
            .rev()
            .zip(new_lines.iter().rev())
            .take(limit)
            .take_while(|(a, b)| a == b)
            .count()
    };
    let (prefix, suffix) = if suffix_first {
        let suffix = count_suffix(common);
        (count_prefix(common - suffix), suffix)
    } else {
        let prefix = count_prefix(common);
        (prefix, count_suffix(common - prefix))
    };
    let old_mid = &old_lines[prefix..old_lines.len() - suffix];
    let new_mid = &new_lines[prefix..new_lines.len() - suffix];
    let old_owners = owners(format, old_lines);
    let new_owners = owners(format, new_lines);
    let regions = [
        (
            "old",
            old_mid,
            &old_owners[prefix..old_lines.len() - suffix],
        ),
        (
            "new",
            new_mid,
            &new_owners[prefix..new_lines.len() - suffix],
        ),
    ];
    for (side, mid, owner) in regions {
        for (line, owner) in mid.iter().zip(owner) {
            if owner.as_deref() != Some(key) {
                return Err(format!(
                    "{side} line {line:?} (of {owner:?}) changed, not a line of `{key}`"
                ));
            }
        }
    }
    match edit {
        Edit::Set(_) if !existed && !old_mid.is_empty() => {
            Err(format!("adding `{key}` changed {old_mid:?}"))
        }
        Edit::Remove if !new_mid.is_empty() => Err(format!("removing `{key}` added {new_mid:?}")),
        _ => Ok(()),
    }
}

/// Body, BOM and line endings are untouched, and re-reading gives the old values plus the edit.
pub fn check_values(old: &str, new: &str, key: &str, edit: &Edit<'_>) -> Result<(), String> {
    let before = front_matter::parse(old).map_err(|e| e.to_string())?;
    let old_split = front_matter::split(old).map_err(|e| e.to_string())?;
    let new_split = front_matter::split(new).map_err(|e| e.to_string())?;
    if old_split.body_text() != new_split.body_text() || old_split.bom != new_split.bom {
        return Err("body or BOM changed".into());
    }
    let all_crlf = |t: &str| t.matches('\n').count() == t.matches("\r\n").count();
    if all_crlf(old) && !all_crlf(new) {
        return Err("a CRLF file gained LF line endings".into());
    }
    let after = front_matter::parse(new).map_err(|e| e.to_string())?;
    let mut expected = before.fields.clone();
    match edit {
        Edit::Set(value) => match expected.iter_mut().find(|(k, _)| k == key) {
            Some((_, slot)) => *slot = (*value).clone(),
            None => expected.push((key.to_string(), (*value).clone())),
        },
        Edit::Remove => expected.retain(|(k, _)| k != key),
    }
    // A new key's position depends on the syntax (TOML puts it before tables): compare the
    // edited key on its own and the others in order.
    let others = |fields: &[(String, Value)]| {
        fields
            .iter()
            .filter(|(k, _)| k != key)
            .cloned()
            .collect::<Vec<_>>()
    };
    let (got, want) = (others(&after.fields), others(&expected));
    let same_others = got.len() == want.len()
        && got
            .iter()
            .zip(&want)
            .all(|((ak, av), (ek, ev))| ak == ek && same_value(av, ev));
    let same_key = match (
        after.get(key),
        expected.iter().find(|(k, _)| k == key).map(|(_, v)| v),
    ) {
        (Some(a), Some(e)) => same_value(a, e),
        (None, None) => true,
        _ => false,
    };
    if !(same_others && same_key) {
        return Err(format!(
            "re-read {:?}\nexpected {:?}",
            after.fields, expected
        ));
    }
    Ok(())
}

/// YAML and JSON have no date type: a string that looks like a date reads back as one.
pub fn same_value(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Date(d), Value::String(s)) | (Value::String(s), Value::Date(d)) => &d.text == s,
        (Value::List(x), Value::List(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same_value(a, b))
        }
        (Value::Map(x), Value::Map(y)) => {
            x.len() == y.len()
                && x.iter()
                    .zip(y)
                    .all(|((ka, va), (kb, vb))| ka == kb && same_value(va, vb))
        }
        _ => a == b,
    }
}
