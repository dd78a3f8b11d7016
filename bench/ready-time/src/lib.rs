//! Benchmark builds only. `make bench` times start-up on windows launched as a user launches
//! them, without WebDriver: the page puts its ready time in its title (`ds-ready <epoch ms>`;
//! ui/src/perf-probe.ts, bench/bare-window/dist/bare-window-mark.js) and this prints that
//! title to stdout, where the measure reads it (bench/app/session.mjs).

use tauri::{AppHandle, Manager, Runtime};

/// Call once the windows exist (`RunEvent::Ready`).
pub fn print_ready_time<R: Runtime>(app: &AppHandle<R>) {
    let Some(window) = app.get_webview_window("main") else {
        eprintln!("ready-time: no main window to report on");
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
        eprintln!("ready-time: cannot report the page's ready time: {e}");
    }
}
