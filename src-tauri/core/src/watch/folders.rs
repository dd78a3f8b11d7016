//! Folder-level changes. A folder of posts renamed or removed is one event for the folder and
//! none for the posts inside, so the watcher remembers which posts exist and expands such an
//! event into post events. Unlike `classify`, this part reads the file system.

use super::PostEvent;
use crate::paths::{listed_name, not_utf8_file, shown};
use crate::workspace::{is_ignored_path, is_listed, post_paths_under};
use notify::event::{CreateKind, ModifyKind, RemoveKind, RenameMode};
use notify::EventKind;
use notify_debouncer_full::DebouncedEvent;
use std::collections::{BTreeSet, HashSet};
use std::path::{Path, PathBuf};

/// The posts the watcher has seen, to know what a folder held once it is gone.
pub(super) struct KnownPosts {
    root: PathBuf,
    /// Which folder the root was when watching started (see `root_went`).
    root_id: Option<(u64, u64)>,
    posts: BTreeSet<String>,
}

impl KnownPosts {
    pub fn scan(root: &Path) -> KnownPosts {
        let posts = post_paths_under(root, root).into_iter().collect();
        KnownPosts {
            root: root.to_path_buf(),
            root_id: std::fs::metadata(root).ok().and_then(|m| folder_id(&m)),
            posts,
        }
    }

    /// Whether the folder watched is no longer at the root: gone, or another one made there
    /// since (`mv blog blog.bak && git clone … blog`), which the watch does not see.
    pub fn root_went(&self) -> bool {
        std::fs::metadata(&self.root).map_or(true, |now| !now.is_dir() || folder_id(&now) != self.root_id)
    }

    /// Add the post events folder changes imply to `batch` (from `classify`), and remember
    /// the result.
    pub fn expand(
        &mut self,
        events: &[DebouncedEvent],
        mut batch: Vec<PostEvent>,
    ) -> Vec<PostEvent> {
        let mut in_batch: Option<HashSet<PostEvent>> = None;
        for debounced in events {
            let paths = &debounced.event.paths;
            let implied = match (debounced.event.kind, paths.as_slice()) {
                (EventKind::Modify(ModifyKind::Name(RenameMode::Both)), [from, to]) => {
                    self.folder_moved(from, to)
                }
                (
                    EventKind::Remove(RemoveKind::Folder | RemoveKind::Any | RemoveKind::Other),
                    _,
                )
                | (EventKind::Modify(ModifyKind::Name(RenameMode::From)), _) => {
                    paths.iter().flat_map(|p| self.folder_gone(p)).collect()
                }
                (
                    EventKind::Create(CreateKind::Folder | CreateKind::Any | CreateKind::Other),
                    _,
                )
                | (EventKind::Modify(ModifyKind::Name(RenameMode::To)), _) => {
                    paths.iter().flat_map(|p| self.folder_arrived(p)).collect()
                }
                _ => Vec::new(),
            };
            // Only an event the batch already holds is left out (`rm -r` reports each file as
            // well as the folder): a folder moved while a post inside was written is both.
            // Looked up in a set: a folder of 20,000 posts removed took a third of a second
            // against the list, and grew with the square of its posts.
            if !implied.is_empty() {
                let held = in_batch.get_or_insert_with(|| batch.iter().cloned().collect());
                for event in implied {
                    if held.insert(event.clone()) {
                        batch.push(event);
                    }
                }
            }
        }
        if events.iter().any(|debounced| debounced.event.need_rescan()) {
            // Events were lost (the system's queue overflowed in a burst, say a checkout of a
            // big site): every post is read again.
            batch.extend(self.rescanned());
        }
        // A post reported gone that is there now was made again later in the batch (its folder
        // removed and made again, as a checkout does): it changed. Not when the root itself
        // went: what is there now is in another folder, which is not watched.
        let root_went = events.iter().any(|d| d.event.paths.contains(&self.root)) && self.root_went();
        for event in &mut batch {
            if let PostEvent::Removed { path } = event {
                if !root_went && self.is_post_file(path) {
                    *event = PostEvent::Changed { path: std::mem::take(path) };
                }
            }
        }
        self.remember(&batch);
        batch
    }

    /// Every post as it is now: the ones gone removed, the others changed or created.
    fn rescanned(&self) -> Vec<PostEvent> {
        let now: BTreeSet<String> = post_paths_under(&self.root, &self.root).into_iter().collect();
        let gone = self.posts.difference(&now).map(|path| PostEvent::Removed { path: path.clone() });
        let mut events: Vec<PostEvent> = gone.collect();
        events.extend(now.into_iter().map(|path| match self.posts.contains(&path) {
            true => PostEvent::Changed { path },
            false => PostEvent::Created { path },
        }));
        events
    }

    fn is_post_file(&self, rel: &str) -> bool {
        let file = crate::paths::not_utf8_file(rel).unwrap_or_else(|| PathBuf::from(rel));
        std::fs::symlink_metadata(self.root.join(file)).is_ok_and(|m| m.is_file())
    }

    /// The relative folder `path` names (as the list names paths), when it could hold posts
    /// the list shows.
    fn listed_folder(&self, path: &Path) -> Option<String> {
        let rel = listed_name(&self.root, path)?;
        (!rel.is_empty() && !is_listed(&rel) && !is_ignored_path(shown(&rel))).then_some(rel)
    }

    /// Known posts under `rel/`.
    fn known_under(&self, rel: &str) -> Vec<String> {
        // Under a folder whose name is not UTF-8, every post is listed by its bytes.
        if let Some(folder) = not_utf8_file(rel) {
            let under = |p: &&String| not_utf8_file(p).is_some_and(|file| file.starts_with(&folder));
            return self.posts.iter().filter(under).cloned().collect();
        }
        let prefix = format!("{rel}/");
        self.posts
            .range(prefix.clone()..)
            .take_while(|p| p.starts_with(&prefix))
            .cloned()
            .collect()
    }

    fn folder_gone(&self, path: &Path) -> Vec<PostEvent> {
        // The workspace folder itself deleted or moved away (its own event is the only one):
        // every post went with it.
        let known = if path == self.root && self.root_went() {
            self.posts.iter().cloned().collect()
        } else if let Some(rel) = self.listed_folder(path) {
            self.known_under(&rel)
        } else {
            return Vec::new();
        };
        known
            .into_iter()
            .map(|path| PostEvent::Removed { path })
            .collect()
    }

    fn folder_arrived(&self, path: &Path) -> Vec<PostEvent> {
        // Not through a link to a folder: the list never shows posts through links, and the
        // folder it leads to may be anywhere (walking it could take as long as a whole disk).
        let is_dir = std::fs::symlink_metadata(path).is_ok_and(|m| m.is_dir());
        if self.listed_folder(path).is_none() || !is_dir {
            return Vec::new();
        }
        post_paths_under(&self.root, path)
            .into_iter()
            .filter(|p| !self.posts.contains(p))
            .map(|path| PostEvent::Created { path })
            .collect()
    }

    fn folder_moved(&self, from: &Path, to: &Path) -> Vec<PostEvent> {
        let renamable = |rel: &String| not_utf8_file(rel).is_none();
        let (Some(old), Some(new)) = (
            self.listed_folder(from).filter(renamable),
            self.listed_folder(to).filter(renamable),
        ) else {
            let mut events = self.folder_gone(from);
            events.extend(self.folder_arrived(to));
            return events;
        };
        let old_prefix = format!("{old}/");
        let mut events: Vec<PostEvent> = self
            .known_under(&old)
            .into_iter()
            .filter_map(|from| {
                // A name that is not UTF-8 is listed by its bytes, which the move changed: it
                // goes, and comes back below as a post that arrived.
                if crate::paths::not_utf8_file(&from).is_some() {
                    return Some(PostEvent::Removed { path: from });
                }
                let rest = from.strip_prefix(&old_prefix)?.to_string();
                Some(PostEvent::Renamed {
                    from,
                    to: format!("{new}/{rest}"),
                })
            })
            .collect();
        // Posts the watcher had not seen yet (created and moved within one batch).
        let renamed: BTreeSet<String> = events.iter().flat_map(PostEvent::paths).map(str::to_owned).collect();
        events.extend(
            self.folder_arrived(to)
                .into_iter()
                .filter(|e| e.paths().iter().all(|p| !renamed.contains(*p))),
        );
        events
    }

    fn remember(&mut self, batch: &[PostEvent]) {
        for event in batch {
            match event {
                PostEvent::Created { path } | PostEvent::Changed { path } => {
                    self.posts.insert(path.clone());
                }
                PostEvent::Removed { path } => {
                    self.posts.remove(path);
                }
                PostEvent::Renamed { from, to } => {
                    self.posts.remove(from);
                    self.posts.insert(to.clone());
                }
            }
        }
    }
}

/// A folder's identity on the disk, where the system gives one.
#[cfg(unix)]
fn folder_id(metadata: &std::fs::Metadata) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    Some((metadata.dev(), metadata.ino()))
}

#[cfg(not(unix))]
fn folder_id(_: &std::fs::Metadata) -> Option<(u64, u64)> {
    None
}

#[cfg(test)]
mod tests;
