//! Reading, saving and managing single posts.

use super::blocking;
use crate::error::{CommandError, CommandResult};
use crate::state::AppState;
use draftsmith_core::workspace::PostSummary;
use draftsmith_core::{new_post, post_ops, save};
use serde::Serialize;
use tauri::{AppHandle, Runtime, State};

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct PostDoc {
    pub path: String,
    pub text: String,
    pub revision: String,
}

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct Saved {
    pub revision: String,
}

#[tauri::command]
pub async fn read_post(state: State<'_, AppState>, path: String) -> CommandResult<PostDoc> {
    let abs = state.resolve(&path)?;
    let loaded = blocking(move || Ok(save::read_text(&abs)?)).await?;
    Ok(PostDoc { path, text: loaded.text, revision: loaded.revision })
}

/// Save atomically; a `conflict` error when the file changed on disk since `revision`. An empty
/// `revision` writes back a post whose file (and maybe folder) went: refused if a file is there.
#[tauri::command]
pub async fn save_post<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    path: String,
    text: String,
    revision: String,
) -> CommandResult<Saved> {
    // Taken once: another folder may be opened while the save is on its way, and the crash
    // copy cleared after it is this folder's.
    let root = state.root()?;
    let abs = draftsmith_core::paths::resolve(&root, &path)?;
    let path_for_save = path.clone();
    // Recorded before writing, so the watcher can never see our save before we know its revision.
    state.note_write(&path, Some(save::revision(text.as_bytes())))?;
    let root_for_save = root.clone();
    let started = chrono::Utc::now().to_rfc3339();
    let (revision, text) = blocking(move || {
        let revision = match revision.as_str() {
            "" => post_ops::write_back(&root_for_save, &path_for_save, &text)?,
            _ => save::save(&abs, &text, Some(&revision))?,
        };
        Ok((revision, text))
    })
    .await?;
    // Answered after another folder opened: the same path there is another file.
    if state.root()? == root {
        state.note_write(&path, Some(revision.clone()))?;
    }
    // Saved text needs no crash copy any more; text typed while the save was on its way does.
    if let Some(journal) = crate::state::journal(&app) {
        let _ = journal.clear_saved(&root.display().to_string(), &path, &text, &started);
    }
    Ok(Saved { revision })
}

#[tauri::command]
pub async fn set_post_draft(state: State<'_, AppState>, path: String, draft: bool) -> CommandResult<PostSummary> {
    let (root, format) = state.root_and_format()?;
    let old = path.clone();
    // Publishing a post from Jekyll's `_drafts/` moves it into `_posts/`.
    let written = blocking(move || Ok(post_ops::set_draft(&root, &path, draft, format)?)).await?;
    if written.path != old {
        state.with(|o| o.workspace.refresh(&old))?;
    }
    summary_after(&state, written)
}

#[tauri::command]
pub async fn new_post(state: State<'_, AppState>, title: String) -> CommandResult<PostSummary> {
    let (root, format) = state.root_and_format()?;
    let dir = state.with(|o| o.workspace.folder_for_new_posts())?;
    let written = blocking(move || {
        let now = chrono::Local::now().fixed_offset();
        let abs = new_post::create_post(&root, std::path::Path::new(&dir), &title, format, now)?;
        let rel = draftsmith_core::paths::relative(&root, &abs)
            .ok_or_else(|| CommandError::new("outside_workspace", abs.display().to_string()))?;
        let revision = save::read_text(&abs)?.revision;
        Ok(post_ops::Written { path: rel, revision: Some(revision) })
    })
    .await?;
    summary_after(&state, written)
}

#[tauri::command]
pub async fn rename_post(state: State<'_, AppState>, path: String, title: String, rename_file: bool) -> CommandResult<PostSummary> {
    let (root, format) = state.root_and_format()?;
    let old = path.clone();
    let written = blocking(move || Ok(post_ops::rename(&root, &path, &title, rename_file, format)?)).await?;
    if written.path != old {
        state.with(|o| o.workspace.refresh(&old))?;
    }
    summary_after(&state, written)
}

#[tauri::command]
pub async fn duplicate_post(state: State<'_, AppState>, path: String) -> CommandResult<PostSummary> {
    let (root, format) = state.root_and_format()?;
    let written = blocking(move || Ok(post_ops::duplicate(&root, &path, format)?)).await?;
    summary_after(&state, written)
}

/// Move a post to the system trash (the UI asks first). A page bundle goes with its folder.
/// `folder`: what the user agreed goes with it (`folder_trashed_with`'s answer, "" for none);
/// when the disk now says otherwise nothing is moved.
#[tauri::command]
pub async fn delete_post<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    path: String,
    folder: Option<String>,
) -> CommandResult<()> {
    let root = state.root()?;
    let abs = state.resolve(&path)?;
    // Only a post goes: never the workspace, a folder or another file, whatever the page asks.
    if !abs.is_file() || !draftsmith_core::workspace::is_post_file(&abs) {
        return Err(CommandError::new("invalid_value", format!("{path}: not a post")));
    }
    // A page bundle's folder goes with it, when no other post is under it.
    let with = draftsmith_core::bundles::trashed_with(&root, &abs);
    if let Some(agreed) = folder {
        let now = with.as_deref().and_then(|dir| draftsmith_core::paths::relative(&root, dir)).map(|rel| format!("{rel}/"));
        if now.as_deref().unwrap_or_default() != agreed {
            let what = now.map_or_else(|| "now goes alone".to_string(), |dir| format!("would now take its folder {dir} with it"));
            return Err(CommandError::new(
                "conflict",
                format!("{path} {what}: its folder changed since you were asked. Nothing was moved; try again."),
            ));
        }
    }
    let target = with.unwrap_or(abs);
    let shown = target.display().to_string();
    blocking(move || trash::delete(&target).map_err(|e| CommandError::new("io", format!("{shown}: could not move to the trash: {e}")))).await?;
    // Its unsaved text went with it: the next start must not offer to write the post back.
    if let Some(journal) = crate::state::journal(&app) {
        let _ = journal.clear(&root.display().to_string(), &path);
    }
    state.with(|o| o.workspace.refresh(&path))?;
    Ok(())
}

/// The folder (`trip/`) that `delete_post` would move to the trash with the post, or null when
/// the post goes alone: the confirmation names it by the rule the trash follows, read from the
/// disk now (the page's list may not have a post just added there yet).
#[tauri::command]
pub async fn folder_trashed_with(state: State<'_, AppState>, path: String) -> CommandResult<Option<String>> {
    let root = state.root()?;
    let abs = state.resolve(&path)?;
    let folder = blocking(move || Ok(draftsmith_core::bundles::trashed_with(&root, &abs).map(|dir| (root, dir)))).await?;
    Ok(folder.and_then(|(root, dir)| draftsmith_core::paths::relative(&root, &dir)).map(|rel| format!("{rel}/")))
}

fn summary_after(state: &AppState, written: post_ops::Written) -> CommandResult<PostSummary> {
    state.note_write(&written.path, written.revision)?;
    state
        .with(|o| o.workspace.get(&written.path).cloned())?
        .ok_or_else(|| CommandError::new("not_found", format!("{}: not found after writing it", written.path)))
}
