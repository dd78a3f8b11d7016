// Frees what a dropped element holds, a slice at a time while the page is idle.
//
// A DOM node that script has held lives as long as its JavaScript wrapper, and every node under
// it with it; wrappers go only at a full garbage collection, which JavaScriptCore schedules by
// the growth of its own heap, not by the DOM memory a wrapper keeps. So a preview block dropped
// on a keystroke or a post switch kept its whole subtree until then: switching between posts,
// the web process grew ~1.5 MB a round between collections (bench/notes.md, round fifteen). The
// block's children have no wrappers of their own (the HTML parser made them), so emptying the
// dropped block frees them at once.

/** Runs a callback when the page is idle (`requestIdleCallback`, or its stand-in). */
export type IdleScheduler = (callback: IdleRequestCallback) => unknown;

/** How long a slice of the timer used where the page has no `requestIdleCallback` may run. */
const FALLBACK_SLICE_MS = 5;

/** The page's `requestIdleCallback`, or a timer giving slices of FALLBACK_SLICE_MS. */
const pageIdle: IdleScheduler = (callback) => {
  if (typeof requestIdleCallback === "function") return requestIdleCallback(callback);
  return setTimeout(() => {
    const start = performance.now();
    callback({ didTimeout: false, timeRemaining: () => Math.max(0, FALLBACK_SLICE_MS - (performance.now() - start)) });
  }, 1);
};

export class IdleDiscarder {
  private readonly queue: Element[] = [];
  private scheduled = false;

  constructor(private readonly idle: IdleScheduler = pageIdle) {}

  /** Empties `el` at the next idle time, unless it is back in a document by then. */
  discard(el: Element): void {
    this.queue.push(el);
    if (!this.scheduled) this.schedule();
  }

  /** How many elements wait to be emptied. */
  get pending(): number {
    return this.queue.length;
  }

  private run(deadline: IdleDeadline): void {
    this.scheduled = false;
    // One at least, so a slice with no time left still gets somewhere (a 5 MB post drops
    // ~22,000 blocks at once).
    do {
      const el = this.queue.pop();
      if (el && !el.isConnected) el.textContent = "";
    } while (this.queue.length > 0 && deadline.timeRemaining() > 0);
    if (this.queue.length > 0) this.schedule();
  }

  private schedule(): void {
    this.idle((deadline) => this.run(deadline));
    this.scheduled = true; // only once asked: a scheduler that threw must be asked again
  }
}
