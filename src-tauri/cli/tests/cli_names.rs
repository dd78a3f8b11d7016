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
        "caf\u{FFFD}.md: the file's name is not valid UTF-8; rename the file to use it in Draftsmith\n"
    );
    let out = cli(dir.path()).arg("list").assert().success().get_output().stdout.clone();
    let listed = String::from_utf8(out).unwrap();
    let row = listed.lines().find(|l| l.contains("caf\u{FFFD}")).unwrap_or_else(|| panic!("{listed}"));
    assert!(row.contains("error") && row.ends_with("  caf\u{FFFD}.md"), "{row:?}");
}

/// A name given on the command line is the file's own bytes: it is edited, or the failure
/// names it, and is never "not found" for a file that is there.
#[test]
fn commands_given_a_name_that_is_not_utf8_work_on_that_file() {
    let dir = tempfile::tempdir().unwrap();
    let post = dir.path().join(named(b"caf\xe9.md"));
    fs::write(&post, POST).unwrap();
    cli(dir.path()).arg("set").arg(named(b"caf\xe9.md")).args(["title", "Lake"]).assert().success();
    cli(dir.path()).arg("draft").arg("on").arg(named(b"caf\xe9.md")).assert().success();
    let text = fs::read_to_string(&post).unwrap();
    assert!(text.contains("title: Lake") && text.contains("draft: true"), "{text}");
    let out = cli(dir.path()).arg("get").arg(named(b"caf\xe9.md")).arg("title").assert().success().get_output().stdout.clone();
    assert_eq!(String::from_utf8(out).unwrap(), "\"Lake\"\n");

    fs::create_dir(dir.path().join("_drafts")).unwrap();
    let draft = dir.path().join("_drafts").join(named(b"id\xe9e.md"));
    fs::write(&draft, POST).unwrap();
    // Publishing names the post in `_posts/` after its name: it asks for a name it can spell.
    let draft_off = cli(dir.path()).arg("draft").arg("off").arg(draft.strip_prefix(dir.path()).unwrap()).assert().code(1);
    let err = String::from_utf8(draft_off.get_output().stderr.clone()).unwrap();
    assert!(!err.contains("not found"), "{err}");
    assert!(err.contains("_drafts/id\u{FFFD}e.md: the file's name is not valid UTF-8; rename"), "{err}");
    assert_eq!(fs::read_to_string(&draft).unwrap(), POST);
}

/// A script reading `list --json` gets the name a person can read, never the list's internal
/// marker (a NUL byte and the name's bytes in hex), and the problem says why it cannot be used.
#[test]
fn list_json_shows_a_name_that_is_not_utf8_readably() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join(named(b"caf\xe9.md")), POST).unwrap();
    let out = cli(dir.path()).args(["list", "--json"]).assert().success().get_output().stdout.clone();
    let out = String::from_utf8(out).unwrap();
    let posts: serde_json::Value = serde_json::from_str(&out).unwrap();
    let post = &posts[0];
    assert_eq!(post["path"], "caf\u{FFFD}.md", "{out}");
    let problem = post["problem"].as_str().unwrap_or_else(|| panic!("{out}"));
    assert!(problem.contains("name is not valid UTF-8"), "{out}");
    assert!(!out.contains("\\u0000"), "{out}");
}
