use super::*;

pub(super) fn site(files: &[(&str, &str)]) -> (tempfile::TempDir, std::path::PathBuf, SiteReport) {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path().join("blog");
    for (rel, text) in files {
        let path = root.join(rel);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(&path, text).expect("write fixture");
    }
    let out = dir.path().join("out");
    let report =
        export_site(&root, &out, &SiteOptions::default(), &mut |_, _| {}).expect("export");
    (dir, out, report)
}

#[test]
fn a_post_named_like_a_url_scheme_is_linked_as_a_path() {
    let (_dir, out, _) = site(&[
        ("javascript:alert(1).md", "# Hi\n"),
        ("notes/index.md", "[back](../javascript:alert(1).md)\n"),
    ]);
    let index = std::fs::read_to_string(out.join("index.html")).expect("index");
    assert!(!index.contains("href=\"javascript:"), "{index}");
    assert!(
        index.contains("href=\"./javascript:alert(1)/index.html\""),
        "{index}"
    );
}

#[test]
fn links_to_files_with_url_characters_in_their_names_are_encoded() {
    let (_dir, out, _) = site(&[
        ("posts/a.md", "![s](c%23.png) ![p](100%25.png) [q](what%3F.md) [n](my%20post.md)\n"),
        ("posts/c#.png", "png"),
        ("posts/100%.png", "png"),
        ("posts/what?.md", "# What\n"),
        ("posts/my post.md", "# Mine\n"),
    ]);
    let page = std::fs::read_to_string(out.join("posts/a/index.html")).expect("page");
    assert!(page.contains("src=\"../c%23.png\""), "{page}");
    assert!(page.contains("src=\"../100%25.png\""), "{page}");
    assert!(page.contains("href=\"../what%3F/index.html\""), "{page}");
    assert!(page.contains("href=\"../my%20post/index.html\""), "{page}");
    let index = std::fs::read_to_string(out.join("index.html")).expect("index");
    assert!(index.contains("href=\"posts/what%3F/index.html\""), "{index}");
}

#[test]
fn a_static_folder_linked_from_outside_is_not_copied() {
    let dir = tempfile::tempdir().expect("tempdir");
    let secrets = dir.path().join("secrets");
    std::fs::create_dir(&secrets).expect("mkdir");
    std::fs::write(secrets.join("id_rsa"), "PRIVATE").expect("secret");
    let root = dir.path().join("blog");
    std::fs::create_dir(&root).expect("mkdir");
    std::fs::write(root.join("a.md"), "# A\n").expect("post");
    std::os::unix::fs::symlink(&secrets, root.join("static")).expect("symlink");
    let out = dir.path().join("out");
    export_site(&root, &out, &SiteOptions::default(), &mut |_, _| {}).expect("export");
    assert!(out.join("a/index.html").is_file());
    assert!(!out.join("id_rsa").exists(), "a file from outside the workspace was exported");
}

#[test]
fn two_posts_with_one_page_folder_do_not_overwrite_each_other() {
    let (_dir, out, report) = site(&[
        ("trip.md", "---\ntitle: Trip notes\n---\nnotes\n"),
        ("trip/index.md", "---\ntitle: Trip bundle\n---\nbundle\n"),
    ]);
    let page = std::fs::read_to_string(out.join("trip/index.html")).expect("page");
    assert_eq!(report.pages, 1, "{report:?}");
    assert_eq!(report.problems.len(), 1, "{report:?}");
    let (kept, lost) = if page.contains("Trip notes") {
        ("trip.md", "trip/index.md")
    } else {
        ("trip/index.md", "trip.md")
    };
    assert!(report.problems[0].starts_with(lost), "{report:?}");
    assert!(report.problems[0].contains(kept), "{report:?}");
}

#[test]
fn a_post_page_is_not_replaced_by_a_tag_page() {
    let (_dir, out, report) = site(&[
        ("tags/rust.md", "---\ntitle: Why I tag posts\n---\nbody\n"),
        ("a.md", "---\ntitle: A\ntags: [rust]\n---\nbody\n"),
    ]);
    let page = std::fs::read_to_string(out.join("tags/rust/index.html")).expect("page");
    assert!(page.contains("Tagged"), "{page}");
    assert!(
        report.problems.iter().any(|p| p.starts_with("tags/rust.md")),
        "{report:?}"
    );
}

#[test]
fn a_draft_bundle_keeps_its_files_out_of_a_published_export() {
    let (_dir, out, report) = site(&[
        ("launch/index.md", "---\ntitle: Launch\ndraft: true\n---\n![p](product.png)\n"),
        ("launch/product.png", "unreleased"),
        ("posts/a.md", "![c](img/chart.png)\n"),
        ("posts/img/chart.png", "chart"),
    ]);
    assert_eq!(report.pages, 1, "{report:?}");
    assert!(out.join("posts/img/chart.png").is_file());
    assert!(!out.join("launch").exists(), "a draft's files were published");
}

#[test]
fn posts_waiting_in_jekylls_drafts_folder_are_not_published() {
    let (_dir, out, report) = site(&[
        ("_drafts/idea.md", "---\ntitle: Idea\n---\nNot yet\n![sketch](sketch.svg)\n"),
        ("_drafts/sketch.svg", "<svg/>"),
        ("_posts/2025-01-02-out.md", "---\ntitle: Out\n---\nHere\n"),
    ]);
    assert_eq!(report.pages, 1, "{report:?}");
    assert!(out.join("_posts/2025-01-02-out/index.html").is_file());
    assert!(!out.join("_drafts").exists());
    let index = std::fs::read_to_string(out.join("index.html")).expect("index");
    assert!(!index.contains("Idea"), "{index}");
}

/// Raw HTML images and links (`<img src="img/chart.png" width="300">` is a common way to
/// size a picture) point where Markdown ones do: the page sits one folder deeper than its
/// source. A Markdown image beside raw HTML is rewritten once, not twice.
#[test]
fn raw_html_images_and_links_point_at_the_exported_files() {
    let (_dir, out, _) = site(&[
        (
            "posts/a.md",
            "<img src=\"img/chart.png\" width=\"300\">\n\n<p><a href=\"b.md\">b</a></p>\n\n\
             ![c](img/chart.png) <b>and</b> [b](b.md)\n",
        ),
        ("posts/img/chart.png", "png"),
        ("posts/b.md", "# B\n"),
        // Where `../img/chart.png` would point if it were rewritten a second time.
        ("img/chart.png", "another"),
    ]);
    let page = std::fs::read_to_string(out.join("posts/a/index.html")).expect("page");
    assert!(page.contains("src=\"../img/chart.png\""), "{page}");
    assert!(page.contains("href=\"../b/index.html\""), "{page}");
    assert_eq!(page.matches("src=\"../img/chart.png\"").count(), 2, "{page}");
    assert_eq!(page.matches("href=\"../b/index.html\"").count(), 2, "{page}");
}

#[test]
fn a_file_that_cannot_be_copied_is_reported_and_the_site_still_gets_its_index() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path().join("blog");
    std::fs::create_dir(&root).expect("mkdir");
    std::fs::write(root.join("README.md"), "# Read me\n").expect("post");
    std::fs::write(root.join("README"), "plain text").expect("file");
    std::fs::write(root.join("a.md"), "# A\n").expect("post");
    let out = dir.path().join("out");
    let report =
        export_site(&root, &out, &SiteOptions::default(), &mut |_, _| {}).expect("export");
    assert!(out.join("index.html").is_file());
    assert!(out.join("a/index.html").is_file());
    assert!(
        report.problems.iter().any(|p| p.contains("README")),
        "{report:?}"
    );
}

#[test]
fn page_folders_follow_the_source_path() {
    assert_eq!(page_dir("posts/a.md"), "posts/a");
    assert_eq!(page_dir("foo/index.md"), "foo");
    assert_eq!(page_dir("docs/_index.markdown"), "docs");
    assert_eq!(page_dir("index.md"), "");
}

#[test]
fn links_point_at_pages_and_assets() {
    let targets = Targets {
        pages: [
            ("posts/b.md".to_string(), "posts/b".to_string()),
            ("bundle/index.md".to_string(), "bundle".to_string()),
        ]
        .into_iter()
        .collect(),
        assets: ["posts/img/x.png".to_string()].into_iter().collect(),
        tags: TagDirs::new([]),
    };
    let rewrite = |url: &str| targets.rewrite("posts/a.md", "posts/a", url);
    assert_eq!(
        rewrite("b.md#part").as_deref(),
        Some("../b/index.html#part")
    );
    assert_eq!(
        rewrite("../bundle/index.md").as_deref(),
        Some("../../bundle/index.html")
    );
    assert_eq!(rewrite("img/x.png").as_deref(), Some("../img/x.png"));
    assert_eq!(rewrite("missing.md"), None);
    assert_eq!(rewrite("https://example.org/b.md"), None);
}

/// Themes and bundled gems at the root hold other people's Markdown and files, not the
/// site's posts or their assets: none of it is exported.
#[test]
fn themes_and_vendored_gems_are_not_exported() {
    let (_dir, out, report) = site(&[
        ("hello.md", "# Hello\n"),
        ("themes/ananke/README.md", "# Ananke\n"),
        ("themes/ananke/static/theme.css", "body {}\n"),
        ("vendor/bundle/gems/minima/README.md", "# minima\n"),
    ]);
    assert_eq!(report.pages, 1, "{report:?}");
    assert!(out.join("hello/index.html").exists());
    assert!(!out.join("themes").exists() && !out.join("vendor").exists());
}

/// "C", "C++" and "C#" make one slug: each still gets its own tag page, and every link goes
/// to its own tag's page. Tags differing only in case share theirs.
#[test]
fn tags_that_make_one_slug_get_a_page_each() {
    let (_dir, out, _) = site(&[
        ("c.md", "---\ntitle: On C\ntags: [C]\n---\nx\n"),
        ("cpp.md", "---\ntitle: On C++\ntags: [\"C++\"]\n---\nx\n"),
        ("csharp.md", "---\ntitle: On C#\ntags: [\"C#\", rust]\n---\nx\n"),
        ("more-rust.md", "---\ntitle: More Rust\ntags: [Rust]\n---\nx\n"),
    ]);
    let page = |dir: &str| std::fs::read_to_string(out.join(dir).join("index.html")).unwrap();
    let mut titles = Vec::new();
    for dir in ["tags/c", "tags/c-2", "tags/c-3"] {
        let tag_page = page(dir);
        let titled = ["C", "C++", "C#"].into_iter().find(|t| tag_page.contains(&format!("Tagged “{t}”")));
        titles.push(titled.unwrap_or_else(|| panic!("{dir}: {tag_page}")));
        assert_eq!(tag_page.matches("<li").count(), 1, "{dir} lists one post: {tag_page}");
    }
    titles.sort();
    assert_eq!(titles, ["C", "C#", "C++"]);
    let rust = page("tags/rust");
    assert!(rust.contains("On C#") && rust.contains("More Rust"), "{rust}");
    // Each post links to its own tag's page.
    let cpp_dir = ["tags/c", "tags/c-2", "tags/c-3"].into_iter().find(|d| page(d).contains("Tagged “C++”")).unwrap();
    assert!(page("cpp").contains(&format!("../{cpp_dir}/index.html")), "{}", page("cpp"));
}

/// "Café" typed with a precomposed "é" on one post and with "e" and a combining accent on
/// another is one tag, as in the app's tag filter: one page listing both posts.
#[test]
fn a_tag_written_with_either_form_of_an_accent_has_one_page() {
    let (_dir, out, _) = site(&[
        ("a.md", "---\ntitle: Composed\ntags: [\"Caf\u{e9}\"]\n---\nx\n"),
        ("b.md", "---\ntitle: Decomposed\ntags: [\"cafe\u{301}\"]\n---\nx\n"),
    ]);
    let page = std::fs::read_to_string(out.join("tags/cafe/index.html")).expect("tag page");
    assert!(page.contains("Composed") && page.contains("Decomposed"), "{page}");
    assert!(!out.join("tags/cafe-2").exists());
    let b = std::fs::read_to_string(out.join("b/index.html")).expect("post page");
    assert!(b.contains("../tags/cafe/index.html"), "{b}");
}

/// Every problem names its file the same way: by its path in the workspace, first.
#[test]
fn problems_name_their_file_by_its_path_in_the_workspace() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path().join("blog");
    std::fs::create_dir_all(root.join("posts")).expect("mkdir");
    std::fs::write(root.join("posts/binary.md"), b"\0\x01\x02 not text").expect("post");
    std::fs::write(root.join("posts/bad.md"), "---\ntitle: [unclosed\n---\n").expect("post");
    std::fs::write(root.join("README.md"), "# Read me\n").expect("post");
    std::fs::write(root.join("README"), "plain text").expect("file");
    std::fs::write(root.join("blocked.md"), "# Blocked\n").expect("post");
    let out = dir.path().join("out");
    std::fs::create_dir(&out).expect("mkdir");
    std::fs::write(out.join("blocked"), "a file where the page's folder goes").expect("file");
    let report =
        export_site(&root, &out, &SiteOptions::default(), &mut |_, _| {}).expect("export");
    let mut named: Vec<&str> = report
        .problems
        .iter()
        .map(|p| p.split(": ").next().unwrap_or(p))
        .collect();
    named.sort();
    assert_eq!(
        named,
        ["README", "blocked.md", "posts/bad.md", "posts/binary.md"],
        "{report:?}"
    );
    let root_named = root.display().to_string();
    assert!(
        report.problems.iter().all(|p| !p.contains(&root_named)),
        "{report:?}"
    );
}

/// A file of the workspace at the place of the site's index or of a tag page (a hand-written
/// `index.html` at the root) is not copied over by that page without a word: it is reported.
#[test]
fn a_file_at_the_place_of_the_index_or_a_tag_page_is_reported() {
    let (_dir, out, report) = site(&[
        ("index.html", "my own landing page"),
        ("tags/rust/index.html", "my own tag page"),
        ("static/INDEX.HTML", "copied to the root"),
        ("a.md", "---\ntags: [Rust]\n---\nbody\n"),
    ]);
    assert_eq!(report.pages, 1, "{report:?}");
    let index = std::fs::read_to_string(out.join("index.html")).expect("index");
    assert!(index.contains("a/index.html"), "{index}");
    let mut named: Vec<&str> = report.problems.iter().filter_map(|p| p.split(": ").next()).collect();
    named.sort();
    assert_eq!(named, ["index.html", "static/INDEX.HTML", "tags/rust/index.html"], "{report:?}");
    assert!(report.problems.iter().all(|p| p.contains("not copied")), "{report:?}");
}

/// A post with a blank title is listed in the index by its name, not as an empty link that
/// cannot be clicked.
#[test]
fn a_post_with_a_blank_title_is_listed_by_its_name() {
    let (_dir, out, report) = site(&[("notes.md", "---\ntitle: \"  \"\ntags: [t]\n---\nBody\n")]);
    assert_eq!(report.pages, 1, "{report:?}");
    for page in ["index.html", "tags/t/index.html"] {
        let html = std::fs::read_to_string(out.join(page)).expect("listing");
        assert!(html.contains("index.html\">notes</a>"), "{html}");
    }
    let html = std::fs::read_to_string(out.join("notes/index.html")).expect("page");
    assert!(html.contains("<title>notes</title>"), "{html}");
}
