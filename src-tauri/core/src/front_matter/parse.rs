//! Reading front matter into a typed view.

use super::{Date, Format, Value};
use crate::Result;
use serde::{Deserialize, Serialize};

/// The front matter of a post: the keys every generator knows, typed, plus every key in the
/// order written (the typed ones included) for the form's "other keys" and the raw view.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, ts_rs::TS)]
pub struct FrontMatter {
    /// `None` when the post has no front matter.
    pub format: Option<Format>,
    pub title: Option<String>,
    pub date: Option<Date>,
    pub draft: Option<bool>,
    pub tags: Vec<String>,
    pub categories: Vec<String>,
    pub description: Option<String>,
    pub slug: Option<String>,
    pub fields: Vec<(String, Value)>,
}

impl FrontMatter {
    /// A missing `draft` key means published.
    pub fn is_draft(&self) -> bool {
        self.draft.unwrap_or(false)
    }

    pub fn get(&self, key: &str) -> Option<&Value> {
        self.fields.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }
}

/// Parse the front matter of a whole post's text. A post with none gives the default view.
pub fn parse(text: &str) -> Result<FrontMatter> {
    let _ = text;
    todo!("front_matter::parse")
}
