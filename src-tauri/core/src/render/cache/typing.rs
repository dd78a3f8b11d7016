//! The keystroke shortcut: an edit inside one top-level paragraph, list or block quote, with
//! no line break typed or deleted, is rendered by parsing that block alone instead of the
//! whole document (at 1 MB, the parse and the walk over every block were ~35 ms of each
//! keystroke).
//!
//! Why the result equals a full render: the block is a top-level block. It is parsed
//! together with the blocks on either side (of a block a raw HTML wrapper joined from
//! several, the one next to it), and must again be one block spanning exactly its
//! text, with those blocks starting where they did: then nothing before it took it in and
//! nothing after it joined it, the text after it parses as before, and the block's own lines
//! keep their meaning. Reference links resolve as in the whole document because every link
//! definition's source is parsed with it; a footnote reference must name a note the document
//! defines. Footnotes are numbered across the document, so the block keeps its numbers only
//! while it refers to the same footnotes in the same order; blocks with headings (ids
//! deduplicated across the document) or definitions never take this path. Anything else
//! falls back to the full render. Property tests compare both on random edits.

use super::super::blocks::parser_options;
use super::super::urls::base_scheme;
use super::super::transform::{prepare, Context, DocumentState};
use super::super::Rendered;
use super::super::highlight::LineMemo;
use super::write::{BlockWriter, Prepared};
use super::{fingerprint, Renderer};
use crate::render::RenderOptions;
use pulldown_cmark::{Event, Options, Parser, Tag};
use std::collections::HashSet;
use std::ops::Range;

mod span;
use span::changed_span;

/// What the last full preview render saw, kept up to date by each shortcut render.
pub(in crate::render) struct LastRender {
    text: String,
    /// Where the text after the front matter starts.
    body_start: usize,
    /// The options it was rendered with (the image bases).
    opts: RenderOptions,
    /// Every link reference definition's source (see `Cut::definitions`).
    definitions: String,
    /// Every footnote definition's label, as written.
    notes_defined: HashSet<String>,
    /// Each top-level block as shown.
    blocks: Vec<Shown>,
    rendered: Rendered,
}

impl LastRender {
    pub fn begin(text: &str, body_start: usize, opts: &RenderOptions, definitions: String, notes_defined: Vec<String>) -> LastRender {
        LastRender {
            text: text.to_owned(),
            body_start,
            opts: opts.clone(),
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

    /// `edges`: where the block's first parser block ends and its last one starts.
    pub fn push_block(&mut self, range: Range<usize>, edges: (usize, usize), editable: Option<Editable>, words: usize) {
        let (first_end, last_start) = edges;
        self.blocks.push(Shown { range, first_end, last_start, editable, words });
    }

    pub fn finish(mut self, rendered: Rendered) -> LastRender {
        self.rendered = rendered;
        self
    }
}

/// A top-level block of the last render.
#[derive(Clone)]
struct Shown {
    /// Its byte range in the text.
    range: Range<usize>,
    /// A block joined from several (by a raw HTML wrapper): where the first of them ends and
    /// the last starts. A block beside the edited one is parsed with it only by the part that
    /// touches it, the only part that can take the edited block in or join it.
    first_end: usize,
    last_start: usize,
    /// What the shortcut needs of it, if it can take it.
    editable: Option<Editable>,
    words: usize,
}

impl Shown {
    fn shift(&mut self, shift: impl Fn(usize) -> usize) {
        self.range = shift(self.range.start)..shift(self.range.end);
        self.first_end = shift(self.first_end);
        self.last_start = shift(self.last_start);
    }
}

/// What the shortcut needs of a block it can render alone: its footnote references in order
/// and the numbers the document gave them.
#[derive(Clone)]
pub(in crate::render) struct Editable {
    notes: Vec<(String, usize)>,
}

/// What the shortcut needs of a block with these `events` and `numbers` (from [`prepare`]),
/// or `None` when it cannot take the block.
pub(in crate::render) fn editable(events: &[Event<'_>], numbers: &[usize]) -> Option<Editable> {
    if !takes(events) {
        return None;
    }
    let notes = note_names(events).map(str::to_string).zip(numbers.iter().copied());
    Some(Editable { notes: notes.collect() })
}

/// Whether the shortcut takes a block with these events: paragraphs, quotes and lists, with
/// no heading (its id is the document's) or footnote definition (it takes a number too, and
/// the numbers would no longer pair up). Raw HTML blocks and tables are kept out by caution:
/// whether a line starts or continues one depends on the lines around it. (Random runs found
/// them wrong before the blocks on either side were parsed with the edited one, and not
/// since.)
fn takes(events: &[Event<'_>]) -> bool {
    let kind = matches!(events.first(), Some(Event::Start(Tag::Paragraph | Tag::BlockQuote(_) | Tag::List(_))));
    kind && !events.iter().any(|e| {
        matches!(
            e,
            Event::Start(Tag::Heading { .. } | Tag::FootnoteDefinition(_) | Tag::HtmlBlock | Tag::Table(_))
        )
    })
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
        if last.opts != *opts {
            return None;
        }
        // Front matter left open shows as Markdown; the line or brace that closes it (typed
        // anywhere after it) hides it all. Where the body starts is found again each time: up
        // to the closer, or over the whole text only while it stays open.
        if super::super::body_start(text) != last.body_start {
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
            .partition_point(|block| block.range.start < from)
            .checked_sub(1)?;
        let Shown { range, editable, words: old_words, .. } = last.blocks.get(index)?.clone();
        let editable = editable?;
        if old_to > range.end {
            return None;
        }
        let shift = |at: usize| at - old_to + new_to;
        let new_end = shift(range.end);
        let source = &text[range.start..new_end];
        // The block keeps the lines it was shown with only while its last line keeps some text.
        if source[source.trim_end().len()..].contains('\n') {
            return None;
        }
        // Parsed with the blocks on either side: from the start of the line the block before
        // starts on (indentation counts) through the end of the next one's last line (or to
        // the end of the text), then the link definitions. Of a joined block, only the part
        // beside the edited one.
        let previous = index.checked_sub(1).and_then(|i| last.blocks.get(i)).map(|prev| prev.last_start);
        let first_start = previous.unwrap_or(range.start);
        let doc_start = text[..first_start].rfind('\n').map_or(0, |at| at + 1);
        // A line just before (say, a link definition) could make the first block something
        // else: the parse starts after a blank line, or where the body does.
        let line_before = text[..doc_start.saturating_sub(1)].rsplit('\n').next().unwrap_or_default();
        if doc_start > last.body_start && !line_before.trim().is_empty() {
            return None;
        }
        let next = last.blocks.get(index + 1).map(|next| shift(next.range.start)..shift(next.first_end));
        let region_end = match &next {
            Some(next) => text[next.end..].find('\n').map_or(text.len(), |at| next.end + at + 1),
            None => text.len(),
        };
        let mut document = text[doc_start..region_end].to_owned();
        if !last.definitions.is_empty() {
            // They come after a blank line, which would end code left open at the very end
            // of a text with no line break there.
            if !document.ends_with('\n') {
                return None;
            }
            document.push_str("\n\n");
            document.push_str(&last.definitions);
        }
        let starts: Vec<usize> = [previous, Some(range.start), next.map(|next| next.start)]
            .into_iter()
            .flatten()
            .map(|at| at - doc_start)
            .collect();
        let parsed = Alone {
            edited: usize::from(previous.is_some()),
            len: new_end - range.start,
            starts,
            region: region_end - doc_start,
        };
        let events = parsed.edited_block(&document)?;
        if !takes(&events) {
            return None;
        }
        // Parsed alone, every footnote reference is one (see `Alone::edited_block`); in the document,
        // only one to a note defined there is. (pulldown-cmark matches labels ignoring case:
        // a reference spelt otherwise takes the full render.)
        if !note_names(&events).all(|name| last.notes_defined.contains(name)) {
            return None;
        }

        let image_base = opts.image_base.as_deref();
        let image_scheme = base_scheme(image_base);
        let ctx = Context {
            image_base,
            site_base: opts.site_base.as_deref(),
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
        let fingerprint = fingerprint(ctx.bases(), &ids, &numbers, &events, source.len());
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
        last.text = text.to_owned();
        let range = range.start..new_end;
        last.blocks[index] = Shown { first_end: range.end, last_start: range.start, range, editable: Some(editable), words: block.words };
        for later in &mut last.blocks[index + 1..] {
            later.shift(shift);
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

/// Where, in a document made of an edited block, the blocks on either side of it and the
/// link definitions, the parse must find the blocks.
struct Alone {
    /// Where each block must start...
    starts: Vec<usize>,
    /// ...which of them is the edited one, and its length...
    edited: usize,
    len: usize,
    /// ...and where the text of the blocks ends (the definitions follow).
    region: usize,
}

impl Alone {
    /// The edited block's events when every block starts where it should, the edited one
    /// spans exactly its text (as trimmed), none runs into the definitions (an unclosed fence
    /// would), and none holds a link definition. Footnotes are parsed the older way, where
    /// `[^label]` is a reference whether or not the note is defined: the document's notes are
    /// not parsed with it (at a thousand notes, that was most of a keystroke's render).
    fn edited_block<'d>(&self, document: &'d str) -> Option<Vec<Event<'d>>> {
        let parser = Parser::new_ext(document, parser_options() | Options::ENABLE_OLD_FOOTNOTES);
        // A definition in the block could change links elsewhere; one beside it would come
        // before the document's own in this parse.
        if parser.reference_definitions().iter().any(|(_, def)| def.span.start < self.region) {
            return None;
        }
        let within = |range: &Range<usize>| {
            range.end <= self.region || document[self.region..range.end].trim().is_empty()
        };
        let mut parsed = parser.into_offset_iter();
        let mut edited = None;
        for (at, &start) in self.starts.iter().enumerate() {
            let (first, range) = parsed.next()?;
            if !matches!(first, Event::Start(_)) || range.start != start || !within(&range) {
                return None;
            }
            let mine = at == self.edited;
            if mine && document[range].trim_end().len() != document[start..start + self.len].trim_end().len() {
                return None;
            }
            let mut events = vec![first];
            let mut depth = 1usize;
            while depth > 0 {
                let (event, range) = parsed.next()?;
                match &event {
                    Event::Start(_) => depth += 1,
                    Event::End(_) => depth -= 1,
                    // The older way lets a reference's label run over a line break; the
                    // document's way does not.
                    Event::FootnoteReference(_) if mine && document[range].contains(['\n', '\r']) => return None,
                    _ => {}
                }
                if mine {
                    events.push(event);
                }
            }
            if mine {
                edited = Some(events);
            }
        }
        parsed.next().is_none().then_some(edited).flatten()
    }
}

#[cfg(test)]
mod tests;
