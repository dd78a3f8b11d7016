use super::render::*;
use super::*;
use crate::front_matter::parse::yaml_value;

fn s(t: &str) -> Value {
    Value::String(t.to_string())
}

fn list(items: &[&str]) -> Value {
    Value::List(items.iter().map(|t| s(t)).collect())
}

#[test]
fn quoting_style_of_the_old_string_is_kept() {
    assert_eq!(
        set("title: \"Old\"\n", "title", &s("New"), "\n").unwrap(),
        "title: \"New\"\n"
    );
    assert_eq!(
        set("title: 'Old'\n", "title", &s("It's"), "\n").unwrap(),
        "title: 'It''s'\n"
    );
    assert_eq!(
        set("title: Old\n", "title", &s("New"), "\n").unwrap(),
        "title: New\n"
    );
}

#[test]
fn plain_strings_that_need_quotes_get_them() {
    for text in [
        "a: b",
        "# x",
        "true",
        "3",
        "2025-09-16",
        "",
        "- item",
        "null",
        " pad",
    ] {
        let out = set("k: v\n", "k", &s(text), "\n").unwrap();
        assert!(out.starts_with("k: \""), "{text:?} gave {out:?}");
    }
}

#[test]
fn trailing_comment_on_the_key_line_survives() {
    let out = set(
        "draft: true # until edited\n",
        "draft",
        &Value::Bool(false),
        "\n",
    )
    .unwrap();
    assert_eq!(out, "draft: false # until edited\n");
    let (value, comment) = split_comment(" \"a # b\" # c");
    assert_eq!((value, comment), ("\"a # b\"", Some(" # c")));
    assert_eq!(
        split_comment(" It's fine, isn't it # c"),
        ("It's fine, isn't it", Some(" # c"))
    );
    assert_eq!(
        split_comment(" [a, 'b # c'] # d"),
        ("[a, 'b # c']", Some(" # d"))
    );
}

#[test]
fn block_lists_keep_block_style_and_indentation() {
    let front = "tags:\n    - a\n    - b\nnext: 1\n";
    let out = set(front, "tags", &list(&["c", "d, e"]), "\n").unwrap();
    assert_eq!(out, "tags:\n    - c\n    - \"d, e\"\nnext: 1\n");
    let out = set("tags:\n- a\nnext: 1\n", "tags", &list(&["z"]), "\n").unwrap();
    assert_eq!(out, "tags:\n- z\nnext: 1\n");
}

#[test]
fn flow_lists_are_written_in_flow_style() {
    let out = set("tags: [a]\n", "tags", &list(&["x y", "true"]), "\n").unwrap();
    assert_eq!(out, "tags: [x y, \"true\"]\n");
}

#[test]
fn multi_line_values_are_replaced_whole() {
    let front = "summary: |\n  line one\n\n  line two\ntitle: T\n";
    assert_eq!(
        set(front, "summary", &s("short"), "\n").unwrap(),
        "summary: short\ntitle: T\n"
    );
    assert_eq!(remove(front, "summary").unwrap(), "title: T\n");
}

#[test]
fn new_keys_go_to_column_zero_after_a_nested_map() {
    let front = "title: T\nparams:\n  a: 1\n  b:\n    c: 2\n";
    let out = set(front, "draft", &Value::Bool(true), "\n").unwrap();
    assert_eq!(out, format!("{front}draft: true\n"));
}

#[test]
fn nested_maps_are_written_as_blocks_with_the_old_indentation() {
    let front = "params:\n    a: 1\nx: 2\n";
    let map = Value::Map(vec![(
        "b".into(),
        Value::Map(vec![("c".into(), Value::Int(3))]),
    )]);
    assert_eq!(
        set(front, "params", &map, "\n").unwrap(),
        "params:\n    b:\n      c: 3\nx: 2\n"
    );
}

#[test]
fn comments_and_blank_lines_between_keys_stay() {
    let front = "a: 1\n\n# about b\nb: 2\n# end\n";
    assert_eq!(remove(front, "b").unwrap(), "a: 1\n\n# about b\n# end\n");
    assert_eq!(
        set(front, "a", &Value::Int(5), "\n").unwrap(),
        "a: 5\n\n# about b\nb: 2\n# end\n"
    );
}

#[test]
fn quoted_keys_are_found() {
    assert_eq!(
        set("\"my key\": 1\n'it''s': 2\n", "it's", &Value::Int(3), "\n").unwrap(),
        "\"my key\": 1\n'it''s': 3\n"
    );
    assert_eq!(key_of("\"a: b\": c"), Some(("a: b".to_string(), 7)));
    assert_eq!(key_of("- item"), None);
}

#[test]
fn crlf_lines_keep_crlf() {
    let out = set(
        "a: 1\r\ntags:\r\n  - x\r\nb: 2\r\n",
        "tags",
        &list(&["z"]),
        "\r\n",
    )
    .unwrap();
    assert_eq!(out, "a: 1\r\ntags:\r\n  - z\r\nb: 2\r\n");
}

#[test]
fn floats_read_back_as_floats() {
    for f in [1.0, 2.5, 1e100, -0.001, f64::INFINITY] {
        let text = render_float(f);
        assert_eq!(yaml_value(&text).unwrap(), Value::Float(f), "{text}");
    }
}

#[test]
fn multi_line_strings_become_block_scalars_with_the_old_indentation() {
    let front = "summary: |\n    old text\nnext: 1\n";
    let out = set(front, "summary", &s("first\n\nsecond\n"), "\n").unwrap();
    assert_eq!(out, "summary: |\n    first\n\n    second\nnext: 1\n");
    let out = set(front, "summary", &s("no final newline\nhere"), "\n").unwrap();
    assert_eq!(
        out,
        "summary: |-\n    no final newline\n    here\nnext: 1\n"
    );
    let out = set("f: >\n  a\n  b\n", "f", &s("one line\n"), "\n").unwrap();
    assert_eq!(out, "f: >\n  one line\n");
    let out = set("q: \"x\"\n", "q", &s("a\nb"), "\n").unwrap();
    assert_eq!(out, "q: \"a\\nb\"\n");
    for text in ["a\nb\n\n", " lead\nx", "a \nb"] {
        let out = set("k: v\n", "k", &s(text), "\n").unwrap();
        assert_eq!(
            yaml_value(&out).unwrap(),
            Value::Map(vec![("k".into(), s(text))]),
            "{out}"
        );
    }
}

#[test]
fn spacing_after_the_colon_is_kept() {
    assert_eq!(
        set("title:    Old\n", "title", &s("New"), "\n").unwrap(),
        "title:    New\n"
    );
}

#[test]
fn double_quoted_flow_lists_stay_double_quoted() {
    let front = "tags: [\"rust\", \"go\"]\n";
    assert_eq!(
        set(front, "tags", &list(&["rust", "zig"]), "\n").unwrap(),
        "tags: [\"rust\", \"zig\"]\n"
    );
    assert_eq!(
        set("tags: [rust]\n", "tags", &list(&["zig"]), "\n").unwrap(),
        "tags: [zig]\n"
    );
}

/// The generators' YAML readers are not ours: Jekyll's (YAML 1.1) reads `no`, `on`, `y` as
/// booleans and `1_000`, `1:30`, `1,000` as numbers, and YAML 1.1 and 1.2 readers alike read
/// `007` as a number. A string written plain must read back as that string in all of them.
#[test]
fn strings_other_yaml_readers_take_for_booleans_or_numbers_are_quoted() {
    for text in [
        "no", "No", "NO", "yes", "Yes", "on", "off", "OFF", "y", "n", "Y", "1_000", "1:30",
        "1,000", "007", "017", "0b101", "+12", "-0", "=", "<<",
    ] {
        let out = set("k: v\n", "k", &s(text), "\n").unwrap();
        assert!(out.starts_with("k: \""), "{text:?} gave {out:?}");
    }
    assert_eq!(
        set("tags: [a]\n", "tags", &list(&["no", "007", "go"]), "\n").unwrap(),
        "tags: [\"no\", \"007\", go]\n"
    );
    // Words and version-like text stay plain.
    for text in ["November", "online", "yesterday", "v1.2", "2024 in review"] {
        assert_eq!(
            set("k: v\n", "k", &s(text), "\n").unwrap(),
            format!("k: {text}\n")
        );
    }
}

#[test]
fn block_lists_of_double_quoted_items_stay_double_quoted() {
    let front = "tags:\n  - \"golang\"\n  - \"rust\"\nnext: 1\n";
    assert_eq!(
        set(front, "tags", &list(&["golang", "rust", "zig"]), "\n").unwrap(),
        "tags:\n  - \"golang\"\n  - \"rust\"\n  - \"zig\"\nnext: 1\n"
    );
    assert_eq!(
        set("tags:\n- go\n", "tags", &list(&["go", "zig"]), "\n").unwrap(),
        "tags:\n- go\n- zig\n"
    );
}

/// A commented-out item after a list's last item is a comment after the value, not part of
/// it: editing the list keeps it.
#[test]
fn indented_comments_after_the_last_item_stay() {
    let front = "tags:\n  - a\n  # - b (later)\nnext: 1\n";
    assert_eq!(
        set(front, "tags", &list(&["a", "c"]), "\n").unwrap(),
        "tags:\n  - a\n  - c\n  # - b (later)\nnext: 1\n"
    );
    // In a block scalar, `#` lines are text.
    let front = "summary: |\n  first\n  # not a comment\nnext: 1\n";
    assert_eq!(
        set(front, "summary", &s("short"), "\n").unwrap(),
        "summary: short\nnext: 1\n"
    );
    // Removing the key takes its comments along: left behind, they would join `summary`.
    let front = "summary: |\n  text\ntags:\n  - a\n  # - b\nnext: 1\n";
    assert_eq!(
        remove(front, "tags").unwrap(),
        "summary: |\n  text\nnext: 1\n"
    );
    let front = "summary: old\n  # note\nnext: 1\n";
    assert_eq!(
        set(front, "summary", &s("a\nb"), "\n").unwrap(),
        "summary: |-\n  a\n  b\nnext: 1\n"
    );
    let front = "summary: &s >-\n  first\n  # not a comment\nnext: 1\n";
    assert_eq!(remove(front, "summary").unwrap(), "next: 1\n");
    let front = "params:\n  note: |\n    text\n    # heading\nnext: 1\n";
    assert_eq!(remove(front, "params").unwrap(), "next: 1\n");
    let front = "title: \"a long\n  # title\"\nnext: 1\n";
    assert_eq!(remove(front, "title").unwrap(), "next: 1\n");
}

/// A tag added or removed in the form changes only that item's line: the comments on the items
/// that stay and the comment lines between them are kept as written.
#[test]
fn editing_a_block_list_keeps_the_comments_of_the_items_that_stay() {
    let front = "tags:\n  - rust   # the main one\n  # - old\n  - web\nnext: 1\n";
    assert_eq!(
        set(front, "tags", &list(&["rust", "web", "zig"]), "\n").unwrap(),
        "tags:\n  - rust   # the main one\n  # - old\n  - web\n  - zig\nnext: 1\n"
    );
    assert_eq!(
        set(front, "tags", &list(&["web"]), "\n").unwrap(),
        "tags:\n  # - old\n  - web\nnext: 1\n"
    );
    assert_eq!(
        set(front, "tags", &list(&["go", "rust", "css", "web"]), "\n").unwrap(),
        "tags:\n  - go\n  - rust   # the main one\n  # - old\n  - css\n  - web\nnext: 1\n"
    );
    // CRLF lines, quoted items: new lines follow them.
    let front = "tags: # topics\r\n- \"a\" # first\r\n- \"b\"\r\n";
    assert_eq!(
        set(front, "tags", &list(&["b", "c"]), "\r\n").unwrap(),
        "tags: # topics\r\n- \"b\"\r\n- \"c\"\r\n"
    );
    // An item over more than one line: the list is written again whole.
    let front = "tags:\n  - a\n  - long\n    item\n";
    assert_eq!(
        set(front, "tags", &list(&["a", "long item", "b"]), "\n").unwrap(),
        "tags:\n  - a\n  - long item\n  - b\n"
    );
}

#[test]
fn a_key_left_empty_takes_a_value() {
    assert_eq!(set("image:\ntags:\n", "image", &s("cover.png"), "\n").unwrap(), "image: cover.png\ntags:\n");
    assert_eq!(set("image: ~ # later\n", "image", &s("a.png"), "\n").unwrap(), "image: a.png # later\n");
}
