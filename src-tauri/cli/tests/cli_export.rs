//! The CLI's exports end to end (one page, a site), and its writes when the disk runs out of
//! room, over posts each test writes into its own temp folder.

mod support;

use assert_cmd::Command;
use std::fs;
use std::path::Path;
use support::{blog, cli, post, stdout_of, write};

#[test]
fn export_writes_one_page_for_a_post() {
    let dir = blog();
    let out =
        stdout_of(cli(dir.path()).args(["export", "posts/second.md", "-o", "out/second.html"]));
    assert_eq!(out, "out/second.html\n");
    let html = fs::read_to_string(dir.path().join("out/second.html")).unwrap();
    assert!(html.contains("<html"), "{html}");
    assert!(html.contains("Second run"), "{html}");
    assert!(html.contains("Paddled the upper stretch"), "{html}");
}

#[test]
fn export_of_a_folder_writes_published_posts_unless_drafts_are_asked_for() {
    let dir = blog();
    let assert = cli(dir.path())
        .args(["export", "posts", "-o", "site"])
        .assert()
        .success();
    let stdout = String::from_utf8(assert.get_output().stdout.clone()).unwrap();
    assert!(stdout.starts_with("2 pages written to "), "{stdout}");
    let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
    assert!(stderr.contains("exported 2/2"), "{stderr}");
    let index = fs::read_to_string(dir.path().join("site/index.html")).unwrap();
    assert!(
        index.contains("Second run") && !index.contains("Third, unfinished"),
        "{index}"
    );

    let with_drafts = stdout_of(cli(dir.path()).args(["export", "posts", "-o", "all", "--drafts"]));
    assert!(
        with_drafts.starts_with("3 pages written to "),
        "{with_drafts}"
    );
    cli(dir.path())
        .args(["export", "missing", "-o", "x"])
        .assert()
        .code(1);
}

/// The CLI under a file-size limit (`ulimit -f`, 512-byte blocks): writes fail part way, as on
/// a full disk. SIGXFSZ is ignored so the write returns an error instead of killing the CLI.
fn cli_with_little_room(dir: &Path, blocks: u32) -> Command {
    let mut cmd = Command::new("sh");
    cmd.current_dir(dir)
        .args([
            "-c",
            &format!("trap '' XFSZ; ulimit -f {blocks}; exec \"$0\" \"$@\""),
        ])
        .arg(env!("CARGO_BIN_EXE_draftsmith-cli"));
    cmd
}

#[test]
fn a_full_disk_is_reported_clearly_and_leaves_the_post_whole() {
    let dir = blog();
    let long = "Paddled the upper stretch today.\n".repeat(300);
    let text = format!("{}{long}", post("Long day", "2025-07-01", false));
    write(dir.path(), "posts/long.md", &text);

    let assert = cli_with_little_room(dir.path(), 8)
        .args(["set", "posts/long.md", "title", "\"A new title\""])
        .assert()
        .code(1);
    let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
    assert!(
        stderr.contains("long.md") && stderr.contains("not enough disk space"),
        "{stderr}"
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("posts/long.md")).unwrap(),
        text
    );
    let leftovers: Vec<_> = fs::read_dir(dir.path().join("posts"))
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with(".draftsmith"))
        .collect();
    assert!(leftovers.is_empty(), "no temp file left: {leftovers:?}");

    let assert = cli_with_little_room(dir.path(), 8)
        .args(["export", "posts/long.md", "-o", "long.html"])
        .assert()
        .code(1);
    let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
    assert!(stderr.contains("not enough disk space"), "{stderr}");
}

/// A site goes into a folder: `-o` naming a file (a page exported earlier) is refused with
/// that said, not with the system's "File exists", and the file is left as it was.
#[test]
fn export_of_a_folder_to_a_file_says_a_site_needs_a_folder() {
    let dir = blog();
    write(dir.path(), "page.html", "<p>mine</p>");
    let err = support::stderr_of_failure(cli(dir.path()).args(["export", "posts", "-o", "page.html"]), 1);
    assert_eq!(
        err.trim_end(),
        "draftsmith-cli: page.html: is a file; a site is exported into a folder (such as site/)"
    );
    assert_eq!(fs::read_to_string(dir.path().join("page.html")).unwrap(), "<p>mine</p>");
}

/// The problems of `export DIR` name each post as reached from the current folder, as `list DIR`
/// and `check DIR` do, so the path printed can be handed to `get` or opened as it is.
#[test]
fn export_problems_name_posts_from_the_current_folder() {
    let dir = blog();
    write(dir.path(), "posts/broken.md", "---\ntitle: [oops\n---\n");
    for (source, named) in [("posts", "posts/broken.md"), ("./posts/", "posts/broken.md"), (".", "posts/broken.md")] {
        let err = support::stderr_of_failure(cli(dir.path()).args(["export", source, "-o", "site"]), 1);
        let problem = format!("draftsmith-cli: {named}: front matter");
        assert!(err.lines().any(|l| l.starts_with(&problem)), "{source}: {err}");
    }
}

/// One page is "1 page", not "1 pages", in the summary and in the progress line.
#[test]
fn export_of_one_post_says_page_in_the_singular() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "posts/only.md", &post("Only one", "2025-06-10", false));
    let assert = cli(dir.path()).args(["export", "posts", "-o", "site"]).assert().success();
    let stdout = String::from_utf8(assert.get_output().stdout.clone()).unwrap();
    assert!(stdout.starts_with("1 page written to "), "{stdout}");
    let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
    assert!(stderr.contains("exported 1/1 post\n"), "{stderr}");
}

/// A big site shows progress as it goes, not only at its start and end: the pages are written
/// in batches whose counts seldom fall on a multiple of the progress step.
#[test]
fn export_of_a_big_site_shows_progress_as_it_goes() {
    let dir = tempfile::tempdir().unwrap();
    for n in 0..120 {
        write(dir.path(), &format!("posts/p{n}.md"), &post(&format!("Post {n}"), "2025-06-10", false));
    }
    let assert = cli(dir.path()).args(["export", "posts", "-o", "site"]).assert().success();
    let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
    let counts: Vec<&str> = stderr.lines().filter_map(|l| l.strip_prefix("exported ")).collect();
    assert_eq!(counts.first(), Some(&"0/120 posts"), "{stderr}");
    assert_eq!(counts.last(), Some(&"120/120 posts"), "{stderr}");
    assert!(counts.len() >= 3, "a line once 50 pages are written: {stderr}");
}
