//! Finding the front-matter block: where it starts and ends, its format, the BOM and the line
//! endings, without parsing it.

use super::Format;
use crate::{Error, Result};
use std::ops::Range;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineEnding {
    Lf,
    CrLf,
}

impl LineEnding {
    pub fn as_str(self) -> &'static str {
        match self {
            LineEnding::Lf => "\n",
            LineEnding::CrLf => "\r\n",
        }
    }
}

/// A post's text cut into its parts. All ranges are byte offsets into the original text
/// (which includes the BOM when there is one).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split<'a> {
    pub text: &'a str,
    /// The text starts with U+FEFF.
    pub bom: bool,
    /// `None` when the post has no front matter.
    pub format: Option<Format>,
    /// The whole block including its delimiter lines (empty range at 0 or 3 when none).
    pub block: Range<usize>,
    /// The front matter itself, between the delimiter lines (for JSON, the whole object).
    pub front: Range<usize>,
    /// The Markdown body after the block.
    pub body: Range<usize>,
    /// The line ending the block uses (the file's first line ending when there is no block).
    pub line_ending: LineEnding,
}

impl<'a> Split<'a> {
    /// The front matter text (empty when there is none).
    pub fn front_text(&self) -> &'a str {
        &self.text[self.front.clone()]
    }

    /// The body text.
    pub fn body_text(&self) -> &'a str {
        &self.text[self.body.clone()]
    }

    /// Byte offset where the content after the BOM starts.
    pub fn content_start(&self) -> usize {
        if self.bom {
            BOM.len()
        } else {
            0
        }
    }
}

const BOM: &str = "\u{feff}";

/// Split `text`. An opening delimiter with no closing one is an error naming the problem.
pub fn split(text: &str) -> Result<Split<'_>> {
    let bom = text.starts_with(BOM);
    let start = if bom { BOM.len() } else { 0 };
    let rest = &text[start..];
    let first = first_line(rest);
    let line_ending = ending_of(first);
    let none = Split {
        text,
        bom,
        format: None,
        block: start..start,
        front: start..start,
        body: start..text.len(),
        line_ending,
    };
    // A delimiter line must end in a newline; a file that is only `---` has no front matter
    // that could ever close, which is the unterminated case below.
    let delimiter = content_of(first);
    let (format, closers): (Format, &[&str]) = match delimiter {
        "---" => (Format::Yaml, &["---", "..."]),
        "+++" => (Format::Toml, &["+++"]),
        _ if starts_json_object(rest) => return split_json(text, start, line_ending),
        _ => return Ok(none),
    };
    let front_start = start + first.len();
    let mut pos = front_start;
    for line in super::lines::lines_inclusive(&text[front_start..]) {
        if closers.contains(&content_of(line)) {
            return Ok(Split {
                text,
                bom,
                format: Some(format),
                block: start..pos + line.len(),
                front: front_start..pos,
                body: pos + line.len()..text.len(),
                line_ending,
            });
        }
        pos += line.len();
    }
    Err(unterminated(format, closers[0]))
}

fn unterminated(format: Format, closer: &str) -> Error {
    let name = match format {
        Format::Yaml => "YAML",
        Format::Toml => "TOML",
        Format::Json => "JSON",
    };
    Error::FrontMatter {
        path: Default::default(),
        message: format!("unterminated {name} front matter: no closing `{closer}`"),
    }
}

/// The first line including its line ending (or the whole text when there is no newline).
fn first_line(text: &str) -> &str {
    match super::lines::find_byte(text, b'\n') {
        Some(i) => &text[..=i],
        None => text,
    }
}

fn ending_of(line: &str) -> LineEnding {
    if line.ends_with("\r\n") {
        LineEnding::CrLf
    } else {
        LineEnding::Lf
    }
}

/// A line without its line ending and trailing spaces (Hugo tolerates `---  `).
fn content_of(line: &str) -> &str {
    line.trim_end_matches(['\n', '\r', ' ', '\t'])
}

/// Whether `text` starts with a JSON object: a `{`, then after any white space a key's `"` or
/// the closing `}`. Hugo takes any first `{` for JSON front matter and fails on a post that
/// starts with a shortcode (`{{< x >}}`); such a post has none, its first line is its text.
fn starts_json_object(text: &str) -> bool {
    text.strip_prefix('{')
        .is_some_and(|rest| rest.trim_start_matches([' ', '\t', '\r', '\n']).starts_with(['"', '}']))
}

/// JSON front matter is the object that starts at the first byte; the body starts after its
/// closing brace (and the rest of that line when it is blank).
fn split_json(text: &str, start: usize, fallback_ending: LineEnding) -> Result<Split<'_>> {
    let Some(object_len) = json_object_len(&text[start..]) else {
        return Err(unterminated(Format::Json, "}"));
    };
    let front_end = start + object_len;
    let after = &text[front_end..];
    let trailing_blank = after.len() - after.trim_start_matches([' ', '\t']).len();
    let after_blank = &after[trailing_blank..];
    let (block_end, line_ending) = if after_blank.starts_with("\r\n") {
        (front_end + trailing_blank + 2, LineEnding::CrLf)
    } else if after_blank.starts_with('\n') {
        (front_end + trailing_blank + 1, LineEnding::Lf)
    } else {
        (front_end, fallback_ending)
    };
    // Inside a multi-line object, the first line ending tells how the block is written.
    let line_ending = match text[start..front_end].find('\n') {
        Some(i) if i > 0 && text.as_bytes()[start + i - 1] == b'\r' => LineEnding::CrLf,
        Some(_) => LineEnding::Lf,
        None => line_ending,
    };
    Ok(Split {
        text,
        bom: start > 0,
        format: Some(Format::Json),
        block: start..block_end,
        front: start..front_end,
        body: block_end..text.len(),
        line_ending,
    })
}

/// Length of the JSON object at the start of `text` up to and including its matching `}`,
/// skipping braces inside strings. `None` when it never closes.
pub(super) fn json_object_len(text: &str) -> Option<usize> {
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    for (i, byte) in text.bytes().enumerate() {
        if in_string {
            match byte {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match byte {
            b'"' => in_string = true,
            b'{' | b'[' => depth += 1,
            b'}' | b']' => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return Some(i + 1);
                }
            }
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(text: &str) -> (Option<Format>, &str, &str, &str) {
        let s = split(text).expect("splits");
        (
            s.format,
            &text[s.block.clone()],
            s.front_text(),
            s.body_text(),
        )
    }

    #[test]
    fn yaml_block_is_cut_at_the_closing_line() {
        let text = "---\ntitle: A\n---\nBody\n";
        assert_eq!(
            parts(text),
            (
                Some(Format::Yaml),
                "---\ntitle: A\n---\n",
                "title: A\n",
                "Body\n"
            )
        );
    }

    #[test]
    fn yaml_may_close_with_dots() {
        let (format, _, front, body) = parts("---\na: 1\n...\nrest");
        assert_eq!(
            (format, front, body),
            (Some(Format::Yaml), "a: 1\n", "rest")
        );
    }

    #[test]
    fn toml_block() {
        let (format, _, front, body) = parts("+++\ntitle = 'x'\n+++\n\nText");
        assert_eq!(
            (format, front, body),
            (Some(Format::Toml), "title = 'x'\n", "\nText")
        );
    }

    #[test]
    fn json_object_ends_at_matching_brace() {
        let text = "{\n  \"title\": \"a } b\",\n  \"m\": {\"x\": [1]}\n}\nBody";
        let (format, block, front, body) = parts(text);
        assert_eq!(format, Some(Format::Json));
        assert_eq!(front, &text[..text.len() - 5]);
        assert_eq!(block, &text[..text.len() - 4]);
        assert_eq!(body, "Body");
    }

    #[test]
    fn a_brace_that_starts_no_json_object_is_body() {
        // A Hugo shortcode, a template or a set in the first line is the post's text.
        for text in ["{{< youtube x >}}\n## Below\n", "{{% note %}}\nHi\n{{% /note %}}", "{x}\n", "{"] {
            let (format, block, _, body) = parts(text);
            assert_eq!((format, block, body), (None, "", text), "{text:?}");
        }
        // An object with white space before its first key, or none, is front matter.
        for text in ["{ \"a\": 1 }\nBody", "{\r\n\t\"a\": 1\r\n}\r\nBody", "{}\nBody"] {
            assert_eq!(parts(text).0, Some(Format::Json), "{text:?}");
        }
    }

    #[test]
    fn unterminated_json_is_an_error() {
        let err = split("{\"a\": 1\nBody").unwrap_err();
        assert!(err.to_string().contains("unterminated JSON"), "{err}");
    }

    #[test]
    fn bom_and_crlf_are_reported() {
        let text = "\u{feff}---\r\ntitle: A\r\n---\r\nBody\r\n";
        let s = split(text).unwrap();
        assert!(s.bom);
        assert_eq!(s.line_ending, LineEnding::CrLf);
        assert_eq!(s.block.start, 3);
        assert_eq!(s.front_text(), "title: A\r\n");
        assert_eq!(s.body_text(), "Body\r\n");
    }

    #[test]
    fn no_front_matter_means_body_is_everything() {
        let text = "# Heading\r\n\r\ntext";
        let s = split(text).unwrap();
        assert_eq!(s.format, None);
        assert_eq!(s.body_text(), text);
        assert_eq!(s.block, 0..0);
        assert_eq!(s.line_ending, LineEnding::CrLf);
    }

    #[test]
    fn empty_front_matter_is_valid() {
        let (format, block, front, body) = parts("---\n---\n");
        assert_eq!(
            (format, block, front, body),
            (Some(Format::Yaml), "---\n---\n", "", "")
        );
    }

    #[test]
    fn unterminated_yaml_names_the_missing_delimiter() {
        let err = split("---\ntitle: A\nBody\n").unwrap_err();
        assert_eq!(err.kind(), "front_matter");
        assert!(
            err.to_string()
                .contains("unterminated YAML front matter: no closing `---`"),
            "{err}"
        );
        assert!(split("---").is_err());
        assert!(split("+++\na = 1\n")
            .unwrap_err()
            .to_string()
            .contains("`+++`"));
    }

    #[test]
    fn a_dash_rule_later_in_the_file_is_not_front_matter() {
        let (format, ..) = parts("Intro\n---\nmore\n---\n");
        assert_eq!(format, None);
    }

    #[test]
    fn parts_concatenate_back_to_the_text() {
        for text in [
            "---\na: 1\n---\nx",
            "\u{feff}+++\r\n+++\r\n",
            "{}\n\nbody",
            "plain",
            "",
        ] {
            let s = split(text).unwrap();
            let joined = format!(
                "{}{}{}",
                &text[..s.block.start],
                &text[s.block.clone()],
                s.body_text()
            );
            assert_eq!(joined, text);
        }
    }
}
