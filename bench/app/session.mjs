// One benchmark session on a real window (the probe-enabled app or the bare window), launched
// through tauri-driver; the start-up time and the resident memory of its processes.
import { Builder, Capabilities, By } from "selenium-webdriver";
import { spawn } from "node:child_process";
import fs from "node:fs";
import readline from "node:readline";

export const driverUrl = process.env.BENCH_DRIVER_URL ?? "http://127.0.0.1:4460/";
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Poll `check` until it returns a truthy value (returned), or throw after `ms`. */
export async function waitFor(what, check, ms = 60000, every = 25) {
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
    await sleep(every);
  }
}

/** Every process under `root` (itself included), from the parent links in /proc. */
function processTree(root) {
  const children = new Map();
  for (const name of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    let stat;
    try {
      stat = fs.readFileSync(`/proc/${name}/stat`, "utf8");
    } catch {
      continue; // exited meanwhile
    }
    // the command name may hold spaces and parentheses: the fields resume after the last ')'
    const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
    if (!children.has(ppid)) children.set(ppid, []);
    children.get(ppid).push(Number(name));
  }
  const tree = [];
  const todo = [root];
  while (todo.length) {
    const pid = todo.pop();
    tree.push(pid);
    todo.push(...(children.get(pid) ?? []));
  }
  return tree;
}

/** The running processes whose executable is `exe`. */
function pidsOf(exe) {
  const real = fs.realpathSync(exe);
  const pids = [];
  for (const name of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      if (fs.readlinkSync(`/proc/${name}/exe`) === real) pids.push(Number(name));
    } catch {
      // not ours to read, or gone
    }
  }
  return pids;
}

/** Resident memory (KiB) of each process under `pid` (itself included), by command name. */
export function treeRssByNameKiB(pid) {
  const byName = {};
  for (const p of processTree(pid)) {
    try {
      const status = fs.readFileSync(`/proc/${p}/status`, "utf8");
      const rss = status.match(/^VmRSS:\s+(\d+) kB/m);
      const name = status.match(/^Name:\s+(.*)$/m)?.[1] ?? String(p);
      if (rss) byName[name] = (byName[name] ?? 0) + Number(rss[1]);
    } catch {
      // exited meanwhile
    }
  }
  return byName;
}

/** Resident memory (KiB) summed over `pid` and all its descendants (WebKit's processes). */
export function treeRssKiB(pid) {
  return Object.values(treeRssByNameKiB(pid)).reduce((a, b) => a + b, 0);
}

/**
 * Launch `exe` with `args` as a user does, with no WebDriver session, and return launch → the
 * page's ready time in ms: the benchmark builds put that instant in the page's title and print
 * the title to stdout.
 * The window is closed again before this returns.
 */
export async function directStartupMs(exe, args = []) {
  if (pidsOf(exe).length) throw new Error(`${exe} is already running; the measure would mix two windows`);
  const launchedAt = Date.now();
  const child = spawn(exe, args, { stdio: ["ignore", "pipe", "ignore"], detached: true });
  const exited = new Promise((resolve) => child.once("close", resolve));
  let timer;
  try {
    const readyAt = await new Promise((resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`${exe} printed no ready time within 60 s`)), 60000);
      child.once("error", reject);
      child.once("exit", (code) => reject(new Error(`${exe} exited (${code}) before it was ready`)));
      readline.createInterface({ input: child.stdout }).on("line", (line) => {
        const m = /ds-ready (\d+(?:\.\d+)?)/.exec(line);
        if (m) resolve(Number(m[1]));
      });
    });
    return readyAt - launchedAt;
  } finally {
    clearTimeout(timer);
    // its own process group: WebKit's processes go too
    const signal = (sig) => {
      try {
        if (child.pid) process.kill(-child.pid, sig);
      } catch {
        // already gone
      }
    };
    signal("SIGTERM");
    await Promise.race([exited, sleep(10000)]);
    await waitFor("the window to close", () => pidsOf(exe).length === 0, 10000).catch(() => signal("SIGKILL"));
  }
}

export class Session {
  /** Launch `exe` with `args`; resolves once the page has marked `ds-ready`. */
  static async launch(exe, args = []) {
    if (pidsOf(exe).length) throw new Error(`${exe} is already running; the measure would mix two windows`);
    const caps = new Capabilities();
    caps.setBrowserName("wry");
    caps.set("tauri:options", { application: exe, args });
    const launchedAt = Date.now();
    const driver = await new Builder().withCapabilities(caps).usingServer(driverUrl).build();
    await driver.manage().setTimeouts({ script: 600000 });
    const session = new Session(driver, exe);
    // wall clock before launch → wall clock of the page's ready mark (timeOrigin + mark)
    const readyAt = await waitFor("the ready mark", () =>
      driver.executeScript(
        "const m = performance.getEntriesByName('ds-ready')[0]; return m ? performance.timeOrigin + m.startTime : null;",
      ),
    );
    session.startupMs = readyAt - launchedAt;
    session.pid = await waitFor("the app's process", () => pidsOf(exe)[0]);
    return session;
  }

  constructor(driver, exe) {
    this.driver = driver;
    this.exe = exe;
  }

  rssKiB() {
    return treeRssKiB(this.pid);
  }

  /** Which of the window's processes holds the memory (a leak's log names the one growing). */
  rssByNameKiB() {
    return treeRssByNameKiB(this.pid);
  }

  script(source, ...args) {
    return this.driver.executeScript(source, ...args);
  }

  find(css) {
    return this.driver.findElement(By.css(css));
  }

  async quit() {
    await this.driver.quit().catch(() => {});
    await waitFor("the window to close", () => pidsOf(this.exe).length === 0, 20000).catch(() => {
      for (const pid of pidsOf(this.exe)) process.kill(pid, "SIGKILL");
    });
  }
}
