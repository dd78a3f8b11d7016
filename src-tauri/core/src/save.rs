//! Reading and saving posts. Saves are atomic (temp file in the same folder, fsync, rename,
//! fsync the folder, permissions kept; a hard-linked post is the exception, written in place)
//! and guarded by a revision: the hash of the bytes the caller last read. If the file on disk
//! is not that revision, saving is a conflict.

mod read;

pub use read::{decode, read_text};
pub(crate) use read::read_text_into;

use crate::{Error, Result};
use sha2::{Digest, Sha256};
use std::fs::{self, File};
use std::io::{self, Write};
use std::path::Path;
use std::time::{Duration, SystemTime};

/// Files larger than this are refused rather than loaded into an editor.
pub const MAX_POST_BYTES: u64 = 64 * 1024 * 1024;

/// The prefix of our temp files, so the watcher and the scanner can ignore them.
pub const TEMP_PREFIX: &str = ".draftsmith-tmp-";

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

/// Save `text` to `path` atomically (a hard-linked post in place, see [`write_in_place`]).
/// `expected` is the revision the caller read (`None` for a file that must not exist yet).
/// Returns the new revision.
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
    fn revision_is_sha256_hex() {
        assert_eq!(
            revision(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_ne!(revision(b"abc"), revision(b"abd"));
    }
}
