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
  showError: vi.fn(),
  showToast: vi.fn((message: string) => steps.push(`toast ${message}`)),
}));

import { exportOpenPost, SiteExporter } from "./export";

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
