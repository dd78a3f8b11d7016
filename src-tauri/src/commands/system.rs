//! Asking the user and leaving the app: a native confirm, links in the system browser.

use crate::error::{CommandError, CommandResult};
use crate::state::AppState;
use tauri::{AppHandle, Runtime, State};

#[tauri::command]
pub async fn confirm<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    title: String,
    message: String,
    ok_label: String,
) -> CommandResult<bool> {
    Ok(state.dialogs.confirm(&app, &title, &message, &ok_label).await)
}

/// Open a link from the preview in the system browser. Only web and mail links: a post must
/// not be able to launch files or other handlers.
#[tauri::command]
pub async fn open_external(url: String) -> CommandResult<()> {
    if !is_external_link(&url) {
        return Err(CommandError::new("invalid_value", format!("{url}: only http, https and mailto links open outside")));
    }
    open::that_detached(&url).map_err(|e| CommandError::new("io", format!("{url}: could not open the browser: {e}")))
}

pub fn is_external_link(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    ["http://", "https://", "mailto:"].iter().any(|s| lower.starts_with(s)) && !url.chars().any(char::is_control)
}

#[cfg(test)]
mod tests {
    use super::is_external_link;

    #[test]
    fn only_web_and_mail_links_leave_the_app() {
        assert!(is_external_link("https://example.org/a"));
        assert!(is_external_link("MAILTO:me@example.org"));
        for bad in ["javascript:alert(1)", "file:///etc/passwd", "/etc/passwd", "smb://host/x", "https://x\n.org"] {
            assert!(!is_external_link(bad), "{bad}");
        }
    }
}
