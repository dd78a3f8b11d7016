import { describe, expect, it } from "vitest";
import { countCall, installPerfProbe, markDocChange, markPatched, markReady, type PerfProbe } from "./perf-probe";

function probe(): PerfProbe {
  installPerfProbe();
  const p = (window as unknown as { __draftsmithPerf: PerfProbe }).__draftsmithPerf;
  p.reset();
  return p;
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("performance probe", () => {
  it("counts the IPC calls of each command, kept through a reset of the samples", () => {
    installPerfProbe(document);
    const probe = (window as unknown as { __draftsmithPerf: PerfProbe }).__draftsmithPerf;
    const before = probe.calls.journal_write ?? 0;
    countCall("journal_write");
    countCall("journal_write");
    probe.reset();
    countCall("read_post");
    expect(probe.calls.journal_write).toBe(before + 2);
    expect(probe.calls.read_post).toBeGreaterThanOrEqual(1);
  });

  it("records one latency per keystroke once its text is patched", async () => {
    const p = probe();
    const preview = document.createElement("div");
    markDocChange("a");
    markDocChange("ab");
    markDocChange("abc");
    markPatched("ab", preview);
    expect(p.samples).toHaveLength(2);
    expect(p.samples.every((ms) => ms >= 0)).toBe(true);
    markPatched("unknown", preview);
    expect(p.samples).toHaveLength(2);
    markPatched("abc", preview);
    expect(p.samples).toHaveLength(3);
    expect(p.editorSamples).toHaveLength(3);
    await new Promise((r) => requestAnimationFrame(() => r(undefined)));
    await pause(30);
    expect(p.frameSamples.length).toBeGreaterThanOrEqual(1);
    p.reset();
    expect(p.samples).toHaveLength(0);
    expect(p.editorSamples).toHaveLength(0);
  });

  it("starts a latency at the keystroke, not at the document change", async () => {
    const p = probe();
    document.dispatchEvent(new KeyboardEvent("keydown", { key: "x" }));
    await pause(25);
    markDocChange("x");
    expect(p.editorSamples).toHaveLength(1);
    expect(p.editorSamples[0]).toBeGreaterThanOrEqual(20);
    // the key is used once: an edit without a key starts at the edit itself
    markDocChange("xy");
    expect(p.editorSamples[1]).toBeLessThan(20);
  });

  it("times a search-box keystroke to the filtered list, once per input", async () => {
    const p = probe();
    installPerfProbe(); // a second install must not double the samples
    document.body.innerHTML = '<input id="search"><div id="posts-list"></div><input id="other">';
    const search = document.getElementById("search") as HTMLInputElement;
    search.dispatchEvent(new KeyboardEvent("keydown", { key: "a", bubbles: true }));
    await pause(25);
    search.dispatchEvent(new Event("input", { bubbles: true }));
    document.getElementById("other")!.dispatchEvent(new Event("input", { bubbles: true }));
    expect(p.filterSamples).toHaveLength(1);
    expect(p.filterSamples[0]).toBeGreaterThanOrEqual(20);
  });

  it("marks the window ready, with the mark's wall-clock time in the title for a launch read from stdout", () => {
    markReady(document.createElement("div"));
    expect(performance.getEntriesByName("ds-ready")).toHaveLength(1);
    const mark = performance.getEntriesByName("ds-ready")[0];
    expect(document.title).toBe(`ds-ready ${performance.timeOrigin + mark.startTime}`);
  });

  it("marks a window still hidden ready only once it is shown", () => {
    performance.clearMarks("ds-ready");
    let state: DocumentVisibilityState = "hidden";
    Object.defineProperty(document, "visibilityState", { configurable: true, get: () => state });
    try {
      markReady(document.createElement("div"));
      expect(performance.getEntriesByName("ds-ready")).toHaveLength(0);
      document.dispatchEvent(new Event("visibilitychange")); // still hidden
      expect(performance.getEntriesByName("ds-ready")).toHaveLength(0);
      state = "visible";
      document.dispatchEvent(new Event("visibilitychange"));
      document.dispatchEvent(new Event("visibilitychange")); // once only
      expect(performance.getEntriesByName("ds-ready")).toHaveLength(1);
    } finally {
      delete (document as { visibilityState?: unknown }).visibilityState;
    }
  });
});
