import { describe, expect, it } from "vitest";
import { anchorShift } from "./preview-anchor";

describe("anchorShift", () => {
  it("follows a chunk wholly above the view", () => {
    // laid out at last: its estimated 4,000 px became 6,500
    expect(anchorShift(10_000, [{ top: 2_000, before: 4_000, after: 6_500 }])).toBe(2_500);
    expect(anchorShift(10_000, [{ top: 6_000, before: 4_000, after: 3_000 }])).toBe(-1_000);
  });

  it("leaves a chunk the view's top cuts through, and chunks below the view", () => {
    expect(anchorShift(10_000, [{ top: 8_000, before: 4_000, after: 4_020 }])).toBe(0); // typing in it
    expect(anchorShift(10_000, [{ top: 12_000, before: 4_000, after: 9_000 }])).toBe(0);
  });

  it("places each chunk where it was before the chunks above it changed", () => {
    // The second chunk ended at 9,000 before the first grew by 3,000: above the view at 10,000,
    // though it now ends at 12,000.
    const resizes = [
      { top: 0, before: 5_000, after: 8_000 },
      { top: 8_000, before: 4_000, after: 4_500 },
    ];
    expect(anchorShift(10_000, resizes)).toBe(3_500);
    // at 8,500 the second chunk was cut by the view's top: only the first counts
    expect(anchorShift(8_500, resizes)).toBe(3_000);
  });
});
