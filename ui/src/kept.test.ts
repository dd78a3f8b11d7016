import { describe, expect, it } from "vitest";
import { KEPT_POSTS, KEPT_TEXT_TOTAL, KeptByPost } from "./kept";

describe("KeptByPost", () => {
  it("gives back what it kept for a post once", () => {
    const kept = new KeptByPost<string>();
    kept.keep("a.md", "A", 10);
    expect(kept.take("b.md")).toBeUndefined();
    expect(kept.take("a.md")).toBe("A");
    expect(kept.take("a.md")).toBeUndefined();
  });

  it("drops one post's item or every item, telling of each", () => {
    const dropped: string[] = [];
    const kept = new KeptByPost<string>((item) => dropped.push(item));
    for (const name of ["a", "b", "c"]) kept.keep(`${name}.md`, name.toUpperCase(), 10);
    kept.forget("a.md");
    kept.forget("gone.md");
    expect(dropped).toEqual(["A"]);
    kept.forget(null);
    expect(dropped).toEqual(["A", "B", "C"]);
    expect(kept.size).toBe(0);
    expect(kept.take("b.md")).toBeUndefined();
  });

  it("keeps at most KEPT_POSTS, dropping the oldest first", () => {
    const dropped: string[] = [];
    const kept = new KeptByPost<string>((item) => dropped.push(item));
    for (let i = 0; i < KEPT_POSTS + 2; i++) kept.keep(`${i}.md`, `item ${i}`, 10);
    expect(kept.size).toBe(KEPT_POSTS);
    expect(dropped).toEqual(["item 0", "item 1"]);
    expect(kept.take("2.md")).toBe("item 2");
    kept.keep("2.md", "item 2", 10); // kept again: now the newest
    kept.keep("new.md", "new", 10);
    expect(dropped).toEqual(["item 0", "item 1", "item 3"]);
  });

  it("keeps texts of at most KEPT_TEXT_TOTAL together, and none longer alone", () => {
    const dropped: string[] = [];
    const kept = new KeptByPost<string>((item) => dropped.push(item));
    const third = Math.floor(KEPT_TEXT_TOTAL / 3);
    for (const name of ["a", "b", "c"]) kept.keep(name, name, third);
    expect(dropped).toEqual([]);
    kept.keep("d", "d", third);
    expect(dropped).toEqual(["a"]);
    // Too long alone: dropped at once, and the posts kept before it stay.
    kept.keep("huge", "huge", KEPT_TEXT_TOTAL + 1);
    expect(dropped).toEqual(["a", "huge"]);
    expect(kept.size).toBe(3);
    expect(kept.take("b")).toBe("b");
  });
});
