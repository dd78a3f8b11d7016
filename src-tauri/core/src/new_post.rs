//! Creating a post from a title.

use crate::front_matter::{self, Format, Value};
use crate::{paths, save, Error, Result};
use chrono::{DateTime, FixedOffset, SecondsFormat, TimeZone};
use std::path::{Path, PathBuf};

/// The longest slug, in bytes (ASCII): file names are limited (255 bytes on most disks), and
/// `-copy-2.markdown` must still fit after it.
pub const MAX_SLUG_BYTES: usize = 100;

/// A file-name slug: lowercase, ASCII-folded, words joined by hyphens.
pub fn slugify(title: &str) -> String {
    let folded = deunicode::deunicode(title).to_lowercase();
    let mut slug = String::with_capacity(folded.len());
    for c in folded.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let mut slug = slug.trim_end_matches('-');
    if slug.len() > MAX_SLUG_BYTES {
        // Cut at the last whole word that fits (the slug is ASCII, so any index is a boundary).
        let cut = &slug[..=MAX_SLUG_BYTES];
        slug = cut
            .rfind('-')
            .map_or(&slug[..MAX_SLUG_BYTES], |end| &cut[..end]);
        slug = slug.trim_end_matches('-');
    }
    if slug.is_empty() {
        "untitled".to_string()
    } else {
        slug.to_string()
    }
}

/// The text of a new post: front matter in `format` with the title, `date` (RFC 3339 with its
/// offset) and `draft: true`, or `archetype` filled in when the workspace has one.
pub fn new_post_text(
    title: &str,
    date: DateTime<FixedOffset>,
    format: Format,
    archetype: Option<&str>,
) -> String {
    let date_text = date.to_rfc3339_opts(SecondsFormat::Secs, false);
    match archetype {
        Some(archetype) => {
            let filled = fill_archetype(archetype, title, &date_text);
            // An archetype whose front matter does not parse is still the user's template.
            front_matter::set_draft(&filled, true, format).unwrap_or(filled)
        }
        None => fresh_post(title, &date_text, format),
    }
}

fn fresh_post(title: &str, date_text: &str, format: Format) -> String {
    let date = front_matter::Date::parse(date_text)
        .map_or_else(|| Value::String(date_text.into()), Value::Date);
    let fields = [
        ("title", Value::String(title.to_string())),
        ("date", date),
        ("draft", Value::Bool(true)),
    ];
    let mut text = String::new();
    for (key, value) in &fields {
        match front_matter::set(&text, key, value, format) {
            Ok(next) => text = next,
            // Not expected for these values; a quoted fallback keeps creation infallible.
            Err(_) => return fallback_post(title, date_text, format),
        }
    }
    text.push('\n');
    text
}

fn fallback_post(title: &str, date_text: &str, format: Format) -> String {
    let title = json_string(title);
    match format {
        Format::Yaml => format!("---\ntitle: {title}\ndate: {date_text}\ndraft: true\n---\n\n"),
        Format::Toml => format!("+++\ntitle = {title}\ndate = {date_text}\ndraft = true\n+++\n\n"),
        Format::Json => format!(
            "{{\n  \"title\": {title},\n  \"date\": \"{date_text}\",\n  \"draft\": true\n}}\n\n"
        ),
    }
}

/// Fill Hugo-style `{{ ... }}` placeholders: anything naming the title or file name gets the
/// title, anything naming the date gets the date; others stay as written. In the front matter
/// the title is quoted for its syntax; in the body it goes in as written.
fn fill_archetype(archetype: &str, title: &str, date_text: &str) -> String {
    let (format, front_end) = match front_matter::split(archetype) {
        Ok(parts) => (parts.format, parts.block.end),
        Err(_) => (None, 0),
    };
    let mut out = String::with_capacity(archetype.len() + title.len());
    let mut pos = 0;
    while let Some(open) = archetype[pos..].find("{{").map(|i| pos + i) {
        let Some(close) = archetype[open..].find("}}").map(|i| open + i + 2) else {
            break;
        };
        let tokens: Vec<&str> = archetype[open + 2..close - 2].split_whitespace().collect();
        let names = |wanted: &[&str]| {
            tokens
                .iter()
                .any(|t| wanted.contains(&t.trim_start_matches('$')))
        };
        let replacement = if names(&[
            ".Title",
            ".File.ContentBaseName",
            ".Name",
            ".File.BaseFileName",
        ]) {
            Some(title)
        } else if names(&[".Date"]) {
            Some(date_text)
        } else {
            None
        };
        let Some(replacement) = replacement else {
            out.push_str(&archetype[pos..close]);
            pos = close;
            continue;
        };
        let quote = archetype[..open]
            .chars()
            .last()
            .filter(|&q| q == '"' || q == '\'');
        let quoted_pair = quote.is_some_and(|q| archetype[close..].starts_with(q));
        match format {
            Some(format) if open < front_end && quoted_pair && replacement == title => {
                // Replace the quotes too, so the title can pick the quoting it needs.
                out.push_str(&archetype[pos..open - 1]);
                out.push_str(&quoted(title, quote, format));
                pos = close + 1;
            }
            Some(_) if open < front_end && replacement == title && !quoted_pair => {
                out.push_str(&archetype[pos..open]);
                out.push_str(&json_string(title));
                pos = close;
            }
            _ => {
                out.push_str(&archetype[pos..open]);
                out.push_str(replacement);
                pos = close;
            }
        }
    }
    out.push_str(&archetype[pos..]);
    out
}

/// The title as a quoted string, in the archetype's quoting where the syntax allows it.
fn quoted(title: &str, quote: Option<char>, format: Format) -> String {
    let plain_enough = !title.chars().any(char::is_control);
    match (quote, format) {
        (Some('\''), Format::Yaml) if plain_enough => format!("'{}'", title.replace('\'', "''")),
        // TOML literal strings cannot hold a `'` at all.
        (Some('\''), Format::Toml) if plain_enough && !title.contains('\'') => format!("'{title}'"),
        _ => json_string(title),
    }
}

/// JSON-quoted strings are valid in YAML, TOML and JSON alike.
fn json_string(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_default()
}

/// `dir` relative to `root` (or absolute but inside it); `..` could reach outside, and so could
/// a folder on the way that is a link (checked on disk, before any folder is made).
fn folder_inside(root: &Path, dir: &Path) -> Result<PathBuf> {
    let outside = || Error::OutsideWorkspace {
        path: dir.to_path_buf(),
    };
    let escapes = dir
        .components()
        .any(|c| matches!(c, std::path::Component::ParentDir));
    if escapes || (dir.is_absolute() && !dir.starts_with(root)) {
        return Err(outside());
    }
    let folder = root.join(dir);
    let rel = folder.strip_prefix(root).map_err(|_| outside())?;
    let rel = rel.to_str().ok_or_else(outside)?;
    // The root itself need not exist yet (the CLI makes the folder it is given).
    if !matches!(rel, "" | ".") {
        paths::resolve(root, rel).map_err(|e| match e {
            Error::OutsideWorkspace { .. } => outside(),
            e => e,
        })?;
    }
    Ok(folder)
}

/// Create `<dir>/<slug>.md` under the workspace `root`; uses `root/archetypes/default.md` when
/// present. Never overwrites: an existing name gets `-2`, `-3`, ... Returns the new path.
pub fn create_post(
    root: &Path,
    dir: &Path,
    title: &str,
    format: Format,
    now: DateTime<FixedOffset>,
) -> Result<PathBuf> {
    let archetype_path = root.join("archetypes").join("default.md");
    // Read like a post: confined to the workspace (a link out is refused, not copied into the
    // new post) and only as a regular text file (a pipe named like it would block forever).
    let archetype = match std::fs::symlink_metadata(&archetype_path) {
        Ok(_) => {
            let inside = paths::resolve(root, "archetypes/default.md")?;
            Some(save::read_text(&inside)?.text)
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(Error::io(archetype_path, e)),
    };
    let folder = folder_inside(root, dir)?;
    std::fs::create_dir_all(&folder).map_err(|e| Error::io(&folder, e))?;
    let slug = slugify(title);
    // Jekyll skips a file under `_posts/` whose name does not start with its date (the same
    // rule as for copies and draft flags).
    let jekyll_posts = crate::workspace::is_posts_folder(root, &folder);
    // There, a title that starts with a date ("2024-05-01 Trip report") dates the post: its
    // name and its front matter name the same day (Jekyll's address takes the front matter's).
    let titled = jekyll_posts.then(|| titled_date(&slug, now)).flatten();
    let text = new_post_text(title, titled.unwrap_or(now), format, archetype.as_deref());
    let (slug, text) = if jekyll_posts {
        let slug = match titled {
            Some(_) => slug,
            None => format!("{}-{slug}", now.format("%Y-%m-%d")),
        };
        (slug, crate::drafts_folder::held_back(text, format))
    } else {
        (slug, text)
    };
    let names = Names::of(&folder, None);
    const MAX_ATTEMPTS: usize = 10_000;
    for n in 1..=MAX_ATTEMPTS {
        let stem = if n == 1 {
            slug.clone()
        } else {
            format!("{slug}-{n}")
        };
        if names.same_address(&stem).is_some() {
            continue;
        }
        let path = folder.join(format!("{stem}.md"));
        // A save of a file that must not exist yet: the whole text appears at once under the
        // name or nothing does (a full disk leaves no empty post), and an existing file is
        // never replaced, even one appearing meanwhile.
        match save::save(&path, &text, None) {
            Ok(_) => return Ok(path),
            Err(Error::AlreadyExists { .. }) => continue,
            Err(e) => return Err(e),
        }
    }
    Err(Error::AlreadyExists {
        path: folder.join(format!("{slug}.md")),
    })
}

/// The day a slug starts with (`2024-05-01-trip-report`), at `now`'s time of day and offset.
fn titled_date(slug: &str, now: DateTime<FixedOffset>) -> Option<DateTime<FixedOffset>> {
    let prefix = crate::drafts_folder::date_prefix(slug)?;
    let day = chrono::NaiveDate::parse_from_str(&prefix[..10], "%Y-%m-%d").ok()?;
    now.timezone().from_local_datetime(&day.and_time(now.time())).single()
}

/// The names in a folder, by their lower case: what a new name there must not be like.
pub(crate) struct Names(std::collections::HashMap<String, String>);

impl Names {
    /// The names in `folder`, but `except` (the post being renamed, or its bundle's folder).
    pub(crate) fn of(folder: &Path, except: Option<&Path>) -> Names {
        let except = except.and_then(Path::file_name);
        let names = std::fs::read_dir(folder).into_iter().flatten().flatten().map(|e| e.file_name());
        let names = names.filter(|name| Some(name.as_os_str()) != except);
        Names(names.map(|n| n.to_string_lossy().into_owned()).map(|n| (n.to_lowercase(), n)).collect())
    }

    /// The name already there that a post named `stem` would share its address with (site
    /// generators take it from the name, and Hugo's in lower case): a post of that name in any
    /// letter case, `.md` or `.markdown`, or a folder of it (a page bundle, a section).
    pub(crate) fn same_address(&self, stem: &str) -> Option<&str> {
        let stem = stem.to_lowercase();
        ["", ".md", ".markdown"].iter().find_map(|ext| self.0.get(&format!("{stem}{ext}")).map(String::as_str))
    }
}

#[cfg(test)]
#[path = "new_post_tests.rs"]
mod tests;
