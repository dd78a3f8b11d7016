//! Writing the export's files: each through a temp file renamed into place, never through a
//! link in the output folder, never over a link or a special file.

use crate::{Error, Result};
use std::fs::{File, Metadata};
use std::io::{ErrorKind, Read, Seek, Write};
use std::path::Path;

/// Write a file, creating its folder first: a temp file renamed over the old page, so a failed
/// export (a full disk) leaves the earlier page whole and whatever reads the folder meanwhile
/// never sees half a page. Not synced to disk like a saved post (save.rs): a page is made again
/// by the next export, and two syncs per page would make a site export several times slower.
/// The page is a new file each time it changes: mode, owner and hard links of the one it
/// replaces are not kept (they are the export's own files). A page that would not change is
/// left as it is (see [`write_from`]).
pub(super) fn write_file(path: &Path, contents: &str) -> Result<()> {
    let bytes = contents.as_bytes();
    write_from(path, &mut std::io::Cursor::new(bytes), bytes.len() as u64, path, true)
}

/// [`write_file`] with the `len` bytes `source` reads (from the file `from`, which its read
/// errors name).
///
/// A regular file at `path` that holds those very bytes already (the page of a post unchanged
/// since the last export) is not written again: a rename over a file costs far more than one
/// to a new name (the old file is freed, and ext4 writes out the data of a file renamed over
/// another at once), and the page's modification time stays that of its last change, which
/// deploy tools compare. Only a file the checks of a write let through is left so: a link or a
/// special file is refused, as ever. Nor is it left unless `reuse`: a file found under an
/// earlier spelling of its name (on a disk that ignores case) would keep that spelling.
fn write_from(
    path: &Path,
    source: &mut (impl Read + Seek),
    len: u64,
    from: &Path,
    reuse: bool,
) -> Result<()> {
    let existing = std::fs::symlink_metadata(path).ok();
    refuse_a_special_file(path, existing.as_ref())?;
    let same_size = existing.as_ref().filter(|m| reuse && m.is_file() && m.len() == len);
    if let Some(found) = same_size {
        if holds(path, found, source) {
            return Ok(());
        }
        source.rewind().map_err(|e| Error::io(from, e))?;
    }
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    // Something at `path` means its folder is there.
    if existing.is_none() {
        std::fs::create_dir_all(folder).map_err(|e| Error::io(folder, e))?;
    }
    let mut builder = tempfile::Builder::new();
    builder.prefix(".draftsmith-export-");
    // Readable like any new file here (0666 less the umask), not private as a temp file is.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut temp = builder.tempfile_in(folder).map_err(|e| Error::io(path, e))?;
    // Not `io::copy`, whose one error cannot say which file failed.
    let mut buffer = vec![0; len.clamp(1, 64 * 1024) as usize];
    loop {
        let read = match source.read(&mut buffer) {
            Ok(0) => break,
            Ok(read) => read,
            Err(e) if e.kind() == ErrorKind::Interrupted => continue,
            Err(e) => return Err(Error::io(from, e)),
        };
        temp.write_all(&buffer[..read]).map_err(|e| Error::io(path, e))?;
    }
    temp.persist(path).map_err(|e| Error::io(path, e.error))?;
    Ok(())
}

/// Whether the file at `path`, which `found` describes (a regular file, not a link), holds
/// exactly what `source` reads. A file that cannot be read, or that is no longer the one
/// looked at (a link put in its place since), does not: it is written as any other.
fn holds(path: &Path, found: &Metadata, source: &mut impl Read) -> bool {
    let Ok(mut file) = File::open(path) else {
        return false;
    };
    if !file.metadata().is_ok_and(|opened| is_same_file(&opened, found)) {
        return false;
    }
    let size = found.len().clamp(1, 64 * 1024) as usize;
    let (mut want, mut have) = (vec![0; size], vec![0; size]);
    loop {
        match (fill(source, &mut want), fill(&mut file, &mut have)) {
            (Ok(0), Ok(0)) => return true,
            (Ok(a), Ok(b)) if a == b && want[..a] == have[..b] => {}
            _ => return false,
        }
    }
}

/// Reads into `buffer` until it is full or the end is reached; how much was read.
fn fill(reader: &mut impl Read, buffer: &mut [u8]) -> std::io::Result<usize> {
    let mut filled = 0;
    while filled < buffer.len() {
        match reader.read(&mut buffer[filled..]) {
            Ok(0) => break,
            Ok(read) => filled += read,
            Err(e) if e.kind() == ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(filled)
}

/// Whether two descriptions are of one file.
#[cfg(unix)]
fn is_same_file(a: &Metadata, b: &Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    (a.dev(), a.ino()) == (b.dev(), b.ino())
}

/// Without inode numbers to compare: a regular file of the same size.
#[cfg(not(unix))]
fn is_same_file(a: &Metadata, b: &Metadata) -> bool {
    a.is_file() && a.len() == b.len()
}

/// Whether `a` and `b` lead to one file, links followed: by device and inode, two `stat`s
/// where resolving both paths took a `readlink` per part of each (a second hard-linked name
/// of the file is the file, holding its bytes).
#[cfg(unix)]
pub(super) fn is_one_file(a: &Path, b: &Path) -> bool {
    match (std::fs::metadata(a), std::fs::metadata(b)) {
        (Ok(a), Ok(b)) => is_same_file(&a, &b),
        _ => false,
    }
}

#[cfg(not(unix))]
pub(super) fn is_one_file(a: &Path, b: &Path) -> bool {
    matches!((a.canonicalize(), b.canonicalize()), (Ok(a), Ok(b)) if a == b)
}

/// What an export writes to must be absent or a plain file (or a folder, refused by the
/// write itself): renaming over a link replaces the link, over a device (as root) the device,
/// and copying onto either writes wherever it leads. `found` is what is at `path` (no link
/// followed).
fn refuse_a_special_file(path: &Path, found: Option<&Metadata>) -> Result<()> {
    let message = match found {
        Some(m) if m.file_type().is_symlink() => {
            "is a symbolic link; an export neither replaces it nor writes where it leads \
             (name the file itself, or a new one)"
        }
        Some(m) if !m.is_file() && !m.is_dir() => {
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
/// once the new one is whole (an earlier copy of the same bytes is left, as a page is).
/// Copying a file onto itself (an output folder that is the source folder) is skipped: it
/// would truncate the original.
pub(super) fn copy_file(from: &Path, to: &Path) -> Result<()> {
    copy(from, to, true)
}

/// [`copy_file`] even where the same bytes are there already: for a file the last export
/// wrote under another spelling of its name, which a disk that ignores case finds at `to`
/// (`Photo.png` renamed `photo.png`); the copy renamed into place takes the new spelling.
pub(super) fn copy_file_anew(from: &Path, to: &Path) -> Result<()> {
    copy(from, to, false)
}

fn copy(from: &Path, to: &Path, reuse: bool) -> Result<()> {
    if is_one_file(from, to) {
        return Ok(());
    }
    let mut source = File::open(from).map_err(|e| Error::io(from, e))?;
    let len = source.metadata().map_err(|e| Error::io(from, e))?.len();
    // Through a temp file, as a page is: a full disk part way leaves the earlier copy whole.
    write_from(to, &mut source, len, from, reuse)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, SystemTime};

    /// A time long past, to see whether a file was written again.
    const LONG_AGO: Duration = Duration::from_secs(1_000_000_000);

    fn age(path: &Path) {
        let file = File::options().write(true).open(path).expect("open");
        file.set_modified(SystemTime::UNIX_EPOCH + LONG_AGO).expect("set the time");
    }

    fn untouched(path: &Path) -> bool {
        let modified = std::fs::metadata(path).and_then(|m| m.modified()).expect("time");
        modified == SystemTime::UNIX_EPOCH + LONG_AGO
    }

    /// A file already holding the page's bytes keeps its time; one that differs in any byte,
    /// at the same length or another, gets the page, whole.
    #[test]
    fn a_page_is_written_only_where_its_bytes_are_not_there_already() {
        let dir = tempfile::tempdir().expect("tempdir");
        let page = dir.path().join("a/index.html");
        write_file(&page, "<p>one</p>").expect("write");
        age(&page);
        write_file(&page, "<p>one</p>").expect("write");
        assert!(untouched(&page), "an unchanged page was written again");
        for text in ["<p>two</p>", "<p>three</p>", "", "<p>three</p>\n"] {
            write_file(&page, text).expect("write");
            assert_eq!(std::fs::read_to_string(&page).expect("read"), text);
        }
        age(&page);
        write_file(&page, "<p>three</p>\n").expect("write");
        assert!(untouched(&page), "an unchanged page was written again");
        let left: Vec<_> = std::fs::read_dir(dir.path().join("a")).expect("list").flatten().collect();
        assert_eq!(left.len(), 1, "a temp file left behind");
    }

    /// So with a copy: an earlier copy of the same bytes stays, a changed picture is copied
    /// (larger than the read buffer, differing only near its end).
    #[test]
    fn a_copy_is_made_only_where_its_bytes_are_not_there_already() {
        let dir = tempfile::tempdir().expect("tempdir");
        let (from, to) = (dir.path().join("cover.png"), dir.path().join("out/cover.png"));
        let mut bytes = vec![7u8; 200 * 1024];
        std::fs::write(&from, &bytes).expect("picture");
        copy_file(&from, &to).expect("copy");
        age(&to);
        copy_file(&from, &to).expect("copy");
        assert!(untouched(&to), "an unchanged copy was made again");
        bytes[150 * 1024] = 8;
        std::fs::write(&from, &bytes).expect("picture");
        copy_file(&from, &to).expect("copy");
        assert_eq!(std::fs::read(&to).expect("read"), bytes);
    }

    /// A file copied onto itself, by its name or through a link to it, is left whole.
    #[cfg(unix)]
    #[test]
    fn a_file_copied_onto_itself_is_left_whole() {
        let dir = tempfile::tempdir().expect("tempdir");
        let file = dir.path().join("cover.png");
        std::fs::write(&file, "png").expect("picture");
        age(&file);
        let link = dir.path().join("link.png");
        std::os::unix::fs::symlink(&file, &link).expect("link");
        copy_file(&file, &file).expect("copy");
        copy_file(&file, &link).expect("copy");
        assert_eq!(std::fs::read_to_string(&file).expect("read"), "png");
        assert!(untouched(&file) && std::fs::symlink_metadata(&link).expect("link").is_symlink());
    }

    /// A link holding (through its target) exactly the page's bytes is refused as any link is,
    /// not left as the page; the file it leads to is not touched.
    #[cfg(unix)]
    #[test]
    fn a_link_leading_to_the_same_bytes_is_still_refused() {
        let dir = tempfile::tempdir().expect("tempdir");
        let victim = dir.path().join("victim.html");
        std::fs::write(&victim, "<p>one</p>").expect("file");
        age(&victim);
        let page = dir.path().join("index.html");
        std::os::unix::fs::symlink(&victim, &page).expect("link");
        let err = write_file(&page, "<p>one</p>").expect_err("refused");
        assert!(err.to_string().contains("is a symbolic link"), "{err}");
        assert!(std::fs::symlink_metadata(&page).expect("link").is_symlink());
        assert!(untouched(&victim));
    }

    /// A page that is another name of a file of the user's (a hard link) is replaced, never
    /// written in place, when it changes: the other name keeps its bytes.
    #[cfg(unix)]
    #[test]
    fn a_changed_page_with_a_second_name_leaves_that_name_alone() {
        let dir = tempfile::tempdir().expect("tempdir");
        let (page, kept) = (dir.path().join("index.html"), dir.path().join("kept.html"));
        write_file(&page, "<p>one</p>").expect("write");
        std::fs::hard_link(&page, &kept).expect("link");
        write_file(&page, "<p>one</p>").expect("write");
        write_file(&page, "<p>two</p>").expect("write");
        assert_eq!(std::fs::read_to_string(&page).expect("read"), "<p>two</p>");
        assert_eq!(std::fs::read_to_string(&kept).expect("read"), "<p>one</p>");
    }
}
