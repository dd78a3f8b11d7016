//! The crash journal over IPC: the editor writes unsaved text here within a second of typing;
//! at start the UI asks for what a killed session left and offers it back.

use super::blocking;
use crate::error::{CommandError, CommandResult};
use crate::state::AppState;
use draftsmith_core::journal::{JournalEntry, RecordEdit};
use tauri::{AppHandle, Runtime, State};

/// `root` is the folder the page had open when it sent the call (as `WorkspaceInfo.root`
/// names it): a write or clear queued behind a slow one may land after another folder opened,
/// and must go to its own folder's record, not to the same path's in the open one.
/// Answers the record's `written_at`, which the next `journal_edit` names as its base, or
/// `None` when a record written later stays.
#[tauri::command]
pub async fn journal_write<R: Runtime>(
    app: AppHandle<R>,
    root: String,
    path: String,
    text: String,
    base_revision: String,
) -> CommandResult<Option<String>> {
    confined(&path)?;
    let journal = journal(&app)?;
    let written_at = chrono::Utc::now().to_rfc3339();
    let entry = JournalEntry { root, path, text, base_revision, written_at };
    blocking(move || Ok(journal.write(&entry)?.then_some(entry.written_at))).await
}

/// As `journal_write`, with a change to the record written at `edit.base` instead of the whole
/// text. Answers `None`, writing nothing, when that record is gone or was written since: the
/// page then sends the whole text.
#[tauri::command]
pub async fn journal_edit<R: Runtime>(
    app: AppHandle<R>,
    root: String,
    path: String,
    edit: RecordEdit,
    base_revision: String,
) -> CommandResult<Option<String>> {
    confined(&path)?;
    let journal = journal(&app)?;
    let written_at = chrono::Utc::now().to_rfc3339();
    blocking(move || Ok(journal.edit(&root, &path, &edit, &base_revision, &written_at)?.then_some(written_at))).await
}

fn confined(path: &str) -> CommandResult<()> {
    // A lexical check, not `resolve`: the journal matters most when the folder is gone.
    if draftsmith_core::paths::is_confined(path) {
        return Ok(());
    }
    Err(CommandError::new("outside_workspace", format!("{path}: is outside the workspace")))
}

/// See `journal_write` for `root`.
#[tauri::command]
pub async fn journal_clear<R: Runtime>(
    app: AppHandle<R>,
    root: String,
    path: String,
) -> CommandResult<()> {
    let journal = journal(&app)?;
    blocking(move || Ok(journal.clear(&root, &path)?)).await
}

/// What unsaved text the open workspace has in the journal, oldest first.
#[tauri::command]
pub async fn journal_entries<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> CommandResult<Vec<JournalEntry>> {
    let journal = journal(&app)?;
    let root = state.root()?.display().to_string();
    blocking(move || Ok(journal.entries(&root))).await
}

fn journal<R: Runtime>(app: &AppHandle<R>) -> CommandResult<draftsmith_core::journal::Journal> {
    crate::state::journal(app)
        .ok_or_else(|| CommandError::new("io", "The app has no data folder for its journal."))
}
