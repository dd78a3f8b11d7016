// Tab and Shift+Tab on Markdown list items: nest an item under the one above, or take it back
// out, by the width of the item it goes under (with its own nested lines).
import type { EditorState, StateCommand } from "@codemirror/state";
import { bomLength, ITEM_MARKS } from "./formatting";

/** Line `n`'s text and where it starts, past a byte-order mark: the mark is the file's first
 * character, no part of the first line's Markdown (before it that line was no item). */
function lineOf(state: EditorState, n: number): { from: number; text: string } {
  const line = state.doc.line(n);
  const bom = n === 1 ? bomLength(state) : 0;
  return { from: line.from + bom, text: line.text.slice(bom) };
}

/** The column `text` reaches from column `start`, a tab going on to the next multiple of four,
 * as Markdown reads it. */
function columnAfter(text: string, start = 0): number {
  let column = start;
  for (const c of text) column = c === "\t" ? column + 4 - (column % 4) : column + 1;
  return column;
}

/** The spaces and tabs `text` starts with. */
function leading(text: string): string {
  return /^[ \t]*/.exec(text)?.[0] ?? "";
}

/** An indent reaching `column`: in tabs, then spaces for the rest, when `tabs`, else spaces. */
function indentTo(column: number, tabs: boolean): string {
  return tabs ? "\t".repeat(Math.floor(column / 4)) + " ".repeat(column % 4) : " ".repeat(column);
}

/** One block-quote mark. */
const QUOTE_MARK = /^ {0,3}>[ \t]?/;

/** How deep `text` is quoted (up to `most` marks), its length of quote marks, and its text past
 * them (`rest`, as it is, and `text`). A tab after the last `>` is its space and the columns it
 * reaches past that (`>\t- b` is an item two columns in): `text` has spaces for it, `rest` and
 * `length` leave it out, and `tab` says so. */
function quoteMarks(text: string, most = Infinity) {
  let depth = 0;
  let length = 0;
  for (let mark; depth < most && (mark = QUOTE_MARK.exec(text.slice(length))); depth++) length += mark[0].length;
  const tab = depth > 0 && text[length - 1] === "\t";
  if (!tab) return { depth, length, rest: text.slice(length), text: text.slice(length), tab };
  const pad = columnAfter(text.slice(0, length)) - columnAfter(text.slice(0, length - 1)) - 1;
  return { depth, length: length - 1, rest: text.slice(length - 1), text: " ".repeat(pad) + text.slice(length), tab };
}

/**
 * Tab on list items: indents each to where the text of the item above starts, which nests it.
 * The usual two spaces nest a bullet, but not a numbered item (`1. ` takes three): it stayed a
 * sibling. Declines (for the usual indent) unless every selected line is an item with one above.
 */
export const indentListItem: StateCommand = listItemCommand(itemTextColumn, "input.indent");

/**
 * Shift+Tab on nested list items: back to the indent of the item each is nested in, as Tab
 * nested it. The usual dedent takes two spaces: a numbered item nested by three kept one, and
 * one in a block quote (its spaces are after the quote marks) none. Declines (for the usual
 * dedent) unless every selected line is a nested item.
 */
export const outdentListItem: StateCommand = listItemCommand(parentItemIndent, "delete.dedent");

/** Sets the indent of every selected list item to what `indentOf` answers for it (the item's
 * line, its quote depth, its indent), or declines if it answers null for any. */
function listItemCommand(
  indentOf: (state: EditorState, n: number, depth: number, indent: string, known: Known) => string | null,
  userEvent: string,
): StateCommand {
  return ({ state, dispatch }) => {
    if (state.readOnly) return false;
    const known: Known = new Map();
    const changes: { from: number; to?: number; insert?: string }[] = [];
    const seen = new Set<number>();
    for (const range of state.selection.ranges) {
      const last = state.doc.lineAt(range.to);
      // A selection ending at the start of a line (a triple-clicked one) does not take that line.
      const to = range.empty || last.from !== range.to ? range.to : range.to - 1;
      for (let n = state.doc.lineAt(range.from).number; n <= state.doc.lineAt(to).number; n++) {
        if (seen.has(n)) continue; // (moved already, with an item above it)
        seen.add(n);
        const line = lineOf(state, n);
        // In a block quote the item starts after the quote marks (spaces put before them nested
        // nothing, and four made the line text of the item above).
        const quote = quoteMarks(line.text);
        // Blank lines between the items stay (declined, the usual indent moved every item by
        // two spaces: a numbered one stayed a sibling).
        if (!quote.text.trim()) continue;
        const item = ITEM_MARKS.exec(quote.text);
        const indent = item ? indentOf(state, n, quote.depth, item[1], known) : null;
        if (!item || indent === null) return false;
        const from = line.from + quote.length;
        // (A tab after the quote mark goes as the quote's space and the indent.)
        changes.push({ from, to: from + leading(quote.rest).length, insert: (quote.tab ? " " : "") + indent });
        // The item's own lines below (nested items, paragraphs) move with it: left where they
        // were, nested items of an item nested by Tab came out of it. Their indents are
        // measured in columns (a tab reaches the next multiple of four) and keep their tabs.
        const shift = columnAfter(indent) - columnAfter(item[1]);
        const tabs = indent.includes("\t");
        for (const m of itemLines(state, n, quote.depth, columnAfter(item[1]))) {
          seen.add(m);
          const below = state.doc.line(m);
          const marks = quoteMarks(below.text, quote.depth);
          const at = below.from + marks.length;
          const old = leading(marks.rest);
          const kept = marks.tab ? old.slice(1) : old;
          const moved = indentTo(Math.max(0, columnAfter(leading(marks.text)) + shift), tabs || kept.includes("\t"));
          const insert = (marks.tab ? " " : "") + moved;
          if (insert !== old) changes.push({ from: at, to: at + old.length, insert });
        }
      }
    }
    if (!changes.length) return false;
    dispatch(state.update({ changes, scrollIntoView: true, userEvent }));
    return true;
  };
}

/** The numbers of the non-blank lines below item line `n` (indented `indent`, at quote depth
 * `depth`) that belong to it: indented more, up to the next line that is not. */
function itemLines(state: EditorState, n: number, depth: number, indent: number): number[] {
  const lines = [];
  for (let m = n + 1; m <= state.doc.lines; m++) {
    const line = state.doc.line(m).text;
    const quote = quoteMarks(line, depth);
    if (quote.depth < depth) break;
    const text = quote.text;
    if (!text.trim()) continue;
    if (columnAfter(leading(text)) <= indent) break;
    lines.push(m);
  }
  return lines;
}

/** The answer last found for items of each quote depth and indent (`depth indent`), and the
 * line it was found for, within one command: lines are asked for top down. */
type Known = Map<string, { line: number; indent: string | null }>;

/** The indent of the item line `n` (indented `own`, at quote depth `depth`) is nested in, as
 * that item has it, or null when it is in none. */
function parentItemIndent(state: EditorState, n: number, depth: number, own: string, known: Known): string | null {
  const indent = columnAfter(own);
  const key = `${depth} ${indent}`;
  const last = known.get(key);
  let answer: string | null = null;
  for (let i = n - 1; i >= 1 && indent > 0; i--) {
    // An item as deep above, its answer known, is in the same item as this one: a long nested
    // list selected whole was looked up from each of its items to the item it is in.
    if (last?.line === i) {
      answer = last.indent;
      break;
    }
    const line = lineOf(state, i).text;
    const quote = quoteMarks(line, depth);
    if (quote.depth < depth) break;
    const text = quote.text;
    if (!text.trim()) continue;
    const at = columnAfter(leading(text));
    // Lines as deep or deeper are siblings or belong to them, as do indented paragraphs of the
    // items above; unindented text that is no item ends the list.
    if (at < indent && ITEM_MARKS.test(text)) {
      answer = leading(text);
      break;
    }
    if (at === 0) break;
  }
  known.set(key, { line: n, indent: answer });
  return answer;
}

/** An indent (past the quote marks) to where the text of the item above line `n` at the same
 * quote depth and indent starts, or null when there is none (line `n` is a list's first item,
 * or follows other text, or the quote it is in begins below that item). Where either item is
 * indented with tabs, in whole tabs (one more than the item above, as Obsidian nests). */
function itemTextColumn(state: EditorState, n: number, depth: number, own: string): string | null {
  const indent = columnAfter(own);
  for (let i = n - 1; i >= 1; i--) {
    const line = lineOf(state, i).text;
    // A line quoted less (a blank one too) ends the quote.
    const quote = quoteMarks(line, depth);
    if (quote.depth < depth) return null;
    const text = quote.text;
    if (!text.trim()) continue;
    const item = ITEM_MARKS.exec(text);
    const at = columnAfter(leading(text));
    if (item && at === indent) {
      // (Five spaces or more after the marker start code: its text is one space in.)
      const marker = at + item[2].length;
      const spaces = columnAfter(item[3], marker) - marker;
      const column = marker + (spaces && spaces <= 4 ? spaces : 1);
      // (Whole tabs reach past the text by at most three columns: still within the item.)
      if (own.includes("\t") || item[1].includes("\t")) return "\t".repeat(Math.ceil(column / 4));
      return " ".repeat(column);
    }
    // Deeper lines belong to the items above (nested items, their paragraphs).
    if (at <= indent) return null;
  }
  return null;
}
