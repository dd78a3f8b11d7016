// Resizable panes: the posts list and the preview have widths set by dragging the
// splitters; the editor takes the rest. Widths are remembered between sessions.
import { storageGet, storageSet } from "./storage";

const STORAGE_KEY = "draftsmith.panes";
const MIN_WIDTH = 160;
const MIN_EDITOR_WIDTH = 360;

type Widths = { posts: number; preview: number };

/** First-run widths scale with the window so the editor keeps the largest share. */
export function defaultWidths(total: number): Widths {
  const clamp = (v: number, lo: number, hi: number) => Math.round(Math.min(hi, Math.max(lo, v)));
  return { posts: clamp(total * 0.2, 200, 300), preview: clamp(total * 0.36, 300, 560) };
}

export function clampWidths(widths: Widths, total: number, splitters = 12): Widths {
  const available = Math.max(0, total - splitters - MIN_EDITOR_WIDTH);
  let posts = Math.max(MIN_WIDTH, Math.round(widths.posts));
  let preview = Math.max(MIN_WIDTH, Math.round(widths.preview));
  if (posts + preview > available) {
    // Shrink both in proportion, but never below the minimum.
    const scale = available / (posts + preview);
    posts = Math.max(MIN_WIDTH, Math.floor(posts * scale));
    preview = Math.max(MIN_WIDTH, Math.floor(preview * scale));
  }
  return { posts, preview };
}

/** The widths the user chose by dragging the splitters, in this session or an earlier one;
 * null while there are none (a corrupt preference counts as none). */
export function loadWidths(): Widths | null {
  try {
    const parsed = JSON.parse(storageGet(STORAGE_KEY) ?? "null") as Partial<Widths> | null;
    if (parsed && Number.isFinite(parsed.posts) && Number.isFinite(parsed.preview)) {
      return { posts: Number(parsed.posts), preview: Number(parsed.preview) };
    }
  } catch {
    /* a corrupt preference falls back to the default */
  }
  return null;
}

export function setupLayout(doc: Document = document): void {
  const panes = doc.getElementById("panes") as HTMLElement;
  // What the user chose stays as chosen, and what is shown is fitted to the window each time
  // it changes size: a window made smaller, then larger again, gets the chosen widths back.
  // Until the user chooses, the default follows the window (the page may be built before the
  // window has its final size: it is created hidden).
  let chosen = loadWidths();
  let shown: Widths;
  const apply = () => {
    const total = panes.clientWidth || 1360;
    shown = clampWidths(chosen ?? defaultWidths(total), total);
    panes.style.setProperty("--posts-width", `${shown.posts}px`);
    panes.style.setProperty("--preview-width", `${shown.preview}px`);
  };
  /** The widths as they ended up on screen (a drag past a limit stops at it) become the choice. */
  const choose = (widths: Widths) => {
    chosen = { ...widths };
    storageSet(STORAGE_KEY, JSON.stringify(chosen));
  };
  apply();
  doc.defaultView?.addEventListener("resize", apply);

  for (const splitter of Array.from(doc.querySelectorAll<HTMLElement>("[data-splitter]"))) {
    const which = splitter.dataset.splitter as keyof Widths;
    splitter.addEventListener("pointerdown", (down) => {
      down.preventDefault();
      splitter.setPointerCapture(down.pointerId);
      splitter.classList.add("dragging");
      const startX = down.clientX;
      const start = { ...shown };
      let moved = false;
      const move = (e: PointerEvent) => {
        const dx = e.clientX - startX;
        chosen = which === "posts" ? { ...start, posts: start.posts + dx } : { ...start, preview: start.preview - dx };
        moved = true;
        apply();
      };
      const up = () => {
        splitter.classList.remove("dragging");
        splitter.removeEventListener("pointermove", move);
        splitter.removeEventListener("pointerup", up);
        if (moved) choose(shown);
      };
      splitter.addEventListener("pointermove", move);
      splitter.addEventListener("pointerup", up);
    });
    splitter.addEventListener("keydown", (e) => {
      const step = e.key === "ArrowLeft" ? -16 : e.key === "ArrowRight" ? 16 : 0;
      if (!step) return;
      e.preventDefault();
      chosen = which === "posts" ? { ...shown, posts: shown.posts + step } : { ...shown, preview: shown.preview - step };
      apply();
      choose(shown);
    });
  }
}
