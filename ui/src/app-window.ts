// The harness of the window's wiring tests: the whole window in happy-dom over the in-browser
// mock backend. A test file mocks `./ipc` with `ipcModule()` (vi.mock is hoisted there) and
// opens the window with `openWindow()`.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { vi } from "vitest";
import * as mock from "./dev-mock";

/** A save held back while it travels, and the window's close handler, for the tests to drive. */
export const gate = {
  held: null as Promise<void> | null,
  close: null as (() => Promise<boolean>) | null,
  /** Saves fail with this error (a read-only file) while set. */
  failing: null as { kind: string; message: string } | null,
};

/** `./ipc` over the mock backend, its saves held or failing as `gate` says. */
export function ipcModule() {
  const call = (command: string, args: Record<string, unknown> = {}) => mock.mockInvoke(command, args);
  return {
    getWorkspace: () => call("get_workspace"),
    openWorkspace: vi.fn(() => call("open_workspace")),
    readPost: (path: string) => call("read_post", { path }),
    savePost: async (path: string, text: string, revision: string) => {
      if (gate.held) await gate.held;
      if (gate.failing) throw gate.failing;
      return call("save_post", { path, text, revision });
    },
    renderPreview: vi.fn((path: string, text: string) => call("render_preview", { path, text })),
    renderPreviewEdit: (path: string, edit: unknown) => call("render_preview", { path, edit }),
    renderPreviewNow: vi.fn((_path: string, request: { text?: string }) =>
      request.text === undefined ? null : mock.mockPreviewUpdate(request.text),
    ),
    previewCss: () => call("preview_css"),
    parseFrontMatter: (text: string) => call("parse_front_matter", { text }),
    editFrontMatter: (text: string, key: string, value: unknown) => call("edit_front_matter", { text, key, value }),
    setPostDraft: (path: string, draft: boolean) => call("set_post_draft", { path, draft }),
    openExternal: vi.fn(async () => null),
    onWorkspaceChanged: (h: (p: unknown) => void) => Promise.resolve(mock.mockListen("workspace-changed", h)),
    onExportProgress: (h: (p: unknown) => void) => Promise.resolve(mock.mockListen("export-progress", h)),
    onReadingFolder: (h: (p: unknown) => void) => Promise.resolve(mock.mockListen("reading-folder", h)),
    onNotWatching: (h: (p: unknown) => void) => Promise.resolve(mock.mockListen("not-watching", h)),
    onCloseRequested: async (handler: () => Promise<boolean>) => void (gate.close = handler),
    journalWrite: vi.fn(async () => "v1"),
    journalClear: vi.fn(async () => null),
    journalEntries: async () => [],
    confirmDialog: vi.fn(async () => false),
  };
}

export const waitFor = async (check: () => boolean, what: string) => {
  for (let i = 0; i < 200; i++) {
    if (check()) return;
    // Under fake timers (a test's waits of seconds), time moves on only as the test says.
    await (vi.isFakeTimers() ? vi.advanceTimersByTimeAsync(10) : new Promise((r) => setTimeout(r, 10)));
  }
  throw new Error(`timed out waiting for ${what}`);
};

/** The post the window opens first. */
export const PATH = "content/posts/hello-draftsmith.md";

/** Starts the window on the mock's folder with `PATH` open and its preview shown. */
export async function openWindow() {
  // Loaded only now: the app imports `./ipc`, whose mock is this module's `ipcModule`.
  const { startApp } = await import("./app");
  const html = readFileSync(resolve(__dirname, "../index.html"), "utf8");
  document.body.innerHTML = /<body>([\s\S]*)<\/body>/.exec(html)![1];
  const app = startApp(document);
  await waitFor(() => document.querySelector(`.post-row[data-path="${PATH}"]`) !== null, "the posts list");
  document.querySelector<HTMLElement>(`.post-row[data-path="${PATH}"] .post-title`)!.click();
  await waitFor(() => app.openPath() === PATH && document.querySelectorAll("#preview .ds-block").length > 0, "the post");
  return app;
}

export type Window = Awaited<ReturnType<typeof openWindow>>;
