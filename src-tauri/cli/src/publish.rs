//! `render` and `export`: the post as HTML.

use crate::output;
use crate::Outcome;
use draftsmith_core::export::{export_post, export_site, holds_other_files, PageOptions, SiteOptions};
use draftsmith_core::{render, save, Error, Result};
use std::path::Path;

/// A progress line every this many pages, so a big site does not flood the terminal.
const PROGRESS_EVERY: usize = 50;

pub fn render(file: &Path) -> Result<Outcome> {
    let loaded = save::read_text(file)?;
    output::raw(&render::render(&loaded.text).html);
    Ok(Outcome::Done)
}

/// The workspace a single post is exported from (its images are taken only from inside it):
/// the current folder when the post is in it, else the post's own folder.
pub(crate) fn workspace_of(post: &Path) -> std::path::PathBuf {
    let here = std::env::current_dir().and_then(|d| d.canonicalize());
    let folder = post
        .canonicalize()
        .ok()
        .and_then(|p| p.parent().map(Path::to_path_buf))
        .unwrap_or_else(|| Path::new(".").to_path_buf());
    match here {
        Ok(here) if folder.starts_with(&here) => here,
        _ => folder,
    }
}

/// `page` or `pages`, as `count` asks.
fn plural(count: usize, noun: &str) -> String {
    if count == 1 {
        noun.to_string()
    } else {
        format!("{noun}s")
    }
}

/// A folder becomes a site in `out`; a file becomes one page at `out`. `drafts` only matters
/// for a folder (a single post is exported because it was asked for), and so does `force`: a
/// folder holding other files is exported into only with it (the app asks first).
pub fn export(source: &Path, out: &Path, drafts: bool, force: bool) -> Result<Outcome> {
    if !source.is_dir() {
        export_post(&workspace_of(source), source, out, &PageOptions::default())?;
        output::line(&out.display().to_string());
        return Ok(Outcome::Done);
    }
    // (A folder holding the posts is refused by the export itself, --force or not.)
    if !force && holds_other_files(source, out) {
        let message = "already holds files that were not exported from Draftsmith; pages \
                       exported there replace files of the same name (such as index.html): \
                       pass --force to export there anyway"
            .to_string();
        return Err(Error::Export { path: out.to_path_buf(), message });
    }
    let options = SiteOptions {
        drafts,
        ..SiteOptions::default()
    };
    // Pages come in batches whose counts seldom fall on a multiple of the step: a line each
    // time the count passes one.
    let mut shown = None;
    let mut progress = |done: usize, total: usize| {
        let step = done / PROGRESS_EVERY;
        if done == total || shown != Some(step) {
            shown = Some(step);
            output::progress(&format!("exported {done}/{total} {}", plural(total, "post")));
        }
    };
    let report = export_site(source, out, &options, &mut progress)?;
    output::line(&format!(
        "{} {} written to {}",
        report.pages,
        plural(report.pages, "page"),
        report.out.display()
    ));
    // Each problem starts with its post's path in the workspace: named from here, as `list DIR`.
    for problem in &report.problems {
        output::report(&output::plain(&crate::listing::from_here(source, problem)));
    }
    Ok(if report.problems.is_empty() {
        Outcome::Done
    } else {
        Outcome::Problems
    })
}
