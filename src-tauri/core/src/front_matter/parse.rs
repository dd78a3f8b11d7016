//! Reading front matter into a typed view.

use super::split::{split, Split};
use super::{Date, Format, Value};
use crate::{Error, Result};
use serde::{Deserialize, Serialize};

/// The front matter of a post: the keys every generator knows, typed, plus every key in the
/// order written (the typed ones included) for the form's "other keys" and the raw view.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, ts_rs::TS)]
pub struct FrontMatter {
    /// `None` when the post has no front matter.
    pub format: Option<Format>,
    pub title: Option<String>,
    pub date: Option<Date>,
    pub draft: Option<bool>,
    pub tags: Vec<String>,
    pub categories: Vec<String>,
    pub description: Option<String>,
    pub slug: Option<String>,
    pub fields: Vec<(String, Value)>,
}

impl FrontMatter {
    /// A post that says neither `draft` nor `published` is published.
    pub fn is_draft(&self) -> bool {
        self.draft.unwrap_or(false)
    }

    pub fn get(&self, key: &str) -> Option<&Value> {
        find(&self.fields, key)
    }

    fn from_fields(format: Format, fields: Vec<(String, Value)>) -> FrontMatter {
        let typed = FrontMatter::typed(format, |key| find(&fields, key).cloned());
        FrontMatter { fields, ..typed }
    }

    /// The typed keys from the value `get` gives for each key (the first one written, if any);
    /// `fields` is left empty.
    fn typed(format: Format, mut get: impl FnMut(&str) -> Option<Value>) -> FrontMatter {
        // Zola keeps tags and categories under `[taxonomies]`: read them there when the
        // top-level key is absent.
        let mut taxonomies = match get("taxonomies") {
            Some(Value::Map(map)) => map,
            _ => Vec::new(),
        };
        let mut list = |key| {
            get(key)
                .or_else(|| take(&mut taxonomies, key))
                .map(text_list)
                .unwrap_or_default()
        };
        let (tags, categories) = (list("tags"), list("categories"));
        FrontMatter {
            format: Some(format),
            title: get("title").and_then(Value::into_text),
            date: match get("date") {
                Some(Value::Date(date)) => Some(date),
                _ => None,
            },
            draft: draft_state(get("draft"), get("published")),
            tags,
            categories,
            description: get("description").and_then(Value::into_text),
            slug: get("slug").and_then(Value::into_text),
            fields: Vec::new(),
        }
    }
}

/// A post is a draft when `draft` is true or, as Jekyll reads it, `published` is false; `None`
/// when it says neither.
fn draft_state(draft: Option<Value>, published: Option<Value>) -> Option<bool> {
    let flag = |value: Option<Value>| match value {
        Some(Value::Bool(b)) => Some(b),
        Some(Value::String(s)) => s.parse().ok(),
        _ => None,
    };
    match (flag(draft), flag(published)) {
        (None, None) => None,
        (draft, published) => Some(draft == Some(true) || published == Some(false)),
    }
}

fn find<'a>(fields: &'a [(String, Value)], key: &str) -> Option<&'a Value> {
    fields.iter().find(|(k, _)| k == key).map(|(_, v)| v)
}

/// Tags and categories: a list, or a single string meaning a list of one.
fn text_list(value: Value) -> Vec<String> {
    match value {
        Value::List(items) => items.into_iter().filter_map(Value::into_text).collect(),
        Value::Null => Vec::new(),
        single => single
            .into_text()
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect(),
    }
}

/// Parse the front matter of a whole post's text. A post with none gives the default view.
pub fn parse(text: &str) -> Result<FrontMatter> {
    parse_split(&split(text)?)
}

/// [`parse`] for a text already split (the scan needs the split for the body too).
pub fn parse_split(parts: &Split<'_>) -> Result<FrontMatter> {
    match parts.format {
        None => Ok(FrontMatter::default()),
        Some(format) => Ok(FrontMatter::from_fields(format, parse_fields(parts)?)),
    }
}

/// [`parse_split`] without the list of every key: `fields` is empty, and the typed keys are moved
/// out of the parsed block instead of copied. The same answers for less work where the other
/// keys are not needed (the workspace scan of thousands of posts).
pub fn parse_split_typed(parts: &Split<'_>) -> Result<FrontMatter> {
    let Some(format) = parts.format else {
        return Ok(FrontMatter::default());
    };
    // The fast YAML path lends its keys; the typed view copies none of them. A block it
    // declines goes straight to the full parser (not through `parse_fields`, which would try
    // the fast path again).
    let mut fields = match format {
        Format::Yaml => match super::quick::yaml_fields(parts.front_text()) {
            Some(mut fields) => {
                return Ok(FrontMatter::typed(format, |key| take(&mut fields, key)))
            }
            None => full_yaml_fields_at(parts.front_text(), lines_before(parts))?,
        },
        _ => parse_fields(parts)?,
    };
    Ok(FrontMatter::typed(format, |key| take(&mut fields, key)))
}

/// The value of the first field named `key`, moved out.
fn take<K: AsRef<str>>(fields: &mut [(K, Value)], key: &str) -> Option<Value> {
    let (_, value) = fields.iter_mut().find(|(k, _)| k.as_ref() == key)?;
    Some(std::mem::replace(value, Value::Null))
}

/// Every key of the split's front matter, in order (empty when there is none).
pub(super) fn parse_fields(parts: &Split<'_>) -> Result<Vec<(String, Value)>> {
    let front = parts.front_text();
    let lines_before = lines_before(parts);
    match parts.format {
        None => Ok(Vec::new()),
        Some(Format::Yaml) => yaml_fields(front, lines_before),
        Some(Format::Toml) => toml_fields(front, lines_before),
        Some(Format::Json) => json_fields(front, lines_before),
    }
}

/// Parsers count lines from the start of the front matter; people count from the file's.
fn lines_before(parts: &Split<'_>) -> usize {
    parts.text[..parts.front.start].matches('\n').count()
}

fn front_matter_error(message: String) -> Error {
    Error::FrontMatter {
        path: Default::default(),
        message,
    }
}

// --- YAML -------------------------------------------------------------------------------------

/// Parse one YAML value (used for whole blocks and for the CLI's flow values).
pub(super) fn yaml_value(text: &str) -> Result<Value> {
    yaml_value_at(text, 0)
}

fn yaml_value_at(text: &str, lines_before: usize) -> Result<Value> {
    // serde_norway limits recursion depth and alias expansion, so alias bombs fail fast.
    let raw: serde_norway::Value = serde_norway::from_str(text).map_err(|e| {
        let full = e.to_string();
        let message = match e.location() {
            Some(loc) => {
                let bare = full
                    .rfind(" at line ")
                    .map_or(full.as_str(), |i| &full[..i]);
                format!(
                    "invalid YAML at line {}, column {}: {bare}",
                    loc.line() + lines_before,
                    loc.column()
                )
            }
            None => format!("invalid YAML: {full}"),
        };
        front_matter_error(message)
    })?;
    from_yaml(raw)
}

fn yaml_fields(front: &str, lines_before: usize) -> Result<Vec<(String, Value)>> {
    match super::quick::yaml_fields(front) {
        Some(fields) => Ok(fields
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect()),
        None => full_yaml_fields_at(front, lines_before),
    }
}

/// The full YAML parser's reading of a block (the fast path's reference in tests).
#[cfg(test)]
pub(super) fn full_yaml_fields(front: &str) -> Result<Vec<(String, Value)>> {
    full_yaml_fields_at(front, 0)
}

fn full_yaml_fields_at(front: &str, lines_before: usize) -> Result<Vec<(String, Value)>> {
    match yaml_value_at(front, lines_before)? {
        // Empty front matter, or only comments.
        Value::Null => Ok(Vec::new()),
        Value::Map(fields) => Ok(fields),
        _ => Err(front_matter_error(
            "YAML front matter must be a mapping of keys to values".into(),
        )),
    }
}

fn from_yaml(raw: serde_norway::Value) -> Result<Value> {
    use serde_norway::Value as Y;
    Ok(match raw {
        Y::Null => Value::Null,
        Y::Bool(b) => Value::Bool(b),
        Y::Number(n) => match n.as_i64() {
            Some(i) => Value::Int(i),
            None => Value::Float(n.as_f64().unwrap_or(f64::NAN)),
        },
        Y::String(s) => Value::from_text(s),
        Y::Sequence(items) => Value::List(items.into_iter().map(from_yaml).collect::<Result<_>>()?),
        Y::Mapping(map) => {
            let mut fields = Vec::with_capacity(map.len());
            for (key, value) in map {
                fields.push((yaml_key(key)?, from_yaml(value)?));
            }
            Value::Map(fields)
        }
        Y::Tagged(tagged) => from_yaml(tagged.value)?,
    })
}

fn yaml_key(key: serde_norway::Value) -> Result<String> {
    use serde_norway::Value as Y;
    match key {
        Y::String(s) => Ok(s),
        Y::Bool(b) => Ok(b.to_string()),
        Y::Number(n) => Ok(n.to_string()),
        Y::Null => Ok("null".to_string()),
        _ => Err(front_matter_error(
            "YAML front matter has a key that is a list or a map".into(),
        )),
    }
}

// --- TOML -------------------------------------------------------------------------------------

fn toml_fields(front: &str, lines_before: usize) -> Result<Vec<(String, Value)>> {
    let doc: toml_edit::DocumentMut = front.parse().map_err(|e: toml_edit::TomlError| {
        let line = e
            .span()
            .and_then(|span| front.get(..span.start))
            .map(|before| before.matches('\n').count() + 1);
        let message = e.message().trim_end();
        front_matter_error(match line {
            Some(line) => format!("invalid TOML at line {}: {message}", line + lines_before),
            None => format!("invalid TOML: {message}"),
        })
    })?;
    Ok(toml_table(doc.as_table()))
}

pub(super) fn toml_table(table: &toml_edit::Table) -> Vec<(String, Value)> {
    table
        .iter()
        .filter_map(|(k, item)| toml_item(item).map(|v| (k.to_string(), v)))
        .collect()
}

fn toml_item(item: &toml_edit::Item) -> Option<Value> {
    use toml_edit::Item;
    match item {
        Item::None => None,
        Item::Value(v) => Some(toml_value(v)),
        Item::Table(t) => Some(Value::Map(toml_table(t))),
        Item::ArrayOfTables(a) => Some(Value::List(
            a.iter().map(|t| Value::Map(toml_table(t))).collect(),
        )),
    }
}

pub(super) fn toml_value(value: &toml_edit::Value) -> Value {
    use toml_edit::Value as T;
    match value {
        T::String(s) => Value::from_text(s.value().clone()),
        T::Integer(i) => Value::Int(*i.value()),
        T::Float(f) => Value::Float(*f.value()),
        T::Boolean(b) => Value::Bool(*b.value()),
        T::Datetime(d) => {
            // Keep the date as written (`1979-05-27 07:32:00` stays with its space).
            let written = d.display_repr().trim().to_string();
            match Date::parse(&written).or_else(|| Date::parse(&d.value().to_string())) {
                Some(date) => Value::Date(date),
                // A bare time of day (`07:32:00`) is not a date.
                None => Value::String(written),
            }
        }
        T::Array(items) => Value::List(items.iter().map(toml_value).collect()),
        T::InlineTable(t) => Value::Map(
            t.iter()
                .map(|(k, v)| (k.to_string(), toml_value(v)))
                .collect(),
        ),
    }
}

// --- JSON -------------------------------------------------------------------------------------

fn json_fields(front: &str, lines_before: usize) -> Result<Vec<(String, Value)>> {
    let raw: serde_json::Value = serde_json::from_str(front).map_err(|e| {
        front_matter_error(
            format!(
                "invalid JSON at line {}, column {}: {e}",
                e.line() + lines_before,
                e.column()
            )
            .replace(&format!(" at line {} column {}", e.line(), e.column()), ""),
        )
    })?;
    match from_json(raw) {
        Value::Map(fields) => Ok(fields),
        _ => Err(front_matter_error(
            "JSON front matter must be an object".into(),
        )),
    }
}

fn from_json(raw: serde_json::Value) -> Value {
    use serde_json::Value as J;
    match raw {
        J::Null => Value::Null,
        J::Bool(b) => Value::Bool(b),
        J::Number(n) => match n.as_i64() {
            Some(i) => Value::Int(i),
            None => Value::Float(n.as_f64().unwrap_or(f64::NAN)),
        },
        J::String(s) => Value::from_text(s),
        J::Array(items) => Value::List(items.into_iter().map(from_json).collect()),
        J::Object(map) => Value::Map(map.into_iter().map(|(k, v)| (k, from_json(v))).collect()),
    }
}

#[cfg(test)]
#[path = "parse_tests.rs"]
mod tests;
