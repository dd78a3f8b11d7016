//! What the app remembers between runs: the last workspace. Pane sizes and other view state
//! live in the UI's local storage.

use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

#[derive(Debug, Default, Clone, PartialEq, Serialize, Deserialize)]
pub struct Settings {
    pub last_workspace: Option<PathBuf>,
    /// Settings this version does not know (a newer one wrote them), written back as they were.
    #[serde(flatten)]
    pub other: serde_json::Map<String, serde_json::Value>,
}

impl Settings {
    /// Missing or unreadable settings are the defaults: a fresh start is never an error. A file
    /// that is there but cannot be used is said so on stderr, then replaced by the next store.
    pub fn load(file: &Path) -> Settings {
        let bytes = match std::fs::read(file) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Settings::default(),
            Err(e) => {
                eprintln!("Draftsmith: {}: could not read the settings ({e}); using the defaults", file.display());
                return Settings::default();
            }
        };
        serde_json::from_slice(&bytes).unwrap_or_else(|e| {
            eprintln!("Draftsmith: {}: the settings are not valid ({e}); using the defaults", file.display());
            Settings::default()
        })
    }

    /// Remember `root` as the last workspace, keeping the other settings. The folder already
    /// remembered is not written again (a store syncs the disk twice, on every open).
    pub fn remember_workspace(file: &Path, root: &Path) -> std::io::Result<()> {
        // Read first, so settings a newer version added are written back as they were.
        let mut settings = Settings::load(file);
        if settings.last_workspace.as_deref() == Some(root) {
            return Ok(());
        }
        settings.last_workspace = Some(root.to_path_buf());
        settings.store(file)
    }

    /// Write the settings atomically (the core's save: a temp file beside it, then a rename), so
    /// a crash or a full disk mid-write leaves the previous settings, never a torn file.
    pub fn store(&self, file: &Path) -> std::io::Result<()> {
        if let Some(dir) = file.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let json = serde_json::to_string_pretty(self).map_err(std::io::Error::other)?;
        let expected = std::fs::read(file).ok().map(|bytes| draftsmith_core::save::revision(&bytes));
        draftsmith_core::save::save(file, &json, expected.as_deref()).map(|_| ()).map_err(std::io::Error::other)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_tolerates_garbage() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("conf/settings.json");
        assert_eq!(Settings::load(&file), Settings::default());
        let s = Settings { last_workspace: Some("/home/me/blog".into()), ..Settings::default() };
        s.store(&file).unwrap();
        assert_eq!(Settings::load(&file), s);
        std::fs::write(&file, "{not json").unwrap();
        assert_eq!(Settings::load(&file), Settings::default());
    }

    #[test]
    fn a_store_replaces_the_old_settings_whole_and_leaves_no_temp_file() {
        use std::io::Read;
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("settings.json");
        let old = Settings { last_workspace: Some("/home/me/old-blog".into()), ..Settings::default() };
        old.store(&file).unwrap();
        let old_bytes = std::fs::read(&file).unwrap();
        // Whoever has the file open (a reader, or the disk after a crash) sees the old settings
        // whole until the new ones take their place: they are never written over in place.
        let mut reader = std::fs::File::open(&file).unwrap();
        let new = Settings { last_workspace: Some("/home/me/new-blog".into()), ..Settings::default() };
        new.store(&file).unwrap();
        let mut seen = Vec::new();
        reader.read_to_end(&mut seen).unwrap();
        assert_eq!(seen, old_bytes);
        assert_eq!(Settings::load(&file), new);
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names, ["settings.json"]);
    }

    #[test]
    fn unusable_settings_files_fall_back_to_the_defaults_and_are_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("settings.json");
        let torn = br#"{ "last_workspace": "/home/me/bl"#;
        for bad in [&torn[..], b"", b"\xff\xfe\x00", b"null", b"[]", br#"{ "last_workspace": 3 }"#] {
            std::fs::write(&file, bad).unwrap();
            assert_eq!(Settings::load(&file), Settings::default(), "{}", String::from_utf8_lossy(bad));
            let s = Settings { last_workspace: Some("/home/me/blog".into()), ..Settings::default() };
            s.store(&file).unwrap();
            assert_eq!(Settings::load(&file), s);
        }
        // A folder where the file should be: the defaults, not a crash.
        std::fs::remove_file(&file).unwrap();
        std::fs::create_dir(&file).unwrap();
        assert_eq!(Settings::load(&file), Settings::default());
        assert!(Settings::default().store(&file).is_err());
    }

    #[cfg(unix)]
    #[test]
    fn opening_the_remembered_folder_again_leaves_the_file_alone() {
        use std::os::unix::fs::MetadataExt;
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("settings.json");
        let blog = Path::new("/home/me/blog");
        Settings::remember_workspace(&file, blog).unwrap();
        assert_eq!(Settings::load(&file).last_workspace.as_deref(), Some(blog));
        // Every store is a new file renamed into place: a new inode tells a rewrite.
        let stored = std::fs::metadata(&file).unwrap().ino();
        Settings::remember_workspace(&file, blog).unwrap();
        assert_eq!(std::fs::metadata(&file).unwrap().ino(), stored, "rewritten with nothing changed");
        Settings::remember_workspace(&file, Path::new("/home/me/other")).unwrap();
        assert_ne!(std::fs::metadata(&file).unwrap().ino(), stored);
        assert_eq!(Settings::load(&file).last_workspace, Some("/home/me/other".into()));
    }

    #[test]
    fn settings_a_newer_version_wrote_are_kept_when_the_last_folder_changes() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("settings.json");
        std::fs::write(&file, r#"{ "last_workspace": "/home/me/blog", "theme": "dark", "recent": ["/a", "/b"] }"#).unwrap();
        let mut settings = Settings::load(&file);
        assert_eq!(settings.last_workspace, Some("/home/me/blog".into()));
        settings.last_workspace = Some("/home/me/other".into());
        settings.store(&file).unwrap();
        let stored: serde_json::Value = serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
        assert_eq!(stored, serde_json::json!({ "last_workspace": "/home/me/other", "theme": "dark", "recent": ["/a", "/b"] }));
    }
}
