// The crash journal's writes on a long post (only the change is sent) and its keeping of a post
// left behind.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("./ipc", () => ({
  journalWrite: vi.fn(async () => "v1"),
  journalEdit: vi.fn(async () => null),
  journalClear: vi.fn(async () => null),
}));

import { Text } from "@codemirror/state";
import * as ipc from "./ipc";
import { CrashJournal, JOURNAL_DELAY_MS, JOURNAL_EDIT_MIN_LENGTH } from "./journal";
import { PostText } from "./post-text";

const journalIn = (root: string) => Object.assign(new CrashJournal(() => {}), { root });

describe("CrashJournal keeping a post left", () => {
  afterEach(() => {
    vi.clearAllMocks();
    vi.mocked(ipc.journalWrite).mockImplementation(async () => "v1");
  });

  it("says the text could not be kept when the journal holds a copy stamped later", async () => {
    vi.mocked(ipc.journalWrite).mockResolvedValueOnce(null);
    const j = journalIn("/ws");
    await expect(j.keep("left.md", { text: "typed", revision: "r" })).rejects.toThrow(/could not be kept/);
    await j.keep("left.md", { text: "typed", revision: "r" }); // kept the next time
  });
});

describe("CrashJournal on a long post", () => {
  beforeEach(() => {
    vi.useFakeTimers();
    let version = 0;
    vi.mocked(ipc.journalWrite).mockImplementation(async () => `v${++version}`);
    vi.mocked(ipc.journalEdit).mockImplementation(async () => `v${++version}`);
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.clearAllMocks();
    vi.mocked(ipc.journalWrite).mockImplementation(async () => "v1");
    vi.mocked(ipc.journalEdit).mockImplementation(async () => null);
  });
  const long = "A paragraph of a long post.\n".repeat(JOURNAL_EDIT_MIN_LENGTH / 10);
  /** Types `typed` at `at` in the open post's text and lets the journal write it. */
  const typeAt = async (j: CrashJournal, text: PostText, at: number, typed: string) => {
    const next = new PostText(text.doc.replace(at, at, Text.of([typed])), text.lineBreak);
    j.schedule("p.md", () => ({ text: next, revision: "r" }));
    await vi.advanceTimersByTimeAsync(JOURNAL_DELAY_MS);
    return next;
  };

  it("sends only what changed since the record it last wrote, not the whole text", async () => {
    const j = journalIn("/ws");
    let text = await typeAt(j, PostText.of(long), 0, "x");
    expect(ipc.journalWrite).toHaveBeenCalledTimes(1);
    text = await typeAt(j, text, 5, "yz");
    text = await typeAt(j, text, long.length, "!");
    expect(ipc.journalWrite).toHaveBeenCalledTimes(1);
    expect(vi.mocked(ipc.journalEdit).mock.calls).toEqual([
      ["p.md", { base: "v1", from: 5, to: 5, insert: "yz" }, "r", "/ws"],
      ["p.md", { base: "v2", from: long.length, to: long.length, insert: "!" }, "r", "/ws"],
    ]);
  });

  it("sends the whole text when the record is not the one it wrote any more (a save cleared it)", async () => {
    const j = journalIn("/ws");
    let text = await typeAt(j, PostText.of(long), 0, "x");
    vi.mocked(ipc.journalEdit).mockResolvedValueOnce(null);
    text = await typeAt(j, text, 1, "y");
    expect(ipc.journalEdit).toHaveBeenCalledTimes(1);
    expect(vi.mocked(ipc.journalWrite).mock.calls.map((call) => call[1])).toEqual(["x" + long, "xy" + long]);
    // And the record that write made is the base of the next change.
    await typeAt(j, text, 2, "z");
    expect(vi.mocked(ipc.journalEdit).mock.calls.at(-1)?.[1]).toEqual({ base: "v2", from: 2, to: 2, insert: "z" });
  });

  it("sends the whole text after it cleared the record, for another folder, and for a short post", async () => {
    const j = journalIn("/ws");
    const text = await typeAt(j, PostText.of(long), 0, "x");
    j.settled("p.md"); // typing undone
    await typeAt(j, text, 1, "y");
    j.root = "/other";
    await typeAt(j, text, 1, "y");
    await typeAt(j, PostText.of("short"), 0, "x");
    await typeAt(j, PostText.of("short"), 0, "y");
    expect(ipc.journalEdit).not.toHaveBeenCalled();
    expect(ipc.journalWrite).toHaveBeenCalledTimes(5);
  });
});
