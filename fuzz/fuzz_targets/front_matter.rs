//! Split, parse and edit arbitrary text: nothing panics, and an edit that succeeds changes
//! nothing outside the front-matter block and leaves text that parses again.

#![no_main]

use draftsmith_core::front_matter::{self, Format, Value};
use libfuzzer_sys::fuzz_target;

const KEYS: [&str; 6] = ["title", "draft", "tags", "date", "weight", "new_key"];
const FORMATS: [Format; 3] = [Format::Yaml, Format::Toml, Format::Json];

/// The text after the front-matter block (after the BOM when there is no block).
fn body(text: &str) -> Option<&str> {
    front_matter::split(text)
        .ok()
        .map(|parts| parts.body_text())
}

/// Whether `edited` kept the body `old_body` exactly. A block added to a post that had none
/// may be followed by one blank line before the old text: that line belongs to the new block.
fn body_kept(edited: &str, old_body: &str, had_block: bool) -> bool {
    let Some(new_body) = body(edited) else {
        return false;
    };
    new_body == old_body
        || (!had_block
            && ["\n", "\r\n"]
                .iter()
                .any(|gap| new_body.strip_prefix(gap) == Some(old_body)))
}

fn value_for(choice: u8, seed: &str) -> Value {
    match choice % 5 {
        0 => Value::String(seed.to_string()),
        1 => Value::Bool(choice.is_multiple_of(2)),
        2 => Value::Int(i64::from(choice)),
        3 => Value::List(vec![
            Value::String(seed.to_string()),
            Value::String("b".into()),
        ]),
        _ => Value::Null,
    }
}

fuzz_target!(|data: &[u8]| {
    // The first two bytes choose the edit; the rest is the post.
    let [key_choice, value_choice, rest @ ..] = data else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let had_block = front_matter::split(text).is_ok_and(|parts| parts.format.is_some());
    let Some(old_body) = body(text) else {
        // An unsplittable post must be refused by every operation, never half-edited.
        assert!(front_matter::parse(text).is_err());
        return;
    };
    if front_matter::parse(text).is_err() {
        return;
    }
    let key = KEYS[usize::from(*key_choice) % KEYS.len()];
    let format = FORMATS[usize::from(*value_choice) % FORMATS.len()];
    let seed: String = text
        .chars()
        .filter(|c| c.is_alphanumeric())
        .take(12)
        .collect();
    let value = value_for(*value_choice, &seed);

    if let Ok(edited) = front_matter::set(text, key, &value, format) {
        assert!(
            body_kept(&edited, old_body, had_block),
            "set changed the body: {edited:?}"
        );
        assert_eq!(
            edited.starts_with('\u{feff}'),
            text.starts_with('\u{feff}'),
            "BOM moved"
        );
        let reparsed = front_matter::parse(&edited).expect("an edited post parses again");
        assert!(reparsed.get(key).is_some(), "the key set is not there");
    }
    if let Ok(edited) = front_matter::remove(text, key) {
        assert_eq!(
            body(&edited),
            Some(old_body),
            "remove changed the body: {edited:?}"
        );
        let reparsed = front_matter::parse(&edited).expect("an edited post parses again");
        assert!(
            reparsed.get(key).is_none(),
            "the key removed is still there"
        );
    }
});
