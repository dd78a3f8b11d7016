// Lines the formatting commands (formatting.ts) put no marks around: rules, underlines, link
// definitions, and tables' rows, whose cells take marks of their own (one around a whole row,
// `**| a | b |**`, gave it more cells than the table has, which made the whole table text).
import type { EditorState } from "@codemirror/state";

/** A thematic break (`- - -` is one, not a list item). */
export const RULE = /^ {0,3}([-*_])[ \t]*(?:\1[ \t]*){2,}$/;

/** Whether a line's `text` (past any quote marks) holds nothing a mark may go around: a rule, a
 * heading's underline or (with `definitions`) a link reference definition. Marked, each was
 * text (`**---**`, `**[x]: url**` a paragraph and the links to it broken). */
export function noText(text: string, definitions = true): boolean {
  const rest = text.slice(/^(?: {0,3}>[ \t]?)*/.exec(text)?.[0].length ?? 0);
  if (RULE.test(rest) || /^ {0,3}(?:=+|-+)[ \t]*$/.test(rest)) return true;
  return definitions && DEFINITION.test(rest) && !rest.trimStart().startsWith("[^");
}

/** The start of a link reference definition (`[x]: url`) or a footnote's (`[^1]: text`). */
export const DEFINITION = /^ {0,3}\[(?:[^\]\\]|\\.)+\]:/;

/** A table's delimiter row (`|---|:--:|`, `--- | ---`); without a pipe it is a rule or an
 * underline, no table's. */
const DELIMITER_ROW = /^ {0,3}\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$/;

function isDelimiterRow(text: string): boolean {
  return text.includes("|") && DELIMITER_ROW.test(text);
}

/** A line that starts a block of its own (a heading, a quote, a fence, a list item or a
 * rule), which ends a table above it rather than being its row. */
const STARTS_BLOCK = /^ {0,3}(?:#{1,6}(?:[ \t]|$)|>|```|~~~|(?:[-+*]|\d{1,9}[.)])[ \t]+\S)/;

/** Which of the lines `first` to `last` belong to a table: its rows (the header, and the lines
 * below the delimiter row up to a blank line or a line that starts another block) and its
 * delimiter row. */
export function tableLines(state: EditorState, first: number, last: number): Map<number, "row" | "delimiter"> {
  const text = (i: number) => state.doc.line(i).text;
  const ends = (line: string) => !line.trim() || STARTS_BLOCK.test(line) || RULE.test(line);
  const header = (i: number) =>
    i < state.doc.lines && !ends(text(i)) && text(i).includes("|") && isDelimiterRow(text(i + 1));
  const lines = new Map<number, "row" | "delimiter">();
  // Whether `first` is in a table begun above it (or is the delimiter row under its header).
  let inTable = false;
  for (let i = first; i > 1 && !ends(text(i)); i--) {
    if (header(i - 1)) {
      inTable = true;
      break;
    }
  }
  for (let i = first; i <= last; i++) {
    const line = text(i);
    if (ends(line)) inTable = false;
    else if (inTable) lines.set(i, isDelimiterRow(line) && header(i - 1) ? "delimiter" : "row");
    else if (header(i)) {
      lines.set(i, "row");
      inTable = true;
    }
  }
  return lines;
}

/** Where the text of each cell of the table row `line` is, without the spaces around it (a
 * pipe escaped with a backslash is text of its cell, in code too). */
export function cellSpans(line: { from: number; text: string }): { from: number; to: number }[] {
  const spans: { from: number; to: number }[] = [];
  const { text } = line;
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    if (text[i] === "\\" && i + 1 < text.length) {
      i++;
    } else if (i === text.length || text[i] === "|") {
      const cell = text.slice(start, i);
      const from = line.from + start + (cell.length - cell.trimStart().length);
      if (cell.trim()) spans.push({ from, to: from + cell.trim().length });
      start = i + 1;
    }
  }
  return spans;
}
