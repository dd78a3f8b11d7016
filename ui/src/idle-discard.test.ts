import { describe, expect, it } from "vitest";
import { IdleDiscarder } from "./idle-discard";

/** An idle scheduler run by hand: each `slice(ms)` runs what was scheduled with `ms` to spare. */
function manualIdle() {
  let waiting: IdleRequestCallback[] = [];
  return {
    schedule: (callback: IdleRequestCallback) => waiting.push(callback),
    get scheduled() {
      return waiting.length;
    },
    slice(ms: number) {
      const now = waiting;
      waiting = [];
      for (const callback of now) callback({ didTimeout: false, timeRemaining: () => ms });
    },
  };
}

const filled = (html = "<p>one <em>two</em></p><pre><code>three</code></pre>") => {
  const el = document.createElement("div");
  el.innerHTML = html;
  return el;
};

describe("IdleDiscarder", () => {
  it("empties a dropped element when the page is idle, not before", () => {
    const idle = manualIdle();
    const discarder = new IdleDiscarder(idle.schedule);
    const el = filled();
    discarder.discard(el);
    expect(el.childNodes.length).toBe(2);
    idle.slice(5);
    expect(el.childNodes.length).toBe(0);
    expect(discarder.pending).toBe(0);
  });

  it("leaves an element that is back in the document as it is", () => {
    const idle = manualIdle();
    const discarder = new IdleDiscarder(idle.schedule);
    const el = filled();
    discarder.discard(el);
    document.body.append(el);
    idle.slice(5);
    expect(el.textContent).toBe("one twothree");
    el.remove();
  });

  it("asks for one idle callback at a time and goes on in later slices when out of time", () => {
    const idle = manualIdle();
    const discarder = new IdleDiscarder(idle.schedule);
    const els = [filled(), filled(), filled()];
    for (const el of els) discarder.discard(el);
    expect(idle.scheduled).toBe(1);
    idle.slice(0); // no time to spare: one element per slice
    expect(els.filter((el) => el.childNodes.length === 0)).toHaveLength(1);
    expect(idle.scheduled).toBe(1);
    idle.slice(0);
    idle.slice(0);
    expect(els.every((el) => el.childNodes.length === 0)).toBe(true);
    expect(idle.scheduled).toBe(0);
  });

  it("asks again after a scheduler that threw", () => {
    const idle = manualIdle();
    let fail = true;
    const discarder = new IdleDiscarder((callback) => {
      if (fail) throw new Error("no idle callbacks now");
      return idle.schedule(callback);
    });
    const [first, second] = [filled(), filled()];
    expect(() => discarder.discard(first)).toThrow();
    fail = false;
    discarder.discard(second);
    idle.slice(5);
    expect([first, second].map((el) => el.childNodes.length)).toEqual([0, 0]);
  });
});
