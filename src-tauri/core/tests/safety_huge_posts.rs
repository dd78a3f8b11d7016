//! Huge posts: a 50 MB post and a 100,000-line post load, parse and are scanned; a post over
//! the size limit is refused as `too_large` with a message naming it, without being read.

use draftsmith_core::front_matter::{self, FrontMatter};
use draftsmith_core::save;
use draftsmith_core::workspace::Workspace;
use draftsmith_core::Result;
use std::fs;
use std::path::Path;

/// Read and parse a post the way the app and the CLI do.
fn load(path: &Path) -> Result<FrontMatter> {
    let loaded = save::read_text(path)?;
    front_matter::parse(&loaded.text).map_err(|e| e.with_path(path))
}

#[test]
fn a_50_mb_post_loads_parses_and_is_scanned() {
    let dir = tempfile::tempdir().expect("temp folder");
    let path = dir.path().join("huge.md");
    let mut text = String::from("---\ntitle: \"Huge\"\ndraft: true\n---\n");
    let paragraph = "A long paragraph of ordinary words, repeated until the post is huge.\n\n";
    let target = 50 * 1024 * 1024;
    text.reserve(target);
    while text.len() < target {
        text.push_str(paragraph);
    }
    fs::write(&path, &text).expect("write 50 MB");
    assert!((fs::metadata(&path).expect("stat").len()) < save::MAX_POST_BYTES);

    let loaded = save::read_text(&path).expect("a 50 MB post is under the limit and loads");
    assert_eq!(loaded.text.len(), text.len());
    let fm = front_matter::parse(&loaded.text).expect("its front matter parses");
    assert_eq!(fm.title.as_deref(), Some("Huge"));
    assert!(fm.is_draft());

    let workspace = Workspace::scan(dir.path()).expect("scan");
    let post = workspace.get("huge.md").expect("listed");
    assert_eq!(post.problem, None);
    let paragraphs = (text.len() - 35) / paragraph.len();
    assert!(
        post.word_count >= paragraphs * 12,
        "{} words",
        post.word_count
    );
}

#[test]
fn a_post_over_the_limit_is_refused_as_too_large_without_reading_it() {
    let dir = tempfile::tempdir().expect("temp folder");
    let path = dir.path().join("too-big.md");
    // A sparse file: its size is over the limit without writing 64 MiB.
    let file = fs::File::create(&path).expect("create");
    file.set_len(save::MAX_POST_BYTES + 1).expect("grow");
    let err = save::read_text(&path).expect_err("over the limit");
    assert_eq!(err.kind(), "too_large");
    assert!(err.to_string().contains("too-big.md"), "{err}");
    let workspace = Workspace::scan(dir.path()).expect("scan");
    let problem = workspace.get("too-big.md").and_then(|p| p.problem.clone());
    assert!(problem.is_some_and(|p| p.contains("limit")));
}

#[test]
fn a_100_000_line_post_loads_and_parses() {
    let dir = tempfile::tempdir().expect("temp folder");
    let path = dir.path().join("long.md");
    let mut text = String::from("---\ntitle: Long\ntags: [a, b]\n---\n");
    for line in 0..100_000 {
        text.push_str(&format!("Line {line}\n"));
    }
    fs::write(&path, &text).expect("write");
    let fm = load(&path).expect("loads and parses");
    assert_eq!(fm.tags, ["a", "b"]);
    let workspace = Workspace::scan(dir.path()).expect("scan");
    assert_eq!(
        workspace.get("long.md").map(|p| p.word_count),
        Some(200_000)
    );
}
