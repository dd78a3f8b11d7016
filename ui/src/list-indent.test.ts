import { EditorSelection, EditorState, type Transaction } from "@codemirror/state";
import { describe, expect, it } from "vitest";
import { indentListItem, outdentListItem } from "./list-indent";

/** The text after `command` on `doc`, or null when it declined (for the usual indent). */
function run(command: typeof indentListItem, doc: string, from: number, to = from) {
  let state = EditorState.create({ doc, selection: EditorSelection.single(from, to) });
  const done = command({ state, dispatch: (tr: Transaction) => (state = tr.state) });
  return done ? state.doc.toString() : null;
}

describe("Tab and Shift+Tab in a post that starts with a byte-order mark", () => {
  it("takes the first line for the item it is, past the mark", () => {
    expect(run(indentListItem, "\uFEFF1. a\n2. b", 9)).toBe("\uFEFF1. a\n   2. b");
    expect(run(outdentListItem, "\uFEFF1. a\n   2. b", 12)).toBe("\uFEFF1. a\n2. b");
    expect(run(indentListItem, "\uFEFF> - a\n> - b", 11)).toBe("\uFEFF> - a\n>   - b");
    // the first item itself is no nested one, and the mark stays the first character
    expect(run(indentListItem, "\uFEFF- a", 2)).toBeNull();
    expect(run(outdentListItem, "\uFEFF  - a", 4)).toBeNull();
  });
});

describe("Tab and Shift+Tab over items with blank lines between them", () => {
  it("moves the items and leaves the blank lines", () => {
    expect(run(indentListItem, "1. a\n2. b\n\n3. c", 5, 15)).toBe("1. a\n   2. b\n\n   3. c");
    expect(run(outdentListItem, "- a\n  - b\n\n  - c", 4, 16)).toBe("- a\n- b\n\n- c");
    expect(run(indentListItem, "> - a\n> - b\n>\n> - c", 6, 19)).toBe("> - a\n>   - b\n>\n>   - c");
    // blank lines alone are left to the usual indent
    expect(run(indentListItem, "- a\n\n\n- b", 4, 5)).toBeNull();
  });
});

describe("Tab and Shift+Tab on items indented with tabs", () => {
  it("nests and takes back a tab-indented item by a tab, keeping the tabs", () => {
    expect(run(indentListItem, "- a\n\t- b\n\t- c", 11)).toBe("- a\n\t- b\n\t\t- c");
    expect(run(outdentListItem, "- a\n- b\n\t- c", 11)).toBe("- a\n- b\n- c");
    expect(run(outdentListItem, "- a\n\t- b\n\t\t- c", 13)).toBe("- a\n\t- b\n\t- c");
    // a numbered item's text starts three columns in: one tab still nests under it
    expect(run(indentListItem, "1. a\n\t1. b\n\t2. c", 15)).toBe("1. a\n\t1. b\n\t\t2. c");
  });

  it("moves the item's own tab-indented lines with it", () => {
    expect(run(indentListItem, "- a\n\t- b\n\t- c\n\t\t- d\n\t  more\n- e", 11)).toBe(
      "- a\n\t- b\n\t\t- c\n\t\t\t- d\n\t\t  more\n- e",
    );
    expect(run(outdentListItem, "- a\n\t- c\n\t\t- d\n- e", 7)).toBe("- a\n- c\n\t- d\n- e");
  });
});

describe("Tab and Shift+Tab on a quoted item with a tab after the quote mark", () => {
  it("takes the tab for the quote's space and the indent it reaches past it", () => {
    // `>\t- b` is an item nested two columns in: one of the tab's is the quote's space
    expect(run(outdentListItem, "> - a\n>\t- b", 9)).toBe("> - a\n> - b");
    expect(run(outdentListItem, "> - a\n>\t- b\n>\t  more", 9)).toBe("> - a\n> - b\n>   more");
    expect(run(indentListItem, "> - a\n>\t- b", 9)).toBeNull();
  });
});
