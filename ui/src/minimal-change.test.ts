import { describe, expect, it } from "vitest";
import { applyChange, mergeEdits, minimalChange } from "./minimal-change";
import { seededRandom } from "./test-random";

describe("minimalChange", () => {
  it("returns null for identical texts", () => {
    expect(minimalChange("same", "same")).toBeNull();
  });

  it("touches only the differing middle", () => {
    const before = "---\ntitle: Old\ndraft: true\n---\nBody stays\n";
    const after = "---\ntitle: New title\ndraft: true\n---\nBody stays\n";
    const change = minimalChange(before, after);
    expect(change).toEqual({ from: 11, to: 14, insert: "New title" });
    expect(applyChange(before, change)).toBe(after);
  });

  it("handles pure insertions and deletions at either end", () => {
    for (const [a, b] of [
      ["abc", "abcdef"],
      ["abcdef", "abc"],
      ["def", "abcdef"],
      ["abcdef", "def"],
      ["", "new"],
      ["old", ""],
      ["aaaa", "aa"],
    ]) {
      const change = minimalChange(a, b);
      expect(applyChange(a, change)).toBe(b);
      expect(change!.to - change!.from + change!.insert.length).toBe(Math.abs(a.length - b.length));
    }
  });

  it("never splits a surrogate pair", () => {
    const a = "x😀y";
    const b = "x😃y";
    const change = minimalChange(a, b)!;
    expect(change.insert).toBe("😃");
    expect(applyChange(a, change)).toBe(b);
  });

  it("round-trips random edits", () => {
    const alphabet = "ab\n-";
    const rand = seededRandom(7);
    const randomText = () =>
      Array.from({ length: rand(12) }, () => alphabet[rand(alphabet.length)]).join("");
    for (let i = 0; i < 500; i++) {
      const a = randomText();
      const b = randomText();
      expect(applyChange(a, minimalChange(a, b))).toBe(b);
    }
  });
});

describe("mergeEdits", () => {
  const base = "---\ntitle: Idea\ndraft: true\n---\nOne.\n";
  const theirs = "---\ntitle: Idea\n---\nOne.\n";

  it("keeps both edits when they touch apart parts, before or after the other", () => {
    expect(mergeEdits(base, theirs, `${base}Two.\n`)).toEqual({ text: `${theirs}Two.\n`, clean: true });
    expect(mergeEdits(base, `${base}Two.\n`, base.replace("Idea", "Plan"))).toEqual({
      text: `${base.replace("Idea", "Plan")}Two.\n`,
      clean: true,
    });
  });

  it("gives one side when the other did nothing", () => {
    expect(mergeEdits(base, theirs, base)).toEqual({ text: theirs, clean: true });
    expect(mergeEdits(base, base, `${base}x`)).toEqual({ text: `${base}x`, clean: true });
  });

  it("keeps mine whole where both changed the same part, and says theirs was not merged", () => {
    const mine = base.replace("draft: true", "draft: maybe");
    expect(mergeEdits(base, theirs, mine)).toEqual({ text: mine, clean: false });
  });
});
