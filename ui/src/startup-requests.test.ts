import { beforeEach, describe, expect, it, vi } from "vitest";
import type { WorkspaceChanged } from "./types";

const calls: string[] = [];
let emit: (payload: WorkspaceChanged) => void = () => {};
let registerListener: () => void = () => {};
let answerWorkspace: () => void = () => {};
let listenFails = false;

vi.mock("./ipc", () => ({
  onWorkspaceChanged: (h: (p: WorkspaceChanged) => void) => {
    calls.push("listen");
    emit = h;
    if (listenFails) return Promise.reject(new Error("no listener"));
    return new Promise<() => void>((resolve) => (registerListener = () => resolve(() => {})));
  },
  getWorkspace: () => {
    calls.push("get_workspace");
    return new Promise((resolve) => (answerWorkspace = () => resolve({ root: "/blog", posts: [], usual_format: "yaml" })));
  },
}));

const { requestStartup, startupRequests } = await import("./startup-requests");
const change = (n: number): WorkspaceChanged => ({ root: "/blog", posts: [], events: [{ kind: "changed", path: `p${n}.md` }] });
const pathOf = (p: WorkspaceChanged) => (p.events[0] as { path: string }).path;
const tick = () => new Promise((r) => setTimeout(r, 0));

beforeEach(() => {
  calls.length = 0;
  listenFails = false;
});

describe("start-up requests", () => {
  it("reads the workspace only once the change listener is registered", async () => {
    const requests = requestStartup();
    await tick();
    expect(calls).toEqual(["listen"]);
    registerListener();
    await tick();
    expect(calls).toEqual(["listen", "get_workspace"]);
    answerWorkspace();
    expect((await requests.workspace)?.root).toBe("/blog");
  });

  it("passes on changes in the order they came relative to the workspace's answer", async () => {
    const requests = requestStartup();
    registerListener();
    await tick();
    emit(change(1)); // older than the answer
    answerWorkspace();
    await tick();
    emit(change(2)); // newer than the answer, and before the app listens

    const seen: string[] = [];
    requests.onWorkspaceChanged((p) => seen.push(`change ${pathOf(p)}`));
    expect(seen).toEqual(["change p1.md"]); // before the app can show the workspace
    void requests.workspace.then(() => seen.push("workspace shown"));
    emit(change(3)); // live, while change 2 is still held: it must not overtake it
    await tick();
    expect(seen).toEqual(["change p1.md", "workspace shown", "change p2.md", "change p3.md"]);
    emit(change(4));
    expect(seen.at(-1)).toBe("change p4.md");
  });

  it("gives a failed listener to whoever awaits the workspace, without an unhandled rejection", async () => {
    listenFails = true;
    const unhandled = vi.fn();
    process.on("unhandledRejection", unhandled);
    const requests = requestStartup();
    await tick();
    await tick();
    process.off("unhandledRejection", unhandled);
    expect(unhandled).not.toHaveBeenCalled();
    await expect(requests.workspace).rejects.toThrow("no listener");
    expect(calls).toEqual(["listen"]);
  });

  it("waits for the workspace's answer, or for its failure, no longer than asked", async () => {
    vi.useFakeTimers();
    try {
      const settledAt = async (ms: number, settle?: "answer" | "fail") => {
        listenFails = settle === "fail";
        const requests = requestStartup();
        let done = false;
        void requests.answeredOrAfter(ms).then(() => (done = true));
        await vi.advanceTimersByTimeAsync(5);
        if (settle === "answer") {
          registerListener();
          await vi.advanceTimersByTimeAsync(5);
          answerWorkspace();
        }
        await vi.advanceTimersByTimeAsync(5);
        const early = done;
        await vi.advanceTimersByTimeAsync(ms);
        return [early, done];
      };
      expect(await settledAt(1000, "answer")).toEqual([true, true]);
      expect(await settledAt(1000, "fail")).toEqual([true, true]);
      expect(await settledAt(1000)).toEqual([false, true]);
    } finally {
      vi.useRealTimers();
    }
  });

  it("sends the page's requests once however often they are asked for", () => {
    expect(startupRequests()).toBe(startupRequests());
    expect(calls).toEqual(["listen"]);
  });
});
