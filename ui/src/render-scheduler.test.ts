import { describe, expect, it } from "vitest";
import { RenderScheduler } from "./render-scheduler";

/** A render function whose calls resolve only when the test says so. */
function controlledRender() {
  const calls: { text: string; resolve: (v: string) => void }[] = [];
  const render = (text: string) =>
    new Promise<string>((resolve) => calls.push({ text, resolve: (v) => resolve(v) }));
  return { calls, render };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe("RenderScheduler", () => {
  it("keeps one request in flight and sends only the latest text next", async () => {
    const { calls, render } = controlledRender();
    const applied: string[] = [];
    const s = new RenderScheduler(render, (r) => applied.push(r), () => undefined);
    s.request("a");
    s.request("ab");
    s.request("abc");
    expect(calls.map((c) => c.text)).toEqual(["a"]);
    calls[0].resolve("html:a");
    await flush();
    // "ab" was superseded before it could be sent, so it is never rendered.
    expect(calls.map((c) => c.text)).toEqual(["a", "abc"]);
    calls[1].resolve("html:abc");
    await s.idle();
    expect(applied).toEqual(["html:a", "html:abc"]);
    expect(applied[applied.length - 1]).toBe("html:abc");
  });

  it("applies a result when nothing newer was asked for", async () => {
    const { calls, render } = controlledRender();
    const applied: string[] = [];
    const s = new RenderScheduler(render, (r, text) => applied.push(`${r}<-${text}`), () => undefined);
    s.request("x");
    calls[0].resolve("X");
    await s.idle();
    expect(applied).toEqual(["X<-x"]);
    s.request("y");
    expect(calls).toHaveLength(2);
  });

  it("drops results after reset and reports errors of current requests", async () => {
    const errors: unknown[] = [];
    const applied: string[] = [];
    let fail = false;
    const pending: ((v: string) => void)[] = [];
    const s = new RenderScheduler(
      (t) => (fail ? Promise.reject({ kind: "io", message: t }) : new Promise<string>((r) => pending.push(r))),
      (r) => applied.push(r),
      (e) => errors.push(e),
    );
    s.request("old post");
    s.reset();
    pending[0]("OLD");
    await s.idle();
    expect(applied).toEqual([]);
    fail = true;
    s.request("bad");
    await s.idle();
    expect(errors).toEqual([{ kind: "io", message: "bad" }]);
  });

  it("sends the next post's text at once after a reset, without waiting for a stale render", async () => {
    const { calls, render } = controlledRender();
    const applied: string[] = [];
    const s = new RenderScheduler(render, (r) => applied.push(r), () => undefined);
    s.request("huge post");
    s.reset();
    s.request("next post");
    expect(calls.map((c) => c.text)).toEqual(["huge post", "next post"]);
    calls[1].resolve("html:next");
    await s.idle();
    expect(applied).toEqual(["html:next"]);
    // The stale render finishing later changes nothing and sends nothing more.
    calls[0].resolve("html:huge");
    await flush();
    expect(applied).toEqual(["html:next"]);
    expect(calls).toHaveLength(2);
  });
});
