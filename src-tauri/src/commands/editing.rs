//! What the editor asks while a post is open: the preview, and front-matter reads and edits of
//! the editor's own text (the buffer is the source of truth; these never touch the disk).

use super::blocking;
use crate::error::{CommandError, CommandResult};
use crate::state::AppState;
use draftsmith_core::front_matter::{self, FrontMatter, Value};
use crate::preview::{PreviewUpdate, TextEdit};
use draftsmith_core::render::{self, RenderOptions};
use tauri::State;

/// Render the editor's text for the preview. Relative images resolve to the post's folder
/// through the asset protocol. `since` is the id of the update the window last applied for
/// this post: HTML it already has is left out (see `crate::preview`). The text comes whole
/// (`text`) or as an `edit` of the text of an earlier update; an edit this session can no
/// longer apply fails with kind `stale_text`, and the window sends the whole text instead.
#[tauri::command]
pub async fn render_preview(
    state: State<'_, AppState>,
    path: String,
    text: Option<String>,
    edit: Option<TextEdit>,
    since: Option<u64>,
) -> CommandResult<PreviewUpdate> {
    let image_base = state.resolve(&path).ok().and_then(|abs| abs.parent().map(asset_url_of_dir));
    let session = state.renderer_for(&path);
    blocking(move || {
        let opts = RenderOptions { image_base };
        let mut session = session.lock().unwrap_or_else(|e| e.into_inner());
        match (text, edit) {
            (Some(text), None) => Ok(session.update(&text, &opts, since)),
            (None, Some(edit)) => session.update_edited(&edit, &opts, since).ok_or_else(|| {
                CommandError::new("stale_text", "the preview no longer holds the text this edit applies to")
            }),
            _ => Err(CommandError::new("invalid_value", "render_preview takes either `text` or `edit`")),
        }
    })
    .await
}

/// The syntax-highlighting CSS for the preview, light and dark.
#[tauri::command]
pub async fn preview_css() -> CommandResult<String> {
    blocking(|| {
        Ok(format!(
            "{}\n@media (prefers-color-scheme: dark) {{\n{}\n}}\n",
            render::highlight_css(false),
            render::highlight_css(true)
        ))
    })
    .await
}

#[tauri::command]
pub async fn parse_front_matter(text: String) -> CommandResult<FrontMatter> {
    blocking(move || Ok(front_matter::parse(&text)?)).await
}

/// Set (or, with no value, remove) one key in the editor's text; returns the whole new text.
#[tauri::command]
pub async fn edit_front_matter(state: State<'_, AppState>, text: String, key: String, value: Option<Value>) -> CommandResult<String> {
    let format = state.with(|o| o.workspace.usual_format()).unwrap_or(front_matter::Format::Yaml);
    blocking(move || {
        Ok(match value {
            Some(v) => front_matter::set(&text, &key, &v, format)?,
            None => front_matter::remove(&text, &key)?,
        })
    })
    .await
}

/// `asset://localhost/<percent-encoded folder>/`, as Tauri's `convertFileSrc` builds it.
fn asset_url_of_dir(dir: &std::path::Path) -> String {
    let mut encoded = String::from("asset://localhost/");
    for b in format!("{}/", dir.display()).bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            encoded.push(b as char);
        } else {
            encoded.push_str(&format!("%{b:02X}"));
        }
    }
    encoded
}

#[cfg(test)]
mod tests {
    #[test]
    fn asset_urls_encode_the_whole_path() {
        let url = super::asset_url_of_dir(std::path::Path::new("/home/me/my blog/trip"));
        assert_eq!(url, "asset://localhost/%2Fhome%2Fme%2Fmy%20blog%2Ftrip%2F");
    }
}
