//! Incremental rendering: the whole document is parsed again on every call (cheap, and it keeps
//! references and footnotes right), but the two expensive steps, highlighting code and
//! sanitising blocks with raw HTML, are looked up by the exact input they would run on. Output
//! is therefore identical to a fresh render by construction.

use super::blocks::{cut, LineIndex};
use super::highlight::code_block_html;
use super::sanitize::{base_scheme, cleaner};
use super::transform::{block_html, Context, DocumentState, UrlRewrite};
use super::{Block, RenderOptions, Rendered};
use sha2::{Digest, Sha256};
use std::collections::HashMap;

type Key = [u8; 32];

/// A cache that keeps only what the last render used: entries move from `previous` to
/// `current` when used, and whatever is left in `previous` is dropped after each render.
#[derive(Default)]
struct Generations {
    current: HashMap<Key, String>,
    previous: HashMap<Key, String>,
}

impl Generations {
    fn begin(&mut self) {
        self.previous = std::mem::take(&mut self.current);
    }

    fn end(&mut self) {
        self.previous = HashMap::new();
    }

    fn get_or_insert_with(&mut self, key: Key, make: impl FnOnce() -> String) -> String {
        if let Some(hit) = self.current.get(&key) {
            return hit.clone();
        }
        let value = self.previous.remove(&key).unwrap_or_else(make);
        self.current.insert(key, value.clone());
        value
    }

    fn len(&self) -> usize {
        self.current.len()
    }
}

fn key_of(parts: &[&str]) -> Key {
    let mut hasher = Sha256::new();
    for part in parts {
        hasher.update((part.len() as u64).to_le_bytes());
        hasher.update(part.as_bytes());
    }
    hasher.finalize().into()
}

/// A short stable key for a block's HTML (the preview compares keys to patch changed blocks).
fn block_key(html: &str) -> String {
    let digest = Sha256::digest(html.as_bytes());
    digest.iter().take(8).map(|b| format!("{b:02x}")).collect()
}

/// Extra behaviour for export; the preview uses the defaults.
#[derive(Default, Clone, Copy)]
pub(crate) struct Hooks<'h> {
    pub rewrite_link: Option<UrlRewrite<'h>>,
    pub rewrite_image: Option<UrlRewrite<'h>>,
    /// Leave out the `ds-block` wrappers (exported pages have no editor to map lines to).
    pub bare: bool,
}

/// A renderer that remembers highlighted code and sanitised blocks between calls, for
/// re-rendering a post on every keystroke.
#[derive(Default)]
pub struct Renderer {
    highlighted: Generations,
    sanitised: Generations,
}

impl Renderer {
    pub fn new() -> Self {
        Self::default()
    }

    /// Same output as [`super::render_with`], reusing work from the previous call.
    pub fn render_with(&mut self, text: &str, opts: &RenderOptions) -> Rendered {
        self.render_hooked(text, opts, Hooks::default())
    }

    /// How many entries the caches hold (bounded by what the last render used).
    pub fn cached_entries(&self) -> usize {
        self.highlighted.len() + self.sanitised.len()
    }

    pub(crate) fn render_hooked(
        &mut self,
        text: &str,
        opts: &RenderOptions,
        hooks: Hooks<'_>,
    ) -> Rendered {
        self.highlighted.begin();
        self.sanitised.begin();
        let rendered = self.render_document(text, opts, hooks);
        self.highlighted.end();
        self.sanitised.end();
        rendered
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
        let mut html = String::with_capacity(text.len() * 2);
        let highlighted = &mut self.highlighted;
        let mut highlight = |language: Option<&str>, code: &str| {
            let key = key_of(&[language.unwrap_or(""), code]);
            highlighted.get_or_insert_with(key, || code_block_html(language, code))
        };
        for source in cut(&text[body_start..]) {
            let out = block_html(source.events, &mut state, &ctx, &mut highlight);
            let inner = if out.raw {
                let key = key_of(&[image_base.unwrap_or(""), &out.html]);
                self.sanitised.get_or_insert_with(key, || {
                    let cleaner = sanitiser.get_or_insert_with(|| cleaner(image_base));
                    cleaner.clean(&out.html).to_string()
                })
            } else {
                out.html
            };
            let range = body_start + source.range.start..body_start + source.range.end;
            let (start_line, end_line) = lines.lines_of(&range);
            if hooks.bare {
                html.push_str(&inner);
            } else {
                html.push_str(&format!("<div class=\"ds-block\" data-line=\"{start_line}\" data-end-line=\"{end_line}\">"));
                html.push_str(&inner);
                html.push_str("</div>\n");
            }
            blocks.push(Block {
                start_line,
                end_line,
                key: block_key(&inner),
                html: inner,
            });
        }
        Rendered {
            html,
            headings: state.headings,
            word_count: state.words,
            blocks,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn caches_keep_only_what_the_last_render_used() {
        let mut renderer = Renderer::new();
        let opts = RenderOptions::default();
        renderer.render_with(
            "```rust\nfn a() {}\n```\n\n```rust\nfn b() {}\n```\n\n<b>x</b>\n",
            &opts,
        );
        assert_eq!(renderer.cached_entries(), 3);
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
}
