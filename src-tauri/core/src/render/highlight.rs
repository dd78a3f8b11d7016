//! Fenced code: syntect highlighting to CSS classes (`hl-` prefixed), and the CSS for a light
//! and a dark theme. The syntax and theme sets are loaded once per process: loading them costs
//! tens of milliseconds, far more than highlighting a typical block.

use pulldown_cmark_escape::{escape_html, escape_html_body_text};
use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::OnceLock;
use syntect::highlighting::ThemeSet;
use syntect::html::{css_for_theme_with_class_style, ClassStyle};
use syntect::parsing::{BasicScopeStackOp, ParseState, Scope, ScopeStack, ScopeStackOp, SyntaxSet};
use syntect::util::LinesWithEndings;

const CLASS_STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };
const LIGHT_THEME: &str = "InspiredGitHub";
const DARK_THEME: &str = "base16-ocean.dark";

fn syntax_set() -> &'static SyntaxSet {
    static SET: OnceLock<SyntaxSet> = OnceLock::new();
    SET.get_or_init(SyntaxSet::load_defaults_newlines)
}

fn theme_set() -> &'static ThemeSet {
    static SET: OnceLock<ThemeSet> = OnceLock::new();
    SET.get_or_init(ThemeSet::load_defaults)
}

/// The CSS for the `hl-` classes in a light or dark theme.
pub fn highlight_css(dark: bool) -> String {
    let name = if dark { DARK_THEME } else { LIGHT_THEME };
    theme_set()
        .themes
        .get(name)
        .and_then(|theme| css_for_theme_with_class_style(theme, CLASS_STYLE).ok())
        .unwrap_or_default()
}

/// The language token of a fenced block's info string: its first word, kept only when it is
/// made of characters that are safe inside a class name.
pub fn language_token(info: &str) -> Option<&str> {
    let word = info.split_whitespace().next()?;
    // `{.rust}` and `rust,ignore` styles: keep the part before punctuation we do not allow.
    let word = word.trim_start_matches(['{', '.']);
    let end = word
        .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '_' | '+' | '-')))
        .unwrap_or(word.len());
    let word = &word[..end];
    (!word.is_empty()).then_some(word)
}

/// A whole `<pre><code>` element for a code block: highlighted when the language is known,
/// escaped plain text otherwise. `memo` holds the lines this render has already parsed.
pub fn code_block_html(language: Option<&str>, code: &str, memo: &mut LineMemo) -> String {
    let mut html = String::with_capacity(code.len() * 2 + 64);
    // `hl-code` carries the theme's background and base colour.
    html.push_str("<pre class=\"hl-code\"><code");
    if let Some(lang) = language {
        html.push_str(" class=\"language-");
        // `language_token` already restricted the characters; escaping is belt and braces.
        let _ = escape_html(&mut html, lang);
        html.push('"');
    }
    html.push('>');
    match language.and_then(highlighted) {
        Some(spans) => match spans(code, memo) {
            Some(out) => html.push_str(&out),
            None => {
                let _ = escape_html_body_text(&mut html, code);
            }
        },
        None => {
            let _ = escape_html_body_text(&mut html, code);
        }
    }
    html.push_str("</code></pre>\n");
    html
}

/// A highlighter for `language`, or `None` when syntect does not know it.
fn highlighted(language: &str) -> Option<impl Fn(&str, &mut LineMemo) -> Option<String>> {
    let set = syntax_set();
    let syntax = set
        .find_syntax_by_token(&language.to_ascii_lowercase())
        .or_else(|| set.find_syntax_by_token(language))?;
    Some(move |code: &str, memo: &mut LineMemo| {
        let mut state = ParseState::new(syntax);
        let mut spans = SpanWriter::default();
        for line in LinesWithEndings::from(code) {
            let ops = memo.parse_line(&mut state, line, set)?;
            spans.line(line, &ops)?;
        }
        Some(spans.finish())
    })
}

type Ops = Vec<(usize, ScopeStackOp)>;

/// Lines already parsed during one render (each thread has its own: syntect's parse state
/// cannot cross threads). syntect's parse of a line depends only on the line and
/// the parser's state before it (which also names the language), and costs tens of
/// microseconds of regex searches; a line met again in the same state — a closing brace at the
/// same depth, a blank line, a snippet shown twice — takes the remembered ops instead.
#[derive(Default)]
pub struct LineMemo {
    lines: HashMap<String, Vec<ParsedLine>>,
    /// States remembered so far, to bound the memo on a post of nothing but code.
    remembered: usize,
}

struct ParsedLine {
    before: ParseState,
    ops: Ops,
    after: ParseState,
}

/// The memo stops growing past this many parsed lines (a few megabytes at most); lines
/// already in it are still reused.
const MEMO_MAX_LINES: usize = 20_000;

impl LineMemo {
    /// `state.parse_line(line)`, or what it gave the last time it ran on this line and state.
    fn parse_line(&mut self, state: &mut ParseState, line: &str, set: &SyntaxSet) -> Option<Ops> {
        let seen = self.lines.get(line);
        if let Some(parsed) = seen.and_then(|seen| seen.iter().find(|p| p.before == *state)) {
            state.clone_from(&parsed.after);
            return Some(parsed.ops.clone());
        }
        if self.remembered >= MEMO_MAX_LINES {
            return state.parse_line(line, set).ok();
        }
        let before = state.clone();
        let ops = state.parse_line(line, set).ok()?;
        self.remembered += 1;
        self.lines.entry(line.to_owned()).or_default().push(ParsedLine {
            before,
            ops: ops.clone(),
            after: state.clone(),
        });
        Some(ops)
    }
}

thread_local! {
    /// The class attribute of each scope seen on this thread. syntect's own HTML writer builds
    /// it on every span under a process-wide lock, which also stalls parallel highlighting.
    static CLASSES: RefCell<HashMap<Scope, String>> = RefCell::new(HashMap::new());
}

fn with_classes<T>(scope: Scope, write: impl FnOnce(&str) -> T) -> T {
    CLASSES.with(|classes| {
        let mut classes = classes.borrow_mut();
        let class = classes.entry(scope).or_insert_with(|| {
            let name = scope.build_string();
            let atoms: Vec<String> = name.split('.').map(|atom| format!("hl-{atom}")).collect();
            atoms.join(" ")
        });
        write(class)
    })
}

/// The same HTML as syntect's `ClassedHTMLGenerator` with `CLASS_STYLE` (empty spans dropped,
/// its escaping), written into one buffer.
#[derive(Default)]
struct SpanWriter {
    html: String,
    stack: ScopeStack,
    /// Signed as in syntect: a pop past the start closes nothing at the end.
    open_spans: isize,
}

impl SpanWriter {
    fn line(&mut self, line: &str, ops: &[(usize, ScopeStackOp)]) -> Option<()> {
        let html = &mut self.html;
        let open_spans = &mut self.open_spans;
        let mut written = 0;
        let mut span_empty = false;
        let mut span_start = 0;
        for (at, op) in ops {
            if *at > written {
                span_empty = false;
                escape_like_syntect(html, line.get(written..*at)?);
                written = *at;
            }
            self.stack
                .apply_with_hook(op, |basic, _| match basic {
                    BasicScopeStackOp::Push(scope) => {
                        span_start = html.len();
                        span_empty = true;
                        html.push_str("<span class=\"");
                        with_classes(scope, |class| html.push_str(class));
                        html.push_str("\">");
                        *open_spans += 1;
                    }
                    BasicScopeStackOp::Pop => {
                        if span_empty {
                            html.truncate(span_start);
                        } else {
                            html.push_str("</span>");
                        }
                        *open_spans -= 1;
                        span_empty = false;
                    }
                })
                .ok()?;
        }
        escape_like_syntect(html, line.get(written..)?);
        Some(())
    }

    fn finish(mut self) -> String {
        for _ in 0..self.open_spans {
            self.html.push_str("</span>");
        }
        self.html
    }
}

/// syntect's escaping: `<`, `>`, `&`, `'` and `"`.
fn escape_like_syntect(out: &mut String, text: &str) {
    let mut from = 0;
    for (at, byte) in text.bytes().enumerate() {
        let entity = match byte {
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'&' => "&amp;",
            b'\'' => "&#39;",
            b'"' => "&quot;",
            _ => continue,
        };
        out.push_str(&text[from..at]);
        out.push_str(entity);
        from = at + 1;
    }
    out.push_str(&text[from..]);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_language_gets_classes_not_inline_styles() {
        let html = code_block_html(Some("Rust"), "fn main() { let x = 1; }\n", &mut LineMemo::default());
        assert!(
            html.starts_with("<pre class=\"hl-code\"><code class=\"language-Rust\">"),
            "{html}"
        );
        assert!(html.contains("class=\"hl-"), "{html}");
        assert!(!html.contains("style="), "{html}");
    }

    #[test]
    fn unknown_language_is_escaped_plain_text() {
        let html = code_block_html(Some("nosuchlang"), "<script>x</script>\n", &mut LineMemo::default());
        assert_eq!(html, "<pre class=\"hl-code\"><code class=\"language-nosuchlang\">&lt;script&gt;x&lt;/script&gt;\n</code></pre>\n");
    }

    #[test]
    fn language_token_keeps_only_safe_characters() {
        assert_eq!(language_token("rust ignore"), Some("rust"));
        assert_eq!(language_token("c++"), Some("c++"));
        assert_eq!(language_token("\"><script>"), None);
        assert_eq!(language_token("js\"onload=x"), Some("js"));
        assert_eq!(language_token("   "), None);
    }

    /// syntect's own writer, the reference for [`SpanWriter`].
    fn syntect_html(language: &str, code: &str) -> Option<String> {
        use syntect::html::ClassedHTMLGenerator;
        let set = syntax_set();
        let syntax = set.find_syntax_by_token(language)?;
        let mut generator = ClassedHTMLGenerator::new_with_class_style(syntax, set, CLASS_STYLE);
        for line in LinesWithEndings::from(code) {
            generator
                .parse_html_for_line_which_includes_newline(line)
                .ok()?;
        }
        Some(generator.finalize())
    }

    proptest::proptest! {
        /// Our span writer gives byte for byte what syntect's HTML generator gives.
        #[test]
        fn span_writer_matches_syntect(
            language in proptest::sample::select(vec!["rust", "python", "go", "js", "bash", "yaml", "html", "c"]),
            code in "(fn|def|let|<a href=\"x\">|'s'|/\\*|\\*/|#|//|\"|\\{|\\}|[a-z0-9 ]{1,6}|\n|&|>){0,30}",
        ) {
            let ours = highlighted(language).and_then(|highlight| highlight(&code, &mut LineMemo::default()));
            proptest::prop_assert!(ours.is_some());
            proptest::prop_assert_eq!(ours, syntect_html(language, &code));
        }
    }

    proptest::proptest! {
        /// Blocks highlighted with one memo (lines met again reuse earlier parses) give the
        /// same HTML as each highlighted afresh.
        #[test]
        fn a_shared_memo_changes_nothing(
            blocks in proptest::collection::vec((
                proptest::sample::select(vec!["rust", "python", "go", "bash", "yaml", "html"]),
                proptest::collection::vec(
                    proptest::sample::select(vec!["}\n", "\n", "/* a\n", "*/\n", "\"\"\"\n", "x = 1\n", "<p>\n", "  # b\n"]),
                    0..12,
                ),
            ), 1..8),
        ) {
            let mut memo = LineMemo::default();
            for (language, lines) in blocks {
                let code = lines.concat();
                let shared = code_block_html(Some(language), &code, &mut memo);
                let fresh = code_block_html(Some(language), &code, &mut LineMemo::default());
                proptest::prop_assert_eq!(shared, fresh);
            }
        }
    }

    #[test]
    fn a_line_met_again_in_the_same_state_is_not_parsed_again() {
        let mut memo = LineMemo::default();
        // The first line is parsed in the first-line state; the next two share theirs.
        code_block_html(Some("rust"), "let x = 1;\nlet x = 1;\nlet x = 1;\n", &mut memo);
        assert_eq!(memo.remembered, 2);
        code_block_html(Some("rust"), "let x = 1;\nlet x = 1;\n", &mut memo);
        assert_eq!(memo.remembered, 2);
    }

    #[test]
    fn css_differs_between_light_and_dark() {
        let light = highlight_css(false);
        let dark = highlight_css(true);
        assert!(light.contains(".hl-"), "{light}");
        assert!(dark.contains(".hl-"));
        assert_ne!(light, dark);
    }
}
