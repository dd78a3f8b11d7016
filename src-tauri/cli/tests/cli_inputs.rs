//! The CLI given awkward arguments: values that look like options, outputs that name a post,
//! folders given as absolute paths. Each test writes its posts into its own temp folder.

use assert_cmd::Command;
use std::fs;
use std::path::Path;

fn cli(dir: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_draftsmith-cli"));
    cmd.current_dir(dir);
    cmd
}

fn write(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
}

fn stderr_of_failure(cmd: &mut Command, code: i32) -> String {
    let out = cmd.assert().code(code).get_output().stderr.clone();
    String::from_utf8(out).unwrap()
}

const POST: &str = "---\ntitle: Portage\ndraft: false\n---\n\nCarried the canoe a mile.\n";

/// `-o` naming the post itself (or another post) would replace the Markdown with HTML.
#[test]
fn export_refuses_to_write_the_page_over_a_post() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "posts/portage.md", POST);
    write(dir.path(), "posts/other.md", POST);
    for out in ["posts/portage.md", "posts/other.md"] {
        let err = stderr_of_failure(
            cli(dir.path()).args(["export", "posts/portage.md", "-o", out]),
            1,
        );
        assert!(err.contains(out), "{err}");
        assert_eq!(fs::read_to_string(dir.path().join(out)).unwrap(), POST);
    }
}

/// `weight -1` (Hugo's ordering key) and other values starting with a hyphen are values, not
/// options.
#[test]
fn set_takes_values_that_start_with_a_hyphen() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.md", POST);
    cli(dir.path())
        .args(["set", "a.md", "weight", "-1"])
        .assert()
        .success();
    cli(dir.path())
        .args(["set", "a.md", "subtitle", "-- and back"])
        .assert()
        .success();
    let out = cli(dir.path()).args(["get", "a.md"]).assert().success();
    let fields: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(fields["weight"], -1);
    assert_eq!(fields["subtitle"], "-- and back");
}
