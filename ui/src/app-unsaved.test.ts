// Wiring test: the whole window in happy-dom over the in-browser mock backend: text not yet on
// disk, its crash copies, closing the window, and saves that fail.
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

describe("the window's unsaved text", () => {
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
  });});
