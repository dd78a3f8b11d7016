//! One post to one standalone HTML page, its local images copied next to it or embedded.

use super::page::{page_css, page_html, PageParts};
use super::paths::{encode_segment, image_mime, join, percent_decode, split_suffix};
use super::targets::name_key;
use super::write::{copy_file, copy_file_anew, refuse_a_link_on_the_way, write_file};
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

/// Local images of one post: each relative image URL that names an existing file is either
/// embedded or scheduled for copying to the same relative place next to the page (or into
/// `images/` when it lives above the post's folder).
struct LocalImages {
    post_dir: PathBuf,
    /// The page's folder, where the copies go.
    out_dir: PathBuf,
    /// The workspace, resolved: no image is taken from outside it (through `../` or a link).
    root: Option<PathBuf>,
    embed: bool,
    copies: Mutex<Vec<(PathBuf, String)>>,
    /// The pictures the page being replaced shows, relative to `out_dir`, when an earlier
    /// export wrote it: what is at those places are its copies.
    shown_before: Vec<String>,
    /// The files embedded, resolved.
    embedded: Mutex<Vec<PathBuf>>,
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
            self.embedded.lock().ok()?.push(resolved);
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
        // `../2025/cover.png` both want `images/cover.png`): the later one is numbered. So do
        // `Cover.png` and `cover.png`, one place on a disk that ignores case (macOS, Windows).
        let mut copies = self.copies.lock().ok()?;
        let mut target = wanted.clone();
        let mut number = 1;
        loop {
            match copies.iter().find(|(_, placed)| name_key(placed) == name_key(&target)) {
                Some((placed_file, placed)) if *placed_file == resolved => {
                    target = placed.clone();
                    break;
                }
                Some(_) => {
                    number += 1;
                    target = numbered(&wanted, number);
                }
                None if self.replaces_another(&resolved, &target) => {
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

    /// Whether copying `from` to `target` would replace a different file: a picture of the
    /// workspace (its own `images/cover.png` when exporting next to the post), or a file of the
    /// user's next to a page outside it (`~/Desktop/cover.png`): the copy is then numbered.
    /// Outside the workspace, the copy the page being replaced showed there is replaced
    /// (numbering it would leave a stale copy at every export after the picture is edited), and
    /// a link there is left to the copy, which refuses it by name.
    fn replaces_another(&self, from: &Path, target: &str) -> bool {
        let place = self.out_dir.join(target);
        let Ok(to) = place.canonicalize() else {
            return false;
        };
        if to == from || std::fs::read(&to).ok() == std::fs::read(from).ok() {
            return false;
        }
        if self.root.as_ref().is_some_and(|root| to.starts_with(root)) {
            return true;
        }
        let is_link = std::fs::symlink_metadata(&place).is_ok_and(|m| m.file_type().is_symlink());
        !is_link && !self.shown_before.iter().any(|shown| shown == target)
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

/// The local pictures the page at `out` shows, as paths relative to its folder, when an export
/// wrote that page (its generator says so); none for any other file.
fn shown_by_an_earlier_export(out: &Path) -> Vec<String> {
    let Ok(html) = std::fs::read_to_string(out) else {
        return Vec::new();
    };
    if !html.contains("<meta name=\"generator\" content=\"Draftsmith\">") {
        return Vec::new();
    }
    html.split(" src=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .filter(|url| is_document_relative(url))
        .map(|url| percent_decode(split_suffix(&url.replace("&amp;", "&")).0))
        .filter_map(|path| join("", &path))
        .collect()
}

/// Export the post at `src` as a standalone HTML page at `out`. Images are taken only from
/// inside the workspace `root`.
pub fn export_post(root: &Path, src: &Path, out: &Path, opts: &PageOptions) -> Result<()> {
    let text = read_post(src)?;
    refuse_writing_over_a_post(src, out)?;
    refuse_a_folder(out)?;
    let front = crate::front_matter::parse(&text).map_err(|e| e.with_path(src))?;
    let post_dir = src.parent().unwrap_or(Path::new("."));
    let out_dir = out.parent().unwrap_or(Path::new("."));
    let images = Arc::new(LocalImages {
        post_dir: post_dir.to_path_buf(),
        out_dir: out_dir.to_path_buf(),
        root: root.canonicalize().ok(),
        embed: opts.embed_images,
        copies: Mutex::new(Vec::new()),
        shown_before: shown_by_an_earlier_export(out),
        embedded: Mutex::new(Vec::new()),
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

    // A blank title is none, as in the posts list: the file's name, a bundle's folder's.
    let name = if crate::bundles::is_leaf_index(src) {
        src.parent().and_then(Path::file_name)
    } else {
        src.file_stem()
    };
    let name = name.map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let title = front.title.clone().filter(|t| !t.trim().is_empty()).unwrap_or(name);
    let parts = PageParts {
        title: &title,
        description: front.description.as_deref(),
        date: front.date.as_ref(),
        tags: front.tags.iter().map(|t| (t.as_str(), None)).collect(),
        toc: opts.toc.then_some(rendered.headings.as_slice()),
        show_title: !starts_with_h1(&rendered.html),
        ..PageParts::default()
    };
    let copies = std::mem::take(&mut *images.copies.lock().unwrap_or_else(PoisonError::into_inner));
    let embedded = std::mem::take(&mut *images.embedded.lock().unwrap_or_else(PoisonError::into_inner));
    refuse_writing_over_an_image(
        out,
        copies.iter().map(|(from, _)| from).chain(&embedded),
        copies.iter().map(|(_, target)| out_dir.join(target)),
    )?;
    // Nor through a link in a folder beside the page (`img` leading elsewhere), as in a site
    // export: checked before the page is written, so a refused export writes nothing.
    for (_, target) in &copies {
        refuse_a_link_on_the_way(out_dir, &out_dir.join(target))?;
    }
    write_file(out, &page_html(&parts, &rendered.html, &page_css()))?;

    for (from, target) in copies {
        // A picture the page showed under another spelling (`Photo.png`, renamed `photo.png`)
        // is found there on a disk that ignores case: copied anew, it takes the new name.
        let key = name_key(&target);
        if images.shown_before.iter().any(|shown| *shown != target && name_key(shown) == key) {
            copy_file_anew(&from, &out_dir.join(target))?;
        } else {
            copy_file(&from, &out_dir.join(target))?;
        }
    }
    Ok(())
}

/// The page must not replace a Markdown file: the post itself (`-o post.md`, or a link to it)
/// or another post would lose its text to the HTML. Nor go to a new file named like a post,
/// which the workspace would list as one.
fn refuse_writing_over_a_post(src: &Path, out: &Path) -> Result<()> {
    let existing = out.canonicalize().ok();
    let is_source = existing.as_ref().is_some_and(|out| src.canonicalize().is_ok_and(|src| src == *out));
    let is_post = |path: &Path| !path.is_dir() && crate::workspace::is_post_file(path);
    if is_source || is_post(out) || existing.as_deref().is_some_and(is_post) {
        return Err(Error::Export {
            path: out.to_path_buf(),
            message: "is a Markdown file; the page must go to a file of its own (page.html)".into(),
        });
    }
    Ok(())
}

/// The page is one file: a folder given for it (`-o site/`) would fail with a puzzling system
/// error ("Not a directory") naming that folder.
fn refuse_a_folder(out: &Path) -> Result<()> {
    let spelt_as_folder = out.as_os_str().to_string_lossy().ends_with(std::path::is_separator);
    if spelt_as_folder || out.is_dir() {
        return Err(Error::Export {
            path: out.to_path_buf(),
            message: "is a folder; the page must go to a file (such as page.html in it)".into(),
        });
    }
    Ok(())
}

/// Nor may it replace a picture the post shows (`-o cover.png`): the picture would be lost, and
/// a copied one would then be copied over the page.
fn refuse_writing_over_an_image<'a>(
    out: &Path,
    mut sources: impl Iterator<Item = &'a PathBuf>,
    mut copied_to: impl Iterator<Item = PathBuf>,
) -> Result<()> {
    let existing = out.canonicalize().ok();
    let is_source = existing.is_some_and(|out| sources.any(|image| *image == out));
    if is_source || copied_to.any(|copy| copy == out) {
        return Err(Error::Export {
            path: out.to_path_buf(),
            message: "is a picture of the post; the page must go to a file of its own (page.html)"
                .into(),
        });
    }
    Ok(())
}

/// A body that opens with its own `<h1>` needs no title heading above it.
pub(super) fn starts_with_h1(html: &str) -> bool {
    html.trim_start().starts_with("<h1")
}

#[cfg(test)]
#[path = "post_tests.rs"]
mod tests;

#[cfg(test)]
#[path = "post_image_tests.rs"]
mod image_tests;
