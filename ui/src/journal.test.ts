import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("./ipc", () => ({
  journalWrite: vi.fn(async () => "v1"),
  journalEdit: vi.fn(async () => null),
  journalClear: vi.fn(async () => null),
  journalEntries: vi.fn(async () => []),
  readPost: vi.fn(),
  savePost: vi.fn(async () => ({ revision: "r1" })),
  confirmDialog: vi.fn(),
}));

import * as ipc from "./ipc";
import { CrashJournal, JOURNAL_DELAY_MS, offerRecovery } from "./journal";
import { PostText } from "./post-text";

const entry = (path: string, text: string) => ({ root: "/ws", path, text, base_revision: "r", written_at: "t" });
const typed = (text: string, revision: string) => ({ text: PostText.of(text), revision });
const journalIn = (root: string) => Object.assign(new CrashJournal(() => {}), { root });

describe("CrashJournal", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => {
    vi.useRealTimers();
    vi.clearAllMocks();
    vi.mocked(ipc.journalWrite).mockImplementation(async () => "v1");
  });

  it("writes only the latest text, once typing pauses", async () => {
    const j = journalIn("/ws");
    let text = "a";
    j.schedule("p.md", () => typed(text, "r1"));
    text = "ab";
    j.schedule("p.md", () => typed(text, "r1"));
    await vi.advanceTimersByTimeAsync(JOURNAL_DELAY_MS - 1);
    expect(ipc.journalWrite).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(ipc.journalWrite).toHaveBeenCalledTimes(1);
    expect(ipc.journalWrite).toHaveBeenCalledWith("p.md", "ab", "r1", "/ws");
  });

  it("writes within a second while typing goes on without a pause", async () => {
    const j = journalIn("/ws");
    let text = "";
    const written = () => vi.mocked(ipc.journalWrite).mock.calls.map((call) => call[1]);
    // A key every 100 ms for five seconds: never a pause of JOURNAL_DELAY_MS.
    for (let ms = 0; ms < 5000; ms += 100) {
      text += "x";
      j.schedule("p.md", () => typed(text, "r1"));
      await vi.advanceTimersByTimeAsync(100);
      // What a crash now would leave: text at most a second old.
      if (ms >= 1000) expect(written().at(-1)?.length ?? 0, `at ${ms} ms`).toBeGreaterThanOrEqual(text.length - 10);
    }
    expect(written().length).toBeLessThanOrEqual(5); // still not a write per key
    await vi.advanceTimersByTimeAsync(JOURNAL_DELAY_MS);
    expect(written().at(-1)).toBe(text);
  });

  it("cancel drops a pending write", async () => {
    const j = journalIn("/ws");
    j.schedule("p.md", () => typed("x", "r"));
    j.cancel();
    await vi.advanceTimersByTimeAsync(JOURNAL_DELAY_MS * 2);
    expect(ipc.journalWrite).not.toHaveBeenCalled();
  });

  it("writes nothing when the post has nothing unsaved by the time typing pauses", async () => {
    const j = journalIn("/ws");
    let open = "p.md";
    j.schedule("p.md", () => (open === "p.md" ? typed("typed in p", "r") : null));
    open = "q.md"; // another post opened before the pause
    await vi.advanceTimersByTimeAsync(JOURNAL_DELAY_MS);
    expect(ipc.journalWrite).not.toHaveBeenCalled();
  });
  it("drops the record it wrote once the post has nothing unsaved again (typing undone)", async () => {
    const j = journalIn("/ws");
    j.schedule("p.md", () => typed("typed, then undone", "r"));
    await vi.advanceTimersByTimeAsync(JOURNAL_DELAY_MS);
    expect(ipc.journalWrite).toHaveBeenCalledTimes(1);
    j.settled("p.md");
    await vi.runAllTimersAsync();
    expect(ipc.journalClear).toHaveBeenCalledWith("p.md", "/ws");
    // nothing written since: nothing to clear, and a pending write is dropped
    vi.mocked(ipc.journalClear).mockClear();
    j.schedule("p.md", () => typed("x", "r"));
    j.settled("p.md");
    await vi.runAllTimersAsync();
    expect(ipc.journalWrite).toHaveBeenCalledTimes(1);
    expect(ipc.journalClear).not.toHaveBeenCalled();
  });

  it("clears only after its own write has landed", async () => {
    let land: () => void = () => {};
    vi.mocked(ipc.journalWrite).mockImplementationOnce(() => new Promise((resolve) => (land = () => resolve(null))));
    const j = journalIn("/ws");
    j.schedule("p.md", () => typed("typed", "r"));
    await vi.advanceTimersByTimeAsync(JOURNAL_DELAY_MS);
    j.settled("p.md");
    await Promise.resolve();
    expect(ipc.journalClear).not.toHaveBeenCalled();
    land();
    await vi.runAllTimersAsync();
    expect(ipc.journalClear).toHaveBeenCalledWith("p.md", "/ws");
  });
  it("writes text typed again after an undo only once the clear before it went, so the clear never wipes it", async () => {
    const calls: string[] = [];
    let land: () => void = () => {};
    vi.mocked(ipc.journalWrite)
      .mockImplementationOnce(async (_, text) => {
        calls.push(`write ${text}`);
        await new Promise((resolve) => (land = () => resolve(null)));
        return null;
      })
      .mockImplementation(async (_, text) => (calls.push(`write ${text}`), null));
    vi.mocked(ipc.journalClear).mockImplementation(async () => (calls.push("clear"), null));
    const j = journalIn("/ws");
    j.schedule("p.md", () => typed("one", "r"));
    await vi.advanceTimersByTimeAsync(JOURNAL_DELAY_MS); // a slow write (a long post, a busy disk)
    j.settled("p.md"); // typing undone: its clear waits for that write
    j.schedule("p.md", () => typed("two", "r")); // typed again
    await vi.advanceTimersByTimeAsync(JOURNAL_DELAY_MS);
    land();
    await vi.runAllTimersAsync();
    expect(calls).toEqual(["write one", "clear", "write two"]);
  });
  it("clears a record of older text that landed after a save began, once the post is saved with nothing typed since", async () => {
    const calls: string[] = [];
    let land: () => void = () => {};
    vi.mocked(ipc.journalWrite).mockImplementationOnce(async (_, text) => {
      await new Promise((resolve) => (land = () => resolve(null)));
      calls.push(`write ${text}`);
      return null;
    });
    vi.mocked(ipc.journalClear).mockImplementation(async () => (calls.push("clear"), null));
    const j = journalIn("/ws");
    j.schedule("p.md", () => typed("typed", "r"));
    await vi.advanceTimersByTimeAsync(JOURNAL_DELAY_MS); // on its way as the user saves "typed, and more"
    j.saved("p.md", () => null); // the save answered: nothing unsaved
    land(); // after the save began: the backend's clear with the save kept it
    await vi.runAllTimersAsync();
    expect(calls).toEqual(["write typed", "clear"]);
    // Typed during the save: written again, not cleared.
    calls.length = 0;
    j.saved("p.md", () => typed("typed during the save", "r2"));
    await vi.runAllTimersAsync();
    expect(vi.mocked(ipc.journalWrite).mock.calls.at(-1)?.[1]).toBe("typed during the save");
    expect(calls).toEqual([]);
  });
  it("answers when every write and clear sent so far has landed, a failed one too", async () => {
    let land: () => void = () => {};
    vi.mocked(ipc.journalWrite).mockImplementationOnce(() => new Promise((resolve) => (land = () => resolve(null))));
    vi.mocked(ipc.journalClear).mockRejectedValueOnce({ kind: "io", message: "gone" });
    const j = journalIn("/ws");
    j.schedule("p.md", () => typed("typed", "r"));
    await vi.advanceTimersByTimeAsync(JOURNAL_DELAY_MS);
    j.settled("p.md"); // its clear waits for that write
    let idle = false;
    void j.idle().then(() => (idle = true));
    await vi.advanceTimersByTimeAsync(0);
    expect(idle).toBe(false);
    land();
    await vi.advanceTimersByTimeAsync(0);
    expect(ipc.journalClear).toHaveBeenCalled();
    expect(idle).toBe(true);
  });
  it("keeps a post left behind without dropping the open post's write still waiting for a pause", async () => {
    const j = journalIn("/ws");
    j.schedule("open.md", () => typed("typed in the open post", "r"));
    await j.keep("left.md", { text: "kept of the post left", revision: "r" });
    j.movedAway("gone.md"); // another left post renamed elsewhere
    await vi.runAllTimersAsync();
    const written = vi.mocked(ipc.journalWrite).mock.calls.map(([path, text]) => [path, text]);
    expect(written).toContainEqual(["left.md", "kept of the post left"]);
    expect(written).toContainEqual(["open.md", "typed in the open post"]);
    // Kept now, the same post's pending write is no longer needed (its text may be older).
    vi.mocked(ipc.journalWrite).mockClear();
    j.schedule("open.md", () => typed("older", "r"));
    await j.keep("open.md", { text: "newer", revision: "r" });
    await vi.runAllTimersAsync();
    expect(vi.mocked(ipc.journalWrite).mock.calls.map(([, text]) => text)).toEqual(["newer"]);
  });
});

describe("CrashJournal and another folder", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => {
    vi.useRealTimers();
    vi.clearAllMocks();
  });

  it("sends each write and clear for the folder it was made in, however late it goes out", async () => {
    let land: () => void = () => {};
    vi.mocked(ipc.journalWrite).mockImplementationOnce(() => new Promise((resolve) => (land = () => resolve(null))));
    const j = journalIn("/home/blog");
    j.schedule("p.md", () => typed("typed", "r"));
    await vi.advanceTimersByTimeAsync(JOURNAL_DELAY_MS); // a slow write
    j.settled("p.md"); // typing undone: the clear waits for that write
    j.schedule("p.md", () => typed("typed again", "r"));
    j.root = "/home/other"; // another folder opens before they go out
    land();
    await vi.runAllTimersAsync();
    expect(ipc.journalClear).toHaveBeenCalledWith("p.md", "/home/blog");
    expect(vi.mocked(ipc.journalWrite).mock.calls.map((call) => call[3])).toEqual(["/home/blog", "/home/blog"]);
  });

  it("knows which folder it wrote a post's record in: the same path in another folder is another post", async () => {
    const j = journalIn("/home/blog");
    j.schedule("p.md", () => typed("typed in the blog", "r"));
    await vi.advanceTimersByTimeAsync(JOURNAL_DELAY_MS);
    j.root = "/home/other";
    j.settled("p.md"); // the other folder's p.md, typed in and undone before its first write
    await vi.runAllTimersAsync();
    expect(ipc.journalClear).not.toHaveBeenCalled(); // it has no record to clear
    j.root = "/home/blog"; // back: the blog's p.md undone clears the record written there
    j.settled("p.md");
    await vi.runAllTimersAsync();
    expect(vi.mocked(ipc.journalClear).mock.calls).toEqual([["p.md", "/home/blog"]]);
  });
});

describe("CrashJournal and a renamed post", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => {
    vi.useRealTimers();
    vi.clearAllMocks();
  });

  it("clears the old name's record only after the write to it landed", async () => {
    let land: () => void = () => {};
    vi.mocked(ipc.journalWrite).mockImplementationOnce(() => new Promise((resolve) => (land = () => resolve(null))));
    const j = journalIn("/ws");
    j.schedule("old.md", () => typed("typed", "r"));
    await vi.advanceTimersByTimeAsync(JOURNAL_DELAY_MS);
    j.movedAway("old.md");
    await Promise.resolve();
    expect(ipc.journalClear).not.toHaveBeenCalled();
    land();
    await vi.runAllTimersAsync();
    expect(ipc.journalClear).toHaveBeenCalledWith("old.md", "/ws");
  });
});

describe("offerRecovery", () => {
  afterEach(() => vi.clearAllMocks());

  it("restores what the user accepts, discards what they refuse, and drops what is on disk", async () => {
    vi.mocked(ipc.journalEntries).mockResolvedValue([entry("same.md", "saved"), entry("a.md", "typed a"), entry("b.md", "typed b")]);
    vi.mocked(ipc.readPost).mockImplementation(async (path: string) => ({ path, text: path === "same.md" ? "saved" : "old", revision: "r" }));
    vi.mocked(ipc.confirmDialog).mockResolvedValueOnce(true).mockResolvedValueOnce(false);
    const restore = vi.fn(async () => true);
    const restored = await offerRecovery(restore);
    expect(restored).toEqual(["a.md"]);
    expect(restore).toHaveBeenCalledWith("a.md", "typed a");
    expect(ipc.confirmDialog).toHaveBeenCalledTimes(2);
    expect(vi.mocked(ipc.journalClear).mock.calls).toEqual([["same.md", "/ws"], ["b.md", "/ws"]]);
  });

  it("says so when the file changed on disk after the kept text was typed", async () => {
    vi.mocked(ipc.journalEntries).mockResolvedValue([entry("a.md", "typed a"), { ...entry("b.md", "typed b"), base_revision: "r0" }]);
    vi.mocked(ipc.readPost).mockImplementation(async (path: string) => ({ path, text: "on disk", revision: "r" }));
    vi.mocked(ipc.confirmDialog).mockResolvedValue(false);
    await offerRecovery(vi.fn(async () => true));
    const [same, changed] = vi.mocked(ipc.confirmDialog).mock.calls.map((c) => c[1]);
    expect(same).not.toMatch(/changed on disk/);
    expect(changed).toMatch(/b\.md changed on disk after/);
  });

  it("says that Cancel throws the text away, and that a post no longer on disk is written back", async () => {
    vi.mocked(ipc.journalEntries).mockResolvedValue([entry("a.md", "typed a"), entry("gone.md", "typed gone")]);
    vi.mocked(ipc.readPost).mockImplementation(async (path: string) => {
      if (path === "gone.md") throw { kind: "not_found", message: "gone.md: not found" };
      return { path, text: "on disk", revision: "r" };
    });
    vi.mocked(ipc.confirmDialog).mockResolvedValue(true);
    await offerRecovery(vi.fn(async () => true));
    const [kept, gone] = vi.mocked(ipc.confirmDialog).mock.calls.map((c) => c[1]);
    expect(kept).toMatch(/Cancel discards them/);
    expect(gone).toMatch(/gone\.md is no longer on disk: restoring writes it back/);
    expect(gone).toMatch(/Cancel discards them/);
  });

  it("writes back the text of a post whose file went while the app was down, then opens it", async () => {
    vi.mocked(ipc.journalEntries).mockResolvedValue([entry("gone.md", "typed before the crash")]);
    vi.mocked(ipc.readPost).mockRejectedValue({ kind: "not_found", message: "gone.md: not found" });
    vi.mocked(ipc.confirmDialog).mockResolvedValueOnce(true);
    const restore = vi.fn(async () => true);
    expect(await offerRecovery(restore)).toEqual(["gone.md"]);
    expect(ipc.savePost).toHaveBeenCalledWith("gone.md", "typed before the crash", "");
    expect(restore).toHaveBeenCalledWith("gone.md", null);
    // a file that appeared there since refuses the write: the text stays in the journal
    vi.mocked(ipc.savePost).mockRejectedValueOnce({ kind: "conflict", message: "gone.md changed on disk" });
    vi.mocked(ipc.confirmDialog).mockResolvedValueOnce(true);
    restore.mockClear();
    expect(await offerRecovery(restore)).toEqual([]);
    expect(restore).not.toHaveBeenCalled();
    expect(ipc.journalClear).not.toHaveBeenCalled();
  });

  it("tells the user when the text they chose to restore could not be written back", async () => {
    vi.mocked(ipc.journalEntries).mockResolvedValue([entry("gone/post.md", "typed before the crash")]);
    vi.mocked(ipc.readPost).mockRejectedValue({ kind: "not_found", message: "gone/post.md: not found" });
    vi.mocked(ipc.savePost).mockRejectedValueOnce({ kind: "not_found", message: "gone/post.md: no such folder" });
    vi.mocked(ipc.confirmDialog).mockResolvedValueOnce(true);
    const failed = vi.fn();
    expect(await offerRecovery(vi.fn(async () => true), failed)).toEqual([]);
    expect(failed).toHaveBeenCalledTimes(1);
    const [error, context] = failed.mock.calls[0];
    expect(error).toEqual({ kind: "not_found", message: "gone/post.md: no such folder" });
    expect(context).toMatch(/gone\/post\.md.*stays in the recovery journal/);
    expect(ipc.journalClear).not.toHaveBeenCalled();
  });

  it("still offers the other posts' text when dropping one record fails, and says so", async () => {
    vi.mocked(ipc.journalEntries).mockResolvedValue([entry("same.md", "saved"), entry("a.md", "typed a")]);
    vi.mocked(ipc.readPost).mockImplementation(async (path: string) => ({ path, text: path === "same.md" ? "saved" : "old", revision: "r" }));
    vi.mocked(ipc.journalClear).mockRejectedValueOnce({ kind: "io", message: "permission denied" });
    vi.mocked(ipc.confirmDialog).mockResolvedValueOnce(true);
    const failed = vi.fn();
    expect(await offerRecovery(vi.fn(async () => true), failed)).toEqual(["a.md"]);
    expect(failed).toHaveBeenCalledTimes(1);
    expect(failed.mock.calls[0][1]).toMatch(/same\.md/);
  });

  it("says what failed, keeping the text, when the journal cannot be read or the question cannot be asked", async () => {
    const failed = vi.fn();
    vi.mocked(ipc.journalEntries).mockRejectedValueOnce({ kind: "io", message: "The app has no data folder for its journal." });
    expect(await offerRecovery(vi.fn(async () => true), failed)).toEqual([]);
    vi.mocked(ipc.journalEntries).mockResolvedValue([entry("a.md", "typed a")]);
    vi.mocked(ipc.readPost).mockResolvedValue({ path: "a.md", text: "old", revision: "r" });
    vi.mocked(ipc.confirmDialog).mockRejectedValueOnce({ kind: "dialog", message: "no dialog" });
    expect(await offerRecovery(vi.fn(async () => true), failed)).toEqual([]);
    expect(failed.mock.calls.map(([, context]) => context)).toEqual([
      "Could not read the recovery journal",
      "Could not ask whether to restore the unsaved text of a.md; it stays in the recovery journal",
    ]);
    expect(ipc.journalClear).not.toHaveBeenCalled();
  });
});
