import { EditorState, Text } from "@codemirror/state";
import { describe, expect, it, vi } from "vitest";
import { docChange, sameText } from "./doc-change";
import { minimalChange } from "./minimal-change";
import { seededRandom } from "./test-random";

const rand = seededRandom(11);
const PIECES = ["a", "b", " ", "\n", "😀", "\n\n", "word ", "é"];
const randomText = (n: number) => Array.from({ length: n }, () => PIECES[rand(PIECES.length)]).join("");

/** docChange must be minimalChange of the two documents' texts, in the same positions. */
function expectMinimal(a: Text, b: Text) {
  const expected = minimalChange(a.toString(), b.toString());
  const change = docChange(a, b);
  if (expected === null) return expect(change).toBeNull();
  expect(change).not.toBeNull();
  expect({ from: change!.from, to: change!.toA, insert: b.sliceString(change!.from, change!.toB) }).toEqual(expected);
}

describe("docChange", () => {
  it("is null for the same or equal documents", () => {
    const doc = Text.of(["one", "two"]);
    expect(docChange(doc, doc)).toBeNull();
    expect(docChange(doc, Text.of(["one", "two"]))).toBeNull();
    expect(docChange(Text.empty, Text.empty)).toBeNull();
  });

  it("finds the edit an editor made to a long document, against the plain text comparison", () => {
    // Thousands of lines: the documents are trees several levels deep that share their nodes.
    let state = EditorState.create({ doc: randomText(20000) });
    for (let step = 0; step < 400; step++) {
      const before = state.doc;
      const len = before.length;
      const changes = Array.from({ length: 1 + rand(3) }, () => {
        const from = rand(len + 1);
        const to = Math.min(len, from + (rand(4) === 0 ? rand(3000) : rand(4)));
        return { from, to, insert: randomText(rand(4) === 0 ? rand(200) : rand(3)) };
      }).sort((x, y) => x.from - y.from);
      // keep the changes apart (a transaction's changes must not overlap)
      const apart = changes.filter((c, i) => i === 0 || c.from >= changes[i - 1].to);
      state = state.update({ changes: apart }).state;
      expectMinimal(before, state.doc);
      expectMinimal(state.doc, before);
      // the same texts built apart share nothing: the comparison must not depend on sharing
      if (step % 40 === 0) expectMinimal(Text.of(before.toString().split("\n")), state.doc);
    }
  });

  it("reads only the lines near a keystroke, not the whole document", () => {
    const state = EditorState.create({ doc: randomText(300000) }); // ~1 MB
    const pos = Math.floor(state.doc.length / 2);
    const after = state.update({ changes: { from: pos, insert: "x" } }).state.doc;
    let read = 0;
    for (const doc of [state.doc, after]) {
      const slice = doc.sliceString.bind(doc);
      vi.spyOn(doc, "sliceString").mockImplementation((from, to) => {
        read += (to ?? doc.length) - from;
        return slice(from, to);
      });
    }
    expect(docChange(state.doc, after)).toEqual({ from: pos, toA: pos, toB: pos + 1 });
    expect(read).toBeLessThan(20000);
  });

  it("handles edits at either end, emptied documents and surrogate pairs", () => {
    const pairs = [
      ["abc", "abcdef"],
      ["abcdef", "def"],
      ["", "new\nlines"],
      ["old\n", ""],
      ["x😀y", "x😃y"],
      ["aaaa\naaaa", "aaaa\naa"],
      ["a\nb\nc", "a\nc"],
    ];
    for (const [a, b] of pairs) expectMinimal(Text.of(a.split("\n")), Text.of(b.split("\n")));
  });
});

describe("docChange in a CRLF post whose lines hold bare LFs", () => {
  // With "\r\n" as the separator a line may hold "\n"; sliceString writes both as "\n".
  const BREAK = "\u2028"; // stands for a line break in the expected texts (no piece holds it)
  const crlf = (text: string) => EditorState.create({ doc: text, extensions: EditorState.lineSeparator.of("\r\n") });
  const expectMinimalMixed = (a: Text, b: Text) => {
    const expected = minimalChange(a.sliceString(0, a.length, BREAK), b.sliceString(0, b.length, BREAK));
    const change = docChange(a, b);
    if (expected === null) return expect(change).toBeNull();
    expect(change).not.toBeNull();
    expect({ from: change!.from, to: change!.toA, insert: b.sliceString(change!.from, change!.toB, BREAK) }).toEqual(expected);
  };

  it("tells a line break from a \\n inside a line", () => {
    expectMinimalMixed(Text.of(["a\n", "b"]), Text.of(["a", "\nb"])); // was null: "equal"
    expectMinimalMixed(crlf("a\r\nb\nc\r\n").doc, crlf("a\r\nb\r\nc\r\n").doc);
    expectMinimalMixed(crlf("x\n\r\ny").doc, crlf("x\r\n\ny").doc);
  });

  it("finds every edit of random mixed documents, against the comparison that tells breaks apart", () => {
    const pieces = ["a", "\r\n", "\n", "\r", "\n\n", "b ", "é"];
    const mixed = (n: number) => Array.from({ length: n }, () => pieces[rand(pieces.length)]).join("");
    let state = crlf(mixed(3000));
    for (let step = 0; step < 300; step++) {
      const before = state.doc;
      const from = rand(before.length + 1);
      const to = Math.min(before.length, from + rand(6));
      state = state.update({ changes: { from, to, insert: mixed(rand(4)) } }).state;
      expectMinimalMixed(before, state.doc);
      expectMinimalMixed(state.doc, before);
      // the same texts built apart, as a reload builds them: nothing shared by identity
      if (step % 30 === 0) expectMinimalMixed(crlf(before.sliceString(0, before.length, "\r\n")).doc, state.doc);
    }
  });
});

describe("sameText", () => {
  const join = (doc: Text, lineBreak: string) => doc.toJSON().join(lineBreak);

  it("agrees with joining the document's lines, for random documents, texts and line breaks", () => {
    for (let round = 0; round < 300; round++) {
      const lineBreak = rand(2) ? "\n" : "\r\n";
      const doc = Text.of(randomText(rand(60)).split("\n"));
      const joined = join(doc, lineBreak);
      const other = [joined, joined + "a", joined.slice(0, -1), randomText(rand(60)), joined.replace("a", "b")][rand(5)]!;
      expect(sameText(doc, other, lineBreak)).toBe(other === joined);
      expect(sameText(doc, joined, lineBreak)).toBe(true);
    }
  });

  it("tells the line break apart, and a big document's last character", () => {
    const doc = Text.of(["one", "two"]);
    expect(sameText(doc, "one\ntwo", "\n")).toBe(true);
    expect(sameText(doc, "one\r\ntwo", "\n")).toBe(false);
    expect(sameText(doc, "one\r\ntwo", "\r\n")).toBe(true);
    expect(sameText(Text.empty, "", "\n")).toBe(true);
    const lines = Array.from({ length: 5000 }, (_, i) => `line ${i}`);
    const big = Text.of(lines);
    expect(big.children).not.toBeNull();
    expect(sameText(big, lines.join("\n"), "\n")).toBe(true);
    expect(sameText(big, lines.join("\n").slice(0, -1) + "x", "\n")).toBe(false);
  });
});
