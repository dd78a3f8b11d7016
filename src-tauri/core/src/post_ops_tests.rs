//! Tests of the operations on one post file (post_ops.rs).

use super::*;

fn workspace(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (rel, text) in files {
        let path = dir.path().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    dir
}

#[test]
fn draft_changes_exactly_one_line() {
    let before = "---\ntitle: A\ndraft: false # keep\ntags: [x]\n---\nBody\n";
    let ws = workspace(&[("a.md", before)]);
    let w = set_draft(ws.path(), "a.md", true, Format::Yaml).unwrap();
    let after = std::fs::read_to_string(ws.path().join("a.md")).unwrap();
    let changed: Vec<_> = before.lines().zip(after.lines()).filter(|(a, b)| a != b).collect();
    assert_eq!(changed.len(), 1, "{after}");
    assert!(after.contains("draft: true"));
    assert_eq!(w.revision, Some(save::revision(after.as_bytes())));
}

#[test]
fn clearing_a_missing_draft_key_leaves_the_file_alone() {
    let ws = workspace(&[("a.md", "---\ntitle: A\n---\n")]);
    let w = set_draft(ws.path(), "a.md", false, Format::Yaml).unwrap();
    assert_eq!(w.revision, None);
    assert_eq!(std::fs::read_to_string(ws.path().join("a.md")).unwrap(), "---\ntitle: A\n---\n");
}

#[test]
fn a_post_in_jekylls_posts_folder_is_made_a_draft_as_jekyll_reads_it() {
    let ws = workspace(&[
        ("_posts/2024/2025-09-16-trip.md", "---\ntitle: Trip\n---\nBody\n"),
        ("_posts/2025-09-17-walk.md", "---\ntitle: Walk\ndraft: false\n---\nBody\n"),
    ]);
    for rel in ["_posts/2024/2025-09-16-trip.md", "_posts/2025-09-17-walk.md"] {
        set_draft(ws.path(), rel, true, Format::Yaml).unwrap();
        let text = std::fs::read_to_string(ws.path().join(rel)).unwrap();
        // Jekyll knows no `draft` key: with only that, the next build would publish it.
        assert!(text.contains("published: false\n") && !text.contains("draft"), "{text}");
        set_draft(ws.path(), rel, false, Format::Yaml).unwrap();
        let text = std::fs::read_to_string(ws.path().join(rel)).unwrap();
        assert!(!front_matter::parse(&text).unwrap().is_draft(), "{text}");
    }
}

#[test]
fn rename_moves_the_file_to_the_new_slug() {
    let ws = workspace(&[("old.md", "---\ntitle: Old\n---\nx\n")]);
    let w = rename(ws.path(), "old.md", "Brand New Name", true, Format::Yaml).unwrap();
    assert_eq!(w.path, "brand-new-name.md");
    assert!(!ws.path().join("old.md").exists());
    let text = std::fs::read_to_string(ws.path().join("brand-new-name.md")).unwrap();
    assert!(text.contains("Brand New Name"), "{text}");
}

#[test]
fn a_renamed_post_keeps_the_date_its_name_starts_with() {
    let ws = workspace(&[
        ("_posts/2025-09-16-old-title.md", "---\ntitle: Old title\nslug: old-title\n---\nBody\n"),
        ("content/2024-05-01-trip/index.md", "---\ntitle: Trip\n---\n"),
    ]);
    let w = rename(ws.path(), "_posts/2025-09-16-old-title.md", "New title", true, Format::Yaml).unwrap();
    assert_eq!(w.path, "_posts/2025-09-16-new-title.md", "Jekyll skips a post without its date");
    let text = std::fs::read_to_string(ws.path().join(&w.path)).unwrap();
    assert!(text.contains("slug: new-title\n"), "{text}");
    let w = rename(ws.path(), &w.path, "2026-01-02 Dated anew", true, Format::Yaml).unwrap();
    assert_eq!(w.path, "_posts/2026-01-02-dated-anew.md", "a title with a date of its own is not dated twice");
    let w = rename(ws.path(), "content/2024-05-01-trip/index.md", "Summer", true, Format::Yaml).unwrap();
    assert_eq!(w.path, "content/2024-05-01-summer/index.md");
}

#[test]
fn a_rename_never_takes_the_address_of_another_post() {
    let ws = workspace(&[
        ("Old.md", "---\ntitle: Old\n---\n"),
        ("Trip.md", "---\ntitle: Trip\n---\n"),
        ("notes.markdown", "---\ntitle: Notes\n---\n"),
        ("summer/index.md", "---\ntitle: Summer\n---\n"),
    ]);
    for title in ["Trip", "Notes", "Summer"] {
        let err = rename(ws.path(), "Old.md", title, true, Format::Yaml).unwrap_err();
        assert_eq!(err.kind(), "already_exists", "{title}");
    }
    assert!(std::fs::read_to_string(ws.path().join("Old.md")).unwrap().contains("title: Old"));
    let w = rename(ws.path(), "Old.md", "old", true, Format::Yaml).unwrap();
    assert_eq!(w.path, "old.md", "its own name in another case is no other post's");
}

#[test]
fn rename_of_a_bundle_moves_its_folder_and_refuses_to_overwrite() {
    let ws = workspace(&[
        ("trip/index.md", "---\ntitle: Trip\n---\n![x](a.png)\n"),
        ("trip/a.png", "png"),
        ("taken.md", "---\ntitle: Taken\n---\n"),
    ]);
    let w = rename(ws.path(), "trip/index.md", "Summer Trip", true, Format::Yaml).unwrap();
    assert_eq!(w.path, "summer-trip/index.md");
    assert!(ws.path().join("summer-trip/a.png").exists());
    let err = rename(ws.path(), "summer-trip/index.md", "Taken", false, Format::Yaml);
    assert!(err.is_ok(), "renaming the title alone never moves files");
    std::fs::create_dir(ws.path().join("taken")).unwrap();
    let err = rename(ws.path(), "summer-trip/index.md", "Taken", true, Format::Yaml).unwrap_err();
    assert_eq!(err.kind(), "already_exists");
}

#[test]
fn duplicate_is_a_draft_copy_beside_the_original() {
    let ws = workspace(&[("post.md", "---\ntitle: Post\ndraft: false\n---\nBody\n")]);
    let first = duplicate(ws.path(), "post.md", Format::Yaml).unwrap();
    let second = duplicate(ws.path(), "post.md", Format::Yaml).unwrap();
    assert_eq!(first.path, "post-copy.md");
    assert_eq!(second.path, "post-copy-2.md");
    let text = std::fs::read_to_string(ws.path().join("post-copy.md")).unwrap();
    let fm = front_matter::parse(&text).unwrap();
    assert_eq!(fm.title.as_deref(), Some("Post (copy)"));
    assert_eq!(fm.draft, Some(true));
    assert!(text.ends_with("Body\n"));
}

#[test]
fn a_copy_in_jekylls_posts_folder_is_held_back_as_jekyll_reads_it() {
    let ws = workspace(&[("_posts/2025-09-16-trip.md", "---\ntitle: Trip\ndate: 2025-09-16\n---\nBody\n")]);
    let w = duplicate(ws.path(), "_posts/2025-09-16-trip.md", Format::Yaml).unwrap();
    assert_eq!(w.path, "_posts/2025-09-16-trip-copy.md");
    let text = std::fs::read_to_string(ws.path().join(&w.path)).unwrap();
    assert_eq!(text, "---\ntitle: Trip (copy)\ndate: 2025-09-16\npublished: false\n---\nBody\n");
    // The same in a workspace that is the `_posts` folder itself.
    let posts = ws.path().join("_posts");
    let w = duplicate(&posts, "2025-09-16-trip.md", Format::Yaml).unwrap();
    let text = std::fs::read_to_string(posts.join(&w.path)).unwrap();
    assert!(text.contains("published: false\n") && !text.contains("draft"), "{text}");
}

#[test]
fn renaming_the_index_at_the_root_never_moves_the_workspace() {
    let ws = workspace(&[("index.md", "---\ntitle: Home\n---\nWelcome\n"), ("a.md", "---\ntitle: A\n---\n")]);
    let root = ws.path().join("");
    let w = rename(&root, "index.md", "My Home", true, Format::Yaml).unwrap();
    assert!(root.join("a.md").exists(), "the workspace folder was moved");
    assert!(!ws.path().with_file_name("my-home").exists());
    assert_eq!(w.path, "index.md", "the home page keeps its name");
    let text = std::fs::read_to_string(root.join("index.md")).unwrap();
    assert!(text.contains("title: My Home"), "{text}");
}

#[test]
fn renaming_a_section_index_moves_no_other_post() {
    let ws = workspace(&[
        ("posts/_index.md", "---\ntitle: Posts\n---\n"),
        ("posts/one.md", "---\ntitle: One\n---\n"),
    ]);
    let w = rename(ws.path(), "posts/_index.md", "Articles", true, Format::Yaml).unwrap();
    assert!(ws.path().join("posts/one.md").exists(), "the other posts of the folder moved too");
    assert_eq!(w.path, "posts/_index.md", "the section's page keeps its name");
}

#[test]
fn duplicating_an_index_beside_other_posts_copies_only_that_post() {
    let ws = workspace(&[
        ("index.md", "---\ntitle: Home\n---\n"),
        ("posts/_index.md", "---\ntitle: Posts\n---\n"),
        ("posts/one.md", "---\ntitle: One\ndraft: false\n---\n"),
    ]);
    let w = duplicate(ws.path(), "posts/_index.md", Format::Yaml).unwrap();
    assert_eq!(w.path, "posts/_index-copy.md");
    assert!(!ws.path().join("posts-copy").exists(), "every post of the section was copied");
    let w = duplicate(ws.path(), "index.md", Format::Yaml).unwrap();
    assert_eq!(w.path, "index-copy.md");
    let outside = ws.path().with_file_name(format!(
        "{}-copy",
        ws.path().file_name().unwrap().to_str().unwrap()
    ));
    assert!(!outside.exists(), "the workspace was copied outside itself");
}

#[test]
fn a_rename_refused_for_a_taken_name_leaves_the_post_untouched() {
    let before = "---\ntitle: Old\nslug: old\n---\nBody\n";
    let ws = workspace(&[("old.md", before), ("taken.md", "---\ntitle: Taken\n---\n")]);
    let err = rename(ws.path(), "old.md", "Taken", true, Format::Yaml).unwrap_err();
    assert_eq!(err.kind(), "already_exists");
    assert_eq!(std::fs::read_to_string(ws.path().join("old.md")).unwrap(), before);
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink("nowhere.md", ws.path().join("linked.md")).unwrap();
        let err = rename(ws.path(), "old.md", "Linked", true, Format::Yaml).unwrap_err();
        assert_eq!(err.kind(), "already_exists");
        assert!(std::fs::symlink_metadata(ws.path().join("linked.md")).unwrap().file_type().is_symlink());
    }
}

#[test]
fn duplicating_a_bundle_copies_its_asset_folders() {
    let ws = workspace(&[
        ("trip/index.md", "---\ntitle: Trip\n---\n![x](images/a.png)\n"),
        ("trip/images/a.png", "png"),
    ]);
    let w = duplicate(ws.path(), "trip/index.md", Format::Yaml).unwrap();
    assert_eq!(w.path, "trip-copy/index.md");
    assert_eq!(std::fs::read_to_string(ws.path().join("trip-copy/images/a.png")).unwrap(), "png");
}

#[test]
fn a_duplicate_never_takes_the_address_of_another_post() {
    let ws = workspace(&[
        ("post.md", "---\ntitle: Post\n---\n"),
        ("Post-Copy.markdown", "---\ntitle: Other\n---\n"),
        ("post-copy-2/index.md", "---\ntitle: Bundle\n---\n"),
        ("trip/index.md", "---\ntitle: Trip\n---\n"),
        ("Trip-copy.md", "---\ntitle: Other trip\n---\n"),
    ]);
    let w = duplicate(ws.path(), "post.md", Format::Yaml).unwrap();
    assert_eq!(w.path, "post-copy-3.md", "Post-Copy.markdown and post-copy-2/ are at those addresses");
    let w = duplicate(ws.path(), "trip/index.md", Format::Yaml).unwrap();
    assert_eq!(w.path, "trip-copy-2/index.md", "Trip-copy.md is at that address");
    assert!(std::fs::read_to_string(ws.path().join("Post-Copy.markdown")).unwrap().contains("Other"));
}

#[test]
fn a_duplicate_never_shares_the_original_slug() {
    let ws = workspace(&[
        ("post.md", "---\ntitle: Post\nslug: my-post\ndraft: false\n---\nBody\n"),
        ("trip/index.md", "+++\ntitle = \"Trip\"\nslug = \"summer\"\n+++\n"),
    ]);
    for (rel, copy, slug) in [("post.md", "post-copy.md", "post-copy"), ("trip/index.md", "trip-copy/index.md", "trip-copy")] {
        let w = duplicate(ws.path(), rel, Format::Yaml).unwrap();
        assert_eq!(w.path, copy);
        let text = std::fs::read_to_string(ws.path().join(copy)).unwrap();
        let fm = front_matter::parse(&text).unwrap();
        assert_eq!(fm.slug.as_deref(), Some(slug), "published, the copy would take the original's address: {text}");
    }
    let original = std::fs::read_to_string(ws.path().join("post.md")).unwrap();
    assert!(original.contains("slug: my-post"));
}

#[test]
fn a_dated_posts_copy_takes_a_slug_without_the_date() {
    let ws = workspace(&[("_posts/2025-09-16-trip.md", "---\ntitle: Trip\nslug: trip\n---\nBody\n")]);
    let w = duplicate(ws.path(), "_posts/2025-09-16-trip.md", Format::Yaml).unwrap();
    assert_eq!(w.path, "_posts/2025-09-16-trip-copy.md");
    let text = std::fs::read_to_string(ws.path().join(&w.path)).unwrap();
    // Jekyll puts the slug after the date of the name: with it, the address had the date twice.
    assert_eq!(front_matter::parse(&text).unwrap().slug.as_deref(), Some("trip-copy"), "{text}");
}

#[test]
fn a_post_removed_with_its_folder_is_written_back_folder_and_all() {
    let ws = workspace(&[("trip/index.md", "old"), ("a.md", "x")]);
    std::fs::remove_dir_all(ws.path().join("trip")).unwrap();
    let revision = write_back(ws.path(), "trip/index.md", "kept text").unwrap();
    assert_eq!(std::fs::read_to_string(ws.path().join("trip/index.md")).unwrap(), "kept text");
    assert_eq!(revision, save::revision(b"kept text"));
    // A file that appeared there since is not overwritten.
    let err = write_back(ws.path(), "a.md", "mine").unwrap_err();
    assert_eq!(err.kind(), "conflict");
    assert_eq!(std::fs::read_to_string(ws.path().join("a.md")).unwrap(), "x");
    // Nor is the workspace folder itself made again.
    let root = ws.path().join("gone");
    assert!(write_back(&root, "b/c.md", "mine").is_err());
    assert!(!root.exists());
}

#[test]
fn paths_outside_the_workspace_are_refused() {
    let ws = workspace(&[("a.md", "x")]);
    let err = set_draft(ws.path(), "../a.md", true, Format::Yaml).unwrap_err();
    assert_eq!(err.kind(), "outside_workspace");
}
