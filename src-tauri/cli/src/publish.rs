//! `render` and `export`: the post as HTML.

use crate::output;
use crate::Outcome;
use draftsmith_core::{render, save, Result};
use std::path::Path;

pub fn render(file: &Path) -> Result<Outcome> {
    let loaded = save::read_text(file)?;
    output::raw(&render::render(&loaded.text).html);
    Ok(Outcome::Done)
}

pub fn export(source: &Path, output_path: &Path, drafts: bool) -> Result<Outcome> {
    let _ = (source, output_path, drafts);
    output::progress("export is not available yet");
    Ok(Outcome::Problems)
}
