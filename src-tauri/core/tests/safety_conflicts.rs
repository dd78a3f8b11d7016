//! Conflicts are never silent: random interleavings of external writes (another editor, a `git
//! pull`, a sync client) and our revision-checked saves. A model keeps every version anyone
//! wrote and checks that no external version is ever replaced by our save unless it is the very
//! version we had read; every other save must be refused with a conflict that leaves the disk
//! untouched.

// The project's seeded generator, so a failure replays from its seed.
use draftsmith_core::corpus::Rng;
use draftsmith_core::save::{self, TEMP_PREFIX};
use draftsmith_core::Error;
use std::fs;
use std::path::Path;

const INTERLEAVINGS: usize = 1_000;
const STEPS: usize = 14;
/// A small pool, so an external writer sometimes writes back bytes we already read (the
/// "A, then B, then A again" case a revision cannot tell apart — and need not: nothing is lost).
const POOL: usize = 5;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Author {
    Us,
    External,
}

/// One version of the file as written by someone, in the order written.
#[derive(Debug)]
struct Written {
    author: Author,
    bytes: Vec<u8>,
    /// Set when our save replaced it, with the revision we claimed to have read (`None`
    /// when we saved as if creating a new file).
    replaced_by_our_save: Option<Option<String>>,
}

/// What the editor knows: the revision it last read (or saved), `None` for "no file yet".
struct Editor {
    revision: Option<String>,
}

/// The model of the world: every version ever written and which one is on disk now.
struct World {
    history: Vec<Written>,
    /// Index into `history` of the bytes on disk, `None` when the file does not exist.
    on_disk: Option<usize>,
    conflicts: usize,
    saves: usize,
}

impl World {
    fn disk_bytes(&self) -> Option<&[u8]> {
        self.on_disk.map(|i| self.history[i].bytes.as_slice())
    }

    fn record(&mut self, author: Author, bytes: Vec<u8>) {
        self.history.push(Written {
            author,
            bytes,
            replaced_by_our_save: None,
        });
        self.on_disk = Some(self.history.len() - 1);
    }
}

fn external_text(rng: &mut Rng) -> Vec<u8> {
    let n = rng.below(POOL);
    format!("---\ntitle: \"Edited elsewhere {n}\"\n---\nExternal body {n}.\n").into_bytes()
}

fn our_text(rng: &mut Rng) -> String {
    let n = rng.below(POOL);
    format!("---\ntitle: \"Ours {n}\"\ndraft: true\n---\nTyped in the editor {n}.\n")
}

fn temp_files_left(dir: &Path) -> usize {
    fs::read_dir(dir)
        .expect("read the test folder")
        .filter(|e| {
            e.as_ref()
                .is_ok_and(|e| e.file_name().to_string_lossy().starts_with(TEMP_PREFIX))
        })
        .count()
}

/// Our save with the revision we hold, checked against the model.
/// How our side saves: the real `save::save`, or a stand-in for the model's self-test.
type Saver = fn(&Path, &str, Option<&str>) -> draftsmith_core::Result<String>;

/// A save that ignores the revision, as a naive editor would: the model must catch it.
fn blind_save(path: &Path, text: &str, _expected: Option<&str>) -> draftsmith_core::Result<String> {
    fs::write(path, text).map_err(|e| Error::io(path, e))?;
    Ok(save::revision(text.as_bytes()))
}

fn our_save(
    path: &Path,
    world: &mut World,
    editor: &mut Editor,
    text: String,
    saver: Saver,
    at: &str,
) {
    let before = world.disk_bytes().map(<[u8]>::to_vec);
    let disk_revision = before.as_deref().map(save::revision);
    world.saves += 1;
    match saver(path, &text, editor.revision.as_deref()) {
        Ok(new_revision) => {
            assert_eq!(
                disk_revision, editor.revision,
                "{at}: a save succeeded although the disk was not the revision we had read"
            );
            assert_eq!(
                fs::read(path).expect("read after save"),
                text.as_bytes(),
                "{at}"
            );
            assert_eq!(new_revision, save::revision(text.as_bytes()), "{at}");
            if let Some(replaced) = world.on_disk {
                world.history[replaced].replaced_by_our_save = Some(editor.revision.clone());
            }
            world.record(Author::Us, text.into_bytes());
            editor.revision = Some(new_revision);
        }
        Err(Error::Conflict {
            path: error_path,
            disk_revision: reported,
        }) => {
            assert_ne!(
                disk_revision, editor.revision,
                "{at}: a conflict although the disk was the revision we had read"
            );
            assert_eq!(error_path, path, "{at}: the conflict names the file");
            assert_eq!(reported, disk_revision.unwrap_or_default(), "{at}");
            assert_eq!(
                fs::read(path).ok(),
                before,
                "{at}: a conflict touched the disk"
            );
            world.conflicts += 1;
        }
        // Creating a file that someone else created meanwhile is the same refusal.
        Err(Error::AlreadyExists { .. }) if editor.revision.is_none() => {
            assert!(
                before.is_some(),
                "{at}: already exists, but there was no file"
            );
            assert_eq!(
                fs::read(path).ok(),
                before,
                "{at}: a refusal touched the disk"
            );
            world.conflicts += 1;
        }
        Err(other) => panic!("{at}: unexpected error {other:?}"),
    }
    let dir = path.parent().expect("the post is in a folder");
    assert_eq!(temp_files_left(dir), 0, "{at}: a save left a temp file");
}

/// Run one interleaving; returns (saves, conflicts).
fn interleaving(dir: &Path, seed: u64, saver: Saver) -> (usize, usize) {
    let mut rng = Rng::new(seed);
    let path = dir.join(format!("post-{seed}.md"));
    let mut world = World {
        history: Vec::new(),
        on_disk: None,
        conflicts: 0,
        saves: 0,
    };
    let mut editor = Editor { revision: None };

    // Half the runs start from an existing post we have opened, half from a new post.
    if rng.below(2) == 0 {
        let first = external_text(&mut rng);
        fs::write(&path, &first).expect("write the first version");
        world.record(Author::External, first);
        editor.revision = Some(save::read_text(&path).expect("read").revision);
    }

    for step in 0..STEPS {
        let at = format!("seed {seed:#x} step {step}");
        match rng.below(10) {
            0..=2 => {
                let bytes = external_text(&mut rng);
                fs::write(&path, &bytes).expect("external write");
                world.record(Author::External, bytes);
            }
            3 => {
                if world.on_disk.take().is_some() {
                    fs::remove_file(&path).expect("external delete");
                }
            }
            // The editor reloads after a change on disk (or the user chose "reload").
            4 | 5 => match save::read_text(&path) {
                Ok(loaded) => {
                    assert_eq!(Some(loaded.text.as_bytes()), world.disk_bytes(), "{at}");
                    editor.revision = Some(loaded.revision);
                }
                Err(Error::NotFound { .. }) => {
                    assert!(world.on_disk.is_none(), "{at}: the file exists");
                    editor.revision = None;
                }
                Err(other) => panic!("{at}: reading failed: {other:?}"),
            },
            _ => {
                let text = our_text(&mut rng);
                our_save(&path, &mut world, &mut editor, text, saver, &at);
            }
        }
    }

    // No external version was lost silently: each one our save replaced was the one we read.
    for (index, written) in world.history.iter().enumerate() {
        if let (Author::External, Some(claimed)) = (written.author, &written.replaced_by_our_save) {
            assert_eq!(
                claimed.as_deref(),
                Some(save::revision(&written.bytes).as_str()),
                "seed {seed:#x}: external version {index} was overwritten without being read"
            );
        }
    }
    (world.saves, world.conflicts)
}

/// Where the trials run: tmpfs when there is one, because every save syncs and a real disk
/// would make 1,000 interleavings slow without testing anything more.
fn scratch_folder() -> tempfile::TempDir {
    let shm = Path::new("/dev/shm");
    if shm.is_dir() {
        if let Ok(dir) = tempfile::tempdir_in(shm) {
            return dir;
        }
    }
    tempfile::tempdir().expect("temp folder")
}

#[test]
fn no_external_change_is_overwritten_without_a_conflict() {
    let dir = scratch_folder();
    let mut saves = 0;
    let mut conflicts = 0;
    for trial in 0..INTERLEAVINGS as u64 {
        let (s, c) = interleaving(dir.path(), 0xC0F1_1C75_0000 + trial, save::save);
        saves += s;
        conflicts += c;
    }
    // Both outcomes must actually occur, or the model checked only half of the rule.
    assert!(
        conflicts > 100,
        "only {conflicts} conflicts in {saves} saves"
    );
    assert!(
        saves - conflicts > 100,
        "only {} successful saves",
        saves - conflicts
    );
    println!("{INTERLEAVINGS} interleavings: {saves} saves, {conflicts} refused as conflicts");
}

#[test]
fn a_conflict_names_the_revision_on_disk_and_a_reload_makes_the_save_work() {
    let dir = scratch_folder();
    let path = dir.path().join("post.md");
    fs::write(&path, "mine").expect("write");
    let opened = save::read_text(&path).expect("read");
    fs::write(&path, "theirs").expect("external write");
    let err = save::save(&path, "my edit", Some(&opened.revision)).expect_err("a conflict");
    assert_eq!(err.kind(), "conflict");
    assert!(err.to_string().contains("post.md"), "{err}");
    assert_eq!(fs::read_to_string(&path).expect("read"), "theirs");
    let reloaded = save::read_text(&path).expect("reload");
    save::save(&path, "my edit", Some(&reloaded.revision)).expect("save after reload");
    assert_eq!(fs::read_to_string(&path).expect("read"), "my edit");
}

#[test]
fn the_model_catches_a_save_that_ignores_the_revision() {
    let dir = scratch_folder();
    let caught = (0..50u64)
        .filter(|seed| {
            let path = dir.path().to_path_buf();
            let seed = *seed;
            std::panic::catch_unwind(move || interleaving(&path, seed, blind_save)).is_err()
        })
        .count();
    // Nearly every run has an external write before one of our saves; all of those must fail.
    assert!(
        caught >= 25,
        "the model flagged only {caught} of 50 blind runs"
    );
}
