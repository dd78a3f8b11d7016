//! draftsmith-core: everything Draftsmith does that does not need a window.
//!
//! One module per responsibility; the Tauri shell and the CLI are thin layers over these.

pub mod bundles;
pub mod corpus;
mod drafts_folder;
pub mod error;
pub mod export;
pub mod front_matter;
pub mod journal;
pub mod new_post;
mod no_replace;
pub mod paths;
pub mod post_ops;
pub mod render;
pub mod save;
pub mod utf16;
pub mod watch;
mod words;
pub mod workspace;

pub use error::{Error, Result};
