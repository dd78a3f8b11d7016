//! Cutting text at `\n` with the `memchr` crate's vector search: the scan cuts the front
//! matter of every post into lines, and `str::split('\n')` searched each line's end a few
//! bytes at a time (its searcher was the scan's busiest function after the word count).

/// The same pieces as `text.split('\n')`: the text between line feeds, the last piece after
/// the last one (empty when `text` ends with one).
pub(super) fn split_lines(text: &str) -> impl Iterator<Item = &str> {
    let mut ends = memchr::memchr_iter(b'\n', text.as_bytes());
    let mut start = Some(0);
    std::iter::from_fn(move || {
        let from = start?;
        // A line feed is one byte of its own in UTF-8, so every cut is a character boundary.
        match ends.next() {
            Some(end) => {
                start = Some(end + 1);
                text.get(from..end)
            }
            None => {
                start = None;
                text.get(from..)
            }
        }
    })
}

/// The same lines as `text.split_inclusive('\n')`: each with its line feed, the last one
/// without when `text` does not end with one; nothing for an empty text.
pub(super) fn lines_inclusive(text: &str) -> impl Iterator<Item = &str> {
    split_lines(text)
        .scan(0, move |at, line| {
            let end = (*at + line.len() + 1).min(text.len());
            let whole = text.get(*at..end);
            *at = end;
            whole
        })
        .filter(|line| !line.is_empty())
}

/// Where `byte` (ASCII, so never inside another character) first appears in `text`.
pub(super) fn find_byte(text: &str, byte: u8) -> Option<usize> {
    debug_assert!(byte.is_ascii());
    memchr::memchr(byte, text.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn edges() {
        let cases = [
            "",
            "\n",
            "\n\n",
            "a",
            "a\n",
            "\na",
            "a\nb",
            "a\r\nb\r\n",
            "字\n😀\n\n",
        ];
        for text in cases {
            assert_eq!(
                split_lines(text).collect::<Vec<_>>(),
                text.split('\n').collect::<Vec<_>>(),
                "{text:?}"
            );
            assert_eq!(
                lines_inclusive(text).collect::<Vec<_>>(),
                text.split_inclusive('\n').collect::<Vec<_>>(),
                "{text:?}"
            );
        }
    }

    proptest! {
        /// Long texts, so that line feeds fall on both sides of the vector search's blocks.
        #[test]
        fn lines_match_the_standard_library(text in "([a-z :\"'\r字é]{0,40}\n?){0,30}") {
            prop_assert_eq!(split_lines(&text).collect::<Vec<_>>(), text.split('\n').collect::<Vec<_>>());
            prop_assert_eq!(
                lines_inclusive(&text).collect::<Vec<_>>(),
                text.split_inclusive('\n').collect::<Vec<_>>()
            );
            for byte in [b':', b'"', b'\'', b'\n'] {
                prop_assert_eq!(find_byte(&text, byte), text.find(char::from(byte)));
            }
        }
    }
}
