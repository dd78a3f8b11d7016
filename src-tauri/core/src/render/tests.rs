//! Tests of the whole pipeline (the parts have their own tests beside them).

use super::*;

/// Every `href`/`src` attribute value in `html` (our output always double-quotes them).
fn url_attributes(html: &str) -> Vec<String> {
    let mut urls = Vec::new();
    for attr in ["href=\"", "src=\""] {
        for (at, _) in html.match_indices(attr) {
            let rest = &html[at + attr.len()..];
            urls.push(rest[..rest.find('"').unwrap_or(rest.len())].to_string());
        }
    }
    urls
}

fn inner(html: &str) -> String {
    render(html).blocks.into_iter().map(|b| b.html.to_string()).collect()
}

#[test]
fn blocks_are_wrapped_with_their_lines() {
    let out = render("# Title\n\nSome *text* here.\n\n- one\n- two\n");
    assert_eq!(out.blocks.len(), 3);
    assert_eq!((out.blocks[1].start_line, out.blocks[1].end_line), (2, 2));
    assert_eq!((out.blocks[2].start_line, out.blocks[2].end_line), (4, 5));
    assert!(out.html.starts_with("<div class=\"ds-block\" data-line=\"0\" data-end-line=\"0\"><h1 id=\"title\">Title</h1>"), "{}", out.html);
    assert_eq!(out.html.matches("class=\"ds-block\"").count(), 3);
    assert_eq!(out.word_count, 6);
}

/// Blocks are written in batches on every thread of the pool (as many batches as four per
/// thread); how a post was batched must not show in what it renders to.
#[test]
fn output_does_not_depend_on_how_blocks_are_batched() {
    let text = crate::corpus::post(7, 60_000);
    let on = |threads| {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build();
        pool.expect("a thread pool").install(|| render(&text))
    };
    let one = on(1);
    assert!(one.headings.len() > 3, "{:?}", one.headings);
    assert!(one.html.contains("footnote-definition") && one.html.contains("hl-"));
    assert_eq!(on(3), one);
}

#[test]
fn headings_get_unique_ids_and_explicit_ids_win() {
    let out = render("## Intro\n\n## Intro\n\n## Other {#mine .cls onclick=x}\n");
    let ids: Vec<&str> = out.headings.iter().map(|h| h.id.as_str()).collect();
    assert_eq!(ids, ["intro", "intro-1", "mine"]);
    assert_eq!(out.headings[2].text, "Other");
    assert_eq!(out.headings[2].level, 2);
    assert!(!out.html.contains("onclick"), "{}", out.html);
    assert!(!out.html.contains("cls"), "{}", out.html);
}

#[test]
fn an_explicit_id_is_its_headings_though_a_heading_above_has_it_as_a_slug() {
    let ids = |text: &str| render(text).headings.into_iter().map(|h| h.id).collect::<Vec<_>>();
    assert_eq!(ids("## Intro\n\n## X {#intro}\n"), ["intro-1", "intro"]);
    assert_eq!(ids("## A\n\n## A\n\n> ## B { #a-1 }\n"), ["a", "a-2", "a-1"]);
    // Adding or taking the explicit id away renders as a fresh render does.
    let mut renderer = Renderer::new();
    let opts = RenderOptions::default();
    for text in ["## Intro\n\n## X\n", "## Intro\n\n## X {#intro}\n", "## Intro\n\n## X {#intr}\n"] {
        assert_eq!(renderer.render_blocks(text, &opts), Renderer::one_shot().render_blocks(text, &opts), "{text}");
    }
}

#[test]
fn references_and_footnotes_resolve_across_blocks() {
    let out = inner("See [the site][s] and a note[^a] and another[^b].\n\n[^b]: Second.\n\n[^a]: First.\n\n[s]: https://example.org\n");
    assert!(out.contains("href=\"https://example.org\""), "{out}");
    assert!(out.contains("<a href=\"#fn:a\">1</a>"), "{out}");
    assert!(out.contains("<a href=\"#fn:b\">2</a>"), "{out}");
    assert!(
        out.contains("id=\"fn:b\"><sup class=\"footnote-definition-label\">2</sup>"),
        "{out}"
    );
}

#[test]
fn a_footnote_referred_to_in_another_case_is_one_note_with_one_number_and_a_link_to_it() {
    // Labels match ignoring case, as pulldown-cmark (and CommonMark's link labels) match them.
    let out = inner("A note[^Note], another[^b], the first again[^NOTE].\n\n[^note]: First.\n\n[^b]: Second.\n");
    assert!(out.contains("<a href=\"#fn:note\">1</a>"), "{out}");
    assert_eq!(out.matches("<a href=\"#fn:note\">1</a>").count(), 2, "{out}");
    assert!(out.contains("<a href=\"#fn:b\">2</a>"), "{out}");
    assert!(out.contains("id=\"fn:note\"><sup class=\"footnote-definition-label\">1</sup>"), "{out}");
    assert!(out.contains("id=\"fn:b\"><sup class=\"footnote-definition-label\">2</sup>"), "{out}");
}

#[test]
fn a_footnote_label_matched_by_unicode_case_folding_is_one_note_with_one_number() {
    // pulldown-cmark folds labels fully (`ß` matches `SS`, final `ς` matches `Σ`), not by
    // lower-casing: each pair below is one note, referred to and defined.
    for (reference, definition) in [("SS", "ß"), ("ß", "ẞ"), ("ΣΑΣ", "σας")] {
        let out = inner(&format!("A note[^{reference}], another[^b].\n\n[^{definition}]: First.\n\n[^b]: Second.\n"));
        let link = out.split("<a href=\"#").nth(1).and_then(|rest| rest.split('"').next()).unwrap();
        assert!(out.contains(&format!("<a href=\"#{link}\">1</a>")), "{out}");
        assert!(out.contains(&format!("id=\"{link}\"><sup class=\"footnote-definition-label\">1</sup>")), "{out}");
        assert!(out.contains("<a href=\"#fn:b\">2</a>"), "{out}");
        assert!(out.contains("id=\"fn:b\"><sup class=\"footnote-definition-label\">2</sup>"), "{out}");
    }
}

#[test]
fn a_footnote_named_like_a_heading_has_an_id_of_its_own() {
    // Raw HTML beside the reference: the block goes through the sanitiser too.
    for reference in ["A note[^intro].", "A <kbd>key</kbd> note[^intro]."] {
        let out = inner(&format!("## Intro\n\n{reference}\n\n[^intro]: The note.\n"));
        assert!(out.contains("<h2 id=\"intro\">"), "{out}");
        assert!(out.contains("<a href=\"#fn:intro\""), "{out}");
        assert_eq!(out.matches("id=\"intro\"").count(), 1, "{out}");
        assert!(out.contains("id=\"fn:intro\"><sup"), "{out}");
    }
}

#[test]
fn a_heading_asking_for_a_footnotes_id_leaves_it_to_the_footnote() {
    // The footnote's link went to the heading, the first element of that id.
    let out = render("## Notes {#fn:a}\n\nA note[^a].\n\n[^a]: The note.\n");
    assert_eq!(out.html.matches("id=\"fn:a\"").count(), 1, "{}", out.html);
    assert!(out.html.contains("<a href=\"#fn:a\">1</a>"), "{}", out.html);
    assert!(out.html.contains("id=\"fn:a\"><sup"), "{}", out.html);
    assert!(out.html.contains("<h2 id=\"notes\">"), "{}", out.html);
    assert_eq!(out.headings[0].id, "notes");
}

#[test]
fn links_get_rel_and_dangerous_urls_are_neutralised() {
    let out = inner("[ok](https://a.b \"T\") [bad](javascript:alert(1)) ![i](data:text/html,x) <me@example.org>\n");
    assert!(
        out.contains("<a href=\"https://a.b\" title=\"T\" rel=\"noopener noreferrer\">ok</a>"),
        "{out}"
    );
    assert!(
        out.contains("<a href=\"#\" rel=\"noopener noreferrer\">bad</a>"),
        "{out}"
    );
    assert!(out.contains("<img src=\"#\" alt=\"i\""), "{out}");
    assert!(out.contains("href=\"mailto:me@example.org\""), "{out}");
}

#[test]
fn code_is_highlighted_by_language_token() {
    let out = inner(
        "```Python extra\nprint('hi')\n```\n\n```\"><img src=x onerror=alert(1)>\ncode\n```\n",
    );
    assert!(out.contains("<code class=\"language-Python\">"), "{out}");
    assert!(out.contains("hl-"), "{out}");
    assert!(!out.contains("onerror"), "{out}");
}

#[test]
fn image_base_resolves_relative_images_only() {
    let opts = RenderOptions {
        image_base: Some("asset://localhost/blog/posts".into()),
        ..RenderOptions::default()
    };
    let out = render_with("![a](img/a.png) ![b](/b.png) ![c](https://x/c.png) [l](img/a.png)\n\n<img src=\"raw.png\">\n", &opts);
    assert!(
        out.html
            .contains("src=\"asset://localhost/blog/posts/img/a.png\""),
        "{}",
        out.html
    );
    assert!(out.html.contains("src=\"/b.png\""));
    assert!(out.html.contains("src=\"https://x/c.png\""));
    assert!(out.html.contains("href=\"img/a.png\""));
    assert!(
        out.html
            .contains("src=\"asset://localhost/blog/posts/raw.png\""),
        "{}",
        out.html
    );
}

#[test]
fn raw_inputs_can_only_be_disabled_checkboxes() {
    for raw in [
        "<input>",
        "<input type=\"text\">",
        "<input type=password>",
        "<input type=\"checkbox\">",
    ] {
        let out = inner(&format!("Password: {raw}\n"));
        let input = &out[out.find("<input").unwrap_or_else(|| panic!("{out}"))..];
        let input = &input[..input.find('>').expect("end of tag")];
        assert!(input.contains("type=\"checkbox\""), "{raw} became {out}");
        assert!(input.contains("disabled"), "{raw} became {out}");
    }
}

/// `/images/x.png` is a path from the site's root (Hugo's and Zola's `static/`, Jekyll's root):
/// resolved against the site's base, in Markdown and in raw HTML alike.
#[test]
fn root_relative_images_resolve_against_the_site_base() {
    let opts = RenderOptions {
        image_base: Some("asset://localhost/blog/posts".into()),
        site_base: Some("asset://localhost/blog/static".into()),
    };
    let out = render_with("![a](/images/a.png)\n\n<img src=\"/images/b.png\">\n\n[l](/about/)\n", &opts);
    assert!(out.html.contains("src=\"asset://localhost/blog/static/images/a.png\""), "{}", out.html);
    assert!(out.html.contains("src=\"asset://localhost/blog/static/images/b.png\""), "{}", out.html);
    assert!(out.html.contains("href=\"/about/\""), "links are left as written: {}", out.html);
}

#[test]
fn an_image_beside_inline_html_keeps_its_resolved_source() {
    let opts = RenderOptions {
        image_base: Some("asset://localhost/blog/posts".into()),
        ..RenderOptions::default()
    };
    let out = render_with("Press <kbd>F5</kbd> to get this: ![shot](img/a.png)\n", &opts);
    assert!(
        out.html
            .contains("src=\"asset://localhost/blog/posts/img/a.png\""),
        "{}",
        out.html
    );
}

#[test]
fn tables_tasks_and_strikethrough_render() {
    let out = inner("| a | b |\n|:-:|---|\n| 1 | 2 |\n\n- [x] done\n- [ ] todo\n\n~~old~~\n");
    assert!(
        out.contains("<th style=\"text-align: center\">a</th>"),
        "{out}"
    );
    assert!(out.contains("type=\"checkbox\" checked=\"\""), "{out}");
    assert!(out.contains("<del>old</del>"), "{out}");
}

/// The same hostile content through the event path (Markdown) and the ammonia path (a block
/// that also holds raw HTML) must come out inert either way.
#[test]
fn both_sanitising_paths_are_inert_on_hostile_input() {
    let hostile = [
        "[x](javascript:alert(1))",
        "[x](JAVASCRIPT:alert(1))",
        "[x](<java\tscript:alert(1)>)",
        "[x](vbscript:msgbox(1))",
        "[x](data:text/html;base64,PHNjcmlwdD4=)",
        "![x](javascript:alert(1))",
        "![x](data:text/html,<script>alert(1)</script>)",
        "[x](&#106;avascript:alert(1))",
        "<javascript:alert(1)>",
    ];
    for case in hostile {
        for text in [case.to_string(), format!("{case} <b>raw</b>")] {
            let out = render(&text).html;
            for url in url_attributes(&out) {
                let url = url.to_lowercase();
                assert!(
                    url == "#" || url.starts_with("https:") || url.starts_with("mailto:"),
                    "{text}: {out}"
                );
            }
        }
    }
    let raw = "<script>alert(1)</script>\n\n<p onclick=\"x()\">p</p>\n\n<iframe src=\"https://e.vil\"></iframe>\n\n<object data=x></object><form action=x><input type=text></form>\n\ntext <img src=x onerror=alert(1)> <style>body{}</style>\n\n<a href=\"javascript:alert(1)\">a</a>\n";
    let out = render(raw).html.to_lowercase();
    assert!(
        url_attributes(&out)
            .iter()
            .all(|u| !u.starts_with("javascript")),
        "{out}"
    );
    for bad in [
        "<script",
        "onclick",
        "<iframe",
        "<object",
        "<form",
        "onerror",
        "<style",
        "type=\"text\"",
    ] {
        assert!(!out.contains(bad), "{bad} in {out}");
    }
}

#[test]
fn odd_inputs_do_not_panic() {
    let deep_quotes = ">".repeat(10_000) + " deep\n";
    let deep_lists = (0..10_000)
        .map(|i| format!("{}- item\n", "  ".repeat(i)))
        .collect::<String>();
    let deep_html = "<div>".repeat(10_000) + "x" + &"</div>".repeat(10_000);
    let huge_table = format!(
        "|{}\n|{}\n{}",
        "a|".repeat(500),
        "-|".repeat(500),
        format!("|{}\n", "1|".repeat(500)).repeat(200)
    );
    let inputs = [
        "```rust\nunclosed fence\n".to_string(),
        "a\0b\0\n\n```\0\n\0\n```\n".to_string(),
        "&bogus; &#xFFFFFFFF; &#0; &#x110000;\n".to_string(),
        "[^]: x\n\n[^a]: [^a]\n".to_string(),
        "# {#}\n\n#\n".to_string(),
        "\u{feff}---\ntitle: x\n".to_string(),
        deep_quotes,
        deep_lists,
        deep_html,
        huge_table,
    ];
    for text in inputs {
        let out = render(&text);
        assert!(out.blocks.iter().all(|b| b.start_line <= b.end_line));
    }
}

#[test]
fn front_matter_is_skipped_and_lines_count_it() {
    let text = "---\ntitle: \"T\"\ndate: 2025-09-16T09:00:00-05:00\ntags: [\"a\"]\n---\n\n## First\n\nBody words.\n";
    let out = render(text);
    assert!(!out.html.contains("title"), "{}", out.html);
    assert_eq!(out.blocks.len(), 2);
    assert_eq!(out.blocks[0].start_line, 6);
    assert_eq!(out.blocks[1].start_line, 8);
    assert_eq!(out.word_count, 3);
}

#[test]
fn unterminated_front_matter_renders_everything() {
    let out = render("+++\ntitle = \"x\"\n\nText\n");
    assert!(out.html.contains("title = "), "{}", out.html);
    assert_eq!(out.blocks[0].start_line, 0);
}

/// A raw HTML element opened in one top-level block and closed in a later one (CommonMark ends
/// an HTML block at a blank line) wraps the Markdown between, as on GitHub and in Hugo.
#[test]
fn raw_html_wrappers_split_by_blank_lines_keep_the_markdown_inside() {
    let text = "Before.\n\n<details>\n<summary>More</summary>\n\nSome **bold** text.\n\n</details>\n\nAfter.\n";
    let out = render(text);
    let spans: Vec<(u32, u32)> = out.blocks.iter().map(|b| (b.start_line, b.end_line)).collect();
    assert_eq!(spans, vec![(0, 0), (2, 7), (9, 9)]);
    assert_eq!(
        &*out.blocks[1].html,
        "<details>\n<summary>More</summary>\n<p>Some <strong>bold</strong> text.</p>\n</details>\n"
    );
    // Words of raw HTML (the summary) are not counted, as elsewhere.
    assert_eq!(out.word_count, 5);

    let centred = inner("<div>\n\n![cover](cover.png)\n\n<details><summary>Nested</summary>\n\n# Inside\n\n</details>\n\n</div>\n");
    assert!(centred.starts_with("<div>\n<p><img src=\"cover.png\" alt=\"cover\"></p>\n<details>"), "{centred}");
    assert!(centred.contains("<h1 id=\"inside\">Inside</h1>\n</details>\n</div>"), "{centred}");
}

/// Where the wrapper is never closed, blocks stay apart (one stray tag must not make the rest
/// of a long post one block), but a wrapper closed inside it still holds its Markdown.
#[test]
fn an_unclosed_raw_html_wrapper_leaves_the_blocks_apart() {
    let out = render("<div>\n\nOne.\n\n<details>\n\nTwo.\n\n</details>\n\nThree.\n");
    let spans: Vec<(u32, u32)> = out.blocks.iter().map(|b| (b.start_line, b.end_line)).collect();
    assert_eq!(spans, vec![(0, 0), (2, 2), (4, 8), (10, 10)]);
    assert_eq!(&*out.blocks[2].html, "<details>\n<p>Two.</p>\n</details>\n");
    // A closing tag inside script text closes nothing.
    let scripted = render("<div>\n<script>let a = '</div>';</script>\n\nText.\n\n</div>\n");
    assert_eq!(scripted.blocks.len(), 1, "{:?}", scripted.blocks);
    // A script never wraps: left open (a `</script>` in a comment inside it does not close
    // it) and closed by a stray `</script>` later, it would take the Markdown between with it.
    let hidden = render("<script>x()\n\n<!--<script>y()</script>-->\n\n<div>Shown.</div></script>\n");
    assert!(hidden.blocks.last().is_some_and(|b| b.html.contains("Shown.")), "{:?}", hidden.blocks);
}

/// The status bar and the posts list count words by one rule: a dash or an ampersand standing
/// alone is no word in either.
#[test]
fn the_preview_counts_words_as_the_posts_list_does() {
    let text = "# Salt & pepper\n\nSalt & pepper — to taste, 1 - 2 pinches.\n\n> Quote: *it* ... works\n";
    let out = render(text);
    assert_eq!(out.word_count, crate::words::count_words(text));
    assert_eq!(out.word_count, 12);
}

/// Chinese and Japanese put no spaces between words: the status bar counts each character.
#[test]
fn the_preview_counts_each_ideograph_as_a_word() {
    let out = render("# 标题\n\n我喜欢写博客。Draftsmith は速い。\n");
    assert_eq!(out.word_count, 2 + 6 + 1 + 3);
}
