//! Property tests: for generated front matter in YAML, TOML and JSON (comments, CRLF or LF, an
//! optional BOM), setting or removing one key changes only that key's lines, re-reading gives
//! the old values plus the edit, and split parts concatenate back to the text.

#[path = "front_matter_support.rs"]
mod support;

use draftsmith_core::front_matter::{self, Date, Format, FrontMatter, Value};
use proptest::prelude::*;
use support::{check_edit, Edit};

#[derive(Debug, Clone)]
enum Gen {
    Str(String),
    Int(i64),
    Bool(bool),
    Date(String),
    List(Vec<String>),
}

impl Gen {
    fn value(&self) -> Value {
        match self {
            Gen::Str(s) => Value::String(s.clone()),
            Gen::Int(i) => Value::Int(*i),
            Gen::Bool(b) => Value::Bool(*b),
            Gen::Date(d) => Date::parse(d).map_or_else(|| Value::String(d.clone()), Value::Date),
            Gen::List(items) => Value::List(items.iter().cloned().map(Value::String).collect()),
        }
    }
}

/// A key and how it is written: its value, a style choice, a comment above, a trailing comment.
#[derive(Debug, Clone)]
struct Entry {
    key: String,
    value: Gen,
    style: u8,
    comment_above: bool,
    trailing_comment: bool,
}

fn text_strategy() -> impl Strategy<Value = String> {
    // Starts with a letter so it never reads as a number or a date; `:`, `#` and quotes force
    // quoting decisions.
    "[A-Za-zé][A-Za-z0-9é :#'\",.-]{0,12}"
}

fn date_strategy() -> impl Strategy<Value = String> {
    (
        2000u32..2030,
        1u32..13,
        1u32..29,
        0u32..24,
        0u32..60,
        prop::sample::select(vec!["Z", "+02:00", "-05:00"]),
        0u8..3,
    )
        .prop_map(|(y, m, d, h, min, offset, kind)| match kind {
            0 => format!("{y:04}-{m:02}-{d:02}"),
            1 => format!("{y:04}-{m:02}-{d:02}T{h:02}:{min:02}:00"),
            _ => format!("{y:04}-{m:02}-{d:02}T{h:02}:{min:02}:00{offset}"),
        })
}

fn gen_strategy() -> impl Strategy<Value = Gen> {
    prop_oneof![
        text_strategy().prop_map(Gen::Str),
        any::<i32>().prop_map(|i| Gen::Int(i64::from(i))),
        any::<bool>().prop_map(Gen::Bool),
        date_strategy().prop_map(Gen::Date),
        prop::collection::vec(text_strategy(), 0..4).prop_map(Gen::List),
    ]
}

/// Values to set also include multi-line text (YAML writes it as a block scalar).
fn new_value_strategy() -> impl Strategy<Value = Gen> {
    let multi_line =
        (prop::collection::vec(text_strategy(), 2..4), 0usize..3).prop_map(|(lines, trailing)| {
            Gen::Str(format!("{}{}", lines.join("\n"), "\n".repeat(trailing)))
        });
    prop_oneof![4 => gen_strategy(), 1 => multi_line]
}

/// Any key, and often one of those read as typed fields.
fn key_strategy() -> impl Strategy<Value = String> {
    let typed = ["title", "date", "draft", "tags", "categories", "description", "slug"];
    prop_oneof![
        3 => "[a-z][a-z0-9_]{0,7}",
        1 => prop::sample::select(typed.to_vec()).prop_map(String::from),
    ]
}

fn entries_strategy() -> impl Strategy<Value = Vec<Entry>> {
    prop::collection::vec(
        (
            key_strategy(),
            gen_strategy(),
            0u8..4,
            any::<bool>(),
            any::<bool>(),
        ),
        1..7,
    )
    .prop_map(|raw| {
        let mut seen = std::collections::HashSet::new();
        raw.into_iter()
            .filter(|(key, ..)| seen.insert(key.clone()))
            .map(
                |(key, value, style, comment_above, trailing_comment)| Entry {
                    key,
                    value,
                    style,
                    comment_above: comment_above && style % 2 == 0,
                    trailing_comment,
                },
            )
            .collect()
    })
}

fn json_str(s: &str) -> String {
    serde_json::to_string(s).unwrap()
}

/// Long lowercase words cannot be YAML keywords (`true`, `null`, `no`, ...).
fn yaml_plain_ok(s: &str) -> bool {
    s.len() >= 6 && s.chars().all(|c| c.is_ascii_lowercase())
}

fn yaml_scalar(s: &str, style: u8) -> String {
    match style % 3 {
        0 => json_str(s),
        1 => format!("'{}'", s.replace('\'', "''")),
        _ if yaml_plain_ok(s) => s.to_string(),
        _ => json_str(s),
    }
}

fn yaml_front(entries: &[Entry]) -> String {
    let mut out = String::new();
    for e in entries {
        if e.comment_above {
            out.push_str(&format!("# about {}\n\n", e.key));
        }
        let comment = if e.trailing_comment { "  # note" } else { "" };
        let line = match &e.value {
            Gen::Str(s) => format!("{}: {}{comment}\n", e.key, yaml_scalar(s, e.style)),
            Gen::Int(i) => format!("{}: {i}{comment}\n", e.key),
            Gen::Bool(b) => format!("{}: {b}{comment}\n", e.key),
            Gen::Date(d) => format!("{}: {d}{comment}\n", e.key),
            Gen::List(items) if e.style % 2 == 1 && !items.is_empty() => {
                let indent = ["", "  ", "    "][usize::from(e.style / 2) % 3];
                let items: String = items
                    .iter()
                    .map(|i| format!("{indent}- {}\n", json_str(i)))
                    .collect();
                format!("{}:{comment}\n{items}", e.key)
            }
            Gen::List(items) => {
                let items: Vec<String> = items.iter().map(|i| yaml_scalar(i, e.style)).collect();
                format!("{}: [{}]{comment}\n", e.key, items.join(", "))
            }
        };
        out.push_str(&line);
    }
    format!("---\n{out}---\n")
}

fn toml_front(entries: &[Entry], with_table: bool) -> String {
    let mut out = String::new();
    for e in entries {
        if e.comment_above {
            out.push_str(&format!("# about {}\n", e.key));
        }
        let comment = if e.trailing_comment { "  # note" } else { "" };
        let value = match &e.value {
            Gen::Str(s) if e.style % 2 == 1 && !s.contains('\'') => format!("'{s}'"),
            Gen::Str(s) => json_str(s),
            Gen::Int(i) => i.to_string(),
            Gen::Bool(b) => b.to_string(),
            Gen::Date(d) => d.clone(),
            Gen::List(items) => format!(
                "[{}]",
                items
                    .iter()
                    .map(|i| json_str(i))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        };
        out.push_str(&format!("{} = {value}{comment}\n", e.key));
    }
    if with_table {
        out.push_str("\n[params-x]\nhero = \"a.png\"\n");
    }
    format!("+++\n{out}+++\n")
}

fn json_front(entries: &[Entry]) -> String {
    let members: Vec<String> = entries
        .iter()
        .map(|e| {
            let value = match &e.value {
                Gen::Str(s) | Gen::Date(s) => json_str(s),
                Gen::Int(i) => i.to_string(),
                Gen::Bool(b) => b.to_string(),
                Gen::List(items) => {
                    format!(
                        "[{}]",
                        items
                            .iter()
                            .map(|i| json_str(i))
                            .collect::<Vec<_>>()
                            .join(", ")
                    )
                }
            };
            format!("  {}: {value}", json_str(&e.key))
        })
        .collect();
    format!("{{\n{}\n}}\n", members.join(",\n"))
}

#[derive(Debug, Clone)]
struct Post {
    text: String,
    keys: Vec<String>,
}

fn post_strategy() -> impl Strategy<Value = Post> {
    (
        entries_strategy(),
        prop::sample::select(vec![Format::Yaml, Format::Toml, Format::Json]),
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
        "[A-Za-z .\n]{0,30}",
    )
        .prop_map(|(entries, format, crlf, bom, with_table, body)| {
            let front = match format {
                Format::Yaml => yaml_front(&entries),
                Format::Toml => toml_front(&entries, with_table),
                Format::Json => json_front(&entries),
            };
            let mut text = format!("{front}\n{body}");
            if crlf {
                text = text.replace('\n', "\r\n");
            }
            if bom {
                text.insert(0, '\u{feff}');
            }
            Post {
                text,
                keys: entries.into_iter().map(|e| e.key).collect(),
            }
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn setting_one_key_changes_only_its_lines(
        post in post_strategy(),
        pick in any::<prop::sample::Index>(),
        new_key in key_strategy(),
        add in any::<bool>(),
        value in new_value_strategy(),
    ) {
        let old = &post.text;
        prop_assert!(front_matter::parse(old).is_ok(), "generated post does not parse:\n{old}");
        let key = if add && !post.keys.contains(&new_key) { new_key } else { pick.get(&post.keys).clone() };
        let value = value.value();
        let new = front_matter::set(old, &key, &value, Format::Yaml);
        prop_assert!(new.is_ok(), "set {key} = {value:?} failed: {:?}\n{old}", new.err());
        let new = new.unwrap();
        let checked = check_edit(old, &new, &key, Edit::Set(&value));
        prop_assert!(checked.is_ok(), "{}\n--- old\n{old}\n--- new\n{new}", checked.unwrap_err());
    }

    #[test]
    fn removing_one_key_changes_only_its_lines(post in post_strategy(), pick in any::<prop::sample::Index>()) {
        let old = &post.text;
        let key = pick.get(&post.keys).clone();
        let new = front_matter::remove(old, &key);
        prop_assert!(new.is_ok(), "remove {key} failed: {:?}\n{old}", new.err());
        let new = new.unwrap();
        prop_assert_ne!(&new, old);
        let checked = check_edit(old, &new, &key, Edit::Remove);
        prop_assert!(checked.is_ok(), "{}\n--- old\n{old}\n--- new\n{new}", checked.unwrap_err());
    }

    #[test]
    fn split_parts_concatenate_back(post in post_strategy()) {
        let text = &post.text;
        let parts = front_matter::split(text).unwrap();
        prop_assert!(parts.block.start <= parts.front.start && parts.front.end <= parts.block.end);
        prop_assert_eq!(parts.block.end, parts.body.start);
        let joined = format!("{}{}{}", &text[..parts.block.start], &text[parts.block.clone()], parts.body_text());
        prop_assert_eq!(&joined, text);
    }

    #[test]
    fn typed_keys_read_alone_equal_the_full_reading(post in post_strategy()) {
        let parts = front_matter::split(&post.text).unwrap();
        let full = front_matter::parse_split(&parts).unwrap();
        let alone = front_matter::parse_split_typed(&parts).unwrap();
        prop_assert_eq!(alone, typed(full));
    }

    /// Arbitrary text never panics, and whatever `set` accepts reads back with the new value.
    #[test]
    fn any_text_is_handled_without_panicking(
        text in "\u{feff}?(---\r?\n|\\+\\+\\+\r?\n|\\{)?[a-z:#'\"\\[\\]{}, \\-|>&*!\r\né.+]{0,60}(\n---\n|\n\\+\\+\\+\n|\\})?[a-z \n]{0,10}",
        key in key_strategy(),
        value in new_value_strategy(),
    ) {
        let parsed = front_matter::parse(&text);
        if let Ok(parts) = front_matter::split(&text) {
            let alone = front_matter::parse_split_typed(&parts);
            prop_assert_eq!(alone.ok(), parsed.as_ref().ok().cloned().map(typed));
        }
        let _ = front_matter::toggle_draft(&text, Format::Toml);
        let _ = front_matter::clear_draft(&text);
        let removed = front_matter::remove(&text, &key);
        if let Ok(removed) = removed {
            prop_assert!(front_matter::parse(&removed).map_or(true, |fm| fm.get(&key).is_none()));
        }
        let value = value.value();
        if let Ok(new) = front_matter::set(&text, &key, &value, Format::Yaml) {
            prop_assert!(parsed.is_ok(), "set succeeded on text that does not parse");
            let read = front_matter::parse(&new).unwrap();
            prop_assert!(read.get(&key).is_some_and(|v| support::same_value(v, &value)), "{new}");
        }
    }
}

/// The full reading without its list of every key: what `parse_split_typed` gives.
fn typed(fm: FrontMatter) -> FrontMatter {
    FrontMatter { fields: Vec::new(), ..fm }
}
