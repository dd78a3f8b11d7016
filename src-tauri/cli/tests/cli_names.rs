//! Post files whose names are not valid UTF-8 (Linux allows any bytes): listed and checked
//! like any post with a problem, and usable by name on the command line.
#![cfg(unix)]

mod support;

use std::ffi::OsStr;
use std::fs;
use std::os::unix::ffi::OsStrExt;
use support::{cli, write};

const POST: &str = "---\ntitle: Portage\ndate: 2025-09-16\n---\n\nCarried the canoe a mile.\n";

fn named(bytes: &[u8]) -> &OsStr {
    OsStr::from_bytes(bytes)
}

/// `check` must not pass a folder with a post the app cannot open, and `list` must show it.
#[test]
fn check_and_list_name_a_post_whose_name_is_not_utf8() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "good.md", POST);
    fs::write(dir.path().join(named(b"caf\xe9.md")), POST).unwrap();
    let out = cli(dir.path()).arg("check").assert().code(1).get_output().stdout.clone();
    let checked = String::from_utf8(out).unwrap();
    assert_eq!(
        checked,
        "caf\u{FFFD}.md: the file's name is not valid UTF-8; rename the file to open it\n"
    );
    let out = cli(dir.path()).arg("list").assert().success().get_output().stdout.clone();
    let listed = String::from_utf8(out).unwrap();
    let row = listed.lines().find(|l| l.contains("caf\u{FFFD}")).unwrap_or_else(|| panic!("{listed}"));
    assert!(row.contains("error") && row.ends_with("  caf\u{FFFD}.md"), "{row:?}");
}
