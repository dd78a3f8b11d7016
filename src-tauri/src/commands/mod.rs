//! The IPC commands: each a few lines over draftsmith-core. All are `async` so none runs on the
//! main thread; file and CPU work goes to a blocking task.

pub mod editing;
pub mod export;
pub mod journal;
pub mod posts;
pub mod system;
pub mod workspace;

use crate::error::{CommandError, CommandResult};

/// Run blocking work (file I/O, rendering) off the async runtime's workers.
pub async fn blocking<T: Send + 'static>(f: impl FnOnce() -> CommandResult<T> + Send + 'static) -> CommandResult<T> {
    tauri::async_runtime::spawn_blocking(f).await.map_err(CommandError::internal)?
}
