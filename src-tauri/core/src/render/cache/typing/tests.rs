use super::*;

#[test]
fn a_paragraph_with_footnote_references_keeps_their_numbers_while_it_keeps_them() {
    type_through(
        "First[^b] and[^a].\n\nThen the one[^a] typed in[^b] here.\n\n> [^a]: Note A.\n\n[^b]: Note B.\n\n[^c]: Note C.\n",
        &[
            ("typed in", "typed xin", true),
            ("one[^a]", "one [^a]", true),
            ("one [^a]", "one [^z]", false), // no note z: the reference becomes text
            ("one [^z]", "one [^a]", false),
            ("in[^b]", "in[^c]", false), // another note: its number comes from the document
            ("in[^c]", "in[^c", false),  // the reference is gone
            ("in[^c", "in[^", true),     // text stays text
            ("typed xin", "typed [^A]xin", false), // note a, spelt otherwise
        ],
    );
}

/// Each edit, applied in turn, and whether it may take the shortcut.
fn type_through(post: &str, edits: &[(&str, &str, bool)]) {
    let opts = RenderOptions::default();
    let mut renderer = Renderer::new();
    renderer.render_blocks(post, &opts);
    let mut text = post.to_string();
    for &(from, to, shortcut) in edits {
        assert!(text.contains(from), "{from}");
        text = text.replacen(from, to, 1);
        let before = renderer.shortcuts;
        let mut fresh = crate::render::render_with(&text, &opts);
        fresh.html.clear();
        assert_eq!(renderer.render_blocks(&text, &opts), fresh, "{text}");
        assert_eq!(renderer.shortcuts > before, shortcut, "{from} -> {to}");
    }
}

#[test]
fn a_block_quote_is_rendered_alone_while_a_blank_line_ends_it() {
    type_through(
        "> A quote[^a] with *words*\n> and a [link][l].\n\nAfter.\n\n[l]: /l\n[^a]: A.\n",
        &[
            ("quote[^a]", "quotes[^a]", true),
            ("*words*", "*words* more", true),
            ("and a", "and a > b", true),
            ("> and", "> # and", false), // a heading: its id is the document's
            ("> # and", "> and", false),
            ("A quote", "A ```quote", true),
        ],
    );
    // No blank line after the quote: the next line could join it.
    type_through(
        "> ```\n> code\nplain text\n\nMore.\n",
        &[("> ``", "> `", false), ("plain", "plain!", true)],
    );
    // A definition of its own changes links elsewhere.
    type_through("> [a] /x\n\nSee [a].\n", &[("[a] /x", "[a]: /x", false), ("[a]: /x", "[a]: /y", false)]);
    // A definition inside is one other blocks may use: an edit could drop it.
    type_through("> [x]: /u\n\nSee [x].\n", &[("/u", "/u z", false), ("/u z", "/u", false)]);
    // A footnote definition inside takes a number.
    type_through("> [^a]: Inside.\n\nSee[^a].\n", &[("Inside", "Inside!", false)]);
}

#[test]
fn a_list_is_rendered_alone_while_nothing_around_it_joins_or_leaves_it() {
    type_through(
        "- One[^a] item\n- Two *items*\n\n  More of two.\n\nAfter.\n\n[^a]: A.\n",
        &[("One", "One more", true), ("More of", "More x of", true), ("- Two", "- > Two", true)],
    );
    // The marker's width decides which indented lines belong to the item.
    type_through("9. a\n\n   b\n", &[("9.", "10.", false), ("10. a", "10. ab", true)]);
    type_through("10. a\n\n   b\n\nc\n", &[("10.", "1.", false)]);
    // Lists of one delimiter join, with the list before as with the one after.
    type_through("1) a\n\n1. x\n", &[("1) a", "1. a", false)]);
    type_through("1. a\n\n2) b\n", &[("2)", "2.", false)]);
    // A line that no longer interrupts the block before joins it.
    type_through("| a |\n|---|\n<div>\nx\n", &[("<div>", "<di-v>", false)]);
    // A fence left open in an item ends with the item; at the top it runs to the end of the
    // text, over the definitions too.
    type_through("- a\n\nSee [l].\n\n[l]: /u\n", &[("- a", "- ```a", true)]);
    type_through("See [l].\n\nb ``a\n\n[l]: /u\n", &[("b ``a", "``a", false), ("``a", "```a", false)]);
}

#[test]
fn a_paragraph_beside_raw_html_wrapping_markdown_is_rendered_alone() {
    let post = "Before the box.\n\n<details>\n<summary>More</summary>\n\nInside *it*.\n\n</details>\n\nAfter the box.\n\n<div align=\"center\">\n\n![p](p.png)\n\n</div>\n";
    type_through(
        post,
        &[
            ("Before the", "Before xthe", true),
            ("After the", "After xthe", true),
            ("Inside *it*", "Inside *its*", false), // part of the wrapper: sanitised whole
            ("After xthe box.", "After xthe box</details>.", true), // inline HTML closes nothing
            ("After xthe", "<div>After", false),
        ],
    );
    // A closing part that is not after a blank line could take in the next one.
    type_through("<div>\n\n- a\n</div>\n\nText.\n", &[("Text", "Texts", false)]);
}

/// Edits on which longer random runs once found the shortcut wrong: (before, after).
#[test]
fn edits_found_by_longer_random_runs_render_as_a_fresh_render() {
    let pairs = [
        (
            "^```\n-code\n``\n\n*[l]:<)\n\n[# ^a]: Note.\n\n> ` cxod[^a  ]e\n> > nested `c`[^a](/u)\n\n\n>] lazy\ncontinued[l]\n\n<div>\nhtml\n<di",
            "^```\n-code\n``\n\n*[l]:<)\n\n[# ^a]: Note.\n\n> ` cxod[^a  ]e\n> > nested `c`[^a](/u)\n\n\n>] lazy\ncontinued[l]\n\n<div>\nhtml\n<[^a]di",
        ),
        (
            "```\ncode\n```\n> ```\n> ode\n[l]: /u\n> > nested `c`\n<div>\nhtml\n</d[^a](/u)iv>\n9<. nine\n10. t",
            "```\ncode\n```\n> ```\n> ode\n[l]: /u\n> > nested `c`\n<div>x\nhtml\n</d[^a](/u)iv>\n9<. nine\n10. t",
        ),
        (
            "[l]: /u\n> [^b]: In a: quote.\n<div>\nhtml\n</div>\n***\n> - item\n> - two",
            "[l]: /u\n> [^b]: In a: quote.\n<div>\nhtml\n</div>\n***|\n> - item\n> - two",
        ),
        ("   e\n\n\n^b]: In a te.\n\n***\n[l]: /u\nx\n1) x\n\n> ```\n> code", "   e\n\n\n^b]: In a te.\n\n***\n[l]: /u\nx\n1) x\n\n> ```\n> cod"),
        (
            "[# ^a]:  Note[^a](/u).\n9. nine\n10. ten\n<div>\nhtml\nv>*\nplain\n[ /u\n- [ ] task",
            "[# ^a]:  Note[^a](/u).\n9. n- ine\n10. ten\n<div>\nhtml\nv>*\nplain\n[ /u\n- [ ] task",
        ),
        ("[l]: /u\n9. nine\n1[^a](/u)0. ten\n1) x\n", "[l]: /u\n9. nine\n1[(/u)0. ten\n1) x\n"),
        ("[l]: /u\n\nSee [l].\n\n> ```\n> code ", "[l]: /u\n\nSee [l].\n\n> ```\n> cod "),
    ];
    let opts = RenderOptions::default();
    for (before, after) in pairs {
        let mut renderer = Renderer::new();
        renderer.render_blocks(before, &opts);
        let mut fresh = crate::render::render_with(after, &opts);
        fresh.html.clear();
        assert_eq!(renderer.render_blocks(after, &opts), fresh, "{after:?}");
    }
}

#[test]
fn a_quick_render_is_the_shortcut_or_a_short_text() {
    let opts = RenderOptions::default();
    let fresh = |text: &str| {
        let mut fresh = crate::render::render_with(text, &opts);
        fresh.html.clear();
        fresh
    };
    let long = "## Item one\n\nA paragraph.\n\n".repeat(crate::render::cache::QUICK_LEN / 20);
    let mut renderer = Renderer::new();
    assert!(renderer.render_blocks_quickly(&long, &opts).is_none(), "nothing to reuse yet");
    renderer.render_blocks(&long, &opts);
    let in_paragraph = long.replacen("A paragraph.", "A paragraph!", 1);
    assert_eq!(renderer.render_blocks_quickly(&in_paragraph, &opts), Some(fresh(&in_paragraph)));
    let in_heading = in_paragraph.replacen("Item one", "Item 1", 1);
    assert!(renderer.render_blocks_quickly(&in_heading, &opts).is_none(), "a heading is not taken");
    assert_eq!(renderer.render_blocks(&in_heading, &opts), fresh(&in_heading));
    let short = "- item\n";
    assert_eq!(renderer.render_blocks_quickly(short, &opts), Some(fresh(short)));
}

#[test]
fn every_render_equals_a_fresh_one_through_random_edits_of_small_posts() {
    let pieces = [
        "> A quote[^a] with *x*", "> > nested `c`", "Para[^b] and [l] text", "> - item\n> - two",
        "> ```\n> code", "plain", "[^a]: Note.", "> [^b]: In a quote.", "[l]: /u", "# Head",
        "> lazy\ncontinued", "", "- item[^a]\n- two\n\n  more", "9. nine\n10. ten", "1) x",
        "   indented", "| a | b |\n|---|---|\n| c[^b] | d |", "```\ncode\n```", "<div>\nhtml\n</div>",
        "    code", "- [ ] task", "Setext\n---", "***", "<details>\n<summary>S</summary>", "</details>",
        "<div align=\"center\">", "</div>",
    ];
    let typed = [
        "x", " ", "#", "# ", ">", "> ", "[^a]", "[^b]", "[^A]", "^", "]", ":", "`", "*", "-", "\n", "[l]", "[^a](/u)",
        "1. ", ")", "|", "<", "    ", "- ", "=",
    ];
    let shortcuts = type_randomly(&pieces, &typed, 29, "\n");
    assert!(shortcuts > 500, "only {shortcuts} of 3000 renders took the shortcut");
}

#[test]
fn every_render_equals_a_fresh_one_through_unicode_labels_wrappers_line_breaks_and_tabs() {
    let pieces = [
        "Para[^ß] and[^SS] text", "[^ß]: Eszett.", "[^É]: Accent.", "> Quote[^é] here", "[^σας]: Sigma.",
        "<details>\n<summary>S</summary>\n\nInner *para*[^ß]\n\n</details>", "<div>\n\n- item\n\n</div>",
        "- a\r\n- b\r\n", "Line\r\n\r\nNext\r\n", "\tcode by tab", "-\titem\tx", "plain", "",
        "# Head[^ss]", "| a | b |\r\n|---|---|\r\n| [^É] | d |",
    ];
    let typed = [
        "x", " ", "\t", "\r\n", "\r", "\n", "[^ß]", "[^SS]", "[^ẞ]", "[^é]", "[^É]", "[^ΣΑΣ]", "]", ":", "<", ">",
        "</details>", "<details>", "- ", "é", "\n\n",
    ];
    let shortcuts = type_randomly(&pieces, &typed, 31, "\n");
    assert!(shortcuts > 100, "only {shortcuts} of 3000 renders took the shortcut");
}

/// Renders 3000 random edits of posts made of `pieces` joined by `line_break`s (`typed`
/// inserted, short runs deleted), each compared with a fresh render; returns how many took the
/// shortcut.
fn type_randomly(pieces: &[&str], typed: &[&str], seed: u64, line_break: &str) -> usize {
    let mut seed = seed;
    let mut random = |n: usize| {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        usize::try_from(seed >> 33).unwrap() % n
    };
    let opts = RenderOptions::default();
    let mut renderer = Renderer::new();
    let mut text = String::new();
    for step in 0..3000 {
        if step % 50 == 0 {
            let count = 3 + random(5);
            let blocks: Vec<&str> = (0..count).map(|_| pieces[random(pieces.len())]).collect();
            let blank = format!("{line_break}{line_break}");
            text = blocks.join(if random(3) == 0 { line_break } else { &blank }) + line_break;
        }
        let mut at = random(text.len() + 1);
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        if random(3) == 0 {
            let mut end = (at + 1 + random(4)).min(text.len());
            while !text.is_char_boundary(end) {
                end += 1;
            }
            text.replace_range(at..end, "");
        } else {
            text.insert_str(at, typed[random(typed.len())]);
        }
        let mut fresh = crate::render::render_with(&text, &opts);
        fresh.html.clear();
        assert_eq!(renderer.render_blocks(&text, &opts), fresh, "step {step}: {text:?}");
    }
    renderer.shortcuts
}

/// Random keystrokes and cuts anywhere in a generated post (prose, headings, lists,
/// code, tables, reference links, footnotes, raw HTML): whether or not a render takes the
/// shortcut, it equals a fresh render of the same text.
#[test]
fn every_render_equals_a_fresh_one_through_random_typing() {
    let typed = [
        "x", " ", "é", "[", "]", "*", "`", "#", "|", "-", ":", "<b>", "!", "[^1]", "\n", "1. ",
        "===", "[^n1]", "[^n2]", "^", "> ", "# ", "> # ", "```",
    ];
    let mut seed = 17u64;
    let mut random = |n: usize| {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        usize::try_from(seed >> 33).unwrap() % n
    };
    let opts = RenderOptions {
        image_base: Some("asset://localhost/p/".into()),
        site_base: Some("asset://localhost/site/".into()),
    };
    let post = |seed| {
        crate::corpus::post(seed, 6000)
            + "\nSee [the site][site] and [Site].\n\n[site]: https://example.org \"Ex\"\n"
    };
    let mut text = String::new();
    let mut renderer = Renderer::new();
    for step in 0..600 {
        // A fresh post now and then: random edits soon open a fence that swallows the rest.
        if step % 30 == 0 {
            text = post(step as u64);
        }
        let mut at = random(text.len() + 1);
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        if random(4) == 0 {
            let mut end = (at + 1 + random(3)).min(text.len());
            while !text.is_char_boundary(end) {
                end += 1;
            }
            text.replace_range(at..end, "");
        } else {
            text.insert_str(at, typed[random(typed.len())]);
        }
        let mut fresh = crate::render::render_with(&text, &opts);
        fresh.html.clear();
        assert_eq!(renderer.render_blocks(&text, &opts), fresh, "step {step}");
    }
    assert!(
        renderer.shortcuts > 150,
        "only {} of 600 renders took the shortcut",
        renderer.shortcuts
    );
}

#[test]
fn typing_the_closer_of_front_matter_left_open_hides_it() {
    // Open front matter shows as Markdown; `...` closes YAML, `+++` TOML, `}` JSON.
    type_through(
        "---\n\ntitle: Hello\n\nsummary: >\n  x\n..\n",
        &[("\n..\n", "\n...\n", false), ("\n...\n", "\n..\n", false)],
    );
    type_through("+++\ntitle = 'Hello'\n++\n", &[("\n++\n", "\n+++\n", false), ("\n+++\n", "\n++\n", false)]);
    type_through("{\"title\": \"Hello\"\n", &[("\"Hello\"", "\"Hello\"}", false), ("\"Hello\"}", "\"Hello\"", false)]);
    // Closed front matter: an edit of the body still takes the shortcut.
    type_through("---\ntitle: A\n---\n\nSome text.\n\nMore.\n", &[("Some text", "Some texts", true)]);
}

#[test]
fn a_paragraph_of_a_no_break_space_alone_beside_the_edited_block_renders_as_a_fresh_render() {
    // Trimmed as whitespace, such a block once ended inside its character, and the next
    // keystroke beside it panicked.
    type_through(
        "Para one\n\n\u{a0}\n\nMore.\n",
        &[("Para one", "Para onex", true), ("More", "Mored", true), ("\u{a0}", "\u{a0}x", true)],
    );
}

/// As the random edits of small posts above, with CRLF line breaks, tabs, and characters of
/// more than one byte that `trim_end` takes for whitespace (no-break and ideographic spaces,
/// NEL, the line separator) but Markdown does not.
#[test]
fn every_render_equals_a_fresh_one_through_random_edits_of_crlf_posts_with_unicode_spaces() {
    let pieces = [
        "> A quote[^a] with *x*", "Para[^b] and [l] text", "> - item\r\n> - two", "> ```\r\n> code",
        "plain\u{a0}", "[^a]: Note.", "[l]: /u", "# Head", "> lazy\r\ncontinued", "", "- item[^a]\r\n- two\r\n\r\n  more",
        "9. nine\r\n10. ten", "| a | b |\r\n|---|---|\r\n| c[^b] | d |", "```\r\ncode\r\n```", "<div>\r\nhtml\r\n</div>",
        "    code", "Setext\r\n---", "\tTabbed", "- a\r\n\r\n\t- b", "x  \r\ny", "\u{a0}", "\u{3000}", "\u{85}",
        "\u{2028}", "😀 é", "<details>\r\n\r\nIn *d*\r\n\r\n</details>", "[L]: /v 'T'",
    ];
    let typed = [
        "x", " ", "#", "> ", "[^a]", "[^b]", "^", "]", ":", "`", "*", "-", "\r\n", "\r", "[l]", "[L]", "1. ", "|", "<",
        "    ", "- ", "=", "\t", "\u{a0}", "\u{3000}", "\u{85}", "\u{2028}", "😀", "\\", "<!--", "-->", "  ",
    ];
    let shortcuts = type_randomly(&pieces, &typed, 3, "\r\n");
    assert!(shortcuts > 500, "only {shortcuts} of 3000 renders took the shortcut");
}
