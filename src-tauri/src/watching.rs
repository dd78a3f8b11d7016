//! Connects the core's folder watcher to the window: keeps the index current and tells the UI
//! what changed, leaving out our own saves (their bytes still match the revision we wrote).

use crate::state::AppState;
use draftsmith_core::watch::{FolderWatcher, PostEvent};
use draftsmith_core::workspace::{PostSummary, Workspace};
use serde::Serialize;
use std::path::Path;
use std::sync::{Arc, Mutex, PoisonError};
use tauri::{AppHandle, Manager, Runtime};

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct WorkspaceChanged {
    /// The workspace changed, as `WorkspaceInfo` names it: a change of a folder closed a moment
    /// ago may reach the page after the next folder is shown, and is left out there.
    pub root: String,
    pub events: Vec<PostEvent>,
    pub posts: Vec<PostSummary>,
}

/// What the watcher said of each failure after it started, kept with the workspace: a page
/// loaded again asks for the workspace (`get_workspace`) and must be told again.
pub type Failures = Arc<Mutex<Vec<String>>>;

/// Start watching `root`; changes go to the page (`page_events`), once `held`
/// lets them through (see [`HeldEvents`]). When it cannot start (the system's limit of
/// watches reached, say), the message the page shows: the app stays usable without live
/// updates, but the user must know that changes made elsewhere will not show. A failure
/// later on (a folder made since that cannot be watched) goes to the page as it happens,
/// and is kept in `failed` (each message once).
pub fn watch<R: Runtime>(app: &AppHandle<R>, root: &Path, held: Arc<HeldEvents>, failed: Failures) -> Result<FolderWatcher, String> {
    #[cfg(test)]
    STARTED_ON.lock().unwrap().push((root.to_path_buf(), std::thread::current().id()));
    let events_app = app.clone();
    let watched = root.to_path_buf();
    let deliver = move |events| held.deliver(events, |events| on_events(&events_app, &watched, events));
    let trouble_app = app.clone();
    let on_trouble = move |e| note_failure(&trouble_app, &failed, e);
    FolderWatcher::new(root, deliver, on_trouble).map_err(|e| {
        eprintln!("draftsmith: not watching {}: {e}", root.display());
        not_watching(&e)
    })
}

/// The thread each watcher started on, by its folder (a test keeps that off the async workers).
#[cfg(test)]
pub static STARTED_ON: Mutex<Vec<(std::path::PathBuf, std::thread::ThreadId)>> = Mutex::new(Vec::new());

/// Tell the page of a failure after watching started, and keep it for a page loaded again.
pub(crate) fn note_failure<R: Runtime>(app: &AppHandle<R>, failed: &Failures, e: draftsmith_core::Error) {
    let message = watching_failed(app, e);
    let mut kept = failed.lock().unwrap_or_else(PoisonError::into_inner);
    if !kept.contains(&message) {
        kept.push(message);
    }
}

/// What the page says when changes made elsewhere will not show.
fn not_watching(e: &draftsmith_core::Error) -> String {
    format!("Changes made to these posts by other programs will not show until the folder is opened again: {e}")
}

/// The watcher failed after it started, or the folder itself went: the list would go stale
/// (or empty) without a word. The message names the folder it is about, so one from a
/// workspace closed a moment ago still reads true. Returns what the page was told.
fn watching_failed<R: Runtime>(app: &AppHandle<R>, e: draftsmith_core::Error) -> String {
    eprintln!("draftsmith: watching failed: {e}");
    let message = match e {
        draftsmith_core::Error::NotFound { path } => format!(
            "{} was moved or deleted, so its posts are no longer listed: open it again where it is now, or another folder.",
            path.display()
        ),
        e => not_watching(&e),
    };
    crate::page_events::send(app, |page| page.not_watching(message.clone()));
    message
}

/// Watcher events held while a workspace is being read. The watcher starts before the read,
/// so a post changed while it runs is not missed; its events wait here until the index is in
/// the state, are applied to it (`release`), and later ones go straight through.
pub struct HeldEvents {
    /// `Some` while holding. The lock also keeps the held events ahead of newer ones.
    held: Mutex<Option<Vec<PostEvent>>>,
}

impl HeldEvents {
    pub fn holding() -> Arc<HeldEvents> {
        Arc::new(HeldEvents { held: Mutex::new(Some(Vec::new())) })
    }

    fn deliver(&self, events: Vec<PostEvent>, send: impl FnOnce(Vec<PostEvent>)) {
        let mut held = self.held.lock().unwrap_or_else(PoisonError::into_inner);
        match held.as_mut() {
            Some(waiting) => waiting.extend(events),
            None => send(events),
        }
    }

    /// Stop holding: `apply` gets what was held (when anything was), before any newer batch.
    pub fn release(&self, apply: impl FnOnce(Vec<PostEvent>)) {
        let mut held = self.held.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(events) = held.take().filter(|events| !events.is_empty()) {
            apply(events);
        }
    }
}

/// Bring the index up to date with events it has not seen (held while it was being read).
/// The window hears nothing: it has not been given this workspace yet.
pub fn catch_up(workspace: &mut Workspace, events: &[PostEvent]) {
    for event in events {
        refresh(workspace, event);
    }
}

fn refresh(workspace: &mut Workspace, event: &PostEvent) {
    for path in event.paths() {
        workspace.refresh(path);
    }
}

fn on_events<R: Runtime>(app: &AppHandle<R>, root: &Path, events: Vec<PostEvent>) {
    let state = app.state::<AppState>();
    // Hash the changed files before taking the lock: I/O stays outside it.
    let disk: Vec<(String, Option<String>)> = events
        .iter()
        .filter_map(|e| match e {
            PostEvent::Changed { path } | PostEvent::Created { path } => Some(path.clone()),
            PostEvent::Renamed { to, .. } => Some(to.clone()),
            PostEvent::Removed { .. } => None,
        })
        .map(|p| {
            let rev = std::fs::read(root.join(&p)).ok().map(|b| draftsmith_core::save::revision(&b));
            (p, rev)
        })
        .collect();
    let update = state.with(|open| {
        if open.workspace.root() != root {
            return None; // a late batch from a workspace that has since been closed
        }
        let mut kept = Vec::new();
        for event in events {
            let own = match &event {
                PostEvent::Changed { path } | PostEvent::Created { path } => {
                    let rev = disk.iter().find(|(p, _)| p == path).and_then(|(_, r)| r.as_ref());
                    rev.is_some() && open.own_writes.get(path) == rev
                }
                _ => false,
            };
            refresh(&mut open.workspace, &event);
            if !own {
                // Someone else's change: a later change back to the bytes of our last save is
                // theirs too, never to be taken for that save.
                for path in event.paths() {
                    open.own_writes.remove(path);
                }
                kept.push(event);
            }
        }
        let root = root.display().to_string();
        (!kept.is_empty()).then(|| WorkspaceChanged { root, events: kept, posts: open.workspace.posts() })
    });
    if let Ok(Some(payload)) = update {
        crate::page_events::send(app, |page| page.workspace_changed(payload));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn changed(path: &str) -> PostEvent {
        PostEvent::Changed { path: path.into() }
    }

    #[test]
    fn held_events_wait_for_the_release_then_pass_straight_through() {
        let held = HeldEvents::holding();
        let sent = Mutex::new(Vec::new());
        let send = |events: Vec<PostEvent>| sent.lock().unwrap().extend(events);
        held.deliver(vec![changed("a.md")], send);
        held.deliver(vec![changed("b.md")], send);
        assert!(sent.lock().unwrap().is_empty());
        let mut released = Vec::new();
        held.release(|events| released = events);
        assert_eq!(released, vec![changed("a.md"), changed("b.md")]);
        held.deliver(vec![changed("c.md")], send);
        assert_eq!(*sent.lock().unwrap(), vec![changed("c.md")]);
        held.release(|_| panic!("released twice"));
    }

    #[test]
    fn a_failure_after_watching_started_reaches_the_page() {
        use crate::page_events::PageEventQueue;
        let app = tauri::test::mock_app();
        app.manage(PageEventQueue::default());
        let folder = std::path::Path::new("/home/me/blog/new-folder");
        let limit = std::io::Error::other("cannot watch the folder: OS file watch limit reached.");
        watching_failed(app.handle(), draftsmith_core::Error::io(folder, limit));
        let queue = app.state::<PageEventQueue>();
        let said = tauri::async_runtime::block_on(queue.next()).not_watching.concat();
        assert!(said.contains("will not show") && said.contains("new-folder") && said.contains("limit"), "{said}");
    }

    #[test]
    fn the_workspace_folder_moved_away_is_said_as_such() {
        use crate::page_events::PageEventQueue;
        let app = tauri::test::mock_app();
        app.manage(PageEventQueue::default());
        let gone = draftsmith_core::Error::NotFound { path: "/home/me/blog".into() };
        watching_failed(app.handle(), gone);
        let queue = app.state::<PageEventQueue>();
        let said = tauri::async_runtime::block_on(queue.next()).not_watching.concat();
        assert!(said.contains("/home/me/blog") && said.contains("moved or deleted"), "{said}");
    }

    /// A folder over the limit of watches, then the workspace folder gone, before the page
    /// pulled: it hears of both.
    #[test]
    fn each_failure_said_before_the_page_pulls_reaches_it() {
        use crate::page_events::PageEventQueue;
        let app = tauri::test::mock_app();
        app.manage(PageEventQueue::default());
        let limit = std::io::Error::other("cannot watch the folder: OS file watch limit reached.");
        watching_failed(app.handle(), draftsmith_core::Error::io(Path::new("/home/me/blog/new-folder"), limit));
        watching_failed(app.handle(), draftsmith_core::Error::NotFound { path: "/home/me/blog".into() });
        let queue = app.state::<PageEventQueue>();
        let waiting = serde_json::to_value(tauri::async_runtime::block_on(queue.next())).unwrap();
        let said = waiting["notWatching"].to_string();
        assert!(said.contains("limit") && said.contains("moved or deleted"), "{said}");
    }

    #[test]
    fn nothing_held_means_nothing_to_apply() {
        HeldEvents::holding().release(|_| panic!("no events were held"));
    }

    #[test]
    fn catching_up_rereads_what_changed_during_the_read() {
        let dir = tempfile::tempdir().unwrap();
        let write = |name: &str, title: &str| std::fs::write(dir.path().join(name), format!("---\ntitle: {title}\n---\nbody\n")).unwrap();
        write("a.md", "Old");
        write("gone.md", "Gone");
        write("before.md", "Moved");
        let mut workspace = Workspace::scan(dir.path()).unwrap();
        // What happened while the folder was being read.
        write("a.md", "New");
        write("late.md", "Late");
        std::fs::remove_file(dir.path().join("gone.md")).unwrap();
        std::fs::rename(dir.path().join("before.md"), dir.path().join("after.md")).unwrap();
        catch_up(
            &mut workspace,
            &[
                changed("a.md"),
                PostEvent::Created { path: "late.md".into() },
                PostEvent::Removed { path: "gone.md".into() },
                PostEvent::Renamed { from: "before.md".into(), to: "after.md".into() },
            ],
        );
        let titles: Vec<_> = workspace.posts().into_iter().map(|p| (p.path, p.title)).collect();
        let expected = [("a.md", "New"), ("after.md", "Moved"), ("late.md", "Late")];
        assert_eq!(titles, expected.map(|(p, t)| (p.to_string(), t.to_string())));
    }
}
