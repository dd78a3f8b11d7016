//! Benchmark builds only (`--features perf-probe`, set by `make bench`). The start-up measure
//! launches the app as a user does, without WebDriver. The page's probe puts its ready time in
//! the document's title (ui/src/perf-probe.ts); this prints that title to stdout, where the
//! measure reads it.

use tauri::{AppHandle, Manager};

/// Call once the windows exist (`RunEvent::Ready`).
pub fn print_ready_time(app: &AppHandle) {
    let Some(window) = app.get_webview_window("main") else {
        return;
    };
    let sent = window.with_webview(|webview| {
        #[cfg(target_os = "linux")]
        {
            use webkit2gtk::WebViewExt;
            webview.inner().connect_title_notify(|view| {
                if let Some(title) = view.title().filter(|t| t.starts_with("ds-ready ")) {
                    println!("{title}");
                }
            });
        }
        #[cfg(not(target_os = "linux"))]
        let _ = webview;
    });
    if let Err(e) = sent {
        eprintln!("perf-probe: cannot report the page's ready time: {e}");
    }
}
