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
      id: 1,
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

describe("Preview updates", () => {
  const block = (key: string, html: string | null, line = 0) => ({ key, start_line: line, end_line: line, html });

  it("fills left-out HTML from what it shows and names the update it applied", () => {
    document.body.innerHTML = '<article id="preview"></article>';
    const preview = new Preview(document.getElementById("preview")!, { openExternal: vi.fn(), onBlockClicked: vi.fn() });
    expect(preview.since).toBeNull();
    preview.show({ id: 7, headings: [], word_count: 2, blocks: [block("a", "<p>one</p>"), block("b", "<p>two</p>", 2)] });
    expect(preview.since).toBe(7);
    const stats = preview.show({ id: 8, headings: [], word_count: 3, blocks: [block("a", null), block("c", "<p>three</p>", 2)] });
    expect(stats).toEqual({ kept: 1, created: 1, removed: 1 });
    expect(preview.container.textContent).toBe("onethree");
    expect(preview.since).toBe(8);
  });

  it("refuses an update that relies on HTML it does not have, and then asks for everything", () => {
    document.body.innerHTML = '<article id="preview"></article>';
    const preview = new Preview(document.getElementById("preview")!, { openExternal: vi.fn(), onBlockClicked: vi.fn() });
    preview.show({ id: 1, headings: [], word_count: 1, blocks: [block("a", "<p>one</p>")] });
    expect(preview.show({ id: 2, headings: [], word_count: 1, blocks: [block("zzz", null)] })).toBeNull();
    expect(preview.container.textContent).toBe("one");
    expect(preview.since).toBeNull();
    preview.clear();
    expect(preview.show({ id: 3, headings: [], word_count: 1, blocks: [block("a", null)] })).toBeNull();
  });
});
