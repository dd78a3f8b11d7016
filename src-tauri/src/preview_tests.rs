//! Tests of the preview's sessions and splices (preview.rs).

use super::*;
use std::sync::{mpsc, Arc, Mutex};
use std::time::Duration;

const POST: &str = "# Title\n\nFirst paragraph.\n\nSecond paragraph.\n";

#[test]
fn a_short_post_renders_while_a_long_render_holds_the_render_threads() {
    let pool = render_pool().expect("the render threads");
    // Every render thread held, as by a long post's render.
    let gate = Arc::new(Mutex::new(()));
    let held = gate.lock().unwrap();
    let (started, all_started) = mpsc::channel();
    for _ in 0..pool.current_num_threads() {
        let (gate, started) = (gate.clone(), started.clone());
        pool.spawn(move || {
            started.send(()).unwrap();
            drop(gate.lock());
        });
    }
    for _ in 0..pool.current_num_threads() {
        all_started.recv().unwrap();
    }
    let (done, rendered) = mpsc::channel();
    std::thread::spawn(move || {
        let update = PreviewSession::default().update(POST, &RenderOptions::default(), None);
        let _ = done.send(update.blocks.len());
    });
    let blocks = rendered.recv_timeout(Duration::from_secs(20));
    drop(held);
    assert_eq!(blocks, Ok(3), "the short post's render waited for the render threads");
}

fn html_count(update: &PreviewUpdate) -> usize {
    update.blocks.iter().filter(|b| b.html.is_some()).count()
}

/// A block as the window shows it.
type Shown = (String, u32, u32, Arc<str>);

/// What the window does with an update: a complete one replaces what it shows; a splice
/// keeps head and tail (the tail moved), takes the middle, and finds HTML it was not sent
/// among the replaced blocks, each reused once (it moves that block's element).
fn apply(shown: &[Shown], update: &PreviewUpdate) -> Vec<Shown> {
    let (head, tail) = (update.head as usize, update.tail as usize);
    assert!(update.base.is_some() || head + tail == 0);
    let mut replaced: Vec<Option<&Shown>> = shown[head..shown.len() - tail].iter().map(Some).collect();
    let middle: Vec<Shown> = update.blocks.iter().map(|b| {
        let html = b.html.clone().unwrap_or_else(|| {
            let slot = replaced.iter_mut().find(|r| matches!(r, Some(r) if r.0 == b.key));
            slot.and_then(Option::take).expect("HTML left out only for a replaced block not yet reused").3.clone()
        });
        (b.key.clone(), b.start_line, b.end_line, html)
    }).collect();
    let shift = |line: u32| u32::try_from(i64::from(line) + i64::from(update.line_shift)).unwrap();
    let moved = shown[shown.len() - tail..].iter().map(|(k, s, e, h)| (k.clone(), shift(*s), shift(*e), h.clone()));
    shown[..head].iter().cloned().chain(middle).chain(moved).collect()
}

fn fresh(text: &str) -> Vec<Shown> {
    apply(&[], &PreviewSession::default().update(text, &RenderOptions::default(), None))
}

#[test]
fn an_update_after_one_the_window_applied_carries_only_changed_html() {
    let mut session = PreviewSession::default();
    let opts = RenderOptions::default();
    let first = session.update(POST, &opts, None);
    assert_eq!(html_count(&first), 3, "the first update carries every block");
    let second = session.update(&POST.replace("Second", "2nd"), &opts, Some(first.id));
    assert_eq!((second.base, second.head, second.tail), (Some(first.id), 2, 0));
    assert_eq!(second.blocks.len(), 1, "only the edited block: {second:?}");
    assert!(second.blocks[0].html.as_deref().is_some_and(|h| h.contains("2nd")));
    assert_eq!(apply(&apply(&[], &first), &second), fresh(&POST.replace("Second", "2nd")));
}

#[test]
fn an_edit_of_the_last_text_renders_as_the_whole_edited_text_would() {
    let opts = RenderOptions::default();
    let text = "# Café ☕\n\nFirst 😀 paragraph.\n\nSecond paragraph.\n";
    let mut session = PreviewSession::default();
    let first = session.update(text, &opts, None);
    // UTF-16 offsets, as the editor counts: "😀" is two units, "é" and "☕" one each.
    let units = |s: &str| s.encode_utf16().count();
    let from = units("# Café ☕\n\nFirst 😀");
    let edit = TextEdit { base: first.id, from, to: from + units(" paragraph"), insert: " line".into() };
    let edited = session.update_edited(&edit, &opts, Some(first.id)).expect("the base is the last update");
    let expected = text.replace("😀 paragraph", "😀 line");
    let shown = apply(&apply(&[], &first), &edited);
    assert_eq!(shown, fresh(&expected));
    assert_eq!(html_count(&edited), 1, "only the edited block's HTML travels");
    // The next edit applies to the edited text.
    let again = TextEdit { base: edited.id, from: 0, to: 1, insert: "##".into() };
    let third = session.update_edited(&again, &opts, Some(edited.id)).unwrap();
    assert_eq!(apply(&shown, &third), fresh(&format!("#{expected}")));
}

#[test]
fn an_edit_of_any_other_text_is_refused() {
    let opts = RenderOptions::default();
    let mut session = PreviewSession::default();
    let first = session.update("a😀b\n", &opts, None);
    let edit = |base, from, to| TextEdit { base, from, to, insert: "x".into() };
    let stale = Err(Refused::Stale);
    assert_eq!(session.update_edited(&edit(first.id + 1000, 0, 0), &opts, None).map(|_| ()), stale, "unknown base");
    assert_eq!(session.update_edited(&edit(first.id, 2, 2), &opts, None).map(|_| ()), stale, "inside a surrogate pair");
    assert_eq!(session.update_edited(&edit(first.id, 0, 99), &opts, None).map(|_| ()), stale, "past the end");
    assert_eq!(session.update_edited(&edit(first.id, 3, 1), &opts, None).map(|_| ()), stale, "reversed");
    let second = session.update("other\n", &opts, None);
    assert_eq!(session.update_edited(&edit(first.id, 0, 0), &opts, None).map(|_| ()), stale, "no longer the last text");
    assert!(session.update_edited(&edit(second.id, 5, 5), &opts, None).is_ok());
}

#[test]
fn any_other_since_gets_every_block_again() {
    let mut session = PreviewSession::default();
    let opts = RenderOptions::default();
    let first = session.update(POST, &opts, None);
    let second = session.update(POST, &opts, Some(first.id));
    assert_eq!((second.head, second.tail, second.blocks.len()), (3, 0, 0));
    // The window did not apply `second` (say it was dropped): asking since `first` again
    // must not rely on what `second` carried.
    assert_eq!(html_count(&session.update(POST, &opts, Some(first.id))), 3);
    assert_eq!(html_count(&session.update(POST, &opts, None)), 3);
    assert_eq!(html_count(&PreviewSession::default().update(POST, &opts, Some(first.id))), 3);
}

#[test]
fn splices_rebuild_every_render_through_lines_added_moved_and_removed() {
    let paragraphs = ["Alpha.", "Beta.", "Gamma.", "## Head", "```rust\nfn a() {}\n```", "Alpha."];
    let mut seed = 5u64;
    let mut random = |n: usize| {
        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        usize::try_from(seed >> 33).unwrap() % n
    };
    let opts = RenderOptions::default();
    let mut session = PreviewSession::default();
    let mut doc: Vec<String> = paragraphs.iter().map(|p| p.to_string()).collect();
    let first = session.update(&doc.join("\n\n"), &opts, None);
    let (mut shown, mut since) = (apply(&[], &first), first.id);
    for step in 0..300 {
        let at = random(doc.len() + 1);
        match random(5) {
            0 => doc.insert(at, paragraphs[random(paragraphs.len())].to_string()),
            1 if doc.len() > 1 => drop(doc.remove(at.min(doc.len() - 1))),
            2 => doc.insert(at, String::new()), // a blank line: lines below move
            3 if !doc.is_empty() => {
                let i = at.min(doc.len() - 1);
                doc[i].push_str(" more");
            }
            _ => {
                let (i, j) = (random(doc.len()), random(doc.len()));
                doc.swap(i, j);
            }
        }
        let text = doc.join("\n\n");
        let update = session.update(&text, &opts, Some(since));
        shown = apply(&shown, &update);
        assert_eq!(shown, fresh(&text), "step {step}: {text:?}");
        since = update.id;
    }
}

#[test]
fn a_block_repeated_in_the_middle_carries_html_beyond_the_copies_it_replaces() {
    let opts = RenderOptions::default();
    let mut session = PreviewSession::default();
    let first = session.update("Old.\n\nSame.\n\nEnd.\n", &opts, None);
    let shown = apply(&[], &first);
    let text = "New.\n\nSame.\n\nSame.\n\nLast.\n";
    let update = session.update(text, &opts, Some(first.id));
    assert_eq!(update.base, Some(first.id), "a splice");
    assert_eq!(apply(&shown, &update), fresh(text));
    assert_eq!(html_count(&update), 3, "one \"Same.\" reuses the old one: {update:?}");
}

#[test]
fn a_splice_names_what_moved() {
    let old = |k: &str, s, e| Placed { key: k.into(), start_line: s, end_line: e };
    let before = [old("a", 0, 0), old("b", 2, 2), old("c", 4, 5)];
    let after = [old("a", 0, 0), old("x", 2, 3), old("b", 5, 5), old("c", 7, 8)];
    assert_eq!(Splice::between(&before, &after), Splice { head: 1, tail: 2, line_shift: 3 });
    assert_eq!(Splice::between(&before, &before), Splice { head: 3, tail: 0, line_shift: 0 });
    assert_eq!(Splice::between(&before, &[]), Splice::default());
}
