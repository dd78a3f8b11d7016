// What a user does in the probe-enabled app, as the benchmarks need it: open a post, click into
// its text, type real key events, and read the probe's samples back.
import { Key } from "selenium-webdriver";
import { waitFor } from "./session.mjs";

export { Key };

/** Click a post's row and wait until it is open and its preview patched; returns the ms taken. */
export function openPost(session, rel) {
  return session.driver.executeAsyncScript(
    `const [rel, done] = arguments;
    const t0 = performance.now();
    if (window.__draftsmith.openPath() === rel) return done(0); // already open: no new render comes
    const row = document.querySelector('.post-row[data-path="' + CSS.escape(rel) + '"]');
    if (!row) return done(-1);
    row.click();
    const check = () => {
      const m = performance.getEntriesByName("ds-preview-patched");
      if (window.__draftsmith.openPath() === rel && m.length && m[m.length - 1].startTime > t0) done(performance.now() - t0);
      else setTimeout(check, 10);
    };
    check();`,
    rel,
  ).then((ms) => {
    if (ms < 0) throw new Error(`no row for ${rel} in the posts list`);
    return ms;
  });
}

/** The posts shown in the list (the rows the virtual list has rendered). */
export function visiblePosts(session) {
  return session.script("return [...document.querySelectorAll('.post-row')].map((r) => r.dataset.path);");
}

/** Click into a long line (prose, not front matter) wholly visible in the editor, at its end. */
export async function clickIntoProse(session) {
  const line = await session.script(`
    const scroller = document.querySelector("#editor .cm-scroller").getBoundingClientRect();
    const lines = [...document.querySelectorAll("#editor .cm-line")].filter((l) => {
      const r = l.getBoundingClientRect();
      return r.top >= scroller.top && r.bottom <= scroller.bottom && !/^\\x60{3}/.test(l.textContent) && l.textContent.length > 60;
    });
    return lines[Math.floor(lines.length / 2)] ?? null;`);
  if (!line) throw new Error("no line of prose visible in the editor");
  await session.driver.actions({ async: true }).move({ origin: line }).click().perform();
  await session.driver.actions({ async: true }).sendKeys(Key.END).perform();
}

/** Type `keys` (one key event pair each) with `pauseMs` between them, as a typist would. */
export async function typeKeys(session, keys, pauseMs) {
  let chain = session.driver.actions({ async: true });
  for (const key of keys) chain = chain.keyDown(key).keyUp(key).pause(pauseMs);
  await chain.perform();
}

/** Wait until the preview shows the editor's latest text and a frame has followed. */
export async function previewSettled(session, ms = 120000) {
  await waitFor(
    "the preview to catch up",
    () =>
      session.script(`
        const last = (n) => { const e = performance.getEntriesByName(n); return e.length ? e[e.length - 1].startTime : -1; };
        return last("ds-preview-patched") >= last("ds-doc-change");`),
    ms,
  );
  await session.driver.executeAsyncScript(
    "const done = arguments[0]; requestAnimationFrame(() => requestAnimationFrame(() => done()));",
  );
}

/** Wait until the open post's text is on disk (the status bar says so). */
export async function saved(session, ms = 60000) {
  await waitFor("the post to be saved", () => session.script(`return document.getElementById("status-save").textContent === "Saved";`), ms);
}

export function readProbe(session) {
  return session.script(`const p = window.__draftsmithPerf;
    return { preview: [...p.samples], frame: [...p.frameSamples], editor: [...p.editorSamples], filter: [...p.filterSamples] };`);
}

/** Empty the probe and the performance timeline (so neither grows during a memory measure). */
export function resetProbe(session) {
  return session.script("window.__draftsmithPerf.reset(); performance.clearMarks('ds-doc-change'); performance.clearMarks('ds-preview-patched');");
}
