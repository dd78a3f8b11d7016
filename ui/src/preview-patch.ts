// Keyed patching of the preview: each top-level block becomes one `.ds-block` element whose
// DOM node is kept as long as its key is unchanged, so a keystroke re-lays-out one block
// rather than the whole document.
//
// The patcher keeps its own list of what the container holds (key, lines, element), so a
// keystroke on a post of thousands of blocks reads no DOM to find what changed, and moves no
// element that did not move: moving a node is a removal and an insertion, and the webview
// restyles and re-lays-out every node moved (a 1 MB post took seconds per keystroke when every
// block after the edit was moved).
//
// Blocks sit in chunks of about CHUNK_SIZE (`.ds-chunk`, plain divs whose margins collapse
// through): the webview's layout walks every sibling of a changed box, so a flat list of 22,000
// blocks (a 5 MB post) cost ~115 ms per keystroke, against ~3 ms in chunks. Chunks away from
// the view are not laid out (styles.css); until one is, it takes a height estimated from the
// source lines its blocks hold.
import type { IdleDiscarder } from "./idle-discard";
import type { Block } from "./types";

export const BLOCK_CLASS = "ds-block";
export const CHUNK_CLASS = "ds-chunk";
export const CHUNK_SIZE = 64;
/** The preview's height per source line, on average (the bench's posts: 64–67 px; a paragraph
 * is one long source line). Only the estimate of a chunk not laid out yet. */
export const ESTIMATED_LINE_PX = 65;

/** Told of every chunk the patcher adds to the container and takes out of it. */
export type ChunkWatcher = { added(chunk: Element): void; removed(chunk: Element): void };

export type PatchStats = { kept: number; created: number; removed: number };

type Entry = { key: string; start: number; end: number; el: HTMLElement };

/** Blocks taken out of the container by `BlockPatcher.detach`, as they were. */
export type DetachedBlocks = { readonly entries: Entry[]; readonly chunks: Element[] };

/** A block of a splice: `html` is null when a replaced block with its key is to be reused. */
export type SplicedBlock = { key: string; start_line: number; end_line: number; html: string | null };

function createBlockElement(doc: Document, block: Block): HTMLElement {
  const el = doc.createElement("div");
  el.className = BLOCK_CLASS;
  el.dataset.key = block.key;
  el.dataset.line = String(block.start_line);
  el.dataset.endLine = String(block.end_line);
  // The backend sanitised this HTML; a template parses it inertly (no script runs).
  const template = doc.createElement("template");
  template.innerHTML = block.html;
  el.appendChild(template.content);
  return el;
}

export class BlockPatcher {
  private entries: Entry[] = [];

  constructor(
    readonly container: HTMLElement,
    private readonly watcher: ChunkWatcher | null = null,
    /** Empties the blocks dropped, so their content is freed before a garbage collection. */
    private readonly discarder: Pick<IdleDiscarder, "discard"> | null = null,
  ) {}

  /**
   * Makes the container's blocks match `blocks` in order. The unchanged runs at both ends
   * are kept without a look; in between, elements whose key appears again are reused (moved
   * only if their order changed), the rest removed. Duplicate keys (two identical
   * paragraphs) are matched first-come, first-served.
   */
  patch(blocks: Block[]): PatchStats {
    const old = this.entries;
    let head = 0;
    while (head < old.length && head < blocks.length && old[head].key === blocks[head].key) head++;
    let tail = 0;
    while (
      tail < old.length - head &&
      tail < blocks.length - head &&
      old[old.length - 1 - tail].key === blocks[blocks.length - 1 - tail].key
    )
      tail++;
    const stats = this.replaceMiddle(head, tail, blocks.slice(head, blocks.length - tail)) as PatchStats;
    // Lines shift when text above changes; content does not.
    this.entries.forEach((entry, i) => this.place(entry, blocks[i].start_line, blocks[i].end_line));
    return stats;
  }

  /**
   * Applies a splice of what is shown: the first `head` and last `tail` blocks stay (the
   * tail moved by `lineShift` lines), and `middle` replaces the blocks between. A middle
   * block without HTML reuses a replaced block of the same key. Returns null, changing
   * nothing, when the splice does not fit what is shown.
   */
  splice(head: number, tail: number, lineShift: number, middle: SplicedBlock[]): PatchStats | null {
    const old = this.entries;
    if (head + tail > old.length) return null;
    const stats = this.replaceMiddle(head, tail, middle);
    if (stats === null) return null;
    if (lineShift !== 0) {
      for (let i = this.entries.length - tail; i < this.entries.length; i++) {
        const entry = this.entries[i];
        this.place(entry, entry.start + lineShift, entry.end + lineShift);
      }
    }
    middle.forEach((block, i) => this.place(this.entries[head + i], block.start_line, block.end_line));
    return stats;
  }

  private place(entry: Entry, start: number, end: number): void {
    if (entry.start !== start) entry.el.dataset.line = String((entry.start = start));
    if (entry.end !== end) entry.el.dataset.endLine = String((entry.end = end));
  }

  /** Replaces the entries between the first `head` and the last `tail` with `middle`; null
   * (nothing changed) when a block without HTML has no replaced block to reuse. */
  private replaceMiddle(head: number, tail: number, middle: SplicedBlock[]): PatchStats | null {
    const old = this.entries;
    if (old.length === 0 && this.container.firstChild) this.empty(); // foreign content
    const pool = new Map<string, Entry[]>();
    for (const entry of old.slice(head, old.length - tail)) {
      const list = pool.get(entry.key);
      if (list) list.push(entry);
      else pool.set(entry.key, [entry]);
    }
    const wanted = new Map<string, number>();
    for (const block of middle) if (block.html === null) wanted.set(block.key, (wanted.get(block.key) ?? 0) + 1);
    for (const [key, count] of wanted) if ((pool.get(key)?.length ?? 0) < count) return null;

    const stats: PatchStats = { kept: head + tail, created: 0, removed: 0 };
    const doc = this.container.ownerDocument;
    // Blocks that must reuse an element take theirs first, so one with HTML cannot take it.
    const taken = middle.map((block) => (block.html === null ? pool.get(block.key)?.shift() : undefined));
    const fresh = middle.map((block, i): Entry => {
      const reused = taken[i] ?? pool.get(block.key)?.shift();
      if (reused) {
        stats.kept++;
        return reused;
      }
      stats.created++;
      const html = block.html as string;
      return { key: block.key, start: block.start_line, end: block.end_line, el: createBlockElement(doc, { ...block, html }) };
    });
    // Removed first, so that placing the middle below moves nothing that kept its place.
    const emptied = new Set<Element>();
    for (const leftovers of pool.values()) {
      for (const entry of leftovers) {
        if (entry.el.parentElement) emptied.add(entry.el.parentElement);
        entry.el.remove();
        this.discarder?.discard(entry.el);
        stats.removed++;
      }
    }
    this.dropEmpty(emptied);
    if (old.length === 0) {
      this.container.append(...this.inChunks(fresh.map((entry) => entry.el)));
    } else {
      const grown = new Set<Element>();
      let prev: HTMLElement | null = head > 0 ? old[head - 1].el : null;
      for (const entry of fresh) {
        if (entry.el !== this.following(prev)) {
          if (entry.el.parentElement) emptied.add(entry.el.parentElement);
          this.insertAfter(prev, entry.el);
          grown.add(entry.el.parentElement!);
        }
        prev = entry.el;
      }
      this.dropEmpty(emptied);
      for (const chunk of grown) if (chunk.parentElement === this.container && chunk.childElementCount > 2 * CHUNK_SIZE) this.split(chunk);
    }
    this.entries = [...old.slice(0, head), ...fresh, ...old.slice(old.length - tail)];
    return stats;
  }

  /** The block element after `prev` in document order (the first block when `prev` is null). */
  private following(prev: HTMLElement | null): Element | null {
    if (prev === null) return this.container.firstElementChild?.firstElementChild ?? null;
    return prev.nextElementSibling ?? prev.parentElement?.nextElementSibling?.firstElementChild ?? null;
  }

  private insertAfter(prev: HTMLElement | null, el: HTMLElement): void {
    if (prev) {
      prev.after(el);
      return;
    }
    const first = this.container.firstElementChild ?? this.container.appendChild(this.newChunk());
    first.prepend(el);
  }

  private dropEmpty(chunks: Set<Element>): void {
    for (const chunk of chunks) {
      if (chunk === this.container || chunk.childElementCount > 0) continue;
      chunk.remove();
      this.watcher?.removed(chunk);
    }
    chunks.clear();
  }

  private newChunk(): HTMLElement {
    const chunk = this.container.ownerDocument.createElement("div");
    chunk.className = CHUNK_CLASS;
    this.watcher?.added(chunk);
    return chunk;
  }

  /** `els` in new chunks of CHUNK_SIZE, in order, each with its estimated height. */
  private inChunks(els: HTMLElement[]): HTMLElement[] {
    const chunks: HTMLElement[] = [];
    for (let i = 0; i < els.length; i += CHUNK_SIZE) {
      const chunk = this.newChunk();
      const blocks = els.slice(i, i + CHUNK_SIZE);
      chunk.append(...blocks);
      const lines = blocks.reduce((sum, el) => sum + Number(el.dataset.endLine) - Number(el.dataset.line) + 1, 0);
      // "auto": once laid out, the chunk keeps its real height while away from the view.
      chunk.style.setProperty("contain-intrinsic-size", `auto ${Math.round(lines * ESTIMATED_LINE_PX)}px`);
      chunks.push(chunk);
    }
    return chunks;
  }

  /** Cuts an overgrown chunk (a paste of many blocks) into chunks of CHUNK_SIZE. */
  private split(chunk: Element): void {
    chunk.after(...this.inChunks((Array.from(chunk.children) as HTMLElement[]).slice(CHUNK_SIZE)));
  }

  /**
   * Takes every block out of the container as it is, for `restore` to put back (a preview
   * kept while another post is shown). The container is left empty and the patcher with it.
   */
  detach(): DetachedBlocks {
    const detached = { entries: this.entries, chunks: Array.from(this.container.children) };
    this.entries = [];
    this.empty();
    return detached;
  }

  /** Puts back blocks `detach` took out, in place of what the container holds. */
  restore(detached: DetachedBlocks): void {
    this.clear();
    this.entries = detached.entries;
    this.container.append(...detached.chunks);
    for (const chunk of detached.chunks) this.watcher?.added(chunk);
  }

  /** Frees blocks `detach` took out that will not be put back. */
  drop(detached: DetachedBlocks): void {
    for (const entry of detached.entries) this.discarder?.discard(entry.el);
  }

  /** Forgets every block and empties the container. */
  clear(): void {
    const dropped = this.entries;
    this.entries = [];
    this.empty();
    for (const entry of dropped) this.discarder?.discard(entry.el);
  }

  private empty(): void {
    for (const chunk of this.container.children) this.watcher?.removed(chunk);
    this.container.replaceChildren();
  }

  /** The block whose line range contains `line` (0-based), or the nearest one above it. */
  blockForLine(line: number): HTMLElement | null {
    const entries = this.entries;
    if (entries.length === 0) return null;
    // the last block starting at or before `line`
    let lo = 0;
    let hi = entries.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (entries[mid].start <= line) lo = mid;
      else hi = mid - 1;
    }
    return entries[lo].el;
  }
}
