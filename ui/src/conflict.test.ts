import { beforeEach, describe, expect, it } from "vitest";
import { ConflictBar, type ConflictAction, noConflict, reduceConflict } from "./conflict";

describe("reduceConflict", () => {
  it("asks only when the buffer has edits", () => {
    expect(reduceConflict(noConflict, { type: "disk-changed", dirty: false })).toEqual(noConflict);
    expect(reduceConflict(noConflict, { type: "disk-changed", dirty: true })).toEqual({
      kind: "changed",
      showingBoth: false,
    });
  });

  it("goes from conflict to show-both to resolved", () => {
    let s = reduceConflict(noConflict, { type: "save-conflict" });
    s = reduceConflict(s, { type: "show-both" });
    expect(s).toEqual({ kind: "changed", showingBoth: true });
    // A further change on disk keeps the panel open.
    s = reduceConflict(s, { type: "disk-changed", dirty: true });
    expect(s).toEqual({ kind: "changed", showingBoth: true });
    expect(reduceConflict(s, { type: "resolved" })).toEqual(noConflict);
  });

  it("reports removal and ignores show-both there", () => {
    const removed = reduceConflict(noConflict, { type: "disk-removed" });
    expect(removed).toEqual({ kind: "removed" });
    expect(reduceConflict(removed, { type: "show-both" })).toEqual({ kind: "removed" });
  });
});

describe("ConflictBar", () => {
  beforeEach(() => {
    document.body.innerHTML = `
      <div id="conflict-bar" hidden><span class="conflict-message"></span>
        <button data-action="keep-mine"></button><button data-action="take-theirs"></button>
        <button data-action="show-both"></button><button data-action="save-again"></button></div>
      <div id="theirs-panel" hidden><button data-action="close-theirs"></button><pre class="theirs-text"></pre></div>`;
  });

  it("shows the right buttons and reports clicks", () => {
    const actions: ConflictAction[] = [];
    const bar = new ConflictBar(document, (a) => actions.push(a));
    const el = (sel: string) => document.querySelector<HTMLElement>(sel)!;
    bar.dispatch({ type: "disk-changed", dirty: true });
    expect(el("#conflict-bar").hidden).toBe(false);
    expect(el('[data-action="save-again"]').hidden).toBe(true);
    el('[data-action="show-both"]').click();
    expect(actions).toEqual(["show-both"]);
    bar.setTheirs("disk text");
    bar.dispatch({ type: "show-both" });
    expect(el("#theirs-panel").hidden).toBe(false);
    expect(el(".theirs-text").textContent).toBe("disk text");
    bar.dispatch({ type: "disk-removed" });
    expect(el('[data-action="keep-mine"]').hidden).toBe(true);
    expect(el('[data-action="save-again"]').hidden).toBe(false);
    expect(el("#theirs-panel").hidden).toBe(true);
    bar.dispatch({ type: "resolved" });
    expect(el("#conflict-bar").hidden).toBe(true);
  });
});
