// One version of the open post's text as the editor holds it: a CodeMirror document and the
// post's line break. Every keystroke hands one on (to the preview, the save state, the probe);
// the string itself is built only when something needs it, because on a 5 MB post building it
// and comparing it with the last one took ~40 ms of the webview's main thread per keystroke.
import { Text } from "@codemirror/state";
import { docChange } from "./doc-change";
import type { TextChange } from "./minimal-change";

/** The line break a post uses: CRLF when it has any, else LF; `otherwise` (the break of the
 * post a text replaces) for a text with no line break at all. */
export function lineBreakOf(text: string, otherwise = "\n"): string {
  return text.includes("\r\n") ? "\r\n" : text.includes("\n") ? "\n" : otherwise;
}

export class PostText {
  private text: string | null = null;

  constructor(
    readonly doc: Text,
    /** "\n" or "\r\n": a line break is one position of `doc` and this many characters of the text. */
    readonly lineBreak: string,
  ) {}

  /** A version made from a string (tests, and texts that did not come from the editor). */
  static of(text: string, lineBreak = lineBreakOf(text)): PostText {
    const made = new PostText(Text.of(text.split(lineBreak)), lineBreak);
    made.text = text;
    return made;
  }

  /** The length of the text in UTF-16 code units, without building it. */
  get length(): number {
    return this.doc.length + (this.doc.lines - 1) * (this.lineBreak.length - 1);
  }

  toString(): string {
    return (this.text ??= this.doc.sliceString(0, this.doc.length, this.lineBreak));
  }

  /** Whether this is exactly `text`; different lengths answer without building the string. */
  is(text: string): boolean {
    return this.length === text.length && this.toString() === text;
  }

  /** The offset in the text of document position `pos`. */
  offsetOf(pos: number): number {
    const extra = this.lineBreak.length - 1;
    return extra === 0 ? pos : pos + (this.doc.lineAt(pos).number - 1) * extra;
  }

  /**
   * The one replacement (in text offsets) that turns `older` into this version, or null when
   * they are equal. Unchanged parts the two documents share are skipped without a look, so a
   * keystroke costs the same on a 5 MB post as on a short one. Both must use the same line break.
   */
  changeSince(older: PostText): TextChange | null {
    if (older.lineBreak !== this.lineBreak) throw new Error("versions with different line breaks");
    const change = docChange(older.doc, this.doc);
    if (!change) return null;
    return {
      from: this.offsetOf(change.from),
      to: older.offsetOf(change.toA),
      insert: this.doc.sliceString(change.from, change.toB, this.lineBreak),
    };
  }
}
