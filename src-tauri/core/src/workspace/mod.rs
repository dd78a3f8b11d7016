//! The workspace: a folder of posts, scanned into summaries (front matter only plus a word
//! count), updated one path at a time from watcher events. A post that fails to parse is listed
//! with its problem; it never hides the others.

mod scan;
mod summary;

use crate::front_matter::{Date, Format};
use crate::{paths, Error, Result};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Where a Hugo site keeps its posts; new posts go there when it exists.
const USUAL_POSTS_FOLDER: &str = "content/posts";

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
    /// Why the post could not be read or parsed (without the file name: that is `path`);
    /// `None` when it is fine.
    pub problem: Option<String>,
}

/// A folder inside the workspace that the scan could not read: its posts are not listed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UnreadableFolder {
    /// Relative to the workspace root, `/`-separated.
    pub path: String,
    /// Why it could not be read (permission denied, say).
    pub problem: String,
}

#[derive(Debug, Clone)]
pub struct Workspace {
    root: PathBuf,
    /// Each post's summary and front-matter format (for `usual_format`), by path.
    posts: BTreeMap<String, summary::Scanned>,
    /// The folders the scan could not read, by path.
    unreadable: Vec<UnreadableFolder>,
}

/// A file the workspace lists: `.md` or `.markdown`.
pub fn is_post_file(path: &Path) -> bool {
    path.extension()
        .and_then(|ext| ext.to_str())
        .is_some_and(|ext| ext.eq_ignore_ascii_case("md") || ext.eq_ignore_ascii_case("markdown"))
}

/// Whether the post list shows the file at `rel` (relative, `/`-separated): a post file not
/// inside a hidden or tooling folder and not one of our temp files. Decided on the name alone.
pub(crate) fn is_listed(rel: &str) -> bool {
    let rel = paths::shown(rel);
    is_post_file(Path::new(rel)) && !is_ignored_path(rel)
}

/// Whether `rel` (relative, `/`-separated) is in or is a hidden or tooling folder or file, or
/// in one of the root's folders that hold no posts (templates, themes, bundled gems).
pub(crate) fn is_ignored_path(rel: &str) -> bool {
    rel.split('/').any(scan::is_ignored_segment)
        || rel.split_once('/').is_some_and(|(top, _)| is_root_folder_without_posts(top))
}

/// Whether a folder of this name at the root holds no posts (templates, themes, bundled gems).
pub(crate) fn is_root_folder_without_posts(name: &str) -> bool {
    scan::ROOT_FOLDERS_WITHOUT_POSTS.contains(&name)
}

/// Jekyll's folder of drafts: a post in it is a draft by where it is, whatever its front matter.
pub const DRAFTS_FOLDER: &str = "_drafts";

/// Whether the post at `rel` (relative, `/`-separated) waits in a `_drafts/` folder, at the
/// root or in a category folder (Jekyll reads both).
pub fn in_drafts_folder(rel: &str) -> bool {
    rel.rsplit_once('/')
        .is_some_and(|(dir, _)| dir.split('/').any(|segment| segment == DRAFTS_FOLDER))
}

/// Jekyll's folder of posts: a post anywhere under it (`_posts/2024/`, `travel/_posts/`) is
/// published under the date its name starts with, and skipped without one.
pub const POSTS_FOLDER: &str = "_posts";

/// Whether the folder `dir` is a `_posts/` folder or a folder of one: the one rule for new
/// posts, copies and draft flags there. Inside the workspace `root`, judged from the root's
/// own folder down (the workspace may be the `_posts` folder itself, but a site kept under
/// some `~/_posts/` is not Jekyll's); elsewhere (the CLI's `--dir`), on the whole path.
pub fn is_posts_folder(root: &Path, dir: &Path) -> bool {
    let above_root = root.parent().filter(|_| dir.starts_with(root));
    let judged = above_root.and_then(|above| dir.strip_prefix(above).ok()).unwrap_or(dir);
    judged.components().any(|c| c.as_os_str() == POSTS_FOLDER)
}

/// Whether the post at `rel` with front matter `fm` is a draft: by its flag, or by waiting in
/// a `_drafts/` folder.
pub fn is_draft(fm: &crate::front_matter::FrontMatter, rel: &str) -> bool {
    fm.is_draft() || in_drafts_folder(rel)
}

/// The relative paths of the posts under `dir` (inside `root`), without reading them.
pub(crate) fn post_paths_under(root: &Path, dir: &Path) -> Vec<String> {
    scan::post_files_under(root, dir)
        .into_iter()
        .map(|(rel, _)| rel)
        .collect()
}

impl Workspace {
    /// Scan `root` recursively, skipping hidden folders and `node_modules`.
    pub fn scan(root: &Path) -> Result<Workspace> {
        // Errors name the folder as it was given (`list posts/a.md`), not its full path.
        let given = root;
        let root = std::fs::canonicalize(given).map_err(|e| Error::io(given, e))?;
        if !root.is_dir() {
            return Err(Error::io(given, std::io::Error::other("is not a folder")));
        }
        // The walk skips folders it cannot read, so an unreadable root would list as empty.
        std::fs::read_dir(&root).map_err(|e| Error::io(given, e))?;
        // The walk is listed first and its paths sorted: the summaries then come out in
        // order (no sort of the big summaries), and each core takes its own run of folders
        // rather than both taking turns at the walk's lock, file by file.
        let (mut files, mut unreadable) = (Vec::new(), Vec::new());
        for found in scan::post_files(&root) {
            match found {
                Ok(file) => files.push(file),
                Err(folder) => unreadable.push(folder),
            }
        }
        unreadable.sort_by(|a, b| a.path.cmp(&b.path));
        files.par_sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let scanned: Vec<_> = files
            .into_par_iter()
            .map_init(Vec::new, |buffer, (rel, abs)| summary::summarise(rel, &abs, buffer))
            .collect();
        // Already in path order, so the map is built in one pass.
        let posts = scanned
            .into_iter()
            .map(|post| (post.summary.path.clone(), post))
            .collect();
        Ok(Workspace { root, posts, unreadable })
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The folders the scan could not read (their posts are missing from `posts`), by path.
    pub fn unreadable_folders(&self) -> &[UnreadableFolder] {
        &self.unreadable
    }

    /// Every post, newest first (undated last, then by path).
    pub fn posts(&self) -> Vec<PostSummary> {
        let mut keyed: Vec<_> = self
            .posts
            .values()
            .map(|scanned| &scanned.summary)
            .map(|post| {
                let key = post
                    .date
                    .as_deref()
                    .and_then(Date::parse)
                    .map(|d| d.sort_key());
                (key, post)
            })
            .collect();
        // `None` sorts before `Some`, so reversing the key puts undated posts last; the map is
        // already in path order and the sort is stable, so ties stay by path.
        keyed.sort_by(|(a, _), (b, _)| b.cmp(a));
        keyed.into_iter().map(|(_, post)| post.clone()).collect()
    }

    /// The folder (relative, `""` for the root) a new post goes in: `content/posts` when there
    /// is one; else where the newest dated post is (a page bundle's folder counts as its
    /// parent's post); else the folder most posts are in.
    pub fn folder_for_new_posts(&self) -> String {
        if self.root.join(USUAL_POSTS_FOLDER).is_dir() {
            return USUAL_POSTS_FOLDER.to_string();
        }
        let folder_of = |rel: &str| {
            let path = Path::new(rel);
            let dir = if crate::bundles::is_leaf_index(path) { path.parent().and_then(Path::parent) } else { path.parent() };
            dir.and_then(Path::to_str).unwrap_or_default().to_string()
        };
        let newest = self
            .posts
            .values()
            .filter_map(|p| Some((p.summary.date.as_deref().and_then(Date::parse)?.sort_key(), &p.summary.path)))
            .max_by(|(a, _), (b, _)| a.cmp(b));
        if let Some((_, rel)) = newest {
            return folder_of(rel);
        }
        let mut counts: BTreeMap<String, usize> = BTreeMap::new();
        // A folder whose name is not UTF-8 cannot be named: spelt lossily, it would be a new one.
        let nameable = |rel: &&String| {
            paths::not_utf8_file(rel).is_none_or(|file| file.parent().is_some_and(|dir| dir.to_str().is_some()))
        };
        for rel in self.posts.keys().filter(nameable) {
            *counts.entry(folder_of(rel)).or_default() += 1;
        }
        // On a tie, the first folder in path order (the shallower of a folder and its subfolder).
        counts
            .into_iter()
            .fold((String::new(), 0), |best, (dir, n)| if n > best.1 { (dir, n) } else { best })
            .0
    }

    pub fn get(&self, rel: &str) -> Option<&PostSummary> {
        self.posts.get(rel).map(|scanned| &scanned.summary)
    }

    /// Re-read one path (relative): updated when it is a post, dropped when it is gone.
    /// Returns the new summary, or `None` when the post was removed.
    pub fn refresh(&mut self, rel: &str) -> Option<PostSummary> {
        self.posts.remove(rel);
        if !is_listed(rel) {
            return None;
        }
        let abs = match paths::not_utf8_file(rel) {
            Some(file) => self.root.join(file),
            None => paths::resolve(&self.root, rel).ok()?,
        };
        let is_file = std::fs::symlink_metadata(&abs).is_ok_and(|m| m.file_type().is_file());
        // Like the scan, never list a post through a symlinked folder: `alias/a.md` would
        // list `real/a.md` a second time. `resolve` joins onto the canonical root, so any
        // symlink on the way makes the canonical path differ.
        let direct = std::fs::canonicalize(&abs).is_ok_and(|real| real == abs);
        if !is_file || !direct {
            return None;
        }
        let post = summary::summarise(rel.to_string(), &abs, &mut Vec::new());
        let summary = post.summary.clone();
        self.posts.insert(rel.to_string(), post);
        Some(summary)
    }

    /// The front-matter format most posts use (YAML when there are none), for new blocks.
    pub fn usual_format(&self) -> Format {
        let count = |format| {
            let formats = self.posts.values().filter_map(|post| post.format);
            formats.filter(|f| *f == format).count()
        };
        // On a tie the earlier format in this list wins: YAML is what most generators expect.
        [Format::Yaml, Format::Toml, Format::Json]
            .into_iter()
            .rev()
            .max_by_key(|format| count(*format))
            .unwrap_or(Format::Yaml)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The parallel scan gives what summarising each file the walk finds, one after the other,
    /// gives: the same posts with the same fields and formats, whatever the folders' order.
    #[test]
    fn the_scan_equals_summarising_each_post_in_turn() {
        let dir = tempfile::tempdir().unwrap();
        for n in 0..300 {
            let folder = dir.path().join(format!("f{}/g{}", n % 7, n % 3));
            std::fs::create_dir_all(&folder).unwrap();
            let text = match n % 4 {
                0 => format!(
                    "---\ntitle: \"Post {n}\"\ndate: 2024-01-{:02}\ntags: [a, t{n}]\n---\n{}",
                    n % 28 + 1,
                    "word ".repeat(n)
                ),
                1 => format!("+++\ntitle = \"T {n}\"\n+++\nbody {n}"),
                2 => format!("---\ntitle: [broken\n---\n{n}"),
                _ => format!("no front matter {n} 字"),
            };
            std::fs::write(folder.join(format!("p{n}.md")), text).unwrap();
        }
        let workspace = Workspace::scan(dir.path()).unwrap();
        let mut plain: Vec<_> = scan::post_files(workspace.root())
            .filter_map(std::result::Result::ok)
            .map(|(rel, abs)| summary::summarise(rel, &abs, &mut Vec::new()))
            .collect();
        plain.sort_by(|a, b| a.summary.path.cmp(&b.summary.path));
        let scanned: Vec<_> = workspace.posts.values().collect();
        assert_eq!(scanned.len(), 300);
        for (fast, plain) in scanned.iter().zip(&plain) {
            assert_eq!((&fast.summary, fast.format), (&plain.summary, plain.format));
        }
    }
}
