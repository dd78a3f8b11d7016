//! Heading ids: an explicit `{#id}` wins, otherwise a slug of the heading's text; ids are
//! unique within a document (`intro`, `intro-1`, `intro-2`).

use std::collections::HashSet;

/// A slug of heading text: ASCII-folded, lowercase, words joined by `-`.
pub fn slug(text: &str) -> String {
    let folded = deunicode::deunicode(text).to_lowercase();
    let mut slug = String::with_capacity(folded.len());
    for c in folded.chars() {
        if c.is_ascii_alphanumeric() || c == '_' {
            slug.push(c);
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

/// The ids handed out so far in one document.
#[derive(Debug, Default)]
pub struct HeadingIds {
    used: HashSet<String>,
}

impl HeadingIds {
    /// The id for a heading: `explicit` as written when given, else a unique slug of `text`.
    pub fn assign(&mut self, explicit: Option<&str>, text: &str) -> String {
        if let Some(id) = explicit.filter(|id| !id.is_empty()) {
            self.used.insert(id.to_string());
            return id.to_string();
        }
        let base = slug(text);
        let mut id = base.clone();
        let mut n = 1;
        while self.used.contains(&id) {
            id = format!("{base}-{n}");
            n += 1;
        }
        self.used.insert(id.clone());
        id
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_fold_and_join_words() {
        assert_eq!(slug("Hello, World!"), "hello-world");
        assert_eq!(slug("Ça va — très bien"), "ca-va-tres-bien");
        assert_eq!(slug("  "), "section");
        assert_eq!(slug("snake_case and C++"), "snake_case-and-c");
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
