import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseAhead, withParseAhead } from "./parse-ahead";

/** A file of the installed @codemirror/language (its package exports only its entry). */
const installed = (file: string) =>
  readFileSync(join(dirname(createRequire(import.meta.url).resolve("@codemirror/language")), file), "utf8");

describe("the editor's parse-ahead", () => {
  it("is set everywhere the installed CodeMirror inlines it", () => {
    for (const file of ["index.js", "index.cjs"]) {
      const code = installed(file);
      const changed = withParseAhead(code, 10_000);
      expect(changed).not.toContain("100000 /* Work.MaxParseAhead */");
      // The worker's check and the range it asks the parse for.
      expect(changed.match(/\b10000 \/\* Work\.MaxParseAhead \*\//g)).toHaveLength(2);
      expect(changed.length).toBe(code.length - 2);
    }
  });

  it("fails the build when the library no longer has the constant", () => {
    expect(() => withParseAhead("const ahead = 1e5;", 10_000)).toThrow(/MaxParseAhead/);
  });

  it("touches only @codemirror/language's module", () => {
    const plugin = parseAhead(10_000);
    const transform = plugin.transform as (code: string, id: string) => { code: string } | null;
    const code = "x(100000 /* Work.MaxParseAhead */)";
    expect(transform(code, "/ui/node_modules/@codemirror/view/dist/index.js")).toBeNull();
    expect(transform(code, "/ui/node_modules/@codemirror/language/dist/index.js")?.code).toBe(
      "x(10000 /* Work.MaxParseAhead */)",
    );
  });
});
