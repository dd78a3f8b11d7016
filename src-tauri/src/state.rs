//! The app's state: the open workspace behind a lock that is held only long enough to read or
//! update it, the preview renderer (its cache makes re-renders after a keystroke cheap), and how
//! dialogs are answered.

use crate::commands::workspace::WorkspaceInfo;
use crate::dialogs::Dialogs;
use crate::error::{CommandError, CommandResult};
use crate::preview::PreviewSession;
use crate::preview_sessions::PreviewSessions;
use draftsmith_core::journal::Journal;
use draftsmith_core::watch::FolderWatcher;
use draftsmith_core::workspace::Workspace;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard};
use tauri::{AppHandle, Manager, Runtime};

pub struct AppState {
    open: Mutex<Option<OpenWorkspace>>,
    /// The preview renderers of the post being previewed and of those previewed recently.
    renderers: Mutex<PreviewSessions>,
    pub dialogs: Dialogs,
    /// A folder named on the command line; it wins over the last workspace.
    pub startup_folder: Option<PathBuf>,
    /// The start-up workspace being read while the window loads (see `workspace::open_at_startup`);
    /// the first `get_workspace` waits for it.
    startup_open: Mutex<Option<StartupOpen>>,
    /// Held while a folder is opened (start-up's read, `open_workspace`): a page loaded again
    /// meanwhile waits for it, so it is told the folder the backend is opening, not the one
    /// before it, and does not start a second read of the same folder.
    opening: Arc<tokio::sync::Mutex<()>>,
}

/// The task reading the start-up workspace: its answer is what `get_workspace` returns.
pub type StartupOpen = tauri::async_runtime::JoinHandle<CommandResult<Option<WorkspaceInfo>>>;

/// Where the last workspace is remembered (the app's config folder).
pub fn settings_file<R: Runtime>(app: &AppHandle<R>) -> Option<PathBuf> {
    app.path().app_config_dir().ok().map(|d| d.join("settings.json"))
}

/// Unsaved text, kept where a crash cannot take it (the app's data folder).
pub fn journal<R: Runtime>(app: &AppHandle<R>) -> Option<Journal> {
    app.path().app_data_dir().ok().map(|d| Journal::new(d.join("journal")))
}

pub struct OpenWorkspace {
    pub workspace: Workspace,
    /// The revision of each post as we last wrote it: a watcher event whose file still has this
    /// revision is our own save, not an outside change.
    pub own_writes: HashMap<String, String>,
    /// The folder's watcher, or why it could not start (the page says so).
    pub watcher: Result<FolderWatcher, String>,
    /// The watcher's failures after it started (the page was told as they happened).
    pub watch_failed: crate::watching::Failures,
}

impl AppState {
    pub fn new(dialogs: Dialogs, startup_folder: Option<PathBuf>) -> Self {
        AppState {
            open: Mutex::new(None),
            renderers: Mutex::new(PreviewSessions::default()),
            dialogs,
            startup_folder,
            startup_open: Mutex::new(None),
            opening: Arc::default(),
        }
    }

    /// Wait for any folder being opened, then hold others off until the guard is dropped. Taken
    /// at once when nothing is being opened, before the future is first polled: a task spawned
    /// with it holds it from the moment it is spawned.
    pub fn opening(&self) -> impl std::future::Future<Output = tokio::sync::OwnedMutexGuard<()>> {
        let gate = self.opening.clone();
        let now = gate.clone().try_lock_owned().ok();
        async move {
            match now {
                Some(held) => held,
                None => gate.lock_owned().await,
            }
        }
    }

    pub fn set_startup_open(&self, task: StartupOpen) {
        *self.startup_open.lock().unwrap_or_else(|e| e.into_inner()) = Some(task);
    }

    /// The start-up task, once: whoever takes it waits for it.
    pub fn take_startup_open(&self) -> Option<StartupOpen> {
        self.startup_open.lock().unwrap_or_else(|e| e.into_inner()).take()
    }

    /// The renderer for previews of `path` (see `PreviewSessions::for_path`).
    pub fn renderer_for(&self, path: &str) -> Arc<Mutex<PreviewSession>> {
        self.renderers.lock().unwrap_or_else(|e| e.into_inner()).for_path(path)
    }

    fn lock(&self) -> MutexGuard<'_, Option<OpenWorkspace>> {
        // A panic while holding the lock leaves the data usable; keep going rather than fail
        // every later command.
        self.open.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub fn replace(&self, open: OpenWorkspace) {
        *self.lock() = Some(open);
    }

    /// Run `f` on the open workspace, or fail with `no_workspace`.
    pub fn with<T>(&self, f: impl FnOnce(&mut OpenWorkspace) -> T) -> CommandResult<T> {
        self.lock().as_mut().map(f).ok_or_else(CommandError::no_workspace)
    }

    pub fn root(&self) -> CommandResult<PathBuf> {
        self.with(|o| o.workspace.root().to_path_buf())
    }

    /// The root and the front-matter format new blocks get (the workspace's usual one).
    pub fn root_and_format(&self) -> CommandResult<(PathBuf, draftsmith_core::front_matter::Format)> {
        self.with(|o| (o.workspace.root().to_path_buf(), o.workspace.usual_format()))
    }

    /// Resolve a path from the UI inside the workspace root (refusing anything that leaves it).
    pub fn resolve(&self, rel: &str) -> CommandResult<PathBuf> {
        let root = self.root()?;
        Ok(draftsmith_core::paths::resolve(&root, rel)?)
    }

    /// Remember a write we made, then bring the index up to date for that path.
    pub fn note_write(&self, rel: &str, revision: Option<String>) -> CommandResult<()> {
        self.with(|o| {
            if let Some(rev) = revision {
                o.own_writes.insert(rel.to_string(), rev);
            }
            o.workspace.refresh(rel);
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_post_keeps_its_renderer_and_another_post_gets_a_fresh_one() {
        let state = AppState::new(Dialogs::Native, None);
        let first = state.renderer_for("a.md");
        assert!(Arc::ptr_eq(&first, &state.renderer_for("a.md")));
        // A render of a.md still holding its renderer does not block b.md's.
        let _busy = first.lock().unwrap();
        let second = state.renderer_for("b.md");
        assert!(!Arc::ptr_eq(&first, &second));
        assert!(second.try_lock().is_ok());
    }
}
