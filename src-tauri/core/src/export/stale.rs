//! Exporting again into the same folder: what the earlier export wrote and this one did not
//! (a post since made a draft, deleted or renamed, a tag no longer used) is removed, so a draft
//! never stays published there. Only files the folder's list of the earlier export names are
//! touched; anything else in the folder stays.

use super::targets::name_key;
use super::write::{is_one_file, refuse_a_link_on_the_way, write_file};
use crate::Result;
use std::collections::{BTreeSet, HashMap};
use std::path::Path;

/// The list, in the output folder, of the files the last export wrote (one path per line).
pub(super) const WRITTEN_LIST: &str = ".draftsmith-export";

/// What the last export into `out` wrote: read once, before this export lists its own; by
/// [`name_key`] too, to tell a file renamed only in case (or in how an accent is written) since.
pub(super) struct Earlier {
    list: String,
    by_key: HashMap<String, Vec<String>>,
}

impl Earlier {
    pub fn read(out: &Path) -> Earlier {
        let list = std::fs::read_to_string(out.join(WRITTEN_LIST)).unwrap_or_default();
        let mut by_key: HashMap<String, Vec<String>> = HashMap::new();
        for rel in list.lines() {
            by_key.entry(name_key(rel)).or_default().push(rel.to_string());
        }
        Earlier { list, by_key }
    }

    /// Whether the last export wrote `rel` under another spelling: a disk that ignores case
    /// finds that file at `rel`, and leaving it would keep the old spelling.
    pub fn spelled_otherwise(&self, rel: &str) -> bool {
        let earlier = self.by_key.get(&name_key(rel));
        earlier.is_some_and(|names| names.iter().any(|name| name != rel))
    }
}

/// Whether `out` holds files no earlier export wrote: a folder with something in it and no
/// list of an earlier export. Pages written there replace files of the same names (its
/// `index.html`), so the user is asked first; not for a folder holding the workspace `root`,
/// which the export refuses anyway.
pub fn holds_other_files(root: &Path, out: &Path) -> bool {
    if out.join(WRITTEN_LIST).is_file() || super::site::holds_workspace(root, out) {
        return false;
    }
    std::fs::read_dir(out).is_ok_and(|mut entries| entries.next().is_some())
}

/// Removes the files the last export into `out` wrote (`earlier`) that this one did not
/// (`written`, paths relative to `out`), and the folders that leaves empty; then lists
/// `written` for next time.
pub(super) fn remove_stale(out: &Path, earlier: &Earlier, written: &BTreeSet<String>) -> Result<()> {
    for rel in earlier.list.lines() {
        if written.contains(rel) || !crate::paths::is_confined(rel) {
            continue;
        }
        let path = out.join(rel);
        // `Trip/index.html` of a post since renamed `trip.md` is, on a disk that ignores case,
        // the page just written: removing it would take that page off the site.
        let key = name_key(rel);
        if written
            .iter()
            .any(|w| name_key(w) == key && is_one_file(&path, &out.join(w)))
        {
            continue;
        }
        // Only a plain file is removed (a link or folder there is not what we wrote), and not
        // through a link in the folder (to the user's notes, say).
        if refuse_a_link_on_the_way(out, &path).is_ok()
            && std::fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_file())
            && std::fs::remove_file(&path).is_ok()
        {
            let mut folder = path.parent();
            while let Some(dir) = folder.filter(|dir| *dir != out && dir.starts_with(out)) {
                if std::fs::remove_dir(dir).is_err() {
                    break; // not empty: something else lives there
                }
                folder = dir.parent();
            }
        }
    }
    let list: String = written.iter().map(|rel| format!("{rel}\n")).collect();
    write_file(&out.join(WRITTEN_LIST), &list)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_folder_holds_other_files_until_an_export_has_listed_what_it_wrote() {
        let dir = tempfile::tempdir().unwrap();
        let (root, out) = (dir.path().join("blog"), dir.path().join("site"));
        std::fs::create_dir(&root).unwrap();
        assert!(!holds_other_files(&root, &out), "a folder not there yet");
        std::fs::create_dir(&out).unwrap();
        assert!(!holds_other_files(&root, &out), "an empty folder");
        std::fs::write(out.join("index.html"), "mine").unwrap();
        assert!(holds_other_files(&root, &out));
        remove_stale(&out, &Earlier::read(&out), &BTreeSet::from(["index.html".to_string()])).unwrap();
        assert!(
            !holds_other_files(&root, &out),
            "an earlier export's folder"
        );
        // The folder around the posts is refused by the export: nothing to ask about.
        assert!(!holds_other_files(&root, dir.path()));
    }

    /// A page written again under a name differing only in case (`Trip/` to `trip/`) is, on a
    /// disk that ignores case, the old name's file too (a hard link stands in for that disk).
    #[cfg(unix)]
    #[test]
    fn a_page_renamed_only_in_case_is_not_removed_as_stale() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        std::fs::create_dir_all(out.join("Trip")).unwrap();
        std::fs::write(out.join("Trip/index.html"), "the page").unwrap();
        remove_stale(&out, &Earlier::read(&out), &BTreeSet::from(["Trip/index.html".to_string()])).unwrap();
        std::fs::create_dir_all(out.join("trip")).unwrap();
        std::fs::hard_link(out.join("Trip/index.html"), out.join("trip/index.html")).unwrap();
        remove_stale(&out, &Earlier::read(&out), &BTreeSet::from(["trip/index.html".to_string()])).unwrap();
        assert!(
            out.join("Trip/index.html").exists(),
            "the page's one file was removed"
        );
        // A page of the old name that is a file of its own is stale, as before.
        std::fs::remove_file(out.join("Trip/index.html")).unwrap();
        std::fs::write(out.join("Trip/index.html"), "an older page").unwrap();
        remove_stale(
            &out,
            &Earlier::read(&out),
            &BTreeSet::from(["Trip/index.html".to_string(), "trip/index.html".to_string()]),
        )
        .unwrap();
        remove_stale(&out, &Earlier::read(&out), &BTreeSet::from(["trip/index.html".to_string()])).unwrap();
        assert!(!out.join("Trip").exists());
        assert_eq!(
            std::fs::read_to_string(out.join("trip/index.html")).unwrap(),
            "the page"
        );
    }
}
