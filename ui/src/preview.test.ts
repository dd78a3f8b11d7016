import { beforeEach, describe, expect, it, vi } from "vitest";
import { Preview, classifyLink } from "./preview";

describe("classifyLink", () => {
  it("opens only http, https and mailto externally", () => {
    expect(classifyLink("https://example.com/a?b")).toEqual({ kind: "external", url: "https://example.com/a?b" });
    expect(classifyLink("mailto:me@example.com")).toEqual({ kind: "external", url: "mailto:me@example.com" });
    expect(classifyLink("javascript:alert(1)")).toEqual({ kind: "blocked" });
    expect(classifyLink(" JavaScript:alert(1)")).toEqual({ kind: "blocked" });
    expect(classifyLink("file:///etc/passwd")).toEqual({ kind: "blocked" });
    expect(classifyLink("other-post.md")).toEqual({ kind: "blocked" });
    expect(classifyLink(null)).toEqual({ kind: "blocked" });
  });

  it("treats #fragments as in-page jumps", () => {
    expect(classifyLink("#the-end")).toEqual({ kind: "fragment", id: "the-end" });
    expect(classifyLink("#caf%C3%A9")).toEqual({ kind: "fragment", id: "café" });
    expect(classifyLink("#")).toEqual({ kind: "blocked" });
  });
});

describe("Preview clicks", () => {
  let container: HTMLElement;
  let openExternal: ReturnType<typeof vi.fn>;
  let onBlockClicked: ReturnType<typeof vi.fn>;

  beforeEach(() => {
    document.body.innerHTML = '<article id="preview"></article>';
    container = document.getElementById("preview")!;
    openExternal = vi.fn();
    onBlockClicked = vi.fn();
    const preview = new Preview(container, { openExternal, onBlockClicked });
    preview.show({
      html: "",
      headings: [],
      word_count: 0,
      blocks: [
        { key: "1", start_line: 4, end_line: 4, html: '<p><a href="javascript:alert(1)">bad</a> <a href="http://ex.org/">ok</a></p>' },
        { key: "2", start_line: 6, end_line: 8, html: '<h2 id="end">End</h2>' },
      ],
    });
  });

  const click = (el: Element) => {
    const event = new MouseEvent("click", { bubbles: true, cancelable: true });
    el.dispatchEvent(event);
    return event;
  };

  it("never follows javascript: links and opens http through the backend", () => {
    const [bad, ok] = Array.from(container.querySelectorAll("a"));
    expect(click(bad).defaultPrevented).toBe(true);
    expect(openExternal).not.toHaveBeenCalled();
    expect(click(ok).defaultPrevented).toBe(true);
    expect(openExternal).toHaveBeenCalledWith("http://ex.org/");
    expect(onBlockClicked).not.toHaveBeenCalled();
  });

  it("moves the editor to a clicked block's first line", () => {
    click(container.querySelector("h2")!);
    expect(onBlockClicked).toHaveBeenCalledWith(6);
  });
});
