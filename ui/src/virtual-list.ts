// A fixed-row-height virtual list: only the rows in view (plus a little overscan) exist in
// the DOM, so 50,000 posts cost the same to show as fifty.

export type Range = { start: number; end: number };

/** What the list shows: an array, or any indexed view of one (no copy needed). */
export type Items<T> = { readonly length: number; at(index: number): T | undefined };

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

export class VirtualList<T> {
  private items: Items<T> = [];
  private readonly spacer: HTMLElement;
  private readonly rows = new Map<number, HTMLElement>();
  private frame = 0;

  constructor(
    private readonly viewport: HTMLElement,
    private readonly rowHeight: number,
    private readonly renderRow: (item: T, el: HTMLElement, index: number) => void,
  ) {
    this.spacer = viewport.ownerDocument.createElement("div");
    this.spacer.className = "vlist-spacer";
    this.spacer.style.position = "relative";
    viewport.appendChild(this.spacer);
    viewport.addEventListener("scroll", () => this.scheduleRender(), { passive: true });
    if (typeof ResizeObserver !== "undefined") {
      new ResizeObserver(() => this.scheduleRender()).observe(viewport);
    }
  }

  setItems(items: Items<T>): void {
    this.items = items;
    this.spacer.style.height = `${items.length * this.rowHeight}px`;
    // The item at an index may have changed: rows still in the list are rendered again in
    // place (cheaper than new elements on every keystroke in the search box).
    for (const [index, el] of this.rows) {
      const item = items.at(index);
      if (item === undefined) {
        el.remove();
        this.rows.delete(index);
      } else {
        this.renderRow(item, el, index);
      }
    }
    this.render();
  }

  /** Re-renders the rows in view without changing the items (e.g. selection moved). */
  refresh(): void {
    for (const [index, el] of this.rows) {
      const item = this.items.at(index);
      if (item !== undefined) this.renderRow(item, el, index);
    }
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
    const { start, end } = visibleRange(
      this.viewport.scrollTop,
      this.viewport.clientHeight || 600,
      this.rowHeight,
      this.items.length,
    );
    for (const [index, el] of this.rows) {
      if (index < start || index >= end) {
        el.remove();
        this.rows.delete(index);
      }
    }
    const doc = this.viewport.ownerDocument;
    for (let i = start; i < end; i++) {
      if (this.rows.has(i)) continue;
      const el = doc.createElement("div");
      el.style.position = "absolute";
      el.style.top = `${i * this.rowHeight}px`;
      el.style.left = "0";
      el.style.right = "0";
      el.style.height = `${this.rowHeight}px`;
      this.renderRow(this.items.at(i) as T, el, i);
      this.rows.set(i, el);
      this.spacer.appendChild(el);
    }
  }
}
