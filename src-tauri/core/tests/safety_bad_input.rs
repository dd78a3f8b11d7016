//! Bad input never panics and is never hidden: every malformed, mis-encoded, binary, huge or
//! hostile file gives an error with a stable kind and a message naming the file, and a
//! workspace scan lists every one of them (with its problem) beside the good posts.
//!
//! Parsers that could recurse or expand without bound (YAML aliases, deep nesting) run on a
//! thread with an ordinary 2 MiB stack and a generous deadline: the deadline only catches a
//! hang, it is not a speed target.

use draftsmith_core::front_matter::{self, FrontMatter};
use draftsmith_core::save;
use draftsmith_core::workspace::Workspace;
use draftsmith_core::Result;
use std::fs;
use std::path::Path;
use std::sync::mpsc;
use std::time::Duration;

const HANG_DEADLINE: Duration = Duration::from_secs(60);
const THREAD_STACK: usize = 2 * 1024 * 1024;

/// Read and parse a post the way the app and the CLI do.
fn load(path: &Path) -> Result<FrontMatter> {
    let loaded = save::read_text(path)?;
    front_matter::parse(&loaded.text).map_err(|e| e.with_path(path))
}

/// Run `work` on a fresh thread with an ordinary stack; fail if it panics or never returns.
fn bounded<T: Send + 'static>(what: &str, work: impl FnOnce() -> T + Send + 'static) -> T {
    let (send, receive) = mpsc::channel();
    std::thread::Builder::new()
        .stack_size(THREAD_STACK)
        .spawn(move || {
            let _ = send.send(work());
        })
        .expect("spawn a worker thread");
    match receive.recv_timeout(HANG_DEADLINE) {
        Ok(value) => value,
        Err(mpsc::RecvTimeoutError::Timeout) => panic!("{what}: still running after a minute"),
        Err(mpsc::RecvTimeoutError::Disconnected) => panic!("{what}: the worker panicked"),
    }
}

/// A bad file: its name, its bytes, the error kind reading and parsing it must give, and a
/// fragment the message must hold besides the file name.
struct BadFile {
    name: &'static str,
    bytes: Vec<u8>,
    kind: &'static str,
    says: &'static str,
}

fn utf16(text: &str, little_endian: bool) -> Vec<u8> {
    let mut bytes = if little_endian {
        vec![0xFF, 0xFE]
    } else {
        vec![0xFE, 0xFF]
    };
    for unit in text.encode_utf16() {
        let pair = if little_endian {
            unit.to_le_bytes()
        } else {
            unit.to_be_bytes()
        };
        bytes.extend_from_slice(&pair);
    }
    bytes
}

/// The first bytes of a real PNG: signature, then the IHDR chunk of a 1×1 image.
const PNG: &[u8] = &[
    0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, b'I', b'H', b'D', b'R',
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4,
    0x89, 0x00, 0x00, 0x00, 0x0A, b'I', b'D', b'A', b'T', 0x78, 0x9C, 0x63, 0x00, 0x01, 0x00, 0x00,
    0x05, 0x00, 0x01, 0x0D, 0x0A, 0x2D, 0xB4, 0x00, 0x00, 0x00, 0x00, b'I', b'E', b'N', b'D', 0xAE,
    0x42, 0x60, 0x82,
];

/// Billion laughs: nine levels of nine aliases each, 9^9 strings if expanded naively.
fn alias_bomb() -> String {
    let mut text = String::from(
        "---\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    let names = ["a", "b", "c", "d", "e", "f", "g", "h", "i"];
    for pair in names.windows(2) {
        let (prev, next) = (pair[0], pair[1]);
        let refs = vec![format!("*{prev}"); 9].join(",");
        text.push_str(&format!("{next}: &{next} [{refs}]\n"));
    }
    text.push_str("title: boom\n---\nBody\n");
    text
}

fn nested(open: &str, close: &str, depth: usize) -> String {
    format!("{}{}", open.repeat(depth), close.repeat(depth))
}

fn bad_files() -> Vec<BadFile> {
    let file = |name, bytes: Vec<u8>, kind, says| BadFile {
        name,
        bytes,
        kind,
        says,
    };
    vec![
        file(
            "bad-yaml.md",
            b"---\ntitle: \"unclosed\ntags: [a, b\n---\nBody\n".to_vec(),
            "front_matter",
            "invalid YAML",
        ),
        file(
            "bad-toml.md",
            b"+++\ntitle = \ndate = yesterday\n+++\nBody\n".to_vec(),
            "front_matter",
            "invalid TOML",
        ),
        file(
            "bad-json.md",
            b"{\n  \"title\": \"x\",,\n  \"draft\": tru\n}\nBody\n".to_vec(),
            "front_matter",
            "invalid JSON",
        ),
        file(
            "yaml-list.md",
            b"---\n- just\n- a list\n---\nBody\n".to_vec(),
            "front_matter",
            "must be a mapping",
        ),
        file(
            "unterminated-yaml.md",
            b"---\ntitle: Never closed\n\nBody text\n".to_vec(),
            "front_matter",
            "unterminated YAML",
        ),
        file(
            "unterminated-toml.md",
            b"+++\ntitle = \"Never closed\"\n".to_vec(),
            "front_matter",
            "unterminated TOML",
        ),
        file(
            "unterminated-json.md",
            b"{\n  \"title\": \"Never closed\"\n\nBody\n".to_vec(),
            "front_matter",
            "unterminated JSON",
        ),
        file(
            "latin1.md",
            b"---\ntitle: Caf\xe9\n---\nCr\xe8me br\xfbl\xe9e\n".to_vec(),
            "not_utf8",
            "invalid byte at offset 14",
        ),
        file(
            "utf16-le.md",
            utf16("---\ntitle: Wide\n---\nBody\n", true),
            "not_utf8",
            "UTF-16 LE",
        ),
        file(
            "utf16-be.md",
            utf16("---\ntitle: Wide\n---\nBody\n", false),
            "not_utf8",
            "UTF-16 BE",
        ),
        file("picture.md", PNG.to_vec(), "binary", "binary file"),
        file(
            "alias-bomb.md",
            alias_bomb().into_bytes(),
            "front_matter",
            "YAML",
        ),
        file(
            "deep-yaml.md",
            format!("---\nx: {}\n---\n", nested("[", "]", 10_000)).into_bytes(),
            "front_matter",
            "YAML",
        ),
        file(
            "deep-toml.md",
            format!("+++\nx = {}\n+++\n", nested("[", "]", 10_000)).into_bytes(),
            "front_matter",
            "TOML",
        ),
        file(
            "deep-json.md",
            format!("{{\"x\": {}}}\n", nested("[", "]", 10_000)).into_bytes(),
            "front_matter",
            "JSON",
        ),
    ]
}

const GOOD_POST: &str = "---\ntitle: \"A good post\"\ndate: 2025-09-16T09:00:00-05:00\n\
    draft: false\ntags: [\"kites\", \"wind\"]\ncategories: [\"Outdoors\"]\n---\n\nFine.\n";

#[test]
fn each_bad_file_gives_its_kind_and_names_the_file() {
    let dir = tempfile::tempdir().expect("temp folder");
    for case in bad_files() {
        let path = dir.path().join(case.name);
        fs::write(&path, &case.bytes).expect("write the bad file");
        let result = bounded(case.name, move || {
            load(&path).map_err(|e| (e.kind(), e.to_string()))
        });
        let (kind, message) = result.expect_err(case.name);
        assert_eq!(kind, case.kind, "{}: {message}", case.name);
        assert!(
            message.contains(case.name),
            "{}: message {message:?}",
            case.name
        );
        assert!(
            message.contains(case.says),
            "{}: message {message:?}",
            case.name
        );
    }
}

#[test]
fn a_folder_of_bad_files_is_scanned_and_every_file_listed_with_its_problem() {
    let dir = tempfile::tempdir().expect("temp folder");
    let cases = bad_files();
    for case in &cases {
        fs::write(dir.path().join(case.name), &case.bytes).expect("write the bad file");
    }
    fs::write(dir.path().join("good.md"), GOOD_POST).expect("write the good post");
    fs::write(dir.path().join("empty.md"), "").expect("write an empty post");
    let deep_quote = format!("{} quoted\n", ">".repeat(10_000));
    fs::write(dir.path().join("deep-quote.md"), deep_quote).expect("write");

    let root = dir.path().to_path_buf();
    let workspace = bounded("scan", move || Workspace::scan(&root)).expect("the scan works");
    let posts = workspace.posts();
    assert_eq!(posts.len(), cases.len() + 3, "{posts:#?}");
    for case in &cases {
        let post = workspace
            .get(case.name)
            .unwrap_or_else(|| panic!("{} not listed", case.name));
        let problem = post
            .problem
            .as_deref()
            .unwrap_or_else(|| panic!("{}: no problem", case.name));
        // The list row shows the path, so the problem says what is wrong, not where.
        assert_eq!(post.path, case.name);
        assert!(problem.contains(case.says), "{}: {problem}", case.name);
        // A broken post is still titled after its file so the user can find and fix it.
        assert_eq!(post.title, case.name.trim_end_matches(".md"));
    }
    let good = workspace.get("good.md").expect("the good post is listed");
    assert_eq!(
        (good.title.as_str(), good.problem.as_deref()),
        ("A good post", None)
    );
    assert_eq!(good.tags, ["kites", "wind"]);
    for fine in ["empty.md", "deep-quote.md"] {
        let post = workspace
            .get(fine)
            .unwrap_or_else(|| panic!("{fine} not listed"));
        assert_eq!(post.problem, None, "{fine}");
    }
    assert_eq!(
        workspace.get("deep-quote.md").map(|p| p.word_count),
        Some(1)
    );
}

#[test]
fn an_alias_bomb_fails_fast_instead_of_expanding() {
    let text = alias_bomb();
    let result = bounded("alias bomb", move || front_matter::parse(&text).map(|_| ()));
    let err = result.expect_err("expanding 9^9 strings must be refused");
    assert_eq!(err.kind(), "front_matter");
    assert!(err.to_string().contains("YAML"), "{err}");
}

#[test]
fn deep_nesting_is_refused_without_overflowing_the_stack() {
    let cases = [
        (
            "YAML flow",
            format!("---\nx: {}\n---\n", nested("[", "]", 10_000)),
        ),
        (
            "YAML block",
            format!(
                "---\n{}---\n",
                (0..10_000)
                    .map(|d| format!("{}- \n", " ".repeat(d)))
                    .collect::<String>()
            ),
        ),
        (
            "TOML",
            format!("+++\nx = {}\n+++\n", nested("[", "]", 10_000)),
        ),
        (
            "TOML tables",
            format!("+++\nx = {}\n+++\n", nested("{a=", "}", 10_000)),
        ),
        ("JSON", format!("{{\"x\": {}}}\n", nested("[", "]", 10_000))),
    ];
    for (what, text) in cases {
        let result = bounded(what, move || front_matter::parse(&text).map(|_| ()));
        // Refusing is fine, and so is parsing: crashing the thread is not (`bounded` fails).
        if let Err(err) = result {
            assert_eq!(err.kind(), "front_matter", "{what}: {err}");
        }
    }
}

#[test]
fn deep_markdown_nesting_renders_without_overflowing_the_stack() {
    let word = "survivor";
    let cases = [
        (
            "10,000 quote markers",
            format!("{} {word}\n", ">".repeat(10_000)),
        ),
        (
            "10,000 nested list items",
            (0..10_000)
                .map(|d| format!("{}- {word}\n", "  ".repeat(d)))
                .collect(),
        ),
        (
            "10,000 brackets",
            format!("{}{word}{}\n", "[".repeat(10_000), "](y)".repeat(10_000)),
        ),
        (
            "10,000 emphasis runs",
            format!("{}{word}{}\n", "*_".repeat(5_000), "_*".repeat(5_000)),
        ),
        (
            "10,000 nested HTML divs",
            format!(
                "{}{word}{}\n",
                "<div>".repeat(10_000),
                "</div>".repeat(10_000)
            ),
        ),
    ];
    for (what, text) in cases {
        let html = bounded(what, move || draftsmith_core::render::render(&text).html);
        // Deep structure may be flattened, but the words must reach the preview.
        assert!(html.contains(word), "{what}: the text was lost");
    }
}
