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
    pub fn new<F>(root: &Path, mut on_events: F) -> Result<FolderWatcher>
    where
        F: FnMut(Vec<PostEvent>) + Send + 'static,
    {
        // notify reports paths under the path it was given, so classify against the same
        // spelling: the canonical one, as the workspace uses.
        let root = std::fs::canonicalize(root).map_err(|e| Error::io(root, e))?;
        let mut known = folders::KnownPosts::scan(&root);
        let classify_root = root.clone();
        let handler = move |result: DebounceEventResult| {
            // Watcher errors (a queue overflow, a folder gone) carry no post to report. The
            // root itself deleted or moved away reports every post removed (`folders`).
            if let Ok(events) = result {
                let batch = known.expand(&events, classify(&classify_root, &events));
                if !batch.is_empty() {
                    on_events(batch);
                }
            }
        };
        let watch_error = |e: notify_debouncer_full::notify::Error| {
            Error::io(
                &root,
                std::io::Error::other(format!("cannot watch the folder: {e}")),
            )
        };
        let mut debouncer = new_debouncer(DEBOUNCE, None, handler).map_err(watch_error)?;
        debouncer
            .watch(&root, RecursiveMode::Recursive)
            .map_err(watch_error)?;
        Ok(FolderWatcher {
            _debouncer: debouncer,
        })
    }
}
