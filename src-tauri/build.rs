//! Builds the app's context. The app manifest names every command the window may call, so the
//! command surface is an explicit allowlist (each one granted in `tauri.conf.json`'s capability)
//! rather than "every handler is reachable".

/// Every command in `generate_handler!` (src-tauri/src/lib.rs); a command missing here is
/// denied to the page.
const COMMANDS: &[&str] = &[
    "get_workspace",
    "open_workspace",
    "list_posts",
    "read_post",
    "save_post",
    "set_post_draft",
    "new_post",
    "rename_post",
    "duplicate_post",
    "delete_post",
    "folder_trashed_with",
    "render_preview",
    "preview_css",
    "parse_front_matter",
    "edit_front_matter",
    "export_post",
    "export_site",
    "confirm",
    "open_external",
    "journal_write",
    "journal_edit",
    "journal_clear",
    "journal_entries",
    "next_page_events",
    "guard_close",
];

fn main() {
    let manifest = tauri_build::AppManifest::new().commands(COMMANDS);
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(manifest))
        .expect("the Tauri build step (config, capabilities, app manifest)");
}
