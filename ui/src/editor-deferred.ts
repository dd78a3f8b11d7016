// Most of the editor, loaded just after the posts are listed and kept out of the start-up
// bundle: the Markdown language (with the grammars lang-markdown pulls in, ~40% of the old
// bundle) and fenced code's languages, highlighting, undo history, the standard keys, search
// and auto-closed brackets. Until it arrives, a few tens of milliseconds after the list, the
// editor shows the post and takes plain typing, and the app's own shortcuts work.
import { closeBrackets, closeBracketsKeymap } from "@codemirror/autocomplete";
import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
import { markdown, markdownLanguage } from "@codemirror/lang-markdown";
import { yamlFrontmatter } from "@codemirror/lang-yaml";
import {
  bracketMatching,
  forceParsing,
  indentOnInput,
  LanguageDescription,
  syntaxHighlighting,
  syntaxTree,
  syntaxTreeAvailable,
} from "@codemirror/language";
import { languages } from "@codemirror/language-data";
import { highlightSelectionMatches, openSearchPanel, search, searchKeymap } from "@codemirror/search";
import type { EditorState, Extension } from "@codemirror/state";
import { type EditorView, keymap, ViewPlugin, type ViewUpdate } from "@codemirror/view";
import { editorHighlightStyle } from "./editor-highlight";
import { bomLength, type MarkdownParse, markdownParse } from "./formatting";
import { indentListItem, outdentListItem } from "./list-indent";

export function deferredExtensions(): Extension {
  return [
    // YAML front matter is highlighted as YAML instead of being read as a setext heading.
    yamlFrontmatter({ content: markdown({ base: markdownLanguage, codeLanguages: languages }) }),
    syntaxHighlighting(editorHighlightStyle),
    parseShownText,
    markdownParse.of(parsed),
    history(),
    indentOnInput(),
    bracketMatching(),
    closeBrackets(),
    highlightSelectionMatches(),
    search({ top: true }),
    // In this order: Backspace deletes a bracket pair before the default key deletes one
    // character of it.
    keymap.of([
      { key: "Mod-h", run: openSearchPanel, preventDefault: true },
      ...closeBracketsKeymap,
      ...defaultKeymap,
      ...searchKeymap,
      ...historyKeymap,
      { key: "Tab", run: indentListItem, shift: outdentListItem },
      indentWithTab,
    ]),
  ];
}

/** The Markdown nodes that are code: fenced and indented blocks, inline code. */
const CODE_NODES = new Set(["FencedCode", "CodeBlock", "InlineCode"]);

/** Whether the text from `from` to `to` starts or ends in code, as far as the post is parsed. */
export function inCode(state: EditorState, from: number, to: number): boolean {
  return within(state, from, 1, CODE_NODES) || within(state, to, -1, CODE_NODES);
}

/** A link's address and title, within the nodes of links (a bare URL is text of its own). */
const ADDRESSES = new Set(["URL", "LinkTitle"]);
const LINKS = new Set(["Link", "Image", "Autolink"]);
/** Inline HTML: a tag, a comment, a processing instruction. */
const TAGS = new Set(["HTMLTag", "Comment", "ProcessingInstruction"]);

/** The Markdown nodes that are code blocks, and HTML blocks, whose lines are shown as they are
 * (a mark there was shown as asterisks, a heading mark made `<div>` a heading's text), comments
 * and processing instructions too (before `<!--` a heading mark showed the comment). */
const CODE_BLOCKS = new Set(["FencedCode", "CodeBlock", "HTMLBlock", "CommentBlock", "ProcessingInstructionBlock"]);

/** What the formatting commands ask of the parse; past the parsed part, what they would find
 * without it. */
const parsed: MarkdownParse = {
  codeAt: (state, pos) => {
    let inline = false;
    // Both sides: a mark at the end of a closing fence makes it no fence, as one at its start.
    for (const side of [1, -1] as const) {
      for (let node = syntaxTree(state).resolveInner(pos, side); ; node = node.parent) {
        if (CODE_BLOCKS.has(node.name)) return "block";
        // Between the backticks (a mark before or after them wraps the code).
        if (node.name === "InlineCode") inline ||= node.firstChild!.to <= pos && pos <= node.lastChild!.from;
        // In a link's address or title, or in an HTML tag, a mark broke the link or the tag.
        if (ADDRESSES.has(node.name) && LINKS.has(node.parent?.name ?? "")) inline ||= node.from <= pos && pos <= node.to;
        if (TAGS.has(node.name)) inline ||= node.from < pos && pos < node.to;
        // A link's definition (`[x]: url`), label and address: a mark changed where its links
        // lead, or which ones it is for. (A footnote's of one word, `[^1]: Ibid.`, parses as
        // one too: its text takes marks.)
        const definition = node.name === "LinkReference" && state.sliceDoc(node.from, node.from + 2) !== "[^";
        if (definition) inline ||= node.from <= pos && pos <= node.to;
        if (!node.parent) break;
      }
    }
    return inline ? "inline" : null;
  },
  // The parse reads a byte-order mark as text of the first line, whose marker is then none:
  // there the line's text decides, as before the parse.
  listMarkAt: (state, pos) =>
    !syntaxTreeAvailable(state, pos + 1) ||
    (bomLength(state) > 0 && pos < state.doc.line(1).to) ||
    syntaxTree(state).resolveInner(pos, 1).name === "ListMark",
  emphasisAt: (state, pos, marker) => {
    const name = EMPHASIS_NODES[marker];
    for (let node = syntaxTree(state).resolveInner(pos, 1); ; node = node.parent) {
      // Within it, not at its ends (there the cursor is next to it).
      if (node.name === name && node.from < pos && pos < node.to) {
        return { from: node.from, to: node.to, mark: node.firstChild ? node.firstChild.to - node.from : marker.length };
      }
      if (!node.parent) return null;
    }
  },
  linkAt: (state, from, to) => {
    // (A cursor right before or after a link is out of it: a link put in there is one of its own.)
    const link = (pos: number, side: -1 | 1) => {
      for (let node = syntaxTree(state).resolveInner(pos, side); ; node = node.parent) {
        // (A selection's end may be at the link's own end: the whole link selected is in it. A
        // whole image is not: a link around it is a linked image.)
        const edge = from < to && pos === (side > 0 ? node.from : node.to) && node.name === "Link";
        const inside = (node.from < pos && pos < node.to) || edge;
        if (node.name !== "Autolink" && LINKS.has(node.name) && inside) return node;
        if (!node.parent) return null;
      }
    };
    // Or a link it holds whole (as `[see [x](u)](url)` it was no link either).
    let held: ReturnType<typeof syntaxTree>["topNode"] | null = null;
    syntaxTree(state).iterate({
      from,
      to,
      enter: (node) => {
        if (held) return false;
        if (node.name === "Link" && from <= node.from && node.to <= to) held = node.node;
      },
    });
    const node = link(from, 1) ?? link(to, -1) ?? held;
    if (!node) return null;
    const url = node.getChild("URL");
    if (url) return { from: url.from, to: url.to };
    const label = node.getChild("LinkLabel");
    if (label) return { from: label.from + 1, to: label.to - 1 };
    // `[text]` alone is a link only when a definition has its text for a label (else it is
    // text in brackets, which may take a link).
    const marks = node.getChildren("LinkMark");
    const text = { from: marks[0]?.to ?? node.from, to: marks[1]?.from ?? node.to };
    return defined(state, state.sliceDoc(text.from, text.to)) ? text : null;
  },
};

/** Whether the post defines the link label `label` (`[label]: url`) at its top level. */
function defined(state: EditorState, label: string): boolean {
  const key = (text: string) => text.trim().replace(/\s+/g, " ").toLowerCase();
  // (The Markdown is a document within the one that has the front matter.)
  const top = syntaxTree(state).topNode;
  for (let node = (top.getChild("Document") ?? top).firstChild; node; node = node.nextSibling) {
    const defines = node.name === "LinkReference" && node.getChild("LinkLabel");
    if (defines && key(state.sliceDoc(defines.from + 1, defines.to - 1)) === key(label)) return true;
  }
  return false;
}

/** The node of the text each formatting marker makes. */
const EMPHASIS_NODES: Record<string, string> = { "**": "StrongEmphasis", "*": "Emphasis", "~~": "Strikethrough" };

/** Whether the node at `pos` (entered from `side`) is one of `names` or inside one. */
function within(state: EditorState, pos: number, side: -1 | 1, names: Set<string>): boolean {
  for (let node = syntaxTree(state).resolveInner(pos, side); ; node = node.parent) {
    if (names.has(node.name)) return true;
    if (!node.parent) return false;
  }
}

/** How long one slice of catching the parse up with the shown text may run. */
export const CATCH_UP_SLICE_MS = 10;
/** Slices in a row before catching up gives up until the next scroll or edit (~10 s of parsing:
 * a 5 MB post takes ~5 s), so a parse that cannot reach the shown text never spins. */
const CATCH_UP_MAX_SLICES = 1000;

/**
 * Parses the shown text promptly when it lies past the parsed part of a post (after a jump
 * to its end, say). The build limits how far the parse runs ahead of the shown text
 * (ui/build/parse-ahead.ts), and CodeMirror's own background parse works in short slices
 * ~100 ms apart, so a jump into unparsed text would stay unhighlighted for seconds. Slices of
 * CATCH_UP_SLICE_MS in back-to-back tasks: a keystroke waits at most one slice.
 */
const parseShownText = ViewPlugin.fromClass(
  class {
    private timer: ReturnType<typeof setTimeout> | null = null;
    private slices = 0;
    constructor(private readonly view: EditorView) {
      this.schedule();
    }
    update(update: ViewUpdate): void {
      if (update.viewportChanged || update.docChanged) {
        this.slices = 0;
        this.schedule();
      }
    }
    private schedule(): void {
      if (this.timer !== null || this.slices >= CATCH_UP_MAX_SLICES) return;
      if (syntaxTreeAvailable(this.view.state, this.view.viewport.to)) return;
      this.timer = setTimeout(() => {
        this.timer = null;
        this.slices++;
        forceParsing(this.view, this.view.viewport.to, CATCH_UP_SLICE_MS);
        this.schedule();
      }, 0);
    }
    destroy(): void {
      if (this.timer !== null) clearTimeout(this.timer);
    }
  },
);

/** The first word of a fenced code block's info string (a fence at the start of a line). */
const FENCE_LANGUAGE = /^ {0,3}(?:`{3,}|~{3,})[ \t]*([^\s`]+)/gm;

/**
 * Starts loading the languages of `text`'s fenced code blocks. The Markdown parse otherwise
 * meets each one unloaded, skips its blocks, and parses the post again once it arrives;
 * until then every edit of a 100 KB post spent ~20 ms on that parse. Resolves to the names
 * of the languages it loaded.
 */
export function loadCodeLanguages(text: string): Promise<string[]> {
  const infos = new Set(Array.from(text.matchAll(FENCE_LANGUAGE), ([, info]) => info));
  const wanted = new Set<LanguageDescription>();
  for (const info of infos) {
    const found = LanguageDescription.matchLanguageName(languages, info, true);
    if (found && !found.support) wanted.add(found);
  }
  const loads = [...wanted].map((language) =>
    language.load().then(
      () => [language.name],
      () => [], // left to the parse, which tries again
    ),
  );
  return Promise.all(loads).then((names) => names.flat());
}
