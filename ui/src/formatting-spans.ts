// Bold, italic and struck-through text for the formatting commands (formatting.ts): where its
// marks are, and toggling a mark over part of its text.
import { type ChangeSpec, EditorSelection, type EditorState, type SelectionRange } from "@codemirror/state";
import type { MarkdownParse } from "./formatting";

/** The marks of bold, italic and struck-through text. */
export const EMPHASIS_MARKERS = ["**", "*", "~~"];

/** `range` (not empty) past the marks of marked text it begins or ends in (`bold**` of
 * `**bold**` selected is "bold"), as `parse` finds them: marks put in there were text between
 * the marks (`****bold****`). As it is when nothing of it is left past them. */
export function outOfMarks(state: EditorState, range: SelectionRange, parse: MarkdownParse): SelectionRange {
  let { from, to } = range;
  for (let moved = true; moved && from < to; ) {
    moved = false;
    for (const marker of EMPHASIS_MARKERS) {
      const head = parse.emphasisAt(state, from + 1, marker);
      if (head && from < head.from + head.mark && head.from + head.mark < to) {
        from = head.from + head.mark;
        moved = true;
      }
      const tail = parse.emphasisAt(state, to - 1, marker);
      if (tail && to > tail.to - tail.mark && tail.to - tail.mark > from) {
        to = tail.to - tail.mark;
        moved = true;
      }
    }
  }
  return from < to ? EditorSelection.range(from, to) : range;
}

/** Toggling `marker` over a selection that begins or ends in the text it marks: the mark comes
 * off the part selected (`**bold text**`, "bold" selected), or reaches over the selection (from
 * "bold" on in `**bold** text`). Null when neither end is in such text. (Marks put in there
 * were text between the marks: `****bold** text**`.) */
export function partOfSpan(state: EditorState, range: SelectionRange, marker: string, parse: MarkdownParse) {
  const within = (pos: number) => {
    const span = parse.emphasisAt(state, pos, marker);
    return span && span.from + span.mark <= pos && pos <= span.to - span.mark ? span : null;
  };
  const first = within(range.from);
  const last = within(range.to);
  // (One that ends in the marks of the text it begins in, or begins in those it ends in: as before.)
  if ((!first && !last) || (first && !last && range.to <= first.to) || (last && !first && range.from >= last.from)) return null;
  const changes: ChangeSpec[] = [];
  if (first && last && first.from === last.from) {
    // Closed before the part and opened again after it, past the spaces there (`**a **` is no bold).
    const before = state.sliceDoc(first.from + first.mark, range.from);
    const after = state.sliceDoc(range.to, last.to - last.mark);
    // With other marks alone between (`**` of `***both***` with "*") this mark goes from that
    // end, as from an end with none: put in there, it made `****both* …`. From both ends, it
    // goes (`___both___`, `~~**x**~~`: a pair put in was marked text in marked text).
    const bare = (text: string) => /^[*_~\s]*$/.test(text);
    const open = state.sliceDoc(first.from, first.from + first.mark);
    const close = state.sliceDoc(first.to - first.mark, first.to);
    const gap = before.length - before.trimEnd().length;
    changes.push(!bare(before) ? { from: range.from - gap, insert: close } : { from: first.from, to: first.from + first.mark });
    const lead = after.length - after.trimStart().length;
    changes.push(!bare(after) ? { from: range.to + lead, insert: open } : { from: last.to - last.mark, to: last.to });
  } else {
    changes.push(first ? { from: first.to - first.mark, to: first.to } : { from: range.from, insert: marker });
    changes.push(last ? { from: last.from, to: last.from + last.mark } : { from: range.to, insert: marker });
  }
  const set = state.changes(changes);
  return { changes: set, range: EditorSelection.range(set.mapPos(range.from, 1), set.mapPos(range.to, -1)) };
}
