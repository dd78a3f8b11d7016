//! The TypeScript types of everything that crosses IPC, generated from the Rust types (ts-rs)
//! into `ui/src/bindings/`. A test fails when the checked-in files are stale;
//! `cargo test -p draftsmith bindings -- --ignored` rewrites them.

use std::path::Path;
use ts_rs::TS;

/// Write every IPC type's declaration (and those it depends on) into `dir`.
pub fn export_all(dir: &Path) -> Result<(), ts_rs::ExportError> {
    use draftsmith_core::{export, front_matter, render, watch, workspace};
    // Numbers cross IPC as JSON numbers, so 64-bit integers are `number` on the TS side.
    let cfg = ts_rs::Config::new().with_out_dir(dir).with_large_int("number");
    crate::error::CommandError::export_all(&cfg)?;
    crate::commands::workspace::WorkspaceInfo::export_all(&cfg)?;
    crate::commands::posts::PostDoc::export_all(&cfg)?;
    crate::commands::posts::Saved::export_all(&cfg)?;
    crate::commands::export::ExportProgress::export_all(&cfg)?;
    crate::watching::WorkspaceChanged::export_all(&cfg)?;
    front_matter::FrontMatter::export_all(&cfg)?;
    front_matter::Value::export_all(&cfg)?;
    render::Rendered::export_all(&cfg)?;
    export::SiteReport::export_all(&cfg)?;
    watch::PostEvent::export_all(&cfg)?;
    workspace::PostSummary::export_all(&cfg)?;
    Ok(())
}
