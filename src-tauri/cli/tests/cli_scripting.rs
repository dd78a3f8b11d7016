//! The CLI as a script uses it: exit codes, what it prints, and edits that agree with each other.

mod support;

use assert_cmd::Command;
use std::fs;
use support::{cli, stderr_of_failure, stdout_of, write};

fn json_of(cmd: &mut Command) -> serde_json::Value {
    serde_json::from_str(&stdout_of(cmd)).unwrap()
}

/// A Zola post keeps its tags under `[taxonomies]`: `set` and `unset` edit them there, and `get`
/// reads them from there too.
#[test]
fn get_reads_the_tags_set_writes_under_taxonomies() {
    let dir = tempfile::tempdir().unwrap();
    let post = "+++\ntitle = \"Portage\"\n\n[taxonomies]\ntags = [\"kayak\"]\n+++\nCarried the boat.\n";
    write(dir.path(), "content/portage.md", post);
    let tags = json_of(cli(dir.path()).args(["get", "content/portage.md", "tags"]));
    assert_eq!(tags, serde_json::json!(["kayak"]));
    cli(dir.path())
        .args(["set", "content/portage.md", "tags", "[kayak, rivers]"])
        .assert()
        .success();
    let tags = json_of(cli(dir.path()).args(["get", "content/portage.md", "tags"]));
    assert_eq!(tags, serde_json::json!(["kayak", "rivers"]));
    let err = stderr_of_failure(
        cli(dir.path()).args(["get", "content/portage.md", "categories"]),
        1,
    );
    assert!(err.contains("content/portage.md"), "{err}");
    let text = fs::read_to_string(dir.path().join("content/portage.md")).unwrap();
    assert!(text.contains("[taxonomies]\ntags = "), "{text}");
}

/// `draft on` of a post in `_drafts/` writes nothing, but a file that is not there is still a
/// failure, not a post reported as a draft.
#[test]
fn draft_on_a_missing_file_in_the_drafts_folder_fails() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "_drafts/later.md", "---\ntitle: Later\n---\nSoon.\n");
    let out = stdout_of(cli(dir.path()).args(["draft", "on", "_drafts/later.md"]));
    assert_eq!(out, "_drafts/later.md: draft\n");
    let err = stderr_of_failure(
        cli(dir.path()).args(["draft", "on", "_drafts/latre.md"]),
        1,
    );
    assert!(err.contains("_drafts/latre.md"), "{err}");
}

/// A site is exported into a folder holding other files (its own `index.html`) only with
/// `--force`, as the app asks first; the folder of an earlier export needs no `--force`.
#[test]
fn export_into_a_folder_of_other_files_needs_force() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "posts/a.md", "---\ntitle: Portage\n---\nCarried the boat.\n");
    write(dir.path(), "Documents/index.html", "my own page");
    let err = stderr_of_failure(
        cli(dir.path()).args(["export", "posts", "-o", "Documents"]),
        1,
    );
    assert!(err.contains("Documents") && err.contains("--force"), "{err}");
    let mine = fs::read_to_string(dir.path().join("Documents/index.html")).unwrap();
    assert_eq!(mine, "my own page");

    cli(dir.path())
        .args(["export", "posts", "-o", "Documents", "--force"])
        .assert()
        .success();
    let index = fs::read_to_string(dir.path().join("Documents/index.html")).unwrap();
    assert!(index.contains("Portage"), "{index}");
    cli(dir.path())
        .args(["export", "posts", "-o", "Documents"])
        .assert()
        .success();
}

/// A post without front matter in a site whose posts use TOML gains a `+++` block, as in the
/// app, not a YAML one the site's other posts do not use.
#[test]
fn a_new_block_follows_the_format_of_the_sites_posts() {
    let dir = tempfile::tempdir().unwrap();
    let toml = "+++\ntitle = \"Portage\"\ndraft = false\n+++\nCarried the boat.\n";
    write(dir.path(), "content/portage.md", toml);
    write(dir.path(), "content/eddy.md", toml);
    write(dir.path(), "content/bare.md", "Just a body.\n");
    write(dir.path(), "content/plain.md", "Another body.\n");
    cli(dir.path())
        .args(["set", "content/bare.md", "title", "Bare"])
        .assert()
        .success();
    let text = fs::read_to_string(dir.path().join("content/bare.md")).unwrap();
    assert_eq!(text, "+++\ntitle = \"Bare\"\n+++\n\nJust a body.\n");
    cli(dir.path())
        .args(["draft", "on", "content/plain.md"])
        .assert()
        .success();
    let text = fs::read_to_string(dir.path().join("content/plain.md")).unwrap();
    assert_eq!(text, "+++\ndraft = true\n+++\n\nAnother body.\n");
}

/// A value the post's syntax cannot hold (TOML has no null) is refused with the file and the
/// key named, so a script over many posts says which one.
#[test]
fn a_value_the_syntax_cannot_hold_is_refused_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let post = "+++\ntitle = \"Portage\"\n+++\nCarried the boat.\n";
    write(dir.path(), "content/portage.md", post);
    let err = stderr_of_failure(
        cli(dir.path()).args(["set", "content/portage.md", "summary", "null"]),
        1,
    );
    assert!(err.contains("content/portage.md: summary: "), "{err}");
    let text = fs::read_to_string(dir.path().join("content/portage.md")).unwrap();
    assert_eq!(text, post);
}

/// Jekyll knows no `draft` key: a post in `_posts/` marked as a draft is held back by
/// `published: false` (as a new post there is), and `draft off` publishes it again.
#[test]
fn a_draft_in_jekylls_posts_folder_is_held_back_by_published_false() {
    let dir = tempfile::tempdir().unwrap();
    let post = "---\ntitle: Trip\n---\nPaddled.\n";
    write(dir.path(), "_posts/2025-09-16-trip.md", post);
    let out = stdout_of(cli(dir.path()).args(["draft", "toggle", "_posts/2025-09-16-trip.md"]));
    assert_eq!(out, "_posts/2025-09-16-trip.md: draft\n");
    let text = fs::read_to_string(dir.path().join("_posts/2025-09-16-trip.md")).unwrap();
    assert_eq!(text, "---\ntitle: Trip\npublished: false\n---\nPaddled.\n");
    cli(&dir.path().join("_posts"))
        .args(["draft", "off", "2025-09-16-trip.md"])
        .assert()
        .success();
    cli(&dir.path().join("_posts"))
        .args(["draft", "on", "2025-09-16-trip.md"])
        .assert()
        .success();
    let text = fs::read_to_string(dir.path().join("_posts/2025-09-16-trip.md")).unwrap();
    assert_eq!(text, "---\ntitle: Trip\npublished: false\n---\nPaddled.\n");
}

/// `--dir ../elsewhere` is the same folder as its full path, which `new` takes as a folder of
/// its own; through `..` back inside, it is the folder here.
#[test]
fn new_takes_a_dir_spelt_with_dot_dot_as_it_takes_its_full_path() {
    let dir = tempfile::tempdir().unwrap();
    let blog = dir.path().join("blog");
    fs::create_dir_all(blog.join("posts")).unwrap();
    let printed = stdout_of(cli(&blog).args(["new", "Camp", "--dir", "../notes"]));
    assert_eq!(printed, "../notes/camp.md\n");
    assert!(dir.path().join("notes/camp.md").is_file());
    let printed = stdout_of(cli(&blog).args(["new", "Camp", "--dir", "posts/../drafts"]));
    assert_eq!(printed, "drafts/camp.md\n");
    assert!(blog.join("drafts/camp.md").is_file());
}

/// Through a folder that is not there, `..` comes straight back: the post goes to the folder
/// meant, the printed path is plain, and the missing folder is not made on the way.
#[test]
fn new_with_a_dir_climbing_out_of_a_missing_folder_makes_nothing_stray() {
    let dir = tempfile::tempdir().unwrap();
    let printed = stdout_of(cli(dir.path()).args(["new", "Camp", "--dir", "posts/../drafts"]));
    assert_eq!(printed, "drafts/camp.md\n");
    assert!(dir.path().join("drafts/camp.md").is_file());
    assert!(!dir.path().join("posts").exists());
    let printed = stdout_of(cli(dir.path()).args(["new", "Fire", "--dir", "a/b/../../drafts/./"]));
    assert_eq!(printed, "drafts/fire.md\n");
    assert!(!dir.path().join("a").exists());
}

/// New posts follow the site's archetype as written: a `--format` the archetype is not
/// written in is refused, naming the archetype, rather than ignored.
#[test]
fn new_refuses_a_format_the_archetype_is_not_written_in() {
    let dir = tempfile::tempdir().unwrap();
    let archetype = "---\ntitle: \"{{ .Title }}\"\ndate: {{ .Date }}\n---\n";
    write(dir.path(), "archetypes/default.md", archetype);
    fs::create_dir_all(dir.path().join("content/posts")).unwrap();
    let err = stderr_of_failure(
        cli(dir.path()).args(["new", "Camp", "--format", "toml"]),
        1,
    );
    assert!(err.contains("archetypes/default.md") && err.contains("toml"), "{err}");
    assert!(!dir.path().join("content/posts/camp.md").exists());
    let printed = stdout_of(cli(dir.path()).args(["new", "Camp", "--format", "yaml"]));
    assert_eq!(printed, "content/posts/camp.md\n");
}

/// A folder holding the posts is never an export's output: that is what is said, not that
/// `--force` is needed (which would only lead to that refusal).
#[test]
fn export_into_the_posts_own_folder_says_so_without_asking_for_force() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "posts/a.md", "---\ntitle: Portage\n---\nCarried the boat.\n");
    for out in ["posts", "."] {
        let err = stderr_of_failure(cli(dir.path()).args(["export", "posts", "-o", out]), 1);
        assert!(err.contains("must not be the posts folder"), "{err}");
        assert!(!err.contains("--force"), "{err}");
    }
}

/// `list blog` and `check blog` name each post as it is reached from here, as `draft` and `new`
/// do, so a path they print can be handed straight to `get` or `draft`.
#[test]
fn list_and_check_of_another_folder_print_paths_usable_from_here() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "blog/posts/ok.md", "---\ntitle: Portage\n---\nCarried the boat.\n");
    write(dir.path(), "blog/posts/bad.md", "---\ntitle: [oops\n---\n");
    let listed = stdout_of(cli(dir.path()).args(["list", "blog", "--published"]));
    assert!(listed.trim_end().ends_with("  blog/posts/ok.md"), "{listed}");
    let posts = json_of(cli(dir.path()).args(["list", "./blog/", "--json"]));
    let paths: Vec<_> = posts.as_array().unwrap().iter().map(|p| p["path"].clone()).collect();
    assert_eq!(paths, ["blog/posts/bad.md", "blog/posts/ok.md"]);
    let checked = cli(dir.path()).args(["check", "blog"]).assert().code(1).get_output().stdout.clone();
    let checked = String::from_utf8(checked).unwrap();
    assert!(checked.starts_with("blog/posts/bad.md: front matter"), "{checked}");
    let title = json_of(cli(dir.path()).args(["get", "blog/posts/ok.md", "title"]));
    assert_eq!(title, "Portage");
}

/// `get` of a file with no front matter (a site's config, a bare note) says so and fails, rather
/// than printing `{}` as if the file had an empty block; an empty block is still `{}`.
#[test]
fn get_of_a_file_without_front_matter_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let config = "baseURL = \"https://example.org/\"\ntitle = \"Rivers\"\n";
    write(dir.path(), "config.toml", config);
    write(dir.path(), "bare.md", "Just a body.\n");
    write(dir.path(), "empty.md", "---\n---\nA body.\n");
    for file in ["config.toml", "bare.md"] {
        let err = stderr_of_failure(cli(dir.path()).args(["get", file]), 1);
        assert_eq!(err.trim_end(), format!("draftsmith-cli: {file}: has no front matter"));
        let err = stderr_of_failure(cli(dir.path()).args(["get", file, "title"]), 1);
        assert!(err.contains(file) && err.contains("no front matter"), "{err}");
    }
    assert_eq!(json_of(cli(dir.path()).args(["get", "empty.md"])), serde_json::json!({}));
    assert_eq!(fs::read_to_string(dir.path().join("config.toml")).unwrap(), config);
}

/// `--dir` naming a file (a post, typed for its folder) says that it is a file, naming it as
/// typed, rather than the system's "File exists" or "Not a directory".
#[test]
fn new_with_a_dir_that_is_a_file_says_so() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "posts/a.md", "---\ntitle: Portage\n---\nCarried the boat.\n");
    for given in ["posts/a.md", "posts/a.md/sub"] {
        let err = stderr_of_failure(cli(dir.path()).args(["new", "Camp", "--dir", given]), 1);
        assert_eq!(err.trim_end(), "draftsmith-cli: posts/a.md: is a file, not a folder", "{given}");
    }
    let files: Vec<_> = fs::read_dir(dir.path().join("posts")).unwrap().flatten().collect();
    assert_eq!(files.len(), 1, "{files:?}");
}

/// `unset` of a key the post does not have (a typo: `categroies`) removed nothing and said
/// nothing; it says so as `get` does, and leaves the file alone.
#[test]
fn unset_of_a_key_the_post_lacks_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let post = "---\ntitle: Portage\ncategories: [Trips]\n---\nCarried the boat.\n";
    write(dir.path(), "a.md", post);
    let err = stderr_of_failure(cli(dir.path()).args(["unset", "a.md", "categroies"]), 1);
    assert_eq!(err.trim_end(), "draftsmith-cli: a.md: no `categroies` in the front matter");
    assert_eq!(fs::read_to_string(dir.path().join("a.md")).unwrap(), post);
    cli(dir.path()).args(["unset", "a.md", "categories"]).assert().success();
    let text = fs::read_to_string(dir.path().join("a.md")).unwrap();
    assert_eq!(text, "---\ntitle: Portage\n---\nCarried the boat.\n");
}

/// `list` or `check` given a post instead of its folder names it as typed, not by its full path.
#[test]
fn list_and_check_of_a_file_name_it_as_typed() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "posts/a.md", "---\ntitle: Portage\n---\nCarried the boat.\n");
    for command in ["list", "check"] {
        let err = stderr_of_failure(cli(dir.path()).args([command, "posts/a.md"]), 1);
        assert_eq!(err.trim_end(), "draftsmith-cli: posts/a.md: is not a folder", "{command}");
    }
}

/// The CLI as a user meets permissions: as root (who reads a file of mode 000), without its
/// power to read any folder, so that a folder of mode 000 is unreadable as to anyone else.
#[cfg(target_os = "linux")]
fn cli_without_root_reads(dir: &std::path::Path) -> Command {
    use std::os::unix::fs::PermissionsExt;
    let probe = dir.join(".root-probe");
    fs::write(&probe, "x").unwrap();
    fs::set_permissions(&probe, fs::Permissions::from_mode(0o000)).unwrap();
    let root = fs::read(&probe).is_ok();
    fs::remove_file(&probe).unwrap();
    if !root {
        return cli(dir);
    }
    let mut cmd = Command::new("setpriv");
    cmd.current_dir(dir)
        .args(["--bounding-set", "-dac_override,-dac_read_search", "--"])
        .arg(env!("CARGO_BIN_EXE_draftsmith-cli"));
    cmd
}

/// A subfolder that cannot be read was skipped without a word, and `check` passed: `check`
/// now names it and fails, `list` warns of it on stderr.
#[cfg(target_os = "linux")]
#[test]
fn list_and_check_name_a_folder_they_could_not_read() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "blog/open.md", "---\ntitle: Portage\n---\nCarried the boat.\n");
    write(dir.path(), "blog/posts/private/secret.md", "---\ntitle: Camp\n---\n");
    let private = dir.path().join("blog/posts/private");
    fs::set_permissions(&private, fs::Permissions::from_mode(0o000)).unwrap();
    let check = cli_without_root_reads(dir.path()).args(["check", "blog"]).output().unwrap();
    let list = cli_without_root_reads(dir.path()).args(["list", "blog"]).output().unwrap();
    fs::set_permissions(&private, fs::Permissions::from_mode(0o755)).unwrap();

    assert_eq!(check.status.code(), Some(1), "{check:?}");
    let checked = String::from_utf8(check.stdout).unwrap();
    assert!(checked.starts_with("blog/posts/private: could not be read"), "{checked}");
    assert!(checked.contains("ermission denied"), "{checked}");
    assert!(list.status.success(), "{list:?}");
    assert!(String::from_utf8(list.stdout).unwrap().contains("blog/open.md"));
    let warned = String::from_utf8(list.stderr).unwrap();
    assert!(
        warned.starts_with("draftsmith-cli: blog/posts/private: could not be read"),
        "{warned}"
    );
}
