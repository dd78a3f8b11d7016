// The open post rewritten and moved by the backend (rename, publish from Jekyll's `_drafts/`):
// reopened where it went, with what was typed while the backend worked.
import { beforeEach, expect, it, vi } from "vitest";
import { Editor } from "./editor";
import * as ipc from "./ipc";
import { type ActionContext, deletePost, toggleDraft } from "./post-actions";
import { PostText } from "./post-text";
import { Session } from "./session";
import { FakeConflict, FakeEditor, recordingHooks } from "./session-fakes";
import type { SaveState } from "./statusbar";
import type { PostSummary } from "./types";

vi.mock("./ipc", () => ({
  readPost: vi.fn(),
  savePost: vi.fn(),
  editFrontMatter: vi.fn(),
  setPostDraft: vi.fn(),
  deletePost: vi.fn(),
  folderTrashedWith: vi.fn(async () => null),
  confirmDialog: vi.fn(async () => true),
}));
const editFrontMatter = vi.mocked(ipc.editFrontMatter);
const readPost = vi.mocked(ipc.readPost);
const savePost = vi.mocked(ipc.savePost);
const setPostDraft = vi.mocked(ipc.setPostDraft);

const before = "---\ntitle: Idea\ndraft: true\n---\nFirst line.\n";
const moved = "---\ntitle: Idea\n---\nFirst line.\n"; // the flag cleared at the new place

async function openPost(): Promise<{ session: Session; editor: FakeEditor; opened: (string | null)[] }> {
  const opened: (string | null)[] = [];
  const editor: FakeEditor = new FakeEditor(() => session.docChanged(PostText.of(editor.doc)));
  const session: Session = new Session(editor, new FakeConflict(), {
    ...recordingHooks([]),
    opened: (path) => opened.push(path),
  });
  readPost.mockResolvedValueOnce({ path: "_drafts/idea.md", text: before, revision: "r1" });
  await session.open("_drafts/idea.md");
  return { session, editor, opened };
}

/** A backend action that answers when told to. */
function pending(path: string): { run: () => Promise<PostSummary>; answer: () => void } {
  let answer = () => {};
  const run = () => new Promise<PostSummary>((resolve) => (answer = () => resolve({ path } as PostSummary)));
  return { run, answer: () => answer() };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

beforeEach(() => {
  readPost.mockReset();
  savePost.mockReset();
});

it("keeps what was typed while the post moved, on top of the text the move wrote", async () => {
  const { session, editor, opened } = await openPost();
  const publish = pending("_posts/2025-09-16-idea.md");
  const done = session.reopenAfter(publish.run);
  await tick();
  editor.type(`${before}Typed meanwhile.\n`);
  readPost.mockResolvedValueOnce({ path: "_posts/2025-09-16-idea.md", text: moved, revision: "r2" });
  publish.answer();
  expect((await done)?.path).toBe("_posts/2025-09-16-idea.md");
  expect(session.openPath).toBe("_posts/2025-09-16-idea.md");
  expect(opened.at(-1)).toBe("_posts/2025-09-16-idea.md");
  expect(editor.text()).toBe(`${moved}Typed meanwhile.\n`);
  expect(session.isDirty()).toBe(true);
});

it("publishing the open post from _drafts/ by its row toggle keeps what was typed as it moved", async () => {
  const { session, editor } = await openPost();
  const list = { upsert: vi.fn(), setActive: vi.fn() };
  const publish = pending("_posts/2025-09-16-idea.md");
  setPostDraft.mockImplementationOnce(publish.run);
  const done = toggleDraft({ list, session } as unknown as ActionContext, { path: "_drafts/idea.md", draft: true } as PostSummary);
  await tick();
  editor.type(`${before}Typed meanwhile.\n`);
  readPost.mockResolvedValueOnce({ path: "_posts/2025-09-16-idea.md", text: moved, revision: "r2" });
  publish.answer();
  await done;
  expect(session.openPath).toBe("_posts/2025-09-16-idea.md");
  expect(editor.text()).toBe(`${moved}Typed meanwhile.\n`);
  expect(list.setActive).toHaveBeenCalledWith("_posts/2025-09-16-idea.md");
});

it("lands a form edit begun as the post moved in the post where it went", async () => {
  const { session, editor } = await openPost();
  const rename = pending("_drafts/plan.md");
  const done = session.reopenAfter(rename.run);
  await tick();
  let answer: (text: string) => void = () => {};
  editFrontMatter.mockImplementationOnce(() => new Promise((resolve) => (answer = resolve)));
  const edited = session.editFrontMatter("tags", { type: "list", value: [{ type: "string", value: "x" }] });
  await tick();
  readPost.mockResolvedValueOnce({ path: "_drafts/plan.md", text: before.replace("Idea", "Plan"), revision: "r2" });
  rename.answer();
  await done;
  // The answer is for the text before the move: the edit is redone on the text after it.
  editFrontMatter.mockImplementationOnce(async (text) => text.replace("draft: true", "draft: true\ntags: [x]"));
  answer(before.replace("draft: true", "draft: true\ntags: [x]"));
  await edited;
  expect(session.openPath).toBe("_drafts/plan.md");
  expect(editor.text()).toBe(before.replace("Idea", "Plan").replace("draft: true", "draft: true\ntags: [x]"));
});

it("starts no save while the post moves: the save waits and writes to the new place", async () => {
  const { session, editor } = await openPost();
  const publish = pending("_posts/2025-09-16-idea.md");
  const done = session.reopenAfter(publish.run);
  await tick();
  editor.type(`${before}Typed meanwhile.\n`);
  savePost.mockResolvedValue({ revision: "r3" });
  const saved = session.save(); // Ctrl+S, or the autosave
  await tick();
  expect(savePost).not.toHaveBeenCalled();
  readPost.mockResolvedValueOnce({ path: "_posts/2025-09-16-idea.md", text: moved, revision: "r2" });
  publish.answer();
  await done;
  expect(await saved).toBe(true);
  expect(savePost.mock.calls).toEqual([["_posts/2025-09-16-idea.md", `${moved}Typed meanwhile.\n`, "r2"]]);
  expect(session.isDirty()).toBe(false);
});

it("keeps typing in the very lines the move rewrote as it was typed", async () => {
  const { session, editor } = await openPost();
  const rename = pending("_drafts/better-idea.md");
  const done = session.reopenAfter(rename.run);
  await tick();
  const mine = before.replace("title: Idea", "title: Plan");
  editor.type(mine);
  readPost.mockResolvedValueOnce({ path: "_drafts/better-idea.md", text: before.replace("Idea", "Better idea"), revision: "r2" });
  rename.answer();
  await done;
  expect(editor.text()).toBe(mine);
  expect(session.openPath).toBe("_drafts/better-idea.md");
});

it("raises the conflict bar when typing overlapped what the move rewrote, and saves nothing over it", async () => {
  const states: SaveState[] = [];
  const conflict = new FakeConflict();
  const editor: FakeEditor = new FakeEditor(() => session.docChanged(PostText.of(editor.doc)));
  const session: Session = new Session(editor, conflict, recordingHooks(states));
  readPost.mockResolvedValueOnce({ path: "_drafts/idea.md", text: before, revision: "r1" });
  await session.open("_drafts/idea.md");
  const rename = pending("_drafts/better-idea.md");
  const done = session.reopenAfter(rename.run);
  await tick();
  const mine = before.replace("title: Idea", "title: Plan");
  editor.type(mine);
  const theirs = before.replace("Idea", "Better idea");
  readPost.mockResolvedValueOnce({ path: "_drafts/better-idea.md", text: theirs, revision: "r2" });
  rename.answer();
  await done;
  expect(editor.text()).toBe(mine);
  expect(conflict.current.kind).toBe("changed");
  expect(conflict.theirs).toBe(theirs);
  expect(states.at(-1)).toBe("conflict");
  savePost.mockResolvedValue({ revision: "r3" });
  expect(await session.save()).toBe(false);
  expect(savePost).not.toHaveBeenCalled();
});

it("leaves the post as it was, where it was, when the backend refuses", async () => {
  const { session, editor } = await openPost();
  let refuse = () => {};
  const done = session.reopenAfter(() => new Promise<PostSummary>((_, reject) => (refuse = () => reject(new Error("taken")))));
  await tick();
  editor.type(`${before}More.\n`);
  refuse();
  await expect(done).rejects.toThrow("taken");
  expect(session.openPath).toBe("_drafts/idea.md");
  expect(editor.text()).toBe(`${before}More.\n`);
  savePost.mockResolvedValue({ revision: "r2" });
  expect(await session.save()).toBe(true);
  expect(savePost.mock.calls).toEqual([["_drafts/idea.md", `${before}More.\n`, "r1"]]);
});

it("keeps the cursor after what was typed as the post moved, for the typing to go on there", async () => {
  const editor: Editor = new Editor(document.createElement("div"), {
    onDocChanged: (text) => session.docChanged(text),
    onScrolled: () => undefined,
    onSave: () => undefined,
  });
  const session: Session = new Session(editor, new FakeConflict(), recordingHooks([]));
  readPost.mockResolvedValueOnce({ path: "_drafts/idea.md", text: before, revision: "r1" });
  await session.open("_drafts/idea.md");
  const publish = pending("_posts/2025-09-16-idea.md");
  const done = session.reopenAfter(publish.run);
  await tick();
  const typed = "Typed meanwhile.";
  editor.view.dispatch({ changes: { from: before.length, insert: typed }, selection: { anchor: before.length + typed.length }, userEvent: "input.type" });
  readPost.mockResolvedValueOnce({ path: "_posts/2025-09-16-idea.md", text: moved, revision: "r2" });
  publish.answer();
  await done;
  expect(editor.text()).toBe(`${moved}${typed}`);
  expect(editor.view.state.selection.main.head).toBe(moved.length + typed.length);
  expect(session.isDirty()).toBe(true);
});

it("takes the watcher's report of the post's own move, come before the move is done, for that move and says nothing", async () => {
  const infos: string[] = [];
  const moves: string[] = [];
  const editor: FakeEditor = new FakeEditor(() => session.docChanged(PostText.of(editor.doc)));
  const session: Session = new Session(editor, new FakeConflict(), {
    ...recordingHooks([]),
    info: (message) => infos.push(message),
    moved: (from, to) => moves.push(`${from} -> ${to}`),
  });
  readPost.mockResolvedValueOnce({ path: "_drafts/idea.md", text: before, revision: "r1" });
  await session.open("_drafts/idea.md");
  const rename = pending("_drafts/plan.md");
  const done = session.reopenAfter(rename.run);
  await tick();
  // The file's rewrite and move, seen by the watcher before the backend's answer reaches the page.
  const events = session.workspaceEvents([
    { kind: "changed", path: "_drafts/idea.md" },
    { kind: "renamed", from: "_drafts/idea.md", to: "_drafts/plan.md" },
  ]);
  await tick();
  const renamed = before.replace("Idea", "Plan");
  readPost.mockResolvedValue({ path: "_drafts/plan.md", text: renamed, revision: "r2" });
  rename.answer();
  await done;
  await events;
  expect(infos).toEqual([]);
  expect(moves).toEqual(["_drafts/idea.md -> _drafts/plan.md"]);
  expect(session.openPath).toBe("_drafts/plan.md");
  expect(editor.text()).toBe(renamed);
  expect(session.isDirty()).toBe(false);
});

it("still follows a move by another program of the open post", async () => {
  const infos: string[] = [];
  const editor: FakeEditor = new FakeEditor(() => session.docChanged(PostText.of(editor.doc)));
  const session: Session = new Session(editor, new FakeConflict(), { ...recordingHooks([]), info: (message) => infos.push(message) });
  readPost.mockResolvedValueOnce({ path: "_drafts/idea.md", text: before, revision: "r1" });
  await session.open("_drafts/idea.md");
  readPost.mockResolvedValue({ path: "_drafts/other.md", text: before, revision: "r1" });
  await session.workspaceEvents([{ kind: "renamed", from: "_drafts/idea.md", to: "_drafts/other.md" }]);
  expect(session.openPath).toBe("_drafts/other.md");
  expect(infos).toEqual(["This post was renamed to _drafts/other.md."]);
});

it("takes the watcher's report of the open post going to the trash, come before the trash is done, for that", async () => {
  const states: SaveState[] = [];
  const conflict = new FakeConflict();
  const editor: FakeEditor = new FakeEditor(() => session.docChanged(PostText.of(editor.doc)));
  const session: Session = new Session(editor, conflict, recordingHooks(states));
  readPost.mockResolvedValueOnce({ path: "_drafts/idea.md", text: before, revision: "r1" });
  await session.open("_drafts/idea.md");
  let trashed = () => {};
  vi.mocked(ipc.deletePost).mockImplementationOnce(() => new Promise((resolve) => (trashed = () => resolve(null))));
  const list = { removePath: vi.fn(), allPosts: () => [] };
  const ctx = { list, session, refreshSuggestions: () => {} } as unknown as ActionContext;
  editor.type(`${before}More.\n`);
  savePost.mockResolvedValue({ revision: "r2" });
  const done = deletePost(ctx, { path: "_drafts/idea.md", title: "Idea" } as PostSummary);
  await tick();
  // What was typed is saved first, for the trash to hold it.
  expect(savePost.mock.calls).toEqual([["_drafts/idea.md", `${before}More.\n`, "r1"]]);
  expect(savePost.mock.invocationCallOrder[0]).toBeLessThan(vi.mocked(ipc.deletePost).mock.invocationCallOrder[0]);
  const events = session.workspaceEvents([{ kind: "removed", path: "_drafts/idea.md" }]);
  await tick();
  trashed();
  await done;
  await events;
  expect(session.openPath).toBeNull();
  expect(states).not.toContain("conflict");
  expect(conflict.current.kind).toBe("none");
});

it("trashes the open post whose save failed once the user agrees, trying that save once", async () => {
  const editor: FakeEditor = new FakeEditor(() => session.docChanged(PostText.of(editor.doc)));
  const session: Session = new Session(editor, new FakeConflict(), recordingHooks([]));
  readPost.mockResolvedValueOnce({ path: "_drafts/idea.md", text: before, revision: "r1" });
  await session.open("_drafts/idea.md");
  savePost.mockReset().mockRejectedValue({ kind: "io", message: "_drafts/idea.md: No space left on device" });
  vi.mocked(ipc.deletePost).mockClear().mockResolvedValueOnce(null);
  const confirm = vi.mocked(ipc.confirmDialog).mockClear();
  const ctx = { list: { removePath: vi.fn() }, session, refreshSuggestions: () => {} } as unknown as ActionContext;
  editor.type(`${before}More.\n`);
  await deletePost(ctx, { path: "_drafts/idea.md", title: "Idea" } as PostSummary);
  expect(confirm.mock.calls.map(([title]) => title)).toEqual(["Move to trash?", "Move to trash without the last changes?"]);
  expect(savePost).toHaveBeenCalledTimes(1);
  expect(vi.mocked(ipc.deletePost)).toHaveBeenCalledTimes(1);
  expect(session.openPath).toBeNull();
  savePost.mockReset();
});
