//! One post to one standalone HTML page, its local images copied next to it or embedded.

use super::page::{page_css, page_html, PageParts};
use super::paths::{encode_segment, image_mime, join, percent_decode, split_suffix};
use super::PageOptions;
use crate::render::{is_document_relative, Hooks, RenderOptions, Renderer};
use crate::{Error, Result};
use base64::Engine;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

/// Read a post as text, with errors that name the file.
/// The same checks as opening a post in the editor: size limit, binary and encoding.
pub(super) fn read_post(path: &Path) -> Result<String> {
    crate::save::read_text(path).map(|loaded| loaded.text)
}

/// Write a file, creating its folder first.
pub(super) fn write_file(path: &Path, contents: &[u8]) -> Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    }
    std::fs::write(path, contents).map_err(|e| Error::io(path, e))
}

/// Copy a file, creating the destination's folder first. Copying a file onto itself (an
/// output folder that is the source folder) is skipped: it would truncate the original.
pub(super) fn copy_file(from: &Path, to: &Path) -> Result<()> {
    if let (Ok(a), Ok(b)) = (from.canonicalize(), to.canonicalize()) {
        if a == b {
            return Ok(());
        }
    }
    if let Some(dir) = to.parent() {
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    }
    std::fs::copy(from, to)
        .map(|_| ())
        .map_err(|e| Error::io(from, e))
}

/// Local images of one post: each relative image URL that names an existing file is either
/// embedded or scheduled for copying to the same relative place next to the page (or into
/// `images/` when it lives above the post's folder).
struct LocalImages {
    post_dir: PathBuf,
    /// The workspace, resolved: no image is taken from outside it (through `../` or a link).
    root: Option<PathBuf>,
    embed: bool,
    copies: Mutex<Vec<(PathBuf, String)>>,
}

impl LocalImages {
    fn rewrite(&self, url: &str) -> Option<String> {
        if !is_document_relative(url) {
            return None;
        }
        let (path, _) = split_suffix(url);
        let decoded = percent_decode(path);
        // Only image files, and only relative to the post: a post must not be able to pull
        // `%2Fhome%2F...` or other local files into an export.
        let mime = image_mime(&decoded)?;
        if decoded.starts_with(['/', '\\']) || !Path::new(&decoded).is_relative() {
            return None;
        }
        let file = self.post_dir.join(&decoded);
        if !file.is_file() {
            return None;
        }
        let resolved = file.canonicalize().ok()?;
        if !self.root.as_ref().is_some_and(|root| resolved.starts_with(root)) {
            return None;
        }
        if self.embed {
            let bytes = std::fs::read(&file).ok()?;
            let data = base64::engine::general_purpose::STANDARD.encode(bytes);
            return Some(format!("data:{mime};base64,{data}"));
        }
        let (wanted, inside) = match join("", &decoded) {
            Some(inside) => (inside, true),
            None => {
                let name = decoded.rsplit(['/', '\\']).next().unwrap_or("image");
                (format!("images/{name}"), false)
            }
        };
        // Two different pictures may want one place (`../2024/cover.png` and
        // `../2025/cover.png` both want `images/cover.png`): the later one is numbered.
        let mut copies = self.copies.lock().ok()?;
        let mut target = wanted.clone();
        let mut number = 1;
        loop {
            match copies.iter().find(|(_, placed)| *placed == target) {
                Some((placed_file, _)) if *placed_file == resolved => break,
                Some(_) => {
                    number += 1;
                    target = numbered(&wanted, number);
                }
                None => {
                    copies.push((resolved, target.clone()));
                    break;
                }
            }
        }
        (!inside || target != wanted).then(|| {
            let segments: Vec<_> = target.split('/').map(encode_segment).collect();
            segments.join("/")
        })
    }
}

/// `images/cover.png` as `images/cover-2.png`.
fn numbered(path: &str, number: usize) -> String {
    let name_at = path.rfind('/').map_or(0, |at| at + 1);
    match path[name_at..].rfind('.').filter(|&dot| dot > 0) {
        Some(dot) => format!(
            "{}-{number}{}",
            &path[..name_at + dot],
            &path[name_at + dot..]
        ),
        None => format!("{path}-{number}"),
    }
}

/// Export the post at `src` as a standalone HTML page at `out`. Images are taken only from
/// inside the workspace `root`.
pub fn export_post(root: &Path, src: &Path, out: &Path, opts: &PageOptions) -> Result<()> {
    let text = read_post(src)?;
    let front = crate::front_matter::parse(&text).map_err(|e| e.with_path(src))?;
    let post_dir = src.parent().unwrap_or(Path::new("."));
    let images = Arc::new(LocalImages {
        post_dir: post_dir.to_path_buf(),
        root: root.canonicalize().ok(),
        embed: opts.embed_images,
        copies: Mutex::new(Vec::new()),
    });
    let rewrite_image = {
        let images = images.clone();
        move |url: &str| images.rewrite(url)
    };
    let hooks = Hooks {
        rewrite_image: Some(Arc::new(rewrite_image)),
        bare: true,
        ..Hooks::default()
    };
    let rendered = Renderer::one_shot().render_hooked(&text, &RenderOptions::default(), hooks);

    let stem = src
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let title = front.title.clone().unwrap_or(stem);
    let parts = PageParts {
        title: &title,
        description: front.description.as_deref(),
        date: front.date.as_ref(),
        tags: front.tags.iter().map(|t| (t.as_str(), None)).collect(),
        toc: opts.toc.then_some(rendered.headings.as_slice()),
        show_title: !starts_with_h1(&rendered.html),
        ..PageParts::default()
    };
    write_file(
        out,
        page_html(&parts, &rendered.html, &page_css()).as_bytes(),
    )?;

    let out_dir = out.parent().unwrap_or(Path::new("."));
    let copies = std::mem::take(&mut *images.copies.lock().unwrap_or_else(PoisonError::into_inner));
    for (from, target) in copies {
        copy_file(&from, &out_dir.join(target))?;
    }
    Ok(())
}

/// A body that opens with its own `<h1>` needs no title heading above it.
pub(super) fn starts_with_h1(html: &str) -> bool {
    html.trim_start().starts_with("<h1")
}

#[cfg(test)]
mod tests {
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
}
