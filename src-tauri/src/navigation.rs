//! The window never leaves the app's page. Clicks on preview links are handled by the page
//! (ui/src/preview.ts), but the webview has other ways to follow a link: its own context menu
//! offers "Open Link" on any link in the preview, which loaded the link's page in place of the
//! app (unsaved text and all). Every navigation of the window but a reload of the app's page is
//! refused here; links open in the browser through `open_external` only.

use tauri::plugin::TauriPlugin;
use tauri::{Runtime, Url};

/// Whether the window may load `url`: the app's own page only (`tauri://localhost`, or
/// `http://tauri.localhost` on Windows and Android, where custom schemes are served over http).
pub fn stays_in_app(url: &Url) -> bool {
    let app_origin = match url.scheme() {
        "tauri" => url.host_str() == Some("localhost"),
        // Only where Tauri serves the page there: elsewhere `tauri.localhost` is this
        // machine's web server, reached over the network like any site.
        "http" | "https" if cfg!(any(windows, target_os = "android")) => {
            url.host_str() == Some("tauri.localhost") && url.port().is_none()
        }
        _ => false,
    };
    app_origin && matches!(url.path(), "" | "/" | "/index.html")
}

pub fn guard<R: Runtime>() -> TauriPlugin<R> {
    tauri::plugin::Builder::new("navigation-guard").on_navigation(|_, url| stays_in_app(url)).build()
}

#[cfg(test)]
mod tests {
    use super::stays_in_app;

    #[test]
    fn only_the_apps_own_page_is_loaded_in_the_window() {
        let url = |s: &str| tauri::Url::parse(s).unwrap();
        for ok in ["tauri://localhost", "tauri://localhost/", "tauri://localhost/index.html"] {
            assert!(stays_in_app(&url(ok)), "{ok}");
        }
        for bad in [
            "https://example.org/",
            "http://example.org/tauri.localhost/",
            "tauri://localhost/other-post.md",
            "tauri://evil/",
            "file:///etc/passwd",
            "asset://localhost/%2Fhome/me/blog/a.png",
            "mailto:me@example.org",
            "http://tauri.localhost:8080/",
            "about:blank",
        ] {
            assert!(!stays_in_app(&url(bad)), "{bad}");
        }
    }

    /// `http://tauri.localhost` is the app's page only where Tauri serves it there (Windows,
    /// Android). Elsewhere it is a web address like any other: `*.localhost` names this machine,
    /// so a post's link to it ("Open Link" in the webview's menu) loaded whatever server listens
    /// there in place of the app.
    #[test]
    fn the_web_address_of_the_apps_page_is_the_apps_only_where_tauri_serves_it() {
        let served_over_http = cfg!(any(windows, target_os = "android"));
        for address in ["http://tauri.localhost/", "https://tauri.localhost/index.html"] {
            assert_eq!(stays_in_app(&tauri::Url::parse(address).unwrap()), served_over_http, "{address}");
        }
    }
}
