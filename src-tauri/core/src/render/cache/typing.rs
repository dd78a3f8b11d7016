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

mod span;
use span::changed_span;

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
mod tests;
