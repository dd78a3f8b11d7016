// A post whose text cannot be saved (permission denied, a full disk, a drive gone) can still be
// left: its text goes to the crash journal first, which gives it back.
import { visibleText } from "./display-text";
import * as ipc from "./ipc";
import type { CrashJournal, Unsaved } from "./journal";
import { showError } from "./toasts";

/** Asks whether to leave post `path`, which could not be saved (`reason`), for another post;
 * yes keeps its text in the journal first (and is no, the post staying open, if that fails). */
export async function leavePost(journal: CrashJournal, path: string, unsaved: Unsaved, reason: string): Promise<boolean> {
  const why = reason ? ` (${reason})` : "";
  try {
    const go = await ipc.confirmDialog(
      "Leave this post unsaved?",
      visibleText(
        `“${path}” could not be saved${why}. Its text is kept in Draftsmith's recovery journal: it comes back when you open the post again (or this folder, after Draftsmith has closed).`,
      ),
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
