import { beforeEach, describe, expect, it, vi } from "vitest";
import { KEPT_POSTS, KEPT_TEXT_TOTAL } from "./kept";
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
    // A link written without its scheme, as themes do, opens over https; `///x` names no host.
    expect(classifyLink("//example.org/a")).toEqual({ kind: "external", url: "https://example.org/a" });
    expect(classifyLink("///etc/passwd")).toEqual({ kind: "blocked" });
  });

  it("treats #fragments as in-page jumps", () => {
    expect(classifyLink("#the-end")).toEqual({ kind: "fragment", id: "the-end" });
    expect(classifyLink("#caf%C3%A9")).toEqual({ kind: "fragment", id: "café" });
    expect(classifyLink("#")).toEqual({ kind: "blocked" });
  });
});

/** The splice fields of an update that carries every block. */
const complete = { base: null, head: 0, tail: 0, line_shift: 0, render_micros: 0 };

describe("Preview clicks", () => {
  let container: HTMLElement;
  let openExternal: ReturnType<typeof vi.fn>;
  let onBlockClicked: ReturnType<typeof vi.fn>;
  let onLinkRefused: ReturnType<typeof vi.fn>;

  beforeEach(() => {
    document.body.innerHTML = '<article id="preview"></article>';
    container = document.getElementById("preview")!;
    openExternal = vi.fn();
    onBlockClicked = vi.fn();
    onLinkRefused = vi.fn();
    const preview = new Preview(container, { openExternal, onBlockClicked, onLinkRefused });
    preview.show({
      id: 1,
      ...complete,
      word_count: 0,
      blocks: [
        { key: "1", start_line: 4, end_line: 4, html: '<p><a href="javascript:alert(1)">bad</a> <a href="http://ex.org/">ok</a></p>' },
        { key: "2", start_line: 6, end_line: 8, html: '<h2 id="end">End</h2>' },
        {
          key: "3",
          start_line: 10,
          end_line: 10,
          html: '<p><a href="other-post.md">next</a> <a href="#end">up</a> <a href="#gone">lost</a> <a href="#">x</a> <a href="file:///x\u202eexe.md">f</a></p>',
        },
      ],
    });
  });

  it("says why a link it does not follow went nowhere", () => {
    const [other, up, lost, nothing, file] = Array.from(container.querySelectorAll("p a")).slice(2);
    expect(click(other).defaultPrevented).toBe(true);
    expect(onLinkRefused).toHaveBeenLastCalledWith("“other-post.md” does not open from the preview: only web (http, https) and mail links do.");
    click(up);
    click(nothing); // what the sanitiser leaves of an unsafe link: nothing to say
    expect(onLinkRefused).toHaveBeenCalledTimes(1);
    click(lost);
    expect(onLinkRefused).toHaveBeenLastCalledWith("Nothing in this post is named “#gone”.");
    click(file);
    expect(onLinkRefused).toHaveBeenLastCalledWith(expect.stringContaining("“file:///x⟨U+202E⟩exe.md” does not open"));
    expect(openExternal).not.toHaveBeenCalled();
    expect(onBlockClicked).not.toHaveBeenCalled();
  });

  const click = (el: Element) => {
    const event = new MouseEvent("click", { bubbles: true, cancelable: true });
    el.dispatchEvent(event);
    return event;
  };

  it("follows a link to an id written with %-escapes, as it is or decoded", () => {
    const own = document.body.appendChild(document.createElement("article"));
    const preview = new Preview(own, { openExternal, onBlockClicked, onLinkRefused });
    preview.show({
      id: 2,
      ...complete,
      word_count: 0,
      blocks: [
        { key: "a", start_line: 0, end_line: 0, html: '<h2 id="a%20b">A</h2><h2 id="café">B</h2>' },
        { key: "b", start_line: 2, end_line: 2, html: '<p><a href="#a%20b">raw</a> <a href="#caf%C3%A9">decoded</a></p>' },
      ],
    });
    for (const link of Array.from(own.querySelectorAll("p a"))) click(link);
    expect(onLinkRefused).not.toHaveBeenCalled();
  });

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

describe("Preview following the editor's scrolling", () => {
  it("scrolls once per frame, to the last line the editor scrolled to before it", () => {
    document.body.innerHTML = '<article id="preview"></article>';
    const preview = new Preview(document.getElementById("preview")!, { openExternal: vi.fn(), onBlockClicked: vi.fn() });
    const frames: (() => void)[] = [];
    const raf = vi.spyOn(window, "requestAnimationFrame").mockImplementation((f) => frames.push(() => f(0)));
    const scrolled = vi.spyOn(preview, "scrollToLine").mockImplementation(() => {});
    try {
      preview.follow(3);
      preview.follow(9);
      preview.follow(12); // where the scrolling stopped
      expect(frames).toHaveLength(1);
      frames.shift()!();
      expect(scrolled.mock.calls).toEqual([[12]]);
      preview.follow(20);
      frames.shift()!();
      expect(scrolled.mock.calls).toEqual([[12], [20]]);
    } finally {
      raf.mockRestore();
    }
  });
});

describe("Preview updates", () => {
  const block = (key: string, html: string | null, line = 0) => ({ key, start_line: line, end_line: line, html });
  const splice = (base: number, head: number, tail: number, line_shift: number) => ({ base, head, tail, line_shift, render_micros: 0 });
  const newPreview = () => {
    document.body.innerHTML = '<article id="preview"></article>';
    return new Preview(document.getElementById("preview")!, { openExternal: vi.fn(), onBlockClicked: vi.fn() });
  };
  const lines = (preview: Preview) =>
    Array.from(preview.container.querySelectorAll<HTMLElement>(".ds-block")).map((el) => `${el.textContent}@${el.dataset.line}`);

  it("splices an update into the one it shows and names the update it applied", () => {
    const preview = newPreview();
    expect(preview.since).toBeNull();
    preview.show({ id: 7, ...complete, word_count: 3, blocks: [block("a", "<p>one</p>"), block("b", "<p>two</p>", 2), block("c", "<p>three</p>", 4)] });
    expect(preview.since).toBe(7);
    // "two" edited into two blocks; "three" moves down a line.
    const stats = preview.show({ id: 8, ...splice(7, 1, 1, 1), word_count: 4, blocks: [block("b2", "<p>2</p>", 2), block("x", "<p>x</p>", 3)] });
    expect(stats).toEqual({ kept: 2, created: 2, removed: 1 });
    expect(lines(preview)).toEqual(["one@0", "2@2", "x@3", "three@5"]);
    expect(preview.since).toBe(8);
    // A block left without HTML reuses the replaced block with its key (here it moved).
    preview.show({ id: 9, ...splice(8, 1, 0, 0), word_count: 4, blocks: [block("c", null, 2), block("x", null, 4)] });
    expect(lines(preview)).toEqual(["one@0", "three@2", "x@4"]);
  });

  it("refuses a splice of anything but what it shows, and then asks for everything", () => {
    const preview = newPreview();
    preview.show({ id: 1, ...complete, word_count: 1, blocks: [block("a", "<p>one</p>")] });
    expect(preview.show({ id: 2, ...splice(1, 0, 0, 0), word_count: 1, blocks: [block("zzz", null)] })).toBeNull();
    expect(preview.container.textContent).toBe("one");
    expect(preview.since).toBeNull();
    preview.show({ id: 3, ...complete, word_count: 1, blocks: [block("a", "<p>one</p>")] });
    expect(preview.show({ id: 4, ...splice(2, 0, 0, 0), word_count: 1, blocks: [] })).toBeNull(); // base not shown
    preview.show({ id: 5, ...complete, word_count: 1, blocks: [block("a", "<p>one</p>")] });
    expect(preview.show({ id: 6, ...splice(5, 1, 1, 0), word_count: 1, blocks: [] })).toBeNull(); // more than shown
    expect(preview.container.textContent).toBe("one");
  });

  it("keeps the preview of a post left behind and shows it again, with its update, when that post is opened", () => {
    const preview = newPreview();
    preview.open("a.md", 10);
    preview.show({ id: 1, ...complete, word_count: 2, blocks: [block("a1", "<p>one</p>"), block("a2", "<p>two</p>", 2)] });
    const shown = Array.from(preview.container.children);
    preview.open("b.md", 10);
    expect(preview.container.textContent).toBe("");
    expect(preview.since).toBeNull();
    preview.show({ id: 2, ...complete, word_count: 1, blocks: [block("b1", "<p>bee</p>")] });
    preview.open("a.md", 10);
    expect(lines(preview)).toEqual(["one@0", "two@2"]);
    Array.from(preview.container.children).forEach((chunk, i) => expect(chunk).toBe(shown[i]));
    expect(preview.since).toBe(1);
    // the next update is a splice of the kept one
    preview.show({ id: 3, ...splice(1, 1, 0, 0), word_count: 2, blocks: [block("a3", "<p>three</p>", 2)] });
    expect(lines(preview)).toEqual(["one@0", "three@2"]);
    preview.open("b.md", 10);
    expect(lines(preview)).toEqual(["bee@0"]);
    expect(preview.since).toBe(2);
  });

  it("shows no kept preview once told to forget them (another folder: the same path is another post)", () => {
    const preview = newPreview();
    preview.open("posts/a.md", 10);
    preview.show({ id: 1, ...complete, word_count: 1, blocks: [block("a1", "<p>first folder</p>")] });
    preview.open(null, 10);
    preview.forgetKept(null);
    preview.open("posts/a.md", 10);
    expect(preview.container.textContent).toBe("");
    expect(preview.since).toBeNull();
  });

  it("forgets one post's kept preview (its file went), keeping the others", () => {
    const preview = newPreview();
    for (const [i, name] of ["a.md", "b.md"].entries()) {
      preview.open(name, 10);
      preview.show({ id: i + 1, ...complete, word_count: 1, blocks: [block(name, `<p>${name}</p>`)] });
    }
    preview.open(null, 10);
    preview.forgetKept("a.md");
    preview.open("a.md", 10);
    expect(preview.since).toBeNull();
    preview.open("b.md", 10);
    expect(preview.since).toBe(2);
  });

  it("keeps no preview of a post longer than KEPT_TEXT_TOTAL, and at most KEPT_POSTS", () => {
    const preview = newPreview();
    /** Opens post `i`; its id if its preview came back kept. */
    const showPost = (i: number) => {
      preview.open(`${i}.md`, 10);
      const kept = preview.since;
      if (kept === null) preview.show({ id: 100 + i, ...complete, word_count: 1, blocks: [block(`k${i}`, `<p>${i}</p>`)] });
      return kept;
    };
    preview.open("long.md", 0);
    preview.show({ id: 1, ...complete, word_count: 1, blocks: [block("l", "<p>long</p>")] });
    preview.open("short.md", KEPT_TEXT_TOTAL + 1);
    preview.open("long.md", 10);
    expect(preview.since).toBeNull();
    expect(preview.container.textContent).toBe("");
    // long.md (kept on leaving it again) and posts 0 to KEPT_POSTS + 1: the first two dropped
    for (let i = 0; i <= KEPT_POSTS + 1; i++) expect(showPost(i)).toBeNull();
    expect(showPost(1)).toBe(101); // the oldest kept is opened, not dropped
    expect(showPost(0)).toBeNull();
    preview.open("long.md", 10);
    expect(preview.since).toBeNull();
  });
});

describe("Preview scrolled before its first render", () => {
  it("shows the line the editor scrolled to once the blocks come, not the top", () => {
    document.body.innerHTML = '<article id="preview"></article>';
    const preview = new Preview(document.getElementById("preview")!, { openExternal: vi.fn(), onBlockClicked: vi.fn() });
    // Laid out 10 px per source line, the preview's top at 0.
    const rect = vi.spyOn(HTMLElement.prototype, "getBoundingClientRect").mockImplementation(function (this: HTMLElement) {
      return { top: Number(this.dataset.line ?? 0) * 10 - preview.container.scrollTop } as DOMRect;
    });
    try {
      preview.open("long.md", 0);
      // The editor gives back the post's scroll (or the user scrolls) while the render travels.
      preview.scrollToLine(40);
      expect(preview.container.scrollTop).toBe(0);
      const block = (key: string, line: number) => ({ key, start_line: line, end_line: line, html: `<p>${key}</p>` });
      const blocks = [block("a", 0), block("b", 20), block("c", 40)];
      preview.show({ id: 1, ...complete, word_count: 3, blocks });
      expect(preview.container.scrollTop).toBe(400 - 8);
      // Once shown, updates leave the scrolling to the user and the editor.
      preview.container.scrollTop = 100;
      preview.show({ id: 2, ...complete, word_count: 3, blocks: [block("a2", 0), ...blocks.slice(1)] });
      expect(preview.container.scrollTop).toBe(100);
      // Another post opened: a line asked for the last one is not carried to it.
      preview.scrollToLine(40);
      preview.open("other.md", 0);
      preview.show({ id: 3, ...complete, word_count: 3, blocks });
      expect(preview.container.scrollTop).toBe(0);
    } finally {
      rect.mockRestore();
    }
  });
});
