//! The preview through the IPC layer: rendered blocks, the edits a keystroke sends, images,
//! and the synchronous preview protocol answering as the command does.

use super::support::Fixture;
use super::POST;
use serde_json::json;

#[test]
fn preview_renders_blocks_and_strips_script() {
    let ipc = Fixture::new().post("a.md", POST).start();
    let text = format!("{POST}\n<script>alert(1)</script>\n\n[x](javascript:alert(1))\n\n![pic](pic.png)\n");
    let r = ipc.call("render_preview", json!({ "path": "a.md", "text": text })).unwrap();
    let blocks = r["blocks"].as_array().unwrap();
    let html: String = blocks.iter().map(|b| b["html"].as_str().expect("a first update carries all HTML")).collect();
    assert!(html.contains("Body text."));
    assert!(!html.contains("<script") && !html.contains("javascript:"), "{html}");
    assert!(html.contains("asset://localhost/"), "relative images go through the asset protocol: {html}");
    assert_eq!(r["blocks"][0]["start_line"], 7, "line numbers count the front matter");
    // The next keystroke's update is a splice of the one the window has: only the edited block.
    let edited = text.replace("Body text.", "Body text!");
    let next = ipc.call("render_preview", json!({ "path": "a.md", "text": edited, "since": r["id"] })).unwrap();
    assert_eq!(next["base"], r["id"]);
    assert_eq!(r["base"], serde_json::Value::Null, "the first update is complete");
    let carried: Vec<&str> = next["blocks"].as_array().unwrap().iter().filter_map(|b| b["html"].as_str()).collect();
    assert_eq!(carried.len(), 1, "only the edited block: {carried:?}");
    assert!(carried[0].contains("Body text!"));
    let css = ipc.call("preview_css", json!({})).unwrap();
    assert!(css.as_str().unwrap().contains("prefers-color-scheme: dark"));
}

#[test]
fn preview_finds_images_from_the_sites_root_in_its_static_folder() {
    let text = "![logo](/images/logo.png)\n";
    let ipc = Fixture::new().post("posts/a.md", text).start();
    let html_of = |path: &str| {
        let r = ipc.call("render_preview", json!({ "path": path, "text": text })).unwrap();
        r["blocks"][0]["html"].as_str().unwrap().to_string()
    };
    let root = ipc.path("").canonicalize().unwrap().display().to_string();
    let html = html_of("posts/a.md");
    assert!(html.contains(&format!("{}/images/logo.png", root.trim_start_matches('/'))), "Jekyll: the root: {html}");
    std::fs::create_dir_all(ipc.path("static/images")).unwrap();
    let html = html_of("posts/a.md");
    assert!(html.contains(&format!("{}/static/images/logo.png", root.trim_start_matches('/'))), "Hugo: static/: {html}");
}

#[test]
fn preview_of_a_post_opened_again_is_an_edit_of_the_update_the_window_kept() {
    let ipc = Fixture::new().post("a.md", POST).post("b.md", POST).start();
    let first = ipc.call("render_preview", json!({ "path": "a.md", "text": POST })).unwrap();
    ipc.call("render_preview", json!({ "path": "b.md", "text": POST })).unwrap();
    // Back on a.md, changed on disk meanwhile: the window sends an edit of the text of the
    // update it kept, and gets a splice of that update.
    let at = POST.find("Body text.").unwrap() + "Body text".len();
    let edit = json!({ "base": first["id"], "from": at, "to": at + 1, "insert": "!" });
    let again = ipc.call("render_preview", json!({ "path": "a.md", "edit": edit, "since": first["id"] })).unwrap();
    assert_eq!(again["base"], first["id"]);
    let carried: Vec<&str> = again["blocks"].as_array().unwrap().iter().filter_map(|b| b["html"].as_str()).collect();
    assert_eq!(carried.len(), 1, "only the changed block: {again}");
    assert!(carried[0].contains("Body text!"));
}

#[test]
fn preview_takes_a_keystroke_as_an_edit_of_the_text_it_rendered_last() {
    let ipc = Fixture::new().post("a.md", POST).start();
    let first = ipc.call("render_preview", json!({ "path": "a.md", "text": POST })).unwrap();
    let at = POST.find("Body text.").unwrap() + "Body text".len(); // ASCII: bytes are UTF-16 units
    let edit = json!({ "base": first["id"], "from": at, "to": at + 1, "insert": "!" });
    let edited = ipc.call("render_preview", json!({ "path": "a.md", "edit": edit, "since": first["id"] })).unwrap();
    let whole = ipc.call("render_preview", json!({ "path": "a.md", "text": POST.replace("Body text.", "Body text!") })).unwrap();
    // `edited` is a splice of `first`; spliced in, it shows what a whole render shows.
    let blocks = |r: &serde_json::Value| r["blocks"].as_array().unwrap().clone();
    let count = |key: &str| usize::try_from(edited[key].as_u64().unwrap()).unwrap();
    let (head, tail) = (count("head"), count("tail"));
    let mut spliced = blocks(&first)[..head].to_vec();
    spliced.extend(blocks(&edited));
    spliced.extend(blocks(&first)[blocks(&first).len() - tail..].iter().cloned());
    let keys = |list: &[serde_json::Value]| list.iter().map(|b| b["key"].clone()).collect::<Vec<_>>();
    assert_eq!(keys(&spliced), keys(&blocks(&whole)));
    assert_eq!(blocks(&edited).len(), 1, "{edited}");
    // `whole` replaced the session's text: an edit of the first text is refused.
    let err = ipc.call("render_preview", json!({ "path": "a.md", "edit": edit })).unwrap_err();
    assert_eq!(err["kind"], "stale_text");
    let err = ipc.call("render_preview", json!({ "path": "a.md" })).unwrap_err();
    assert_eq!(err["kind"], "invalid_value");
}

#[test]
fn the_synchronous_preview_protocol_answers_as_the_command_does() {
    let ipc = Fixture::new().post("a.md", POST).start();
    let (status, first) = ipc.preview_protocol("POST", json!({ "path": "a.md", "text": POST }));
    assert_eq!(status, 200, "{first}");
    let at = POST.find("Body text.").unwrap() + "Body text".len();
    let edit = json!({ "base": first["id"], "from": at, "to": at + 1, "insert": "!" });
    // The protocol and the command share the post's session: an edit of the protocol's answer
    // goes through the command, and the other way round.
    let by_command = ipc.call("render_preview", json!({ "path": "a.md", "edit": edit, "since": first["id"] })).unwrap();
    assert_eq!(by_command["base"], first["id"]);
    let edit = json!({ "base": by_command["id"], "from": at, "to": at + 1, "insert": "?" });
    let (status, by_protocol) = ipc.preview_protocol("POST", json!({ "path": "a.md", "edit": edit, "since": by_command["id"] }));
    assert_eq!(status, 200, "{by_protocol}");
    let carried: Vec<&str> = by_protocol["blocks"].as_array().unwrap().iter().filter_map(|b| b["html"].as_str()).collect();
    assert_eq!(carried.len(), 1, "{by_protocol}");
    assert!(carried[0].contains("Body text?"), "{carried:?}");
    assert!(by_protocol["render_micros"].is_u64());
    // Failures carry the command's error.
    let (status, err) = ipc.preview_protocol("POST", json!({ "path": "a.md", "edit": edit }));
    assert_eq!((status, err["kind"].as_str()), (400, Some("stale_text")));
    let (status, err) = ipc.preview_protocol("POST", json!({ "text": POST }));
    assert_eq!((status, err["kind"].as_str()), (400, Some("invalid_value")), "no path: {err}");
    let (status, err) = ipc.preview_protocol("GET", json!({ "path": "a.md", "text": POST }));
    assert_eq!((status, err["kind"].as_str()), (400, Some("invalid_value")));
}

#[test]
fn the_synchronous_preview_protocol_refuses_a_render_that_would_not_be_quick() {
    let long = "## An item\n\nA paragraph.\n\n".repeat(4000); // 108 KB
    let ipc = Fixture::new().post("a.md", &long).start();
    let (status, err) = ipc.preview_protocol("POST", json!({ "path": "a.md", "text": long }));
    assert_eq!((status, err["kind"].as_str()), (400, Some("not_quick")), "nothing to reuse yet");
    let first = ipc.call("render_preview", json!({ "path": "a.md", "text": long })).unwrap();
    let at = long.find("An item").unwrap() + 2;
    let in_list = json!({ "base": first["id"], "from": at, "to": at, "insert": "x" });
    let (status, err) = ipc.preview_protocol("POST", json!({ "path": "a.md", "edit": in_list, "since": first["id"] }));
    assert_eq!((status, err["kind"].as_str()), (400, Some("not_quick")), "a heading re-renders the post");
    // Refused, the session still holds the text the edit applies to.
    let edited = ipc.call("render_preview", json!({ "path": "a.md", "edit": in_list, "since": first["id"] })).unwrap();
    let at = long.find("A paragraph").unwrap() + 3; // after the "x" typed before it
    let in_paragraph = json!({ "base": edited["id"], "from": at, "to": at, "insert": "y" });
    let (status, quick) = ipc.preview_protocol("POST", json!({ "path": "a.md", "edit": in_paragraph, "since": edited["id"] }));
    assert_eq!(status, 200, "{quick}");
    let html = quick["blocks"][0]["html"].as_str().unwrap();
    assert!(html.contains("A yparagraph"), "{html}");
}
