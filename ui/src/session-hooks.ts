// What the open post drives (the editor, the conflict bar) and tells the page (the hooks); the
// page gives the real ones, tests fakes.
import type { ConflictEvent, ConflictState } from "./conflict";
import type { Unsaved } from "./journal";
import type { SaveState } from "./statusbar";

/** What the open post is left for. */
export type Leaving = "post" | "folder";

/** The parts of the editor the session drives (an interface so tests can fake it). */
export interface SessionEditor {
  text(): string;
  open(path: string, text: string): void;
  close(): void;
  replaceText(text: string, userEvent?: string): boolean;
  renamed(from: string, to: string): void;
  forget(path: string): void;
  forgetAll(): void;
}

export interface SessionConflictBar {
  readonly current: ConflictState;
  dispatch(event: ConflictEvent): ConflictState;
  setTheirs(text: string): void;
}

export type SessionHooks = {
  saveState: (state: SaveState, detail?: string) => void;
  opened: (path: string | null, text: string) => void;
  /** The open post was renamed on disk from `from` to `to` (after `opened` for `to`). */
  moved: (from: string, to: string) => void;
  /** Nothing kept of post `path` (of every post, for null: another folder opens) may be
   * shown for it again: the post changed on disk, went, or belongs to the last folder. */
  forgotten: (path: string | null) => void;
  saved: (path: string, text: string) => void;
  error: (error: unknown, context: string) => void;
  info: (message: string) => void;
  /** Post `path` cannot be saved (`reason`): asks whether to leave it anyway (for another post
   * or another folder), and if so keeps `unsaved` in the crash journal before answering yes.
   * Absent: such a post is never left. */
  keepUnsaved?: (path: string, unsaved: Unsaved, reason: string, leaving: Leaving) => Promise<boolean>;
  /** Keeps `unsaved` of post `path` in the journal now, without asking: text left unsaved,
   * written again on the revision a save that answered late made; or typed while another
   * folder was chosen and read, which nothing can save any more. */
  keepAgain?: (path: string, unsaved: Unsaved) => void;
  /** Post `from`, left with `unsaved` kept, was renamed to `to`: its journal record moves too. */
  keptMoved?: (from: string, to: string, unsaved: Unsaved) => void;
};
