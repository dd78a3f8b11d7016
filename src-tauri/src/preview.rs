//! The preview's side of rendering: a renderer per previewed post, and what goes back over IPC.
//! A keystroke changes one block, so an update carries every block's lines and key but the HTML
//! only of blocks the window may not have yet (those not in the update it last applied). On a
//! 1 MB post that is the difference between a few kilobytes and megabytes per keystroke.
//! The same holds the other way: the session keeps the text it last rendered, so the window
//! sends a keystroke as a [`TextEdit`] of that text instead of the whole post.

use draftsmith_core::render::{Heading, RenderOptions, Renderer};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use std::sync::atomic::{AtomicU64, Ordering};

/// One render as the preview receives it.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct PreviewUpdate {
    /// Names this update; the window sends it back as `since` with its next request.
    pub id: u64,
    pub blocks: Vec<PreviewBlock>,
    pub headings: Vec<Heading>,
    pub word_count: usize,
}

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct PreviewBlock {
    pub start_line: u32,
    pub end_line: u32,
    pub key: String,
    /// `None` when the update named by `since` already carried this key (same key, same HTML).
    pub html: Option<String>,
}

/// One replacement in the text of the update named `base`, in UTF-16 code units (the
/// editor's offsets): `text[from..to]` becomes `insert`.
#[derive(Debug, Clone, Deserialize, ts_rs::TS)]
pub struct TextEdit {
    pub base: u64,
    pub from: usize,
    pub to: usize,
    pub insert: String,
}

/// Ids are unique across sessions, so a `since` from another post can never match.
static NEXT_ID: AtomicU64 = AtomicU64::new(1);

/// The renderer of one previewed post and the keys of the last update it sent.
#[derive(Default)]
pub struct PreviewSession {
    renderer: Renderer,
    last: Option<(u64, HashSet<String>)>,
    /// The text of the last update (named by `last`), which edits apply to.
    text: String,
}

impl PreviewSession {
    /// Render the text of update `edit.base` with the edit applied; `None` when this session
    /// no longer holds that text (another update came since, or the offsets do not fit), and
    /// the window must send the whole text.
    pub fn update_edited(&mut self, edit: &TextEdit, opts: &RenderOptions, since: Option<u64>) -> Option<PreviewUpdate> {
        if self.last.as_ref().map(|(id, _)| *id) != Some(edit.base) {
            return None;
        }
        let from = byte_offset(&self.text, edit.from)?;
        let to = from + byte_offset(&self.text[from..], edit.to.checked_sub(edit.from)?)?;
        let mut text = std::mem::take(&mut self.text);
        text.replace_range(from..to, &edit.insert);
        Some(self.update_owned(text, opts, since))
    }

    /// Render `text`. `since` is the id of the update the window last applied: when it is the
    /// one this session sent last, HTML the window already has is left out.
    pub fn update(&mut self, text: &str, opts: &RenderOptions, since: Option<u64>) -> PreviewUpdate {
        self.update_owned(text.to_owned(), opts, since)
    }

    fn update_owned(&mut self, text: String, opts: &RenderOptions, since: Option<u64>) -> PreviewUpdate {
        let rendered = self.renderer.render_blocks(&text, opts);
        self.text = text;
        let known = match (&self.last, since) {
            (Some((last, keys)), Some(since)) if *last == since => Some(keys),
            _ => None,
        };
        let keys: HashSet<String> = rendered.blocks.iter().map(|b| b.key.clone()).collect();
        let blocks = rendered
            .blocks
            .into_iter()
            .map(|b| {
                let sent = known.is_some_and(|k| k.contains(&b.key));
                PreviewBlock { start_line: b.start_line, end_line: b.end_line, html: (!sent).then_some(b.html), key: b.key }
            })
            .collect();
        let id = NEXT_ID.fetch_add(1, Ordering::Relaxed);
        self.last = Some((id, keys));
        PreviewUpdate { id, blocks, headings: rendered.headings, word_count: rendered.word_count }
    }
}

/// The byte offset of UTF-16 offset `units` in `text`; `None` past the end or inside a character.
fn byte_offset(text: &str, units: usize) -> Option<usize> {
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

#[cfg(test)]
mod tests {
    use super::*;

    const POST: &str = "# Title\n\nFirst paragraph.\n\nSecond paragraph.\n";

    fn html_count(update: &PreviewUpdate) -> usize {
        update.blocks.iter().filter(|b| b.html.is_some()).count()
    }

    #[test]
    fn an_update_after_one_the_window_applied_carries_only_changed_html() {
        let mut session = PreviewSession::default();
        let opts = RenderOptions::default();
        let first = session.update(POST, &opts, None);
        assert_eq!(html_count(&first), 3, "the first update carries every block");
        let second = session.update(&POST.replace("Second", "2nd"), &opts, Some(first.id));
        assert_eq!(html_count(&second), 1, "only the edited block: {second:?}");
        assert!(second.blocks[2].html.as_deref().is_some_and(|h| h.contains("2nd")));
        assert_eq!(second.blocks[0].key, first.blocks[0].key);
    }

    #[test]
    fn an_edit_of_the_last_text_renders_as_the_whole_edited_text_would() {
        let opts = RenderOptions::default();
        let text = "# Café ☕\n\nFirst 😀 paragraph.\n\nSecond paragraph.\n";
        let mut session = PreviewSession::default();
        let first = session.update(text, &opts, None);
        // UTF-16 offsets, as the editor counts: "😀" is two units, "é" and "☕" one each.
        let units = |s: &str| s.encode_utf16().count();
        let from = units("# Café ☕\n\nFirst 😀");
        let edit = TextEdit { base: first.id, from, to: from + units(" paragraph"), insert: " line".into() };
        let edited = session.update_edited(&edit, &opts, Some(first.id)).expect("the base is the last update");
        let expected = text.replace("😀 paragraph", "😀 line");
        let fresh = PreviewSession::default().update(&expected, &opts, None);
        let keys = |u: &PreviewUpdate| u.blocks.iter().map(|b| b.key.clone()).collect::<Vec<_>>();
        assert_eq!(keys(&edited), keys(&fresh));
        assert_eq!(html_count(&edited), 1, "only the edited block's HTML travels");
        // The next edit applies to the edited text.
        let again = TextEdit { base: edited.id, from: 0, to: 1, insert: "##".into() };
        let third = session.update_edited(&again, &opts, Some(edited.id)).unwrap();
        assert_eq!(keys(&third), keys(&PreviewSession::default().update(&format!("#{expected}"), &opts, None)));
    }

    #[test]
    fn an_edit_of_any_other_text_is_refused() {
        let opts = RenderOptions::default();
        let mut session = PreviewSession::default();
        let first = session.update("a😀b\n", &opts, None);
        let edit = |base, from, to| TextEdit { base, from, to, insert: "x".into() };
        assert!(session.update_edited(&edit(first.id + 1000, 0, 0), &opts, None).is_none(), "unknown base");
        assert!(session.update_edited(&edit(first.id, 2, 2), &opts, None).is_none(), "inside a surrogate pair");
        assert!(session.update_edited(&edit(first.id, 0, 99), &opts, None).is_none(), "past the end");
        assert!(session.update_edited(&edit(first.id, 3, 1), &opts, None).is_none(), "reversed");
        let second = session.update("other\n", &opts, None);
        assert!(session.update_edited(&edit(first.id, 0, 0), &opts, None).is_none(), "no longer the last text");
        assert!(session.update_edited(&edit(second.id, 5, 5), &opts, None).is_some());
    }

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
    fn any_other_since_gets_every_block_again() {
        let mut session = PreviewSession::default();
        let opts = RenderOptions::default();
        let first = session.update(POST, &opts, None);
        let second = session.update(POST, &opts, Some(first.id));
        assert_eq!(html_count(&second), 0);
        // The window did not apply `second` (say it was dropped): asking since `first` again
        // must not rely on what `second` carried.
        assert_eq!(html_count(&session.update(POST, &opts, Some(first.id))), 3);
        assert_eq!(html_count(&session.update(POST, &opts, None)), 3);
        assert_eq!(html_count(&PreviewSession::default().update(POST, &opts, Some(first.id))), 3);
    }
}
