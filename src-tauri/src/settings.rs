//! What the app remembers between runs: the last workspace. Pane sizes and other view state
//! live in the UI's local storage.

use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

#[derive(Debug, Default, Clone, PartialEq, Serialize, Deserialize)]
pub struct Settings {
    pub last_workspace: Option<PathBuf>,
}

impl Settings {
    /// Missing or unreadable settings are the defaults: a fresh start is never an error.
    pub fn load(file: &Path) -> Settings {
        std::fs::read(file).ok().and_then(|b| serde_json::from_slice(&b).ok()).unwrap_or_default()
    }

    pub fn store(&self, file: &Path) -> std::io::Result<()> {
        if let Some(dir) = file.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let json = serde_json::to_vec_pretty(self).map_err(std::io::Error::other)?;
        std::fs::write(file, json)
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
        let s = Settings { last_workspace: Some("/home/me/blog".into()) };
        s.store(&file).unwrap();
        assert_eq!(Settings::load(&file), s);
        std::fs::write(&file, "{not json").unwrap();
        assert_eq!(Settings::load(&file), Settings::default());
    }
}
