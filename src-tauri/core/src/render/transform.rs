//! Rewriting one block's events before they become HTML: heading ids, document-wide footnote
//! numbers, safe link and image URLs, highlighted code, and the word count. Text escaping is
//! left to pulldown-cmark's HTML writer.

use super::headings::{explicit_id, slug, HeadingIds, NOTE_ID_PREFIX};
use super::highlight::language_token;
use super::urls::{resolve_image, safe_url, UrlUse};
use crate::words::count_words_after;
use super::Heading;
use pulldown_cmark::{CodeBlockKind, CowStr, Event, LinkType, Tag, TagEnd};
use pulldown_cmark_escape::{escape_href, escape_html};
use std::collections::{HashMap, HashSet, VecDeque};
use std::sync::Arc;

/// Rewrites a caller may apply to link or image URLs (export uses them to point `.md` links
/// at pages and images at copied or embedded files). `None` keeps the URL. Shared, because
/// the sanitiser applies them to raw HTML's `href` and `src` too.
pub type UrlRewrite = Arc<dyn Fn(&str) -> Option<String> + Send + Sync>;

/// What stays the same for every block of one render.
pub struct Context<'h> {
    pub image_base: Option<&'h str>,
    pub site_base: Option<&'h str>,
    pub image_scheme: Option<&'h str>,
    pub rewrite_link: Option<UrlRewrite>,
    pub rewrite_image: Option<UrlRewrite>,
}

impl<'h> Context<'h> {
    fn rewrites(&self) -> bool {
        self.rewrite_link.is_some() || self.rewrite_image.is_some()
    }

    /// Everything an image URL is resolved against, for cache keys.
    pub fn bases(&self) -> [Option<&'h str>; 2] {
        [self.image_base, self.site_base]
    }
}

/// What carries from block to block of one document while its blocks are prepared, in order.
#[derive(Default)]
pub struct DocumentState {
    ids: HeadingIds,
    footnotes: HashMap<String, usize>,
    /// Every footnote definition's label, in order (for the keystroke shortcut).
    defined_notes: Vec<String>,
}

impl DocumentState {
    /// The state at the start of a document whose headings' explicit ids are `explicit`.
    pub fn reserving(explicit: HashSet<String>) -> Self {
        DocumentState {
            ids: HeadingIds::reserving(explicit),
            ..DocumentState::default()
        }
    }

    pub fn defined_notes(self) -> Vec<String> {
        self.defined_notes
    }
}

/// What a block takes from the document: its heading ids and footnote numbers, in order.
/// Assigning them here, before any HTML is written, lets a cached block still advance the
/// document's state exactly as rendering it would, and lets blocks be written in any order.
pub fn prepare(events: &[Event<'_>], state: &mut DocumentState) -> (Vec<String>, Vec<usize>) {
    let mut ids = Vec::new();
    let mut numbers = Vec::new();
    for (at, event) in events.iter().enumerate() {
        match event {
            Event::Start(Tag::Heading { id, .. }) => {
                let inner = events[at + 1..]
                    .iter()
                    .take_while(|e| !matches!(e, Event::End(TagEnd::Heading(_))));
                let text = plain_text(inner);
                ids.push(state.ids.assign(id.as_deref(), &text));
            }
            Event::FootnoteReference(name) | Event::Start(Tag::FootnoteDefinition(name)) => {
                let next = state.footnotes.len() + 1;
                numbers.push(*state.footnotes.entry(note_id(name)).or_insert(next));
                if matches!(event, Event::Start(_)) {
                    state.defined_notes.push(name.to_string());
                }
            }
            _ => {}
        }
    }
    (ids, numbers)
}

/// What writing one prepared block reads from the document and adds to it: its own, so that
/// blocks can be written in parallel; the renderer adds them up in document order.
pub struct BlockState {
    /// The ids and footnote numbers [`prepare`] gave this block, taken in the same order.
    ids: VecDeque<String>,
    numbers: VecDeque<usize>,
    pub headings: Vec<Heading>,
    pub words: usize,
}

impl BlockState {
    pub fn new(ids: Vec<String>, numbers: Vec<usize>) -> Self {
        BlockState {
            ids: ids.into(),
            numbers: numbers.into(),
            headings: Vec::new(),
            words: 0,
        }
    }

    /// The number [`prepare`] gave the next footnote reference or definition (0 would only
    /// show a block written without being prepared).
    fn next_number(&mut self) -> usize {
        self.numbers.pop_front().unwrap_or(0)
    }

    /// The id [`prepare`] gave the next heading (for an unprepared block, the explicit id or
    /// the slug, not deduplicated).
    fn next_id(&mut self, explicit: Option<&str>, text: &str) -> String {
        self.ids
            .pop_front()
            .unwrap_or_else(|| explicit_id(explicit).map_or_else(|| slug(text), str::to_string))
    }
}

/// One block as HTML, before sanitising. `raw` when the source had HTML of its own.
pub struct BlockHtml {
    pub html: String,
    pub raw: bool,
}

/// Turn a block's events into HTML. `highlight` renders a code block (language, code).
pub fn block_html(
    events: Vec<Event<'_>>,
    state: &mut BlockState,
    ctx: &Context<'_>,
    highlight: &mut dyn FnMut(Option<&str>, &str) -> String,
) -> BlockHtml {
    // A block with raw HTML is sanitised, and the sanitiser rewrites every `href` and `src`
    // of it (raw or from Markdown) once: its Markdown URLs are left for it here.
    let rewrite_here = !(ctx.rewrites() && events.iter().any(is_raw_html));
    write_block(events, state, ctx, highlight, rewrite_here)
}

fn is_raw_html(event: &Event<'_>) -> bool {
    matches!(event, Event::Html(_) | Event::InlineHtml(_))
}

fn write_block(
    events: Vec<Event<'_>>,
    state: &mut BlockState,
    ctx: &Context<'_>,
    highlight: &mut dyn FnMut(Option<&str>, &str) -> String,
    rewrite_here: bool,
) -> BlockHtml {
    // The rewritten events stream straight into the HTML writer: collecting them first
    // moved every event of the document twice more.
    let mut rewrite = Rewrite {
        events: events.into_iter(),
        state,
        ctx,
        highlight,
        queued: Vec::new(),
        raw: false,
        image_depth: 0,
        in_word: false,
        rewrite_here,
    };
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, rewrite.by_ref());
    BlockHtml {
        html,
        raw: rewrite.raw,
    }
}

/// A block's events as [`block_html`] writes them.
struct Rewrite<'e, 's, 'c, 'h, I> {
    events: I,
    state: &'s mut BlockState,
    ctx: &'c Context<'c>,
    highlight: &'h mut dyn FnMut(Option<&str>, &str) -> String,
    /// Events a heading emits after its start tag, last first.
    queued: Vec<Event<'e>>,
    /// The source had HTML of its own.
    raw: bool,
    image_depth: usize,
    in_word: bool,
    /// Apply the context's URL rewrites (else the sanitiser does, see [`block_html`]).
    rewrite_here: bool,
}

impl<'e, I: Iterator<Item = Event<'e>>> Iterator for Rewrite<'e, '_, '_, '_, I> {
    type Item = Event<'e>;

    fn next(&mut self) -> Option<Event<'e>> {
        if let Some(event) = self.queued.pop() {
            return Some(event);
        }
        let event = self.events.next()?;
        Some(match event {
            Event::Start(Tag::Heading { level, id, .. }) => {
                // The id goes in the start tag, so read the heading's text ahead of writing it.
                let mut inner = Vec::new();
                for next in self.events.by_ref() {
                    if matches!(next, Event::End(TagEnd::Heading(_))) {
                        break;
                    }
                    inner.push(next);
                }
                let text = plain_text(inner.iter());
                let id = self.state.next_id(id.as_deref(), &text);
                self.state.headings.push(Heading {
                    level: level as u8,
                    text,
                    id: id.clone(),
                });
                let inner_html =
                    write_block(inner, self.state, self.ctx, self.highlight, self.rewrite_here);
                self.raw |= inner_html.raw;
                self.in_word = false;
                self.queued.push(Event::End(TagEnd::Heading(level)));
                self.queued.push(Event::Html(CowStr::from(inner_html.html)));
                // Classes and attributes from `{.class key=value}` are dropped: they could carry
                // event handlers, and we emit nothing that needs them.
                Event::Start(Tag::Heading {
                    level,
                    id: Some(CowStr::from(id)),
                    classes: Vec::new(),
                    attrs: Vec::new(),
                })
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                let mut code = String::new();
                for next in self.events.by_ref() {
                    match next {
                        Event::End(TagEnd::CodeBlock) => break,
                        Event::Text(text) => code.push_str(&text),
                        _ => {}
                    }
                }
                let language = match &kind {
                    CodeBlockKind::Fenced(info) => language_token(info),
                    CodeBlockKind::Indented => None,
                };
                self.in_word = false;
                Event::Html(CowStr::from((self.highlight)(language, &code)))
            }
            // Inside an image only the text counts (it becomes alt text).
            event @ Event::Start(Tag::Link { .. }) if self.image_depth > 0 => event,
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                ..
            }) => {
                let href = link_href(link_type, &dest_url, self.ctx, self.rewrite_here);
                let mut tag = String::from("<a href=\"");
                let _ = escape_href(&mut tag, &href);
                if !title.is_empty() {
                    tag.push_str("\" title=\"");
                    let _ = escape_html(&mut tag, &title);
                }
                tag.push_str("\" rel=\"noopener noreferrer\">");
                Event::Html(CowStr::from(tag))
            }
            Event::End(TagEnd::Link) if self.image_depth == 0 => {
                Event::Html(CowStr::Borrowed("</a>"))
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                self.image_depth += 1;
                let src = image_src(&dest_url, self.ctx, self.rewrite_here);
                Event::Start(Tag::Image {
                    link_type,
                    dest_url: CowStr::from(src),
                    title,
                    id,
                })
            }
            Event::End(TagEnd::Image) => {
                self.image_depth = self.image_depth.saturating_sub(1);
                Event::End(TagEnd::Image)
            }
            Event::FootnoteReference(name) => {
                let number = self.state.next_number();
                if self.image_depth > 0 {
                    Event::Text(CowStr::from(format!("[{number}]")))
                } else {
                    let mut html = String::from("<sup class=\"footnote-reference\"><a href=\"#");
                    let _ = escape_html(&mut html, &note_id(&name));
                    html.push_str(&format!("\">{number}</a></sup>"));
                    Event::Html(CowStr::from(html))
                }
            }
            Event::Start(Tag::FootnoteDefinition(name)) => {
                let number = self.state.next_number();
                let mut html = String::from("<div class=\"footnote-definition\" id=\"");
                let _ = escape_html(&mut html, &note_id(&name));
                html.push_str(&format!(
                    "\"><sup class=\"footnote-definition-label\">{number}</sup>\n"
                ));
                Event::Html(CowStr::from(html))
            }
            Event::End(TagEnd::FootnoteDefinition) => Event::Html(CowStr::Borrowed("</div>\n")),
            event @ (Event::Html(_) | Event::InlineHtml(_)) => {
                self.raw = true;
                self.in_word = false;
                event
            }
            Event::Text(ref text) | Event::Code(ref text) => {
                self.state.words += count_words_after(text, &mut self.in_word);
                event
            }
            Event::SoftBreak | Event::HardBreak | Event::Rule => {
                self.in_word = false;
                event
            }
            Event::Start(ref tag) if !is_inline(tag) => {
                self.in_word = false;
                event
            }
            Event::End(ref tag) if !is_inline_end(tag) => {
                self.in_word = false;
                event
            }
            other => other,
        })
    }
}

fn link_href(link_type: LinkType, dest: &str, ctx: &Context<'_>, rewrite_here: bool) -> String {
    let dest = if link_type == LinkType::Email {
        format!("mailto:{dest}")
    } else {
        dest.to_string()
    };
    let dest = match &ctx.rewrite_link {
        Some(rewrite) if rewrite_here => rewrite(&dest).unwrap_or(dest),
        _ => dest,
    };
    safe_url(&dest, UrlUse::Link, None).into_owned()
}

fn image_src(dest: &str, ctx: &Context<'_>, rewrite_here: bool) -> String {
    let rewritten = match &ctx.rewrite_image {
        Some(rewrite) if rewrite_here => rewrite(dest),
        _ => None,
    };
    let dest = match rewritten {
        Some(rewritten) => rewritten,
        None => resolve_image(dest, ctx.image_base, ctx.site_base).into_owned(),
    };
    safe_url(&dest, UrlUse::Image, ctx.image_scheme).into_owned()
}

fn is_inline(tag: &Tag<'_>) -> bool {
    matches!(
        tag,
        Tag::Emphasis | Tag::Strong | Tag::Strikethrough | Tag::Link { .. } | Tag::Image { .. }
    )
}

fn is_inline_end(tag: &TagEnd) -> bool {
    matches!(
        tag,
        TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough | TagEnd::Link | TagEnd::Image
    )
}

/// A footnote's number key and element id: its label case-folded as pulldown-cmark folds it
/// to match labels (`[^Note]` refers to `[^note]:`, `[^SS]` to `[^ß]:`; lower-casing missed
/// the latter), so every spelling numbers and links the same note; after `fn:`, which no
/// heading's slug holds (`[^intro]` beside "## Intro" took the heading's place, and its
/// reference led to the heading).
fn note_id(label: &str) -> String {
    format!("{NOTE_ID_PREFIX}{}", unicase::UniCase::new(label).to_folded_case())
}

/// The text of inline events, as a heading's name.
fn plain_text<'e, 'a: 'e>(events: impl Iterator<Item = &'e Event<'a>>) -> String {
    let mut text = String::new();
    for event in events {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            _ => {}
        }
    }
    text.trim().to_string()
}
