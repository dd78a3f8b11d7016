// Hostile file and folder names and titles, through every place the app shows or uses them:
// the list, the editor and form, the native confirm (its text is logged by the scripted
// dialogs), the in-app rename prompt, toasts and both exports. Nothing may run, nothing may be
// written outside the chosen folder.
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { By, Key, answerNextDialog, copyFixture, dialogLog, env, screenshot, startApp, waitFor } from "./lib.mjs";

// Each payload sets `window.__pwned` if it ever runs (no sentinel needs arming first, so the
// list's very first render counts too) and calls the sentinel when one is armed.
const RUN = "window.__pwned=1,window.__sentinel&&__sentinel()";
const NAMES = [
  `<img src=x onerror=${RUN}>.md`,
  `"><svg onload=${RUN}>.md`,
  `' onmouseover='${RUN}' x='.md`,
  `javascript:${RUN}.md`,
  "%n%s%x%p%d.md",
  "line\nbreak <b>bold.md",
  "\u202Egnp.exe.md",
];
const FOLDER = `<iframe srcdoc=x onload=${RUN}>`;
const NUL_TITLE = "nul-title.md";
const FORMAT = "%n%s%x%p%d.md";
const STEP = { timeout: 60_000 };

/** Every file under `dir`, as paths relative to it. */
function walk(dir, prefix = "") {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(path.join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`]);
}

describe("hostile file names", () => {
  let driver;
  let workspace;

  // The list is virtual and re-renders rows whenever the folder changes, so every lookup is
  // one script (find, scroll into view, return) and every use retries on a stale row.
  const revealRow = (rel) =>
    waitFor(`row ${JSON.stringify(rel)}`, () => driver.executeScript(`
      const row = [...document.querySelectorAll('.post-row')].find(r => r.dataset.path === arguments[0]);
      row?.scrollIntoView({ block: "center" });
      return row ?? null;`, rel));
  const clickRow = (rel) =>
    waitFor(`click on ${JSON.stringify(rel)}`, async () => {
      await (await revealRow(rel)).click();
      return true;
    });
  // WebKitWebDriver's context click fires no `contextmenu` event, so send the one a right
  // click would, at the row's centre (in one script: the virtual list may re-render rows at
  // any time); the menu item is then clicked for real.
  const rowMenu = async (rel, action) => {
    await waitFor(`menu for ${JSON.stringify(rel)}`, () => driver.executeScript(`
      const row = [...document.querySelectorAll('.post-row')].find(r => r.dataset.path === arguments[0]);
      if (!row) return false;
      row.scrollIntoView({ block: "center" });
      const r = row.getBoundingClientRect();
      row.dispatchEvent(new MouseEvent("contextmenu", {
        bubbles: true, cancelable: true, button: 2, clientX: r.left + r.width / 2, clientY: r.top + r.height / 2 }));
      return !document.getElementById("context-menu").hidden;`, rel));
    await driver.findElement(By.css(`#context-menu [data-action="${action}"]`)).click();
  };
  const injected = () =>
    driver.executeScript(`return {
      pwned: window.__pwned ?? 0,
      sentinel: window.__sentinelCalls ?? 0,
      elements: document.querySelectorAll(
        '#posts-list img, #posts-list svg, #posts-list iframe, #posts-list b, #fm-form img, #fm-form svg, #toasts img, #toasts svg, #toasts iframe, #toasts b, dialog img, dialog svg').length,
      href: location.href,
    }`);
  const assertInert = async (where) => {
    const seen = await injected();
    assert.equal(seen.pwned, 0, `${where}: no payload ran`);
    assert.equal(seen.sentinel, 0, `${where}: the sentinel was never called`);
    assert.equal(seen.elements, 0, `${where}: no element was made from a name`);
    assert.doesNotMatch(seen.href, /^(javascript|data):/, where);
  };

  before(async () => {
    workspace = copyFixture("names-workspace");
    for (const name of NAMES) fs.writeFileSync(path.join(workspace, name), `Body of a post named ${JSON.stringify(name)}.\n`);
    fs.mkdirSync(path.join(workspace, FOLDER));
    fs.writeFileSync(path.join(workspace, FOLDER, "inner.md"), "---\ntitle: Inside a hostile folder\n---\n\nText.\n");
    fs.writeFileSync(path.join(workspace, NUL_TITLE),
      `---\ntitle: "nul\\0 and %n <script>${RUN}</script>"\n---\n\nA title with a NUL escape.\n`);
    driver = await startApp(workspace);
    await driver.executeScript("window.__sentinelCalls = 0; window.__sentinel = () => { window.__sentinelCalls += 1; };");
  });

  after(async () => {
    if (driver) await driver.quit();
  });

  it("lists every hostile name as text", STEP, async () => {
    // Posts without front matter are titled by their file name: the row must show it verbatim.
    for (const name of NAMES) {
      await revealRow(name);
      const text = await driver.executeScript(
        "return [...document.querySelectorAll('.post-row')].find(r => r.dataset.path === arguments[0])?.textContent ?? ''", name);
      // Direction overrides are written out, so "\u202Egnp.exe" cannot pose as "exe.png".
      const shown = name.replace(/\.md$/, "").replace("\u202E", "⟨U+202E⟩");
      assert.ok(text.includes(shown), `row shows ${JSON.stringify(shown)}: ${JSON.stringify(text)}`);
      assert.doesNotMatch(text, /\u202E/);
    }
    await revealRow(`${FOLDER}/inner.md`);
    const shown = await driver.executeScript("return document.getElementById('posts-list').textContent");
    assert.match(shown, /<img src=x onerror=/, "the list shows the name's markup as text");
    await screenshot(driver, "hostile-names-list");
    await assertInert("list");
  });

  it("opens each hostile-named post in the editor, form and preview", STEP, async () => {
    for (const name of [...NAMES, `${FOLDER}/inner.md`]) {
      await clickRow(name);
      await waitFor(`${JSON.stringify(name)} open`, async () =>
        (await driver.executeScript("return window.__draftsmith.openPath()")) === name);
      await waitFor("preview shown", () =>
        driver.executeScript("return document.getElementById('preview').textContent.length > 0"));
    }
    await assertInert("editor");
  });

  it("gives the native confirm the name as plain text, never as a format or markup", STEP, async () => {
    const before = dialogLog().length;
    answerNextDialog("no");
    await rowMenu(FORMAT, "delete");
    const asked = await waitFor("confirm asked", () => dialogLog()[before]);
    assert.equal(asked.kind, "confirm");
    assert.ok(asked.message.includes(FORMAT.replaceAll("%", "%%")), `every % doubled: ${asked.message}`);
    assert.ok(fs.existsSync(path.join(workspace, FORMAT)), "answering no kept the file");

    answerNextDialog("yes");
    await rowMenu(NUL_TITLE, "delete");
    const second = await waitFor("second confirm asked", () => dialogLog()[before + 1]);
    assert.ok(!/[\0-\x08\x0b-\x1f]/.test(second.message + second.title), `no control characters: ${JSON.stringify(second)}`);
    assert.ok(second.message.includes("<script>"), "the title's markup is shown as text");
    await waitFor("moved to the trash", () => !fs.existsSync(path.join(workspace, NUL_TITLE)));
    await assertInert("confirm");
  });

  it("renames a post to a hostile title through the in-app prompt", STEP, async () => {
    const name = NAMES[0];
    await rowMenu(name, "rename");
    const input = await driver.findElement(By.id("rename-title"));
    await waitFor("rename prompt open", () => input.isDisplayed());
    // (A Ctrl+A chord would leave Ctrl held in WebKitWebDriver and turn the typing into shortcuts.)
    await input.clear();
    await input.sendKeys(`<svg onload=${RUN}> ../../escape`, Key.ENTER);
    await waitFor("renamed on disk", () => !fs.existsSync(path.join(workspace, name)));
    const files = walk(workspace);
    assert.ok(files.every((f) => !f.includes("..")), `no file escaped: ${files}`);
    assert.equal(fs.readdirSync(path.dirname(workspace)).filter((f) => f.includes("escape")).length, 0);
    await screenshot(driver, "hostile-names-renamed");
    await assertInert("rename");
  });

  it("exports hostile names inside the chosen folder only, escaped in the pages", STEP, async () => {
    const out = path.join(env.work, "names-site");
    answerNextDialog(out);
    await driver.findElement(By.id("btn-export-site")).click();
    await waitFor("site exported", () => fs.existsSync(path.join(out, "index.html")), 30_000);
    const outside = fs.readdirSync(env.work);
    for (const file of walk(out)) {
      const real = fs.realpathSync(path.join(out, file));
      assert.ok(real.startsWith(`${fs.realpathSync(out)}${path.sep}`), `${file} is inside the export folder`);
    }
    const index = fs.readFileSync(path.join(out, "index.html"), "utf8");
    assert.doesNotMatch(index, /<(img|svg|iframe|script)\b/i, "no name became markup in the index");
    assert.deepEqual(fs.readdirSync(env.work), outside, "nothing was written beside the export folder");

    const dest = path.join(env.work, "names-post.html");
    const before = dialogLog().length;
    answerNextDialog(dest);
    await clickRow(NAMES[1]);
    await waitFor("hostile post open", async () =>
      (await driver.executeScript("return window.__draftsmith.openPath()")) === NAMES[1]);
    await driver.findElement(By.id("btn-export")).click();
    await waitFor("post exported", () => fs.existsSync(dest));
    const asked = dialogLog()[before];
    assert.equal(asked.kind, "save_file");
    assert.ok(!asked.message.includes("/"), `the suggested file name has no folder part: ${asked.message}`);
    assert.doesNotMatch(fs.readFileSync(dest, "utf8"), /<svg/i);
    await screenshot(driver, "hostile-names-exported");
    await assertInert("export");
  });
});
