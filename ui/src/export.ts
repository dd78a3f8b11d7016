// Exporting the open post and the whole site, with a progress indicator for the site.
import { exportPost, exportSite, onExportProgress } from "./ipc";
import { LATE, NOT_FINISHED, within } from "./late";
import { MAX_TOASTS, showError, showToast } from "./toasts";
import type { ExportProgress } from "./types";

/** Saves the open post's pending edits; resolves to whether the disk holds them. */
export type Flush = () => Promise<boolean>;

const UNSAVED = "The open post has changes that are not saved yet. Resolve them before exporting.";
const SAVE_LATE = `The open post is not saved (${NOT_FINISHED}): nothing was exported.`;

/** Saves what was typed before an export reads the files; shows why not when it cannot (a save
 * that has not answered in time is not waited on for good). Answers whether to go on. */
async function savedFirst(flush: Flush): Promise<boolean> {
  const saved = await within(flush());
  if (saved === true) return true;
  showToast(saved === LATE ? SAVE_LATE : UNSAVED);
  return false;
}

/** The export reads the post's file: what was typed since the last autosave is saved first. */
export async function exportOpenPost(path: string | null, flush: Flush): Promise<void> {
  if (path === null) {
    showToast("Open a post to export it.");
    return;
  }
  try {
    if (!(await savedFirst(flush))) return;
    const written = await exportPost(path);
    if (written !== null) showToast(`Exported to ${written}`, "success");
  } catch (e) {
    showError(e, "Export failed");
  }
}

export function progressLabel(p: ExportProgress): string {
  return p.total > 0 ? `${p.done} / ${p.total}` : "";
}

export class SiteExporter {
  private running = false;
  private readonly host: HTMLElement;
  private readonly bar: HTMLProgressElement;
  private readonly label: HTMLElement;

  constructor(doc: Document = document) {
    this.host = doc.getElementById("export-progress") as HTMLElement;
    this.bar = this.host.querySelector("progress") as HTMLProgressElement;
    this.label = this.host.querySelector(".export-progress-label") as HTMLElement;
    void onExportProgress((p) => this.progress(p)).catch((e) => showError(e, "Export progress unavailable"));
  }

  async run(includeDrafts: boolean, flush: Flush): Promise<void> {
    if (this.running) return;
    // The progress shows with the backend's first count: the folder dialog comes first.
    this.running = true;
    try {
      if (!(await savedFirst(flush))) return;
      const report = await exportSite(includeDrafts);
      if (report === null) return;
      const problems = report.problems.length;
      // "1 pages" read as a slip, as the command line's summary did.
      const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? "" : "s"}`;
      showToast(
        `Exported ${count(report.pages, "page")} to ${report.out}` + (problems ? ` with ${count(problems, "problem")}` : ""),
        "success",
      );
      // The first problems, leaving the summary above among the toasts shown at once.
      for (const problem of report.problems.slice(0, MAX_TOASTS - 1)) showToast(problem, "error");
    } catch (e) {
      showError(e, "Site export failed");
    } finally {
      this.running = false;
      this.host.hidden = true;
    }
  }

  private progress(p: ExportProgress): void {
    if (!this.running) return;
    this.host.hidden = false;
    this.bar.max = Math.max(1, p.total);
    this.bar.value = p.done;
    this.label.textContent = progressLabel(p);
  }
}
