// The open post: loading, saving (Ctrl+S, autosave, on switch), revisions, leaving it unsaved
// and front-matter edits applied as minimal changes. The editor buffer is the one source of
// truth; this module keeps it and the disk in step for what the user does (`post-moves.ts`
// adds the user's moves and trashing of its file, `session.ts` what other programs do to the
// disk meanwhile).
import { editFrontMatter, readPost, savePost } from "./ipc";
import { LATE, NOT_FINISHED, within } from "./late";
import { LeftPosts } from "./left-posts";
import type { PostText } from "./post-text";
import type { Leaving, SessionConflictBar, SessionEditor, SessionHooks } from "./session-hooks";
import { isIpcError, type Value } from "./types";

export const AUTOSAVE_DELAY_MS = 1500;

export class OpenPost {
  protected path: string | null = null;
  protected revision = "";
  protected savedText = "";
  private autosaveTimer: ReturnType<typeof setTimeout> | undefined;
  protected saving: Promise<boolean> | null = null;
  /** The backend rewriting (and maybe moving) or removing the open post's file: no save may start. */
  protected moving: Promise<unknown> | null = null;
  /** The open post's last move, for a form edit begun before it. */
  protected lastMove: { from: string; to: string } | null = null;
  private fmQueue: Promise<void> = Promise.resolve();
  /** Counts the posts asked for: an open overtaken by a later one shows nothing. */
  private openings = 0;
  /** Why the last save failed (not a conflict), for the question whether to leave the post. */
  private saveError = "";
  private readonly left = new LeftPosts();
  /** The open post's text the user agreed to leave unsaved. */
  private agreed: { path: string; text: string } | null = null;
  /** The leave in progress: a second open asked for meanwhile waits on it, not asks again. */
  private leaving: Promise<boolean> | null = null;
  /** What the leave in progress is for: another folder once any caller asked for one (its
   * question, not asked yet, must speak of the folder). */
  private leavingFor: Leaving = "post";
  /** Counts the folders opened: a save answering after its folder was left concerns none shown. */
  private folders = 0;

  constructor(
    protected readonly editor: SessionEditor,
    protected readonly conflict: SessionConflictBar,
    protected readonly hooks: SessionHooks,
  ) {}

  get openPath(): string | null {
    return this.path;
  }

  /** The editor's text of the open post. */
  get text(): string {
    return this.editor.text();
  }

  /** The revision of the disk version the buffer is based on. */
  get baseRevision(): string {
    return this.revision;
  }

  /** `current` (the editor's latest version) is compared by length first, which usually
   * answers without building the text of a large post. */
  isDirty(current?: PostText): boolean {
    if (this.path === null) return false;
    return current ? !current.is(this.savedText) : this.editor.text() !== this.savedText;
  }

  /** Opens a post, saving the current one first; refuses to leave unsavable edits. */
  async open(path: string): Promise<boolean> {
    const opening = ++this.openings;
    if (path === this.path) return true;
    await this.fmQueue; // a form edit of this post lands in it, and is saved below
    const left = () => {
      this.hooks.info("This post has changes that are not saved yet. Resolve them before switching.");
      return false;
    };
    if (!(await this.leave())) return left();
    try {
      const doc = await readPost(path);
      // Typed while the save or the read travelled: saved too before the post is left (its
      // kept editor state would hold it, and reopening reloads the file over it).
      while (this.isDirty() && !this.keptAsIs()) if (!(await this.leave())) return left();
      // Another post was clicked while this one's file was read: that one is shown, not this.
      if (opening !== this.openings) return false;
      this.cancelAutosave();
      if (this.path !== null && this.isDirty()) this.left.keep(this.path, { text: this.editor.text(), revision: this.revision });
      this.agreed = null;
      this.saving = null; // a save of the post left that never answered (see leave) holds no other
      this.path = doc.path;
      this.revision = doc.revision;
      this.savedText = doc.text;
      this.conflict.dispatch({ type: "resolved" });
      // Left unsaved earlier: its text comes back as the edit it was (the file's text under it
      // would be saved over the journal's copy, or the copy cleared as typing undone).
      const kept = this.left.take(doc.path);
      this.editor.open(doc.path, kept?.text ?? doc.text);
      this.hooks.saveState("saved");
      this.hooks.opened(doc.path, this.editor.text());
      if (kept && kept.revision !== doc.revision) {
        // The file changed since: the user chooses on the bar, as for a change made while open.
        this.conflict.setTheirs(doc.text);
        this.conflict.dispatch({ type: "disk-changed", dirty: this.isDirty() });
        if (this.isDirty()) this.hooks.saveState("conflict");
      } else if (kept) this.docChanged(); // edited: saved soon (or kept again when left)
      return true;
    } catch (e) {
      this.hooks.error(e, `Could not open ${path}`);
      return false;
    }
  }

  /** Saves the open post before another is shown; when it cannot be saved, asks whether to
   * leave it with its text kept (see leaveUnsaved). Answers whether it may be left. */
  leave(leaving: Leaving = "post"): Promise<boolean> {
    if (this.keptAsIs()) return Promise.resolve(true); // agreed already: not saved nor asked again
    if (!this.leaving || leaving === "folder") this.leavingFor = leaving;
    this.leaving ??= this.leaveNow().finally(() => (this.leaving = null));
    return this.leaving;
  }

  private async leaveNow(): Promise<boolean> {
    // A save that never answers (a network drive gone) must not hold the user on this post.
    const saved = await within(this.flush());
    if (saved !== LATE) return saved || (await this.leaveUnsaved(this.leavingFor));
    return this.leaveUnsaved(this.leavingFor, NOT_FINISHED);
  }

  /**
   * The open post cannot be saved: unless the conflict bar can settle it, asks whether to leave
   * it anyway with its text kept in the crash journal (and here, for when it opens again).
   */
  private async leaveUnsaved(leaving: Leaving, reason = this.unsavedReason): Promise<boolean> {
    const path = this.path;
    if (path === null || this.mustResolve || !this.hooks.keepUnsaved) return false;
    const unsaved = { text: this.editor.text(), revision: this.revision };
    if (!(await this.hooks.keepUnsaved(path, unsaved, reason, leaving))) return false;
    this.agreed = { path, text: unsaved.text };
    return true;
  }

  /** Whether post `path` was left with text that could not be saved (see leave). */
  keeps(path: string): boolean {
    return this.left.has(path);
  }

  /** Post `from`, not open, was renamed or moved to `to`: the text it was left with (if any)
   * goes with it, or reopening it would show the file's text. */
  keptMoved(from: string, to: string): void {
    const kept = this.left.move(from, to);
    if (kept) this.hooks.keptMoved?.(from, to, kept);
  }

  /** Forgets the text post `path` was left with (it went to the trash). */
  forgetKept(path: string): void {
    this.left.forget(path);
  }

  /** The file changed on disk under the open post's unsaved text: the conflict bar settles it
   * (keep mine, take theirs), so the text is not left in the journal to be settled later. */
  get mustResolve(): boolean {
    return this.conflict.current.kind === "changed";
  }

  /** Why the open post's text is not on disk (after a flush answered no). */
  get unsavedReason(): string {
    const kind = this.conflict.current.kind;
    return kind === "removed" ? "the file was removed from disk" : kind === "changed" ? "the file changed on disk" : this.saveError;
  }

  /** Whether the open post's text is what was kept when leaving it unsaved was agreed. */
  private keptAsIs(): boolean {
    return this.agreed !== null && this.agreed.path === this.path && this.agreed.text === this.editor.text();
  }

  close(): void {
    this.cancelAutosave();
    this.path = null;
    this.savedText = "";
    this.revision = "";
    this.conflict.dispatch({ type: "resolved" });
    this.editor.close();
    this.hooks.saveState("none");
    this.hooks.opened(null, "");
  }

  /**
   * Runs `open`, which asks for another folder and has the backend switch to it (null when the
   * user cancels): meanwhile no save of the open post starts (it would land in the other
   * folder), and once the backend has switched, what was typed since the post was saved or
   * left goes to the journal under this folder (nothing can save it now), and it closes.
   */
  async switchFolder<T>(open: () => Promise<T | null>): Promise<T | null> {
    this.cancelAutosave();
    const switching = open();
    this.moving = switching.catch(() => {});
    try {
      const opened = await switching;
      if (opened !== null) {
        const path = this.path;
        if (path !== null && this.isDirty() && !this.keptAsIs()) {
          this.hooks.keepAgain?.(path, { text: this.editor.text(), revision: this.revision });
        }
        this.closeWorkspace();
      }
      return opened;
    } finally {
      this.moving = null;
    }
  }

  /** Closes the open post and forgets what was kept of this folder's posts (editor states, and
   * previews through the hook): another folder opens next. */
  closeWorkspace(): void {
    this.close();
    this.folders++;
    this.left.clear(); // kept in the journal, offered back when this folder opens again
    this.editor.forgetAll();
    this.hooks.forgotten(null);
  }

  /** Called on every editor change; answers whether the buffer now differs from the disk, so
   * the caller need not compare a large post's text a second time. */
  docChanged(current?: PostText): boolean {
    if (this.path === null) return false;
    const dirty = this.isDirty(current);
    if (this.conflict.current.kind !== "none") {
      this.hooks.saveState("conflict");
      return dirty;
    }
    if (!this.saving) this.hooks.saveState(dirty ? "edited" : "saved");
    this.cancelAutosave();
    if (dirty) this.autosaveTimer = setTimeout(() => void this.save(), AUTOSAVE_DELAY_MS);
    return dirty;
  }

  /** Saves now if there is anything to save; resolves to whether the disk holds the buffer. */
  async save(): Promise<boolean> {
    this.cancelAutosave();
    // Several callers may wait on one save: each goes on only if no other has started the next
    // (two writes on one base revision, the second refused as a conflict with our own save).
    // The loop and the write below run with no await between them.
    while (this.saving || this.moving) await (this.saving ?? this.moving);
    if (this.path === null) return true;
    if (this.conflict.current.kind === "changed") {
      this.hooks.saveState("conflict");
      return false;
    }
    if (!this.isDirty() && this.conflict.current.kind === "none") return true;
    // A removed post is written as a new file (refused if another file appeared there since).
    return this.write(this.conflict.current.kind === "removed" ? "" : this.revision);
  }

  /** Writes the buffer as the save in flight. */
  protected async write(revision: string): Promise<boolean> {
    const saving = this.writeBuffer(revision);
    this.saving = saving;
    try {
      return await saving;
    } finally {
      if (this.saving === saving) this.saving = null;
    }
  }

  /** Saves pending edits (before switching posts or closing), a form edit on its way too. */
  async flush(): Promise<boolean> {
    await this.fmQueue;
    if (this.path === null) return true;
    if (this.conflict.current.kind !== "none") return !this.isDirty() && this.conflict.current.kind !== "changed";
    return this.save();
  }

  /** Saves the open post before an action on its file (rename, publish, copy): as flush, but a
   * save that never answers (a network drive gone) is not waited on for good: it throws. */
  async flushBefore(): Promise<boolean> {
    const saved = await within(this.flush());
    if (saved !== LATE) return saved;
    throw new Error(`the open post is not saved (${NOT_FINISHED}); nothing was done, and its text stays in the editor`);
  }

  /** Sets one front-matter key through the backend and applies the result minimally. */
  editFrontMatter(key: string, value: Value | null): Promise<void> {
    let path = this.path;
    // Another post opened: never give it this one's key. The post moved (renamed): it follows.
    const stillOpen = () => {
      if (this.path !== path && this.lastMove?.from === path) path = this.lastMove.to;
      return this.path === path;
    };
    const run = async () => {
      // If the user typed while the backend worked, redo the edit on the newer text.
      for (let attempt = 0; attempt < 4; attempt++) {
        if (!stillOpen()) return;
        const base = this.editor.text();
        let next: string;
        try {
          next = await editFrontMatter(base, key, value);
        } catch (e) {
          this.hooks.error(e, `Could not set “${key}”`);
          return;
        }
        if (!stillOpen()) return;
        if (this.editor.text() === base) {
          this.editor.replaceText(next, "input.frontmatter");
          return;
        }
      }
      this.hooks.info(`“${key}” was not changed because the text kept changing; try again.`);
    };
    this.fmQueue = this.fmQueue.then(run, run);
    return this.fmQueue;
  }

  private async writeBuffer(revision: string): Promise<boolean> {
    const path = this.path;
    if (path === null) return true;
    const text = this.editor.text();
    const folder = this.folders;
    this.hooks.saveState("saving");
    try {
      const result = await savePost(path, text, revision);
      // Another folder opened since: the path, its list row and journal are not this save's.
      if (folder !== this.folders) return true;
      if (this.path !== path) {
        // Answered after the post was left (see leave): what was kept of it follows the write.
        const again = this.left.savedLate(path, text, result.revision);
        if (again) this.hooks.keepAgain?.(path, again);
        this.hooks.saved(path, text); // its list row shows what was written
        return true;
      }
      this.revision = result.revision;
      this.savedText = text;
      if (this.conflict.current.kind === "removed") this.conflict.dispatch({ type: "resolved" });
      this.hooks.saveState(this.isDirty() ? "edited" : "saved");
      this.hooks.saved(path, text);
      if (this.isDirty()) this.docChanged(); // typed during the save: schedule the next one
      return true;
    } catch (e) {
      // Answered after the post was left (see leave): its text is kept, and the bar and state
      // shown are the next post's (a conflict is offered when it opens again, see open).
      if (this.path !== path || folder !== this.folders) {
        this.hooks.error(e, `Could not save ${path}`);
        return false;
      }
      if (isIpcError(e) && e.kind === "conflict") {
        try {
          this.conflict.setTheirs((await readPost(path)).text);
        } catch {
          this.conflict.setTheirs("(the version on disk could not be read)");
        }
        this.conflict.dispatch({ type: "save-conflict" });
        this.hooks.saveState("conflict", e.message);
      } else {
        this.saveError = isIpcError(e) ? e.message : String(e);
        this.hooks.saveState("error", this.saveError);
        this.hooks.error(e, `Could not save ${path}`);
      }
      return false;
    }
  }

  protected cancelAutosave(): void {
    clearTimeout(this.autosaveTimer);
    this.autosaveTimer = undefined;
  }
}
