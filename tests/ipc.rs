//! The IPC layer through Tauri's mock runtime: each command's success and error shapes, as the
//! UI sees them (JSON in, JSON or `{ kind, message }` out).

mod support;
/// The preview's commands and its synchronous protocol.
#[path = "ipc/preview.rs"]
mod preview;
/// Opening a workspace, at start and later, and the watcher's reports of outside changes.
#[path = "ipc/workspace.rs"]
mod workspace;

use serde_json::{json, Value};
use support::{Fixture, Ipc};

const POST: &str = "---\ntitle: \"Hello\"\ndate: 2025-09-16T09:00:00-05:00\ndraft: false # shown\ntags: [a, b]\n---\n\nBody text.\n";

#[test]
fn read_and_save_with_revisions_and_conflicts() {
    let ipc = Fixture::new().post("a.md", POST).start();
    let doc = ipc.call("read_post", json!({ "path": "a.md" })).unwrap();
    assert_eq!(doc["text"], POST);
    let rev = doc["revision"].as_str().unwrap().to_string();

    let edited = POST.replace("Body text.", "Body text, edited.");
    let saved = ipc.call("save_post", json!({ "path": "a.md", "text": edited, "revision": rev })).unwrap();
    assert_ne!(saved["revision"], json!(rev));
    assert_eq!(ipc.read("a.md"), edited);

    // Saving again with the old revision would overwrite our own newer save: a conflict.
    let err = ipc.call("save_post", json!({ "path": "a.md", "text": "lost?", "revision": rev })).unwrap_err();
    assert_eq!(err["kind"], "conflict");
    assert!(err["message"].as_str().unwrap().contains("a.md"));
    assert_eq!(ipc.read("a.md"), edited, "nothing overwritten");

    // The empty revision writes a file that must not exist: a removed post saved again.
    let err = ipc.call("save_post", json!({ "path": "a.md", "text": "over it?", "revision": "" })).unwrap_err();
    assert_eq!(err["kind"], "conflict", "a file is there");
    std::fs::remove_file(ipc.path("a.md")).unwrap();
    let err = ipc.call("save_post", json!({ "path": "a.md", "text": edited, "revision": saved["revision"] })).unwrap_err();
    assert_eq!(err["kind"], "conflict", "the file it was read from is gone");
    ipc.call("save_post", json!({ "path": "a.md", "text": edited, "revision": "" })).unwrap();
    assert_eq!(ipc.read("a.md"), edited);
}

#[test]
fn paths_leaving_the_workspace_are_refused() {
    let ipc = Fixture::new().post("a.md", POST).start();
    for bad in ["../a.md", "/etc/passwd", "sub/../../x.md"] {
        let err = ipc.call("read_post", json!({ "path": bad })).unwrap_err();
        assert_eq!(err["kind"], "outside_workspace", "{bad}: {err}");
        let err = ipc.call("save_post", json!({ "path": bad, "text": "x", "revision": "r" })).unwrap_err();
        assert_eq!(err["kind"], "outside_workspace", "{bad}: {err}");
    }
    let err = ipc.call("read_post", json!({ "path": "missing.md" })).unwrap_err();
    assert_eq!(err["kind"], "not_found");
}

#[test]
fn front_matter_is_read_and_edited_in_the_given_text() {
    let ipc = Fixture::new().post("a.md", POST).start();
    let fm = ipc.call("parse_front_matter", json!({ "text": POST })).unwrap();
    assert_eq!(fm["title"], "Hello");
    assert_eq!(fm["date"]["kind"], "offset_date_time");
    assert_eq!(fm["tags"], json!(["a", "b"]));

    let text = ipc
        .call("edit_front_matter", json!({ "text": POST, "key": "title", "value": { "type": "string", "value": "Bye" } }))
        .unwrap();
    assert_eq!(text.as_str().unwrap(), POST.replace("title: \"Hello\"", "title: \"Bye\""));
    let removed = ipc.call("edit_front_matter", json!({ "text": POST, "key": "tags", "value": null })).unwrap();
    assert!(!removed.as_str().unwrap().contains("tags"));
    assert_eq!(ipc.read("a.md"), POST, "editing the buffer never touches the disk");
    // The form's draft switch on a post held back as Jekyll does it flips `published`.
    let held = "---\ntitle: Held\npublished: false\n---\nx\n";
    let fm = ipc.call("parse_front_matter", json!({ "text": held })).unwrap();
    assert_eq!(fm["draft"], true);
    let text = ipc
        .call("edit_front_matter", json!({ "text": held, "key": "draft", "value": { "type": "bool", "value": false } }))
        .unwrap();
    assert_eq!(text, "---\ntitle: Held\npublished: true\n---\nx\n");

    let err = ipc.call("parse_front_matter", json!({ "text": "---\ntitle: [x\n---\n" })).unwrap_err();
    assert_eq!(err["kind"], "front_matter");
    let err = ipc
        .call("edit_front_matter", json!({ "text": "---\ntitle: [x\n---\n", "key": "draft", "value": { "type": "bool", "value": true } }))
        .unwrap_err();
    assert_eq!(err["kind"], "front_matter");
}

#[test]
fn draft_toggle_rewrites_one_line_on_disk() {
    let ipc = Fixture::new().post("a.md", POST).start();
    let summary = ipc.call("set_post_draft", json!({ "path": "a.md", "draft": true })).unwrap();
    assert_eq!(summary["draft"], true);
    assert_eq!(ipc.read("a.md"), POST.replace("draft: false # shown", "draft: true # shown"));
    let summary = ipc.call("set_post_draft", json!({ "path": "a.md", "draft": false })).unwrap();
    assert_eq!(summary["draft"], false);
    assert_eq!(ipc.read("a.md"), POST);
}

#[test]
fn publishing_a_post_from_jekylls_drafts_folder_moves_it_into_posts() {
    let ipc = Fixture::new().post("_drafts/idea.md", "---\ntitle: Idea\ndate: 2025-09-16\n---\nx\n").start();
    let listed = ipc.call("list_posts", json!({})).unwrap();
    assert_eq!(listed[0]["draft"], true, "{listed}");
    let summary = ipc.call("set_post_draft", json!({ "path": "_drafts/idea.md", "draft": false })).unwrap();
    assert_eq!(summary["path"], "_posts/2025-09-16-idea.md");
    assert_eq!(summary["draft"], false);
    assert!(!ipc.path("_drafts/idea.md").exists());
    let listed: Vec<String> = ipc.call("list_posts", json!({})).unwrap().as_array().unwrap().iter().map(|p| p["path"].as_str().unwrap().to_string()).collect();
    assert_eq!(listed, ["_posts/2025-09-16-idea.md"]);
}

#[test]
fn new_rename_duplicate_and_delete() {
    let ipc = Fixture::new().post("a.md", POST).start();
    let created = ipc.call("new_post", json!({ "title": "Café Notes" })).unwrap();
    assert_eq!(created["path"], "cafe-notes.md");
    assert_eq!(created["draft"], true);
    assert!(ipc.read("cafe-notes.md").contains("Café Notes"));

    let renamed = ipc.call("rename_post", json!({ "path": "cafe-notes.md", "title": "Tea Notes", "renameFile": true })).unwrap();
    assert_eq!(renamed["path"], "tea-notes.md");
    assert_eq!(renamed["title"], "Tea Notes");

    let copy = ipc.call("duplicate_post", json!({ "path": "a.md" })).unwrap();
    assert_eq!(copy["path"], "a-copy.md");
    assert_eq!(copy["draft"], true);

    ipc.call("delete_post", json!({ "path": "a-copy.md" })).unwrap();
    assert!(!ipc.path("a-copy.md").exists());
    // A page bundle goes with its folder, its pictures' subfolder too.
    std::fs::create_dir_all(ipc.path("trip/images")).unwrap();
    std::fs::write(ipc.path("trip/index.md"), "# Trip\n").unwrap();
    std::fs::write(ipc.path("trip/images/a.png"), "png").unwrap();
    ipc.call("list_posts", json!({})).unwrap();
    ipc.call("delete_post", json!({ "path": "trip/index.md" })).unwrap();
    assert!(!ipc.path("trip").exists());
    // A section's page goes alone: its folder is the section's.
    std::fs::create_dir_all(ipc.path("docs/images")).unwrap();
    std::fs::write(ipc.path("docs/_index.md"), "# Docs\n").unwrap();
    std::fs::write(ipc.path("docs/images/a.png"), "png").unwrap();
    ipc.call("list_posts", json!({})).unwrap();
    ipc.call("delete_post", json!({ "path": "docs/_index.md" })).unwrap();
    assert!(!ipc.path("docs/_index.md").exists());
    assert!(ipc.path("docs/images/a.png").exists());
    let listed: Vec<String> = ipc.call("list_posts", json!({})).unwrap().as_array().unwrap().iter().map(|p| p["path"].as_str().unwrap().to_string()).collect();
    assert!(!listed.contains(&"a-copy.md".to_string()), "{listed:?}");
    let err = ipc.call("delete_post", json!({ "path": "../a.md" })).unwrap_err();
    assert_eq!(err["kind"], "outside_workspace");
    // Only a post goes to the trash: never the workspace, a folder or another kind of file.
    std::fs::create_dir_all(ipc.path("notes")).unwrap();
    std::fs::write(ipc.path("notes/todo.txt"), "keep").unwrap();
    for path in [".", "notes", "notes/todo.txt"] {
        let err = ipc.call("delete_post", json!({ "path": path })).unwrap_err();
        assert_eq!(err["kind"], "invalid_value", "{path}: {err}");
    }
    assert!(ipc.path("notes/todo.txt").exists() && ipc.path("a.md").exists());
}

#[test]
fn the_folder_that_goes_to_the_trash_with_a_post_is_the_backends_answer() {
    let ipc = Fixture::new()
        .post("a.md", POST)
        .post("trip/index.md", "# Trip\n")
        .post("trip/images/a.png", "png")
        .post("docs/_index.md", "# Docs\n")
        .start();
    let goes = |path: &str| ipc.call("folder_trashed_with", json!({ "path": path })).unwrap();
    assert_eq!(goes("trip/index.md"), json!("trip/"));
    assert_eq!(goes("a.md"), json!(null));
    assert_eq!(goes("docs/_index.md"), json!(null), "a section's page goes alone");
    // A post another program put in the folder a moment ago (the page may not list it yet):
    // the folder then stays, and the answer says so as the trash does.
    std::fs::create_dir_all(ipc.path("trip/more")).unwrap();
    std::fs::write(ipc.path("trip/more/day-two.md"), "# Day two\n").unwrap();
    assert_eq!(goes("trip/index.md"), json!(null));
    // Asked before that post came, the user agreed to the folder going: nothing goes now.
    let err = ipc.call("delete_post", json!({ "path": "trip/index.md", "folder": "trip/" })).unwrap_err();
    assert_eq!(err["kind"], "conflict", "{err}");
    assert!(ipc.path("trip/index.md").exists());
    ipc.call("delete_post", json!({ "path": "trip/index.md", "folder": "" })).unwrap();
    assert!(ipc.path("trip/more/day-two.md").exists() && ipc.path("trip/images/a.png").exists());
    assert_eq!(ipc.call("folder_trashed_with", json!({ "path": "../a.md" })).unwrap_err()["kind"], "outside_workspace");
}

#[test]
fn export_post_and_site() {
    let fx = Fixture::new().post("a.md", POST).post("b.md", "---\ntitle: Draft\ndraft: true\n---\nx\n");
    let out = fx.scratch("out/a.html");
    let ipc = fx.answers(&[&out.display().to_string(), ""]).start();
    let written = ipc.call("export_post", json!({ "path": "a.md" })).unwrap();
    assert_eq!(written, json!(out.display().to_string()));
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(html.contains("<title>Hello</title>"), "{html}");
    assert_eq!(ipc.call("export_post", json!({ "path": "a.md" })).unwrap(), json!(null), "cancelled dialog");

    let site = ipc.scratch("site");
    let report = ipc.call("export_site", json!({ "dest": site.display().to_string(), "drafts": false })).unwrap();
    assert_eq!(report["pages"], 1, "drafts stay out: {report}");
    assert!(site.join("index.html").exists());
    // Progress waits for the page, merged into the latest count.
    let progress = &ipc.next_page_events()["exportProgress"];
    assert!(progress["total"].as_u64().unwrap() > 0, "{progress}");
    assert_eq!(progress["done"], progress["total"]);
}

/// A `dest` given as a relative path is a path in the workspace, as every path the page sends:
/// it was taken from the app's working folder, wherever the app happened to be started. One
/// that leaves the workspace is refused, as any other.
#[test]
fn a_relative_export_destination_is_a_path_in_the_workspace() {
    let ipc = Fixture::new().post("a.md", POST).start();
    let written = ipc.call("export_post", json!({ "path": "a.md", "dest": "exported/a.html" })).unwrap();
    assert!(ipc.path("exported/a.html").is_file(), "written to {written}");
    assert!(written.as_str().unwrap().ends_with("exported/a.html"), "{written}");
    assert!(ipc.read("exported/a.html").contains("<title>Hello</title>"));
    let err = ipc.call("export_site", json!({ "dest": "../site", "drafts": false })).unwrap_err();
    assert_eq!(err["kind"], "outside_workspace", "{err}");
    let report = ipc.call("export_site", json!({ "dest": "site", "drafts": false })).unwrap();
    assert_eq!(report["pages"], 1, "{report}");
    assert!(ipc.path("site/a/index.html").is_file());
}

#[test]
fn a_site_export_into_a_folder_holding_other_files_asks_first() {
    let fx = Fixture::new().post("a.md", POST);
    let folder = fx.scratch("documents/index.html");
    std::fs::create_dir_all(folder.parent().unwrap()).unwrap();
    std::fs::write(&folder, "my own page").unwrap();
    let folder = folder.parent().unwrap().display().to_string();
    let ipc = fx.answers(&[&folder, "no", &folder, "yes", &folder]).start();
    let site = |ipc: &Ipc| ipc.call("export_site", json!({ "drafts": false })).unwrap();
    assert_eq!(site(&ipc), json!(null), "declined");
    assert_eq!(std::fs::read_to_string(ipc.scratch("documents/index.html")).unwrap(), "my own page");
    assert_eq!(site(&ipc)["pages"], 1);
    // Once it holds an export, exporting there again is not asked about.
    assert_eq!(site(&ipc)["pages"], 1);
    let confirms: Vec<Value> = ipc.dialogs_asked().into_iter().filter(|asked| asked["kind"] == "confirm").collect();
    assert_eq!(confirms.len(), 2, "{confirms:?}");
    assert!(confirms[0]["message"].as_str().unwrap().contains("documents"), "{confirms:?}");
}

#[test]
fn confirm_and_external_links() {
    let ipc = Fixture::new().post("a.md", POST).answers(&["yes", "no"]).start();
    let ask = json!({ "title": "Delete?", "message": "Move a.md to the trash?", "okLabel": "Delete" });
    assert_eq!(ipc.call("confirm", ask.clone()).unwrap(), json!(true));
    assert_eq!(ipc.call("confirm", ask).unwrap(), json!(false));
    let err = ipc.call("open_external", json!({ "url": "javascript:alert(1)" })).unwrap_err();
    assert_eq!(err["kind"], "invalid_value");
    let err = ipc.call("open_external", json!({ "url": "file:///etc/passwd" })).unwrap_err();
    assert_eq!(err["kind"], "invalid_value");
}

#[test]
fn the_journal_keeps_unsaved_text_until_it_is_saved() {
    let ipc = Fixture::new().post("a.md", POST).start();
    let root = ipc.call("get_workspace", json!({})).unwrap()["root"].clone();
    let doc = ipc.call("read_post", json!({ "path": "a.md" })).unwrap();
    let unsaved = format!("{POST}typed, not saved\n");
    ipc.call("journal_write", json!({ "root": root, "path": "a.md", "text": unsaved, "baseRevision": doc["revision"] })).unwrap();
    let entries = ipc.call("journal_entries", json!({})).unwrap();
    assert_eq!(entries.as_array().unwrap().len(), 1);
    assert_eq!(entries[0]["text"], json!(unsaved));
    assert_eq!(entries[0]["path"], "a.md");

    ipc.call("save_post", json!({ "path": "a.md", "text": unsaved, "revision": doc["revision"] })).unwrap();
    assert_eq!(ipc.call("journal_entries", json!({})).unwrap(), json!([]), "saving clears the journal");
    let err = ipc.call("journal_write", json!({ "root": root, "path": "../x.md", "text": "x", "baseRevision": "r" })).unwrap_err();
    assert_eq!(err["kind"], "outside_workspace");
    // A post moved to the trash takes its unsaved text with it: no prompt to write it back.
    ipc.call("journal_write", json!({ "root": root, "path": "a.md", "text": "typed, then trashed", "baseRevision": "r" })).unwrap();
    ipc.call("delete_post", json!({ "path": "a.md" })).unwrap();
    assert_eq!(ipc.call("journal_entries", json!({})).unwrap(), json!([]), "deleting clears the journal");
}

#[test]
fn a_save_that_answers_after_another_folder_opened_clears_the_crash_copy_of_its_own_folder() {
    use std::future::Future;
    use tauri::Manager;
    let other = Fixture::new().post("a.md", POST);
    let other_root = other.root().display().to_string();
    let ipc = Fixture::new().post("a.md", POST).start();
    let home_root = ipc.root().join("ws").display().to_string();
    let open = |root: &str| ipc.call("open_workspace", json!({ "path": root })).unwrap();
    let keep_copy = |root: &str, text: &str| {
        let doc = ipc.call("read_post", json!({ "path": "a.md" })).unwrap();
        ipc.call("journal_write", json!({ "root": root, "path": "a.md", "text": text, "baseRevision": doc["revision"] })).unwrap();
        doc["revision"].as_str().unwrap().to_string()
    };
    open(&other_root);
    keep_copy(&other_root, "typed in the other folder's a.md");
    open(&home_root);
    let revision = keep_copy(&home_root, "typed in this folder's a.md");
    // The save starts in this folder and is on its way to the disk when the other one opens.
    let app = ipc.app();
    let text = format!("{POST}typed in this folder's a.md\n");
    let mut saving = Box::pin(draftsmith_app::commands::posts::save_post(app.handle().clone(), app.state(), "a.md".into(), text, revision));
    let first = saving.as_mut().poll(&mut std::task::Context::from_waker(std::task::Waker::noop()));
    assert!(first.is_pending(), "the save is still writing");
    open(&other_root);
    tauri::async_runtime::block_on(saving).unwrap();
    let entries = ipc.call("journal_entries", json!({})).unwrap();
    assert_eq!(entries[0]["text"], "typed in the other folder's a.md", "the other folder's copy stays: {entries}");
    open(&home_root);
    assert_eq!(ipc.call("journal_entries", json!({})).unwrap(), json!([]), "the saved folder's copy is cleared");
}
