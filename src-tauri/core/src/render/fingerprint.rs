//! A block's fingerprint: everything its HTML depends on (its events, with link destinations
//! already resolved from reference definitions, plus the heading ids and footnote numbers it
//! takes from the document). Equal fingerprints mean equal output, which lets [`super::Renderer`]
//! skip unchanged blocks entirely. Hashing the events rather than the source text keeps this
//! exact when a change elsewhere alters how a block parses.

use pulldown_cmark::{CodeBlockKind, Event, Tag};
use std::hash::{Hash, Hasher};
use std::mem::discriminant;

pub fn hash_events<H: Hasher>(events: &[Event<'_>], hasher: &mut H) {
    events.len().hash(hasher);
    for event in events {
        discriminant(event).hash(hasher);
        match event {
            Event::Start(tag) => hash_tag(tag, hasher),
            Event::End(end) => end.hash(hasher),
            Event::Text(s)
            | Event::Code(s)
            | Event::Html(s)
            | Event::InlineHtml(s)
            | Event::FootnoteReference(s)
            | Event::InlineMath(s)
            | Event::DisplayMath(s) => s.hash(hasher),
            Event::TaskListMarker(checked) => checked.hash(hasher),
            Event::SoftBreak | Event::HardBreak | Event::Rule => {}
        }
    }
}

fn hash_tag<H: Hasher>(tag: &Tag<'_>, hasher: &mut H) {
    discriminant(tag).hash(hasher);
    match tag {
        Tag::Heading {
            level,
            id,
            classes,
            attrs,
        } => {
            (*level as u8).hash(hasher);
            id.hash(hasher);
            classes.hash(hasher);
            attrs.hash(hasher);
        }
        Tag::BlockQuote(kind) => kind.hash(hasher),
        Tag::CodeBlock(CodeBlockKind::Fenced(info)) => info.hash(hasher),
        Tag::CodeBlock(CodeBlockKind::Indented) => 0u8.hash(hasher),
        Tag::List(start) => start.hash(hasher),
        Tag::FootnoteDefinition(name) => name.hash(hasher),
        Tag::Table(aligns) => {
            for align in aligns {
                discriminant(align).hash(hasher);
            }
        }
        Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }
        | Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        } => {
            discriminant(link_type).hash(hasher);
            dest_url.hash(hasher);
            title.hash(hasher);
            id.hash(hasher);
        }
        Tag::MetadataBlock(kind) => discriminant(kind).hash(hasher),
        _ => {}
    }
}
