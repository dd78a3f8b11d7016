//! Tests of exporting one post: its page, and its images copied or embedded.

use super::*;

fn post(dir: &Path, name: &str, text: &str) -> PathBuf {
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
fn images_can_be_embedded() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("a.png"), b"abc").expect("image");
    let src = post(dir.path(), "p.md", "# Own title\n\n![a](a.png)\n");
    let out = dir.path().join("p.html");
    export_post(
        dir.path(),
        &src,
        &out,
        &PageOptions {
            toc: false,
            embed_images: true,
        },
    )
    .expect("export");
    let html = std::fs::read_to_string(&out).expect("page");
    assert!(
        html.contains("src=\"data:image/png;base64,YWJj\""),
        "{html}"
    );
    assert!(html.contains("<title>p</title>"));
    assert!(
        !html.contains("class=\"title\""),
        "own h1 means no second title"
    );
}

#[test]
fn raw_html_images_are_embedded_or_copied_like_markdown_ones() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("a.png"), b"abc").expect("image");
    std::fs::write(dir.path().join("up.png"), b"up").expect("image");
    std::fs::create_dir(dir.path().join("posts")).expect("mkdir");
    let text = "<img src=\"../a.png\" width=\"300\">\n\n<p><img src=\"../up.png\"></p>\n";
    let src = post(&dir.path().join("posts"), "p.md", text);
    let export = |embed_images: bool| {
        let out = dir.path().join("out/p.html");
        let opts = PageOptions { toc: false, embed_images };
        export_post(dir.path(), &src, &out, &opts).expect("export");
        std::fs::read_to_string(&out).expect("page")
    };
    let embedded = export(true);
    assert!(embedded.contains("src=\"data:image/png;base64,YWJj\" width=\"300\""), "{embedded}");
    assert!(embedded.contains("src=\"data:image/png;base64,dXA=\""), "{embedded}");
    let copied = export(false);
    assert!(copied.contains("src=\"images/a.png\""), "{copied}");
    assert_eq!(std::fs::read(dir.path().join("out/images/up.png")).expect("copied"), b"up");
}

#[test]
fn only_relative_image_files_are_taken() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("notes.txt"), b"secret").expect("file");
    let outside = dir.path().join("outside.png");
    std::fs::write(&outside, b"png").expect("file");
    std::fs::create_dir(dir.path().join("post")).expect("mkdir");
    let encoded = outside.to_string_lossy().replace('/', "%2F");
    let src = post(
        &dir.path().join("post"),
        "p.md",
        &format!("![a](../notes.txt) ![b]({encoded})\n"),
    );
    let out = dir.path().join("out/p.html");
    export_post(
        dir.path(),
        &src,
        &out,
        &PageOptions {
            toc: false,
            embed_images: true,
        },
    )
    .expect("export");
    let html = std::fs::read_to_string(&out).expect("page");
    assert!(!html.contains("data:"), "{html}");
    assert!(!dir.path().join("out/images").exists());
}

#[test]
fn images_from_outside_the_workspace_are_not_taken() {
    let dir = tempfile::tempdir().expect("tempdir");
    let home = dir.path().join("home");
    std::fs::create_dir_all(home.join("Pictures")).expect("mkdir");
    std::fs::write(home.join("Pictures/private.png"), b"private").expect("image");
    std::fs::write(home.join("id_rsa"), b"KEY").expect("key");
    let root = home.join("blog");
    std::fs::create_dir_all(root.join("posts")).expect("mkdir");
    std::fs::write(root.join("logo.png"), b"logo").expect("image");
    std::os::unix::fs::symlink(home.join("id_rsa"), root.join("posts/key.png"))
        .expect("symlink");
    let src = post(
        &root.join("posts"),
        "p.md",
        "![a](../../Pictures/private.png) ![b](key.png) ![c](../logo.png)\n",
    );
    for embed_images in [true, false] {
        let out = dir.path().join(format!("out-{embed_images}/p.html"));
        let opts = PageOptions {
            toc: false,
            embed_images,
        };
        export_post(&root, &src, &out, &opts).expect("export");
        let html = std::fs::read_to_string(&out).expect("page");
        let data = |bytes: &[u8]| base64::engine::general_purpose::STANDARD.encode(bytes);
        assert!(!html.contains(&data(b"private")), "{html}");
        assert!(!html.contains(&data(b"KEY")), "{html}");
        let copied: Vec<Vec<u8>> = walkdir::WalkDir::new(out.parent().expect("folder"))
            .into_iter()
            .flatten()
            .filter(|e| e.file_type().is_file() && e.path() != out)
            .map(|e| std::fs::read(e.path()).expect("read"))
            .collect();
        assert!(!copied.contains(&b"private".to_vec()), "copied from outside");
        assert!(!copied.contains(&b"KEY".to_vec()), "copied through a link");
        if embed_images {
            assert!(html.contains(&data(b"logo")), "{html}");
        } else {
            assert_eq!(copied, [b"logo".to_vec()]);
        }
    }
}

#[test]
fn two_images_with_one_name_from_above_the_post_stay_apart() {
    let dir = tempfile::tempdir().expect("tempdir");
    for (folder, bytes) in [("2024", "old"), ("2025", "new")] {
        std::fs::create_dir(dir.path().join(folder)).expect("mkdir");
        std::fs::write(dir.path().join(folder).join("cover.png"), bytes).expect("image");
    }
    std::fs::create_dir(dir.path().join("posts")).expect("mkdir");
    let src = post(
        &dir.path().join("posts"),
        "p.md",
        "![a](../2024/cover.png)\n\n![b](../2025/cover.png)\n",
    );
    let out = dir.path().join("out/p.html");
    export_post(dir.path(), &src, &out, &PageOptions::default()).expect("export");
    let html = std::fs::read_to_string(&out).expect("page");
    let srcs: Vec<&str> = html
        .split("src=\"")
        .skip(1)
        .map(|rest| &rest[..rest.find('"').expect("quote")])
        .collect();
    assert_eq!(srcs.len(), 2, "{html}");
    assert_ne!(srcs[0], srcs[1], "two pictures shown as one: {html}");
    let shown: Vec<String> = srcs
        .iter()
        .map(|s| std::fs::read_to_string(dir.path().join("out").join(percent_decode(s))).expect("copied"))
        .collect();
    assert_eq!(shown, ["old", "new"]);
}

#[test]
fn exporting_next_to_the_post_keeps_its_images() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("a.png"), b"abc").expect("image");
    let src = post(dir.path(), "p.md", "![a](a.png)\n");
    export_post(dir.path(), &src, &dir.path().join("p.html"), &PageOptions::default()).expect("export");
    assert_eq!(
        std::fs::read(dir.path().join("a.png")).expect("image"),
        b"abc"
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

/// Exported next to the post, a picture from above it goes to `images/` there: a different
/// picture already at that name (the workspace's own) is kept and the copy numbered.
#[test]
fn a_copied_picture_does_not_replace_a_different_one_at_its_place() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir_all(dir.path().join("img")).expect("mkdir");
    std::fs::create_dir_all(dir.path().join("posts/images")).expect("mkdir");
    std::fs::write(dir.path().join("img/cover.png"), b"shared").expect("image");
    std::fs::write(dir.path().join("posts/images/cover.png"), b"own").expect("image");
    let src = post(&dir.path().join("posts"), "p.md", "![c](../img/cover.png)\n");
    let out = dir.path().join("posts/p.html");
    for _ in 0..2 {
        export_post(dir.path(), &src, &out, &PageOptions::default()).expect("export");
        let html = std::fs::read_to_string(&out).expect("page");
        assert!(html.contains("src=\"images/cover-2.png\""), "{html}");
    }
    let read = |rel: &str| std::fs::read(dir.path().join(rel)).expect("image");
    assert_eq!(read("posts/images/cover.png"), b"own");
    assert_eq!(read("posts/images/cover-2.png"), b"shared");
    assert!(!dir.path().join("posts/images/cover-3.png").exists());
}

/// Exported again after its picture was edited, a page outside the workspace takes the new
/// picture at the same name (the copy there is the last export's, not a file of the workspace).
#[test]
fn an_edited_picture_replaces_its_earlier_copy_outside_the_workspace() {
    let dir = tempfile::tempdir().expect("tempdir");
    let ws = dir.path().join("blog");
    std::fs::create_dir_all(ws.join("img")).expect("mkdir");
    let src = post(&ws, "p.md", "![c](img/cover.png)\n");
    let out = dir.path().join("out/p.html");
    for bytes in [&b"first"[..], b"second"] {
        std::fs::write(ws.join("img/cover.png"), bytes).expect("image");
        export_post(&ws, &src, &out, &PageOptions::default()).expect("export");
        let html = std::fs::read_to_string(&out).expect("page");
        assert!(html.contains("src=\"img/cover.png\""), "{html}");
        assert_eq!(std::fs::read(dir.path().join("out/img/cover.png")).expect("copy"), bytes);
    }
    assert!(!dir.path().join("out/img/cover-2.png").exists());
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

/// A picture is not copied through a link at its place next to the page: the file the link
/// leads to (another picture, a post) would be overwritten.
#[cfg(unix)]
#[test]
fn a_picture_is_not_copied_through_a_link_at_its_place() {
    let dir = tempfile::tempdir().expect("tempdir");
    let ws = dir.path().join("blog");
    std::fs::create_dir_all(ws.join("img")).expect("mkdir");
    std::fs::write(ws.join("img/cover.png"), b"cover").expect("image");
    let src = post(&ws, "p.md", "![c](img/cover.png)\n");
    std::fs::create_dir_all(dir.path().join("out/img")).expect("mkdir");
    std::fs::write(dir.path().join("victim.txt"), "precious").expect("file");
    std::os::unix::fs::symlink("../../victim.txt", dir.path().join("out/img/cover.png")).expect("link");
    let out = dir.path().join("out/p.html");
    let err = export_post(&ws, &src, &out, &PageOptions::default()).expect_err("refused");
    assert!(err.to_string().contains("is a symbolic link"), "{err}");
    assert_eq!(std::fs::read_to_string(dir.path().join("victim.txt")).expect("file"), "precious");
}
