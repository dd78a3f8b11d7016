//! The crash journal over IPC: the editor writes unsaved text here within a second of typing;
//! at start the UI asks for what a killed session left and offers it back.

use super::blocking;
use crate::error::{CommandError, CommandResult};
use crate::state::AppState;
use draftsmith_core::journal::JournalEntry;
use tauri::{AppHandle, Runtime, State};

#[tauri::command]
pub async fn journal_write<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    path: String,
    text: String,
    base_revision: String,
) -> CommandResult<()> {
    // A lexical check, not `resolve`: the journal matters most when the folder is gone.
    if !draftsmith_core::paths::is_confined(&path) {
        return Err(CommandError::new("outside_workspace", format!("{path}: is outside the workspace")));
    }
    let (journal, root) = journal_and_root(&app, &state)?;
    let entry = JournalEntry { root, path, text, base_revision, written_at: chrono::Utc::now().to_rfc3339() };
    blocking(move || Ok(journal.write(&entry)?)).await
}

#[tauri::command]
pub async fn journal_clear<R: Runtime>(app: AppHandle<R>, state: State<'_, AppState>, path: String) -> CommandResult<()> {
    let (journal, root) = journal_and_root(&app, &state)?;
    blocking(move || Ok(journal.clear(&root, &path)?)).await
}

/// What unsaved text the open workspace has in the journal, oldest first.
#[tauri::command]
pub async fn journal_entries<R: Runtime>(app: AppHandle<R>, state: State<'_, AppState>) -> CommandResult<Vec<JournalEntry>> {
    let (journal, root) = journal_and_root(&app, &state)?;
    blocking(move || Ok(journal.entries(&root))).await
}

fn journal_and_root<R: Runtime>(app: &AppHandle<R>, state: &AppState) -> CommandResult<(draftsmith_core::journal::Journal, String)> {
    let journal = crate::state::journal(app).ok_or_else(|| CommandError::new("io", "The app has no data folder for its journal."))?;
    Ok((journal, state.root()?.display().to_string()))
}
