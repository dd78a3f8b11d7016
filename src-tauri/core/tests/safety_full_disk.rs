//! A full disk: every write the app makes (saving a post, the crash journal, a site export)
//! fails with a `disk_full` error that names the file, leaves the post wholly as it was, leaves
//! no temp file behind, and works again once there is room.
//!
//! Two ways to run out of room, so the check never depends on privileges:
//! - a file-size limit (`ulimit -f`) on a child process: always available; the write fails
//!   part way through with EFBIG, exactly where a full disk makes it fail;
//! - a real, tiny tmpfs that fills up (ENOSPC): only where this process may mount one (root
//!   with CAP_SYS_ADMIN, as in CI); elsewhere that test says it was skipped.

use draftsmith_core::export::{export_site, SiteOptions};
use draftsmith_core::journal::{Journal, JournalEntry};
use draftsmith_core::save::{self, TEMP_PREFIX};
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

/// When set, the test runs as the limited child and this is the post it saves.
const CHILD_ENV: &str = "DRAFTSMITH_FULL_DISK_POST";
const CHILD_TEST: &str = "a_save_that_runs_out_of_room_leaves_the_post_whole";
/// The child's file-size limit, in 512-byte blocks (`ulimit -f` in POSIX sh).
const LIMIT_BLOCKS: u64 = 16;

/// One test at a time: each starts processes (`sh`, `mount`), and a process forked while
/// another test's filler file is open holds it until it runs its program, so removing the
/// filler may not give the room back at once (a rare "disk full" after the room was made).
static ONE_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());

fn one_at_a_time() -> std::sync::MutexGuard<'static, ()> {
    ONE_AT_A_TIME.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

fn old_post() -> String {
    "---\ntitle: \"Kept\"\ndraft: false\n---\n\nThe words already on disk.\n".to_string()
}

/// Larger than the limit, so the write must fail part way.
fn new_post() -> String {
    let mut text = "---\ntitle: \"Too big\"\n---\n\n".to_string();
    while text.len() < (LIMIT_BLOCKS as usize * 512) * 4 {
        text.push_str("A line the disk has no room for.\n");
    }
    text
}

fn temp_files(dir: &Path) -> Vec<PathBuf> {
    fs::read_dir(dir)
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with(TEMP_PREFIX))
        .map(|e| e.path())
        .collect()
}

/// The child: try the save under the limit and print the error's kind and message.
fn run_child(post: &Path) {
    let loaded = save::read_text(post).expect("the child reads the post");
    match save::save(post, &new_post(), Some(&loaded.revision)) {
        Ok(_) => println!("RESULT saved"),
        Err(e) => println!("RESULT {}|{e}", e.kind()),
    }
}

#[test]
fn a_save_that_runs_out_of_room_leaves_the_post_whole() {
    let _one = one_at_a_time();
    if let Some(post) = std::env::var_os(CHILD_ENV) {
        run_child(Path::new(&post));
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let post = dir.path().join("post.md");
    fs::write(&post, old_post()).unwrap();

    // SIGXFSZ would kill the child at the limit; ignored, the write returns EFBIG instead.
    let script = format!("trap '' XFSZ; ulimit -f {LIMIT_BLOCKS}; exec \"$0\" \"$@\"");
    let output = Command::new("sh")
        .args(["-c", &script])
        .arg(std::env::current_exe().unwrap())
        .args(["--exact", CHILD_TEST, "--nocapture", "--test-threads=1"])
        .env(CHILD_ENV, &post)
        .output()
        .expect("run the limited child");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let result = stdout
        .lines()
        .find_map(|l| l.split_once("RESULT ").map(|(_, r)| r))
        .unwrap_or_else(|| {
            panic!(
                "the child reported nothing: {stdout} {}",
                String::from_utf8_lossy(&output.stderr)
            )
        });
    let (kind, message) = result.split_once('|').unwrap_or((result, ""));
    assert_eq!(
        kind, "disk_full",
        "the save failed as a full disk: {result}"
    );
    assert!(
        message.contains("post.md") && message.contains("disk space"),
        "{message}"
    );
    assert_eq!(
        fs::read_to_string(&post).unwrap(),
        old_post(),
        "the post is wholly the old version"
    );
    assert!(
        temp_files(dir.path()).is_empty(),
        "the failed save removed its temp file"
    );

    // With room again (no limit here), the same save goes through.
    let loaded = save::read_text(&post).unwrap();
    save::save(&post, &new_post(), Some(&loaded.revision)).unwrap();
    assert_eq!(fs::read_to_string(&post).unwrap(), new_post());
}

/// A tmpfs of a few pages mounted on a temp dir, unmounted when dropped.
struct TinyDisk {
    dir: tempfile::TempDir,
}

impl TinyDisk {
    fn mount(bytes: usize) -> Option<TinyDisk> {
        let dir = tempfile::tempdir().ok()?;
        let mounted = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={bytes}"), "tmpfs"])
            .arg(dir.path())
            .stderr(std::process::Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        mounted.then_some(TinyDisk { dir })
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Fill every free byte with a file that can be removed to make room again.
    fn fill(&self) -> PathBuf {
        let filler = self.path().join("filler.bin");
        let mut file = fs::File::create(&filler).unwrap();
        let chunk = vec![b'x'; 4096];
        while file.write_all(&chunk).is_ok() {}
        while file.write_all(b"x").is_ok() {}
        let _ = file.sync_all();
        filler
    }
}

impl Drop for TinyDisk {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(self.dir.path()).status();
    }
}

#[test]
fn a_really_full_disk_refuses_saves_journal_and_export_clearly_and_recovers() {
    let _one = one_at_a_time();
    let Some(disk) = TinyDisk::mount(256 * 1024) else {
        eprintln!("skipped: cannot mount a tmpfs here (needs root with CAP_SYS_ADMIN); the file-size-limit test covers the same path");
        return;
    };
    let root = disk.path().join("blog");
    fs::create_dir_all(&root).unwrap();
    let post = root.join("post.md");
    fs::write(&post, old_post()).unwrap();
    let journal = Journal::new(disk.path().join("journal"));
    let out = disk.path().join("site");
    let filler = disk.fill();

    let loaded = save::read_text(&post).unwrap();
    let err = save::save(&post, &new_post(), Some(&loaded.revision)).unwrap_err();
    assert_eq!(err.kind(), "disk_full", "{err}");
    assert!(err.to_string().contains("post.md"), "{err}");
    assert_eq!(
        fs::read_to_string(&post).unwrap(),
        old_post(),
        "the post is untouched"
    );
    assert!(temp_files(&root).is_empty(), "no temp file left behind");

    let entry = JournalEntry {
        root: root.display().to_string(),
        path: "post.md".into(),
        text: new_post(),
        base_revision: loaded.revision.clone(),
        written_at: "2026-01-01T00:00:00Z".into(),
    };
    let err = journal.write(&entry).unwrap_err();
    assert_eq!(err.kind(), "disk_full", "{err}");

    let err = export_site(&root, &out, &SiteOptions::default(), &mut |_, _| {}).unwrap_err();
    assert_eq!(err.kind(), "disk_full", "{err}");

    // Room again: everything that failed now works, and nothing was lost on the way.
    fs::remove_file(filler).unwrap();
    save::save(&post, &new_post(), Some(&loaded.revision)).unwrap();
    assert_eq!(fs::read_to_string(&post).unwrap(), new_post());
    journal.write(&entry).unwrap();
    assert_eq!(journal.entries(&entry.root), vec![entry]);
    export_site(&root, &out, &SiteOptions::default(), &mut |_, _| {}).unwrap();
    assert!(out.join("index.html").is_file());
}

#[test]
fn a_new_post_on_a_full_disk_leaves_no_empty_post_behind() {
    let _one = one_at_a_time();
    use draftsmith_core::front_matter::Format;
    use draftsmith_core::new_post::create_post;
    let Some(disk) = TinyDisk::mount(256 * 1024) else {
        eprintln!("skipped: cannot mount a tmpfs here (needs root with CAP_SYS_ADMIN)");
        return;
    };
    let root = disk.path().join("blog");
    fs::create_dir_all(&root).unwrap();
    let filler = disk.fill();
    let now = chrono::DateTime::parse_from_rfc3339("2025-03-04T05:06:07+00:00").unwrap();
    let err = create_post(&root, Path::new(""), "Room", Format::Yaml, now).unwrap_err();
    assert_eq!(err.kind(), "disk_full", "{err}");
    let left: Vec<_> = fs::read_dir(&root)
        .unwrap()
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert!(
        left.is_empty(),
        "an empty post (or a temp file) was left: {left:?}"
    );
    // Room again: the post gets its own name, not `room-2.md` beside an empty `room.md`.
    fs::remove_file(filler).unwrap();
    let path = create_post(&root, Path::new(""), "Room", Format::Yaml, now).unwrap();
    assert_eq!(path, root.join("room.md"));
}

/// When set, the test runs as the limited child and this is the folder it exports from (`blog`)
/// and into (`site`).
const EXPORT_CHILD_ENV: &str = "DRAFTSMITH_FULL_DISK_EXPORT";
const EXPORT_CHILD_TEST: &str = "a_picture_copy_that_runs_out_of_room_leaves_the_earlier_copy_whole";

/// A picture copied by an earlier export stays whole when copying its new version runs out of
/// room part way: the site keeps a good (older) picture instead of a truncated one.
#[test]
fn a_picture_copy_that_runs_out_of_room_leaves_the_earlier_copy_whole() {
    let _one = one_at_a_time();
    if let Some(dir) = std::env::var_os(EXPORT_CHILD_ENV) {
        let dir = Path::new(&dir);
        let site = export_site(&dir.join("blog"), &dir.join("site"), &SiteOptions::default(), &mut |_, _| {});
        match site {
            Ok(_) => println!("RESULT exported"),
            Err(e) => println!("RESULT {}|{e}", e.kind()),
        }
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (root, out) = (dir.path().join("blog"), dir.path().join("site"));
    fs::create_dir_all(&root).unwrap();
    fs::write(root.join("a.md"), "# A\n\n![c](chart.png)\n").unwrap();
    let old_picture = b"the chart as it was".to_vec();
    fs::write(root.join("chart.png"), &old_picture).unwrap();
    export_site(&root, &out, &SiteOptions::default(), &mut |_, _| {}).unwrap();
    // A new version of the picture larger than the child may write.
    fs::write(root.join("chart.png"), vec![b'c'; LIMIT_BLOCKS as usize * 512 * 4]).unwrap();

    let script = format!("trap '' XFSZ; ulimit -f {LIMIT_BLOCKS}; exec \"$0\" \"$@\"");
    let output = Command::new("sh")
        .args(["-c", &script])
        .arg(std::env::current_exe().unwrap())
        .args(["--exact", EXPORT_CHILD_TEST, "--nocapture", "--test-threads=1"])
        .env(EXPORT_CHILD_ENV, dir.path())
        .output()
        .expect("run the limited child");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let result = stdout.lines().find_map(|l| l.split_once("RESULT ").map(|(_, r)| r));
    let result = result.unwrap_or_else(|| panic!("the child reported nothing: {stdout}"));
    assert!(result.starts_with("disk_full|"), "the copy failed as a full disk: {result}");
    let copy = fs::read(out.join("chart.png")).unwrap();
    assert!(copy == old_picture, "the earlier copy is not whole: {} bytes", copy.len());
    let left: Vec<_> = fs::read_dir(&out)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with('.') && name != ".draftsmith-export")
        .collect();
    assert!(left.is_empty(), "temp files left behind: {left:?}");
}
