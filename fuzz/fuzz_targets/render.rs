//! Render arbitrary text: nothing panics, and the sanitiser's invariants hold on the output:
//! no `<script` anywhere and no `on...=` event-handler attribute in any tag.

#![no_main]

use libfuzzer_sys::fuzz_target;

/// The attribute names of every tag in `html`, lowercased. Text and attribute values are
/// skipped, so an escaped `onclick=` in a paragraph is not mistaken for an attribute.
fn attribute_names(html: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut chars = html.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '<' {
            continue;
        }
        // Skip the tag name.
        while chars
            .peek()
            .is_some_and(|c| !c.is_whitespace() && *c != '>')
        {
            chars.next();
        }
        // Attributes until the closing `>` outside quotes.
        let mut name = String::new();
        while let Some(c) = chars.next() {
            match c {
                '>' => break,
                '"' | '\'' => {
                    for inner in chars.by_ref() {
                        if inner == c {
                            break;
                        }
                    }
                }
                '=' | '/' => {
                    if !name.is_empty() {
                        names.push(std::mem::take(&mut name).to_ascii_lowercase());
                    }
                }
                c if c.is_whitespace() => {
                    if !name.is_empty() {
                        names.push(std::mem::take(&mut name).to_ascii_lowercase());
                    }
                }
                c => name.push(c),
            }
        }
        if !name.is_empty() {
            names.push(name.to_ascii_lowercase());
        }
    }
    names
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let rendered = draftsmith_core::render::render(text);
    let lower = rendered.html.to_ascii_lowercase();
    assert!(
        !lower.contains("<script"),
        "a script tag in {}",
        rendered.html
    );
    for name in attribute_names(&rendered.html) {
        assert!(
            !name.starts_with("on"),
            "event handler {name} in {}",
            rendered.html
        );
    }
});
