//! What the editor asks while a post is open: the preview, and front-matter reads and edits of
//! the editor's own text (the buffer is the source of truth; these never touch the disk).

use super::blocking;
use crate::error::{CommandError, CommandResult};
use crate::state::AppState;
use draftsmith_core::front_matter::{self, FrontMatter, Value};
use crate::preview::{PreviewUpdate, Refused, TextEdit};
use draftsmith_core::render::{self, RenderOptions};
use serde::Deserialize;
use std::sync::TryLockError;
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
    let request = PreviewRequest { path, text, edit, since };
    let render = request.prepare(&state, false);
    blocking(render).await
}

/// What the window asks the preview to render, through the `render_preview` command or the
/// synchronous preview protocol (`crate::preview_protocol`).
#[derive(Debug, Deserialize)]
pub struct PreviewRequest {
    pub path: String,
    pub text: Option<String>,
    pub edit: Option<TextEdit>,
    pub since: Option<u64>,
}

impl PreviewRequest {
    /// Looks up what the render needs from the app's state (cheap); the returned render is
    /// the slow part, for a thread of its own. A `quick` render is refused (kind `not_quick`)
    /// when it would not be quick, and runs on the calling thread.
    pub fn prepare(self, state: &AppState, quick: bool) -> impl FnOnce() -> CommandResult<PreviewUpdate> + Send + 'static {
        let image_base = state.resolve(&self.path).ok().and_then(|abs| abs.parent().map(asset_url_of_dir));
        let site_base = state.root().ok().map(|root| asset_url_of_dir(&site_folder(&root)));
        let session = state.renderer_for(&self.path);
        move || {
            let opts = RenderOptions { image_base, site_base };
            let not_quick = || CommandError::new("not_quick", "this render would not be quick");
            // A quick render never waits for another to finish.
            let mut session = match session.try_lock() {
                Ok(session) => session,
                Err(TryLockError::Poisoned(e)) => e.into_inner(),
                Err(TryLockError::WouldBlock) if quick => return Err(not_quick()),
                Err(TryLockError::WouldBlock) => session.lock().unwrap_or_else(|e| e.into_inner()),
            };
            match (self.text, self.edit) {
                (Some(text), None) if quick => session.update_quickly(&text, &opts, self.since).ok_or_else(not_quick),
                (Some(text), None) => Ok(session.update(&text, &opts, self.since)),
                (None, Some(edit)) => {
                    let edited = if quick {
                        session.update_edited_quickly(&edit, &opts, self.since)
                    } else {
                        session.update_edited(&edit, &opts, self.since)
                    };
                    edited.map_err(|refused| match refused {
                        Refused::Stale => CommandError::new("stale_text", "the preview no longer holds the text this edit applies to"),
                        Refused::NotQuick => not_quick(),
                    })
                }
                _ => Err(CommandError::new("invalid_value", "render_preview takes either `text` or `edit`")),
            }
        }
    }
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
            // The draft switch: a post held back by `published: false` flips that key instead.
            Some(Value::Bool(draft)) if key == "draft" => front_matter::set_draft(&text, draft, format)?,
            Some(v) => front_matter::set(&text, &key, &v, format)?,
            None => front_matter::remove(&text, &key)?,
        })
    })
    .await
}

/// Where a post's `/images/x.png` is: the site's `static/` folder (Hugo, Zola) when it has one,
/// else its root (Jekyll, plain folders).
fn site_folder(root: &std::path::Path) -> std::path::PathBuf {
    let static_folder = root.join("static");
    if static_folder.is_dir() {
        static_folder
    } else {
        root.to_path_buf()
    }
}

/// `asset://localhost/<percent-encoded folder>/`, as Tauri's `convertFileSrc` builds it but for
/// the folder's own slashes, kept as path segments: the webview resolves an image's `../` against
/// them (a single encoded segment made `../images/a.png` point at `images/a.png`, no file). The
/// root's slash stays encoded, so the path is never empty-segmented; Tauri decodes it whole.
fn asset_url_of_dir(dir: &std::path::Path) -> String {
    let mut encoded = String::from("asset://localhost/");
    let dir = format!("{}/", dir.display());
    for (i, b) in dir.bytes().enumerate() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) || (b == b'/' && i > 0) {
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
    fn asset_urls_encode_each_name_of_the_folder() {
        let url = super::asset_url_of_dir(std::path::Path::new("/home/me/my blog/trip?#"));
        assert_eq!(url, "asset://localhost/%2Fhome/me/my%20blog/trip%3F%23/");
    }

    /// The file the asset protocol serves for an image's `src`: the URL as the webview resolves
    /// it, its path without the leading `/`, percent-decoded (as Tauri's asset protocol does).
    fn served_file(src: &str) -> String {
        let url = tauri::Url::parse(src).expect("a URL");
        let path = url.path().as_bytes();
        let path = path.strip_prefix(b"/").unwrap_or(path);
        let mut decoded = Vec::new();
        let mut i = 0;
        while i < path.len() {
            let hex = path.get(i + 1..i + 3).and_then(|h| u8::from_str_radix(std::str::from_utf8(h).ok()?, 16).ok());
            match (path[i], hex) {
                (b'%', Some(byte)) => {
                    decoded.push(byte);
                    i += 3;
                }
                (byte, _) => {
                    decoded.push(byte);
                    i += 1;
                }
            }
        }
        String::from_utf8(decoded).expect("UTF-8")
    }

    #[test]
    fn images_beside_and_above_the_post_reach_their_files() {
        let base = super::asset_url_of_dir(std::path::Path::new("/home/me/my blog/content/posts"));
        let opts = draftsmith_core::render::RenderOptions { image_base: Some(base), ..Default::default() };
        for (markdown, file) in [
            ("![a](pic.png)", "/home/me/my blog/content/posts/pic.png"),
            ("![a](<img/café 1.png>)", "/home/me/my blog/content/posts/img/café 1.png"),
            ("![a](../images/cover.png)", "/home/me/my blog/content/images/cover.png"),
            ("![a](./../../static/a%20b.png)", "/home/me/my blog/static/a b.png"),
        ] {
            let html = draftsmith_core::render::render_with(markdown, &opts).html;
            let src = html.split("src=\"").nth(1).and_then(|rest| rest.split('"').next()).expect("an image");
            let served = served_file(src);
            assert!(std::path::Path::new(&served).components().eq(std::path::Path::new(file).components()), "{markdown}: {src} serves {served}");
        }
    }
}
