//! Watching the workspace folder. The classification of raw notify events into post events is
//! a pure function so it is tested without a file system.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum PostEvent {
    Created { path: String },
    Changed { path: String },
    Removed { path: String },
    Renamed { from: String, to: String },
}
