//! Where a site export writes: the output folder's own hazards (the workspace inside it or
//! around it, links and files left in it, pages an earlier export wrote there).

use super::tests::site;
use super::*;

/// Exporting again into the same folder: the page of a post made a draft since (or deleted,
/// or renamed) goes, so a draft never stays published; files the export did not write stay.
#[test]
fn a_post_drafted_since_the_last_export_leaves_the_folder() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path().join("blog");
    std::fs::create_dir_all(root.join("trip")).expect("mkdir");
    std::fs::write(root.join("a.md"), "---\ntitle: A\ntags: [kept]\n---\nx\n").expect("post");
    std::fs::write(root.join("trip/index.md"), "---\ntitle: Trip\ntags: [gone]\n---\n![p](p.png)\n").expect("post");
    std::fs::write(root.join("trip/p.png"), "png").expect("image");
    let out = dir.path().join("out");
    let export = || export_site(&root, &out, &SiteOptions::default(), &mut |_, _| {}).expect("export");
    export();
    assert!(out.join("trip/index.html").exists() && out.join("trip/p.png").exists());
    std::fs::write(out.join("notes.txt"), "mine").expect("a file of the user's");
    std::fs::write(root.join("trip/index.md"), "---\ntitle: Trip\ndraft: true\ntags: [gone]\n---\n").expect("post");
    let report = export();
    assert_eq!(report.pages, 1);
    assert!(out.join("a/index.html").exists() && out.join("tags/kept/index.html").exists());
    for stale in ["trip/index.html", "trip/p.png", "tags/gone/index.html"] {
        assert!(!out.join(stale).exists(), "{stale} is still published");
    }
    assert!(!out.join("trip").exists() && !out.join("tags/gone").exists(), "empty folders left");
    assert_eq!(std::fs::read_to_string(out.join("notes.txt")).expect("kept"), "mine");
}

/// A folder around the workspace is refused like the workspace itself: the page of `blog.md`
/// would be `blog/index.html`, a file of the workspace.
#[test]
fn a_folder_holding_the_workspace_is_refused_as_the_output() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path().join("blog");
    std::fs::create_dir(&root).expect("mkdir");
    std::fs::write(root.join("blog.md"), "# Blog\n").expect("post");
    std::fs::write(root.join("index.html"), "mine").expect("file");
    let err = export_site(&root, dir.path(), &SiteOptions::default(), &mut |_, _| {})
        .expect_err("refused");
    assert_eq!(err.kind(), "export", "{err}");
    assert_eq!(
        std::fs::read_to_string(root.join("index.html")).expect("file"),
        "mine"
    );
    assert!(!dir.path().join("index.html").exists());
}

/// The count of pages written, the index and the tag pages leave out a page that could not
/// be written.
#[test]
fn a_page_that_could_not_be_written_is_not_counted_or_linked() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path().join("blog");
    std::fs::create_dir(&root).expect("mkdir");
    std::fs::write(root.join("a.md"), "# A\n").expect("post");
    std::fs::write(root.join("blocked.md"), "---\ntitle: Blocked\ntags: [rust]\n---\n").expect("post");
    let out = dir.path().join("out");
    std::fs::create_dir(&out).expect("mkdir");
    std::fs::write(out.join("blocked"), "a file where the page's folder goes").expect("file");
    let report =
        export_site(&root, &out, &SiteOptions::default(), &mut |_, _| {}).expect("export");
    assert_eq!(report.problems.len(), 1, "{report:?}");
    assert_eq!(report.pages, 1, "{report:?}");
    let index = std::fs::read_to_string(out.join("index.html")).expect("index");
    assert!(index.contains("a/index.html") && !index.contains("blocked/"), "{index}");
    assert!(!out.join("tags/rust/index.html").exists(), "a tag page listing only the missing page");
}

/// An output folder inside `static/` is not copied into itself, export after export.
#[test]
fn an_output_folder_inside_static_is_not_copied_into_itself() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path().join("blog");
    std::fs::create_dir_all(root.join("static")).expect("mkdir");
    std::fs::write(root.join("static/robots.txt"), "User-agent: *\n").expect("file");
    std::fs::write(root.join("a.md"), "# A\n").expect("post");
    let out = root.join("static/site");
    for _ in 0..2 {
        export_site(&root, &out, &SiteOptions::default(), &mut |_, _| {}).expect("export");
    }
    assert!(out.join("robots.txt").is_file());
    assert!(out.join("a/index.html").is_file());
    assert!(!out.join("site").exists(), "the site was copied into itself");
}

/// Page folders differing only in case (or in how an accent is written) are one folder on
/// macOS and Windows: the later page would replace the earlier there. One is reported instead,
/// wherever the site is exported; so is a post whose folder is a tag page's but for case.
#[test]
fn page_folders_differing_only_in_case_do_not_overwrite_each_other() {
    let (_dir, _out, report) = site(&[
        ("Trip.md", "---\ntitle: Trip notes\n---\nnotes\n"),
        ("trip/index.md", "---\ntitle: Trip bundle\n---\nbundle\n"),
        ("caf\u{e9}.md", "# Composed\n"),
        ("cafe\u{301}/index.md", "# Decomposed\n"),
        ("tags/Rust.md", "# Tagging\n"),
        ("a.md", "---\ntags: [rust]\n---\nbody\n"),
    ]);
    assert_eq!(report.pages, 3, "{report:?}");
    let skipped: Vec<&str> = report
        .problems
        .iter()
        .map(|p| p.split(": ").next().unwrap_or(p))
        .collect();
    assert_eq!(skipped.len(), 3, "{report:?}");
    assert!(skipped.contains(&"trip/index.md") && skipped.contains(&"tags/Rust.md"), "{report:?}");
    assert!(skipped.iter().any(|p| p.starts_with("caf")), "{report:?}");
}

/// A link the user left in the output folder is neither replaced nor written through: the
/// file it leads to (here outside the site) keeps its bytes, and the page or copy is reported.
#[cfg(unix)]
#[test]
fn links_in_the_output_folder_are_not_written_through() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (root, out) = (dir.path().join("blog"), dir.path().join("out"));
    std::fs::create_dir_all(root.join("img")).expect("mkdir");
    std::fs::write(root.join("img/chart.png"), "chart").expect("image");
    std::fs::write(root.join("a.md"), "# A\n\n![c](img/chart.png)\n").expect("post");
    std::fs::create_dir_all(out.join("img")).expect("mkdir");
    std::fs::create_dir_all(out.join("a")).expect("mkdir");
    std::fs::write(dir.path().join("victim"), "precious").expect("file");
    std::os::unix::fs::symlink("../../victim", out.join("img/chart.png")).expect("link");
    std::os::unix::fs::symlink("../../victim", out.join("a/index.html")).expect("link");
    let report = export_site(&root, &out, &SiteOptions::default(), &mut |_, _| {}).expect("export");
    assert_eq!(std::fs::read_to_string(dir.path().join("victim")).expect("file"), "precious");
    for (rel, what) in [("img/chart.png", "not copied"), ("a.md", "page not written")] {
        let named = |p: &&String| p.starts_with(&format!("{rel}: {what}: "));
        let problem = report.problems.iter().find(named).expect("reported");
        assert!(problem.contains("is a symbolic link"), "{problem}");
    }
    assert!(std::fs::symlink_metadata(out.join("a/index.html")).expect("link").is_symlink());
}

/// An output folder given as a link to a folder that is not there was refused with the system's
/// puzzling "File exists"; the message now says the link leads nowhere, and nothing is made.
#[cfg(unix)]
#[test]
fn an_output_link_leading_nowhere_is_refused_saying_so() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path().join("blog");
    std::fs::create_dir(&root).expect("mkdir");
    std::fs::write(root.join("a.md"), "# A\n").expect("post");
    let out = dir.path().join("site");
    std::os::unix::fs::symlink("gone", &out).expect("link");
    let err = export_site(&root, &out, &SiteOptions::default(), &mut |_, _| {}).expect_err("refused");
    assert!(
        err.to_string().starts_with(&format!("{}: is a symbolic link to a folder that is not there", out.display())),
        "{err}"
    );
    assert!(!dir.path().join("gone").exists());
}

/// A folder an earlier export wrote inside the workspace (a preview with drafts) is not a part
/// of the site: it was copied into the next export whole, drafts' pages and all.
#[test]
fn an_earlier_export_inside_the_workspace_is_not_copied_into_the_next() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path().join("blog");
    std::fs::create_dir(&root).expect("mkdir");
    std::fs::write(root.join("a.md"), "# A\n").expect("post");
    std::fs::write(root.join("b.md"), "---\ndraft: true\n---\nSecret plans\n").expect("draft");
    // A post of the folder exported into (with the CLI's --force) stays a post of the site.
    std::fs::create_dir(root.join("preview")).expect("mkdir");
    std::fs::write(root.join("preview/kept.md"), "# Kept\n").expect("post");
    let drafts = SiteOptions { drafts: true, ..SiteOptions::default() };
    export_site(&root, &root.join("preview"), &drafts, &mut |_, _| {}).expect("preview");
    assert!(root.join("preview/b/index.html").is_file());
    let out = dir.path().join("out");
    export_site(&root, &out, &SiteOptions::default(), &mut |_, _| {}).expect("export");
    assert!(out.join("a/index.html").is_file());
    assert!(out.join("preview/kept/index.html").is_file());
    assert!(!out.join("preview/b").exists() && !out.join("preview/index.html").exists());
}

/// A post about a demo beside the demo's own folder (`demo.md`, `demo/index.html`): the copied
/// file silently replaced the post's page; the post is now reported, and the file kept.
#[test]
fn a_post_page_is_not_replaced_by_a_file_of_the_workspace() {
    let (_dir, out, report) = site(&[
        ("demo.md", "---\ntitle: How the demo works\n---\nbody\n"),
        ("demo/index.html", "<p>the demo</p>"),
    ]);
    assert_eq!(std::fs::read_to_string(out.join("demo/index.html")).expect("file"), "<p>the demo</p>");
    let problem = report.problems.iter().find(|p| p.starts_with("demo.md: skipped"));
    assert!(problem.is_some_and(|p| p.contains("demo/index.html")), "{report:?}");
    assert_eq!(report.pages, 0, "{report:?}");
    let index = std::fs::read_to_string(out.join("index.html")).expect("index");
    assert!(!index.contains("How the demo works"), "{index}");
}

/// A folder of the output that is a link elsewhere (`out/posts -> ~/notes`) is not written
/// through: the pages and copies that would land there are reported, and an earlier export's
/// files reached through it are not removed.
#[cfg(unix)]
#[test]
fn folders_of_the_output_that_are_links_are_not_written_or_cleared_through() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (root, out, notes) = (dir.path().join("blog"), dir.path().join("out"), dir.path().join("notes"));
    std::fs::create_dir_all(root.join("posts")).expect("mkdir");
    std::fs::write(root.join("posts/a.md"), "# A\n\n![c](chart.png)\n").expect("post");
    std::fs::write(root.join("posts/chart.png"), "chart").expect("image");
    std::fs::write(root.join("b.md"), "# B\n").expect("post");
    std::fs::create_dir_all(notes.join("old")).expect("mkdir");
    std::fs::write(notes.join("old/index.html"), "precious").expect("file");
    std::fs::create_dir(&out).expect("mkdir");
    // An earlier export's list naming a file that the link now leads to.
    std::fs::write(out.join(".draftsmith-export"), "index.html\nposts/old/index.html\n").expect("list");
    std::os::unix::fs::symlink(&notes, out.join("posts")).expect("link");
    let report = export_site(&root, &out, &SiteOptions::default(), &mut |_, _| {}).expect("export");
    assert_eq!(std::fs::read_to_string(notes.join("old/index.html")).expect("kept"), "precious");
    let mut left: Vec<_> = std::fs::read_dir(&notes).expect("read").flatten().map(|e| e.file_name()).collect();
    left.sort();
    assert_eq!(left, ["old"], "written through the link");
    for (rel, what) in [("posts/a.md", "page not written"), ("posts/chart.png", "not copied")] {
        let named = |p: &&String| p.starts_with(&format!("{rel}: {what}: "));
        let problem = report.problems.iter().find(named).unwrap_or_else(|| panic!("{rel}: {report:?}"));
        assert!(problem.contains("is a symbolic link"), "{problem}");
        assert!(problem.contains("through a link in its folder (remove the link"), "{problem}");
    }
    assert_eq!(report.pages, 1, "{report:?}");
    assert!(out.join("b/index.html").is_file());
}

/// So with a file of `static/` at a post's page (`static/demo/index.html`, copied into the
/// site's root after the pages): the post is reported and the file kept.
#[test]
fn a_post_page_is_not_replaced_by_a_file_of_static() {
    let (_dir, out, report) = site(&[
        ("demo.md", "---\ntitle: How the demo works\n---\nbody\n"),
        ("static/demo/index.html", "<p>the demo</p>"),
        ("a.md", "# A\n"),
    ]);
    assert_eq!(std::fs::read_to_string(out.join("demo/index.html")).expect("file"), "<p>the demo</p>");
    let problem = report.problems.iter().find(|p| p.starts_with("demo.md: skipped"));
    assert!(problem.is_some_and(|p| p.contains("static/demo/index.html")), "{report:?}");
    assert_eq!(report.pages, 1, "{report:?}");
    let index = std::fs::read_to_string(out.join("index.html")).expect("index");
    assert!(!index.contains("How the demo works") && index.contains("a/index.html"), "{index}");
}

/// An output folder inside the workspace (`blog/public`) is not exported into itself; a post
/// the user keeps there is therefore skipped, and said to be (a draft there is not named when
/// drafts are left out). The copies of `static/` an export put there are not posts of the user.
#[test]
fn a_post_inside_the_output_folder_is_reported_as_skipped() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path().join("blog");
    std::fs::create_dir_all(root.join("static")).expect("mkdir");
    std::fs::write(root.join("static/notes.md"), "static, copied as it is\n").expect("file");
    std::fs::write(root.join("a.md"), "# A\n").expect("post");
    let out = root.join("public");
    export_site(&root, &out, &SiteOptions::default(), &mut |_, _| {}).expect("export");
    std::fs::create_dir_all(out.join("extra")).expect("mkdir");
    std::fs::write(out.join("extra/about.md"), "# About\n").expect("post");
    std::fs::write(out.join("later.md"), "---\ndraft: true\n---\n").expect("post");
    let report = export_site(&root, &out, &SiteOptions::default(), &mut |_, _| {}).expect("export");
    assert_eq!(report.pages, 1, "{report:?}");
    assert_eq!(report.problems.len(), 1, "{report:?}");
    assert!(report.problems[0].starts_with("public/extra/about.md: skipped"), "{report:?}");
    assert!(report.problems[0].contains("output folder"), "{report:?}");
    let drafts = SiteOptions { drafts: true, ..SiteOptions::default() };
    let report = export_site(&root, &out, &drafts, &mut |_, _| {}).expect("export");
    let named: Vec<&str> = report.problems.iter().filter_map(|p| p.split(": ").next()).collect();
    assert_eq!(named, ["public/extra/about.md", "public/later.md"], "{report:?}");
}

/// A file of `static/` at the place of a workspace file's copy (`static/img/a.png` beside
/// `img/a.png`) does not silently replace it: the workspace's file is kept and the other named.
#[test]
fn a_file_of_static_does_not_replace_a_copied_workspace_file() {
    let (_dir, out, report) = site(&[
        ("a.md", "# A\n\n![a](img/a.png)\n"),
        ("img/a.png", "the post's picture"),
        ("static/img/a.png", "another picture"),
    ]);
    assert_eq!(std::fs::read_to_string(out.join("img/a.png")).expect("file"), "the post's picture");
    let problem = report.problems.iter().find(|p| p.starts_with("static/img/a.png: not copied"));
    assert!(problem.is_some(), "{report:?}");
}

/// The output folder inside the workspace, named through a link from outside it, is still
/// known when the walk meets it: what it holds is not exported into itself.
#[cfg(unix)]
#[test]
fn an_output_folder_named_through_a_link_is_not_walked() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path().join("blog");
    std::fs::create_dir_all(root.join("public")).expect("mkdir");
    std::fs::write(root.join("a.md"), "# A\n").expect("post");
    std::fs::write(root.join("public/notes.txt"), "mine").expect("file");
    let out = dir.path().join("site");
    std::os::unix::fs::symlink(root.join("public"), &out).expect("link");
    for _ in 0..2 {
        let report = export_site(&root, &out, &SiteOptions::default(), &mut |_, _| {}).expect("export");
        assert_eq!((report.pages, report.problems.len()), (1, 0), "{report:?}");
    }
    assert!(root.join("public/a/index.html").is_file());
    assert!(!root.join("public/public").exists(), "the output folder was copied into itself");
}

/// Exporting again leaves the files of unchanged posts as they are (their times too, which
/// deploy tools compare), writes the page of a changed post, and ends with the very files a
/// fresh export writes.
#[test]
fn exporting_again_writes_only_what_changed_and_matches_a_fresh_export() {
    use std::time::{Duration, SystemTime};
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path().join("blog");
    std::fs::create_dir_all(root.join("trip")).expect("mkdir");
    std::fs::write(root.join("a.md"), "---\ntitle: A\ntags: [kept]\n---\nx\n").expect("post");
    std::fs::write(root.join("b.md"), "---\ntitle: B\n---\n[a](a.md)\n").expect("post");
    std::fs::write(root.join("trip/index.md"), "---\ntitle: Trip\n---\n![p](p.png)\n").expect("post");
    std::fs::write(root.join("trip/p.png"), "png").expect("image");
    let export = |out: &Path| export_site(&root, out, &SiteOptions::default(), &mut |_, _| {}).expect("export");
    let files = |out: &Path| -> std::collections::BTreeMap<String, (Vec<u8>, SystemTime)> {
        let walk = walkdir::WalkDir::new(out).into_iter().flatten();
        walk.filter(|e| e.file_type().is_file())
            .map(|e| {
                let rel = e.path().strip_prefix(out).expect("inside").to_string_lossy().replace('\\', "/");
                let modified = std::fs::metadata(e.path()).and_then(|m| m.modified()).expect("time");
                (rel, (std::fs::read(e.path()).expect("read"), modified))
            })
            .collect()
    };
    let out = dir.path().join("out");
    export(&out);
    let long_ago = SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000_000);
    for rel in files(&out).keys() {
        let file = std::fs::File::options().write(true).open(out.join(rel)).expect("open");
        file.set_modified(long_ago).expect("set the time");
    }
    std::fs::write(root.join("b.md"), "---\ntitle: B\n---\n[a](a.md), again\n").expect("post");
    export(&out);
    let fresh = dir.path().join("fresh");
    export(&fresh);
    let (again, fresh) = (files(&out), files(&fresh));
    let bytes = |files: &std::collections::BTreeMap<String, (Vec<u8>, SystemTime)>| {
        files.iter().map(|(rel, (bytes, _))| (rel.clone(), bytes.clone())).collect::<Vec<_>>()
    };
    assert_eq!(bytes(&again), bytes(&fresh));
    assert_eq!(again.len(), 7, "{:?}", again.keys());
    for (rel, (_, modified)) in &again {
        assert_eq!(*modified == long_ago, rel != "b/index.html", "{rel}");
    }
}

/// A picture (or a file of `static/`) renamed only in case (`Photo.png` to `photo.png`) is, on a disk that ignores
/// case, still found under its old name in the output folder, holding the same bytes: it is
/// copied again all the same, so that it takes the new name the pages link to (a hard link
/// stands in for that disk: the old name must go, as in a fresh export).
#[cfg(unix)]
#[test]
fn a_file_renamed_only_in_case_takes_its_new_name() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path().join("blog");
    std::fs::create_dir_all(root.join("static")).expect("mkdir");
    std::fs::write(root.join("a.md"), "![p](Photo.png)\n").expect("post");
    std::fs::write(root.join("Photo.png"), "png").expect("image");
    std::fs::write(root.join("static/Logo.svg"), "svg").expect("static file");
    let out = dir.path().join("out");
    let export = || export_site(&root, &out, &SiteOptions::default(), &mut |_, _| {}).expect("export");
    export();
    std::fs::rename(root.join("Photo.png"), root.join("photo.png")).expect("rename");
    std::fs::write(root.join("a.md"), "![p](photo.png)\n").expect("post");
    std::fs::hard_link(out.join("Photo.png"), out.join("photo.png")).expect("link");
    std::fs::rename(root.join("static/Logo.svg"), root.join("static/logo.svg")).expect("rename");
    std::fs::hard_link(out.join("Logo.svg"), out.join("logo.svg")).expect("link");
    export();
    assert_eq!(std::fs::read_to_string(out.join("photo.png")).expect("copy"), "png");
    assert!(!out.join("Photo.png").exists(), "the old name was kept");
    assert_eq!(std::fs::read_to_string(out.join("logo.svg")).expect("copy"), "svg");
    assert!(!out.join("Logo.svg").exists(), "the old name of a static file was kept");
}
