// On a machine with no GPU the app turns WebKit's compositing off itself (src-tauri/src/compositing.rs):
// its web process must be started with the variable, and the page must still paint.
import { describe, it, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import { appPids, copyFixture, openPost, screenshot, startApp, waitFor } from "./lib.mjs";

const VARIABLE = "WEBKIT_DISABLE_COMPOSITING_MODE";

/** The processes whose parent is `pid`, and theirs, from the parent links in /proc. */
function descendants(pid) {
  const children = [];
  for (const name of fs.readdirSync("/proc").filter((n) => /^\d+$/.test(n))) {
    try {
      const stat = fs.readFileSync(`/proc/${name}/stat`, "utf8");
      if (Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]) === pid) children.push(Number(name));
    } catch {
      // exited meanwhile
    }
  }
  return children.flatMap((child) => [child, ...descendants(child)]);
}

/** The environment a process was started with (not what it set later). */
function startEnvironment(pid) {
  return new Map(fs.readFileSync(`/proc/${pid}/environ`, "utf8").split("\0").filter(Boolean)
    .map((entry) => [entry.slice(0, entry.indexOf("=")), entry.slice(entry.indexOf("=") + 1)]));
}

describe("compositing", () => {
  let driver;

  after(async () => {
    if (driver) await driver.quit().catch(() => {});
  });

  it("is off in the web process when the machine has no GPU, and the page paints", { timeout: 90_000 }, async () => {
    assert.equal(process.env[VARIABLE], undefined, "the suite must leave the choice to the app");
    const hasGpu = fs.existsSync("/dev/dri") && fs.readdirSync("/dev/dri").some((n) => n.startsWith("renderD"));
    const ws = copyFixture("compositing");
    driver = await startApp(ws);
    await openPost(driver, "first-post.md");
    const [app] = appPids(ws);
    const web = await waitFor("the web process", () =>
      descendants(app).find((pid) => fs.readFileSync(`/proc/${pid}/comm`, "utf8").startsWith("WebKitWebProces")));
    assert.equal(startEnvironment(app).get(VARIABLE), undefined, "the app itself was started without it");
    assert.equal(startEnvironment(web).get(VARIABLE), hasGpu ? undefined : "1");
    await screenshot(driver, "compositing-off");
  });
});
