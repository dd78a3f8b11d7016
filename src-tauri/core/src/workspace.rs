//! The workspace: a folder of posts, scanned into summaries (front matter only plus a word
//! count), updated one path at a time from watcher events. A post that fails to parse is listed
//! with its problem; it never hides the others.

use crate::front_matter::Format;
use crate::Result;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// One line of the posts list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct PostSummary {
    /// Relative to the workspace root, `/`-separated.
    pub path: String,
    /// The front matter's title, or the file name when there is none.
    pub title: String,
    /// The date as written in the front matter.
    pub date: Option<String>,
    pub draft: bool,
    pub tags: Vec<String>,
    pub categories: Vec<String>,
    pub word_count: usize,
    /// Why the post could not be read or parsed; `None` when it is fine.
    pub problem: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Workspace {
    root: PathBuf,
    posts: BTreeMap<String, PostSummary>,
}

/// A file the workspace lists: `.md` or `.markdown`.
pub fn is_post_file(path: &Path) -> bool {
    let _ = path;
    todo!("is_post_file")
}

impl Workspace {
    /// Scan `root` recursively, skipping hidden folders and `node_modules`.
    pub fn scan(root: &Path) -> Result<Workspace> {
        let _ = root;
        todo!("Workspace::scan")
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Every post, newest first (undated last, then by path).
    pub fn posts(&self) -> Vec<PostSummary> {
        let _ = &self.posts;
        todo!("Workspace::posts")
    }

    pub fn get(&self, rel: &str) -> Option<&PostSummary> {
        self.posts.get(rel)
    }

    /// Re-read one path (relative): updated when it is a post, dropped when it is gone.
    /// Returns the new summary, or `None` when the post was removed.
    pub fn refresh(&mut self, rel: &str) -> Option<PostSummary> {
        let _ = rel;
        todo!("Workspace::refresh")
    }

    /// The front-matter format most posts use (YAML when there are none), for new blocks.
    pub fn usual_format(&self) -> Format {
        todo!("Workspace::usual_format")
    }
}
