//! Writing blocks. Each block carries the heading ids and footnote numbers it was given in
//! document order, so blocks are written in batches on every core while the parser is still
//! cutting later ones. Batches only read the caches; what they used or made is recorded in
//! the caches afterwards, in order.

use super::generations::{block_key, key_of, Generations, Key};
use super::{fingerprint, CachedBlock, Fingerprint, Renderer};
use crate::render::highlight::{code_block_html, LineMemo};
use crate::render::sanitize::{cleaner, Rewrites};
use crate::render::transform::{block_html, BlockState, Context};
use pulldown_cmark::Event;
use std::cell::RefCell;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::OnceLock;

/// Numbers renders, so a thread's memo of parsed code lines serves one render only.
static RENDERS: AtomicU64 = AtomicU64::new(1);

thread_local! {
    /// The memo of parsed code lines of the render this thread last wrote blocks for: that
    /// render's batches on this thread share it (a memo cannot cross threads). A newer render
    /// starts afresh, so nothing carries from one render to the next.
    static MEMO: RefCell<(u64, LineMemo)> = RefCell::new((0, LineMemo::default()));
}

/// A block cut and prepared, waiting to be looked up or written.
pub(super) struct Prepared<'e> {
    pub events: Vec<Event<'e>>,
    pub ids: Vec<String>,
    pub numbers: Vec<usize>,
    pub source_len: usize,
}

/// What became of a prepared block.
pub(super) enum Done {
    /// The whole block was in the cache under this fingerprint.
    Reused(Fingerprint, CachedBlock),
    /// Written now, to be kept under the fingerprint when it has one.
    Written(Option<Fingerprint>, Written),
}

/// One block written, with the cache entries it used (`None`) or made (`Some`).
pub(super) struct Written {
    block: CachedBlock,
    highlighted: Vec<(Key, Option<String>)>,
    sanitised: Option<(Key, Option<String>)>,
}

/// What every block of one render is written with.
pub(super) struct BlockWriter<'r> {
    blocks: &'r Generations<CachedBlock>,
    highlighted: &'r Generations<String>,
    sanitised: &'r Generations<String>,
    ctx: &'r Context<'r>,
    /// Whole blocks are looked up (not when hooks the fingerprint cannot see rewrite URLs).
    reuse_blocks: bool,
    /// Nothing is looked up or recorded: the renderer is one-shot.
    one_shot: bool,
    /// Built by the first block with raw HTML, shared by the others.
    cleaner: OnceLock<ammonia::Builder<'static>>,
    /// This render's number (see [`MEMO`]).
    render: u64,
}

impl<'r> BlockWriter<'r> {
    pub fn new(renderer: &'r Renderer, ctx: &'r Context<'r>, reuse_blocks: bool) -> Self {
        BlockWriter {
            blocks: &renderer.blocks,
            highlighted: &renderer.highlighted,
            sanitised: &renderer.sanitised,
            ctx,
            reuse_blocks,
            one_shot: renderer.one_shot,
            cleaner: OnceLock::new(),
            render: RENDERS.fetch_add(1, Ordering::Relaxed),
        }
    }

    /// Look up or write each block of a batch, with this thread's memo of parsed code lines.
    pub fn batch(&self, batch: Vec<Prepared<'_>>) -> Vec<Done> {
        // Taken out while the batch runs: a batch this thread picks up meanwhile starts its own.
        let mut memo = MEMO.with(|memo| {
            let mut memo = memo.borrow_mut();
            if memo.0 == self.render {
                std::mem::take(&mut memo.1)
            } else {
                LineMemo::default()
            }
        });
        let done = batch
            .into_iter()
            .map(|block| {
                let fingerprint = (self.reuse_blocks && !self.one_shot).then(|| {
                    let Prepared { events, ids, numbers, source_len } = &block;
                    fingerprint(self.ctx.bases(), ids, numbers, events, *source_len)
                });
                match fingerprint.and_then(|key| Some((key, self.blocks.peek(&key)?.clone()))) {
                    Some((key, cached)) => Done::Reused(key, cached),
                    None => Done::Written(fingerprint, self.write(block, &mut memo)),
                }
            })
            .collect();
        MEMO.with(|kept| *kept.borrow_mut() = (self.render, memo));
        done
    }

    /// A block's HTML from its events: code highlighted, and sanitised when it holds raw
    /// HTML, each taken from the caches when they have it.
    pub fn write(&self, block: Prepared<'_>, memo: &mut LineMemo) -> Written {
        let mut state = BlockState::new(block.ids, block.numbers);
        let mut highlighted = Vec::new();
        let mut highlight = |language: Option<&str>, code: &str| {
            if self.one_shot {
                return code_block_html(language, code, memo);
            }
            let key = key_of(&[language.unwrap_or(""), code]);
            match self.highlighted.peek(&key) {
                Some(hit) => {
                    highlighted.push((key, None));
                    hit.clone()
                }
                None => {
                    let html = code_block_html(language, code, memo);
                    highlighted.push((key, Some(html.clone())));
                    html
                }
            }
        };
        let out = block_html(block.events, &mut state, self.ctx, &mut highlight);
        let sanitise = |html: &str| {
            let cleaner = self.cleaner.get_or_init(|| {
                let rewrites = Rewrites {
                    link: self.ctx.rewrite_link.clone(),
                    image: self.ctx.rewrite_image.clone(),
                };
                cleaner(self.ctx.image_base, self.ctx.site_base, rewrites)
            });
            cleaner.clean(html).to_string()
        };
        let (html, sanitised) = if !out.raw {
            (out.html, None)
        } else if self.one_shot || !self.reuse_blocks {
            // A hooked render's (export's) rewrites are not part of the cache key.
            (sanitise(&out.html), None)
        } else {
            let [image_base, site_base] = self.ctx.bases();
            let key = key_of(&[image_base.unwrap_or(""), site_base.unwrap_or(""), &out.html]);
            match self.sanitised.peek(&key) {
                Some(hit) => (hit.clone(), Some((key, None))),
                None => {
                    let html = sanitise(&out.html);
                    (html.clone(), Some((key, Some(html))))
                }
            }
        };
        Written {
            block: CachedBlock {
                key: block_key(&html),
                html: html.into(),
                headings: state.headings,
                words: state.words,
            },
            highlighted,
            sanitised,
        }
    }
}

impl Renderer {
    /// Record in the caches what became of a block; returns the block.
    pub(super) fn keep(&mut self, done: Done) -> CachedBlock {
        match done {
            Done::Reused(key, block) => {
                self.blocks.keep(key);
                block
            }
            Done::Written(key, written) => {
                let block = self.keep_written(written);
                if let Some(key) = key {
                    self.blocks.insert(key, block.clone());
                }
                block
            }
        }
    }

    /// Record in the caches what writing a block used and made; returns the block.
    pub(super) fn keep_written(&mut self, written: Written) -> CachedBlock {
        for (key, made) in written.highlighted {
            match made {
                Some(html) => self.highlighted.insert(key, html),
                None => self.highlighted.keep(key),
            }
        }
        match written.sanitised {
            Some((key, Some(html))) => self.sanitised.insert(key, html),
            Some((key, None)) => self.sanitised.keep(key),
            None => {}
        }
        written.block
    }
}
