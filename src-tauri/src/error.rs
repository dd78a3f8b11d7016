//! The error every command returns. It crosses IPC as `{ "kind": "...", "message": "..." }`:
//! the kind is stable (the UI branches on `conflict`, `cancelled`, ...), the message is for people.

use draftsmith_core::Error;
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct CommandError {
    pub kind: String,
    pub message: String,
}

pub type CommandResult<T> = Result<T, CommandError>;

impl CommandError {
    pub fn new(kind: &str, message: impl Into<String>) -> Self {
        CommandError { kind: kind.to_string(), message: message.into() }
    }

    pub fn no_workspace() -> Self {
        Self::new("no_workspace", "No workspace is open: open a folder of posts first.")
    }

    /// Something went wrong in the shell itself (a task that panicked, a window that vanished).
    pub fn internal(message: impl std::fmt::Display) -> Self {
        Self::new("internal", message.to_string())
    }
}

impl From<Error> for CommandError {
    fn from(e: Error) -> Self {
        CommandError { kind: e.kind().to_string(), message: e.to_string() }
    }
}

impl From<tauri::Error> for CommandError {
    fn from(e: tauri::Error) -> Self {
        Self::internal(e)
    }
}
