//! The folder watcher on a real folder: create, modify, save atomically, rename and delete a
//! post, waiting (generously) for each batch.

use draftsmith_core::save;
use draftsmith_core::watch::{FolderWatcher, PostEvent};
use std::fs;
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

const PATIENCE: Duration = Duration::from_secs(5);

/// Everything the watcher reported so far; a batch may hold several awaited events.
struct Seen {
    rx: Receiver<Vec<PostEvent>>,
    events: Vec<PostEvent>,
}

impl Seen {
    /// Wait until `wanted` has been reported, or fail listing what was.
    fn wait_for(&mut self, wanted: &PostEvent) {
        let deadline = Instant::now() + PATIENCE;
        while !self.events.contains(wanted) {
            let left = deadline.checked_duration_since(Instant::now());
            match left.map(|left| self.rx.recv_timeout(left)) {
                Some(Ok(batch)) => self.events.extend(batch),
                _ => panic!("no {wanted:?} within {PATIENCE:?}; saw {:?}", self.events),
            }
        }
    }
}

fn watch(root: &std::path::Path) -> (FolderWatcher, Seen) {
    let (tx, rx) = mpsc::channel();
    let on_trouble = |e| panic!("watching failed: {e}");
    let watcher = FolderWatcher::new(root, move |batch| {
        let _ = tx.send(batch);
    }, on_trouble)
    .unwrap();
    (
        watcher,
        Seen {
            rx,
            events: Vec::new(),
        },
    )
}

#[test]
fn watcher_reports_post_events_in_batches() {
    let dir = tempfile::tempdir().unwrap();
    let root = fs::canonicalize(dir.path()).unwrap();
    fs::create_dir(root.join("posts")).unwrap();
    let (_watcher, mut seen) = watch(&root);

    let a = root.join("posts/a.md");
    fs::write(&a, "---\ntitle: A\n---\n").unwrap();
    let created = PostEvent::Created {
        path: "posts/a.md".into(),
    };
    seen.wait_for(&created);

    fs::write(root.join("posts/ignored.txt"), "not a post").unwrap();
    let rev = save::revision(&fs::read(&a).unwrap());
    save::save(&a, "---\ntitle: A2\n---\n", Some(&rev)).unwrap();
    let changed = PostEvent::Changed {
        path: "posts/a.md".into(),
    };
    seen.wait_for(&changed);

    fs::rename(&a, root.join("posts/b.md")).unwrap();
    let renamed = PostEvent::Renamed {
        from: "posts/a.md".into(),
        to: "posts/b.md".into(),
    };
    seen.wait_for(&renamed);

    fs::remove_file(root.join("posts/b.md")).unwrap();
    let removed = PostEvent::Removed {
        path: "posts/b.md".into(),
    };
    seen.wait_for(&removed);
}

#[test]
fn folders_of_posts_moved_around_are_reported_post_by_post() {
    let dir = tempfile::tempdir().unwrap();
    let base = fs::canonicalize(dir.path()).unwrap();
    let root = base.join("blog");
    fs::create_dir_all(root.join("trips/2024")).unwrap();
    fs::write(root.join("trips/2024/lake.md"), "lake").unwrap();
    fs::write(root.join("trips/river.md"), "river").unwrap();
    let (_watcher, mut seen) = watch(&root);

    fs::rename(root.join("trips"), root.join("journeys")).unwrap();
    for (from, to) in [
        ("trips/2024/lake.md", "journeys/2024/lake.md"),
        ("trips/river.md", "journeys/river.md"),
    ] {
        let renamed = PostEvent::Renamed {
            from: from.into(),
            to: to.into(),
        };
        seen.wait_for(&renamed);
    }

    fs::rename(root.join("journeys"), base.join("archived")).unwrap();
    let removed = PostEvent::Removed {
        path: "journeys/river.md".into(),
    };
    seen.wait_for(&removed);

    fs::rename(base.join("archived"), root.join("back")).unwrap();
    let created = PostEvent::Created {
        path: "back/2024/lake.md".into(),
    };
    seen.wait_for(&created);
}

/// The workspace folder itself moved away (or deleted) while watched: its posts go from the
/// list, and the owner is told, naming the folder, since nothing more will come from it.
#[test]
fn the_workspace_folder_moved_away_is_said() {
    let dir = tempfile::tempdir().unwrap();
    let base = fs::canonicalize(dir.path()).unwrap();
    let root = base.join("blog");
    fs::create_dir(&root).unwrap();
    fs::write(root.join("a.md"), "a").unwrap();
    let (tx, rx) = mpsc::channel();
    let (batches, _) = mpsc::channel();
    let _watcher = FolderWatcher::new(&root, move |batch| drop(batches.send(batch)), move |e| drop(tx.send(e))).unwrap();
    fs::rename(&root, base.join("blog-moved")).unwrap();
    let said = rx.recv_timeout(PATIENCE).expect("the owner is told");
    assert_eq!(said.kind(), "not_found");
    assert!(said.to_string().contains("blog"), "{said}");
}

/// The workspace folder moved away and another made in its place at once (a backup, then a
/// fresh clone under the same name): the watch stays on the folder that went, so the owner is
/// told as of a folder moved away, and the posts listed from it go.
#[test]
fn the_workspace_folder_replaced_by_another_is_said() {
    let dir = tempfile::tempdir().unwrap();
    let base = fs::canonicalize(dir.path()).unwrap();
    let root = base.join("blog");
    fs::create_dir(&root).unwrap();
    fs::write(root.join("a.md"), "a").unwrap();
    let (tx, rx) = mpsc::channel();
    let (batches, seen) = mpsc::channel();
    let _watcher = FolderWatcher::new(&root, move |batch| drop(batches.send(batch)), move |e| drop(tx.send(e))).unwrap();
    fs::rename(&root, base.join("blog.bak")).unwrap();
    fs::create_dir(&root).unwrap();
    fs::write(root.join("a.md"), "a, cloned again").unwrap();
    let said = rx.recv_timeout(PATIENCE).expect("the owner is told");
    assert_eq!(said.kind(), "not_found");
    let events: Vec<PostEvent> = seen.try_iter().flatten().collect();
    assert_eq!(events, [PostEvent::Removed { path: "a.md".into() }]);
}

/// A link in the workspace to a folder elsewhere (a photo library, a home folder): the list
/// never shows posts through links, so the watcher does not walk and watch that folder either
/// (a big one took its time and the system's watches, leaving the posts unwatched).
#[cfg(unix)]
#[test]
fn a_link_to_a_folder_elsewhere_is_not_watched_through() {
    let dir = tempfile::tempdir().unwrap();
    let base = fs::canonicalize(dir.path()).unwrap();
    let (root, elsewhere) = (base.join("blog"), base.join("elsewhere"));
    fs::create_dir_all(elsewhere.join("albums")).unwrap();
    fs::create_dir(&root).unwrap();
    std::os::unix::fs::symlink(&elsewhere, root.join("linked")).unwrap();
    let (_watcher, mut seen) = watch(&root);
    fs::write(elsewhere.join("albums/notes.md"), "not a post of the blog").unwrap();
    fs::write(root.join("a.md"), "a").unwrap();
    seen.wait_for(&PostEvent::Created { path: "a.md".into() });
    let through_link: Vec<_> = seen.events.iter().filter(|e| e.paths().iter().any(|p| p.starts_with("linked/"))).collect();
    assert!(through_link.is_empty(), "{through_link:?}");
}
