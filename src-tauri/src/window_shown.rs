//! The main window is created hidden (tauri.conf.json) and shown once its page has loaded.
//! Shown at once, it is painted before its web process has anything to show, and WebKit's UI
//! thread can then wait up to 500 ms on that process (a forced update that never comes): about
//! one launch in three stalled so under Xvfb, none once the window waited for its page.

use std::time::Duration;
use tauri::webview::{PageLoadEvent, PageLoadPayload};
use tauri::{AppHandle, Manager, Runtime, Webview};

/// If the page never finishes loading, the window is shown anyway after this, so the app is
/// never running with no window to see.
const SHOW_ANYWAY_AFTER: Duration = Duration::from_secs(3);

/// The page-load hook: shows the window the page is in once the page has loaded.
pub fn show_when_loaded<R: Runtime>(webview: &Webview<R>, payload: &PageLoadPayload<'_>) {
    if payload.event() == PageLoadEvent::Finished {
        shown(webview.window().show());
    }
}

/// Called at start-up: shows the main window after `SHOW_ANYWAY_AFTER` if it is still hidden.
pub fn show_anyway_later<R: Runtime>(app: &AppHandle<R>) {
    let app = app.clone();
    std::thread::spawn(move || {
        std::thread::sleep(SHOW_ANYWAY_AFTER);
        if let Some(window) = app.get_webview_window("main") {
            if !window.is_visible().unwrap_or(false) {
                shown(window.show());
            }
        }
    });
}

fn shown(result: tauri::Result<()>) {
    if let Err(e) = result {
        eprintln!("draftsmith: could not show the window: {e}");
    }
}
