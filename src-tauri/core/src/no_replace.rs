//! Moving a post's file or folder without ever replacing what is at the new place.

use crate::{Error, Result};
use std::path::Path;

/// Move `from` to `to` unless something is there (a file, a folder, even a link leading
/// nowhere). Where the system offers it the check and the move are one step, so a file that
/// appears between them is never overwritten; elsewhere, or on a file system without that
/// step, the check comes just before the move.
pub fn rename(from: &Path, to: &Path) -> Result<()> {
    #[cfg(any(target_os = "linux", target_os = "macos"))]
    {
        use rustix::fs::{renameat_with, RenameFlags, CWD};
        use rustix::io::Errno;
        match renameat_with(CWD, from, CWD, to, RenameFlags::NOREPLACE) {
            Ok(()) => return Ok(()),
            Err(Errno::EXIST) => return Err(Error::AlreadyExists { path: to.to_path_buf() }),
            Err(Errno::INVAL | Errno::NOSYS | Errno::NOTSUP) => {}
            Err(errno) => return Err(Error::io(from, std::io::Error::from(errno))),
        }
    }
    ensure_free(to)?;
    std::fs::rename(from, to).map_err(|e| Error::io(from, e))
}

/// `AlreadyExists` when anything is at `to`, a link leading nowhere too: callers check before
/// they change anything, so a refused move leaves the post as it was.
pub fn ensure_free(to: &Path) -> Result<()> {
    match std::fs::symlink_metadata(to) {
        Ok(_) => Err(Error::AlreadyExists { path: to.to_path_buf() }),
        Err(_) => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_and_folders_move_but_never_over_anything() {
        let dir = tempfile::tempdir().unwrap();
        let at = |name: &str| dir.path().join(name);
        std::fs::write(at("a.md"), "a").unwrap();
        std::fs::write(at("taken.md"), "keep").unwrap();
        let err = rename(&at("a.md"), &at("taken.md")).unwrap_err();
        assert!(matches!(err, Error::AlreadyExists { .. }), "{err:?}");
        assert_eq!(std::fs::read_to_string(at("taken.md")).unwrap(), "keep");
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(at("nowhere"), at("dangling.md")).unwrap();
            assert!(rename(&at("a.md"), &at("dangling.md")).is_err());
            assert!(std::fs::symlink_metadata(at("dangling.md")).unwrap().file_type().is_symlink());
        }
        rename(&at("a.md"), &at("b.md")).unwrap();
        assert_eq!(std::fs::read_to_string(at("b.md")).unwrap(), "a");
        std::fs::create_dir(at("trip")).unwrap();
        std::fs::create_dir(at("other")).unwrap();
        assert!(rename(&at("trip"), &at("other")).is_err(), "an empty folder is not replaced either");
        rename(&at("trip"), &at("journey")).unwrap();
        assert!(at("journey").is_dir() && !at("trip").exists());
    }
}
