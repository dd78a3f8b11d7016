//! The CLI end to end, over posts each test writes into its own temp folder.

mod support;

use support::{blog, cli, post, stderr_of_failure, stdout_of, write};
use std::fs;

const BOM: &str = "\u{feff}";

#[test]
fn list_prints_a_table_newest_first() {
    let dir = blog();
    let out = stdout_of(cli(dir.path()).arg("list"));
    let lines: Vec<_> = out.lines().collect();
    assert_eq!(lines.len(), 3, "{out}");
    assert!(
        lines[0].starts_with("2025-09-16  draft  Third, unfinished"),
        "{out}"
    );
    assert!(lines[0].ends_with("posts/third.md"), "{out}");
    assert!(
        lines[1].contains("Second run") && lines[1].ends_with("posts/second.md"),
        "{out}"
    );
    assert!(
        lines[2].starts_with("2024-03-01         First launch"),
        "{out}"
    );
}

#[test]
fn list_json_has_the_summary_keys() {
    let dir = blog();
    write(dir.path(), "broken.md", "---\ntitle: [oops\n---\n");
    let out = stdout_of(cli(dir.path()).args(["list", ".", "--json"]));
    let posts: serde_json::Value = serde_json::from_str(&out).unwrap();
    let posts = posts.as_array().unwrap();
    assert_eq!(posts.len(), 4);
    for post in posts {
        let object = post.as_object().unwrap();
        for key in [
            "path",
            "title",
            "date",
            "draft",
            "tags",
            "categories",
            "problem",
        ] {
            assert!(object.contains_key(key), "{key} missing in {post}");
        }
    }
    let third = &posts[0];
    assert_eq!(third["path"], "posts/third.md");
    assert_eq!(third["date"], "2025-09-16T09:00:00-05:00");
    assert_eq!(third["draft"], true);
    assert_eq!(third["tags"], serde_json::json!(["kayak", "rivers"]));
    assert_eq!(third["categories"], serde_json::json!(["Trips"]));
    assert!(third["problem"].is_null());
    let broken = posts.iter().find(|p| p["path"] == "broken.md").unwrap();
    assert!(
        broken["problem"]
            .as_str()
            .unwrap()
            .starts_with("front matter"),
        "{broken}"
    );
    assert!(broken["date"].is_null());
}

#[test]
fn list_filters_drafts_and_published() {
    let dir = blog();
    let drafts = stdout_of(cli(dir.path()).args(["list", "--drafts"]));
    assert_eq!(drafts.lines().count(), 1);
    assert!(drafts.contains("posts/third.md"));
    let published = stdout_of(cli(dir.path()).args(["list", "--published"]));
    assert_eq!(published.lines().count(), 2);
    assert!(!published.contains("third"));
}

#[test]
fn usage_errors_exit_2() {
    let dir = blog();
    cli(dir.path())
        .args(["list", "--drafts", "--published"])
        .assert()
        .code(2);
    cli(dir.path()).arg("frobnicate").assert().code(2);
    cli(dir.path())
        .args(["draft", "maybe", "posts/first.md"])
        .assert()
        .code(2);
    cli(dir.path()).args(["draft", "on"]).assert().code(2);
    cli(dir.path())
        .args(["new", "T", "--format", "xml"])
        .assert()
        .code(2);
    cli(dir.path()).assert().code(2);
}

#[test]
fn problems_with_input_exit_1_naming_the_file() {
    let dir = blog();
    let err = stderr_of_failure(cli(dir.path()).args(["list", "no-such-folder"]), 1);
    assert!(err.starts_with("draftsmith-cli: "), "{err}");
    assert!(err.contains("no-such-folder"), "{err}");
    fs::write(dir.path().join("picture.md"), b"\x89PNG\r\n\x1a\n\0\0\0").unwrap();
    let err = stderr_of_failure(cli(dir.path()).args(["get", "picture.md"]), 1);
    assert_eq!(
        err.trim_end(),
        "draftsmith-cli: picture.md: looks like a binary file, not Markdown"
    );
    let err = stderr_of_failure(cli(dir.path()).args(["render", "missing.md"]), 1);
    assert_eq!(err.trim_end(), "draftsmith-cli: missing.md: not found");
}

#[test]
fn check_reports_each_broken_post_and_exits_1() {
    let dir = blog();
    cli(dir.path()).arg("check").assert().success().stdout("");
    write(
        dir.path(),
        "posts/broken.md",
        "---\ntitle: [oops\n---\nbody\n",
    );
    fs::write(dir.path().join("posts/latin1.md"), b"caf\xe9\n").unwrap();
    let out = cli(dir.path())
        .args(["check", "."])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).unwrap();
    let lines: Vec<_> = out.lines().collect();
    assert_eq!(lines.len(), 2, "{out}");
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("posts/broken.md: front matter")),
        "{out}"
    );
    assert!(
        lines.contains(&"posts/latin1.md: is not UTF-8 text (invalid byte at offset 3)"),
        "{out}"
    );
}

#[test]
fn get_prints_the_front_matter_or_one_key_as_json() {
    let dir = blog();
    let out = stdout_of(cli(dir.path()).args(["get", "posts/third.md"]));
    let all: serde_json::Value = serde_json::from_str(&out).unwrap();
    let keys: Vec<_> = all.as_object().unwrap().keys().cloned().collect();
    assert_eq!(keys, ["title", "date", "draft", "tags", "categories"]);
    assert_eq!(all["date"], "2025-09-16T09:00:00-05:00");
    assert_eq!(all["draft"], true);
    let tags = stdout_of(cli(dir.path()).args(["get", "posts/third.md", "tags"]));
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&tags).unwrap(),
        serde_json::json!(["kayak", "rivers"])
    );
    let err = stderr_of_failure(cli(dir.path()).args(["get", "posts/third.md", "author"]), 1);
    assert!(
        err.contains("posts/third.md") && err.contains("author"),
        "{err}"
    );
}

#[test]
fn draft_on_off_toggle_edit_the_files() {
    let dir = blog();
    let first = dir.path().join("posts/first.md");
    let out = stdout_of(cli(dir.path()).args(["draft", "on", "posts/first.md", "posts/second.md"]));
    assert_eq!(out, "posts/first.md: draft\nposts/second.md: draft\n");
    assert!(fs::read_to_string(&first)
        .unwrap()
        .contains("draft: true\n"));
    stdout_of(cli(dir.path()).args(["draft", "off", "posts/first.md"]));
    assert!(fs::read_to_string(&first)
        .unwrap()
        .contains("draft: false\n"));
    let out = stdout_of(cli(dir.path()).args(["draft", "toggle", "posts/first.md"]));
    assert_eq!(out, "posts/first.md: draft\n");
    let listed = stdout_of(cli(dir.path()).args(["list", "--drafts"]));
    assert_eq!(listed.lines().count(), 3, "{listed}");
}

#[test]
fn draft_off_without_the_key_leaves_the_bytes_identical() {
    let dir = tempfile::tempdir().unwrap();
    let text = format!("{BOM}---\r\ntitle: No draft key\r\n---\r\nBody\r\n");
    write(dir.path(), "a.md", &text);
    stdout_of(cli(dir.path()).args(["draft", "off", "a.md"]));
    assert_eq!(fs::read(dir.path().join("a.md")).unwrap(), text.as_bytes());
}

#[test]
fn draft_keeps_crlf_and_bom() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "a.md",
        &format!("{BOM}---\r\ntitle: Crlf\r\ndraft: false\r\n---\r\nBody\r\n"),
    );
    stdout_of(cli(dir.path()).args(["draft", "on", "a.md"]));
    let after = fs::read_to_string(dir.path().join("a.md")).unwrap();
    assert_eq!(
        after,
        format!("{BOM}---\r\ntitle: Crlf\r\ndraft: true\r\n---\r\nBody\r\n")
    );
}

#[test]
fn draft_reports_each_failure_and_still_does_the_rest() {
    let dir = blog();
    let assert = cli(dir.path())
        .args(["draft", "on", "missing.md", "posts/first.md"])
        .assert()
        .code(1);
    let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
    assert_eq!(stderr.trim_end(), "draftsmith-cli: missing.md: not found");
    assert!(fs::read_to_string(dir.path().join("posts/first.md"))
        .unwrap()
        .contains("draft: true"));
}

#[test]
fn set_reads_flow_values_and_keeps_crlf_and_bom() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "a.md",
        &format!("{BOM}---\r\ntitle: Crlf\r\n---\r\nBody\r\n"),
    );
    stdout_of(cli(dir.path()).args(["set", "a.md", "tags", "[canoe, lakes]"]));
    stdout_of(cli(dir.path()).args(["set", "a.md", "weight", "3"]));
    let after = fs::read_to_string(dir.path().join("a.md")).unwrap();
    assert!(
        after.starts_with(&format!("{BOM}---\r\ntitle: Crlf\r\n")),
        "{after:?}"
    );
    assert!(
        !after.replace("\r\n", "").contains('\n'),
        "a bare LF crept in: {after:?}"
    );
    assert!(after.ends_with("---\r\nBody\r\n"), "{after:?}");
    let all = stdout_of(cli(dir.path()).args(["get", "a.md"]));
    let all: serde_json::Value = serde_json::from_str(&all).unwrap();
    assert_eq!(all["tags"], serde_json::json!(["canoe", "lakes"]));
    assert_eq!(all["weight"], 3);
}

#[test]
fn unset_removes_a_key_and_only_that_key() {
    let dir = blog();
    stdout_of(cli(dir.path()).args(["unset", "posts/second.md", "categories"]));
    let after = fs::read_to_string(dir.path().join("posts/second.md")).unwrap();
    assert_eq!(
        after,
        post("Second run", "2025-06-10", false).replace("categories: [\"Trips\"]\n", "")
    );
}

#[test]
fn new_creates_a_draft_in_content_posts_and_prints_its_path() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir_all(dir.path().join("content/posts")).unwrap();
    let out = stdout_of(cli(dir.path()).args(["new", "Night Paddle"]));
    let created = dir.path().join(out.trim_end());
    assert!(
        created.starts_with(dir.path().join("content/posts")) || out.contains("content/posts"),
        "{out}"
    );
    let text = fs::read_to_string(&created).unwrap();
    assert!(text.starts_with("---"), "{text}");
    assert!(text.contains("Night Paddle"), "{text}");
    assert!(text.contains("draft: true"), "{text}");

    let out =
        stdout_of(cli(dir.path()).args(["new", "Toml One", "--dir", "notes", "--format", "toml"]));
    let text = fs::read_to_string(dir.path().join(out.trim_end())).unwrap();
    assert!(text.starts_with("+++"), "{text}");
}

#[test]
fn render_prints_the_preview_fragment() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "a.md",
        "---\ntitle: R\n---\n# Upstream\n\nSome *water*.\n<script>alert(1)</script>\n",
    );
    let html = stdout_of(cli(dir.path()).args(["render", "a.md"]));
    assert!(html.contains("Upstream"), "{html}");
    assert!(html.contains("<em>water</em>"), "{html}");
    assert!(!html.contains("<script"), "{html}");
    assert!(!html.contains("title: R"), "{html}");
}

#[test]
fn set_refuses_bad_values_and_blank_keys_naming_the_file() {
    let dir = blog();
    let before = fs::read(dir.path().join("posts/first.md")).unwrap();
    let err = stderr_of_failure(
        cli(dir.path()).args(["set", "posts/first.md", "tags", "[a, b"]),
        1,
    );
    assert!(
        err.starts_with("draftsmith-cli: posts/first.md: tags: "),
        "{err}"
    );
    let err = stderr_of_failure(cli(dir.path()).args(["set", "posts/first.md", " ", "x"]), 1);
    assert_eq!(
        err.trim_end(),
        "draftsmith-cli: posts/first.md: the key must not be empty"
    );
    assert_eq!(fs::read(dir.path().join("posts/first.md")).unwrap(), before);
}

/// A Hugo site whose posts live in `content/post/` (the older convention many themes use), or
/// a Zola site's `content/blog/`: the new post goes where the newest post is, not at the
/// site's root, where the generator never looks. In Jekyll's `_posts/` its name starts with
/// the date, without which Jekyll skips it.
#[test]
fn new_goes_where_the_posts_are() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "config.toml", "title = \"Site\"\n");
    write(dir.path(), "content/post/first.md", &post("First", "2025-01-01", false));
    write(dir.path(), "content/post/second.md", &post("Second", "2025-02-01", false));
    let printed = stdout_of(cli(dir.path()).args(["new", "Third"]));
    assert_eq!(printed.trim(), "content/post/third.md");

    let jekyll = tempfile::tempdir().unwrap();
    write(jekyll.path(), "_posts/2025-01-01-first.md", &post("First", "2025-01-01", false));
    let printed = stdout_of(cli(jekyll.path()).args(["new", "Second Post"]));
    let name = printed.trim().strip_prefix("_posts/").unwrap();
    let today = chrono::Local::now().format("%Y-%m-%d-").to_string();
    assert_eq!(name, format!("{today}second-post.md"), "{printed}");
}
