//! Where an exported site's links point: each post's page, the copied assets, each tag's
//! page.

use super::paths::{join, parent, percent_decode, relative_url, split_suffix};
use crate::render::{is_document_relative, slug};
use std::collections::{BTreeSet, HashMap, HashSet};

/// Where links and images of the site point once exported.
pub(super) struct Targets {
    /// Post source path → its page folder.
    pub pages: HashMap<String, String>,
    pub assets: HashSet<String>,
    pub tags: TagDirs,
}

impl Targets {
    /// A link or image `url` written in the post at `post_rel`, as a URL relative to that
    /// post's page; `None` to keep it as written.
    pub fn rewrite(&self, post_rel: &str, page_dir: &str, url: &str) -> Option<String> {
        if !is_document_relative(url) {
            return None;
        }
        let (path, suffix) = split_suffix(url);
        let target = join(parent(post_rel), &percent_decode(path))?;
        if let Some(dir) = self.pages.get(&target) {
            return Some(format!(
                "{}{suffix}",
                relative_url(page_dir, &format!("{dir}/index.html"))
            ));
        }
        if self.assets.contains(&target) {
            return Some(format!("{}{suffix}", relative_url(page_dir, &target)));
        }
        None
    }
}

/// Each tag's page folder: `tags/<slug>`. Tags differing only in case, or in how an accent is
/// written ("Café" as one character or as `e` and a combining accent), share a page, as they
/// share an entry in the app's tag filter; others that make one slug ("C", "C++", "C#") are
/// numbered (`tags/c-2`) in the order of their names.
pub(super) struct TagDirs(HashMap<String, String>);

/// What makes two names one: NFC, then lowercase. Two tags, as the UI's `taxonomyKey`; two
/// page folders, as a disk that ignores case (macOS's, Windows') or accent forms (macOS's).
pub(super) fn name_key(name: &str) -> String {
    icu_normalizer::ComposingNormalizerBorrowed::new_nfc()
        .normalize(name)
        .to_lowercase()
}

impl TagDirs {
    pub fn new<'a>(tags: impl IntoIterator<Item = &'a String>) -> TagDirs {
        let names: BTreeSet<String> = tags.into_iter().map(|t| name_key(t)).collect();
        let mut taken = HashSet::new();
        let mut dirs = HashMap::new();
        for name in names {
            let base = format!("tags/{}", slug(&name));
            let dir = (1..)
                .map(|n| match n {
                    1 => base.clone(),
                    _ => format!("{base}-{n}"),
                })
                .find(|dir| !taken.contains(dir))
                .unwrap_or(base);
            taken.insert(dir.clone());
            dirs.insert(name, dir);
        }
        TagDirs(dirs)
    }

    pub fn of(&self, tag: &str) -> String {
        self.0
            .get(&name_key(tag))
            .cloned()
            .unwrap_or_else(|| format!("tags/{}", slug(tag)))
    }
}
