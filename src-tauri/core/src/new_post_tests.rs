//! Tests of creating a post from a title: slugs, the new text, archetypes, and where the
//! file goes.

use super::*;

fn at(text: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(text).unwrap()
}

#[test]
fn slugs_are_folded_lowercase_and_hyphenated() {
    assert_eq!(
        slugify("Crème Brûlée:  A  Love Story!"),
        "creme-brulee-a-love-story"
    );
    assert_eq!(slugify("--Déjà vu--"), "deja-vu");
    assert_eq!(slugify("C++ & Rust"), "c-rust");
    assert_eq!(slugify("!!!"), "untitled");
    assert_eq!(slugify(""), "untitled");
}

#[test]
fn a_long_title_still_makes_a_post_whose_name_the_disk_takes() {
    let title = (0..45)
        .map(|i| format!("word{i}"))
        .collect::<Vec<_>>()
        .join(" ");
    let slug = slugify(&title);
    assert!(slug.len() <= MAX_SLUG_BYTES, "{} bytes", slug.len());
    assert!(
        slug.starts_with("word0-word1-") && !slug.ends_with('-'),
        "{slug}"
    );
    let root = tempfile::tempdir().unwrap();
    let path = create_post(
        root.path(),
        Path::new(""),
        &title,
        Format::Yaml,
        at("2025-03-04T05:06:07+00:00"),
    )
    .unwrap();
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(&title), "the title itself is kept whole");
}

#[test]
fn new_post_has_title_date_and_draft() {
    let text = new_post_text(
        "Rain: a study",
        at("2025-03-04T05:06:07-05:00"),
        Format::Yaml,
        None,
    );
    assert_eq!(
        text,
        "---\ntitle: \"Rain: a study\"\ndate: 2025-03-04T05:06:07-05:00\ndraft: true\n---\n\n"
    );
    let fm = front_matter::parse(&text).unwrap();
    assert_eq!(fm.title.as_deref(), Some("Rain: a study"));
    assert!(fm.is_draft());
}

#[test]
fn new_post_in_toml_and_json() {
    let date = at("2025-03-04T05:06:07+00:00");
    let toml = new_post_text("Snow", date, Format::Toml, None);
    assert_eq!(
        toml,
        "+++\ntitle = \"Snow\"\ndate = 2025-03-04T05:06:07+00:00\ndraft = true\n+++\n\n"
    );
    let json = new_post_text("Snow", date, Format::Json, None);
    let fm = front_matter::parse(&json).unwrap();
    assert_eq!(
        (fm.format, fm.title.as_deref(), fm.draft),
        (Some(Format::Json), Some("Snow"), Some(true))
    );
    assert_eq!(
        fm.date.map(|d| d.text),
        Some("2025-03-04T05:06:07+00:00".to_string())
    );
}

#[test]
fn archetype_placeholders_are_filled_and_draft_forced() {
    let archetype = "---\ntitle: \"{{ replace .File.ContentBaseName \"-\" \" \" | title }}\"\n\
                     date: {{ .Date }}\ndraft: false\nkeep: \"{{ .Site.Title }}\"\n---\n\n# {{ .Title }}\n";
    let text = new_post_text(
        "Say \"hi\"",
        at("2025-03-04T05:06:07+01:00"),
        Format::Toml,
        Some(archetype),
    );
    assert_eq!(
        text,
        "---\ntitle: \"Say \\\"hi\\\"\"\ndate: 2025-03-04T05:06:07+01:00\ndraft: true\n\
         keep: \"{{ .Site.Title }}\"\n---\n\n# Say \"hi\"\n"
    );
}

#[test]
fn create_post_never_overwrites() {
    let root = tempfile::tempdir().unwrap();
    let now = at("2025-03-04T05:06:07+00:00");
    let first = create_post(
        root.path(),
        Path::new("posts"),
        "Hello World",
        Format::Yaml,
        now,
    )
    .unwrap();
    let second = create_post(
        root.path(),
        Path::new("posts"),
        "Hello, world!",
        Format::Yaml,
        now,
    )
    .unwrap();
    assert_eq!(first, root.path().join("posts/hello-world.md"));
    assert_eq!(second, root.path().join("posts/hello-world-2.md"));
    let text = std::fs::read_to_string(&first).unwrap();
    assert!(text.starts_with("---\ntitle: Hello World\n"), "{text}");
}

#[test]
fn a_new_post_in_jekylls_posts_folder_is_held_back_as_jekyll_reads_it() {
    let root = tempfile::tempdir().unwrap();
    let now = at("2025-03-04T05:06:07+00:00");
    let path = create_post(root.path(), Path::new("_posts"), "Idea", Format::Yaml, now).unwrap();
    assert_eq!(path, root.path().join("_posts/2025-03-04-idea.md"));
    let text = std::fs::read_to_string(&path).unwrap();
    assert_eq!(text, "---\ntitle: Idea\ndate: 2025-03-04T05:06:07+00:00\npublished: false\n---\n\n");
    assert!(front_matter::parse(&text).unwrap().is_draft());
    let elsewhere = create_post(root.path(), Path::new("posts"), "Idea", Format::Yaml, now).unwrap();
    let text = std::fs::read_to_string(elsewhere).unwrap();
    assert!(text.contains("draft: true\n") && !text.contains("published"), "{text}");
}

#[test]
fn a_new_post_in_a_folder_of_jekylls_posts_folder_is_dated_and_held_back_too() {
    let root = tempfile::tempdir().unwrap();
    let now = at("2025-03-04T05:06:07+00:00");
    for (dir, expected) in [("_posts/2024", "_posts/2024/2025-03-04-idea.md"), ("travel/_posts", "travel/_posts/2025-03-04-idea.md")] {
        let path = create_post(root.path(), Path::new(dir), "Idea", Format::Yaml, now).unwrap();
        assert_eq!(path, root.path().join(expected), "Jekyll reads every post under `_posts/` by its dated name");
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains("published: false\n") && !text.contains("draft"), "{text}");
    }
    // The workspace may be the `_posts` folder itself (opened as it is, or the CLI's `--dir`).
    let posts = root.path().join("blog/_posts");
    let path = create_post(&posts, Path::new(""), "Idea", Format::Yaml, now).unwrap();
    assert_eq!(path, posts.join("2025-03-04-idea.md"));
    // A site kept in a folder below some `_posts/` is not Jekyll's for that.
    let site = root.path().join("_posts/hugo-site");
    std::fs::create_dir_all(&site).unwrap();
    let path = create_post(&site, Path::new("posts"), "Idea", Format::Yaml, now).unwrap();
    assert_eq!(path, site.join("posts/idea.md"));
    assert!(std::fs::read_to_string(&path).unwrap().contains("draft: true"));
}

#[test]
fn a_new_jekyll_post_whose_title_starts_with_a_date_is_dated_once() {
    let root = tempfile::tempdir().unwrap();
    let now = at("2025-03-04T05:06:07+00:00");
    let path = create_post(root.path(), Path::new("_posts"), "2024-05-01 Trip report", Format::Yaml, now).unwrap();
    assert_eq!(path, root.path().join("_posts/2024-05-01-trip-report.md"));
    // Its front matter names the same day: Jekyll's address takes that date.
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("date: 2024-05-01T05:06:07+00:00"), "{text}");
    let odd = create_post(root.path(), Path::new("_posts"), "2024-13-01 Not a day", Format::Yaml, now).unwrap();
    assert_eq!(odd, root.path().join("_posts/2025-03-04-2024-13-01-not-a-day.md"), "no date: dated as usual");
}

#[test]
fn a_new_post_never_takes_the_address_of_a_post_already_there() {
    let root = tempfile::tempdir().unwrap();
    let posts = root.path().join("posts");
    for (rel, text) in [("Trip.md", "# Trip"), ("notes.markdown", "# Notes"), ("summer/index.md", "# Summer")] {
        std::fs::create_dir_all(posts.join(rel).parent().unwrap()).unwrap();
        std::fs::write(posts.join(rel), text).unwrap();
    }
    let now = at("2025-03-04T05:06:07+00:00");
    for (title, name) in [("Trip", "trip-2.md"), ("Notes", "notes-2.md"), ("Summer", "summer-2.md"), ("Autumn", "autumn.md")] {
        let path = create_post(root.path(), Path::new("posts"), title, Format::Yaml, now).unwrap();
        assert_eq!(path, posts.join(name), "{title}");
    }
}

#[test]
fn create_post_stays_inside_the_workspace() {
    let root = tempfile::tempdir().unwrap();
    let now = at("2025-03-04T05:06:07+00:00");
    let err = create_post(
        root.path(),
        Path::new("../elsewhere"),
        "T",
        Format::Yaml,
        now,
    )
    .unwrap_err();
    assert_eq!(err.kind(), "outside_workspace");
    let err = create_post(root.path(), Path::new("/tmp"), "T", Format::Yaml, now).unwrap_err();
    assert_eq!(err.kind(), "outside_workspace");
    let inside = root.path().join("notes");
    let path = create_post(root.path(), &inside, "T", Format::Yaml, now).unwrap();
    assert_eq!(path, inside.join("t.md"));
}

#[cfg(unix)]
#[test]
fn an_archetype_leading_out_of_the_workspace_or_to_a_pipe_is_not_read() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("blog");
    std::fs::create_dir_all(root.join("archetypes")).unwrap();
    std::fs::write(dir.path().join("secret.txt"), "private key\n").unwrap();
    std::os::unix::fs::symlink(
        dir.path().join("secret.txt"),
        root.join("archetypes/default.md"),
    )
    .unwrap();
    let now = at("2025-03-04T05:06:07+00:00");
    let made = create_post(&root, Path::new(""), "T", Format::Yaml, now);
    if let Ok(path) = &made {
        let text = std::fs::read_to_string(path).unwrap();
        panic!("a file outside the workspace was copied into the new post: {text}");
    }
    assert_eq!(made.unwrap_err().kind(), "outside_workspace");
    std::fs::remove_file(root.join("archetypes/default.md")).unwrap();
    let made = std::process::Command::new("mkfifo")
        .arg(root.join("archetypes/default.md"))
        .status();
    if !made.is_ok_and(|s| s.success()) {
        return;
    }
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(create_post(&root, Path::new(""), "U", Format::Yaml, now).map(|_| ()));
    });
    let answer = rx.recv_timeout(std::time::Duration::from_secs(5));
    assert!(
        answer.is_ok(),
        "creating a post waited forever on a pipe named like the archetype"
    );
}

#[cfg(unix)]
#[test]
fn create_post_refuses_a_folder_linked_out_of_the_workspace() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("blog");
    let elsewhere = dir.path().join("elsewhere");
    std::fs::create_dir_all(root.join("content")).unwrap();
    std::fs::create_dir(&elsewhere).unwrap();
    std::os::unix::fs::symlink(&elsewhere, root.join("content/posts")).unwrap();
    let now = at("2025-03-04T05:06:07+00:00");
    let made = create_post(&root, Path::new("content/posts"), "T", Format::Yaml, now);
    assert_eq!(
        std::fs::read_dir(&elsewhere).unwrap().count(),
        0,
        "a post was written outside"
    );
    assert_eq!(made.unwrap_err().kind(), "outside_workspace");
    let made = create_post(
        &root,
        Path::new("content/posts/sub"),
        "T",
        Format::Yaml,
        now,
    );
    assert_eq!(made.unwrap_err().kind(), "outside_workspace");
    assert!(!elsewhere.join("sub").exists(), "a folder was made outside");
}

#[test]
fn create_post_uses_the_archetype_format() {
    let root = tempfile::tempdir().unwrap();
    std::fs::create_dir(root.path().join("archetypes")).unwrap();
    std::fs::write(
        root.path().join("archetypes/default.md"),
        "+++\ntitle = '{{ .Title }}'\n+++\n",
    )
    .unwrap();
    let now = at("2025-03-04T05:06:07+00:00");
    let path = create_post(root.path(), Path::new(""), "It's here", Format::Yaml, now).unwrap();
    let text = std::fs::read_to_string(path).unwrap();
    assert_eq!(text, "+++\ntitle = \"It's here\"\ndraft = true\n+++\n");
}
