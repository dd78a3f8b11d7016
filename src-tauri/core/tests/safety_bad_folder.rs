//! A hostile or broken workspace folder: symlink loops, unreadable and read-only files, and the
//! folder vanishing while it is open. The scan terminates, errors name the file, nothing panics.

use draftsmith_core::save;
use draftsmith_core::workspace::Workspace;
use std::fs;
use std::os::unix::fs::{symlink, PermissionsExt};
use std::path::Path;
use std::sync::mpsc;
use std::time::Duration;

const POST: &str = "---\ntitle: \"Still here\"\ndraft: false\n---\nBody words.\n";

/// Root can read a file whatever its mode, so a permission test must know who runs it.
/// The trick: a mode-000 file we cannot read as anyone else is readable only by root.
fn running_as_root(dir: &Path) -> bool {
    let probe = dir.join(".root-probe");
    fs::write(&probe, "x").expect("write the probe");
    fs::set_permissions(&probe, fs::Permissions::from_mode(0o000)).expect("chmod the probe");
    let readable = fs::read(&probe).is_ok();
    let _ = fs::remove_file(&probe);
    readable
}

/// Take away this thread's power to read and search folders whatever their mode, as root has
/// (capabilities are per thread on Linux), so that it meets permissions as a user does.
/// Elsewhere this does nothing, and the caller checks [`running_as_root`].
fn without_root_read_override() {
    #[cfg(target_os = "linux")]
    {
        use rustix::thread::{capabilities, set_capabilities, CapabilitySet};
        let mut sets = capabilities(None).expect("read this thread's capabilities");
        sets.effective -= CapabilitySet::DAC_OVERRIDE | CapabilitySet::DAC_READ_SEARCH;
        set_capabilities(None, sets).expect("drop them");
    }
}

fn scan_within_a_minute(root: &Path) -> Workspace {
    let (send, receive) = mpsc::channel();
    let root = root.to_path_buf();
    std::thread::spawn(move || {
        let _ = send.send(Workspace::scan(&root));
    });
    match receive.recv_timeout(Duration::from_secs(60)) {
        Ok(result) => result.expect("the scan works"),
        Err(mpsc::RecvTimeoutError::Timeout) => panic!("the scan never finished"),
        Err(mpsc::RecvTimeoutError::Disconnected) => panic!("the scan panicked"),
    }
}

#[test]
fn symlink_loops_do_not_hang_the_scan_and_are_not_listed() {
    let dir = tempfile::tempdir().expect("temp folder");
    let root = dir.path();
    fs::create_dir(root.join("posts")).expect("mkdir");
    fs::write(root.join("posts/real.md"), POST).expect("write");
    // A folder that contains itself, two links that point at each other, a link to the root
    // from below, and a link named like a post that points at a folder.
    symlink(".", root.join("posts/self")).expect("symlink");
    symlink("b.md", root.join("posts/a.md")).expect("symlink");
    symlink("a.md", root.join("posts/b.md")).expect("symlink");
    symlink("../..", root.join("posts/up")).expect("symlink");
    symlink("..", root.join("posts/folder.md")).expect("symlink");

    let workspace = scan_within_a_minute(root);
    let listed: Vec<String> = workspace.posts().into_iter().map(|p| p.path).collect();
    assert_eq!(listed, ["posts/real.md"]);

    // A refresh of a looping link (as a watcher event would ask) does not list it either.
    let mut workspace = workspace;
    assert_eq!(workspace.refresh("posts/a.md"), None);
    assert_eq!(workspace.refresh("posts/folder.md"), None);
    assert_eq!(workspace.refresh("posts/up/x.md"), None);
    // Nor does a refresh through a folder alias list a real post a second time.
    assert_eq!(workspace.refresh("posts/self/real.md"), None);
    assert!(workspace.refresh("posts/real.md").is_some());
    let listed: Vec<String> = workspace.posts().into_iter().map(|p| p.path).collect();
    assert_eq!(listed, ["posts/real.md"]);
}

#[test]
fn an_unreadable_file_is_listed_with_a_permission_problem() {
    let dir = tempfile::tempdir().expect("temp folder");
    let path = dir.path().join("locked.md");
    fs::write(&path, POST).expect("write");
    fs::write(dir.path().join("open.md"), POST).expect("write");
    fs::set_permissions(&path, fs::Permissions::from_mode(0o000)).expect("chmod 000");

    let workspace = scan_within_a_minute(dir.path());
    assert_eq!(workspace.posts().len(), 2, "both files are listed");
    assert_eq!(
        workspace.get("open.md").and_then(|p| p.problem.clone()),
        None
    );
    let locked = workspace
        .get("locked.md")
        .expect("the locked file is listed");

    if running_as_root(dir.path()) {
        // Permissions do not stop root: the honest result is that the post reads fine.
        println!(
            "note: running as root, so a mode-000 file is readable; skipping the denial check"
        );
        assert_eq!(locked.problem, None);
        assert!(save::read_text(&path).is_ok());
    } else {
        let err = save::read_text(&path).expect_err("mode 000 cannot be read");
        assert_eq!(err.kind(), "io");
        assert!(err.to_string().contains("locked.md"), "{err}");
        assert!(err.to_string().contains("ermission denied"), "{err}");
        let problem = locked.problem.as_deref().expect("a problem is shown");
        assert!(problem.contains("locked.md"), "{problem}");
    }
    // Let the temp folder be removed.
    fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).expect("chmod back");
}

/// Opening a folder that cannot be read says so; it does not show an empty posts list.
#[test]
fn an_unreadable_workspace_folder_is_an_error_naming_it() {
    let dir = tempfile::tempdir().expect("temp folder");
    let folder = dir.path().join("locked-blog");
    fs::create_dir(&folder).expect("mkdir");
    fs::write(folder.join("post.md"), POST).expect("write");
    fs::set_permissions(&folder, fs::Permissions::from_mode(0o000)).expect("chmod 000");
    // The scan reads on the threads of a pool; here every one meets permissions as a user.
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(2)
        .start_handler(|_| without_root_read_override())
        .build()
        .expect("a thread pool");
    let scanned = pool.install(|| Workspace::scan(&folder).map(|ws| ws.posts().len()));
    let still_root = running_as_root(dir.path());
    // Let the temp folder be removed.
    fs::set_permissions(&folder, fs::Permissions::from_mode(0o755)).expect("chmod back");

    if still_root && cfg!(not(target_os = "linux")) {
        println!("note: running as root, so the folder is readable; skipping the denial check");
        return;
    }
    let err = scanned.expect_err("an unreadable folder is an error");
    assert_eq!(err.kind(), "io");
    assert!(err.to_string().contains("locked-blog"), "{err}");
    assert!(err.to_string().contains("ermission denied"), "{err}");
}

/// A folder inside the workspace that cannot be read: the others are listed, and the workspace
/// says which folder it could not read (its posts are missing from the list), not nothing.
#[test]
fn an_unreadable_folder_inside_is_named_and_the_rest_is_listed() {
    let dir = tempfile::tempdir().expect("temp folder");
    let root = dir.path();
    fs::write(root.join("open.md"), POST).expect("write");
    fs::create_dir_all(root.join("posts/private")).expect("mkdir");
    fs::write(root.join("posts/private/secret.md"), POST).expect("write");
    fs::set_permissions(root.join("posts/private"), fs::Permissions::from_mode(0o000)).expect("chmod 000");
    // A drive's own folder of recovered fragments, which only its owner reads: not the user's.
    fs::create_dir(root.join("lost+found")).expect("mkdir");
    fs::set_permissions(root.join("lost+found"), fs::Permissions::from_mode(0o000)).expect("chmod 000");
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(2)
        .start_handler(|_| without_root_read_override())
        .build()
        .expect("a thread pool");
    let scanned = pool.install(|| Workspace::scan(root));
    let still_root = running_as_root(root);
    fs::set_permissions(root.join("posts/private"), fs::Permissions::from_mode(0o755)).expect("chmod back");
    fs::set_permissions(root.join("lost+found"), fs::Permissions::from_mode(0o755)).expect("chmod back");

    if still_root && cfg!(not(target_os = "linux")) {
        println!("note: running as root, so the folder is readable; skipping the denial check");
        return;
    }
    let workspace = scanned.expect("the rest of the folder opens");
    let listed: Vec<String> = workspace.posts().into_iter().map(|p| p.path).collect();
    assert_eq!(listed, ["open.md"]);
    let unread = workspace.unreadable_folders();
    assert_eq!(unread.len(), 1, "{unread:?}");
    assert_eq!(unread[0].path, "posts/private");
    assert!(unread[0].problem.contains("ermission denied"), "{unread:?}");
}

#[test]
fn saving_over_a_read_only_file_is_refused_with_a_clear_error() {
    let dir = tempfile::tempdir().expect("temp folder");
    let path = dir.path().join("frozen.md");
    fs::write(&path, POST).expect("write");
    let loaded = save::read_text(&path).expect("read");
    fs::set_permissions(&path, fs::Permissions::from_mode(0o444)).expect("chmod 444");

    // The save refuses on the file's mode, not on what the OS would allow, so even root (who
    // could rename over it) is told the file is read-only rather than silently writing it.
    let err = save::save(&path, "changed", Some(&loaded.revision)).expect_err("read-only");
    assert_eq!(err.kind(), "io");
    let message = err.to_string();
    assert!(message.contains("frozen.md"), "{message}");
    assert!(message.contains("read-only"), "{message}");
    assert_eq!(
        fs::read_to_string(&path).expect("read"),
        POST,
        "the file is untouched"
    );
    let temp_left = fs::read_dir(dir.path())
        .expect("read dir")
        .flatten()
        .any(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with(save::TEMP_PREFIX)
        });
    assert!(!temp_left, "a refused save leaves no temp file");
}

#[test]
fn saving_into_a_read_only_folder_fails_with_an_error_naming_it() {
    let dir = tempfile::tempdir().expect("temp folder");
    let folder = dir.path().join("locked");
    fs::create_dir(&folder).expect("mkdir");
    fs::set_permissions(&folder, fs::Permissions::from_mode(0o555)).expect("chmod 555");
    let path = folder.join("new.md");
    let result = save::save(&path, POST, None);
    if running_as_root(dir.path()) {
        println!("note: running as root, so a mode-555 folder is writable; the save succeeds");
        result.expect("root may write into the folder");
        assert_eq!(fs::read_to_string(&path).expect("read"), POST);
    } else {
        let err = result.expect_err("the folder is read-only");
        assert_eq!(err.kind(), "io");
        assert!(err.to_string().contains("locked"), "{err}");
        assert!(!path.exists());
    }
    fs::set_permissions(&folder, fs::Permissions::from_mode(0o755)).expect("chmod back");
}

#[test]
fn the_workspace_folder_deleted_while_open_does_not_panic() {
    let dir = tempfile::tempdir().expect("temp folder");
    let root = dir.path().join("blog");
    fs::create_dir_all(root.join("posts")).expect("mkdir");
    fs::write(root.join("posts/one.md"), POST).expect("write");
    fs::write(root.join("two.md"), POST).expect("write");
    let mut workspace = Workspace::scan(&root).expect("scan");
    assert_eq!(workspace.posts().len(), 2);

    fs::remove_dir_all(&root).expect("delete the whole workspace");
    assert_eq!(workspace.refresh("posts/one.md"), None);
    assert_eq!(workspace.refresh("two.md"), None);
    assert_eq!(workspace.refresh("posts/new.md"), None);
    assert!(workspace.posts().is_empty(), "removed posts leave the list");

    let err = save::read_text(&root.join("two.md")).expect_err("gone");
    assert_eq!(err.kind(), "not_found");
    assert!(err.to_string().contains("two.md"), "{err}");
    let err = Workspace::scan(&root).expect_err("a vanished folder cannot be scanned");
    assert_eq!(err.kind(), "not_found");
    assert!(err.to_string().contains("blog"), "{err}");
    // Saving into the vanished folder fails with the folder's name, it does not recreate it.
    let err = save::save(&root.join("two.md"), POST, None).expect_err("gone");
    assert!(err.to_string().contains("blog"), "{err}");
    assert!(!root.exists());
}

#[test]
fn a_folder_named_like_a_post_is_not_read_as_one() {
    let dir = tempfile::tempdir().expect("temp folder");
    fs::create_dir(dir.path().join("folder.md")).expect("mkdir");
    fs::write(dir.path().join("folder.md/inside.md"), POST).expect("write");
    let workspace = scan_within_a_minute(dir.path());
    let listed: Vec<String> = workspace.posts().into_iter().map(|p| p.path).collect();
    assert_eq!(listed, ["folder.md/inside.md"]);
    let err = save::read_text(&dir.path().join("folder.md")).expect_err("a folder");
    assert_eq!(err.kind(), "io");
    assert!(err.to_string().contains("folder.md"), "{err}");
}
