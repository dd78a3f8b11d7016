import { describe, expect, it } from "vitest";
import { shownPath, visibleText } from "./display-text";

describe("visibleText", () => {
  it("writes out direction overrides so a name cannot pose as another", () => {
    expect(visibleText("\u202Egnp.exe.md")).toBe("⟨U+202E⟩gnp.exe.md");
    expect(visibleText("a\u2066b\u2069c\u200F")).toBe("a⟨U+2066⟩b⟨U+2069⟩c⟨U+200F⟩");
  });

  it("writes out NUL and other controls but keeps tabs, newlines and ordinary text", () => {
    expect(visibleText("nul\u0000bell\u0007")).toBe("nul⟨U+0000⟩bell⟨U+0007⟩");
    expect(visibleText("line\nbreak\tand <b>markup</b> % é 日本")).toBe("line\nbreak\tand <b>markup</b> % é 日本");
  });
});

describe("shownPath", () => {
  it("keeps a path as it is, and of a name that is not UTF-8 only what is shown before its bytes", () => {
    expect(shownPath("posts/a.md")).toBe("posts/a.md");
    expect(shownPath("caf\uFFFD.md\u0000636166e92e6d64")).toBe("caf\uFFFD.md");
  });
});
