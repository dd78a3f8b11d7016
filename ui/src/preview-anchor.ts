// Keeps what the preview shows in place while chunks above it change height.
//
// The preview's chunks are laid out only near the view (`content-visibility: auto` in
// styles.css): a 1 MB post's preview held ~100 MB of the web process laid out whole. A chunk not
// laid out yet takes an estimated height (preview-patch.ts), and when it is laid out the
// estimate becomes its real height. Above the view that would move the text being read;
// browsers anchor the scroll position against that, but WebKitGTK has no CSS scroll anchoring
// (`overflow-anchor`), so this does it for the chunks.

/** A chunk whose height changed: where it starts now (in the scrolled content) and its height
 * before and after. */
export type ChunkResize = { top: number; before: number; after: number };

/**
 * How far to scroll so the view shows what it showed before `resizes` (in document order):
 * the change of every chunk that lay wholly above the view's top. A chunk the view's top cut
 * through is left alone: what changed in it may be above or below what is read (typing
 * there grows it below).
 */
export function anchorShift(scrollTop: number, resizes: ChunkResize[]): number {
  let moved = 0; // how far the chunks above the one looked at moved it
  let shift = 0;
  for (const { top, before, after } of resizes) {
    if (top - moved + before <= scrollTop) shift += after - before;
    moved += after - before;
  }
  return shift;
}

/** Watches the chunks of a scrolled `container` and scrolls it by their changes above the view. */
export class ChunkAnchor {
  private readonly heights = new WeakMap<Element, number>();
  private readonly observer: ResizeObserver | null;

  constructor(private readonly container: HTMLElement) {
    const Observer = container.ownerDocument.defaultView?.ResizeObserver;
    this.observer = Observer ? new Observer((entries) => this.resized(entries)) : null;
  }

  added(chunk: Element): void {
    this.observer?.observe(chunk);
  }

  removed(chunk: Element): void {
    this.observer?.unobserve(chunk);
    this.heights.delete(chunk);
  }

  private resized(entries: ResizeObserverEntry[]): void {
    // A hidden preview reports every chunk at no height; keep the heights it had, so that
    // showing it again changes nothing.
    if (this.container.clientHeight === 0) return;
    const view = this.container.getBoundingClientRect().top - this.container.scrollTop;
    const resizes: ChunkResize[] = [];
    for (const { target } of entries) {
      if (target.parentElement !== this.container) continue; // removed meanwhile
      const box = target.getBoundingClientRect();
      const before = this.heights.get(target);
      this.heights.set(target, box.height);
      // The first report of a chunk is its height when first watched, not a change.
      if (before !== undefined && before !== box.height) resizes.push({ top: box.top - view, before, after: box.height });
    }
    resizes.sort((a, b) => a.top - b.top);
    const shift = anchorShift(this.container.scrollTop, resizes);
    if (shift !== 0) this.container.scrollTop += shift;
  }
}
