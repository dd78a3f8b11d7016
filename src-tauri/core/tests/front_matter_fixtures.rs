//! Lossless edits on hand-written posts covering the hard cases: comments, CRLF, BOM, nested
//! maps and TOML tables last, flow and block lists, quoted and multi-line strings, JSON.

#[path = "front_matter_support.rs"]
mod support;

use draftsmith_core::front_matter::{self, Date, Format, Value};
use support::{check_edit, check_values, Edit};

fn fixture(name: &str) -> String {
    let path = format!(
        "{}/tests/fixtures/front_matter/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

const EDITABLE: &[&str] = &[
    "yaml_comments.md",
    "yaml_crlf_bom.md",
    "yaml_no_trailing_newline.md",
    "toml_tables_last.md",
    "json.md",
];

fn new_values() -> Vec<Value> {
    vec![
        Value::String("Changed: with a colon # and hash".into()),
        Value::String("plain words".into()),
        Value::Bool(true),
        Value::Int(42),
        Value::List(vec![
            Value::String("one".into()),
            Value::String("two, three".into()),
        ]),
        Value::Date(Date::parse("2026-01-02T03:04:05-08:00").unwrap()),
    ]
}

#[test]
fn setting_any_key_changes_only_its_lines() {
    for name in EDITABLE {
        let text = fixture(name);
        let fm = front_matter::parse(&text).unwrap();
        let keys: Vec<String> = fm.fields.iter().map(|(k, _)| k.clone()).collect();
        assert!(keys.len() >= 2, "{name} should have keys");
        for key in keys.iter().map(String::as_str).chain(["brand_new"]) {
            // Replacing a TOML `[table]` by a plain value moves lines by necessity: only the
            // values are checked there.
            let toml_table = fm.format == Some(Format::Toml)
                && matches!(fm.get(key), Some(Value::Map(_) | Value::List(_)))
                && text.contains(&format!("[{key}]"));
            for value in new_values() {
                let new = front_matter::set(&text, key, &value, Format::Yaml)
                    .unwrap_or_else(|e| panic!("{name}: set {key} = {value:?}: {e}"));
                let checked = if toml_table {
                    check_values(&text, &new, key, &Edit::Set(&value))
                } else {
                    check_edit(&text, &new, key, Edit::Set(&value))
                };
                if let Err(problem) = checked {
                    panic!(
                        "{name}: set {key} = {value:?}: {problem}\n--- old\n{text}\n--- new\n{new}"
                    );
                }
            }
        }
    }
}

#[test]
fn removing_any_key_changes_only_its_lines() {
    for name in EDITABLE {
        let text = fixture(name);
        for (key, _) in front_matter::parse(&text).unwrap().fields {
            let new = front_matter::remove(&text, &key)
                .unwrap_or_else(|e| panic!("{name}: remove {key}: {e}"));
            assert_ne!(new, text, "{name}: removing {key} changed nothing");
            if let Err(problem) = check_edit(&text, &new, &key, Edit::Remove) {
                panic!("{name}: remove {key}: {problem}\n--- old\n{text}\n--- new\n{new}");
            }
        }
    }
}

#[test]
fn quoting_style_and_block_lists_are_kept() {
    let text = fixture("yaml_comments.md");
    let new = front_matter::set(
        &text,
        "title",
        &Value::String("Canal, revisited".into()),
        Format::Yaml,
    )
    .unwrap();
    assert!(
        new.contains("title: \"Canal, revisited\"   # keep it short\n"),
        "{new}"
    );
    let new = front_matter::set(
        &text,
        "subtitle",
        &Value::String("It's calm".into()),
        Format::Yaml,
    )
    .unwrap();
    assert!(new.contains("subtitle: 'It''s calm'\n"), "{new}");
    let list = Value::List(vec![Value::String("Travel".into())]);
    let new = front_matter::set(&text, "categories", &list, Format::Yaml).unwrap();
    assert!(
        new.contains("categories:\n  - Travel\nsummary: |\n"),
        "{new}"
    );
}

#[test]
fn new_keys_land_in_the_root_table() {
    let text = fixture("yaml_comments.md");
    let new =
        front_matter::set(&text, "slug", &Value::String("canal".into()), Format::Yaml).unwrap();
    assert!(
        new.contains("    links: [site, feed]\nslug: canal\n---\n"),
        "{new}"
    );
    let text = fixture("toml_tables_last.md");
    let new =
        front_matter::set(&text, "slug", &Value::String("bread".into()), Format::Yaml).unwrap();
    assert!(
        new.contains("up the mountain.\"\"\"\nslug = \"bread\"\n\n[params]"),
        "{new}"
    );
    assert_eq!(
        front_matter::parse(&new).unwrap().slug.as_deref(),
        Some("bread")
    );
}

#[test]
fn crlf_bom_and_missing_final_newline_survive() {
    let text = fixture("yaml_crlf_bom.md");
    assert!(text.starts_with('\u{feff}') && text.matches('\n').count() == text.matches("\r\n").count());
    let new = front_matter::set_draft(&text, true, Format::Yaml).unwrap();
    assert_eq!(new, text.replace("draft: false", "draft: true"));
    let text = fixture("yaml_no_trailing_newline.md");
    let new = front_matter::set(
        &text,
        "title",
        &Value::String("Renamed".into()),
        Format::Yaml,
    )
    .unwrap();
    assert!(new.ends_with("Last line without newline"));
}

#[test]
fn no_and_empty_front_matter() {
    let text = fixture("none.md");
    assert_eq!(front_matter::parse(&text).unwrap().format, None);
    let (new, draft) = front_matter::toggle_draft(&text, Format::Toml).unwrap();
    assert!(draft);
    assert_eq!(new, format!("+++\ndraft = true\n+++\n\n{text}"));
    let text = fixture("empty.md");
    assert!(front_matter::parse(&text).unwrap().fields.is_empty());
    let new = front_matter::set_draft(&text, true, Format::Toml).unwrap();
    assert_eq!(new, "---\ndraft: true\n---\n\nAn empty block above.\n");
}

#[test]
fn unterminated_front_matter_is_an_error_for_every_operation() {
    let text = fixture("unterminated.md");
    let message = front_matter::parse(&text).unwrap_err().to_string();
    assert!(message.contains("no closing `---`"), "{message}");
    assert!(front_matter::set(&text, "title", &Value::Int(1), Format::Yaml).is_err());
    assert!(front_matter::remove(&text, "title").is_err());
    assert!(front_matter::toggle_draft(&text, Format::Yaml).is_err());
}

#[test]
fn json_front_matter_reads_typed_values() {
    let fm = front_matter::parse(&fixture("json.md")).unwrap();
    assert_eq!(fm.title.as_deref(), Some("Notes on tidal clocks"));
    assert_eq!(fm.tags, ["sea", "clocks"]);
    assert!(fm.is_draft());
}

#[test]
fn the_checks_catch_edits_that_touch_other_keys() {
    let text = fixture("yaml_comments.md");
    let value = Value::Int(8);
    let sloppy = text
        .replace("weight: 7", "weight: 8")
        .replace("ratio: 0.75", "ratio: 0.5");
    assert!(check_edit(&text, &sloppy, "weight", Edit::Set(&value)).is_err());
    let lost_comment = text
        .replace("weight: 7", "weight: 8")
        .replace("# Taxonomies\n", "");
    assert!(check_edit(&text, &lost_comment, "weight", Edit::Set(&value)).is_err());
    let good = text.replace("weight: 7", "weight: 8");
    assert_eq!(
        check_edit(&text, &good, "weight", Edit::Set(&value)),
        Ok(())
    );
}
