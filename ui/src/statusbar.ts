// The status bar: save state, word count and reading time, and the open post's path.
import { visibleText } from "./display-text";

export type SaveState = "saved" | "edited" | "saving" | "conflict" | "error" | "none";

const SAVE_LABELS: Record<SaveState, string> = {
  saved: "Saved",
  edited: "Edited",
  saving: "Saving…",
  conflict: "Conflict",
  error: "Error",
  none: "",
};

const WORDS_PER_MINUTE = 230;

export function readingMinutes(words: number): number {
  if (words <= 0) return 0;
  return Math.max(1, Math.round(words / WORDS_PER_MINUTE));
}

export function formatWordsAndTime(words: number): string {
  const count = new Intl.NumberFormat("en-US").format(words);
  const noun = words === 1 ? "word" : "words";
  const minutes = readingMinutes(words);
  return minutes === 0 ? `${count} ${noun}` : `${count} ${noun} · ${minutes} min read`;
}

export class StatusBar {
  private readonly save: HTMLElement;
  private readonly words: HTMLElement;
  private readonly path: HTMLElement;

  constructor(root: Document = document) {
    this.save = root.getElementById("status-save") as HTMLElement;
    this.words = root.getElementById("status-words") as HTMLElement;
    this.path = root.getElementById("status-path") as HTMLElement;
  }

  setSaveState(state: SaveState, detail?: string): void {
    this.save.dataset.state = state;
    this.save.textContent = SAVE_LABELS[state];
    this.save.title = detail ?? "";
  }

  setWordCount(words: number | null): void {
    const text = words === null ? "" : formatWordsAndTime(words);
    // Most keystrokes leave the count as it was: no DOM change, nothing to lay out again.
    if (this.words.textContent !== text) this.words.textContent = text;
  }

  setPath(path: string | null): void {
    this.path.textContent = visibleText(path ?? "");
    this.path.title = path ?? "";
  }
}
