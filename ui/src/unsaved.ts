// A post whose text cannot be saved (permission denied, a full disk, a drive gone) can still be
// left: its text goes to the crash journal first, which gives it back.
import { visibleText } from "./display-text";
import * as ipc from "./ipc";
import type { CrashJournal, Unsaved } from "./journal";
import { LATE, NOT_FINISHED, within } from "./late";
import type { Session } from "./session";
import type { Leaving } from "./session-hooks";
import { showError } from "./toasts";
import { toIpcError } from "./types";

/** Asks whether to leave post `path`, which could not be saved (`reason`), for another post
 * or folder; yes keeps its text in the journal first (and is no, the post staying open, if that
 * fails). */
export async function leavePost(
  journal: CrashJournal,
  path: string,
  unsaved: Unsaved,
  reason: string,
  leaving: Leaving = "post",
): Promise<boolean> {
  const why = reason ? ` (${reason})` : "";
  const back =
    leaving === "folder"
      ? "it is offered back when this folder is opened again"
      : "it comes back when you open the post again (or this folder, after Draftsmith has closed)";
  try {
    const go = await ipc.confirmDialog(
      leaving === "folder" ? "Open another folder?" : "Leave this post unsaved?",
      visibleText(`“${path}” could not be saved${why}. Its text is kept in Draftsmith's recovery journal: ${back}.`),
      "Keep it in the journal",
    );
    if (!go) return false;
  } catch (e) {
    showError(e, "Could not ask before leaving the post");
    return false;
  }
  try {
    await journal.keep(path, unsaved);
    return true;
  } catch (e) {
    showError(e, `Could not keep a copy of the text of ${path}; it stays open`);
    return false;
  }
}

/** What closing the window needs of the session. */
export type Closing = Pick<Session, "flush" | "isDirty" | "openPath" | "text" | "baseRevision" | "unsavedReason">;

/**
 * Whether the window may close: the open post is saved, or it cannot be and the user agrees to
 * close with its text kept in the journal (offered back when the folder opens again), or, when
 * even that fails, lost.
 */
export async function mayClose(session: Closing, journal: CrashJournal): Promise<boolean> {
  // Not waited on for good: the close button is not heard again while this one is answered.
  let saved = await within(session.flush());
  // Typed while that save travelled (after the close was asked for): saved too.
  while (saved === true && session.isDirty()) saved = await within(session.flush());
  if (saved === true) {
    // The save may leave a crash copy to clear, queued behind a write still on its way (see
    // CrashJournal.saved): left, it would be offered back over the saved file at the next start.
    await within(journal.idle());
    return true;
  }
  const path = session.openPath ?? "The open post";
  const why = session.unsavedReason ? ` (${session.unsavedReason})` : "";
  const kept = `Its text is kept in Draftsmith's recovery journal and offered back the next time Draftsmith opens this folder.`;
  const question =
    saved === LATE
      ? `“${path}” is not saved (${NOT_FINISHED}). Close anyway? ${kept}`
      : `“${path}” could not be saved${why}. Close anyway? ${kept}`;
  if (!(await askToClose(question, "Close and keep it"))) return false;
  try {
    const write = await within(journal.keep(path, { text: session.text, revision: session.baseRevision }));
    if (write === LATE) throw new Error("the journal did not answer");
    return true;
  } catch (e) {
    const lost = `The text of “${path}” could not be kept in the recovery journal either (${toIpcError(e).message}). Close anyway and lose it?`;
    return askToClose(lost, "Close without saving");
  }
}

async function askToClose(message: string, ok: string): Promise<boolean> {
  try {
    return await ipc.confirmDialog("Unsaved changes", visibleText(message), ok);
  } catch (e) {
    showError(e, "Could not ask before closing");
    return false;
  }
}
