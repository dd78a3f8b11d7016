//! Watching the workspace folder. The classification of raw notify events into post events is
//! a pure function so it is tested without a file system.

mod classify;
mod folders;

pub use classify::classify;

use crate::{Error, Result};
use notify_debouncer_full::notify::{RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{new_debouncer, DebounceEventResult, Debouncer, RecommendedCache};
use serde::{Deserialize, Serialize};
use std::path::Path;
use std::time::Duration;

/// What happened to a post, by its path relative to the workspace root. `Changed` means
/// "re-read it": on platforms that report renames without saying which side a path was on,
/// the file may turn out to be gone. After `Renamed`, re-read `to` as well: its content may
/// have changed in the same batch.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum PostEvent {
    Created { path: String },
    Changed { path: String },
    Removed { path: String },
    Renamed { from: String, to: String },
}

impl PostEvent {
    /// Every path the event names: both sides of a rename.
    pub fn paths(&self) -> Vec<&str> {
        match self {
            PostEvent::Created { path } | PostEvent::Changed { path } | PostEvent::Removed { path } => vec![path],
            PostEvent::Renamed { from, to } => vec![from, to],
        }
    }
}

/// Long enough to fold an editor's write-rename-chmod burst into one batch, short enough to
/// feel immediate.
const DEBOUNCE: Duration = Duration::from_millis(200);

/// Watches a workspace folder recursively and hands each non-empty batch of post events to a
/// callback (on the watcher's own thread). A folder of posts renamed, moved in or out, or
/// removed is reported post by post. Dropping it stops watching.
pub struct FolderWatcher {
    _debouncer: Debouncer<RecommendedWatcher, RecommendedCache>,
}

impl FolderWatcher {
    /// `on_trouble` hears, once, of the first failure after watching started (a folder made
    /// since that cannot be watched, say; `not_found` when the folder itself moved away or was
    /// deleted): changes from then on may go unseen.
    pub fn new<F, T>(root: &Path, on_events: F, on_trouble: T) -> Result<FolderWatcher>
    where
        F: FnMut(Vec<PostEvent>) + Send + 'static,
        T: FnOnce(Error) + Send + 'static,
    {
        // notify reports paths under the path it was given, so classify against the same
        // spelling: the canonical one, as the workspace uses.
        let root = std::fs::canonicalize(root).map_err(|e| Error::io(root, e))?;
        let watch_error = |e: notify_debouncer_full::notify::Error| {
            Error::io(
                &root,
                std::io::Error::other(format!("cannot watch the folder: {e}")),
            )
        };
        let handle = handler(&root, on_events, on_trouble);
        let mut debouncer = new_debouncer(DEBOUNCE, None, handle).map_err(watch_error)?;
        debouncer
            .watch(&root, RecursiveMode::Recursive)
            .map_err(watch_error)?;
        Ok(FolderWatcher {
            _debouncer: debouncer,
        })
    }
}

/// What the watcher's thread does with each debounced result.
fn handler<F, T>(root: &Path, mut on_events: F, on_trouble: T) -> impl FnMut(DebounceEventResult) + Send + 'static
where
    F: FnMut(Vec<PostEvent>) + Send + 'static,
    T: FnOnce(Error) + Send + 'static,
{
    let root = root.to_path_buf();
    let mut known = folders::KnownPosts::scan(&root);
    let mut on_trouble = Some(on_trouble);
    move |result: DebounceEventResult| match result {
        // The root itself deleted or moved away reports every post removed (`folders`).
        Ok(events) => {
            let batch = known.expand(&events, classify(&root, &events));
            if !batch.is_empty() {
                on_events(batch);
            }
            // Then nothing more comes from it: an emptied list must not be all the user sees.
            let about_root = events.iter().any(|debounced| debounced.event.paths.contains(&root));
            if about_root && !root.is_dir() {
                if let Some(tell) = on_trouble.take() {
                    tell(Error::NotFound { path: root.clone() });
                }
            }
        }
        // A folder made since that could not be watched (the system's limit of watches
        // reached), or the system's events unreadable: what changes there goes unseen.
        // Said once: every folder made after it would only say the same.
        Err(errors) => {
            if let (Some(tell), Some(first)) = (on_trouble.take(), errors.into_iter().next()) {
                tell(trouble(&root, first));
            }
        }
    }
}

/// A failure while watching, named by the folder it is about (the root when notify names none).
fn trouble(root: &Path, mut e: notify_debouncer_full::notify::Error) -> Error {
    let folder = e.paths.first().cloned().unwrap_or_else(|| root.to_path_buf());
    // The folder is named once, by the error, not again in notify's own text.
    e.paths.clear();
    Error::io(folder, std::io::Error::other(format!("cannot watch the folder: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use notify_debouncer_full::notify::{Error as NotifyError, ErrorKind};

    /// A folder made after the watcher started that cannot be watched (the system's limit of
    /// watches reached): its changes will go unseen, so the owner hears of it, naming the folder.
    #[test]
    fn a_folder_that_cannot_be_watched_later_is_reported_once() {
        let dir = tempfile::tempdir().unwrap();
        let root = std::fs::canonicalize(dir.path()).unwrap();
        let troubles = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        let heard = troubles.clone();
        let mut handle = handler(&root, |_| panic!("no posts changed"), move |e: Error| heard.lock().unwrap().push(e.to_string()));
        let limit = |folder: &str| NotifyError::new(ErrorKind::MaxFilesWatch).add_path(root.join(folder));
        handle(Err(vec![limit("new-folder")]));
        handle(Err(vec![limit("another")]));
        let said = troubles.lock().unwrap().clone();
        assert_eq!(said.len(), 1, "said once, not for every folder made after it: {said:?}");
        assert!(said[0].contains("new-folder") && said[0].contains("limit"), "{said:?}");
    }

    /// The workspace folder itself moved away: every post goes, and the owner hears of it
    /// (nothing more will come from that folder).
    #[test]
    fn the_workspace_folder_moved_away_is_reported() {
        use notify_debouncer_full::notify::event::{Event, EventKind, ModifyKind, RenameMode};
        let dir = tempfile::tempdir().unwrap();
        let root = std::fs::canonicalize(dir.path()).unwrap().join("blog");
        std::fs::create_dir(&root).unwrap();
        std::fs::write(root.join("a.md"), "a").unwrap();
        let heard = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        let (events, troubles) = (heard.clone(), heard.clone());
        let mut handle = handler(
            &root,
            move |batch| events.lock().unwrap().push(format!("{batch:?}")),
            move |e: Error| troubles.lock().unwrap().push(format!("{}: {e}", e.kind())),
        );
        std::fs::rename(&root, root.with_file_name("blog-moved")).unwrap();
        let moved = Event::new(EventKind::Modify(ModifyKind::Name(RenameMode::From))).add_path(root.clone());
        handle(Ok(vec![notify_debouncer_full::DebouncedEvent::new(moved, std::time::Instant::now())]));
        let heard = heard.lock().unwrap().clone();
        assert_eq!(heard.len(), 2, "{heard:?}");
        assert!(heard[0].contains("a.md"), "the post goes: {heard:?}");
        assert!(heard[1].starts_with("not_found") && heard[1].contains("blog"), "{heard:?}");
    }
}
