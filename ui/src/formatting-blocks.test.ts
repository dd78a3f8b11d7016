import { EditorSelection, EditorState, type Transaction } from "@codemirror/state";
import { describe, expect, it } from "vitest";
import { insertLink, toggleWrap } from "./formatting";
import { setHeading } from "./formatting-heading";

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

describe("bold, italic or a link over a heading with its closing hashes selected", () => {
  it("marks the heading's text: after a mark, the hashes were text of the heading", () => {
    expect(run(toggleWrap("*"), "## Title ##", 0, 11)).toBe("## *Title* ##");
    expect(run(toggleWrap("*"), "## *Title* ##\n", 0, 14)).toBe("## Title ##\n");
    expect(run(toggleWrap("**"), "# A #\n# B #", 0, 11)).toBe("# **A** #\n# **B** #");
    expect(run(insertLink, "## Title ##", 3, 11)).toBe("## [Title](url) ##");
    // hashes that close nothing are the heading's text
    expect(run(toggleWrap("**"), "## C#", 0, 5)).toBe("## **C#**");
  });
});

describe("bold or italic over lines that hold no text", () => {
  const bold = (doc: string, from = 0, to = doc.length) => run(toggleWrap("**"), doc, from, to);

  it("leaves rules, heading underlines and link definitions as they are: marked, they were text", () => {
    expect(bold("a\n\n---\n\nb")).toBe("**a**\n\n---\n\n**b**");
    expect(bold("a\n\n- - -\n\nb")).toBe("**a**\n\n- - -\n\n**b**");
    expect(bold("Title\n---\n\ntext")).toBe("**Title**\n---\n\n**text**");
    expect(bold("Title\n===\ntext")).toBe("**Title**\n===\n**text**");
    expect(bold("Title\n---")).toBe("**Title**\n---");
    expect(bold("> a\n>\n> ***\n> b")).toBe("> **a**\n>\n> ***\n> **b**");
    expect(bold("See [x].\n\n[x]: https://x.org\n")).toBe("**See [x].**\n\n[x]: https://x.org\n");
    // and takes them off again
    expect(bold("**a**\n\n---\n\n**b**")).toBe("a\n\n---\n\nb");
    expect(run(insertLink, "Title\n---", 0, 9)).toBe("[Title](url)\n---");
  });

  it("marks a footnote's text after its label", () => {
    expect(bold("A note[^1].\n\n[^1]: The note.\n")).toBe("**A note[^1].**\n\n[^1]: **The note.**\n");
    expect(run(toggleWrap("*"), "[^note]: Text", 9, 13)).toBe("[^note]: *Text*");
  });
});

describe("bold or italic over a table", () => {
  const table = "| a | b |\n|---|:-:|\n| c | `d\\|e` |\n\nafter";

  it("marks each cell's text: around a row, the marks made cells of their own and the table text", () => {
    expect(run(toggleWrap("**"), table, 0, 9)).toBe("| **a** | **b** |\n|---|:-:|\n| c | `d\\|e` |\n\nafter");
    expect(run(toggleWrap("**"), table, 0, table.length)).toBe("| **a** | **b** |\n|---|:-:|\n| **c** | **`d\\|e`** |\n\n**after**");
    expect(run(toggleWrap("*"), "x | y\n--|--\nz | w", 6, 17)).toBe("x | y\n--|--\n*z* | *w*");
    // and takes them off again
    expect(run(toggleWrap("**"), "| **a** | **b** |\n|---|---|", 0, 17)).toBe("| a | b |\n|---|---|");
    // within a cell as anywhere
    expect(run(toggleWrap("**"), table, 2, 3)).toBe(table.replace("| a |", "| **a** |"));
  });

  it("links the first cell's text of a selection over several: a link over a pipe broke the row", () => {
    const linked = table.replace("| a |", "| [a](url) |");
    expect(run(insertLink, table, 0, 9)).toBe(linked);
    expect(run(insertLink, table, 2, 7)).toBe(linked);
    expect(run(insertLink, table, 2, 3)).toBe(linked);
    expect(run(insertLink, "x | y\n--|--", 0, 5)).toBe("[x](url) | y\n--|--");
  });
});

describe("Ctrl+1..6 on a table's line or a heading's underline", () => {
  const table = "Intro\n\n| a | b |\n|---|---|\n| c | d |\n\nafter";

  it("leaves a table's rows alone: a heading mark made the row, or the whole table, text", () => {
    for (const at of [10, 20, 30]) expect(run(setHeading(2), table, at)).toBe(table);
    // over a selection, the rest still takes the mark
    expect(run(setHeading(2), table, 0, table.length)).toBe("## Intro\n\n| a | b |\n|---|---|\n| c | d |\n\n## after");
  });

  it("takes a line that starts another block right under a table for that block, no row", () => {
    const under = (line: string) => `| a | b |\n|---|---|\n| c | d |\n${line}`;
    expect(run(setHeading(3), under("## Title"), 33)).toBe(under("### Title"));
    expect(run(setHeading(2), under("- item"), 33)).toBe(under("- ## item"));
    expect(run(setHeading(2), under("> quoted"), 33)).toBe(under("> ## quoted"));
    // a line of text with no pipe is the table's row still, as Markdown reads it
    expect(run(setHeading(2), under("more"), 31)).toBe(under("more"));
  });

  it("acts on the heading an underline belongs to: a mark on the underline ended the heading", () => {
    expect(run(setHeading(2), "Title\n===\nbody", 8)).toBe("## Title\nbody");
    expect(run(setHeading(1), "Title\n===\nbody", 7)).toBe("Title\nbody");
    expect(run(setHeading(1), "Title\n---", 7)).toBe(run(setHeading(1), "Title\n---", 2));
    // a `---` after a blank line is a rule of its own, no underline
    expect(run(setHeading(1), "Title\n\n---", 8)).toBe("Title\n\n# ---");
  });
});

describe("formatting the first line of a post that starts with a Hugo shortcode", () => {
  it("formats it: a shortcode is no JSON front matter", () => {
    expect(run(setHeading(2), "{{< figure >}} Title\nText", 3)).toBe("## {{< figure >}} Title\nText");
    expect(run(toggleWrap("**"), "{{< x >}}\nText", 0, 14)).toBe("**{{< x >}}\nText**");
  });
});

describe("Ctrl+1..6 on a link's or a footnote's definition", () => {
  it("leaves it alone: under a heading mark it defined nothing, and every link to it broke", () => {
    const post = "See [the site][s] and a note[^1].\n\n[s]: https://x.org\n[^1]: The note.\n";
    for (const at of [38, 58]) expect(run(setHeading(2), post, at)).toBe(post);
    expect(run(setHeading(1), "> [s]: https://x.org", 4)).toBe("> [s]: https://x.org");
    // over a selection, the rest still takes the mark
    expect(run(setHeading(2), post, 0, post.length)).toBe(`## ${post}`);
  });
});
