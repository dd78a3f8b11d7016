//! A deterministic generator of realistic blog Markdown for benchmarks and property tests:
//! front matter like real posts (RFC 3339 date with offset, `draft`, flow-list `tags` and
//! `categories`), headings, paragraphs with links and emphasis, lists, tables, footnotes and
//! fenced code in several languages. The same seed always gives the same text.

use crate::{Error, Result};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

const WORDS: &[&str] = &[
    "build",
    "cache",
    "latency",
    "service",
    "request",
    "memory",
    "thread",
    "deploy",
    "queue",
    "schema",
    "index",
    "render",
    "the",
    "a",
    "of",
    "and",
    "to",
    "in",
    "with",
    "for",
    "without",
    "careful",
    "simple",
    "measured",
    "throughput",
    "failure",
    "retry",
    "budget",
    "team",
    "review",
    "compiler",
    "runtime",
    "allocation",
    "database",
    "editor",
    "preview",
    "release",
    "metric",
    "benchmark",
    "pipeline",
    "often",
    "rarely",
    "slowly",
    "quickly",
    "because",
    "when",
    "after",
    "before",
    "library",
    "function",
    "module",
    "reader",
    "writer",
    "trade-off",
    "design",
    "error",
];
const TAGS: &[&str] = &[
    "rust",
    "go",
    "web",
    "performance",
    "testing",
    "databases",
    "writing",
    "tools",
];
const CATEGORIES: &[&str] = &["Engineering", "Notes", "Tutorials", "Opinion"];

const CODE: &[(&str, &str)] = &[
    ("rust", "fn total(values: &[u64]) -> u64 {\n    values.iter().copied().sum()\n}\n"),
    ("python", "def total(values):\n    return sum(v for v in values if v > 0)\n"),
    ("go", "func total(values []int) int {\n\tsum := 0\n\tfor _, v := range values {\n\t\tsum += v\n\t}\n\treturn sum\n}\n"),
    ("javascript", "export function total(values) {\n  return values.reduce((a, b) => a + b, 0);\n}\n"),
    ("bash", "for f in posts/*.md; do\n  wc -w \"$f\"\ndone\n"),
    ("yaml", "retries: 3\ntimeout: 30s\nhosts: [a, b]\n"),
];

/// A small xorshift generator: enough variety for text, no dependency.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    /// A number in `0..n` (`n` > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }

    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items.get(self.below(items.len())).copied().unwrap_or("")
    }
}

fn sentence(rng: &mut Rng, out: &mut String, footnotes: &mut usize) {
    let len = 6 + rng.below(12);
    for i in 0..len {
        let word = rng.pick(WORDS);
        let word = if i == 0 {
            capitalise(word)
        } else {
            word.to_string()
        };
        if i > 0 {
            out.push(' ');
        }
        match rng.below(20) {
            0 => {
                let _ = write!(out, "*{word}*");
            }
            1 => {
                let _ = write!(out, "**{word}**");
            }
            2 => {
                let _ = write!(out, "`{word}()`");
            }
            3 => {
                let _ = write!(out, "[{word}](https://example.org/{word})");
            }
            4 => {
                let _ = write!(out, "[{word}][ref]");
            }
            _ => out.push_str(&word),
        }
    }
    if rng.below(10) == 0 {
        *footnotes += 1;
        let _ = write!(out, "[^n{footnotes}]");
    }
    out.push_str(". ");
}

fn capitalise(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|c| c.to_ascii_uppercase().to_string() + chars.as_str())
        .unwrap_or_default()
}

fn front_matter(rng: &mut Rng, seed: u64, out: &mut String) {
    let title: Vec<String> = (0..4 + rng.below(4))
        .map(|_| capitalise(rng.pick(WORDS)))
        .collect();
    let month = 1 + rng.below(12);
    let day = 1 + rng.below(28);
    let tags: Vec<String> = (0..1 + rng.below(3))
        .map(|_| format!("\"{}\"", rng.pick(TAGS)))
        .collect();
    let category = rng.pick(CATEGORIES);
    let _ = write!(
        out,
        "---\ntitle: \"{} {seed}\"\ndate: 2025-{month:02}-{day:02}T09:{:02}:00-05:00\ndraft: {}\ntags: [{}]\ncategories: [\"{category}\"]\ndescription: \"Notes on {} and {}.\"\n---\n\n",
        title.join(" "),
        rng.below(60),
        rng.below(8) == 0,
        tags.join(", "),
        rng.pick(WORDS),
        rng.pick(WORDS),
    );
}

fn block(rng: &mut Rng, out: &mut String, footnotes: &mut usize) {
    match rng.below(12) {
        0 => {
            let words: Vec<String> = (0..2 + rng.below(4))
                .map(|_| rng.pick(WORDS).to_string())
                .collect();
            let _ = write!(out, "## {}\n\n", capitalise(&words.join(" ")));
        }
        1 => {
            for _ in 0..2 + rng.below(4) {
                out.push_str("- ");
                sentence(rng, out, footnotes);
                out.push('\n');
            }
            out.push('\n');
        }
        2 => {
            for i in 0..2 + rng.below(3) {
                let _ = write!(
                    out,
                    "{}. [{}] ",
                    i + 1,
                    if rng.below(2) == 0 { "x" } else { " " }
                );
                sentence(rng, out, footnotes);
                out.push('\n');
            }
            out.push('\n');
        }
        3 => {
            out.push_str("| Case | Time (ms) | Note |\n|:-----|----------:|------|\n");
            for _ in 0..3 + rng.below(5) {
                let _ = writeln!(
                    out,
                    "| {} | {} | {} |",
                    rng.pick(WORDS),
                    rng.below(1000),
                    rng.pick(WORDS)
                );
            }
            out.push('\n');
        }
        4 | 5 => {
            let (lang, code) = CODE[rng.below(CODE.len())];
            let _ = write!(
                out,
                "```{lang}\n// variant {}\n{code}```\n\n",
                rng.below(1_000_000)
            );
        }
        6 => {
            out.push_str("> ");
            sentence(rng, out, footnotes);
            out.push_str("\n\n");
        }
        _ => {
            for _ in 0..2 + rng.below(4) {
                sentence(rng, out, footnotes);
            }
            out.push_str("\n\n");
        }
    }
}

/// A whole post of at least `bytes` bytes (front matter included), the same for the same seed.
pub fn post(seed: u64, bytes: usize) -> String {
    let mut rng = Rng::new(seed);
    let mut out = String::with_capacity(bytes + 1024);
    let mut footnotes = 0;
    front_matter(&mut rng, seed, &mut out);
    out.push_str("## Introduction\n\n");
    while out.len() < bytes {
        block(&mut rng, &mut out, &mut footnotes);
    }
    out.push_str("[ref]: https://example.org/reference \"Reference\"\n");
    for n in 1..=footnotes {
        let _ = write!(out, "\n[^n{n}]: A note about {}.\n", rng.pick(WORDS));
    }
    out
}

/// Write `n_posts` generated posts under `dir/posts/` (a few as page bundles with an image),
/// returning their paths.
pub fn write_site(dir: &Path, n_posts: usize, seed: u64) -> Result<Vec<PathBuf>> {
    let mut rng = Rng::new(seed);
    let mut paths = Vec::with_capacity(n_posts);
    for i in 0..n_posts {
        let size = 1_000 + rng.below(8_000);
        let mut text = post(seed.wrapping_add(i as u64), size);
        let path = if i % 10 == 0 {
            let bundle = dir.join(format!("posts/bundle-{i}"));
            std::fs::create_dir_all(&bundle).map_err(|e| Error::io(&bundle, e))?;
            let image = bundle.join("cover.png");
            std::fs::write(&image, b"not really a png").map_err(|e| Error::io(&image, e))?;
            text.push_str("\n![Cover](cover.png)\n");
            bundle.join("index.md")
        } else {
            dir.join(format!("posts/post-{i}.md"))
        };
        if i > 0 {
            let _ = write!(text, "\nSee also [the previous post](post-{}.md).\n", i - 1);
        }
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        }
        std::fs::write(&path, text).map_err(|e| Error::io(&path, e))?;
        paths.push(path);
    }
    Ok(paths)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn posts_are_deterministic_and_sized() {
        let a = post(7, 20_000);
        assert_eq!(a, post(7, 20_000));
        assert_ne!(a, post(8, 20_000));
        assert!(a.len() >= 20_000);
        assert!(a.starts_with("---\ntitle: \""));
        for needle in ["```", "| Case |", "## ", "[ref]: ", "](https://"] {
            assert!(a.contains(needle), "{needle}");
        }
    }

    #[test]
    fn front_matter_parses() {
        let fm =
            crate::front_matter::parse(&post(3, 2_000)).expect("generated front matter parses");
        assert!(fm.title.is_some() && fm.date.is_some() && !fm.tags.is_empty());
    }

    #[test]
    fn sites_are_written() {
        let dir = tempfile::tempdir().expect("tempdir");
        let paths = write_site(dir.path(), 12, 1).expect("write");
        assert_eq!(paths.len(), 12);
        assert!(dir.path().join("posts/bundle-0/index.md").is_file());
        assert!(dir.path().join("posts/bundle-10/cover.png").is_file());
        assert!(paths.iter().all(|p| p.is_file()));
    }
}
