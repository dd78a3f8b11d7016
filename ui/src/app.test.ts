// Wiring test: the whole window in happy-dom over the in-browser mock backend: opening, editing,
// previewing and saving posts, and the folder. Unsaved text (crash copies, closing, saves that
// fail) is in app-unsaved.test.ts.
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { gate, openWindow, PATH, waitFor, type Window } from "./app-window";

vi.mock("./ipc", async () => (await import("./app-window")).ipcModule());

const mock = await import("./dev-mock");
let app: Window;

beforeAll(async () => {
  app = await openWindow();
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

  it("lists a post of the folder being opened that another program made before the folder was shown", async () => {
    const ipc = await import("./ipc");
    const root = "/home/writer/other-blog";
    const post = (path: string, title: string) => ({ ...app.listedPost(app.listedPaths()[0])!, path, title });
    let answer!: (info: unknown) => void;
    vi.mocked(ipc.openWorkspace).mockImplementationOnce(() => new Promise((r) => (answer = r)) as never);
    document.getElementById("btn-open")!.click();
    await waitFor(() => answer !== undefined, "the folder asked for");
    mock.mockReadingFolder(root);
    // Read, then a post made there at once: its change comes before the answer.
    const read = [post("old.md", "Old")];
    mock.mockWorkspaceChanged({ root, events: [{ kind: "created", path: "new.md" }], posts: [...read, post("new.md", "New")] });
    answer({ root, posts: read, usual_format: "yaml", not_watching: [], not_read: null });
    await waitFor(() => document.getElementById("workspace-root")!.textContent === root, "the folder shown");
    expect(app.listedPaths()).toContain("new.md");
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
      not_watching: [notWatching],
      not_read: notRead,
    }) as never);
    document.getElementById("btn-open")!.click();
    const said = () => Array.from(document.querySelectorAll(".toast-text")).map((t) => t.textContent);
    await waitFor(() => said().includes(notWatching), "the toast");
    expect(said()).toContain(notRead);
  });
});
