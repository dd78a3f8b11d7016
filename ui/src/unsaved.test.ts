import { beforeEach, expect, it, vi } from "vitest";
import * as ipc from "./ipc";
import type { CrashJournal } from "./journal";
import { SAVE_WAIT_MS } from "./late";
import { type Closing, leavePost, mayClose } from "./unsaved";

vi.mock("./ipc", () => ({ confirmDialog: vi.fn() }));
vi.mock("./toasts", () => ({ showError: vi.fn() }));

const confirm = vi.mocked(ipc.confirmDialog);
const session = (saved: boolean): Closing => ({
  flush: async () => saved,
  openPath: "a.md",
  text: "typed",
  baseRevision: "r1",
  unsavedReason: "a.md: Read-only file system (os error 30)",
  isDirty: () => !saved,
});
let kept: [string, unknown][];
let keeping: () => Promise<void>;
let idling: () => Promise<void>;
const journal = {
  keep: (path: string, unsaved: unknown) => (kept.push([path, unsaved]), keeping()),
  idle: () => idling(),
} as unknown as CrashJournal;

beforeEach(() => {
  confirm.mockReset();
  kept = [];
  keeping = async () => {};
  idling = async () => {};
});

it("closes at once when the open post is saved", async () => {
  expect(await mayClose(session(true), journal)).toBe(true);
  expect(confirm).not.toHaveBeenCalled();
});

it("closes a saved post only once the journal's calls on their way have landed (a clear of a copy the save made stale)", async () => {
  let land!: () => void;
  idling = () => new Promise<void>((resolve) => (land = resolve));
  let closed = false;
  const closing = mayClose(session(true), journal).then((yes) => (closed = yes));
  await new Promise((resolve) => setTimeout(resolve, 0));
  expect(closed).toBe(false);
  land();
  await closing;
  expect(closed).toBe(true);
});

it("keeps the text in the journal when the user closes anyway, and stays open if not asked to", async () => {
  confirm.mockResolvedValueOnce(false);
  expect(await mayClose(session(false), journal)).toBe(false);
  expect(kept).toEqual([]);
  confirm.mockResolvedValueOnce(true);
  expect(await mayClose(session(false), journal)).toBe(true);
  expect(kept).toEqual([["a.md", { text: "typed", revision: "r1" }]]);
  expect(confirm.mock.calls[1]![1]).toContain("Read-only file system");
});

it("says the text will be lost, and asks again, when even the journal cannot keep it", async () => {
  keeping = async () => Promise.reject({ kind: "io", message: "journal: No space left on device" });
  confirm.mockResolvedValueOnce(true).mockResolvedValueOnce(false);
  expect(await mayClose(session(false), journal)).toBe(false);
  expect(confirm.mock.calls[1]![1]).toContain("lose it");
  expect(confirm.mock.calls[1]![1]).toContain("No space left on device");
  expect(confirm.mock.calls[1]![2]).toBe("Close without saving");
});

it("offers to close when the save has not finished after a few seconds (a network drive that hangs)", async () => {
  vi.useFakeTimers();
  try {
    const hanging: Closing = { ...session(false), flush: () => new Promise<boolean>(() => {}) };
    confirm.mockResolvedValueOnce(true);
    const closing = mayClose(hanging, journal);
    await vi.advanceTimersByTimeAsync(SAVE_WAIT_MS);
    expect(await closing).toBe(true);
    expect(confirm.mock.calls[0]![1]).toContain("has not finished");
    expect(kept).toEqual([["a.md", { text: "typed", revision: "r1" }]]);
  } finally {
    vi.useRealTimers();
  }
});

it("saves again what was typed while the save before closing was in flight", async () => {
  // The first save writes "a"; "ab" was typed meanwhile, and only the second save writes it.
  let disk = "";
  let text = "a";
  const flush = async () => {
    const writing = text;
    text = "ab";
    disk = writing;
    return true;
  };
  const typing: Closing = { ...session(true), flush, isDirty: () => text !== disk };
  expect(await mayClose(typing, journal)).toBe(true);
  expect(disk).toBe("ab");
});

it("asks to leave a post unsaved for another folder in that folder's words, and keeps its text once agreed", async () => {
  confirm.mockResolvedValueOnce(true);
  expect(await leavePost(journal, "a.md", { text: "typed", revision: "r1" }, "a.md: Read-only file system", "folder")).toBe(true);
  const [title, message] = confirm.mock.calls[0]!;
  expect(title).toBe("Open another folder?");
  expect(message).toContain("offered back when this folder is opened again");
  expect(kept).toEqual([["a.md", { text: "typed", revision: "r1" }]]);
});
