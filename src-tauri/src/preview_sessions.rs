//! The preview sessions of the posts previewed recently. Coming back to one of them, the window
//! puts back the preview it kept (ui/src/preview.ts) and asks for a splice of it: the session
//! still holds the text and blocks of that update, so nothing is rendered or sent again but
//! what changed meanwhile.

use crate::preview::PreviewSession;
use std::collections::VecDeque;
use std::sync::{Arc, Mutex, TryLockError};

/// How many sessions are kept, the current one included: as the window keeps previews of
/// recent posts (ui/src/kept.ts).
pub const KEPT_SESSIONS: usize = 12;
/// The texts of the sessions kept besides the current one are together at most this long
/// (UTF-16 units, as the window counts: it keeps the previews of the same posts): a long
/// post's renderer holds caches several times its text, and its first render is the one that
/// takes time anyway.
pub const KEPT_TEXT_TOTAL: usize = 512 * 1024;

type Shared = Arc<Mutex<PreviewSession>>;

/// Sessions by post path, the current one first.
#[derive(Default)]
pub struct PreviewSessions {
    recent: VecDeque<(String, Shared)>,
}

impl PreviewSessions {
    /// The session for `path`: the current one while the same post is previewed (its cache is
    /// what makes a keystroke cheap), a kept one for a post previewed recently, else a new one.
    /// Either way another post's session is never shared, so a preview never waits behind a
    /// long render of the post left.
    pub fn for_path(&mut self, path: &str) -> Shared {
        if self.recent.front().is_some_and(|(current, _)| current == path) {
            return self.recent[0].1.clone();
        }
        let session = match self.recent.iter().position(|(p, _)| p == path) {
            Some(i) => self.recent.remove(i).map(|(_, s)| s).unwrap_or_default(),
            None => Shared::default(),
        };
        self.recent.push_front((path.to_string(), session.clone()));
        // The sessions left behind, newest first, while their texts fit the budget; one too
        // long alone goes, and the others stay (counted in, it would push them all out).
        let (mut total, mut kept, mut full) = (0usize, 0usize, false);
        let mut current = true;
        self.recent.retain(|(_, left)| {
            if std::mem::take(&mut current) {
                return true;
            }
            let len = text_len(left);
            if full || len > KEPT_TEXT_TOTAL {
                return false;
            }
            total = total.saturating_add(len);
            full = total > KEPT_TEXT_TOTAL || kept == KEPT_SESSIONS - 1;
            kept += usize::from(!full);
            !full
        });
        session
    }

    #[cfg(test)]
    fn paths(&self) -> Vec<&str> {
        self.recent.iter().map(|(p, _)| p.as_str()).collect()
    }
}

/// The length of a session's text; one still rendering counts as too long to keep (a render
/// that outlasts the switch to another post is a long post's).
fn text_len(session: &Shared) -> usize {
    match session.try_lock() {
        Ok(s) => s.text_units(),
        Err(TryLockError::Poisoned(e)) => e.into_inner().text_units(),
        Err(TryLockError::WouldBlock) => usize::MAX,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use draftsmith_core::render::RenderOptions;

    fn render(sessions: &mut PreviewSessions, path: &str, text: &str) -> u64 {
        let session = sessions.for_path(path);
        let mut session = session.lock().unwrap();
        session.update(text, &RenderOptions::default(), None).id
    }

    #[test]
    fn a_post_previewed_recently_gets_its_session_back_with_its_last_update() {
        let mut sessions = PreviewSessions::default();
        let first = render(&mut sessions, "a.md", "# A\n\nSome text.\n");
        render(&mut sessions, "b.md", "# B\n");
        let a = sessions.for_path("a.md");
        // A splice of the update the window kept: nothing changed, so no block is sent.
        let again = a.lock().unwrap().update("# A\n\nSome text.\n", &RenderOptions::default(), Some(first));
        assert_eq!(again.base, Some(first));
        assert!(again.blocks.is_empty(), "{again:?}");
        assert_eq!(sessions.paths(), ["a.md", "b.md"]);
    }

    #[test]
    fn the_texts_of_the_sessions_left_behind_fit_the_budget_the_oldest_dropped_first() {
        let mut sessions = PreviewSessions::default();
        // One paragraph each: cheap to render, a third of the budget long.
        let third = "x".repeat(KEPT_TEXT_TOTAL / 3);
        let first = render(&mut sessions, "a.md", &third);
        render(&mut sessions, "b.md", &third);
        render(&mut sessions, "c.md", &third);
        render(&mut sessions, "short.md", "Short.\n");
        assert_eq!(sessions.paths(), ["short.md", "c.md", "b.md", "a.md"]);
        render(&mut sessions, "d.md", &third);
        assert_eq!(sessions.paths(), ["d.md", "short.md", "c.md", "b.md"]);
        let a_again = sessions.for_path("a.md");
        let update = a_again.lock().unwrap().update(&third, &RenderOptions::default(), Some(first));
        assert_eq!(update.base, None, "a new session sends every block");
        // A post longer than the budget is not kept once left.
        render(&mut sessions, "long.md", &"x".repeat(KEPT_TEXT_TOTAL + 1));
        render(&mut sessions, "short.md", "Short.\n");
        assert!(!sessions.paths().contains(&"long.md"), "{:?}", sessions.paths());
    }

    #[test]
    fn a_session_too_long_alone_is_dropped_and_the_others_stay() {
        let mut sessions = PreviewSessions::default();
        render(&mut sessions, "a.md", "Text a.\n");
        render(&mut sessions, "b.md", "Text b.\n");
        render(&mut sessions, "long.md", &"x".repeat(KEPT_TEXT_TOTAL + 1));
        render(&mut sessions, "c.md", "Text c.\n");
        assert_eq!(sessions.paths(), ["c.md", "b.md", "a.md"]);
    }

    #[test]
    fn texts_are_measured_in_utf16_units_as_the_window_measures_its_kept_previews() {
        let mut sessions = PreviewSessions::default();
        // Within the budget in UTF-16 units (ui/src/kept.ts keeps its preview), past it in bytes.
        let accented = "é".repeat(KEPT_TEXT_TOTAL * 2 / 3);
        render(&mut sessions, "a.md", &accented);
        render(&mut sessions, "b.md", "Text b.\n");
        assert_eq!(sessions.paths(), ["b.md", "a.md"]);
        // Past it in units: four-byte characters count two units each.
        let emoji = "😀".repeat(KEPT_TEXT_TOTAL / 2 + 1);
        render(&mut sessions, "c.md", &emoji);
        render(&mut sessions, "d.md", "Text d.\n");
        assert_eq!(sessions.paths(), ["d.md", "b.md", "a.md"]);
    }

    #[test]
    fn a_session_still_rendering_is_not_kept_once_left() {
        let mut sessions = PreviewSessions::default();
        let busy = sessions.for_path("a.md");
        let _rendering = busy.lock().unwrap();
        sessions.for_path("b.md");
        assert_eq!(sessions.paths(), ["b.md"]);
    }

    #[test]
    fn at_most_kept_sessions_are_kept_the_oldest_dropped() {
        let mut sessions = PreviewSessions::default();
        for i in 0..KEPT_SESSIONS + 3 {
            render(&mut sessions, &format!("{i}.md"), "Text.\n");
        }
        let paths = sessions.paths();
        assert_eq!(paths.len(), KEPT_SESSIONS);
        assert_eq!(paths[0], format!("{}.md", KEPT_SESSIONS + 2));
        assert_eq!(paths[KEPT_SESSIONS - 1], "3.md");
    }
}
