//! The keystroke shortcut: an edit inside one paragraph, with no line break typed or deleted,
//! is rendered by parsing that paragraph alone instead of the whole document (at 1 MB, the
//! parse and the walk over every block were ~35 ms of each keystroke).
//!
//! Why the result equals a full render: the paragraph is a top-level block, so the lines
//! before it parse as before, and the text after it starts where it did with no container
//! open; the paragraph's own lines keep their meaning when parsed alone (checked: the parse
//! must again be exactly one paragraph spanning the text). Reference links resolve as in the
//! whole document because every link definition's source is parsed with it; a footnote
//! reference must name a note the document defines. Footnotes are numbered across the
//! document, so the paragraph keeps its numbers only while it refers to the same footnotes in
//! the same order; headings (ids deduplicated across the document) never take this path.
//! Anything else falls back to the full render. A property test compares both on random edits.

use super::super::blocks::parser_options;
use super::super::sanitize::base_scheme;
use super::super::transform::{prepare, Context, DocumentState};
use super::super::Rendered;
use super::super::highlight::LineMemo;
use super::write::{BlockWriter, Prepared};
use super::{fingerprint, Renderer};
use crate::render::RenderOptions;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use std::collections::HashSet;
use std::ops::Range;

/// What the last full preview render saw, kept up to date by each shortcut render.
pub(in crate::render) struct LastRender {
    text: String,
    image_base: Option<String>,
    /// Every link reference definition's source (see `Cut::definitions`).
    definitions: String,
    /// Every footnote definition's label, as written.
    notes_defined: HashSet<String>,
    /// Each top-level block's byte range in `text`, what the shortcut needs of it if it can
    /// take it, its words.
    blocks: Vec<(Range<usize>, Option<Editable>, usize)>,
    rendered: Rendered,
}

impl LastRender {
    pub fn begin(text: &str, image_base: Option<&str>, definitions: String, notes_defined: Vec<String>) -> LastRender {
        LastRender {
            text: text.to_owned(),
            image_base: image_base.map(str::to_owned),
            definitions,
            notes_defined: notes_defined.into_iter().collect(),
            blocks: Vec::new(),
            rendered: Rendered {
                html: String::new(),
                headings: Vec::new(),
                word_count: 0,
                blocks: Vec::new(),
            },
        }
    }

    pub fn push_block(&mut self, range: Range<usize>, editable: Option<Editable>, words: usize) {
        self.blocks.push((range, editable, words));
    }

    pub fn finish(mut self, rendered: Rendered) -> LastRender {
        self.rendered = rendered;
        self
    }
}

/// A block the shortcut can render alone: a paragraph or a block quote, with its footnote
/// references in order and the numbers the document gave them.
#[derive(Clone)]
pub(in crate::render) struct Editable {
    quote: bool,
    notes: Vec<(String, usize)>,
}

/// What the shortcut needs of a block with these `events` and `numbers` (from [`prepare`]),
/// or `None` when it cannot take the block.
pub(in crate::render) fn editable(events: &[Event<'_>], numbers: &[usize]) -> Option<Editable> {
    let quote = match events.first()? {
        Event::Start(Tag::Paragraph) => false,
        Event::Start(Tag::BlockQuote(_)) => true,
        _ => return None,
    };
    // A footnote definition takes a number too, and the numbers would no longer pair up; a
    // heading is among the document's headings, which the shortcut leaves as they were.
    if defines_notes(events) || events.iter().any(|e| matches!(e, Event::Start(Tag::Heading { .. }))) {
        return None;
    }
    let notes = note_names(events).map(str::to_string).zip(numbers.iter().copied());
    Some(Editable { quote, notes: notes.collect() })
}

fn defines_notes(events: &[Event<'_>]) -> bool {
    events.iter().any(|e| matches!(e, Event::Start(Tag::FootnoteDefinition(_))))
}

/// Whether the line `end` is on ends with a line break and the line after it is blank (or
/// empty at the end of the text). Parsed alone, a block is followed by a blank line: code at
/// the very end of the text would gain a line break.
fn blank_line_follows(text: &str, end: usize) -> bool {
    let mut lines = text[end..].split('\n').skip(1);
    lines.next().is_some_and(|line| line.trim_matches([' ', '\t', '\r']).is_empty())
}

fn note_names<'e>(events: &'e [Event<'_>]) -> impl Iterator<Item = &'e str> {
    events.iter().filter_map(|e| match e {
        Event::FootnoteReference(name) => Some(name.as_ref()),
        _ => None,
    })
}

/// Texts are compared this many bytes at a time: slice equality is a `memcmp`, many times
/// faster than a loop over each byte of a long post.
const CHUNK: usize = 64;

/// How many bytes `a` and `b` share at their start.
fn common_prefix(a: &[u8], b: &[u8]) -> usize {
    let len = a.len().min(b.len());
    let mut at = 0;
    while at + CHUNK <= len && a[at..at + CHUNK] == b[at..at + CHUNK] {
        at += CHUNK;
    }
    at + a[at..len].iter().zip(&b[at..len]).take_while(|(x, y)| x == y).count()
}

/// How many bytes `a` and `b` share at their end.
fn common_suffix(a: &[u8], b: &[u8]) -> usize {
    let len = a.len().min(b.len());
    let (a, b) = (&a[a.len() - len..], &b[b.len() - len..]);
    let mut end = len;
    while end >= CHUNK && a[end - CHUNK..end] == b[end - CHUNK..end] {
        end -= CHUNK;
    }
    let rest = a[..end].iter().rev().zip(b[..end].iter().rev());
    len - end + rest.take_while(|(x, y)| x == y).count()
}

/// Where `old` and `new` differ: (start, end in old, end in new), on character boundaries.
fn changed_span(old: &str, new: &str) -> (usize, usize, usize) {
    let mut prefix = common_prefix(old.as_bytes(), new.as_bytes());
    while !old.is_char_boundary(prefix) || !new.is_char_boundary(prefix) {
        prefix -= 1;
    }
    let mut suffix = common_suffix(&old.as_bytes()[prefix..], &new.as_bytes()[prefix..]);
    while !old.is_char_boundary(old.len() - suffix) || !new.is_char_boundary(new.len() - suffix) {
        suffix -= 1;
    }
    (prefix, old.len() - suffix, new.len() - suffix)
}

impl Renderer {
    /// The shortcut render of `text`, or `None` when the change is not one it can take.
    pub(super) fn render_block_edit(
        &mut self,
        text: &str,
        opts: &RenderOptions,
    ) -> Option<Rendered> {
        let last = self.last.as_ref()?;
        if last.image_base != opts.image_base {
            return None;
        }
        let (from, old_to, new_to) = changed_span(&last.text, text);
        let (removed, inserted) = (&last.text[from..old_to], &text[from..new_to]);
        if removed.contains(['\n', '\r']) || inserted.contains(['\n', '\r']) {
            return None;
        }
        // The block holding the change; its first byte must stay (a line's indentation and
        // first character decide what block it starts).
        let index = last
            .blocks
            .partition_point(|(range, _, _)| range.start < from)
            .checked_sub(1)?;
        let (range, editable, old_words) = last.blocks.get(index)?.clone();
        let editable = editable?;
        if old_to > range.end {
            return None;
        }
        // A blank line ends a block quote whatever it holds. Without one, the line after it
        // (a block of its own now) could join it lazily once the edit ends it in a paragraph.
        if editable.quote && !blank_line_follows(&last.text, range.end) {
            return None;
        }
        let new_end = range.end - old_to + new_to;
        let source = &text[range.start..new_end];
        // The block keeps the lines it was shown with only while its last line keeps some text.
        if source[source.trim_end().len()..].contains('\n') {
            return None;
        }
        // Parsed to the end of its last line: spaces there are code's in a quoted code block.
        let line_end = text[new_end..].find('\n').map_or(text.len(), |at| new_end + at);
        let document = format!("{}\n\n{}", &text[range.start..line_end], last.definitions);
        let events = alone_block(&document, line_end - range.start)?;
        if matches!(events[0], Event::Start(Tag::BlockQuote(_))) != editable.quote || defines_notes(&events) {
            return None;
        }
        // Parsed alone, every footnote reference is one (see `alone_block`); in the document,
        // only one to a note defined there is. (pulldown-cmark matches labels ignoring case:
        // a reference spelt otherwise takes the full render.)
        if !note_names(&events).all(|name| last.notes_defined.contains(name)) {
            return None;
        }

        let image_base = opts.image_base.as_deref();
        let image_scheme = base_scheme(image_base);
        let ctx = Context {
            image_base,
            image_scheme: image_scheme.as_deref(),
            rewrite_link: None,
            rewrite_image: None,
        };
        let mut document = DocumentState::default();
        let (ids, _) = prepare(&events, &mut document);
        let notes = &editable.notes;
        let same_notes = note_names(&events).eq(notes.iter().map(|(name, _)| name.as_str()));
        if !ids.is_empty() || !same_notes {
            return None;
        }
        let numbers: Vec<usize> = notes.iter().map(|(_, number)| *number).collect();
        // The same fingerprint a full render computes, so both share cached blocks.
        let fingerprint = fingerprint(image_base, &ids, &numbers, &events, source.len());
        let block = match self.blocks.get(fingerprint) {
            Some(block) => block,
            None => {
                let writer = BlockWriter::new(self, &ctx, true);
                let prepared = Prepared {
                    events,
                    ids,
                    numbers,
                    source_len: source.len(),
                };
                let written = writer.write(prepared, &mut LineMemo::default());
                let block = self.keep_written(written);
                if !block.headings.is_empty() {
                    return None;
                }
                block
            }
        };

        let last = self.last.as_mut()?;
        let shift = |at: usize| at - old_to + new_to;
        last.text = text.to_owned();
        last.blocks[index] = (range.start..new_end, Some(editable), block.words);
        for (later, _, _) in &mut last.blocks[index + 1..] {
            *later = shift(later.start)..shift(later.end);
        }
        #[cfg(test)]
        {
            self.shortcuts += 1;
        }
        let last = self.last.as_mut()?;
        let rendered = &mut last.rendered;
        rendered.word_count = rendered.word_count - old_words + block.words;
        let shown = rendered.blocks.get_mut(index)?;
        shown.key = block.key;
        shown.html = block.html;
        Some(rendered.clone())
    }
}

/// The events of `document`'s first block when it is one paragraph or block quote spanning
/// exactly its first `len` bytes (as trimmed), defining no link, and nothing after it makes
/// events (link definitions make none). Footnotes are parsed the older way, where `[^label]`
/// is a reference whether or not the note is defined: the document's notes are not parsed
/// with it (at a thousand notes, that was most of a keystroke's render).
fn alone_block(document: &str, len: usize) -> Option<Vec<Event<'_>>> {
    let parser = Parser::new_ext(document, parser_options() | Options::ENABLE_OLD_FOOTNOTES);
    // A definition of its own would change links elsewhere in the document.
    if parser.reference_definitions().iter().any(|(_, def)| def.span.start < len) {
        return None;
    }
    let mut parsed = parser.into_offset_iter();
    let (first, range) = parsed.next()?;
    let spans = document[range.clone()].trim_end().len() == document[..len].trim_end().len();
    let kind = matches!(first, Event::Start(Tag::Paragraph | Tag::BlockQuote(_)));
    if !kind || range.start != 0 || !spans {
        return None;
    }
    let mut events = vec![first];
    let mut depth = 1usize;
    while depth > 0 {
        let (event, range) = parsed.next()?;
        match &event {
            Event::Start(_) => depth += 1,
            Event::End(_) => depth -= 1,
            // The older way lets a reference's label run over a line break; the document's
            // way does not.
            Event::FootnoteReference(_) if document[range].contains(['\n', '\r']) => return None,
            _ => {}
        }
        events.push(event);
    }
    if parsed.next().is_some() {
        return None;
    }
    matches!(events.last(), Some(Event::End(TagEnd::Paragraph | TagEnd::BlockQuote(_)))).then_some(events)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_ends_match_a_byte_by_byte_count() {
        let base: Vec<u8> = (0..300u32).map(|i| (i * 7 % 13) as u8).collect();
        for cut in [0, 1, 63, 64, 65, 128, 200, 299] {
            for extra in [0, 1, 70] {
                let mut other = base.clone();
                other.splice(cut..cut, std::iter::repeat_n(99u8, extra));
                let slow_prefix = base.iter().zip(&other).take_while(|(a, b)| a == b).count();
                let slow_suffix = base.iter().rev().zip(other.iter().rev()).take_while(|(a, b)| a == b).count();
                assert_eq!(common_prefix(&base, &other), slow_prefix, "cut {cut} extra {extra}");
                assert_eq!(common_suffix(&base, &other), slow_suffix, "cut {cut} extra {extra}");
                assert_eq!(common_prefix(&base[..cut], &base), cut);
                assert_eq!(common_suffix(&base[cut..], &base), base.len() - cut);
            }
        }
    }

    #[test]
    fn the_changed_span_keeps_to_character_boundaries() {
        assert_eq!(changed_span("abc", "abxc"), (2, 2, 3));
        assert_eq!(changed_span("aéb", "aèb"), (1, 3, 3));
        assert_eq!(changed_span("same", "same"), (4, 4, 4));
        assert_eq!(changed_span("aa", "aaa"), (2, 2, 3));
    }

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
            let mut fresh = super::super::super::render_with(&text, &opts);
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
    fn a_quick_render_is_the_shortcut_or_a_short_text() {
        let opts = RenderOptions::default();
        let fresh = |text: &str| {
            let mut fresh = super::super::super::render_with(text, &opts);
            fresh.html.clear();
            fresh
        };
        let long = "- item one\n\nA paragraph.\n\n".repeat(super::super::QUICK_LEN / 20);
        let mut renderer = Renderer::new();
        assert!(renderer.render_blocks_quickly(&long, &opts).is_none(), "nothing to reuse yet");
        renderer.render_blocks(&long, &opts);
        let in_paragraph = long.replacen("A paragraph.", "A paragraph!", 1);
        assert_eq!(renderer.render_blocks_quickly(&in_paragraph, &opts), Some(fresh(&in_paragraph)));
        let in_list = in_paragraph.replacen("item one", "item 1", 1);
        assert!(renderer.render_blocks_quickly(&in_list, &opts).is_none(), "a list item is not taken");
        assert_eq!(renderer.render_blocks(&in_list, &opts), fresh(&in_list));
        let short = "- item\n";
        assert_eq!(renderer.render_blocks_quickly(short, &opts), Some(fresh(short)));
    }

    #[test]
    fn every_render_equals_a_fresh_one_through_random_edits_of_quotes_and_notes() {
        let pieces = [
            "> A quote[^a] with *x*", "> > nested `c`", "Para[^b] and [l] text", "> - item\n> - two",
            "> ```\n> code", "plain", "[^a]: Note.", "> [^b]: In a quote.", "[l]: /u", "# Head",
            "> lazy\ncontinued", "",
        ];
        let typed = ["x", " ", "#", "# ", ">", "> ", "[^a]", "[^b]", "[^A]", "^", "]", ":", "`", "*", "-", "\n", "[l]", "[^a](/u)"];
        let mut seed = 29u64;
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
                text = blocks.join(if random(3) == 0 { "\n" } else { "\n\n" }) + "\n";
            }
            let mut at = random(text.len() + 1);
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            if random(3) == 0 {
                let end = (at + 1 + random(4)).min(text.len());
                text.replace_range(at..end, "");
            } else {
                text.insert_str(at, typed[random(typed.len())]);
            }
            let mut fresh = super::super::super::render_with(&text, &opts);
            fresh.html.clear();
            assert_eq!(renderer.render_blocks(&text, &opts), fresh, "step {step}: {text:?}");
        }
        assert!(renderer.shortcuts > 500, "only {} of 3000 renders took the shortcut", renderer.shortcuts);
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
            let mut fresh = super::super::super::render_with(&text, &opts);
            fresh.html.clear();
            assert_eq!(renderer.render_blocks(&text, &opts), fresh, "step {step}");
        }
        assert!(
            renderer.shortcuts > 150,
            "only {} of 600 renders took the shortcut",
            renderer.shortcuts
        );
    }
}
