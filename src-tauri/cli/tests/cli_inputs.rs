//! The CLI given awkward arguments: values that look like options, outputs that name a post,
//! folders given as absolute paths. Each test writes its posts into its own temp folder.

mod support;

use assert_cmd::Command;
use support::{cli, stderr_of_failure, stdout_of, write};
use std::fs;

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

/// `--dir "$PWD/content/posts"` is the same folder as `--dir content/posts`: the post is made
/// from the site's archetype all the same.
#[test]
fn new_with_an_absolute_dir_inside_the_site_uses_the_site() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "archetypes/default.md",
        "---\ntitle: \"{{ .Title }}\"\nauthor: Kim\n---\n",
    );
    let abs = dir.path().join("content/posts");
    let printed = stdout_of(cli(dir.path()).args(["new", "Camp"]).arg("--dir").arg(&abs));
    let created = dir.path().join(printed.trim_end());
    let text = fs::read_to_string(&created).unwrap();
    assert!(text.contains("author: Kim"), "{text}");
    assert_eq!(
        created.canonicalize().unwrap(),
        abs.join("camp.md").canonicalize().unwrap()
    );
}

/// A folder elsewhere that does not exist yet is made, the printed path is plain, and in a
/// Jekyll `_posts` folder the name starts with the date there too.
#[test]
fn new_with_an_absolute_dir_elsewhere_makes_it_and_prints_a_plain_path() {
    let here = tempfile::tempdir().unwrap();
    let elsewhere = tempfile::tempdir().unwrap();
    let fresh = elsewhere.path().join("fresh/notes");
    let printed = stdout_of(
        cli(here.path())
            .args(["new", "Camp"])
            .arg("--dir")
            .arg(&fresh),
    );
    assert_eq!(
        printed.trim_end(),
        fresh.join("camp.md").display().to_string()
    );
    assert!(fresh.join("camp.md").is_file());

    let posts = elsewhere.path().join("_posts");
    fs::create_dir_all(&posts).unwrap();
    let printed = stdout_of(
        cli(here.path())
            .args(["new", "Camp"])
            .arg("--dir")
            .arg(&posts),
    );
    let today = chrono::Local::now().format("%Y-%m-%d-").to_string();
    let expected = posts.join(format!("{today}camp.md"));
    assert_eq!(printed.trim_end(), expected.display().to_string());
}

/// A folder here that is a link to one elsewhere (`notes -> ~/notes`) is that folder, as its
/// full path is: the post is made there, not refused as outside some workspace.
#[cfg(unix)]
#[test]
fn new_with_a_dir_linked_to_a_folder_elsewhere_makes_the_post_there() {
    let here = tempfile::tempdir().unwrap();
    let elsewhere = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink(elsewhere.path(), here.path().join("notes")).unwrap();
    let printed = stdout_of(cli(here.path()).args(["new", "Camp", "--dir", "notes"]));
    assert_eq!(printed, "notes/camp.md\n");
    assert!(elsewhere.path().join("camp.md").is_file());
    let printed = stdout_of(cli(here.path()).args(["new", "Fire", "--dir", "notes/trips"]));
    assert_eq!(printed, "notes/trips/fire.md\n");
    assert!(elsewhere.path().join("trips/fire.md").is_file());
}

/// `render a.md > page.html` on a full disk: the output is lost, so the exit status must say so
/// (a closed pipe, as in `| head`, is still no error).
#[test]
fn output_that_cannot_be_written_is_a_failure() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.md", POST);
    for args in [
        &["render", "a.md"][..],
        &["list", "--json"],
        &["get", "a.md"],
    ] {
        let mut cmd = Command::new("sh");
        cmd.current_dir(dir.path())
            .args(["-c", "exec \"$0\" \"$@\" > /dev/full"])
            .arg(env!("CARGO_BIN_EXE_draftsmith-cli"))
            .args(args);
        let err = stderr_of_failure(&mut cmd, 1);
        assert!(err.starts_with("draftsmith-cli: "), "{args:?}: {err}");
        assert!(err.contains("standard output"), "{args:?}: {err}");
    }
    // A pipe whose reading end is already closed: every write fails with a broken pipe.
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_draftsmith-cli"))
        .current_dir(dir.path())
        .args(["list", "."])
        .stdout(writer)
        .output()
        .unwrap();
    assert!(run.status.success(), "{run:?}");
    assert!(run.stderr.is_empty(), "{run:?}");
}

/// As in the app's New dialog: the title is trimmed, and a blank one makes no post.
#[test]
fn new_trims_the_title_and_refuses_a_blank_one() {
    let dir = tempfile::tempdir().unwrap();
    let printed = stdout_of(cli(dir.path()).args(["new", "  Night Paddle \n"]));
    assert_eq!(printed.trim_end(), "night-paddle.md");
    let title = stdout_of(cli(dir.path()).args(["get", "night-paddle.md", "title"]));
    assert_eq!(title.trim_end(), "\"Night Paddle\"");

    let err = stderr_of_failure(cli(dir.path()).args(["new", "  "]), 1);
    assert!(err.contains("title"), "{err}");
    let files: Vec<_> = fs::read_dir(dir.path()).unwrap().flatten().collect();
    assert_eq!(files.len(), 1, "{files:?}");
}

/// A title or file name with a line break or a terminal escape in it: each post stays on one
/// line, and nothing from a post drives the terminal.
#[test]
fn list_and_check_print_one_plain_line_per_post() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "a.md",
        "---\ntitle: \"one\\ntwo \\e[2J\\e[31mred\"\ndate: 2025-01-01\n---\nx\n",
    );
    write(dir.path(), "b\u{1b}[2Jx\ny.md", "---\ntitle: [oops\n---\n");
    let listed = stdout_of(cli(dir.path()).arg("list"));
    let checked = String::from_utf8(
        cli(dir.path())
            .arg("check")
            .assert()
            .code(1)
            .get_output()
            .stdout
            .clone(),
    )
    .unwrap();
    for (out, lines) in [(&listed, 2), (&checked, 1)] {
        assert_eq!(out.lines().count(), lines, "{out:?}");
        assert!(
            !out.lines().any(|l| l.contains(char::is_control)),
            "{out:?}"
        );
    }
    assert!(listed.contains("one two"), "{listed:?}");
}

/// `draft on *` in a site's folder (or `set` given the wrong file) must not put a front-matter
/// block at the top of the site's config or a note: only posts are edited.
#[test]
fn draft_set_and_unset_edit_only_posts() {
    let dir = tempfile::tempdir().unwrap();
    let config = "baseURL = \"https://example.org/\"\ntitle = \"Rivers\"\n";
    write(dir.path(), "config.toml", config);
    write(dir.path(), "notes.txt", "title: remember\n");
    write(dir.path(), "a.md", POST);
    let err = stderr_of_failure(
        cli(dir.path()).args(["draft", "on", "config.toml", "notes.txt", "a.md"]),
        1,
    );
    assert!(
        err.contains("config.toml") && err.contains("notes.txt"),
        "{err}"
    );
    stderr_of_failure(
        cli(dir.path()).args(["set", "config.toml", "draft", "true"]),
        1,
    );
    stderr_of_failure(cli(dir.path()).args(["unset", "notes.txt", "title"]), 1);
    assert_eq!(
        fs::read_to_string(dir.path().join("config.toml")).unwrap(),
        config
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("notes.txt")).unwrap(),
        "title: remember\n"
    );
    let post = fs::read_to_string(dir.path().join("a.md")).unwrap();
    assert!(post.contains("draft: true"), "{post}");
}

/// The problems of a site export name posts from the folder: one line each, no terminal escape.
#[test]
fn export_problems_print_one_plain_line_each() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "site/a.md", POST);
    write(
        dir.path(),
        "site/b\u{1b}[2Jx\ny.md",
        "---\ntitle: [oops\n---\n",
    );
    let err = stderr_of_failure(cli(dir.path()).args(["export", "site", "-o", "out"]), 1);
    let problems: Vec<_> = err
        .lines()
        .filter(|l| l.starts_with("draftsmith-cli: "))
        .collect();
    assert_eq!(problems.len(), 1, "{err:?}");
    assert!(problems[0].contains("front matter"), "{err:?}");
    assert!(
        !err.lines().any(|l| l.contains(char::is_control)),
        "{err:?}"
    );
}

/// A post in Jekyll's `_drafts/` is a draft by its place: `draft off` (or `toggle`) publishes it
/// as the app does, moved into `_posts/` and named with its date; `draft on` leaves it be.
#[test]
fn draft_off_publishes_a_post_from_the_drafts_folder_into_posts() {
    let dir = tempfile::tempdir().unwrap();
    let text = "---\ntitle: Idea\ndate: 2025-09-16\n---\nx\n";
    write(dir.path(), "blog/_drafts/idea.md", text);
    write(dir.path(), "blog/_drafts/later.md", text);
    let out = cli(dir.path()).args(["draft", "on", "blog/_drafts/later.md"]).assert().success().get_output().stdout.clone();
    assert_eq!(String::from_utf8(out).unwrap(), "blog/_drafts/later.md: draft\n");
    assert_eq!(fs::read_to_string(dir.path().join("blog/_drafts/later.md")).unwrap(), text);
    let out = cli(dir.path()).args(["draft", "off", "blog/_drafts/idea.md"]).assert().success().get_output().stdout.clone();
    assert_eq!(
        String::from_utf8(out).unwrap(),
        "blog/_drafts/idea.md: published as blog/_posts/2025-09-16-idea.md\n"
    );
    assert!(!dir.path().join("blog/_drafts/idea.md").exists());
    assert_eq!(fs::read_to_string(dir.path().join("blog/_posts/2025-09-16-idea.md")).unwrap(), text);
    let out = cli(&dir.path().join("blog/_drafts")).args(["draft", "toggle", "later.md"]).assert().success().get_output().stdout.clone();
    let said = String::from_utf8(out).unwrap();
    assert!(said.starts_with("later.md: published as /"), "{said}");
    assert!(said.ends_with("blog/_posts/2025-09-16-later.md\n"), "{said}");
    assert!(dir.path().join("blog/_posts/2025-09-16-later.md").is_file());
}

/// A post whose front matter cannot be read is not known to be published; a blank key names
/// nothing to remove.
#[test]
fn published_leaves_out_broken_posts_and_unset_refuses_a_blank_key() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "good.md", POST);
    write(dir.path(), "broken.md", "---\ntitle: [unclosed\n---\n");
    let out = cli(dir.path()).args(["list", "--published"]).assert().success().get_output().stdout.clone();
    let listed = String::from_utf8(out).unwrap();
    assert!(listed.contains("good.md") && !listed.contains("broken.md"), "{listed}");
    let err = stderr_of_failure(cli(dir.path()).args(["unset", "good.md", " "]), 1);
    assert!(err.contains("the key must not be empty"), "{err}");
    assert_eq!(fs::read_to_string(dir.path().join("good.md")).unwrap(), POST);
}

/// Nor is it left out of both lists: `--drafts` shows it (with its `error` marker and, in JSON,
/// its problem), as the site export leaves it unpublished.
#[test]
fn drafts_list_a_post_whose_front_matter_cannot_be_read() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "good.md", POST);
    write(dir.path(), "broken.md", "---\ntitle: [unclosed\n---\n");
    let out = cli(dir.path()).args(["list", "--drafts"]).assert().success().get_output().stdout.clone();
    let listed = String::from_utf8(out).unwrap();
    let row = listed.lines().find(|row| row.ends_with("broken.md")).unwrap_or_else(|| panic!("{listed}"));
    assert!(row.contains(" error "), "{row}");
    assert!(!listed.contains("good.md"), "{listed}");
    let out = cli(dir.path()).args(["list", "--drafts", "--json"]).assert().success().get_output().stdout.clone();
    let posts: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(posts.as_array().map(Vec::len), Some(1), "{posts}");
    assert_eq!(posts[0]["path"], "broken.md");
    assert!(posts[0]["problem"].is_string(), "{posts}");
}

/// A key typed with a space before or after it (`" title"`, from a quoted shell variable) made
/// a second, space-named key beside the real one; it is refused and the post left alone.
#[test]
fn set_refuses_a_key_with_a_space_around_it() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.md", POST);
    for key in [" title", "title ", "\ttags"] {
        let err = stderr_of_failure(cli(dir.path()).args(["set", "a.md", key, "x"]), 1);
        assert_eq!(
            err.trim_end(),
            format!("draftsmith-cli: a.md: the key {key:?} must not start or end with white space"),
        );
    }
    assert_eq!(fs::read_to_string(dir.path().join("a.md")).unwrap(), POST);
    cli(dir.path()).args(["set", "a.md", "cover image", "x.png"]).assert().success();
}
