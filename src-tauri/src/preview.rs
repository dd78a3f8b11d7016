//! The preview's side of rendering: a renderer per previewed post, and what goes back over IPC.
//! A keystroke changes one block, so an update carries every block's lines and key but the HTML
//! only of blocks the window may not have yet (those not in the update it last applied). On a
//! 1 MB post that is the difference between a few kilobytes and megabytes per keystroke.

use draftsmith_core::render::{Heading, RenderOptions, Renderer};
use serde::Serialize;
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

/// Ids are unique across sessions, so a `since` from another post can never match.
static NEXT_ID: AtomicU64 = AtomicU64::new(1);

/// The renderer of one previewed post and the keys of the last update it sent.
#[derive(Default)]
pub struct PreviewSession {
    renderer: Renderer,
    last: Option<(u64, HashSet<String>)>,
}

impl PreviewSession {
    /// Render `text`. `since` is the id of the update the window last applied: when it is the
    /// one this session sent last, HTML the window already has is left out.
    pub fn update(&mut self, text: &str, opts: &RenderOptions, since: Option<u64>) -> PreviewUpdate {
        let rendered = self.renderer.render_with(text, opts);
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
