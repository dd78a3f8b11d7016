// The open post's file moved or trashed by the user (rename, publish from Jekyll's `_drafts/`,
// the trash): saved first, no save starting while the backend works on the file, and the post
// shown again where it went with what was typed meanwhile.
import { readPost } from "./ipc";
import { LATE, NOT_FINISHED, within } from "./late";
import { mergeEdits } from "./minimal-change";
import { OpenPost } from "./open-post";

export class PostMoves extends OpenPost {
  /**
   * Saves the open post, then runs `change`, which rewrites its file and may move it (rename,
   * publish from Jekyll's `_drafts/`), and opens the post where it went. No save starts
   * meanwhile (it would write where the file was); what is typed meanwhile is carried over
   * onto the new text. Null, and nothing done, when the post cannot be saved first.
   */
  async reopenAfter<T extends { path: string }>(change: () => Promise<T>): Promise<T | null> {
    const from = this.path;
    if (from === null || !(await this.flushBefore())) return null;
    const done = (async () => {
      const result = await change();
      await this.reopenAt(from, result.path);
      return result;
    })();
    this.moving = done.catch(() => {});
    try {
      return await done;
    } finally {
      this.moving = null;
    }
  }

  /** Saves the open post (what was typed goes with it), runs `remove`, which takes its file
   * away (to the trash), then closes it. When it cannot be saved (or its save has not answered
   * in time), `goWithout(reason)` says whether to go on without the last changes. As for a
   * move, no save starts meanwhile (it would bring the file back) and the watcher's events
   * wait: the file going is the user's own doing. Answers whether it was removed. */
  async closeAfter(remove: () => Promise<unknown>, goWithout: (reason: string) => Promise<boolean>): Promise<boolean> {
    const saved = await within(this.flush());
    if (saved !== true && !(await goWithout(saved === LATE ? NOT_FINISHED : this.unsavedReason))) return false;
    const done = remove();
    this.moving = done.catch(() => {});
    try {
      await done;
    } finally {
      this.moving = null;
    }
    this.close();
    return true;
  }

  /** The open post, rewritten by the backend at `to`, shown with its new text, keeping its
   * undo history and what was typed since its last save. */
  private async reopenAt(from: string, to: string): Promise<void> {
    const base = this.savedText;
    let disk;
    try {
      disk = await readPost(to);
    } catch (e) {
      // Kept as it is under its new name: a save of it is checked against the file there.
      this.hooks.error(e, `Could not reload ${to}`);
      disk = null;
    }
    const mine = this.editor.text();
    this.editor.renamed(from, to);
    this.path = to;
    this.lastMove = { from, to };
    if (disk !== null) {
      const merged = mergeEdits(base, disk.text, mine);
      this.revision = disk.revision;
      this.savedText = disk.text;
      this.conflict.dispatch({ type: "resolved" });
      if (!merged.clean) {
        // Typed in the very lines the move rewrote: the typing is kept, and the bar offers the
        // file's text (keep mine or take theirs) rather than saving over it unasked.
        this.cancelAutosave();
        this.conflict.setTheirs(disk.text);
        this.conflict.dispatch({ type: "disk-changed", dirty: true });
      }
      // The move's rewrite goes under what was typed as one change: the file's text put in
      // first and the typing again after took the cursor back to before the typing.
      this.editor.open(to, merged.text);
      this.docChanged(); // saved, edited (saved soon) or in conflict
    }
    this.hooks.opened(to, this.editor.text());
    if (from !== to) this.hooks.moved(from, to);
  }
}
