//! One post file to one line of the posts list.

use crate::words::count_words;
use super::PostSummary;
use crate::front_matter::{self, Format};
use crate::{paths, save};
use std::path::Path;

/// A summary plus what the workspace keeps about a post beyond the list line.
#[derive(Debug, Clone)]
pub(super) struct Scanned {
    pub summary: PostSummary,
    pub format: Option<Format>,
}

/// Read and summarise the post at `abs`, known to the workspace as `rel`, reading into `buffer`
/// (reused across posts: the scan reads thousands). Never fails: a post that cannot be read or
/// parsed is summarised with its problem and a title from its name.
pub(super) fn summarise(rel: String, abs: &Path, buffer: &mut Vec<u8>) -> Scanned {
    if paths::not_utf8_file(&rel).is_some() {
        // Whatever it holds, the app cannot name it to open it.
        let error = crate::Error::NameNotUtf8 { path: abs.to_path_buf() };
        return with_problem(rel, 0, without_path(&error, abs));
    }
    let text = match save::read_text_into(abs, buffer) {
        Ok(text) => text,
        Err(e) => return with_problem(rel, 0, without_path(&e, abs)),
    };
    let parts = front_matter::split(text);
    let body = parts.as_ref().map_or(text, |parts| parts.body_text());
    let word_count = count_words(body);
    let fm = match parts.and_then(|parts| front_matter::parse_split_typed(&parts)) {
        Ok(fm) => fm,
        // Raised on the text alone, so the message names no file.
        Err(e) => return with_problem(rel, word_count, e.to_string()),
    };
    let draft = super::is_draft(&fm, &rel);
    let title = fm
        .title
        .filter(|t| !t.trim().is_empty())
        .unwrap_or_else(|| title_from_path(&rel));
    let summary = PostSummary {
        path: rel,
        title,
        date: fm.date.map(|d| d.text),
        draft,
        tags: fm.tags,
        categories: fm.categories,
        word_count,
        problem: None,
    };
    Scanned {
        summary,
        format: fm.format,
    }
}

/// The error's message without the leading file name: the summary already says which post.
fn without_path(error: &crate::Error, abs: &Path) -> String {
    let message = error.to_string();
    let prefix = format!("{}: ", abs.display());
    message
        .strip_prefix(&prefix)
        .map_or(message.clone(), str::to_string)
}

fn with_problem(rel: String, word_count: usize, problem: String) -> Scanned {
    let summary = PostSummary {
        title: title_from_path(paths::shown(&rel)),
        path: rel,
        date: None,
        draft: false,
        tags: Vec::new(),
        categories: Vec::new(),
        word_count,
        problem: Some(problem),
    };
    Scanned {
        summary,
        format: None,
    }
}

/// The file stem; for a page bundle's `index.md` the folder name, which is the post's name.
fn title_from_path(rel: &str) -> String {
    let mut segments = rel.rsplit('/');
    let file = segments.next().unwrap_or(rel);
    let stem = file.rsplit_once('.').map_or(file, |(stem, _)| stem);
    match segments.next() {
        Some(folder) if stem.eq_ignore_ascii_case("index") => folder.to_string(),
        _ => stem.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reused_buffer_keeps_nothing_of_the_last_post() {
        let dir = tempfile::tempdir().unwrap();
        let long = dir.path().join("long.md");
        let short = dir.path().join("short.md");
        std::fs::write(&long, format!("---\ntitle: Long\ntags: [a, b]\n---\n{}", "word ".repeat(500))).unwrap();
        std::fs::write(&short, "---\ntitle: Short\n---\none two\n").unwrap();
        let mut buffer = Vec::new();
        let first = summarise("long.md".into(), &long, &mut buffer).summary;
        let second = summarise("short.md".into(), &short, &mut buffer).summary;
        assert_eq!((first.title.as_str(), first.word_count, first.tags.len()), ("Long", 500, 2));
        assert_eq!((second.title.as_str(), second.word_count, second.tags.len()), ("Short", 2, 0));
        assert_eq!(second.problem, None);
    }

    #[test]
    fn titles_fall_back_to_the_file_or_bundle_name() {
        assert_eq!(title_from_path("posts/hello-world.md"), "hello-world");
        assert_eq!(title_from_path("posts/trip/index.md"), "trip");
        assert_eq!(title_from_path("posts/trip/INDEX.markdown"), "trip");
        assert_eq!(title_from_path("index.md"), "index");
    }
}
