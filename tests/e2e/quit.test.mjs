// Closing the window (Ctrl+Q goes the close button's way): typed text is saved first, and text
// that cannot be saved is asked about, with the window staying open unless the user lets it go.
import { describe, it, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import {
  By, Key, answerNextDialog, appPids, copyFixture, ctrl, dialogLog, editorText, openPost, screenshot, startApp, typeInto, waitFor,
} from "./lib.mjs";

const STEP = { timeout: 90_000 };

async function typeAtEnd(driver, words) {
  await typeInto(driver, await driver.findElement(By.css("#editor .cm-content")));
  await ctrl(driver, Key.END);
  await driver.actions({ async: true }).sendKeys(words).perform();
  await waitFor("typed", async () => (await editorText(driver)).includes(words));
}

describe("closing the window", () => {
  let driver;

  after(async () => {
    if (driver) await driver.quit().catch(() => {});
  });

  it("saves what was just typed, then closes", STEP, async () => {
    const ws = copyFixture("quit-saves");
    driver = await startApp(ws);
    await openPost(driver, "first-post.md");
    // Well inside the autosave delay: only the close can have saved it.
    await typeAtEnd(driver, " Typed just before quitting.");
    await ctrl(driver, "q");
    await waitFor("the app gone", () => appPids(ws).length === 0, 20000);
    await driver.quit().catch(() => {});
    driver = null;
    assert.match(fs.readFileSync(path.join(ws, "first-post.md"), "utf8"), /Typed just before quitting\.$/);
  });

  it("asks about text it cannot save, and stays open when told not to close", STEP, async () => {
    const ws = copyFixture("quit-asks");
    const post = path.join(ws, "first-post.md");
    driver = await startApp(ws);
    await openPost(driver, "first-post.md");
    await typeAtEnd(driver, " Words in a conflict.");
    const outside = fs.readFileSync(post, "utf8") + "\nWritten by another program.\n";
    fs.writeFileSync(post, outside);
    await waitFor("conflict bar", async () => driver.findElement(By.id("conflict-bar")).isDisplayed());

    const before = dialogLog().length;
    answerNextDialog("no");
    await ctrl(driver, "q");
    const asked = await waitFor("close confirm asked", () => dialogLog()[before]);
    assert.equal(asked.kind, "confirm");
    assert.match(asked.title, /Unsaved changes/);
    assert.match(asked.message, /first-post\.md/);
    // Told "no": the window and the unsaved words are still there.
    await new Promise((r) => setTimeout(r, 500));
    assert.ok(appPids(ws).length > 0, "the app still runs");
    assert.match(await editorText(driver), /Words in a conflict\./);
    await screenshot(driver, "close-refused");

    answerNextDialog("yes");
    await ctrl(driver, "q");
    await waitFor("the app gone", () => appPids(ws).length === 0, 20000);
    await driver.quit().catch(() => {});
    driver = null;
    assert.equal(fs.readFileSync(post, "utf8"), outside, "the other program's text is left as it was");
  });
});
