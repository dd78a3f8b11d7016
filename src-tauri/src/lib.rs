//! The Tauri shell: a thin layer of commands over draftsmith-core.
//!
//! `build_app` takes any runtime so the IPC tests can run it on Tauri's mock runtime.

pub mod asset_protocol;
pub mod bindings;
pub mod commands;
pub mod compositing;
pub mod dialogs;
pub mod error;
pub mod navigation;
pub mod page_events;
pub mod preview;
pub mod preview_protocol;
pub mod preview_sessions;
pub mod settings;
pub mod state;
pub mod watching;
pub mod window_shown;

use dialogs::Dialogs;
use state::AppState;
use std::path::PathBuf;
use tauri::{Builder, Runtime};

/// Register the plugins, the commands and the state on `builder`.
pub fn build_app<R: Runtime>(builder: Builder<R>, startup_folder: Option<PathBuf>, dialogs: Dialogs) -> Builder<R> {
    let builder = asset_protocol::register(builder);
    preview_protocol::register(builder)
        .plugin(tauri_plugin_dialog::init())
        .plugin(navigation::guard())
        // Managed before the event loop starts, so commands (and the IPC tests, which never
        // run the loop) always find it.
        .manage(AppState::new(dialogs, startup_folder))
        .manage(page_events::PageEventQueue::default())
        .on_window_event(page_events::on_window_event)
        .on_page_load(page_events::on_page_load)
        .setup(|app| {
            window_shown::show_anyway_later(app.handle());
            commands::workspace::open_at_startup(app.handle());
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::workspace::get_workspace,
            commands::workspace::open_workspace,
            commands::workspace::list_posts,
            commands::posts::read_post,
            commands::posts::save_post,
            commands::posts::set_post_draft,
            commands::posts::new_post,
            commands::posts::rename_post,
            commands::posts::duplicate_post,
            commands::posts::delete_post,
            commands::posts::folder_trashed_with,
            commands::editing::render_preview,
            commands::editing::preview_css,
            commands::editing::parse_front_matter,
            commands::editing::edit_front_matter,
            commands::export::export_post,
            commands::export::export_site,
            commands::system::confirm,
            commands::system::open_external,
            commands::journal::journal_write,
            commands::journal::journal_edit,
            commands::journal::journal_clear,
            commands::journal::journal_entries,
            page_events::next_page_events,
            page_events::guard_close,
        ])
}

/// The folder named on the command line, if any (the first argument that is not a flag).
/// Arguments are taken as the system gives them: a folder whose name is not UTF-8 is a folder
/// all the same (`std::env::args` would panic on it before the window opened).
pub fn folder_from_args(args: impl IntoIterator<Item = std::ffi::OsString>) -> Option<PathBuf> {
    args.into_iter().skip(1).find(|a| !a.as_encoded_bytes().starts_with(b"-")).map(PathBuf::from)
}

pub fn run() {
    compositing::turn_off_without_gpu();
    let folder = folder_from_args(std::env::args_os());
    let app = build_app(Builder::default(), folder, Dialogs::from_env())
        .build(tauri::generate_context!())
        .expect("error while starting Draftsmith");
    app.run(|_handle, _event| {
        #[cfg(feature = "perf-probe")]
        if let tauri::RunEvent::Ready = _event {
            ready_time::print_ready_time(_handle);
        }
    });
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_first_plain_argument_is_the_folder() {
        let args = |v: &[&str]| v.iter().map(std::ffi::OsString::from).collect::<Vec<_>>();
        assert_eq!(super::folder_from_args(args(&["draftsmith"])), None);
        assert_eq!(super::folder_from_args(args(&["draftsmith", "--verbose", "posts"])), Some("posts".into()));
    }

    /// Tauri serves its schemes at `http://<scheme>.localhost` on Windows only (its own file,
    /// tauri.windows.conf.json, allows those). Elsewhere such an address is this machine's
    /// web server: allowed in the page's policy, a post's image `http://asset.localhost/...`
    /// sent requests to whatever listens there.
    #[test]
    fn the_page_policy_lets_no_post_reach_a_web_server_of_this_machine() {
        let config: serde_json::Value = serde_json::from_str(include_str!("../../tauri.conf.json")).unwrap();
        let csp = config["app"]["security"]["csp"].as_object().expect("a policy");
        for (directive, sources) in csp {
            for source in sources.as_str().unwrap().split_whitespace() {
                let host = source.split_once("://").map(|(_, rest)| rest.split([':', '/']).next().unwrap_or(""));
                assert!(!host.is_some_and(|host| host == "localhost" || host.ends_with(".localhost")), "{directive}: {source}");
            }
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_folder_whose_name_is_not_utf8_is_the_folder() {
        use std::os::unix::ffi::OsStringExt;
        // "blög" in Latin-1, as an older system may have named it.
        let name = std::ffi::OsString::from_vec(b"/home/me/bl\xf6g".to_vec());
        let args = vec!["draftsmith".into(), "-v".into(), name.clone()];
        assert_eq!(super::folder_from_args(args), Some(std::path::PathBuf::from(name)));
    }
}
