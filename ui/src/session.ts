// The open post (`open-post.ts`) and what other programs do to its file meanwhile: the
// watcher's events (reloads, renames, removals) and the conflicts they raise.
import type { ConflictAction } from "./conflict";
import { readPost } from "./ipc";
import { PostMoves } from "./post-moves";
import { isIpcError, type PostEvent } from "./types";

export { AUTOSAVE_DELAY_MS } from "./open-post";
export type { SessionConflictBar, SessionEditor, SessionHooks } from "./session-hooks";

export class Session extends PostMoves {
  /** Reacts to watcher events: those of the open post, and any other post's, whose kept
   * editor state is forgotten (it would come back with an undo history of a file that changed
   * or is gone), and its kept preview too if the file went or was replaced (a changed post's
   * preview comes back as a splice of what changed). With no post open too. */
  async workspaceEvents(events: PostEvent[]): Promise<void> {
    // A move of ours on its way (rename, publish, trash): the watcher may be reporting that very
    // move, which the page has not followed yet. Taken before it is done, the user's own rename
    // was told as another program's; once done, the events find the post where it went.
    while (this.moving) await this.moving;
    for (const [i, event] of events.entries()) {
      if (event.kind === "renamed") {
        if (event.from === this.path) {
          this.editor.renamed(event.from, event.to);
          this.path = event.to;
          this.lastMove = { from: event.from, to: event.to };
          this.hooks.opened(event.to, this.editor.text());
          this.hooks.moved(event.from, event.to);
          this.hooks.info(`This post was renamed to ${event.to}.`);
          await this.diskChanged(); // its text may have changed in the same batch
        } else if (event.to === this.path) {
          this.forget(event.from, true);
          await this.diskChanged(); // another post moved over the open one
        } else {
          this.forget(event.from, true);
          this.forget(event.to, true);
          this.keptMoved(event.from, event.to);
        }
      } else if (event.path === this.path) {
        if (event.kind === "removed") {
          this.diskRemoved();
        } else if (!goesLater(events, i, event.path)) {
          // (A write inside a folder renamed in the same batch: the rename follows it, then
          // reads the file where it went.)
          await this.diskChanged();
        }
      } else {
        this.forget(event.path, event.kind !== "changed");
      }
    }
  }

  private forget(path: string, previewToo: boolean): void {
    this.editor.forget(path);
    if (previewToo) this.hooks.forgotten(path);
  }

  async conflictAction(action: ConflictAction): Promise<void> {
    if (this.path === null) return;
    try {
      if (action === "keep-mine") {
        const disk = await readPost(this.path);
        this.conflict.dispatch({ type: "resolved" });
        while (this.saving) await this.saving;
        if (!(await this.write(disk.revision))) return;
      } else if (action === "take-theirs") {
        const disk = await readPost(this.path);
        this.savedText = disk.text;
        this.revision = disk.revision;
        this.conflict.dispatch({ type: "resolved" });
        this.editor.replaceText(disk.text, "input.reload");
        this.hooks.saveState("saved");
      } else if (action === "show-both") {
        const disk = await readPost(this.path);
        this.conflict.setTheirs(disk.text);
        this.conflict.dispatch({ type: "show-both" });
      } else if (action === "close-theirs") {
        this.conflict.dispatch({ type: "hide-both" });
      } else if (action === "save-again") {
        this.conflict.dispatch({ type: "resolved" });
        while (this.saving) await this.saving;
        // Failed, the post is still gone; unless another file is there by then (a conflict,
        // which the save has put on the bar to be settled with keep-mine or take-theirs).
        if (!(await this.write("")) && this.conflict.current.kind === "none") this.conflict.dispatch({ type: "disk-removed" });
      }
    } catch (e) {
      this.hooks.error(e, "Could not resolve the conflict");
    }
  }

  private async diskChanged(): Promise<void> {
    const path = this.path;
    if (path === null) return;
    // A save of ours still on its way: the watcher may be reporting that very write, which only
    // the revision the save brings back tells apart from someone else's. Compared before it
    // came, the user's own save, with typing since, was taken for a change on disk. Likewise a
    // rename of ours on its way (the file is read where it went, once we know where).
    while (this.saving || this.moving) await (this.saving ?? this.moving);
    let disk;
    try {
      disk = await readPost(path);
    } catch (e) {
      // A change may turn out to be the file going (see `PostEvent`): the post was removed.
      if (isIpcError(e) && e.kind === "not_found") {
        if (this.path === path) this.diskRemoved();
      } else {
        this.hooks.error(e, `Could not reload ${path}`);
      }
      return;
    }
    if (this.path !== path) return;
    if (this.conflict.current.kind === "removed") {
      this.conflict.dispatch({ type: "resolved" });
      // Back with the bytes the buffer is based on: saved or edited as before it went.
      if (disk.revision === this.revision) {
        this.docChanged();
        return;
      }
    }
    if (disk.revision === this.revision) return;
    if (!this.isDirty()) {
      // Set the saved text first so the change below does not look like an edit. The buffer
      // then holds the disk's text: a conflict left from earlier edits is over.
      this.savedText = disk.text;
      this.revision = disk.revision;
      this.conflict.dispatch({ type: "resolved" });
      this.editor.replaceText(disk.text, "input.reload");
      this.hooks.saveState("saved");
      return;
    }
    this.cancelAutosave();
    this.conflict.setTheirs(disk.text);
    this.conflict.dispatch({ type: "disk-changed", dirty: true });
    this.hooks.saveState("conflict");
  }

  private diskRemoved(): void {
    this.cancelAutosave();
    this.conflict.dispatch({ type: "disk-removed" });
    this.hooks.saveState("conflict", "The file was removed from disk");
  }
}

/** Whether an event after the `i`th of `events` moves `path` away or removes it. */
function goesLater(events: PostEvent[], i: number, path: string): boolean {
  return events.slice(i + 1).some((e) => (e.kind === "renamed" ? e.from === path : e.kind === "removed" && e.path === path));
}
