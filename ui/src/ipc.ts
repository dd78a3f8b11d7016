// The one module that talks to the Rust shell. Everything else calls these typed wrappers,
// so tests mock this file and the dev build can swap in an in-browser fake backend.
import { convertFileSrc, invoke } from "@tauri-apps/api/core";
import type {
  ExportProgress,
  FrontMatter,
  JournalEntry,
  PageEvents,
  PostDoc,
  PostSummary,
  PreviewUpdate,
  RecordEdit,
  SiteReport,
  TextEdit,
  Value,
  WorkspaceChanged,
  WorkspaceInfo,
} from "./types";
import { countCall } from "./perf-probe";

const useMock = import.meta.env.VITE_MOCK_IPC === "1";
const perfProbe = import.meta.env.VITE_PERF_PROBE === "1";

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  // The condition is a build-time constant, so the real build drops the mock entirely.
  if (useMock) {
    const mock = await import("./dev-mock");
    return mock.mockInvoke(command, args ?? {}) as Promise<T>;
  }
  if (perfProbe) countCall(command);
  return invoke<T>(command, args);
}

export type UnlistenFn = () => void;

/** What the page is told unasked, by kind, and who listens to each. */
type Listeners = {
  workspaceChanged: Set<(payload: WorkspaceChanged) => void>;
  exportProgress: Set<(payload: ExportProgress) => void>;
  closeRequested: Set<(payload: undefined) => void>;
  readingFolder: Set<(payload: string) => void>;
  notWatching: Set<(payload: string) => void>;
};
const listeners: Listeners = {
  workspaceChanged: new Set(),
  exportProgress: new Set(),
  closeRequested: new Set(),
  readingFolder: new Set(),
  notWatching: new Set(),
};
let pulling = false;
/** The watcher's failures said while no one listened (the app's code still loading at
 * start-up): kept for the first listener, as the list would otherwise go stale unsaid. Each
 * one: a folder over the limit of watches and the folder itself gone are both news. */
const unheardNotWatching: string[] = [];

/**
 * Keeps one `next_page_events` call pending and hands what it answers to the listeners
 * (src-tauri/src/page_events.rs says why these are not Tauri events). The backend holds what
 * happens before the first call, so nothing is missed by listening late.
 */
function pullPageEvents(): void {
  if (pulling) return;
  pulling = true;
  void (async () => {
    for (;;) {
      let events: PageEvents;
      try {
        events = await invoke<PageEvents>("next_page_events");
      } catch (e) {
        console.error("Could not get the backend's events", e);
        await new Promise((r) => setTimeout(r, 1000));
        continue;
      }
      dispatchPageEvents(events);
    }
  })();
}

/** Hands one answer of `next_page_events` to the listeners (each kind at most once). A listener
 * that throws is reported and leaves the others, and the loop, running. */
function dispatchPageEvents(events: PageEvents): void {
  const each = <T>(handlers: Set<(payload: T) => void>, payload: T) =>
    handlers.forEach((handler) => {
      try {
        handler(payload);
      } catch (e) {
        console.error("A listener of the backend's events failed", e);
      }
    });
  const { workspaceChanged, exportProgress, closeRequested, readingFolder, notWatching } = events;
  if (readingFolder !== null) each(listeners.readingFolder, readingFolder);
  if (listeners.notWatching.size === 0) unheardNotWatching.push(...notWatching);
  else notWatching.forEach((message) => each(listeners.notWatching, message));
  if (workspaceChanged) each(listeners.workspaceChanged, workspaceChanged);
  if (exportProgress) each(listeners.exportProgress, exportProgress);
  if (closeRequested) each(listeners.closeRequested, undefined);
}

async function subscribe<K extends "workspaceChanged" | "exportProgress" | "readingFolder" | "notWatching">(
  kind: K,
  event: string,
  handler: Listeners[K] extends Set<infer H> ? H : never,
): Promise<UnlistenFn> {
  if (useMock) {
    const mock = await import("./dev-mock");
    return mock.mockListen(event, (p) => (handler as (p: unknown) => void)(p));
  }
  const set = listeners[kind] as Set<typeof handler>;
  set.add(handler);
  pullPageEvents();
  return () => set.delete(handler);
}

export const getWorkspace = () => call<WorkspaceInfo | null>("get_workspace");
export const openWorkspace = (path?: string) =>
  call<WorkspaceInfo | null>("open_workspace", path === undefined ? {} : { path });
export const listPosts = () => call<PostSummary[]>("list_posts");
export const readPost = (path: string) => call<PostDoc>("read_post", { path });
export const savePost = (path: string, text: string, revision: string) =>
  call<{ revision: string }>("save_post", { path, text, revision });
/** `since`: the id of the update the preview last applied (its HTML is then left out). */
export const renderPreview = (path: string, text: string, since: number | null) =>
  call<PreviewUpdate>("render_preview", { path, text, since });
/** As renderPreview, for the text of update `edit.base` with one replacement (fails with
 * kind `stale_text` when the backend no longer holds that text). */
export const renderPreviewEdit = (path: string, edit: TextEdit, since: number | null) =>
  call<PreviewUpdate>("render_preview", { path, edit, since });
/** The synchronous channel's one request object (see renderPreviewNow). */
let syncChannel: XMLHttpRequest | null = null;
/**
 * As renderPreview, but answered before it returns, through the preview's synchronous channel
 * (src-tauri/src/preview_protocol.rs), so the answer can be patched in before the webview
 * paints the keystroke. The page is blocked until then: only for renders known to be cheap.
 * Null when the channel did not answer (the in-browser dev backend has none); the backend's
 * own errors are thrown as the command's are.
 */
export function renderPreviewNow(
  path: string,
  request: { text: string } | { edit: TextEdit },
  since: number | null,
): PreviewUpdate | null {
  if (useMock) return null;
  // One request object for every keystroke: a new one each time kept its native request and
  // answer until JavaScriptCore's next full collection, which its small wrapper seldom asks for.
  syncChannel ??= new XMLHttpRequest();
  const xhr = syncChannel;
  try {
    xhr.open("POST", convertFileSrc("render", "dspreview"), false);
    // A string body goes as text/plain: no CORS preflight for the other scheme.
    xhr.send(JSON.stringify({ path, ...request, since }));
  } catch {
    return null;
  }
  if (xhr.status === 200) return JSON.parse(xhr.responseText) as PreviewUpdate;
  if (xhr.status === 400 || xhr.status === 500) throw JSON.parse(xhr.responseText);
  return null;
}
export const previewCss = () => call<string>("preview_css");
export const parseFrontMatter = (text: string) => call<FrontMatter>("parse_front_matter", { text });
export const editFrontMatter = (text: string, key: string, value: Value | null) =>
  call<string>("edit_front_matter", { text, key, value });
export const setPostDraft = (path: string, draft: boolean) =>
  call<PostSummary>("set_post_draft", { path, draft });
export const newPost = (title: string) => call<PostSummary>("new_post", { title });
export const renamePost = (path: string, title: string, renameFile: boolean) =>
  call<PostSummary>("rename_post", { path, title, renameFile });
export const duplicatePost = (path: string) => call<PostSummary>("duplicate_post", { path });
/** `folder`: what the user agreed goes with the post (`folderTrashedWith`'s answer); the
 * backend moves nothing when the disk now says otherwise. */
export const deletePost = (path: string, folder: string | null) =>
  call<null>("delete_post", { path, folder: folder ?? "" });
/** The folder (`trip/`) that goes to the trash with the post, or null when it goes alone. */
export const folderTrashedWith = (path: string) => call<string | null>("folder_trashed_with", { path });
export const exportPost = (path: string, dest?: string) =>
  call<string | null>("export_post", dest === undefined ? { path } : { path, dest });
export const exportSite = (drafts: boolean, dest?: string) =>
  call<SiteReport | null>("export_site", dest === undefined ? { drafts } : { dest, drafts });
export const confirmDialog = (title: string, message: string, okLabel: string) =>
  call<boolean>("confirm", { title, message, okLabel });
export const openExternal = (url: string) => call<null>("open_external", { url });
/** `root` is the folder the post is in: the call may land after another folder opened.
 * Answers the record's version (which a `journalEdit` names as its base), or null when a
 * record written later stays. */
export const journalWrite = (path: string, text: string, baseRevision: string, root: string) =>
  call<string | null>("journal_write", { path, text, baseRevision, root });
/** As journalWrite, with a change of the record written as `edit.base`: null, writing nothing,
 * when that is not the record held any more (the whole text is to be sent). */
export const journalEdit = (path: string, edit: RecordEdit, baseRevision: string, root: string) =>
  call<string | null>("journal_edit", { path, edit, baseRevision, root });
export const journalClear = (path: string, root: string) => call<null>("journal_clear", { path, root });
export const journalEntries = () => call<JournalEntry[]>("journal_entries");

export const onWorkspaceChanged = (handler: (payload: WorkspaceChanged) => void) =>
  subscribe("workspaceChanged", "workspace-changed", handler);
export const onExportProgress = (handler: (payload: ExportProgress) => void) =>
  subscribe("exportProgress", "export-progress", handler);
/** A folder is being read to be opened: its path. */
export const onReadingFolder = (handler: (folder: string) => void) =>
  subscribe("readingFolder", "reading-folder", handler);
/** The folder's watcher failed after it started: why changes made elsewhere will not show. */
export async function onNotWatching(handler: (message: string) => void): Promise<UnlistenFn> {
  const stop = await subscribe("notWatching", "not-watching", handler);
  unheardNotWatching.splice(0).forEach(handler);
  return stop;
}

/** Tauri's window module: kept out of the entry and the app's bundle, and loaded by the entry
 * script's first call (showWindow). */
const currentWindow = async () => (await import("@tauri-apps/api/window")).getCurrentWindow();

/** Shows the window: it is created hidden (tauri.conf.json) and shown once the page has
 * something to paint (src-tauri/src/window_shown.rs says why). */
export async function showWindow(): Promise<void> {
  if (useMock) return;
  await (await currentWindow()).show();
}

/**
 * Runs `beforeClose` when the user closes the window; the window closes only when it
 * resolves to true. The guard is in place within the first round trips after start, before a
 * recovered text is applied.
 */
export async function onCloseRequested(beforeClose: () => Promise<boolean>): Promise<void> {
  if (useMock) return;
  let asking = false;
  listeners.closeRequested.add(() => {
    if (asking) return; // the close button pressed again while the first request is answered
    asking = true;
    void beforeClose()
      .then(async (mayClose) => {
        if (mayClose) await (await currentWindow()).destroy();
      })
      .catch((e) => console.error("Could not close the window", e))
      .finally(() => (asking = false));
  });
  pullPageEvents();
  await call<null>("guard_close");
}

/** Closes the window as its close button does (asking about unsaved text first). */
export async function closeWindow(): Promise<void> {
  if (useMock) return;
  await (await currentWindow()).close();
}
