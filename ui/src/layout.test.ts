import { beforeEach, describe, expect, it } from "vitest";
import { clampWidths, defaultWidths, loadWidths } from "./layout";

describe("pane widths", () => {
  beforeEach(() => localStorage.clear());

  it("keeps sensible widths and leaves room for the editor", () => {
    expect(clampWidths({ posts: 300, preview: 400 }, 1360)).toEqual({ posts: 300, preview: 400 });
    const squeezed = clampWidths({ posts: 600, preview: 600 }, 1000);
    expect(squeezed.posts + squeezed.preview).toBeLessThanOrEqual(1000 - 12 - 360);
    expect(clampWidths({ posts: 10, preview: 20 }, 1360)).toEqual({ posts: 160, preview: 160 });
  });

  it("remembers widths and survives corrupt storage", () => {
    localStorage.setItem("draftsmith.panes", JSON.stringify({ posts: 333, preview: 444 }));
    expect(loadWidths(1360)).toEqual({ posts: 333, preview: 444 });
    localStorage.setItem("draftsmith.panes", "{not json");
    expect(loadWidths(1360)).toEqual(defaultWidths(1360));
  });

  it("scales first-run widths with the window", () => {
    expect(defaultWidths(1360)).toEqual({ posts: 272, preview: 490 });
    expect(defaultWidths(1024)).toEqual({ posts: 205, preview: 369 });
    expect(defaultWidths(3000)).toEqual({ posts: 300, preview: 560 });
  });
});
