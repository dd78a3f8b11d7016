//! Tests of a post's pictures in its export: embedded, or copied next to the page without
//! taking files from outside the workspace or replacing other files.

use super::tests::post;
use super::*;

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

/// `Cover.png` and `cover.png` are one file on a disk that ignores case (macOS's, Windows'):
/// the copies of two such pictures stay apart there too.
#[test]
fn two_images_whose_names_differ_only_in_case_stay_apart() {
    let dir = tempfile::tempdir().expect("tempdir");
    for (folder, name, bytes) in [("2024", "Cover.png", "old"), ("2025", "cover.png", "new")] {
        std::fs::create_dir(dir.path().join(folder)).expect("mkdir");
        std::fs::write(dir.path().join(folder).join(name), bytes).expect("image");
    }
    std::fs::create_dir(dir.path().join("posts")).expect("mkdir");
    let src = post(&dir.path().join("posts"), "p.md", "![a](../2024/Cover.png)\n\n![b](../2025/cover.png)\n");
    let out = dir.path().join("out/p.html");
    export_post(dir.path(), &src, &out, &PageOptions::default()).expect("export");
    let html = std::fs::read_to_string(&out).expect("page");
    let srcs: Vec<String> = html.split("src=\"").skip(1).map(|rest| rest[..rest.find('"').expect("quote")].to_lowercase()).collect();
    assert_eq!(srcs.len(), 2, "{html}");
    assert_ne!(srcs[0], srcs[1], "two pictures at one place on such a disk: {html}");
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

/// Exported out of the workspace (to the desktop, say), a picture goes next to the page: a
/// different file of the user's already at that name is kept and the copy numbered, and
/// exporting again (after the picture is edited, too) reuses that copy.
#[test]
fn a_copied_picture_does_not_replace_a_file_of_the_users_outside_the_workspace() {
    let dir = tempfile::tempdir().expect("tempdir");
    let ws = dir.path().join("blog");
    std::fs::create_dir_all(&ws).expect("mkdir");
    let src = post(&ws, "p.md", "![c](cover.png)\n");
    let desktop = dir.path().join("Desktop");
    std::fs::create_dir_all(&desktop).expect("mkdir");
    std::fs::write(desktop.join("cover.png"), b"the user's own").expect("file");
    let out = desktop.join("p.html");
    for bytes in [&b"first"[..], b"first", b"second"] {
        std::fs::write(ws.join("cover.png"), bytes).expect("image");
        export_post(&ws, &src, &out, &PageOptions::default()).expect("export");
        let html = std::fs::read_to_string(&out).expect("page");
        let shown = html.split("src=\"").nth(1).and_then(|rest| rest.split('"').next()).expect("src");
        assert_ne!(shown, "cover.png", "{html}");
        assert_eq!(std::fs::read(desktop.join(percent_decode(shown))).expect("copy"), bytes);
        assert_eq!(std::fs::read(desktop.join("cover.png")).expect("kept"), b"the user's own");
    }
    let names = std::fs::read_dir(&desktop).expect("list").count();
    assert_eq!(names, 3, "the user's file, the page and one copy");
}

/// Nor through a link in a folder beside the page (`img` leading to another folder): the copy
/// would land where the link leads.
#[cfg(unix)]
#[test]
fn a_picture_is_not_copied_through_a_linked_folder_beside_the_page() {
    let dir = tempfile::tempdir().expect("tempdir");
    let ws = dir.path().join("blog");
    std::fs::create_dir_all(ws.join("img")).expect("mkdir");
    std::fs::write(ws.join("img/cover.png"), b"cover").expect("image");
    let src = post(&ws, "p.md", "![c](img/cover.png)\n");
    std::fs::create_dir_all(dir.path().join("out")).expect("mkdir");
    std::fs::create_dir_all(dir.path().join("elsewhere")).expect("mkdir");
    std::os::unix::fs::symlink("../elsewhere", dir.path().join("out/img")).expect("link");
    let out = dir.path().join("out/p.html");
    let err = export_post(&ws, &src, &out, &PageOptions::default()).expect_err("refused");
    assert!(err.to_string().contains("is a symbolic link"), "{err}");
    let leaked = std::fs::read_dir(dir.path().join("elsewhere")).expect("list").count();
    assert_eq!(leaked, 0, "a copy went through the link");
    assert!(!out.exists(), "the page was written though the export was refused");
}

/// A picture renamed only in case since the post was last exported is copied again, so that
/// on a disk that ignores case the copy takes the new name the page links to (a hard link
/// stands in for that disk: the old copy found under the new name is replaced, not kept).
#[cfg(unix)]
#[test]
fn a_picture_renamed_only_in_case_is_copied_again() {
    use std::os::unix::fs::MetadataExt;
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("Photo.png"), b"png").expect("image");
    let src = post(dir.path(), "p.md", "![a](Photo.png)\n");
    let out = dir.path().join("out/p.html");
    export_post(dir.path(), &src, &out, &PageOptions::default()).expect("export");
    let html = std::fs::read_to_string(&out).expect("page");
    let old = html.split("src=\"").nth(1).and_then(|s| s.split('"').next()).expect("src");
    std::fs::rename(dir.path().join("Photo.png"), dir.path().join("photo.png")).expect("rename");
    std::fs::write(&src, "![a](photo.png)\n").expect("post");
    let new = old.replace("Photo.png", "photo.png");
    let (old, new) = (dir.path().join("out").join(old), dir.path().join("out").join(new));
    std::fs::hard_link(&old, &new).expect("link");
    export_post(dir.path(), &src, &out, &PageOptions::default()).expect("export");
    let inode = |path: &Path| std::fs::metadata(path).expect("file").ino();
    assert_ne!(inode(&old), inode(&new), "the copy found under its old name was kept");
    assert_eq!(std::fs::read(&new).expect("copy"), b"png");
}
