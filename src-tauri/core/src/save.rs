//! Reading and saving posts. Saves are atomic (temp file in the same folder, fsync, rename,
//! fsync the folder, permissions kept) and guarded by a revision: the hash of the bytes the
//! caller last read. If the file on disk is not that revision, saving is a conflict.

use crate::{Error, Result};
use sha2::{Digest, Sha256};
use std::fs::{self, File};
use std::io::{self, Read, Write};
use std::path::Path;
use std::time::{Duration, SystemTime};

/// Files larger than this are refused rather than loaded into an editor.
pub const MAX_POST_BYTES: u64 = 64 * 1024 * 1024;

/// The prefix of our temp files, so the watcher and the scanner can ignore them.
pub const TEMP_PREFIX: &str = ".draftsmith-tmp-";

/// How much of the start of a file is searched for NUL bytes to call it binary (as git does).
const BINARY_SNIFF_BYTES: usize = 8 * 1024;

/// A temp file younger than this may belong to a save still in progress, so it is left alone.
const STALE_TEMP_AGE: Duration = Duration::from_secs(60);

/// A post's text and the revision it was read at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Loaded {
    pub text: String,
    pub revision: String,
}

/// The revision of some bytes (a hex hash).
pub fn revision(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

/// Read a post as text: refuses binary files, non-UTF-8 text and files over the limit with a
/// message naming the file.
pub fn read_text(path: &Path) -> Result<Loaded> {
    let bytes = read_bytes(path)?;
    let revision = revision(&bytes);
    let text = decode(path, bytes)?;
    Ok(Loaded { text, revision })
}

/// [`read_text`] without the revision and into a caller's buffer, for readers that will not
/// save and read many files (the scan reuses one buffer per thread and hashes nothing).
/// It reads the size the file had when opened: a file growing meanwhile is summarised as it
/// was then (its change is reported, and re-read, like any other), and no read is spent
/// finding the end.
pub(crate) fn read_text_into<'a>(path: &Path, buffer: &'a mut Vec<u8>) -> Result<&'a str> {
    read_bytes_into(path, buffer, Extent::AsOpened)?;
    check_text(path, buffer)?;
    std::str::from_utf8(buffer).map_err(|e| not_utf8(path, &e))
}

/// The raw bytes of a file, refusing folders and files over [`MAX_POST_BYTES`].
fn read_bytes(path: &Path) -> Result<Vec<u8>> {
    let mut bytes = Vec::new();
    read_bytes_into(path, &mut bytes, Extent::ToEnd)?;
    Ok(bytes)
}

/// How much of a file to read.
#[derive(Clone, Copy)]
enum Extent {
    /// All of it, also what was written after it was opened (up to the limit).
    ToEnd,
    /// The size it had when opened.
    AsOpened,
}

/// [`read_bytes`] into `bytes` (cleared first).
fn read_bytes_into(path: &Path, bytes: &mut Vec<u8>, extent: Extent) -> Result<()> {
    let (file, metadata) = open_regular_file(path)?;
    if metadata.len() > MAX_POST_BYTES {
        return Err(too_large(path, metadata.len()));
    }
    bytes.clear();
    bytes.reserve(usize::try_from(metadata.len()).unwrap_or(0));
    let limit = match extent {
        // At most one byte past the limit: the file may grow between the check and the read.
        Extent::ToEnd => MAX_POST_BYTES + 1,
        // Once this much is read the next read answers "end" without asking the system.
        Extent::AsOpened => metadata.len(),
    };
    file.take(limit)
        .read_to_end(bytes)
        .map_err(|e| Error::io(path, e))?;
    let read = bytes.len() as u64;
    if read > MAX_POST_BYTES {
        return Err(too_large(path, read));
    }
    Ok(())
}

/// Open `path` only if it is a regular file. Opening a FIFO or a device named `x.md` could block
/// forever, so on Unix the open does not wait (O_NONBLOCK, which regular files ignore) and the
/// open file is checked: one path lookup per file, which the scan of a big site feels.
#[cfg(unix)]
fn open_regular_file(path: &Path) -> Result<(File, fs::Metadata)> {
    use std::os::unix::fs::OpenOptionsExt;
    let file = fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)
        .map_err(|e| Error::io(path, e))?;
    let metadata = file.metadata().map_err(|e| Error::io(path, e))?;
    check_regular(path, &metadata)?;
    Ok((file, metadata))
}

/// Elsewhere, check the path before opening it.
#[cfg(not(unix))]
fn open_regular_file(path: &Path) -> Result<(File, fs::Metadata)> {
    let metadata = fs::metadata(path).map_err(|e| Error::io(path, e))?;
    check_regular(path, &metadata)?;
    let file = File::open(path).map_err(|e| Error::io(path, e))?;
    Ok((file, metadata))
}

fn check_regular(path: &Path, metadata: &fs::Metadata) -> Result<()> {
    if metadata.is_dir() {
        return Err(Error::io(path, io::Error::other("is a folder, not a file")));
    }
    if !metadata.is_file() {
        return Err(Error::io(path, io::Error::other("is not a regular file")));
    }
    Ok(())
}

fn too_large(path: &Path, size: u64) -> Error {
    Error::TooLarge {
        path: path.to_path_buf(),
        size,
        limit: MAX_POST_BYTES,
    }
}

/// Check bytes read from `path` are usable text.
pub fn decode(path: &Path, bytes: Vec<u8>) -> Result<String> {
    check_text(path, &bytes)?;
    String::from_utf8(bytes).map_err(|e| not_utf8(path, &e.utf8_error()))
}

/// The checks before UTF-8 decoding: not UTF-16, not binary.
fn check_text(path: &Path, bytes: &[u8]) -> Result<()> {
    // UTF-16 is full of NUL bytes, so name it before the binary check would.
    if let Some(encoding) = utf16_bom(bytes) {
        return Err(Error::NotUtf8 {
            path: path.to_path_buf(),
            detail: format!(" ({encoding})"),
        });
    }
    let sniff = &bytes[..bytes.len().min(BINARY_SNIFF_BYTES)];
    if sniff.contains(&0) {
        return Err(Error::Binary {
            path: path.to_path_buf(),
        });
    }
    Ok(())
}

fn not_utf8(path: &Path, error: &std::str::Utf8Error) -> Error {
    Error::NotUtf8 {
        path: path.to_path_buf(),
        detail: format!(" (invalid byte at offset {})", error.valid_up_to()),
    }
}

fn utf16_bom(bytes: &[u8]) -> Option<&'static str> {
    match bytes {
        [0xFF, 0xFE, ..] => Some("UTF-16 LE"),
        [0xFE, 0xFF, ..] => Some("UTF-16 BE"),
        _ => None,
    }
}

/// Save `text` to `path` atomically. `expected` is the revision the caller read (`None` for a
/// file that must not exist yet). Returns the new revision.
pub fn save(path: &Path, text: &str, expected: Option<&str>) -> Result<String> {
    // A symlinked post is saved where the link leads: renaming over the link would turn it
    // into a copy and leave the post it points to unchanged. (A link leading nowhere is left
    // as it is: a new file is then refused, a saved one is a conflict.)
    let real;
    let path = match fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => match fs::canonicalize(path) {
            Ok(target) => {
                real = target;
                real.as_path()
            }
            Err(_) => path,
        },
        _ => path,
    };
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let existing = existing_metadata(path)?;
    if existing
        .as_ref()
        .is_some_and(|m| m.permissions().readonly())
    {
        // Renaming over a read-only file would succeed on Unix; the user asked for it not to
        // be written, so refuse instead.
        let denied = io::Error::new(io::ErrorKind::PermissionDenied, "the file is read-only");
        return Err(Error::io(path, denied));
    }

    let mut builder = tempfile::Builder::new();
    builder.prefix(TEMP_PREFIX);
    #[cfg(unix)]
    if existing.is_none() {
        // A new post is made like any new file here (0666 less the umask), not private to its
        // owner as a temp file is (0600).
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(fs::Permissions::from_mode(0o666));
    }
    let mut temp = builder
        .tempfile_in(folder)
        .map_err(|e| Error::io(path, e))?;
    // Errors name the post, not the temp file: that is what the user is saving (and the temp
    // file is gone by the time they read the message). A full disk usually shows up here or at
    // the sync, while the post itself is still untouched.
    temp.write_all(text.as_bytes())
        .map_err(|e| Error::io(path, e))?;
    if let Some(existing) = &existing {
        keep_owner(temp.as_file(), existing);
        fs::set_permissions(temp.path(), existing.permissions()).map_err(|e| Error::io(path, e))?;
    }
    temp.as_file().sync_all().map_err(|e| Error::io(path, e))?;

    // Dropping `temp` on any error below removes the temp file.
    match expected {
        Some(expected) => {
            check_disk_revision(path, expected)?;
            if existing.as_ref().is_some_and(has_other_names) {
                write_in_place(path, text)?;
            } else {
                temp.persist(path).map_err(|e| Error::io(path, e.error))?;
            }
        }
        None => {
            temp.persist_noclobber(path)
                .map_err(|e| match e.error.kind() {
                    io::ErrorKind::AlreadyExists => Error::AlreadyExists {
                        path: path.to_path_buf(),
                    },
                    _ => Error::io(path, e.error),
                })?;
        }
    }
    sync_folder(folder)?;
    Ok(revision(text.as_bytes()))
}

/// Whether the file has more names than this one (hard links: the same post kept in two
/// folders). Renaming a new file over one name would split it from the others.
#[cfg(unix)]
fn has_other_names(existing: &fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    existing.nlink() > 1
}

#[cfg(not(unix))]
fn has_other_names(_existing: &fs::Metadata) -> bool {
    false
}

/// Overwrite the file itself, so every name of it sees the new text (as editors that keep
/// hard links do). Not all-or-nothing like the rename: a crash midway can leave it torn, which
/// the app's journal of unsaved text covers; the new text was written and synced to the temp
/// file first, so a full disk fails before the post is touched.
fn write_in_place(path: &Path, text: &str) -> Result<()> {
    let mut file = fs::OpenOptions::new()
        .write(true)
        .open(path)
        .map_err(|e| Error::io(path, e))?;
    file.write_all(text.as_bytes())
        .and_then(|()| file.set_len(text.len() as u64))
        .and_then(|()| file.sync_all())
        .map_err(|e| Error::io(path, e))
}

/// The metadata of the file being replaced (its permissions and owner are kept), `None` when
/// it does not exist yet.
fn existing_metadata(path: &Path) -> Result<Option<fs::Metadata>> {
    match fs::metadata(path) {
        Ok(metadata) if metadata.is_dir() => {
            Err(Error::io(path, io::Error::other("is a folder, not a file")))
        }
        Ok(metadata) => Ok(Some(metadata)),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(Error::io(path, e)),
    }
}

/// Give the temp file the owner and group of the file it replaces, as far as we may: anyone may
/// keep a group they belong to (a folder shared with a group stays writable by it), only root
/// may keep another owner. What cannot be kept is left as the system made it.
#[cfg(unix)]
fn keep_owner(temp: &File, existing: &fs::Metadata) {
    use std::os::unix::fs::{fchown, MetadataExt};
    if fchown(temp, Some(existing.uid()), Some(existing.gid())).is_err() {
        let _ = fchown(temp, None, Some(existing.gid()));
    }
}

#[cfg(not(unix))]
fn keep_owner(_temp: &File, _existing: &fs::Metadata) {}

/// Refuse to overwrite a file that changed (or vanished) since the caller read it.
fn check_disk_revision(path: &Path, expected: &str) -> Result<()> {
    let on_disk = match fs::read(path) {
        Ok(bytes) => revision(&bytes),
        // A file deleted behind our back is a change too: the caller decides what to do.
        Err(e) if e.kind() == io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(Error::io(path, e)),
    };
    if on_disk == expected {
        Ok(())
    } else {
        Err(Error::Conflict {
            path: path.to_path_buf(),
            disk_revision: on_disk,
        })
    }
}

/// Make the rename itself durable.
#[cfg(unix)]
fn sync_folder(folder: &Path) -> Result<()> {
    File::open(folder)
        .and_then(|dir| dir.sync_all())
        .map_err(|e| Error::io(folder, e))
}

/// Windows cannot open a folder as a file to sync it; its rename is already journaled.
#[cfg(not(unix))]
fn sync_folder(_folder: &Path) -> Result<()> {
    Ok(())
}

/// Remove temp files a crashed save left in `dir` (not recursive). Returns how many.
/// Files modified in the last minute are kept: they may belong to a save in progress.
pub fn clean_temp_files(dir: &Path) -> usize {
    let Ok(entries) = fs::read_dir(dir) else {
        return 0;
    };
    let now = SystemTime::now();
    entries
        .flatten()
        .filter(|entry| entry.file_name().to_string_lossy().starts_with(TEMP_PREFIX))
        .filter(|entry| {
            entry.metadata().is_ok_and(|m| {
                let age = m.modified().ok().and_then(|t| now.duration_since(t).ok());
                m.is_file() && age.is_some_and(|age| age >= STALE_TEMP_AGE)
            })
        })
        .filter(|entry| fs::remove_file(entry.path()).is_ok())
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fifo_named_like_a_post_is_refused_without_blocking() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe.md");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if !made.is_ok_and(|s| s.success()) {
            eprintln!("mkfifo unavailable; skipping");
            return;
        }
        let err = read_text(&fifo).unwrap_err();
        assert_eq!(err.kind(), "io");
        assert!(err.to_string().contains("not a regular file"), "{err}");
    }

    #[test]
    fn revision_is_sha256_hex() {
        assert_eq!(
            revision(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_ne!(revision(b"abc"), revision(b"abd"));
    }

    #[test]
    fn decode_names_the_problem() {
        let path = Path::new("p.md");
        assert_eq!(
            decode(path, "héllo".as_bytes().to_vec()).ok().as_deref(),
            Some("héllo")
        );
        let utf16 = decode(path, vec![0xFF, 0xFE, b'a', 0]).unwrap_err();
        assert_eq!(utf16.to_string(), "p.md: is not UTF-8 text (UTF-16 LE)");
        let utf16be = decode(path, vec![0xFE, 0xFF, 0, b'a']).unwrap_err();
        assert!(utf16be.to_string().ends_with("(UTF-16 BE)"));
        assert_eq!(
            decode(path, b"ab\0cd".to_vec()).unwrap_err().kind(),
            "binary"
        );
        let latin1 = decode(path, b"caf\xe9".to_vec()).unwrap_err();
        assert_eq!(
            latin1.to_string(),
            "p.md: is not UTF-8 text (invalid byte at offset 3)"
        );
    }

    #[test]
    fn nul_after_the_sniffed_prefix_is_not_binary_but_still_text() {
        let mut bytes = vec![b'a'; BINARY_SNIFF_BYTES];
        bytes.push(0);
        assert!(decode(Path::new("p.md"), bytes).is_ok());
    }

    #[test]
    fn utf8_bom_is_kept_in_the_text() {
        let text = decode(Path::new("p.md"), b"\xEF\xBB\xBFhi".to_vec()).unwrap();
        assert_eq!(text, "\u{feff}hi");
    }
}
