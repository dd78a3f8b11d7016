use super::*;
use crate::front_matter::parse::full_yaml_fields;
use proptest::prelude::*;

fn s(t: &str) -> String {
    t.to_string()
}

/// The fast path's fields with owned keys, as the full parser gives them.
fn fast(front: &str) -> Option<Vec<(String, Value)>> {
    let fields = yaml_fields(front)?;
    Some(fields.into_iter().map(|(k, v)| (s(k), v)).collect())
}

#[test]
fn reads_the_usual_post_front_matter() {
    let front = "title: \"The Go vs Rust Debate\"\ndate: 2025-09-16T09:00:00-05:00\ndraft: false\n\
                 tags: [\"golang\", \"rust\", \"production systems\"]\ncategories: [\"Development\"]\n";
    let fields = fast(front).expect("the usual shape takes the fast path");
    assert_eq!(Some(fields), full_yaml_fields(front).ok());
}

#[test]
fn reads_plain_values_like_yaml() {
    let front =
        "title: Go's approach, briefly\nweight: 12\ndraft: True\nslug: a/b:c\nday: 2024-03-02\n\
                 tags: [one, 2, 'three', true]\nempty: []\r\n# a comment\n\n";
    let fields = fast(front).expect("fast path");
    assert_eq!(
        fields[0],
        (s("title"), Value::String(s("Go's approach, briefly")))
    );
    assert_eq!(fields[1], (s("weight"), Value::Int(12)));
    assert_eq!(fields[2], (s("draft"), Value::Bool(true)));
    assert_eq!(Some(fields), full_yaml_fields(front).ok());
}

#[test]
fn reads_letters_beyond_ascii() {
    let front = "title: Café crème\ntags: [naïve, 東京, \"Ünïcode\"]\n";
    let fields = fast(front).expect("letters of any script take the fast path");
    assert_eq!(fields[0], (s("title"), Value::String(s("Café crème"))));
    assert_eq!(Some(fields), full_yaml_fields(front).ok());
}

#[test]
fn leaves_anything_unusual_to_the_full_parser() {
    for front in [
        "title: a # comment\n",
        "title: \"esc\\\"aped\"\n",
        "title: 'it''s'\n",
        "tags:\n  - a\n",
        "title: |\n  text\n",
        "a: &x 1\nb: *x\n",
        "weight: 1.5\n",
        "code: 007\n",
        "hex: 0x1F\n",
        "n: -3\n",
        "title: a: b\n",
        "title: x\ntitle: y\n",
        "True: x\n",
        "  indented: x\n",
        "key:value\n",
        "tags: [a, b,]\n",
        "tags: [a, [b]]\n",
        "when: 09:30\n",
        "nothing: null\n",
        "title:\tx\n",
    ] {
        assert_eq!(fast(front), None, "{front:?}");
    }
}

/// Pieces of front-matter lines, ordinary and odd, for the property test.
fn value_text() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "true",
            "False",
            "TRUE",
            "yes",
            "no",
            "on",
            "null",
            "~",
            "Null",
            "0",
            "007",
            "12",
            "-4",
            "+5",
            "1.5",
            "1e3",
            ".inf",
            "inf",
            "nan",
            "NaN",
            "0x10",
            "0o7",
            "2024-03-02",
            "2024-03-02T09:00:00-05:00",
            "2024-02-30",
            "2024-03-02 09:00:00",
            "9999999999999999999",
            "a: b",
            "a:b",
            "a #b",
            "a#b",
            "x,y",
            "Go's",
            "café",
            "[]",
            "[a, b]",
            "[a,b]",
            "['a', \"b\"]",
            "[a, , b]",
            "[a, b,]",
            "[1, 2024-03-02, true]",
            "\"q\"",
            "'q'",
            "\"a\\nb\"",
            "'it''s'",
            "\"x\" y",
            "&a x",
            "*a",
            "!tag x",
            "|",
            ">",
            "{a: 1}",
            "-",
            "- a",
            "?",
            "@x",
            "`x`",
            "\"tab\there\"",
            "http://example.org/a",
            "v1.2",
            "1.0.0",
            "a ",
            " a",
            "",
        ])
        .prop_map(str::to_string),
        "[a-zA-Z0-9 :,'\"\\[\\]#.-]{0,12}",
    ]
}

fn key_text() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "title",
            "date",
            "draft",
            "tags",
            "categories",
            "true",
            "True",
            "null",
            "y",
            "on",
            "_x",
            "a-b",
            "inf",
            "nan",
            "1",
            "-k",
            "a b",
            "\"q\"",
            "k ",
            "title",
        ])
        .prop_map(str::to_string),
        "[a-z_][a-z0-9_-]{0,6}",
    ]
}

fn line() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => (key_text(), prop::sample::select(vec![": ", ":  ", ":", ": \t"]), value_text())
            .prop_map(|(k, sep, v)| format!("{k}{sep}{v}")),
        1 => prop::sample::select(vec!["", "# note", "  - item", "  nested: 1", "   ", "---x"])
            .prop_map(str::to_string),
    ]
}

proptest! {
    /// Whenever the fast path answers, the full parser gives the very same fields.
    #[test]
    fn fast_path_agrees_with_the_full_parser(
        lines in prop::collection::vec(line(), 0..8),
        crlf in any::<bool>(),
    ) {
        let front: String = lines
            .iter()
            .map(|l| format!("{l}{}", if crlf { "\r\n" } else { "\n" }))
            .collect();
        if let Some(quick) = fast(&front) {
            prop_assert_eq!(Some(quick), full_yaml_fields(&front).ok(), "{:?}", front);
        }
    }

    /// Generated posts (the benchmark corpus shape) take the fast path and agree.
    #[test]
    fn generated_posts_take_the_fast_path(seed in any::<u64>()) {
        let text = crate::corpus::post(seed, 500);
        let split = crate::front_matter::split(&text).expect("generated posts split");
        let front = split.front_text();
        let quick = fast(front);
        prop_assert!(quick.is_some(), "{}", front);
        prop_assert_eq!(quick, full_yaml_fields(front).ok());
    }
}
