//! The main window is created hidden (tauri.conf.json) and the page shows it once it has
//! something to paint (ui/src/main.ts). Shown at once, it was painted before its web process
//! had anything to show, and WebKit's UI thread then waited up to 500 ms on that process (a
//! forced update that never came): about one launch in four stalled so under Xvfb, none of
//! those that waited for the page.

use std::time::Duration;
use tauri::{AppHandle, Manager, Runtime};

/// If the page never shows the window (it failed to load or to start), the window is shown
/// anyway after this, so the app is never running with no window to see.
const SHOW_ANYWAY_AFTER: Duration = Duration::from_secs(3);

/// Called at start-up: shows the main window after `SHOW_ANYWAY_AFTER` if it is still hidden.
/// `DRAFTSMITH_SHOW_ANYWAY_AFTER_MS` replaces the delay; the end-to-end suite sets a long one,
/// so that it checks the page's own showing.
pub fn show_anyway_later<R: Runtime>(app: &AppHandle<R>) {
    let delay = std::env::var("DRAFTSMITH_SHOW_ANYWAY_AFTER_MS")
        .ok()
        .and_then(|ms| ms.parse().ok())
        .map_or(SHOW_ANYWAY_AFTER, Duration::from_millis);
    let app = app.clone();
    std::thread::spawn(move || {
        std::thread::sleep(delay);
        if let Some(window) = app.get_webview_window("main") {
            if !window.is_visible().unwrap_or(false) {
                if let Err(e) = window.show() {
                    eprintln!("draftsmith: could not show the window: {e}");
                }
            }
        }
    });
}
