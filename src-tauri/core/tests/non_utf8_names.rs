//! Post files whose names are not valid UTF-8 (Linux allows any bytes but `/` and NUL): listed
//! with their problem, never hidden, and never mistaken for another file.
#![cfg(unix)]

use draftsmith_core::paths;
use draftsmith_core::workspace::Workspace;
use std::ffi::OsStr;
use std::fs;
use std::os::unix::ffi::OsStrExt;

fn named(bytes: &[u8]) -> &OsStr {
    OsStr::from_bytes(bytes)
}

#[test]
fn a_post_named_in_latin_1_is_listed_with_its_problem_and_opens_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let root = fs::canonicalize(dir.path()).unwrap();
    fs::write(root.join("good.md"), "---\ntitle: Good\n---\nbody\n").unwrap();
    fs::write(root.join(named(b"caf\xe9.md")), "---\ntitle: Latin-1\n---\none\n").unwrap();
    fs::write(root.join(named(b"caf\xe8.md")), "---\ntitle: Other\n---\ntwo\n").unwrap();
    // A real file spelt as the others read when each bad byte is shown as U+FFFD.
    fs::write(root.join("caf\u{FFFD}.md"), "---\ntitle: Replacement\n---\nthree\n").unwrap();

    let workspace = Workspace::scan(&root).unwrap();
    let posts = workspace.posts();
    assert_eq!(posts.len(), 4, "{posts:#?}");
    let bad: Vec<_> = posts.iter().filter(|p| p.problem.is_some()).collect();
    assert_eq!(bad.len(), 2, "{posts:#?}");
    for post in &bad {
        let problem = post.problem.as_deref().unwrap();
        assert!(problem.contains("not valid UTF-8") && problem.contains("rename"), "{problem}");
        assert_eq!(paths::shown(&post.path), "caf\u{FFFD}.md");
        assert_eq!(post.title, "caf\u{FFFD}");
        // Opening or saving it names it and refuses, rather than reaching the real `caf�.md`.
        let err = paths::resolve(&root, &post.path).unwrap_err();
        assert_eq!(err.kind(), "not_utf8", "{err}");
        assert!(err.to_string().starts_with("caf\u{FFFD}.md: "), "{err}");
        assert!(err.to_string().contains("rename"), "{err}");
    }
    assert_ne!(bad[0].path, bad[1].path);
    let real = workspace.get("caf\u{FFFD}.md").expect("the real file keeps its own row");
    assert_eq!((real.title.as_str(), real.problem.as_deref()), ("Replacement", None));
}

#[test]
fn a_refresh_keeps_a_badly_named_post_listed_until_it_goes() {
    let dir = tempfile::tempdir().unwrap();
    let root = fs::canonicalize(dir.path()).unwrap();
    let file = root.join("posts").join(named(b"\xff.md"));
    fs::create_dir(root.join("posts")).unwrap();
    fs::write(&file, "---\ntitle: X\n---\n").unwrap();
    let mut workspace = Workspace::scan(&root).unwrap();
    let path = workspace.posts()[0].path.clone();
    assert_eq!(paths::shown(&path), "posts/\u{FFFD}.md");

    let refreshed = workspace.refresh(&path).expect("still there");
    assert!(refreshed.problem.is_some());
    assert!(workspace.get(&path).is_some());

    fs::remove_file(&file).unwrap();
    assert_eq!(workspace.refresh(&path), None);
    assert!(workspace.posts().is_empty());
}

#[test]
fn a_site_export_reports_the_files_it_cannot_name() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("blog");
    fs::create_dir(&root).unwrap();
    fs::write(root.join("good.md"), "---\ntitle: Good\n---\nbody\n").unwrap();
    fs::write(root.join(named(b"caf\xe9.md")), "---\ntitle: Latin-1\n---\none\n").unwrap();
    fs::write(root.join(named(b"ph\xf6to.png")), b"\x89PNG").unwrap();
    let out = dir.path().join("site");
    let options = draftsmith_core::export::SiteOptions::default();
    let report = draftsmith_core::export::export_site(&root, &out, &options, &mut |_, _| {}).unwrap();
    let mut problems = report.problems.clone();
    problems.sort();
    assert_eq!(problems.len(), 2, "{problems:?}");
    for (problem, shown) in problems.iter().zip(["caf\u{FFFD}.md", "ph\u{FFFD}to.png"]) {
        assert!(problem.starts_with(&format!("{shown}: ")), "{problem}");
        assert!(problem.contains("not valid UTF-8"), "{problem}");
    }
}

/// New posts never go to a folder spelt lossily: that would make a new folder beside the real one.
#[test]
fn new_posts_do_not_go_to_a_folder_named_lossily() {
    let dir = tempfile::tempdir().unwrap();
    let root = fs::canonicalize(dir.path()).unwrap();
    let folder = root.join(named(b"n\xf6tes"));
    fs::create_dir(&folder).unwrap();
    fs::write(folder.join("a.md"), "---\ntitle: A\n---\n").unwrap();
    fs::write(folder.join("b.md"), "---\ntitle: B\n---\n").unwrap();
    fs::write(root.join("c.md"), "---\ntitle: C\n---\n").unwrap();
    let workspace = Workspace::scan(&root).unwrap();
    assert_eq!(workspace.posts().len(), 3);
    assert_eq!(workspace.folder_for_new_posts(), "");
}
