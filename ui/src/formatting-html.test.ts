import { ensureSyntaxTree } from "@codemirror/language";
import { EditorSelection, EditorState, type Transaction } from "@codemirror/state";
import { describe, expect, it } from "vitest";
import { deferredExtensions } from "./editor-deferred";
import { insertLink, linkOnPaste, toggleWrap } from "./formatting";
import { setHeading } from "./formatting-heading";

/** The text after `command` on `doc` with `from`..`to` selected, the Markdown parse loaded. */
function run(command: ReturnType<typeof setHeading>, doc: string, from: number, to = from) {
  return runState(command, doc, from, to).doc.toString();
}

/** The state after `command` on `doc` with `from`..`to` selected, the whole post parsed. */
function runState(command: ReturnType<typeof setHeading>, doc: string, from: number, to: number) {
  let state = EditorState.create({ doc, selection: EditorSelection.single(from, to), extensions: deferredExtensions() });
  if (!ensureSyntaxTree(state, state.doc.length, 30_000)) throw new Error("the post took over 30 s to parse");
  // (The next state takes the tree: this one keeps the tree it was made with.)
  state = state.update({}).state;
  command({ state, dispatch: (tr: Transaction) => (state = tr.state) });
  return state;
}

describe("formatting in an HTML block", () => {
  const post = "Intro\n\n<div>\nsome text\n</div>\n\nOutro";
  const text = post.indexOf("some");

  it("writes no marks into it: there they are shown as they are", () => {
    expect(run(toggleWrap("**"), post, text, text + 4)).toBe(post);
    expect(run(toggleWrap("*"), post, text + 2)).toBe(post);
    expect(run(insertLink, post, text, text + 4)).toBe(post);
  });

  it("makes no heading of its lines", () => {
    expect(run(setHeading(2), post, post.indexOf("<div>"))).toBe(post);
    expect(run(setHeading(1), post, text)).toBe(post);
  });

  it("still marks the paragraphs around it", () => {
    expect(run(toggleWrap("**"), post, 0, post.length)).toBe("**Intro**\n\n<div>\nsome text\n</div>\n\n**Outro**");
  });
});

describe("formatting in an HTML comment over several lines", () => {
  const post = "Intro\n\n<!--\na note to self\n-->\n\nOutro";

  it("makes no heading of its lines: before `<!--` the comment, the note, was shown", () => {
    expect(run(setHeading(2), post, post.indexOf("<!--"))).toBe(post);
    expect(run(setHeading(1), post, post.indexOf("note"))).toBe(post);
    expect(run(toggleWrap("**"), post, post.indexOf("note"), post.indexOf("note") + 4)).toBe(post);
  });
});

describe("Ctrl+K in a link's text", () => {
  const post = "See [xyz](https://a.example) now";
  const address = [post.indexOf("https"), post.indexOf(") now")];

  it("selects the link's address rather than putting a link in the link", () => {
    for (const [from, to] of [[6, 7], [5, 8], [6, 6], [4, 9], [4, 28], [0, 7]]) {
      const state = runState(insertLink, post, from, to);
      expect(state.doc.toString()).toBe(post);
      expect([state.selection.main.from, state.selection.main.to]).toEqual(address);
    }
  });

  it("selects a reference link's label, and takes brackets with no definition for text", () => {
    const selected = (doc: string, at: number) => {
      const state = runState(insertLink, doc, at, at + 1);
      return [state.doc.toString(), state.sliceDoc(state.selection.main.from, state.selection.main.to)];
    };
    const full = "---\ntitle: T\n---\na [xyz][ref] b\n\n[ref]: http://x";
    expect(selected(full, full.indexOf("y"))).toEqual([full, "ref"]);
    expect(selected("a [xyz] b\n\n[XYZ]: http://x", 4)).toEqual(["a [xyz] b\n\n[XYZ]: http://x", "xyz"]);
    expect(selected("a [xyz] b", 4)).toEqual(["a [x[y](url)z] b", "url"]);
  });

  it("selects the address of a link the selection holds: around it, a link was a link in a link", () => {
    const doc = "Read this: see [xyz](https://a.example) now.";
    const state = runState(insertLink, doc, 11, doc.length - 1);
    expect(state.doc.toString()).toBe(doc);
    expect(state.sliceDoc(state.selection.main.from, state.selection.main.to)).toBe("https://a.example");
  });

  it("links an image, and the first paragraph of a selection over a link further on", () => {
    expect(run(insertLink, "a ![pic](p.png) b", 2, 15)).toBe("a [![pic](p.png)](url) b");
    expect(run(insertLink, "one\n\ntwo [x](u)", 0, 15)).toBe("[one](url)\n\ntwo [x](u)");
  });

  it("links text next to a link as before", () => {
    expect(run(insertLink, post, 0, 3)).toBe("[See](url) [xyz](https://a.example) now");
    expect(run(insertLink, post, 4)).toBe("See [text](url)[xyz](https://a.example) now");
  });
});

describe("a URL pasted over words in code or in a link's text", () => {
  /** What pasting `url` over `selected` in `doc` does: null to paste as usual. */
  function paste(doc: string, selected: string, url = "https://b.example") {
    const from = doc.indexOf(selected);
    let state = EditorState.create({ doc, selection: EditorSelection.single(from, from + selected.length), extensions: deferredExtensions() });
    if (!ensureSyntaxTree(state, state.doc.length, 30_000)) throw new Error("the post took over 30 s to parse");
    state = state.update({}).state;
    return linkOnPaste(state, url);
  }

  it("is pasted as it is: a link there was text of the code, or a link in a link", () => {
    expect(paste("Intro\n\n```\nsome code\n```\n", "some")).toBeNull();
    expect(paste("Use `some code` here", "some")).toBeNull();
    expect(paste("<div>\nsome text\n</div>\n", "some")).toBeNull();
    expect(paste("See [xyz](https://a.example) now", "y")).toBeNull();
  });

  it("links words elsewhere as before", () => {
    expect(paste("See [xyz](https://a.example) now", "now")).not.toBeNull();
  });
});
