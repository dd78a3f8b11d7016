//! The editor counts text in UTF-16 code units (JavaScript strings); Rust strings in bytes.
//! Edits sent by the window name their offsets in units and are applied here.

/// The byte offset of UTF-16 offset `units` in `text`; `None` past the end or inside a character.
pub fn byte_offset(text: &str, units: usize) -> Option<usize> {
    // Most text is ASCII, where units and bytes agree: skip that run without decoding.
    let ascii = text.bytes().take(units).take_while(u8::is_ascii).count();
    if ascii == units {
        return Some(units);
    }
    let mut counted = ascii;
    for (at, c) in text[ascii..].char_indices() {
        if counted == units {
            return Some(ascii + at);
        }
        counted += c.len_utf16();
        if counted > units {
            return None;
        }
    }
    (counted == units).then_some(text.len())
}

/// `text` with its UTF-16 units `from..to` replaced by `insert`; `None` when the range is not
/// in the text (past its end, reversed, or cutting a character).
pub fn replace_units(text: &str, from: usize, to: usize, insert: &str) -> Option<String> {
    let start = byte_offset(text, from)?;
    let end = start + byte_offset(&text[start..], to.checked_sub(from)?)?;
    let mut out = String::with_capacity(text.len() - (end - start) + insert.len());
    out.push_str(&text[..start]);
    out.push_str(insert);
    out.push_str(&text[end..]);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_offsets_map_to_byte_offsets() {
        let text = "ab é😀c";
        assert_eq!(byte_offset(text, 0), Some(0));
        assert_eq!(byte_offset(text, 3), Some(3));
        assert_eq!(byte_offset(text, 4), Some(5), "after é (two bytes, one unit)");
        assert_eq!(byte_offset(text, 5), None, "between the halves of 😀");
        assert_eq!(byte_offset(text, 6), Some(9));
        assert_eq!(byte_offset(text, 7), Some(10));
        assert_eq!(byte_offset(text, 8), None);
        assert_eq!(byte_offset("", 0), Some(0));
    }

    #[test]
    fn a_replacement_in_units_lands_where_the_editor_meant() {
        assert_eq!(replace_units("é😀x", 3, 4, "yz").as_deref(), Some("é😀yz"));
        assert_eq!(replace_units("é😀x", 1, 3, "").as_deref(), Some("éx"));
        assert_eq!(replace_units("ab", 0, 0, "é").as_deref(), Some("éab"));
        assert_eq!(replace_units("ab", 2, 1, ""), None, "reversed");
        assert_eq!(replace_units("ab", 1, 3, ""), None, "past the end");
    }
}
