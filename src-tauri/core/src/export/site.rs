//! A folder of posts to a static site: a page per published post, an index newest first, a
//! page per tag, assets copied, links between posts pointed at the exported pages.

use super::listings::{listing_page, write_tag_pages, Post};
use super::page::{page_css, page_html, PageParts};
use super::paths::{join, parent, relative_url};
use super::post::{read_post, starts_with_h1};
use super::stale::{remove_stale, Earlier};
use super::targets::{name_key, TagDirs, Targets};
use super::walk::{skipped_in_output, static_files, walk};
use super::write::{copy_file, copy_file_anew, refuse_a_link_on_the_way, write_file};
use super::{SiteOptions, SiteReport};
use crate::bundles;
use crate::render::{Hooks, RenderOptions, Renderer, UrlRewrite};
use crate::workspace::{in_drafts_folder, is_draft};
use crate::{Error, Result};
use rayon::prelude::*;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Posts rendered between two progress reports.
const CHUNK: usize = 32;

/// The folder of a post's page: `posts/a.md` → `posts/a`, `foo/index.md` → `foo`.
fn page_dir(rel: &str) -> String {
    let stem_end = rel.rfind('.').unwrap_or(rel.len());
    let without_ext = &rel[..stem_end];
    if bundles::is_index(Path::new(rel)) {
        parent(rel).to_string()
    } else {
        without_ext.to_string()
    }
}

/// Export the posts under `root` as a site in `out`. `progress(done, total)` is called as
/// pages are written.
pub fn export_site(
    root: &Path,
    out: &Path,
    opts: &SiteOptions,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<SiteReport> {
    if !root.is_dir() {
        return Err(Error::NotFound {
            path: root.to_path_buf(),
        });
    }
    // Creating the folder would fail with the system's puzzling "File exists".
    if out.exists() && !out.is_dir() {
        return Err(Error::Export {
            path: out.to_path_buf(),
            message: "is a file; a site is exported into a folder (such as site/)".into(),
        });
    }
    // Nor would it make the folder a link names: the same "File exists".
    if !out.exists() && std::fs::symlink_metadata(out).is_ok() {
        return Err(Error::Export {
            path: out.to_path_buf(),
            message: "is a symbolic link to a folder that is not there; make that folder, or \
                      export into another"
                .into(),
        });
    }
    std::fs::create_dir_all(out).map_err(|e| Error::io(out, e))?;
    if holds_workspace(root, out) {
        return Err(Error::Export {
            path: out.to_path_buf(),
            message: "the output folder must not be the posts folder or a folder holding it".into(),
        });
    }
    let mut found = walk(root, out);
    let mut problems = Vec::new();
    for rel in found.not_utf8.iter().filter(|rel| opts.drafts || !in_drafts_folder(rel)) {
        problems.push(format!("{rel}: skipped, the file's name is not valid UTF-8 (rename the file to export it)"));
    }
    problems.extend(skipped_in_output(root, &found, opts.drafts));

    let loaded: Vec<std::result::Result<Post, String>> = found
        .posts
        .par_iter()
        .map(|rel| {
            let path = root.join(rel);
            let text = read_post(&path).map_err(|e| problem(rel, "", &e, &path))?;
            let front =
                crate::front_matter::parse(&text).map_err(|e| e.with_path(rel).to_string())?;
            Ok(Post {
                dir: page_dir(rel),
                rel: rel.clone(),
                text,
                front,
            })
        })
        .collect();
    let mut posts = Vec::new();
    let mut draft_bundles = Vec::new();
    for post in loaded {
        match post {
            Ok(post) if post.dir.is_empty() => problems.push(format!(
                "{}: skipped, its page would replace the site index",
                post.rel
            )),
            Ok(post) if is_draft(&post.front, &post.rel) && !opts.drafts => {
                if bundles::is_leaf_index(Path::new(&post.rel)) {
                    draft_bundles.push(format!("{}/", post.dir));
                }
            }
            Ok(post) => posts.push(post),
            Err(problem) => problems.push(problem),
        }
    }
    // A draft page bundle's own files (its pictures, attachments) are as unpublished as its
    // text, unless a published post lives in the same folder.
    draft_bundles.retain(|dir| !posts.iter().any(|post| post.rel.starts_with(dir.as_str())));
    // So are the files in Jekyll's `_drafts/` beside the drafts waiting there.
    found.assets.retain(|asset| {
        !draft_bundles.iter().any(|dir| asset.starts_with(dir.as_str()))
            && (opts.drafts || !in_drafts_folder(asset))
    });
    // Two posts can ask for one page folder (`trip.md` and `trip/index.md`), and a post can
    // ask for a tag page's (`tags/rust.md`): the one written later would silently replace the
    // other; so can `Trip.md` and `trip/index.md` on a disk that ignores case. The first by
    // path is kept and the other reported.
    let tag_dirs = TagDirs::new(posts.iter().flat_map(|post| &post.front.tags));
    let mut tag_pages: HashMap<String, String> = HashMap::new();
    for tag in posts.iter().flat_map(|post| &post.front.tags) {
        tag_pages.entry(tag_dirs.of(tag)).or_insert_with(|| tag.clone());
    }
    // A file of the workspace at the index's place or a tag page's (a hand-written
    // `index.html`) is not copied: that page, written after the copies, would replace it.
    let mut taken_by_a_page = |rel: &str, named: String| {
        let key = name_key(rel);
        let taken = key == "index.html"
            || tag_pages.keys().any(|dir| name_key(&format!("{dir}/index.html")) == key);
        if taken {
            problems.push(format!("{named}: not copied, the site's own page takes its place"));
        }
        taken
    };
    found.assets.retain(|asset| !taken_by_a_page(asset, asset.clone()));
    // A file of `static/` at the place of a workspace file's copy (`static/img/a.png` and
    // `img/a.png`) would silently replace it; Hugo leaves that order undefined. The workspace's
    // file, the one posts link to, is kept and the other reported.
    let asset_keys: HashSet<String> = found.assets.iter().map(|asset| name_key(asset)).collect();
    let mut statics = static_files(&root.join("static"), out);
    statics.retain(|rel| {
        let rel = rel.to_string_lossy().replace('\\', "/");
        !taken_by_a_page(&rel, format!("static/{rel}"))
    });
    statics.retain(|rel| {
        let rel = rel.to_string_lossy().replace('\\', "/");
        let clash = asset_keys.contains(&name_key(&rel));
        if clash {
            problems.push(format!("static/{rel}: not copied, the workspace's {rel} takes its place"));
        }
        !clash
    });
    // Nor may a page take the place of a file copied from the workspace (`demo.md` beside
    // `demo/index.html`, or `static/demo/index.html`): the copy, made after the pages, would
    // replace it.
    let mut files: HashMap<String, String> =
        found.assets.iter().map(|asset| (name_key(asset), asset.clone())).collect();
    for rel in statics.iter().filter_map(|rel| rel.to_str()).map(|rel| rel.replace('\\', "/")) {
        files.entry(name_key(&rel)).or_insert(format!("static/{rel}"));
    }
    let mut taken: HashMap<String, String> = HashMap::new();
    posts.retain(|post| {
        let key = name_key(&post.dir);
        let file = files.get(&name_key(&format!("{}/index.html", post.dir)));
        let replaced = match (tag_pages.get(&key), file) {
            (Some(tag), _) => Some(format!("the page of the tag “{tag}”")),
            (None, Some(file)) => Some(format!("the file {file}")),
            (None, None) => taken.get(&key).cloned(),
        };
        match replaced {
            Some(other) => {
                problems.push(format!(
                    "{}: skipped, its page would replace {other}",
                    post.rel
                ));
                false
            }
            None => {
                taken.insert(key, format!("the page of {}", post.rel));
                true
            }
        }
    });
    // Newest first; undated posts last, then by path for a stable order.
    posts.sort_by(|a, b| {
        let key = |p: &Post| p.front.date.as_ref().map(|d| d.sort_key());
        key(b).cmp(&key(a)).then_with(|| a.rel.cmp(&b.rel))
    });

    let targets = Arc::new(Targets {
        pages: posts
            .iter()
            .map(|p| (p.rel.clone(), p.dir.clone()))
            .collect(),
        assets: found.assets.iter().cloned().collect(),
        tags: tag_dirs,
    });
    let css = page_css();
    let total = posts.len();
    progress(0, total);
    let mut done = 0;
    let mut not_written = HashSet::new();
    for chunk in posts.chunks(CHUNK) {
        let written: Vec<std::result::Result<(), String>> = chunk
            .par_iter()
            .map(|post| {
                let page = out.join(&post.dir).join("index.html");
                refuse_a_link_on_the_way(out, &page)
                    .and_then(|()| write_post_page(post, &page, opts, &targets, &css))
                    .map_err(|e| problem(&post.rel, "page not written: ", &e, &page))
            })
            .collect();
        for (post, result) in chunk.iter().zip(written) {
            if let Err(problem) = result {
                problems.push(problem);
                not_written.insert(post.rel.clone());
            }
        }
        done += chunk.len();
        progress(done, total);
    }
    // The index and tag pages list only pages that are there.
    posts.retain(|post| !not_written.contains(&post.rel));
    let pages = posts.len();

    // One file that cannot be copied (a `README` beside `README.md`, whose page folder took
    // its place) is reported like a post that cannot be written; the site still gets its
    // index and tag pages. A full disk stops the export.
    // A copy renamed only in case since the last export is made again, to take its new name.
    let earlier = Earlier::read(out);
    let copy = |from: &Path, to: &Path, rel: &str| {
        if earlier.spelled_otherwise(rel) {
            copy_file_anew(from, to)
        } else {
            copy_file(from, to)
        }
    };
    for asset in &found.assets {
        let to = out.join(asset);
        match refuse_a_link_on_the_way(out, &to).and_then(|()| copy(&root.join(asset), &to, asset)) {
            Err(err) if err.kind() == "disk_full" => return Err(err),
            Err(err) => problems.push(problem(asset, "not copied: ", &err, &root.join(asset))),
            Ok(()) => {}
        }
    }
    let statics = copy_static(&root.join("static"), &statics, out, &copy)?;
    write_file(
        &out.join("index.html"),
        &listing_page("Posts", "", &posts.iter().collect::<Vec<_>>(), &css),
    )?;
    let tag_pages = write_tag_pages(&posts, &targets.tags, out, &css)?;
    // What this export put in the folder, to clear what an earlier one left (stale.rs).
    let page_of = |dir: &str| join(dir, "index.html").unwrap_or_else(|| "index.html".into());
    let written: BTreeSet<String> = std::iter::once("index.html".to_string())
        .chain(posts.iter().map(|post| page_of(&post.dir)))
        .chain(tag_pages.iter().map(|dir| page_of(dir)))
        .chain(found.assets.iter().cloned())
        .chain(statics)
        .collect();
    remove_stale(out, &earlier, &written)?;

    Ok(SiteReport {
        pages,
        out: out.to_path_buf(),
        problems,
    })
}

/// Whether `out` is the workspace `root` or a folder around it, where pages and copies would
/// land on the posts' own files (a post `blog.md` exported from `site/blog` into `site` writes
/// `site/blog/index.html`): such an output is refused.
pub(super) fn holds_workspace(root: &Path, out: &Path) -> bool {
    match (root.canonicalize(), out.canonicalize()) {
        (Ok(root), Ok(out)) => root.starts_with(out),
        _ => false,
    }
}

/// A problem with the workspace's file `rel`, named by that path as every problem is: the
/// error's own mention of the file (`path`, in full) is left out.
fn problem(rel: &str, what: &str, err: &Error, path: &Path) -> String {
    let message = err.to_string();
    let prefix = format!("{}: ", path.display());
    format!("{rel}: {what}{}", message.strip_prefix(&prefix).unwrap_or(&message))
}

fn write_post_page(
    post: &Post,
    page: &Path,
    opts: &SiteOptions,
    targets: &Arc<Targets>,
    css: &str,
) -> Result<()> {
    let rewrite: UrlRewrite = {
        let (targets, rel, dir) = (targets.clone(), post.rel.clone(), post.dir.clone());
        Arc::new(move |url: &str| targets.rewrite(&rel, &dir, url))
    };
    let hooks = Hooks {
        rewrite_link: Some(rewrite.clone()),
        rewrite_image: Some(rewrite),
        bare: true,
        ..Hooks::default()
    };
    let rendered = Renderer::one_shot().render_hooked(&post.text, &RenderOptions::default(), hooks);
    let title = post.title();
    let parts = PageParts {
        title: &title,
        description: post.front.description.as_deref(),
        date: post.front.date.as_ref(),
        tags: post
            .front
            .tags
            .iter()
            .map(|t| {
                (
                    t.as_str(),
                    Some(relative_url(
                        &post.dir,
                        &format!("{}/index.html", targets.tags.of(t)),
                    )),
                )
            })
            .collect(),
        home: Some(relative_url(&post.dir, "index.html")),
        toc: opts.toc.then_some(rendered.headings.as_slice()),
        show_title: !starts_with_h1(&rendered.html),
    };
    write_file(page, &page_html(&parts, &rendered.html, css))
}

/// Copies the files of `static/` into the site's root; returns what it copied, relative to
/// `out`.
fn copy_static(
    dir: &Path,
    files: &[PathBuf],
    out: &Path,
    copy: &dyn Fn(&Path, &Path, &str) -> Result<()>,
) -> Result<Vec<String>> {
    let mut copied = Vec::new();
    for rel in files {
        let to = out.join(rel);
        refuse_a_link_on_the_way(out, &to)?;
        let name = rel.to_string_lossy().replace('\\', "/");
        copy(&dir.join(rel), &to, &name)?;
        copied.extend(rel.to_str().map(|r| r.replace('\\', "/")));
    }
    Ok(copied)
}

#[cfg(test)]
#[path = "site_tests.rs"]
mod tests;

#[cfg(test)]
#[path = "site_output_tests.rs"]
mod output_tests;
