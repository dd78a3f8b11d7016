//! Link and image URLs: which are safe where they are used, and what a post's relative images
//! resolve to (its folder, or the site's root for `/images/x.png`).

use std::borrow::Cow;

/// Where a URL is used: images may also carry `data:image/...` and the preview's asset base.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UrlUse {
    Link,
    Image,
}

const SAFE_SCHEMES: [&str; 3] = ["http", "https", "mailto"];
/// Schemes the app uses as an image base (the preview's `asset://localhost/`), allowed for
/// images when they are the base's.
pub(super) const BASE_SCHEMES: [&str; 1] = ["asset"];
/// Schemes never allowed anywhere, not even as an image base.
const SCRIPT_SCHEMES: [&str; 3] = ["javascript", "vbscript", "data"];

/// The scheme of `url` lowercased, or `None` for a relative URL. Browsers drop tabs and
/// newlines anywhere in a URL and control characters around it, so we do the same first.
pub fn scheme_of(url: &str) -> Option<String> {
    // Runs for every link and image of a render: nothing is allocated for a relative URL.
    let trimmed = url.trim_matches(|c: char| c <= ' ');
    let colon = trimmed
        .find([':', '/', '?', '#'])
        .filter(|&at| trimmed.as_bytes()[at] == b':')?;
    Some(
        trimmed[..colon]
            .chars()
            .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
            .map(|c| c.to_ascii_lowercase())
            .collect(),
    )
}

/// Whether `url` is relative to the post (not absolute, not root-relative, not a fragment).
pub fn is_document_relative(url: &str) -> bool {
    let trimmed = url.trim_start();
    !trimmed.is_empty() && scheme_of(trimmed).is_none() && !trimmed.starts_with(['/', '#', '\\'])
}

/// The scheme of an image base, when it is one we may allow for images.
pub fn base_scheme(image_base: Option<&str>) -> Option<String> {
    let scheme = scheme_of(image_base?)?;
    (!SCRIPT_SCHEMES.contains(&scheme.as_str())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')))
    .then_some(scheme)
}

/// `url` if it is safe where it is used, else `#`.
pub fn safe_url<'u>(url: &'u str, usage: UrlUse, image_scheme: Option<&str>) -> Cow<'u, str> {
    let allowed = match scheme_of(url) {
        None => true,
        Some(scheme) if SAFE_SCHEMES.contains(&scheme.as_str()) => true,
        Some(scheme) if usage == UrlUse::Image && scheme == "data" => is_data_image(url),
        Some(scheme) if usage == UrlUse::Image => image_scheme == Some(scheme.as_str()),
        Some(_) => false,
    };
    if allowed {
        Cow::Borrowed(url)
    } else {
        Cow::Borrowed("#")
    }
}

pub(super) fn is_data_image(url: &str) -> bool {
    let cleaned: String = url
        .trim()
        .chars()
        .filter(|c| !c.is_ascii_whitespace())
        .take(11)
        .collect();
    cleaned.eq_ignore_ascii_case("data:image/")
}

/// `url` resolved against `base` when it is relative to the post, against `site` when it is
/// relative to the site's root (`/images/x.png`, not `//host/x.png`).
pub fn resolve_image<'u>(url: &'u str, base: Option<&str>, site: Option<&str>) -> Cow<'u, str> {
    match (base, site) {
        (Some(base), _) if is_document_relative(url) => {
            let url = url.trim_start().trim_start_matches("./");
            Cow::Owned(format!("{}/{}", base.trim_end_matches('/'), url))
        }
        (_, Some(site)) if is_root_relative(url) => {
            Cow::Owned(format!("{}/{}", site.trim_end_matches('/'), url.trim_start().trim_start_matches('/')))
        }
        _ => Cow::Borrowed(url),
    }
}

/// `/images/x.png`: a path from the site's root (not `//host/...`, which names a host).
fn is_root_relative(url: &str) -> bool {
    let trimmed = url.trim_start();
    trimmed.starts_with('/') && !trimmed.starts_with("//") && scheme_of(trimmed).is_none()
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn scheme_of_cleans_the_url_then_reads_before_its_colon(url in "[aB\\t\\n\\r \\x01:/?#é]{0,12}") {
            let cleaned: String = url
                .trim_matches(|c: char| c <= ' ')
                .chars()
                .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
                .collect();
            let expected = cleaned
                .find(':')
                .map(|colon| &cleaned[..colon])
                .filter(|before| !before.contains(['/', '?', '#']))
                .map(str::to_ascii_lowercase);
            proptest::prop_assert_eq!(scheme_of(&url), expected);
        }
    }

    #[test]
    fn script_urls_become_hash() {
        for url in [
            "javascript:alert(1)",
            " JavaScript:x",
            "java\tscript:x",
            "vbscript:x",
            "data:text/html,x",
            "\u{1}javascript:x",
        ] {
            assert_eq!(safe_url(url, UrlUse::Link, None), "#", "{url:?}");
        }
        assert_eq!(safe_url("data:text/html,x", UrlUse::Image, None), "#");
    }

    #[test]
    fn ordinary_urls_pass() {
        for url in [
            "https://example.org/a",
            "mailto:a@b.c",
            "other.md#x",
            "/abs",
            "#frag",
            "dir/a:b",
        ] {
            assert_eq!(safe_url(url, UrlUse::Link, None), url);
        }
        assert_eq!(
            safe_url("data:image/png;base64,AA", UrlUse::Image, None),
            "data:image/png;base64,AA"
        );
        assert_eq!(
            safe_url("asset://localhost/x.png", UrlUse::Image, Some("asset")),
            "asset://localhost/x.png"
        );
        assert_eq!(
            safe_url("asset://localhost/x.png", UrlUse::Link, Some("asset")),
            "#"
        );
    }

    #[test]
    fn image_base_applies_to_relative_urls_only() {
        let base = Some("asset://localhost/posts/");
        assert_eq!(
            resolve_image("./img/a.png", base, None),
            "asset://localhost/posts/img/a.png"
        );
        assert_eq!(resolve_image("/img/a.png", base, None), "/img/a.png");
        assert_eq!(resolve_image("https://x/a.png", base, None), "https://x/a.png");
        // A path from the site's root takes the site's base; a host-relative URL names a host.
        let site = Some("asset://localhost/blog/static/");
        assert_eq!(resolve_image("/img/a.png", base, site), "asset://localhost/blog/static/img/a.png");
        assert_eq!(resolve_image("//x/a.png", base, site), "//x/a.png");
        assert_eq!(resolve_image("img/a.png", base, site), "asset://localhost/posts/img/a.png");
        assert_eq!(base_scheme(Some("javascript:alert(1)//")), None);
        assert_eq!(base_scheme(base).as_deref(), Some("asset"));
    }
}
