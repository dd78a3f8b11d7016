//! The incremental `Renderer` must give exactly what a fresh render gives, after any edits.

use draftsmith_core::corpus;
use draftsmith_core::render::{render_with, RenderOptions, Renderer};
use proptest::prelude::*;

/// Snippets an edit may insert: plain text and characters that change Markdown structure.
const SNIPPETS: &[&str] = &[
    "x",
    " ",
    "\n",
    "\n\n",
    "#",
    "## ",
    "`",
    "```",
    "```rust\n",
    "*",
    "[",
    "]",
    "(",
    ")",
    "|",
    "- ",
    "> ",
    "<b>",
    "</b>",
    "<script>",
    "<details>\n",
    "\n</details>",
    "<div>",
    "[^n1]",
    "![i](a.png)",
    "{#id}",
    "\u{0}",
    "é",
    "[^ß]",
    "[^SS]",
    "\n\n[^ẞ]: Note.\n",
    "\r\n",
    "\r\n\r\n",
    "\t",
    "<details>\n\n",
    "\n\n</details>\n",
];

#[derive(Debug, Clone)]
enum Edit {
    Insert { at: usize, snippet: usize },
    Delete { at: usize, len: usize },
}

fn edit_strategy() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (any::<usize>(), 0..SNIPPETS.len()).prop_map(|(at, snippet)| Edit::Insert { at, snippet }),
        (any::<usize>(), 1usize..40).prop_map(|(at, len)| Edit::Delete { at, len }),
    ]
}

fn floor_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn apply(text: &mut String, edit: &Edit) {
    if text.is_empty() {
        return;
    }
    match *edit {
        Edit::Insert { at, snippet } => {
            let at = floor_boundary(text, at % (text.len() + 1));
            text.insert_str(at, SNIPPETS[snippet]);
        }
        Edit::Delete { at, len } => {
            let start = floor_boundary(text, at % text.len());
            let end = floor_boundary(text, start + len);
            text.replace_range(start..end, "");
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, ..ProptestConfig::default() })]

    #[test]
    fn incremental_equals_fresh(seed in 0u64..1000, edits in prop::collection::vec(edit_strategy(), 1..6), with_base in any::<bool>()) {
        let opts = RenderOptions {
            image_base: with_base.then(|| "asset://localhost/blog".to_string()),
            site_base: with_base.then(|| "asset://localhost/static".to_string()),
        };
        let mut text = corpus::post(seed, 4_000);
        let mut renderer = Renderer::new();
        prop_assert_eq!(renderer.render_with(&text, &opts), render_with(&text, &opts));
        for edit in &edits {
            apply(&mut text, edit);
            prop_assert_eq!(renderer.render_with(&text, &opts), render_with(&text, &opts));
        }
    }
}

#[test]
fn unchanged_blocks_keep_their_keys_after_an_edit() {
    let text = corpus::post(5, 6_000);
    let mut renderer = Renderer::new();
    let before = renderer.render_with(&text, &RenderOptions::default());
    let at = text.find("## Introduction").expect("generated heading");
    let mut edited = text.clone();
    edited.insert(at + 3, 'X');
    let after = renderer.render_with(&edited, &RenderOptions::default());
    assert_eq!(before.blocks.len(), after.blocks.len());
    let changed = before
        .blocks
        .iter()
        .zip(&after.blocks)
        .filter(|(a, b)| a.key != b.key)
        .count();
    assert_eq!(changed, 1);
}
