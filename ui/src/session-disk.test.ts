// The open post and what happens to its file on disk: removed, put back, changed again.
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

let editor: FakeEditor;
let conflict: FakeConflict;
let states: SaveState[];
let session: Session;

beforeEach(async () => {
  vi.useRealTimers();
  vi.resetAllMocks();
  states = [];
  conflict = new FakeConflict();
  editor = new FakeEditor(() => session.docChanged(PostText.of(editor.doc)));
  session = new Session(editor, conflict, recordingHooks(states));
  readPost.mockResolvedValueOnce({ path: "a.md", text: "v1", revision: "r1" });
  await session.open("a.md");
});

describe("Session and a removed post that comes back", () => {
  it("is no longer shown as removed once the same bytes are back (a checkout there and back)", async () => {
    await session.workspaceEvents([{ kind: "removed", path: "a.md" }]);
    expect(conflict.current).toEqual({ kind: "removed" });
    readPost.mockResolvedValueOnce({ path: "a.md", text: "v1", revision: "r1" });
    await session.workspaceEvents([{ kind: "created", path: "a.md" }]);
    expect(conflict.current).toEqual(noConflict);
    expect(states.at(-1)).toBe("saved");
  });

  it("saves unsaved text over the file that came back, as over the one it was typed on", async () => {
    editor.type("mine");
    await session.workspaceEvents([{ kind: "removed", path: "a.md" }]);
    readPost.mockResolvedValueOnce({ path: "a.md", text: "v1", revision: "r1" });
    await session.workspaceEvents([{ kind: "created", path: "a.md" }]);
    expect(conflict.current).toEqual(noConflict);
    expect(states.at(-1)).toBe("edited");
    savePost.mockResolvedValueOnce({ revision: "r2" });
    expect(await session.save()).toBe(true);
    expect(savePost).toHaveBeenLastCalledWith("a.md", "mine", "r1");
    expect(editor.doc).toBe("mine");
  });
});

describe("Session and a conflict the disk settles", () => {
  it("drops the conflict bar when a clean buffer is reloaded from a newer change on disk", async () => {
    editor.type("mine");
    readPost.mockResolvedValueOnce({ path: "a.md", text: "theirs", revision: "r2" });
    await session.workspaceEvents([{ kind: "changed", path: "a.md" }]);
    expect(conflict.current.kind).toBe("changed");
    editor.type("v1"); // undone back to the text the buffer was read with
    readPost.mockResolvedValueOnce({ path: "a.md", text: "theirs, again", revision: "r3" });
    await session.workspaceEvents([{ kind: "changed", path: "a.md" }]);
    expect(editor.doc).toBe("theirs, again");
    expect(conflict.current).toEqual(noConflict);
    expect(states.at(-1)).toBe("saved");
    savePost.mockResolvedValueOnce({ revision: "r4" });
    editor.type("next");
    expect(await session.save()).toBe(true);
    expect(savePost).toHaveBeenLastCalledWith("a.md", "next", "r3");
  });
});

describe("Session and a change that turns out to be a removal", () => {
  it("shows a post gone when it was reported changed (a rename not saying which side it was on)", async () => {
    const errors: string[] = [];
    session = new Session(editor, conflict, recordingHooks(states, errors));
    readPost.mockResolvedValueOnce({ path: "a.md", text: "v1", revision: "r1" });
    await session.open("a.md");
    editor.type("unsaved");
    readPost.mockRejectedValueOnce({ kind: "not_found", message: "a.md: not found" });
    await session.workspaceEvents([{ kind: "changed", path: "a.md" }]);
    expect(errors).toEqual([]);
    expect(conflict.current).toEqual({ kind: "removed" });
    expect(states.at(-1)).toBe("conflict");
    expect(editor.doc).toBe("unsaved");
  });
});

describe("Session saving a removed post again", () => {
  it("offers keep-mine and take-theirs when another file is there by then, instead of saying removed again", async () => {
    editor.type("mine");
    await session.workspaceEvents([{ kind: "removed", path: "a.md" }]);
    savePost.mockRejectedValueOnce({ kind: "conflict", message: "a.md: changed on disk" });
    readPost.mockResolvedValueOnce({ path: "a.md", text: "theirs", revision: "r9" });
    await session.conflictAction("save-again");
    expect(conflict.current.kind).toBe("changed");
    expect(conflict.theirs).toBe("theirs");
    readPost.mockResolvedValueOnce({ path: "a.md", text: "theirs", revision: "r9" });
    savePost.mockResolvedValueOnce({ revision: "r10" });
    await session.conflictAction("keep-mine");
    expect(savePost).toHaveBeenLastCalledWith("a.md", "mine", "r9");
    expect(conflict.current).toEqual(noConflict);
  });
});
