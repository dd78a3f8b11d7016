import { beforeEach, describe, expect, it } from "vitest";
import { blockForLine, patchBlocks } from "./preview-patch";
import type { Block } from "./types";

const block = (key: string, start: number, html = `<p>${key}</p>`): Block => ({
  key,
  start_line: start,
  end_line: start,
  html,
});

let container: HTMLElement;
beforeEach(() => {
  container = document.createElement("div");
});

const keys = () => Array.from(container.children).map((c) => (c as HTMLElement).dataset.key);

describe("patchBlocks", () => {
  it("renders blocks in order with line data", () => {
    patchBlocks(container, [block("a", 0), block("b", 2, "<h2>B</h2>")]);
    expect(keys()).toEqual(["a", "b"]);
    const second = container.children[1] as HTMLElement;
    expect(second.dataset.line).toBe("2");
    expect(second.dataset.endLine).toBe("2");
    expect(second.querySelector("h2")?.textContent).toBe("B");
  });

  it("keeps the DOM nodes of unchanged keys and replaces changed ones", () => {
    patchBlocks(container, [block("a", 0), block("b", 1), block("c", 2)]);
    const [a, b, c] = Array.from(container.children);
    const stats = patchBlocks(container, [block("a", 0), block("b2", 1), block("c", 3)]);
    const [a2, b2, c2] = Array.from(container.children);
    expect(a2).toBe(a);
    expect(c2).toBe(c);
    expect(b2).not.toBe(b);
    expect(b.isConnected).toBe(false);
    expect(keys()).toEqual(["a", "b2", "c"]);
    expect((c2 as HTMLElement).dataset.line).toBe("3");
    expect(stats).toEqual({ kept: 2, created: 1, removed: 1 });
  });

  it("handles insertion, removal and reordering", () => {
    patchBlocks(container, [block("a", 0), block("b", 1), block("c", 2)]);
    const nodes = new Map(Array.from(container.children).map((n) => [(n as HTMLElement).dataset.key, n]));
    patchBlocks(container, [block("c", 0), block("new", 1), block("a", 2)]);
    expect(keys()).toEqual(["c", "new", "a"]);
    expect(container.children[0]).toBe(nodes.get("c"));
    expect(container.children[2]).toBe(nodes.get("a"));
    expect(nodes.get("b")!.isConnected).toBe(false);
  });

  it("matches duplicate keys one to one", () => {
    patchBlocks(container, [block("same", 0), block("same", 2)]);
    const [first, second] = Array.from(container.children);
    patchBlocks(container, [block("same", 0), block("x", 1), block("same", 2)]);
    expect(keys()).toEqual(["same", "x", "same"]);
    expect(container.children[0]).toBe(first);
    expect(container.children[2]).toBe(second);
  });

  it("does not run scripts or keep foreign children", () => {
    container.appendChild(document.createElement("span"));
    patchBlocks(container, [block("a", 0)]);
    expect(keys()).toEqual(["a"]);
  });
});

describe("blockForLine", () => {
  it("finds the block containing a line, or the one above a gap", () => {
    patchBlocks(container, [
      { key: "h", start_line: 5, end_line: 5, html: "<h1>T</h1>" },
      { key: "p", start_line: 7, end_line: 9, html: "<p>x</p>" },
      { key: "q", start_line: 11, end_line: 11, html: "<p>y</p>" },
    ]);
    expect(blockForLine(container, 8)?.dataset.key).toBe("p");
    expect(blockForLine(container, 10)?.dataset.key).toBe("p");
    expect(blockForLine(container, 11)?.dataset.key).toBe("q");
    expect(blockForLine(container, 0)?.dataset.key).toBe("h");
  });
});
