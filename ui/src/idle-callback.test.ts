import { afterEach, describe, expect, it, vi } from "vitest";
import { IDLE_SLICE_MS, installIdleCallback } from "./idle-callback";

describe("installIdleCallback", () => {
  afterEach(() => vi.useRealTimers());

  it("calls back soon with a deadline that runs out after one slice", () => {
    vi.useFakeTimers();
    const win: { requestIdleCallback?: Window["requestIdleCallback"]; cancelIdleCallback?: Window["cancelIdleCallback"] } = {};
    installIdleCallback(win);
    const remaining: number[] = [];
    win.requestIdleCallback!((deadline) => {
      expect(deadline.didTimeout).toBe(false);
      remaining.push(deadline.timeRemaining());
      vi.advanceTimersByTime(IDLE_SLICE_MS / 2);
      remaining.push(deadline.timeRemaining());
      vi.advanceTimersByTime(IDLE_SLICE_MS);
      remaining.push(deadline.timeRemaining());
    });
    expect(remaining).toEqual([]);
    vi.advanceTimersByTime(5);
    expect(remaining).toEqual([IDLE_SLICE_MS, IDLE_SLICE_MS / 2, 0]);
  });

  it("says input may be pending once an idle callback has run a slice, and never outside one", () => {
    vi.useFakeTimers();
    const win: { requestIdleCallback?: Window["requestIdleCallback"]; cancelIdleCallback?: Window["cancelIdleCallback"] } = {};
    const nav: { scheduling?: { isInputPending?: () => boolean } } = {};
    installIdleCallback(win, nav);
    const pending = nav.scheduling!.isInputPending!;
    const seen: boolean[] = [];
    win.requestIdleCallback!(() => {
      seen.push(pending());
      vi.advanceTimersByTime(IDLE_SLICE_MS - 1);
      seen.push(pending());
      vi.advanceTimersByTime(1);
      seen.push(pending());
    });
    expect(pending()).toBe(false);
    vi.advanceTimersByTime(5);
    expect(seen).toEqual([false, false, true]);
    expect(pending()).toBe(false);
  });

  it("leaves isInputPending alone where the browser has one, or its own requestIdleCallback", () => {
    const own = () => true;
    const nav = { scheduling: { isInputPending: own } };
    installIdleCallback({}, nav);
    expect(nav.scheduling.isInputPending).toBe(own);
    const withIdle = { requestIdleCallback: vi.fn() as unknown as Window["requestIdleCallback"] };
    const bare: { scheduling?: { isInputPending?: () => boolean } } = {};
    installIdleCallback(withIdle, bare);
    expect(bare.scheduling).toBeUndefined();
  });

  it("cancels a callback not yet run, and keeps a browser's own function", () => {
    vi.useFakeTimers();
    const win: { requestIdleCallback?: Window["requestIdleCallback"]; cancelIdleCallback?: Window["cancelIdleCallback"] } = {};
    installIdleCallback(win);
    const called = vi.fn();
    win.cancelIdleCallback!(win.requestIdleCallback!(called));
    vi.advanceTimersByTime(100);
    expect(called).not.toHaveBeenCalled();

    const own = vi.fn(() => 7);
    const native = { requestIdleCallback: own as unknown as Window["requestIdleCallback"] };
    installIdleCallback(native);
    expect(native.requestIdleCallback).toBe(own);
  });
});
