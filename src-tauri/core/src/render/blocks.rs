//! Cutting one parse of the whole document into top-level blocks, and mapping byte offsets to
//! lines. Parsing once keeps link reference and footnote definitions resolving across blocks.

use super::wrappers::Wrappers;
use pulldown_cmark::{DefaultBrokenLinkCallback, Event, OffsetIter, Options, Parser};
use std::collections::VecDeque;
use std::ops::Range;

/// The Markdown extensions every render uses.
pub fn parser_options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// One top-level block: its byte range in the parsed text and its events.
#[derive(Debug)]
pub struct SourceBlock<'a> {
    pub range: Range<usize>,
    pub events: Vec<Event<'a>>,
    /// Where the parser's first block of `range` ends and its last one starts: blocks a
    /// wrapper joined are several (see [`super::wrappers`]), any other is one.
    pub first_end: usize,
    pub last_start: usize,
}

impl<'a> SourceBlock<'a> {
    pub fn new(range: Range<usize>, events: Vec<Event<'a>>) -> Self {
        SourceBlock { first_end: range.end, last_start: range.start, range, events }
    }
}

/// Parse `body` once and cut the event stream wherever nesting depth returns to zero.
#[cfg(test)]
pub fn cut(body: &str) -> Vec<SourceBlock<'_>> {
    Cut::new(body).collect()
}

/// The top-level blocks of one parse of a body, each as soon as the parser has finished it
/// (so the renderer can write early blocks while later ones are parsed), but for blocks a raw
/// HTML element wraps, which come as one block once it is closed ([`super::wrappers`]).
pub struct Cut<'a> {
    body: &'a str,
    events: OffsetIter<'a, DefaultBrokenLinkCallback>,
    /// Blocks read ahead while looking for the end of a wrapper, not yet handed out.
    ahead: VecDeque<SourceBlock<'a>>,
}

impl<'a> Cut<'a> {
    pub fn new(body: &'a str) -> Self {
        Cut {
            body,
            events: Parser::new_ext(body, parser_options()).into_offset_iter(),
            ahead: VecDeque::new(),
        }
    }

    pub fn body_len(&self) -> usize {
        self.body.len()
    }

    /// Once every block is taken: where each link reference definition starts, in order.
    pub fn definition_starts(&self) -> Vec<usize> {
        let definitions = self.events.reference_definitions();
        let mut starts: Vec<usize> = definitions.iter().map(|(_, def)| def.span.start).collect();
        starts.sort_unstable();
        starts
    }

    /// Once every block is taken: the source of every link reference definition, one after
    /// another, when that source parsed alone defines exactly the same links (`None`
    /// otherwise, e.g. a definition inside a block quote). Appended to one paragraph's text,
    /// it lets the paragraph be parsed alone with its reference links resolved as in the
    /// whole document.
    pub fn definitions(&self) -> Option<String> {
        let definitions = self.events.reference_definitions();
        let mut source = String::new();
        for (_, def) in definitions.iter() {
            source.push_str(self.body.get(def.span.clone()).unwrap_or_default().trim_end());
            source.push_str("\n\n");
        }
        let alone = Parser::new_ext(&source, parser_options());
        let same = alone.reference_definitions().iter().count() == definitions.iter().count()
            && definitions.iter().all(|(label, def)| {
                alone
                    .reference_definitions()
                    .get(label)
                    .is_some_and(|d| d.dest == def.dest && d.title == def.title)
            });
        same.then_some(source)
    }
}

impl<'a> Iterator for Cut<'a> {
    type Item = SourceBlock<'a>;

    fn next(&mut self) -> Option<SourceBlock<'a>> {
        if let Some(block) = self.ahead.pop_front() {
            return Some(block);
        }
        let first = self.top_level_block()?;
        let mut wrappers = Wrappers::default();
        wrappers.read(&first, 0);
        if wrappers.all_closed() {
            return Some(first);
        }
        let mut run = vec![first];
        while !wrappers.all_closed() {
            let Some(block) = self.top_level_block() else { break };
            wrappers.read(&block, run.len());
            run.push(block);
        }
        self.ahead = wrappers.join(run).into();
        self.ahead.pop_front()
    }
}

impl<'a> Cut<'a> {
    /// The parser's next top-level block.
    fn top_level_block(&mut self) -> Option<SourceBlock<'a>> {
        let (first, range) = self.events.next()?;
        // Trailing blank lines belong to no block: the scroll map should end on content. A block
        // of whitespace alone (a no-break space) keeps its first character, whole: the range
        // must end on a character boundary, as the keystroke shortcut slices the text there.
        let source = self.body.get(range.clone()).unwrap_or_default();
        let content = match source.trim_end().len() {
            0 => source.chars().next().map_or(1, char::len_utf8),
            len => len,
        };
        let range = range.start..range.start + content.min(range.len());
        let mut depth = usize::from(matches!(first, Event::Start(_)));
        // Room for a usual paragraph's events without regrowing.
        let mut events = Vec::with_capacity(32);
        events.push(first);
        while depth > 0 {
            let Some((event, _)) = self.events.next() else { break };
            match event {
                Event::Start(_) => depth += 1,
                Event::End(_) => depth -= 1,
                _ => {}
            }
            events.push(event);
        }
        Some(SourceBlock::new(range, events))
    }
}

/// Byte offset → 0-based line number of a text.
#[derive(Debug)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let starts = std::iter::once(0)
            .chain(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1))
            .collect();
        LineIndex { starts }
    }

    pub fn line_of(&self, offset: usize) -> u32 {
        let line = self
            .starts
            .partition_point(|&start| start <= offset)
            .saturating_sub(1);
        u32::try_from(line).unwrap_or(u32::MAX)
    }

    /// First and last line of a byte range (its end is exclusive).
    pub fn lines_of(&self, range: &Range<usize>) -> (u32, u32) {
        let last = range.end.saturating_sub(1).max(range.start);
        (self.line_of(range.start), self.line_of(last))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_follow_top_level_elements() {
        let text = "# Title\n\nPara one\nstill one\n\n- a\n- b\n\n---\n";
        let blocks = cut(text);
        let lines = LineIndex::new(text);
        let spans: Vec<(u32, u32)> = blocks.iter().map(|b| lines.lines_of(&b.range)).collect();
        assert_eq!(spans, vec![(0, 0), (2, 3), (5, 6), (8, 8)]);
    }

    #[test]
    fn line_index_maps_offsets() {
        let lines = LineIndex::new("a\nbc\n\nd");
        assert_eq!(lines.line_of(0), 0);
        assert_eq!(lines.line_of(2), 1);
        assert_eq!(lines.line_of(5), 2);
        assert_eq!(lines.line_of(6), 3);
        assert_eq!(lines.line_of(100), 3);
    }
}
