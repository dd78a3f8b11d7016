import { EditorState } from "@codemirror/state";
import { describe, expect, it } from "vitest";
import { minimalChange } from "./minimal-change";
import { PostText } from "./post-text";
import { seededRandom } from "./test-random";

const rand = seededRandom(5);
const PIECES = ["a", " ", "\n", "😀", "word ", "é", "\r"];
const randomText = (n: number, lineBreak: string) =>
  Array.from({ length: n }, () => PIECES[rand(PIECES.length)]).join("").replaceAll("\n", lineBreak);

/** Versions of a post as its editor makes them, with the post's own line break. */
function* versions(lineBreak: string, steps: number) {
  let state = EditorState.create({ doc: randomText(8000, lineBreak), extensions: EditorState.lineSeparator.of(lineBreak) });
  for (let i = 0; i < steps; i++) {
    const before = new PostText(state.doc, lineBreak);
    const from = rand(state.doc.length + 1);
    const to = Math.min(state.doc.length, from + (rand(3) === 0 ? rand(500) : rand(3)));
    state = state.update({ changes: { from, to, insert: randomText(rand(3) === 0 ? rand(40) : rand(3), lineBreak) } }).state;
    yield [before, new PostText(state.doc, lineBreak)] as const;
  }
}

describe("PostText", () => {
  for (const lineBreak of ["\n", "\r\n"]) {
    const name = JSON.stringify(lineBreak);
    it(`with ${name} line breaks, gives back the text, its length and offsets`, () => {
      const text = `---${lineBreak}title: A${lineBreak}---${lineBreak}${lineBreak}Body 😀 line.${lineBreak}`;
      const post = PostText.of(text);
      expect(post.lineBreak).toBe(lineBreak);
      expect(post.toString()).toBe(text);
      const fromDoc = new PostText(post.doc, lineBreak);
      expect(fromDoc.length).toBe(text.length);
      expect(fromDoc.toString()).toBe(text);
      expect(fromDoc.is(text)).toBe(true);
      expect(fromDoc.is(text + " ")).toBe(false);
      expect(fromDoc.is(text.replace("A", "B"))).toBe(false);
      const body = post.doc.line(5).from;
      expect(text.slice(post.offsetOf(body))).toBe(`Body 😀 line.${lineBreak}`);
    });

    it(`with ${name} line breaks, finds the edit between two versions as the text comparison does`, () => {
      // Exactly the text comparison's edit, except that a CRLF is never split: there the edit
      // may start or end one character (the other half of the line break) further out.
      const slack = lineBreak.length - 1;
      const expectEdit = (older: PostText, newer: PostText) => {
        const change = newer.changeSince(older);
        const expected = minimalChange(older.toString(), newer.toString());
        if (expected === null || change === null) return expect(change).toEqual(expected);
        const a = older.toString();
        expect(a.slice(0, change.from) + change.insert + a.slice(change.to)).toBe(newer.toString());
        expect(change.from).toBeGreaterThanOrEqual(expected.from - slack);
        expect(change.to).toBeLessThanOrEqual(expected.to + slack);
        if (slack === 0) expect(change).toEqual(expected);
      };
      for (const [before, after] of versions(lineBreak, 300)) {
        expectEdit(before, after);
        expectEdit(after, before);
      }
    });
  }

  it("refuses to compare versions with different line breaks", () => {
    expect(() => PostText.of("a\r\nb").changeSince(PostText.of("a\nb"))).toThrow();
  });
});
