// Crash recovery: text typed and not yet saved survives the app being killed (SIGKILL) and is
// offered back when the workspace opens again.
import { describe, it, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { By, Key, answerNextDialog, appPids, copyFixture, ctrl, editorText, openPost, screenshot, startApp, typeInto, waitFor } from "./lib.mjs";

describe("crash recovery", () => {
  const ws = copyFixture("recovery-workspace");
  const original = fs.readFileSync(path.join(ws, "second-post.md"), "utf8");
  let driver;

  after(async () => {
    if (driver) await driver.quit().catch(() => {});
  });

  it("offers back unsaved text after the app is killed", { timeout: 120_000 }, async () => {
    driver = await startApp(ws);
    await openPost(driver, "second-post.md");
    await typeInto(driver, await driver.findElement(By.css("#editor .cm-content")));
    await ctrl(driver, Key.END);
    await driver.actions({ async: true }).sendKeys(" Words that were never saved.").perform();
    await waitFor("typed", async () => /never saved/.test(await editorText(driver)));
    // Well within the autosave delay, but after the journal's half second.
    await new Promise((r) => setTimeout(r, 1000));
    for (const pid of appPids(ws)) process.kill(pid, "SIGKILL");
    await driver.quit().catch(() => {});
    assert.equal(fs.readFileSync(path.join(ws, "second-post.md"), "utf8"), original, "the kill came before any save");

    answerNextDialog("yes"); // "Restore them?"
    driver = await startApp(ws);
    await waitFor("recovered text in the editor", async () => {
      const open = await driver.executeScript("return window.__draftsmith.openPath()");
      return open === "second-post.md" && /Words that were never saved\./.test(await editorText(driver));
    }, 20000);
    await screenshot(driver, "recovered");
    await waitFor("recovered text autosaved", () => /never saved/.test(fs.readFileSync(path.join(ws, "second-post.md"), "utf8")), 15000);
  });
});
