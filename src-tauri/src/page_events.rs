//! What the backend tells the page unasked (outside changes to the workspace, export progress,
//! a folder being read, the watcher failing, a request to close the window), which the page
//! pulls with `next_page_events`.
//!
//! Tauri's events reach the page by evaluating a script in it, one per `listen` and one per
//! event, and WebKit hands each script's result back to the app's process as a JavaScript
//! value: for that alone the app's process ran a JavaScriptCore of its own, ~10 MB
//! (bench/notes.md, round thirteen). A command's answer comes back over the IPC scheme and
//! evaluates nothing. The page keeps one `next_page_events` call pending; it answers at once
//! with whatever is waiting, or when the next event comes.
//!
//! Waiting events are merged, so nothing piles up while no call is pending: a workspace change
//! joins the one waiting (its events appended, its posts list the newer), export progress
//! keeps the latest count, a folder being read the latest folder, a watcher's failures each one
//! (a folder over the limit of watches and the folder itself gone are both news).

use crate::commands::export::ExportProgress;
use crate::error::CommandResult;
use crate::watching::WorkspaceChanged;
use serde::Serialize;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Mutex;
use tauri::webview::{PageLoadEvent, PageLoadPayload};
use tauri::{Manager, Runtime, State, Webview, Window, WindowEvent};
use tokio::sync::Notify;

/// The events waiting for the page, as one answer of `next_page_events`.
#[derive(Debug, Default, Clone, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct PageEvents {
    pub workspace_changed: Option<WorkspaceChanged>,
    pub export_progress: Option<ExportProgress>,
    /// The user asked to close the window; the page asks about unsaved text and then closes it.
    pub close_requested: bool,
    /// A folder being read to be opened (a big site takes seconds): the page says so until the
    /// posts come.
    pub reading_folder: Option<String>,
    /// The folder's watcher failed after it started (a folder made since that cannot be
    /// watched, say): why changes made by other programs will not show. Each failure said
    /// since the page last pulled, once.
    pub not_watching: Vec<String>,
}

impl PageEvents {
    fn is_empty(&self) -> bool {
        self.workspace_changed.is_none()
            && self.export_progress.is_none()
            && !self.close_requested
            && self.reading_folder.is_none()
            && self.not_watching.is_empty()
    }
}

#[derive(Default)]
pub struct PageEventQueue {
    waiting: Mutex<PageEvents>,
    arrived: Notify,
    /// Set once the page handles close requests: until then a close closes at once.
    close_guarded: AtomicBool,
    /// How many times a page began to load: a call of a page since loaded again answers
    /// nothing, or it would take what is waiting for the new page to a page that is gone.
    page: AtomicUsize,
}

impl PageEventQueue {
    pub fn workspace_changed(&self, change: WorkspaceChanged) {
        self.add(|waiting| match &mut waiting.workspace_changed {
            // Of the same folder: the earlier events still count. Of another, they are moot.
            Some(earlier) if earlier.root == change.root => {
                earlier.events.extend(change.events);
                earlier.posts = change.posts;
            }
            slot => *slot = Some(change),
        });
    }

    pub fn export_progress(&self, progress: ExportProgress) {
        self.add(|waiting| waiting.export_progress = Some(progress));
    }

    pub fn reading_folder(&self, folder: String) {
        self.add(|waiting| waiting.reading_folder = Some(folder));
    }

    pub fn not_watching(&self, message: String) {
        self.add(|waiting| {
            if !waiting.not_watching.contains(&message) {
                waiting.not_watching.push(message);
            }
        });
    }

    /// Whether the page takes care of closing; if so, the request waits for it.
    pub fn close_requested(&self) -> bool {
        let guarded = self.close_guarded.load(Ordering::SeqCst);
        if guarded {
            self.add(|waiting| waiting.close_requested = true);
        }
        guarded
    }

    pub fn guard_close(&self) {
        self.close_guarded.store(true, Ordering::SeqCst);
    }

    /// A page (re)loading has not guarded closing yet: were its last one gone (a crashed web
    /// process), the window would otherwise never close.
    pub fn page_loading(&self) {
        self.close_guarded.store(false, Ordering::SeqCst);
        self.page.fetch_add(1, Ordering::SeqCst);
        self.arrived.notify_waiters();
    }

    /// Whether an answer is waiting (the IPC tests call `next_page_events` only then).
    pub fn has_waiting(&self) -> bool {
        !self.lock().is_empty()
    }

    /// The waiting events, once there are any.
    pub async fn next(&self) -> PageEvents {
        let page = self.page.load(Ordering::SeqCst);
        loop {
            if self.page.load(Ordering::SeqCst) != page {
                // The wake this call may have taken was for the new page's call.
                self.arrived.notify_one();
                return PageEvents::default();
            }
            let taken = std::mem::take(&mut *self.lock());
            if !taken.is_empty() {
                return taken;
            }
            // An event added since the take has left a permit: this returns at once.
            self.arrived.notified().await;
        }
    }

    fn add(&self, merge: impl FnOnce(&mut PageEvents)) {
        merge(&mut self.lock());
        self.arrived.notify_one();
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, PageEvents> {
        // The events stay usable after a panic elsewhere: each merge leaves them whole.
        self.waiting
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// Queue an event for the page (a no-op before the queue is managed, as in unit tests).
pub fn send<R: Runtime>(app: &impl Manager<R>, add: impl FnOnce(&PageEventQueue)) {
    if let Some(queue) = app.try_state::<PageEventQueue>() {
        add(&queue);
    }
}

/// The next events for the page; the page keeps one call pending.
#[tauri::command]
pub async fn next_page_events(queue: State<'_, PageEventQueue>) -> CommandResult<PageEvents> {
    Ok(queue.next().await)
}

/// From now on a close request goes to the page, which asks about unsaved text and closes the
/// window itself.
#[tauri::command]
pub async fn guard_close(queue: State<'_, PageEventQueue>) -> CommandResult<()> {
    queue.guard_close();
    Ok(())
}

/// The window's close button (or the page's own close): held for the page once it guards it.
pub fn on_window_event<R: Runtime>(window: &Window<R>, event: &WindowEvent) {
    if let WindowEvent::CloseRequested { api, .. } = event {
        if let Some(queue) = window.try_state::<PageEventQueue>() {
            if queue.close_requested() {
                api.prevent_close();
            }
        }
    }
}

/// A page starting to load takes over closing only once it guards it.
pub fn on_page_load<R: Runtime>(webview: &Webview<R>, load: &PageLoadPayload<'_>) {
    if load.event() == PageLoadEvent::Started {
        send(webview, PageEventQueue::page_loading);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use draftsmith_core::watch::PostEvent;
    use draftsmith_core::workspace::PostSummary;

    /// A change of `path`, with a posts list of that one post.
    fn change(path: &str) -> WorkspaceChanged {
        let post = PostSummary {
            path: path.into(),
            title: path.into(),
            date: None,
            draft: false,
            tags: Vec::new(),
            categories: Vec::new(),
            word_count: 0,
            problem: None,
        };
        WorkspaceChanged {
            root: "/blog".into(),
            events: vec![PostEvent::Changed { path: path.into() }],
            posts: vec![post],
        }
    }

    /// A change of a folder since closed, still waiting when the next folder's comes: the next
    /// folder's posts do not take the old folder's events with them.
    #[test]
    fn a_change_of_another_folder_replaces_the_one_waiting() {
        let queue = PageEventQueue::default();
        queue.workspace_changed(change("old.md"));
        queue.workspace_changed(WorkspaceChanged { root: "/other-blog".into(), ..change("new.md") });
        let changed = now(queue.next()).workspace_changed.unwrap();
        assert_eq!(changed.root, "/other-blog");
        assert_eq!(changed.events, vec![PostEvent::Changed { path: "new.md".into() }]);
    }

    fn now<T>(future: impl std::future::Future<Output = T>) -> T {
        tauri::async_runtime::block_on(future)
    }

    #[test]
    fn waiting_events_merge_until_the_page_takes_them() {
        let queue = PageEventQueue::default();
        assert!(!queue.has_waiting());
        queue.workspace_changed(change("a.md"));
        queue.export_progress(ExportProgress { done: 1, total: 3 });
        queue.workspace_changed(change("b.md"));
        queue.export_progress(ExportProgress { done: 2, total: 3 });
        queue.reading_folder("/blog".into());
        queue.reading_folder("/other-blog".into());
        let taken = now(queue.next());
        let changed = taken.workspace_changed.unwrap();
        assert_eq!(
            changed.events,
            vec![
                PostEvent::Changed {
                    path: "a.md".into()
                },
                PostEvent::Changed {
                    path: "b.md".into()
                }
            ]
        );
        assert_eq!(changed.posts[0].path, "b.md", "the newer list");
        assert_eq!(taken.export_progress.map(|p| p.done), Some(2));
        assert_eq!(taken.reading_folder.as_deref(), Some("/other-blog"), "the folder read last");
        assert!(!taken.close_requested);
        assert!(!queue.has_waiting());
    }

    #[test]
    fn a_pending_call_answers_when_the_next_event_comes() {
        let queue = std::sync::Arc::new(PageEventQueue::default());
        let sender = queue.clone();
        let later = std::thread::spawn(move || {
            std::thread::sleep(std::time::Duration::from_millis(50));
            sender.export_progress(ExportProgress { done: 5, total: 5 });
        });
        assert_eq!(now(queue.next()).export_progress.map(|p| p.done), Some(5));
        later.join().unwrap();
    }

    /// A page loaded again (F5, a crashed web process) leaves its pending call behind: the
    /// events that come next are the new page's, not taken by that call for no one.
    #[test]
    fn a_call_left_by_a_page_loaded_again_takes_nothing_from_the_new_page() {
        use std::future::Future;
        let queue = std::sync::Arc::new(PageEventQueue::default());
        let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
        let mut left = Box::pin(queue.next());
        assert!(left.as_mut().poll(&mut cx).is_pending(), "the page's call is pending");
        queue.page_loading();
        match left.as_mut().poll(&mut cx) {
            std::task::Poll::Ready(answer) => assert!(answer.is_empty(), "{answer:?}"),
            std::task::Poll::Pending => panic!("the call of the page that went still waits for events"),
        }
        let (sender, (tx, new_page)) = (queue.clone(), std::sync::mpsc::channel());
        tauri::async_runtime::spawn(async move { tx.send(sender.next().await) });
        queue.export_progress(ExportProgress { done: 1, total: 1 });
        let got = new_page.recv_timeout(std::time::Duration::from_secs(5)).expect("the new page hears of it");
        assert_eq!(got.export_progress.map(|p| p.done), Some(1));
    }

    #[test]
    fn a_close_waits_for_the_page_only_once_it_guards_closing() {
        let queue = PageEventQueue::default();
        assert!(!queue.close_requested(), "no guard yet: the window closes");
        assert!(!queue.has_waiting());
        queue.guard_close();
        assert!(queue.close_requested());
        assert!(now(queue.next()).close_requested);
        queue.page_loading();
        assert!(
            !queue.close_requested(),
            "a page loading again has not guarded it yet"
        );
    }
}
