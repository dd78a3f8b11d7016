//! The crash journal: text typed and not yet saved, kept in the app's data folder so it
//! survives the app being killed, and offered back at the next start.
//!
//! One file per (workspace, post): the file name is a hash of both, the content a small JSON
//! record. Writes are atomic, so a kill mid-write leaves the previous entry, never a torn one.

use crate::{save, utf16, Error, Result};
use chrono::DateTime;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Held by every change of a record. Writes run on blocking threads of their own, and two of
/// one post can overlap (a slow disk, or "keep it in the journal" meeting a pending write):
/// each read the record's revision and then wrote, so one was refused.
static CHANGES: Mutex<()> = Mutex::new(());

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct JournalEntry {
    /// The workspace root the post belongs to.
    pub root: String,
    /// The post, relative to the root.
    pub path: String,
    /// The unsaved text.
    pub text: String,
    /// The revision of the file the text was based on.
    pub base_revision: String,
    /// When it was written, RFC 3339.
    pub written_at: String,
}

/// A change to a post's record, sent instead of the whole text while typing goes on (on a 5 MB
/// post a keystroke is a few bytes, not 10 MB through the page's memory every second): UTF-16
/// units `from..to` (the editor's offsets) of the text of the record written at `base` become
/// `insert`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, ts_rs::TS)]
pub struct RecordEdit {
    /// The `written_at` of the record this edits.
    pub base: String,
    pub from: usize,
    pub to: usize,
    pub insert: String,
}

/// When a record was written, to compare with another's: as times, since as text another offset
/// or precision sorts wrong ("…:01Z" after "…:01.5+00:00"). Text that is not a time comes
/// before any time (and the text orders those), so the order is total.
fn written_key(written_at: &str) -> (Option<DateTime<chrono::FixedOffset>>, &str) {
    (DateTime::parse_from_rfc3339(written_at).ok(), written_at)
}

fn to_json(entry: &JournalEntry) -> Result<String> {
    serde_json::to_string(entry).map_err(|e| Error::InvalidValue { message: e.to_string() })
}

#[derive(Debug, Clone)]
pub struct Journal {
    dir: PathBuf,
}

impl Journal {
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        Journal { dir: dir.into() }
    }

    fn file_for(&self, root: &str, path: &str) -> PathBuf {
        let digest = Sha256::digest(format!("{root}\0{path}").as_bytes());
        let name: String = digest.iter().take(16).map(|b| format!("{b:02x}")).collect();
        self.dir.join(format!("{name}.json"))
    }

    /// Record unsaved text for a post (replacing the previous record, unless that one was
    /// written later: of two overlapping writes the newer text stays). Answers whether it was
    /// written.
    pub fn write(&self, entry: &JournalEntry) -> Result<bool> {
        self.change(&entry.root, &entry.path, |stored| {
            Ok(match stored {
                Some(stored) if written_key(&stored.written_at) > written_key(&entry.written_at) => None,
                _ => Some(to_json(entry)?),
            })
        })
    }

    /// Record unsaved text for a post as `edit` of its record, written at `written_at` from the
    /// file at `base_revision`. Answers false, writing nothing, when the record is not the one
    /// written at `edit.base` any more (a save cleared it, or it was written since) or the edit
    /// does not fit its text: the caller sends the whole text instead.
    pub fn edit(&self, root: &str, path: &str, edit: &RecordEdit, base_revision: &str, written_at: &str) -> Result<bool> {
        self.change(root, path, |stored| {
            let Some(stored) = stored.filter(|stored| stored.written_at == edit.base) else { return Ok(None) };
            let Some(text) = utf16::replace_units(&stored.text, edit.from, edit.to, &edit.insert) else { return Ok(None) };
            let entry = JournalEntry { text, base_revision: base_revision.into(), written_at: written_at.into(), ..stored };
            Ok(Some(to_json(&entry)?))
        })
    }

    /// Replaces the record of (`root`, `path`) with what `with` makes of the one stored (`None`
    /// when there is none or it cannot be read); `with` answering `None` leaves it. Answers
    /// whether it was replaced.
    fn change(&self, root: &str, path: &str, with: impl FnOnce(Option<JournalEntry>) -> Result<Option<String>>) -> Result<bool> {
        std::fs::create_dir_all(&self.dir).map_err(|e| Error::io(&self.dir, e))?;
        // Unsaved text is for its owner only: the records are made like any new file, so their
        // folder is what keeps them private.
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let private = std::fs::Permissions::from_mode(0o700);
            std::fs::set_permissions(&self.dir, private).map_err(|e| Error::io(&self.dir, e))?;
        }
        let file = self.file_for(root, path);
        let _changing = CHANGES.lock().unwrap_or_else(|e| e.into_inner());
        let stored = std::fs::read(&file).ok();
        let stored_entry = stored.as_deref().and_then(|b| serde_json::from_slice::<JournalEntry>(b).ok());
        let Some(json) = with(stored_entry)? else { return Ok(false) };
        let expected = stored.map(|b| save::revision(&b));
        save::save(&file, &json, expected.as_deref()).map(|_| true)
    }

    /// Forget a post's record (after it was saved, or the user discarded it).
    pub fn clear(&self, root: &str, path: &str) -> Result<()> {
        let file = self.file_for(root, path);
        let _changing = CHANGES.lock().unwrap_or_else(|e| e.into_inner());
        match std::fs::remove_file(&file) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(Error::io(&file, e)),
            _ => Ok(()),
        }
    }

    /// Forget a post's record once `saved` is on disk, from a save begun at `started` (RFC
    /// 3339), unless the record holds other text written after the save began: typed while a
    /// slow save (a network drive) was on its way, that text is newer than the file.
    pub fn clear_saved(&self, root: &str, path: &str, saved: &str, started: &str) -> Result<()> {
        let file = self.file_for(root, path);
        let _changing = CHANGES.lock().unwrap_or_else(|e| e.into_inner());
        let stored = std::fs::read(&file).ok().and_then(|b| serde_json::from_slice::<JournalEntry>(&b).ok());
        let after = |written_at: &str| match (DateTime::parse_from_rfc3339(written_at), DateTime::parse_from_rfc3339(started)) {
            (Ok(written), Ok(started)) => written > started,
            _ => true, // unknown: kept, as newer text would be
        };
        if stored.is_some_and(|record| after(&record.written_at) && record.text != saved) {
            return Ok(());
        }
        match std::fs::remove_file(&file) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(Error::io(&file, e)),
            _ => Ok(()),
        }
    }

    /// The records of one workspace, oldest first. Unreadable records are skipped: the journal
    /// must never stop the app from starting.
    pub fn entries(&self, root: &str) -> Vec<JournalEntry> {
        save::clean_temp_files(&self.dir);
        let Ok(dir) = std::fs::read_dir(&self.dir) else { return Vec::new() };
        let mut found: Vec<JournalEntry> = dir
            .flatten()
            .filter(|e| e.path().extension().is_some_and(|x| x == "json"))
            .filter_map(|e| std::fs::read(e.path()).ok())
            .filter_map(|b| serde_json::from_slice::<JournalEntry>(&b).ok())
            .filter(|e| e.root == root)
            .collect();
        found.sort_by(|a, b| written_key(&a.written_at).cmp(&written_key(&b.written_at)));
        found
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(root: &str, path: &str, text: &str) -> JournalEntry {
        JournalEntry {
            root: root.into(),
            path: path.into(),
            text: text.into(),
            base_revision: "r0".into(),
            written_at: chrono::Utc::now().to_rfc3339(),
        }
    }

    #[test]
    fn keeps_the_latest_text_per_post_and_forgets_on_clear() {
        let dir = tempfile::tempdir().unwrap();
        let j = Journal::new(dir.path().join("journal"));
        j.write(&entry("/blog", "a.md", "one")).unwrap();
        j.write(&entry("/blog", "a.md", "two")).unwrap();
        j.write(&entry("/blog", "b.md", "bee")).unwrap();
        j.write(&entry("/other", "a.md", "elsewhere")).unwrap();
        let texts: Vec<_> = j.entries("/blog").into_iter().map(|e| (e.path, e.text)).collect();
        assert_eq!(texts, vec![("a.md".into(), "two".into()), ("b.md".into(), "bee".into())]);
        j.clear("/blog", "a.md").unwrap();
        j.clear("/blog", "never-written.md").unwrap();
        assert_eq!(j.entries("/blog").len(), 1);
        assert_eq!(j.entries("/other")[0].text, "elsewhere");
    }

    #[test]
    fn a_save_keeps_the_record_of_text_typed_while_it_was_on_its_way() {
        let dir = tempfile::tempdir().unwrap();
        let j = Journal::new(dir.path());
        let at = |text: &str, written_at: &str| JournalEntry { written_at: written_at.into(), ..entry("/blog", "a.md", text) };
        let started = "2026-01-01T00:00:05+00:00";
        // Written before the save began: the save holds it (or newer), the record goes.
        j.write(&at("typed", "2026-01-01T00:00:04+00:00")).unwrap();
        j.clear_saved("/blog", "a.md", "typed and more", started).unwrap();
        assert!(j.entries("/blog").is_empty());
        // Written after, with other text: typed meanwhile, it stays.
        j.write(&at("typed while saving", "2026-01-01T00:00:06.5+00:00")).unwrap();
        j.clear_saved("/blog", "a.md", "typed", started).unwrap();
        assert_eq!(j.entries("/blog")[0].text, "typed while saving");
        // Written after with the saved text itself: nothing unsaved, it goes.
        j.clear_saved("/blog", "a.md", "typed while saving", started).unwrap();
        assert!(j.entries("/blog").is_empty());
    }

    #[cfg(unix)]
    #[test]
    fn unsaved_text_is_readable_by_its_owner_only() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let j = Journal::new(dir.path().join("journal"));
        j.write(&entry("/blog", "a.md", "private words")).unwrap();
        let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        let record = std::fs::read_dir(dir.path().join("journal")).unwrap().next().unwrap().unwrap().path();
        let others_can_read = mode(&record) & 0o044 != 0 && mode(&dir.path().join("journal")) & 0o055 != 0;
        assert!(!others_can_read, "record {:o} in folder {:o}", mode(&record), mode(&dir.path().join("journal")));
    }

    #[test]
    fn a_corrupt_record_is_skipped_not_fatal() {
        let dir = tempfile::tempdir().unwrap();
        let j = Journal::new(dir.path());
        j.write(&entry("/blog", "a.md", "kept")).unwrap();
        std::fs::write(dir.path().join("garbage.json"), "{torn").unwrap();
        assert_eq!(j.entries("/blog").len(), 1);
        assert!(Journal::new(dir.path().join("missing")).entries("/blog").is_empty());
    }

    #[test]
    fn overlapping_writes_of_one_post_are_never_refused_and_the_newer_text_stays() {
        use std::sync::{Arc, Barrier};
        let dir = tempfile::tempdir().unwrap();
        let j = Journal::new(dir.path().join("journal"));
        for round in 0..50 {
            let barrier = Arc::new(Barrier::new(2));
            let writers: Vec<_> = (0..2)
                .map(|i| {
                    let (j, barrier) = (j.clone(), barrier.clone());
                    let mut record = entry("/blog", "a.md", &format!("round {round} writer {i}"));
                    record.written_at = format!("2026-01-01T00:{round:02}:0{i}Z");
                    std::thread::spawn(move || {
                        barrier.wait();
                        j.write(&record)
                    })
                })
                .collect();
            for writer in writers {
                writer.join().unwrap().expect("a journal write refused");
            }
            assert_eq!(j.entries("/blog")[0].text, format!("round {round} writer 1"));
        }
    }

    #[test]
    fn an_edit_changes_the_record_it_names_and_only_that_one() {
        let dir = tempfile::tempdir().unwrap();
        let j = Journal::new(dir.path());
        let first = JournalEntry { written_at: "2026-01-01T00:00:01Z".into(), ..entry("/blog", "a.md", "héllo 😀 world") };
        assert!(j.write(&first).unwrap());
        let edit = |base: &str, from, to, insert: &str| RecordEdit { base: base.into(), from, to, insert: insert.into() };
        // "😀" is two units: the edit counts as the editor does.
        assert!(j.edit("/blog", "a.md", &edit(&first.written_at, 9, 9, "big "), "r1", "2026-01-01T00:00:02Z").unwrap());
        let record = &j.entries("/blog")[0];
        assert_eq!((record.text.as_str(), record.base_revision.as_str()), ("héllo 😀 big world", "r1"));
        assert_eq!(record.written_at, "2026-01-01T00:00:02Z");
        // Based on a record that is not the stored one any more, or not fitting it: nothing written.
        assert!(!j.edit("/blog", "a.md", &edit(&first.written_at, 0, 0, "x"), "r1", "2026-01-01T00:00:03Z").unwrap());
        assert!(!j.edit("/blog", "a.md", &edit("2026-01-01T00:00:02Z", 7, 8, "x"), "r1", "2026-01-01T00:00:03Z").unwrap(), "inside 😀");
        assert!(!j.edit("/blog", "a.md", &edit("2026-01-01T00:00:02Z", 0, 99, ""), "r1", "2026-01-01T00:00:03Z").unwrap());
        assert_eq!(j.entries("/blog")[0].text, "héllo 😀 big world");
        // Cleared (the post was saved): an edit has nothing to change, and writes nothing.
        j.clear("/blog", "a.md").unwrap();
        assert!(!j.edit("/blog", "a.md", &edit("2026-01-01T00:00:02Z", 0, 0, "x"), "r1", "2026-01-01T00:00:03Z").unwrap());
        assert!(j.entries("/blog").is_empty());
    }

    #[test]
    fn an_older_write_than_the_record_is_not_written() {
        let dir = tempfile::tempdir().unwrap();
        let j = Journal::new(dir.path());
        let at = |text: &str, written_at: &str| JournalEntry { written_at: written_at.into(), ..entry("/blog", "a.md", text) };
        assert!(j.write(&at("newer", "2026-01-01T00:00:02Z")).unwrap());
        assert!(!j.write(&at("older", "2026-01-01T00:00:01Z")).unwrap());
        assert_eq!(j.entries("/blog")[0].text, "newer");
    }

    #[test]
    fn written_at_is_compared_as_a_time_whatever_its_offset_or_precision() {
        let dir = tempfile::tempdir().unwrap();
        let j = Journal::new(dir.path());
        let at = |path: &str, text: &str, written_at: &str| JournalEntry { written_at: written_at.into(), ..entry("/blog", path, text) };
        // 10:00 at +02:00 is 08:00 UTC: an hour before the next write, though later as text.
        assert!(j.write(&at("a.md", "older", "2026-01-01T10:00:00+02:00")).unwrap());
        assert!(j.write(&at("a.md", "newer", "2026-01-01T09:00:00+00:00")).unwrap());
        assert_eq!(j.entries("/blog")[0].text, "newer");
        // Half a second later, in another precision and form of UTC.
        assert!(j.write(&at("b.md", "older", "2026-01-01T00:00:01Z")).unwrap());
        assert!(j.write(&at("b.md", "newer", "2026-01-01T00:00:01.5+00:00")).unwrap());
        assert!(!j.write(&at("b.md", "oldest", "2026-01-01T01:00:00+02:00")).unwrap());
        assert!(j.write(&at("b.md", "latest", "2026-01-01T10:30:00+02:00")).unwrap());
        // And the records are listed oldest first by time: b.md's at 08:30 UTC, a.md's at 09:00.
        let order: Vec<_> = j.entries("/blog").into_iter().map(|e| e.path).collect();
        assert_eq!(order, vec!["b.md", "a.md"]);
    }
}
