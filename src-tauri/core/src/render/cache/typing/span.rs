//! Where a keystroke changed the text: the common start and end of the text before and after.

/// Texts are compared this many bytes at a time: slice equality is a `memcmp`, many times
/// faster than a loop over each byte of a long post.
const CHUNK: usize = 64;

/// How many bytes `a` and `b` share at their start.
fn common_prefix(a: &[u8], b: &[u8]) -> usize {
    let len = a.len().min(b.len());
    let mut at = 0;
    while at + CHUNK <= len && a[at..at + CHUNK] == b[at..at + CHUNK] {
        at += CHUNK;
    }
    at + a[at..len].iter().zip(&b[at..len]).take_while(|(x, y)| x == y).count()
}

/// How many bytes `a` and `b` share at their end.
fn common_suffix(a: &[u8], b: &[u8]) -> usize {
    let len = a.len().min(b.len());
    let (a, b) = (&a[a.len() - len..], &b[b.len() - len..]);
    let mut end = len;
    while end >= CHUNK && a[end - CHUNK..end] == b[end - CHUNK..end] {
        end -= CHUNK;
    }
    let rest = a[..end].iter().rev().zip(b[..end].iter().rev());
    len - end + rest.take_while(|(x, y)| x == y).count()
}

/// Where `old` and `new` differ: (start, end in old, end in new), on character boundaries.
pub(super) fn changed_span(old: &str, new: &str) -> (usize, usize, usize) {
    let mut prefix = common_prefix(old.as_bytes(), new.as_bytes());
    while !old.is_char_boundary(prefix) || !new.is_char_boundary(prefix) {
        prefix -= 1;
    }
    let mut suffix = common_suffix(&old.as_bytes()[prefix..], &new.as_bytes()[prefix..]);
    while !old.is_char_boundary(old.len() - suffix) || !new.is_char_boundary(new.len() - suffix) {
        suffix -= 1;
    }
    (prefix, old.len() - suffix, new.len() - suffix)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_ends_match_a_byte_by_byte_count() {
        let base: Vec<u8> = (0..300u32).map(|i| (i * 7 % 13) as u8).collect();
        for cut in [0, 1, 63, 64, 65, 128, 200, 299] {
            for extra in [0, 1, 70] {
                let mut other = base.clone();
                other.splice(cut..cut, std::iter::repeat_n(99u8, extra));
                let slow_prefix = base.iter().zip(&other).take_while(|(a, b)| a == b).count();
                let slow_suffix = base.iter().rev().zip(other.iter().rev()).take_while(|(a, b)| a == b).count();
                assert_eq!(common_prefix(&base, &other), slow_prefix, "cut {cut} extra {extra}");
                assert_eq!(common_suffix(&base, &other), slow_suffix, "cut {cut} extra {extra}");
                assert_eq!(common_prefix(&base[..cut], &base), cut);
                assert_eq!(common_suffix(&base[cut..], &base), base.len() - cut);
            }
        }
    }

    #[test]
    fn the_changed_span_keeps_to_character_boundaries() {
        assert_eq!(changed_span("abc", "abxc"), (2, 2, 3));
        assert_eq!(changed_span("aéb", "aèb"), (1, 3, 3));
        assert_eq!(changed_span("same", "same"), (4, 4, 4));
        assert_eq!(changed_span("aa", "aaa"), (2, 2, 3));
    }
}
