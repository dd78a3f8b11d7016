// Frees what a dropped element holds, a slice at a time while the page is idle.
//
// A DOM node that script has held lives as long as its JavaScript wrapper, and every node under
// it with it; wrappers go only at a full garbage collection, which JavaScriptCore schedules by
// the growth of its own heap, not by the DOM memory a wrapper keeps. So a preview block dropped
// on a keystroke or a post switch kept its whole subtree until then: switching between posts,
// the web process grew ~1.5 MB a round between collections (bench/notes.md, round fifteen). The
// block's children have no wrappers of their own (the HTML parser made them), so emptying the
// dropped block frees them at once.
import "./idle-callback"; // WebKitGTK's requestIdleCallback stand-in (installed once, at boot)

/** Runs a callback when the page is idle. */
export type IdleScheduler = (callback: IdleRequestCallback) => unknown;

export class IdleDiscarder {
  private readonly queue: Element[] = [];
  private scheduled = false;

  constructor(private readonly idle: IdleScheduler = (callback) => requestIdleCallback(callback)) {}

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
