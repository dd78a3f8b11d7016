// The conflict bar: what the editor shows when the open post changed or vanished on disk
// while the buffer holds edits. The transitions are a pure reducer so they can be tested
// apart from the DOM.

export type ConflictState =
  | { kind: "none" }
  | { kind: "changed"; showingBoth: boolean }
  | { kind: "removed" };

export type ConflictEvent =
  | { type: "disk-changed"; dirty: boolean }
  | { type: "save-conflict" }
  | { type: "disk-removed" }
  | { type: "show-both" }
  | { type: "hide-both" }
  /** Keep mine saved, take theirs applied, saved again, or another post opened. */
  | { type: "resolved" };

export const noConflict: ConflictState = { kind: "none" };

export function reduceConflict(state: ConflictState, event: ConflictEvent): ConflictState {
  switch (event.type) {
    case "disk-changed":
      // A clean buffer is simply reloaded by the caller; nothing to ask.
      if (!event.dirty) return state.kind === "changed" ? state : noConflict;
      return state.kind === "changed" ? state : { kind: "changed", showingBoth: false };
    case "save-conflict":
      return state.kind === "changed" ? state : { kind: "changed", showingBoth: false };
    case "disk-removed":
      return { kind: "removed" };
    case "show-both":
      return state.kind === "changed" ? { kind: "changed", showingBoth: true } : state;
    case "hide-both":
      return state.kind === "changed" ? { kind: "changed", showingBoth: false } : state;
    case "resolved":
      return noConflict;
  }
}

export type ConflictAction = "keep-mine" | "take-theirs" | "show-both" | "save-again" | "close-theirs";

export class ConflictBar {
  private state: ConflictState = noConflict;
  private readonly bar: HTMLElement;
  private readonly message: HTMLElement;
  private readonly theirsPanel: HTMLElement;
  private readonly theirsText: HTMLElement;

  constructor(
    root: Document,
    private readonly onAction: (action: ConflictAction) => void,
  ) {
    this.bar = root.getElementById("conflict-bar") as HTMLElement;
    this.message = this.bar.querySelector(".conflict-message") as HTMLElement;
    this.theirsPanel = root.getElementById("theirs-panel") as HTMLElement;
    this.theirsText = this.theirsPanel.querySelector(".theirs-text") as HTMLElement;
    for (const el of [this.bar, this.theirsPanel]) {
      el.addEventListener("click", (e) => {
        const button = (e.target as HTMLElement).closest<HTMLButtonElement>("button[data-action]");
        if (button) this.onAction(button.dataset.action as ConflictAction);
      });
    }
  }

  get current(): ConflictState {
    return this.state;
  }

  dispatch(event: ConflictEvent): ConflictState {
    this.state = reduceConflict(this.state, event);
    this.render();
    return this.state;
  }

  /** The disk version shown by "Show both". */
  setTheirs(text: string): void {
    this.theirsText.textContent = text;
  }

  private render(): void {
    const s = this.state;
    this.bar.hidden = s.kind === "none";
    this.bar.dataset.kind = s.kind;
    const show = (action: string, visible: boolean) => {
      const button = this.bar.querySelector<HTMLElement>(`[data-action="${action}"]`);
      if (button) button.hidden = !visible;
    };
    show("keep-mine", s.kind === "changed");
    show("take-theirs", s.kind === "changed");
    show("show-both", s.kind === "changed" && !s.showingBoth);
    show("save-again", s.kind === "removed");
    this.message.textContent =
      s.kind === "changed"
        ? "This post changed on disk while you were editing it."
        : s.kind === "removed"
          ? "This post was removed from disk. Your text is still here."
          : "";
    this.theirsPanel.hidden = !(s.kind === "changed" && s.showingBoth);
  }
}
