// Builds the window: creates every part and connects them. The parts do the work; this
// module only decides who hears about what.
import { sameList } from "./chips";
import { ConflictBar } from "./conflict";
import { Editor } from "./editor";
import { SiteExporter, exportOpenPost } from "./export";
import { FrontMatterSync } from "./front-matter-sync";
import { FrontMatterForm } from "./frontmatter-form";
import * as ipc from "./ipc";
import { CrashJournal, offerRecovery, type Typed, type Unsaved } from "./journal";
import { setupLayout } from "./layout";
import { markDocChange, markPatched, markReady } from "./perf-probe";
import { collectTaxonomies } from "./post-filter";
import * as actions from "./post-actions";
import type { PostText } from "./post-text";
import { PostsList } from "./posts-list";
import { Preview } from "./preview";
import { PreviewTransport } from "./preview-transport";
import { RenderScheduler } from "./render-scheduler";
import { Session } from "./session";
import { installShortcuts } from "./shortcuts";
import { StatusBar } from "./statusbar";
import { storageGet, storageSet } from "./storage";
import { requestStartup, type StartupRequests } from "./startup-requests";
import { showError, showStartProblem, showToast } from "./toasts";
import { leavePost, mayClose } from "./unsaved";
import { isIpcError, type PostSummary, type PreviewUpdate, type WorkspaceChanged, type WorkspaceInfo } from "./types";

const FM_PARSE_DELAY_MS = 150;
const FM_PANEL_KEY = "draftsmith.frontMatterPanel";
const perfProbe = import.meta.env.VITE_PERF_PROBE === "1";

export type TestHooks = {
  editorText(): string;
  setEditorText(text: string): void;
  openPath(): string | null;
  /** Every post the list holds (filtered or not). */
  listedPaths(): string[];
  /** What the list holds of post `path`. */
  listedPost(path: string): PostSummary | undefined;
};

/** The webview must never navigate away from the app: not by a link, not by a dropped file. */
function guardNavigation(doc: Document): void {
  doc.addEventListener("click", (e) => {
    if ((e.target as Element | null)?.closest?.("a[href]")) e.preventDefault();
  });
  doc.addEventListener("dragover", (e) => e.preventDefault());
  doc.addEventListener("drop", (e) => e.preventDefault());
}

function rememberFormPanel(doc: Document): void {
  const panel = doc.getElementById("fm-panel") as HTMLDetailsElement;
  if (storageGet(FM_PANEL_KEY) === "closed") panel.open = false;
  panel.addEventListener("toggle", () => storageSet(FM_PANEL_KEY, panel.open ? "open" : "closed"));
}

/** Build the window over `startup`: the requests main.ts sent before this bundle loaded (a
 * test sends them here). */
export function startApp(doc: Document = document, startup: StartupRequests = requestStartup()): TestHooks {
  const byId = <T extends HTMLElement>(id: string) => doc.getElementById(id) as T;
  setupLayout(doc);
  const status = new StatusBar(doc);
  status.setSaveState("none");

  const journal = new CrashJournal((e) => showError(e, "Could not keep a crash copy of the text"));
  /** The word counts last shown, of the open post's text and of the post left before it (a
   * save of which may answer after it was left), each with the text counted. */
  let counted: { path: string | null; text: PostText; words: number }[] = [];

  const editor = new Editor(byId("editor"), {
    onDocChanged: (text) => {
      if (perfProbe) markDocChange(text);
      const dirty = session.docChanged(text);
      const open = session.openPath;
      if (open !== null) {
        // Not while a post is being opened (its kept editor state brought up to the file's
        // text): the preview still holds the post left behind, which keeps it. `opened` renders.
        if (open === previewPath && (scheduler.busy || !showNow(open, text))) scheduler.request(text);
        if (dirty) journal.schedule(open, () => unsavedText(open));
        else journal.settled(open);
      }
      fmSync.changed(text);
    },
    onScrolled: (line) => preview.follow(line),
    onSave: () => void session.save(),
  });

  /** The open post's unsaved text and base revision, when `path` is open and has any. */
  function unsavedText(path: string): Typed | null {
    const text = editor.current();
    if (session.openPath !== path || !session.isDirty(text)) return null;
    return { text, revision: session.baseRevision };
  }

  const preview = new Preview(byId("preview"), {
    openExternal: (url) => void ipc.openExternal(url).catch((e) => showError(e, `Could not open ${url}`)),
    onBlockClicked: (line) => editor.goToLine(line),
    onLinkRefused: (message) => showToast(message),
  });

  const transport = new PreviewTransport();
  /** The length of the text the preview shows. */
  let shownLength = 0;
  /** The post the preview was last opened for (it shows that post's blocks only). */
  let previewPath: string | null = null;
  const scheduler = new RenderScheduler<PreviewUpdate, PostText>(
    (text) => {
      const path = session.openPath;
      return path === null
        ? Promise.resolve({ id: 0, base: null, head: 0, tail: 0, line_shift: 0, word_count: 0, blocks: [], render_micros: 0 })
        : transport.render(path, text, preview.since);
    },
    (result, text) => showUpdate(result, text),
    (e) => showError(e, "Preview failed"),
  );
  function showUpdate(result: PreviewUpdate, text: PostText): void {
    if (preview.show(result) === null) {
      // The update relied on HTML this preview no longer has: ask for all of it, for the
      // editor's current text (a newer one may already be queued; this must not replace it).
      scheduler.request(editor.current());
      return;
    }
    shownLength = text.length;
    counted = [{ path: previewPath, text, words: result.word_count }, ...counted.filter((c) => c.path !== previewPath)].slice(0, 2);
    status.setWordCount(result.word_count);
    if (perfProbe) markPatched(text, preview.container);
  }
  /** A keystroke's preview patched before the keystroke is painted, while renders are cheap. */
  function showNow(path: string, text: PostText): boolean {
    const update = transport.renderNow(path, text, preview.since);
    if (update === null) return false;
    showUpdate(update, text);
    return true;
  }

  const form = new FrontMatterForm(doc, (key, value) => {
    // A post in Jekyll's `_drafts/` is published by moving it, as the row toggle does.
    const open = list.allPosts().find((p) => p.path === session.openPath);
    if (key === "draft" && open && actions.inDraftsFolder(open.path)) void actions.toggleDraft(ctx, open);
    else if (key === "draft" && value?.type === "bool") void actions.setOpenDraft(session, value.value);
    else void session.editFrontMatter(key, value);
  });
  const fmSync = new FrontMatterSync(
    {
      parse: (text) => ipc.parseFrontMatter(text),
      current: () => editor.current(),
      show: (fm, text) => {
        const held = session.openPath !== null && actions.inDraftsFolder(session.openPath);
        form.show(held ? { ...fm, draft: true } : fm, text);
      },
      failed: (e, text) => {
        if (isIpcError(e) && e.kind === "front_matter") form.showError(e.message, text);
        else showError(e, "Could not read the front matter");
      },
    },
    FM_PARSE_DELAY_MS,
  );

  const conflict = new ConflictBar(doc, (action) => void session.conflictAction(action));

  const session = new Session(editor, conflict, {
    saveState: (state, detail) => status.setSaveState(state, detail),
    opened: (path) => {
      journal.cancel(); // a crash copy still to write belongs to the post left behind
      doc.body.classList.toggle("no-post", path === null);
      status.setPath(path);
      list.setActive(path);
      scheduler.reset();
      // The preview left behind is kept: opened again, it is shown at once and only what
      // changed meanwhile is rendered.
      transport.open(path);
      preview.open(path, shownLength);
      previewPath = path;
      shownLength = 0;
      status.setWordCount(null);
      fmSync.reset();
      if (path === null) {
        form.clear();
        return;
      }
      scheduler.request(editor.current());
      void fmSync.now(editor.current());
    },
    moved: (from, to) => {
      // The crash copy goes with the post: left under the old name, it would be offered back
      // at the next start as unsaved text of a post that went.
      journal.movedAway(from);
      if (session.isDirty()) journal.schedule(to, () => unsavedText(to));
    },
    forgotten: (path) => {
      preview.forgetKept(path);
      transport.forgetKept(path);
    },
    saved: (path, text) => {
      void updateSummaryAfterSave(path, text);
      // The backend cleared the post's crash copy with this save; text typed while it travelled
      // is unsaved still and needs one again (and with none, a copy that landed late goes).
      if (session.openPath === path) journal.saved(path, () => unsavedText(path));
    },
    error: (e, context) => showError(e, context),
    info: (message) => showToast(message),
    keepUnsaved: (path, unsaved, reason, leaving) => leavePost(journal, path, unsaved, reason, leaving),
    keepAgain: (path, unsaved) => keepLeft(path, unsaved),
    keptMoved: (from, to, unsaved) => {
      journal.movedAway(from);
      keepLeft(to, unsaved);
    },
  });

  /** Keeps the text of post `path`, left unsaved, in the journal. */
  function keepLeft(path: string, unsaved: Unsaved): void {
    void journal.keep(path, unsaved).catch((e) => showError(e, `Could not keep a copy of the text of ${path}`));
  }

  const list = new PostsList(doc, {
    open: (post) => session.open(post.path),
    toggleDraft: (post) => void actions.toggleDraft(ctx, post),
    rename: (post) => void actions.renamePost(ctx, post),
    duplicate: (post) => void actions.duplicatePost(ctx, post),
    remove: (post) => void actions.deletePost(ctx, post),
  });

  /** Offers back the unsaved text a killed session, or "keep it in the journal", left for
   * this folder's posts. */
  function recover(): Promise<unknown> {
    return offerRecovery(async (path, text) => {
      if (!(await session.open(path))) return false;
      if (text === null) return true; // written back to its file already
      await editor.loadDeferred().catch(() => {}); // undo history; a failure is shown already
      editor.setTextAsUser(text); // an edit: it autosaves, and undo brings back the disk text
      return true;
    }, showError);
  }

  const ctx: actions.ActionContext = { list, session, showWorkspace, recover, refreshSuggestions };
  const siteExporter = new SiteExporter(doc);

  /** Our own saves raise no watcher event, so the list row is refreshed from the saved text. */
  async function updateSummaryAfterSave(path: string, text: string): Promise<void> {
    const fm = fmSync.frontMatterOf(text) ?? (await ipc.parseFrontMatter(text).catch(() => null));
    const existing = list.allPosts().find((p) => p.path === path);
    if (!existing || !fm) return;
    list.upsert({
      ...existing,
      title: fm.title ?? existing.title,
      date: fm.date?.text ?? null,
      draft: (fm.draft ?? false) || actions.inDraftsFolder(path),
      tags: fm.tags,
      categories: fm.categories,
      // Counted for the very text saved, or (not rendered) as it was.
      word_count: counted.find((c) => c.path === path && c.text.is(text))?.words ?? existing.word_count,
      problem: null,
    });
    // The save may have added a tag or category (collecting them walks every post).
    if (!sameList(existing.tags, fm.tags) || !sameList(existing.categories, fm.categories)) refreshSuggestions();
  }

  function refreshSuggestions(): void {
    const { tags, categories } = collectTaxonomies(list.allPosts());
    form.setSuggestions(tags, categories);
  }

  /** The folder being read to be opened, and its changes that came before it was shown. */
  let reading: { root: string; early: WorkspaceChanged[] } | null = null;

  function readingFolder(root: string): void {
    reading = { root, early: [] };
    list.readingFolder(root);
  }

  function workspaceChanged(payload: WorkspaceChanged): void {
    // A change of the folder open before this one, on its way as this one opened: its posts and
    // events are not this folder's. (Before any folder is shown, it is the one being opened.)
    // One of the folder being opened, that came before its answer, is applied once it is shown
    // (also when no folder was shown yet: applied now, the answer's older list would replace it).
    if (payload.root !== journal.root && payload.root === reading?.root) {
      reading.early.push(payload);
      return;
    }
    if (journal.root !== null && payload.root !== journal.root) return;
    list.setPosts(payload.posts);
    refreshSuggestions();
    void session.workspaceEvents(payload.events);
  }

  function showWorkspace(info: WorkspaceInfo): void {
    journal.root = info.root;
    actions.workspaceShown(info.root);
    byId("workspace-root").textContent = info.root;
    byId("workspace-root").title = info.root;
    list.setPosts(info.posts);
    refreshSuggestions();
    // The posts are shown all the same, but the list and an open post will not follow changes
    // made elsewhere until the folder is opened again.
    for (const message of info.not_watching) showToast(message, "error", doc);
    // Posts in a folder that could not be read are missing from the list: never without a word.
    if (info.not_read) showToast(info.not_read, "error", doc);
    const early = reading?.root === info.root ? reading.early : [];
    reading = null;
    early.forEach(workspaceChanged);
  }

  byId("btn-open").addEventListener("click", () => void actions.openFolder(ctx));
  byId("btn-new").addEventListener("click", () => void actions.createPost(ctx));
  byId("btn-save").addEventListener("click", () => void session.save());
  byId("btn-export").addEventListener("click", () => void exportOpenPost(session.openPath, () => session.flush()));
  byId("btn-export-site").title = "Export published posts as a site (Shift+click to include drafts)";
  byId("btn-export-site").addEventListener("click", (e) => void siteExporter.run(e.shiftKey, () => session.flush()));
  installShortcuts({
    save: () => void session.save(),
    newPost: () => void actions.createPost(ctx),
    openFolder: () => {
      handOnFormField(); // saved before the folder goes: the button's click blurs it, a key does not
      void actions.openFolder(ctx);
    },
    focusSearch: () => byId("search").focus(),
    quit: () => void ipc.closeWindow().catch((e) => showError(e, "Could not close the window")),
  });

  guardNavigation(doc);
  rememberFormPanel(doc);
  doc.body.classList.add("no-post");
  void startBackend();

  async function loadPreviewCss(): Promise<void> {
    try {
      const css = doc.createElement("style");
      css.id = "preview-css";
      css.textContent = await ipc.previewCss();
      doc.head.appendChild(css);
    } catch (e) {
      showError(e, "Could not load the code highlighting styles");
    }
  }

  /** After the posts are listed: the editor takes typing without it, and start-up does not wait. */
  function loadEditorDeferred(): void {
    editor.loadDeferred().catch((e) => showError(e, "Could not load the editor's highlighting, undo and search"));
  }

  async function startBackend(): Promise<void> {
    // Start-up waits on round trips to the backend: the ones that do not depend on each other
    // go out together. The listener is in place before the workspace is read, so no change
    // made in between is missed. The close guard loads its module meanwhile; it is in place
    // before a recovered text can make the buffer differ from the disk.
    const cssLoaded = loadPreviewCss();
    const closeGuard = ipc
      .onCloseRequested(confirmClose)
      .catch((e) => showError(e, "Could not ask before the window closes"));
    try {
      // Changes held since start-up are passed on: those older than the workspace's answer now,
      // the newer ones once it is shown (startup-requests.ts).
      startup.onWorkspaceChanged((payload) => workspaceChanged(payload));
      void ipc.onReadingFolder(readingFolder).catch(() => {});
      // As when the watcher could not start (showWorkspace): the list would go stale unsaid.
      void ipc.onNotWatching((message) => showToast(message, "error", doc)).catch(() => {});
      const info = await list.whileOpening(startup.workspace.finally(loadEditorDeferred), true);
      if (info) {
        showWorkspace(info);
        if (perfProbe) markReady(byId("posts-list"));
        await closeGuard;
        await recover();
      } else showToast("Open a folder of Markdown posts to start.");
    } catch (e) {
      showStartProblem(e, doc);
    }
    await cssLoaded;
  }

  /** A form field being typed in hands on its text when it loses focus (the close button and
   * Ctrl+Q take none): it must reach the buffer before the buffer is saved. */
  function handOnFormField(): void {
    const focused = doc.activeElement;
    if (focused instanceof HTMLElement && byId("fm-panel").contains(focused)) focused.blur();
  }

  async function confirmClose(): Promise<boolean> {
    handOnFormField();
    // Not only when the buffer differs from the last save: a save of other text (typed, then
    // undone) may be on its way, and flush waits for it and saves again.
    return mayClose(session, journal);
  }

  return {
    editorText: () => editor.text(),
    setEditorText: (text) => editor.setTextAsUser(text),
    openPath: () => session.openPath,
    listedPaths: () => list.allPosts().map((p) => p.path),
    listedPost: (path) => list.allPosts().find((p) => p.path === path),
  };
}
