//! Exporting the fixture folder `tests/fixtures/site` as a site.

use draftsmith_core::export::{export_site, SiteOptions};
use std::path::{Path, PathBuf};

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/site")
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn export(
    opts: &SiteOptions,
) -> (
    tempfile::TempDir,
    draftsmith_core::export::SiteReport,
    Vec<(usize, usize)>,
) {
    let out = tempfile::tempdir().expect("tempdir");
    let mut calls = Vec::new();
    let report = export_site(&fixture(), out.path(), opts, &mut |done, total| {
        calls.push((done, total))
    })
    .expect("export");
    (out, report, calls)
}

#[test]
fn published_posts_become_pages_and_drafts_stay_out() {
    let (out, report, calls) = export(&SiteOptions::default());
    let out = out.path();
    assert_eq!(report.pages, 3);
    assert!(out.join("posts/first/index.html").is_file());
    assert!(out.join("posts/second/index.html").is_file());
    assert!(out.join("bundle/index.html").is_file());
    assert!(!out.join("posts/draft").exists());
    assert!(!out.join(".hidden").exists());
    assert!(!out.join("node_modules").exists());
    assert_eq!(calls.last(), Some(&(3, 3)));
    assert_eq!(report.problems.len(), 1, "{:?}", report.problems);
    assert!(
        report.problems[0].contains("broken.md"),
        "{:?}",
        report.problems
    );
}

#[test]
fn drafts_are_exported_when_asked() {
    let (out, report, _) = export(&SiteOptions {
        drafts: true,
        toc: false,
    });
    assert_eq!(report.pages, 4);
    assert!(read(&out.path().join("posts/draft/index.html")).contains("Unfinished Thoughts"));
}

#[test]
fn index_lists_posts_newest_first() {
    let (out, _, _) = export(&SiteOptions::default());
    let index = read(&out.path().join("index.html"));
    let at = |needle: &str| {
        index
            .find(needle)
            .unwrap_or_else(|| panic!("{needle} missing from {index}"))
    };
    assert!(at("Method Notes") < at("Measuring a Static Site Build"));
    assert!(at("Measuring a Static Site Build") < at("A Walk Through the Harbour"));
    assert!(index.contains("href=\"posts/second/index.html\""));
    assert!(index.contains("Where the time goes when a blog builds."));
    assert!(!index.contains("Unfinished Thoughts"));
}

#[test]
fn links_between_posts_are_rewritten() {
    let (out, _, _) = export(&SiteOptions::default());
    let first = read(&out.path().join("posts/first/index.html"));
    assert!(
        first.contains("href=\"../second/index.html#method\""),
        "{first}"
    );
    assert!(
        first.contains("href=\"../../bundle/index.html\""),
        "{first}"
    );
    assert!(first.contains("src=\"../img/chart.png\""), "{first}");
    let bundle = read(&out.path().join("bundle/index.html"));
    assert!(
        bundle.contains("href=\"../posts/first/index.html\""),
        "{bundle}"
    );
    assert!(bundle.contains("src=\"cover.png\""), "{bundle}");
}

#[test]
fn assets_and_static_files_are_copied() {
    let (out, _, _) = export(&SiteOptions::default());
    assert_eq!(read(&out.path().join("posts/img/chart.png")), "PNGchart");
    assert_eq!(read(&out.path().join("bundle/cover.png")), "PNGcover");
    assert_eq!(read(&out.path().join("robots.txt")), "User-agent: *\n");
}

#[test]
fn tag_pages_list_their_posts() {
    let (out, _, _) = export(&SiteOptions::default());
    let rust = read(&out.path().join("tags/rust/index.html"));
    assert!(
        rust.contains("Method Notes") && rust.contains("Measuring a Static Site Build"),
        "{rust}"
    );
    assert!(!rust.contains("Harbour"));
    assert!(!rust.contains("Unfinished"));
    let photos = read(&out.path().join("tags/photos/index.html"));
    assert!(
        photos.contains("href=\"../../bundle/index.html\""),
        "{photos}"
    );
    let first = read(&out.path().join("posts/first/index.html"));
    assert!(
        first.contains("href=\"../../tags/performance/index.html\""),
        "{first}"
    );
}

#[test]
fn hostile_html_is_inert_and_code_is_highlighted() {
    let (out, _, _) = export(&SiteOptions {
        drafts: false,
        toc: true,
    });
    let first = read(&out.path().join("posts/first/index.html"));
    assert!(!first.contains("<script>alert"), "{first}");
    assert!(!first.contains("onclick"), "{first}");
    assert!(!first.contains("javascript:"), "{first}");
    assert!(first.contains("<p>Raw paragraph</p>"), "{first}");
    assert!(first.contains("class=\"toc\""), "{first}");
    let second = read(&out.path().join("posts/second/index.html"));
    assert!(
        second.contains("<code class=\"language-rust\"><span class=\"hl-"),
        "{second}"
    );
    assert!(!second.contains("data-line"));
}
