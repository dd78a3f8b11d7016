// Most of the editor, loaded just after the posts are listed and kept out of the start-up
// bundle: the Markdown language (with the grammars lang-markdown pulls in, ~40% of the old
// bundle) and fenced code's languages, highlighting, undo history, the standard keys, search
// and auto-closed brackets. Until it arrives, a few tens of milliseconds after the list, the
// editor shows the post and takes plain typing, and the app's own shortcuts work.
import { closeBrackets, closeBracketsKeymap } from "@codemirror/autocomplete";
import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
import { markdown, markdownLanguage } from "@codemirror/lang-markdown";
import { yamlFrontmatter } from "@codemirror/lang-yaml";
import { bracketMatching, indentOnInput, LanguageDescription, syntaxHighlighting } from "@codemirror/language";
import { languages } from "@codemirror/language-data";
import { highlightSelectionMatches, openSearchPanel, search, searchKeymap } from "@codemirror/search";
import type { Extension } from "@codemirror/state";
import { keymap } from "@codemirror/view";
import { editorHighlightStyle } from "./editor-highlight";

export function deferredExtensions(): Extension {
  return [
    // YAML front matter is highlighted as YAML instead of being read as a setext heading.
    yamlFrontmatter({ content: markdown({ base: markdownLanguage, codeLanguages: languages }) }),
    syntaxHighlighting(editorHighlightStyle),
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
      indentWithTab,
    ]),
  ];
}

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
