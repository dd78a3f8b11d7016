use super::*;
use crate::front_matter::Date;

fn s(t: &str) -> Value {
    Value::String(t.to_string())
}

#[test]
fn a_post_without_front_matter_gains_a_block() {
    let out = set("Hello\n", "title", &s("Hi"), Format::Yaml).unwrap();
    assert_eq!(out, "---\ntitle: Hi\n---\n\nHello\n");
    let out = set(
        "\u{feff}Hello\r\n",
        "draft",
        &Value::Bool(true),
        Format::Toml,
    )
    .unwrap();
    assert_eq!(out, "\u{feff}+++\r\ndraft = true\r\n+++\r\n\r\nHello\r\n");
    let out = set("", "title", &s("Hi"), Format::Json).unwrap();
    assert_eq!(out, "{\n  \"title\": \"Hi\"\n}\n");
}

#[test]
fn drafts_set_clear_and_toggle() {
    let text = "---\ntitle: A\ndraft: true\n---\nBody";
    assert_eq!(
        clear_draft(text).unwrap(),
        "---\ntitle: A\ndraft: false\n---\nBody"
    );
    let without = "---\ntitle: A\n---\nBody";
    assert_eq!(clear_draft(without).unwrap(), without);
    let (out, draft) = toggle_draft(without, Format::Yaml).unwrap();
    assert!(draft);
    assert_eq!(out, "---\ntitle: A\ndraft: true\n---\nBody");
    let (out, draft) = toggle_draft(&out, Format::Yaml).unwrap();
    assert!(!draft);
    assert_eq!(out, "---\ntitle: A\ndraft: false\n---\nBody");
    assert_eq!(
        set_draft("+++\n+++\n", true, Format::Yaml).unwrap(),
        "+++\ndraft = true\n+++\n"
    );
}

/// Jekyll has no `draft` key: `published: false` holds a post back. Where the post says
/// `published`, that is the key the draft state is read from and written to.
#[test]
fn a_post_held_back_by_published_false_is_a_draft_and_flips_that_key() {
    let held = "---\ntitle: A\npublished: false\n---\nBody";
    assert!(parse(held).unwrap().is_draft());
    let (out, draft) = toggle_draft(held, Format::Yaml).unwrap();
    assert!(!draft);
    assert_eq!(out, "---\ntitle: A\npublished: true\n---\nBody");
    assert!(!parse(&out).unwrap().is_draft());
    assert_eq!(set_draft(&out, true, Format::Yaml).unwrap(), held);
    assert_eq!(clear_draft(held).unwrap(), out);
    // Both keys: either one holds the post back, and both are written.
    let both = "---\ndraft: false\npublished: false\n---\n";
    assert!(parse(both).unwrap().is_draft());
    assert_eq!(
        set_draft(both, false, Format::Yaml).unwrap(),
        "---\ndraft: false\npublished: true\n---\n"
    );
    assert_eq!(
        set_draft("---\npublished: true\n---\n", true, Format::Yaml).unwrap(),
        "---\npublished: false\n---\n"
    );
    assert_eq!(parse("---\npublished: true\n---\n").unwrap().draft, Some(false));
}

#[test]
fn removing_a_missing_key_changes_nothing() {
    for text in ["---\na: 1\n---\n", "no front matter", "+++\na = 1\n+++\n"] {
        assert_eq!(remove(text, "zzz").unwrap(), text);
    }
}

#[test]
fn invalid_front_matter_is_an_error_not_a_mangled_file() {
    let err = set("---\na: [1\n---\n", "b", &Value::Int(1), Format::Yaml).unwrap_err();
    assert_eq!(err.kind(), "front_matter");
    assert!(remove("---\na: [1\n---\n", "a").is_err());
    assert!(set("---\na: 1\n", "b", &Value::Int(1), Format::Yaml).is_err());
}

#[test]
fn edits_that_would_change_other_keys_are_refused() {
    // The alias on `b` depends on `a`'s anchor; replacing `a` would break `b`.
    let text = "---\na: &x 1\nb: *x\n---\n";
    let err = set(text, "a", &Value::Int(2), Format::Yaml).unwrap_err();
    assert!(
        err.to_string().contains("could not make this edit"),
        "{err}"
    );
}

#[test]
fn dates_keep_their_text_and_reread_as_dates() {
    let date = Date::parse("2025-01-02T03:04:05+06:00").unwrap();
    let out = set(
        "---\ndate: 2020-01-01\n---\n",
        "date",
        &Value::Date(date.clone()),
        Format::Yaml,
    )
    .unwrap();
    assert_eq!(out, "---\ndate: 2025-01-02T03:04:05+06:00\n---\n");
    assert_eq!(crate::front_matter::parse(&out).unwrap().date, Some(date));
}

#[test]
fn loose_equality_only_bridges_dates_and_strings() {
    let date = Value::Date(Date::parse("2025-01-02").unwrap());
    assert!(loosely_equal(&date, &s("2025-01-02")));
    assert!(!loosely_equal(&date, &s("2025-01-03")));
    assert!(!strictly_equal(&date, &s("2025-01-02")));
    assert!(strictly_equal(
        &Value::Float(f64::NAN),
        &Value::Float(f64::NAN)
    ));
}

/// Text pasted from other programs may hold a line or paragraph separator, NEL or DEL: YAML
/// reads the first three as line breaks in a quoted string, and refuses a raw DEL.
#[test]
fn yaml_strings_with_unicode_breaks_or_del_are_written_so_they_read_back() {
    let post = "---\ntitle: \"Old\"\nslug: old\nsummary: 'Old'\n---\nBody\n";
    for title in [
        "One\u{2028}Two",
        "One\u{2029}Two",
        "One\u{85}Two",
        "One\u{7f}Two",
    ] {
        for key in ["title", "slug", "summary", "new"] {
            let out = set(post, key, &s(title), Format::Yaml)
                .unwrap_or_else(|e| panic!("{key} = {title:?}: {e}"));
            assert_eq!(parse(&out).unwrap().get(key), Some(&s(title)), "{out:?}");
        }
    }
}

/// Zola reads tags and categories only from its `taxonomies` table (a top-level `tags` is
/// ignored there): a post that keeps them there has them set and removed there.
#[test]
fn zola_taxonomies_are_edited_where_they_are() {
    let list = |items: &[&str]| Value::List(items.iter().map(|t| s(t)).collect());
    let toml = "+++\ntitle = \"Kites\"\n\n[taxonomies]\ntags = [\"wind\"]\ncategories = [\"Outdoors\"]\n\n\
                [extra]\nmood = 'calm'\n+++\nBody\n";
    let yaml = "---\ntitle: Kites\ntaxonomies:\n  tags: [wind]\n  categories: [Outdoors]\nweight: 2\n---\nBody\n";
    let json = "{\n  \"title\": \"Kites\",\n  \"taxonomies\": { \"tags\": [\"wind\"], \"categories\": [\"Outdoors\"] }\n}\nBody\n";
    for text in [toml, yaml, json, &toml.replace('\n', "\r\n")] {
        let out = set(text, "tags", &list(&["wind", "paper craft"]), Format::Yaml).unwrap();
        let fm = parse(&out).unwrap();
        assert_eq!(fm.tags, ["wind", "paper craft"], "{out}");
        assert_eq!(fm.categories, ["Outdoors"], "{out}");
        assert!(fm.get("tags").is_none(), "{out}");
        assert!(
            out.ends_with("Body\n") || out.ends_with("Body\r\n"),
            "{out}"
        );

        let out = remove(&out, "categories").unwrap();
        let fm = parse(&out).unwrap();
        assert_eq!((fm.tags.len(), fm.categories.len()), (2, 0), "{out}");
    }
    // Only the table's line changes in TOML.
    let out = set(toml, "tags", &list(&["sea"]), Format::Yaml).unwrap();
    assert_eq!(out, toml.replace("tags = [\"wind\"]", "tags = [\"sea\"]"));
    // A top-level key is still edited where it is.
    let both = "+++\ntags = [\"top\"]\n[taxonomies]\ntags = [\"nested\"]\n+++\n";
    let out = set(both, "tags", &list(&["new"]), Format::Yaml).unwrap();
    assert_eq!(out, both.replace("top", "new"));
}

/// Zola's taxonomies written inline keep their spacing as keys come and go.
#[test]
fn inline_taxonomies_keep_their_spacing() {
    let list = |items: &[&str]| Value::List(items.iter().map(|t| s(t)).collect());
    let text = "+++\ntitle = \"Kites\"\ntaxonomies = { tags = [\"wind\"] }\n+++\nBody\n";
    let added = set(text, "categories", &list(&["Outdoors"]), Format::Yaml).unwrap();
    let both = "+++\ntitle = \"Kites\"\ntaxonomies = { tags = [\"wind\"], categories = [\"Outdoors\"] }\n+++\nBody\n";
    assert_eq!(added, both);
    assert_eq!(remove(&added, "categories").unwrap(), text);
    assert_eq!(set(text, "tags", &list(&["sea"]), Format::Yaml).unwrap(), text.replace("wind", "sea"));
}
