// What the editor gets just after the posts are listed, kept out of the start-up bundle:
// Markdown with YAML front matter and the languages of fenced code (each loaded when a block
// needs it), search and replace, and auto-closed brackets. With the grammars lang-markdown
// pulls in (HTML, CSS, JavaScript) the language alone was ~40% of the bundle; the editor is
// usable without any of these for the moment they take to load.
import { closeBrackets, closeBracketsKeymap } from "@codemirror/autocomplete";
import { markdown, markdownLanguage } from "@codemirror/lang-markdown";
import { yamlFrontmatter } from "@codemirror/lang-yaml";
import { languages } from "@codemirror/language-data";
import { highlightSelectionMatches, openSearchPanel, search, searchKeymap } from "@codemirror/search";
import { Prec, type Extension } from "@codemirror/state";
import { keymap } from "@codemirror/view";

export function deferredExtensions(): Extension {
  return [
    // YAML front matter is highlighted as YAML instead of being read as a setext heading.
    yamlFrontmatter({ content: markdown({ base: markdownLanguage, codeLanguages: languages }) }),
    closeBrackets(),
    highlightSelectionMatches(),
    search({ top: true }),
    // Ahead of the default keymap, where Backspace would delete one character of a pair.
    Prec.high(
      keymap.of([
        { key: "Mod-h", run: openSearchPanel, preventDefault: true },
        ...closeBracketsKeymap,
        ...searchKeymap,
      ]),
    ),
  ];
}
