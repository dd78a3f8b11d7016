//! Export: one post to a standalone HTML page, a folder to a site.
//!
//! Both use the preview's render pipeline (`crate::render`) with hooks that point images at
//! copied or embedded files and `.md` links at exported pages, and without the preview's
//! `ds-block` line wrappers.

mod listings;
mod page;
mod paths;
mod post;
mod site;
mod stale;
mod targets;
mod walk;
mod write;

pub use post::export_post;
pub use site::export_site;
pub use stale::holds_other_files;

use serde::{Deserialize, Serialize};
use std::path::PathBuf;

/// How a single post is exported.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct PageOptions {
    /// Put a table of contents (from the headings) above the body.
    pub toc: bool,
    /// Embed local images as `data:image/...` URLs instead of copying them next to the page.
    pub embed_images: bool,
}

/// How a folder is exported as a site.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct SiteOptions {
    /// Export drafts too (by default only published posts are).
    pub drafts: bool,
    /// A table of contents on every post page.
    pub toc: bool,
}

/// What a site export did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct SiteReport {
    /// Post pages written (the index and tag pages not counted).
    pub pages: usize,
    pub out: PathBuf,
    /// Posts that were skipped, each with the reason (file name first).
    pub problems: Vec<String>,
}
