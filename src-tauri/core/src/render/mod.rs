//! One Markdown pipeline for preview and export: pulldown-cmark with the GFM extensions,
//! highlighted code (syntect, CSS classes), sanitised HTML (ammonia with an explicit allowlist).

use serde::{Deserialize, Serialize};

/// A rendered post.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct Rendered {
    /// The whole fragment: every block's HTML, in order.
    pub html: String,
    pub headings: Vec<Heading>,
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
    pub html: String,
}

/// Render a whole post's text (front matter skipped, line numbers kept).
pub fn render(text: &str) -> Rendered {
    let _ = text;
    todo!("render")
}
