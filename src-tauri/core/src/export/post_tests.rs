//! Tests of exporting one post: where its page goes and what it holds (its pictures:
//! post_image_tests.rs).

use super::*;

pub(super) fn post(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write fixture");
    path
}

#[test]
fn a_post_becomes_a_page_with_its_images() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir(dir.path().join("img")).expect("mkdir");
    std::fs::write(dir.path().join("img/a b.png"), b"\x89PNG fake").expect("image");
    std::fs::write(dir.path().join("up.png"), b"up").expect("image");
    std::fs::create_dir(dir.path().join("posts")).expect("mkdir");
    let src = post(
        &dir.path().join("posts"),
        "p.md",
        "---\ntitle: \"Hello <World>\"\ndate: 2025-09-16T09:00:00-05:00\ntags: [\"rust\", \"web\"]\ndescription: \"Short\"\n---\n\n## Part\n\n![pic](../img/a%20b.png)\n\n<script>alert(1)</script>\n",
    );
    let out = dir.path().join("out/page.html");
    export_post(
        dir.path(),
        &src,
        &out,
        &PageOptions {
            toc: true,
            embed_images: false,
        },
    )
    .expect("export");
    let html = std::fs::read_to_string(&out).expect("page");
    assert!(
        html.contains("<title>Hello &lt;World&gt;</title>"),
        "{html}"
    );
    assert!(html.contains("<meta property=\"article:tag\" content=\"web\">"));
    assert!(html.contains("<meta name=\"description\" content=\"Short\">"));
    assert!(html.contains("<time datetime=\"2025-09-16T09:00:00-05:00\">"));
    assert!(html.contains("<a href=\"#part\">Part</a>"), "{html}");
    assert!(html.contains("src=\"images/a%20b.png\""), "{html}");
    assert!(!html.contains("<script>alert"), "{html}");
    assert!(!html.contains("data-line"), "{html}");
    assert_eq!(
        std::fs::read(dir.path().join("out/images/a b.png")).expect("copied"),
        b"\x89PNG fake"
    );
}

#[test]
fn errors_name_the_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let missing = dir.path().join("missing.md");
    let err = export_post(
        dir.path(),
        &missing,
        &dir.path().join("o.html"),
        &PageOptions::default(),
    )
    .unwrap_err();
    assert!(err.to_string().contains("missing.md"), "{err}");
    let bad = post(dir.path(), "bad.md", "---\ntitle: [unclosed\n---\n");
    let err =
        export_post(dir.path(), &bad, &dir.path().join("o.html"), &PageOptions::default()).unwrap_err();
    assert!(err.to_string().contains("bad.md"), "{err}");
}

#[test]
fn a_page_is_not_written_over_a_picture_of_the_post() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("cover.png"), b"picture").expect("image");
    let src = post(dir.path(), "p.md", "![cover](cover.png)\n");
    for embed_images in [false, true] {
        let opts = PageOptions {
            embed_images,
            ..PageOptions::default()
        };
        let err = export_post(dir.path(), &src, &dir.path().join("cover.png"), &opts).unwrap_err();
        assert!(err.to_string().contains("cover.png"), "{err}");
        assert_eq!(
            std::fs::read(dir.path().join("cover.png")).expect("image"),
            b"picture"
        );
    }
}

#[cfg(unix)]
#[test]
fn a_page_exported_again_replaces_the_old_one_whole() {
    use std::io::Read;
    let dir = tempfile::tempdir().expect("tempdir");
    let src = post(dir.path(), "p.md", "# First\n");
    let out = dir.path().join("out/p.html");
    export_post(dir.path(), &src, &out, &PageOptions::default()).expect("export");
    // Something reading the old page meanwhile (a web server) keeps reading the old page,
    // not one being rewritten under it.
    let mut reader = std::fs::File::open(&out).expect("open");
    std::fs::write(&src, "# Second\n").expect("edit");
    export_post(dir.path(), &src, &out, &PageOptions::default()).expect("export again");
    let mut old = String::new();
    reader.read_to_string(&mut old).expect("read");
    assert!(old.contains("First") && !old.contains("Second"), "{old}");
    let new = std::fs::read_to_string(&out).expect("page");
    assert!(new.contains("Second"), "{new}");
    let names: Vec<_> = std::fs::read_dir(dir.path().join("out"))
        .expect("list")
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert_eq!(names, ["p.html"], "no temp file is left");
}

/// A page is readable like any file made here (a web server must read it), not private to its
/// owner as the temp file it is written through.
#[cfg(unix)]
#[test]
fn a_page_has_the_permissions_of_a_new_file() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("tempdir");
    let src = post(dir.path(), "p.md", "# Page\n");
    let out = dir.path().join("p.html");
    export_post(dir.path(), &src, &out, &PageOptions::default()).expect("export");
    let plain = dir.path().join("plain");
    std::fs::write(&plain, "x").expect("file");
    let mode = |path: &std::path::Path| std::fs::metadata(path).expect("metadata").permissions().mode() & 0o777;
    assert_eq!(mode(&out), mode(&plain));
}

/// A page is never written to a new file named like a post (`-o notes.md`): the workspace would
/// list the HTML as a post.
#[test]
fn a_page_is_not_written_to_a_file_named_like_a_post() {
    let dir = tempfile::tempdir().expect("tempdir");
    let src = post(dir.path(), "p.md", "# Page\n");
    for name in ["new.md", "New.Markdown"] {
        let out = dir.path().join(name);
        let err = export_post(dir.path(), &src, &out, &PageOptions::default()).expect_err("refused");
        assert!(err.to_string().contains(name), "{err}");
        assert!(!out.exists());
    }
}

#[test]
fn a_folder_given_for_the_page_is_refused_with_a_clear_message() {
    let dir = tempfile::tempdir().expect("tempdir");
    let src = post(dir.path(), "p.md", "---\ntitle: P\n---\nBody\n");
    std::fs::create_dir(dir.path().join("out")).expect("mkdir");
    for out in ["out", "out/", "fresh/"] {
        let out = dir.path().join(out);
        let err = export_post(dir.path(), &src, &out, &PageOptions::default()).unwrap_err();
        assert!(err.to_string().contains("is a folder"), "{err}");
    }
    assert_eq!(std::fs::read_dir(dir.path().join("out")).expect("out").count(), 0);
    assert!(!dir.path().join("fresh").exists());
}

/// `-o` naming a link or a special file (a socket here; a device as root) is refused: renaming
/// the page over it would replace the link with a file (or the device), and writing through a
/// link puts the page wherever it leads.
#[cfg(unix)]
#[test]
fn a_page_is_not_written_over_a_link_or_a_special_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let src = post(dir.path(), "p.md", "# Page\n");
    std::fs::write(dir.path().join("kept.html"), "mine").expect("file");
    let link = dir.path().join("link.html");
    std::os::unix::fs::symlink("kept.html", &link).expect("link");
    let socket = dir.path().join("socket.html");
    let _listener = std::os::unix::net::UnixListener::bind(&socket).expect("socket");
    for (out, said) in [(&link, "is a symbolic link"), (&socket, "is not a regular file")] {
        let err = export_post(dir.path(), &src, out, &PageOptions::default()).expect_err("refused");
        assert!(err.to_string().starts_with(&format!("{}: {said}", out.display())), "{err}");
    }
    assert!(std::fs::symlink_metadata(&link).expect("link").file_type().is_symlink());
    assert!(!std::fs::symlink_metadata(&socket).expect("socket").is_file());
    assert_eq!(std::fs::read_to_string(dir.path().join("kept.html")).expect("file"), "mine");
}

/// A file that fails while it is read (a bad sector, a network folder gone; a folder here) is
/// the one named, not the copy, and the earlier copy stays whole.
#[cfg(unix)]
#[test]
fn a_copy_whose_source_cannot_be_read_names_the_source() {
    let dir = tempfile::tempdir().expect("tempdir");
    let from = dir.path().join("unreadable.png");
    std::fs::create_dir(&from).expect("a folder: it opens, then fails to read");
    let to = dir.path().join("out/copy.png");
    std::fs::create_dir_all(dir.path().join("out")).expect("mkdir");
    std::fs::write(&to, "earlier copy").expect("file");
    let err = copy_file(&from, &to).expect_err("not copied");
    let said = err.to_string();
    assert!(said.starts_with(&format!("{}: ", from.display())), "{said}");
    assert!(!said.contains("copy.png"), "{said}");
    assert_eq!(std::fs::read_to_string(&to).expect("kept"), "earlier copy");
}

/// A blank title (`title: ""`, as a template leaves it) is no title: the page is named as the
/// posts list names the post, by its file, or by its folder for a bundle's `index.md`.
#[test]
fn a_post_with_a_blank_title_is_named_by_its_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir(dir.path().join("trip")).expect("mkdir");
    for (src, name) in [("notes.md", "notes"), ("trip/index.md", "trip")] {
        let src = post(dir.path(), src, "---\ntitle: \"\"\n---\nBody\n");
        let out = dir.path().join("out.html");
        export_post(dir.path(), &src, &out, &PageOptions::default()).expect("export");
        let html = std::fs::read_to_string(&out).expect("page");
        assert!(html.contains(&format!("<title>{name}</title>")), "{html}");
        assert!(html.contains(&format!("<h1 class=\"title\">{name}</h1>")), "{html}");
    }
}
