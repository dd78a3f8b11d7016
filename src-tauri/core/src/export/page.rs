//! The standalone HTML5 document around a rendered post or a listing: metadata in `<head>`,
//! inline CSS that follows light and dark, an optional table of contents.

use crate::front_matter::Date;
use crate::render::{highlight_css, Heading};
use pulldown_cmark_escape::{escape_href, escape_html};

const ARTICLE_CSS: &str = include_str!("style.css");

/// Everything a page shows besides its body.
#[derive(Debug, Default)]
pub struct PageParts<'a> {
    pub title: &'a str,
    pub description: Option<&'a str>,
    pub date: Option<&'a Date>,
    /// Tag names with the URL of their tag page, when there is one.
    pub tags: Vec<(&'a str, Option<String>)>,
    /// The URL of the site's index (site export only).
    pub home: Option<String>,
    /// Headings for a table of contents; `None` for no table.
    pub toc: Option<&'a [Heading]>,
    /// Whether `title` is shown as a heading above the body.
    pub show_title: bool,
}

/// The CSS every exported page inlines: the article style and both highlight themes.
pub fn page_css() -> String {
    format!(
        "{ARTICLE_CSS}\n{}\n@media (prefers-color-scheme: dark) {{\n{}\n}}\n",
        highlight_css(false),
        highlight_css(true)
    )
}

fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let _ = escape_html(&mut out, text);
    out
}

fn esc_href(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    let _ = escape_href(&mut out, url);
    out
}

/// The date as shown: the calendar date of what was written.
pub fn date_label(date: &Date) -> String {
    match date.calendar_day() {
        Some(day) => day.format("%Y-%m-%d").to_string(),
        // A date that does not read is shown as written rather than cut mid-way.
        None => date.text.clone(),
    }
}

/// A whole HTML document. `body` is already-sanitised HTML; everything else is escaped here.
pub fn page_html(parts: &PageParts<'_>, body: &str, css: &str) -> String {
    let mut head = String::new();
    head.push_str(&format!("<title>{}</title>\n", esc(parts.title)));
    if let Some(description) = parts.description.filter(|d| !d.trim().is_empty()) {
        head.push_str(&format!(
            "<meta name=\"description\" content=\"{}\">\n",
            esc(description)
        ));
    }
    if !parts.tags.is_empty() {
        let names: Vec<&str> = parts.tags.iter().map(|(name, _)| *name).collect();
        head.push_str(&format!(
            "<meta name=\"keywords\" content=\"{}\">\n",
            esc(&names.join(", "))
        ));
        for name in names {
            head.push_str(&format!(
                "<meta property=\"article:tag\" content=\"{}\">\n",
                esc(name)
            ));
        }
    }
    if let Some(date) = parts.date {
        head.push_str(&format!(
            "<meta name=\"date\" content=\"{}\">\n",
            esc(&date.text)
        ));
    }

    let mut article = String::new();
    if let Some(home) = &parts.home {
        article.push_str(&format!(
            "<header class=\"site-header\"><a href=\"{}\">← All posts</a></header>\n",
            esc_href(home)
        ));
    }
    article.push_str("<main>\n");
    if parts.show_title {
        article.push_str(&format!("<h1 class=\"title\">{}</h1>\n", esc(parts.title)));
    }
    if parts.date.is_some() || !parts.tags.is_empty() {
        article.push_str("<p class=\"meta\">");
        if let Some(date) = parts.date {
            article.push_str(&format!(
                "<time datetime=\"{}\">{}</time>",
                esc(&date.text),
                esc(&date_label(date))
            ));
        }
        if !parts.tags.is_empty() {
            article.push_str(" <span class=\"tags\">");
            for (name, href) in &parts.tags {
                match href {
                    Some(href) => article.push_str(&format!(
                        "<a href=\"{}\">#{}</a>",
                        esc_href(href),
                        esc(name)
                    )),
                    None => article.push_str(&format!("<span>#{}</span> ", esc(name))),
                }
            }
            article.push_str("</span>");
        }
        article.push_str("</p>\n");
    }
    if let Some(headings) = parts.toc.filter(|h| !h.is_empty()) {
        article.push_str(&toc_html(headings));
    }
    article.push_str(body);
    article.push_str("</main>\n");

    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"Draftsmith\">\n{head}<style>\n{css}</style>\n</head>\n<body>\n{article}</body>\n</html>\n"
    )
}

fn toc_html(headings: &[Heading]) -> String {
    let mut html = String::from(
        "<nav class=\"toc\" aria-label=\"Contents\"><strong>Contents</strong>\n<ul>\n",
    );
    for heading in headings {
        html.push_str(&format!(
            "<li class=\"toc-h{}\"><a href=\"#{}\">{}</a></li>\n",
            heading.level,
            esc(&heading.id),
            esc(&heading.text)
        ));
    }
    html.push_str("</ul></nav>\n");
    html
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn head_carries_escaped_metadata() {
        let date = Date::parse("2025-09-16T09:00:00-05:00");
        let parts = PageParts {
            title: "A <b>bold</b> \"title\"",
            description: Some("About <things>"),
            date: date.as_ref(),
            tags: vec![
                ("rust", None),
                ("a&b", Some("../tags/a-b/index.html".into())),
            ],
            ..Default::default()
        };
        let html = page_html(&parts, "<p>body</p>", "");
        assert!(
            html.contains("<title>A &lt;b&gt;bold&lt;/b&gt; &quot;title&quot;</title>"),
            "{html}"
        );
        assert!(html.contains("<meta name=\"description\" content=\"About &lt;things&gt;\">"));
        assert!(html.contains("<meta name=\"keywords\" content=\"rust, a&amp;b\">"));
        assert!(html.contains("<meta property=\"article:tag\" content=\"a&amp;b\">"));
        assert!(html.contains("<time datetime=\"2025-09-16T09:00:00-05:00\">2025-09-16</time>"));
        assert!(html.contains("<a href=\"../tags/a-b/index.html\">#a&amp;b</a>"));
        assert!(html.contains("<p>body</p>"));
    }

    #[test]
    fn label_is_the_day_of_the_parsed_date() {
        let date = Date {
            text: "2025-9-6T09:00:00".into(),
            kind: crate::front_matter::DateKind::LocalDateTime,
        };
        assert_eq!(date_label(&date), "2025-09-06");
        let offset = Date::parse("2025-09-16T23:30:00-05:00").unwrap();
        assert_eq!(date_label(&offset), "2025-09-16");
    }

    #[test]
    fn toc_lists_headings_by_level() {
        let headings = vec![
            Heading {
                level: 2,
                text: "One & two".into(),
                id: "one-two".into(),
            },
            Heading {
                level: 3,
                text: "Sub".into(),
                id: "sub".into(),
            },
        ];
        let parts = PageParts {
            title: "t",
            toc: Some(&headings),
            ..Default::default()
        };
        let html = page_html(&parts, "", "");
        assert!(
            html.contains("<li class=\"toc-h2\"><a href=\"#one-two\">One &amp; two</a></li>"),
            "{html}"
        );
        assert!(html.contains("<li class=\"toc-h3\"><a href=\"#sub\">Sub</a></li>"));
    }

    #[test]
    fn css_follows_light_and_dark() {
        let css = page_css();
        assert!(css.contains("prefers-color-scheme: dark"));
        assert!(css.matches(".hl-").count() > 10);
    }
}
