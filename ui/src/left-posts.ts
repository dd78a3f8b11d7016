// Posts left with text that could not be saved (kept in the crash journal too): opened again,
// they show that text, not the file's.
import type { Unsaved } from "./journal";

export class LeftPosts {
  private readonly left = new Map<string, Unsaved>();

  has(path: string): boolean {
    return this.left.has(path);
  }

  /** The text post `path` was left with, now no longer kept here (it is being opened). */
  take(path: string): Unsaved | undefined {
    const kept = this.left.get(path);
    this.left.delete(path);
    return kept;
  }

  keep(path: string, unsaved: Unsaved): void {
    this.left.set(path, unsaved);
  }

  forget(path: string): void {
    this.left.delete(path);
  }

  /** Post `from` was renamed to `to`: its kept text goes with it (answered, if it had one). */
  move(from: string, to: string): Unsaved | null {
    const kept = this.left.get(from);
    if (kept === undefined) return null;
    this.left.delete(from);
    this.left.set(to, kept);
    return kept;
  }

  clear(): void {
    this.left.clear();
  }

  /** A save of post `path` (`text`, written as `revision`) answered after the post was left:
   * the text kept of it is an edit of what was written (answered, to be kept in the journal
   * again on the new revision), or was written (no longer kept). */
  savedLate(path: string, text: string, revision: string): Unsaved | null {
    const kept = this.left.get(path);
    if (kept === undefined) return null;
    if (kept.text === text) {
      this.left.delete(path);
      return null;
    }
    const again = { text: kept.text, revision };
    this.left.set(path, again);
    return again;
  }
}
