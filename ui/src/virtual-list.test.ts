import { describe, expect, it } from "vitest";
import { VirtualList, visibleRange } from "./virtual-list";

describe("visibleRange", () => {
  it("covers the viewport plus overscan", () => {
    expect(visibleRange(0, 100, 20, 1000, 2)).toEqual({ start: 0, end: 8 });
    expect(visibleRange(400, 100, 20, 1000, 2)).toEqual({ start: 18, end: 28 });
  });

  it("clamps at the end and for empty lists", () => {
    expect(visibleRange(19_990, 100, 20, 1000, 2)).toEqual({ start: 997, end: 1000 });
    expect(visibleRange(0, 100, 20, 0)).toEqual({ start: 0, end: 0 });
  });
});

/** A list of text rows 20 px high in a viewport 100 px high. */
function textList() {
  const viewport = document.createElement("div");
  Object.defineProperty(viewport, "clientHeight", { value: 100 });
  document.body.appendChild(viewport);
  const list = new VirtualList<string>(viewport, 20, (item, el) => {
    el.textContent = item;
  });
  return { viewport, list };
}

describe("VirtualList", () => {
  it("renders only the rows in view", () => {
    const { viewport, list } = textList();
    list.setItems(Array.from({ length: 50_000 }, (_, i) => `row ${i}`));
    const rendered = list.renderedIndices();
    expect(rendered.length).toBeLessThan(20);
    expect(rendered[0]).toBe(0);
    expect(viewport.textContent).toContain("row 0");
    expect(viewport.textContent).not.toContain("row 100");

    viewport.scrollTop = 20 * 1000;
    list.render();
    expect(list.renderedIndices()).toContain(1000);
    expect(list.renderedIndices()).not.toContain(0);
    expect(viewport.textContent).toContain("row 1000");
  });

  it("renders new items into the rows it keeps, and drops rows past a shorter list", () => {
    const { viewport, list } = textList();
    list.setItems(Array.from({ length: 100 }, (_, i) => `row ${i}`));
    const first = viewport.querySelector(".vlist-spacer")?.firstElementChild;
    list.setItems(["only", "two"]);
    expect(list.renderedIndices()).toEqual([0, 1]);
    expect(viewport.querySelector(".vlist-spacer")?.firstElementChild).toBe(first);
    expect(viewport.textContent).toBe("onlytwo");
    list.setItems(Array.from({ length: 100 }, (_, i) => `new ${i}`));
    expect(viewport.textContent).toContain("new 3");
    expect(viewport.textContent).not.toContain("row");
  });
});
