//! Counting a rendered block's words as its text events stream past.

/// Words in `text`, where a word may continue from the previous text event (pulldown-cmark
/// splits text at escapes and entities).
pub(super) fn count_words(text: &str, in_word: &mut bool) -> usize {
    let mut count = 0;
    let mut inside = *in_word;
    let bytes = text.as_bytes();
    let mut at = 0;
    while let Some(&byte) = bytes.get(at) {
        // ASCII bytes without decoding a character: nearly all of a post's text.
        let space = if byte.is_ascii() {
            at += 1;
            matches!(byte, b'\t'..=b'\r' | b' ')
        } else {
            let c = text[at..].chars().next().unwrap_or(' ');
            at += c.len_utf8();
            c.is_whitespace()
        };
        // Without branches on `space`: spaces and letters alternate too often to predict.
        count += usize::from(!space & !inside);
        inside = !space;
    }
    *in_word = inside;
    count
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_continue_across_split_text() {
        let mut in_word = false;
        assert_eq!(count_words("one two", &mut in_word), 2);
        assert_eq!(count_words("-three four", &mut in_word), 1);
        assert_eq!(count_words(" five", &mut in_word), 1);
    }

    proptest::proptest! {
        #[test]
        fn word_count_is_runs_of_non_whitespace(text in "(\\PC|\\s|[a-z -]){0,40}", before: bool) {
            let mut expected_in_word = before;
            let mut expected = 0;
            for c in text.chars() {
                if c.is_whitespace() {
                    expected_in_word = false;
                } else if !expected_in_word {
                    expected_in_word = true;
                    expected += 1;
                }
            }
            let mut in_word = before;
            proptest::prop_assert_eq!(count_words(&text, &mut in_word), expected);
            proptest::prop_assert_eq!(in_word, expected_in_word);
        }
    }
}
