// Markdown formatting commands bound to Ctrl+B/I/K (Ctrl+1..6: formatting-heading.ts), in the
// way Typora and Obsidian do them: wrap or unwrap the selection, or insert an empty pair and put
// the cursor inside.
// Nothing is done inside the front matter: there `# ` would turn a YAML key into a comment.
import {
  type ChangeSpec,
  EditorSelection,
  type EditorState,
  Facet,
  type SelectionRange,
  type StateCommand,
  type TransactionSpec,
} from "@codemirror/state";
import { cellSpans, noText, tableLines } from "./formatting-lines";
import { EMPHASIS_MARKERS, outOfMarks, partOfSpan } from "./formatting-spans";
import { FRONT_MATTER_HEAD } from "./front-matter-sync";
import { frontMatterText } from "./frontmatter-form";
import { linkText, linkUrl } from "./link-text";

/** What the Markdown parse tells the commands, once it is loaded (editor-deferred); until
 * then they go by each line's text alone. */
export type MarkdownParse = {
  /** Whether `pos` is in code, which the commands leave alone (a mark there is text of the
   * code, or breaks its fence): in a fenced or indented code block, its fences too, or in an
   * HTML block, shown as it is ("block"), or between the backticks of inline code, in a link's address, a link's definition or an
   * HTML tag (where a mark broke the link or the tag: "inline"); null when not. */
  codeAt(state: EditorState, pos: number): "block" | "inline" | null;
  /** Whether what looks like a list item's marker at `pos` is one: `2024.` going on from a
   * paragraph's line is text (only a `1.` begins a list there). */
  listMarkAt(state: EditorState, pos: number): boolean;
  /** The bold (`marker` "**"), italic ("*") or struck-through ("~~") text `pos` is within,
   * marks and all, and the length of its marks; null when in none. */
  emphasisAt(state: EditorState, pos: number, marker: string): { from: number; to: number; mark: number } | null;
  /** The address (or label) of the link or image `from`..`to` begins or ends in; null if none. */
  linkAt(state: EditorState, from: number, to: number): { from: number; to: number } | null;
};
const UNPARSED: MarkdownParse = { codeAt: () => null, listMarkAt: () => true, emphasisAt: () => null, linkAt: () => null };
export const markdownParse = Facet.define<MarkdownParse, MarkdownParse>({
  combine: (found) => found[0] ?? UNPARSED,
});

/** Toggles `marker` around every selection range (e.g. "**" for bold). Emphasis markers are
 * told apart by the length of the run of their character: Ctrl+I on "bold" in `**bold**` makes
 * it `***bold***`, not `*bold*`. */
export function toggleWrap(marker: string): StateCommand {
  return ({ state, dispatch }) => {
    if (state.readOnly) return false;
    const n = marker.length;
    const bodyFrom = frontMatterEnd(state);
    const tr = state.changeByRange((chosen) => {
      if (chosen.from < bodyFrom) return { range: chosen };
      const each = wrapEach(state, words(state, chosen), marker);
      if (each) return each;
      const parse = state.facet(markdownParse);
      const range = outOfMarks(state, words(state, chosen), parse);
      if (parse.codeAt(state, range.from) || parse.codeAt(state, range.to)) return { range: chosen };
      // The cursor in bold text: the bold goes, as it goes from the text selected (an empty
      // pair put in there split the bold in two and changed nothing shown).
      const span = range.empty ? parse.emphasisAt(state, range.from, marker) : null;
      if (span) {
        const changes = state.changes([
          { from: span.from, to: span.from + span.mark },
          { from: span.to - span.mark, to: span.to },
        ]);
        return { changes, range: EditorSelection.cursor(changes.mapPos(range.from)) };
      }
      // In text of another mark the new one goes around that text: an empty pair put in
      // joined the marks there (`**b**old**`, a bold "b").
      const other = range.empty ? innermostEmphasis(state, range.from, marker) : null;
      if (other) {
        const from = other.from + other.mark;
        const to = other.to - other.mark;
        const changes = state.changes([
          { from, insert: marker },
          { from: to, insert: marker },
        ]);
        // (By its letter, within the marks, for the next toggle to find.)
        const at = Math.min(Math.max(range.from, from), to);
        return { changes, range: EditorSelection.cursor(changes.mapPos(at, at === from ? 1 : -1)) };
      }
      const before = state.sliceDoc(range.from - n, range.from);
      const after = state.sliceDoc(range.to, range.to + n);
      // (A few characters each side tell the run: no need to build a long post's text.)
      const outside = Math.min(
        runBefore(state.sliceDoc(Math.max(0, range.from - 6), range.from), marker),
        runAfter(state.sliceDoc(range.to, range.to + 6), marker),
      );
      // Marks on both sides are one marked text's only when the selection is within one: begun
      // in one and ended in another (`**b** c **d**`), those between go instead (partOfSpan).
      const spanAt = (pos: number) => parse.emphasisAt(state, pos, marker)?.from;
      const oneSpan = range.empty || spanAt(range.from) === spanAt(range.to);
      if (before === marker && after === marker && isOn(outside, marker) && oneSpan) {
        return {
          changes: [
            { from: range.from - n, to: range.from },
            { from: range.to, to: range.to + n },
          ],
          range: EditorSelection.range(range.from - n, range.to - n),
        };
      }
      const selected = state.sliceDoc(range.from, range.to);
      const inside = Math.min(runAfter(selected, marker), runBefore(selected, marker), Math.floor(selected.length / 2));
      if (selected.length >= 2 * n && selected.startsWith(marker) && selected.endsWith(marker) && isOn(inside, marker)) {
        return {
          changes: { from: range.from, to: range.to, insert: selected.slice(n, selected.length - n) },
          range: EditorSelection.range(range.from, range.to - 2 * n),
        };
      }
      const part = range.empty ? null : partOfSpan(state, range, marker, parse);
      if (part) return part;
      return {
        changes: [
          { from: range.from, insert: marker },
          { from: range.to, insert: marker },
        ],
        range: EditorSelection.range(range.from + n, range.to + n),
      };
    });
    dispatch(state.update(tr, { scrollIntoView: true, userEvent: "input.format" }));
    return true;
  };
}

/** The innermost bold, italic or struck-through text at `pos` of a marker other than `marker`. */
function innermostEmphasis(state: EditorState, pos: number, marker: string) {
  const parse = state.facet(markdownParse);
  let inner: ReturnType<MarkdownParse["emphasisAt"]> = null;
  for (const other of EMPHASIS_MARKERS) {
    const span = other === marker ? null : parse.emphasisAt(state, pos, other);
    if (span && (!inner || span.to - span.from < inner.to - inner.from)) inner = span;
  }
  return inner;
}

/** Toggles `marker` around the text of each line of `range` when it reaches over more than one
 * paragraph, list item, heading or quote line, or table cell (no mark reaches from one into
 * the next); they come out selected with their marks, for the next toggle to take them off.
 * Null within one. */
function wrapEach(state: EditorState, range: SelectionRange, marker: string) {
  const parse = state.facet(markdownParse);
  const first = state.doc.lineAt(range.from).number;
  const last = state.doc.lineAt(range.to).number;
  const table = tableLines(state, first, last);
  const cells = table.size > 0 && /[|\n]/.test(state.sliceDoc(range.from, range.to));
  if (!cells && !nextBlock(state, range)) return null;
  const parts: { from: number; to: number; text: string }[] = [];
  for (let i = first; i <= last; i++) {
    const line = state.doc.line(i);
    if (table.get(i) === "delimiter" || noText(line.text.slice(i === 1 ? bomLength(state) : 0))) continue;
    for (const span of table.get(i) === "row" ? cellSpans(line) : [line]) {
      if (span.to < range.from || span.from > range.to) continue;
      const part = words(state, EditorSelection.range(Math.max(span.from, range.from), Math.min(span.to, range.to)));
      const text = state.sliceDoc(part.from, part.to);
      const code = parse.codeAt(state, part.from) || parse.codeAt(state, part.to);
      if (text.trim() && !code) parts.push({ from: part.from, to: part.to, text });
    }
  }
  const n = marker.length;
  const on = ({ text }: { text: string }) =>
    text.length >= 2 * n && text.startsWith(marker) && text.endsWith(marker) &&
    isOn(Math.min(runAfter(text, marker), runBefore(text, marker), Math.floor(text.length / 2)), marker);
  const off = parts.every(on);
  const changes = state.changes(
    parts.flatMap((part): ChangeSpec[] => {
      const { from, to } = part;
      if (off) return [{ from, to: from + n }, { from: to - n, to }];
      return on(part) ? [] : [{ from, insert: marker }, { from: to, insert: marker }];
    }),
  );
  return { changes, range: EditorSelection.range(changes.mapPos(range.from, -1), changes.mapPos(range.to, 1)) };
}

/** The number of the first line of `range` below its first that begins another paragraph,
 * list item, heading, quote line or code block, or 0 when the range is within one. */
function nextBlock(state: EditorState, range: SelectionRange): number {
  const parse = state.facet(markdownParse);
  // (Past a byte-order mark: the file's first character, no part of the first line's marks.)
  const bom = (i: number) => (i === 1 ? bomLength(state) : 0);
  const marks = (i: number) => {
    const line = state.doc.line(i);
    return lineMarks(state, line.from + bom(i), line.text.slice(bom(i)));
  };
  const code = (i: number) => parse.codeAt(state, state.doc.line(i).from + bom(i) + marks(i).length);
  const last = state.doc.lineAt(range.to).number;
  const ruled = (i: number) => noText(state.doc.line(i).text.slice(bom(i)), false);
  for (let i = state.doc.lineAt(range.from).number + 1; i <= last; i++) {
    // (A heading is a block of one line, as a rule is, and an underline ends one; a code
    // block's lines, fences too, are none of the text.)
    if (!state.doc.line(i).text.trim() || marks(i).length > 0 || /#[ \t]*$/.test(marks(i - 1))) return i;
    if (ruled(i) || ruled(i - 1)) return i;
    if (code(i) === "block" || code(i - 1) === "block") return i;
  }
  return 0;
}

/** Whether a run of `run` marker characters holds `marker`: `*` is in a run of 1 or 3 (italic,
 * bold italic), not 2 (bold); `**` in a run of 2 or more. Other markers are taken as they are. */
function isOn(run: number, marker: string): boolean {
  if (marker !== "*") return true;
  return run % 2 === 1;
}

/** How many of `marker`'s character end `text` (0 when the marker is not one repeated character). */
function runBefore(text: string, marker: string): number {
  const c = marker[0];
  if (marker !== c.repeat(marker.length)) return 0;
  let i = text.length;
  while (i > 0 && text[i - 1] === c) i--;
  return text.length - i;
}

/** How many of `marker`'s character start `text`. */
function runAfter(text: string, marker: string): number {
  const c = marker[0];
  if (marker !== c.repeat(marker.length)) return 0;
  let i = 0;
  while (i < text.length && text[i] === c) i++;
  return i;
}

const LINK_URL = /^(https?:\/\/|mailto:)\S+$/;

/**
 * What pasting `pasted` does when it is a URL and words are selected (one selection, within a
 * line, past the front matter, not a URL itself, nor in code or a link): links them,
 * `[words](url)`, the cursor after it. Null to paste as usual.
 */
export function linkOnPaste(state: EditorState, pasted: string): TransactionSpec | null {
  const url = pasted.trim();
  const main = state.selection.main;
  if (state.readOnly || !LINK_URL.test(url) || state.selection.ranges.length > 1 || main.empty) return null;
  if (main.from < frontMatterEnd(state)) return null;
  // Within one line once the spaces and line break at its ends are left out (a triple click
  // selects the line break too).
  const range = words(state, main);
  if (state.doc.lineAt(range.from).to < range.to) return null;
  // Nor in code, or in a link's text: there a link was text of the code, or a link in a link.
  const parse = state.facet(markdownParse);
  if (parse.codeAt(state, range.from) || parse.codeAt(state, range.to)) return null;
  if (parse.linkAt(state, range.from, range.to)) return null;
  const text = state.sliceDoc(range.from, range.to);
  if (!text.trim() || LINK_URL.test(text)) return null;
  const link = `[${linkText(text)}](${linkUrl(url)})`;
  return {
    changes: { from: range.from, to: range.to, insert: link },
    selection: EditorSelection.cursor(range.from + link.length),
    scrollIntoView: true,
    userEvent: "input.paste",
  };
}

/** Turns the selection into `[text](url)` and selects "url" so it can be typed over; with
 * nothing selected, puts in `[text](url)` and selects "text" (an empty `[]` shows nothing). */
export const insertLink: StateCommand = ({ state, dispatch }) => {
  if (state.readOnly) return false;
  const bodyFrom = frontMatterEnd(state);
  const tr = state.changeByRange((chosen) => {
    if (chosen.from < bodyFrom) return { range: chosen };
    let range = words(state, chosen);
    // In code a link would be text of the code (as it is for the bold and italic marks).
    if (state.facet(markdownParse).codeAt(state, range.from)) return { range: chosen };
    // A link cannot reach over a blank line or into another block (its text was left as
    // `[one` and `two](url)`): the first one's text is linked, which shows where it stopped.
    const next = nextBlock(state, range);
    if (next) range = words(state, EditorSelection.range(range.from, state.doc.line(next - 1).to));
    // Nor over a table cell's pipe (the row had a cell more, or fewer): the first cell's.
    const row = state.doc.lineAt(range.from);
    const inRow = tableLines(state, row.number, row.number).get(row.number) === "row";
    const cell = inRow && cellSpans(row).find((span) => span.to > range.from);
    if (cell && cell.from < range.to) range = EditorSelection.range(Math.max(range.from, cell.from), Math.min(range.to, cell.to));
    // Ending in code, the link's `](url)` went into the code (`[see \`a](url) b\``).
    if (state.facet(markdownParse).codeAt(state, range.to)) return { range: chosen };
    // In a link its address is selected to type over (a link put in made `[x[y](url)z](…)`).
    const link = state.facet(markdownParse).linkAt(state, range.from, range.to);
    if (link) return { range: EditorSelection.range(link.from, link.to) };
    const text = state.sliceDoc(range.from, range.to);
    const looksLikeUrl = LINK_URL.test(text);
    if (!text) {
      return {
        changes: { from: range.from, insert: "[text](url)" },
        range: EditorSelection.range(range.from + 1, range.from + 5),
      };
    }
    const label = looksLikeUrl ? "" : linkText(text);
    const url = looksLikeUrl ? linkUrl(text) : "url";
    const insert = `[${label}](${url})`;
    // In document positions, where a line break (CRLF too) is one.
    const selectFrom = looksLikeUrl ? range.from + 1 : range.to + 3 + label.length - text.length;
    const selectTo = looksLikeUrl ? selectFrom : selectFrom + url.length;
    return {
      changes: { from: range.from, to: range.to, insert },
      range: EditorSelection.range(selectFrom, selectTo),
    };
  });
  dispatch(state.update(tr, { scrollIntoView: true, userEvent: "input.format" }));
  return true;
};

/** The document position where the post's body starts: past its front-matter block (found as
 * the form finds it, in the post's first FRONT_MATTER_HEAD characters) and the rest of the line
 * it closes on, or 0 when it has none. Past the end when the block closes the post: a mark at
 * its end went on the closing line (`---**` is no fence). */
export function frontMatterEnd(state: EditorState): number {
  // Lines joined by one "\n", as a line break is one document position.
  const head = state.doc.sliceString(0, Math.min(state.doc.length, FRONT_MATTER_HEAD));
  const block = frontMatterText(head);
  if (!block) return 0;
  // A JSON block ends at its `}`, not at a line's end: a mark put after it went into the
  // block's line (`{…}**`, read as text glued to the front matter).
  const end = block.length + (head.startsWith("\uFEFF") ? 1 : 0);
  const line = state.doc.lineAt(end);
  return end > line.from || end === state.doc.length ? line.to + 1 : end;
}

/** `range` without the spaces and line breaks at its ends (a triple-clicked line takes its line
 * break), nor its first line's quote, list or heading marks, nor a heading's closing hashes:
 * `**bold **`, or a closing mark at the start of the next line, is no bold. A range of spaces
 * alone is kept as it is. */
function words(state: EditorState, range: SelectionRange): SelectionRange {
  // Nor is a byte-order mark ever wrapped: it stays the file's first character.
  const bom = bomLength(state);
  if (range.from < bom) range = EditorSelection.range(bom, Math.max(bom, range.to));
  for (;;) {
    // Nor are the marks that make a line a quote, list item or heading: wrapped, it was none.
    const line = state.doc.lineAt(range.from);
    const start = Math.max(line.from, bom);
    const marks = start + lineMarks(state, start, state.sliceDoc(start, line.to)).length;
    if (range.from < marks) range = EditorSelection.range(marks, Math.max(marks, range.to));
    // Lines joined by one "\n", as a line break is one document position.
    const text = state.doc.sliceString(range.from, range.to);
    const lead = text.length - text.trimStart().length;
    if (lead === text.length) return range;
    const trail = text.length - text.trimEnd().length;
    range = EditorSelection.range(range.from + lead, range.to - trail);
    // Begun at a line's end, it now begins at the next line's marks (if that one has any).
    if (!text.slice(0, lead).includes("\n")) return beforeClosingHashes(state, range);
  }
}

/** `range` ending before the closing hashes of the heading it ends in (`## Title ##`): a mark
 * after them made them text of the heading. */
function beforeClosingHashes(state: EditorState, range: SelectionRange): SelectionRange {
  const line = state.doc.lineAt(range.to);
  const start = Math.max(line.from, bomLength(state));
  const marks = lineMarks(state, start, state.sliceDoc(start, line.to));
  if (!/#[ \t]*$/.test(marks)) return range;
  // (Hashes close the heading only after a space: `C#` is a word.)
  const closing = /[ \t]+#+[ \t]*$/.exec(state.sliceDoc(start + marks.length, line.to));
  const end = closing ? start + marks.length + closing.index : line.to;
  return range.to > end ? EditorSelection.range(range.from, Math.max(range.from, end)) : range;
}

/** The marks that start a line of a quote, a list item (a task's box too), a footnote's
 * definition (its label) or a heading. */
const LINE_MARKS =
  /^(?: {0,3}>[ \t]?)*(?:[ \t]*(?:[-+*]|\d{1,9}[.)])(?:[ \t]+|$)(?:\[[ xX]\][ \t]+)?| {0,3}\[\^[^\]\s]+\]:[ \t]*)?(?: {0,3}#{1,6}(?:[ \t]+|$))?/;
/** A list item's indent, marker and the spaces after it (after any quote marks), tabs too
 * (Obsidian indents with them; `-\tb` is an item). */
export const ITEM_MARKS = /^([ \t]*)([-+*]|\d{1,9}[.)])([ \t]+|$)/;
/** The marks that start `text`, a line's text from `from` (see LINE_MARKS), but for a list
 * marker the parse finds is none (see MarkdownParse): the line is text from there. */
function lineMarks(state: EditorState, from: number, text: string): string {
  const marks = LINE_MARKS.exec(text)?.[0] ?? "";
  const quote = /^(?: {0,3}>[ \t]?)*/.exec(marks)?.[0] ?? "";
  const item = ITEM_MARKS.exec(marks.slice(quote.length));
  if (item && !state.facet(markdownParse).listMarkAt(state, from + quote.length + item[1].length)) return quote;
  return marks;
}

/** 1 when the post starts with a byte-order mark, else 0. */
export function bomLength(state: EditorState): number {
  return state.sliceDoc(0, 1) === "\uFEFF" ? 1 : 0;
}
