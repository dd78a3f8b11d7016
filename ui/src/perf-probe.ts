// Benchmark probe, compiled in only with VITE_PERF_PROBE=1 (read by bench/app/ through
// window.__draftsmithPerf). Every latency starts at the keystroke: the keydown event's
// timeStamp, so it includes the work between the key event and the doc change.

// Texts are matched by identity: each keystroke's version of the post is its own object.
type Pending = { text: unknown; at: number };

export type PerfProbe = {
  /** keystroke → preview patched and laid out (ms) */
  samples: number[];
  /** keystroke → the next frame after that patch (ms) */
  frameSamples: number[];
  /** keystroke → editor document and DOM updated (ms) */
  editorSamples: number[];
  /** keystroke in the search box → posts list filtered and laid out (ms) */
  filterSamples: number[];
  /** IPC calls made since start, by command (not emptied by reset): what a scenario sends. */
  calls: Record<string, number>;
  reset(): void;
};

const pending: Pending[] = [];
let keyAt: number | null = null;
let listening = false;
const probe: PerfProbe = {
  samples: [],
  frameSamples: [],
  editorSamples: [],
  filterSamples: [],
  calls: {},
  reset() {
    probe.samples.length = 0;
    probe.frameSamples.length = 0;
    probe.editorSamples.length = 0;
    probe.filterSamples.length = 0;
    pending.length = 0;
    keyAt = null;
  },
};

/** When the keystroke being handled happened; falls back to now for edits without a key. */
function takeKeyTime(now: number): number {
  const at = keyAt !== null && keyAt <= now ? keyAt : now;
  keyAt = null;
  return at;
}

export function installPerfProbe(doc: Document = document): void {
  (window as unknown as { __draftsmithPerf: PerfProbe }).__draftsmithPerf = probe;
  if (listening) return; // installed twice (tests): one listener each, or samples double
  listening = true;
  doc.addEventListener("keydown", (e) => (keyAt = e.timeStamp), { capture: true });
  // Bubble phase on the document: runs after the posts list's own input handler has filtered.
  doc.addEventListener("input", (e) => {
    const target = e.target as HTMLElement | null;
    if (target?.id !== "search") return;
    doc.getElementById("posts-list")?.getBoundingClientRect(); // force layout
    const now = performance.now();
    probe.filterSamples.push(now - takeKeyTime(now));
  });
}

/** Marks the window ready: posts listed, the editor created and the window on screen (it is
 * created hidden; the entry script shows it, and the list can be ready first). The title carries the same time, as a wall-clock
 * instant, for a benchmark that launched the app without WebDriver and reads it from stdout
 * (bench/ready-time prints it). */
export function markReady(list: HTMLElement | null, doc: Document = document): void {
  list?.getBoundingClientRect(); // force layout so the mark includes it
  const mark = () => {
    performance.mark("ds-ready");
    const at = performance.getEntriesByName("ds-ready").at(-1)!;
    doc.title = `ds-ready ${performance.timeOrigin + at.startTime}`;
  };
  if (doc.visibilityState === "visible") return mark();
  doc.addEventListener("visibilitychange", function shown() {
    if (doc.visibilityState !== "visible") return;
    doc.removeEventListener("visibilitychange", shown);
    mark();
  });
}

/** Counts one IPC call of `command`. */
export function countCall(command: string): void {
  probe.calls[command] = (probe.calls[command] ?? 0) + 1;
}

export function markDocChange(text: unknown): void {
  performance.mark("ds-doc-change");
  const now = performance.now();
  const at = takeKeyTime(now);
  probe.editorSamples.push(now - at);
  pending.push({ text, at });
  if (pending.length > 500) pending.shift();
}

/** Called after a patch for `text` was applied to `preview`. */
export function markPatched(text: unknown, preview: HTMLElement): void {
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
