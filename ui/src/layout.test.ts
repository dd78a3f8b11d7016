import { beforeEach, describe, expect, it } from "vitest";
import { clampWidths, defaultWidths, loadWidths, setupLayout } from "./layout";

describe("pane widths", () => {
  beforeEach(() => localStorage.clear());

  it("keeps sensible widths and leaves room for the editor", () => {
    expect(clampWidths({ posts: 300, preview: 400 }, 1360)).toEqual({ posts: 300, preview: 400 });
    const squeezed = clampWidths({ posts: 600, preview: 600 }, 1000);
    expect(squeezed.posts + squeezed.preview).toBeLessThanOrEqual(1000 - 12 - 360);
    expect(clampWidths({ posts: 10, preview: 20 }, 1360)).toEqual({ posts: 160, preview: 160 });
  });

  it("remembers widths and survives corrupt storage", () => {
    expect(loadWidths()).toBeNull();
    localStorage.setItem("draftsmith.panes", JSON.stringify({ posts: 333, preview: 444 }));
    expect(loadWidths()).toEqual({ posts: 333, preview: 444 });
    localStorage.setItem("draftsmith.panes", "{not json");
    expect(loadWidths()).toBeNull();
  });

  describe("in the window", () => {
    let width = 0;
    const panes = () => document.getElementById("panes")!;
    const shown = () => [panes().style.getPropertyValue("--posts-width"), panes().style.getPropertyValue("--preview-width")];
    const resizeTo = (w: number) => {
      width = w;
      window.dispatchEvent(new Event("resize"));
    };
    beforeEach(() => {
      document.body.innerHTML = '<main id="panes"><div data-splitter="posts" tabindex="0"></div></main>';
      Object.defineProperty(panes(), "clientWidth", { configurable: true, get: () => width });
    });

    it("follows the window's size with the default widths until the user chooses", () => {
      width = 1024; // the page is built before the hidden window has its final size
      setupLayout(document);
      expect(shown()).toEqual(["205px", "369px"]);
      resizeTo(1360);
      expect(shown()).toEqual(["272px", "490px"]);
    });

    it("gives the chosen widths back when the window grows again", () => {
      width = 1360;
      setupLayout(document);
      document.querySelector("[data-splitter]")!.dispatchEvent(new KeyboardEvent("keydown", { key: "ArrowRight" }));
      expect(shown()).toEqual(["288px", "490px"]);
      expect(loadWidths()).toEqual({ posts: 288, preview: 490 });
      resizeTo(900); // squeezed to leave the editor its room
      expect(shown()).not.toEqual(["288px", "490px"]);
      resizeTo(1360);
      expect(shown()).toEqual(["288px", "490px"]);
    });

    it("keeps the other pane's choice when one pane is resized in a small window", () => {
      localStorage.setItem("draftsmith.panes", JSON.stringify({ posts: 288, preview: 490 }));
      width = 900;
      setupLayout(document);
      expect(shown()).toEqual(["195px", "332px"]); // squeezed
      document.querySelector("[data-splitter]")!.dispatchEvent(new KeyboardEvent("keydown", { key: "ArrowLeft" }));
      expect(loadWidths()?.preview).toBe(490);
      resizeTo(1360);
      expect(shown()[1]).toBe("490px");
    });

    it("a key that moves nothing leaves the default widths following the window", () => {
      width = 700;
      setupLayout(document);
      expect(shown()[0]).toBe("160px"); // already at its minimum
      document.querySelector("[data-splitter]")!.dispatchEvent(new KeyboardEvent("keydown", { key: "ArrowLeft" }));
      expect(shown()[0]).toBe("160px");
      expect(loadWidths()).toBeNull();
      resizeTo(1360);
      expect(shown()).toEqual(["272px", "490px"]);
    });
  });

  it("scales first-run widths with the window", () => {
    expect(defaultWidths(1360)).toEqual({ posts: 272, preview: 490 });
    expect(defaultWidths(1024)).toEqual({ posts: 205, preview: 369 });
    expect(defaultWidths(3000)).toEqual({ posts: 300, preview: 560 });
  });
});
