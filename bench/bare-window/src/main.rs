//! A bare Tauri window: the baseline the app's start-up time and memory are measured against.

use tauri::Manager;

fn main() {
    let app = match tauri::Builder::default().build(tauri::generate_context!()) {
        Ok(app) => app,
        Err(e) => {
            eprintln!("bare-window: {e}");
            std::process::exit(1);
        }
    };
    app.run(|handle, event| {
        if let tauri::RunEvent::Ready = event {
            print_ready_time(handle);
        }
    });
}

/// As the app's benchmark build does (src-tauri/src/perf_probe.rs): the page puts its ready
/// time in its title; this prints it for the start-up measure of a directly launched window.
fn print_ready_time(app: &tauri::AppHandle) {
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
        eprintln!("bare-window: cannot report the page's ready time: {e}");
    }
}
