//! The folder watcher on a real folder: create, modify, save atomically, rename and delete a
//! post, waiting (generously) for each batch.

use draftsmith_core::save;
use draftsmith_core::watch::{FolderWatcher, PostEvent};
use std::fs;
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

const PATIENCE: Duration = Duration::from_secs(5);

/// Wait for a batch holding `wanted`; every event seen meanwhile is returned for messages.
fn wait_for(rx: &Receiver<Vec<PostEvent>>, wanted: &PostEvent) -> Result<(), Vec<PostEvent>> {
    let deadline = Instant::now() + PATIENCE;
    let mut seen = Vec::new();
    while let Some(left) = deadline.checked_duration_since(Instant::now()) {
        match rx.recv_timeout(left) {
            Ok(batch) if batch.contains(wanted) => return Ok(()),
            Ok(batch) => seen.extend(batch),
            Err(_) => break,
        }
    }
    Err(seen)
}

#[test]
fn watcher_reports_post_events_in_batches() {
    let dir = tempfile::tempdir().unwrap();
    let root = fs::canonicalize(dir.path()).unwrap();
    fs::create_dir(root.join("posts")).unwrap();
    let (tx, rx) = mpsc::channel();
    let _watcher = FolderWatcher::new(&root, move |batch| {
        let _ = tx.send(batch);
    })
    .unwrap();

    let a = root.join("posts/a.md");
    fs::write(&a, "---\ntitle: A\n---\n").unwrap();
    let created = PostEvent::Created {
        path: "posts/a.md".into(),
    };
    wait_for(&rx, &created).unwrap_or_else(|seen| panic!("no {created:?}; saw {seen:?}"));

    fs::write(root.join("posts/ignored.txt"), "not a post").unwrap();
    let rev = save::revision(&fs::read(&a).unwrap());
    save::save(&a, "---\ntitle: A2\n---\n", Some(&rev)).unwrap();
    let changed = PostEvent::Changed {
        path: "posts/a.md".into(),
    };
    wait_for(&rx, &changed).unwrap_or_else(|seen| panic!("no {changed:?}; saw {seen:?}"));

    fs::rename(&a, root.join("posts/b.md")).unwrap();
    let renamed = PostEvent::Renamed {
        from: "posts/a.md".into(),
        to: "posts/b.md".into(),
    };
    wait_for(&rx, &renamed).unwrap_or_else(|seen| panic!("no {renamed:?}; saw {seen:?}"));

    fs::remove_file(root.join("posts/b.md")).unwrap();
    let removed = PostEvent::Removed {
        path: "posts/b.md".into(),
    };
    match wait_for(&rx, &removed) {
        Ok(()) => {}
        Err(seen) => panic!("no {removed:?}; saw {seen:?}"),
    }
}
