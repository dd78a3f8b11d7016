//! `list` and `check`: reading a whole workspace.

use crate::output;
use crate::Outcome;
use draftsmith_core::workspace::{PostSummary, Workspace};
use draftsmith_core::{paths, Result};
use std::path::Path;

#[derive(Clone, Copy)]
pub enum Filter {
    All,
    Drafts,
    Published,
}

impl Filter {
    fn keeps(self, post: &PostSummary) -> bool {
        match self {
            Filter::All => true,
            // A post whose front matter cannot be read is not known to be published: the site
            // export leaves it out as a draft is, so it is listed with the drafts (marked
            // `error`), never with neither.
            Filter::Drafts => post.draft || post.problem.is_some(),
            Filter::Published => !post.draft && post.problem.is_none(),
        }
    }
}

/// Titles longer than this are cut in the table so the paths stay aligned.
const TITLE_WIDTH: usize = 48;

pub fn list(dir: &Path, json: bool, filter: Filter) -> Result<Outcome> {
    let workspace = Workspace::scan(dir)?;
    let mut posts: Vec<_> = workspace
        .posts()
        .into_iter()
        .filter(|p| filter.keeps(p))
        .collect();
    if json {
        for post in &mut posts {
            post.path = from_here(dir, &post.path);
        }
        output::line(&output::json(&posts));
    } else {
        for post in &posts {
            output::line(&table_row(post, &from_here(dir, &post.path)));
        }
    }
    // On stderr: the listing itself (and its JSON) stays as scripts read it.
    for line in not_read(dir, &workspace, "listed") {
        output::report(&line);
    }
    Ok(Outcome::Done)
}

/// A line for each folder the scan could not read: its posts are missing, not gone.
fn not_read(dir: &Path, workspace: &Workspace, what: &str) -> Vec<String> {
    let folders = workspace.unreadable_folders().iter();
    folders
        .map(|folder| {
            let path = from_here(dir, &folder.path);
            output::plain(&format!(
                "{path}: could not be read ({}); its posts are not {what}",
                folder.problem
            ))
        })
        .collect()
}

/// The post at `rel` in the workspace `dir` as reached from the current folder, as the other
/// commands print and take paths: `blog/posts/a.md` for `list blog`. A name that is not UTF-8
/// is listed with a NUL and its bytes in hex after the name as shown: only the shown name is
/// printed (the post's problem says why it cannot be used).
pub(crate) fn from_here(dir: &Path, rel: &str) -> String {
    let path = dir.join(paths::shown(rel));
    // `./posts/a.md` reads better without the `./`.
    path.strip_prefix(".")
        .unwrap_or(&path)
        .display()
        .to_string()
}

/// `2025-09-16  draft  Title of the post                 posts/a.md`
fn table_row(post: &PostSummary, path: &str) -> String {
    let date = post
        .date
        .as_deref()
        .map_or("-", |d| d.get(..10).unwrap_or(d));
    let marker = match (&post.problem, post.draft) {
        (Some(_), _) => "error",
        (None, true) => "draft",
        (None, false) => "",
    };
    let title = output::plain(&post.title);
    let title: String = if title.chars().count() > TITLE_WIDTH {
        let cut: String = title.chars().take(TITLE_WIDTH - 1).collect();
        format!("{cut}…")
    } else {
        title
    };
    let date = output::plain(date);
    let path = output::plain(path);
    format!("{date:<10}  {marker:<5}  {title:<TITLE_WIDTH$}  {path}")
}

pub fn check(dir: &Path) -> Result<Outcome> {
    let workspace = Workspace::scan(dir)?;
    let mut problems = 0;
    for post in workspace.posts() {
        if let Some(problem) = &post.problem {
            let path = from_here(dir, &post.path);
            output::line(&output::plain(&format!("{path}: {problem}")));
            problems += 1;
        }
    }
    for line in not_read(dir, &workspace, "checked") {
        output::line(&line);
        problems += 1;
    }
    Ok(if problems == 0 {
        Outcome::Done
    } else {
        Outcome::Problems
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn summary(title: &str, date: Option<&str>, draft: bool) -> PostSummary {
        PostSummary {
            path: "posts/a.md".into(),
            title: title.into(),
            date: date.map(String::from),
            draft,
            tags: vec![],
            categories: vec![],
            word_count: 0,
            problem: None,
        }
    }

    #[test]
    fn rows_show_date_marker_title_and_path() {
        let row = table_row(
            &summary("Hello", Some("2025-09-16T09:00:00-05:00"), true),
            "posts/a.md",
        );
        assert!(row.starts_with("2025-09-16  draft  Hello "), "{row}");
        assert!(row.ends_with("  posts/a.md"), "{row}");
        let undated = table_row(&summary("Plain", None, false), "a.md");
        assert!(undated.starts_with("-           "), "{undated}");
        let long = table_row(&summary(&"é".repeat(60), None, false), "a.md");
        assert!(long.contains('…'), "{long}");
    }
}
