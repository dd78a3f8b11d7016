//! Opening a workspace and listing its posts.

use super::blocking;
use crate::error::{CommandError, CommandResult};
use crate::settings::Settings;
use crate::state::{settings_file, AppState, OpenWorkspace};
use crate::watching;
use draftsmith_core::front_matter::Format;
use draftsmith_core::watch::FolderWatcher;
use draftsmith_core::workspace::{PostSummary, UnreadableFolder, Workspace};
use serde::Serialize;
use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, PoisonError};
use tauri::{AppHandle, Manager, Runtime, State};

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct WorkspaceInfo {
    pub root: String,
    pub posts: Vec<PostSummary>,
    pub usual_format: Format,
    /// Why changes made by other programs will not show (the folder's watcher did not start,
    /// or failed since): each reason once.
    pub not_watching: Vec<String>,
    /// Which folders could not be read, so that their posts are missing from the list.
    pub not_read: Option<String>,
}

/// The workspace to show at start: the folder from the command line, else the last one.
/// It is read while the window loads (`open_at_startup`); this waits for that read.
#[tauri::command]
pub async fn get_workspace<R: Runtime>(app: AppHandle<R>, state: State<'_, AppState>) -> CommandResult<Option<WorkspaceInfo>> {
    if let Some(task) = state.take_startup_open() {
        // The watcher started with the read: a change made since is already in the state,
        // and the page listens for later ones before it asks.
        return match task.await {
            Ok(Ok(Some(_))) => state.with(|o| info(o)).map(Some),
            Ok(result) => result,
            Err(e) => Err(CommandError::internal(e)),
        };
    }
    // A folder still being opened (the start-up read a page since reloaded was waiting for, or
    // one the user chose) is the one to show: wait for it, rather than read it a second time or
    // answer with the folder it replaces.
    let _opening = state.opening().await;
    if let Ok(info) = state.with(|o| info(o)) {
        return Ok(Some(info));
    }
    open_startup_folder(&app).await
}

/// Start reading the start-up workspace at launch, so the posts are indexed while the webview
/// loads the page instead of after the page asks (the scan of a big site overlaps start-up).
pub fn open_at_startup<R: Runtime>(app: &AppHandle<R>) {
    let handle = app.clone();
    let state = app.state::<AppState>();
    // Held from now on: a page asking before the read has begun waits for it all the same.
    let opening = state.opening();
    let task = tauri::async_runtime::spawn(async move {
        let _opening = opening.await;
        open_startup_folder(&handle).await
    });
    state.set_startup_open(task);
}

async fn open_startup_folder<R: Runtime>(app: &AppHandle<R>) -> CommandResult<Option<WorkspaceInfo>> {
    let state = app.state::<AppState>();
    let remembered = || settings_file(app).as_deref().map(Settings::load).and_then(|s| s.last_workspace);
    match startup_folder(state.startup_folder.clone(), remembered)? {
        Some(folder) => open(app, &state, folder).await.map(Some),
        None => Ok(None),
    }
}

/// The folder to open at start. One named on the command line is opened even when it is not a
/// folder, so that the page says why (a mistyped name is not met with a silent empty window);
/// the remembered one only while it is still a folder. One moved or deleted since is not
/// opened, but named: the page's usual "open a folder" would leave the user wondering where
/// their posts went.
fn startup_folder(named: Option<PathBuf>, remembered: impl FnOnce() -> Option<PathBuf>) -> CommandResult<Option<PathBuf>> {
    if named.is_some() {
        return Ok(named);
    }
    match remembered() {
        Some(folder) if !folder.is_dir() => Err(CommandError::new(
            "last_folder_gone",
            format!("The folder last open, {}, is no longer there: open a folder of posts to go on.", folder.display()),
        )),
        remembered => Ok(remembered),
    }
}

/// Open `path`, or ask for a folder with the native dialog when none is given.
#[tauri::command]
pub async fn open_workspace<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    path: Option<String>,
) -> CommandResult<Option<WorkspaceInfo>> {
    let folder = match path {
        Some(p) => PathBuf::from(p),
        None => match state.dialogs.pick_folder(&app, "Open a folder of posts").await {
            Some(p) => p,
            None => return Ok(None),
        },
    };
    // A start-up read still running must not finish after this one and replace it (a page
    // waiting for it holds its task: then `opening` waits for it); a page loaded again
    // meanwhile waits for this one.
    if let Some(task) = state.take_startup_open() {
        let _ = task.await;
    }
    let _opening = state.opening().await;
    open(&app, &state, folder).await.map(Some)
}

#[tauri::command]
pub async fn list_posts(state: State<'_, AppState>) -> CommandResult<Vec<PostSummary>> {
    state.with(|o| o.workspace.posts())
}

pub fn info(open: &OpenWorkspace) -> WorkspaceInfo {
    let ws = &open.workspace;
    WorkspaceInfo {
        root: ws.root().display().to_string(),
        posts: ws.posts(),
        usual_format: ws.usual_format(),
        not_watching: match &open.watcher {
            Err(why) => vec![why.clone()],
            Ok(_) => open.watch_failed.lock().unwrap_or_else(PoisonError::into_inner).clone(),
        },
        not_read: not_read(ws.unreadable_folders()),
    }
}

/// What the page says of folders the scan could not read: the rest opens, but a post missing
/// from the list without a word would look lost. The first few are named.
fn not_read(folders: &[UnreadableFolder]) -> Option<String> {
    const NAMED: usize = 3;
    let first = folders.first()?;
    let names: Vec<&str> = folders.iter().take(NAMED).map(|f| f.path.as_str()).collect();
    let more = match folders.len().saturating_sub(NAMED) {
        0 => String::new(),
        n => format!(" and {n} more"),
    };
    Some(format!(
        "Posts in these folders are not listed because they could not be read: {}{more} ({})",
        names.join(", "),
        first.problem
    ))
}

async fn open<R: Runtime>(app: &AppHandle<R>, state: &AppState, folder: PathBuf) -> CommandResult<WorkspaceInfo> {
    if !folder.is_dir() {
        return Err(CommandError::new("not_found", format!("{}: is not a folder", folder.display())));
    }
    let root = folder.canonicalize().map_err(|e| draftsmith_core::Error::io(&folder, e))?;
    crate::page_events::send(app, |page| page.reading_folder(root.display().to_string()));
    let held = watching::HeldEvents::holding();
    let watch_failed = watching::Failures::default();
    let (workspace, watcher) = watch_and_read(app, &root, held.clone(), watch_failed.clone()).await?;
    state.replace(OpenWorkspace { workspace, own_writes: HashMap::new(), watcher, watch_failed });
    held.release(|events| {
        let _ = state.with(|open| watching::catch_up(&mut open.workspace, &events));
    });
    // The preview's images are served from this folder alone from now on (asset_protocol.rs).
    let info = state.with(|open| info(open))?;
    if let Some(file) = settings_file(app) {
        let _ = Settings::remember_workspace(&file, &root);
    }
    Ok(info)
}

/// Start watching `root`, then read it. Watching starts first: a post changed while the folder
/// is read is not missed (its events wait in `held`). Both walk the whole folder, on the
/// blocking pool: on a big site that takes seconds no async worker should be held for.
async fn watch_and_read<R: Runtime>(
    app: &AppHandle<R>,
    root: &Path,
    held: Arc<watching::HeldEvents>,
    failed: watching::Failures,
) -> CommandResult<(Workspace, Result<FolderWatcher, String>)> {
    let (app, root) = (app.clone(), root.to_path_buf());
    blocking(move || {
        let watcher = watching::watch(&app, &root, held, failed);
        let ws = Workspace::scan(&root)?;
        clean_stray_temp_files(&ws);
        Ok((ws, watcher))
    })
    .await
}

/// A save killed half-way leaves a temp file beside the post; remove those at open.
fn clean_stray_temp_files(ws: &Workspace) {
    let mut dirs = BTreeSet::new();
    dirs.insert(ws.root().to_path_buf());
    for post in ws.posts() {
        if let Some(parent) = ws.root().join(&post.path).parent() {
            dirs.insert(parent.to_path_buf());
        }
    }
    for dir in dirs {
        draftsmith_core::save::clean_temp_files(&dir);
    }
}

#[cfg(test)]
mod tests {
    use super::{info, not_read, startup_folder, watch_and_read, OpenWorkspace, UnreadableFolder, Workspace};
    use crate::watching;
    use std::path::PathBuf;

    #[test]
    fn a_folder_that_cannot_be_watched_is_opened_with_the_page_told_why() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.md"), "---\ntitle: A\n---\n").unwrap();
        let app = tauri::test::mock_app();
        let open = |watcher| OpenWorkspace { workspace: Workspace::scan(dir.path()).unwrap(), own_writes: Default::default(), watcher, watch_failed: Default::default() };
        let watched = watching::watch(app.handle(), dir.path(), watching::HeldEvents::holding(), Default::default());
        assert!(info(&open(watched)).not_watching.is_empty());
        // A watcher that cannot start (here: its folder is gone) says why.
        let gone = dir.path().join("gone");
        let failed = watching::watch(app.handle(), &gone, watching::HeldEvents::holding(), Default::default());
        let said = info(&open(failed)).not_watching.concat();
        assert!(said.contains("will not show") && said.contains("gone"), "{said}");
        assert_eq!(info(&open(Err(said.clone()))).posts.len(), 1, "the posts are listed all the same");
    }

    /// Starting the watcher walks the whole folder and sets a watch on each of its folders: on
    /// a big site that must not hold one of the few threads that answer the page.
    #[test]
    fn the_watcher_starts_on_the_blocking_pool_not_on_an_async_worker() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        std::fs::write(root.join("a.md"), "---\ntitle: A\n---\n").unwrap();
        let app = tauri::test::mock_app();
        // Polled on this thread, as an async worker polls `open`.
        let read = watch_and_read(app.handle(), &root, watching::HeldEvents::holding(), Default::default());
        let (workspace, watcher) = tauri::async_runtime::block_on(read).unwrap();
        assert!(watcher.is_ok() && workspace.posts().len() == 1);
        let started = watching::STARTED_ON.lock().unwrap().iter().find(|(r, _)| *r == root).map(|(_, on)| *on);
        assert!(started.is_some_and(|on| on != std::thread::current().id()), "started on the polling thread");
    }

    /// A page loaded again after two failures of the watcher is told of both.
    #[test]
    fn each_failure_of_the_watcher_is_said_to_a_page_loaded_again() {
        let dir = tempfile::tempdir().unwrap();
        let app = tauri::test::mock_app();
        let watched = watching::watch(app.handle(), dir.path(), watching::HeldEvents::holding(), Default::default());
        let open = OpenWorkspace { workspace: Workspace::scan(dir.path()).unwrap(), own_writes: Default::default(), watcher: watched, watch_failed: Default::default() };
        let limit = std::io::Error::other("cannot watch the folder: OS file watch limit reached.");
        watching::note_failure(app.handle(), &open.watch_failed, draftsmith_core::Error::io(dir.path().join("new"), limit));
        let gone = || draftsmith_core::Error::NotFound { path: dir.path().into() };
        watching::note_failure(app.handle(), &open.watch_failed, gone());
        watching::note_failure(app.handle(), &open.watch_failed, gone());
        let said = info(&open).not_watching;
        assert_eq!(said.len(), 2, "{said:?}");
        assert!(said[0].contains("limit") && said[1].contains("moved or deleted"), "{said:?}");
    }

    #[test]
    fn folders_that_could_not_be_read_are_named_to_the_page() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.md"), "---\ntitle: A\n---\n").unwrap();
        let open = OpenWorkspace { workspace: Workspace::scan(dir.path()).unwrap(), own_writes: Default::default(), watcher: Err(String::new()), watch_failed: Default::default() };
        assert_eq!(info(&open).not_read, None, "every folder was read");
        let denied = |path: &str| UnreadableFolder { path: path.into(), problem: "Permission denied (os error 13)".into() };
        let said = not_read(&[denied("posts/private")]).expect("the page is told");
        assert!(said.contains("posts/private") && said.contains("Permission denied"), "{said}");
        let many: Vec<_> = ["a", "b", "c", "d", "e"].map(denied).into();
        let said = not_read(&many).unwrap();
        assert!(said.contains("a, b, c and 2 more"), "{said}");
    }

    #[test]
    fn a_missing_folder_named_at_start_is_opened_to_say_so_and_a_missing_remembered_one_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let blog = dir.path().to_path_buf();
        let missing = blog.join("postz");
        let file = blog.join("notes.md");
        std::fs::write(&file, "x").unwrap();
        let remembered = |folder: &PathBuf| {
            let folder = folder.clone();
            move || Some(folder)
        };
        // Named on the command line: opened whatever it is (opening says "is not a folder").
        assert_eq!(startup_folder(Some(missing.clone()), remembered(&blog)), Ok(Some(missing.clone())));
        assert_eq!(startup_folder(Some(file.clone()), || None), Ok(Some(file.clone())));
        // Remembered: opened while it is still a folder; once gone, the page says which it was.
        assert_eq!(startup_folder(None, remembered(&blog)), Ok(Some(blog.clone())));
        for gone in [&missing, &file] {
            let err = startup_folder(None, remembered(gone)).expect_err("the page is told");
            assert_eq!(err.kind, "last_folder_gone");
            assert!(err.message.contains(&gone.display().to_string()) && err.message.contains("no longer"), "{}", err.message);
        }
        assert_eq!(startup_folder(None, || None), Ok(None));
    }
}

