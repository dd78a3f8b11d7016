import { ensureSyntaxTree, syntaxTree } from "@codemirror/language";
import { EditorSelection, EditorState, type Transaction } from "@codemirror/state";
import { describe, expect, it, vi } from "vitest";
import { deferredExtensions } from "./editor-deferred";
import { insertLink, toggleWrap } from "./formatting";
import { setHeading } from "./formatting-heading";

/** Runs `command` on `doc` with the editor's Markdown parse loaded, over the whole post. */
function run(command: ReturnType<typeof setHeading>, doc: string, from: number, to = from) {
  let state = parsed(EditorState.create({ doc, selection: EditorSelection.single(from, to), extensions: deferredExtensions() }));
  command({ state, dispatch: (tr: Transaction) => (state = tr.state) });
  return state.doc.toString();
}

/** `state` with its whole text parsed. A state is parsed for 20 ms when made and the rest is
 * left to a view's background parse: on a loaded machine the commands met code unparsed. */
function parsed(state: EditorState): EditorState {
  if (!ensureSyntaxTree(state, state.doc.length, 30_000)) throw new Error("the post took over 30 s to parse");
  // (The next state takes the tree: this one keeps the tree it was made with.)
  return state.update({}).state;
}

describe("the parse these tests run on", () => {
  it("covers the whole post though the parse when the state was made ran out of time", () => {
    let now = Date.now();
    // Each reading of the clock a second on: the parse stops after its first step.
    const clock = vi.spyOn(Date, "now").mockImplementation(() => (now += 1000));
    const state = EditorState.create({ doc: "Intro\n\n```js\nlet a = 1;\n```\n\nOutro", extensions: deferredExtensions() });
    clock.mockRestore();
    // (Its tree's length: with the fence's language not loaded here, the parse is never done.)
    expect(syntaxTree(state).length).toBeLessThan(state.doc.length);
    expect(syntaxTree(parsed(state)).length).toBe(state.doc.length);
  });
});

describe("formatting next to fenced and indented code", () => {
  const post = "Intro\n\n```js\nlet a = 1;\n```\n\nOutro";

  it("bolds the text around a code block, not its fence or code", () => {
    expect(run(toggleWrap("**"), post, 0, post.length)).toBe("**Intro**\n\n```js\nlet a = 1;\n```\n\n**Outro**");
    // a fence interrupts a paragraph: no blank line is needed around it
    expect(run(toggleWrap("*"), "one\n```\ncode\n```\ntwo", 0, 20)).toBe("*one*\n```\ncode\n```\n*two*");
  });

  it("writes no marks into code", () => {
    expect(run(toggleWrap("**"), post, 17, 21)).toBe(post);
    expect(run(toggleWrap("**"), post, 17)).toBe(post);
    // at the end of the closing fence, where a mark makes it no fence and the rest code
    expect(run(toggleWrap("**"), post, 27)).toBe(post);
    expect(run(insertLink, post, 27)).toBe(post);
    expect(run(toggleWrap("**"), "Text\n\n    indented code", 14, 18)).toBe("Text\n\n    indented code");
  });

  it("makes no heading of a fence or a code line", () => {
    expect(run(setHeading(2), post, 8)).toBe(post);
    expect(run(setHeading(2), post, 18)).toBe(post);
    expect(run(setHeading(2), post, 27)).toBe(post);
    expect(run(setHeading(2), post, 2)).toBe(`## ${post}`);
    expect(run(setHeading(2), `---\ntitle: A\n---\n${post}`, 34)).toBe(`---\ntitle: A\n---\n${post}`);
  });

  it("still bolds inline code as a whole", () => {
    expect(run(toggleWrap("**"), "see `x` here", 4, 7)).toBe("see **`x`** here");
  });
});

describe("formatting a paragraph line that begins with a number and a dot", () => {
  // Only a list begun with 1 can break into a paragraph: this is one paragraph of two lines.
  const post = "It was late in\n2024. A good year";

  it("makes the line a heading as it is, not an item's heading", () => {
    expect(run(setHeading(2), post, 20)).toBe("It was late in\n## 2024. A good year");
    expect(run(setHeading(2), "> late in\n> 2024. A year", 14)).toBe("> late in\n> ## 2024. A year");
    expect(run(setHeading(1), "---\ntitle: A\n---\nIntro\n2024. Year", 26)).toBe("---\ntitle: A\n---\nIntro\n# 2024. Year");
    // a list item stays one
    expect(run(setHeading(2), "Text\n\n2024. A year", 12)).toBe("Text\n\n2024. ## A year");
  });

  it("bolds the paragraph as one, with the number", () => {
    expect(run(toggleWrap("**"), post, 0, post.length)).toBe(`**${post}**`);
    expect(run(toggleWrap("**"), post, 15, post.length)).toBe("It was late in\n**2024. A good year**");
  });
});

describe("a link in a code block", () => {
  it("is not written into the code", () => {
    const post = "Intro\n\n```\nsee https://x.org\n```";
    expect(run(insertLink, post, 15, 28)).toBe(post);
    expect(run(insertLink, post, 15)).toBe(post);
    expect(run(insertLink, post, 0, 5)).toBe("[Intro](url)\n\n```\nsee https://x.org\n```");
  });
});

describe("formatting in inline code", () => {
  it("writes no marks between its backticks, and wraps the span whole", () => {
    expect(run(toggleWrap("**"), "see `a b` here", 5, 6)).toBe("see `a b` here");
    expect(run(toggleWrap("*"), "see `a b` here", 0, 6)).toBe("see `a b` here");
    expect(run(insertLink, "see `a b` here", 6)).toBe("see `a b` here");
    expect(run(toggleWrap("**"), "see `a b` here", 0, 9)).toBe("**see `a b`** here");
    // a span over two lines is in one paragraph still
    expect(run(toggleWrap("**"), "`a\nb` c", 0, 6)).toBe("**`a\nb`** c");
  });
});

describe("Ctrl+B or Ctrl+I with the cursor in bold or italic text", () => {
  it("takes that bold or italic off, as it takes it off selected text", () => {
    expect(run(toggleWrap("**"), "a **bold** b", 5)).toBe("a bold b");
    expect(run(toggleWrap("**"), "a __bold__ b", 3)).toBe("a bold b");
    expect(run(toggleWrap("*"), "an *italic* word", 6)).toBe("an italic word");
    expect(run(toggleWrap("**"), "***both***", 5)).toBe("*both*");
    expect(run(toggleWrap("*"), "***both***", 5)).toBe("**both**");
    expect(run(toggleWrap("*"), "**a *b* c**", 5)).toBe("**a b c**");
    // in text that is not, an empty pair as before
    expect(run(toggleWrap("**"), "a it b", 3)).toBe("a i****t b");
  });

  it("puts the other mark around bold or italic text the cursor is in, not an empty pair in it", () => {
    // an empty pair there made `**b**old**` (a bold "b") or `*i****t*`
    expect(run(toggleWrap("*"), "a **bold** b", 5)).toBe("a ***bold*** b");
    expect(run(toggleWrap("**"), "a *it* b", 4)).toBe("a ***it*** b");
    expect(run(toggleWrap("*"), "a ***bold*** b", 6)).toBe("a **bold** b");
    expect(run(toggleWrap("**"), "a __x__ and _y_", 13)).toBe("a __x__ and _**y**_");
    // the cursor stays in the text, by its letter, for the next toggle to find
    let state = EditorState.create({ doc: "a **bold** b", selection: EditorSelection.single(4), extensions: deferredExtensions() });
    toggleWrap("*")({ state, dispatch: (tr: Transaction) => (state = tr.state) });
    expect(state.sliceDoc(state.selection.main.head)).toBe("bold*** b");
    toggleWrap("*")({ state, dispatch: (tr: Transaction) => (state = tr.state) });
    expect(state.sliceDoc()).toBe("a **bold** b");
  });
});

describe("formatting the first line of a post that starts with a byte-order mark", () => {
  it("takes its list marker for one, as the post's text has it (the mark is no text of the line)", () => {
    expect(run(toggleWrap("**"), "\uFEFF- a\n- b", 0, 8)).toBe("\uFEFF- **a**\n- **b**");
    expect(run(setHeading(1), "\uFEFF- a\n- b", 3)).toBe("\uFEFF- # a\n- b");
    expect(run(setHeading(2), "\uFEFF1. a", 3)).toBe("\uFEFF1. ## a");
  });
});

describe("Ctrl+B or Ctrl+I over part of bold or italic text", () => {
  it("takes the mark off the part selected, not putting marks in the marked text", () => {
    // marks put in made `****bold** text**`
    expect(run(toggleWrap("**"), "a **bold text** b", 4, 8)).toBe("a bold **text** b");
    expect(run(toggleWrap("**"), "a **bold text** b", 9, 13)).toBe("a **bold** text b");
    expect(run(toggleWrap("**"), "a **one two three** b", 8, 11)).toBe("a **one** two **three** b");
    expect(run(toggleWrap("*"), "an *italic word* here", 11, 15)).toBe("an *italic* word here");
    expect(run(toggleWrap("**"), "a __bold text__ b", 4, 8)).toBe("a bold __text__ b");
  });

  it("makes the mark reach over a selection that begins or ends in marked text", () => {
    expect(run(toggleWrap("**"), "a **bold** text", 4, 15)).toBe("a **bold text**");
    expect(run(toggleWrap("**"), "some **bold** b", 0, 8)).toBe("**some bold** b");
    expect(run(toggleWrap("**"), "**a** and b **c**", 2, 11)).toBe("**a and b** **c**");
  });

  it("joins two marked texts a selection begins and ends in: the marks around went, the ones between stayed as text", () => {
    // (`a b** c **d e` showed its marks)
    expect(run(toggleWrap("**"), "a **b** c **d** e", 4, 13)).toBe("a **b c d** e");
    expect(run(toggleWrap("*"), "a *b* c *d* e", 3, 10)).toBe("a *b c d* e");
    // within one, the marks around it still go
    expect(run(toggleWrap("**"), "a **b c d** e", 4, 9)).toBe("a b c d e");
  });
});

describe("formatting in a link's address or an HTML tag", () => {
  it("writes no marks there: in them, the link or the tag broke", () => {
    const link = "see [xyz](http://a.b \"T\") end";
    expect(run(toggleWrap("**"), link, 11, 15)).toBe(link);
    expect(run(toggleWrap("**"), link, 10, 20)).toBe(link);
    expect(run(insertLink, link, 12)).toBe(link);
    expect(run(toggleWrap("*"), "![a](img.png)", 6, 9)).toBe("![a](img.png)");
    expect(run(toggleWrap("**"), "see <http://a.b> end", 6, 10)).toBe("see <http://a.b> end");
    expect(run(toggleWrap("**"), "a <span class=x>y</span> b", 4, 9)).toBe("a <span class=x>y</span> b");
    // the link, its text or the tag's text as a whole still take them
    expect(run(toggleWrap("**"), link, 4, 25)).toBe(`see **[xyz](http://a.b "T")** end`);
    expect(run(toggleWrap("**"), link, 5, 8)).toBe(`see [**xyz**](http://a.b "T") end`);
    expect(run(toggleWrap("**"), "a <span class=x>y</span> b", 16, 17)).toBe("a <span class=x>**y**</span> b");
    expect(run(toggleWrap("**"), "see http://a.b end", 4, 14)).toBe("see **http://a.b** end");
  });

  it("writes none in a link's definition: there they changed where its links lead, or which", () => {
    const post = 'See [site].\n\n[site]: https://example.org/page "Title"\n';
    const at = post.indexOf("example");
    const label = post.lastIndexOf("site");
    expect(run(toggleWrap("**"), post, label, label + 4)).toBe(post);
    expect(run(toggleWrap("**"), post, label + 1)).toBe(post);
    expect(run(toggleWrap("**"), post, at, at + 7)).toBe(post);
    expect(run(toggleWrap("*"), post, at + 3)).toBe(post);
    expect(run(insertLink, post, at, at + 7)).toBe(post);
    expect(run(toggleWrap("**"), post, post.indexOf("Title"), post.indexOf("Title") + 5)).toBe(post);
    // a footnote's text of one word (which the parse takes for a definition) still takes them
    expect(run(toggleWrap("**"), "A note[^1].\n\n[^1]: Ibid.\n", 19, 24)).toBe("A note[^1].\n\n[^1]: **Ibid.**\n");
  });
});
