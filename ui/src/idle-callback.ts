// WebKitGTK has no requestIdleCallback. Without it CodeMirror parses in the background in
// slices of up to 100 ms, and keystrokes wait behind them (measured in the probe build: 52-89 ms
// tasks while typing in a 1 MB post). Given one, it stops each slice after the deadline's time
// remaining (and no sooner than its 25 ms minimum). Imported before CodeMirror, which looks for
// the function once, when its module is evaluated.

/** How long an idle slice may run, as the deadline reports it. */
export const IDLE_SLICE_MS = 10;

type IdleWindow = Pick<Window, "requestIdleCallback" | "cancelIdleCallback">;

/** Gives `win` a requestIdleCallback (and cancelIdleCallback) if it has none. */
export function installIdleCallback(win: Partial<IdleWindow>): void {
  if (typeof win.requestIdleCallback === "function") return;
  let nextId = 1;
  const timers = new Map<number, ReturnType<typeof setTimeout>>();
  win.requestIdleCallback = (callback: IdleRequestCallback): number => {
    const id = nextId++;
    const timer = setTimeout(() => {
      timers.delete(id);
      const start = performance.now();
      callback({ didTimeout: false, timeRemaining: () => Math.max(0, IDLE_SLICE_MS - (performance.now() - start)) });
    }, 1);
    timers.set(id, timer);
    return id;
  };
  win.cancelIdleCallback = (id: number): void => {
    clearTimeout(timers.get(id));
    timers.delete(id);
  };
}

if (typeof window !== "undefined") installIdleCallback(window);
