//! Confining paths to the workspace: every path that crosses IPC or the CLI's workspace
//! commands is resolved here and refused if it leaves the root.

use crate::{Error, Result};
use std::fs;
use std::path::{Component, Path, PathBuf};

/// Resolve `rel` (a `/`-separated path relative to `root`) to an absolute path inside `root`.
/// Refuses absolute paths, `..` components and symlinks that lead outside. The file need not
/// exist (its nearest existing ancestor is checked). `"."` is the root itself.
pub fn resolve(root: &Path, rel: &str) -> Result<PathBuf> {
    if not_utf8_file(rel).is_some() {
        return Err(Error::NameNotUtf8 {
            path: PathBuf::from(shown(rel)),
        });
    }
    let outside = || Error::OutsideWorkspace {
        path: PathBuf::from(rel),
    };
    let segments = safe_segments(rel).ok_or_else(outside)?;
    let canonical_root = fs::canonicalize(root).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => Error::Io {
            path: root.to_path_buf(),
            source: std::io::Error::other(
                "the workspace folder is gone (moved or deleted while open)",
            ),
        },
        _ => Error::io(root, e),
    })?;
    let joined = segments
        .iter()
        .fold(canonical_root.clone(), |path, segment| path.join(segment));

    // `symlink_metadata` so a dangling symlink counts as existing: writing through it would
    // create its target, wherever that is.
    let mut existing = joined.as_path();
    while fs::symlink_metadata(existing).is_err() {
        existing = existing.parent().ok_or_else(outside)?;
    }
    // Canonicalising follows every symlink on the way, the last one included; a dangling
    // link fails here and is refused, since where it leads cannot be checked.
    let real = fs::canonicalize(existing).map_err(|_| outside())?;
    if !real.starts_with(&canonical_root) {
        return Err(outside());
    }
    Ok(joined)
}

/// Whether `rel` names something inside a root without looking at the disk: relative, no
/// `..`, no NUL. For keys that must stay valid when the folder is gone (the crash journal).
pub fn is_confined(rel: &str) -> bool {
    safe_segments(rel).is_some_and(|segments| !segments.is_empty())
}

/// The normal segments of `rel`, or `None` when it is empty, absolute, climbs with `..` or
/// holds a NUL byte. Where the system reads a backslash as a separator it counts as one, so
/// `a\..\..` cannot slip through; elsewhere it is part of a name (`notes\draft.md` is one
/// file there, and must not open `notes/draft.md`).
fn safe_segments(rel: &str) -> Option<Vec<&str>> {
    if rel.is_empty() || rel.contains('\0') || looks_absolute(rel) {
        return None;
    }
    let mut segments = Vec::new();
    for segment in rel.split(SEPARATORS) {
        match segment {
            "" | "." => {}
            ".." => return None,
            _ => segments.push(segment),
        }
    }
    Some(segments)
}

#[cfg(windows)]
const SEPARATORS: &[char] = &['/', '\\'];
#[cfg(not(windows))]
const SEPARATORS: &[char] = &['/'];

/// Absolute on this platform or on another one (`/x`, `\x`, `C:\x`, `C:x`).
fn looks_absolute(rel: &str) -> bool {
    let bytes = rel.as_bytes();
    let drive = bytes.len() >= 2 && bytes[0].is_ascii_alphabetic() && bytes[1] == b':';
    drive || rel.starts_with(['/', '\\']) || Path::new(rel).has_root()
}

/// The `/`-separated path of `abs` relative to `root`, or `None` if it is not inside (or not
/// representable as UTF-8). The root itself is `""`.
pub fn relative(root: &Path, abs: &Path) -> Option<String> {
    if let Some(rel) = relative_lexically(root, abs) {
        return Some(rel);
    }
    // The two may spell the same folder differently (a symlinked temp dir, `./x`).
    let canonical_root = fs::canonicalize(root).ok()?;
    let canonical_abs = canonicalize_existing_prefix(abs)?;
    relative_lexically(&canonical_root, &canonical_abs)
}

/// [`relative`] without touching the file system: `abs` must be spelled under `root`.
pub(crate) fn relative_lexically(root: &Path, abs: &Path) -> Option<String> {
    plain_relative(root, abs).or_else(|| components_relative(root, abs))
}

fn components_relative(root: &Path, abs: &Path) -> Option<String> {
    let rest = abs.strip_prefix(root).ok()?;
    let mut parts = Vec::new();
    for component in rest.components() {
        match component {
            Component::Normal(name) => parts.push(name.to_str()?),
            Component::CurDir => {}
            _ => return None,
        }
    }
    Some(parts.join("/"))
}

/// [`relative_lexically`] for the usual spelling, without splitting both paths into
/// components (the scan names every post this way): `root`, one `/`, then plain names.
/// `None` sends anything else down the general way.
fn plain_relative(root: &Path, abs: &Path) -> Option<String> {
    let (root, abs) = (root.to_str()?, abs.to_str()?);
    // An empty root is no folder (trimming `/` leaves nothing, but `/` is one).
    if root.is_empty() {
        return None;
    }
    let rest = abs.strip_prefix(root.trim_end_matches('/'))?.strip_prefix('/')?;
    let plain = rest.split('/').all(|name| {
        !matches!(name, "" | "." | "..") && !name.chars().any(std::path::is_separator)
    });
    plain.then(|| rest.to_string())
}

/// Ends the shown part of the listed path of a file whose name is not valid UTF-8; its bytes
/// follow in hex. No file name holds a NUL, so such a path can never name another file (one
/// really called `caf\u{FFFD}.md`, say), and two such names shown alike stay apart.
const NOT_UTF8_MARK: char = '\0';

/// How the list names the file at `abs` under `root` (without touching the file system): its
/// relative path, or for a name that is not valid UTF-8, the name shown with U+FFFD for each
/// bad byte, marked so that [`resolve`] refuses it with a message saying why.
pub(crate) fn listed_name(root: &Path, abs: &Path) -> Option<String> {
    if let Some(rel) = relative_lexically(root, abs) {
        return Some(rel);
    }
    let rest = abs.strip_prefix(root).ok()?;
    if !rest.components().all(|c| matches!(c, Component::Normal(_))) {
        return None;
    }
    let hex: String = rest.as_os_str().as_encoded_bytes().iter().map(|b| format!("{b:02x}")).collect();
    Some(format!("{}{NOT_UTF8_MARK}{hex}", rest.to_string_lossy()))
}

/// The part of a listed path to show a person: all of it but for a name that is not UTF-8.
pub fn shown(rel: &str) -> &str {
    rel.split_once(NOT_UTF8_MARK).map_or(rel, |(shown, _)| shown)
}

/// The relative file a listed path of a name that is not UTF-8 stands for, or `None` for any
/// other path.
pub(crate) fn not_utf8_file(rel: &str) -> Option<PathBuf> {
    let (_, hex) = rel.split_once(NOT_UTF8_MARK)?;
    if hex.is_empty() || hex.len() % 2 != 0 {
        return None;
    }
    let bytes: Vec<u8> = (0..hex.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok())
        .collect::<Option<_>>()?;
    from_bytes(bytes)
}

#[cfg(unix)]
fn from_bytes(bytes: Vec<u8>) -> Option<PathBuf> {
    use std::os::unix::ffi::OsStringExt;
    let path = PathBuf::from(std::ffi::OsString::from_vec(bytes));
    path.components().all(|c| matches!(c, Component::Normal(_))).then_some(path)
}

#[cfg(not(unix))]
fn from_bytes(_bytes: Vec<u8>) -> Option<PathBuf> {
    None
}

/// Canonicalise the longest existing ancestor of `path` and append the rest (a removed file
/// can still be named relative to its folder).
fn canonicalize_existing_prefix(path: &Path) -> Option<PathBuf> {
    let mut existing = path;
    let mut rest = Vec::new();
    loop {
        if let Ok(real) = fs::canonicalize(existing) {
            return Some(rest.iter().rev().fold(real, |acc, name| acc.join(name)));
        }
        rest.push(existing.file_name()?);
        existing = existing.parent()?;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unsafe_relative_paths_are_refused() {
        for rel in [
            "",
            "/etc/passwd",
            "\\x",
            "C:\\x",
            "c:x",
            "a/../../b",
            "..",
            "a\0b",
        ] {
            assert!(safe_segments(rel).is_none(), "{rel:?} should be refused");
        }
        if cfg!(windows) {
            assert!(safe_segments("a\\..\\..\\b").is_none());
        } else {
            assert_eq!(safe_segments("a\\..\\..\\b"), Some(vec!["a\\..\\..\\b"]), "one name here");
        }
        assert_eq!(safe_segments("./a//b/"), Some(vec!["a", "b"]));
    }

    #[test]
    fn confined_names_need_no_disk_but_refuse_what_resolve_refuses() {
        assert!(is_confined("posts/a.md"));
        for rel in ["", ".", "/etc/passwd", "a/../../b", "C:\\x", "a\0b"] {
            assert!(!is_confined(rel), "{rel:?}");
        }
    }

    #[test]
    fn a_vanished_root_is_named_as_such() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("blog");
        let err = resolve(&root, "a.md").unwrap_err();
        assert!(
            err.to_string().contains("workspace folder is gone"),
            "{err}"
        );
    }

    #[test]
    fn resolve_joins_inside_the_canonical_root() {
        let dir = tempfile::tempdir().unwrap();
        let root = fs::canonicalize(dir.path()).unwrap();
        fs::create_dir(root.join("posts")).unwrap();
        assert_eq!(
            resolve(&root, "posts/new.md").unwrap(),
            root.join("posts/new.md")
        );
        assert_eq!(resolve(&root, "a/b/c.md").unwrap(), root.join("a/b/c.md"));
        assert_eq!(resolve(&root, ".").unwrap(), root);
        let err = resolve(&root, "../x.md").unwrap_err();
        assert_eq!(err.kind(), "outside_workspace");
        assert_eq!(err.to_string(), "../x.md: is outside the workspace");
    }

    #[cfg(unix)]
    #[test]
    fn resolve_refuses_symlinks_that_lead_out() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("root");
        let outside = dir.path().join("outside");
        fs::create_dir_all(root.join("inside")).unwrap();
        fs::create_dir(&outside).unwrap();
        fs::write(outside.join("secret.md"), "x").unwrap();
        std::os::unix::fs::symlink(&outside, root.join("out")).unwrap();
        std::os::unix::fs::symlink(outside.join("secret.md"), root.join("secret.md")).unwrap();
        std::os::unix::fs::symlink(outside.join("none.md"), root.join("dangling.md")).unwrap();
        std::os::unix::fs::symlink(root.join("inside"), root.join("in")).unwrap();
        for rel in [
            "out/secret.md",
            "out/new.md",
            "out",
            "secret.md",
            "dangling.md",
        ] {
            assert_eq!(
                resolve(&root, rel).unwrap_err().kind(),
                "outside_workspace",
                "{rel}"
            );
        }
        assert!(resolve(&root, "in/new.md").is_ok());
    }

    #[cfg(unix)]
    #[test]
    fn a_backslash_in_a_listed_name_names_that_file_not_another_one() {
        let dir = tempfile::tempdir().unwrap();
        let root = fs::canonicalize(dir.path()).unwrap();
        fs::create_dir(root.join("notes")).unwrap();
        fs::write(root.join("notes/draft.md"), "the other post").unwrap();
        fs::write(root.join("notes\\draft.md"), "this post").unwrap();
        let rel = relative(&root, &root.join("notes\\draft.md")).unwrap();
        assert_eq!(resolve(&root, &rel).unwrap(), root.join("notes\\draft.md"));
    }

    #[test]
    fn relative_is_slash_separated_or_none() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        assert_eq!(
            relative(root, &root.join("a").join("b.md")).as_deref(),
            Some("a/b.md")
        );
        assert_eq!(relative(root, root).as_deref(), Some(""));
        assert_eq!(relative(&root.join("a"), &root.join("b.md")), None);
        assert_eq!(relative(root, &root.join("..").join("x.md")), None);
    }

    proptest::proptest! {
        /// The quick way, when it answers, answers as the general one does.
        #[test]
        fn plain_relative_agrees_with_components(
            root in proptest::sample::select(vec!["", "/", "/w", "/w/", "w", "/w/./x", "/w//x"]),
            names in proptest::collection::vec(
                proptest::sample::select(vec!["", ".", "..", "a", "b c", "x.md", "w", "x"]),
                0..4,
            ),
            joiner in proptest::sample::select(vec!["/", "//"]),
        ) {
            let abs = format!("{root}{joiner}{}", names.join("/"));
            let (root, abs) = (Path::new(root), Path::new(&abs));
            if let Some(quick) = plain_relative(root, abs) {
                proptest::prop_assert_eq!(Some(quick), components_relative(root, abs));
            }
        }
    }

    #[test]
    fn plain_relative_takes_the_usual_spelling() {
        let rel = plain_relative(Path::new("/w/site"), Path::new("/w/site/posts/a.md"));
        assert_eq!(rel.as_deref(), Some("posts/a.md"));
        assert_eq!(plain_relative(Path::new("/w/site"), Path::new("/w/sites/a.md")), None);
    }
}
