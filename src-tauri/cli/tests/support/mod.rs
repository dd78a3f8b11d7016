//! What every CLI test starts from: the binary run in a folder, and posts written into it.

use assert_cmd::Command;
use std::fs;
use std::path::Path;

/// The CLI run in `dir`.
pub fn cli(dir: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_draftsmith-cli"));
    cmd.current_dir(dir);
    cmd
}

/// Write `text` at `rel` under `root`, making its folders.
pub fn write(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
}

/// What a run that succeeded printed.
#[allow(dead_code)]
pub fn stdout_of(cmd: &mut Command) -> String {
    let out = cmd.assert().success().get_output().stdout.clone();
    String::from_utf8(out).unwrap()
}

/// What a run that failed with exit `code` printed to stderr.
#[allow(dead_code)]
pub fn stderr_of_failure(cmd: &mut Command, code: i32) -> String {
    let out = cmd.assert().code(code).get_output().stderr.clone();
    String::from_utf8(out).unwrap()
}

/// A post with a title, a date, a draft flag, two tags and a category.
#[allow(dead_code)]
pub fn post(title: &str, date: &str, draft: bool) -> String {
    format!(
        "---\ntitle: \"{title}\"\ndate: {date}\ndraft: {draft}\ntags: [\"kayak\", \"rivers\"]\ncategories: [\"Trips\"]\n---\n\nPaddled the upper stretch today.\n"
    )
}

/// Three posts: two published, one draft, oldest to newest.
#[allow(dead_code)]
pub fn blog() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "posts/first.md",
        &post("First launch", "2024-03-01T08:00:00+01:00", false),
    );
    write(
        dir.path(),
        "posts/second.md",
        &post("Second run", "2025-06-10", false),
    );
    write(
        dir.path(),
        "posts/third.md",
        &post("Third, unfinished", "2025-09-16T09:00:00-05:00", true),
    );
    dir
}
