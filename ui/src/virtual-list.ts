// A fixed-row-height virtual list: only the rows in view (plus a little overscan) exist in
// the DOM, so 50,000 posts cost the same to show as fifty.
//
// A row is drawn once per item and moved, not drawn again, while its item stays in view (a
// new search that still lists the post, a scroll). Laying out a freshly drawn row's text is
// most of what a keystroke in the search box costs (~0.5 ms a row here), so rows that leave
// the view are parked, hidden but still laid out, and shown again as they were when their
// item comes back (backspacing to an earlier search, scrolling back).

export type Range = { start: number; end: number };

/** What the list shows: an array, or any indexed view of one (no copy needed). */
export type Items<T> = { readonly length: number; at(index: number): T | undefined };

/** Rows kept parked for items out of view, newest last; about one viewport's worth twice over. */
export const PARKED_ROWS = 40;

/** Indices [start, end) of the rows to render for a viewport. */
export function visibleRange(
  scrollTop: number,
  viewportHeight: number,
  rowHeight: number,
  count: number,
  overscan = 4,
): Range {
  if (count === 0 || rowHeight <= 0) return { start: 0, end: 0 };
  const first = Math.floor(Math.max(0, scrollTop) / rowHeight);
  const visible = Math.ceil(Math.max(0, viewportHeight) / rowHeight) + 1;
  const start = Math.max(0, Math.min(count - 1, first) - overscan);
  const end = Math.min(count, first + visible + overscan);
  return { start, end };
}

type Row<T> = { item: T; el: HTMLElement };

export class VirtualList<T> {
  private items: Items<T> = [];
  private readonly spacer: HTMLElement;
  /** Rows in view, by index. */
  private readonly rows = new Map<number, Row<T>>();
  /** Hidden rows by the item they show, oldest first. */
  private readonly parked = new Map<T, HTMLElement>();
  private readonly parkedClass: string;
  private width: number | null = null;
  private frame = 0;

  /**
   * `renderRow` draws `item` into a row; anything else a row shows, the caller keeps up to
   * date through `forEachRow`. A row in view has `rowClass`, a parked one `${rowClass}-parked`
   * instead, so queries for rows find only the rows in view. Style both classes alike but for
   * visibility, so parking lays nothing out.
   */
  constructor(
    private readonly viewport: HTMLElement,
    private readonly rowHeight: number,
    private readonly renderRow: (item: T, el: HTMLElement) => void,
    private readonly rowClass = "vlist-row",
  ) {
    this.parkedClass = `${rowClass}-parked`;
    this.spacer = viewport.ownerDocument.createElement("div");
    this.spacer.className = "vlist-spacer";
    this.spacer.style.position = "relative";
    viewport.appendChild(this.spacer);
    viewport.addEventListener("scroll", () => this.scheduleRender(), { passive: true });
    if (typeof ResizeObserver !== "undefined") {
      new ResizeObserver((entries) => {
        const width = entries.at(-1)?.contentRect.width;
        if (width !== undefined) this.resized(width);
        this.scheduleRender();
      }).observe(viewport);
    }
  }

  /** The list is `width` wide now. Parked rows are laid out at every new width like the rows in
   * view (40 of them made each step of dragging the sidebar's edge ~2.5 times as long), so a
   * new width drops them: the step they were kept for, showing them as they were, is gone. */
  resized(width: number): void {
    if (width === this.width) return;
    this.width = width;
    for (const el of this.parked.values()) el.remove();
    this.parked.clear();
  }

  setItems(items: Items<T>): void {
    this.items = items;
    this.spacer.style.height = `${items.length * this.rowHeight}px`;
    this.render();
  }

  /** Calls `update` with every row drawn, in view or parked: for what a row shows besides its
   * item (the selection), changed in place instead of drawn again. */
  forEachRow(update: (item: T, el: HTMLElement) => void): void {
    for (const row of this.rows.values()) update(row.item, row.el);
    for (const [item, el] of this.parked) update(item, el);
  }

  scrollToIndex(index: number): void {
    const top = index * this.rowHeight;
    const bottom = top + this.rowHeight;
    if (top < this.viewport.scrollTop) this.viewport.scrollTop = top;
    else if (bottom > this.viewport.scrollTop + this.viewport.clientHeight) {
      this.viewport.scrollTop = bottom - this.viewport.clientHeight;
    }
    this.render();
  }

  renderedIndices(): number[] {
    return [...this.rows.keys()].sort((a, b) => a - b);
  }

  private scheduleRender(): void {
    if (this.frame) return;
    const raf = typeof requestAnimationFrame === "function" ? requestAnimationFrame : (f: () => void) => setTimeout(f, 0);
    this.frame = raf(() => {
      this.frame = 0;
      this.render();
    }) as unknown as number;
  }

  render(): void {
    // Read the layout once, before any row changes, so nothing is laid out twice.
    const { start, end } = visibleRange(
      this.viewport.scrollTop,
      this.viewport.clientHeight || 600,
      this.rowHeight,
      this.items.length,
    );
    // Rows still showing their index's item stay; the others may show their item elsewhere.
    const leaving = new Map<T, HTMLElement>();
    for (const [index, row] of this.rows) {
      if (index >= start && index < end && this.items.at(index) === row.item) continue;
      this.rows.delete(index);
      if (leaving.has(row.item)) row.el.remove(); // the same item twice: one row is enough
      else leaving.set(row.item, row.el);
    }
    for (let i = start; i < end; i++) {
      if (this.rows.has(i)) continue;
      const item = this.items.at(i) as T;
      const el = this.take(leaving, item) ?? this.unpark(item) ?? this.drawn(item);
      el.style.top = `${i * this.rowHeight}px`;
      this.rows.set(i, { item, el });
    }
    for (const [item, el] of leaving) this.park(item, el);
  }

  private take(from: Map<T, HTMLElement>, item: T): HTMLElement | undefined {
    const el = from.get(item);
    if (el) from.delete(item);
    return el;
  }

  private unpark(item: T): HTMLElement | undefined {
    const el = this.take(this.parked, item);
    el?.classList.replace(this.parkedClass, this.rowClass);
    return el;
  }

  private drawn(item: T): HTMLElement {
    const el = this.viewport.ownerDocument.createElement("div");
    el.className = this.rowClass;
    el.style.position = "absolute";
    el.style.left = "0";
    el.style.right = "0";
    el.style.height = `${this.rowHeight}px`;
    this.renderRow(item, el);
    this.spacer.appendChild(el);
    return el;
  }

  /** Hides `el` at the top of the list (where it adds nothing to the scroll height). */
  private park(item: T, el: HTMLElement): void {
    el.classList.replace(this.rowClass, this.parkedClass);
    el.style.top = "0";
    this.parked.get(item)?.remove();
    this.parked.delete(item); // newest last
    this.parked.set(item, el);
    for (const [oldest, old] of this.parked) {
      if (this.parked.size <= PARKED_ROWS) break;
      old.remove();
      this.parked.delete(oldest);
    }
  }
}
