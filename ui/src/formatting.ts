// Markdown formatting commands bound to Ctrl+B/I/K/1..6, in the way Typora and Obsidian do
// them: wrap or unwrap the selection, or insert an empty pair and put the cursor inside.
import { EditorSelection, type StateCommand } from "@codemirror/state";

/** Toggles `marker` around every selection range (e.g. "**" for bold). */
export function toggleWrap(marker: string): StateCommand {
  return ({ state, dispatch }) => {
    const n = marker.length;
    const tr = state.changeByRange((range) => {
      const before = state.sliceDoc(range.from - n, range.from);
      const after = state.sliceDoc(range.to, range.to + n);
      if (before === marker && after === marker) {
        return {
          changes: [
            { from: range.from - n, to: range.from },
            { from: range.to, to: range.to + n },
          ],
          range: EditorSelection.range(range.from - n, range.to - n),
        };
      }
      const selected = state.sliceDoc(range.from, range.to);
      if (selected.length >= 2 * n && selected.startsWith(marker) && selected.endsWith(marker)) {
        return {
          changes: { from: range.from, to: range.to, insert: selected.slice(n, selected.length - n) },
          range: EditorSelection.range(range.from, range.to - 2 * n),
        };
      }
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

/** Turns the selection into `[text](url)` and selects "url" so it can be typed over. */
export const insertLink: StateCommand = ({ state, dispatch }) => {
  const tr = state.changeByRange((range) => {
    const text = state.sliceDoc(range.from, range.to);
    const looksLikeUrl = /^(https?:\/\/|mailto:)\S+$/.test(text);
    const label = looksLikeUrl ? "" : text;
    const url = looksLikeUrl ? text : "url";
    const insert = `[${label}](${url})`;
    const selectFrom = looksLikeUrl ? range.from + 1 : range.from + label.length + 3;
    const selectTo = looksLikeUrl ? selectFrom : selectFrom + url.length;
    return {
      changes: { from: range.from, to: range.to, insert },
      range: EditorSelection.range(selectFrom, selectTo),
    };
  });
  dispatch(state.update(tr, { scrollIntoView: true, userEvent: "input.format" }));
  return true;
};

/** Makes the cursor's line a heading of `level`, or a paragraph if it already is one. */
export function setHeading(level: number): StateCommand {
  return ({ state, dispatch }) => {
    const changes = [];
    const seen = new Set<number>();
    for (const range of state.selection.ranges) {
      const line = state.doc.lineAt(range.head);
      if (seen.has(line.number)) continue;
      seen.add(line.number);
      const existing = /^(#{1,6})\s+/.exec(line.text);
      const wanted = `${"#".repeat(level)} `;
      const insert = existing && existing[1].length === level ? "" : wanted;
      changes.push({ from: line.from, to: line.from + (existing ? existing[0].length : 0), insert });
    }
    dispatch(state.update({ changes, scrollIntoView: true, userEvent: "input.format" }));
    return true;
  };
}
