//! The preview's side of rendering: a renderer per previewed post, and what goes back over IPC.
//! A keystroke changes one block, so an update relative to the one the window last applied is a
//! splice: how many blocks stay at the start and at the end (those at the end moved by a number
//! of lines), and the blocks in between, with HTML only for those the window cannot reuse. On a
//! 1 MB post (4,000+ blocks) that is a few hundred bytes per keystroke instead of a list of every
//! block. The same holds the other way: the session keeps the text it last rendered, so the
//! window sends a keystroke as a [`TextEdit`] of that text instead of the whole post.

use draftsmith_core::render::{Block, RenderOptions, Rendered, Renderer};
use draftsmith_core::utf16::byte_offset;
use serde::{Deserialize, Serialize};
use rayon::{ThreadPool, ThreadPoolBuilder};
use std::collections::HashMap;
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

    /// The length of the text of the last update in UTF-16 units, as the window measures the
    /// texts of the previews it keeps (ui/src/kept.ts).
    pub fn text_units(&self) -> usize {
        self.text.encode_utf16().count()
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
                // Counted: the window reuses each replaced element once, so a key repeated
                // in the middle more often than among the replaced blocks needs its HTML.
                let mut reusable: HashMap<&str, usize> = HashMap::new();
                for b in &old[splice.head..old.len() - splice.tail] {
                    *reusable.entry(b.key.as_str()).or_default() += 1;
                }
                let middle = rendered.blocks.len() - splice.tail;
                let blocks = rendered.blocks.into_iter().take(middle).skip(splice.head);
                (splice, blocks.map(|b| preview_block(b, &mut reusable)).collect())
            }
            None => (Splice::default(), rendered.blocks.into_iter().map(|b| preview_block(b, &mut HashMap::new())).collect()),
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

fn preview_block(block: Block, reusable: &mut HashMap<&str, usize>) -> PreviewBlock {
    let left = reusable.get_mut(block.key.as_str()).filter(|left| **left > 0);
    let html = match left {
        Some(left) => {
            *left -= 1;
            None
        }
        None => Some(block.html),
    };
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

#[cfg(test)]
#[path = "preview_tests.rs"]
mod tests;
