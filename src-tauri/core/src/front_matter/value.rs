//! A front-matter value independent of the syntax it came from, dates kept as written.

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

impl Date {
    /// Recognise a date in `text`, or `None` when it is not one.
    pub fn parse(text: &str) -> Option<Date> {
        let _ = text;
        todo!("Date::parse")
    }

    /// A key that orders dates of every kind (local times and dates taken as UTC).
    pub fn sort_key(&self) -> chrono::NaiveDateTime {
        todo!("Date::sort_key")
    }
}

/// Read a value as a YAML flow value, as the CLI's `set` takes it: `true`, `3`, `2.5`,
/// `2025-09-16`, `[a, b]`, `{a: 1}`, `"quoted"`, or plain text.
pub fn parse_flow_value(text: &str) -> crate::Result<Value> {
    let _ = text;
    todo!("parse_flow_value")
}
