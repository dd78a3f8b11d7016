//! Keeping rendered HTML inert. Two paths, equally strict:
//! - blocks with raw HTML go through ammonia with an allowlist of exactly what we emit;
//! - all other blocks are made safe at the event level: pulldown-cmark escapes text, and
//!   [`safe_url`] (urls.rs) rewrites link and image destinations (the only way script could get in).
//!
//! Ammonia over a whole 1 MB preview costs about four times the parse, which is why most
//! blocks skip it.

use super::headings::NOTE_ID_PREFIX;
use super::transform::UrlRewrite;
use super::urls::{base_scheme, is_data_image, resolve_image, safe_url, scheme_of, UrlUse, BASE_SCHEMES};
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

/// Class names we emit, per element: anything else in a `class` attribute is dropped.
fn allowed_class(element: &str, class: &str) -> bool {
    match element {
        "span" | "pre" => class.starts_with("hl-"),
        "code" => class
            .strip_prefix("language-")
            .is_some_and(|l| !l.is_empty()),
        // Not `ds-block`: the block wrappers are added after sanitising, and a post's own
        // would take clicks in the preview to the lines it names.
        "div" => class == "footnote-definition",
        "sup" => matches!(class, "footnote-reference" | "footnote-definition-label"),
        "section" => class == "footnotes",
        "ul" | "ol" => class == "contains-task-list",
        "li" => class == "task-list-item",
        "input" => class == "task-list-item-checkbox",
        _ => false,
    }
}

/// The elements the sanitiser keeps (with the attributes allowed below); any other is dropped.
pub(super) const ALLOWED_TAGS: &[&str] = &[
    "h1", "h2", "h3", "h4", "h5", "h6", "p", "br", "hr", "a", "img", "ul", "ol", "li", "input",
    "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption", "code", "pre", "span",
    "blockquote", "del", "s", "ins", "sup", "sub", "em", "strong", "b", "i", "u", "mark", "small",
    "abbr", "div", "section", "details", "summary", "kbd", "samp", "var", "figure", "figcaption",
    "dl", "dt", "dd", "cite", "q", "time",
];

/// Ammonia configured with our allowlist. Built per render because the image base and the
/// render's URL rewrites (export's, applied to raw HTML's `href` and `src`) are part of it.
pub fn cleaner(image_base: Option<&str>, site_base: Option<&str>, rewrites: Rewrites) -> ammonia::Builder<'static> {
    let mut builder = ammonia::Builder::empty();
    let tags: HashSet<&str> = ALLOWED_TAGS.iter().copied().collect();
    // A Markdown image beside raw HTML reaches ammonia already resolved against the image
    // base (`asset://localhost/...`): its scheme must pass the scheme check too, and the
    // filter then keeps it to images.
    let mut schemes: HashSet<&'static str> = ["http", "https", "mailto", "data"].into();
    let base = base_scheme(image_base);
    if let Some(scheme) = BASE_SCHEMES.iter().find(|s| Some(**s) == base.as_deref()) {
        schemes.insert(scheme);
    }
    let mut attrs: HashMap<&str, HashSet<&str>> = HashMap::new();
    let mut allow = |tag: &'static str, names: &[&'static str]| {
        attrs.entry(tag).or_default().extend(names.iter().copied());
    };
    for heading in ["h1", "h2", "h3", "h4", "h5", "h6"] {
        allow(heading, &["id"]);
    }
    allow("a", &["href", "title", "id"]);
    allow("img", &["src", "alt", "title", "width", "height"]);
    allow("input", &["type", "checked", "disabled", "class"]);
    allow("th", &["style", "align", "colspan", "rowspan"]);
    allow("td", &["style", "align", "colspan", "rowspan"]);
    allow("ol", &["start", "class"]);
    allow("ul", &["class"]);
    allow("li", &["id", "class"]);
    allow("code", &["class"]);
    allow("pre", &["class"]);
    allow("span", &["class"]);
    allow("div", &["class", "id"]);
    allow("section", &["class", "id"]);
    allow("sup", &["class", "id"]);
    allow("details", &["open"]);
    allow("abbr", &["title"]);
    allow("time", &["datetime"]);
    builder
        .tags(tags)
        .tag_attributes(attrs)
        .generic_attributes(HashSet::new())
        // `data` passes ammonia's scheme check only to be narrowed to images by the filter.
        .url_schemes(schemes)
        .url_relative(ammonia::UrlRelative::PassThrough)
        .link_rel(Some("noopener noreferrer"))
        // We emit inputs only as task-list boxes: an `<input>` without a type (or whose type
        // was dropped) would be a text field, so every input is made a disabled checkbox.
        .set_tag_attribute_value("input", "type", "checkbox")
        .set_tag_attribute_value("input", "disabled", "")
        .filter_style_properties(["text-align"].into_iter().collect());
    let bases = [image_base.map(str::to_owned), site_base.map(str::to_owned)];
    builder.attribute_filter(move |element, attribute, value| {
        let bases = [bases[0].as_deref(), bases[1].as_deref()];
        match rewrites.apply(element, attribute, value) {
            Some(rewritten) => filter_attribute(element, attribute, &rewritten, bases)
                .map(|kept| Cow::Owned(kept.into_owned())),
            None => filter_attribute(element, attribute, value, bases),
        }
    });
    builder
}

/// The URL rewrites of a render, for raw HTML (see [`cleaner`]).
#[derive(Clone, Default)]
pub struct Rewrites {
    pub link: Option<UrlRewrite>,
    pub image: Option<UrlRewrite>,
}

impl Rewrites {
    /// `value` rewritten when it is an `<img src>` or an `href` a rewrite applies to. What
    /// comes out is checked like any other value (ammonia's scheme check ran before).
    fn apply(&self, element: &str, attribute: &str, value: &str) -> Option<String> {
        let (rewrite, usage) = match (element, attribute) {
            ("img", "src") => (self.image.as_ref()?, UrlUse::Image),
            (_, "href") => (self.link.as_ref()?, UrlUse::Link),
            _ => return None,
        };
        let rewritten = rewrite(value)?;
        Some(safe_url(&rewritten, usage, None).into_owned())
    }
}

fn filter_attribute<'u>(
    element: &str,
    attribute: &str,
    value: &'u str,
    [base, site]: [Option<&str>; 2],
) -> Option<Cow<'u, str>> {
    match (element, attribute) {
        ("img", "src") => {
            if scheme_of(value).as_deref() == Some("data") && !is_data_image(value) {
                return None;
            }
            // The base is trusted (the app sets it) and added after ammonia's scheme check.
            Some(resolve_image(value, base, site))
        }
        (_, "href") | (_, "src") => {
            let scheme = scheme_of(value);
            let image_only = scheme.as_deref() == Some("data")
                || (scheme.is_some() && scheme == base_scheme(base));
            (!image_only).then_some(Cow::Borrowed(value))
        }
        // A footnote's id is ours, on its definition's `div` (which comes here when the
        // note holds raw HTML); pasted HTML with such ids would take the note's links.
        (_, "id") if value.starts_with(NOTE_ID_PREFIX) && element != "div" => None,
        ("input", "type") => value
            .eq_ignore_ascii_case("checkbox")
            .then_some(Cow::Borrowed(value)),
        (_, "class") => {
            let kept: Vec<&str> = value
                .split_ascii_whitespace()
                .filter(|c| allowed_class(element, c))
                .collect();
            (!kept.is_empty()).then(|| Cow::Owned(kept.join(" ")))
        }
        _ => Some(Cow::Borrowed(value)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ammonia_keeps_our_markup_and_drops_the_rest() {
        let html = r#"<h2 id="x" onclick="a()">T</h2><span class="hl-source evil">c</span><script>alert(1)</script><iframe src="x"></iframe><a href="javascript:x">j</a><img src="data:text/html,x"><img src="data:image/png;base64,AA"><input type="text"><style>p{}</style><form><button>b</button></form>"#;
        let out = cleaner(None, None, Rewrites::default()).clean(html).to_string();
        assert!(out.contains(r#"<h2 id="x">T</h2>"#), "{out}");
        assert!(out.contains(r#"<span class="hl-source">c</span>"#), "{out}");
        assert!(out.contains(r#"src="data:image/png;base64,AA""#), "{out}");
        for bad in [
            "script",
            "iframe",
            "javascript",
            "onclick",
            "data:text",
            "type=\"text\"",
            "style",
            "form",
            "button",
        ] {
            assert!(!out.contains(bad), "{bad} in {out}");
        }
        assert!(out.contains(r#"rel="noopener noreferrer""#), "{out}");
    }

    /// The preview's blocks are `ds-block` elements whose `data-line` says where a click in
    /// them leads the editor: a post's own (pasted from `draftsmith-cli render`, say) would
    /// take clicks inside it to the lines it names, or to no line at all.
    #[test]
    fn a_post_cannot_make_its_own_preview_blocks() {
        let rendered = super::super::render("Intro\n\n<div class=\"ds-block\" data-line=\"x\" data-end-line=\"900\">\n\nClick me\n\n</div>\n");
        let post_block = &rendered.blocks[1].html;
        assert!(post_block.contains("Click me"), "{post_block}");
        for made in ["ds-block", "data-line", "data-end-line"] {
            assert!(!post_block.contains(made), "{made} in {post_block}");
        }
    }

    /// Footnotes pasted as HTML from a site built by kramdown (Jekyll) carry the ids ours
    /// have (`<li id="fn:1">`): coming first, they took the clicks on the post's own
    /// references, as a heading `{#fn:1}` did.
    #[test]
    fn a_posts_own_html_cannot_take_a_footnotes_id() {
        let text = "<ol><li id=\"fn:1\"><p>Pasted note.</p></li></ol>\n\nText[^1] and <b>bold</b>.\n\n[^1]: Our note, <i>raw</i>.\n";
        let html = super::super::render(text).html;
        assert_eq!(html.matches("id=\"fn:1\"").count(), 1, "{html}");
        assert!(html.contains("<div class=\"footnote-definition\" id=\"fn:1\">"), "{html}");
        assert!(html.contains("Pasted note."), "{html}");
    }

    #[test]
    fn ammonia_resolves_raw_html_images_against_the_base() {
        let out = cleaner(Some("asset://localhost/p"), None, Rewrites::default())
            .clean(r#"<img src="a.png"><a href="a.png">x</a>"#)
            .to_string();
        assert!(out.contains(r#"src="asset://localhost/p/a.png""#), "{out}");
        assert!(out.contains(r#"href="a.png""#), "{out}");
        let out = cleaner(Some("asset://localhost/p"), None, Rewrites::default())
            .clean(r#"<img src="asset://localhost/p/b.png"><a href="asset://localhost/p/c">c</a>"#)
            .to_string();
        assert!(out.contains(r#"src="asset://localhost/p/b.png""#), "{out}");
        assert!(!out.contains("href"), "{out}");
        let out = cleaner(None, None, Rewrites::default())
            .clean(r#"<img src="asset://localhost/p/b.png">"#)
            .to_string();
        assert!(!out.contains("asset:"), "{out}");
    }
}
