//! Writing the export's files: each through a temp file renamed into place, never through a
//! link in the output folder, never over a link or a special file.

use crate::{Error, Result};
use std::path::Path;

/// Write a file, creating its folder first: a temp file renamed over the old page, so a failed
/// export (a full disk) leaves the earlier page whole and whatever reads the folder meanwhile
/// never sees half a page. Not synced to disk like a saved post (save.rs): a page is made again
/// by the next export, and two syncs per page would make a site export several times slower.
/// The page is a new file each time: mode, owner and hard links of the one it replaces are not
/// kept (they are the export's own files).
pub(super) fn write_file(path: &Path, contents: &str) -> Result<()> {
    write_with(path, |file| {
        std::io::Write::write_all(file, contents.as_bytes()).map_err(|e| Error::io(path, e))
    })
}

/// [`write_file`] with what `write` puts in the temp file (its errors name the file that
/// failed).
fn write_with(path: &Path, write: impl FnOnce(&mut std::fs::File) -> Result<()>) -> Result<()> {
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    std::fs::create_dir_all(folder).map_err(|e| Error::io(folder, e))?;
    refuse_a_special_file(path)?;
    let mut builder = tempfile::Builder::new();
    builder.prefix(".draftsmith-export-");
    // Readable like any new file here (0666 less the umask), not private as a temp file is.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut temp = builder.tempfile_in(folder).map_err(|e| Error::io(path, e))?;
    write(temp.as_file_mut())?;
    temp.persist(path).map_err(|e| Error::io(path, e.error))?;
    Ok(())
}

/// What an export writes to must be absent or a plain file (or a folder, refused by the
/// write itself): renaming over a link replaces the link, over a device (as root) the device,
/// and copying onto either writes wherever it leads.
fn refuse_a_special_file(path: &Path) -> Result<()> {
    let message = match std::fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => {
            "is a symbolic link; an export neither replaces it nor writes where it leads \
             (name the file itself, or a new one)"
        }
        Ok(m) if !m.is_file() && !m.is_dir() => {
            "is not a regular file (a device, a pipe or a socket); an export writes only new or \
             regular files"
        }
        _ => return Ok(()),
    };
    Err(Error::Export {
        path: path.to_path_buf(),
        message: message.into(),
    })
}

/// Nor may a folder on the way from the output folder `out` to `path` be a link (`out/posts`
/// leading to the user's notes): the folders made and the file written would land where it
/// leads. `path` is inside `out`; `out` itself may be a link the user chose.
pub(super) fn refuse_a_link_on_the_way(out: &Path, path: &Path) -> Result<()> {
    let Some(folder) = path.parent().and_then(|folder| folder.strip_prefix(out).ok()) else {
        return Ok(());
    };
    let mut at = out.to_path_buf();
    for part in folder.components() {
        at.push(part);
        if std::fs::symlink_metadata(&at).is_ok_and(|m| m.file_type().is_symlink()) {
            return Err(Error::Export {
                path: at,
                message: "is a symbolic link; an export writes nothing through a link in its \
                          folder (remove the link, or export into another folder)"
                    .into(),
            });
        }
    }
    Ok(())
}

/// Copy a file, creating the destination's folder first, and replacing an earlier copy only
/// once the new one is whole. Copying a file onto itself (an output folder that is the source
/// folder) is skipped: it would truncate the original.
pub(super) fn copy_file(from: &Path, to: &Path) -> Result<()> {
    if let (Ok(a), Ok(b)) = (from.canonicalize(), to.canonicalize()) {
        if a == b {
            return Ok(());
        }
    }
    let mut source = std::fs::File::open(from).map_err(|e| Error::io(from, e))?;
    // Through a temp file, as a page is: a full disk part way leaves the earlier copy whole.
    // Not `io::copy`, whose one error cannot say which file failed.
    write_with(to, |file| {
        use std::io::{Read, Write};
        let mut buffer = vec![0; 64 * 1024];
        loop {
            let read = match source.read(&mut buffer) {
                Ok(0) => return Ok(()),
                Ok(read) => read,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(Error::io(from, e)),
            };
            file.write_all(&buffer[..read]).map_err(|e| Error::io(to, e))?;
        }
    })
}
