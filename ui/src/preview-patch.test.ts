import { beforeEach, describe, expect, it } from "vitest";
import { BlockPatcher, CHUNK_SIZE, ESTIMATED_LINE_PX } from "./preview-patch";
import type { Block } from "./types";
import { seededRandom } from "./test-random";

const block = (key: string, start: number, html = `<p>${key}</p>`): Block => ({
  key,
  start_line: start,
  end_line: start,
  html,
});

let container: HTMLElement;
let patcher: BlockPatcher;
beforeEach(() => {
  container = document.createElement("div");
  patcher = new BlockPatcher(container);
});

const blockEls = () => Array.from(container.querySelectorAll<HTMLElement>(".ds-block"));
const keys = () => blockEls().map((c) => c.dataset.key);

describe("BlockPatcher.patch", () => {
  it("renders blocks in order with line data", () => {
    patcher.patch([block("a", 0), block("b", 2, "<h2>B</h2>")]);
    expect(keys()).toEqual(["a", "b"]);
    const second = blockEls()[1] as HTMLElement;
    expect(second.dataset.line).toBe("2");
    expect(second.dataset.endLine).toBe("2");
    expect(second.querySelector("h2")?.textContent).toBe("B");
  });

  it("keeps the DOM nodes of unchanged keys and replaces changed ones", () => {
    patcher.patch([block("a", 0), block("b", 1), block("c", 2)]);
    const [a, b, c] = blockEls();
    const stats = patcher.patch([block("a", 0), block("b2", 1), block("c", 3)]);
    const [a2, b2, c2] = blockEls();
    expect(a2).toBe(a);
    expect(c2).toBe(c);
    expect(b2).not.toBe(b);
    expect(b.isConnected).toBe(false);
    expect(keys()).toEqual(["a", "b2", "c"]);
    expect((c2 as HTMLElement).dataset.line).toBe("3");
    expect(stats).toEqual({ kept: 2, created: 1, removed: 1 });
  });

  it("handles insertion, removal and reordering", () => {
    patcher.patch([block("a", 0), block("b", 1), block("c", 2)]);
    const nodes = new Map(blockEls().map((n) => [(n as HTMLElement).dataset.key, n]));
    patcher.patch([block("c", 0), block("new", 1), block("a", 2)]);
    expect(keys()).toEqual(["c", "new", "a"]);
    expect(blockEls()[0]).toBe(nodes.get("c"));
    expect(blockEls()[2]).toBe(nodes.get("a"));
    expect(nodes.get("b")!.isConnected).toBe(false);
  });

  it("matches duplicate keys one to one", () => {
    patcher.patch([block("same", 0), block("same", 2)]);
    const [first, second] = blockEls();
    patcher.patch([block("same", 0), block("x", 1), block("same", 2)]);
    expect(keys()).toEqual(["same", "x", "same"]);
    expect(blockEls()[0]).toBe(first);
    expect(blockEls()[2]).toBe(second);
  });

  it("does not run scripts or keep foreign children", () => {
    container.appendChild(document.createElement("span"));
    patcher.patch([block("a", 0)]);
    expect(keys()).toEqual(["a"]);
  });
});

describe("BlockPatcher.blockForLine", () => {
  it("finds the block containing a line, or the one above a gap", () => {
    patcher.patch([
      { key: "h", start_line: 5, end_line: 5, html: "<h1>T</h1>" },
      { key: "p", start_line: 7, end_line: 9, html: "<p>x</p>" },
      { key: "q", start_line: 11, end_line: 11, html: "<p>y</p>" },
    ]);
    expect(patcher.blockForLine(8)?.dataset.key).toBe("p");
    expect(patcher.blockForLine(10)?.dataset.key).toBe("p");
    expect(patcher.blockForLine(11)?.dataset.key).toBe("q");
    expect(patcher.blockForLine(0)?.dataset.key).toBe("h");
  });
});

describe("BlockPatcher moves", () => {
  /** Every node the webview had to insert or remove (a moved node counts in both). */
  async function mutationsDuring(run: () => void): Promise<{ added: number; removed: number }> {
    const seen = { added: 0, removed: 0 };
    const isBlock = (n: Node) => n instanceof HTMLElement && n.classList.contains("ds-block");
    const count = (records: MutationRecord[]) => {
      for (const r of records) {
        seen.added += Array.from(r.addedNodes).filter(isBlock).length;
        seen.removed += Array.from(r.removedNodes).filter(isBlock).length;
      }
    };
    const observer = new MutationObserver(count);
    observer.observe(container, { childList: true, subtree: true });
    run();
    await Promise.resolve();
    count(observer.takeRecords());
    observer.disconnect();
    return seen;
  }

  const many = (n: number, changed = -1) =>
    Array.from({ length: n }, (_, i) => block(i === changed ? `edited-${i}` : `k${i}`, i));

  it("an edit in the middle replaces that block alone and moves none after it", async () => {
    patcher.patch(many(200));
    const after = blockEls()[150];
    const seen = await mutationsDuring(() => patcher.patch(many(200, 100)));
    expect(seen).toEqual({ added: 1, removed: 1 });
    expect(blockEls()[150]).toBe(after);
    expect(keys()[100]).toBe("edited-100");
  });

  it("a block inserted or deleted in the middle touches only that block", async () => {
    patcher.patch(many(50));
    const withExtra = [...many(50).slice(0, 20), block("new", 20), ...many(50).slice(20)];
    expect(await mutationsDuring(() => patcher.patch(withExtra))).toEqual({ added: 1, removed: 0 });
    expect(await mutationsDuring(() => patcher.patch(many(50)))).toEqual({ added: 0, removed: 1 });
    expect(keys()).toEqual(many(50).map((b) => b.key));
  });

  it("keeps lines right after text above a block gained lines", () => {
    patcher.patch([block("a", 0), block("b", 2), block("c", 4)]);
    patcher.patch([block("a2", 0), block("b", 5), block("c", 7)]);
    expect(blockEls().map((c) => (c as HTMLElement).dataset.line)).toEqual(["0", "5", "7"]);
    expect(patcher.blockForLine(6)?.dataset.key).toBe("b");
    expect(patcher.blockForLine(7)?.dataset.key).toBe("c");
  });
});

describe("BlockPatcher chunks", () => {
  const chunkSizes = () => Array.from(container.children).map((c) => c.childElementCount);

  it("puts a first render in chunks of CHUNK_SIZE", () => {
    patcher.patch(Array.from({ length: CHUNK_SIZE * 2 + 5 }, (_, i) => block(`k${i}`, i)));
    expect(chunkSizes()).toEqual([CHUNK_SIZE, CHUNK_SIZE, 5]);
    expect(Array.from(container.children).every((c) => c.className === "ds-chunk")).toBe(true);
  });

  it("keeps order, no empty chunk and no overgrown one through random edits", () => {
    const random = seededRandom(7);
    let current = Array.from({ length: 150 }, (_, i) => block(`k${i}`, i));
    patcher.patch(current);
    for (let step = 0; step < 100; step++) {
      const next = [...current];
      const at = random(next.length + 1);
      const kind = random(4);
      if (kind === 0) next.splice(at, random(5), block(`new${step}`, 0)); // edit or replace a run
      else if (kind === 1) next.splice(at, 0, ...Array.from({ length: random(200) }, (_, i) => block(`paste${step}-${i}`, 0)));
      else if (kind === 2) next.splice(at, random(200)); // delete a run
      else next.splice(at, 0, ...next.splice(random(next.length), 1)); // move one block
      current = next.map((b, i) => ({ ...b, start_line: i, end_line: i }));
      patcher.patch(current);
      expect(keys()).toEqual(current.map((b) => b.key));
      expect(chunkSizes().filter((n) => n === 0 || n > 2 * CHUNK_SIZE), `step ${step} kind ${kind}`).toEqual([]);
      expect(blockEls().map((el) => el.dataset.line)).toEqual(current.map((b) => String(b.start_line)));
    }
  });

  it("estimates each new chunk's height from the source lines of its blocks", () => {
    // the first chunk's blocks span 3 lines each, the second's 1
    const blocks = Array.from({ length: CHUNK_SIZE + 2 }, (_, i) =>
      i < CHUNK_SIZE ? { ...block(`k${i}`, 3 * i), end_line: 3 * i + 2 } : block(`k${i}`, 3 * CHUNK_SIZE + i),
    );
    patcher.patch(blocks);
    const sizes = Array.from(container.children, (c) => (c as HTMLElement).style.getPropertyValue("contain-intrinsic-size"));
    expect(sizes).toEqual([`auto ${3 * CHUNK_SIZE * ESTIMATED_LINE_PX}px`, `auto ${2 * ESTIMATED_LINE_PX}px`]);
  });

  it("tells its watcher of every chunk it adds and takes out", () => {
    const watched = new Set<Element>();
    container = document.createElement("div");
    patcher = new BlockPatcher(container, { added: (c) => watched.add(c), removed: (c) => watched.delete(c) });
    const inContainer = () => new Set(container.children);
    patcher.patch(Array.from({ length: CHUNK_SIZE * 3 }, (_, i) => block(`k${i}`, i)));
    expect(watched).toEqual(inContainer());
    patcher.patch(Array.from({ length: 10 }, (_, i) => block(`k${i}`, i))); // the later chunks emptied
    expect(watched).toEqual(inContainer());
    patcher.patch(Array.from({ length: CHUNK_SIZE * 4 }, (_, i) => block(`p${i}`, i))); // a paste splits a chunk
    expect(watched).toEqual(inContainer());
    expect(container.children.length).toBeGreaterThan(1);
    patcher.clear();
    expect(watched.size).toBe(0);
  });
});

describe("BlockPatcher and the blocks it drops", () => {
  it("hands every block it drops to the discarder, and none it keeps", () => {
    const dropped: Element[] = [];
    const discarding = new BlockPatcher(container, null, { discard: (el) => dropped.push(el) });
    discarding.patch([block("a", 0), block("b", 1), block("c", 2), block("d", 3)]);
    const [a, b, c, d] = blockEls();
    discarding.patch([block("a", 0), block("b2", 1), block("d", 3)]);
    expect(dropped).toHaveLength(2);
    expect(dropped[0]).toBe(b);
    expect(dropped[1]).toBe(c);
    expect(dropped.every((el) => !el.isConnected)).toBe(true);
    dropped.length = 0;
    const [, b2] = blockEls();
    discarding.clear();
    expect(dropped).toHaveLength(3);
    [a, b2, d].forEach((el, i) => expect(dropped[i]).toBe(el));
  });

  it("never drops a block it still shows, through random patches and splices reusing blocks", () => {
    const dropped = new Set<Element>();
    const discarding = new BlockPatcher(container, null, { discard: (el) => dropped.add(el) });
    const random = seededRandom(11);
    const numbered = (blocks: Block[]) => blocks.map((b, i) => ({ ...b, start_line: i, end_line: i }));
    // duplicate keys (identical paragraphs) are matched first-come, first-served
    let current = numbered(Array.from({ length: 200 }, (_, i) => block(i % 7 === 0 ? "same" : `k${i}`, i)));
    discarding.patch(current);
    for (let step = 0; step < 200; step++) {
      const at = random(current.length + 1);
      const kind = random(3);
      if (kind < 2) {
        const next = [...current];
        if (kind === 0) next.splice(at, random(6), block(`new${step}`, 0), block("same", 0));
        else next.splice(at, random(40));
        current = numbered(next);
        discarding.patch(current);
      } else {
        // the same blocks in reverse, reused without their HTML
        const length = Math.min(random(12), current.length - at);
        const middle = current.slice(at, at + length).reverse();
        discarding.splice(at, current.length - at - length, 0, middle.map((b, i) => ({ ...b, start_line: at + i, end_line: at + i, html: null })));
        current = numbered([...current.slice(0, at), ...middle, ...current.slice(at + length)]);
      }
      expect(keys()).toEqual(current.map((b) => b.key));
      for (const el of blockEls()) expect(dropped.has(el), `step ${step}`).toBe(false);
      for (const el of dropped) expect(el.isConnected).toBe(false);
    }
    expect(dropped.size).toBeGreaterThan(100);
  });
});

describe("BlockPatcher.detach and restore", () => {
  it("takes every block out as it is and puts the same elements back, patchable again", () => {
    const watched = new Set<Element>();
    const dropped: Element[] = [];
    const keeping = new BlockPatcher(container, { added: (c) => watched.add(c), removed: (c) => watched.delete(c) }, { discard: (el) => dropped.push(el) });
    const blocks = Array.from({ length: CHUNK_SIZE + 5 }, (_, i) => block(`k${i}`, i));
    keeping.patch(blocks);
    const shown = blockEls();
    const detached = keeping.detach();
    expect(container.children.length).toBe(0);
    expect(watched.size).toBe(0);
    expect(keeping.blockForLine(3)).toBeNull();
    keeping.patch([block("other", 0)]); // another post shown meanwhile
    keeping.restore(detached);
    expect(dropped.map((el) => el.textContent)).toEqual(["other"]);
    expect(watched).toEqual(new Set(container.children));
    const back = blockEls();
    expect(back).toHaveLength(shown.length);
    back.forEach((el, i) => expect(el).toBe(shown[i]));
    expect(keeping.blockForLine(3)).toBe(shown[3]);
    // A later update of the restored blocks keeps what did not change.
    const stats = keeping.patch([...blocks.slice(0, 2), block("new", 2), ...blocks.slice(3)]);
    expect(stats).toEqual({ kept: blocks.length - 1, created: 1, removed: 1 });
    expect(blockEls()[0]).toBe(shown[0]);
  });

  it("hands the blocks of a detached preview that is dropped to the discarder", () => {
    const dropped: Element[] = [];
    const keeping = new BlockPatcher(container, null, { discard: (el) => dropped.push(el) });
    keeping.patch([block("a", 0), block("b", 1)]);
    const [a, b] = blockEls();
    const detached = keeping.detach();
    expect(dropped).toEqual([]);
    keeping.drop(detached);
    expect(dropped).toEqual([a, b]);
  });
});
