// Ctrl+1..6: make lines headings of a level, change their level or take it off (formatting.ts
// has the inline marks and the helpers both share).
import type { ChangeSpec, EditorState, StateCommand } from "@codemirror/state";
import { bomLength, frontMatterEnd, ITEM_MARKS, markdownParse } from "./formatting";
import { DEFINITION, RULE, tableLines } from "./formatting-lines";

/** Makes the selected lines headings of `level`, or paragraphs if all of them already are
 * (as one line was toggled by itself; of a mix, the others take the level). */
export function setHeading(level: number): StateCommand {
  return ({ state, dispatch }) => {
    if (state.readOnly) return false;
    const marks: HeadingMark[] = [];
    const seen = new Set<number>();
    const bodyFrom = frontMatterEnd(state);
    for (const range of state.selection.ranges) {
      const first = state.doc.lineAt(range.from).number;
      const end = state.doc.lineAt(range.to);
      // A selection ending at the start of a line (a triple-clicked one) does not take that line.
      const last = range.empty || end.from !== range.to ? end.number : end.number - 1;
      const table = tableLines(state, first, last);
      for (let i = first; i <= last; i++) {
        // A table's lines take no mark: one made the row, or the whole table, text.
        if (table.has(i)) continue;
        // An underline is its heading's line: a mark on it ended the heading (`## ===`).
        const n = isUnderline(state, i) ? i - 1 : i;
        const line = state.doc.line(n);
        if (seen.has(n) || line.from < bodyFrom) continue;
        seen.add(n);
        // Of several lines, rules and those with no text (`>` in a quote too) stay as they are.
        if (last > first && RULE.test(line.text)) continue;
        const mark = headingMark(state, n, level);
        if (last > first && mark && !state.sliceDoc(mark.to, line.to).trim()) continue;
        if (mark?.underlined) seen.add(n + 1);
        if (mark) marks.push(mark);
      }
    }
    const off = marks.every((mark) => mark.level === level);
    const changes = marks.flatMap(({ from, to, wanted, underlined, closing, level: now }): ChangeSpec[] => {
      const insert = off ? "" : wanted;
      if (!off && now === level) return [];
      // Text that would start a block of its own once the mark goes keeps being a paragraph's.
      const at = off ? blockStartEscape(state.sliceDoc(to, closing?.from ?? state.doc.lineAt(to).to)) : -1;
      const escape: ChangeSpec[] = at < 0 ? [] : [{ from: to + at, insert: "\\" }];
      // The closing hashes go with the mark: left, they were text of the paragraph.
      const closed: ChangeSpec[] = off && closing ? [closing] : [];
      // An underlined heading's `===` goes: left under a heading mark, it was a line of text.
      return [...(underlined ? [{ from, insert }, underlined] : [{ from, to, insert }]), ...escape, ...closed];
    });
    // A cursor at a mark put in goes after it (by default it stayed in front, and a heading
    // begun on an empty line was typed as "Title## ").
    const changeSet = state.changes(changes);
    const selection = state.selection.map(changeSet, 1);
    dispatch(state.update({ changes: changeSet, selection, scrollIntoView: true, userEvent: "input.format" }));
    return true;
  };
}

/** Where a line's heading mark goes (`from`, to `to` over the one it has), the mark of `level`
 * (`wanted`), its level now (0 for none), for an underlined heading the change that takes its
 * underline away, and the closing hashes of a heading that has them (`## Title ##`). */
type HeadingMark = {
  from: number;
  to: number;
  wanted: string;
  level: number;
  underlined: ChangeSpec | null;
  closing?: { from: number; to: number };
};

/** The heading mark of line `n`, or null when it can take none (a task item, code). */
function headingMark(state: EditorState, n: number, level: number): HeadingMark | null {
  const line = state.doc.line(n);
  // After the quote marks of a quoted line: a heading mark before them ends the quote.
  const start = Math.max(line.from, bomLength(state));
  let from = start + (/^(?: {0,3}>[ \t]?)*/.exec(state.sliceDoc(start, line.to))?.[0].length ?? 0);
  // And after a list item's marker: before it the line is no item any more. A task item is
  // left alone (its box must start the item's text; after it a mark is no heading).
  const rest = state.sliceDoc(from, line.to);
  const parse = state.facet(markdownParse);
  let item = RULE.test(rest) ? null : ITEM_MARKS.exec(rest);
  if (item && !parse.listMarkAt(state, from + item[1].length)) item = null;
  if (item && /^\[[ xX]\]/.test(rest.slice(item[0].length))) return null;
  // Nor does a definition take one: under it, it defined nothing and the links to it broke.
  if (!item && DEFINITION.test(rest)) return null;
  if (item) from += item[0].length;
  if (parse.codeAt(state, from)) return null;
  const existing = /^(#{1,6})\s+/.exec(state.sliceDoc(from, line.to));
  const wanted = `${item && !item[3] ? " " : ""}${"#".repeat(level)} `;
  const underlined = existing || from > start ? 0 : underlineLevel(state, n);
  if (underlined) {
    const underline = { from: line.to, to: state.doc.line(n + 1).to };
    return { from, to: from, wanted, level: underlined, underlined: underline };
  }
  const to = from + (existing ? existing[0].length : 0);
  // (Hashes close the heading only after a space, or as all its text: `C#` is a word.)
  const closing = existing ? /(?:^|[ \t]+)#+[ \t]*$/.exec(state.sliceDoc(to, line.to)) : null;
  const end = closing ? { from: to + closing.index, to: line.to } : undefined;
  return { from, to, wanted, level: existing ? existing[1].length : 0, underlined: null, closing: end };
}

/** Where a backslash keeps `text` (a heading's text, its mark gone) from starting a list, a
 * quote, a heading, a rule or a code fence: before the `.` of `1. `, or before its first
 * character; -1 when it starts none of them. */
function blockStartEscape(text: string): number {
  const ordered = /^(\d{1,9})[.)](?:[ \t]|$)/.exec(text);
  if (ordered) return ordered[1].length;
  return /^(?:[-+*](?:[ \t]|$)|>|#{1,6}(?:[ \t]|$)|```|~~~)/.test(text) || RULE.test(text) ? 0 : -1;
}

/** 1 when line `n` is a paragraph's line underlined with `=` (a setext heading of level 1),
 * else 0. (A `---` under a line stays: under a heading mark it is a rule, which is what it may
 * have been meant to be.) */
function underlineLevel(state: EditorState, n: number): number {
  if (n >= state.doc.lines || !paragraphLine(state, n)) return 0;
  return /^ {0,3}=+[ \t]*$/.test(state.doc.line(n + 1).text) ? 1 : 0;
}

/** Whether line `n` is a `===` or `---` underlining the paragraph's line above it. */
function isUnderline(state: EditorState, n: number): boolean {
  return n > 1 && /^ {0,3}(?:=+|-+)[ \t]*$/.test(state.doc.line(n).text) && paragraphLine(state, n - 1);
}

/** Whether line `n` can be a paragraph's line, the text of an underlined heading: not blank,
 * code, a list item, a heading, a quote, a rule or a table's. */
function paragraphLine(state: EditorState, n: number): boolean {
  const text = state.doc.line(n).text;
  if (!text.trim() || /^ {4}/.test(text) || ITEM_MARKS.test(text) || RULE.test(text)) return false;
  return !/^ {0,3}(?:#{1,6}(?:[ \t]|$)|>)/.test(text) && !tableLines(state, n, n).has(n);
}
