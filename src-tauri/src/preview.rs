//! The preview's side of rendering: a renderer per previewed post, and what goes back over IPC.
//! A keystroke changes one block, so an update relative to the one the window last applied is a
//! splice: how many blocks stay at the start and at the end (those at the end moved by a number
//! of lines), and the blocks in between, with HTML only for those the window cannot reuse. On a
//! 1 MB post (4,000+ blocks) that is a few hundred bytes per keystroke instead of a list of every
//! block. The same holds the other way: the session keeps the text it last rendered, so the
//! window sends a keystroke as a [`TextEdit`] of that text instead of the whole post.

use draftsmith_core::render::{Block, RenderOptions, Rendered, Renderer};
use serde::{Deserialize, Serialize};
use rayon::{ThreadPool, ThreadPoolBuilder};
use std::collections::HashSet;
use std::num::NonZeroUsize;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, OnceLock};
use std::time::Instant;

/// One render as the preview receives it.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct PreviewUpdate {
    /// Names this update; the window sends it back as `since` with its next request.
    pub id: u64,
    /// The update this one changes (the window's `since`), or `None` when `blocks` is every
    /// block with its HTML.
    #[ts(type = "number | null")]
    pub base: Option<u64>,
    /// Blocks of `base` kept as they were at the start...
    pub head: u32,
    /// ...and at the end, where each moved down by `line_shift` lines (up when negative).
    pub tail: u32,
    pub line_shift: i32,
    /// The blocks between head and tail (all of them when `base` is `None`).
    pub blocks: Vec<PreviewBlock>,
    pub word_count: usize,
    /// How long this update took to make, in microseconds: the window asks for the next one
    /// synchronously only while updates are this cheap (see `crate::preview_protocol`).
    pub render_micros: u32,
}

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct PreviewBlock {
    pub start_line: u32,
    pub end_line: u32,
    pub key: String,
    /// `None` when a block of `base` between head and tail had this key (same key, same
    /// HTML): the window reuses that one.
    #[ts(as = "Option<String>")]
    pub html: Option<Arc<str>>,
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

/// Where a block of the last update sat, and its key.
#[derive(Debug, Clone, PartialEq)]
struct Placed {
    key: String,
    start_line: u32,
    end_line: u32,
}

/// The threads preview renders run on: every core but one. The webview needs a core of its own
/// to take keystrokes while a long post renders; with both of two cores rendering, keys on a
/// 5 MB post (re-rendered whole on each key: its paragraphs hold footnotes) reached the editor
/// half again as late. `None` when the pool cannot be made (renders then use the shared one).
fn render_pool() -> Option<&'static ThreadPool> {
    static POOL: OnceLock<Option<ThreadPool>> = OnceLock::new();
    POOL.get_or_init(|| {
        let cores = std::thread::available_parallelism().map_or(1, NonZeroUsize::get);
        ThreadPoolBuilder::new()
            .num_threads(cores.saturating_sub(1).max(1))
            .thread_name(|i| format!("preview-render-{i}"))
            .build()
            .ok()
    })
    .as_ref()
}

/// Texts shorter than this (bytes) are rendered outside the render threads: their renders are
/// quick, and one must not queue behind a long post's render still holding those threads (a
/// post opened after a 50 MB one waited for it whole).
const POOLED_MIN_LEN: usize = 64 * 1024;

/// The renderer of one previewed post and the blocks of the last update it sent.
#[derive(Default)]
pub struct PreviewSession {
    renderer: Renderer,
    last: Option<(u64, Vec<Placed>)>,
    /// The text of the last update (named by `last`), which edits apply to.
    text: String,
}

/// Why an edit was not rendered.
#[derive(Debug, PartialEq)]
pub enum Refused {
    /// The session no longer holds the text the edit applies to (another update came since,
    /// or the offsets do not fit): the window must send the whole text.
    Stale,
    /// Only a quick render was asked for, and this one would not be.
    NotQuick,
}

impl PreviewSession {
    /// Render the text of update `edit.base` with the edit applied.
    pub fn update_edited(&mut self, edit: &TextEdit, opts: &RenderOptions, since: Option<u64>) -> Result<PreviewUpdate, Refused> {
        self.edit(edit, opts, since, false)
    }

    /// As [`PreviewSession::update_edited`], but only when the render is quick (see
    /// `Renderer::render_blocks_quickly`), and on the calling thread; otherwise the session
    /// is left as it was.
    pub fn update_edited_quickly(&mut self, edit: &TextEdit, opts: &RenderOptions, since: Option<u64>) -> Result<PreviewUpdate, Refused> {
        self.edit(edit, opts, since, true)
    }

    /// Render `text`. `since` is the id of the update the window last applied: when it is the
    /// one this session sent last, the answer is a splice of it.
    pub fn update(&mut self, text: &str, opts: &RenderOptions, since: Option<u64>) -> PreviewUpdate {
        let started = Instant::now();
        let rendered = self.render(text, opts);
        self.finish(text.to_owned(), rendered, since, started)
    }

    /// As [`PreviewSession::update`], but only when the render is quick, on the calling thread.
    pub fn update_quickly(&mut self, text: &str, opts: &RenderOptions, since: Option<u64>) -> Option<PreviewUpdate> {
        let started = Instant::now();
        let rendered = self.renderer.render_blocks_quickly(text, opts)?;
        Some(self.finish(text.to_owned(), rendered, since, started))
    }

    /// The length (bytes) of the text of the last update.
    pub fn text_len(&self) -> usize {
        self.text.len()
    }

    fn edit(&mut self, edit: &TextEdit, opts: &RenderOptions, since: Option<u64>, quick: bool) -> Result<PreviewUpdate, Refused> {
        let started = Instant::now();
        if self.last.as_ref().map(|(id, _)| *id) != Some(edit.base) {
            return Err(Refused::Stale);
        }
        let from = byte_offset(&self.text, edit.from).ok_or(Refused::Stale)?;
        let units = edit.to.checked_sub(edit.from).ok_or(Refused::Stale)?;
        let to = from + byte_offset(&self.text[from..], units).ok_or(Refused::Stale)?;
        let mut text = std::mem::take(&mut self.text);
        let removed = text[from..to].to_owned();
        text.replace_range(from..to, &edit.insert);
        let rendered = if quick {
            self.renderer.render_blocks_quickly(&text, opts)
        } else {
            Some(self.render(&text, opts))
        };
        let Some(rendered) = rendered else {
            text.replace_range(from..from + edit.insert.len(), &removed);
            self.text = text;
            return Err(Refused::NotQuick);
        };
        Ok(self.finish(text, rendered, since, started))
    }

    fn render(&mut self, text: &str, opts: &RenderOptions) -> Rendered {
        let renderer = &mut self.renderer;
        match render_pool() {
            Some(pool) if text.len() >= POOLED_MIN_LEN => pool.install(|| renderer.render_blocks(text, opts)),
            _ => renderer.render_blocks(text, opts),
        }
    }

    /// The update for `rendered`, the render of `text`, as a splice of `since` when it can be.
    fn finish(&mut self, text: String, rendered: Rendered, since: Option<u64>, started: Instant) -> PreviewUpdate {
        self.text = text;
        let placed: Vec<Placed> = rendered
            .blocks
            .iter()
            .map(|b| Placed { key: b.key.clone(), start_line: b.start_line, end_line: b.end_line })
            .collect();
        let base = match (&self.last, since) {
            (Some((last, old)), Some(since)) if *last == since => Some((since, old)),
            _ => None,
        };
        let (splice, blocks) = match base {
            Some((_, old)) => {
                let splice = Splice::between(old, &placed);
                let reusable: HashSet<&str> = old[splice.head..old.len() - splice.tail]
                    .iter()
                    .map(|b| b.key.as_str())
                    .collect();
                let middle = rendered.blocks.len() - splice.tail;
                let blocks = rendered.blocks.into_iter().take(middle).skip(splice.head);
                (splice, blocks.map(|b| preview_block(b, &reusable)).collect())
            }
            None => (Splice::default(), rendered.blocks.into_iter().map(|b| preview_block(b, &HashSet::new())).collect()),
        };
        let id = NEXT_ID.fetch_add(1, Ordering::Relaxed);
        let base = base.map(|(since, _)| since);
        self.last = Some((id, placed));
        PreviewUpdate {
            id,
            base,
            head: u32::try_from(splice.head).unwrap_or(u32::MAX),
            tail: u32::try_from(splice.tail).unwrap_or(u32::MAX),
            line_shift: splice.line_shift,
            blocks,
            word_count: rendered.word_count,
            render_micros: u32::try_from(started.elapsed().as_micros()).unwrap_or(u32::MAX),
        }
    }
}

fn preview_block(block: Block, reusable: &HashSet<&str>) -> PreviewBlock {
    let html = (!reusable.contains(block.key.as_str())).then_some(block.html);
    PreviewBlock { start_line: block.start_line, end_line: block.end_line, key: block.key, html }
}

/// How two block lists differ: equal blocks kept at the start, blocks at the end equal but
/// for one line shift, and whatever lies between.
#[derive(Debug, Default, PartialEq)]
struct Splice {
    head: usize,
    tail: usize,
    line_shift: i32,
}

impl Splice {
    fn between(old: &[Placed], new: &[Placed]) -> Splice {
        let head = old.iter().zip(new).take_while(|(a, b)| a == b).count();
        let room = old.len().min(new.len()) - head;
        let shift_of = |a: &Placed, b: &Placed| i64::from(b.start_line) - i64::from(a.start_line);
        let line_shift = match (old.last(), new.last()) {
            (Some(a), Some(b)) if room > 0 => i32::try_from(shift_of(a, b)).unwrap_or(0),
            _ => 0,
        };
        let moved = |a: &Placed, b: &Placed| {
            a.key == b.key
                && shift_of(a, b) == i64::from(line_shift)
                && i64::from(b.end_line) - i64::from(a.end_line) == i64::from(line_shift)
        };
        let tail = old.iter().rev().zip(new.iter().rev()).take(room).take_while(|(a, b)| moved(a, b)).count();
        Splice { head, tail, line_shift: if tail == 0 { 0 } else { line_shift } }
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
    use std::sync::{mpsc, Arc, Mutex};
    use std::time::Duration;

    const POST: &str = "# Title\n\nFirst paragraph.\n\nSecond paragraph.\n";

    #[test]
    fn a_short_post_renders_while_a_long_render_holds_the_render_threads() {
        let pool = render_pool().expect("the render threads");
        // Every render thread held, as by a long post's render.
        let gate = Arc::new(Mutex::new(()));
        let held = gate.lock().unwrap();
        let (started, all_started) = mpsc::channel();
        for _ in 0..pool.current_num_threads() {
            let (gate, started) = (gate.clone(), started.clone());
            pool.spawn(move || {
                started.send(()).unwrap();
                drop(gate.lock());
            });
        }
        for _ in 0..pool.current_num_threads() {
            all_started.recv().unwrap();
        }
        let (done, rendered) = mpsc::channel();
        std::thread::spawn(move || {
            let update = PreviewSession::default().update(POST, &RenderOptions::default(), None);
            let _ = done.send(update.blocks.len());
        });
        let blocks = rendered.recv_timeout(Duration::from_secs(20));
        drop(held);
        assert_eq!(blocks, Ok(3), "the short post's render waited for the render threads");
    }

    fn html_count(update: &PreviewUpdate) -> usize {
        update.blocks.iter().filter(|b| b.html.is_some()).count()
    }

    /// A block as the window shows it.
    type Shown = (String, u32, u32, Arc<str>);

    /// What the window does with an update: a complete one replaces what it shows; a splice
    /// keeps head and tail (the tail moved), takes the middle, and finds HTML it was not sent
    /// among the replaced blocks.
    fn apply(shown: &[Shown], update: &PreviewUpdate) -> Vec<Shown> {
        let (head, tail) = (update.head as usize, update.tail as usize);
        assert!(update.base.is_some() || head + tail == 0);
        let replaced = &shown[head..shown.len() - tail];
        let middle = update.blocks.iter().map(|b| {
            let html = b.html.clone().unwrap_or_else(|| {
                let reused = replaced.iter().find(|r| r.0 == b.key).expect("HTML left out only when reusable");
                reused.3.clone()
            });
            (b.key.clone(), b.start_line, b.end_line, html)
        });
        let shift = |line: u32| u32::try_from(i64::from(line) + i64::from(update.line_shift)).unwrap();
        let moved = shown[shown.len() - tail..].iter().map(|(k, s, e, h)| (k.clone(), shift(*s), shift(*e), h.clone()));
        shown[..head].iter().cloned().chain(middle).chain(moved).collect()
    }

    fn fresh(text: &str) -> Vec<Shown> {
        apply(&[], &PreviewSession::default().update(text, &RenderOptions::default(), None))
    }

    #[test]
    fn an_update_after_one_the_window_applied_carries_only_changed_html() {
        let mut session = PreviewSession::default();
        let opts = RenderOptions::default();
        let first = session.update(POST, &opts, None);
        assert_eq!(html_count(&first), 3, "the first update carries every block");
        let second = session.update(&POST.replace("Second", "2nd"), &opts, Some(first.id));
        assert_eq!((second.base, second.head, second.tail), (Some(first.id), 2, 0));
        assert_eq!(second.blocks.len(), 1, "only the edited block: {second:?}");
        assert!(second.blocks[0].html.as_deref().is_some_and(|h| h.contains("2nd")));
        assert_eq!(apply(&apply(&[], &first), &second), fresh(&POST.replace("Second", "2nd")));
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
        let shown = apply(&apply(&[], &first), &edited);
        assert_eq!(shown, fresh(&expected));
        assert_eq!(html_count(&edited), 1, "only the edited block's HTML travels");
        // The next edit applies to the edited text.
        let again = TextEdit { base: edited.id, from: 0, to: 1, insert: "##".into() };
        let third = session.update_edited(&again, &opts, Some(edited.id)).unwrap();
        assert_eq!(apply(&shown, &third), fresh(&format!("#{expected}")));
    }

    #[test]
    fn an_edit_of_any_other_text_is_refused() {
        let opts = RenderOptions::default();
        let mut session = PreviewSession::default();
        let first = session.update("a😀b\n", &opts, None);
        let edit = |base, from, to| TextEdit { base, from, to, insert: "x".into() };
        let stale = Err(Refused::Stale);
        assert_eq!(session.update_edited(&edit(first.id + 1000, 0, 0), &opts, None).map(|_| ()), stale, "unknown base");
        assert_eq!(session.update_edited(&edit(first.id, 2, 2), &opts, None).map(|_| ()), stale, "inside a surrogate pair");
        assert_eq!(session.update_edited(&edit(first.id, 0, 99), &opts, None).map(|_| ()), stale, "past the end");
        assert_eq!(session.update_edited(&edit(first.id, 3, 1), &opts, None).map(|_| ()), stale, "reversed");
        let second = session.update("other\n", &opts, None);
        assert_eq!(session.update_edited(&edit(first.id, 0, 0), &opts, None).map(|_| ()), stale, "no longer the last text");
        assert!(session.update_edited(&edit(second.id, 5, 5), &opts, None).is_ok());
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
        assert_eq!((second.head, second.tail, second.blocks.len()), (3, 0, 0));
        // The window did not apply `second` (say it was dropped): asking since `first` again
        // must not rely on what `second` carried.
        assert_eq!(html_count(&session.update(POST, &opts, Some(first.id))), 3);
        assert_eq!(html_count(&session.update(POST, &opts, None)), 3);
        assert_eq!(html_count(&PreviewSession::default().update(POST, &opts, Some(first.id))), 3);
    }

    #[test]
    fn splices_rebuild_every_render_through_lines_added_moved_and_removed() {
        let paragraphs = ["Alpha.", "Beta.", "Gamma.", "## Head", "```rust\nfn a() {}\n```", "Alpha."];
        let mut seed = 5u64;
        let mut random = |n: usize| {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            usize::try_from(seed >> 33).unwrap() % n
        };
        let opts = RenderOptions::default();
        let mut session = PreviewSession::default();
        let mut doc: Vec<String> = paragraphs.iter().map(|p| p.to_string()).collect();
        let first = session.update(&doc.join("\n\n"), &opts, None);
        let (mut shown, mut since) = (apply(&[], &first), first.id);
        for step in 0..300 {
            let at = random(doc.len() + 1);
            match random(5) {
                0 => doc.insert(at, paragraphs[random(paragraphs.len())].to_string()),
                1 if doc.len() > 1 => drop(doc.remove(at.min(doc.len() - 1))),
                2 => doc.insert(at, String::new()), // a blank line: lines below move
                3 if !doc.is_empty() => {
                    let i = at.min(doc.len() - 1);
                    doc[i].push_str(" more");
                }
                _ => {
                    let (i, j) = (random(doc.len()), random(doc.len()));
                    doc.swap(i, j);
                }
            }
            let text = doc.join("\n\n");
            let update = session.update(&text, &opts, Some(since));
            shown = apply(&shown, &update);
            assert_eq!(shown, fresh(&text), "step {step}: {text:?}");
            since = update.id;
        }
    }

    #[test]
    fn a_splice_names_what_moved() {
        let old = |k: &str, s, e| Placed { key: k.into(), start_line: s, end_line: e };
        let before = [old("a", 0, 0), old("b", 2, 2), old("c", 4, 5)];
        let after = [old("a", 0, 0), old("x", 2, 3), old("b", 5, 5), old("c", 7, 8)];
        assert_eq!(Splice::between(&before, &after), Splice { head: 1, tail: 2, line_shift: 3 });
        assert_eq!(Splice::between(&before, &before), Splice { head: 3, tail: 0, line_shift: 0 });
        assert_eq!(Splice::between(&before, &[]), Splice::default());
    }
}
