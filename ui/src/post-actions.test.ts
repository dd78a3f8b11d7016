import { expect, it, vi } from "vitest";

const steps: string[] = [];

vi.mock("./ipc", () => ({
  openWorkspace: vi.fn(async () => ({ root: "/ws", posts: [] })),
  readPost: vi.fn(),
  savePost: vi.fn(),
  editFrontMatter: vi.fn(),
  confirmDialog: vi.fn(async () => true),
  journalWrite: vi.fn(async () => "v1"),
  folderTrashedWith: vi.fn(async () => null),
  deletePost: vi.fn(async (path: string) => {
    steps.push(`delete ${path}`);
    return null;
  }),
  setPostDraft: vi.fn(async (path: string, draft: boolean) => {
    steps.push(`draft ${path} ${draft}`);
    return { path: path.replace("_drafts/", "_posts/2025-09-16-"), title: "Idea", draft: false };
  }),
  parseFrontMatter: vi.fn(async (text: string) => ({
    fields: [...text.matchAll(/^(\w+):/gm)].map((m) => [m[1], { type: "string", value: "" }]),
  })),
  newPost: vi.fn(async (title: string) => {
    steps.push(`new ${title}`);
    return { path: "fresh.md", title };
  }),
  renamePost: vi.fn(async (path: string, title: string) => {
    steps.push(`rename ${path} ${title}`);
    return { path: "better.md", title };
  }),
  duplicatePost: vi.fn(async (path: string) => {
    steps.push(`duplicate ${path}`);
    return { path: "a-copy.md", title: "A (copy)" };
  }),
}));
vi.mock("./toasts", () => ({ showError: vi.fn(), showToast: vi.fn() }));
vi.mock("./dialogs", () => ({
  promptRename: vi.fn(async () => ({ title: "Better", renameFile: true })),
  promptNewPostTitle: vi.fn(async () => "Fresh"),
}));

import {
  type ActionContext,
  createPost,
  deletePost,
  duplicatePost,
  inDraftsFolder,
  openFolder,
  renamePost,
  toggleDraft,
  workspaceShown,
} from "./post-actions";
import * as ipc from "./ipc";
import { showError } from "./toasts";
import { toIpcError } from "./types";
import { AUTOSAVE_DELAY_MS, Session } from "./session";
import { FakeConflict, FakeEditor, recordingHooks } from "./session-fakes";
import { NOT_FINISHED, SAVE_WAIT_MS } from "./late";
import type { PostSummary, WorkspaceInfo } from "./types";

it("offers back the journal's text for a folder opened again (what \"keep it in the journal\" kept)", async () => {
  steps.length = 0;
  const ctx = {
    list: { whileOpening: <T>(open: Promise<T>) => open },
    session: {
      leave: async () => true,
      // (as the session does it: the post closes once the backend has switched)
      switchFolder: async <T>(open: () => Promise<T>) => {
        const opened = await open();
        steps.push("close");
        return opened;
      },
      openPath: null,
    },
    showWorkspace: () => steps.push("show"),
    recover: async () => steps.push("recover"),
  } as unknown as ActionContext;
  await openFolder(ctx);
  expect(steps).toEqual(["close", "show", "recover"]);
});

it("drops a deleted post's tags and categories from the form's suggestions", async () => {
  steps.length = 0;
  const ctx = {
    list: { removePath: (path: string) => steps.push(`remove ${path}`), allPosts: () => [] },
    session: { openPath: null, keeps: () => false, forgetKept: () => {} },
    refreshSuggestions: () => steps.push("suggestions"),
  } as unknown as ActionContext;
  await deletePost(ctx, { path: "only-tagged.md", title: "Only tagged", tags: ["rare"] } as PostSummary);
  expect(steps).toEqual(["delete only-tagged.md", "remove only-tagged.md", "suggestions"]);
});

it("duplicating the open post saves what was typed first, so the copy has it", async () => {
  steps.length = 0;
  const ctx = {
    list: { upsert: () => steps.push("list") },
    session: {
      openPath: "a.md",
      flushBefore: async () => {
        steps.push("flush");
        return true;
      },
    },
  } as unknown as ActionContext;
  await duplicatePost(ctx, { path: "a.md", title: "A" } as PostSummary);
  expect(steps).toEqual(["flush", "duplicate a.md", "list"]);
});

it("knows a post in Jekyll's _drafts folder, at the root or a category's, by its path", () => {
  expect(inDraftsFolder("_drafts/idea.md")).toBe(true);
  expect(inDraftsFolder("travel/_drafts/trip.md")).toBe(true);
  expect(inDraftsFolder("_posts/2025-01-02-out.md")).toBe(false);
  expect(inDraftsFolder("_drafts.md")).toBe(false);
});

it("publishing the open post from _drafts saves it, moves it and opens it at its new place", async () => {
  steps.length = 0;
  const ctx = {
    list: {
      upsert: (post: PostSummary, old: string) => steps.push(`list ${old} -> ${post.path}`),
      setActive: (path: string) => steps.push(`active ${path}`),
    },
    session: {
      openPath: "_drafts/idea.md",
      editFrontMatter: async () => steps.push("edit buffer"),
      // Saves, runs the move, opens the post where it went (session-move.test.ts).
      reopenAfter: async <T>(change: () => Promise<T>) => {
        steps.push("save");
        const moved = await change();
        steps.push("reopen");
        return moved;
      },
    },
  } as unknown as ActionContext;
  await toggleDraft(ctx, { path: "_drafts/idea.md", title: "Idea", draft: true } as PostSummary);
  expect(steps).toEqual([
    "save",
    "draft _drafts/idea.md false",
    "reopen",
    "list _drafts/idea.md -> _posts/2025-09-16-idea.md",
    "active _posts/2025-09-16-idea.md",
  ]);
});

it("renaming the open post lets the session follow the file, what was typed meanwhile with it", async () => {
  steps.length = 0;
  let openPath = "a.md";
  const ctx = {
    list: {
      upsert: (post: PostSummary, old: string) => steps.push(`list ${old} -> ${post.path}`),
      setActive: (path: string) => steps.push(`active ${path}`),
    },
    session: {
      get openPath() {
        return openPath;
      },
      flushBefore: async () => steps.push("flush") > 0,
      reopenAfter: async <T extends { path: string }>(change: () => Promise<T>) => {
        const renamed = await change();
        openPath = renamed.path;
        steps.push(`reopen ${renamed.path}`);
        return renamed;
      },
    },
  } as unknown as ActionContext;
  await renamePost(ctx, { path: "a.md", title: "A" } as PostSummary);
  expect(steps).toEqual(["flush", "rename a.md Better", "reopen better.md", "list a.md -> better.md", "active better.md"]);
});

it("the open Jekyll post's toggle flips its published key, which Jekyll reads (draft it does not)", async () => {
  for (const [text, edits] of [
    ["---\ntitle: A\npublished: false\n---\n", ["published=true"]],
    ["---\ntitle: A\npublished: false\ndraft: true\n---\n", ["published=true", "draft=false"]],
    ["---\ntitle: A\ndraft: true\n---\n", ["draft=false"]],
  ] as const) {
    steps.length = 0;
    const ctx = {
      session: {
        openPath: "_posts/2025-09-16-a.md",
        text,
        editFrontMatter: async (key: string, value: { value: boolean }) => steps.push(`${key}=${value.value}`),
        save: async () => steps.push("save") > 0,
      },
    } as unknown as ActionContext;
    await toggleDraft(ctx, { path: "_posts/2025-09-16-a.md", title: "A", draft: true } as PostSummary);
    expect(steps).toEqual([...edits, "save"]);
  }
});

it("the open post in Jekyll's _posts made a draft is held back by published: false, as on disk", async () => {
  for (const [text, edits] of [
    ["---\ntitle: A\n---\n", ["published=false"]],
    ["---\ntitle: A\ndraft: false\n---\n", ["published=false", "draft removed"]],
  ] as const) {
    steps.length = 0;
    const path = "_posts/2024/2025-09-16-a.md";
    const ctx = {
      session: {
        openPath: path,
        text,
        editFrontMatter: async (key: string, value: { value: boolean } | null) =>
          steps.push(value === null ? `${key} removed` : `${key}=${value.value}`),
        save: async () => steps.push("save") > 0,
      },
    } as unknown as ActionContext;
    await toggleDraft(ctx, { path, title: "A", draft: false } as PostSummary);
    // Jekyll knows no `draft` key: `draft: true` alone would be published by its next build.
    expect(steps).toEqual([...edits, "save"]);
  }
  // A workspace that is a `_posts` folder itself: its posts are Jekyll's too, as on disk.
  steps.length = 0;
  workspaceShown("/home/me/site/_posts");
  const session = {
    openPath: "2025-09-16-a.md",
    text: "---\ntitle: A\n---\n",
    editFrontMatter: async (key: string, value: { value: boolean }) => steps.push(`${key}=${value.value}`),
    save: async () => steps.push("save") > 0,
  };
  await toggleDraft({ session } as unknown as ActionContext, { path: session.openPath, title: "A", draft: false } as PostSummary);
  expect(steps).toEqual(["published=false", "save"]);
  workspaceShown("/home/me/_posts/hugo-site"); // below a `_posts` folder: not Jekyll's
  steps.length = 0;
  await toggleDraft({ session } as unknown as ActionContext, { path: session.openPath, title: "A", draft: false } as PostSummary);
  expect(steps).toEqual(["draft=true", "save"]);
});

it("makes no new post while the open one cannot be left (the new one could not open)", async () => {
  for (const saved of [false, true]) {
    steps.length = 0;
    const ctx = {
      list: { upsert: (post: PostSummary) => steps.push(`list ${post.path}`), setActive: () => {} },
      session: {
        leave: async () => steps.push("save") > 0 && saved,
        open: async (path: string) => steps.push(`open ${path}`) > 0,
      },
    } as unknown as ActionContext;
    await createPost(ctx);
    expect(steps).toEqual(saved ? ["save", "new Fresh", "list fresh.md", "open fresh.md"] : ["save"]);
  }
});

it("makes a new post once the user agrees to leave the open one, which cannot be saved, with its text kept", async () => {
  const asked: [string, string][] = [];
  const editor = new FakeEditor(() => session.docChanged());
  const hooks = recordingHooks([]);
  hooks.keepUnsaved = async (path, unsaved) => asked.push([path, unsaved.text]) > 0;
  const session = new Session(editor, new FakeConflict(), hooks);
  vi.mocked(ipc.readPost).mockImplementation(async (path) => ({ path, text: `${path} on disk`, revision: "r1" }));
  await session.open("a.md");
  editor.type("typed, not saved");
  vi.mocked(ipc.savePost).mockRejectedValueOnce({ kind: "io", message: "a.md: Permission denied" });
  const ctx = { list: { upsert: () => {}, setActive: () => {} }, session } as unknown as ActionContext;
  await createPost(ctx);
  expect(vi.mocked(ipc.savePost)).toHaveBeenCalledTimes(1);
  expect(asked).toEqual([["a.md", "typed, not saved"]]);
  expect(session.openPath).toBe("fresh.md");
  expect(session.keeps("a.md")).toBe(true); // and given back when it opens again
});

it("takes the text a post not open was left with along when it is renamed or published", async () => {
  const moves: string[] = [];
  const ctx = {
    list: { upsert: () => {} },
    session: { openPath: "other.md", keptMoved: (from: string, to: string) => moves.push(`${from} -> ${to}`) },
  } as unknown as ActionContext;
  await renamePost(ctx, { path: "a.md", title: "A" } as PostSummary);
  await toggleDraft(ctx, { path: "_drafts/idea.md", title: "Idea", draft: true } as PostSummary);
  expect(moves).toEqual(["a.md -> better.md", "_drafts/idea.md -> _posts/2025-09-16-idea.md"]);
});

it("opens no other folder while the open post cannot be left (a change on disk the conflict bar settles)", async () => {
  steps.length = 0;
  const ctx = {
    list: { whileOpening: <T>(open: Promise<T>) => open },
    session: { leave: async (leaving: string) => steps.push(`leave for a ${leaving}`) < 0, closeWorkspace: () => steps.push("close") },
    showWorkspace: () => steps.push("show"),
    recover: async () => steps.push("recover"),
  } as unknown as ActionContext;
  vi.mocked(ipc.openWorkspace).mockClear();
  await openFolder(ctx);
  expect(ipc.openWorkspace).not.toHaveBeenCalled();
  expect(steps).toEqual(["leave for a folder"]);
});

it("opens another folder past a hung save as it leaves a post (asked once, kept by the session), and ignores the save landing after", async () => {
  vi.useFakeTimers();
  try {
    const asked: [string, string, string, string | undefined][] = [];
    const saved: string[] = [];
    const editor = new FakeEditor(() => session.docChanged());
    const hooks = recordingHooks([]);
    hooks.keepUnsaved = async (path, unsaved, reason, leaving) => asked.push([path, unsaved.text, reason, leaving]) > 0;
    hooks.saved = (path) => saved.push(path);
    hooks.keepAgain = (path) => saved.push(`kept again ${path}`);
    const session = new Session(editor, new FakeConflict(), hooks);
    vi.mocked(ipc.readPost).mockImplementation(async (path) => ({ path, text: `${path} on disk`, revision: "r1" }));
    await session.open("a.md");
    let answer!: (saved: { revision: string }) => void;
    vi.mocked(ipc.savePost).mockImplementationOnce(() => new Promise((resolve) => (answer = resolve)));
    editor.type("typed");
    void session.save(); // hangs: a network drive gone
    editor.type("typed, and more while it hung");
    vi.mocked(ipc.journalWrite).mockClear();
    steps.length = 0;
    const ctx = {
      list: { whileOpening: <T>(open: Promise<T>) => open },
      session,
      showWorkspace: () => steps.push("show"),
      recover: async () => steps.push("recover"),
    } as unknown as ActionContext;
    const opening = openFolder(ctx);
    await vi.advanceTimersByTimeAsync(SAVE_WAIT_MS);
    await opening;
    expect(asked).toEqual([["a.md", "typed, and more while it hung", NOT_FINISHED, "folder"]]);
    expect(ipc.journalWrite).not.toHaveBeenCalled(); // kept by the hook, once
    expect(steps).toEqual(["show", "recover"]);
    expect(session.openPath).toBe(null);
    answer({ revision: "r2" }); // lands in the old folder: nothing of the new one follows it
    await vi.advanceTimersByTimeAsync(0);
    expect(saved).toEqual([]);
  } finally {
    vi.useRealTimers();
  }
});

it("keeps what is typed while another folder is chosen and read, saving none of it into that folder", async () => {
  vi.useFakeTimers();
  try {
    const kept: [string, string][] = [];
    const editor = new FakeEditor(() => session.docChanged());
    const hooks = recordingHooks([]);
    hooks.keepAgain = (path, unsaved) => kept.push([path, unsaved.text]);
    const session = new Session(editor, new FakeConflict(), hooks);
    vi.mocked(ipc.readPost).mockImplementation(async (path) => ({ path, text: `${path} on disk`, revision: "r1" }));
    await session.open("a.md");
    vi.mocked(ipc.savePost).mockClear();
    let chosen!: (info: WorkspaceInfo) => void;
    vi.mocked(ipc.openWorkspace).mockClear().mockImplementationOnce(() => new Promise((resolve) => (chosen = resolve)));
    const ctx = {
      list: { whileOpening: <T>(open: Promise<T>) => open },
      session,
      showWorkspace: () => {},
      recover: async () => {},
    } as unknown as ActionContext;
    const opening = openFolder(ctx);
    await vi.advanceTimersByTimeAsync(0);
    expect(await openFolder(ctx)).toBeUndefined(); // a second click opens no second picker
    editor.type("typed while the other folder was read");
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS * 2); // no autosave into that folder
    chosen({ root: "/other", posts: [], usual_format: "yaml", not_watching: [], not_read: null });
    await opening;
    expect(ipc.savePost).not.toHaveBeenCalled();
    expect(vi.mocked(ipc.openWorkspace)).toHaveBeenCalledTimes(1);
    expect(kept).toEqual([["a.md", "typed while the other folder was read"]]);
    expect(session.openPath).toBe(null);
  } finally {
    vi.useRealTimers();
  }
});

it("renames, publishes or copies nothing past a save of the open post that hangs, and says so, its text kept", async () => {
  vi.useFakeTimers();
  try {
    const editor = new FakeEditor(() => session.docChanged());
    const session = new Session(editor, new FakeConflict(), recordingHooks([]));
    const ctx = { list: { upsert: () => {}, setActive: () => {} }, session } as unknown as ActionContext;
    vi.mocked(ipc.readPost).mockImplementation(async (path) => ({ path, text: `${path} on disk`, revision: "r1" }));
    await session.open("_drafts/idea.md");
    vi.mocked(ipc.savePost).mockImplementation(() => new Promise(() => {})); // a network drive gone
    vi.mocked(ipc.renamePost).mockClear();
    vi.mocked(ipc.setPostDraft).mockClear();
    vi.mocked(ipc.duplicatePost).mockClear();
    const post = { path: "_drafts/idea.md", title: "Idea", draft: true } as PostSummary;
    for (const action of [renamePost, toggleDraft, duplicatePost]) {
      editor.type(`typed before ${action.name}`);
      vi.mocked(showError).mockClear();
      const acting = action(ctx, post);
      await vi.advanceTimersByTimeAsync(SAVE_WAIT_MS);
      await acting;
      expect(toIpcError(vi.mocked(showError).mock.calls[0]?.[0]).message).toContain("has not finished");
      expect(editor.doc).toBe(`typed before ${action.name}`);
    }
    expect(ipc.renamePost).not.toHaveBeenCalled();
    expect(ipc.setPostDraft).not.toHaveBeenCalled();
    expect(ipc.duplicatePost).not.toHaveBeenCalled();
    expect(session.openPath).toBe("_drafts/idea.md");
  } finally {
    vi.mocked(ipc.savePost).mockReset();
    vi.useRealTimers();
  }
});
