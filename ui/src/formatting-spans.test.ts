import { ensureSyntaxTree } from "@codemirror/language";
import { EditorSelection, EditorState, type Transaction } from "@codemirror/state";
import { describe, expect, it } from "vitest";
import { deferredExtensions } from "./editor-deferred";
import { insertLink, toggleWrap } from "./formatting";

/** The text after toggling `marker` on `doc` with `selected` (its first occurrence at or after
 * `at`) selected, the whole post parsed. */
function run(marker: string, doc: string, selected: string, at = 0) {
  const from = doc.indexOf(selected, at);
  let state = EditorState.create({ doc, selection: EditorSelection.single(from, from + selected.length), extensions: deferredExtensions() });
  if (!ensureSyntaxTree(state, state.doc.length, 30_000)) throw new Error("the post took over 30 s to parse");
  // (The next state takes the tree: this one keeps the tree it was made with.)
  state = state.update({}).state;
  toggleWrap(marker)({ state, dispatch: (tr: Transaction) => (state = tr.state) });
  return state.doc.toString();
}

describe("Ctrl+I or Ctrl+B on part of bold italic text", () => {
  it("takes the mark off the part selected, moving it past that part", () => {
    expect(run("*", "***bold italic***", "bold")).toBe("**bold *italic***");
    expect(run("*", "***bold italic***", "italic")).toBe("***bold* italic**");
    expect(run("**", "***bold italic***", "bold")).toBe("*bold **italic***");
    expect(run("**", "***bold italic***", "italic")).toBe("***bold** italic*");
  });
});

describe("Ctrl+B or Ctrl+I on a selection that begins or ends in the marks", () => {
  it("takes the selection for the marked text: the marks are no text to mark", () => {
    expect(run("**", "a **bold** b", "bold**")).toBe("a bold b");
    expect(run("**", "a **bold** b", "*bold")).toBe("a bold b");
    expect(run("**", "a **bold** b", "**bold")).toBe("a bold b");
    expect(run("*", "a *it* b", "it*")).toBe("a it b");
    expect(run("*", "***bold***", "bold***")).toBe("**bold**");
    expect(run("~~", "a ~~gone~~ b", "gone~")).toBe("a gone b");
  });

  it("reaches the mark over the text before marked text selected to its end", () => {
    expect(run("**", "a **bold** b", "a **bold**")).toBe("**a bold** b");
  });
});

describe("Ctrl+K on a selection that ends in inline code", () => {
  it("writes no link: its closing bracket in the code broke both", () => {
    let state = EditorState.create({ doc: "see `a b` here", selection: EditorSelection.single(0, 6), extensions: deferredExtensions() });
    ensureSyntaxTree(state, state.doc.length, 30_000);
    state = state.update({}).state;
    insertLink({ state, dispatch: (tr: Transaction) => (state = tr.state) });
    expect(state.doc.toString()).toBe("see `a b` here");
  });
});

describe("Ctrl+I or Ctrl+B on text marked with underscores", () => {
  it("takes the mark off, as off text marked with asterisks", () => {
    expect(run("*", "an _italic_ word", "italic")).toBe("an italic word");
    expect(run("**", "a __bold__ word", "bold")).toBe("a bold word");
    expect(run("**", "a __bold__ word", "__bold__")).toBe("a bold word");
    expect(run("*", "___both___", "both")).toBe("__both__");
    // as struck-through bold text loses its stroke
    expect(run("~~", "~~**x**~~", "x")).toBe("**x**");
  });
});
