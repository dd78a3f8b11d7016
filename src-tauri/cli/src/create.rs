//! `new`: creating a post from a title.

use crate::output;
use crate::{FormatArg, Outcome};
use draftsmith_core::front_matter::Format;
use draftsmith_core::new_post::create_post;
use draftsmith_core::workspace::Workspace;
use draftsmith_core::Result;
use std::path::{Path, PathBuf};

/// Where posts go in a Hugo-style site, used when it exists and no `--dir` is given.
const USUAL_POSTS_DIR: &str = "content/posts";

pub fn new_post(title: &str, dir: Option<&Path>, format: Option<FormatArg>) -> Result<Outcome> {
    let root = PathBuf::from(".");
    let dir = match dir {
        Some(dir) => dir.to_path_buf(),
        None if Path::new(USUAL_POSTS_DIR).is_dir() => PathBuf::from(USUAL_POSTS_DIR),
        None => PathBuf::from("."),
    };
    // A folder outside the current one is its own root (archetypes are looked up there).
    let (root, dir) = if dir.is_absolute() {
        (dir, PathBuf::from("."))
    } else {
        (root, dir)
    };
    let format = match format {
        Some(FormatArg::Yaml) => Format::Yaml,
        Some(FormatArg::Toml) => Format::Toml,
        None => Workspace::scan(&root)?.usual_format(),
    };
    let now = chrono::Local::now().fixed_offset();
    let path = create_post(&root, &dir, title, format, now)?;
    // `./content/posts/x.md` reads better without the `./`.
    let shown = path.strip_prefix(".").unwrap_or(&path);
    output::line(&shown.display().to_string());
    Ok(Outcome::Done)
}
