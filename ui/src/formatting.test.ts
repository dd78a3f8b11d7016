import { EditorSelection, EditorState, type Transaction } from "@codemirror/state";
import { describe, expect, it } from "vitest";
import { insertLink, linkOnPaste, toggleWrap } from "./formatting";
import { setHeading } from "./formatting-heading";
import { indentListItem, outdentListItem } from "./list-indent";

function run(command: typeof insertLink, doc: string, from: number, to = from) {
  let state = EditorState.create({ doc, selection: EditorSelection.single(from, to) });
  command({ state, dispatch: (tr: Transaction) => (state = tr.state) });
  const sel = state.selection.main;
  return { text: state.doc.toString(), selected: state.sliceDoc(sel.from, sel.to), head: sel.head };
}

describe("formatting commands", () => {
  it("bolds and unbolds a selection", () => {
    const bold = run(toggleWrap("**"), "make me bold", 8, 12);
    expect(bold.text).toBe("make me **bold**");
    expect(bold.selected).toBe("bold");
    expect(run(toggleWrap("**"), bold.text, 10, 14).text).toBe("make me bold");
    expect(run(toggleWrap("**"), "x **y** z", 2, 7).text).toBe("x y z");
  });

  it("italicises bold text instead of turning its bold into italic, and back", () => {
    // "bold" selected inside **bold**: Ctrl+I makes it bold italic
    const both = run(toggleWrap("*"), "a **bold** b", 4, 8);
    expect(both.text).toBe("a ***bold*** b");
    expect(both.selected).toBe("bold");
    expect(run(toggleWrap("*"), both.text, 5, 9).text).toBe("a **bold** b");
    expect(run(toggleWrap("**"), both.text, 5, 9).text).toBe("a *bold* b");
    // the markers selected too
    expect(run(toggleWrap("*"), "a **bold** b", 2, 10).text).toBe("a ***bold*** b");
    expect(run(toggleWrap("*"), "a *it* b", 2, 6).text).toBe("a it b");
    // an empty bold pair, then Ctrl+I
    expect(run(toggleWrap("*"), "a****b", 3).text).toBe("a******b");
    expect(run(toggleWrap("*"), "a**b", 2).text).toBe("ab");
  });

  it("puts the cursor inside an empty pair", () => {
    const italic = run(toggleWrap("*"), "ab", 1);
    expect(italic.text).toBe("a**b");
    expect(italic.head).toBe(2);
  });

  it("makes links from text or from a URL", () => {
    const fromText = run(insertLink, "see docs", 4, 8);
    expect(fromText.text).toBe("see [docs](url)");
    expect(fromText.selected).toBe("url");
    const fromUrl = run(insertLink, "https://x.org", 0, 13);
    expect(fromUrl.text).toBe("[](https://x.org)");
    expect(fromUrl.head).toBe(1);
  });

  it("selects the url placeholder of a link made of lines of a CRLF post", () => {
    const doc = "Two\r\nlines\r\n";
    let state = EditorState.create({ doc, extensions: EditorState.lineSeparator.of("\r\n"), selection: EditorSelection.single(0, 9) });
    insertLink({ state, dispatch: (tr: Transaction) => (state = tr.state) });
    expect(state.sliceDoc()).toBe("[Two\r\nlines](url)\r\n");
    const sel = state.selection.main;
    expect(state.sliceDoc(sel.from, sel.to)).toBe("url");
  });

  it("with nothing selected, puts in a link whose text is selected to be typed over", () => {
    const empty = run(insertLink, "see ", 4);
    expect(empty.text).toBe("see [text](url)");
    expect(empty.selected).toBe("text");
  });

  it("sets, changes and removes headings", () => {
    expect(run(setHeading(2), "Title\nbody", 2).text).toBe("## Title\nbody");
    expect(run(setHeading(3), "# Title", 3).text).toBe("### Title");
    expect(run(setHeading(1), "# Title", 3).text).toBe("Title");
  });

  it("keeps a heading's text a paragraph's when its mark goes (not a list, quote, heading or rule)", () => {
    expect(run(setHeading(2), "## 1. Intro", 5).text).toBe("1\\. Intro");
    expect(run(setHeading(2), "## 2024) A year", 5).text).toBe("2024\\) A year");
    expect(run(setHeading(1), "# - dash", 4).text).toBe("\\- dash");
    expect(run(setHeading(1), "# > quoted", 4).text).toBe("\\> quoted");
    expect(run(setHeading(1), "# # hash", 4).text).toBe("\\# hash");
    expect(run(setHeading(1), "# ***", 3).text).toBe("\\***");
    expect(run(setHeading(1), "# ```js", 3).text).toBe("\\```js");
    // Text that starts nothing stays as it is.
    expect(run(setHeading(1), "# 1.5 liters", 4).text).toBe("1.5 liters");
    expect(run(setHeading(1), "# -dash", 4).text).toBe("-dash");
  });

  it("changes and removes a heading underlined with '=' without leaving the '=' as text", () => {
    expect(run(setHeading(2), "Title\n=====\nbody", 2).text).toBe("## Title\nbody");
    expect(run(setHeading(1), "Title\n===", 2).text).toBe("Title");
    expect(run(setHeading(3), "Title\n===\n", 0).head).toBe(4);
    // Not under a list item's line (no heading there); a `---` stays (a rule under the mark).
    expect(run(setHeading(2), "- item\n===", 3).text.endsWith("item\n===")).toBe(true);
    expect(run(setHeading(1), "Title\n---", 2).text).toBe("# Title\n---");
  });

  it("leaves the cursor after a heading mark put at it, so what is typed next is the heading", () => {
    const empty = run(setHeading(2), "a\n\nb", 2);
    expect(empty.text).toBe("a\n## \nb");
    expect(empty.head).toBe(5);
    expect(run(setHeading(2), "Title", 0).head).toBe(3);
    expect(run(setHeading(3), "## Title", 1).head).toBe(4);
    expect(run(setHeading(2), "## Title", 5).head).toBe(2); // in the text, it stays by its letter
  });
});

describe("formatting a selection with spaces or a line break at its ends", () => {
  it("wraps the words, not the spaces: `**bold **` or a mark on the next line is no bold", () => {
    // a triple-clicked line takes its line break
    const line = run(toggleWrap("**"), "one line\nnext", 0, 9);
    expect(line.text).toBe("**one line**\nnext");
    expect(line.selected).toBe("one line");
    expect(run(toggleWrap("*"), "a word  b", 1, 8).text).toBe("a *word*  b");
    expect(run(toggleWrap("**"), "**one line**\nnext", 0, 13).text).toBe("one line\nnext");
    expect(run(toggleWrap("**"), "a  b", 1, 3).text).toBe("a**  **b"); // spaces alone: as they are
    let state = EditorState.create({ doc: "one\r\nnext", extensions: EditorState.lineSeparator.of("\r\n") });
    state = state.update({ selection: EditorSelection.single(0, 4) }).state;
    toggleWrap("**")({ state, dispatch: (tr: Transaction) => (state = tr.state) });
    expect(state.sliceDoc()).toBe("**one**\r\nnext");
  });

  it("links the words, and knows a URL with a space after it", () => {
    expect(run(insertLink, "see docs \nnext", 4, 10).text).toBe("see [docs](url) \nnext");
    const url = run(insertLink, "https://x.org\n", 0, 14);
    expect(url.text).toBe("[](https://x.org)\n");
    expect(url.head).toBe(1);
  });
});

describe("formatting in the front matter", () => {
  const post = "---\ntitle: A\n---\n\nBody\n";
  const crlf = "\uFEFF---\r\ntitle: A\r\n---\r\n\r\nBody\r\n";

  it("leaves the front-matter block alone: a heading mark there would turn a key into a comment", () => {
    // YAML may close with its document end marker, `...`, as the backend reads it too.
    for (const doc of [post, crlf, "+++\ntitle = 'A'\n+++\nBody\n", "---\ntitle: A\n...\n\nBody\n"]) {
      let state = EditorState.create({ doc, extensions: EditorState.lineSeparator.of(doc.includes("\r\n") ? "\r\n" : "\n") });
      const title = state.doc.line(2).from + 2;
      for (const command of [setHeading(2), setHeading(1), toggleWrap("**"), toggleWrap("*"), insertLink]) {
        for (const at of [0, title, state.doc.line(3).to]) {
          state = state.update({ selection: EditorSelection.single(at) }).state;
          expect(command({ state, dispatch: (tr: Transaction) => (state = tr.state) })).toBe(true);
          expect(state.sliceDoc()).toBe(doc);
        }
      }
    }
  });

  it("leaves the line a JSON block closes on alone: marks after its `}` went into that line", () => {
    const docs = ['{"title": "x"}\n\nBody\n', '{"title": "x"}  \nBody\n', '{"title": "x"} text\nBody\n', '{"title": "x"}'];
    for (const doc of docs) {
      for (const command of [toggleWrap("**"), insertLink, setHeading(1)]) {
        for (const at of [14, doc.split("\n")[0].length - 1]) expect(run(command, doc, at).text).toBe(doc);
      }
    }
    // nor the end of a block closing the post, without a line break after it
    expect(run(toggleWrap("**"), "---\ntitle: A\n---", 16).text).toBe("---\ntitle: A\n---");
    expect(run(toggleWrap("**"), '{"a": 1}\nBody\n', 9, 13).text).toBe('{"a": 1}\n**Body**\n');
  });

  it("still formats the body, and a post whose first line only looks like a fence", () => {
    expect(run(setHeading(2), post, post.length - 2).text).toBe("---\ntitle: A\n---\n\n## Body\n");
    expect(run(toggleWrap("**"), post, post.length - 5, post.length - 1).text).toBe("---\ntitle: A\n---\n\n**Body**\n");
    expect(run(setHeading(1), "---\nno closing fence\n", 6).text).toBe("---\n# no closing fence\n");
  });
});

describe("Tab on list items", () => {
  const tab = (doc: string, from: number, to = from) => {
    let state = EditorState.create({ doc, selection: EditorSelection.single(from, to) });
    const done = indentListItem({ state, dispatch: (tr: Transaction) => (state = tr.state) });
    return done ? state.doc.toString() : null;
  };

  it("nests an item under the one above by that item's own width: `1. ` takes three spaces", () => {
    expect(tab("1. a\n2. b", 8)).toBe("1. a\n   2. b");
    expect(tab("9. a\n10. b\n11. c", 14)).toBe("9. a\n10. b\n    11. c");
    expect(tab("- a\n- b", 6)).toBe("- a\n  - b");
    expect(tab("- [ ] a\n- [ ] b", 12)).toBe("- [ ] a\n  - [ ] b");
    // under a nested item's sibling, past the nested items of the one above
    expect(tab("1. a\n   - x\n\n   more\n2. b", 24)).toBe("1. a\n   - x\n\n   more\n   2. b");
    // two items selected (the line the selection ends at the start of is not)
    expect(tab("1. a\n2. b\n3. c\nnext", 5, 15)).toBe("1. a\n   2. b\n   3. c\nnext");
  });

  it("leaves the rest to the usual indent: a first item, or a line that is no item", () => {
    expect(tab("1. a\n2. b", 2)).toBeNull();
    expect(tab("Text\n1. a", 8)).toBeNull();
    expect(tab("1. a\nplain", 7)).toBeNull();
  });

  it("nests an item in a block quote after its quote marks, under the quoted item above", () => {
    expect(tab("> - a\n> - b", 10)).toBe("> - a\n>   - b");
    expect(tab("> 1. a\n>\n> 2. b", 14)).toBe("> 1. a\n>\n>    2. b");
    expect(tab("> > - a\n> > - b", 14)).toBe("> > - a\n> >   - b");
    // The item above is outside the quote, or in another one: a first item, left alone.
    expect(tab("- a\n> - b", 8)).toBeNull();
    expect(tab("> - a\n\n> - b", 11)).toBeNull();
    expect(tab("> - a\n- b", 8)).toBeNull();
  });
});

describe("Tab and Shift+Tab on an item with items nested in it", () => {
  const run = (command: typeof indentListItem, doc: string, from: number, to = from) => {
    let state = EditorState.create({ doc, selection: EditorSelection.single(from, to) });
    const done = command({ state, dispatch: (tr: Transaction) => (state = tr.state) });
    return done ? state.doc.toString() : null;
  };

  it("moves the item's nested items and paragraphs with it: they stay in it", () => {
    expect(run(indentListItem, "- a\n- b\n  - c\n- d", 6)).toBe("- a\n  - b\n    - c\n- d");
    expect(run(indentListItem, "1. a\n2. b\n   1. x\n\n   more\n3. c", 8)).toBe("1. a\n   2. b\n      1. x\n\n      more\n3. c");
    expect(run(indentListItem, "> - a\n> - b\n>   - c", 10)).toBe("> - a\n>   - b\n>     - c");
    expect(run(outdentListItem, "- a\n  - b\n    - c\n- d", 9)).toBe("- a\n- b\n  - c\n- d");
  });

  it("moves an item selected with its nested items once", () => {
    expect(run(indentListItem, "1. a\n2. b\n   1. x", 5, 17)).toBe("1. a\n   2. b\n      1. x");
    expect(run(outdentListItem, "1. a\n   2. b\n      1. x", 5, 23)).toBe("1. a\n2. b\n   1. x");
  });
});

describe("Shift+Tab on list items", () => {
  const untab = (doc: string, from: number, to = from) => {
    let state = EditorState.create({ doc, selection: EditorSelection.single(from, to) });
    const done = outdentListItem({ state, dispatch: (tr: Transaction) => (state = tr.state) });
    return done ? state.doc.toString() : null;
  };

  it("takes a nested item back to the indent of the item it is in, as Tab nested it", () => {
    expect(untab("1. a\n   2. b", 10)).toBe("1. a\n2. b"); // not " 2. b"
    expect(untab("- a\n  - b\n  more\n    - c", 24)).toBe("- a\n  - b\n  more\n  - c");
    expect(untab("- a\n  - b\n\n  - c", 14)).toBe("- a\n  - b\n\n- c");
    expect(untab("> - a\n>   - b", 12)).toBe("> - a\n> - b");
    expect(untab("> > 1. a\n> >    2. b", 20)).toBe("> > 1. a\n> > 2. b");
  });

  it("leaves the rest to the usual dedent: an item nested in none, or a line that is no item", () => {
    expect(untab("- a\n- b", 6)).toBeNull();
    expect(untab("Text\n  - b", 9)).toBeNull();
    expect(untab("- a\n  more", 8)).toBeNull();
    expect(untab("- a\n>   - b", 10)).toBeNull();
  });

  it("takes back every item of a long nested list selected whole", () => {
    const items = (indent: string) => Array.from({ length: 8000 }, (_, i) => `${indent}${i + 1}. step ${i + 1}\n`).join("");
    const head = "- plan\n  1. stages\n";
    const doc = `${head}${items("     ")}`;
    expect(untab(doc, head.length, doc.length)).toBe(`${head}${items("  ")}`);
  });
});

describe("formatting at the start of a post with a byte-order mark", () => {
  it("puts its marks after the mark, which must stay the file's first character", () => {
    expect(run(setHeading(1), "\uFEFFTitle\nbody", 3).text).toBe("\uFEFF# Title\nbody");
    expect(run(setHeading(2), "\uFEFF# Title\nbody", 0).text).toBe("\uFEFF## Title\nbody");
    expect(run(setHeading(1), "\uFEFF# Title\nbody", 4).text).toBe("\uFEFFTitle\nbody");
    expect(run(toggleWrap("**"), "\uFEFFword", 0).text).toBe("\uFEFF****word");
    expect(run(toggleWrap("**"), "\uFEFFword", 0, 5).text).toBe("\uFEFF**word**");
    expect(run(insertLink, "\uFEFFword", 0).text).toBe("\uFEFF[text](url)word");
    // the first line's heading mark is seen past it: a mark cannot reach from the heading on
    expect(run(toggleWrap("**"), "\uFEFF# Title\nText", 0, 13).text).toBe("\uFEFF# **Title**\n**Text**");
    expect(run(insertLink, "\uFEFF# Title\nText", 0, 13).text).toBe("\uFEFF# [Title](url)\nText");
  });
});

describe("headings in block quotes", () => {
  it("puts the heading mark after the quote marks: in front of them it ends the quote", () => {
    expect(run(setHeading(2), "> Quoted\n> text", 4).text).toBe("> ## Quoted\n> text");
    expect(run(setHeading(3), "> > ## Deep", 8).text).toBe("> > ### Deep");
    expect(run(setHeading(2), ">## Quoted", 4).text).toBe(">Quoted");
  });
});

describe("headings in list items", () => {
  it("puts the heading mark after the item's marker: in front of it the line is no item", () => {
    expect(run(setHeading(2), "- item\n- next", 3).text).toBe("- ## item\n- next");
    expect(run(setHeading(1), "  1. step", 6).text).toBe("  1. # step");
    expect(run(setHeading(2), "> * quoted item", 6).text).toBe("> * ## quoted item");
    expect(run(setHeading(3), "- ## item", 5).text).toBe("- ### item");
    expect(run(setHeading(2), "- ## item", 5).text).toBe("- item");
    // the cursor on an empty item goes after the mark, to type the heading there
    const empty = run(setHeading(2), "-", 1);
    expect(empty.text).toBe("- ## ");
    expect(empty.head).toBe(5);
  });

  it("leaves a rule made of list markers a rule, and a task item's box before its text", () => {
    expect(run(setHeading(2), "- - -", 0).text).toBe("## - - -");
    expect(run(setHeading(2), "- [ ] task", 7).text).toBe("- [ ] task");
  });
});

describe("brackets in the text of a link", () => {
  function paste(doc: string, from: number, to: number, url: string): string {
    const state = EditorState.create({ doc, selection: EditorSelection.single(from, to) });
    const spec = linkOnPaste(state, url);
    return spec ? state.update(spec).state.doc.toString() : doc;
  }

  it("escapes a bracket with no partner, which ended the text early or left it open", () => {
    const made = run(insertLink, "see a]b now", 4, 7);
    expect(made.text).toBe("see [a\\]b](url) now");
    expect(made.selected).toBe("url");
    expect(run(insertLink, "[draft", 0, 6).text).toBe("[\\[draft](url)");
    expect(run(insertLink, "x ] [ y", 0, 7).text).toBe("[x \\] \\[ y](url)");
    expect(paste("see a]b now", 4, 7, "https://x.org")).toBe("see [a\\]b](https://x.org) now");
  });

  it("keeps balanced and escaped brackets, and brackets in code, as they are", () => {
    expect(run(insertLink, "the [x] box", 0, 11).text).toBe("[the [x] box](url)");
    expect(run(insertLink, "a \\] b", 0, 6).text).toBe("[a \\] b](url)");
    expect(paste("call `a[0]]` here", 0, 17, "https://x.org")).toBe("[call `a[0]]` here](https://x.org)");
  });

  it("doubles a backslash at the end, which escaped the closing bracket", () => {
    const made = run(insertLink, "C:\\", 0, 3);
    expect(made.text).toBe("[C:\\\\](url)");
    expect(made.selected).toBe("url");
  });
});

describe("formatting a whole line that is a list item, heading or quote", () => {
  it("wraps the line's text, not the marks that make it what it is", () => {
    expect(run(toggleWrap("**"), "- item\n- next", 0, 7).text).toBe("- **item**\n- next");
    expect(run(toggleWrap("*"), "# Title\nbody", 0, 8).text).toBe("# *Title*\nbody");
    expect(run(toggleWrap("**"), "> - [ ] task", 0, 12).text).toBe("> - [ ] **task**");
    expect(run(toggleWrap("**"), "- **item**", 0, 10).text).toBe("- item");
    expect(run(toggleWrap("**"), "1. item", 0).text).toBe("1. ****item");
    // a selection begun at the end of the line above, or on an empty item, too
    expect(run(toggleWrap("**"), "Intro\n\n- item", 5, 13).text).toBe("Intro\n\n- **item**");
    expect(run(toggleWrap("**"), "- \n- b", 0, 6).text).toBe("- \n- **b**");
    const link = run(insertLink, "- item\n", 0, 7);
    expect(link.text).toBe("- [item](url)\n");
    expect(link.selected).toBe("url");
  });
});

describe("formatting a selection of several paragraphs or list items", () => {
  it("wraps each one's text: a mark cannot reach from one into the next", () => {
    const items = run(toggleWrap("**"), "- one\n- two\n", 0, 12);
    expect(items.text).toBe("- **one**\n- **two**\n");
    expect(run(toggleWrap("**"), items.text, 0, items.text.length).text).toBe("- one\n- two\n");
    expect(run(toggleWrap("*"), "One.\n\nTwo.", 0, 10).text).toBe("*One.*\n\n*Two.*");
    expect(run(toggleWrap("**"), "# Title\nText", 2, 12).text).toBe("# **Title**\n**Text**");
    // some bold already: the rest is made bold too, and the bold ones stay as they are
    expect(run(toggleWrap("**"), "- **one**\n- two", 0, 15).text).toBe("- **one**\n- **two**");
  });

  it("still wraps the lines of one paragraph as one", () => {
    expect(run(toggleWrap("**"), "one\ntwo", 0, 7).text).toBe("**one\ntwo**");
    expect(run(toggleWrap("**"), "**one\ntwo**", 0, 11).text).toBe("one\ntwo");
  });
});

describe("parentheses in the address of a link", () => {
  it("escapes one with no partner, which ended the address early; keeps balanced ones", () => {
    expect(run(insertLink, "https://x.org/a)b", 0, 17).text).toBe("[](https://x.org/a\\)b)");
    const state = EditorState.create({ doc: "see it", selection: EditorSelection.single(4, 6) });
    const spec = linkOnPaste(state, "https://x.org/(a");
    expect(spec && state.update(spec).state.doc.toString()).toBe("see [it](https://x.org/\\(a)");
    const wiki = "https://en.wikipedia.org/wiki/Pi_(letter)";
    expect(run(insertLink, wiki, 0, wiki.length).text).toBe(`[](${wiki})`);
  });
});

describe("headings over a selection of several lines", () => {
  it("makes every selected line a heading, and takes them off when all are", () => {
    const doc = "One\n\nTwo\n- three\n\nFour";
    const set = run(setHeading(2), doc, 1, 17);
    expect(set.text).toBe("## One\n\n## Two\n- ## three\n\nFour");
    expect(run(setHeading(2), set.text, 0, 26).text).toBe("One\n\nTwo\n- three\n\nFour");
    // of a mix, the others take the level; a triple-clicked line takes no more than itself
    expect(run(setHeading(1), "# One\n### Two\n", 0, 14).text).toBe("# One\n# Two\n");
    expect(run(setHeading(1), "One\nTwo", 0, 4).text).toBe("# One\nTwo");
    expect(run(setHeading(3), "> a\n>\n> b\n\n---\nc", 0, 16).text).toBe("> ### a\n>\n> ### b\n\n---\n### c");
  });
});

describe("a link over a selection of several paragraphs", () => {
  it("links the first one's text: a link cannot reach over a blank line", () => {
    const link = run(insertLink, "One para.\n\nTwo para.", 0, 20);
    expect(link.text).toBe("[One para.](url)\n\nTwo para.");
    expect(link.selected).toBe("url");
    expect(run(insertLink, "- one\n- two", 0, 11).text).toBe("- [one](url)\n- two");
    expect(run(insertLink, "one\ntwo\n\nthree", 0, 14).text).toBe("[one\ntwo](url)\n\nthree");
  });
});

describe("formatting list items indented or spaced with tabs", () => {
  it("keeps the item's marker before its heading mark or bold", () => {
    expect(run(setHeading(2), "- a\n\t- b", 7).text).toBe("- a\n\t- ## b");
    expect(run(setHeading(2), "-\tb", 2).text).toBe("-\t## b");
    expect(run(toggleWrap("**"), "- a\n\t- b", 4, 8).text).toBe("- a\n\t- **b**");
    expect(run(toggleWrap("**"), "- a\n\t- b", 0, 8).text).toBe("- **a**\n\t- **b**");
  });
});
