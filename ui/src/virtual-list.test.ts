import { describe, expect, it } from "vitest";
import { PARKED_ROWS, VirtualList, visibleRange } from "./virtual-list";

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

/** A list of text rows 20 px high in a viewport 100 px high; `drawn` counts each item drawn. */
function textList() {
  const viewport = document.createElement("div");
  Object.defineProperty(viewport, "clientHeight", { value: 100 });
  document.body.appendChild(viewport);
  const drawn = new Map<string, number>();
  const list = new VirtualList<string>(viewport, 20, (item, el) => {
    el.textContent = item;
    drawn.set(item, (drawn.get(item) ?? 0) + 1);
  });
  /** The rows in view, top to bottom. */
  const shown = () =>
    [...viewport.querySelectorAll<HTMLElement>(".vlist-row")]
      .sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top))
      .map((el) => el.textContent);
  const parked = () => [...viewport.querySelectorAll<HTMLElement>(".vlist-row-parked")];
  return { viewport, list, drawn, shown, parked };
}

const rows = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix} ${i}`);

describe("VirtualList", () => {
  it("renders only the rows in view", () => {
    const { viewport, list, shown } = textList();
    list.setItems(rows("row", 50_000));
    const rendered = list.renderedIndices();
    expect(rendered.length).toBeLessThan(20);
    expect(rendered[0]).toBe(0);
    expect(shown()[0]).toBe("row 0");
    expect(shown()).not.toContain("row 100");

    viewport.scrollTop = 20 * 1000;
    list.render();
    expect(list.renderedIndices()).toContain(1000);
    expect(list.renderedIndices()).not.toContain(0);
    expect(shown()).toContain("row 1000");
    expect(shown()).not.toContain("row 0");
  });

  it("moves a row whose item is still in view instead of drawing it again", () => {
    const { viewport, list, drawn, shown } = textList();
    const items = rows("row", 100);
    list.setItems(items);
    const row3 = [...viewport.querySelectorAll<HTMLElement>(".vlist-row")].find((el) => el.textContent === "row 3");
    // A search that drops rows 0-2: row 3 is now first, the same element, drawn once.
    list.setItems(items.slice(3));
    expect(shown().slice(0, 2)).toEqual(["row 3", "row 4"]);
    expect(row3?.style.top).toBe("0px");
    expect(row3?.isConnected).toBe(true);
    expect(drawn.get("row 3")).toBe(1);
    expect(drawn.get(`row ${3 + list.renderedIndices().length - 1}`)).toBe(1);
  });

  it("parks the rows that leave, hidden at the top, and shows them again for their item undrawn", () => {
    const { list, drawn, shown, parked } = textList();
    const items = rows("row", 100);
    list.setItems(items);
    const before = shown();
    list.setItems(["only", "two"]);
    expect(list.renderedIndices()).toEqual([0, 1]);
    expect(shown()).toEqual(["only", "two"]);
    expect(parked().length).toBe(before.length);
    expect(parked().every((el) => el.style.top === "0px")).toBe(true);

    list.setItems(items);
    expect(shown()).toEqual(before);
    expect(parked().map((el) => el.textContent).sort()).toEqual(["only", "two"]);
    for (const item of before) expect(drawn.get(item)).toBe(1);
  });

  it("keeps at most PARKED_ROWS parked rows, dropping the oldest", () => {
    const { viewport, list, parked } = textList();
    for (let round = 0; round < 20; round++) list.setItems(rows(`round ${round}`, 100));
    expect(parked().length).toBe(PARKED_ROWS);
    const texts = parked().map((el) => el.textContent);
    expect(texts).toContain("round 18 0");
    expect(texts).not.toContain("round 0 0");
    expect(viewport.querySelectorAll(".vlist-spacer > *").length).toBe(PARKED_ROWS + list.renderedIndices().length);
  });

  it("drops its parked rows when it gets another width, not when the width stays", () => {
    const { list, parked } = textList();
    list.resized(300);
    list.setItems(rows("row", 100));
    list.setItems(rows("other", 100));
    const count = parked().length;
    expect(count).toBeGreaterThan(0);
    list.resized(300);
    expect(parked().length).toBe(count);
    list.resized(310);
    expect(parked()).toEqual([]);
    expect(list.renderedIndices().length).toBeGreaterThan(0);
  });

  it("hands every drawn row, in view or parked, to forEachRow, drawing none again", () => {
    const { list, drawn, shown, parked } = textList();
    list.setItems(rows("row", 100));
    list.setItems(rows("other", 100));
    const seen = new Map<string, HTMLElement>();
    list.forEachRow((item, el) => seen.set(item, el));
    expect([...seen.keys()].sort()).toEqual([...shown(), ...parked().map((el) => el.textContent)].sort());
    expect(seen.get("row 0")?.classList.contains("vlist-row-parked")).toBe(true);
    expect([...drawn.values()].every((n) => n === 1)).toBe(true);
  });

  it("shows an item listed twice in two rows", () => {
    const { list, shown } = textList();
    list.setItems(["a", "a", "b"]);
    list.setItems(["b", "a", "a"]);
    expect(shown()).toEqual(["b", "a", "a"]);
    list.setItems(["a"]);
    expect(shown()).toEqual(["a"]);
  });
});
