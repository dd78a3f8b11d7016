import { expect, it, vi } from "vitest";

const steps: string[] = [];

vi.mock("./ipc", () => ({
  openWorkspace: vi.fn(async () => ({ root: "/ws", posts: [] })),
  confirmDialog: vi.fn(async () => true),
  deletePost: vi.fn(async () => null),
  duplicatePost: vi.fn(async (path: string) => {
    steps.push(`duplicate ${path}`);
    return { path: "a-copy.md", title: "A (copy)" };
  }),
}));
vi.mock("./toasts", () => ({ showError: vi.fn(), showToast: vi.fn() }));

import { type ActionContext, deletePost, duplicatePost, openFolder } from "./post-actions";
import type { PostSummary } from "./types";

it("offers back the journal's text for a folder opened again (what \"keep it in the journal\" kept)", async () => {
  steps.length = 0;
  const ctx = {
    list: { whileOpening: <T>(open: Promise<T>) => open },
    session: { flush: async () => true, closeWorkspace: () => steps.push("close"), openPath: null },
    showWorkspace: () => steps.push("show"),
    recover: async () => steps.push("recover"),
  } as unknown as ActionContext;
  await openFolder(ctx);
  expect(steps).toEqual(["close", "show", "recover"]);
});

it("drops a deleted post's tags and categories from the form's suggestions", async () => {
  steps.length = 0;
  const ctx = {
    list: { removePath: (path: string) => steps.push(`remove ${path}`) },
    session: { openPath: null },
    refreshSuggestions: () => steps.push("suggestions"),
  } as unknown as ActionContext;
  await deletePost(ctx, { path: "only-tagged.md", title: "Only tagged", tags: ["rare"] } as PostSummary);
  expect(steps).toEqual(["remove only-tagged.md", "suggestions"]);
});

it("duplicating the open post saves what was typed first, so the copy has it", async () => {
  steps.length = 0;
  const ctx = {
    list: { upsert: () => steps.push("list") },
    session: {
      openPath: "a.md",
      flush: async () => {
        steps.push("flush");
        return true;
      },
    },
  } as unknown as ActionContext;
  await duplicatePost(ctx, { path: "a.md", title: "A" } as PostSummary);
  expect(steps).toEqual(["flush", "duplicate a.md", "list"]);
});
