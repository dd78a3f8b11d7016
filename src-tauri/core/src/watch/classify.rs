//! Raw file-system events to post events: a pure function of event kinds and paths.

use super::PostEvent;
use crate::paths::listed_name;
use crate::save::TEMP_PREFIX;
use crate::workspace::is_listed;
use notify::event::{ModifyKind, RenameMode};
use notify::EventKind;
use notify_debouncer_full::DebouncedEvent;
use std::collections::HashMap;
use std::path::Path;

/// Turn a debounced batch into post events (paths relative to `root`, which must be spelled as
/// the watcher reports paths). Ignores our temp files, hidden files and folders, and non-post
/// files; collapses several events of one path into the one that matters. A rename from one of
/// our temp files onto a post is how an atomic save looks, so it is reported as `Changed`.
pub fn classify(root: &Path, events: &[DebouncedEvent]) -> Vec<PostEvent> {
    let mut batch = Batch::default();
    for debounced in events {
        let event = &debounced.event;
        let paths = &event.paths;
        match event.kind {
            EventKind::Create(_) => paths
                .iter()
                .for_each(|p| batch.touch(root, p, Touch::Created)),
            EventKind::Remove(_) => paths
                .iter()
                .for_each(|p| batch.touch(root, p, Touch::Removed)),
            EventKind::Modify(ModifyKind::Name(RenameMode::Both)) if paths.len() == 2 => {
                batch.rename(root, &paths[0], &paths[1]);
            }
            EventKind::Modify(ModifyKind::Name(RenameMode::From)) => {
                paths
                    .iter()
                    .for_each(|p| batch.touch(root, p, Touch::Removed));
            }
            EventKind::Modify(ModifyKind::Name(RenameMode::To)) => {
                paths
                    .iter()
                    .for_each(|p| batch.touch(root, p, Touch::Created));
            }
            // Content or metadata changes, and renames that do not say which side a path is
            // on: the path must be re-read to know.
            EventKind::Modify(_) | EventKind::Any => {
                paths
                    .iter()
                    .for_each(|p| batch.touch(root, p, Touch::Changed));
            }
            EventKind::Access(_) | EventKind::Other => {}
        }
    }
    batch.finish()
}

#[derive(Clone, Copy)]
enum Touch {
    Created,
    Changed,
    Removed,
}

/// The events so far, in order, with the latest one about each path findable by that path.
#[derive(Default)]
struct Batch {
    events: Vec<Option<PostEvent>>,
    latest: HashMap<String, usize>,
}

impl Batch {
    fn touch(&mut self, root: &Path, path: &Path, touch: Touch) {
        if let Some(rel) = post_path(root, path) {
            self.apply(rel, touch);
        }
    }

    /// Fold one event about `rel` into what is already known about it.
    fn apply(&mut self, rel: String, touch: Touch) {
        use PostEvent::*;
        let merged = match (self.take(&rel), touch) {
            (None, Touch::Created) => Some(Created { path: rel }),
            (None, Touch::Changed) => Some(Changed { path: rel }),
            (None, Touch::Removed) => Some(Removed { path: rel }),
            // Created then written: still just a new post. Created then deleted: nothing.
            (Some(Created { path }), Touch::Created | Touch::Changed) => Some(Created { path }),
            (Some(Created { .. }), Touch::Removed) => None,
            // Deleted and written again (some editors save so): the post changed.
            (Some(Removed { path }), Touch::Created | Touch::Changed) => Some(Changed { path }),
            (Some(Removed { path } | Changed { path }), Touch::Removed) => Some(Removed { path }),
            (Some(Changed { path }), Touch::Created | Touch::Changed) => Some(Changed { path }),
            (Some(renamed @ Renamed { .. }), Touch::Created | Touch::Changed) => Some(renamed),
            // Renamed and then deleted: the old name is what the list still shows, and a post
            // the rename wrote over at the new name is gone too.
            (Some(Renamed { from, to }), Touch::Removed) => {
                self.push(Removed { path: from });
                Some(Removed { path: to })
            }
        };
        if let Some(event) = merged {
            self.push(event);
        }
    }

    fn rename(&mut self, root: &Path, from: &Path, to: &Path) {
        match (post_path(root, from), post_path(root, to)) {
            (Some(from), Some(to)) => self.rename_post(from, to),
            (Some(from), None) => self.apply(from, Touch::Removed),
            (None, Some(to)) if is_our_temp_file(from) => self.apply(to, Touch::Changed),
            (None, Some(to)) => self.apply(to, Touch::Created),
            (None, None) => {}
        }
    }

    fn rename_post(&mut self, from: String, to: String) {
        use PostEvent::*;
        // Whatever was pending for the target is overwritten by the rename; a post renamed
        // there earlier in the batch is gone from its old name all the same.
        if let Some(Renamed { from: earlier, .. }) = self.take(&to) {
            self.push(Removed { path: earlier });
        }
        let event = match self.take(&from) {
            Some(Created { .. }) => Created { path: to },
            Some(Renamed { from: first, .. }) => {
                // A rename onto `from` may have written over a post there, now moved on: gone.
                self.push(Removed { path: from });
                if first == to {
                    Changed { path: to }
                } else {
                    Renamed { from: first, to }
                }
            }
            _ => Renamed { from, to },
        };
        self.push(event);
    }

    fn take(&mut self, rel: &str) -> Option<PostEvent> {
        let index = self.latest.remove(rel)?;
        self.events.get_mut(index)?.take()
    }

    fn push(&mut self, event: PostEvent) {
        let key = match &event {
            PostEvent::Created { path }
            | PostEvent::Changed { path }
            | PostEvent::Removed { path } => path,
            PostEvent::Renamed { to, .. } => to,
        };
        self.latest.insert(key.clone(), self.events.len());
        self.events.push(Some(event));
    }

    fn finish(self) -> Vec<PostEvent> {
        self.events.into_iter().flatten().collect()
    }
}

/// The path of a post as the list shows it, or `None` for anything else.
fn post_path(root: &Path, path: &Path) -> Option<String> {
    listed_name(root, path).filter(|rel| is_listed(rel))
}

fn is_our_temp_file(path: &Path) -> bool {
    path.file_name()
        .is_some_and(|name| name.to_string_lossy().starts_with(TEMP_PREFIX))
}

#[cfg(test)]
mod tests {
    use super::*;
    use notify::event::{CreateKind, DataChange, RemoveKind};
    use std::path::PathBuf;

    const ROOT: &str = "/blog";

    fn at(rel: &str) -> PathBuf {
        Path::new(ROOT).join(rel)
    }

    fn event(kind: EventKind, rels: &[&str]) -> DebouncedEvent {
        let mut event = notify::Event::new(kind);
        event.paths = rels.iter().map(|rel| at(rel)).collect();
        DebouncedEvent::new(event, std::time::Instant::now())
    }

    fn create(rel: &str) -> DebouncedEvent {
        event(EventKind::Create(CreateKind::File), &[rel])
    }
    fn modify(rel: &str) -> DebouncedEvent {
        event(
            EventKind::Modify(ModifyKind::Data(DataChange::Content)),
            &[rel],
        )
    }
    fn remove(rel: &str) -> DebouncedEvent {
        event(EventKind::Remove(RemoveKind::File), &[rel])
    }
    fn rename(from: &str, to: &str) -> DebouncedEvent {
        event(
            EventKind::Modify(ModifyKind::Name(RenameMode::Both)),
            &[from, to],
        )
    }

    fn run(events: &[DebouncedEvent]) -> Vec<PostEvent> {
        classify(Path::new(ROOT), events)
    }

    fn created(p: &str) -> PostEvent {
        PostEvent::Created { path: p.into() }
    }
    fn changed(p: &str) -> PostEvent {
        PostEvent::Changed { path: p.into() }
    }
    fn removed(p: &str) -> PostEvent {
        PostEvent::Removed { path: p.into() }
    }
    fn renamed(from: &str, to: &str) -> PostEvent {
        PostEvent::Renamed {
            from: from.into(),
            to: to.into(),
        }
    }

    #[test]
    fn single_events_map_to_post_events_with_relative_paths() {
        assert_eq!(run(&[create("posts/a.md")]), [created("posts/a.md")]);
        assert_eq!(run(&[modify("a.MD")]), [changed("a.MD")]);
        assert_eq!(run(&[remove("b.markdown")]), [removed("b.markdown")]);
        assert_eq!(run(&[rename("a.md", "b.md")]), [renamed("a.md", "b.md")]);
    }

    #[test]
    fn non_posts_hidden_temp_and_outside_paths_are_ignored() {
        let ignored = [
            create("notes.txt"),
            create(".hidden.md"),
            modify(".git/x.md"),
            modify("node_modules/p/README.md"),
            create(&format!("posts/{TEMP_PREFIX}abc")),
            event(EventKind::Create(CreateKind::File), &["../elsewhere.md"]),
            event(EventKind::Access(notify::event::AccessKind::Any), &["a.md"]),
        ];
        assert_eq!(run(&ignored), []);
        let mut outside = notify::Event::new(EventKind::Create(CreateKind::File));
        outside.paths = vec![PathBuf::from("/other/a.md")];
        assert_eq!(
            run(&[DebouncedEvent::new(outside, std::time::Instant::now())]),
            []
        );
    }

    #[test]
    fn duplicates_collapse_into_the_event_that_matters() {
        assert_eq!(
            run(&[create("a.md"), modify("a.md"), modify("a.md")]),
            [created("a.md")]
        );
        assert_eq!(run(&[modify("a.md"), modify("a.md")]), [changed("a.md")]);
        assert_eq!(run(&[create("a.md"), remove("a.md")]), []);
        assert_eq!(run(&[modify("a.md"), remove("a.md")]), [removed("a.md")]);
        assert_eq!(run(&[remove("a.md"), create("a.md")]), [changed("a.md")]);
        assert_eq!(
            run(&[modify("a.md"), create("b.md"), modify("a.md")]),
            [created("b.md"), changed("a.md")]
        );
    }

    #[test]
    fn an_atomic_save_through_our_temp_file_is_a_change() {
        let temp = format!("posts/{TEMP_PREFIX}x1y2");
        let save = [create(&temp), modify(&temp), rename(&temp, "posts/a.md")];
        assert_eq!(run(&save), [changed("posts/a.md")]);
    }

    #[test]
    fn renames_across_the_post_boundary_are_creations_or_removals() {
        assert_eq!(
            run(&[rename("draft.txt", "draft.md")]),
            [created("draft.md")]
        );
        assert_eq!(run(&[rename("a.md", "a.md.bak")]), [removed("a.md")]);
        assert_eq!(run(&[rename("a.md", ".trash/a.md")]), [removed("a.md")]);
        assert_eq!(run(&[rename("x.txt", "y.txt")]), []);
    }

    #[test]
    fn renames_chain_and_fold_with_earlier_events() {
        assert_eq!(
            run(&[create("a.md"), rename("a.md", "b.md")]),
            [created("b.md")]
        );
        // b.md may have been a post the first rename wrote over: it is gone either way.
        assert_eq!(
            run(&[rename("a.md", "b.md"), rename("b.md", "c.md")]),
            [removed("b.md"), renamed("a.md", "c.md")]
        );
        assert_eq!(
            run(&[rename("a.md", "b.md"), rename("b.md", "a.md")]),
            [removed("b.md"), changed("a.md")]
        );
        assert_eq!(
            run(&[rename("a.md", "b.md"), remove("b.md")]),
            [removed("a.md"), removed("b.md")]
        );
        // Two renames onto one name: the first one's source is gone too.
        assert_eq!(
            run(&[rename("a.md", "b.md"), rename("c.md", "b.md")]),
            [removed("a.md"), renamed("c.md", "b.md")]
        );
        assert_eq!(
            run(&[rename("a.md", "b.md"), modify("b.md")]),
            [renamed("a.md", "b.md")]
        );
    }

    #[test]
    fn one_sided_renames_are_removals_and_creations() {
        let from = event(
            EventKind::Modify(ModifyKind::Name(RenameMode::From)),
            &["a.md"],
        );
        let to = event(
            EventKind::Modify(ModifyKind::Name(RenameMode::To)),
            &["b.md"],
        );
        let any = event(
            EventKind::Modify(ModifyKind::Name(RenameMode::Any)),
            &["c.md"],
        );
        assert_eq!(
            run(&[from, to, any]),
            [removed("a.md"), created("b.md"), changed("c.md")]
        );
    }
}
