//! Heading ids: an explicit `{#id}` wins (but for the footnotes' ids), otherwise a slug of the
//! heading's text; ids are unique within a document (`intro`, `intro-1`, `intro-2`).

use super::blocks::parser_options;
use pulldown_cmark::{Event, Parser, Tag};
use std::collections::{HashMap, HashSet};

/// A slug of heading text: ASCII-folded, lowercase, words joined by `-`.
pub fn slug(text: &str) -> String {
    let folded = deunicode::deunicode(text).to_lowercase();
    let mut slug = String::with_capacity(folded.len());
    for c in folded.chars() {
        if c.is_ascii_alphanumeric() || c == '_' {
            slug.push(c);
        } else if c == '\'' {
            // "Go's approach" reads better as `gos-approach` than `go-s-approach`.
            continue;
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let slug = slug.trim_end_matches('-');
    if slug.is_empty() {
        "section".to_string()
    } else {
        slug.to_string()
    }
}

/// What every footnote's id starts with; no slug holds its `:`.
pub const NOTE_ID_PREFIX: &str = "fn:";

/// A heading's explicit id as it is taken: none when empty, or when it is a footnote's (a
/// heading `{#fn:a}` came first in the page, and the links to note `a` led to it).
pub fn explicit_id(id: Option<&str>) -> Option<&str> {
    id.filter(|id| !id.is_empty() && !id.starts_with(NOTE_ID_PREFIX))
}

/// The ids handed out so far in one document.
#[derive(Debug, Default)]
pub struct HeadingIds {
    used: HashSet<String>,
    /// For each slug, the number its next duplicate tries first: every lower one is taken
    /// (ids are never given back), so a post with hundreds of same-named headings does not
    /// try them all again for each.
    next_number: HashMap<String, usize>,
}

impl HeadingIds {
    /// Ids for a document whose headings' explicit ids are `explicit` (see [`explicit_ids`]):
    /// no slug takes one of them, even a heading's above it.
    pub fn reserving(explicit: HashSet<String>) -> Self {
        HeadingIds {
            used: explicit,
            next_number: HashMap::new(),
        }
    }

    /// The id for a heading: `explicit` as written when given (see [`explicit_id`]), else a
    /// unique slug of `text`.
    pub fn assign(&mut self, explicit: Option<&str>, text: &str) -> String {
        if let Some(id) = explicit_id(explicit) {
            self.used.insert(id.to_string());
            return id.to_string();
        }
        let base = slug(text);
        let mut id = base.clone();
        if self.used.contains(&id) {
            let n = self.next_number.entry(base).or_insert(1);
            let base = id;
            loop {
                id = format!("{base}-{n}");
                *n += 1;
                if !self.used.contains(&id) {
                    break;
                }
            }
        }
        self.used.insert(id.clone());
        id
    }
}

/// Every explicit heading id of `body`, to be reserved before any slug is given: else a
/// heading above took it as its slug and both had the same id (its links led to the first).
pub fn explicit_ids(body: &str) -> HashSet<String> {
    // Parsed only when a heading may hold one: most posts have none, and a second parse of a
    // long post is not free.
    if !body.contains('{') || !may_hold_explicit_ids(body) {
        return HashSet::new();
    }
    Parser::new_ext(body, parser_options())
        .filter_map(|event| match event {
            Event::Start(Tag::Heading { id, .. }) => explicit_id(id.as_deref()).map(str::to_string),
            _ => None,
        })
        .collect()
}

/// Whether some line of `body` may be a heading with an explicit id: a `#` after a `{`, on a
/// line that looks like an ATX heading (`#` first, past quote and list markers) or is followed
/// by what may be a setext underline. Errs towards yes; a CSS rule in a code block
/// (`a { color: #fff }`) is a no.
fn may_hold_explicit_ids(body: &str) -> bool {
    // Only lines with a `{` are looked at, found with memchr: the rest of a long post is skipped
    // without splitting it into lines.
    let bytes = body.as_bytes();
    let mut from = 0;
    while let Some(brace) = memchr::memchr(b'{', &bytes[from..]).map(|i| from + i) {
        let start = memchr::memrchr(b'\n', &bytes[..brace]).map_or(0, |i| i + 1);
        let end = memchr::memchr(b'\n', &bytes[brace..]).map_or(body.len(), |i| brace + i);
        let line = &body[start..end];
        // The line after, as `str::lines` gives it: none after the text's last line ending.
        let next = body.get(end + 1..).filter(|rest| !rest.is_empty()).map(|rest| rest.split('\n').next().unwrap_or(rest));
        if body[brace..end].contains('#') && (past_markers(line).starts_with('#') || next.is_some_and(may_underline)) {
            return true;
        }
        from = end;
    }
    false
}

fn past_markers(line: &str) -> &str {
    line.trim_start_matches(|c: char| c.is_whitespace() || ">-*+.)0123456789".contains(c))
}

fn may_underline(line: &str) -> bool {
    past_markers(line).trim_end().chars().all(|c| c == '=' || c == '-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn explicit_ids_are_found_wherever_a_heading_can_be_and_css_costs_no_parse() {
        let found = |body: &str| explicit_ids(body).into_iter().collect::<Vec<_>>();
        for body in [
            "# Title {#a}\n",
            "> ## Quoted {#a}\n",
            "1. ### In a list {#a}\n",
            "- > # Deep {#a}\n",
            "Setext {#a}\n===\n",
            "> Setext in a quote { #a }\n> ---\n",
        ] {
            assert_eq!(found(body), vec!["a".to_string()], "{body:?}");
        }
        let css = "```css\n.btn { color: #fff }\na { background: #333; }\n```\n\nText {#not-a-heading}.\n";
        assert!(!may_hold_explicit_ids(css), "no heading there could hold an id");
        assert!(found(css).is_empty());
    }

    /// The definition `may_hold_explicit_ids` keeps: every line, from `str::lines`.
    fn may_hold_explicit_ids_by_lines(body: &str) -> bool {
        let mut lines = body.lines().peekable();
        while let Some(line) = lines.next() {
            let holds = line.find('{').is_some_and(|at| line[at..].contains('#'));
            if holds && (past_markers(line).starts_with('#') || lines.peek().is_some_and(|next| may_underline(next))) {
                return true;
            }
        }
        false
    }

    proptest::proptest! {
        #[test]
        fn the_brace_scan_answers_as_every_line_would(
            lines in proptest::collection::vec("[ >#{}=\\-a1.\r]{0,8}", 0..8),
            ending in "(\n|\r\n)?",
        ) {
            let body = lines.join("\n") + &ending;
            proptest::prop_assert_eq!(may_hold_explicit_ids(&body), may_hold_explicit_ids_by_lines(&body), "{:?}", body);
        }
    }

    #[test]
    fn slugs_fold_and_join_words() {
        assert_eq!(slug("Hello, World!"), "hello-world");
        assert_eq!(slug("Ça va — très bien"), "ca-va-tres-bien");
        assert_eq!(slug("  "), "section");
        assert_eq!(slug("snake_case and C++"), "snake_case-and-c");
        assert_eq!(slug("Go’s Pragmatic Approach"), "gos-pragmatic-approach");
    }

    #[test]
    fn numbering_duplicates_skips_what_is_taken_as_trying_every_number_would() {
        let mut ids = HeadingIds::default();
        let mut slow: HashSet<String> = HashSet::new();
        let texts = ["A", "A 1", "A", "B", "A", "A 3", "A", "A", "A 2"];
        for (i, text) in texts.iter().cycle().take(200).enumerate() {
            let explicit = (i % 7 == 3).then(|| format!("a-{}", i % 11));
            let expected = match explicit.as_deref() {
                Some(id) => id.to_string(),
                None => {
                    let base = slug(text);
                    let mut id = base.clone();
                    let mut n = 1;
                    while slow.contains(&id) {
                        id = format!("{base}-{n}");
                        n += 1;
                    }
                    id
                }
            };
            slow.insert(expected.clone());
            assert_eq!(ids.assign(explicit.as_deref(), text), expected, "heading {i}");
        }
    }

    #[test]
    fn duplicates_get_numbered_and_explicit_ids_win() {
        let mut ids = HeadingIds::default();
        assert_eq!(ids.assign(None, "Intro"), "intro");
        assert_eq!(ids.assign(None, "Intro"), "intro-1");
        assert_eq!(ids.assign(Some("custom"), "Intro"), "custom");
        assert_eq!(ids.assign(None, "Intro"), "intro-2");
        assert_eq!(ids.assign(None, "Custom"), "custom-1");
        assert_eq!(ids.assign(None, "Intro 1"), "intro-1-1");
    }
}
