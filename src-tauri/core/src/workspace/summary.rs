//! One post file to one line of the posts list.

use super::PostSummary;
use crate::front_matter::{self, Format};
use crate::save;
use std::path::Path;

/// A summary plus what the workspace keeps about a post beyond the list line.
pub(super) struct Scanned {
    pub summary: PostSummary,
    pub format: Option<Format>,
}

/// Read and summarise the post at `abs`, known to the workspace as `rel`. Never fails: a post
/// that cannot be read or parsed is summarised with its problem and a title from its name.
pub(super) fn summarise(rel: &str, abs: &Path) -> Scanned {
    let fallback_title = title_from_path(rel);
    let text = match save::read_text_unversioned(abs) {
        Ok(text) => text,
        Err(e) => return with_problem(rel, fallback_title, 0, without_path(&e, abs)),
    };
    let parts = front_matter::split(&text);
    let body = parts
        .as_ref()
        .map_or(text.as_str(), |parts| parts.body_text());
    let word_count = count_words(body);
    let fm = match parts.and_then(|parts| front_matter::parse_split(&parts)) {
        Ok(fm) => fm,
        // Raised on the text alone, so the message names no file.
        Err(e) => return with_problem(rel, fallback_title, word_count, e.to_string()),
    };
    let summary = PostSummary {
        path: rel.to_string(),
        title: fm
            .title
            .clone()
            .filter(|t| !t.trim().is_empty())
            .unwrap_or(fallback_title),
        date: fm.date.as_ref().map(|d| d.text.clone()),
        draft: fm.is_draft(),
        tags: fm.tags.clone(),
        categories: fm.categories.clone(),
        word_count,
        problem: None,
    };
    Scanned {
        summary,
        format: fm.format,
    }
}

/// The error's message without the leading file name: the summary already says which post.
fn without_path(error: &crate::Error, abs: &Path) -> String {
    let message = error.to_string();
    let prefix = format!("{}: ", abs.display());
    message
        .strip_prefix(&prefix)
        .map_or(message.clone(), str::to_string)
}

fn with_problem(rel: &str, title: String, word_count: usize, problem: String) -> Scanned {
    let summary = PostSummary {
        path: rel.to_string(),
        title,
        date: None,
        draft: false,
        tags: Vec::new(),
        categories: Vec::new(),
        word_count,
        problem: Some(problem),
    };
    Scanned {
        summary,
        format: None,
    }
}

/// The file stem; for a page bundle's `index.md` the folder name, which is the post's name.
fn title_from_path(rel: &str) -> String {
    let mut segments = rel.rsplit('/');
    let file = segments.next().unwrap_or(rel);
    let stem = file.rsplit_once('.').map_or(file, |(stem, _)| stem);
    match segments.next() {
        Some(folder) if stem.eq_ignore_ascii_case("index") => folder.to_string(),
        _ => stem.to_string(),
    }
}

/// Words as a reader counts them, without parsing Markdown: whitespace-separated runs that
/// hold at least one letter or digit, so `#`, `-` and code fences do not count. The scan spent
/// most of its time here, so ASCII bytes go through a table and a branch-free update; other
/// characters are decoded.
pub(super) fn count_words(text: &str) -> usize {
    let bytes = text.as_bytes();
    // 1 or 0 rather than bools, so the per-byte update needs no branch.
    let (mut count, mut in_word, mut has_alnum) = (0usize, 0usize, 0usize);
    let mut at = 0;
    while let Some(&byte) = bytes.get(at) {
        let mut class = BYTE_CLASSES[usize::from(byte)];
        let mut len = 1;
        if class == NON_ASCII {
            let c = text[at..].chars().next().unwrap_or(' ');
            class = if c.is_whitespace() {
                SPACE
            } else if c.is_alphanumeric() {
                ALNUM
            } else {
                0
            };
            len = c.len_utf8();
        }
        let space = usize::from(class == SPACE);
        let alnum = usize::from(class == ALNUM);
        count += space & in_word & has_alnum;
        in_word = space ^ 1;
        has_alnum = (has_alnum | alnum) & in_word;
        at += len;
    }
    count + (in_word & has_alnum)
}

const SPACE: u8 = 1;
const ALNUM: u8 = 2;
const NON_ASCII: u8 = 3;

/// The class of each byte value (0 for other ASCII). ASCII whitespace as `char::is_whitespace`
/// sees it: the vertical tab too, unlike `u8::is_ascii_whitespace`.
static BYTE_CLASSES: [u8; 256] = {
    let mut classes = [0u8; 256];
    let mut byte = 0;
    while byte < 256 {
        let b = byte as u8;
        classes[byte] = if !b.is_ascii() {
            NON_ASCII
        } else if matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0B | 0x0C) {
            SPACE
        } else if b.is_ascii_alphanumeric() {
            ALNUM
        } else {
            0
        };
        byte += 1;
    }
    classes
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_fall_back_to_the_file_or_bundle_name() {
        assert_eq!(title_from_path("posts/hello-world.md"), "hello-world");
        assert_eq!(title_from_path("posts/trip/index.md"), "trip");
        assert_eq!(title_from_path("posts/trip/INDEX.markdown"), "trip");
        assert_eq!(title_from_path("index.md"), "index");
    }

    #[test]
    fn words_skip_markup_only_tokens() {
        assert_eq!(count_words("## Two words\n\n- item one\n```\n"), 4);
        assert_eq!(count_words(""), 0);
        assert_eq!(count_words("naïve café, déjà-vu"), 3);
        assert_eq!(count_words("a\u{b}b\u{a0}c\u{1c}d"), 3);
    }

    proptest::proptest! {
        /// The byte-level count equals the plain definition on any text.
        #[test]
        fn word_count_matches_the_definition(text in "(\\PC|\\s|[a-z#` -]){0,40}") {
            let expected = text
                .split_whitespace()
                .filter(|word| word.chars().any(char::is_alphanumeric))
                .count();
            proptest::prop_assert_eq!(count_words(&text), expected);
        }
    }
}
