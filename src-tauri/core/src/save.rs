//! Reading and saving posts. Saves are atomic (temp file in the same folder, fsync, rename,
//! fsync the folder, permissions kept) and guarded by a revision: the hash of the bytes the
//! caller last read. If the file on disk is not that revision, saving is a conflict.

use crate::Result;
use std::path::Path;

/// Files larger than this are refused rather than loaded into an editor.
pub const MAX_POST_BYTES: u64 = 64 * 1024 * 1024;

/// The prefix of our temp files, so the watcher and the scanner can ignore them.
pub const TEMP_PREFIX: &str = ".draftsmith-tmp-";

/// A post's text and the revision it was read at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Loaded {
    pub text: String,
    pub revision: String,
}

/// The revision of some bytes (a hex hash).
pub fn revision(bytes: &[u8]) -> String {
    let _ = bytes;
    todo!("revision")
}

/// Read a post as text: refuses binary files, non-UTF-8 text and files over the limit with a
/// message naming the file.
pub fn read_text(path: &Path) -> Result<Loaded> {
    let _ = path;
    todo!("read_text")
}

/// Check bytes read from `path` are usable text.
pub fn decode(path: &Path, bytes: Vec<u8>) -> Result<String> {
    let _ = (path, bytes);
    todo!("decode")
}

/// Save `text` to `path` atomically. `expected` is the revision the caller read (`None` for a
/// file that must not exist yet). Returns the new revision.
pub fn save(path: &Path, text: &str, expected: Option<&str>) -> Result<String> {
    let _ = (path, text, expected);
    todo!("save")
}

/// Remove temp files a crashed save left in `dir` (not recursive). Returns how many.
pub fn clean_temp_files(dir: &Path) -> usize {
    let _ = dir;
    todo!("clean_temp_files")
}
