// Crash safety: unsaved text goes to the backend's journal within a second of typing, and text a
// killed session left there is offered back when its workspace opens again.
import * as ipc from "./ipc";
import type { PostText } from "./post-text";
import { isIpcError, type JournalEntry } from "./types";

export const JOURNAL_DELAY_MS = 500;
/** Typing that never pauses that long is still written this long after the first key of it. */
export const JOURNAL_MAX_WAIT_MS = 1000;
/** Texts shorter than this are always sent whole: a change saves nothing on them. */
export const JOURNAL_EDIT_MIN_LENGTH = 4096;

/** What the journal keeps of a post: its unsaved text and the revision it was edited from. */
export type Unsaved = { text: string; revision: string };
/** The open post's unsaved text as the editor holds it: written, only what changed is sent. */
export type Typed = { text: PostText; revision: string };

/** The record the backend holds of a post, as this writer last wrote it. */
type Held = { root: string; path: string; version: string; text: PostText };

/** Debounced writer: the latest text of the open post reaches the journal ~0.5 s after typing
 * pauses, and at most a second after a key while it does not. After the first write of a post
 * only the change since the last one is sent: a whole 100 KB text every second held the page's
 * memory until its next full garbage collection (and on a 5 MB post cost a frame each time). */
export class CrashJournal {
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** The post the pending write is for. */
  private pending: string | null = null;
  /** When the first key not written yet was typed (Date.now()), null when all are written. */
  private firstUnwritten: number | null = null;
  /** Posts this session wrote a record for (a save clears it on the backend too), by folder
   * and path: the same path in another folder is another post, with a record of its own. */
  private readonly written = new Set<string>();
  /** The last write or clear sent: each goes out after the one before landed (a clear sent
   * with a write could land first and be undone; an edit names the record the write before
   * it made). */
  private last: Promise<unknown> = Promise.resolve();
  /** What the last write answered, which the next one may change. */
  private held: Held | null = null;

  /** The open folder, as the backend names it: each call says which folder it is for, as it
   * may land after another one opened (and must neither clear nor write that one's records). */
  root: string | null = null;

  constructor(private readonly onError: (e: unknown) => void) {}

  /** Writes what `unsaved` gives once typing pauses (or has gone on for JOURNAL_MAX_WAIT_MS
   * without a pause). It is asked then, not now, and answers null when `path` has nothing
   * unsaved any more: another post may be open by then, and its text must never be kept as
   * this post's. */
  schedule(path: string, unsaved: () => Typed | null): void {
    clearTimeout(this.timer);
    // Waiting for a pause only: a fast typist who never pauses would have nothing kept.
    const now = Date.now();
    const first = (this.firstUnwritten ??= now);
    const wait = Math.max(0, Math.min(JOURNAL_DELAY_MS, first + JOURNAL_MAX_WAIT_MS - now));
    const root = this.root;
    this.pending = path;
    this.timer = setTimeout(() => {
      this.firstUnwritten = null;
      this.pending = null;
      const kept = unsaved();
      if (!kept || root === null) return;
      this.written.add(recordOf(root, path));
      this.last = this.last.then(() => this.send(root, path, kept)).catch(this.onError);
    }, wait);
  }

  /** Writes `kept` as a change of the record last written, or whole when the backend holds no
   * record this writer knows (the first write, another post or folder, a save cleared it). */
  private async send(root: string, path: string, kept: Typed): Promise<void> {
    const held = this.held;
    this.held = null; // until this write answers
    const heldHere = held?.root === root && held.path === path && held.text.lineBreak === kept.text.lineBreak;
    if (held && heldHere && kept.text.length >= JOURNAL_EDIT_MIN_LENGTH) {
      const edit = { base: held.version, ...(kept.text.changeSince(held.text) ?? { from: 0, to: 0, insert: "" }) };
      const version = await ipc.journalEdit(path, edit, kept.revision, root);
      if (version !== null) {
        this.held = { root, path, version, text: kept.text };
        return;
      }
    }
    const version = await ipc.journalWrite(path, kept.text.toString(), kept.revision, root);
    if (version !== null) this.held = { root, path, version, text: kept.text };
  }

  /** The record of `path` in `root` is changed by other means than a write of its typed text. */
  private forget(root: string, path: string): void {
    if (this.held?.root === root && this.held.path === path) this.held = null;
  }

  /** `path` has nothing unsaved any more without a save (the typing undone, the disk's text
   * taken): a pending write is dropped, and a record already written is cleared, or the next
   * start would offer back text the user took back. */
  settled(path: string): void {
    this.cancel();
    if (this.root === null || !this.written.delete(recordOf(this.root, path))) return;
    this.clear(path);
  }

  /** `path` was saved, and the backend cleared its record with the save, unless one landed
   * after the save began: text typed during the save (`unsaved` answers it) is written again;
   * with none, a write of older text still on its way when the save began is cleared once it
   * landed, or the next start would offer it back over the newer file. */
  saved(path: string, unsaved: () => Typed | null): void {
    if (unsaved()) this.schedule(path, unsaved);
    else this.settled(path);
  }

  /** The post at `from` was renamed by another program: its record there is cleared, after any
   * write to it landed (left, the next start would offer it back as a post that went). The
   * caller schedules the text again under the new name. */
  movedAway(from: string): void {
    this.cancelFor(from); // a post left behind may move while another is typed in
    if (this.root !== null) this.written.delete(recordOf(this.root, from));
    this.clear(from);
  }

  /** Clears `path`'s record once the write before has landed. */
  private clear(path: string): void {
    const root = this.root;
    if (root === null) return;
    this.last = this.last
      .then(() => {
        this.forget(root, path);
        return ipc.journalClear(path, root);
      })
      .catch(this.onError);
  }

  /** Writes `unsaved` now, after any write before it landed: the user leaves post `path`, which
   * cannot be saved, and is told its text is kept. Rejects when it could not be. */
  async keep(path: string, unsaved: Unsaved): Promise<void> {
    this.cancelFor(path); // the open post's text, waiting for a pause, is written all the same
    const root = this.root;
    if (root === null) throw new Error("No folder is open.");
    this.written.add(recordOf(root, path));
    const write = this.last.then(async () => {
      this.forget(root, path);
      // Refused when the record holds text stamped later (the clock stepped back): the user is
      // about to be told this text is kept, so that must not pass as kept.
      const version = await ipc.journalWrite(path, unsaved.text, unsaved.revision, root);
      if (version === null) throw new Error(`The recovery journal holds a copy of ${path} dated later than now; this text could not be kept.`);
    });
    this.last = write.catch(() => {});
    await write;
  }

  /** Answers once every write and clear sent so far has landed (or failed): the window must
   * not close before a clear still queued went, or the next start offers back its text. */
  async idle(): Promise<void> {
    await this.last;
  }

  cancel(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.firstUnwritten = null;
    this.pending = null;
  }

  /** Drops the pending write when it is for `path`. */
  private cancelFor(path: string): void {
    if (this.pending === path) this.cancel();
  }
}

/** The key of the record of post `path` in folder `root`. */
function recordOf(root: string, path: string): string {
  return `${root}\0${path}`;
}

/** Opens `path` with `text` as an edit of it; with null, opens it as it is on disk (the file
 * was written back from the journal). Answers whether the post is open. */
export type Restore = (path: string, text: string | null) => Promise<boolean>;

/**
 * Offer back each post's unsaved text from the journal. Entries whose text is already on disk
 * are dropped quietly; for the others the user chooses to restore (the text comes back as an
 * edit, so it can be saved or undone) or to discard. Returns the paths restored.
 */
export async function offerRecovery(
  restore: Restore,
  failed: (error: unknown, context: string) => void = () => {},
): Promise<string[]> {
  const restored: string[] = [];
  // A record that cannot be dropped stays (offered again next time): the others are offered all
  // the same, and the user is told.
  const drop = (entry: JournalEntry) =>
    ipc.journalClear(entry.path, entry.root).catch((e) => failed(e, `Could not drop the recovered text of ${entry.path}`));
  // Said as what failed: the folder itself opened, and the text stays in the journal.
  let entries: JournalEntry[];
  try {
    entries = await ipc.journalEntries();
  } catch (e) {
    failed(e, "Could not read the recovery journal");
    return restored;
  }
  for (const entry of entries) {
    let disk: string | null = null;
    let diskRevision = "";
    let unread = "";
    try {
      ({ text: disk, revision: diskRevision } = await ipc.readPost(entry.path));
    } catch (e) {
      disk = null; // removed or renamed since
      unread = isIpcError(e) && e.kind !== "not_found" ? ` (${e.message})` : "";
    }
    if (disk === entry.text) {
      await drop(entry);
      continue;
    }
    // Restoring puts the kept text over the file as an edit: when the file is not the one the
    // text was typed over, the user is told before choosing (undo brings the file's text back).
    const newer =
      disk !== null && diskRevision !== entry.base_revision
        ? ` ${entry.path} changed on disk after they were typed: restoring puts them over the newer file (undo brings its text back).`
        : "";
    const gone =
      disk === null
        ? unread
          ? ` ${entry.path} could not be read${unread}.`
          : ` ${entry.path} is no longer on disk: restoring writes it back.`
        : "";
    // The native dialog's other button is "Cancel": it must not read as "not now".
    let yes: boolean;
    try {
      yes = await ipc.confirmDialog(
        "Recover unsaved text",
        `Draftsmith closed before your last changes to ${entry.path} were saved.${newer}${gone} Restore them? Cancel discards them.`,
        "Restore",
      );
    } catch (e) {
      failed(e, `Could not ask whether to restore the unsaved text of ${entry.path}; it stays in the recovery journal`);
      return restored; // the next questions could not be asked either
    }
    if (yes && disk === null) {
      // The file went while the app was down: it is written back with the kept text (refused
      // if a file appeared there since), which also clears the record, and opened.
      try {
        await ipc.savePost(entry.path, entry.text, "");
      } catch (e) {
        // Kept in the journal, offered again next time; the user is told why nothing came back.
        failed(e, `Could not write ${entry.path} back; its unsaved text stays in the recovery journal`);
        continue;
      }
      if (await restore(entry.path, null)) restored.push(entry.path);
    } else if (yes && (await restore(entry.path, entry.text))) restored.push(entry.path);
    else if (!yes) await drop(entry);
  }
  return restored;
}
