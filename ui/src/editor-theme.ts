// Editor look: colours come from CSS variables in styles.css so light and dark follow the
// system theme without reconfiguring CodeMirror.
import { EditorView } from "@codemirror/view";

export const editorTheme = EditorView.theme({
  // Fills the editor element (a column; see `.editor` in styles.css): a percentage height did
  // not resolve there once that element was size-contained.
  "&": { flex: "1 1 0", minHeight: "0", fontSize: "15px", backgroundColor: "var(--editor-bg)", color: "var(--text)" },
  ".cm-scroller": {
    fontFamily: "var(--font-editor)",
    lineHeight: "1.65",
    overflow: "auto",
  },
  ".cm-content": { padding: "18px 0 40vh", maxWidth: "46rem", margin: "0 auto", caretColor: "var(--accent)" },
  ".cm-line": { padding: "0 24px" },
  "&.cm-focused": { outline: "none" },
  ".cm-cursor, .cm-dropCursor": { borderLeftColor: "var(--accent)", borderLeftWidth: "2px" },
  "&.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground, .cm-selectionBackground, ::selection":
    { backgroundColor: "var(--selection)" },
  ".cm-activeLine": { backgroundColor: "var(--active-line)" },
  ".cm-selectionMatch": { backgroundColor: "var(--selection-match)" },
  ".cm-searchMatch": { backgroundColor: "var(--search-match)", outline: "1px solid var(--border)" },
  ".cm-panels": { backgroundColor: "var(--panel-bg)", color: "var(--text)" },
  ".cm-panels.cm-panels-top": { borderBottom: "1px solid var(--border)" },
  ".cm-panel.cm-search": { padding: "6px 10px", fontFamily: "var(--font-ui)" },
  ".cm-panel.cm-search input, .cm-panel.cm-search button": { fontSize: "13px" },
  ".cm-tooltip": { backgroundColor: "var(--panel-bg)", border: "1px solid var(--border)" },
});
