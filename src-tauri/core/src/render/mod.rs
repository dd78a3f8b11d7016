//! One Markdown pipeline for preview and export: pulldown-cmark with the GFM extensions,
//! highlighted code (syntect, CSS classes), sanitised HTML (ammonia with an explicit allowlist).
//!
//! The document is parsed once and cut into top-level blocks ([`blocks`]); each block's events
//! are rewritten ([`transform`]) and written as HTML; blocks that contain raw HTML go through
//! ammonia ([`sanitize`]). [`Renderer`] reuses highlighted code and sanitised blocks between
//! calls ([`cache`]).

mod blocks;
mod cache;
mod fingerprint;
mod headings;
mod highlight;
mod sanitize;
mod transform;
mod urls;
mod wrappers;

pub use cache::Renderer;
pub use headings::slug;
pub use highlight::highlight_css;

pub(crate) use cache::Hooks;
pub(crate) use urls::is_document_relative;
pub(crate) use transform::UrlRewrite;

use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// A rendered post.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct Rendered {
    /// The whole fragment: every block's HTML, in order, each wrapped in
    /// `<div class="ds-block" data-line=".." data-end-line="..">`.
    pub html: String,
    pub headings: Vec<Heading>,
    /// Words of the text (not markup, not fenced code).
    pub word_count: usize,
    /// The top-level blocks with the source lines they came from (the scroll map).
    pub blocks: Vec<Block>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct Heading {
    pub level: u8,
    pub text: String,
    pub id: String,
}

/// One top-level block of the preview.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct Block {
    /// 0-based first and last source line of the whole post's text (front matter counted).
    pub start_line: u32,
    pub end_line: u32,
    /// Changes whenever the block's HTML changes: lets the preview patch only changed blocks.
    pub key: String,
    /// The block's own HTML, without the `ds-block` wrapper (whose line attributes come from
    /// `start_line`/`end_line`, so a block that only moved keeps its key). Shared with the
    /// renderer's cache: a keystroke's render copies no unchanged block's HTML.
    #[ts(as = "String")]
    pub html: Arc<str>,
}

/// Options that change what a render produces.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct RenderOptions {
    /// Relative image URLs are resolved against this base (the preview passes an
    /// `asset://localhost/...` URL of the post's folder). Its scheme is then allowed for images.
    pub image_base: Option<String>,
    /// Root-relative image URLs (`/images/x.png`) are resolved against this base (the preview
    /// passes the site's `static/` folder where it has one, else its root). Same scheme rule.
    pub site_base: Option<String>,
}

/// Render a whole post's text (front matter skipped, line numbers kept).
pub fn render(text: &str) -> Rendered {
    render_with(text, &RenderOptions::default())
}

/// [`render`] with options.
pub fn render_with(text: &str, opts: &RenderOptions) -> Rendered {
    Renderer::one_shot().render_with(text, opts)
}

/// Where the Markdown body starts: after the front matter, or at 0 when the front matter is
/// missing or cannot be split (then the whole text is shown, so nothing the user typed hides).
fn body_start(text: &str) -> usize {
    crate::front_matter::split(text).map_or(0, |split| split.body.start.min(text.len()))
}

#[cfg(test)]
mod tests;
