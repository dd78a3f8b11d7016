//! Atomic saves under SIGKILL: a child process saves one file over and over, alternating large
//! versions, and is killed at random moments. After every kill the file must be exactly one of
//! the versions — never empty, truncated or a mix — and the temp files a killed save leaves
//! behind must be cleaned up by `save::clean_temp_files`.
//!
//! The child is this very test binary, re-invoked with `WRITER_ENV` set, so no extra binary or
//! example has to be built.

// The project's seeded generator, so a failure replays from its seed.
use draftsmith_core::corpus::Rng;
use draftsmith_core::save::{self, TEMP_PREFIX};
use std::fs::{self, File};
use std::io::{BufRead, BufReader};
use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant, SystemTime};

/// When set, the test runs as the writer child and this is the file it saves.
const WRITER_ENV: &str = "DRAFTSMITH_SAFETY_WRITER_FILE";
/// Set to `naive` to make the writer overwrite the file in place (the check's own self-test).
const MODE_ENV: &str = "DRAFTSMITH_SAFETY_WRITER_MODE";
/// The child prints this on stderr once it has read the file and is about to start saving.
const READY: &str = "draftsmith-writer-ready";
const TEST_NAME: &str = "saves_killed_at_random_moments_leave_a_whole_version";

const TRIALS: usize = 1_000;
/// Kills of the deliberately non-atomic writer: enough to tear the file many times over.
const NAIVE_TRIALS: usize = 100;
const VERSION_COUNT: usize = 4;
/// Large enough that a save spends real time writing and syncing, where a kill can land.
const VERSION_BYTES: usize = 256 * 1024;
/// The writer gives up after this long on its own, so a lost parent cannot leave it running.
const WRITER_LIFETIME: Duration = Duration::from_secs(20);
const SIGKILL: i32 = 9;

/// The known versions: each line says which version and which line it is, so a mix of two
/// versions or a truncated file can never equal any of them.
fn versions() -> Vec<String> {
    (0..VERSION_COUNT)
        .map(|v| {
            let mut text = format!("---\ntitle: \"Version {v}\"\ndraft: false\n---\n");
            let mut line = 0;
            while text.len() < VERSION_BYTES + v * 4096 {
                text.push_str(&format!("Version {v}, line {line}: the quick brown fox.\n"));
                line += 1;
            }
            text
        })
        .collect()
}

/// The writer role: save a different version than the one on disk, forever (until killed).
fn run_writer(path: &Path) -> ! {
    let versions = versions();
    let loaded = match save::read_text(path) {
        Ok(loaded) => loaded,
        Err(e) => {
            eprintln!("writer could not read {}: {e}", path.display());
            std::process::exit(3);
        }
    };
    let mut current = versions.iter().position(|v| *v == loaded.text).unwrap_or(0);
    let mut revision = loaded.revision;
    eprintln!("{READY}");
    let naive = std::env::var(MODE_ENV).is_ok_and(|mode| mode == "naive");
    let started = Instant::now();
    while started.elapsed() < WRITER_LIFETIME {
        current = (current + 1) % versions.len();
        let saved = if naive {
            // What a non-atomic save does: truncate, then write. A kill in between tears it.
            fs::write(path, &versions[current])
                .map(|()| revision.clone())
                .map_err(|e| draftsmith_core::Error::io(path, e))
        } else {
            save::save(path, &versions[current], Some(&revision))
        };
        match saved {
            Ok(new_revision) => revision = new_revision,
            Err(e) => {
                // Nobody else writes the file: any error here is a bug the parent reports.
                eprintln!("writer failed to save: {e}");
                std::process::exit(4);
            }
        }
    }
    std::process::exit(5);
}

fn spawn_writer(path: &Path, naive: bool) -> Child {
    let exe = std::env::current_exe().expect("the test binary knows its own path");
    Command::new(exe)
        .args([TEST_NAME, "--exact", "--nocapture", "--test-threads=1"])
        .env(WRITER_ENV, path)
        .env(MODE_ENV, if naive { "naive" } else { "atomic" })
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn the writer")
}

/// Block until the child says it is about to save; returns what it printed if it never does.
fn wait_until_ready(child: &mut Child) -> Result<(), String> {
    let stderr = child.stderr.take().expect("stderr is piped");
    let mut reader = BufReader::new(stderr);
    let mut seen = String::new();
    let mut line = String::new();
    loop {
        line.clear();
        match reader.read_line(&mut line) {
            Ok(0) | Err(_) => return Err(seen),
            Ok(_) if line.trim_end() == READY => return Ok(()),
            Ok(_) => seen.push_str(&line),
        }
    }
}

fn temp_files(dir: &Path) -> Vec<PathBuf> {
    fs::read_dir(dir)
        .expect("read the test folder")
        .map(|entry| entry.expect("folder entry").path())
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with(TEMP_PREFIX))
        })
        .collect()
}

/// Set the modification time of leftover temp files: just now (a save that may still be in
/// progress) or long ago (as after the app restarts well after a crash).
fn touch(files: &[PathBuf], when: SystemTime) {
    for file in files {
        File::options()
            .write(true)
            .open(file)
            .and_then(|f| f.set_modified(when))
            .expect("set a temp file's modification time");
    }
}

/// What the kills found: how often each version was on disk, and the torn files (size and
/// first line) that matched no version.
struct Outcome {
    seen: [usize; VERSION_COUNT],
    torn: Vec<(usize, String)>,
    save_micros: u64,
}

/// Start a writer on `path` and kill it at a random moment, `trials` times.
fn kill_writers(path: &Path, trials: usize, naive: bool, seed: u64) -> Outcome {
    let versions = versions();
    fs::write(path, &versions[0]).expect("write the first version");

    // Measure a save so the kill moments spread over about two saves whatever the machine.
    let started = Instant::now();
    let revision = save::revision(versions[0].as_bytes());
    let revision = save::save(path, &versions[1], Some(&revision)).expect("a plain save works");
    save::save(path, &versions[0], Some(&revision)).expect("a plain save works");
    let save_micros = (started.elapsed().as_micros() as u64 / 2).max(50);
    let max_delay_micros = save_micros * 2;

    let mut rng = Rng::new(seed);
    let mut outcome = Outcome {
        seen: [0; VERSION_COUNT],
        torn: Vec::new(),
        save_micros,
    };
    for trial in 0..trials {
        let mut child = spawn_writer(path, naive);
        if let Err(output) = wait_until_ready(&mut child) {
            let _ = child.kill();
            let _ = child.wait();
            panic!("trial {trial}: the writer never got ready; it said:\n{output}");
        }
        std::thread::sleep(Duration::from_micros(rng.below(max_delay_micros as usize) as u64));
        // `Child::kill` sends SIGKILL on Unix: no destructor, no cleanup, like a crash.
        child.kill().expect("kill the writer");
        let status = child.wait().expect("reap the writer");
        assert_eq!(
            status.signal(),
            Some(SIGKILL),
            "trial {trial} (seed {seed:#x}): the writer stopped on its own ({status})"
        );

        let bytes = fs::read(path).expect("the post still exists after a kill");
        match versions.iter().position(|v| v.as_bytes() == bytes) {
            Some(index) => outcome.seen[index] += 1,
            None => {
                let first = String::from_utf8_lossy(&bytes)
                    .lines()
                    .next()
                    .unwrap_or("")
                    .to_string();
                outcome.torn.push((bytes.len(), first));
                // A torn file stays torn for the next writer: start it from a whole version.
                fs::write(path, &versions[0]).expect("restore a whole version");
            }
        }
    }
    outcome
}

#[test]
fn saves_killed_at_random_moments_leave_a_whole_version() {
    if let Some(path) = std::env::var_os(WRITER_ENV) {
        run_writer(Path::new(&path));
    }

    let versions = versions();
    let dir = tempfile::tempdir().expect("temp folder");
    let path = dir.path().join("post.md");
    let seed = 0x5AFE_2026;
    let Outcome {
        seen,
        torn,
        save_micros,
    } = kill_writers(&path, TRIALS, false, seed);
    assert!(
        torn.is_empty(),
        "seed {seed:#x}: {} kills left a file matching no version (size, first line): {:?}",
        torn.len(),
        &torn[..torn.len().min(5)]
    );

    // The trials only prove something if the kills landed while saves were going on: the
    // file moved between versions, and some kills hit a save before its rename.
    let versions_seen = seen.iter().filter(|count| **count > 0).count();
    assert!(
        versions_seen >= 2,
        "every kill found the same version ({seen:?}): the writer never saved"
    );
    let leftovers = temp_files(dir.path());
    assert!(
        !leftovers.is_empty(),
        "no kill interrupted a save (versions seen {seen:?}): the test did not test anything"
    );
    println!(
        "{TRIALS} kills (one save ~{save_micros} µs): versions found {seen:?}, {} interrupted \
         saves left a temp file",
        leftovers.len()
    );

    // Fresh temp files may belong to a save in progress (another window, another process).
    touch(&leftovers, SystemTime::now());
    assert_eq!(save::clean_temp_files(dir.path()), 0);
    assert_eq!(temp_files(dir.path()).len(), leftovers.len());

    touch(&leftovers, SystemTime::now() - Duration::from_secs(3600));
    assert_eq!(save::clean_temp_files(dir.path()), leftovers.len());
    let remaining: Vec<_> = fs::read_dir(dir.path())
        .expect("read the test folder")
        .map(|entry| entry.expect("folder entry").file_name())
        .collect();
    assert_eq!(remaining, vec![std::ffi::OsString::from("post.md")]);
    assert!(versions
        .iter()
        .any(|v| v.as_bytes() == fs::read(&path).unwrap()));
}

/// The check above can fail: a writer that overwrites in place is caught tearing the file.
#[test]
fn the_kill_check_catches_a_save_that_is_not_atomic() {
    let dir = tempfile::tempdir().expect("temp folder");
    let path = dir.path().join("post.md");
    let outcome = kill_writers(&path, NAIVE_TRIALS, true, 0x7EA2);
    assert!(
        !outcome.torn.is_empty(),
        "{NAIVE_TRIALS} kills of a truncate-then-write saver never found a torn file \
         (versions {:?})",
        outcome.seen
    );
}
