//! The preview sessions of the posts previewed recently. Coming back to one of them, the window
//! puts back the preview it kept (ui/src/preview.ts) and asks for a splice of it: the session
//! still holds the text and blocks of that update, so nothing is rendered or sent again but
//! what changed meanwhile.

use crate::preview::PreviewSession;
use std::collections::VecDeque;
use std::sync::{Arc, Mutex, TryLockError};

/// How many sessions are kept, the current one included: as many as the window keeps editor
/// states and previews of recent posts.
pub const KEPT_SESSIONS: usize = 12;
/// A session left behind is kept only while its text is at most this long (bytes): a long
/// post's renderer holds caches several times its size, and its first render is the one that
/// takes time anyway.
pub const KEPT_TEXT_MAX: usize = 256 * 1024;

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
        if self.recent.front().is_some_and(|(current, _)| current != path) {
            let left_is_kept = self.recent.front().is_some_and(|(_, left)| keeps(left));
            if !left_is_kept {
                self.recent.pop_front();
            }
        }
        let session = match self.recent.iter().position(|(p, _)| p == path) {
            Some(i) => self.recent.remove(i).map(|(_, s)| s).unwrap_or_default(),
            None => Shared::default(),
        };
        self.recent.push_front((path.to_string(), session.clone()));
        self.recent.truncate(KEPT_SESSIONS);
        session
    }

    #[cfg(test)]
    fn paths(&self) -> Vec<&str> {
        self.recent.iter().map(|(p, _)| p.as_str()).collect()
    }
}

/// Whether a session left behind is worth keeping. One still rendering is a long post's.
fn keeps(session: &Shared) -> bool {
    match session.try_lock() {
        Ok(s) => s.text_len() <= KEPT_TEXT_MAX,
        Err(TryLockError::Poisoned(e)) => e.into_inner().text_len() <= KEPT_TEXT_MAX,
        Err(TryLockError::WouldBlock) => false,
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
    fn a_long_post_left_behind_is_not_kept() {
        let mut sessions = PreviewSessions::default();
        let long = "A paragraph of some length.\n\n".repeat(KEPT_TEXT_MAX / 20);
        let first = render(&mut sessions, "long.md", &long);
        render(&mut sessions, "short.md", "Short.\n");
        assert_eq!(sessions.paths(), ["short.md"]);
        let long_again = sessions.for_path("long.md");
        let update = long_again.lock().unwrap().update(&long, &RenderOptions::default(), Some(first));
        assert_eq!(update.base, None, "a new session sends every block");
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
