//! The Tauri shell: a thin layer of commands over draftsmith-core.

pub fn run() {
    tauri::Builder::default()
        .run(tauri::generate_context!())
        .expect("error while running Draftsmith");
}
