// What the window keeps of posts left behind (their previews, the texts the backend rendered
// last for them), so that opening one again shows it at once and renders only what changed.
// The backend keeps its renderer sessions of the same posts by the same rules
// (src-tauri/src/preview_sessions.rs).

/** At most this many posts left behind are kept (the editor keeps twelve states, the open
 * post's among them). */
export const KEPT_POSTS = 11;
/** The texts of the posts kept are together at most this long (UTF-16 units, as the backend
 * counts the texts of the sessions it keeps, so both keep the same posts): a kept preview
 * holds ~50 times its post's text (the 100 KB post's, ~4.7 MB of DOM and JavaScript), and a
 * long post's first render is the one that takes time anyway. */
export const KEPT_TEXT_TOTAL = 512 * 1024;

/** Things kept by post path, oldest first, within KEPT_POSTS and KEPT_TEXT_TOTAL. */
export class KeptByPost<T> {
  private readonly items = new Map<string, { item: T; length: number }>();

  /** `dropped` is told of every item dropped to stay within the limits. */
  constructor(private readonly dropped: (item: T) => void = () => {}) {}

  /** Takes out the item kept for `path`, if any. */
  take(path: string): T | undefined {
    const kept = this.items.get(path);
    this.items.delete(path);
    return kept?.item;
  }

  /** Keeps `item` for `path` (a post whose text is `length` long) as the newest, dropping the
   * oldest beyond the limits; an item of a post longer than KEPT_TEXT_TOTAL is dropped at once. */
  keep(path: string, item: T, length: number): void {
    this.take(path);
    if (length > KEPT_TEXT_TOTAL) {
      // Alone over the limit: it goes, and the others stay (counted in, it would push them all
      // out first).
      this.dropped(item);
      return;
    }
    this.items.set(path, { item, length });
    let total = 0;
    for (const kept of this.items.values()) total += kept.length;
    for (const [oldest, kept] of this.items) {
      if (this.items.size <= KEPT_POSTS && total <= KEPT_TEXT_TOTAL) break;
      this.items.delete(oldest);
      total -= kept.length;
      this.dropped(kept.item);
    }
  }

  /** Drops the item kept for `path` (its file went or was replaced), or every item for null
   * (another folder opened: its posts may have the same paths), telling of each. */
  forget(path: string | null): void {
    for (const p of path === null ? [...this.items.keys()] : [path]) {
      const item = this.take(p);
      if (item !== undefined) this.dropped(item);
    }
  }

  get size(): number {
    return this.items.size;
  }
}
