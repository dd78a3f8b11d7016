//! The folder-level expansion against real folders in a temporary directory.

use super::*;
use notify::event::{DataChange, Event};
use std::fs;

fn raw(kind: EventKind, paths: &[PathBuf]) -> DebouncedEvent {
    let mut event = Event::new(kind);
    event.paths = paths.to_vec();
    DebouncedEvent::new(event, std::time::Instant::now())
}

/// A folder of posts renamed, with a post inside written before or after in the same batch:
/// the events bring the listing to what is on disk, and the watcher remembers that.
fn folder_renamed_with_a_post_written(written_first: bool) {
    let dir = tempfile::tempdir().unwrap();
    let root = fs::canonicalize(dir.path()).unwrap();
    fs::create_dir(root.join("posts")).unwrap();
    fs::write(root.join("posts/a.md"), "one").unwrap();
    let mut known = KnownPosts::scan(&root);
    let before: BTreeSet<String> = post_paths_under(&root, &root).into_iter().collect();
    let written = |rel: &str| raw(EventKind::Modify(ModifyKind::Data(DataChange::Content)), &[root.join(rel)]);
    let mut events = Vec::new();
    if written_first {
        fs::write(root.join("posts/a.md"), "two").unwrap();
        events.push(written("posts/a.md"));
    }
    fs::rename(root.join("posts"), root.join("archive")).unwrap();
    events.push(raw(EventKind::Modify(ModifyKind::Name(RenameMode::Both)), &[root.join("posts"), root.join("archive")]));
    if !written_first {
        fs::write(root.join("archive/a.md"), "two").unwrap();
        events.push(written("archive/a.md"));
    }
    let batch = known.expand(&events, super::super::classify(&root, &events));
    let mut listing = before.clone();
    for path in batch.iter().flat_map(PostEvent::paths) {
        if root.join(path).is_file() {
            listing.insert(path.to_string());
        } else {
            listing.remove(path);
        }
    }
    let after: BTreeSet<String> = post_paths_under(&root, &root).into_iter().collect();
    assert_eq!(listing, after, "events: {batch:?}");
    assert_eq!(known.posts, after, "what the watcher remembers; events: {batch:?}");
}

#[test]
fn a_folder_renamed_then_a_post_inside_written_is_both() {
    folder_renamed_with_a_post_written(false);
}

#[test]
fn a_post_written_then_its_folder_renamed_is_both() {
    folder_renamed_with_a_post_written(true);
}

/// A folder removed and made again in one batch, its posts back in it (a checkout of
/// another branch): they changed, they did not go.
#[test]
fn a_folder_removed_and_made_again_keeps_its_posts() {
    let dir = tempfile::tempdir().unwrap();
    let root = fs::canonicalize(dir.path()).unwrap();
    fs::create_dir(root.join("posts")).unwrap();
    fs::write(root.join("posts/a.md"), "one").unwrap();
    let mut known = KnownPosts::scan(&root);
    fs::remove_dir_all(root.join("posts")).unwrap();
    fs::create_dir(root.join("posts")).unwrap();
    fs::write(root.join("posts/a.md"), "two").unwrap();
    let events = [
        raw(EventKind::Remove(RemoveKind::Folder), &[root.join("posts")]),
        raw(EventKind::Create(CreateKind::Folder), &[root.join("posts")]),
    ];
    let batch = known.expand(&events, super::super::classify(&root, &events));
    assert_eq!(batch, [PostEvent::Changed { path: "posts/a.md".into() }]);
    assert!(known.posts.contains("posts/a.md"));
}

/// A link to a folder moved in (as `ln -sfn` puts one in place) is not a folder of posts:
/// the list never shows posts through links, and the folder it leads to may be anywhere.
#[test]
fn a_link_to_a_folder_moved_in_is_not_walked() {
    let dir = tempfile::tempdir().unwrap();
    let base = fs::canonicalize(dir.path()).unwrap();
    let root = base.join("blog");
    fs::create_dir_all(base.join("elsewhere/deep")).unwrap();
    fs::write(base.join("elsewhere/deep/x.md"), "x").unwrap();
    fs::create_dir(&root).unwrap();
    let mut known = KnownPosts::scan(&root);
    std::os::unix::fs::symlink(base.join("elsewhere"), root.join("tmp-link")).unwrap();
    fs::rename(root.join("tmp-link"), root.join("shared")).unwrap();
    let moved = raw(EventKind::Modify(ModifyKind::Name(RenameMode::Both)), &[root.join("tmp-link"), root.join("shared")]);
    let arrived = raw(EventKind::Modify(ModifyKind::Name(RenameMode::To)), &[root.join("shared")]);
    let events = [moved, arrived];
    let batch = known.expand(&events, super::super::classify(&root, &events));
    assert_eq!(batch, [], "posts through a link are never listed");
    assert!(known.posts.is_empty());
}

/// Events lost in a burst (the system's queue overflowed): one event says to rescan.
#[test]
fn a_rescan_reports_every_post_as_it_is_now() {
    let dir = tempfile::tempdir().unwrap();
    let root = fs::canonicalize(dir.path()).unwrap();
    fs::write(root.join("a.md"), "a").unwrap();
    fs::write(root.join("b.md"), "b").unwrap();
    let mut known = KnownPosts::scan(&root);
    fs::remove_file(root.join("a.md")).unwrap();
    fs::write(root.join("b.md"), "b2").unwrap();
    fs::write(root.join("c.md"), "c").unwrap();
    let overflow = Event::new(EventKind::Other).set_flag(notify::event::Flag::Rescan);
    let events = [DebouncedEvent::new(overflow, std::time::Instant::now())];
    let batch = known.expand(&events, super::super::classify(&root, &events));
    let (removed, changed, created) = (
        PostEvent::Removed { path: "a.md".into() },
        PostEvent::Changed { path: "b.md".into() },
        PostEvent::Created { path: "c.md".into() },
    );
    assert_eq!(batch, [removed, changed, created]);
    assert_eq!(known.posts, ["b.md".to_string(), "c.md".to_string()].into());
}

/// The workspace folder itself deleted or moved away: the only event is the root's own.
#[test]
fn the_workspace_folder_gone_removes_every_post() {
    for kind in [
        EventKind::Remove(RemoveKind::Folder),
        EventKind::Modify(ModifyKind::Name(RenameMode::From)),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let root = fs::canonicalize(dir.path()).unwrap().join("blog");
        fs::create_dir_all(root.join("posts")).unwrap();
        fs::write(root.join("posts/a.md"), "a").unwrap();
        fs::write(root.join("b.md"), "b").unwrap();
        let mut known = KnownPosts::scan(&root);
        fs::remove_dir_all(&root).unwrap();
        let events = [raw(kind, std::slice::from_ref(&root))];
        let batch = known.expand(&events, super::super::classify(&root, &events));
        let removed = |path: &str| PostEvent::Removed { path: path.into() };
        assert_eq!(batch, [removed("b.md"), removed("posts/a.md")], "{kind:?}");
        assert!(known.posts.is_empty());
    }
}

#[cfg(unix)]
#[test]
fn posts_whose_names_are_not_utf8_are_followed_like_the_others() {
    use std::os::unix::ffi::OsStrExt;
    let name = |bytes: &[u8]| std::ffi::OsStr::from_bytes(bytes).to_os_string();
    let dir = tempfile::tempdir().unwrap();
    let root = fs::canonicalize(dir.path()).unwrap();
    fs::create_dir(root.join("posts")).unwrap();
    fs::write(root.join("posts").join(name(b"caf\xe9.md")), "one").unwrap();
    let mut known = KnownPosts::scan(&root);
    let before = known.posts.clone();
    let added = root.join(name(b"\xff.md"));
    fs::write(&added, "two").unwrap();
    fs::rename(root.join("posts"), root.join("archive")).unwrap();
    let events = [
        raw(EventKind::Create(CreateKind::File), &[added]),
        raw(EventKind::Modify(ModifyKind::Name(RenameMode::Both)), &[root.join("posts"), root.join("archive")]),
    ];
    let batch = known.expand(&events, super::super::classify(&root, &events));
    let after: BTreeSet<String> = post_paths_under(&root, &root).into_iter().collect();
    assert_eq!(after.len(), 2);
    assert_eq!(known.posts, after, "events: {batch:?}");
    let named: BTreeSet<&str> = batch.iter().flat_map(PostEvent::paths).collect();
    for path in before.iter().chain(&after) {
        assert!(named.contains(path.as_str()), "{path:?} not in {batch:?}");
    }

    // A folder renamed to a name that is not UTF-8, then removed: its posts follow it.
    let folder = root.join(name(b"\xe4rchive"));
    fs::rename(root.join("archive"), &folder).unwrap();
    let events = [raw(EventKind::Modify(ModifyKind::Name(RenameMode::Both)), &[root.join("archive"), folder.clone()])];
    let batch = known.expand(&events, super::super::classify(&root, &events));
    let moved: BTreeSet<String> = post_paths_under(&root, &root).into_iter().collect();
    assert_eq!(known.posts, moved, "events: {batch:?}");
    fs::remove_dir_all(&folder).unwrap();
    let events = [raw(EventKind::Remove(RemoveKind::Folder), &[folder])];
    let batch = known.expand(&events, super::super::classify(&root, &events));
    assert_eq!(known.posts.len(), 1, "events: {batch:?}");
}
