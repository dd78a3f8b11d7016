import { EditorSelection, EditorState, type Transaction } from "@codemirror/state";
import { describe, expect, it } from "vitest";
import { setHeading } from "./formatting";

/** The text after `command` on `doc` with `from`..`to` selected. */
function run(command: ReturnType<typeof setHeading>, doc: string, from: number, to = from) {
  let state = EditorState.create({ doc, selection: EditorSelection.single(from, to) });
  command({ state, dispatch: (tr: Transaction) => (state = tr.state) });
  return state.doc.toString();
}

describe("a heading with a closing sequence of hashes", () => {
  it("loses its closing hashes with its mark: left, they were text of the paragraph", () => {
    expect(run(setHeading(2), "## Title ##\n", 4)).toBe("Title\n");
    expect(run(setHeading(2), "## A ##  \n## B #\n", 0, 17)).toBe("A\nB\n");
    expect(run(setHeading(1), "> # Quoted #", 5)).toBe("> Quoted");
    // a heading of another level keeps them (any number closes it)
    expect(run(setHeading(3), "## Title ##", 4)).toBe("### Title ##");
    // hashes that close nothing are text: glued to a word, or escaped
    expect(run(setHeading(2), "## C#", 4)).toBe("C#");
    expect(run(setHeading(2), "## Issue \\#", 4)).toBe("Issue \\#");
  });
});
