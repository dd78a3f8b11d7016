//! URL and path arithmetic for export: splitting fragments off, decoding, resolving a link
//! against the post's folder, and relative URLs between exported pages.

/// `url` split into its path and the `?query#fragment` suffix (kept as written).
pub fn split_suffix(url: &str) -> (&str, &str) {
    let at = url.find(['?', '#']).unwrap_or(url.len());
    url.split_at(at)
}

/// Percent-decoding of a URL path (`my%20pic.png` is the file `my pic.png`). Invalid escapes
/// are kept as written.
pub fn percent_decode(path: &str) -> String {
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let (Some(hi), Some(lo)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push((hi * 16 + lo) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Join a relative `/`-separated `path` onto the folder `dir` (also `/`-separated, `""` for
/// the root), resolving `.` and `..`. `None` when it climbs out of the root.
pub fn join(dir: &str, path: &str) -> Option<String> {
    let mut parts: Vec<&str> = dir.split('/').filter(|p| !p.is_empty()).collect();
    for part in path.split(['/', '\\']) {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            other => parts.push(other),
        }
    }
    Some(parts.join("/"))
}

/// The folder part of a `/`-separated path (`""` at the root).
pub fn parent(path: &str) -> &str {
    path.rfind('/').map_or("", |at| &path[..at])
}

/// A relative URL from the folder `from` to the path `to` (both `/`-separated from the root).
pub fn relative_url(from: &str, to: &str) -> String {
    let from: Vec<&str> = from.split('/').filter(|p| !p.is_empty()).collect();
    let to_parts: Vec<&str> = to.split('/').filter(|p| !p.is_empty()).collect();
    let common = from
        .iter()
        .zip(&to_parts)
        .take_while(|(a, b)| a == b)
        .count();
    let mut url = "../".repeat(from.len() - common);
    for (i, part) in to_parts[common..].iter().enumerate() {
        if i > 0 {
            url.push('/');
        }
        url.push_str(&encode_segment(part));
    }
    // A first segment with a colon reads as a scheme: a post named `javascript:alert(1).md`
    // would be linked from the index as `javascript:alert(1)/index.html`.
    if url.split('/').next().is_some_and(|first| first.contains(':')) {
        url.insert_str(0, "./");
    }
    if to.ends_with('/') && !url.is_empty() && !url.ends_with('/') {
        url.push('/');
    }
    url
}

/// A file or folder name as a URL path segment: the characters that would end the path
/// (`?`, `#`) or start an escape (`%`) are percent-encoded. The rest (spaces, non-ASCII) is
/// left to the HTML writer's `escape_href`.
pub fn encode_segment(name: &str) -> std::borrow::Cow<'_, str> {
    if !name.contains(['%', '#', '?']) {
        return std::borrow::Cow::Borrowed(name);
    }
    let mut out = String::with_capacity(name.len() + 6);
    for c in name.chars() {
        match c {
            '%' => out.push_str("%25"),
            '#' => out.push_str("%23"),
            '?' => out.push_str("%3F"),
            c => out.push(c),
        }
    }
    std::borrow::Cow::Owned(out)
}

/// The MIME type of an image file we are willing to embed.
pub fn image_mime(path: &str) -> Option<&'static str> {
    let ext = path.rsplit('.').next()?.to_ascii_lowercase();
    Some(match ext.as_str() {
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "svg" => "image/svg+xml",
        "avif" => "image/avif",
        "bmp" => "image/bmp",
        "ico" => "image/x-icon",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suffixes_split_off() {
        assert_eq!(split_suffix("a.md#x"), ("a.md", "#x"));
        assert_eq!(split_suffix("a.md?q=1#x"), ("a.md", "?q=1#x"));
        assert_eq!(split_suffix("a.md"), ("a.md", ""));
    }

    #[test]
    fn decoding_and_joining() {
        assert_eq!(percent_decode("my%20pic.png"), "my pic.png");
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(percent_decode("%zz%4"), "%zz%4");
        assert_eq!(
            join("posts/2025", "../dir/post.md").as_deref(),
            Some("posts/dir/post.md")
        );
        assert_eq!(join("", "./a.md").as_deref(), Some("a.md"));
        assert_eq!(join("posts", "../../x"), None);
        assert_eq!(parent("posts/a.md"), "posts");
        assert_eq!(parent("a.md"), "");
    }

    #[test]
    fn relative_urls_between_pages() {
        assert_eq!(
            relative_url("posts/a", "posts/b/index.html"),
            "../b/index.html"
        );
        assert_eq!(relative_url("posts/a", "index.html"), "../../index.html");
        assert_eq!(
            relative_url("", "tags/rust/index.html"),
            "tags/rust/index.html"
        );
        assert_eq!(relative_url("foo", "foo/cover.png"), "cover.png");
        assert_eq!(
            relative_url("", "javascript:alert(1)/index.html"),
            "./javascript:alert(1)/index.html"
        );
        assert_eq!(relative_url("a", "a/b:c.png"), "./b:c.png");
        assert_eq!(
            relative_url("posts/a", "posts/c#1/100%/w?.png"),
            "../c%231/100%25/w%3F.png"
        );
    }
}
