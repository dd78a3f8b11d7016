// WebKitGTK has neither requestIdleCallback nor `navigator.scheduling.isInputPending`, which
// CodeMirror uses to slice its background parse. With neither it parses in slices of up to
// 100 ms; with a deadline alone, in slices of at least 25 ms (its minimum), and keystrokes on a
// 5 MB post waited behind those (25-30 ms tasks while typing, measured in the probe build).
// Given isInputPending, CodeMirror ignores the deadline and ends a slice as soon as that answers
// true. A page cannot see input waiting while its script runs, so the stand-in answers
// "perhaps" once the slice has run IDLE_SLICE_MS: slices end after about that long, and a
// keystroke waits at most about that long. Imported before CodeMirror, which looks for both
// once, when its module is evaluated.

/** How long an idle slice may run before it is told input may be waiting. */
export const IDLE_SLICE_MS = 5;

type IdleWindow = Pick<Window, "requestIdleCallback" | "cancelIdleCallback">;
type Scheduling = { isInputPending?: () => boolean };
type SchedulingNavigator = { scheduling?: Scheduling };

/** Gives `win` a requestIdleCallback (and cancelIdleCallback) if it has none, and then `nav` an
 * isInputPending that answers true once one of those callbacks has run for a slice. */
export function installIdleCallback(win: Partial<IdleWindow>, nav?: SchedulingNavigator): void {
  if (typeof win.requestIdleCallback === "function") return;
  let nextId = 1;
  const timers = new Map<number, ReturnType<typeof setTimeout>>();
  /** When the running idle callback started, or null outside one. */
  let sliceStart: number | null = null;
  win.requestIdleCallback = (callback: IdleRequestCallback): number => {
    const id = nextId++;
    const timer = setTimeout(() => {
      timers.delete(id);
      const start = performance.now();
      sliceStart = start;
      try {
        callback({ didTimeout: false, timeRemaining: () => Math.max(0, IDLE_SLICE_MS - (performance.now() - start)) });
      } finally {
        sliceStart = null;
      }
    }, 1);
    timers.set(id, timer);
    return id;
  };
  win.cancelIdleCallback = (id: number): void => {
    clearTimeout(timers.get(id));
    timers.delete(id);
  };
  if (nav && typeof nav.scheduling?.isInputPending !== "function") {
    const isInputPending = () => sliceStart !== null && performance.now() - sliceStart >= IDLE_SLICE_MS;
    Object.defineProperty(nav, "scheduling", { value: { ...nav.scheduling, isInputPending }, configurable: true });
  }
}

if (typeof window !== "undefined") installIdleCallback(window, navigator as SchedulingNavigator);
