//! Scanning a folder of posts written by the test.

use draftsmith_core::front_matter::Format;
use draftsmith_core::workspace::{is_post_file, Workspace};
use std::fs;
use std::path::Path;

fn write(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
}

fn yaml_post(title: &str, date: &str, draft: bool) -> String {
    format!(
        "---\ntitle: \"{title}\"\ndate: {date}\ndraft: {draft}\ntags: [\"alpha\", \"beta\"]\ncategories: [\"Notes\"]\n---\n\nThree short words.\n"
    )
}

fn paths_of(ws: &Workspace) -> Vec<String> {
    ws.posts().into_iter().map(|p| p.path).collect()
}

#[test]
fn post_files_are_md_or_markdown_in_any_case() {
    for yes in ["a.md", "b.MD", "c.Markdown", "dir/d.markdown"] {
        assert!(is_post_file(Path::new(yes)), "{yes}");
    }
    for no in ["a.txt", "md", "a.md.bak", "a.mdx", "README"] {
        assert!(!is_post_file(Path::new(no)), "{no}");
    }
}

#[test]
fn scan_lists_posts_newest_first_with_their_front_matter() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        root,
        "posts/old.md",
        &yaml_post("Old one", "2024-01-02", false),
    );
    write(
        root,
        "posts/new.md",
        &yaml_post("New one", "2025-09-16T09:00:00-05:00", true),
    );
    // Same instant as `new.md` in UTC: ties go by path.
    write(
        root,
        "posts/same.md",
        &yaml_post("Same", "2025-09-16T14:00:00Z", false),
    );
    write(root, "undated.md", "# Just a body\n");
    write(
        root,
        "posts/trip/index.md",
        "+++\ndate = 2023-05-01\n+++\nBundle body\n",
    );

    let ws = Workspace::scan(root).unwrap();
    assert_eq!(
        paths_of(&ws),
        [
            "posts/new.md",
            "posts/same.md",
            "posts/old.md",
            "posts/trip/index.md",
            "undated.md"
        ]
    );
    let new = ws.get("posts/new.md").unwrap();
    assert_eq!(new.title, "New one");
    assert_eq!(new.date.as_deref(), Some("2025-09-16T09:00:00-05:00"));
    assert!(new.draft);
    assert_eq!(new.tags, ["alpha", "beta"]);
    assert_eq!(new.categories, ["Notes"]);
    assert_eq!(new.word_count, 3);
    assert_eq!(new.problem, None);
    assert_eq!(ws.get("posts/trip/index.md").unwrap().title, "trip");
    assert_eq!(ws.get("undated.md").unwrap().title, "undated");
    assert_eq!(ws.get("undated.md").unwrap().word_count, 3);
}

#[test]
fn scan_skips_hidden_tooling_temp_and_non_post_files() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "keep.md", "kept");
    write(root, ".hidden.md", "no");
    write(root, ".git/notes.md", "no");
    write(root, "node_modules/pkg/README.md", "no");
    write(root, "posts/.draftsmith-tmp-abc.md", "no");
    write(root, "posts/notes.txt", "no");
    let ws = Workspace::scan(root).unwrap();
    assert_eq!(paths_of(&ws), ["keep.md"]);
}

#[test]
fn a_broken_post_is_listed_with_its_problem_and_does_not_hide_others() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "good.md", &yaml_post("Good", "2025-01-01", false));
    write(root, "bad-yaml.md", "---\ntitle: [unclosed\n---\nbody\n");
    fs::write(root.join("latin1.md"), b"caf\xe9\n").unwrap();
    let ws = Workspace::scan(root).unwrap();
    assert_eq!(ws.posts().len(), 3);
    let bad = ws.get("bad-yaml.md").unwrap();
    assert_eq!(bad.title, "bad-yaml");
    let problem = bad.problem.as_deref().unwrap();
    assert!(problem.starts_with("front matter: "), "{problem}");
    let latin1 = ws.get("latin1.md").unwrap().problem.as_deref().unwrap();
    assert_eq!(latin1, "is not UTF-8 text (invalid byte at offset 3)");
    assert_eq!(ws.get("good.md").unwrap().problem, None);
}

#[cfg(unix)]
#[test]
fn symlink_loops_do_not_hang_the_scan() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "a/post.md", "x");
    std::os::unix::fs::symlink(root.join("a"), root.join("a/loop")).unwrap();
    let ws = Workspace::scan(root).unwrap();
    assert_eq!(paths_of(&ws), ["a/post.md"]);
}

#[test]
fn refresh_updates_adds_and_drops_one_post() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "a.md", &yaml_post("Before", "2025-01-01", false));
    let mut ws = Workspace::scan(root).unwrap();

    write(root, "a.md", &yaml_post("After", "2025-01-01", true));
    let updated = ws.refresh("a.md").unwrap();
    assert_eq!(updated.title, "After");
    assert!(ws.get("a.md").unwrap().draft);

    write(root, "sub/b.md", "body");
    assert_eq!(ws.refresh("sub/b.md").unwrap().title, "b");
    assert_eq!(ws.posts().len(), 2);

    fs::remove_file(root.join("a.md")).unwrap();
    assert_eq!(ws.refresh("a.md"), None);
    assert_eq!(paths_of(&ws), ["sub/b.md"]);

    write(root, "notes.txt", "x");
    assert_eq!(ws.refresh("notes.txt"), None);
    assert_eq!(ws.refresh("../escape.md"), None);
    assert_eq!(ws.posts().len(), 1);
}

#[test]
fn usual_format_is_the_most_common_one_and_yaml_by_default() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "plain.md", "no front matter");
    assert_eq!(Workspace::scan(root).unwrap().usual_format(), Format::Yaml);
    write(root, "a.md", "+++\ntitle = \"A\"\n+++\n");
    write(root, "b.md", "+++\ntitle = \"B\"\n+++\n");
    write(root, "c.md", "---\ntitle: C\n---\n");
    assert_eq!(Workspace::scan(root).unwrap().usual_format(), Format::Toml);
}

#[test]
fn scanning_a_missing_folder_is_an_error_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let err = Workspace::scan(&dir.path().join("nope")).unwrap_err();
    assert_eq!(err.kind(), "not_found");
    assert!(err.to_string().contains("nope"));
}

/// Jekyll has no `draft` key: `published: false` holds a post back, and so does living in
/// `_drafts/`.
#[test]
fn a_post_held_back_by_published_false_is_listed_as_a_draft() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "_posts/2025-01-02-held.md",
        "---\ntitle: Held\npublished: false\n---\nx\n",
    );
    write(dir.path(), "_posts/2025-01-03-out.md", "---\ntitle: Out\npublished: true\n---\nx\n");
    let ws = Workspace::scan(dir.path()).unwrap();
    let drafts: Vec<_> = ws.posts().into_iter().map(|p| (p.title, p.draft)).collect();
    assert_eq!(drafts, [("Held".to_string(), true), ("Out".to_string(), false)]);
}

/// A post in Jekyll's `_drafts/` folder (at the root or a category's) is a draft by where it
/// is, whatever its front matter says.
#[test]
fn jekyll_posts_in_the_drafts_folder_are_listed_as_drafts() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "_config.yml", "title: Blog\n");
    write(dir.path(), "_drafts/idea.md", "---\ntitle: Idea\n---\nx\n");
    write(dir.path(), "travel/_drafts/trip.md", "---\ntitle: Trip\ndraft: false\n---\nx\n");
    write(dir.path(), "_posts/2025-01-02-out.md", "---\ntitle: Out\n---\nx\n");
    let ws = Workspace::scan(dir.path()).unwrap();
    let drafts: Vec<_> = ws.posts().into_iter().map(|p| (p.path, p.draft)).collect();
    assert_eq!(
        drafts,
        [
            ("_drafts/idea.md".to_string(), true),
            ("_posts/2025-01-02-out.md".to_string(), false),
            ("travel/_drafts/trip.md".to_string(), true),
        ]
    );
}

#[test]
fn the_archetypes_folder_holds_templates_not_posts() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    // Hugo's own YAML archetype: `{{ .Date }}` is no YAML until Hugo fills it in.
    write(root, "archetypes/default.md", "---\ntitle: \"{{ replace .Name \"-\" \" \" | title }}\"\ndate: {{ .Date }}\ndraft: true\n---\n");
    write(
        root,
        "content/posts/hello.md",
        "---\ntitle: Hello\n---\nHi\n",
    );
    write(
        root,
        "content/archetypes/kept.md",
        "---\ntitle: A section of that name\n---\n",
    );
    let mut ws = Workspace::scan(root).unwrap();
    assert_eq!(
        paths_of(&ws),
        ["content/archetypes/kept.md", "content/posts/hello.md"]
    );
    assert_eq!(ws.refresh("archetypes/default.md"), None);
    assert_eq!(paths_of(&ws).len(), 2);
}

/// A site's root also holds other people's Markdown: Hugo and Zola themes (their READMEs and
/// example sites) and Jekyll's bundled gems (`vendor/bundle`). None of it is the user's posts.
#[test]
fn themes_and_vendored_gems_at_the_root_are_not_posts() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "themes/ananke/README.md", "# Ananke\n");
    write(root, "themes/ananke/exampleSite/content/post/chapter-1.md", "---\ntitle: Chapter 1\n---\n");
    write(root, "vendor/bundle/ruby/3.1.0/gems/minima-2.5.1/README.md", "# minima\n");
    write(root, "content/posts/themes/choosing-one.md", "---\ntitle: Choosing a theme\n---\n");
    write(root, "content/posts/hello.md", "---\ntitle: Hello\n---\n");
    let mut ws = Workspace::scan(root).unwrap();
    assert_eq!(paths_of(&ws), ["content/posts/hello.md", "content/posts/themes/choosing-one.md"]);
    assert_eq!(ws.refresh("themes/ananke/README.md"), None);
    assert_eq!(ws.refresh("vendor/bundle/ruby/3.1.0/gems/minima-2.5.1/README.md"), None);
    assert_eq!(paths_of(&ws).len(), 2);
}

/// New posts go where the site's newest post is (Hugo's `content/post/`, Zola's
/// `content/blog/`, a year folder), `content/posts` when there is one, the root otherwise.
#[test]
fn new_posts_go_where_the_newest_post_is() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let post = |date: &str| format!("---\ntitle: T\ndate: {date}\n---\n");
    assert_eq!(Workspace::scan(root).unwrap().folder_for_new_posts(), "");
    write(root, "content/about.md", "---\ntitle: About\n---\n");
    write(root, "content/blog/2023/old.md", &post("2023-05-01"));
    write(root, "content/blog/2024/newer.md", &post("2024-05-01"));
    write(root, "content/blog/2024/trip/index.md", &post("2024-06-01"));
    assert_eq!(Workspace::scan(root).unwrap().folder_for_new_posts(), "content/blog/2024");
    // Undated posts only: the folder most of them are in.
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "index.md", "---\ntitle: Home\n---\n");
    write(dir.path(), "notes/a.md", "# A\n");
    write(dir.path(), "notes/b.md", "# B\n");
    assert_eq!(Workspace::scan(dir.path()).unwrap().folder_for_new_posts(), "notes");
    std::fs::create_dir_all(dir.path().join("content/posts")).unwrap();
    assert_eq!(Workspace::scan(dir.path()).unwrap().folder_for_new_posts(), "content/posts");
}
