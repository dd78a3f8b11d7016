//! `new`: creating a post from a title.

use crate::output;
use crate::{FormatArg, Outcome};
use draftsmith_core::front_matter::Format;
use draftsmith_core::new_post::create_post;
use draftsmith_core::workspace::Workspace;
use draftsmith_core::Result;
use std::path::{Path, PathBuf};

pub fn new_post(title: &str, dir: Option<&Path>, format: Option<FormatArg>) -> Result<Outcome> {
    let root = PathBuf::from(".");
    // Without `--dir`, where the site's posts are (the app's New does the same).
    let mut scanned = None;
    let dir = match dir {
        Some(dir) => dir.to_path_buf(),
        None => {
            let workspace = scanned.insert(Workspace::scan(&root)?);
            match workspace.folder_for_new_posts() {
                folder if folder.is_empty() => PathBuf::from("."),
                folder => PathBuf::from(folder),
            }
        }
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
        None => match &scanned {
            Some(workspace) => workspace.usual_format(),
            None => Workspace::scan(&root)?.usual_format(),
        },
    };
    let now = chrono::Local::now().fixed_offset();
    let path = create_post(&root, &dir, title, format, now)?;
    // `./content/posts/x.md` reads better without the `./`.
    let shown = path.strip_prefix(".").unwrap_or(&path);
    output::line(&shown.display().to_string());
    Ok(Outcome::Done)
}
