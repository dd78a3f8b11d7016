//! Exporting the open post or the whole workspace to HTML.

use super::blocking;
use crate::error::CommandResult;
use crate::state::AppState;
use draftsmith_core::export::{self, PageOptions, SiteOptions, SiteReport};
use serde::Serialize;
use std::path::{Path, PathBuf};
use tauri::{AppHandle, Runtime, State};

#[derive(Debug, Clone, Copy, Serialize, ts_rs::TS)]
pub struct ExportProgress {
    pub done: usize,
    pub total: usize,
}

/// Export one post to a standalone page; asks where with the native save dialog unless `dest`
/// is given. Returns the file written, or `None` when the dialog was cancelled.
#[tauri::command]
pub async fn export_post<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    path: String,
    dest: Option<String>,
) -> CommandResult<Option<String>> {
    let src = state.resolve(&path)?;
    let root = state.root()?;
    let suggested = format!("{}.html", src.file_stem().unwrap_or_default().to_string_lossy());
    let out = match dest {
        Some(d) => destination(&root, &d)?,
        None => match state.dialogs.save_file(&app, "Export post as HTML", &suggested).await {
            Some(p) => p,
            None => return Ok(None),
        },
    };
    let shown = out.display().to_string();
    blocking(move || Ok(export::export_post(&root, &src, &out, &PageOptions::default())?)).await?;
    Ok(Some(shown))
}

/// Export the workspace as a site into a folder (asked for unless `dest` is given), reporting
/// progress to the page (src-tauri/src/page_events.rs). A folder holding other files is
/// exported into only once the user agrees. `None` when the user cancelled.
#[tauri::command]
pub async fn export_site<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    dest: Option<String>,
    drafts: bool,
) -> CommandResult<Option<SiteReport>> {
    let root = state.root()?;
    let out = match dest {
        Some(d) => destination(&root, &d)?,
        None => match state.dialogs.pick_folder(&app, "Export the site into a folder").await {
            Some(p) => p,
            None => return Ok(None),
        },
    };
    if export::holds_other_files(&root, &out) {
        let message = format!(
            "{} already holds files that were not exported from Draftsmith. Pages exported there \
             replace files of the same name (such as index.html).",
            out.display()
        );
        if !state.dialogs.confirm(&app, "Export into this folder?", &message, "Export").await {
            return Ok(None);
        }
    }
    let report = blocking(move || {
        let mut progress = |done: usize, total: usize| {
            crate::page_events::send(&app, |page| page.export_progress(ExportProgress { done, total }));
        };
        Ok(export::export_site(&root, &out, &SiteOptions { drafts, ..Default::default() }, &mut progress)?)
    })
    .await?;
    Ok(Some(report))
}

/// Where an export given `dest` goes: a full path (a dialog's answer) as it is; a relative one
/// is a path in the workspace, as every path the page sends, and refused if it leaves it
/// (taken as it is, it would land in whatever folder the app was started from).
fn destination(root: &Path, dest: &str) -> CommandResult<PathBuf> {
    if Path::new(dest).is_absolute() {
        return Ok(dest.into());
    }
    Ok(draftsmith_core::paths::resolve(root, dest)?)
}
