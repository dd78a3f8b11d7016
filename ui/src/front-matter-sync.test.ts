import { EditorState } from "@codemirror/state";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { FRONT_MATTER_HEAD, FrontMatterSync, frontMatterSource } from "./front-matter-sync";
import { frontMatterText } from "./frontmatter-form";
import { PostText } from "./post-text";
import type { FrontMatter } from "./types";
import { seededRandom } from "./test-random";

const DELAY = 150;
const POST = "---\ntitle: A\ntags: [x]\n---\n\nFirst paragraph.\n\nSecond paragraph.\n";

/** A fake parser whose answer names the front-matter block it read: a form that shows a stale
 * answer shows another block than the text's. */
const parseFake = (text: string): FrontMatter => {
  const block = frontMatterText(text);
  // As the backend: an opening fence with no closing one is an error, never "no front matter".
  if (/^---[ \t]*\n/.test(text) && !block) throw new Error("unterminated");
  return { format: block ? "yaml" : null, title: block, date: null, draft: null, tags: [], categories: [], description: null, slug: null, fields: [] };
};

describe("FrontMatterSync", () => {
  let state: EditorState;
  let parsed: string[];
  let shown: string | null;
  let sync: FrontMatterSync;
  const current = () => new PostText(state.doc, "\n");
  const edit = async (from: number, to: number, insert: string) => {
    state = state.update({ changes: { from, to, insert } }).state;
    sync.changed(current());
    await vi.advanceTimersByTimeAsync(DELAY + 1);
  };

  beforeEach(async () => {
    vi.useFakeTimers();
    parsed = [];
    shown = null;
    state = EditorState.create({ doc: POST });
    sync = new FrontMatterSync(
      {
        parse: async (text) => (parsed.push(text), parseFake(text)),
        current,
        show: (fm) => (shown = fm.title),
        failed: () => (shown = "failed"),
      },
      DELAY,
    );
    await sync.now(current());
  });
  afterEach(() => vi.useRealTimers());

  it("sends the backend the front-matter block, not the whole post", () => {
    expect(parsed).toEqual(["---\ntitle: A\ntags: [x]\n---\n"]);
  });

  it("parses after an edit of the front matter, and not after edits of the body", async () => {
    await edit(POST.indexOf("A"), POST.indexOf("A") + 1, "B");
    expect(parsed).toHaveLength(2);
    expect(shown).toContain("title: B");
    const body = state.doc.toString().indexOf("Second");
    await edit(body, body, "More ");
    await edit(state.doc.length, state.doc.length, "\nThe end.");
    expect(parsed).toHaveLength(2);
    expect(sync.frontMatterOf(state.doc.toString())?.title).toContain("title: B");
  });

  it("parses when the closing fence or the line after it is touched", async () => {
    const fence = POST.indexOf("---", 3);
    await edit(fence + 3, fence + 3, " "); // "--- " still closes
    await edit(fence + 5, fence + 5, "x"); // the line after the block
    expect(parsed).toHaveLength(3);
  });

  it("parses every edit while the front matter is broken", async () => {
    await edit(POST.indexOf("---", 3), POST.indexOf("---", 3) + 3, "-"); // no closing fence
    expect(shown).toBe("failed");
    const end = state.doc.length;
    await edit(end, end, "x");
    expect(parsed).toHaveLength(3);
  });

  it("shows the front matter of the text after any series of edits", async () => {
    const rand = seededRandom(3);
    const pieces = ["a", "\n", "---", "\n---\n", "title: Z", " "];
    for (let i = 0; i < 300; i++) {
      const len = state.doc.length;
      const from = rand(4) === 0 ? rand(Math.min(len, 30) + 1) : rand(len + 1);
      const to = Math.min(len, from + rand(3));
      await edit(from, to, pieces[rand(pieces.length)]);
      let expected: string;
      try {
        expected = parseFake(state.doc.toString()).title ?? "";
      } catch {
        expected = "failed";
      }
      expect(shown).toBe(expected);
    }
    expect(parsed.length).toBeLessThan(300); // some edits were past the front matter
  });

  it("sees front matter typed at the top of a post that had none, one key at a time", async () => {
    state = EditorState.create({ doc: "Just prose.\n\nMore prose.\n" });
    await sync.now(current());
    expect(shown).toBe("");
    let at = 0;
    for (const key of "---\ntitle: Typed\n---\n") await edit(at, at++, key);
    expect(shown).toBe("---\ntitle: Typed\n---\n");
  });

  it("forgets the last post's front matter on reset", async () => {
    sync.reset();
    expect(sync.frontMatterOf(POST)).toBeNull();
  });
});

describe("frontMatterSource", () => {
  const body = "\nA paragraph of the body.\n".repeat(5000); // ~130 KB
  const source = (text: string, lineBreak = "\n") => frontMatterSource(PostText.of(text, lineBreak));

  it("is the front-matter block alone when the post has a closed one, short or long", () => {
    expect(source(POST)).toBe("---\ntitle: A\ntags: [x]\n---\n");
    expect(source("+++\ntitle = 'A'\n+++\n" + body)).toBe("+++\ntitle = 'A'\n+++\n");
    expect(source("---\ntitle: A\n...\n" + body)).toBe("---\ntitle: A\n...\n");
    expect(source("\uFEFF---\r\ntitle: A\r\n---\r\n" + body.replaceAll("\n", "\r\n"), "\r\n")).toBe("---\r\ntitle: A\r\n---\r\n");
  });

  it("is the whole text when the backend must decide", () => {
    for (const text of ["No front matter.\n" + body, "---\ntitle: A\n" + body, '{ "title": "A" }\n' + body]) {
      expect(source(text)).toBe(text);
    }
  });

  it("is the whole text when a long post's block runs past the prefix searched, or to its very end", () => {
    const huge = "---\ndescription: " + "y".repeat(FRONT_MATTER_HEAD) + "\n---\n" + body;
    expect(source(huge)).toBe(huge);
    // The prefix ends in "\n---" where the text goes on "---x": not a closing fence.
    const start = "---\na: ";
    const cut = start + "y".repeat(FRONT_MATTER_HEAD - start.length - 4) + "\n---x\nb: 1\n---\n" + body;
    expect(source(cut)).toBe(cut);
    expect(parseFake(source(cut)).title).toContain("b: 1");
  });
});

