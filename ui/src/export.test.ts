import { beforeEach, expect, it, vi } from "vitest";

const steps: string[] = [];

vi.mock("./ipc", () => ({
  exportPost: vi.fn(async (path: string) => {
    steps.push(`export ${path}`);
    return "/out/a.html";
  }),
  exportSite: vi.fn(async () => {
    steps.push("export site");
    return { pages: 1, out: "/out", problems: [] };
  }),
  onExportProgress: vi.fn(async () => () => {}),
}));
vi.mock("./toasts", () => ({
  MAX_TOASTS: 5,
  showError: vi.fn(),
  showToast: vi.fn((message: string) => steps.push(`toast ${message}`)),
}));

import { exportOpenPost, SiteExporter } from "./export";
import { exportSite, onExportProgress } from "./ipc";

beforeEach(() => {
  steps.length = 0;
});

it("exporting the open post saves what was typed first, so the page has it", async () => {
  const flush = async () => {
    steps.push("save");
    return true;
  };
  await exportOpenPost("a.md", flush);
  expect(steps.slice(0, 2)).toEqual(["save", "export a.md"]);
});

it("a post whose changes cannot be saved is not exported from its older file", async () => {
  await exportOpenPost("a.md", async () => false);
  expect(steps).not.toContain("export a.md");
  expect(steps.some((s) => s.startsWith("toast ") && s.includes("not saved"))).toBe(true);
});

it("a site export saves the open post first", async () => {
  document.body.innerHTML =
    '<div id="export-progress" hidden><progress></progress><span class="export-progress-label"></span></div>';
  const exporter = new SiteExporter(document);
  await exporter.run(false, async () => {
    steps.push("save");
    return true;
  });
  expect(steps.slice(0, 2)).toEqual(["save", "export site"]);
});

it("a site export with many problems leaves room for its summary among the toasts shown", async () => {
  document.body.innerHTML =
    '<div id="export-progress" hidden><progress></progress><span class="export-progress-label"></span></div>';
  const problems = Array.from({ length: 8 }, (_, i) => `p${i}.md: broken`);
  vi.mocked(exportSite).mockResolvedValueOnce({ pages: 3, out: "/out", problems });
  await new SiteExporter(document).run(false, async () => true);
  const toasts = steps.filter((s) => s.startsWith("toast "));
  // At most five toasts show at once: the summary and four problems.
  expect(toasts.length).toBe(5);
  expect(toasts[0]).toContain("with 8 problems");
});

it("a site export of one page, or with one problem, says so in the singular", async () => {
  document.body.innerHTML =
    '<div id="export-progress" hidden><progress></progress><span class="export-progress-label"></span></div>';
  vi.mocked(exportSite).mockResolvedValueOnce({ pages: 1, out: "/out", problems: ["b.md: broken"] });
  await new SiteExporter(document).run(false, async () => true);
  expect(steps).toContain("toast Exported 1 page to /out with 1 problem");
  vi.mocked(exportSite).mockResolvedValueOnce({ pages: 2, out: "/out", problems: [] });
  await new SiteExporter(document).run(false, async () => true);
  expect(steps).toContain("toast Exported 2 pages to /out");
});

it("the site export's progress shows once pages are written, not while the folder is being chosen", async () => {
  document.body.innerHTML =
    '<div id="export-progress" hidden><progress></progress><span class="export-progress-label"></span></div>';
  const host = document.getElementById("export-progress") as HTMLElement;
  let finish = (_: { pages: number; out: string; problems: string[] } | null) => {};
  let asked = false;
  vi.mocked(exportSite).mockImplementationOnce(() => {
    asked = true;
    return new Promise((resolve) => (finish = resolve));
  });
  const exporter = new SiteExporter(document);
  const report = vi.mocked(onExportProgress).mock.calls.at(-1)?.[0];
  const running = exporter.run(false, async () => true);
  await vi.waitFor(() => expect(asked).toBe(true));
  expect(host.hidden).toBe(true);
  report?.({ done: 0, total: 3 });
  expect(host.hidden).toBe(false);
  finish(null);
  await running;
  expect(host.hidden).toBe(true);
});

it("exports nothing past a save of the open post that has not answered in time, and says so", async () => {
  const { SAVE_WAIT_MS } = await import("./late");
  vi.useFakeTimers();
  try {
    const hung = () => new Promise<boolean>(() => {});
    const post = exportOpenPost("a.md", hung);
    await vi.advanceTimersByTimeAsync(SAVE_WAIT_MS);
    await post;
    document.body.innerHTML =
      '<div id="export-progress" hidden><progress></progress><span class="export-progress-label"></span></div>';
    const site = new SiteExporter(document).run(false, hung);
    await vi.advanceTimersByTimeAsync(SAVE_WAIT_MS);
    await site;
  } finally {
    vi.useRealTimers();
  }
  expect(steps.filter((s) => s.startsWith("export"))).toEqual([]);
  expect(steps.filter((s) => s.includes("has not finished"))).toHaveLength(2);
});
