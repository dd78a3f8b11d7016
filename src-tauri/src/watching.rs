//! Connects the core's folder watcher to the window: keeps the index current and tells the UI
//! what changed, leaving out our own saves (their bytes still match the revision we wrote).

use crate::state::AppState;
use draftsmith_core::watch::{FolderWatcher, PostEvent};
use draftsmith_core::workspace::PostSummary;
use serde::Serialize;
use std::path::Path;
use tauri::{AppHandle, Emitter, Manager, Runtime};

pub const WORKSPACE_CHANGED: &str = "workspace-changed";

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct WorkspaceChanged {
    pub events: Vec<PostEvent>,
    pub posts: Vec<PostSummary>,
}

/// Start watching `root`; events go to the window as `workspace-changed`.
pub fn watch<R: Runtime>(app: &AppHandle<R>, root: &Path) -> Option<FolderWatcher> {
    let app = app.clone();
    let watched = root.to_path_buf();
    match FolderWatcher::new(root, move |events| on_events(&app, &watched, events)) {
        Ok(w) => Some(w),
        Err(e) => {
            // The app stays usable without live updates; the UI hears why.
            eprintln!("draftsmith: not watching {}: {e}", root.display());
            None
        }
    }
}

fn on_events<R: Runtime>(app: &AppHandle<R>, root: &Path, events: Vec<PostEvent>) {
    let state = app.state::<AppState>();
    // Hash the changed files before taking the lock: I/O stays outside it.
    let disk: Vec<(String, Option<String>)> = events
        .iter()
        .filter_map(|e| match e {
            PostEvent::Changed { path } | PostEvent::Created { path } => Some(path.clone()),
            PostEvent::Renamed { to, .. } => Some(to.clone()),
            PostEvent::Removed { .. } => None,
        })
        .map(|p| {
            let rev = std::fs::read(root.join(&p)).ok().map(|b| draftsmith_core::save::revision(&b));
            (p, rev)
        })
        .collect();
    let update = state.with(|open| {
        if open.workspace.root() != root {
            return None; // a late batch from a workspace that has since been closed
        }
        let mut kept = Vec::new();
        for event in events {
            let own = match &event {
                PostEvent::Changed { path } | PostEvent::Created { path } => {
                    let rev = disk.iter().find(|(p, _)| p == path).and_then(|(_, r)| r.as_ref());
                    rev.is_some() && open.own_writes.get(path) == rev
                }
                _ => false,
            };
            match &event {
                PostEvent::Renamed { from, to } => {
                    open.workspace.refresh(from);
                    open.workspace.refresh(to);
                }
                PostEvent::Created { path } | PostEvent::Changed { path } | PostEvent::Removed { path } => {
                    open.workspace.refresh(path);
                }
            }
            if !own {
                kept.push(event);
            }
        }
        (!kept.is_empty()).then(|| WorkspaceChanged { events: kept, posts: open.workspace.posts() })
    });
    if let Ok(Some(payload)) = update {
        let _ = app.emit(WORKSPACE_CHANGED, payload);
    }
}
