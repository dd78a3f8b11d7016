import type { Plugin } from "vite";

/**
 * How far past the visible text the editor's Markdown parse runs ahead, in characters.
 *
 * CodeMirror parses up to 100,000 characters past the viewport in the background, so a 100 KB
 * post is parsed whole as soon as it opens. That parse is what warms WebKit's JavaScript
 * compilers: the web process held ~13 MB more with it (bench/notes.md, round thirteen). The
 * editor only needs the tree where the text is shown (highlighting, bracket matching, list
 * continuation); scrolling parses further, a few screens ahead of what is shown.
 */
export const PARSE_AHEAD_CHARS = 10_000;

/** CodeMirror names the constant in a comment where it inlines it. */
const PARSE_AHEAD = /\b100000 \/\* Work\.MaxParseAhead \*\//g;
const LANGUAGE_MODULE = /[\\/]@codemirror[\\/]language[\\/]dist[\\/]index\.c?js$/;

/** `code` (@codemirror/language's module) with its parse-ahead set to `chars`; throws when the
 * constant is not where this version of the library had it, so an update cannot drop it quietly. */
export function withParseAhead(code: string, chars: number): string {
  const found = code.match(PARSE_AHEAD)?.length ?? 0;
  if (found === 0) {
    throw new Error("@codemirror/language no longer inlines Work.MaxParseAhead as 100000: update ui/build/parse-ahead.ts");
  }
  return code.replace(PARSE_AHEAD, `${chars} /* Work.MaxParseAhead */`);
}

/** Sets the editor's parse-ahead in the built app (see PARSE_AHEAD_CHARS). */
export function parseAhead(chars = PARSE_AHEAD_CHARS): Plugin {
  return {
    name: "draftsmith-parse-ahead",
    apply: "build",
    transform(code, id) {
      if (!LANGUAGE_MODULE.test(id)) return null;
      return { code: withParseAhead(code, chars), map: null };
    },
  };
}
