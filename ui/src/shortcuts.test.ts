import { beforeEach, describe, expect, it, vi } from "vitest";
import { installShortcuts, type ShortcutHandlers } from "./shortcuts";

const handlers: ShortcutHandlers = {
  save: vi.fn(),
  newPost: vi.fn(),
  openFolder: vi.fn(),
  focusSearch: vi.fn(),
  quit: vi.fn(),
};
installShortcuts(handlers, window); // once: a listener stays on the window

function setup() {
  const press = (key: string, target: EventTarget = document.body, extra: KeyboardEventInit = {}) => {
    const e = new KeyboardEvent("keydown", { key, ctrlKey: true, bubbles: true, cancelable: true, ...extra });
    target.dispatchEvent(e);
    return e;
  };
  return { handlers, press };
}

describe("window shortcuts", () => {
  beforeEach(() => vi.clearAllMocks());

  it("run their action and keep the webview's own", () => {
    const { handlers, press } = setup();
    expect(press("n").defaultPrevented).toBe(true);
    expect(handlers.newPost).toHaveBeenCalledTimes(1);
    press("P", document.body, { shiftKey: true });
    expect(handlers.focusSearch).toHaveBeenCalledTimes(1);
  });

  it("work with a non-Latin keyboard layout (Ctrl+S on a Russian layout types ы)", () => {
    const { handlers, press } = setup();
    press("ы", document.body, { code: "KeyS" });
    press("й", document.body, { code: "KeyQ" });
    press("З", document.body, { code: "KeyP", shiftKey: true });
    expect(handlers.save).toHaveBeenCalledTimes(1);
    expect(handlers.quit).toHaveBeenCalledTimes(1);
    expect(handlers.focusSearch).toHaveBeenCalledTimes(1);
    // a Latin layout that puts another letter on the key (AZERTY's A on KeyQ) keeps its letter
    press("a", document.body, { code: "KeyQ" });
    expect(handlers.quit).toHaveBeenCalledTimes(1);
  });

  it("do nothing behind an open dialog (Ctrl+N twice made two posts), but quitting still works", () => {
    document.body.innerHTML = `<dialog id="d"><form><input id="title"></form></dialog>`;
    const dialog = document.getElementById("d") as HTMLDialogElement;
    dialog.showModal();
    const { handlers, press } = setup();
    const input = document.getElementById("title") as HTMLInputElement;
    press("n", input);
    press("o", input);
    press("s", input);
    expect(handlers.newPost).not.toHaveBeenCalled();
    expect(handlers.openFolder).not.toHaveBeenCalled();
    expect(handlers.save).not.toHaveBeenCalled();
    press("q", input);
    expect(handlers.quit).toHaveBeenCalledTimes(1);
    dialog.close();
    press("n");
    expect(handlers.newPost).toHaveBeenCalledTimes(1);
    document.body.innerHTML = "";
  });
});
