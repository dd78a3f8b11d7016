//! Property test: whatever relative path is asked for, `resolve` either refuses it as outside
//! the workspace or returns a path that really is inside the root, symlinks included.

use draftsmith_core::paths::resolve;
use draftsmith_core::Error;
use proptest::prelude::*;
use std::fs;
use std::path::{Path, PathBuf};

struct Fixture {
    _dir: tempfile::TempDir,
    root: PathBuf,
    canonical_root: PathBuf,
}

fn fixture() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("root");
    let outside = dir.path().join("outside");
    fs::create_dir_all(root.join("inside/deeper")).unwrap();
    fs::create_dir_all(&outside).unwrap();
    fs::write(outside.join("secret.md"), "x").unwrap();
    fs::write(root.join("inside/post.md"), "x").unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::symlink;
        symlink(&outside, root.join("link_out")).unwrap();
        symlink(outside.join("secret.md"), root.join("inside/file_out.md")).unwrap();
        symlink(outside.join("missing.md"), root.join("dangling.md")).unwrap();
        symlink(root.join("inside"), root.join("link_in")).unwrap();
        symlink("..", root.join("inside/up")).unwrap();
        symlink("../..", root.join("inside/up_twice")).unwrap();
    }
    let canonical_root = fs::canonicalize(&root).unwrap();
    Fixture {
        _dir: dir,
        root,
        canonical_root,
    }
}

/// Canonicalise the nearest existing ancestor, as the OS would when creating the file.
fn real_location(path: &Path) -> PathBuf {
    let mut existing = path;
    let mut rest = Vec::new();
    while fs::symlink_metadata(existing).is_err() {
        rest.push(existing.file_name().unwrap().to_owned());
        existing = existing.parent().unwrap();
    }
    let real = fs::canonicalize(existing).unwrap();
    rest.iter().rev().fold(real, |acc, name| acc.join(name))
}

fn segment() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "..",
        ".",
        "",
        "inside",
        "deeper",
        "post.md",
        "new.md",
        "link_out",
        "link_in",
        "file_out.md",
        "dangling.md",
        "up",
        "up_twice",
        "secret.md",
        "a b",
        "C:",
    ])
}

fn prefix() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec!["", "", "", "/", "\\", "C:\\", "c:", "./", "//"])
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn resolve_never_leaves_the_root(
        prefix in prefix(),
        segments in prop::collection::vec(segment(), 0..6),
        backslashes in any::<bool>(),
    ) {
        let fx = fixture();
        let rel = format!("{prefix}{}", segments.join(if backslashes { "\\" } else { "/" }));
        match resolve(&fx.root, &rel) {
            Ok(path) => {
                let real = real_location(&path);
                prop_assert!(real.starts_with(&fx.canonical_root), "{rel:?} -> {}", real.display());
            }
            Err(Error::OutsideWorkspace { .. }) => {}
            Err(other) => prop_assert!(false, "{rel:?}: unexpected error {other}"),
        }
    }
}

#[cfg(unix)]
#[test]
fn known_escapes_are_refused_and_inside_links_allowed() {
    let fx = fixture();
    for rel in [
        "link_out/secret.md",
        "link_out/new.md",
        "inside/file_out.md",
        "dangling.md",
        "inside/up_twice/x.md",
        "../root/inside/post.md",
    ] {
        assert_eq!(
            resolve(&fx.root, rel).unwrap_err().kind(),
            "outside_workspace",
            "{rel}"
        );
    }
    for rel in [
        "link_in/post.md",
        "inside/up/inside/post.md",
        "inside/deeper/new.md",
    ] {
        assert!(resolve(&fx.root, rel).is_ok(), "{rel}");
    }
}
