import { ensureSyntaxTree } from "@codemirror/language";
import { EditorSelection, EditorState, type Transaction } from "@codemirror/state";
import { describe, expect, it } from "vitest";
import { deferredExtensions } from "./editor-deferred";
import { insertLink, toggleWrap } from "./formatting";
import { setHeading } from "./formatting-heading";

/** The text after `command` on `doc` with `from`..`to` selected, the Markdown parse loaded. */
function run(command: ReturnType<typeof setHeading>, doc: string, from: number, to = from) {
  let state = EditorState.create({ doc, selection: EditorSelection.single(from, to), extensions: deferredExtensions() });
  if (!ensureSyntaxTree(state, state.doc.length, 30_000)) throw new Error("the post took over 30 s to parse");
  state = state.update({}).state;
  command({ state, dispatch: (tr: Transaction) => (state = tr.state) });
  return state.doc.toString();
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
