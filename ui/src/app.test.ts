// Wiring test: the whole window in happy-dom over the in-browser mock backend.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";

/** A save held back while it travels, and the window's close handler, for the tests to drive. */
const gate = vi.hoisted(() => ({
  held: null as Promise<void> | null,
  close: null as (() => Promise<boolean>) | null,
  /** Saves fail with this error (a read-only file) while set. */
  failing: null as { kind: string; message: string } | null,
}));

vi.mock("./ipc", async () => {
  const mock = await import("./dev-mock");
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
    journalWrite: vi.fn(async () => null),
    journalClear: vi.fn(async () => null),
    journalEntries: async () => [],
    confirmDialog: vi.fn(async () => false),
  };
});

const { startApp } = await import("./app");
const mock = await import("./dev-mock");
type Hooks = ReturnType<typeof startApp>;

const waitFor = async (check: () => boolean, what: string) => {
  for (let i = 0; i < 200; i++) {
    if (check()) return;
    // Under fake timers (a test's waits of seconds), time moves on only as the test says.
    await (vi.isFakeTimers() ? vi.advanceTimersByTimeAsync(10) : new Promise((r) => setTimeout(r, 10)));
  }
  throw new Error(`timed out waiting for ${what}`);
};

const PATH = "content/posts/hello-draftsmith.md";
let app: Hooks;

beforeAll(async () => {
  const html = readFileSync(resolve(__dirname, "../index.html"), "utf8");
  document.body.innerHTML = /<body>([\s\S]*)<\/body>/.exec(html)![1];
  app = startApp(document);
  await waitFor(() => document.querySelector(`.post-row[data-path="${PATH}"]`) !== null, "the posts list");
  document.querySelector<HTMLElement>(`.post-row[data-path="${PATH}"] .post-title`)!.click();
  await waitFor(() => app.openPath() === PATH && document.querySelectorAll("#preview .ds-block").length > 0, "the post");
});

afterEach(() => {
  vi.useRealTimers();
  gate.failing = null; // a failed test leaves the disk writable for the next
});

describe("the window", () => {
  it("opens a post into the editor, form, preview and status bar", async () => {
    expect(app.editorText()).toContain("title: \"Hello, Draftsmith\"");
    await waitFor(() => (document.querySelector<HTMLInputElement>('#fm-form [name="title"]')?.value ?? "") !== "", "form");
    expect(document.querySelector<HTMLInputElement>('#fm-form [name="title"]')!.value).toBe("Hello, Draftsmith");
    expect(document.getElementById("status-path")!.textContent).toBe(PATH);
    expect(document.getElementById("status-save")!.textContent).toBe("Saved");
    expect(document.getElementById("status-words")!.textContent).toMatch(/\d+ words · \d+ min read/);
  });

  it("patches a keystroke's preview before the change returns while the post's renders are cheap", async () => {
    const ipc = await import("./ipc");
    const calls = vi.mocked(ipc.renderPreviewNow).mock.calls.length;
    app.setEditorText(app.editorText().replace("Thanks for reading.", "Thanks for reading. Quickly."));
    expect(document.getElementById("preview")!.textContent).toContain("Quickly.");
    expect(vi.mocked(ipc.renderPreviewNow).mock.calls.length).toBe(calls + 1);
  });

  it("patches only the changed block when the text changes", async () => {
    const before = Array.from(document.querySelectorAll("#preview .ds-block"));
    app.setEditorText(app.editorText().replace("Thanks for reading.", "Thanks for reading, friend."));
    expect(document.getElementById("status-save")!.textContent).toBe("Edited");
    await waitFor(() => document.getElementById("preview")!.textContent!.includes("friend"), "the patched preview");
    const after = Array.from(document.querySelectorAll("#preview .ds-block"));
    expect(after.length).toBe(before.length);
    expect(after.slice(0, -1)).toEqual(before.slice(0, -1)); // same nodes, not copies
    expect(after.at(-1)).not.toBe(before.at(-1));
  });

  it("saves with Ctrl+S through the editor and the list row follows", async () => {
    document.getElementById("btn-save")!.click();
    await waitFor(() => document.getElementById("status-save")!.textContent === "Saved", "the save");
    const doc = (await mock.mockInvoke("read_post", { path: PATH })) as { text: string };
    expect(doc.text).toContain("friend");
  });

  it("applies a form edit to the editor text", async () => {
    const slug = document.querySelector<HTMLInputElement>('#fm-form [name="slug"]')!;
    slug.value = "hello";
    slug.dispatchEvent(new Event("change"));
    await waitFor(() => app.editorText().includes("slug: \"hello\""), "the slug in the text");
    expect(app.editorText()).toContain("Thanks for reading, friend.");
  });

  it("reloads a clean post changed on disk and asks when dirty", async () => {
    document.getElementById("btn-save")!.click();
    await waitFor(() => document.getElementById("status-save")!.textContent === "Saved", "the save");
    mock.mockExternalEdit(PATH, app.editorText().replace("friend", "reader"));
    await waitFor(() => app.editorText().includes("reader"), "the reload");
    expect(document.getElementById("conflict-bar")!.hidden).toBe(true);

    app.setEditorText(app.editorText() + "\nMine.\n");
    mock.mockExternalEdit(PATH, "---\ntitle: Theirs\n---\nTheirs.\n");
    await waitFor(() => !document.getElementById("conflict-bar")!.hidden, "the conflict bar");
    document.querySelector<HTMLElement>('#conflict-bar [data-action="take-theirs"]')!.click();
    await waitFor(() => app.editorText() === "---\ntitle: Theirs\n---\nTheirs.\n", "their text");
    expect(document.getElementById("conflict-bar")!.hidden).toBe(true);
  });

  it("keeps a crash copy of the post it was typed in, never of the post opened next", async () => {
    const ipc = await import("./ipc");
    const { JOURNAL_DELAY_MS } = await import("./journal");
    const rows = Array.from(document.querySelectorAll<HTMLElement>(".post-row"));
    const other = rows.map((row) => row.dataset.path!).find((path) => path !== PATH)!;
    // Only this test's copies: a slow run of the one before leaves a copy of its own typing.
    vi.mocked(ipc.journalWrite).mockClear();
    app.setEditorText(app.editorText() + "\nTyped just before switching.\n");
    document.querySelector<HTMLElement>(`.post-row[data-path="${other}"] .post-title`)!.click();
    await waitFor(() => app.openPath() === other, "the other post");
    const otherText = app.editorText();
    await new Promise((r) => setTimeout(r, JOURNAL_DELAY_MS + 200));
    const copies = vi.mocked(ipc.journalWrite).mock.calls.filter(([path]) => path === PATH);
    expect(copies.map(([, text]) => text)).not.toContain(otherText);
    for (const [, text] of copies) expect(text).toContain("Typed just before switching.");
  });

  it("keeps in a post's preview only that post's blocks when the next post's text changes as it opens", async () => {
    // Opening a post whose kept editor state is behind its file applies the file's text as an
    // edit before the preview is switched over: that edit must not be rendered into the preview
    // of the post being left, which is kept and shown again when that post is opened.
    const ipc = await import("./ipc");
    const a = "content/posts/rust-and-go.md"; // "Pick the one your team knows."
    const b = "content/posts/notes-on-tables.md"; // "Tables are rendered by the core."
    const click = (path: string) => document.querySelector<HTMLElement>(`.post-row[data-path="${path}"] .post-title`)!.click();
    const previewText = () => document.getElementById("preview")!.textContent ?? "";
    // b's first render answers late, after a is shown: the page then still holds b's text as
    // the one the backend rendered last, so b's next change may be rendered at once.
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const render = vi.mocked(ipc.renderPreview);
    const plain = render.getMockImplementation()!;
    render.mockImplementationOnce(async (path, text, since) => {
      await held;
      return plain(path, text, since);
    });
    click(b);
    await waitFor(() => app.openPath() === b, "b open");
    click(a);
    await waitFor(() => previewText().includes("Pick the one"), "a's preview");
    release();
    await new Promise((r) => setTimeout(r, 50));
    expect(previewText()).toContain("Pick the one");
    // b changes on disk while left (its draft flag set from the list; no watcher event yet)
    await mock.mockInvoke("set_post_draft", { path: b, draft: false });
    click(b);
    await waitFor(() => app.openPath() === b && previewText().includes("Tables are rendered"), "b's preview");
    let shownWhenAsked = "";
    render.mockImplementationOnce(async (path, text, since) => {
      shownWhenAsked = previewText();
      return plain(path, text, since);
    });
    click(a);
    await waitFor(() => app.openPath() === a && previewText().includes("Pick the one"), "a's preview again");
    expect(shownWhenAsked).toContain("Pick the one");
    expect(shownWhenAsked).not.toContain("Tables are rendered");
  });

  it("closes only once the disk holds the text shown, a save of other text in flight", async () => {
    const path = app.openPath()!;
    const original = app.editorText();
    let release!: () => void;
    gate.held = new Promise<void>((r) => (release = r));
    app.setEditorText(original + "x");
    document.getElementById("btn-save")!.click(); // the save of the "x" travels
    await new Promise((r) => setTimeout(r, 20));
    app.setEditorText(original); // the "x" deleted again: the buffer equals the last saved text
    const closing = gate.close!();
    await new Promise((r) => setTimeout(r, 20));
    release();
    gate.held = null;
    expect(await closing).toBe(true);
    const disk = (await mock.mockInvoke("read_post", { path })) as { text: string };
    expect(disk.text).toBe(original);
  });

  it("takes text still being typed in a form field into the save before the window closes", async () => {
    const path = app.openPath()!;
    await waitFor(() => document.querySelector<HTMLInputElement>('#fm-form [name="title"]')!.value !== "", "the form");
    const title = document.querySelector<HTMLInputElement>('#fm-form [name="title"]')!;
    title.focus();
    title.value = "Typed, then the window closed";
    title.dispatchEvent(new Event("input"));
    expect(await gate.close!()).toBe(true); // at once: the field has not handed on its text yet
    const disk = (await mock.mockInvoke("read_post", { path })) as { text: string };
    expect(disk.text).toContain("Typed, then the window closed");
  });

  it("moves the open post's crash copy with it when another program renames the post", async () => {
    const ipc = await import("./ipc");
    const { JOURNAL_DELAY_MS } = await import("./journal");
    const from = app.openPath()!;
    const to = from.replace(/\.md$/, "-moved.md");
    app.setEditorText(app.editorText() + "\nTyped, then the file was renamed.\n");
    await new Promise((r) => setTimeout(r, JOURNAL_DELAY_MS + 100)); // its crash copy written
    expect(vi.mocked(ipc.journalWrite).mock.calls.at(-1)?.[0]).toBe(from);
    vi.mocked(ipc.journalWrite).mockClear();
    mock.mockExternalRename(from, to);
    await waitFor(() => app.openPath() === to, "the rename followed");
    await new Promise((r) => setTimeout(r, JOURNAL_DELAY_MS + 100));
    // Not offered back after the next start as unsaved text of a post that went.
    expect(vi.mocked(ipc.journalClear)).toHaveBeenCalledWith(from, "/home/writer/blog");
    const copies = vi.mocked(ipc.journalWrite).mock.calls;
    expect(copies.map(([path, text]) => [path, text.includes("Typed, then the file was renamed.")])).toContainEqual([to, true]);
  });

  it("keeps a crash copy again of text typed while a save travelled (the save cleared the copy)", async () => {
    const ipc = await import("./ipc");
    const { JOURNAL_DELAY_MS } = await import("./journal");
    const path = app.openPath()!;
    let release!: () => void;
    gate.held = new Promise<void>((r) => (release = r));
    app.setEditorText(app.editorText() + "\nFirst.\n");
    document.getElementById("btn-save")!.click(); // the save of "First." travels
    await new Promise((r) => setTimeout(r, 20));
    app.setEditorText(app.editorText() + "Second, typed meanwhile.\n");
    await new Promise((r) => setTimeout(r, JOURNAL_DELAY_MS + 100)); // its crash copy written
    const written = vi.mocked(ipc.journalWrite).mock.calls.length;
    gate.held = null;
    release(); // the save of "First." answers (and, in the backend, clears the post's copy)
    await waitFor(() => document.getElementById("status-save")!.textContent !== "Saving…", "the save's answer");
    await new Promise((r) => setTimeout(r, JOURNAL_DELAY_MS + 100));
    const after = vi.mocked(ipc.journalWrite).mock.calls.slice(written);
    expect(after.map(([p, text]) => [p, text.includes("Second, typed meanwhile.")])).toContainEqual([path, true]);
  });

  it("leaves a post that cannot be saved once the user agrees, its text kept and back when it opens again", async () => {
    const { JOURNAL_DELAY_MS } = await import("./journal");
    const ipc = await import("./ipc");
    const path = app.openPath()!;
    const other = Array.from(document.querySelectorAll<HTMLElement>(".post-row"))
      .map((row) => row.dataset.path!)
      .find((p) => p !== path)!;
    const click = (p: string) => document.querySelector<HTMLElement>(`.post-row[data-path="${p}"] .post-title`)!.click();
    gate.failing = { kind: "io", message: `${path}: Permission denied (os error 13)` };
    const typed = app.editorText() + "\nTyped into a read-only file.\n";
    app.setEditorText(typed);
    vi.mocked(ipc.confirmDialog).mockClear().mockResolvedValueOnce(true);
    vi.mocked(ipc.journalWrite).mockClear();
    vi.mocked(ipc.journalClear).mockClear();
    click(other);
    await waitFor(() => app.openPath() === other, "the other post");
    const [, message] = vi.mocked(ipc.confirmDialog).mock.calls[0]!;
    expect(message).toContain(path);
    expect(message).toContain("Permission denied");
    expect(message).toContain("recovery journal");
    expect(vi.mocked(ipc.journalWrite).mock.calls.map(([p, text]) => [p, text])).toContainEqual([path, typed]);

    vi.useFakeTimers(); // what follows the opening, however late, is run before the check
    click(path);
    await waitFor(() => app.openPath() === path, "the post again");
    expect(app.editorText()).toBe(typed);
    await vi.advanceTimersByTimeAsync(10 * JOURNAL_DELAY_MS); // its autosave (failing) too
    expect(vi.mocked(ipc.journalClear).mock.calls.map(([p]) => p)).not.toContain(path);
    vi.useRealTimers();
    gate.failing = null;
    document.getElementById("btn-save")!.click();
    await waitFor(() => document.getElementById("status-save")!.textContent === "Saved", "the save");
    expect(((await mock.mockInvoke("read_post", { path })) as { text: string }).text).toBe(typed);
  });

  it("closing with text that cannot be saved keeps it in the recovery journal, as the question says", async () => {
    const ipc = await import("./ipc");
    const path = app.openPath()!;
    gate.failing = { kind: "io", message: `${path}: No space left on device (os error 28)` };
    const typed = app.editorText() + "\nTyped on a full disk, then the window closed.\n";
    app.setEditorText(typed);
    vi.mocked(ipc.confirmDialog).mockClear().mockResolvedValueOnce(true);
    vi.mocked(ipc.journalWrite).mockClear();
    vi.mocked(ipc.journalClear).mockClear();
    expect(await gate.close!()).toBe(true);
    const [, message] = vi.mocked(ipc.confirmDialog).mock.calls[0]!;
    expect(message).toContain("No space left on device");
    expect(message).toContain("recovery journal");
    // What the window showed when it closed, not a copy up to half a second old, or none.
    expect(vi.mocked(ipc.journalWrite).mock.calls.at(-1)?.slice(0, 2)).toEqual([path, typed]);
    gate.failing = null;
    vi.mocked(ipc.journalClear).mockClear();
    app.setEditorText(typed.replace("\nTyped on a full disk, then the window closed.\n", ""));
  });

  it("counts a post's words in its list row from the text saved, when its save answers after it was left", async () => {
    const ipc = await import("./ipc");
    const { SAVE_WAIT_MS } = await import("./late");
    const path = app.openPath()!;
    const other = Array.from(document.querySelectorAll<HTMLElement>(".post-row"))
      .map((row) => row.dataset.path!)
      .find((p) => p !== path)!;
    let release!: () => void;
    gate.held = new Promise<void>((r) => (release = r));
    app.setEditorText(app.editorText().replace(/^title: .*$/m, 'title: "Saved late"') + "\nSix more words, saved late here.\n");
    await waitFor(() => document.getElementById("preview")!.textContent!.includes("saved late here"), "its preview");
    const shown = () => parseInt(document.getElementById("status-words")!.textContent!, 10);
    const words = shown();
    document.getElementById("btn-save")!.click(); // the save travels, and hangs
    vi.mocked(ipc.confirmDialog).mockClear().mockResolvedValueOnce(true); // leave it, kept
    vi.useFakeTimers();
    document.querySelector<HTMLElement>(`.post-row[data-path="${other}"] .post-title`)!.click();
    await vi.advanceTimersByTimeAsync(SAVE_WAIT_MS);
    await waitFor(() => app.openPath() === other && document.querySelectorAll("#preview .ds-block").length > 0, "the other post");
    app.setEditorText(app.editorText() + "\nTyped here.\n"); // its words counted last
    await waitFor(() => document.getElementById("preview")!.textContent!.includes("Typed here."), "its preview");
    expect(shown()).not.toBe(words);
    gate.held = null;
    release(); // the save of the post left answers now
    await waitFor(() => app.listedPost(path)?.title === "Saved late", "the row refreshed");
    expect(app.listedPost(path)!.word_count).toBe(words);
  });

  it("still keeps a crash copy of the open post's typing when a post left unsaved is renamed meanwhile", async () => {
    const ipc = await import("./ipc");
    const { JOURNAL_DELAY_MS } = await import("./journal");
    const path = app.openPath()!;
    const other = Array.from(document.querySelectorAll<HTMLElement>(".post-row"))
      .map((row) => row.dataset.path!)
      .find((p) => p !== path)!;
    gate.failing = { kind: "io", message: "Permission denied (os error 13)" };
    app.setEditorText(app.editorText() + "\nLeft unsaved.\n");
    vi.mocked(ipc.confirmDialog).mockClear().mockResolvedValueOnce(true);
    document.querySelector<HTMLElement>(`.post-row[data-path="${other}"] .post-title`)!.click();
    await waitFor(() => app.openPath() === other, "the other post");
    vi.mocked(ipc.journalWrite).mockClear();
    app.setEditorText(app.editorText() + "\nTyped, then the other post was renamed.\n");
    const moved = path.replace(/\.md$/, "-moved.md");
    mock.mockExternalRename(path, moved); // before this typing's crash copy is written
    await new Promise((r) => setTimeout(r, JOURNAL_DELAY_MS + 100));
    const copies = vi.mocked(ipc.journalWrite).mock.calls.map(([p, text]) => [p, text.includes("Typed, then the other post was renamed.")]);
    expect(copies).toContainEqual([other, true]);
    expect(copies).toContainEqual([moved, false]); // the post left took its copy along
    gate.failing = null;
  });

  it("saves text still being typed in a form field before Ctrl+O opens another folder", async () => {
    const ipc = await import("./ipc");
    const path = app.openPath()!;
    await waitFor(() => document.querySelector<HTMLInputElement>('#fm-form [name="title"]')!.value !== "", "the form");
    const title = document.querySelector<HTMLInputElement>('#fm-form [name="title"]')!;
    title.focus();
    title.value = "Typed, then Ctrl+O";
    title.dispatchEvent(new Event("input"));
    const opened = vi.mocked(ipc.openWorkspace).mock.calls.length;
    window.dispatchEvent(new KeyboardEvent("keydown", { key: "o", ctrlKey: true }));
    await waitFor(() => vi.mocked(ipc.openWorkspace).mock.calls.length > opened && app.openPath() === null, "the folder opened");
    await new Promise((r) => setTimeout(r, 400)); // the field's own delay has passed
    const disk = (await mock.mockInvoke("read_post", { path })) as { text: string };
    expect(disk.text).toContain("Typed, then Ctrl+O");
  });

  it("leaves out a change of a folder closed a moment ago that comes after the next one is shown", () => {
    const rows = () => document.querySelectorAll(".post-row").length;
    const before = rows();
    const stale = { root: "/home/writer/old-blog", events: [{ kind: "removed" as const, path: app.openPath()! }], posts: [] };
    mock.mockWorkspaceChanged(stale);
    expect(before).toBeGreaterThan(0);
    expect(rows()).toBe(before);
    expect(document.getElementById("conflict-bar")!.hidden).toBe(true);
  });

  it("says so when the folder's watcher fails after it started (a new folder over the system's limit)", () => {
    const failed = "Changes made to these posts by other programs will not show: /blog/new: OS file watch limit reached.";
    mock.mockNotWatching(failed);
    const said = Array.from(document.querySelectorAll(".toast-error .toast-text")).map((t) => t.textContent);
    expect(said).toContain(failed);
  });

  // Last: it opens the folder anew, closing the open post.
  it("says so when the folder opened is not watched, and which of its folders could not be read", async () => {
    const ipc = await import("./ipc");
    const notWatching = "Changes made to these posts by other programs will not show: inotify watch limit reached";
    const notRead = "Posts in these folders are not listed because they could not be read: private (Permission denied)";
    vi.mocked(ipc.openWorkspace).mockImplementationOnce(async () => ({
      ...((await mock.mockInvoke("open_workspace", {})) as object),
      not_watching: notWatching,
      not_read: notRead,
    }) as never);
    document.getElementById("btn-open")!.click();
    const said = () => Array.from(document.querySelectorAll(".toast-text")).map((t) => t.textContent);
    await waitFor(() => said().includes(notWatching), "the toast");
    expect(said()).toContain(notRead);
  });
});
