//! `render` and `export`: the post as HTML.

use crate::output;
use crate::Outcome;
use draftsmith_core::export::{export_post, export_site, PageOptions, SiteOptions};
use draftsmith_core::{render, save, Result};
use std::path::Path;

/// A progress line every this many pages, so a big site does not flood the terminal.
const PROGRESS_EVERY: usize = 50;

pub fn render(file: &Path) -> Result<Outcome> {
    let loaded = save::read_text(file)?;
    output::raw(&render::render(&loaded.text).html);
    Ok(Outcome::Done)
}

/// A folder becomes a site in `out`; a file becomes one page at `out`. `drafts` only matters
/// for a folder (a single post is exported because it was asked for).
pub fn export(source: &Path, out: &Path, drafts: bool) -> Result<Outcome> {
    if !source.is_dir() {
        export_post(source, out, &PageOptions::default())?;
        output::line(&out.display().to_string());
        return Ok(Outcome::Done);
    }
    let options = SiteOptions {
        drafts,
        ..SiteOptions::default()
    };
    let mut progress = |done: usize, total: usize| {
        if done == total || done % PROGRESS_EVERY == 0 {
            output::progress(&format!("exported {done}/{total} posts"));
        }
    };
    let report = export_site(source, out, &options, &mut progress)?;
    output::line(&format!(
        "{} pages written to {}",
        report.pages,
        report.out.display()
    ));
    for problem in &report.problems {
        output::report(problem);
    }
    Ok(if report.problems.is_empty() {
        Outcome::Done
    } else {
        Outcome::Problems
    })
}
