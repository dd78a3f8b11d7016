import { beforeEach, describe, expect, it, vi } from "vitest";
import { noConflict } from "./conflict";
import * as ipc from "./ipc";
import { PostText } from "./post-text";
import { Session } from "./session";
import { FakeConflict, FakeEditor, recordingHooks } from "./session-fakes";
import type { SaveState } from "./statusbar";

vi.mock("./ipc", () => ({
  readPost: vi.fn(),
  savePost: vi.fn(),
  editFrontMatter: vi.fn(),
}));

const readPost = vi.mocked(ipc.readPost);
const savePost = vi.mocked(ipc.savePost);
const editFrontMatter = vi.mocked(ipc.editFrontMatter);

let editor: FakeEditor;
let conflict: FakeConflict;
let states: SaveState[];
const forgotten: (string | null)[] = [];
let session: Session;

beforeEach(async () => {
  vi.useRealTimers();
  vi.resetAllMocks();
  states = [];
  conflict = new FakeConflict();
  // as the app does: each change hands on the editor's version, its string not yet built
  editor = new FakeEditor(() => session.docChanged(PostText.of(editor.doc)));
  session = new Session(editor, conflict, recordingHooks(states, [], forgotten));
  readPost.mockResolvedValueOnce({ path: "a.md", text: "v1", revision: "r1" });
  await session.open("a.md");
});

describe("Session saving", () => {
  it("closes the post and forgets every post's editor state when another folder opens", () => {
    forgotten.length = 0;
    session.closeWorkspace();
    expect(session.openPath).toBeNull();
    expect(editor.forgotAll).toBe(1);
    expect(forgotten).toEqual([null]);
  });

  it("saves with the revision it read and then the new one", async () => {
    savePost.mockResolvedValueOnce({ revision: "r2" }).mockResolvedValueOnce({ revision: "r3" });
    editor.type("v2");
    expect(await session.save()).toBe(true);
    editor.type("v3");
    await session.save();
    expect(savePost.mock.calls).toEqual([
      ["a.md", "v2", "r1"],
      ["a.md", "v3", "r2"],
    ]);
    expect(states.at(-1)).toBe("saved");
    expect(session.isDirty()).toBe(false);
  });

  it("is saved again once the text is typed back to what is on disk", () => {
    editor.type("v2");
    expect(states.at(-1)).toBe("edited");
    editor.type("v1");
    expect(states.at(-1)).toBe("saved");
    editor.type("x1"); // same length, other text
    expect(states.at(-1)).toBe("edited");
  });

  it("autosaves after typing stops", async () => {
    vi.useFakeTimers();
    savePost.mockResolvedValue({ revision: "r2" });
    editor.type("a");
    vi.advanceTimersByTime(1000);
    editor.type("ab");
    vi.advanceTimersByTime(1000);
    expect(savePost).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(600);
    expect(savePost).toHaveBeenCalledTimes(1);
    expect(savePost).toHaveBeenCalledWith("a.md", "ab", "r1");
  });

  it("shows the conflict bar when the save is rejected as a conflict", async () => {
    savePost.mockRejectedValueOnce({ kind: "conflict", message: "a.md changed on disk" });
    readPost.mockResolvedValueOnce({ path: "a.md", text: "disk", revision: "r9" });
    editor.type("mine");
    expect(await session.save()).toBe(false);
    expect(conflict.current).toEqual({ kind: "changed", showingBoth: false });
    expect(conflict.theirs).toBe("disk");
    expect(states.at(-1)).toBe("conflict");
  });

  it("tells the caller after each change whether the buffer differs from the disk, in a conflict too", async () => {
    expect(session.docChanged(PostText.of("v2"))).toBe(true);
    expect(session.docChanged(PostText.of("v1"))).toBe(false);
    savePost.mockRejectedValueOnce({ kind: "conflict", message: "a.md changed on disk" });
    readPost.mockResolvedValueOnce({ path: "a.md", text: "disk", revision: "r9" });
    editor.type("mine");
    await session.save();
    expect(conflict.current.kind).toBe("changed");
    expect(session.docChanged(PostText.of("mine, more"))).toBe(true);
    expect(states.at(-1)).toBe("conflict");
  });
});

describe("Session and external changes", () => {
  it("does not take its own save, reported by the watcher before the save's answer, for a change on disk", async () => {
    let answerSave: (result: { revision: string }) => void = () => {};
    savePost.mockReturnValueOnce(new Promise((resolve) => (answerSave = resolve)));
    editor.type("v2");
    const saved = session.save();
    editor.type("v2 and more"); // typing goes on while the save travels
    readPost.mockResolvedValueOnce({ path: "a.md", text: "v2", revision: "r2" });
    const reported = session.workspaceEvents([{ kind: "changed", path: "a.md" }]);
    await new Promise((r) => setTimeout(r, 0)); // the event is handled before the save's answer
    answerSave({ revision: "r2" });
    await Promise.all([saved, reported]);
    expect(conflict.current).toEqual(noConflict);
    expect(editor.doc).toBe("v2 and more");
    expect(states.at(-1)).toBe("edited");
  });

  it("reloads a clean buffer as a minimal change", async () => {
    readPost.mockResolvedValueOnce({ path: "a.md", text: "v1 edited elsewhere", revision: "r2" });
    await session.workspaceEvents([{ kind: "changed", path: "a.md" }]);
    expect(editor.changes).toEqual([{ text: "v1 edited elsewhere", userEvent: "input.reload" }]);
    expect(session.isDirty()).toBe(false);
    expect(conflict.current).toEqual(noConflict);
  });

  it("keeps mine by saving over with the disk's new revision", async () => {
    editor.type("my words");
    readPost.mockResolvedValueOnce({ path: "a.md", text: "their words", revision: "r2" });
    await session.workspaceEvents([{ kind: "changed", path: "a.md" }]);
    expect(conflict.current.kind).toBe("changed");
    expect(editor.doc).toBe("my words");

    readPost.mockResolvedValueOnce({ path: "a.md", text: "their words", revision: "r2" });
    savePost.mockResolvedValueOnce({ revision: "r3" });
    await session.conflictAction("keep-mine");
    expect(savePost).toHaveBeenLastCalledWith("a.md", "my words", "r2");
    expect(conflict.current).toEqual(noConflict);
  });

  it("takes theirs into the buffer", async () => {
    editor.type("my words");
    readPost.mockResolvedValue({ path: "a.md", text: "their words", revision: "r2" });
    await session.workspaceEvents([{ kind: "changed", path: "a.md" }]);
    await session.conflictAction("take-theirs");
    expect(editor.doc).toBe("their words");
    expect(session.isDirty()).toBe(false);
    expect(conflict.current).toEqual(noConflict);
    savePost.mockResolvedValueOnce({ revision: "r3" });
    editor.type("next");
    await session.save();
    expect(savePost).toHaveBeenLastCalledWith("a.md", "next", "r2");
  });

  it("follows the open post's rename and reads it again: its text may have changed in the same batch", async () => {
    readPost.mockResolvedValueOnce({ path: "b.md", text: "v1, then edited after the rename", revision: "r2" });
    await session.workspaceEvents([{ kind: "renamed", from: "a.md", to: "b.md" }]);
    expect(session.openPath).toBe("b.md");
    expect(readPost).toHaveBeenLastCalledWith("b.md");
    expect(editor.doc).toBe("v1, then edited after the rename");
    expect(session.isDirty()).toBe(false);
  });

  it("reads the open post again when another post is moved over it", async () => {
    readPost.mockResolvedValueOnce({ path: "a.md", text: "the other post's text", revision: "r9" });
    await session.workspaceEvents([{ kind: "renamed", from: "z.md", to: "a.md" }]);
    expect(session.openPath).toBe("a.md");
    expect(editor.doc).toBe("the other post's text");
    expect(session.isDirty()).toBe(false);
    // a dirty buffer is not replaced: the move is a change on disk like any other
    editor.type("mine");
    readPost.mockResolvedValueOnce({ path: "a.md", text: "yet another", revision: "r10" });
    await session.workspaceEvents([{ kind: "renamed", from: "y.md", to: "a.md" }]);
    expect(editor.doc).toBe("mine");
    expect(conflict.current.kind).toBe("changed");
  });

  it("keeps the buffer when the post is removed", async () => {
    editor.type("unsaved");
    await session.workspaceEvents([{ kind: "removed", path: "a.md" }]);
    expect(conflict.current).toEqual({ kind: "removed" });
    expect(editor.doc).toBe("unsaved");
    expect(await session.flush()).toBe(false);
  });

  it("saves a removed post again as a file that must not exist, not over the revision it had", async () => {
    editor.type("unsaved");
    await session.workspaceEvents([{ kind: "removed", path: "a.md" }]);
    savePost.mockResolvedValueOnce({ revision: "r2" });
    await session.conflictAction("save-again");
    expect(savePost).toHaveBeenLastCalledWith("a.md", "unsaved", "");
    expect(conflict.current.kind).toBe("none");
    expect(states.at(-1)).toBe("saved");
    // and so does a plain save (Ctrl+S) while the bar says it was removed
    editor.type("unsaved again");
    await session.workspaceEvents([{ kind: "removed", path: "a.md" }]);
    savePost.mockResolvedValueOnce({ revision: "r3" });
    expect(await session.save()).toBe(true);
    expect(savePost).toHaveBeenLastCalledWith("a.md", "unsaved again", "");
  });

  it("does not reload a changed post from where a later event of the batch moved it away", async () => {
    const errors: string[] = [];
    session = new Session(editor, conflict, recordingHooks(states, errors));
    readPost.mockResolvedValueOnce({ path: "a/x.md", text: "v1", revision: "r1" });
    await session.open("a/x.md");
    // written inside the folder, then the folder renamed: both in one batch
    readPost.mockImplementation(async (path: string) => {
      if (path === "b/x.md") return { path, text: "v1 edited", revision: "r2" };
      throw { kind: "not_found", message: `${path}: not found` };
    });
    await session.workspaceEvents([
      { kind: "changed", path: "a/x.md" },
      { kind: "renamed", from: "a/x.md", to: "b/x.md" },
    ]);
    expect(errors).toEqual([]);
    expect(session.openPath).toBe("b/x.md");
    expect(editor.doc).toBe("v1 edited");
  });
});

describe("Session and other posts' changes on disk", () => {
  it("forgets the kept editor state of every other post that changed, also with no post open", async () => {
    forgotten.length = 0;
    await session.workspaceEvents([{ kind: "changed", path: "b.md" }]);
    session.close();
    await session.workspaceEvents([
      { kind: "removed", path: "c.md" },
      { kind: "created", path: "c.md" },
      { kind: "renamed", from: "d.md", to: "e.md" },
    ]);
    expect(editor.forgotten).toEqual(["b.md", "c.md", "c.md", "d.md", "e.md"]);
    // Kept previews: not of a post that only changed (it comes back as a splice of the change).
    expect(forgotten).toEqual(["c.md", "c.md", "d.md", "e.md"]);
  });
});

describe("Session front-matter edits", () => {
  it("applies the backend's text and redoes the edit if the user typed meanwhile", async () => {
    let release: (text: string) => void = () => undefined;
    editFrontMatter
      .mockImplementationOnce(() => new Promise((r) => (release = r)))
      .mockResolvedValueOnce("---\ndraft: true\n---\nv1 typed");
    const done = session.editFrontMatter("draft", { type: "bool", value: true });
    await Promise.resolve();
    editor.type("v1 typed");
    release("---\ndraft: true\n---\nv1");
    await done;
    expect(editFrontMatter).toHaveBeenLastCalledWith("v1 typed", "draft", { type: "bool", value: true });
    expect(editor.doc).toBe("---\ndraft: true\n---\nv1 typed");
    expect(editor.changes.at(-1)?.userEvent).toBe("input.frontmatter");
  });
});

/** A backend whose save refuses a stale revision, as save.rs does; each answer waits for `answer()`. */
function revisionCheckingBackend() {
  let disk = { text: "v1", revision: "r1" };
  let n = 1;
  const pending: (() => void)[] = [];
  savePost.mockImplementation(
    (_path: string, text: string, revision: string) =>
      new Promise((resolve, reject) =>
        pending.push(() => {
          if (revision !== disk.revision) return reject({ kind: "conflict", message: "a.md changed on disk" });
          disk = { text, revision: `r${++n}` };
          resolve({ revision: disk.revision });
        }),
      ),
  );
  return {
    disk: () => disk,
    external: (text: string) => (disk = { text, revision: `r${++n}` }),
    answer: async () => {
      while (pending.length) {
        pending.shift()!();
        for (let i = 0; i < 20; i++) await Promise.resolve();
      }
    },
  };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe("Session saves in flight", () => {
  it("switching posts while a save is in flight does not drop the keystrokes typed meanwhile", async () => {
    const backend = revisionCheckingBackend();
    editor.type("v2");
    readPost.mockResolvedValueOnce({ path: "b.md", text: "post b", revision: "rb" });
    const opened = session.open("b.md"); // flush: the save of "v2" goes out
    await tick();
    editor.type("v2 typed during the save"); // still a.md, the save not answered yet
    await backend.answer();
    expect(await opened).toBe(true);
    await backend.answer();
    // a.md on disk must hold what the user typed before leaving it
    expect(backend.disk().text).toBe("v2 typed during the save");
  });

  it("two saves waiting on one in flight do not both write with the same base revision", async () => {
    const backend = revisionCheckingBackend();
    editor.type("v2");
    const first = session.save();
    await tick();
    editor.type("v3");
    const second = session.save(); // e.g. Ctrl+S
    const third = session.save(); // e.g. the autosave timer, or a flush before switching posts
    await backend.answer();
    await Promise.all([first, second, third]);
    await backend.answer();
    expect(conflict.current).toEqual(noConflict);
    expect(backend.disk().text).toBe("v3");
    expect(states.at(-1)).toBe("saved");
  });
});

describe("Session keep-mine", () => {
  it("a save asked for while keep-mine's save travels waits for it instead of writing with the old revision", async () => {
    const backend = revisionCheckingBackend();
    editor.type("my words");
    const theirs = backend.external("their words");
    readPost.mockResolvedValue({ path: "a.md", ...theirs });
    await session.workspaceEvents([{ kind: "changed", path: "a.md" }]);
    expect(conflict.current.kind).toBe("changed");
    const keeping = session.conflictAction("keep-mine"); // its save goes out and travels
    await tick();
    editor.type("my words, and more");
    const saving = session.save(); // Ctrl+S
    await tick();
    await backend.answer();
    await Promise.all([keeping, saving]);
    await backend.answer();
    expect(conflict.current).toEqual(noConflict);
    expect(backend.disk().text).toBe("my words, and more");
  });
});

describe("Session front-matter edits and switching posts", () => {
  it("a form edit of post a, answered after post b opened, is not applied to post b", async () => {
    let release: (text: string) => void = () => undefined;
    editFrontMatter
      .mockImplementationOnce(() => new Promise((r) => (release = r)))
      .mockImplementation(async (text: string) => `---\ntitle: A's title\n---\n${text}`);
    // the title input's change event (on blur) fires as the user clicks post b in the list
    const edit = session.editFrontMatter("title", { type: "string", value: "A's title" });
    readPost.mockResolvedValueOnce({ path: "b.md", text: "post b", revision: "rb" });
    savePost.mockResolvedValue({ revision: "r2" });
    const opening = session.open("b.md");
    await tick(); // post b is read and shown while the backend works on a's edit
    release("---\ntitle: A's title\n---\nv1");
    await edit;
    await opening;
    expect(session.openPath).toBe("b.md");
    expect(editor.doc).toBe("post b");
  });
});

describe("Session opening posts one after another", () => {
  it("shows the post clicked last when an earlier click's file is read after it", async () => {
    let answerB: () => void = () => undefined;
    readPost
      .mockImplementationOnce(() => new Promise((r) => (answerB = () => r({ path: "b.md", text: "a long post b", revision: "rb" }))))
      .mockResolvedValueOnce({ path: "c.md", text: "post c", revision: "rc" });
    const openingB = session.open("b.md");
    await tick();
    const openingC = session.open("c.md");
    await tick(); // post c is read and shown before post b's file has come
    answerB();
    await Promise.all([openingB, openingC]);
    expect(session.openPath).toBe("c.md");
    expect(editor.doc).toBe("post c");
  });

  it("stays on the open post when it is clicked again while another is being opened", async () => {
    let answerB: () => void = () => undefined;
    readPost.mockImplementationOnce(() => new Promise((r) => (answerB = () => r({ path: "b.md", text: "post b", revision: "rb" }))));
    const openingB = session.open("b.md");
    await tick();
    expect(await session.open("a.md")).toBe(true);
    answerB();
    await openingB;
    expect(session.openPath).toBe("a.md");
    expect(editor.doc).toBe("v1");
  });
});
