//! Incremental rendering: the whole document is parsed again on every call (cheap, and it keeps
//! references and footnotes right), but the two expensive steps, highlighting code and
//! sanitising blocks with raw HTML, are looked up by the exact input they would run on. Output
//! is therefore identical to a fresh render by construction.

use super::blocks::{Cut, LineIndex};
use super::fingerprint::hash_events;
use super::headings::explicit_ids;
use super::urls::base_scheme;
use super::transform::{prepare, Context, DocumentState, UrlRewrite};
use super::{Block, Heading, RenderOptions, Rendered};
use foldhash::fast::FixedState;
use generations::Generations;
use pulldown_cmark::Event;
use std::collections::HashSet;
use std::fmt::Write as _;
use std::hash::{BuildHasher, Hash, Hasher};
use std::ops::Range;
use std::sync::{Arc, Mutex, PoisonError};
use write::{BlockWriter, Done, Prepared};

/// Texts up to this long render in a few milliseconds even when nothing can be reused.
pub const QUICK_LEN: usize = 64 * 1024;

/// Extra behaviour for export; the preview uses the defaults.
#[derive(Default, Clone)]
pub(crate) struct Hooks {
    pub rewrite_link: Option<UrlRewrite>,
    pub rewrite_image: Option<UrlRewrite>,
    /// Leave out the `ds-block` wrappers (exported pages have no editor to map lines to).
    pub bare: bool,
    /// Leave `Rendered::html` empty: the preview patches `blocks` and never reads it.
    pub blocks_only: bool,
}

/// A renderer that remembers highlighted code and sanitised blocks between calls, for
/// re-rendering a post on every keystroke.
#[derive(Default)]
pub struct Renderer {
    /// Nothing is looked up or kept for a next call (see [`Renderer::one_shot`]).
    one_shot: bool,
    highlighted: Generations<String>,
    sanitised: Generations<String>,
    blocks: Generations<CachedBlock>,
    /// What the last preview render saw and produced, for [`typing`]'s shortcut.
    last: Option<typing::LastRender>,
    /// Renders that took the shortcut (tests check it is taken).
    #[cfg(test)]
    shortcuts: usize,
}

mod generations;
mod typing;
mod write;

/// A finished block and what it added to the document's headings and word count.
#[derive(Clone)]
struct CachedBlock {
    html: Arc<str>,
    key: String,
    headings: Vec<Heading>,
    words: usize,
}

impl Renderer {
    pub fn new() -> Self {
        Self::default()
    }

    /// A renderer for one render (export, the CLI, [`super::render`]): the same output, without
    /// the fingerprints, cache keys and cache entries only a next call would use (about a
    /// tenth of a cold render's work). Rendering with it again is correct, only never faster.
    pub fn one_shot() -> Self {
        Renderer { one_shot: true, ..Self::default() }
    }

    /// Same output as [`super::render_with`], reusing work from the previous call.
    pub fn render_with(&mut self, text: &str, opts: &RenderOptions) -> Rendered {
        self.render_hooked(text, opts, Hooks::default())
    }

    /// [`Renderer::render_with`] for the preview: the same blocks, headings and word count, but
    /// `html` is left empty instead of joining every block (a megabyte on a long post) on
    /// each keystroke.
    pub fn render_blocks(&mut self, text: &str, opts: &RenderOptions) -> Rendered {
        self.render_hooked(text, opts, Hooks { blocks_only: true, ..Hooks::default() })
    }

    /// [`Renderer::render_blocks`] only when that is quick: for an edit the keystroke shortcut
    /// takes (see [`typing`]), or a text of at most [`QUICK_LEN`] bytes. `None` otherwise, with
    /// nothing changed.
    pub fn render_blocks_quickly(&mut self, text: &str, opts: &RenderOptions) -> Option<Rendered> {
        if text.len() <= QUICK_LEN {
            return Some(self.render_blocks(text, opts));
        }
        self.render_block_edit(text, opts)
    }

    /// How many entries the caches hold (bounded by what the last render used).
    pub fn cached_entries(&self) -> usize {
        self.highlighted.len() + self.sanitised.len() + self.blocks.len()
    }

    pub(crate) fn render_hooked(
        &mut self,
        text: &str,
        opts: &RenderOptions,
        hooks: Hooks,
    ) -> Rendered {
        let preview = hooks.blocks_only && hooks.rewrite_link.is_none() && hooks.rewrite_image.is_none();
        if !preview {
            self.last = None;
        } else if let Some(rendered) = self.render_block_edit(text, opts) {
            return rendered;
        }
        self.highlighted.begin();
        self.sanitised.begin();
        self.blocks.begin();
        let rendered = self.render_document(text, opts, hooks);
        self.highlighted.end();
        self.sanitised.end();
        self.blocks.end();
        rendered
    }

    fn render_document(&mut self, text: &str, opts: &RenderOptions, hooks: Hooks) -> Rendered {
        let body_start = super::body_start(text);
        let lines = LineIndex::new(text);
        let image_base = opts.image_base.as_deref();
        let image_scheme = base_scheme(image_base);
        // Rewrite hooks are closures the fingerprint cannot see, so hooked renders (export)
        // do not reuse whole blocks; they still share highlighted code.
        let reuse_blocks = hooks.rewrite_link.is_none() && hooks.rewrite_image.is_none();
        let ctx = Context {
            image_base,
            site_base: opts.site_base.as_deref(),
            image_scheme: image_scheme.as_deref(),
            rewrite_link: hooks.rewrite_link,
            rewrite_image: hooks.rewrite_image,
        };
        let body = &text[body_start..];
        let mut cut = Cut::new(body);
        let explicit = explicit_ids(body);
        // What the shortcut needs next time: only previews take it, and only when the
        // definitions can be carried.
        let preview = hooks.blocks_only && reuse_blocks && !self.one_shot;
        let CutBlocks { ranges, edges, editable, done, defined_notes } = self.cut_and_write(&mut cut, explicit, &ctx, reuse_blocks, preview);
        let carried = if preview { cut.definitions() } else { None };
        let definition_starts = if carried.is_some() { cut.definition_starts() } else { Vec::new() };
        let mut last = carried.map(|links| typing::LastRender::begin(text, body_start, opts, links, defined_notes));
        let mut blocks = Vec::with_capacity(ranges.len());
        let mut headings: Vec<Heading> = Vec::new();
        let mut words = 0;
        let mut html = String::with_capacity(if hooks.blocks_only { 0 } else { text.len() * 2 });
        for (((range, (first_end, last_start)), editable), done) in ranges.into_iter().zip(edges).zip(editable).zip(done) {
            let block = self.keep(done);
            headings.extend(block.headings.iter().cloned());
            words += block.words;
            // A block holding a link definition (a block quote can) is left to the full
            // render: an edit could change or drop a definition other blocks use.
            let first_definition = definition_starts.partition_point(|&start| start < range.start);
            let defines_links = definition_starts.get(first_definition).is_some_and(|&start| start < range.end);
            let range = body_start + range.start..body_start + range.end;
            let (start_line, end_line) = lines.lines_of(&range);
            if let Some(last) = last.as_mut() {
                let edges = (body_start + first_end, body_start + last_start);
                last.push_block(range.clone(), edges, editable.filter(|_| !defines_links), block.words);
            }
            if hooks.bare {
                html.push_str(&block.html);
            } else if !hooks.blocks_only {
                let _ = write!(html, "<div class=\"ds-block\" data-line=\"{start_line}\" data-end-line=\"{end_line}\">");
                html.push_str(&block.html);
                html.push_str("</div>\n");
            }
            blocks.push(Block {
                start_line,
                end_line,
                key: block.key,
                html: block.html,
            });
        }
        let rendered = Rendered {
            html,
            headings,
            word_count: words,
            blocks,
        };
        self.last = last.map(|last| last.finish(rendered.clone()));
        rendered
    }

    /// Cut `cut` into blocks, give each its heading ids (no slug taking one of `explicit_ids`)
    /// and footnote numbers in document order, and look up or write them in batches on every
    /// core, the first batches while the parser is still cutting.
    fn cut_and_write<'t>(
        &self,
        cut: &mut Cut<'t>,
        explicit_ids: HashSet<String>,
        ctx: &Context<'_>,
        reuse_blocks: bool,
        preview: bool,
    ) -> CutBlocks {
        // A few batches per thread: enough to even out the threads' work (a thread's batches
        // share its memo of parsed code lines, see `write::MEMO`). Hooked renders (export) are
        // one batch: their rewrite hooks must see the links and images in document order
        // (export copies images in the order it was asked for them).
        let batch_bytes = if reuse_blocks {
            cut.body_len().div_ceil(4 * rayon::current_num_threads()).max(1)
        } else {
            usize::MAX
        };
        let writer = BlockWriter::new(self, ctx, reuse_blocks);
        let finished = Mutex::new(Vec::new());
        let mut ranges = Vec::new();
        let mut edges = Vec::new();
        let mut editable = Vec::new();
        let mut document = DocumentState::reserving(explicit_ids);
        rayon::scope(|scope| {
            let mut batch = Vec::new();
            let mut batches = 0;
            let mut batch_start = 0;
            let send = |batch: Vec<Prepared<'t>>, index: usize| {
                let (writer, finished) = (&writer, &finished);
                scope.spawn(move |_| {
                    let done = writer.batch(batch);
                    // A batch that panicked re-panics out of the scope; no lock is left
                    // poisoned for the others.
                    let mut finished = finished.lock().unwrap_or_else(PoisonError::into_inner);
                    finished.push((index, done));
                });
            };
            for source in cut.by_ref() {
                let (ids, numbers) = prepare(&source.events, &mut document);
                editable.push(if preview { typing::editable(&source.events, &numbers) } else { None });
                let end = source.range.end;
                batch.push(Prepared {
                    events: source.events,
                    ids,
                    numbers,
                    source_len: source.range.len(),
                });
                ranges.push(source.range);
                edges.push((source.first_end, source.last_start));
                if end - batch_start >= batch_bytes {
                    send(std::mem::take(&mut batch), batches);
                    batches += 1;
                    batch_start = end;
                }
            }
            if !batch.is_empty() {
                send(batch, batches);
            }
        });
        let mut finished = finished.into_inner().unwrap_or_else(PoisonError::into_inner);
        finished.sort_unstable_by_key(|(index, _)| *index);
        let done = finished.into_iter().flat_map(|(_, done)| done).collect();
        CutBlocks { ranges, edges, editable, done, defined_notes: document.defined_notes() }
    }
}

/// The blocks of one render, in document order.
struct CutBlocks {
    /// Each block's range in the body.
    ranges: Vec<Range<usize>>,
    /// Where each block's first parser block ends and its last starts (see `SourceBlock`).
    edges: Vec<(usize, usize)>,
    /// What the keystroke shortcut needs of each block it can take.
    editable: Vec<Option<typing::Editable>>,
    /// What became of each block.
    done: Vec<Done>,
    /// Every footnote definition's label.
    defined_notes: Vec<String>,
}

/// A block's fingerprint: one foldhash pass over its events (faster than SipHash on their
/// many short strings; it only has to tell apart the blocks one renderer sees), paired with
/// the block's source length, so a wrong hit would need both to collide.
pub(super) type Fingerprint = (u64, u64);

const FINGERPRINT_SEED: u64 = 0x6473_2d62_6c6f_636b;

fn fingerprint(
    bases: [Option<&str>; 2],
    ids: &[String],
    numbers: &[usize],
    events: &[Event<'_>],
    source_len: usize,
) -> Fingerprint {
    let mut hasher = FixedState::with_seed(FINGERPRINT_SEED).build_hasher();
    bases.hash(&mut hasher);
    ids.hash(&mut hasher);
    numbers.hash(&mut hasher);
    hash_events(events, &mut hasher);
    (hasher.finish(), source_len as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renderer_can_live_in_shared_state() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<Renderer>();
    }

    #[test]
    fn caches_keep_only_what_the_last_render_used() {
        let mut renderer = Renderer::new();
        let opts = RenderOptions::default();
        renderer.render_with(
            "```rust\nfn a() {}\n```\n\n```rust\nfn b() {}\n```\n\n<b>x</b>\n",
            &opts,
        );
        // Two highlighted code blocks, one sanitised block, three whole blocks.
        assert_eq!(renderer.cached_entries(), 6);
        renderer.render_with("```rust\nfn a() {}\n```\n", &opts);
        assert_eq!(renderer.cached_entries(), 1);
    }

    #[test]
    fn a_one_shot_render_is_a_caching_render_that_keeps_nothing() {
        let opts = RenderOptions { image_base: Some("asset://localhost/posts".into()), ..RenderOptions::default() };
        let text = "# A\n\n```rust\nfn a() {}\n```\n\n```rust\nfn a() {}\n```\n\n<i>raw</i> text[^n] ![i](x.png)\n\n# A\n\n[^n]: note\n";
        let cached = Renderer::new().render_with(text, &opts);
        let mut one_shot = Renderer::one_shot();
        assert_eq!(one_shot.render_with(text, &opts), cached);
        assert_eq!(one_shot.cached_entries(), 0);
        // Used again (by mistake), it is still right.
        assert_eq!(one_shot.render_blocks(text, &opts), Renderer::new().render_blocks(text, &opts));
    }

    #[test]
    fn cached_render_equals_fresh_render_after_an_edit() {
        let mut renderer = Renderer::new();
        let opts = RenderOptions::default();
        let before = "# A\n\n```rust\nfn a() {}\n```\n\n<i>raw</i> text[^n]\n\n[^n]: note\n";
        let after = before.replace("raw", "rav");
        renderer.render_with(before, &opts);
        assert_eq!(
            renderer.render_with(&after, &opts),
            super::super::render_with(&after, &opts)
        );
    }

    #[test]
    fn render_blocks_is_render_with_without_the_joined_html() {
        let mut renderer = Renderer::new();
        let opts = RenderOptions::default();
        let text = "# A\n\n```rust\nfn a() {}\n```\n\n<i>raw</i> text[^n]\n\n[^n]: note\n";
        let blocks = renderer.render_blocks(text, &opts);
        let full = super::super::render_with(text, &opts);
        assert!(blocks.html.is_empty());
        assert_eq!(Rendered { html: full.html.clone(), ..blocks }, full);
    }

    #[test]
    fn rewrite_hooks_see_urls_in_document_order() {
        let text: String = (0..60).map(|i| format!("![a](img{i}.png) and [b](page{i}.md)\n\n")).collect();
        let seen = Arc::new(std::sync::Mutex::new(Vec::new()));
        let record: UrlRewrite = Arc::new({
            let seen = seen.clone();
            move |url: &str| {
                seen.lock().unwrap().push(url.to_string());
                None
            }
        });
        let hooks = Hooks { rewrite_link: Some(record.clone()), rewrite_image: Some(record), ..Hooks::default() };
        // One thread runs queued batches last first: the order shows at once.
        let pool = rayon::ThreadPoolBuilder::new().num_threads(1).build().unwrap();
        pool.install(|| Renderer::new().render_hooked(&text, &RenderOptions::default(), hooks));
        let expected: Vec<String> = (0..60).flat_map(|i| [format!("img{i}.png"), format!("page{i}.md")]).collect();
        assert_eq!(*seen.lock().unwrap(), expected);
    }

    #[test]
    fn cached_blocks_follow_definitions_and_ids_elsewhere() {
        let mut renderer = Renderer::new();
        let opts = RenderOptions::default();
        let fresh = |text: &str| super::super::render_with(text, &opts);
        let steps = [
            "## Intro\n\nSee [site][s] and[^a].\n\n## Intro\n\n[s]: https://one.example\n\n[^a]: A.\n",
            "## Intro\n\nSee [site][s] and[^a].\n\n## Intro\n\n[s]: https://two.example\n\n[^a]: A.\n",
            "## Other\n\nSee [site][s] and[^b][^a].\n\n## Intro\n\n[s]: https://two.example\n\n[^a]: A.\n",
        ];
        for text in steps {
            assert_eq!(renderer.render_with(text, &opts), fresh(text), "{text}");
        }
    }
}
