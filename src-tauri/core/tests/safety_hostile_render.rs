//! Untrusted Markdown can never run script: every payload of the hostile corpus
//! (`fixtures/hostile/payloads.txt`) is rendered for the preview and exported as a page, and the
//! HTML is parsed with a real HTML parser (html5ever, through `scraper`) the way a browser
//! would, then checked for anything that could run script or reach IPC.
//!
//! Each payload, if it ran, would call `window.__sentinel()` or the Tauri IPC bridge.

use draftsmith_core::export::{export_post, PageOptions};
use draftsmith_core::render::{render, render_with, RenderOptions};
use scraper::{ElementRef, Html, Selector};
use std::fs;
use std::path::Path;

const PAYLOADS: &str = include_str!("fixtures/hostile/payloads.txt");
const SEPARATOR: &str = "\n%%%%\n";

/// Elements that can run script, load a document, submit, restyle or redirect the page.
const FORBIDDEN_ELEMENTS: &[&str] = &[
    "script", "iframe", "object", "embed", "form", "meta", "base", "style", "link", "template",
    "frame", "frameset", "applet", "portal", "noscript", "handler", "animate", "set", "button",
];
/// Attributes whose value is a URL a browser would load or navigate to.
const URL_ATTRIBUTES: &[&str] = &[
    "href",
    "src",
    "action",
    "formaction",
    "data",
    "poster",
    "background",
    "cite",
    "srcset",
    "codebase",
    "ping",
    "lowsrc",
    "dynsrc",
];
const SCRIPT_SCHEMES: &[&str] = &["javascript:", "vbscript:", "data:"];
/// What an armed payload calls: the sentinel, the IPC bridge, or the sentinel in base64.
const ARMED: &[&str] = &[
    "__sentinel",
    "__TAURI_INTERNALS__",
    "d2luZG93Ll9fc2VudGluZWwo",
];

fn payloads() -> Vec<&'static str> {
    PAYLOADS
        .trim_end_matches('\n')
        .split(SEPARATOR)
        .filter(|p| !p.trim().is_empty())
        .collect()
}

/// A URL as a browser reads its scheme: surrounding and embedded ASCII whitespace and control
/// characters dropped, lowercased.
fn normalised_url(value: &str) -> String {
    value
        .chars()
        .filter(|c| !c.is_ascii_whitespace() && !c.is_control())
        .collect::<String>()
        .to_lowercase()
}

/// Every way `element` could run script; empty when it is inert.
fn problems_of(element: ElementRef<'_>) -> Vec<String> {
    let name = element.value().name().to_ascii_lowercase();
    let mut problems = attribute_problems(element);
    if FORBIDDEN_ELEMENTS.contains(&name.as_str()) {
        problems.push(format!("a <{name}> element"));
    }
    problems
}

/// Every way the attributes of `element` could run script or load a script URL.
fn attribute_problems(element: ElementRef<'_>) -> Vec<String> {
    let mut problems = Vec::new();
    let name = element.value().name().to_ascii_lowercase();
    for (attribute, value) in element.value().attrs() {
        let attribute = attribute.to_ascii_lowercase();
        if attribute.starts_with("on") {
            problems.push(format!("an event handler {attribute}= on <{name}>"));
        }
        if attribute == "srcdoc" {
            problems.push(format!("srcdoc on <{name}>"));
        }
        if attribute == "style" {
            let style: String = normalised_url(value).replace('\\', "");
            for bad in ["url(", "expression", "behavior", "binding", "javascript:"] {
                if style.contains(bad) {
                    problems.push(format!("style with {bad} on <{name}>: {value:?}"));
                }
            }
        }
        if URL_ATTRIBUTES.contains(&attribute.as_str()) {
            let url = normalised_url(value);
            let image = name == "img" && attribute == "src" && url.starts_with("data:image/");
            if !image && SCRIPT_SCHEMES.iter().any(|scheme| url.starts_with(scheme)) {
                problems.push(format!("{attribute}={value:?} on <{name}>"));
            }
        }
    }
    problems
}

/// Everything wrong in the elements under (and including) `root`.
fn problems_under(root: ElementRef<'_>) -> Vec<String> {
    root.descendants()
        .filter_map(ElementRef::wrap)
        .flat_map(problems_of)
        .collect()
}

fn assert_inert_fragment(what: &str, html: &str) {
    let fragment = Html::parse_fragment(html);
    let problems = problems_under(fragment.root_element());
    assert!(
        problems.is_empty(),
        "{what}: {problems:?}\n--- rendered HTML ---\n{html}"
    );
}

/// A whole exported page: the body is checked like a fragment; the head may hold only our
/// own title, plain metadata (`charset`, or `name`/`property` with `content`, never
/// `http-equiv`) and the page's one inline style, none with a script-bearing attribute.
fn assert_inert_page(what: &str, page: &str) {
    let document = Html::parse_document(page);
    let body = Selector::parse("body").expect("selector");
    let head = Selector::parse("head").expect("selector");
    let mut problems: Vec<String> = document.select(&body).flat_map(problems_under).collect();
    for head in document.select(&head) {
        for element in head.descendants().filter_map(ElementRef::wrap).skip(1) {
            let name = element.value().name();
            let ours = match name {
                "title" | "style" => element.value().attrs().next().is_none(),
                "meta" => element.value().attrs().all(|(attribute, _)| {
                    matches!(attribute, "charset" | "name" | "property" | "content")
                }),
                _ => false,
            };
            if !ours {
                problems.push(format!("<{name}> in the head: {:?}", element.html()));
            }
            problems.extend(attribute_problems(element));
        }
    }
    assert!(problems.is_empty(), "{what}: {problems:?}");
}

#[test]
fn the_corpus_is_big_and_every_payload_would_call_the_sentinel_or_ipc() {
    let payloads = payloads();
    assert!(payloads.len() >= 200, "only {} payloads", payloads.len());
    let armed = payloads
        .iter()
        .filter(|p| ARMED.iter().any(|call| p.contains(call)))
        .count();
    // A few payloads test loading or restyling (a remote base, a sandboxed frame) rather than
    // calling anything; nearly all must aim at the sentinel or the IPC bridge.
    assert!(
        armed * 10 >= payloads.len() * 9,
        "{armed} of {} armed",
        payloads.len()
    );
}

#[test]
fn the_checker_catches_what_it_must_catch() {
    // The assertions below are only as good as this checker, so prove it rejects real attacks.
    for html in [
        "<script>x()</script>",
        "<img src=x onerror=x()>",
        "<a href=\" jav&#x09;ascript:x()\">x</a>",
        "<a href=\"&#0000106avascript:x()\">x</a>",
        "<svg><a xlink:href=\"javascript:x()\"><text>x</text></a></svg>",
        "<iframe srcdoc=\"x\"></iframe>",
        "<div style=\"background:URL(x)\"></div>",
        "<button formaction=\"javascript:x()\">x</button>",
        "<img src=\"data:text/html,x\">",
        "<a href=\"data:image/png,x\">x</a>",
    ] {
        let fragment = Html::parse_fragment(html);
        assert!(
            !problems_under(fragment.root_element()).is_empty(),
            "missed {html}"
        );
    }
    let fine = Html::parse_fragment(
        "<p><a href=\"https://x.org\">a</a><img src=\"data:image/png;base64,AA\" alt=\"\"></p>",
    );
    assert_eq!(problems_under(fine.root_element()), Vec::<String>::new());
}

#[test]
fn every_payload_renders_inert_in_the_preview() {
    let with_base = RenderOptions {
        image_base: Some("asset://localhost/posts".to_string()),
        site_base: Some("asset://localhost/static".to_string()),
    };
    let mut kept_links_or_images = 0;
    for (index, payload) in payloads().into_iter().enumerate() {
        let html = render(payload).html;
        assert_inert_fragment(&format!("payload {index}"), &html);
        let fragment = Html::parse_fragment(&html);
        let link_or_image = Selector::parse("a, img").expect("selector");
        if fragment.select(&link_or_image).next().is_some() {
            kept_links_or_images += 1;
        }
        // The preview passes an image base; its scheme must not open a door for script.
        let html = render_with(payload, &with_base).html;
        assert_inert_fragment(&format!("payload {index} with an image base"), &html);
        // The same payload after real text and inside a list item, where parsing differs.
        let nested = format!("Intro paragraph.\n\n- {}\n", payload.replace('\n', "\n  "));
        assert_inert_fragment(&format!("payload {index} in a list"), &render(&nested).html);
    }
    // Inert because defused, not because everything was thrown away: the harmless part of
    // many payloads (a link made `#`, an image without its handler) must survive.
    assert!(
        kept_links_or_images >= 60,
        "only {kept_links_or_images} payloads kept a link or image"
    );
}

#[test]
fn all_payloads_in_one_post_render_inert() {
    let post = format!(
        "---\ntitle: \"All at once\"\n---\n\n{}\n",
        payloads().join("\n\n")
    );
    assert_inert_fragment("the whole corpus as one post", &render(&post).html);
}

/// A post whose front matter (JSON, so any payload can be written exactly) carries `payload`
/// as its title, description and tags, and whose body is `body`.
fn hostile_post(payload: &str, body: &str) -> String {
    let front = serde_json::json!({
        "title": payload,
        "description": payload,
        "tags": [payload, "plain"],
        "categories": [payload],
        "date": "2025-09-16T09:00:00-05:00",
    });
    format!("{front}\n\n{body}\n")
}

fn export_to_page(dir: &Path, name: &str, text: &str, toc: bool) -> String {
    let src = dir.join(format!("{name}.md"));
    let out = dir.join("out").join(format!("{name}.html"));
    fs::write(&src, text).expect("write the post");
    let options = PageOptions {
        toc,
        ..PageOptions::default()
    };
    match export_post(dir, &src, &out, &options) {
        Ok(()) => fs::read_to_string(&out).expect("read the page"),
        // A payload with a NUL byte makes the file binary: export refuses it, as the editor does,
        // which writes no page at all.
        Err(e) if e.kind() == "binary" && text.contains('\0') => {
            assert!(!out.exists(), "{name}: a refused export wrote nothing");
            String::new()
        }
        Err(e) => panic!("{name}: export failed: {e}"),
    }
}

#[test]
fn every_payload_exports_inert_as_body_and_front_matter() {
    let dir = tempfile::tempdir().expect("temp folder");
    for (index, payload) in payloads().into_iter().enumerate() {
        // A heading makes the table of contents repeat the payload's text too.
        let body = format!("# {}\n\n{payload}", payload.lines().next().unwrap_or(""));
        let page = export_to_page(
            dir.path(),
            &format!("p{index}"),
            &hostile_post(payload, &body),
            true,
        );
        assert_inert_page(&format!("exported payload {index}"), &page);
    }
}

#[test]
fn all_payloads_in_one_exported_page_are_inert() {
    let dir = tempfile::tempdir().expect("temp folder");
    // Without NUL bytes, so the file is text and the export really runs.
    let payloads: Vec<String> = payloads().iter().map(|p| p.replace('\0', "")).collect();
    let title = payloads.concat();
    let post = hostile_post(&title, &payloads.join("\n\n"));
    let page = export_to_page(dir.path(), "everything", &post, true);
    assert!(page.contains("<body"), "the page was written");
    assert_inert_page("the whole corpus as one exported page", &page);
}
