// The app as a user meets it: open a workspace, write, use the form, flip drafts, save, live
// reload, conflicts, export, and a hostile post that must stay inert.
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import {
  By, Key, answerNextDialog, changedLines, copyFixture, ctrl, editorText, env, openPost, screenshot,
  startApp, typeInto, waitFor,
} from "./lib.mjs";

// One step that hangs must fail alone, not stall the run.
const STEP = { timeout: 60_000 };

const POSTS = ["first-post.md", "second-post.md", "a-draft.md", "broken.md", "bundle/index.md", "hostile.md"];

describe("Draftsmith end to end", () => {
  let driver;
  let ws;
  const read = (rel) => fs.readFileSync(path.join(ws, rel), "utf8");

  before(async () => {
    ws = copyFixture("workspace");
    driver = await startApp(ws);
  });

  after(async () => {
    if (driver) await driver.quit();
  });

  it("lists every post of the workspace, broken ones with their problem", STEP, async () => {
    const rows = await waitFor("all posts listed", async () => {
      const found = await driver.findElements(By.css(".post-row"));
      return found.length === POSTS.length ? found : null;
    });
    const paths = await Promise.all(rows.map((r) => r.getAttribute("data-path")));
    assert.deepEqual([...paths].sort(), [...POSTS].sort());
    const broken = await driver.findElement(By.css('.post-row[data-path="broken.md"]'));
    assert.match(await broken.getText(), /front matter: invalid YAML/);
    // Created hidden, the window is shown by its page (run.sh turns the app's own fallback off).
    await waitFor("the window shown", () => driver.executeScript("return document.visibilityState === 'visible'"), 5000);
    await screenshot(driver, "workspace");
  });

  it("filters the list as you type in the search box, and lists every post again when cleared", STEP, async () => {
    const search = await driver.findElement(By.id("search"));
    const shown = async () =>
      (await Promise.all((await driver.findElements(By.css(".post-row"))).map((r) => r.getAttribute("data-path")))).sort();
    const showsOnly = (what, paths) =>
      waitFor(what, async () => JSON.stringify(await shown()) === JSON.stringify(paths));
    await typeInto(driver, search, "seco");
    await showsOnly("the post whose title matches", ["second-post.md"]);
    await screenshot(driver, "search");
    // Backspace widens the search again; a tag with its # finds the posts that carry it.
    await driver.actions({ async: true }).sendKeys(...Array(4).fill(Key.BACK_SPACE)).perform();
    await showsOnly("every post again", [...POSTS].sort());
    await driver.actions({ async: true }).sendKeys("#gam").perform();
    await showsOnly("the post tagged gamma", ["a-draft.md"]);
    await driver.actions({ async: true }).sendKeys(...Array(4).fill(Key.BACK_SPACE)).perform();
    await showsOnly("every post after clearing", [...POSTS].sort());
  });

  it("opens a post and shows its preview", STEP, async () => {
    await openPost(driver, "first-post.md");
    assert.match(await editorText(driver), /title: "First Post"/);
    const preview = await driver.findElement(By.id("preview"));
    await waitFor("preview rendered", async () => /A heading/.test(await preview.getText()));
    // The Markdown language loads after start-up, as a chunk of its own: the heading gets marked up.
    await waitFor("editor highlighted", () =>
      driver.executeScript(`return [...document.querySelectorAll("#editor .cm-line span")].some((s) => s.textContent.trim() === "A heading");`));
    await screenshot(driver, "post-open");
  });

  it("updates the preview while typing", STEP, async () => {
    const content = await driver.findElement(By.css("#editor .cm-content"));
    await typeInto(driver, content);
    await ctrl(driver, Key.END);
    await driver.actions({ async: true }).sendKeys(Key.ENTER, Key.ENTER, "Typed by the end-to-end suite.").perform();
    const preview = await driver.findElement(By.id("preview"));
    await waitFor("typed text in the preview", async () => /Typed by the end-to-end suite\./.test(await preview.getText()));
    await screenshot(driver, "typed");
  });

  it("turns a title edit in the form into a one-line change of the text", STEP, async () => {
    const before = await editorText(driver);
    const title = await driver.findElement(By.css('#fm-form [name="title"]'));
    await typeInto(driver, title);
    await ctrl(driver, "a");
    await driver.actions({ async: true }).sendKeys("Renamed From The Form", Key.TAB).perform();
    const after = await waitFor("title changed in the text", async () => {
      const t = await editorText(driver);
      return /Renamed From The Form/.test(t) ? t : null;
    });
    const changed = changedLines(before, after);
    assert.equal(changed?.length, 1, `exactly one line changes: ${JSON.stringify(changed)}`);
    assert.match(changed[0][1], /^title: "Renamed From The Form"$/);
    await screenshot(driver, "form-title");
  });

  it("saves with Ctrl+S", STEP, async () => {
    await typeInto(driver, await driver.findElement(By.css("#editor .cm-content")));
    await ctrl(driver, "s");
    await waitFor("saved on disk", () => /Renamed From The Form/.test(read("first-post.md")) && /Typed by the end-to-end suite/.test(read("first-post.md")));
    const status = await driver.findElement(By.id("status-save"));
    await waitFor("status says saved", async () => /saved/i.test(await status.getText()));
    await screenshot(driver, "saved");
  });

  it("toggles a draft from the list, changing exactly one line on disk", STEP, async () => {
    const before = read("second-post.md");
    const toggle = await driver.findElement(By.css('.post-row[data-path="second-post.md"] .draft-toggle'));
    await toggle.click();
    const after = await waitFor("draft flag written", () => (read("second-post.md") !== before ? read("second-post.md") : null));
    const changed = changedLines(before, after);
    assert.equal(changed?.length, 1, JSON.stringify(changed));
    assert.equal(changed[0][1], "draft: true # published last week");
    await waitFor("draft badge shown", async () =>
      (await driver.findElements(By.css('.post-row[data-path="second-post.md"] .draft-badge'))).length === 1);
    await screenshot(driver, "draft-toggled");
  });

  it("reloads the open post when it changes on disk and has no unsaved edits", STEP, async () => {
    const text = read("first-post.md").replace("The first paragraph", "An outside edit of the first paragraph");
    fs.writeFileSync(path.join(ws, "first-post.md"), text);
    await waitFor("editor reloaded", async () => /An outside edit/.test(await editorText(driver)));
    await screenshot(driver, "reloaded");
  });

  it("shows the conflict bar when the open post changes on disk while edited", STEP, async () => {
    await typeInto(driver, await driver.findElement(By.css("#editor .cm-content")));
    await ctrl(driver, Key.END);
    await driver.actions({ async: true }).sendKeys(" Unsaved words.").perform();
    fs.writeFileSync(path.join(ws, "first-post.md"), read("first-post.md") + "\nWritten by another program.\n");
    const bar = await waitFor("conflict bar", async () => {
      const b = await driver.findElement(By.id("conflict-bar"));
      return (await b.isDisplayed()) ? b : null;
    });
    assert.match(await bar.getText(), /keep mine/i);
    assert.match(await editorText(driver), /Unsaved words\./, "our words are still in the editor");
    await screenshot(driver, "conflict");
    await bar.findElement(By.css('[data-action="keep-mine"]')).click();
    await waitFor("our version saved", () => /Unsaved words\./.test(read("first-post.md")));
  });

  it("shows a page bundle's local image in the preview", STEP, async () => {
    await openPost(driver, "bundle/index.md");
    const loaded = await waitFor("image loaded", async () => driver.executeScript(`
      const img = document.querySelector('#preview img');
      return img && img.complete && img.naturalWidth > 0 ? img.getAttribute('src') : null;`), 30_000);
    assert.match(loaded, /^asset:\/\/localhost\//);
    await screenshot(driver, "bundle-image");
    // A picture above the post's folder, in a folder whose name needs encoding.
    fs.mkdirSync(path.join(ws, "other notes"), { recursive: true });
    fs.writeFileSync(path.join(ws, "other notes", "above.md"), "---\ntitle: Above\n---\n\n![from above](../bundle/pic.png)\n");
    await openPost(driver, "other notes/above.md");
    await waitFor("image from above loaded", async () => driver.executeScript(`
      const img = document.querySelector('#preview img[alt="from above"]');
      return img && img.complete && img.naturalWidth > 0;`), 30_000);
    // A picture on the web (https) is fetched like the exported page's (this machine has no
    // network: it fails to load, but the policy lets it be asked for).
    await driver.executeScript(`window.__blocked = [];
      document.addEventListener("securitypolicyviolation", (e) => window.__blocked.push(e.blockedURI));`);
    fs.writeFileSync(path.join(ws, "other notes", "web.md"), "---\ntitle: Web\n---\n\n![from the web](https://pictures.invalid/cover.png)\n\n![on the network](http://192.168.1.1/cover.png)\n");
    await openPost(driver, "other notes/web.md");
    await waitFor("web image asked for", async () => driver.executeScript(`
      const img = document.querySelector('#preview img[alt="from the web"]');
      return img && img.complete;`), 30_000);
    await new Promise((r) => setTimeout(r, 500));
    // Plain http is refused (a post must not reach devices on the local network).
    const blocked = await driver.executeScript("return window.__blocked");
    assert.ok(blocked.length > 0 && blocked.every((uri) => uri.startsWith("http://192.168.1.1/")), JSON.stringify(blocked));
    await openPost(driver, "first-post.md");
  });

  it("shows a post's kept preview again at once, with what changed on disk meanwhile", STEP, async () => {
    const previewBlocks = () =>
      driver.executeScript(`return [...document.querySelectorAll("#preview .ds-block")].map((b) => [b.textContent.trim(), b.dataset.e2eMark ?? "new"]);`);
    await openPost(driver, "second-post.md");
    await waitFor("second post previewed", async () => (await previewBlocks()).some(([text]) => text === "Second post body."));
    // Marked: a kept preview comes back with these very elements.
    await driver.executeScript(`document.querySelectorAll("#preview .ds-block").forEach((b) => (b.dataset.e2eMark = "kept"));`);
    await openPost(driver, "first-post.md");
    await waitFor("first post previewed", async () => (await previewBlocks()).some(([text]) => /first paragraph/.test(text)));
    fs.writeFileSync(path.join(ws, "second-post.md"), read("second-post.md") + "\nAdded while the post was away.\n");
    await openPost(driver, "second-post.md");
    await waitFor("the change in the kept preview", async () => (await previewBlocks()).some(([text]) => text === "Added while the post was away."));
    assert.deepEqual(await previewBlocks(), [["Second post body.", "kept"], ["Added while the post was away.", "new"]]);
    await screenshot(driver, "kept-preview");
    await openPost(driver, "first-post.md");
  });

  it("exports the open post to an HTML file", STEP, async () => {
    const dest = path.join(env.work, "exported", "first-post.html");
    fs.mkdirSync(path.dirname(dest), { recursive: true });
    answerNextDialog(dest);
    await driver.findElement(By.id("btn-export")).click();
    await waitFor("export written", () => fs.existsSync(dest));
    const html = fs.readFileSync(dest, "utf8");
    assert.match(html, /<!DOCTYPE html>/i);
    assert.match(html, /<title>Renamed From The Form<\/title>/);
    await screenshot(driver, "exported");
  });

  it("keeps a CRLF post's line breaks through typing, the form and a save", STEP, async () => {
    const original = "---\r\ntitle: Written On Windows\r\ndraft: false\r\n---\r\n\r\nA paragraph.\r\n";
    fs.writeFileSync(path.join(ws, "windows.md"), original);
    await openPost(driver, "windows.md");
    await typeInto(driver, await driver.findElement(By.css("#editor .cm-content")));
    await ctrl(driver, Key.END);
    await driver.actions({ async: true }).sendKeys("Typed here.", Key.ENTER).perform();
    const title = await driver.findElement(By.css('#fm-form [name="title"]'));
    await typeInto(driver, title);
    await ctrl(driver, "a");
    await driver.actions({ async: true }).sendKeys("Still Windows", Key.TAB).perform();
    await waitFor("title in the text", async () => /Still Windows/.test(await editorText(driver)));
    await typeInto(driver, await driver.findElement(By.css("#editor .cm-content")));
    await ctrl(driver, "s");
    const saved = await waitFor("saved on disk", () => (/Still Windows/.test(read("windows.md")) ? read("windows.md") : null));
    assert.equal(saved.replace(/\r\n/g, "").includes("\n"), false, `only CRLF line breaks: ${JSON.stringify(saved)}`);
    const expected = original.replace(/^title: .*$/m, (line) => saved.match(/^title: .*$/m)[0]) + "Typed here.\r\n";
    assert.equal(saved, expected);
  });

  it("renders a hostile post inert", STEP, async () => {
    await driver.executeScript("window.__pwned = undefined");
    await openPost(driver, "hostile.md");
    const preview = await driver.findElement(By.id("preview"));
    await waitFor("hostile preview rendered", async () => /hover me/.test(await preview.getText()));
    // Try the clickable payloads too.
    for (const id of ["js-link", "hostile-button"]) {
      const found = await driver.findElements(By.css(`#preview #${id}, #preview [id$="${id}"]`));
      for (const el of found) await el.click().catch(() => {});
    }
    const links = await driver.findElements(By.css("#preview a"));
    for (const a of links) await a.click().catch(() => {});
    await new Promise((r) => setTimeout(r, 500));
    const report = await driver.executeScript(`
      const p = document.getElementById('preview');
      const handlers = [...p.querySelectorAll('*')].flatMap(el => [...el.attributes].filter(a => /^on/i.test(a.name)).map(a => a.name));
      return {
        pwned: window.__pwned ?? null,
        scripts: p.querySelectorAll('script, iframe, object, embed, form, meta').length,
        handlers,
        jsLinks: [...p.querySelectorAll('[href],[src],[action]')].map(e => e.getAttribute('href') || e.getAttribute('src') || e.getAttribute('action')).filter(u => /^\\s*(javascript|vbscript|data:text)/i.test(u)),
        stillHere: location.href,
      };`);
    await screenshot(driver, "hostile");
    assert.equal(report.pwned, null, "no payload ran");
    assert.equal(report.scripts, 0, "no active elements in the preview");
    assert.deepEqual(report.handlers, []);
    assert.deepEqual(report.jsLinks, []);
    assert.doesNotMatch(report.stillHere, /^javascript|^data/);
  });

  it("keeps a long post's editor and preview inside their panes, each scrolling on its own", STEP, async () => {
    // The editor and the preview are sized by their panes alone (styles.css: relayout
    // boundaries), so a long post must neither stretch them nor the window.
    const sections = Array.from({ length: 120 }, (_, i) =>
      `## Section ${i + 1}\n\nA paragraph of section ${i + 1}, long enough to wrap in the preview pane at its usual width.\n`);
    fs.writeFileSync(path.join(ws, "long-post.md"), `---\ntitle: Long\n---\n\n${sections.join("\n")}`);
    await openPost(driver, "long-post.md");
    const preview = await driver.findElement(By.id("preview"));
    await waitFor("long preview rendered", async () => /Section 120/.test(await preview.getText()));
    const geometry = () => driver.executeScript(`
      const box = (q) => { const r = document.querySelector(q).getBoundingClientRect(); return { top: r.top, bottom: r.bottom, height: r.height }; };
      const scroller = document.querySelector("#editor .cm-scroller");
      const preview = document.getElementById("preview");
      return {
        page: { scroll: document.scrollingElement.scrollHeight, window: innerHeight },
        area: box(".editor-area"), editor: box("#editor"), previewPane: box(".pane-preview"), preview: box("#preview"),
        editorScrolls: scroller.scrollHeight > scroller.clientHeight + 100,
        previewScrolls: preview.scrollHeight > preview.clientHeight + 100,
        previewTop: preview.scrollTop,
      };`);
    const before = await geometry();
    assert.ok(before.page.scroll <= before.page.window + 1, `the window does not scroll: ${JSON.stringify(before.page)}`);
    assert.ok(before.editor.height > 100 && Math.abs(before.editor.bottom - before.area.bottom) <= 1, `editor fills its area: ${JSON.stringify(before)}`);
    assert.ok(before.preview.height > 100 && Math.abs(before.preview.bottom - before.previewPane.bottom) <= 1, `preview fills its pane: ${JSON.stringify(before)}`);
    assert.ok(before.editorScrolls && before.previewScrolls, `both scroll their own content: ${JSON.stringify(before)}`);
    // The preview follows the editor to the end of the post.
    await typeInto(driver, await driver.findElement(By.css("#editor .cm-content")));
    await ctrl(driver, Key.END);
    await waitFor("the preview scrolled along", async () => (await geometry()).previewTop > 0);
    await screenshot(driver, "long-post");
    // Back up to the middle: the preview shows the section the editor shows, though the
    // chunks in between were never laid out (their heights were estimates until now).
    const topSections = () => driver.executeScript(`
      const first = (pane, sel) => {
        const top = pane.getBoundingClientRect().top;
        const el = [...pane.querySelectorAll(sel)].find((e) => e.getBoundingClientRect().bottom > top + 1 && /Section \\d+/.test(e.textContent));
        return el ? Number(/Section (\\d+)/.exec(el.textContent)[1]) : null;
      };
      return { editor: first(document.querySelector("#editor .cm-scroller"), ".cm-line"), preview: first(document.getElementById("preview"), "h2, p") };`);
    await driver.executeScript(`const s = document.querySelector("#editor .cm-scroller"); s.scrollTop = s.scrollHeight * 0.45;`);
    const middle = await waitFor("the preview to follow to the middle", async () => {
      const at = await topSections();
      return at.editor !== null && at.editor < 100 && at.preview !== null && Math.abs(at.preview - at.editor) <= 1 && at;
    });
    assert.ok(middle.editor > 20, `the editor is in the middle: ${JSON.stringify(middle)}`);
    await screenshot(driver, "long-post-middle");
    // A chunk above the view that changes height (as an estimated one does when first laid
    // out) leaves what is shown in place: WebKitGTK has no scroll anchoring of its own.
    const anchored = await driver.executeAsyncScript(`
      const done = arguments[arguments.length - 1];
      const preview = document.getElementById("preview");
      const top = () => preview.getBoundingClientRect().top;
      const shown = [...preview.querySelectorAll(".ds-block")].find((b) => b.getBoundingClientRect().bottom > top() + 1);
      const above = shown.parentElement.previousElementSibling;
      if (!above) return done({ error: "no chunk above the view" });
      const before = shown.getBoundingClientRect().top - top();
      above.style.setProperty("contain-intrinsic-size", Math.round(above.getBoundingClientRect().height + 3000) + "px");
      above.style.setProperty("content-visibility", "hidden"); // sized by the new estimate alone
      requestAnimationFrame(() => requestAnimationFrame(() => done({ moved: shown.getBoundingClientRect().top - top() - before })));`);
    // (within the pixel the scroll position is rounded to; unanchored it moves 3,000)
    assert.ok(Math.abs(anchored.moved) < 2, `the shown block stays where it was: ${JSON.stringify(anchored)}`);
  });

  it("publishes a post from Jekyll's _drafts folder by moving it into _posts, from the form's switch", STEP, async () => {
    fs.mkdirSync(path.join(ws, "_drafts"));
    fs.writeFileSync(path.join(ws, "_drafts/idea.md"), "---\ntitle: An Idea\ndate: 2025-09-16\n---\n\nWaiting in the drafts folder.\n");
    await waitFor("the draft listed", async () =>
      (await driver.findElements(By.css('.post-row[data-path="_drafts/idea.md"] .draft-badge'))).length === 1);
    await openPost(driver, "_drafts/idea.md");
    const draftSwitch = await driver.findElement(By.css('#fm-form [name="draft"]'));
    await waitFor("the switch shows a draft", () => draftSwitch.isSelected());
    await screenshot(driver, "jekyll-draft");
    await driver.executeScript("arguments[0].click()", draftSwitch);
    const moved = "_posts/2025-09-16-idea.md";
    await waitFor("moved into _posts", () => fs.existsSync(path.join(ws, moved)) && !fs.existsSync(path.join(ws, "_drafts/idea.md")));
    await waitFor("listed as published, and open at its new place", async () =>
      (await driver.executeScript("return window.__draftsmith.openPath()")) === moved &&
      (await driver.findElements(By.css(`.post-row[data-path="${moved}"].active`))).length === 1 &&
      (await driver.findElements(By.css(`.post-row[data-path="${moved}"] .draft-badge`))).length === 0);
    assert.match(await editorText(driver), /Waiting in the drafts folder/);
    await waitFor("the switch shows it published", async () => !(await draftSwitch.isSelected()));
    assert.equal((await driver.findElements(By.css('.post-row[data-path="_drafts/idea.md"]'))).length, 0);
    await screenshot(driver, "jekyll-published");
  });

  it("opens another folder's post of the same name with its own text, preview and undo history", STEP, async () => {
    // first-post.md has an editor state (with undo history) and a kept preview in this folder.
    await openPost(driver, "first-post.md");
    await waitFor("first post previewed", async () => /first paragraph/.test(await driver.findElement(By.id("preview")).getText()));
    await openPost(driver, "second-post.md");
    const other = copyFixture("other-folder");
    const otherText = "---\ntitle: Another Folder's Post\n---\n\nOnly in the other folder.\n";
    fs.writeFileSync(path.join(other, "first-post.md"), otherText);
    answerNextDialog(other);
    await driver.findElement(By.id("btn-open")).click();
    await waitFor("the other folder shown", async () =>
      (await driver.executeScript("return document.getElementById('workspace-root').textContent")).includes("other-folder"));
    await openPost(driver, "first-post.md");
    const preview = await driver.findElement(By.id("preview"));
    assert.doesNotMatch(await preview.getText(), /first paragraph/, "no preview kept from the other folder");
    assert.equal(await editorText(driver), otherText);
    await waitFor("its own preview", async () => /Only in the other folder/.test(await preview.getText()));
    // Nothing to undo: the first folder's history of this path did not come along.
    await typeInto(driver, await driver.findElement(By.css("#editor .cm-content")));
    await ctrl(driver, "z");
    assert.equal(await editorText(driver), otherText);
    await screenshot(driver, "other-folder");
    assert.equal(fs.readFileSync(path.join(other, "first-post.md"), "utf8"), otherText);
  });
});
