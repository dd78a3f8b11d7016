import { expect, it, vi } from "vitest";

vi.mock("./ipc", () => ({ openWorkspace: vi.fn(async () => ({ root: "/ws", posts: [] })) }));

import { type ActionContext, openFolder } from "./post-actions";

it("offers back the journal's text for a folder opened again (what \"keep it in the journal\" kept)", async () => {
  const steps: string[] = [];
  const ctx = {
    list: {},
    session: { flush: async () => true, closeWorkspace: () => steps.push("close"), openPath: null },
    showWorkspace: () => steps.push("show"),
    recover: async () => steps.push("recover"),
  } as unknown as ActionContext;
  await openFolder(ctx);
  expect(steps).toEqual(["close", "show", "recover"]);
});
