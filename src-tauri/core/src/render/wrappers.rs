//! Raw HTML that wraps Markdown across blank lines: `<details>` … blank line … Markdown …
//! `</details>`, or `<div align="center">` around an image. CommonMark ends an HTML block at a
//! blank line, so the opening and the closing tag land in different top-level blocks; each
//! sanitised alone, the wrapper would close empty and the Markdown would fall out of it. A run
//! of blocks from the one that opens an element to the one that closes it is therefore joined
//! into one block (one sanitiser pass sees the whole element, as on GitHub and in Hugo).
//!
//! Only top-level HTML blocks open or close wrappers (inline HTML in a paragraph does not), so
//! an edit the keystroke shortcut takes (a paragraph, list or quote, never an HTML block) can
//! never change which blocks are joined. An element never closed joins nothing: one stray tag
//! must not make the rest of a long post one block.

use super::blocks::SourceBlock;
use super::sanitize::ALLOWED_TAGS;
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer};
use pulldown_cmark::{Event, Tag};
use std::cell::RefCell;
use std::ops::RangeInclusive;

/// Elements that never have content, so never wrap anything.
const VOID: [&str; 14] = [
    "area", "base", "br", "col", "embed", "hr", "img", "input", "keygen", "link", "meta", "param", "source",
    "track",
];

/// The elements a run of blocks (counted from 0) left open, and the runs that elements opened
/// and then closed.
#[derive(Default)]
pub struct Wrappers {
    /// Open elements, innermost last, with the block that opened each.
    open: Vec<(String, usize)>,
    /// Blocks from an element's opening to its closing.
    closed: Vec<RangeInclusive<usize>>,
}

impl Wrappers {
    /// Follow the tags of block `index` of the run, when it is a top-level HTML block.
    pub fn read(&mut self, block: &SourceBlock<'_>, index: usize) {
        if !matches!(block.events.first(), Some(Event::Start(Tag::HtmlBlock))) {
            return;
        }
        let html: String = block
            .events
            .iter()
            .filter_map(|event| match event {
                Event::Html(html) => Some(html.as_ref()),
                _ => None,
            })
            .collect();
        for (kind, name) in tags(&html) {
            match kind {
                TagKind::StartTag => self.open.push((name, index)),
                // A closing tag closes the nearest open element of its name and every element
                // opened inside it (as browsers do); one matching nothing is ignored.
                TagKind::EndTag => {
                    if let Some(at) = self.open.iter().rposition(|(open, _)| *open == name) {
                        let opened = self.open[at].1;
                        self.open.truncate(at);
                        if opened < index {
                            self.closed.push(opened..=index);
                        }
                    }
                }
            }
        }
    }

    /// Every element opened so far is closed: the run can end here.
    pub fn all_closed(&self) -> bool {
        self.open.is_empty()
    }

    /// The run's blocks, those an element spans joined into one.
    pub fn join<'a>(mut self, run: Vec<SourceBlock<'a>>) -> Vec<SourceBlock<'a>> {
        self.closed.sort_unstable_by_key(|span| *span.start());
        let mut spans = self.closed.into_iter().peekable();
        let mut joined: Vec<SourceBlock<'a>> = Vec::with_capacity(run.len());
        let mut last_joined = None;
        for (index, block) in run.into_iter().enumerate() {
            while spans.peek().is_some_and(|span| *span.start() <= index) {
                let span = spans.next().unwrap_or(index..=index);
                if last_joined.is_none_or(|end| end < *span.start()) {
                    // Starts a new joined block here.
                    last_joined = Some(*span.end());
                    joined.push(SourceBlock::new(block.range.clone(), Vec::new()));
                } else {
                    last_joined = last_joined.max(Some(*span.end()));
                }
            }
            match (last_joined, joined.last_mut()) {
                (Some(end), Some(into)) if index <= end => {
                    into.range.end = block.range.end;
                    into.last_start = block.range.start;
                    into.events.extend(block.events);
                }
                _ => joined.push(block),
            }
        }
        joined
    }
}

/// The start and end tags of an HTML fragment that can wrap Markdown: elements the sanitiser
/// keeps (any other is dropped, so its splitting changes nothing), names lower-cased, void and
/// self-closed elements left out. Text of `<script>`, `<style>` and the like is text, as in a
/// browser (never tags), and those elements are never wrappers: an unclosed one would hide
/// the rest of the post.
fn tags(html: &str) -> Vec<(TagKind, String)> {
    struct Sink(RefCell<Vec<(TagKind, String)>>);
    impl TokenSink for Sink {
        type Handle = ();
        fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
            let Token::TagToken(tag) = token else { return TokenSinkResult::Continue };
            let name: &str = &tag.name;
            let raw = match name {
                "script" => Some(RawKind::ScriptData),
                "style" | "xmp" | "iframe" | "noembed" | "noframes" => Some(RawKind::Rawtext),
                "textarea" | "title" => Some(RawKind::Rcdata),
                _ => None,
            };
            let wraps = ALLOWED_TAGS.contains(&name) && (tag.kind == TagKind::EndTag || !(tag.self_closing || VOID.contains(&name)));
            if wraps {
                self.0.borrow_mut().push((tag.kind, name.to_string()));
            }
            match raw {
                Some(kind) if tag.kind == TagKind::StartTag && !tag.self_closing => TokenSinkResult::RawData(kind),
                _ => TokenSinkResult::Continue,
            }
        }
    }
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(html));
    let tokenizer = Tokenizer::new(Sink(RefCell::new(Vec::new())), Default::default());
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    tokenizer.sink.0.take()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(html: &str) -> Vec<String> {
        tags(html)
            .into_iter()
            .map(|(kind, name)| if kind == TagKind::EndTag { format!("/{name}") } else { name })
            .collect()
    }

    #[test]
    fn tags_skip_void_elements_comments_and_script_text() {
        assert_eq!(names("<DIV class='a>b'><img src=x><br/><!-- <p> --><span/></div>"), ["div", "/div"]);
        assert_eq!(names("<script>if (a<b) { '</div>' }</script><p>"), ["p"]);
        assert_eq!(names("<center><font>x</font></center><details>"), ["details"]);
    }

    fn html_block(html: &str) -> SourceBlock<'_> {
        SourceBlock::new(0..html.len(), vec![Event::Start(Tag::HtmlBlock), Event::Html(html.into())])
    }

    #[test]
    fn a_closing_tag_closes_what_was_opened_inside_its_element() {
        let mut wrappers = Wrappers::default();
        wrappers.read(&html_block("<div><details>"), 0);
        wrappers.read(&SourceBlock::new(0..1, vec![Event::Text("</div>".into())]), 1);
        assert!(!wrappers.all_closed(), "text is not a tag");
        wrappers.read(&html_block("</div>"), 2);
        assert!(wrappers.all_closed());
        assert_eq!(wrappers.closed, vec![0..=2]);
    }
}
