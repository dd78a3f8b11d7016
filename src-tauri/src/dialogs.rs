//! Native dialogs (folder picker, save-as, confirm), behind one type so tests can answer them.
//!
//! With `DRAFTSMITH_DIALOG_ANSWERS=<file>` set, each dialog instead takes the first line of that
//! file as its answer (a path, or `yes`/`no`; an empty line means cancel) and removes it. The
//! end-to-end suite uses this because WebDriver cannot reach GTK dialogs; nothing else sets it.
//! Scripted dialogs also append what they were asked to `<answers>.log`, one JSON line each,
//! so tests can check the exact text a native dialog would have shown.
//!
//! Dialog text often carries a post's title or file name, which an untrusted folder controls.
//! [`plain`] makes such text safe for the native toolkit before it gets there.

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
        let title = plain(title, Field::Title);
        match self {
            Dialogs::Scripted(file) => {
                log_asked(file, "pick_folder", &title, "");
                next_answer(file).map(PathBuf::from)
            }
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
        let title = plain(title, Field::Title);
        let file_name = plain(file_name, Field::Title);
        match self {
            Dialogs::Scripted(file) => {
                log_asked(file, "save_file", &title, &file_name);
                next_answer(file).map(PathBuf::from)
            }
            Dialogs::Native => {
                let (tx, rx) = oneshot::channel();
                app.dialog()
                    .file()
                    .set_title(title)
                    .set_file_name(&file_name)
                    .add_filter("HTML page", &["html", "htm"])
                    .save_file(move |p| {
                        let _ = tx.send(p.and_then(|p| p.into_path().ok()));
                    });
                rx.await.ok().flatten()
            }
        }
    }

    pub async fn confirm<R: Runtime>(&self, app: &AppHandle<R>, title: &str, message: &str, ok_label: &str) -> bool {
        let title = plain(title, Field::Title);
        let message = plain(message, Field::Message);
        let ok_label = plain(ok_label, Field::Title);
        match self {
            Dialogs::Scripted(file) => {
                log_asked(file, "confirm", &title, &message);
                next_answer(file).is_some_and(|a| a == "yes")
            }
            Dialogs::Native => {
                let (tx, rx) = oneshot::channel();
                app.dialog()
                    .message(message)
                    .title(title)
                    .kind(MessageDialogKind::Warning)
                    .buttons(MessageDialogButtons::OkCancelCustom(ok_label, "Cancel".to_string()))
                    .show(move |ok| {
                        let _ = tx.send(ok);
                    });
                rx.await.unwrap_or(false)
            }
        }
    }
}

/// Which part of a dialog a text goes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    /// Titles, button labels, suggested file names: shown as given.
    Title,
    /// A message dialog's body: on Linux the dialog library hands it to GTK as a printf-style
    /// format string, so a `%` in a file name or title would be read as a conversion.
    Message,
}

/// `text` made safe for a native dialog: NUL and other control characters (which the dialog
/// library cannot pass to the toolkit, and would panic on) become spaces, newlines and tabs stay,
/// and a message's `%` is doubled where the toolkit would format it.
fn plain(text: &str, field: Field) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\n' | '\t' => out.push(c),
            '%' if field == Field::Message && cfg!(target_os = "linux") => out.push_str("%%"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Record what a scripted dialog was asked (tests read it back).
fn log_asked(answers: &std::path::Path, kind: &str, title: &str, message: &str) {
    use std::io::Write;
    let mut log = answers.as_os_str().to_owned();
    log.push(".log");
    let line = serde_json::json!({ "kind": kind, "title": title, "message": message });
    if let Ok(mut file) = std::fs::OpenOptions::new().create(true).append(true).open(PathBuf::from(log)) {
        let _ = writeln!(file, "{line}");
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

    #[test]
    fn dialog_text_cannot_reach_the_toolkit_as_a_format_or_a_nul() {
        let name = "%n%s%x\0<b>bold</b>\u{7}.md";
        let message = plain(name, Field::Message);
        assert!(!message.contains('\0') && !message.contains('\u{7}'), "{message:?}");
        assert!(message.contains("<b>bold</b>"), "markup is left as text: {message:?}");
        if cfg!(target_os = "linux") {
            assert_eq!(message.replace("%%", ""), "nsx <b>bold</b> .md", "every % is doubled: {message:?}");
        }
        let title = plain(name, Field::Title);
        assert_eq!(title, "%n%s%x <b>bold</b> .md", "titles are shown as given, minus controls");
        assert_eq!(plain("line one\nline two", Field::Message), "line one\nline two");
    }

    #[test]
    fn scripted_dialogs_log_what_they_were_asked() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("answers");
        std::fs::write(&file, "yes\n").unwrap();
        log_asked(&file, "confirm", "Delete", "Delete \"a%%b.md\"?");
        let log = std::fs::read_to_string(dir.path().join("answers.log")).unwrap();
        let line: serde_json::Value = serde_json::from_str(log.trim()).unwrap();
        assert_eq!(line["kind"], "confirm");
        assert_eq!(line["message"], "Delete \"a%%b.md\"?");
    }
}
