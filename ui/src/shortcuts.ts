// Window-wide shortcuts that work wherever the focus is (the editor has its own keymap
// for formatting and also handles Ctrl+S itself), except behind an open dialog: there only
// quitting works (Ctrl+N in the new-post dialog opened it a second time, and made two posts).

export type ShortcutHandlers = {
  save: () => void;
  newPost: () => void;
  openFolder: () => void;
  focusSearch: () => void;
  /** Close the window, as its close button does (unsaved text is saved or asked about). */
  quit: () => void;
};

export function installShortcuts(handlers: ShortcutHandlers, target: Window = window): void {
  target.addEventListener("keydown", (e) => {
    const mod = e.ctrlKey || e.metaKey;
    if (!mod || e.altKey) return;
    const key = shortcutKey(e);
    const action =
      key === "s" && !e.shiftKey
        ? handlers.save
        : key === "n" && !e.shiftKey
          ? handlers.newPost
          : key === "o" && !e.shiftKey
            ? handlers.openFolder
            : key === "p" && e.shiftKey
              ? handlers.focusSearch
              : key === "q" && !e.shiftKey
                ? handlers.quit
                : null;
    if (!action || e.defaultPrevented) return;
    e.preventDefault();
    if (action !== handlers.quit && target.document.querySelector("dialog[open]")) return;
    action();
  });
}

/** The letter a shortcut is named by: the key's own, or, where the layout types a letter of
 * another script (Cyrillic, Greek…), the Latin letter of its key's place, as the editor's
 * keymap takes it. */
function shortcutKey(e: KeyboardEvent): string {
  const key = e.key.toLowerCase();
  if (key.length === 1 && key > "\u007f" && /^Key[A-Z]$/.test(e.code)) return e.code.slice(3).toLowerCase();
  return key;
}
