// Moving posts to the trash: what the question says, and what goes with the open post.
import { expect, it, vi } from "vitest";

const steps: string[] = [];

vi.mock("./ipc", () => ({
  confirmDialog: vi.fn(async () => true),
  folderTrashedWith: vi.fn(async () => null),
  deletePost: vi.fn(async (path: string) => {
    steps.push(`delete ${path}`);
    return null;
  }),
}));
vi.mock("./toasts", () => ({ showError: vi.fn(), showToast: vi.fn() }));

import { type ActionContext, deletePost } from "./post-actions";
import * as ipc from "./ipc";
import type { PostSummary } from "./types";

it("asks before trashing a page bundle's folder, pictures and all, naming the folder the trash takes", async () => {
  // The list is behind the disk: it still shows a post the folder no longer holds, and has not
  // yet the one just added to the other. The backend's answer, from the disk, is what goes.
  const posts = [{ path: "trip/index.md" }, { path: "trip/more/gone.md" }, { path: "walk/index.md" }];
  const ctx = {
    list: { removePath: () => {}, allPosts: () => posts },
    session: { openPath: null, keeps: () => false, forgetKept: () => {} },
    refreshSuggestions: () => {},
  } as unknown as ActionContext;
  vi.mocked(ipc.folderTrashedWith).mockImplementation(async (path: string) => (path === "trip/index.md" ? "trip/" : null));
  const confirm = vi.mocked(ipc.confirmDialog);
  confirm.mockClear();
  await deletePost(ctx, { path: "trip/index.md", title: "Trip" } as PostSummary);
  expect(confirm.mock.calls[0]?.[1]).toBe("“Trip” (trip/index.md) and everything else in its folder trip/ will be moved to the system trash.");
  await deletePost(ctx, { path: "walk/index.md", title: "Walk" } as PostSummary);
  expect(confirm.mock.calls[1]?.[1]).toBe("“Walk” (walk/index.md) will be moved to the system trash.");
  // The trash is told what was agreed, to move nothing if the disk changed meanwhile.
  expect(vi.mocked(ipc.deletePost).mock.calls.slice(-2)).toEqual([
    ["trip/index.md", "trip/"],
    ["walk/index.md", null],
  ]);
});

it("trashing the open post saves what was typed into it first, so the trash holds it", async () => {
  steps.length = 0;
  const ctx = {
    list: { removePath: (path: string) => steps.push(`remove ${path}`), allPosts: () => [] },
    session: {
      openPath: "a.md",
      // (as the session does it: saved, then trashed, then closed)
      closeAfter: async (remove: () => Promise<unknown>) => {
        steps.push("save");
        await remove();
        steps.push("close");
        return true;
      },
      keeps: () => false,
      forgetKept: () => {},
    },
    refreshSuggestions: () => {},
  } as unknown as ActionContext;
  await deletePost(ctx, { path: "a.md", title: "A" } as PostSummary);
  expect(steps).toEqual(["save", "delete a.md", "close", "remove a.md"]);
});

it("asks again before trashing the open post whose last changes could not be saved (the trash would not have them)", async () => {
  for (const anyway of [false, true]) {
    steps.length = 0;
    const ctx = {
      list: { removePath: (path: string) => steps.push(`remove ${path}`), allPosts: () => [] },
      session: {
        openPath: "a.md",
        // (as the session does it: the save fails, and the caller is asked whether to go on)
        closeAfter: async (remove: () => Promise<unknown>, goWithout: (reason: string) => Promise<boolean>) => {
          steps.push("save fails");
          if (!(await goWithout("a.md: No space left on device (os error 28)"))) return false;
          await remove();
          steps.push("close");
          return true;
        },
        keeps: () => false,
        forgetKept: () => {},
      },
      refreshSuggestions: () => {},
    } as unknown as ActionContext;
    const confirm = vi.mocked(ipc.confirmDialog);
    confirm.mockReset().mockResolvedValueOnce(true).mockResolvedValueOnce(anyway);
    await deletePost(ctx, { path: "a.md", title: "A" } as PostSummary);
    expect(confirm.mock.calls[1]?.[1]).toContain("No space left on device");
    expect(steps).toEqual(anyway ? ["save fails", "delete a.md", "close", "remove a.md"] : ["save fails"]);
  }
  vi.mocked(ipc.confirmDialog).mockReset().mockResolvedValue(true);
});

it("says before trashing a post left with changes that could not be saved that they go too, and forgets them", async () => {
  steps.length = 0;
  const ctx = {
    list: { removePath: (path: string) => steps.push(`remove ${path}`), allPosts: () => [] },
    session: {
      openPath: "b.md",
      keeps: (path: string) => path === "a.md",
      forgetKept: (path: string) => steps.push(`forget ${path}`),
    },
    refreshSuggestions: () => {},
  } as unknown as ActionContext;
  const confirm = vi.mocked(ipc.confirmDialog);
  confirm.mockClear();
  await deletePost(ctx, { path: "a.md", title: "A" } as PostSummary);
  expect(confirm.mock.calls[0]?.[1]).toContain("could not be saved");
  expect(steps).toEqual(["delete a.md", "forget a.md", "remove a.md"]);
});
