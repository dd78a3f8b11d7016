//! A bare Tauri window: the baseline the app's start-up time and memory are measured against.

fn main() {
    let app = match tauri::Builder::default().build(tauri::generate_context!()) {
        Ok(app) => app,
        Err(e) => {
            eprintln!("bare-window: {e}");
            std::process::exit(1);
        }
    };
    // The page's ready time, printed for the start-up measure (as the app's benchmark build does).
    app.run(|handle, event| {
        if let tauri::RunEvent::Ready = event {
            ready_time::print_ready_time(handle);
        }
    });
}
