// The in-app measures of `make bench`, run by bench/app_bench.py (which builds the windows,
// writes the workspaces and starts Xvfb and tauri-driver). Writes raw samples as JSON to
// BENCH_OUT; the report takes medians and percentiles.
//
// Scenarios (BENCH_SCENARIOS, comma-separated; all by default):
//   startup  launch → ready of the app and the bare window, each launched directly; resident
//            memory of each through WebDriver (the app with its 100 KB post opened)
//   typing   keystroke → editor updated / preview patched on 100 KB, 1 MB and 5 MB posts
//   leak     resident memory before and after 1,000 edit/preview cycles and 100 post switches
//   scale    a 50,000-post workspace: launch → posts listed, and filtering as you type
import fs from "node:fs";
import { Session, directStartupMs, sleep } from "./session.mjs";
import { Key, clickIntoProse, openPost, previewSettled, readProbe, resetProbe, saved, typeKeys, visiblePosts } from "./app-actions.mjs";

const env = (name) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};
const APP = env("BENCH_APP");
const BARE = env("BENCH_BARE");
const WORKSPACE = env("BENCH_WORKSPACE");
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
// More launches for start-up than for the other measures: the machine is shared and noisy.
const STARTUP_RUNS = Number(process.env.BENCH_STARTUP_RUNS ?? 11);
const SETTLE_MS = 3000; // let start-up work and lazy loads finish before reading memory
const LEAK_READINGS = 5;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const POST_100K = "posts/long-100k.md";
// post and number of keys typed: fewer on the 5 MB post, where each preview takes ~0.5 s
const TYPING_POSTS = { "100k": [POST_100K, 80], "1m": ["posts/long-1m.md", 80], "5m": ["posts/long-5m.md", 40] };
const TYPED = "and then some words ".repeat(4).split("");

const log = (...a) => console.error("bench/app:", ...a);

async function startup() {
  // ms: each window launched directly, as a user launches it, with no automation session
  // starting while it loads. driverMs: launched through WebDriver, as before round seven.
  const result = { bare: { ms: [], driverMs: [], rssKiB: [] }, app: { ms: [], driverMs: [], rssKiB: [] } };
  // one launch of each first, unrecorded: the first read of each binary and its libraries from disk
  for (let run = -1; run < STARTUP_RUNS; run++) {
    const bareMs = await directStartupMs(BARE);
    const appMs = await directStartupMs(APP, [WORKSPACE]);

    const bare = await Session.launch(BARE);
    await sleep(SETTLE_MS);
    const bareRss = bare.rssKiB();
    await bare.quit();

    const app = await Session.launch(APP, [WORKSPACE]);
    await openPost(app, POST_100K);
    await sleep(SETTLE_MS);
    const appRss = app.rssKiB();
    await app.quit();
    if (run < 0) continue;
    result.bare.ms.push(bareMs);
    result.bare.driverMs.push(bare.startupMs);
    result.bare.rssKiB.push(bareRss);
    result.app.ms.push(appMs);
    result.app.driverMs.push(app.startupMs);
    result.app.rssKiB.push(appRss);
    log(`start-up run ${run + 1}: bare ${bareMs} ms (WebDriver ${bare.startupMs}) ${bareRss} KiB, app ${appMs} ms (WebDriver ${app.startupMs}) ${appRss} KiB`);
  }
  return result;
}

async function typing(result) {
  const app = await Session.launch(APP, [WORKSPACE]);
  try {
    for (const [size, [rel, keys]] of Object.entries(TYPING_POSTS)) {
      await openPost(app, rel);
      await clickIntoProse(app);
      await previewSettled(app);
      await resetProbe(app);
      await typeKeys(app, TYPED.slice(0, keys), 100);
      try {
        await previewSettled(app, 120000);
      } catch {
        // A preview that never catches up is a result too: keep the samples it did take, and
        // let the later scenarios run.
        log(`typing ${size}: the preview had not caught up after 120 s; keeping the samples taken`);
      }
      result[size] = await readProbe(app);
      save();
      log(`typing ${size}: ${result[size].preview.length} preview samples, ${result[size].editor.length} editor samples`);
    }
    // The typed text on disk before quitting: the next session must not start by offering it
    // back (a modal prompt no automated session answers).
    await saved(app);
  } finally {
    await app.quit();
  }
}

async function leak() {
  const app = await Session.launch(APP, [WORKSPACE]);
  try {
    const others = (await visiblePosts(app)).filter((p) => !p.startsWith("posts/long-"));
    const rotation = [POST_100K, ...others.slice(0, 4)];
    // one round: open the next post, then ten edit/preview cycles (a letter, then its removal)
    const round = async (i) => {
      await openPost(app, rotation[i % rotation.length]);
      await clickIntoProse(app);
      for (let k = 0; k < 10; k++) {
        await typeKeys(app, [k % 2 ? Key.BACK_SPACE : "x"], 0);
        await previewSettled(app);
      }
    };
    // A reading: the 100 KB post open, the probe's samples cleared, settled. The web process's
    // memory swings by ~30 MiB with garbage collection, so each end takes the median of
    // LEAK_READINGS readings, a round apart, instead of one.
    const readings = async (firstRound) => {
      const kib = [];
      for (let r = 0; r < LEAK_READINGS; r++) {
        if (r > 0) await round(firstRound + r);
        await openPost(app, POST_100K);
        await resetProbe(app);
        await sleep(SETTLE_MS);
        kib.push(app.rssKiB());
      }
      return kib;
    };
    for (let i = 0; i < 10; i++) await round(i); // warm-up: caches, lazy code, first layouts
    const before = await readings(10);
    for (let i = 0; i < 100; i++) {
      await round(i + 1);
      if (i % 10 === 9) {
        await resetProbe(app);
        const calls = await app.script("return window.__draftsmithPerf.calls");
        log(`leak: ${(i + 1) * 10} cycles, ${i + 1} switches, ${app.rssKiB()} KiB ${JSON.stringify(app.rssByNameKiB())}; IPC calls ${JSON.stringify(calls)}`);
      }
    }
    const after = await readings(101);
    return { beforeKiB: median(before), afterKiB: median(after), before, after, cycles: 1000, switches: 101 };
  } finally {
    await app.quit();
  }
}

async function scale() {
  const workspace = env("BENCH_WORKSPACE_50K");
  const result = { openMs: [], filter: [] };
  for (let run = 0; run < Math.min(RUNS, 3); run++) {
    const app = await Session.launch(APP, [workspace]);
    result.openMs.push(app.startupMs);
    log(`scale: 50,000 posts listed in ${app.startupMs} ms`);
    if (run === 0) {
      const count = await app.script("return document.getElementById('posts-count').textContent;");
      if (!/50,?000/.test(count)) throw new Error(`the list shows "${count}", not 50,000 posts`);
      await app.driver.actions({ async: true }).move({ origin: app.find("#search") }).click().perform();
      await resetProbe(app);
      for (let r = 0; r < 2; r++) {
        const word = "garden";
        await typeKeys(app, word.split(""), 100);
        await typeKeys(app, Array(word.length).fill(Key.BACK_SPACE), 100);
      }
      result.filter = (await readProbe(app)).filter;
    }
    await app.quit();
  }
  return result;
}

const SCENARIOS = { startup, typing, leak, scale };
const wanted = (process.env.BENCH_SCENARIOS ?? Object.keys(SCENARIOS).join(",")).split(",");
const out = {};
// keep what is done if a later part fails
const save = () => fs.writeFileSync(env("BENCH_OUT"), JSON.stringify(out, null, 1));
for (const name of wanted) {
  log(`${name}…`);
  const started = Date.now();
  try {
    if (name === "typing") await typing((out.typing = {}));
    else out[name] = await SCENARIOS[name]();
    log(`${name} done in ${Math.round((Date.now() - started) / 1000)} s`);
  } catch (e) {
    // One scenario failing must not cost the others their rows.
    process.exitCode = 1;
    log(`${name} failed after ${Math.round((Date.now() - started) / 1000)} s: ${e?.message ?? e}`);
  }
  save();
}
