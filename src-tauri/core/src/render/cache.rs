//! Incremental rendering: the whole document is parsed again on every call (cheap, and it keeps
//! references and footnotes right), but the two expensive steps, highlighting code and
//! sanitising blocks with raw HTML, are looked up by the exact input they would run on. Output
//! is therefore identical to a fresh render by construction.

use super::blocks::{cut_with_definitions, LineIndex};
use super::fingerprint::hash_events;
use super::highlight::code_block_html;
use super::sanitize::{base_scheme, cleaner};
use super::transform::{block_html, code_blocks, prepare, Context, DocumentState, UrlRewrite};
use super::{Block, Heading, RenderOptions, Rendered};
use pulldown_cmark::{Event, Tag};
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::hash::{DefaultHasher, Hash, Hasher};

/// 128 bits from two differently-seeded SipHash runs: collisions are out of reach, and it is
/// several times faster than SHA-256 (which took a quarter of an incremental render).
type Key = (u64, u64);

/// A cache that keeps only what the last render used: entries move from `previous` to
/// `current` when used, and whatever is left in `previous` is dropped after each render.
struct Generations<V> {
    current: HashMap<Key, V>,
    previous: HashMap<Key, V>,
}

impl<V> Default for Generations<V> {
    fn default() -> Self {
        Generations {
            current: HashMap::new(),
            previous: HashMap::new(),
        }
    }
}

impl<V: Clone> Generations<V> {
    fn begin(&mut self) {
        self.previous = std::mem::take(&mut self.current);
    }

    fn end(&mut self) {
        self.previous = HashMap::new();
    }

    fn get(&mut self, key: Key) -> Option<V> {
        if let Some(hit) = self.current.get(&key) {
            return Some(hit.clone());
        }
        let hit = self.previous.remove(&key)?;
        self.current.insert(key, hit.clone());
        Some(hit)
    }

    fn insert(&mut self, key: Key, value: V) {
        self.current.insert(key, value);
    }

    fn get_or_insert_with(&mut self, key: Key, make: impl FnOnce() -> V) -> V {
        if let Some(hit) = self.current.get(&key) {
            return hit.clone();
        }
        let value = self.previous.remove(&key).unwrap_or_else(make);
        self.current.insert(key, value.clone());
        value
    }

    fn contains(&self, key: &Key) -> bool {
        self.current.contains_key(key) || self.previous.contains_key(key)
    }

    fn len(&self) -> usize {
        self.current.len()
    }
}

fn key_of(parts: &[&str]) -> Key {
    let hash = |seed: u64| {
        let mut hasher = DefaultHasher::new();
        seed.hash(&mut hasher);
        for part in parts {
            part.hash(&mut hasher);
        }
        hasher.finish()
    };
    (hash(0), hash(1))
}

/// A short key for a block's HTML (the preview compares keys to patch changed blocks; it only
/// needs to be stable within one run of the app).
fn block_key(html: &str) -> String {
    let mut hasher = DefaultHasher::new();
    html.hash(&mut hasher);
    format!("{:016x}", hasher.finish())
}

/// Extra behaviour for export; the preview uses the defaults.
#[derive(Default, Clone, Copy)]
pub(crate) struct Hooks<'h> {
    pub rewrite_link: Option<UrlRewrite<'h>>,
    pub rewrite_image: Option<UrlRewrite<'h>>,
    /// Leave out the `ds-block` wrappers (exported pages have no editor to map lines to).
    pub bare: bool,
    /// Leave `Rendered::html` empty: the preview patches `blocks` and never reads it.
    pub blocks_only: bool,
}

/// A renderer that remembers highlighted code and sanitised blocks between calls, for
/// re-rendering a post on every keystroke.
#[derive(Default)]
pub struct Renderer {
    highlighted: Generations<String>,
    sanitised: Generations<String>,
    blocks: Generations<CachedBlock>,
    /// What the last preview render saw and produced, for [`typing`]'s shortcut.
    last: Option<typing::LastRender>,
    /// Renders that took the shortcut (tests check it is taken).
    #[cfg(test)]
    shortcuts: usize,
}

mod typing;

/// A finished block and what it added to the document's headings and word count.
#[derive(Clone)]
struct CachedBlock {
    html: String,
    key: String,
    headings: Vec<Heading>,
    words: usize,
}

impl Renderer {
    pub fn new() -> Self {
        Self::default()
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

    /// How many entries the caches hold (bounded by what the last render used).
    pub fn cached_entries(&self) -> usize {
        self.highlighted.len() + self.sanitised.len() + self.blocks.len()
    }

    pub(crate) fn render_hooked(
        &mut self,
        text: &str,
        opts: &RenderOptions,
        hooks: Hooks<'_>,
    ) -> Rendered {
        let preview = hooks.blocks_only && hooks.rewrite_link.is_none() && hooks.rewrite_image.is_none();
        if !preview {
            self.last = None;
        } else if let Some(rendered) = self.render_paragraph_edit(text, opts) {
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

    /// Highlight, on every core, the code of these blocks' events that the cache lacks.
    fn highlight_in_parallel<'e>(&mut self, blocks: impl Iterator<Item = &'e [Event<'e>]>) {
        let mut seen = HashSet::new();
        let missing: Vec<(Key, Option<&str>, String)> = blocks
            .flat_map(code_blocks)
            .filter_map(|(language, code)| {
                let key = key_of(&[language.unwrap_or(""), &code]);
                (!self.highlighted.contains(&key) && seen.insert(key))
                    .then_some((key, language, code))
            })
            .collect();
        let done: Vec<(Key, String)> = missing
            .into_par_iter()
            .map(|(key, language, code)| (key, code_block_html(language, &code)))
            .collect();
        for (key, html) in done {
            self.highlighted.insert(key, html);
        }
    }

    fn render_document(&mut self, text: &str, opts: &RenderOptions, hooks: Hooks<'_>) -> Rendered {
        let body_start = super::body_start(text);
        let lines = LineIndex::new(text);
        let image_base = opts.image_base.as_deref();
        let image_scheme = base_scheme(image_base);
        let ctx = Context {
            image_base,
            image_scheme: image_scheme.as_deref(),
            rewrite_link: hooks.rewrite_link,
            rewrite_image: hooks.rewrite_image,
        };
        let mut state = DocumentState::default();
        let mut sanitiser = None;
        let mut blocks = Vec::new();
        let mut html = String::with_capacity(if hooks.blocks_only { 0 } else { text.len() * 2 });
        // Rewrite hooks are closures the fingerprint cannot see, so hooked renders (export)
        // do not reuse whole blocks; they still share highlighted code.
        let reuse_blocks = hooks.rewrite_link.is_none() && hooks.rewrite_image.is_none();
        // First every block takes its ids and footnote numbers and is looked up, so that the
        // code of the blocks to render can be highlighted in parallel before any is written.
        let (sources, definitions) = cut_with_definitions(&text[body_start..]);
        // What the shortcut needs next time: only previews take it, and only when the
        // definitions can be carried.
        let mut last = definitions
            .filter(|_| hooks.blocks_only && reuse_blocks)
            .map(|definitions| typing::LastRender::begin(text, image_base, definitions));
        let mut looked_up = Vec::with_capacity(sources.len());
        for source in &sources {
            let (ids, numbers) = prepare(&source.events, &mut state);
            // One SipHash pass (a second one cost a sixth of an incremental render) paired with
            // the block's source length: a wrong hit would need both to collide.
            let fingerprint = reuse_blocks.then(|| {
                let mut hasher = DefaultHasher::new();
                image_base.hash(&mut hasher);
                ids.hash(&mut hasher);
                numbers.hash(&mut hasher);
                hash_events(&source.events, &mut hasher);
                (hasher.finish(), source.range.len() as u64)
            });
            let cached = fingerprint.and_then(|fingerprint| self.blocks.get(fingerprint));
            looked_up.push((ids, fingerprint, cached));
        }
        let to_render = sources
            .iter()
            .zip(&looked_up)
            .filter(|(_, (_, _, cached))| cached.is_none())
            .map(|(source, _)| source.events.as_slice());
        self.highlight_in_parallel(to_render);
        for (source, (ids, fingerprint, cached)) in sources.into_iter().zip(looked_up) {
            state.restore_pending_ids(&ids);
            let paragraph = matches!(source.events.first(), Some(Event::Start(Tag::Paragraph)));
            let block = match cached {
                Some(block) => {
                    state.headings.extend(block.headings.iter().cloned());
                    state.words += block.words;
                    block
                }
                None => {
                    let (headings_before, words_before) = (state.headings.len(), state.words);
                    let html = self.write_block(source.events, &mut state, &ctx, &mut sanitiser);
                    let block = CachedBlock {
                        key: block_key(&html),
                        html,
                        headings: state
                            .headings
                            .get(headings_before..)
                            .unwrap_or_default()
                            .to_vec(),
                        words: state.words - words_before,
                    };
                    if let Some(fingerprint) = fingerprint {
                        self.blocks.insert(fingerprint, block.clone());
                    }
                    block
                }
            };
            let range = body_start + source.range.start..body_start + source.range.end;
            let (start_line, end_line) = lines.lines_of(&range);
            if let Some(last) = last.as_mut() {
                last.push_block(range.clone(), paragraph, block.words);
            }
            if hooks.bare {
                html.push_str(&block.html);
            } else if !hooks.blocks_only {
                html.push_str(&format!("<div class=\"ds-block\" data-line=\"{start_line}\" data-end-line=\"{end_line}\">"));
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
            headings: state.headings,
            word_count: state.words,
            blocks,
        };
        self.last = last.map(|last| last.finish(rendered.clone()));
        rendered
    }

    /// A block's HTML from its events: code highlighted through the cache, and sanitised
    /// (through the cache too) when it holds raw HTML.
    fn write_block(
        &mut self,
        events: Vec<Event<'_>>,
        state: &mut DocumentState,
        ctx: &Context<'_>,
        sanitiser: &mut Option<ammonia::Builder<'static>>,
    ) -> String {
        let highlighted = &mut self.highlighted;
        let mut highlight = |language: Option<&str>, code: &str| {
            let key = key_of(&[language.unwrap_or(""), code]);
            highlighted.get_or_insert_with(key, || code_block_html(language, code))
        };
        let out = block_html(events, state, ctx, &mut highlight);
        if !out.raw {
            return out.html;
        }
        let image_base = ctx.image_base;
        let key = key_of(&[image_base.unwrap_or(""), &out.html]);
        self.sanitised.get_or_insert_with(key, || {
            let cleaner = sanitiser.get_or_insert_with(|| cleaner(image_base));
            cleaner.clean(&out.html).to_string()
        })
    }
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
