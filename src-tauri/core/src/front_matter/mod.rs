//! Front matter: split a post into delimiter, front matter and body; read it into a typed view;
//! edit it losslessly (one key's lines change, nothing else moves).
//!
//! Formats as Hugo accepts them: YAML between `---` lines, TOML between `+++` lines, JSON as an
//! object starting at the first byte (`{ ... }`). YAML stays behind this module.
//!
//! Edits are line-level: each syntax's editor (`edit/yaml.rs`, `edit/toml.rs` using toml_edit's
//! spans, `edit/json.rs`) rewrites only the edited key's bytes, then the result is re-read and
//! must equal the old values plus the change, or the edit is refused with
//! `Error::FrontMatter` instead of returning a damaged file.

mod edit;
mod lines;
mod parse;
mod quick;
mod split;
mod value;

pub use edit::{clear_draft, remove, set, set_draft, toggle_draft};
pub use parse::{parse, parse_split, parse_split_typed, FrontMatter};
pub use split::{split, LineEnding, Split};
pub use value::{parse_flow_value, Date, DateKind, Value};

use serde::{Deserialize, Serialize};

/// The syntax of a front-matter block.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Yaml,
    Toml,
    Json,
}
