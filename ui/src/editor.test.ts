import { insertNewlineAndIndent, undo } from "@codemirror/commands";
import { language, syntaxTree, syntaxTreeAvailable } from "@codemirror/language";
import { languages } from "@codemirror/language-data";
import { searchPanelOpen } from "@codemirror/search";
import { EditorState } from "@codemirror/state";
import { EditorView, runScopeHandlers } from "@codemirror/view";
import { describe, expect, it, vi } from "vitest";
import { Editor } from "./editor";
import { loadCodeLanguages } from "./editor-deferred";
import { lineBreakOf } from "./post-text";

const newEditor = () => {
  const changed: string[] = [];
  const editor = new Editor(document.createElement("div"), {
    onDocChanged: (text) => changed.push(text.toString()),
    onScrolled: () => {},
    onSave: () => {},
  });
  return { editor, changed };
};

describe("Editor line breaks", () => {
  it("names the line break a text uses", () => {
    expect(lineBreakOf("a\r\nb\n")).toBe("\r\n");
    expect(lineBreakOf("a\nb\r")).toBe("\n");
    expect(lineBreakOf("")).toBe("\n");
  });

  it("gives back the exact text of CRLF, LF and stray-CR posts", () => {
    const { editor } = newEditor();
    for (const text of ["---\r\ntitle: A\r\n---\r\n\r\nBody.\r\n", "a\nb\n", "a\rb\nc", "mixed\r\nends\nhere\r\n"]) {
      editor.open(`${text.length}.md`, text);
      expect(editor.text()).toBe(text);
    }
  });

  it("types a new line in a CRLF post as CRLF", () => {
    const { editor, changed } = newEditor();
    editor.open("crlf.md", "one\r\ntwo\r\n");
    editor.view.dispatch({ selection: { anchor: 3 } });
    insertNewlineAndIndent(editor.view);
    expect(editor.text()).toBe("one\r\n\r\ntwo\r\n");
    expect(changed.at(-1)).toBe("one\r\n\r\ntwo\r\n");
  });

  it("reopens a cached post whose line breaks changed on disk with the new ones", () => {
    const { editor } = newEditor();
    editor.open("a.md", "one\ntwo\n");
    editor.open("b.md", "other\n");
    editor.open("a.md", "one\r\ntwo\r\n");
    expect(editor.text()).toBe("one\r\ntwo\r\n");
  });
  it("reloads a CRLF post holding bare LFs whose file now has CRLF throughout", () => {
    const { editor, changed } = newEditor();
    editor.open("a.md", "a\r\nb\nc\r\n");
    expect(editor.replaceText("a\r\nb\r\nc\r\n", "input.reload")).toBe(true);
    expect(editor.text()).toBe("a\r\nb\r\nc\r\n");
    expect(changed.at(-1)).toBe("a\r\nb\r\nc\r\n");
    editor.open("b.md", "other\n");
    editor.open("a.md", "a\r\nb\nc\r\n"); // its kept state, the file changed back meanwhile
    expect(editor.text()).toBe("a\r\nb\nc\r\n");
  });
  it("reloads the open post whose file's line breaks changed, typing new lines with the new ones", () => {
    const enterAtEnd = (editor: Editor) => {
      editor.view.dispatch({ selection: { anchor: editor.view.state.doc.length } });
      insertNewlineAndIndent(editor.view);
    };
    const { editor, changed } = newEditor();
    editor.open("a.md", "one\r\ntwo\r\n");
    expect(editor.replaceText("one\ntwo\n", "input.reload")).toBe(true);
    expect(editor.text()).toBe("one\ntwo\n");
    expect(changed.at(-1)).toBe("one\ntwo\n");
    expect(editor.view.state.doc.lines).toBe(3); // lines, not one line holding "\n"s
    enterAtEnd(editor);
    expect(editor.text()).toBe("one\ntwo\n\n");
    expect(editor.replaceText("one\r\ntwo\r\n", "input.reload")).toBe(true);
    enterAtEnd(editor);
    expect(editor.text()).toBe("one\r\ntwo\r\n\r\n");
  });
});

describe("Pasting", () => {
  const paste = (editor: Editor, text: string) => {
    const data = new DataTransfer();
    data.setData("text/plain", text);
    editor.view.contentDOM.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
  };

  it("gives pasted lines the post's own line break, whichever the clipboard had", () => {
    const { editor, changed } = newEditor();
    document.body.append(editor.view.dom);
    editor.open("crlf.md", "one\r\n");
    editor.view.dispatch({ selection: { anchor: 3 } });
    paste(editor, "\nfrom a browser\nline two");
    expect(editor.text()).toBe("one\r\nfrom a browser\r\nline two\r\n");
    expect(changed.at(-1)).toBe(editor.text());
    expect(editor.view.state.doc.lines).toBe(4); // lines of their own, not one line holding "\n"s
    editor.open("lf.md", "one\n");
    editor.view.dispatch({ selection: { anchor: 3 } });
    paste(editor, "\r\nfrom Windows\r\nold Mac\rend");
    expect(editor.text()).toBe("one\nfrom Windows\nold Mac\nend\n");
    editor.view.dom.remove();
  });

  it("makes a link of selected words when a URL is pasted over them, undone as one step", async () => {
    const { editor } = newEditor();
    await editor.loadDeferred();
    document.body.append(editor.view.dom);
    const text = "---\nimage: old.png\n---\n\nRead the docs first.\n";
    editor.open("link.md", text);
    const words = text.indexOf("the docs");
    editor.view.dispatch({ selection: { anchor: words, head: words + "the docs".length } });
    paste(editor, " https://example.org/docs\n");
    expect(editor.text()).toBe("---\nimage: old.png\n---\n\nRead [the docs](https://example.org/docs) first.\n");
    expect(editor.view.state.selection.main.head).toBe(words + "[the docs](https://example.org/docs)".length);
    undo(editor.view);
    expect(editor.text()).toBe(text);
    // Not over a URL, nor in the front matter, nor for text that is no URL: pasted as it is
    const value = text.indexOf("old.png");
    editor.view.dispatch({ selection: { anchor: value, head: value + 7 } });
    paste(editor, "https://example.org/new.png");
    expect(editor.text()).toBe(text.replace("old.png", "https://example.org/new.png"));
    editor.open("plain.md", "see https://a.org now\n");
    editor.view.dispatch({ selection: { anchor: 4, head: 17 } });
    paste(editor, "https://b.org");
    expect(editor.text()).toBe("see https://b.org now\n");
    editor.view.dispatch({ selection: { anchor: 0, head: 3 } });
    paste(editor, "two words");
    expect(editor.text()).toBe("two words https://b.org now\n");
    // A triple-clicked line (its line break selected too) is linked, not replaced.
    editor.open("line.md", "Whole line\nNext\n");
    editor.view.dispatch({ selection: { anchor: 0, head: "Whole line\n".length } });
    paste(editor, "https://c.org");
    expect(editor.text()).toBe("[Whole line](https://c.org)\nNext\n");
    editor.view.dom.remove();
  });

  it("pastes a URL over words in code as it is: a link there would be text of the code", async () => {
    const { editor } = newEditor();
    await editor.loadDeferred();
    document.body.append(editor.view.dom);
    const cases = [
      ["fenced.md", "Set it:\n\n```yaml\nurl: placeholder\n```\n"],
      ["plain-fence.md", "Set it:\n\n```\nurl = placeholder\n```\n"],
      ["indented.md", "Set it:\n\n    url = placeholder\n"],
      ["inline.md", "Set `url = placeholder` first.\n"],
    ];
    for (const [path, text] of cases) {
      editor.open(path, text);
      const at = text.indexOf("placeholder");
      editor.view.dispatch({ selection: { anchor: at, head: at + "placeholder".length } });
      paste(editor, "https://example.org/feed");
      expect(editor.text()).toBe(text.replace("placeholder", "https://example.org/feed"));
    }
    editor.view.dom.remove();
  });
});

describe("Editor.setTextAsUser", () => {
  it("splits a text whose line breaks differ from the post's by its own, as opening it would", () => {
    const { editor, changed } = newEditor();
    editor.open("a.md", "one\r\ntwo\r\n");
    editor.setTextAsUser("one\ntwo\nthree\n"); // kept unsaved while the file was LF, say
    expect(editor.text()).toBe("one\ntwo\nthree\n");
    expect(changed.at(-1)).toBe("one\ntwo\nthree\n");
    expect(editor.view.state.doc.lines).toBe(4); // lines, not one line holding "\n"s
    editor.setTextAsUser("one\r\ntwo\r\n");
    expect(editor.text()).toBe("one\r\ntwo\r\n");
    editor.view.dispatch({ selection: { anchor: editor.view.state.doc.length } });
    insertNewlineAndIndent(editor.view);
    expect(editor.text()).toBe("one\r\ntwo\r\n\r\n"); // not a "\r" ending each line and an LF typed
  });
});

describe("A text with no line break in a CRLF post", () => {
  it("keeps the post's CRLF: set as the user's (recovered) or as a reload, a new line is CRLF", () => {
    const { editor } = newEditor();
    editor.open("a.md", "one\r\ntwo\r\n");
    editor.setTextAsUser("recovered, one line");
    expect(editor.view.state.lineBreak).toBe("\r\n");
    editor.view.dispatch({ selection: { anchor: editor.view.state.doc.length } });
    insertNewlineAndIndent(editor.view);
    expect(editor.text()).toBe("recovered, one line\r\n");
    editor.replaceText("reloaded, one line", "input.reload");
    expect(editor.view.state.lineBreak).toBe("\r\n");
    editor.view.dispatch({ selection: { anchor: 0 } });
    insertNewlineAndIndent(editor.view);
    expect(editor.text()).toBe("\r\nreloaded, one line");
  });
});

describe("No post open", () => {
  it("takes no typing or formatting: there is no post for the text to go to", async () => {
    const { editor, changed } = newEditor();
    await editor.loadDeferred();
    editor.open("a.md", "text\n");
    editor.close();
    expect(editor.view.contentDOM.getAttribute("contenteditable")).toBe("false");
    runScopeHandlers(editor.view, new KeyboardEvent("keydown", { key: "b", ctrlKey: true }), "editor");
    runScopeHandlers(editor.view, new KeyboardEvent("keydown", { key: "2", ctrlKey: true }), "editor");
    runScopeHandlers(editor.view, new KeyboardEvent("keydown", { key: "k", ctrlKey: true }), "editor");
    expect(editor.text()).toBe("");
    expect(changed).toEqual([]);
    editor.open("b.md", "more\n");
    expect(editor.view.contentDOM.getAttribute("contenteditable")).toBe("true");
  });
});

describe("Editor state cache", () => {
  it("forgets every post's state when another folder opens: the same path there starts fresh", () => {
    const { editor } = newEditor();
    editor.open("posts/a.md", "first folder's text\n");
    editor.view.dispatch({ changes: { from: 0, insert: "typed " } });
    const typed = editor.view.state;
    editor.open("posts/b.md", "other\n");
    editor.open("posts/a.md", "typed first folder's text\n");
    expect(editor.view.state.doc).toBe(typed.doc); // cached: the same document back
    editor.close();
    editor.forgetAll();
    editor.open("posts/a.md", "typed first folder's text\n");
    expect(editor.view.state.doc).not.toBe(typed.doc);
    expect(editor.text()).toBe("typed first folder's text\n");
  });
});

describe("Editor scroll position", () => {
  it("gives a post reopened from the cache its scroll back, and never to a post opened after it", async () => {
    const { editor } = newEditor();
    const long = "A line of a long post.\n".repeat(500);
    editor.open("a.md", long);
    editor.view.scrollDOM.scrollTop = 1234;
    editor.open("b.md", long);
    editor.open("a.md", long); // its scroll comes back at the next frame
    editor.open("c.md", long); // opened before that frame
    await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
    expect(editor.openPath).toBe("c.md");
    expect(editor.view.scrollDOM.scrollTop).toBe(0);
    editor.open("a.md", long);
    await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
    expect(editor.view.scrollDOM.scrollTop).toBe(1234);
  });
});

describe("Editor.replaceText", () => {
  it("reopens a cached post unchanged on disk without building its text again", () => {
    const { editor, changed } = newEditor();
    const text = Array.from({ length: 3000 }, (_, i) => `Line ${i} of a long post.`).join("\r\n");
    editor.open("long.md", text);
    const doc = editor.view.state.doc;
    editor.open("other.md", "other\n");
    const toText = vi.spyOn(EditorState.prototype, "toText");
    editor.open("long.md", text);
    expect(toText).not.toHaveBeenCalled();
    expect(editor.view.state.doc).toBe(doc);
    expect(changed).toEqual([]);
    expect(editor.replaceText(text)).toBe(false);
    toText.mockRestore();
  });

  it("changes only the differing middle of a CRLF post, keeping the cursor and the line breaks", () => {
    const { editor } = newEditor();
    const text = "---\r\ntitle: A\r\n---\r\n\r\nBody text.\r\n";
    editor.open("crlf.md", text);
    const body = editor.view.state.doc.line(5).from + 4; // inside "Body"
    editor.view.dispatch({ selection: { anchor: body } });
    expect(editor.replaceText(text.replace("title: A", "title: Longer"))).toBe(true);
    expect(editor.text()).toBe("---\r\ntitle: Longer\r\n---\r\n\r\nBody text.\r\n");
    expect(editor.view.state.selection.main.head).toBe(body + "Longer".length - 1);
    expect(editor.replaceText(editor.text())).toBe(false);
  });
});

describe("Editor extensions loaded after start-up", () => {
  it("gives Markdown, once loaded, to the open post and to posts cached before", async () => {
    const { editor } = newEditor();
    editor.open("a.md", "---\ntitle: A\n---\n# A\n");
    editor.open("b.md", "# B\n");
    expect(editor.view.state.facet(language)).toBeNull();
    await editor.loadDeferred();
    const loaded = editor.view.state.facet(language);
    expect(loaded).not.toBeNull();
    editor.open("a.md", "---\ntitle: A\n---\n# A\n");
    expect(editor.view.state.facet(language)).toBe(loaded);
    expect(syntaxTree(editor.view.state).resolve(editor.view.state.doc.line(4).from, 1).name).toMatch(/ATXHeading1|HeaderMark/);
    editor.open("c.md", "new\n");
    expect(editor.view.state.facet(language)).toBe(loaded);
  });

  const key = (editor: Editor, key: string, ctrlKey = false) =>
    runScopeHandlers(editor.view, new KeyboardEvent("keydown", { key, ctrlKey }), "editor");

  it("takes typing, its own keys and the save key before the rest loads, and keeps the text when it does", async () => {
    let saves = 0;
    const changed: string[] = [];
    const editor = new Editor(document.createElement("div"), {
      onDocChanged: (text) => changed.push(text.toString()),
      onScrolled: () => {},
      onSave: () => saves++,
    });
    editor.open("a.md", "# A\nword\n");
    editor.view.dispatch({ changes: { from: 8, insert: " typed" }, userEvent: "input.type" });
    expect(changed).toEqual(["# A\nword typed\n"]);
    editor.view.dispatch({ selection: { anchor: 4, head: 8 } });
    expect(key(editor, "b", true)).toBe(true);
    expect(editor.text()).toBe("# A\n**word** typed\n");
    expect(key(editor, "s", true)).toBe(true);
    expect(saves).toBe(1);
    await editor.loadDeferred();
    expect(editor.view.state.facet(language)).not.toBeNull();
    expect(editor.text()).toBe("# A\n**word** typed\n");
    expect(changed).toHaveLength(2); // loading changed no text
  });

  it("gives search, closing brackets and Tab nesting list items, ahead of the default keys, once loaded", async () => {
    const { editor } = newEditor();
    editor.open("a.md", "text\n");
    expect(key(editor, "f", true)).toBe(false);
    expect(searchPanelOpen(editor.view.state)).toBe(false);
    await editor.loadDeferred();
    expect(key(editor, "f", true)).toBe(true);
    expect(searchPanelOpen(editor.view.state)).toBe(true);

    editor.open("list.md", "1. a\n2. b\n");
    editor.view.dispatch({ selection: { anchor: 8 } });
    expect(key(editor, "Tab")).toBe(true);
    expect(editor.text()).toBe("1. a\n   2. b\n"); // nested: two spaces kept it a sibling
    expect(key(editor, "Tab")).toBe(true); // a first item: the usual indent
    expect(editor.text()).toBe("1. a\n     2. b\n");
    editor.open("quoted.md", "> 1. a\n>    2. b\n");
    editor.view.dispatch({ selection: { anchor: 15 } });
    expect(runScopeHandlers(editor.view, new KeyboardEvent("keydown", { key: "Tab", shiftKey: true }), "editor")).toBe(true);
    expect(editor.text()).toBe("> 1. a\n> 2. b\n"); // out of the item, after the quote marks

    editor.open("b.md", "");
    editor.view.dispatch({ changes: { from: 0, insert: "()" }, selection: { anchor: 1 } });
    expect(key(editor, "Backspace")).toBe(true);
    expect(editor.text()).toBe(""); // the pair, not just "("
  });
});

describe("The parse of the shown text", () => {
  it("reaches text shown past the parsed part before CodeMirror's background parse would", async () => {
    const { editor } = newEditor();
    await editor.loadDeferred();
    const text = "# Title\n\n" + "Some *prose* with `code` and [a link](x).\n\n".repeat(5000);
    // Every timer from the open on is fake, and the clock stands still: no parse of the
    // editor's or the test's is cut short by a busy machine.
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "setInterval", "clearInterval", "Date"] });
    editor.open("long.md", text);
    try {
      const view = editor.view;
      view.dispatch({ selection: { anchor: text.length }, effects: EditorView.scrollIntoView(text.length) });
      expect(view.viewport.to).toBe(text.length);
      expect(syntaxTreeAvailable(view.state, view.viewport.to)).toBe(false);
      // CodeMirror's own worker pauses at least 100 ms between its slices.
      await vi.advanceTimersByTimeAsync(50);
      expect(syntaxTreeAvailable(view.state, view.viewport.to)).toBe(true);
      const last = view.state.doc.lineAt(text.length - 2);
      expect(syntaxTree(view.state).resolve(last.from, 1).name).toMatch(/Paragraph|Emphasis|EmphasisMark/);
    } finally {
      vi.useRealTimers();
      editor.view.destroy();
    }
  });
});

describe("Code languages", () => {
  const described = (name: string) => languages.find((l) => l.name === name)!;

  it("loads the languages a post's fences name, each once", async () => {
    const text = "```python\nx = 1\n```\n\n~~~ rust\nfn a() {}\n~~~\n\n```\nplain\n```\n\n    ```java not a fence\n";
    expect(described("Python").support).toBeUndefined();
    expect((await loadCodeLanguages(text)).sort()).toEqual(["Python", "Rust"]);
    expect(described("Python").support).toBeDefined();
    expect(described("Java").support).toBeUndefined(); // indented four spaces: code, not a fence
    expect(await loadCodeLanguages(text)).toEqual([]);
  });

  it("starts loading them as it opens a post, before its parse gets there", async () => {
    const { editor } = newEditor();
    await editor.loadDeferred();
    const go = described("Go");
    const load = vi.spyOn(go, "load");
    // The fence is far past what the parse does at once: only open() can ask for Go now.
    editor.open("go.md", "A paragraph.\n\n".repeat(40_000) + "```go\nfunc main() {}\n```\n");
    expect(load).toHaveBeenCalledTimes(1);
    await vi.waitFor(() => expect(go.support).toBeDefined());
    load.mockRestore();
  });
});
