//! Saving and reading posts on a real file system.

use draftsmith_core::save::{
    self, clean_temp_files, read_text, revision, MAX_POST_BYTES, TEMP_PREFIX,
};
use draftsmith_core::Error;
use std::fs;
use std::path::Path;

fn temp_files_in(dir: &Path) -> Vec<String> {
    fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with(TEMP_PREFIX))
        .collect()
}

#[test]
fn save_round_trips_crlf_and_bom_bytes_exactly() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("post.md");
    let text = "\u{feff}---\r\ntitle: Crlf\r\n---\r\nBody line\r\n";
    let rev = save::save(&path, text, None).unwrap();
    assert_eq!(fs::read(&path).unwrap(), text.as_bytes());
    assert_eq!(rev, revision(text.as_bytes()));
    let loaded = read_text(&path).unwrap();
    assert_eq!(loaded.text, text);
    assert_eq!(loaded.revision, rev);
    assert!(temp_files_in(dir.path()).is_empty());
}

#[test]
fn save_with_the_read_revision_replaces_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("post.md");
    fs::write(&path, "old").unwrap();
    let loaded = read_text(&path).unwrap();
    let rev = save::save(&path, "new", Some(&loaded.revision)).unwrap();
    assert_eq!(fs::read_to_string(&path).unwrap(), "new");
    assert_eq!(rev, revision(b"new"));
    assert!(temp_files_in(dir.path()).is_empty());
}

#[test]
fn save_refuses_when_the_disk_changed_and_leaves_no_temp_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("post.md");
    fs::write(&path, "first").unwrap();
    let loaded = read_text(&path).unwrap();
    fs::write(&path, "someone else").unwrap();
    match save::save(&path, "mine", Some(&loaded.revision)) {
        Err(Error::Conflict { disk_revision, .. }) => {
            assert_eq!(disk_revision, revision(b"someone else"))
        }
        other => panic!("expected a conflict, got {other:?}"),
    }
    assert_eq!(fs::read_to_string(&path).unwrap(), "someone else");
    assert!(temp_files_in(dir.path()).is_empty());
}

#[test]
fn save_of_a_new_file_refuses_to_overwrite() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("post.md");
    fs::write(&path, "there").unwrap();
    let err = save::save(&path, "new", None).unwrap_err();
    assert_eq!(err.kind(), "already_exists");
    assert_eq!(fs::read_to_string(&path).unwrap(), "there");
    assert!(temp_files_in(dir.path()).is_empty());
}

#[test]
fn save_of_a_deleted_file_is_a_conflict() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("post.md");
    fs::write(&path, "x").unwrap();
    let loaded = read_text(&path).unwrap();
    fs::remove_file(&path).unwrap();
    let err = save::save(&path, "y", Some(&loaded.revision)).unwrap_err();
    assert_eq!(err.kind(), "conflict");
    assert!(!path.exists());
}

#[cfg(unix)]
#[test]
fn save_keeps_the_file_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("post.md");
    fs::write(&path, "x").unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
    save::save(&path, "y", Some(&revision(b"x"))).unwrap();
    let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o640);
}

#[cfg(unix)]
#[test]
fn save_through_a_symlink_writes_the_post_it_points_to() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("drafts")).unwrap();
    let real = dir.path().join("drafts/real.md");
    let link = dir.path().join("current.md");
    fs::write(&real, "old").unwrap();
    std::os::unix::fs::symlink("drafts/real.md", &link).unwrap();
    let loaded = read_text(&link).unwrap();
    save::save(&link, "new", Some(&loaded.revision)).unwrap();
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink(),
        "the link became a copy"
    );
    assert_eq!(fs::read_to_string(&real).unwrap(), "new");
    assert!(temp_files_in(dir.path()).is_empty());
}

#[cfg(unix)]
#[test]
fn save_keeps_the_owner_and_group_where_it_may_set_them() {
    use std::os::unix::fs::MetadataExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("post.md");
    fs::write(&path, "x").unwrap();
    let ours = fs::metadata(&path).unwrap();
    // Another owner (as root), else another of our own groups (a folder shared with a group).
    let groups = std::process::Command::new("id")
        .arg("-G")
        .output()
        .map(|out| out.stdout);
    let groups = String::from_utf8_lossy(&groups.unwrap_or_default()).into_owned();
    let candidates = [(Some(4321), Some(4321))].into_iter().chain(
        groups
            .split_whitespace()
            .filter_map(|g| g.parse().ok())
            .map(|g| (None, Some(g))),
    );
    let changed = candidates.into_iter().any(|(uid, gid)| {
        std::os::unix::fs::chown(&path, uid, gid).is_ok() && {
            let now = fs::metadata(&path).unwrap();
            (now.uid(), now.gid()) != (ours.uid(), ours.gid())
        }
    });
    if !changed {
        eprintln!("no other owner or group to give the file; skipping");
        return;
    }
    let before = fs::metadata(&path).unwrap();
    save::save(&path, "y", Some(&revision(b"x"))).unwrap();
    let after = fs::metadata(&path).unwrap();
    assert_eq!(fs::read_to_string(&path).unwrap(), "y");
    assert_eq!((after.uid(), after.gid()), (before.uid(), before.gid()));
}

#[cfg(unix)]
#[test]
fn a_new_file_gets_the_mode_any_new_file_gets_here() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let usual = dir.path().join("usual.md");
    fs::write(&usual, "x").unwrap();
    let path = dir.path().join("post.md");
    save::save(&path, "y", None).unwrap();
    let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(
        mode(&path),
        mode(&usual),
        "readable as any file made here (not 0600)"
    );
}

#[test]
fn save_refuses_a_read_only_file_with_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("post.md");
    fs::write(&path, "x").unwrap();
    let mut permissions = fs::metadata(&path).unwrap().permissions();
    permissions.set_readonly(true);
    fs::set_permissions(&path, permissions).unwrap();
    let err = save::save(&path, "y", Some(&revision(b"x"))).unwrap_err();
    assert_eq!(err.kind(), "io");
    assert!(err.to_string().contains("post.md"), "{err}");
    assert!(err.to_string().contains("read-only"), "{err}");
    assert_eq!(fs::read_to_string(&path).unwrap(), "x");
    assert!(temp_files_in(dir.path()).is_empty());
}

#[test]
fn read_text_reports_missing_folders_and_oversized_files() {
    let dir = tempfile::tempdir().unwrap();
    let missing = read_text(&dir.path().join("nope.md")).unwrap_err();
    assert_eq!(missing.kind(), "not_found");
    assert_eq!(read_text(dir.path()).unwrap_err().kind(), "io");

    let huge = dir.path().join("huge.md");
    // A sparse file: the size check must refuse it without reading 64 MB.
    fs::File::create(&huge)
        .unwrap()
        .set_len(MAX_POST_BYTES + 1)
        .unwrap();
    match read_text(&huge) {
        Err(Error::TooLarge { size, limit, .. }) => {
            assert_eq!(size, MAX_POST_BYTES + 1);
            assert_eq!(limit, MAX_POST_BYTES);
        }
        other => panic!("expected too large, got {other:?}"),
    }
}

#[test]
fn clean_temp_files_removes_only_stale_temp_files() {
    let dir = tempfile::tempdir().unwrap();
    let stale = dir.path().join(format!("{TEMP_PREFIX}abc"));
    let fresh = dir.path().join(format!("{TEMP_PREFIX}def"));
    let post = dir.path().join("post.md");
    for path in [&stale, &fresh, &post] {
        fs::write(path, "x").unwrap();
    }
    let an_hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    for path in [&stale, &post] {
        fs::File::options()
            .write(true)
            .open(path)
            .unwrap()
            .set_modified(an_hour_ago)
            .unwrap();
    }
    assert_eq!(clean_temp_files(dir.path()), 1);
    assert!(!stale.exists());
    assert!(fresh.exists());
    assert!(post.exists());
}

/// A post with a second hard link (the same post kept in two folders) stays one file: a save
/// through either name is seen through both (renaming a new file over one name would split
/// them, the other keeping the old text).
#[cfg(unix)]
#[test]
fn save_of_a_hard_linked_post_updates_every_name() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("post.md");
    let other = dir.path().join("mirror.md");
    fs::write(&path, "old").unwrap();
    fs::hard_link(&path, &other).unwrap();
    save::save(&path, "new", Some(&revision(b"old"))).unwrap();
    assert_eq!(fs::read_to_string(&other).unwrap(), "new");
    save::save(&other, "newer and longer", Some(&revision(b"new"))).unwrap();
    save::save(&path, "short", Some(&revision(b"newer and longer"))).unwrap();
    assert_eq!(fs::read_to_string(&other).unwrap(), "short");
    use std::os::unix::fs::MetadataExt;
    assert_eq!(fs::metadata(&path).unwrap().nlink(), 2);
    let err = save::save(&path, "stale", Some(&revision(b"old"))).unwrap_err();
    assert!(matches!(err, Error::Conflict { .. }), "{err:?}");
    assert_eq!(fs::read_to_string(&other).unwrap(), "short");
    let leftovers: Vec<_> = fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(leftovers.len(), 2, "{leftovers:?}");
}
