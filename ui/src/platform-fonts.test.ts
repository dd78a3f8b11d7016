import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { markPlatform, platformOf } from "./platform-fonts";

const css = readFileSync(resolve(__dirname, "styles.css"), "utf8");

describe("platformOf", () => {
  it("tells the three desktops apart by their webviews' user agents", () => {
    expect(platformOf("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/605.1.15 (KHTML, like Gecko)")).toBe("linux");
    expect(platformOf("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko)")).toBe("mac");
    expect(
      platformOf("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36 Edg/120.0"),
    ).toBe("windows");
    expect(platformOf("")).toBe("linux");
  });

  it("marks the document so the stylesheet can pick its fonts", () => {
    document.documentElement.removeAttribute("data-platform");
    expect(markPlatform(document, "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0)")).toBe("mac");
    expect(document.documentElement.dataset.platform).toBe("mac");
  });
});

describe("the stylesheet's font stacks", () => {
  const block = (selector: string) => {
    const at = css.indexOf(`${selector} {`);
    expect(at, `${selector} is in styles.css`).toBeGreaterThanOrEqual(0);
    return css.slice(at, css.indexOf("}", at));
  };
  const stack = (rules: string, name: string) => rules.match(new RegExp(`--${name}:\\s*([^;]+);`))?.[1].trim();

  it("default to generic families only, so Linux never asks fontconfig for a missing family", () => {
    const root = block(":root");
    expect(stack(root, "font-ui")).toBe("sans-serif");
    expect(stack(root, "font-editor")).toBe("monospace");
    expect(stack(root, "font-reading")).toBe("serif");
  });

  it("name the platform's own fonts on macOS and Windows, ending in a generic family", () => {
    for (const platform of ["mac", "windows"]) {
      const rules = block(`:root[data-platform="${platform}"]`);
      for (const [name, generic] of [["font-ui", "sans-serif"], ["font-editor", "monospace"], ["font-reading", "serif"]]) {
        const families = stack(rules, name)?.split(",").map((f) => f.trim()) ?? [];
        expect(families.length, `${platform} ${name}`).toBeGreaterThan(1);
        expect(families.at(-1)).toBe(generic);
      }
    }
  });
});
