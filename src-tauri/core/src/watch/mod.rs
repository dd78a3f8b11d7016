//! Watching the workspace folder. The classification of raw notify events into post events is
//! a pure function so it is tested without a file system.

mod classify;
mod folders;

pub use classify::classify;

use crate::{Error, Result};
use notify_debouncer_full::notify::{ErrorKind, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{new_debouncer_opt, DebounceEventResult, Debouncer, RecommendedCache};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use std::path::Path;
use std::sync::{Arc, Mutex, PoisonError};
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
    /// `on_trouble` hears of a failure after watching started (a folder made since that cannot
    /// be watched, say; `not_found` when the folder itself moved away or was deleted): changes
    /// from then on may go unseen. Of each kind of failure, the first only.
    pub fn new<F, T>(root: &Path, on_events: F, on_trouble: T) -> Result<FolderWatcher>
    where
        F: FnMut(Vec<PostEvent>) + Send + 'static,
        T: FnMut(Error) + Send + 'static,
    {
        Self::start(root, on_events, on_trouble, || {})
    }

    /// `new`, running `before_watch` just before the folder is watched.
    fn start<F, T>(root: &Path, on_events: F, on_trouble: T, before_watch: impl FnOnce()) -> Result<FolderWatcher>
    where
        F: FnMut(Vec<PostEvent>) + Send + 'static,
        T: FnMut(Error) + Send + 'static,
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
        let known = Arc::new(Mutex::new(None));
        let handle = handler(&root, known.clone(), on_events, on_trouble);
        // Not through links to folders: the list never shows posts through them, and the folder
        // one leads to may be anywhere (a photo library, a home folder), each of its folders
        // taking one of the system's limited watches.
        let config = notify_debouncer_full::notify::Config::default().with_follow_symlinks(false);
        let mut debouncer =
            new_debouncer_opt(DEBOUNCE, None, handle, RecommendedCache::new(), config).map_err(watch_error)?;
        // The posts are listed once the watch is set, not before: a post made in between would
        // be unknown, and its folder moved later would leave it listed where it was. The lock
        // keeps the first batch waiting for the list.
        let mut listed = known.lock().unwrap_or_else(PoisonError::into_inner);
        before_watch();
        debouncer
            .watch(&root, RecursiveMode::Recursive)
            .map_err(watch_error)?;
        *listed = Some(folders::KnownPosts::scan(&root));
        drop(listed);
        Ok(FolderWatcher {
            _debouncer: debouncer,
        })
    }
}

/// The posts the watcher knows: `None` until they are listed.
type Known = Arc<Mutex<Option<folders::KnownPosts>>>;

/// What the watcher's thread does with each debounced result.
fn handler<F, T>(root: &Path, known: Known, mut on_events: F, mut on_trouble: T) -> impl FnMut(DebounceEventResult) + Send + 'static
where
    F: FnMut(Vec<PostEvent>) + Send + 'static,
    T: FnMut(Error) + Send + 'static,
{
    let root = root.to_path_buf();
    // Each kind said once: every folder made after one over the limit would only say the same,
    // but the folder itself going later is news.
    let mut said = HashSet::new();
    let mut tell = move |kind: Trouble, e: Error| {
        if said.insert(kind) {
            on_trouble(e);
        }
    };
    // Once the root went, what still comes is from the folder that went (or nothing).
    let mut root_went = false;
    move |result: DebounceEventResult| match result {
        Ok(_) if root_went => {}
        // Nor is a failure to watch news then: the owner keeps "moved or deleted" as the last
        // word, which a failure said after it would replace.
        Err(_) if root_went => {}
        // The root itself deleted or moved away reports every post removed (`folders`).
        Ok(events) => {
            let (batch, went) = {
                let mut known = known.lock().unwrap_or_else(PoisonError::into_inner);
                let known = known.get_or_insert_with(|| folders::KnownPosts::scan(&root));
                let about_root = events.iter().any(|debounced| debounced.event.paths.contains(&root));
                (known.expand(&events, classify(&root, &events)), about_root && known.root_went())
            };
            if !batch.is_empty() {
                on_events(batch);
            }
            // Then nothing more comes from it: an emptied list must not be all the user sees.
            if went {
                root_went = true;
                tell(Trouble::RootGone, Error::NotFound { path: root.clone() });
            }
        }
        // A folder made since that could not be watched (the system's limit of watches
        // reached), or the system's events unreadable: what changes there goes unseen.
        Err(errors) => {
            for e in errors {
                tell(Trouble::Watch(std::mem::discriminant(&e.kind)), trouble(&root, e));
            }
        }
    }
}

/// A kind of failure while watching, each said once.
#[derive(PartialEq, Eq, Hash)]
enum Trouble {
    RootGone,
    Watch(std::mem::Discriminant<ErrorKind>),
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
    use notify_debouncer_full::notify::Error as NotifyError;

    /// The posts under `root` as the watcher lists them when it starts.
    fn listed(root: &Path) -> Known {
        Arc::new(Mutex::new(Some(folders::KnownPosts::scan(root))))
    }

    /// A folder made after the watcher started that cannot be watched (the system's limit of
    /// watches reached): its changes will go unseen, so the owner hears of it, naming the folder.
    #[test]
    fn a_folder_that_cannot_be_watched_later_is_reported_once() {
        let dir = tempfile::tempdir().unwrap();
        let root = std::fs::canonicalize(dir.path()).unwrap();
        let troubles = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        let heard = troubles.clone();
        let mut handle = handler(&root, listed(&root), |_| panic!("no posts changed"), move |e: Error| heard.lock().unwrap().push(e.to_string()));
        let limit = |folder: &str| NotifyError::new(ErrorKind::MaxFilesWatch).add_path(root.join(folder));
        handle(Err(vec![limit("new-folder")]));
        handle(Err(vec![limit("another")]));
        let said = troubles.lock().unwrap().clone();
        assert_eq!(said.len(), 1, "said once, not for every folder made after it: {said:?}");
        assert!(said[0].contains("new-folder") && said[0].contains("limit"), "{said:?}");
    }

    /// A folder over the limit of watches, then the workspace folder itself moved away: the
    /// owner hears of each (the second is the one that empties the list), and of each once.
    #[test]
    fn each_kind_of_failure_is_reported_once() {
        use notify_debouncer_full::notify::event::{Event, EventKind, ModifyKind, RenameMode};
        let dir = tempfile::tempdir().unwrap();
        let root = std::fs::canonicalize(dir.path()).unwrap().join("blog");
        std::fs::create_dir(&root).unwrap();
        let troubles = Arc::new(Mutex::new(Vec::new()));
        let heard = troubles.clone();
        let on_trouble = move |e: Error| heard.lock().unwrap().push(format!("{}: {e}", e.kind()));
        let mut handle = handler(&root, listed(&root), |_| {}, on_trouble);
        let limit = |folder: &str| NotifyError::new(ErrorKind::MaxFilesWatch).add_path(root.join(folder));
        handle(Err(vec![limit("new-folder")]));
        std::fs::rename(&root, root.with_file_name("blog-moved")).unwrap();
        let moved = || {
            let event = Event::new(EventKind::Modify(ModifyKind::Name(RenameMode::From))).add_path(root.clone());
            Ok(vec![notify_debouncer_full::DebouncedEvent::new(event, std::time::Instant::now())])
        };
        handle(moved());
        handle(Err(vec![limit("another"), limit("a-third")]));
        handle(moved());
        let said = troubles.lock().unwrap().clone();
        assert_eq!(said.len(), 2, "{said:?}");
        assert!(said[0].contains("new-folder") && said[0].contains("limit"), "{said:?}");
        assert!(said[1].starts_with("not_found") && said[1].contains("blog"), "{said:?}");
    }

    /// The workspace folder moved away, then a failure to watch a folder in the one that went:
    /// the owner keeps "moved or deleted" as what it heard last.
    #[test]
    fn a_failure_after_the_workspace_folder_went_is_not_said() {
        use notify_debouncer_full::notify::event::{Event, EventKind, ModifyKind, RenameMode};
        let dir = tempfile::tempdir().unwrap();
        let root = std::fs::canonicalize(dir.path()).unwrap().join("blog");
        std::fs::create_dir(&root).unwrap();
        let troubles = Arc::new(Mutex::new(Vec::new()));
        let heard = troubles.clone();
        let on_trouble = move |e: Error| heard.lock().unwrap().push(format!("{}: {e}", e.kind()));
        let mut handle = handler(&root, listed(&root), |_| {}, on_trouble);
        std::fs::rename(&root, root.with_file_name("blog-moved")).unwrap();
        let moved = Event::new(EventKind::Modify(ModifyKind::Name(RenameMode::From))).add_path(root.clone());
        handle(Ok(vec![notify_debouncer_full::DebouncedEvent::new(moved, std::time::Instant::now())]));
        handle(Err(vec![NotifyError::new(ErrorKind::MaxFilesWatch).add_path(root.join("new-folder"))]));
        let said = troubles.lock().unwrap().clone();
        assert_eq!(said.len(), 1, "{said:?}");
        assert!(said[0].starts_with("not_found") && said[0].contains("blog"), "{said:?}");
    }

    /// The workspace folder moved away and another made in its place at once (`mv blog
    /// blog.bak && git clone … blog`): the watch stays on the folder that went, so nothing done
    /// in the new one would show. Its posts go and the owner hears of it, as of a folder moved
    /// away; what still comes from the old folder is not taken for the new one's changes.
    #[test]
    fn the_workspace_folder_replaced_by_another_is_reported_as_moved_away() {
        use notify_debouncer_full::notify::event::{CreateKind, Event, EventKind, ModifyKind, RenameMode};
        let dir = tempfile::tempdir().unwrap();
        let root = std::fs::canonicalize(dir.path()).unwrap().join("blog");
        std::fs::create_dir(&root).unwrap();
        std::fs::write(root.join("a.md"), "a").unwrap();
        let heard = Arc::new(Mutex::new(Vec::new()));
        let (events, troubles) = (heard.clone(), heard.clone());
        let mut handle = handler(
            &root,
            listed(&root),
            move |batch| events.lock().unwrap().push(format!("{batch:?}")),
            move |e: Error| troubles.lock().unwrap().push(format!("{}: {e}", e.kind())),
        );
        let old = root.with_file_name("blog.bak");
        std::fs::rename(&root, &old).unwrap();
        std::fs::create_dir(&root).unwrap();
        std::fs::write(root.join("a.md"), "a, cloned again").unwrap();
        let raw = |kind, path: &Path| {
            let event = Event::new(kind).add_path(path.to_path_buf());
            Ok(vec![notify_debouncer_full::DebouncedEvent::new(event, std::time::Instant::now())])
        };
        handle(raw(EventKind::Modify(ModifyKind::Name(RenameMode::From)), &root));
        // A post made in the folder that went, named as the watch names it: under the root.
        std::fs::write(old.join("c.md"), "c").unwrap();
        handle(raw(EventKind::Create(CreateKind::File), &root.join("c.md")));
        let heard = heard.lock().unwrap().clone();
        assert_eq!(heard.len(), 2, "{heard:?}");
        assert!(heard[0].contains("Removed") && heard[0].contains("a.md"), "the posts go: {heard:?}");
        assert!(heard[1].starts_with("not_found") && heard[1].contains("blog"), "{heard:?}");
    }

    /// A post made while watching starts (after the watcher could have listed the posts, before
    /// the watch is set: no event tells of it) is known all the same: moving its folder later
    /// moves it in the list rather than leaving it listed where it was.
    #[test]
    fn a_post_made_as_watching_starts_moves_with_its_folder() {
        let dir = tempfile::tempdir().unwrap();
        let root = std::fs::canonicalize(dir.path()).unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        let made = root.clone();
        let make_post = move || {
            std::fs::create_dir(made.join("trip")).unwrap();
            std::fs::write(made.join("trip/lake.md"), "lake").unwrap();
        };
        let on_events = move |batch| drop(tx.send(batch));
        let _watcher = FolderWatcher::start(&root, on_events, |e| panic!("watching failed: {e}"), make_post).unwrap();
        std::fs::rename(root.join("trip"), root.join("journey")).unwrap();
        let moved = PostEvent::Renamed { from: "trip/lake.md".into(), to: "journey/lake.md".into() };
        let mut seen = Vec::new();
        while !seen.contains(&moved) {
            match rx.recv_timeout(Duration::from_secs(5)) {
                Ok(batch) => seen.extend(batch),
                Err(_) => panic!("no {moved:?}; saw {seen:?}"),
            }
        }
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
            listed(&root),
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
