//! Native dialogs (folder picker, save-as, confirm), behind one type so tests can answer them.
//!
//! With `DRAFTSMITH_DIALOG_ANSWERS=<file>` set, each dialog instead takes the first line of that
//! file as its answer (a path, or `yes`/`no`; an empty line means cancel) and removes it. The
//! end-to-end suite uses this because WebDriver cannot reach GTK dialogs; nothing else sets it.

use std::path::PathBuf;
use tauri::{AppHandle, Runtime};
use tauri_plugin_dialog::{DialogExt, MessageDialogButtons, MessageDialogKind};
use tokio::sync::oneshot;

pub const ANSWERS_ENV: &str = "DRAFTSMITH_DIALOG_ANSWERS";

#[derive(Debug, Clone)]
pub enum Dialogs {
    Native,
    Scripted(PathBuf),
}

impl Dialogs {
    pub fn from_env() -> Self {
        match std::env::var_os(ANSWERS_ENV) {
            Some(file) if !file.is_empty() => Dialogs::Scripted(PathBuf::from(file)),
            _ => Dialogs::Native,
        }
    }

    pub async fn pick_folder<R: Runtime>(&self, app: &AppHandle<R>, title: &str) -> Option<PathBuf> {
        match self {
            Dialogs::Scripted(file) => next_answer(file).map(PathBuf::from),
            Dialogs::Native => {
                let (tx, rx) = oneshot::channel();
                app.dialog().file().set_title(title).pick_folder(move |p| {
                    let _ = tx.send(p.and_then(|p| p.into_path().ok()));
                });
                rx.await.ok().flatten()
            }
        }
    }

    pub async fn save_file<R: Runtime>(&self, app: &AppHandle<R>, title: &str, file_name: &str) -> Option<PathBuf> {
        match self {
            Dialogs::Scripted(file) => next_answer(file).map(PathBuf::from),
            Dialogs::Native => {
                let (tx, rx) = oneshot::channel();
                app.dialog()
                    .file()
                    .set_title(title)
                    .set_file_name(file_name)
                    .add_filter("HTML page", &["html", "htm"])
                    .save_file(move |p| {
                        let _ = tx.send(p.and_then(|p| p.into_path().ok()));
                    });
                rx.await.ok().flatten()
            }
        }
    }

    pub async fn confirm<R: Runtime>(&self, app: &AppHandle<R>, title: &str, message: &str, ok_label: &str) -> bool {
        match self {
            Dialogs::Scripted(file) => next_answer(file).is_some_and(|a| a == "yes"),
            Dialogs::Native => {
                let (tx, rx) = oneshot::channel();
                app.dialog()
                    .message(message)
                    .title(title)
                    .kind(MessageDialogKind::Warning)
                    .buttons(MessageDialogButtons::OkCancelCustom(ok_label.to_string(), "Cancel".to_string()))
                    .show(move |ok| {
                        let _ = tx.send(ok);
                    });
                rx.await.unwrap_or(false)
            }
        }
    }
}

/// Pop the first line of the answers file; `None` for an empty line or a missing file.
fn next_answer(file: &std::path::Path) -> Option<String> {
    let text = std::fs::read_to_string(file).ok()?;
    let mut lines = text.lines();
    let first = lines.next()?.trim().to_string();
    let rest: Vec<&str> = lines.collect();
    let _ = std::fs::write(file, rest.join("\n"));
    (!first.is_empty()).then_some(first)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripted_answers_are_consumed_in_order() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("answers");
        std::fs::write(&file, "/tmp/a\n\nyes\n").unwrap();
        assert_eq!(next_answer(&file).as_deref(), Some("/tmp/a"));
        assert_eq!(next_answer(&file), None, "an empty line cancels");
        assert_eq!(next_answer(&file).as_deref(), Some("yes"));
        assert_eq!(next_answer(&file), None, "no answers left");
    }
}
