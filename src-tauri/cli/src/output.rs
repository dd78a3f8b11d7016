//! Writing to stdout and stderr without panicking (a closed pipe, as in `| head`, is not an
//! error worth a panic) and turning front-matter values into natural JSON.

use draftsmith_core::front_matter::Value;
use std::io::Write;
use std::sync::Mutex;

/// The first error writing to stdout other than a closed pipe (a full disk under `> file`):
/// the output is lost, so the command must not end as if it had worked.
static STDOUT_ERROR: Mutex<Option<String>> = Mutex::new(None);

/// Print `text` and a newline on stdout; a closed pipe is ignored.
pub fn line(text: &str) {
    let mut out = std::io::stdout().lock();
    note(writeln!(out, "{text}").and_then(|()| out.flush()));
}

/// Print `text` as is on stdout.
pub fn raw(text: &str) {
    let mut out = std::io::stdout().lock();
    note(out.write_all(text.as_bytes()).and_then(|()| out.flush()));
}

fn note(result: std::io::Result<()>) {
    if let Err(e) = result {
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            let mut first = STDOUT_ERROR.lock().unwrap_or_else(|p| p.into_inner());
            first.get_or_insert_with(|| format!("could not write to standard output: {e}"));
        }
    }
}

/// Why the output was lost, if it was.
pub fn stdout_error() -> Option<String> {
    STDOUT_ERROR
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .clone()
}

/// `text` for a line of a listing: line breaks, tabs and other control characters (a terminal
/// escape in a title or file name) become spaces.
pub fn plain(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// A message for the user on stderr, prefixed with the program name.
pub fn report(message: &dyn std::fmt::Display) {
    let _ = writeln!(std::io::stderr().lock(), "draftsmith-cli: {message}");
}

/// Progress on stderr (no prefix: it is not a problem).
pub fn progress(message: &str) {
    let _ = writeln!(std::io::stderr().lock(), "{message}");
}

/// Pretty JSON; serialising our own values cannot fail, but never panic if it somehow does.
pub fn json<T: serde::Serialize + ?Sized>(value: &T) -> String {
    serde_json::to_string_pretty(value).unwrap_or_else(|e| format!("\"{e}\""))
}

/// A front-matter value as JSON a script expects: dates as their text, maps in written order.
pub fn value_to_json(value: &Value) -> serde_json::Value {
    use serde_json::Value as Json;
    match value {
        Value::Null => Json::Null,
        Value::Bool(b) => Json::Bool(*b),
        Value::Int(i) => Json::from(*i),
        // Not-a-number has no JSON spelling.
        Value::Float(f) => serde_json::Number::from_f64(*f).map_or(Json::Null, Json::Number),
        Value::String(s) => Json::String(s.clone()),
        Value::Date(d) => Json::String(d.text.clone()),
        Value::List(items) => Json::Array(items.iter().map(value_to_json).collect()),
        Value::Map(entries) => fields_to_json(entries),
    }
}

pub fn fields_to_json(entries: &[(String, Value)]) -> serde_json::Value {
    let object = entries
        .iter()
        .map(|(k, v)| (k.clone(), value_to_json(v)))
        .collect();
    serde_json::Value::Object(object)
}

#[cfg(test)]
mod tests {
    use super::*;
    use draftsmith_core::front_matter::Date;

    #[test]
    fn values_become_natural_json_in_written_order() {
        let date = Date::parse("2025-09-16").expect("a date");
        let fields = vec![
            ("z".to_string(), Value::Int(3)),
            (
                "a".to_string(),
                Value::List(vec![Value::String("x".into()), Value::Bool(true)]),
            ),
            ("when".to_string(), Value::Date(date)),
            ("ratio".to_string(), Value::Float(f64::NAN)),
        ];
        let json = fields_to_json(&fields).to_string();
        assert_eq!(
            json,
            r#"{"z":3,"a":["x",true],"when":"2025-09-16","ratio":null}"#
        );
    }
}
