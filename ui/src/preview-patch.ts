// Keyed patching of the preview: each top-level block becomes one `.ds-block` element whose
// DOM node is kept as long as its key is unchanged, so a keystroke re-lays-out one block
// rather than the whole document.
import type { Block } from "./types";

export const BLOCK_CLASS = "ds-block";

export type PatchStats = { kept: number; created: number; removed: number };

function createBlockElement(doc: Document, block: Block): HTMLElement {
  const el = doc.createElement("div");
  el.className = BLOCK_CLASS;
  el.dataset.key = block.key;
  setLines(el, block);
  // The backend sanitised this HTML; a template parses it inertly (no script runs).
  const template = doc.createElement("template");
  template.innerHTML = block.html;
  el.appendChild(template.content);
  return el;
}

function setLines(el: HTMLElement, block: Block): void {
  const start = String(block.start_line);
  const end = String(block.end_line);
  if (el.dataset.line !== start) el.dataset.line = start;
  if (el.dataset.endLine !== end) el.dataset.endLine = end;
}

/**
 * Makes `container`'s children match `blocks` in order. Elements whose key appears in the
 * new list are reused (and moved if needed); the rest are removed. Duplicate keys (two
 * identical paragraphs) are matched first-come, first-served.
 */
export function patchBlocks(container: HTMLElement, blocks: Block[]): PatchStats {
  const doc = container.ownerDocument;
  const available = new Map<string, HTMLElement[]>();
  for (const child of Array.from(container.children)) {
    const el = child as HTMLElement;
    const key = el.classList.contains(BLOCK_CLASS) ? el.dataset.key : undefined;
    if (key === undefined) {
      el.remove();
      continue;
    }
    const list = available.get(key);
    if (list) list.push(el);
    else available.set(key, [el]);
  }

  const stats: PatchStats = { kept: 0, created: 0, removed: 0 };
  let cursor: Element | null = container.firstElementChild;
  for (const block of blocks) {
    const reused = available.get(block.key)?.shift();
    const el = reused ?? createBlockElement(doc, block);
    if (reused) {
      stats.kept++;
      setLines(el, block); // lines shift when text above changes; content does not
    } else {
      stats.created++;
    }
    if (el === cursor) {
      cursor = cursor.nextElementSibling;
    } else {
      container.insertBefore(el, cursor);
    }
  }
  for (const leftovers of available.values()) {
    for (const el of leftovers) {
      el.remove();
      stats.removed++;
    }
  }
  return stats;
}

/** The block whose line range contains `line` (0-based), or the nearest one above it. */
export function blockForLine(container: HTMLElement, line: number): HTMLElement | null {
  let best: HTMLElement | null = null;
  for (const child of Array.from(container.children)) {
    const el = child as HTMLElement;
    const start = Number(el.dataset.line);
    if (Number.isNaN(start)) continue;
    if (start > line) break;
    best = el;
    if (line <= Number(el.dataset.endLine)) break;
  }
  return best ?? (container.firstElementChild as HTMLElement | null);
}
