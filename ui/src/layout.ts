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
  // it changes size: a window made smaller, then larger again, gets the chosen widths back,
  // and a pane resized in the small window leaves the other pane's choice alone.
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
  /** Resizes pane `which` as asked (what fits is shown); the other pane keeps its chosen width,
   * or the one it shows while none was chosen. */
  const resize = (which: keyof Widths, width: number) => {
    chosen = { ...(chosen ?? shown), [which]: width };
    apply();
  };
  /** Ends a drag or a key press: the width the pane ended up showing (a drag past a limit stops
   * at it) is kept as chosen; a gesture that changed nothing leaves everything as it was. */
  const settle = (which: keyof Widths, shownBefore: number, chosenBefore: Widths | null) => {
    if (shown[which] === shownBefore) {
      chosen = chosenBefore;
      apply();
      return;
    }
    chosen = { ...(chosen ?? shown), [which]: shown[which] };
    storageSet(STORAGE_KEY, JSON.stringify(chosen));
  };
  apply();
  doc.defaultView?.addEventListener("resize", apply);

  for (const splitter of Array.from(doc.querySelectorAll<HTMLElement>("[data-splitter]"))) {
    const which = splitter.dataset.splitter as keyof Widths;
    // The posts pane grows as its splitter moves right; the preview, as its splitter moves left.
    const sign = which === "posts" ? 1 : -1;
    splitter.addEventListener("pointerdown", (down) => {
      down.preventDefault();
      splitter.setPointerCapture(down.pointerId);
      splitter.classList.add("dragging");
      const startX = down.clientX;
      const shownBefore = shown[which];
      const chosenBefore = chosen;
      const move = (e: PointerEvent) => resize(which, shownBefore + sign * (e.clientX - startX));
      const end = () => {
        splitter.classList.remove("dragging");
        splitter.removeEventListener("pointermove", move);
        splitter.removeEventListener("pointerup", end);
        splitter.removeEventListener("pointercancel", end);
        settle(which, shownBefore, chosenBefore);
      };
      splitter.addEventListener("pointermove", move);
      splitter.addEventListener("pointerup", end);
      splitter.addEventListener("pointercancel", end);
    });
    splitter.addEventListener("keydown", (e) => {
      const step = e.key === "ArrowLeft" ? -16 : e.key === "ArrowRight" ? 16 : 0;
      if (!step) return;
      e.preventDefault();
      const shownBefore = shown[which];
      const chosenBefore = chosen;
      resize(which, shownBefore + sign * step);
      settle(which, shownBefore, chosenBefore);
    });
  }
}
