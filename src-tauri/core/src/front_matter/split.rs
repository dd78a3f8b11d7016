//! Finding the front-matter block: where it starts and ends, its format, the BOM and the line
//! endings, without parsing it.

use super::Format;
use crate::Result;
use std::ops::Range;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineEnding {
    Lf,
    CrLf,
}

/// A post's text cut into its parts. All ranges are byte offsets into the original text
/// (which includes the BOM when there is one).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split<'a> {
    pub text: &'a str,
    /// The text starts with U+FEFF.
    pub bom: bool,
    /// `None` when the post has no front matter.
    pub format: Option<Format>,
    /// The whole block including its delimiter lines (empty range at 0 or 3 when none).
    pub block: Range<usize>,
    /// The front matter itself, between the delimiter lines (for JSON, the whole object).
    pub front: Range<usize>,
    /// The Markdown body after the block.
    pub body: Range<usize>,
    /// The line ending the block uses (the file's first line ending when there is no block).
    pub line_ending: LineEnding,
}

/// Split `text`. An opening delimiter with no closing one is an error naming the problem.
pub fn split(text: &str) -> Result<Split<'_>> {
    let _ = text;
    todo!("front_matter::split")
}
