// Fakes of the editor and the conflict bar for the session's tests.
import { type ConflictEvent, type ConflictState, noConflict, reduceConflict } from "./conflict";
import type { SessionEditor, SessionHooks } from "./session";
import type { SaveState } from "./statusbar";

export class FakeEditor implements SessionEditor {
  doc = "";
  changes: { text: string; userEvent?: string }[] = [];
  constructor(private readonly onChange: () => void) {}
  text() {
    return this.doc;
  }
  open(_path: string, text: string) {
    this.doc = text;
  }
  close() {
    this.doc = "";
  }
  replaceText(text: string, userEvent?: string) {
    if (text === this.doc) return false;
    this.doc = text;
    this.changes.push({ text, userEvent });
    this.onChange();
    return true;
  }
  type(text: string) {
    this.doc = text;
    this.onChange();
  }
  renamed() {}
  forgotten: string[] = [];
  forget(path: string) {
    this.forgotten.push(path);
  }
  forgotAll = 0;
  forgetAll() {
    this.forgotAll++;
  }
}

export class FakeConflict {
  current: ConflictState = noConflict;
  theirs = "";
  dispatch(e: ConflictEvent) {
    this.current = reduceConflict(this.current, e);
    return this.current;
  }
  setTheirs(text: string) {
    this.theirs = text;
  }
}

/** Session hooks that record the save states, the posts forgotten and what errors were about,
 * and do nothing else. */
export function recordingHooks(states: SaveState[], errors: string[] = [], forgotten: (string | null)[] = []): SessionHooks {
  return {
    saveState: (s) => states.push(s),
    opened: () => undefined,
    moved: () => undefined,
    forgotten: (path) => forgotten.push(path),
    saved: () => undefined,
    error: (_e, what) => errors.push(what),
    info: () => undefined,
  };
}
