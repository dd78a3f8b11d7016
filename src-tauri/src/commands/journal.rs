//! The crash journal over IPC: the editor writes unsaved text here within a second of typing;
//! at start the UI asks for what a killed session left and offers it back.

use super::blocking;
use crate::error::{CommandError, CommandResult};
use crate::state::AppState;
use draftsmith_core::journal::JournalEntry;
use tauri::{AppHandle, Runtime, State};

/// `root` is the folder the page had open when it sent the call (as `WorkspaceInfo.root`
/// names it): a write or clear queued behind a slow one may land after another folder opened,
/// and must go to its own folder's record, not to the same path's in the open one.
#[tauri::command]
pub async fn journal_write<R: Runtime>(
    app: AppHandle<R>,
    root: String,
    path: String,
    text: String,
    base_revision: String,
) -> CommandResult<()> {
    // A lexical check, not `resolve`: the journal matters most when the folder is gone.
    if !draftsmith_core::paths::is_confined(&path) {
        return Err(CommandError::new(
            "outside_workspace",
            format!("{path}: is outside the workspace"),
        ));
    }
    let journal = journal(&app)?;
    let entry = JournalEntry {
        root,
        path,
        text,
        base_revision,
        written_at: chrono::Utc::now().to_rfc3339(),
    };
    blocking(move || Ok(journal.write(&entry)?)).await
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
