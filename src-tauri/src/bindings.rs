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
    crate::page_events::PageEvents::export_all(&cfg)?;
    crate::preview::PreviewUpdate::export_all(&cfg)?;
    crate::preview::TextEdit::export_all(&cfg)?;
    front_matter::FrontMatter::export_all(&cfg)?;
    front_matter::Value::export_all(&cfg)?;
    render::Rendered::export_all(&cfg)?;
    export::SiteReport::export_all(&cfg)?;
    watch::PostEvent::export_all(&cfg)?;
    workspace::PostSummary::export_all(&cfg)?;
    draftsmith_core::journal::JournalEntry::export_all(&cfg)?;
    draftsmith_core::journal::RecordEdit::export_all(&cfg)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;
    use std::path::{Path, PathBuf};

    fn checked_in() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("ui/src/bindings")
    }

    fn read_dir(dir: &Path) -> BTreeMap<String, String> {
        std::fs::read_dir(dir)
            .map(|entries| {
                entries
                    .flatten()
                    .filter(|e| e.path().extension().is_some_and(|x| x == "ts"))
                    .map(|e| (e.file_name().to_string_lossy().into_owned(), std::fs::read_to_string(e.path()).unwrap()))
                    .collect()
            })
            .unwrap_or_default()
    }

    #[test]
    fn checked_in_bindings_match_the_rust_types() {
        let fresh = tempfile::tempdir().unwrap();
        super::export_all(fresh.path()).unwrap();
        let expected = read_dir(fresh.path());
        assert!(expected.contains_key("PostSummary.ts"), "{:?}", expected.keys());
        assert_eq!(
            read_dir(&checked_in()),
            expected,
            "ui/src/bindings is stale: run `cargo test -p draftsmith bindings -- --ignored` and commit"
        );
    }

    #[test]
    #[ignore = "rewrites ui/src/bindings"]
    fn write_bindings() {
        let dir = checked_in();
        let _ = std::fs::remove_dir_all(&dir);
        super::export_all(&dir).unwrap();
    }
}
