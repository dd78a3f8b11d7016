// Shared helpers for the end-to-end suite: a session on the real app, waits, screenshots.
import { Builder, Capabilities, By, Key, until } from "selenium-webdriver";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

export { By, Key, until };
export const env = {
  app: process.env.E2E_APP,
  work: process.env.E2E_WORK,
  out: process.env.E2E_OUT,
  fixture: process.env.E2E_FIXTURE,
  answers: process.env.DRAFTSMITH_DIALOG_ANSWERS,
  driverUrl: process.env.E2E_DRIVER_URL ?? "http://127.0.0.1:4444/",
};

/** A fresh copy of the fixture workspace under the run's work folder. */
export function copyFixture(name) {
  const dest = path.join(env.work, name);
  fs.cpSync(env.fixture, dest, { recursive: true });
  return dest;
}

/** Start the app on `workspace` (a folder given on the command line, as a user would). */
export async function startApp(workspace) {
  const caps = new Capabilities();
  caps.setBrowserName("wry");
  caps.set("tauri:options", { application: env.app, args: [workspace] });
  const driver = await new Builder().withCapabilities(caps).usingServer(env.driverUrl).build();
  await driver.manage().setTimeouts({ script: 20000 });
  return driver;
}

let shot = 0;
/** Save a screenshot as target/e2e/NN-name.png. */
export async function screenshot(driver, name) {
  // WebKit's snapshot waits for the next paint; an idle page may not paint for a minute under
  // Xvfb, so nudge one (a no-op style change) and wait for two frames first.
  await driver.executeAsyncScript(`
    const done = arguments[arguments.length - 1];
    document.documentElement.style.setProperty("--e2e-nudge", String(Math.random()));
    requestAnimationFrame(() => requestAnimationFrame(() => done()));`);
  // A snapshot of a window that has had no input for a while can stall for a minute in
  // WebKitWebDriver; pointer input over the search box (a click there changes nothing) wakes it.
  const search = await driver.findElement(By.id("search"));
  await driver.actions({ async: true }).move({ origin: search }).click().perform();
  shot += 1;
  const file = path.join(env.out, `${String(shot).padStart(2, "0")}-${name}.png`);
  fs.writeFileSync(file, await driver.takeScreenshot(), "base64");
  return file;
}

/** Poll `check` until it returns a truthy value (returned), or fail with `what` after `ms`. */
export async function waitFor(what, check, ms = 10000) {
  const start = Date.now();
  let last;
  for (;;) {
    try {
      last = await check();
      if (last) return last;
    } catch (e) {
      last = e;
    }
    if (Date.now() - start > ms) throw new Error(`timed out waiting for ${what} (last: ${last})`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export const editorText = (driver) => driver.executeScript("return window.__draftsmith.editorText()");
export const setEditorText = (driver, text) =>
  driver.executeScript("window.__draftsmith.setEditorText(arguments[0])", text);

/** Lines that differ between two texts of the same line count (null if the counts differ). */
export function changedLines(before, after) {
  const a = before.split("\n");
  const b = after.split("\n");
  if (a.length !== b.length) return null;
  return a.map((line, i) => [line, b[i]]).filter(([x, y]) => x !== y);
}

export async function openPost(driver, rel) {
  const row = await driver.wait(until.elementLocated(By.css(`.post-row[data-path="${rel}"]`)), 10000);
  await row.click();
  await waitFor(`${rel} open`, async () => (await driver.executeScript("return window.__draftsmith.openPath()")) === rel);
}

/** What the scripted dialogs were asked so far, oldest first: `{ kind, title, message }`. */
export const dialogLog = () =>
  fs.existsSync(`${env.answers}.log`)
    ? fs.readFileSync(`${env.answers}.log`, "utf8").trim().split("\n").filter(Boolean).map((l) => JSON.parse(l))
    : [];

/** The processes of the app started on `workspace` (none once it has exited). */
export function appPids(workspace) {
  try {
    return execFileSync("pgrep", ["-f", `draftsmith ${workspace}`]).toString().trim().split("\n").map(Number);
  } catch {
    return []; // pgrep exits 1 when nothing matches
  }
}

/** Give the next native dialog its answer (a path, `yes`/`no`, or "" to cancel). */
export function answerNextDialog(answer) {
  fs.appendFileSync(env.answers, `${answer}\n`);
}

/** Click `el` and type into whatever then has focus (WebKitWebDriver will not send keys to a
 * contenteditable element directly, as CodeMirror's is). */
export async function typeInto(driver, el, ...keys) {
  await driver.actions({ async: true }).move({ origin: el }).click().perform();
  await driver.actions({ async: true }).sendKeys(...keys).perform();
}

/** Press Ctrl+`key` in the focused element. */
export async function ctrl(driver, key) {
  await driver.actions({ async: true }).keyDown(Key.CONTROL).sendKeys(key).keyUp(Key.CONTROL).perform();
}
