// Leaving a post whose text cannot be saved (permission denied, disk full): the user may go on
// with the text kept in the crash journal, and it is back when the post is opened again.
import { beforeEach, expect, it, vi } from "vitest";
import * as ipc from "./ipc";
import type { Unsaved } from "./journal";
import { PostText } from "./post-text";
import { SAVE_WAIT_MS } from "./late";
import { Session } from "./session";
import { FakeConflict, FakeEditor, recordingHooks } from "./session-fakes";

vi.mock("./ipc", () => ({ readPost: vi.fn(), savePost: vi.fn(), editFrontMatter: vi.fn() }));

const readPost = vi.mocked(ipc.readPost);
const savePost = vi.mocked(ipc.savePost);
let editor: FakeEditor;
let conflict: FakeConflict;
let session: Session;
let asked: [string, Unsaved, string][];
/** What each question asked was about: leaving for another post or another folder. */
let leavings: string[];
let answer: boolean;
let keptAgain: [string, Unsaved][];
let saved: [string, string][];
let keptMoved: [string, string, Unsaved][];

beforeEach(async () => {
  vi.resetAllMocks();
  asked = [];
  leavings = [];
  answer = true;
  conflict = new FakeConflict();
  editor = new FakeEditor(() => session.docChanged(PostText.of(editor.doc)));
  keptAgain = [];
  saved = [];
  keptMoved = [];
  const hooks = recordingHooks([]);
  hooks.saved = (path, text) => saved.push([path, text]);
  hooks.keepUnsaved = async (path, unsaved, reason, leaving) => leavings.push(leaving) > 0 && asked.push([path, unsaved, reason]) > 0 && answer;
  hooks.keepAgain = (path, unsaved) => keptAgain.push([path, unsaved]);
  hooks.keptMoved = (from, to, unsaved) => keptMoved.push([from, to, unsaved]);
  session = new Session(editor, conflict, hooks);
  readPost.mockResolvedValueOnce({ path: "a.md", text: "v1", revision: "r1" });
  await session.open("a.md");
  savePost.mockRejectedValue({ kind: "io", message: "a.md: Permission denied (os error 13)" });
  editor.type("typed, not saved");
});

it("leaves a post that cannot be saved once the user agrees, its text kept, and gives it back when it opens again", async () => {
  readPost.mockResolvedValueOnce({ path: "b.md", text: "b", revision: "rb" });
  expect(await session.open("b.md")).toBe(true);
  expect(asked).toEqual([["a.md", { text: "typed, not saved", revision: "r1" }, "a.md: Permission denied (os error 13)"]]);
  expect(session.openPath).toBe("b.md");

  readPost.mockResolvedValueOnce({ path: "a.md", text: "v1", revision: "r1" });
  expect(await session.open("a.md")).toBe(true);
  expect(editor.doc).toBe("typed, not saved");
  expect(session.isDirty()).toBe(true); // saved again (or kept again) when it is left
  expect(conflict.current.kind).toBe("none");
});

it("gives the kept text back over a file changed meanwhile as a conflict, not over it unasked", async () => {
  readPost.mockResolvedValueOnce({ path: "b.md", text: "b", revision: "rb" });
  await session.open("b.md");
  readPost.mockResolvedValueOnce({ path: "a.md", text: "theirs", revision: "r2" });
  savePost.mockClear();
  expect(await session.open("a.md")).toBe(true);
  expect(editor.doc).toBe("typed, not saved");
  expect(conflict.current.kind).toBe("changed");
  expect(conflict.theirs).toBe("theirs");
  expect(savePost).not.toHaveBeenCalled();
});

it("stays on the post when the user does not agree, or when the conflict bar can settle it", async () => {
  answer = false;
  readPost.mockResolvedValue({ path: "b.md", text: "b", revision: "rb" });
  expect(await session.open("b.md")).toBe(false);
  expect(session.openPath).toBe("a.md");
  expect(editor.doc).toBe("typed, not saved");

  asked = [];
  answer = true;
  conflict.dispatch({ type: "save-conflict" });
  expect(await session.open("b.md")).toBe(false);
  expect(asked).toEqual([]);
  expect(session.openPath).toBe("a.md");
});

it("forgets the kept text of the last folder's posts when another folder opens", async () => {
  readPost.mockResolvedValueOnce({ path: "b.md", text: "b", revision: "rb" });
  await session.open("b.md");
  session.closeWorkspace();
  readPost.mockResolvedValueOnce({ path: "a.md", text: "another folder's a", revision: "r1" });
  await session.open("a.md");
  expect(editor.doc).toBe("another folder's a");
});

it("shows the file's text on reopening a post saved after all (the other post could not be opened)", async () => {
  readPost.mockRejectedValueOnce({ kind: "io", message: "b.md: Input/output error" });
  expect(await session.open("b.md")).toBe(false);
  expect(session.openPath).toBe("a.md");
  savePost.mockResolvedValue({ revision: "r2" }); // the disk is writable again
  editor.type("typed, then saved");
  readPost.mockResolvedValueOnce({ path: "b.md", text: "b", revision: "rb" });
  expect(await session.open("b.md")).toBe(true);
  readPost.mockResolvedValueOnce({ path: "a.md", text: "typed, then saved", revision: "r2" });
  await session.open("a.md");
  expect(editor.doc).toBe("typed, then saved");
  expect(session.isDirty()).toBe(false);
});

it("offers to leave a post whose save has not finished after a few seconds (a network drive that hangs)", async () => {
  vi.useFakeTimers();
  try {
    let answerSave!: (saved: { revision: string }) => void;
    savePost.mockReset().mockImplementationOnce(() => new Promise((resolve) => (answerSave = resolve)));
    readPost.mockResolvedValueOnce({ path: "b.md", text: "b", revision: "rb" });
    const opening = session.open("b.md");
    await vi.advanceTimersByTimeAsync(SAVE_WAIT_MS);
    expect(await opening).toBe(true);
    expect(asked[0]?.[2]).toContain("has not finished");
    // b's saves do not wait on it
    savePost.mockResolvedValueOnce({ revision: "rb2" });
    editor.type("b, typed");
    expect(await session.save()).toBe(true);

    // it answers at last: what it wrote was the text kept, which needs keeping no more (and
    // its list row shows what was written)
    answerSave({ revision: "r2" });
    await vi.advanceTimersByTimeAsync(0);
    expect(saved).toContainEqual(["a.md", "typed, not saved"]);
    readPost.mockResolvedValueOnce({ path: "a.md", text: "typed, not saved", revision: "r2" });
    await session.open("a.md");
    expect(editor.doc).toBe("typed, not saved");
    expect(conflict.current.kind).toBe("none");
    expect(session.isDirty()).toBe(false);
  } finally {
    vi.useRealTimers();
  }
});

it("keeps again what was typed while a save hung, when that save answers after the post was left", async () => {
  vi.useFakeTimers();
  try {
    let answerSave!: (saved: { revision: string }) => void;
    savePost.mockReset().mockImplementationOnce(() => new Promise((resolve) => (answerSave = resolve)));
    readPost.mockResolvedValueOnce({ path: "b.md", text: "b", revision: "rb" });
    const opening = session.open("b.md");
    await vi.advanceTimersByTimeAsync(1000);
    editor.type("typed, not saved, and more"); // while the save of the text before travels
    await vi.advanceTimersByTimeAsync(SAVE_WAIT_MS);
    expect(await opening).toBe(true);
    expect(asked[0]?.[1].text).toBe("typed, not saved, and more");
    answerSave({ revision: "r2" }); // it wrote "typed, not saved", and cleared the journal's copy
    await vi.advanceTimersByTimeAsync(0);
    expect(keptAgain).toEqual([["a.md", { text: "typed, not saved, and more", revision: "r2" }]]);
    readPost.mockResolvedValueOnce({ path: "a.md", text: "typed, not saved", revision: "r2" });
    await session.open("a.md");
    expect(editor.doc).toBe("typed, not saved, and more");
    expect(conflict.current.kind).toBe("none");
    expect(session.isDirty()).toBe(true);
  } finally {
    vi.useRealTimers();
  }
});

it("gives the kept text back at a post's new path after it was renamed, its journal copy moved with it", async () => {
  readPost.mockResolvedValueOnce({ path: "b.md", text: "b", revision: "rb" });
  await session.open("b.md");
  await session.workspaceEvents([{ kind: "renamed", from: "a.md", to: "a2.md" }]);
  expect(keptMoved).toEqual([["a.md", "a2.md", { text: "typed, not saved", revision: "r1" }]]);
  expect(session.keeps("a.md")).toBe(false);
  readPost.mockResolvedValueOnce({ path: "a2.md", text: "v1", revision: "r1" });
  await session.open("a2.md");
  expect(editor.doc).toBe("typed, not saved");
});

it("asks once when two posts are asked for while the open one cannot be saved, and not again once agreed", async () => {
  readPost.mockImplementation(async (path) => ({ path, text: path, revision: "r" }));
  const first = session.open("b.md");
  const second = session.open("c.md"); // a second arrow press while the first is answered
  expect([await first, await second]).toEqual([false, true]);
  expect(asked).toHaveLength(1);
  expect(savePost).toHaveBeenCalledTimes(1);
  expect(session.openPath).toBe("c.md");
});

it("asks about opening the folder when Open folder is clicked while leaving for a post has not asked yet", async () => {
  let refuse!: (e: unknown) => void;
  savePost.mockImplementationOnce(() => new Promise((_, reject) => (refuse = reject)));
  readPost.mockImplementation(async (path) => ({ path, text: path, revision: "r" }));
  const opening = session.open("b.md");
  await new Promise((resolve) => setTimeout(resolve, 0)); // its save is on its way
  const folder = session.leave("folder"); // waits on the same leave, not a second question
  refuse({ kind: "io", message: "a.md: Permission denied (os error 13)" });
  expect(await folder).toBe(true);
  await opening;
  // The post is left for the folder: its text comes back when the folder is opened again.
  expect(leavings).toEqual(["folder"]);
});

it("does not ask again to leave text the user already agreed to leave (the other post could not be read)", async () => {
  readPost.mockRejectedValueOnce({ kind: "io", message: "b.md: Input/output error" });
  expect(await session.open("b.md")).toBe(false);
  expect(asked).toHaveLength(1);
  savePost.mockClear();
  readPost.mockResolvedValueOnce({ path: "c.md", text: "c", revision: "rc" });
  expect(await session.open("c.md")).toBe(true);
  expect(asked).toHaveLength(1);
  expect(savePost).not.toHaveBeenCalled();
});

it("leaves the next post alone when the save of the post left answers late with a conflict or an error", async () => {
  vi.useFakeTimers();
  try {
    const failures = [
      ["b.md", { kind: "conflict", message: "a.md changed on disk" }],
      ["c.md", { kind: "io", message: "b.md: Input/output error" }],
    ] as const;
    for (const [next, failure] of failures) {
      let refuse!: (e: unknown) => void;
      savePost.mockReset().mockImplementationOnce(() => new Promise((_, reject) => (refuse = reject)));
      readPost.mockReset().mockImplementation(async (path) => ({ path, text: `${path} on disk`, revision: "r9" }));
      editor.type(`typed in ${session.openPath}`);
      const opening = session.open(next);
      await vi.advanceTimersByTimeAsync(SAVE_WAIT_MS);
      expect(await opening).toBe(true);
      refuse(failure);
      await vi.advanceTimersByTimeAsync(0);
      expect(session.openPath).toBe(next);
      expect(conflict.current.kind).toBe("none");
      expect(session.unsavedReason).toBe("");
    }
  } finally {
    vi.useRealTimers();
  }
});
