//! Counting words, one rule for the posts list (over a post's Markdown body, without parsing
//! it) and the preview (over the text a render emits): whitespace-separated runs that hold at
//! least one letter or digit, so `#`, `-`, `&` and code fences do not count; and each Han
//! ideograph or kana, a word by itself (Chinese and Japanese put no spaces between words).
//!
//! The scan spent most of its time here, so the count is reformulated as "count each run's
//! first letter or digit", which needs one carried bit (`has`: the current run already holds
//! one). All-ASCII 64-byte blocks are then done with bit masks, made sixteen bytes at a time
//! (`wide`: SSE2 here); other blocks and the tail are decoded one character at a time from the
//! same state.

use wide::u8x16;

const BLOCK: usize = 64;

/// How many words `text` holds (see the module comment).
pub(crate) fn count_words(text: &str) -> usize {
    count_words_after(text, &mut false)
}

/// How many words `text` adds to the text before it, where `in_word` says the run that text
/// ended in already holds a word (the preview's text comes in pieces: pulldown-cmark splits it
/// at escapes and entities); `in_word` is left saying the same of `text`'s end.
pub(crate) fn count_words_after(text: &str, in_word: &mut bool) -> usize {
    let bytes = text.as_bytes();
    let mut state = State {
        count: 0,
        has: *in_word,
    };
    let mut at = 0;
    while let Some(block) = bytes.get(at..at + BLOCK) {
        let block: &[u8; BLOCK] = block.try_into().unwrap_or(&[0; BLOCK]);
        if is_ascii(block) {
            state.ascii_block(block);
            at += BLOCK;
        } else {
            // Continue to the next character boundary, so the next block starts on one.
            let end = at + BLOCK;
            while at < end {
                at = state.scalar_step(text, at);
            }
        }
    }
    // The tail (most of a preview's text comes in pieces shorter than a block) as one block
    // padded with NULs, which are neither space nor letter and so change nothing.
    let tail = &bytes[at..];
    if !tail.is_empty() && tail.is_ascii() {
        let mut block = [0u8; BLOCK];
        block[..tail.len()].copy_from_slice(tail);
        state.ascii_block(&block);
        at = bytes.len();
    }
    while at < bytes.len() {
        at = state.scalar_step(text, at);
    }
    *in_word = state.has;
    state.count
}

struct State {
    count: usize,
    /// The current whitespace-separated run has already seen a letter or digit.
    has: bool,
}

impl State {
    /// Count the character starting at byte `at` of `text`; returns where the next one starts.
    fn scalar_step(&mut self, text: &str, at: usize) -> usize {
        let byte = text.as_bytes()[at];
        let (class, len) = match BYTE_CLASSES[usize::from(byte)] {
            NON_ASCII => {
                let c = text[at..].chars().next().unwrap_or(' ');
                (char_class(c), c.len_utf8())
            }
            // The first byte of an ideograph in U+5000..=U+9FFF: most of a Chinese text,
            // known without decoding it or looking it up in Unicode's tables.
            CJK => (CJK, 3),
            class => (class, 1),
        };
        let alnum = class == ALNUM;
        let cjk = class == CJK;
        self.count += usize::from((alnum && !self.has) || cjk);
        // After an ideograph, a Latin letter starts a word again ("用Rust写" is three).
        self.has = (self.has || alnum) && class != SPACE && !cjk;
        at + len
    }

    /// The same update as `scalar_step` for 64 ASCII bytes at once: bit `i` of each mask is
    /// byte `i` of the block.
    fn ascii_block(&mut self, block: &[u8; BLOCK]) {
        let (space, alnum) = masks(block);
        let not_alnum = !alnum;
        // Where the state before the byte is "no letter or digit yet": after a space, and at
        // the start when the carried state says so.
        let reset = (space << 1) | u64::from(!self.has);
        // Adding carries each reset that lands on a non-alnum byte through the run of
        // non-alnum bytes after it, setting the bit of the first letter or digit that follows.
        let carried = (reset & not_alnum).wrapping_add(not_alnum);
        let first = (reset | carried) & alnum;
        self.count += first.count_ones() as usize;
        self.has = if space == 0 {
            self.has || alnum != 0
        } else {
            // A letter or digit after the last space.
            let last_space = 63 - space.leading_zeros();
            last_space < 63 && alnum >> (last_space + 1) != 0
        };
    }
}

/// The block as four 16-byte vectors (SSE2 on x86-64, plain arrays where there is no SIMD).
fn lanes(block: &[u8; BLOCK]) -> [u8x16; BLOCK / 16] {
    std::array::from_fn(|i| {
        let mut lane = [0u8; 16];
        lane.copy_from_slice(&block[16 * i..16 * (i + 1)]);
        u8x16::new(lane)
    })
}

/// Whether all 64 bytes are ASCII.
fn is_ascii(block: &[u8; BLOCK]) -> bool {
    let [a, b, c, d] = lanes(block);
    (a | b | c | d).to_bitmask() == 0
}

/// The space and letter-or-digit masks of an ASCII block, sixteen bytes at a time.
fn masks(block: &[u8; BLOCK]) -> (u64, u64) {
    let (mut space, mut alnum) = (0u64, 0u64);
    for (i, x) in lanes(block).into_iter().enumerate() {
        let s = x.simd_eq(u8x16::splat(b' ')) | in_range(x, 0x09, 0x0D);
        let a = in_range(x, b'0', b'9') | in_range(x | u8x16::splat(0x20), b'a', b'z');
        space |= u64::from(s.to_bitmask()) << (16 * i);
        alnum |= u64::from(a.to_bitmask()) << (16 * i);
    }
    (space, alnum)
}

/// All ones in each byte of `x` that is in `lo..=hi`: the byte minus `lo` (wrapping, so bytes
/// below `lo` become large) is at most `hi - lo`.
fn in_range(x: u8x16, lo: u8, hi: u8) -> u8x16 {
    let above = (x - u8x16::splat(lo)).saturating_sub(u8x16::splat(hi - lo));
    above.simd_eq(u8x16::ZERO)
}

fn char_class(c: char) -> u8 {
    // Halfwidth voiced sound marks are letters to Unicode, but belong to the kana before them
    // ("ｶﾞ" is one kana, as "ガ" is).
    if matches!(c, '\u{FF9E}' | '\u{FF9F}') {
        return 0;
    }
    if c.is_whitespace() {
        SPACE
    } else if c.is_alphanumeric() {
        if is_ideograph_or_kana(c) {
            CJK
        } else {
            ALNUM
        }
    } else {
        0
    }
}

/// The blocks of Han ideographs (with `々`, `〆`, `〇`) and of kana; their punctuation is not
/// alphanumeric, so the caller has already left it out.
fn is_ideograph_or_kana(c: char) -> bool {
    matches!(
        c,
        '\u{3005}'..='\u{3007}'      // 々 〆 〇
            | '\u{3040}'..='\u{30FF}' // hiragana, katakana
            | '\u{31F0}'..='\u{31FF}' // katakana phonetic extensions
            | '\u{3400}'..='\u{4DBF}' // extension A
            | '\u{4E00}'..='\u{9FFF}' // unified ideographs
            | '\u{F900}'..='\u{FAFF}' // compatibility ideographs
            | '\u{FF66}'..='\u{FF9D}' // halfwidth katakana
            | '\u{1B000}'..='\u{1B16F}' // kana supplement and extensions
            | '\u{20000}'..='\u{3FFFF}' // extensions B onwards, planes 2 and 3
    )
}

const SPACE: u8 = 1;
const ALNUM: u8 = 2;
const NON_ASCII: u8 = 3;
/// An ideograph or kana: a word by itself.
const CJK: u8 = 4;

/// The class of each byte value (0 for other ASCII). ASCII whitespace as `char::is_whitespace`
/// sees it: the vertical tab too, unlike `u8::is_ascii_whitespace`. The lead bytes 0xE5 to
/// 0xE9 start only the ideographs U+5000 to U+9FFF.
static BYTE_CLASSES: [u8; 256] = {
    let mut classes = [0u8; 256];
    let mut byte = 0;
    while byte < 256 {
        let b = byte as u8;
        classes[byte] = if matches!(b, 0xE5..=0xE9) {
            CJK
        } else if !b.is_ascii() {
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
    use proptest::prelude::*;
    use proptest::sample::select;

    /// The plain definition the fast count must equal.
    fn plain(text: &str) -> usize {
        let cjk = |c: char| char_class(c) == CJK;
        text.split_whitespace()
            .map(|run| {
                let parts = run
                    .split(cjk)
                    .filter(|part| part.chars().any(char::is_alphanumeric));
                run.chars().filter(|&c| cjk(c)).count() + parts.count()
            })
            .sum()
    }

    /// Chinese and Japanese are written without spaces between words: each ideograph or kana
    /// counts as a word, as word processors count them, and Latin words beside them still count.
    #[test]
    fn each_ideograph_and_kana_is_a_word() {
        assert_eq!(count_words("我喜欢写博客。"), 6);
        assert_eq!(count_words("日本語のテキスト、ｶﾀｶﾅ。"), 12);
        assert_eq!(count_words("ｶﾞｷﾞ ガギ"), 4);
        assert_eq!(count_words("用Rust写的编辑器 (v2)"), 1 + 1 + 5 + 1);
        assert_eq!(count_words("人々 〇 𠀋"), 4);
        // Punctuation and symbols of the same scripts are no words; Korean is written with
        // spaces, so its words are runs as in English.
        assert_eq!(count_words("「」・。〜 ＆"), 0);
        assert_eq!(count_words("한국어 문장입니다"), 2);
        let mut in_word = true;
        assert_eq!(count_words_after("字x", &mut in_word), 2);
    }

    #[test]
    fn words_skip_markup_only_tokens() {
        assert_eq!(count_words("## Two words\n\n- item one\n```\n"), 4);
        assert_eq!(count_words(""), 0);
        assert_eq!(count_words("naïve café, déjà-vu"), 3);
        assert_eq!(count_words("a\u{b}b\u{a0}c\u{1c}d"), 3);
    }

    #[test]
    fn words_continue_across_split_text() {
        let mut in_word = false;
        assert_eq!(count_words_after("one two", &mut in_word), 2);
        assert_eq!(count_words_after("-three four", &mut in_word), 1);
        assert_eq!(count_words_after(" five -", &mut in_word), 1);
        assert!(!in_word);
        assert_eq!(count_words_after("six", &mut in_word), 1);
    }

    #[test]
    fn the_table_agrees_with_char_on_every_ascii_byte() {
        for byte in 0..=127u8 {
            assert_eq!(BYTE_CLASSES[usize::from(byte)], char_class(char::from(byte)));
        }
    }

    #[test]
    fn the_ideograph_lead_bytes_start_only_ideographs() {
        for c in '\u{4000}'..='\u{9FFF}' {
            let lead = c.encode_utf8(&mut [0; 4]).as_bytes()[0];
            if BYTE_CLASSES[usize::from(lead)] == CJK {
                assert_eq!((char_class(c), c.len_utf8()), (CJK, 3), "{c}");
            }
        }
        assert_eq!(count_words("一丁\u{9FFF}"), 3);
    }

    #[test]
    fn the_masks_agree_with_the_table_on_every_ascii_byte_and_lane() {
        for byte in 0..=127u8 {
            for lane in 0..BLOCK {
                // Other lanes hold bytes of neither class, so only `lane` may be set.
                let mut block = [b'#'; BLOCK];
                block[lane] = byte;
                let class = BYTE_CLASSES[usize::from(byte)];
                let bit = 1u64 << lane;
                let expected = (
                    if class == SPACE { bit } else { 0 },
                    if class == ALNUM { bit } else { 0 },
                );
                assert_eq!(masks(&block), expected, "{byte:#x} at {lane}");
            }
        }
    }

    #[test]
    fn runs_crossing_block_edges() {
        // A word whose letter sits in the next block after 63 marks; a word ending the block.
        let text = format!("{}a b", "#".repeat(63));
        assert_eq!(count_words(&text), plain(&text));
        for split in 0..130 {
            let text = format!("{} {}x{}", "a".repeat(split), "-".repeat(70), " ".repeat(split));
            assert_eq!(count_words(&text), plain(&text), "{split}");
        }
    }

    /// Characters of each class, ASCII and not; the non-ASCII ones rare, so that most 64-byte
    /// blocks are all ASCII and take the mask path.
    fn sample_char() -> impl Strategy<Value = char> {
        prop_oneof![
            30 => select(vec!['a', '7', '#', '-', ' ', '\n', '\t', '\u{b}', '\u{c}', '\r']),
            1 => select(vec!['\u{e9}', '\u{a0}', '\u{2003}', '\u{1f600}', '\u{3b1}', '字', 'の', '。']),
        ]
    }

    proptest! {
        /// The count equals the plain definition on any text.
        #[test]
        fn word_count_matches_the_definition(text in "(\\PC|\\s|[a-z#` 字の。-]){0,40}") {
            prop_assert_eq!(count_words(&text), plain(&text));
        }

        /// Counting a text in two pieces, carrying `in_word`, counts the whole text.
        #[test]
        fn split_text_counts_as_the_whole(text in "(\\PC|\\s|[a-z#` 字の。-]){0,40}", at: usize) {
            let at = (0..=at % (text.len() + 1)).rev().find(|&i| text.is_char_boundary(i));
            let at = at.unwrap_or(0);
            let mut in_word = false;
            let pieces = count_words_after(&text[..at], &mut in_word)
                + count_words_after(&text[at..], &mut in_word);
            prop_assert_eq!(pieces, plain(&text));
        }

        /// Long texts from a few characters, so runs of each kind cross the 64-byte blocks and
        /// multi-byte characters fall at every offset.
        #[test]
        fn long_texts_match_the_definition(text in "[a# \n\u{e9}\u{a0}\u{b}字]{0,400}") {
            prop_assert_eq!(count_words(&text), plain(&text));
        }

        /// Mostly ASCII, with rare other characters anywhere.
        #[test]
        fn sparse_non_ascii_matches_the_definition(
            chars in proptest::collection::vec(sample_char(), 0..600)
        ) {
            let text: String = chars.into_iter().collect();
            prop_assert_eq!(count_words(&text), plain(&text));
        }

        /// Long runs of one character, so words, marks and spaces span whole blocks and end at
        /// every offset, including the last byte of a block.
        #[test]
        fn long_runs_match_the_definition(
            runs in proptest::collection::vec((sample_char(), 1..90usize), 0..24)
        ) {
            let text: String = runs.into_iter().flat_map(|(c, n)| std::iter::repeat_n(c, n)).collect();
            prop_assert_eq!(count_words(&text), plain(&text));
        }

        /// Mostly ASCII, so most blocks take the mask path, with rare other characters.
        #[test]
        fn mostly_ascii_texts_match_the_definition(
            text in "([a-z0-9]{1,12}|[ \t\r\n\u{b}\u{c}]{1,3}|[#*`_-]{1,5}|\\PC){0,120}"
        ) {
            prop_assert_eq!(count_words(&text), plain(&text));
        }
    }
}
