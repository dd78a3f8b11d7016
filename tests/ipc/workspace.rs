//! Opening a workspace through IPC (the start-up folder, the dialog, a folder opened while the
//! start-up one is read) and the watcher's reports of changes made by other programs.

use super::support::{self, Fixture};
use super::POST;
use serde_json::json;

#[test]
fn commands_before_a_workspace_is_open_say_so() {
    let ipc = Fixture::new().start_without_folder();
    assert_eq!(ipc.call("get_workspace", json!({})).unwrap(), json!(null));
    let err = ipc.call("list_posts", json!({})).unwrap_err();
    assert_eq!(err["kind"], "no_workspace");
    assert!(err["message"].as_str().unwrap().contains("open a folder"));
}

#[test]
fn a_remembered_folder_gone_since_is_named_at_start() {
    use tauri::Manager;
    let fx = Fixture::new();
    let gone = fx.scratch("moved-away-blog");
    let ipc = fx.start_without_folder();
    let config = ipc.app().path().app_config_dir().unwrap();
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(config.join("settings.json"), json!({ "last_workspace": gone }).to_string()).unwrap();
    let err = ipc.call("get_workspace", json!({})).unwrap_err();
    assert_eq!(err["kind"], "last_folder_gone");
    let said = err["message"].as_str().unwrap();
    assert!(said.contains("moved-away-blog") && said.contains("no longer"), "{said}");
}

#[test]
fn the_startup_folder_opens_with_every_post_listed_even_broken_ones() {
    let ipc = Fixture::new().post("a.md", POST).post("broken.md", "---\ntitle: [oops\n---\n").post("notes.txt", "x").start();
    let ws = ipc.call("get_workspace", json!({})).unwrap();
    let posts = ws["posts"].as_array().unwrap();
    let paths: Vec<_> = posts.iter().map(|p| p["path"].as_str().unwrap()).collect();
    assert_eq!(paths.len(), 2, "{paths:?}");
    assert!(paths.contains(&"a.md") && paths.contains(&"broken.md"));
    let broken = posts.iter().find(|p| p["path"] == "broken.md").unwrap();
    // The row names the file (`path`); the problem says what is wrong with it.
    assert!(broken["problem"].as_str().is_some_and(|m| m.contains("invalid YAML")), "{broken}");
    assert_eq!(ws["usual_format"], "yaml");
    assert_eq!(ipc.call("list_posts", json!({})).unwrap().as_array().unwrap().len(), 2);
}

#[test]
fn the_startup_folder_is_read_while_the_window_loads() {
    // Before the page asks: the posts are indexed and the watcher runs at launch.
    let ipc = Fixture::new().post("a.md", POST).launch_with_folder();
    let posts = support::wait_for(|| ipc.call("list_posts", json!({})).ok());
    assert_eq!(posts.as_array().unwrap().len(), 1);
    // A post added before the page asks is in the answer it gets (the watcher saw it).
    std::fs::write(ipc.path("b.md"), "---\ntitle: Added\n---\n").unwrap();
    support::wait_for(|| (ipc.call("list_posts", json!({})).unwrap().as_array().unwrap().len() == 2).then_some(()));
    let ws = ipc.call("get_workspace", json!({})).unwrap();
    let titles: Vec<_> = ws["posts"].as_array().unwrap().iter().map(|p| p["title"].as_str().unwrap().to_string()).collect();
    assert!(titles.contains(&"Added".to_string()), "{titles:?}");
}

#[test]
fn a_folder_opened_during_the_startup_read_stays_open() {
    let other = Fixture::new().post("other.md", POST);
    let other_root = other.root().display().to_string();
    // Big enough that its start-up read is still running when the other folder opens.
    let big = (0..3000).fold(Fixture::new(), |fx, n| fx.post(&format!("p{n}.md"), POST));
    let ipc = big.launch_with_folder();
    let ws = ipc.call("open_workspace", json!({ "path": other_root })).unwrap();
    assert_eq!(ws["posts"][0]["path"], "other.md");
    // The start-up read is over by now; the folder asked for is the one open.
    let ws = ipc.call("get_workspace", json!({})).unwrap();
    assert_eq!(ws["posts"][0]["path"], "other.md", "{ws}");
}

/// A site big enough that reading it is still under way when the test goes on.
fn big_site() -> Fixture {
    (0..3000).fold(Fixture::new(), |fx, n| fx.post(&format!("p{n}.md"), POST))
}

#[test]
fn a_page_loaded_again_during_the_startup_read_waits_for_it_instead_of_reading_again() {
    use tauri::Manager;
    let ipc = big_site().launch_with_folder();
    // The first page asked and waits for the read; it is loaded again (F5) before the answer.
    let first = ipc.app().state::<draftsmith_app::state::AppState>().take_startup_open().expect("the read is under way");
    assert!(ipc.next_page_events()["readingFolder"].is_string());
    let ws = ipc.call("get_workspace", json!({})).unwrap();
    assert_eq!(ws["posts"].as_array().unwrap().len(), 3000);
    tauri::async_runtime::block_on(first).unwrap().unwrap();
    let queue = ipc.app().state::<draftsmith_app::page_events::PageEventQueue>();
    assert!(!queue.has_waiting(), "the folder was read a second time: {}", ipc.next_page_events());
}

#[test]
fn a_page_loaded_again_while_another_folder_opens_is_told_that_folder() {
    use tauri::Manager;
    let big = big_site();
    let other = big.root().display().to_string();
    let ipc = Fixture::new().post("a.md", POST).start();
    assert!(ipc.next_page_events()["readingFolder"].is_string(), "the start-up folder's");
    let app = ipc.app().handle().clone();
    let opening = tauri::async_runtime::spawn(async move {
        draftsmith_app::commands::workspace::open_workspace(app.clone(), app.state(), Some(other)).await
    });
    let reading = ipc.next_page_events()["readingFolder"].clone();
    // The page is loaded again while the other folder is read: it shows what the backend holds.
    let ws = ipc.call("get_workspace", json!({})).unwrap();
    assert_eq!(ws["root"], reading, "{}", ws["root"]);
    let opened = tauri::async_runtime::block_on(opening).unwrap().unwrap().unwrap();
    assert_eq!(json!(opened.root), reading);
}

#[test]
fn open_workspace_uses_the_dialog_and_a_cancel_is_null() {
    let fx = Fixture::new().post("a.md", POST);
    let root = fx.root().display().to_string();
    let ipc = fx.answers(&["", &root]).start_without_folder();
    assert_eq!(ipc.call("open_workspace", json!({})).unwrap(), json!(null), "cancelled");
    let ws = ipc.call("open_workspace", json!({})).unwrap();
    assert_eq!(ws["posts"][0]["title"], "Hello");
    // The page was told which folder was being read while it was read.
    assert_eq!(ipc.next_page_events()["readingFolder"], ws["root"]);
    let err = ipc.call("open_workspace", json!({ "path": "/no/such/folder" })).unwrap_err();
    assert_eq!(err["kind"], "not_found");
}

#[test]
fn outside_changes_are_reported_and_our_own_saves_are_not() {
    let ipc = Fixture::new().post("a.md", POST).start();
    ipc.call("get_workspace", json!({})).unwrap();
    let doc = ipc.call("read_post", json!({ "path": "a.md" })).unwrap();
    ipc.call("save_post", json!({ "path": "a.md", "text": format!("{POST}ours\n"), "revision": doc["revision"] })).unwrap();
    std::fs::write(ipc.path("b.md"), "---\ntitle: From outside\n---\n").unwrap();
    let mut all = Vec::new();
    let batch = loop {
        let changed = ipc.next_page_events()["workspaceChanged"].clone();
        all.extend(changed["events"].as_array().cloned().unwrap_or_default());
        if all.iter().any(|ev| ev["path"] == "b.md") {
            break changed;
        }
    };
    assert!(!all.iter().any(|ev| ev["path"] == "a.md"), "our own save is not reported: {all:?}");
    assert!(batch["posts"].as_array().unwrap().iter().any(|p| p["title"] == "From outside"));
}

#[test]
fn an_outside_change_back_to_the_bytes_of_our_last_save_is_reported() {
    // Ours, then theirs, then ours again from outside (a checkout, another editor's undo).
    let ours = format!("{POST}ours\n");
    let ipc = Fixture::new().post("a.md", POST).start();
    ipc.call("get_workspace", json!({})).unwrap();
    let doc = ipc.call("read_post", json!({ "path": "a.md" })).unwrap();
    ipc.call("save_post", json!({ "path": "a.md", "text": ours, "revision": doc["revision"] })).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(600)); // our save's events are in
    let events_until = |wanted: &str| {
        let mut all = Vec::new();
        while !all.iter().any(|ev: &serde_json::Value| ev["path"] == wanted) {
            let changed = ipc.next_page_events()["workspaceChanged"].clone();
            all.extend(changed["events"].as_array().cloned().unwrap_or_default());
        }
        all
    };
    std::fs::write(ipc.path("a.md"), format!("{POST}theirs\n")).unwrap();
    events_until("a.md");
    std::fs::write(ipc.path("a.md"), &ours).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(600));
    std::fs::write(ipc.path("sentinel.md"), "---\ntitle: S\n---\n").unwrap();
    let all = events_until("sentinel.md");
    assert!(all.iter().any(|ev| ev["path"] == "a.md"), "a.md changed on disk and the page was not told: {all:?}");
}

#[test]
fn a_watcher_failure_is_said_again_to_a_page_loaded_again() {
    let ipc = Fixture::new().post("a.md", POST).start();
    std::fs::rename(ipc.root().join("ws"), ipc.root().join("ws-moved")).unwrap();
    let said = loop {
        if let Some(said) = ipc.next_page_events()["notWatching"][0].as_str() {
            break said.to_string();
        }
    };
    assert!(said.contains("moved or deleted"), "{said}");
    // The page loaded again (F5, a crashed web process) asks for the workspace: still not
    // followed, and it must say so again.
    let ws = ipc.call("get_workspace", json!({})).unwrap();
    assert_eq!(ws["not_watching"], json!([said]), "{ws}");
}
