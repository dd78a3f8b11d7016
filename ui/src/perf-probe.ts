// Benchmark probe, compiled in only with VITE_PERF_PROBE=1: keystroke → preview patched and
// laid out, and separately the time to the next frame.

type Pending = { text: string; at: number };

export type PerfProbe = {
  samples: number[];
  frameSamples: number[];
  reset(): void;
};

const pending: Pending[] = [];
const probe: PerfProbe = {
  samples: [],
  frameSamples: [],
  reset() {
    probe.samples.length = 0;
    probe.frameSamples.length = 0;
    pending.length = 0;
  },
};

export function installPerfProbe(): void {
  (window as unknown as { __draftsmithPerf: PerfProbe }).__draftsmithPerf = probe;
}

export function markDocChange(text: string): void {
  performance.mark("ds-doc-change");
  pending.push({ text, at: performance.now() });
  if (pending.length > 500) pending.shift();
}

/** Called after a patch for `text` was applied to `preview`. */
export function markPatched(text: string, preview: HTMLElement): void {
  preview.getBoundingClientRect(); // force layout so the sample includes it
  performance.mark("ds-preview-patched");
  const now = performance.now();
  let index = -1;
  for (let i = pending.length - 1; i >= 0; i--) {
    if (pending[i].text === text) {
      index = i;
      break;
    }
  }
  if (index < 0) return;
  // Every keystroke up to this text is now visible; the skipped ones count too.
  const done = pending.splice(0, index + 1);
  for (const p of done) probe.samples.push(now - p.at);
  const first = done[0].at;
  requestAnimationFrame(() => probe.frameSamples.push(performance.now() - first));
}
