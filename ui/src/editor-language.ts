// The editor's language: Markdown with YAML front matter, and the languages of fenced code
// (each loaded when a block needs it). Kept out of the start-up bundle: with the grammars
// lang-markdown pulls in (HTML, CSS, JavaScript) it is ~40% of it, and the editor is usable,
// just not yet highlighted, for the moment it takes to load after the posts are listed.
import { markdown, markdownLanguage } from "@codemirror/lang-markdown";
import { yamlFrontmatter } from "@codemirror/lang-yaml";
import { languages } from "@codemirror/language-data";
import type { Extension } from "@codemirror/state";

export function postLanguage(): Extension {
  // YAML front matter is highlighted as YAML instead of being read as a setext heading.
  return yamlFrontmatter({ content: markdown({ base: markdownLanguage, codeLanguages: languages }) });
}
