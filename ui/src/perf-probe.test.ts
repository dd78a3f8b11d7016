import { describe, expect, it } from "vitest";
import { installPerfProbe, markDocChange, markPatched, type PerfProbe } from "./perf-probe";

describe("performance probe", () => {
  it("records one latency per keystroke once its text is patched", async () => {
    installPerfProbe();
    const probe = (window as unknown as { __draftsmithPerf: PerfProbe }).__draftsmithPerf;
    probe.reset();
    const preview = document.createElement("div");
    markDocChange("a");
    markDocChange("ab");
    markDocChange("abc");
    markPatched("ab", preview);
    expect(probe.samples).toHaveLength(2);
    expect(probe.samples.every((ms) => ms >= 0)).toBe(true);
    markPatched("unknown", preview);
    expect(probe.samples).toHaveLength(2);
    markPatched("abc", preview);
    expect(probe.samples).toHaveLength(3);
    await new Promise((r) => requestAnimationFrame(() => r(undefined)));
    await new Promise((r) => setTimeout(r, 30));
    expect(probe.frameSamples.length).toBeGreaterThanOrEqual(1);
    probe.reset();
    expect(probe.samples).toHaveLength(0);
  });
});
