import { expect, it, vi } from "vitest";

vi.mock("./ipc", () => ({
  openWorkspace: vi.fn(async () => ({ root: "/ws", posts: [] })),
  confirmDialog: vi.fn(async () => true),
  deletePost: vi.fn(async () => null),
}));

import { type ActionContext, deletePost, openFolder } from "./post-actions";
import type { PostSummary } from "./types";

it("offers back the journal's text for a folder opened again (what \"keep it in the journal\" kept)", async () => {
  const steps: string[] = [];
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
  const steps: string[] = [];
  const ctx = {
    list: { removePath: (path: string) => steps.push(`remove ${path}`) },
    session: { openPath: null },
    refreshSuggestions: () => steps.push("suggestions"),
  } as unknown as ActionContext;
  await deletePost(ctx, { path: "only-tagged.md", title: "Only tagged", tags: ["rare"] } as PostSummary);
  expect(steps).toEqual(["remove only-tagged.md", "suggestions"]);
});
