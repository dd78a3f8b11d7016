//! A front-matter value independent of the syntax it came from, dates kept as written.

use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime};
use serde::{Deserialize, Serialize};

/// A value of the front matter. Crosses IPC as `{ "type": "...", "value": ... }` so the form
/// knows which field fits.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(tag = "type", content = "value", rename_all = "lowercase")]
pub enum Value {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    String(String),
    Date(Date),
    List(Vec<Value>),
    /// A nested map, keys in the order written.
    Map(Vec<(String, Value)>),
}

/// A date or date-time, with the exact text it was written as so it is written back the same.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct Date {
    pub text: String,
    pub kind: DateKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum DateKind {
    /// RFC 3339 with an offset: `2025-09-16T09:00:00-05:00`.
    OffsetDateTime,
    /// A date-time without offset: `2025-09-16T09:00:00` (also with a space instead of `T`).
    LocalDateTime,
    /// A plain date: `2025-09-16`.
    Date,
}

const LOCAL_FORMATS: [&str; 2] = ["%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%d %H:%M:%S%.f"];

/// Offset date-times beside RFC 3339: the offset after a space (Jekyll's
/// `2025-09-16 09:00:00 -0500`) or without a colon (`%z` reads `-0500` and `-05:00`).
const OFFSET_FORMATS: [&str; 4] = [
    "%Y-%m-%dT%H:%M:%S%.f%z",
    "%Y-%m-%d %H:%M:%S%.f%z",
    "%Y-%m-%dT%H:%M:%S%.f %z",
    "%Y-%m-%d %H:%M:%S%.f %z",
];

fn offset_date_time(text: &str) -> Option<DateTime<chrono::FixedOffset>> {
    DateTime::parse_from_rfc3339(text).ok().or_else(|| {
        OFFSET_FORMATS
            .iter()
            .find_map(|f| DateTime::parse_from_str(text, f).ok())
    })
}

impl Date {
    /// Recognise a date in `text`, or `None` when it is not one.
    pub fn parse(text: &str) -> Option<Date> {
        let kind = Date::kind_of(text)?;
        Some(Date {
            text: text.to_string(),
            kind,
        })
    }

    /// [`Date::parse`] keeping `text` (given back when it is not a date).
    fn parse_owned(text: String) -> std::result::Result<Date, String> {
        match Date::kind_of(&text) {
            Some(kind) => Ok(Date { text, kind }),
            None => Err(text),
        }
    }

    fn kind_of(text: &str) -> Option<DateKind> {
        // chrono's `%Y`/`%m` accept other widths; insist on the `YYYY-MM-DD` shape first so
        // that `1-2-3` or `+20250-01-01` stay strings.
        if !has_date_shape(text) {
            return None;
        }
        let kind = if offset_date_time(text).is_some() {
            DateKind::OffsetDateTime
        } else if LOCAL_FORMATS
            .iter()
            .any(|f| NaiveDateTime::parse_from_str(text, f).is_ok())
        {
            DateKind::LocalDateTime
        } else if NaiveDate::parse_from_str(text, "%Y-%m-%d").is_ok() {
            DateKind::Date
        } else {
            return None;
        };
        Some(kind)
    }

    /// A key that orders dates of every kind (local times and dates taken as UTC).
    pub fn sort_key(&self) -> chrono::NaiveDateTime {
        // A hand-built `Date` whose text does not parse sorts first rather than panicking.
        self.to_naive_utc().unwrap_or(NaiveDateTime::MIN)
    }

    /// The calendar day as written (an offset date-time keeps its own day, not UTC's), read
    /// from the parsed date so that `2025-9-6T09:00:00` is the 6th of September.
    pub fn calendar_day(&self) -> Option<NaiveDate> {
        if let Some(dt) = offset_date_time(&self.text) {
            return Some(dt.date_naive());
        }
        self.to_naive_utc().map(|dt| dt.date())
    }

    fn to_naive_utc(&self) -> Option<NaiveDateTime> {
        if let Some(dt) = offset_date_time(&self.text) {
            return Some(dt.naive_utc());
        }
        if let Some(dt) = LOCAL_FORMATS
            .iter()
            .find_map(|f| NaiveDateTime::parse_from_str(&self.text, f).ok())
        {
            return Some(dt);
        }
        NaiveDate::parse_from_str(&self.text, "%Y-%m-%d")
            .ok()
            .map(|d| d.and_time(NaiveTime::MIN))
    }
}

fn has_date_shape(text: &str) -> bool {
    let b = text.as_bytes();
    b.len() >= 10
        && b[..4].iter().all(u8::is_ascii_digit)
        && b[4] == b'-'
        && b[5..7].iter().all(u8::is_ascii_digit)
        && b[7] == b'-'
        && b[8..10].iter().all(u8::is_ascii_digit)
}

impl Value {
    /// A string value, or a date when the text is one (YAML and JSON have no date type).
    pub(super) fn from_text(text: String) -> Value {
        match Date::parse_owned(text) {
            Ok(date) => Value::Date(date),
            Err(text) => Value::String(text),
        }
    }

    /// The value as a plain string for typed fields: strings and dates as written, numbers and
    /// booleans in their usual spelling; lists and maps have none.
    pub fn into_text(self) -> Option<String> {
        match self {
            Value::String(s) => Some(s),
            Value::Date(d) => Some(d.text),
            Value::Bool(b) => Some(b.to_string()),
            Value::Int(i) => Some(i.to_string()),
            Value::Float(f) => Some(f.to_string()),
            Value::Null | Value::List(_) | Value::Map(_) => None,
        }
    }
}

/// Read a value as a YAML flow value, as the CLI's `set` takes it: `true`, `3`, `2.5`,
/// `2025-09-16`, `[a, b]`, `{a: 1}`, `"quoted"`, or plain text.
pub fn parse_flow_value(text: &str) -> crate::Result<Value> {
    let trimmed = text.trim();
    let invalid = |e: &dyn std::fmt::Display| crate::Error::InvalidValue {
        message: format!("`{text}` is not a valid value: {e}"),
    };
    let structured = trimmed.starts_with(['[', '{', '"', '\'']);
    let parsed = match super::parse::yaml_value(trimmed) {
        Ok(value) => value,
        Err(e) if structured => return Err(invalid(&e)),
        // Anything YAML cannot read is meant as text.
        Err(_) => return Ok(Value::String(text.to_string())),
    };
    Ok(match parsed {
        // A quoted value is a string even when it looks like a date.
        Value::Date(date) if trimmed.starts_with(['"', '\'']) => Value::String(date.text),
        Value::Null if !matches!(trimmed, "null" | "Null" | "NULL" | "~") => {
            Value::String(text.to_string())
        }
        // `Note: this` is text, not a one-key map; maps must be written in braces.
        Value::Map(_) if !trimmed.starts_with('{') => Value::String(text.to_string()),
        // So is `- a` (lists are written in brackets).
        Value::List(_) if !structured => Value::String(text.to_string()),
        // Plain text reads back as itself unless YAML cut it (`Episode #3` loses a comment),
        // folded its lines, or took it as a block (`|`), an anchor or a tag (`!note`).
        Value::String(s) if !structured && s != trimmed => Value::String(text.to_string()),
        // A whole number past 64 bits is read as a float and would be written back rounded
        // (`1.2345678901234567e19`): an id would lose its last digits.
        Value::Float(_) if is_whole_number(trimmed) => {
            return Err(invalid(&"too large a whole number to keep every digit; put it in quotes to keep it as text"));
        }
        other => other,
    })
}

/// Digits with an optional sign, as YAML writes a whole number.
fn is_whole_number(text: &str) -> bool {
    let digits = text.strip_prefix(['+', '-']).unwrap_or(text);
    !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_of_each_kind_keep_their_text() {
        let cases = [
            ("2025-09-16T09:00:00-05:00", DateKind::OffsetDateTime),
            ("2025-09-16T14:00:00Z", DateKind::OffsetDateTime),
            ("2025-09-16T09:00:00", DateKind::LocalDateTime),
            ("2025-09-16 09:00:00", DateKind::LocalDateTime),
            ("2025-09-16", DateKind::Date),
        ];
        for (text, kind) in cases {
            assert_eq!(
                Date::parse(text),
                Some(Date {
                    text: text.to_string(),
                    kind
                }),
                "{text}"
            );
        }
    }

    /// Jekyll writes `date: 2025-09-16 09:00:00 -0500` (its documented format); Hugo reads an
    /// offset without a colon too.
    #[test]
    fn offsets_after_a_space_or_without_a_colon_are_offset_dates() {
        for text in [
            "2025-09-16 09:00:00 -0500",
            "2025-09-16 09:00:00 +05:30",
            "2025-09-16T09:00:00-0500",
            "2025-09-16 09:00:00.25 -0500",
        ] {
            assert_eq!(
                Date::parse(text).map(|d| d.kind),
                Some(DateKind::OffsetDateTime),
                "{text}"
            );
        }
        let key = |t: &str| Date::parse(t).unwrap().sort_key();
        assert_eq!(
            key("2025-09-16 09:00:00 -0500"),
            key("2025-09-16T14:00:00Z")
        );
        let fm = crate::front_matter::parse("---\ndate: 2025-09-16 09:00:00 -0500\n---\n").unwrap();
        assert_eq!(
            fm.date.map(|d| d.text),
            Some("2025-09-16 09:00:00 -0500".to_string())
        );
    }

    #[test]
    fn non_dates_are_not_dates() {
        for text in [
            "2025-13-01",
            "2025-9-16",
            "hello",
            "2025-09-16 noon",
            "",
            "20250916",
        ] {
            assert_eq!(Date::parse(text), None, "{text}");
        }
    }

    #[test]
    fn sort_key_orders_across_kinds_in_utc() {
        let key = |t: &str| Date::parse(t).unwrap().sort_key();
        assert!(key("2025-09-16T09:00:00-05:00") > key("2025-09-16T13:00:00"));
        assert!(key("2025-09-16T09:00:00-05:00") < key("2025-09-16T15:00:00"));
        assert!(key("2025-09-16") < key("2025-09-16 00:00:01"));
        let bogus = Date {
            text: "nope".into(),
            kind: DateKind::Date,
        };
        assert_eq!(bogus.sort_key(), NaiveDateTime::MIN);
    }

    #[test]
    fn flow_values_are_typed() {
        let date = |t: &str| Value::Date(Date::parse(t).unwrap());
        let s = |t: &str| Value::String(t.to_string());
        assert_eq!(parse_flow_value("true").unwrap(), Value::Bool(true));
        assert_eq!(parse_flow_value("3").unwrap(), Value::Int(3));
        assert_eq!(parse_flow_value("2.5").unwrap(), Value::Float(2.5));
        assert_eq!(parse_flow_value("2025-09-16").unwrap(), date("2025-09-16"));
        assert_eq!(
            parse_flow_value("2025-09-16T09:00:00-05:00").unwrap(),
            date("2025-09-16T09:00:00-05:00")
        );
        assert_eq!(
            parse_flow_value("[a, b]").unwrap(),
            Value::List(vec![s("a"), s("b")])
        );
        assert_eq!(
            parse_flow_value("{a: 1}").unwrap(),
            Value::Map(vec![("a".into(), Value::Int(1))])
        );
        assert_eq!(parse_flow_value("\"quoted\"").unwrap(), s("quoted"));
        assert_eq!(parse_flow_value("\"2025-09-16\"").unwrap(), s("2025-09-16"));
        assert_eq!(parse_flow_value("Hello there").unwrap(), s("Hello there"));
        assert_eq!(parse_flow_value("Note: this").unwrap(), s("Note: this"));
        assert_eq!(
            parse_flow_value("# not a comment").unwrap(),
            s("# not a comment")
        );
        assert_eq!(parse_flow_value("null").unwrap(), Value::Null);
        assert_eq!(parse_flow_value("~").unwrap(), Value::Null);
    }

    /// `Episode #3` as YAML is `Episode` and a comment; `- a` a list; `|` an empty block.
    /// Unquoted text is meant whole.
    #[test]
    fn text_that_yaml_would_cut_or_reshape_is_kept_whole() {
        for text in ["Episode #3", "- a", "|", ">", "&a x", "!note x", "a\n  b"] {
            assert_eq!(
                parse_flow_value(text).unwrap(),
                Value::String(text.to_string()),
                "{text:?}"
            );
        }
    }

    #[test]
    fn broken_flow_collections_are_invalid_values() {
        let err = parse_flow_value("[a, b").unwrap_err();
        assert_eq!(err.kind(), "invalid_value");
    }

    /// An id past 64 bits (`12345678901234567890`) would be written back rounded, digits lost.
    #[test]
    fn whole_numbers_too_large_to_keep_are_refused() {
        for text in ["12345678901234567890", "18446744073709551615"] {
            let err = parse_flow_value(text).unwrap_err();
            assert_eq!(err.kind(), "invalid_value", "{text}");
            assert!(err.to_string().contains("quotes"), "{err}");
        }
        assert_eq!(
            parse_flow_value("9223372036854775807").unwrap(),
            Value::Int(i64::MAX)
        );
        assert_eq!(parse_flow_value("2.5e3").unwrap(), Value::Float(2500.0));
        let quoted = parse_flow_value("\"12345678901234567890\"").unwrap();
        assert_eq!(quoted, Value::String("12345678901234567890".into()));
    }
}
