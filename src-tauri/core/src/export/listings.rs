//! The site's pages that list posts: the index, newest first, and a page per tag.

use super::page::{date_label, page_html, PageParts};
use super::paths::relative_url;
use super::targets::TagDirs;
use super::write::{refuse_a_link_on_the_way, write_file};
use crate::front_matter::FrontMatter;
use crate::Result;
use pulldown_cmark_escape::{escape_href, escape_html};
use std::collections::BTreeMap;
use std::path::Path;

/// A post of the site, as its pages name and list it.
pub(super) struct Post {
    pub(super) rel: String,
    pub(super) dir: String,
    pub(super) text: String,
    pub(super) front: FrontMatter,
}

impl Post {
    pub(super) fn title(&self) -> String {
        self.front
            .title
            .clone()
            .filter(|title| !title.trim().is_empty())
            .unwrap_or_else(|| self.dir.rsplit('/').next().unwrap_or(&self.dir).to_string())
    }
}

/// Writes a page per tag; returns their folders.
pub(super) fn write_tag_pages(posts: &[Post], dirs: &TagDirs, out: &Path, css: &str) -> Result<Vec<String>> {
    let mut tags: BTreeMap<String, (String, Vec<&Post>)> = BTreeMap::new();
    for post in posts {
        for tag in &post.front.tags {
            let entry = tags
                .entry(dirs.of(tag))
                .or_insert_with(|| (tag.clone(), Vec::new()));
            if !entry.1.iter().any(|p| p.rel == post.rel) {
                entry.1.push(post);
            }
        }
    }
    for (dir, (name, tagged)) in &tags {
        let page = listing_page(&format!("Tagged “{name}”"), dir, tagged, css);
        let to = out.join(dir).join("index.html");
        refuse_a_link_on_the_way(out, &to)?;
        write_file(&to, &page)?;
    }
    Ok(tags.into_keys().collect())
}

/// A page listing `posts` (already newest first) from the folder `from`.
pub(super) fn listing_page(title: &str, from: &str, posts: &[&Post], css: &str) -> String {
    let mut body = String::from("<ul class=\"post-list\">\n");
    for post in posts {
        body.push_str("<li><a class=\"title\" href=\"");
        let _ = escape_href(
            &mut body,
            &relative_url(from, &format!("{}/index.html", post.dir)),
        );
        body.push_str("\">");
        let _ = escape_html(&mut body, &post.title());
        body.push_str("</a>");
        if let Some(date) = &post.front.date {
            body.push_str(" <time datetime=\"");
            let _ = escape_html(&mut body, &date.text);
            body.push_str("\">");
            let _ = escape_html(&mut body, &date_label(date));
            body.push_str("</time>");
        }
        if let Some(description) = post
            .front
            .description
            .as_deref()
            .filter(|d| !d.trim().is_empty())
        {
            body.push_str("<p>");
            let _ = escape_html(&mut body, description);
            body.push_str("</p>");
        }
        body.push_str("</li>\n");
    }
    body.push_str("</ul>\n");
    let home = (!from.is_empty()).then(|| relative_url(from, "index.html"));
    let parts = PageParts {
        title,
        home,
        show_title: true,
        ..PageParts::default()
    };
    page_html(&parts, &body, css)
}
