import { beforeEach, describe, expect, it, vi } from "vitest";
import type { PageEvents } from "./types";

// The backend: `next_page_events` answers from a queue the test fills, one pending call at a time.
const backend = vi.hoisted(() => {
  const waiting: PageEvents[] = [];
  let wake: (() => void) | null = null;
  const calls: string[] = [];
  return {
    calls,
    send(events: Partial<PageEvents>) {
      waiting.push({ workspaceChanged: null, exportProgress: null, closeRequested: false, readingFolder: null, notWatching: [], ...events });
      wake?.();
    },
    async invoke(command: string): Promise<unknown> {
      calls.push(command);
      if (command !== "next_page_events") return null;
      while (waiting.length === 0) await new Promise<void>((r) => (wake = r));
      return waiting.shift();
    },
  };
});
const win = vi.hoisted(() => ({ destroy: vi.fn(async () => {}), close: vi.fn(async () => {}) }));
vi.mock("@tauri-apps/api/core", () => ({ invoke: backend.invoke, convertFileSrc: (p: string) => p }));
vi.mock("@tauri-apps/api/window", () => ({ getCurrentWindow: () => win }));

const settle = () => new Promise((r) => setTimeout(r, 0));

describe("the backend's events, pulled by the page", () => {
  // A fresh module each time: its listeners and its pending call are module state. (The last
  // module's call stays pending for good: the backend wakes only the newest.)
  let ipc: typeof import("./ipc");
  beforeEach(async () => {
    vi.resetModules();
    ipc = await import("./ipc");
    win.destroy.mockClear();
  });

  it("keeps one call pending and hands each kind to its listeners", async () => {
    const changes: string[] = [];
    const progress: number[] = [];
    const reading: string[] = [];
    const notWatching: string[] = [];
    const stop = await ipc.onWorkspaceChanged((c) => changes.push(c.posts.map((p) => p.path).join()));
    await ipc.onExportProgress((p) => progress.push(p.done));
    await ipc.onReadingFolder((folder) => reading.push(folder));
    await ipc.onNotWatching((message) => notWatching.push(message));
    backend.send({ exportProgress: { done: 1, total: 2 } });
    backend.send({ workspaceChanged: { root: "/blog", events: [], posts: [] }, exportProgress: { done: 2, total: 2 } });
    backend.send({ readingFolder: "/blog" });
    backend.send({ notWatching: ["/blog/new: cannot watch the folder"] });
    await settle();
    expect(progress).toEqual([1, 2]);
    expect(changes).toEqual([""]);
    expect(reading).toEqual(["/blog"]);
    expect(notWatching).toEqual(["/blog/new: cannot watch the folder"]);
    expect(backend.calls.filter((c) => c === "next_page_events")).toHaveLength(5); // and one pending
    stop();
    backend.send({ workspaceChanged: { root: "/blog", events: [], posts: [] } });
    await settle();
    expect(changes).toHaveLength(1);
  });

  it("keeps a watcher's failure said before anyone listened for the first who does", async () => {
    await ipc.onReadingFolder(() => {}); // the start-up requests pull before the app listens
    backend.send({ notWatching: ["/blog/new: cannot watch the folder"] });
    await settle();
    const heard: string[] = [];
    await ipc.onNotWatching((message) => heard.push(message));
    await ipc.onNotWatching((message) => heard.push(`again: ${message}`));
    expect(heard).toEqual(["/blog/new: cannot watch the folder"]);
  });

  it("keeps each watcher failure said before anyone listened", async () => {
    await ipc.onReadingFolder(() => {});
    backend.send({ notWatching: ["/blog/new: cannot watch the folder"] });
    backend.send({ notWatching: ["/blog was moved or deleted"] });
    await settle();
    const heard: string[] = [];
    await ipc.onNotWatching((message) => heard.push(message));
    expect(heard).toEqual(["/blog/new: cannot watch the folder", "/blog was moved or deleted"]);
  });

  it("keeps pulling when a listener throws", async () => {
    const seen: number[] = [];
    await ipc.onExportProgress(() => {
      throw new Error("a broken listener");
    });
    await ipc.onExportProgress((p) => seen.push(p.done));
    const quiet = vi.spyOn(console, "error").mockImplementation(() => {});
    backend.send({ exportProgress: { done: 1, total: 2 } });
    backend.send({ exportProgress: { done: 2, total: 2 } });
    await settle();
    quiet.mockRestore();
    expect(seen).toEqual([1, 2]);
  });

  it("guards closing, closes when the page allows it, and stays open when it does not", async () => {
    let answer = false;
    const asked = vi.fn(async () => answer);
    await ipc.onCloseRequested(asked);
    expect(backend.calls).toContain("guard_close");
    backend.send({ closeRequested: true });
    await settle();
    expect(asked).toHaveBeenCalledTimes(1);
    expect(win.destroy).not.toHaveBeenCalled();
    answer = true;
    backend.send({ closeRequested: true });
    await settle();
    expect(asked).toHaveBeenCalledTimes(2);
    expect(win.destroy).toHaveBeenCalledTimes(1);
  });

  it("asks once while the first close request is still being answered", async () => {
    let allow: (ok: boolean) => void = () => {};
    const asked = vi.fn(() => new Promise<boolean>((r) => (allow = r)));
    await ipc.onCloseRequested(asked);
    backend.send({ closeRequested: true });
    await settle();
    backend.send({ closeRequested: true });
    await settle();
    expect(asked).toHaveBeenCalledTimes(1);
    allow(true);
    await settle();
    expect(win.destroy).toHaveBeenCalledTimes(1);
  });
});
