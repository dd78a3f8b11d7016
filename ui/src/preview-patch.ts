// Keyed patching of the preview: each top-level block becomes one `.ds-block` element whose
// DOM node is kept as long as its key is unchanged, so a keystroke re-lays-out one block
// rather than the whole document.
//
// The patcher keeps its own list of what the container holds (key, lines, element), so a
// keystroke on a post of thousands of blocks reads no DOM to find what changed, and moves no
// element that did not move: moving a node is a removal and an insertion, and the webview
// restyles and re-lays-out every node moved (a 1 MB post took seconds per keystroke when every
// block after the edit was moved).
import type { Block } from "./types";

export const BLOCK_CLASS = "ds-block";

export type PatchStats = { kept: number; created: number; removed: number };

type Entry = { key: string; start: number; end: number; el: HTMLElement };

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

  constructor(readonly container: HTMLElement) {}

  /**
   * Makes the container's children match `blocks` in order. The unchanged runs at both ends
   * are kept without a look; in between, elements whose key appears again are reused (moved
   * only if their order changed), the rest removed. Duplicate keys (two identical
   * paragraphs) are matched first-come, first-served.
   */
  patch(blocks: Block[]): PatchStats {
    const old = this.entries;
    if (old.length === 0 && this.container.firstChild) this.container.replaceChildren(); // foreign content
    let head = 0;
    while (head < old.length && head < blocks.length && old[head].key === blocks[head].key) head++;
    let tail = 0;
    while (
      tail < old.length - head &&
      tail < blocks.length - head &&
      old[old.length - 1 - tail].key === blocks[blocks.length - 1 - tail].key
    )
      tail++;

    const pool = new Map<string, Entry[]>();
    for (const entry of old.slice(head, old.length - tail)) {
      const list = pool.get(entry.key);
      if (list) list.push(entry);
      else pool.set(entry.key, [entry]);
    }
    const stats: PatchStats = { kept: head + tail, created: 0, removed: 0 };
    const doc = this.container.ownerDocument;
    const middle = blocks.slice(head, blocks.length - tail).map((block): Entry => {
      const reused = pool.get(block.key)?.shift();
      if (reused) {
        stats.kept++;
        return reused;
      }
      stats.created++;
      return { key: block.key, start: block.start_line, end: block.end_line, el: createBlockElement(doc, block) };
    });
    // Removed first, so that placing the middle below moves nothing that kept its place.
    for (const leftovers of pool.values()) {
      for (const entry of leftovers) {
        entry.el.remove();
        stats.removed++;
      }
    }
    let cursor: Element | null = head > 0 ? old[head - 1].el.nextElementSibling : this.container.firstElementChild;
    for (const entry of middle) {
      if (entry.el === cursor) cursor = cursor.nextElementSibling;
      else this.container.insertBefore(entry.el, cursor);
    }

    this.entries = [...old.slice(0, head), ...middle, ...old.slice(old.length - tail)];
    // Lines shift when text above changes; content does not.
    this.entries.forEach((entry, i) => {
      const { start_line: start, end_line: end } = blocks[i];
      if (entry.start !== start) entry.el.dataset.line = String((entry.start = start));
      if (entry.end !== end) entry.el.dataset.endLine = String((entry.end = end));
    });
    return stats;
  }

  /** Forgets every block and empties the container. */
  clear(): void {
    this.entries = [];
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
