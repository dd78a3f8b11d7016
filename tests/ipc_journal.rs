//! The crash journal over IPC when the folder changes: each call names the folder it is for,
//! and one sent before the user opened another folder still goes to its own.

// The fixture's other helpers serve the other IPC test files.
#[allow(dead_code)]
mod support;

use serde_json::{json, Value};
use support::{Fixture, Ipc};

const POST: &str = "---\ntitle: \"Hello\"\n---\n\nBody text.\n";

fn texts(ipc: &Ipc) -> Vec<Value> {
    let entries = ipc.call("journal_entries", json!({})).unwrap();
    entries
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["text"].clone())
        .collect()
}

#[test]
fn a_journal_call_that_lands_after_another_folder_opened_goes_to_its_own_folder() {
    let other = Fixture::new().post("a.md", POST);
    let other_root = other.root().display().to_string();
    let ipc = Fixture::new().post("a.md", POST).start();
    let home = ipc.call("get_workspace", json!({})).unwrap()["root"]
        .as_str()
        .unwrap()
        .to_string();
    let open = |root: &str| ipc.call("open_workspace", json!({ "path": root })).unwrap();
    let write = |root: &str, text: &str| {
        ipc.call(
            "journal_write",
            json!({ "root": root, "path": "a.md", "text": text, "baseRevision": "r" }),
        )
        .unwrap()
    };
    write(&home, "typed in this folder");
    // Another folder opens; a clear of this folder's a.md (the typing undone) lands after it.
    open(&other_root);
    write(&other_root, "typed in the other folder");
    ipc.call("journal_clear", json!({ "root": home, "path": "a.md" }))
        .unwrap();
    assert_eq!(
        texts(&ipc),
        vec![json!("typed in the other folder")],
        "the open folder's copy stays"
    );
    // And a write for this folder that lands late is kept for it, not for the open one.
    write(&home, "typed again in this folder");
    assert_eq!(texts(&ipc), vec![json!("typed in the other folder")]);
    ipc.call(
        "journal_clear",
        json!({ "root": other_root, "path": "a.md" }),
    )
    .unwrap();
    open(&home);
    assert_eq!(texts(&ipc), vec![json!("typed again in this folder")]);
}

#[test]
fn while_typing_goes_on_the_page_sends_changes_to_the_record_not_the_whole_text() {
    let ipc = Fixture::new().post("a.md", POST).start();
    let root = ipc.call("get_workspace", json!({})).unwrap()["root"].as_str().unwrap().to_string();
    let written = ipc
        .call("journal_write", json!({ "root": root, "path": "a.md", "text": "Body 😀 text", "baseRevision": "r" }))
        .unwrap();
    let base = written.as_str().expect("a write answers its record's version").to_string();
    let edit = |base: &str, from: u32, insert: &str| {
        ipc.call(
            "journal_edit",
            json!({ "root": root, "path": "a.md", "edit": { "base": base, "from": from, "to": from, "insert": insert }, "baseRevision": "r" }),
        )
        .unwrap()
    };
    // After "Body 😀" (the emoji is two UTF-16 units, as the editor counts).
    let next = edit(&base, 7, " more");
    assert!(next.is_string(), "the edit was written: {next}");
    assert_eq!(texts(&ipc), vec![json!("Body 😀 more text")]);
    // An edit of a record that is not the stored one writes nothing: the page sends it whole.
    assert_eq!(edit(&base, 0, "x"), Value::Null);
    ipc.call("journal_clear", json!({ "root": root, "path": "a.md" })).unwrap();
    assert_eq!(edit(next.as_str().unwrap(), 0, "x"), Value::Null);
    assert!(texts(&ipc).is_empty(), "a cleared record is not brought back by an edit");
    let outside = ipc.call(
        "journal_edit",
        json!({ "root": root, "path": "../a.md", "edit": { "base": base, "from": 0, "to": 0, "insert": "" }, "baseRevision": "r" }),
    );
    assert!(outside.is_err());
}
