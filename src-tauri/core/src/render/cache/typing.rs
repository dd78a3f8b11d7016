//! The keystroke shortcut: an edit inside one paragraph, with no line break typed or deleted,
//! is rendered by parsing that paragraph alone instead of the whole document (at 1 MB, the
//! parse and the walk over every block were ~35 ms of each keystroke).
//!
//! Why the result equals a full render: the paragraph is a top-level block, so the lines
//! before it parse as before, and the text after it starts where it did with no container
//! open; the paragraph's own lines keep their meaning when parsed alone (checked: the parse
//! must again be exactly one paragraph spanning the text). Reference links resolve because
//! every definition's source is parsed with it; footnotes (numbered across the document) and
//! headings (ids deduplicated across it) never take this path. Anything else falls back to
//! the full render. A property test compares both on random edits.

use super::super::blocks::parser_options;
use super::super::sanitize::base_scheme;
use super::super::transform::{prepare, Context, DocumentState};
use super::super::Rendered;
use super::super::highlight::LineMemo;
use super::write::{BlockWriter, Prepared};
use super::{fingerprint, Renderer};
use crate::render::RenderOptions;
use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use std::ops::Range;

/// What the last full preview render saw, kept up to date by each shortcut render.
pub(in crate::render) struct LastRender {
    text: String,
    image_base: Option<String>,
    /// Every link reference definition's source (see `Cut::definitions`).
    definitions: String,
    /// Each top-level block's byte range in `text`, whether it is a paragraph, its words.
    blocks: Vec<(Range<usize>, bool, usize)>,
    rendered: Rendered,
}

impl LastRender {
    pub fn begin(text: &str, image_base: Option<&str>, definitions: String) -> LastRender {
        LastRender {
            text: text.to_owned(),
            image_base: image_base.map(str::to_owned),
            definitions,
            blocks: Vec::new(),
            rendered: Rendered {
                html: String::new(),
                headings: Vec::new(),
                word_count: 0,
                blocks: Vec::new(),
            },
        }
    }

    pub fn push_block(&mut self, range: Range<usize>, paragraph: bool, words: usize) {
        self.blocks.push((range, paragraph, words));
    }

    pub fn finish(mut self, rendered: Rendered) -> LastRender {
        self.rendered = rendered;
        self
    }
}

/// Where `old` and `new` differ: (start, end in old, end in new), on character boundaries.
fn changed_span(old: &str, new: &str) -> (usize, usize, usize) {
    let mut prefix = old
        .bytes()
        .zip(new.bytes())
        .take_while(|(a, b)| a == b)
        .count();
    while !old.is_char_boundary(prefix) || !new.is_char_boundary(prefix) {
        prefix -= 1;
    }
    let room = old.len().min(new.len()) - prefix;
    let mut suffix = old
        .bytes()
        .rev()
        .zip(new.bytes().rev())
        .take(room)
        .take_while(|(a, b)| a == b)
        .count();
    while !old.is_char_boundary(old.len() - suffix) || !new.is_char_boundary(new.len() - suffix) {
        suffix -= 1;
    }
    (prefix, old.len() - suffix, new.len() - suffix)
}

impl Renderer {
    /// The shortcut render of `text`, or `None` when the change is not one it can take.
    pub(super) fn render_paragraph_edit(
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
        let (range, paragraph, old_words) = last.blocks.get(index)?.clone();
        if !paragraph || old_to > range.end {
            return None;
        }
        let new_end = range.end - old_to + new_to;
        let old_source = &last.text[range.clone()];
        let source = &text[range.start..new_end];
        if old_source.contains("[^") || source.contains("[^") {
            return None;
        }
        let document = format!("{source}\n\n{}", last.definitions);
        let events = alone_paragraph(&document, source.len())?;

        let image_base = opts.image_base.as_deref();
        let image_scheme = base_scheme(image_base);
        let ctx = Context {
            image_base,
            image_scheme: image_scheme.as_deref(),
            rewrite_link: None,
            rewrite_image: None,
        };
        let mut document = DocumentState::default();
        let (ids, numbers) = prepare(&events, &mut document);
        if !ids.is_empty() || !numbers.is_empty() {
            return None;
        }
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
        last.blocks[index] = (range.start..new_end, true, block.words);
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

/// The events of `document`'s first block when it is one paragraph spanning exactly its first
/// `len` bytes (as trimmed) and nothing else in the document makes events.
fn alone_paragraph(document: &str, len: usize) -> Option<Vec<Event<'_>>> {
    let mut events = Vec::new();
    let mut depth = 0usize;
    for (event, range) in Parser::new_ext(document, parser_options()).into_offset_iter() {
        if depth == 0 {
            let starts_paragraph =
                matches!(event, Event::Start(Tag::Paragraph)) && range.start == 0;
            let spans =
                document[range.clone()].trim_end().len() == document[..len].trim_end().len();
            if !events.is_empty() || !starts_paragraph || !spans {
                return None;
            }
        }
        match &event {
            Event::Start(_) => depth += 1,
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
        events.push(event);
    }
    matches!(events.last(), Some(Event::End(TagEnd::Paragraph))).then_some(events)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_changed_span_keeps_to_character_boundaries() {
        assert_eq!(changed_span("abc", "abxc"), (2, 2, 3));
        assert_eq!(changed_span("aéb", "aèb"), (1, 3, 3));
        assert_eq!(changed_span("same", "same"), (4, 4, 4));
        assert_eq!(changed_span("aa", "aaa"), (2, 2, 3));
    }

    /// Random keystrokes and cuts anywhere in a generated post (prose, headings, lists,
    /// code, tables, reference links, footnotes, raw HTML): whether or not a render takes the
    /// shortcut, it equals a fresh render of the same text.
    #[test]
    fn every_render_equals_a_fresh_one_through_random_typing() {
        let typed = [
            "x", " ", "é", "[", "]", "*", "`", "#", "|", "-", ":", "<b>", "!", "[^1]", "\n", "1. ",
            "===",
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
