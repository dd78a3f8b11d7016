import { describe, expect, it } from "vitest";
import { StatusBar, formatWordsAndTime, readingMinutes } from "./statusbar";

describe("reading time", () => {
  it("rounds at 230 words a minute with a one-minute floor", () => {
    expect(readingMinutes(0)).toBe(0);
    expect(readingMinutes(10)).toBe(1);
    expect(readingMinutes(460)).toBe(2);
    expect(readingMinutes(1200)).toBe(5);
  });

  it("formats words and minutes", () => {
    expect(formatWordsAndTime(1)).toBe("1 word · 1 min read");
    expect(formatWordsAndTime(2345)).toBe("2,345 words · 10 min read");
    expect(formatWordsAndTime(0)).toBe("0 words");
  });

  it("shows values in the status bar", () => {
    document.body.innerHTML =
      '<span id="status-save"></span><span id="status-words"></span><span id="status-path"></span>';
    const bar = new StatusBar(document);
    bar.setSaveState("saving");
    bar.setWordCount(700);
    bar.setPath("content/posts/a.md");
    expect(document.getElementById("status-save")!.textContent).toBe("Saving…");
    expect(document.getElementById("status-save")!.dataset.state).toBe("saving");
    expect(document.getElementById("status-words")!.textContent).toBe("700 words · 3 min read");
    expect(document.getElementById("status-path")!.textContent).toBe("content/posts/a.md");
  });

  it("leaves the word count's text alone when a keystroke does not change it", () => {
    document.body.innerHTML =
      '<span id="status-save"></span><span id="status-words"></span><span id="status-path"></span>';
    const bar = new StatusBar(document);
    const words = document.getElementById("status-words")!;
    bar.setWordCount(700);
    const shown = words.firstChild;
    bar.setWordCount(700);
    expect(words.firstChild).toBe(shown);
    bar.setWordCount(701);
    expect(words.textContent).toBe("701 words · 3 min read");
  });
});
