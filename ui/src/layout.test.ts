import { beforeEach, describe, expect, it } from "vitest";
import { clampWidths, loadWidths } from "./layout";

describe("pane widths", () => {
  beforeEach(() => localStorage.clear());

  it("keeps sensible widths and leaves room for the editor", () => {
    expect(clampWidths({ posts: 300, preview: 400 }, 1360)).toEqual({ posts: 300, preview: 400 });
    const squeezed = clampWidths({ posts: 600, preview: 600 }, 1000);
    expect(squeezed.posts + squeezed.preview).toBeLessThanOrEqual(1000 - 12 - 280);
    expect(clampWidths({ posts: 10, preview: 20 }, 1360)).toEqual({ posts: 160, preview: 160 });
  });

  it("remembers widths and survives corrupt storage", () => {
    localStorage.setItem("draftsmith.panes", JSON.stringify({ posts: 333, preview: 444 }));
    expect(loadWidths()).toEqual({ posts: 333, preview: 444 });
    localStorage.setItem("draftsmith.panes", "{not json");
    expect(loadWidths()).toEqual({ posts: 280, preview: 460 });
  });
});
