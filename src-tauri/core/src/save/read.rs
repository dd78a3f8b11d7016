//! Reading a post as text: only regular files, never a FIFO that would block, refusing binary,
//! UTF-16, non-UTF-8 and over-limit files with a message naming the file.

use super::{revision, Loaded, MAX_POST_BYTES};
use crate::{Error, Result};
use std::fs::{self, File};
use std::io::{self, Read};
use std::path::Path;

/// How much of the start of a file is searched for NUL bytes to call it binary (as git does).
const BINARY_SNIFF_BYTES: usize = 8 * 1024;

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
    // The memchr crate's vector search: `contains` goes a word at a time.
    if memchr::memchr(0, sniff).is_some() {
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
