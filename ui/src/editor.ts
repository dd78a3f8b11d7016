// The CodeMirror 6 editor. One EditorState per post, kept for recently opened posts so that
// switching back restores undo history and selection.
import { Compartment, EditorSelection, EditorState, type Extension, Text } from "@codemirror/state";
import { drawSelection, dropCursor, EditorView, highlightActiveLine, keymap, type KeyBinding } from "@codemirror/view";
import { editorTheme } from "./editor-theme";
import { insertLink, linkOnPaste, toggleWrap } from "./formatting";
import { setHeading } from "./formatting-heading";
import { docChange, sameText } from "./doc-change";
import { lineBreakOf, PostText } from "./post-text";

export type EditorCallbacks = {
  /** On every change; the text's string is built only if asked for. */
  onDocChanged: (text: PostText) => void;
  onScrolled: (topLine: number) => void;
  onSave: () => void;
};

type Cached = { state: EditorState; scrollTop: number };

const MAX_CACHED_STATES = 12;

export class Editor {
  readonly view: EditorView;
  private readonly cache = new Map<string, Cached>();
  private path: string | null = null;
  private readonly extensions: Extension[];
  /** Markdown, history, the standard keys and search once loaded (see loadDeferred); every
   * post's state holds them in this compartment. */
  private readonly deferred = new Compartment();
  /** The post's line break (see freshState), changed when a reload brings another. */
  private readonly lineSeparator = new Compartment();
  private deferredSupport: Extension = [];
  private deferredLoad: Promise<void> | null = null;
  /** Loads the code languages a post's text uses, once the deferred chunk has arrived. */
  private loadCodeLanguages: ((text: string) => unknown) | null = null;
  /** Whether a span of the post is in code (see editor-deferred), once that chunk has arrived. */
  private inCode: ((state: EditorState, from: number, to: number) => boolean) | null = null;
  /** The open post's scroll, kept to be given back at the next frame (see open). */
  private scrollToRestore: { top: number } | null = null;

  constructor(parent: HTMLElement, private readonly callbacks: EditorCallbacks) {
    const bindings: KeyBinding[] = [
      { key: "Mod-s", run: () => (this.callbacks.onSave(), true), preventDefault: true },
      { key: "Mod-b", run: toggleWrap("**") },
      { key: "Mod-i", run: toggleWrap("*") },
      { key: "Mod-k", run: insertLink, preventDefault: true },
      ...[1, 2, 3, 4, 5, 6].map((level) => ({ key: `Mod-${level}`, run: setHeading(level), preventDefault: true })),
    ];
    this.extensions = [
      drawSelection(),
      dropCursor(),
      highlightActiveLine(),
      EditorView.lineWrapping,
      editorTheme,
      // Ahead of the deferred keymap (it comes later in every state's extensions).
      keymap.of(bindings),
      EditorView.updateListener.of((update) => {
        if (update.docChanged) this.callbacks.onDocChanged(new PostText(update.state.doc, update.state.lineBreak));
      }),
      EditorView.contentAttributes.of({ spellcheck: "true", "aria-label": "Post text" }),
      // A URL pasted over selected words links them (see linkOnPaste).
      EditorView.domEventHandlers({
        paste: (event, view) => {
          const link = linkOnPaste(view.state, event.clipboardData?.getData("text/plain") ?? "");
          // In code the URL replaces the words as it is (a link there would be text of the code).
          const { from, to } = view.state.selection.main;
          if (!link || this.inCode?.(view.state, from, to)) return false;
          event.preventDefault();
          view.dispatch(link);
          return true;
        },
      }),
      // Lines are split by the post's own break only (see freshState), so pasted or dropped text
      // with another (LF from a browser into a CRLF post) stayed one line with "\n"s in it.
      EditorView.clipboardInputFilter.of((text, state) => text.replace(/\r\n?|\n/g, state.lineBreak)),
    ];
    this.view = new EditorView({ parent, state: this.emptyState() });
    this.view.scrollDOM.addEventListener("scroll", () => this.callbacks.onScrolled(this.topVisibleLine()), {
      passive: true,
    });
  }

  get openPath(): string | null {
    return this.path;
  }

  /** The post's text with its own line breaks (`doc.toString()` would join lines with LF). */
  text(): string {
    return this.view.state.sliceDoc();
  }

  /** The post's text as it is now, its string not yet built. */
  current(): PostText {
    return new PostText(this.view.state.doc, this.view.state.lineBreak);
  }

  /**
   * Shows a post. If its state is cached (recently open), it comes back with its undo
   * history; a differing `text` (changed on disk since) is applied as one undoable change.
   */
  open(path: string, text: string): void {
    this.loadCodeLanguages?.(text);
    this.stash();
    const cached = this.cache.get(path);
    this.cache.delete(path);
    this.path = path;
    if (cached && cached.state.lineBreak === lineBreakOf(text, cached.state.lineBreak)) {
      this.view.setState(cached.state);
      this.withDeferred();
      this.replaceText(text, "input.reload");
      // At the next frame, unless another post is open by then: it kept this one's scroll.
      const restore = (this.scrollToRestore = { top: cached.scrollTop });
      requestAnimationFrame(() => {
        if (this.scrollToRestore !== restore) return;
        this.scrollToRestore = null;
        this.view.scrollDOM.scrollTop = restore.top;
      });
    } else {
      this.scrollToRestore = null;
      this.view.setState(this.freshState(text));
      this.view.scrollDOM.scrollTop = 0;
    }
  }

  /** Empties the editor (no post open). */
  close(): void {
    this.stash();
    this.scrollToRestore = null;
    this.path = null;
    this.view.setState(this.emptyState());
  }

  /** Forgets a post's cached state (deleted) or moves it to its new path (renamed). */
  forget(path: string): void {
    this.cache.delete(path);
  }

  /** Forgets every cached state: another folder's post may have the same path, and must not
   * come back with this one's text and undo history. */
  forgetAll(): void {
    this.cache.clear();
  }

  renamed(from: string, to: string): void {
    if (this.path === from) this.path = to;
    const cached = this.cache.get(from);
    if (cached) {
      this.cache.delete(from);
      this.cache.set(to, cached);
    }
  }

  /**
   * Replaces the buffer with `newText` as one minimal change (only the differing middle),
   * so the cursor, folds and undo history outside it are untouched.
   */
  replaceText(newText: string, userEvent = "input.replace"): boolean {
    const state = this.view.state;
    if (sameText(state.doc, newText, state.lineBreak)) return false;
    // A text with no line break (one line) keeps the post's.
    const lineBreak = lineBreakOf(newText, state.lineBreak);
    if (lineBreak !== state.lineBreak) {
      // The file's line breaks changed (CRLF to LF, say): its lines are split, and new ones
      // typed, by the new break. No line of the old split is kept; the cursor keeps its line.
      const doc = Text.of(newText.split(lineBreak));
      const cursor = state.doc.lineAt(state.selection.main.head);
      const line = doc.line(Math.min(cursor.number, doc.lines));
      this.view.dispatch({
        changes: { from: 0, to: state.doc.length, insert: doc },
        selection: EditorSelection.cursor(Math.min(line.from + state.selection.main.head - cursor.from, line.to)),
        effects: this.lineSeparator.reconfigure(EditorState.lineSeparator.of(lineBreak)),
        userEvent,
      });
      return true;
    }
    // Compared as documents, in document positions: a CRLF line break is one position there.
    const next = state.toText(newText);
    const change = docChange(state.doc, next);
    if (!change) return false;
    const insert = next.slice(change.from, change.toB);
    this.view.dispatch({ changes: { from: change.from, to: change.toA, insert }, userEvent });
    return true;
  }

  /** As a user would type it: one undoable transaction (see replaceText for line breaks). */
  setTextAsUser(text: string): void {
    this.replaceText(text, "input.type");
  }

  /** 0-based number of the first line visible at the top of the editor. */
  topVisibleLine(): number {
    const view = this.view;
    // documentTop is in screen coordinates, so this is the document height at the viewport top.
    const top = view.scrollDOM.getBoundingClientRect().top - view.documentTop;
    const block = view.lineBlockAtHeight(Math.max(0, top));
    return view.state.doc.lineAt(block.from).number - 1;
  }

  /** Puts the cursor at the start of a 0-based line and scrolls it to the top. */
  goToLine(line: number): void {
    const doc = this.view.state.doc;
    const target = doc.line(Math.min(doc.lines, Math.max(1, line + 1)));
    this.view.dispatch({
      selection: EditorSelection.cursor(target.from),
      effects: EditorView.scrollIntoView(target.from, { y: "start", yMargin: 8 }),
    });
    this.view.focus();
  }

  focus(): void {
    this.view.focus();
  }

  /**
   * Loads the rest of the editor (editor-deferred.ts: a chunk of its own, kept out of
   * start-up) and gives it to the open post and every post opened after; resolves once it is
   * in place.
   */
  loadDeferred(): Promise<void> {
    this.deferredLoad ??= import("./editor-deferred").then(({ deferredExtensions, inCode, loadCodeLanguages }) => {
      this.loadCodeLanguages = loadCodeLanguages;
      this.inCode = inCode;
      loadCodeLanguages(this.text());
      this.deferredSupport = deferredExtensions();
      this.withDeferred();
    });
    return this.deferredLoad;
  }

  /** A state made or cached before the deferred extensions loaded gets them now. */
  private withDeferred(): void {
    if (this.deferred.get(this.view.state) !== this.deferredSupport) {
      this.view.dispatch({ effects: this.deferred.reconfigure(this.deferredSupport) });
    }
  }

  /** No post open: nothing typed there could be kept, so nothing can be. */
  private emptyState(): EditorState {
    return this.freshState("", [EditorState.readOnly.of(true), EditorView.editable.of(false)]);
  }

  private freshState(text: string, extra: Extension = []): EditorState {
    return EditorState.create({
      doc: text,
      extensions: [
        this.extensions,
        extra,
        this.deferred.of(this.deferredSupport),
        // By default CodeMirror splits on CR, LF and CRLF and joins with LF, which rewrote every
        // line ending of a CRLF post; with the post's own separator it gives back its bytes.
        this.lineSeparator.of(EditorState.lineSeparator.of(lineBreakOf(text))),
      ],
    });
  }

  private stash(): void {
    if (this.path === null) return;
    const scrollTop = this.scrollToRestore?.top ?? this.view.scrollDOM.scrollTop;
    this.cache.set(this.path, { state: this.view.state, scrollTop });
    while (this.cache.size > MAX_CACHED_STATES) {
      const oldest = this.cache.keys().next().value;
      if (oldest === undefined) break;
      this.cache.delete(oldest);
    }
  }
}
