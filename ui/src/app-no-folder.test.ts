// Wiring test: the window started with no folder to open (the first start, or the folder last
// open since moved), then a folder opened with the Open button.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { waitFor } from "./app-window";
import type { WorkspaceInfo } from "./types";

vi.mock("./ipc", async () => ({ ...(await import("./app-window")).ipcModule(), getWorkspace: async () => null }));

const mock = await import("./dev-mock");

describe("the window started with no folder", () => {
  it("lists a post of the folder being opened that another program made before the folder was shown", async () => {
    const ipc = await import("./ipc");
    const { startApp } = await import("./app");
    const html = readFileSync(resolve(__dirname, "../index.html"), "utf8");
    document.body.innerHTML = /<body>([\s\S]*)<\/body>/.exec(html)![1];
    const app = startApp(document);
    await waitFor(() => document.getElementById("toasts")!.textContent!.includes("Open a folder"), "the window started");
    const info = (await mock.mockInvoke("open_workspace", {})) as WorkspaceInfo;
    const root = "/home/writer/other-blog";
    const post = (path: string, title: string) => ({ ...info.posts[0], path, title });
    let answer!: (info: unknown) => void;
    vi.mocked(ipc.openWorkspace).mockImplementationOnce(() => new Promise((r) => (answer = r)) as never);
    document.getElementById("btn-open")!.click();
    await waitFor(() => answer !== undefined, "the folder asked for");
    mock.mockReadingFolder(root);
    // Read, then a post made there at once: its change comes before the answer.
    const read = [post("old.md", "Old")];
    mock.mockWorkspaceChanged({ root, events: [{ kind: "created", path: "new.md" }], posts: [...read, post("new.md", "New")] });
    answer({ root, posts: read, usual_format: "yaml", not_watching: [], not_read: null } satisfies WorkspaceInfo);
    await waitFor(() => document.getElementById("workspace-root")!.textContent === root, "the folder shown");
    expect(app.listedPaths()).toContain("new.md");
  });
});
