//! Tests of reading front matter (`parse.rs`).

use super::*;
use crate::front_matter::DateKind;

fn s(t: &str) -> String {
    t.to_string()
}

#[test]
fn yaml_typed_view_and_fields_in_order() {
    let text = "---\ntitle: \"Kites\"\ndate: 2024-03-02T08:30:00+01:00\ndraft: false\n\
                tags: [wind, \"paper craft\"]\ncategories: Outdoors\nweight: 3\n---\nBody";
    let fm = parse(text).unwrap();
    assert_eq!(fm.format, Some(Format::Yaml));
    assert_eq!(fm.title, Some(s("Kites")));
    assert_eq!(
        fm.date.as_ref().map(|d| (d.text.as_str(), d.kind)),
        Some(("2024-03-02T08:30:00+01:00", DateKind::OffsetDateTime))
    );
    assert_eq!(fm.draft, Some(false));
    assert_eq!(fm.tags, vec![s("wind"), s("paper craft")]);
    assert_eq!(fm.categories, vec![s("Outdoors")]);
    let keys: Vec<&str> = fm.fields.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(
        keys,
        ["title", "date", "draft", "tags", "categories", "weight"]
    );
    assert_eq!(fm.get("weight"), Some(&Value::Int(3)));
    assert!(!fm.is_draft());
}

#[test]
fn toml_native_dates_become_dates() {
    let text =
        "+++\ntitle = 'Tides'\ndate = 2024-03-02T08:30:00-05:00\nday = 2024-03-02\ndraft = true\n\
                tags = ['sea']\n[params]\nmood = 'calm'\n+++\n";
    let fm = parse(text).unwrap();
    assert_eq!(
        fm.date.as_ref().map(|d| d.text.as_str()),
        Some("2024-03-02T08:30:00-05:00")
    );
    assert!(matches!(fm.get("day"), Some(Value::Date(d)) if d.kind == DateKind::Date));
    assert_eq!(fm.draft, Some(true));
    assert_eq!(fm.tags, vec![s("sea")]);
    assert_eq!(
        fm.get("params"),
        Some(&Value::Map(vec![(s("mood"), Value::String(s("calm")))]))
    );
}

#[test]
fn json_front_matter() {
    let fm = parse(
        "{\n \"title\": \"Moss\",\n \"date\": \"2024-03-02\",\n \"tags\": [\"green\"]\n}\nBody",
    )
    .unwrap();
    assert_eq!(fm.format, Some(Format::Json));
    assert_eq!(fm.title, Some(s("Moss")));
    assert_eq!(fm.date.map(|d| d.kind), Some(DateKind::Date));
    assert_eq!(fm.tags, vec![s("green")]);
}

#[test]
fn no_and_empty_front_matter() {
    assert_eq!(parse("Just text").unwrap(), FrontMatter::default());
    let fm = parse("---\n---\nBody").unwrap();
    assert_eq!(fm.format, Some(Format::Yaml));
    assert!(fm.fields.is_empty());
    assert!(parse("---\n# only a comment\n---\n")
        .unwrap()
        .fields
        .is_empty());
}

#[test]
fn invalid_yaml_reports_the_file_line() {
    let err = parse("---\ntitle: ok\ntags: [a, b\n---\n").unwrap_err();
    assert_eq!(err.kind(), "front_matter");
    let msg = err.to_string();
    assert!(msg.contains("invalid YAML at line"), "{msg}");
    assert!(
        !msg.contains("line 1,"),
        "line must count from the file: {msg}"
    );
}

#[test]
fn invalid_toml_and_json_report_lines() {
    let msg = parse("+++\na = 1\nb = = 2\n+++\n").unwrap_err().to_string();
    assert!(msg.contains("invalid TOML at line 3"), "{msg}");
    let msg = parse("{\n\"a\": 1,\n\"b\": nope\n}\n")
        .unwrap_err()
        .to_string();
    assert!(msg.contains("invalid JSON at line 3"), "{msg}");
}

#[test]
fn yaml_that_is_not_a_mapping_is_an_error() {
    let err = parse("---\n- a\n- b\n---\n").unwrap_err();
    assert!(err.to_string().contains("mapping"), "{err}");
    assert!(parse("---\njust a string\n---\n").is_err());
}

#[test]
fn alias_bombs_error_instead_of_expanding() {
    let mut yaml = String::from(
        "---\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    let names = ["b", "c", "d", "e", "f", "g", "h", "i"];
    let mut prev = "a";
    for name in names {
        let refs = vec![format!("*{prev}"); 9].join(",");
        yaml.push_str(&format!("{name}: &{name} [{refs}]\n"));
        prev = name;
    }
    yaml.push_str("---\n");
    let err = parse(&yaml).unwrap_err();
    assert!(err.to_string().contains("limit"), "{err}");
}

#[test]
fn deep_nesting_errors_instead_of_overflowing() {
    let text = format!(
        "---\na: {}{}\n---\n",
        "[".repeat(10_000),
        "]".repeat(10_000)
    );
    assert!(parse(&text).is_err());
}

#[test]
fn tags_accept_a_single_string() {
    let fm = parse("---\ntags: solo\ncategories: []\n---\n").unwrap();
    assert_eq!(fm.tags, vec![s("solo")]);
    assert!(fm.categories.is_empty());
}

/// The window sends only the block it finds at the top of a post (`frontMatterSource` in
/// ui/src/front-matter-sync.ts): it stops at a closing line of the opening delimiter, the
/// same line or a later one than where this parser closes the block.
#[test]
fn a_posts_front_matter_block_alone_parses_as_the_post_does() {
    let body = "\nBody text.\n\n---\n\nMore after a rule.\n";
    for block in [
        "---\ntitle: A\ntags: [x]\n---\n",
        "---  \ntitle: A\n---\t\n",
        "+++\ntitle = 'A'\n+++\n",
        "---\r\ntitle: A\r\n---\r\n",
        "---\ntitle: A\n...\nnot: front\n---\n", // YAML closes at `...`; the window at `---`
    ] {
        assert_eq!(
            parse(block).unwrap(),
            parse(&format!("{block}{body}")).unwrap(),
            "{block:?}"
        );
    }
    let with_bom = "\u{FEFF}---\ntitle: A\n---\nBody";
    assert_eq!(
        parse("---\ntitle: A\n---\n").unwrap(),
        parse(with_bom).unwrap()
    );
}

/// Zola keeps tags and categories under `[taxonomies]`; the typed view (the posts list, the tag
/// filter, the site export) finds them there when the top-level key is absent.
#[test]
fn zola_taxonomies_give_tags_and_categories() {
    let toml = "+++\ntitle = \"Kites\"\n\n[taxonomies]\ntags = [\"wind\", \"paper craft\"]\n\
                categories = [\"Outdoors\"]\n+++\nBody";
    let yaml = "---\ntitle: Kites\n\
                taxonomies:\n  tags: [wind, paper craft]\n  categories: Outdoors\n---\n";
    for text in [toml, yaml] {
        let full = parse(text).unwrap();
        let typed = parse_split_typed(&split(text).unwrap()).unwrap();
        for fm in [&full, &typed] {
            assert_eq!(fm.tags, vec![s("wind"), s("paper craft")], "{text}");
            assert_eq!(fm.categories, vec![s("Outdoors")], "{text}");
        }
        // The raw view still has the table as written.
        assert!(matches!(full.get("taxonomies"), Some(Value::Map(map)) if map.len() == 2));
    }
    // A top-level key wins, each on its own.
    let both =
        "+++\ntags = [\"top\"]\n[taxonomies]\ntags = [\"nested\"]\ncategories = [\"c\"]\n+++\n";
    for fm in [
        parse(both).unwrap(),
        parse_split_typed(&split(both).unwrap()).unwrap(),
    ] {
        assert_eq!((fm.tags, fm.categories), (vec![s("top")], vec![s("c")]));
    }
}
