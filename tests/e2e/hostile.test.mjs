// Every payload of the hostile corpus, rendered in the real app's preview (and the hostile
// fixture's front matter in the form and the list): none may call the sentinel or reach IPC.
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { By, copyFixture, openPost, screenshot, startApp, waitFor } from "./lib.mjs";

const corpus = path.resolve(import.meta.dirname, "../../src-tauri/core/tests/fixtures/hostile/payloads.txt");
const payloads = fs.readFileSync(corpus, "utf8").split(/\n%%%%\n/).map((p) => p.trim()).filter(Boolean);
const CHUNK = 25;

// Counts sentinel calls, and records every IPC command the page sends while payloads render.
const ARM = `
  window.__sentinelCalls = 0;
  window.__sentinel = () => { window.__sentinelCalls += 1; };
  window.__ipcSeen = [];
  const internals = window.__TAURI_INTERNALS__;
  if (!internals.__armed) {
    const invoke = internals.invoke.bind(internals);
    internals.invoke = (cmd, ...rest) => { window.__ipcSeen.push(cmd); return invoke(cmd, ...rest); };
    internals.__armed = true;
  }`;

describe("hostile corpus in the real webview", () => {
  let driver;

  before(async () => {
    driver = await startApp(copyFixture("hostile-workspace"));
    await openPost(driver, "first-post.md");
  });

  after(async () => {
    if (driver) await driver.quit();
  });

  it(`renders all ${payloads.length} payloads inert`, { timeout: 300_000 }, async () => {
    assert.ok(payloads.length >= 200, `corpus has ${payloads.length} payloads`);
    await driver.executeScript(ARM);
    for (let i = 0; i < payloads.length; i += CHUNK) {
      const marker = `chunk-marker-${i}`;
      const body = payloads.slice(i, i + CHUNK).join("\n\n");
      const text = `---\ntitle: "Payloads ${i}"\n---\n\n${marker}\n\n${body}\n\n${marker}-end\n`;
      await driver.executeScript("window.__draftsmith.setEditorText(arguments[0])", text);
      await waitFor(`chunk ${i} rendered`, async () =>
        driver.executeScript("return document.getElementById('preview').textContent.includes(arguments[0])", `${marker}-end`));
      // Give any timer- or load-triggered payload (onload, animations, meta refresh) time to fire.
      await new Promise((r) => setTimeout(r, 300));
    }
    // Clicking every link and button in the last chunk must not run anything either.
    for (const el of await driver.findElements(By.css("#preview a, #preview button"))) await el.click().catch(() => {});
    const result = await driver.executeScript(`
      const ipc = window.__ipcSeen.filter(c => !["render_preview", "parse_front_matter", "journal_write", "journal_clear", "save_post", "read_post", "plugin:event|listen", "plugin:event|unlisten"].includes(c));
      return { calls: window.__sentinelCalls, ipc, href: location.href };`);
    await screenshot(driver, "hostile-corpus");
    assert.equal(result.calls, 0, "the sentinel was never called");
    assert.deepEqual(result.ipc, [], "no payload reached IPC");
    assert.doesNotMatch(result.href, /^(javascript|data):/);
    // Undo the edits so autosave has nothing of this to write.
    await driver.executeScript("window.__draftsmith.setEditorText(arguments[0])", fs.readFileSync(path.join(process.env.E2E_FIXTURE, "first-post.md"), "utf8"));
  });

  it("stays on its page when the webview is told to load another (as its own menu's Open Link does)", { timeout: 60_000 }, async () => {
    for (const target of ["https://example.org/", "other-post.md", "file:///etc/hostname"]) {
      await driver.executeScript("location.href = arguments[0]", target).catch(() => {});
      await new Promise((r) => setTimeout(r, 1000));
      const here = await driver.executeScript("return [location.href, !!document.getElementById('preview')]");
      assert.match(here[0], /^(tauri:\/\/localhost|http:\/\/tauri\.localhost)\/?(index\.html)?$/, `after ${target}`);
      assert.equal(here[1], true, `the app's page is still there after ${target}`);
    }
  });

  it("shows hostile front matter as text in the form and the list", { timeout: 60_000 }, async () => {
    await driver.executeScript(ARM);
    await openPost(driver, "hostile.md");
    const title = await driver.findElement(By.css('#fm-form [name="title"]'));
    await waitFor("form filled", async () => /onerror/.test(await title.getAttribute("value")));
    const rowText = await driver.executeScript(
      "return document.querySelector('.post-row[data-path=\"hostile.md\"]').textContent");
    assert.match(rowText, /<img src=x onerror=/, "the list shows the title as text");
    const calls = await driver.executeScript("return window.__sentinelCalls + (window.__pwned ? 1 : 0)");
    assert.equal(calls, 0);
    const active = await driver.executeScript(
      "return document.querySelectorAll('#posts-list img, #posts-list script, #fm-form img, #fm-form script').length");
    assert.equal(active, 0, "no element was created from front-matter values");
  });
});
