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
        let why = if url.trim().to_ascii_lowercase().starts_with("mailto:") {
            "a mail link that attaches files does not open"
        } else {
            "only http, https and mailto links open outside"
        };
        return Err(CommandError::new("invalid_value", format!("{url}: {why}")));
    }
    open::that_detached(&url).map_err(|e| CommandError::new("io", format!("{url}: could not open the browser: {e}")))
}

pub fn is_external_link(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    ["http://", "https://", "mailto:"].iter().any(|s| lower.starts_with(s))
        && !url.chars().any(char::is_control)
        && !(lower.starts_with("mailto:") && attaches_a_file(url.trim()))
}

/// Mail programs (Thunderbird, Evolution, KMail) take `attach=` or `attachment=` in a mail link
/// as a file to attach: a post's link would send the user's own files to its author.
fn attaches_a_file(mailto: &str) -> bool {
    tauri::Url::parse(mailto).map_or(true, |url| {
        url.query_pairs().any(|(key, _)| key.trim().to_ascii_lowercase().starts_with("attach"))
    })
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

    #[test]
    fn a_mail_link_that_would_attach_a_file_does_not_leave_the_app() {
        assert!(is_external_link("mailto:me@example.org?subject=Hi&body=Read%20this"));
        for bad in [
            "mailto:me@example.org?attach=/home/me/.ssh/id_rsa",
            "mailto:me@example.org?subject=Hi&Attachment=file:///etc/passwd",
            "mailto:me@example.org?%61ttach=~/.gnupg/secring.gpg",
        ] {
            assert!(!is_external_link(bad), "{bad}");
        }
    }
}
