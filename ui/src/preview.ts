// The live preview pane: keyed block patching, scroll sync from the editor, click-to-line,
// and link handling that never lets the webview navigate.
import { visibleText } from "./display-text";
import { IdleDiscarder } from "./idle-discard";
import { KeptByPost } from "./kept";
import { ChunkAnchor } from "./preview-anchor";
import { BlockPatcher, type DetachedBlocks, type PatchStats } from "./preview-patch";
import type { Block, PreviewUpdate } from "./types";

export type LinkTarget = { kind: "external"; url: string } | { kind: "fragment"; id: string } | { kind: "blocked" };

const EXTERNAL_PROTOCOLS = new Set(["http:", "https:", "mailto:"]);

/** Decides what a click on a preview link does. Anything unknown is blocked. */
export function classifyLink(href: string | null): LinkTarget {
  if (!href) return { kind: "blocked" };
  const trimmed = href.trim();
  if (trimmed.startsWith("#")) {
    const id = decodeURIComponentSafe(trimmed.slice(1));
    return id ? { kind: "fragment", id } : { kind: "blocked" };
  }
  let url: URL;
  try {
    // `//example.org/x` is the web page's own scheme on a site: https here.
    url = new URL(/^\/\/[^/]/.test(trimmed) ? `https:${trimmed}` : trimmed);
  } catch {
    return { kind: "blocked" }; // relative links have no meaning outside the site
  }
  return EXTERNAL_PROTOCOLS.has(url.protocol) ? { kind: "external", url: url.href } : { kind: "blocked" };
}

/** An address from the post as a message names it: controls written out, and not too long. */
function shown(text: string): string {
  const visible = visibleText(text);
  return visible.length > 80 ? `${visible.slice(0, 79)}…` : visible;
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

type Kept = { blocks: DetachedBlocks; id: number | null };

export type PreviewCallbacks = {
  openExternal: (url: string) => void;
  onBlockClicked: (line: number) => void;
  /** A clicked link the preview cannot follow, and why, for the user to read. */
  onLinkRefused?: (message: string) => void;
};

export class Preview {
  private readonly blocks: BlockPatcher;

  constructor(
    readonly container: HTMLElement,
    private readonly callbacks: PreviewCallbacks,
  ) {
    this.blocks = new BlockPatcher(container, new ChunkAnchor(container), new IdleDiscarder());
    container.addEventListener("click", (e) => this.onClick(e));
    // Middle clicks and drags would otherwise let the webview open or navigate.
    container.addEventListener("auxclick", (e) => {
      if ((e.target as Element).closest("a")) e.preventDefault();
    });
    container.addEventListener("dragstart", (e) => e.preventDefault());
  }

  private appliedId: number | null = null;
  /** The post whose preview is shown, and the previews kept of posts left behind. */
  private path: string | null = null;
  private readonly kept = new KeptByPost<Kept>((kept) => this.blocks.drop(kept.blocks));

  /**
   * Shows `path`'s preview: the one kept when that post was left, else an empty one. The
   * preview shown is kept, its post's text being `leftLength` long (kept.ts says how many and
   * how long). The next update asked for (`since`) is then a splice of the kept preview.
   */
  open(path: string | null, leftLength: number): void {
    if (path === this.path) return;
    const opened = path === null ? undefined : this.kept.take(path);
    if (this.path !== null) this.kept.keep(this.path, { blocks: this.blocks.detach(), id: this.appliedId }, leftLength);
    this.clear();
    this.path = path;
    if (!opened) return;
    this.blocks.restore(opened.blocks);
    this.appliedId = opened.id;
  }

  /** Drops the preview kept of `path`, or of every post left behind for null (the one shown
   * stays). */
  forgetKept(path: string | null): void {
    this.kept.forget(path);
  }

  /** The id of the update shown, for the next request's `since` (null: ask for everything). */
  get since(): number | null {
    return this.appliedId;
  }

  /**
   * Applies an update: a complete one is patched in block by block, a splice of the update
   * shown touches only the blocks it names. Returns null (and changes nothing) when the
   * update is a splice of something not shown; the caller then asks again without `since`.
   */
  show(update: PreviewUpdate): PatchStats | null {
    // No scroll position read or restored here: either would lay the page out on every
    // keystroke (~1 ms each), and a patch keeps every element it does not replace.
    let stats: PatchStats | null;
    if (update.base === null) {
      const blocks = update.blocks.map((b): Block | null => (b.html === null ? null : { ...b, html: b.html }));
      stats = blocks.includes(null) ? null : this.blocks.patch(blocks as Block[]);
    } else {
      stats = update.base === this.appliedId ? this.blocks.splice(update.head, update.tail, update.line_shift, update.blocks) : null;
    }
    if (stats === null) {
      this.appliedId = null;
      return null;
    }
    this.appliedId = update.id;
    if (this.awaitedLine !== null) this.scrollToLine(this.awaitedLine);
    return stats;
  }

  private clear(): void {
    this.blocks.clear();
    this.container.scrollTop = 0;
    this.appliedId = null;
    this.awaitedLine = null;
  }

  /** A line scrolled to while no block was shown yet (a post just opened, its render on its
   * way), scrolled to once the blocks come: else the preview stays at the top, away from the
   * editor, until the editor scrolls again. */
  private awaitedLine: number | null = null;

  /** The editor's top line while a scroll waits for the next frame. */
  private followed: number | null = null;

  /**
   * Follows the editor's scrolling: scrolls to `line` once per frame, to the last line asked
   * for before that frame (the first one would leave the preview behind where scrolling
   * stopped).
   */
  follow(line: number): void {
    const waiting = this.followed !== null;
    this.followed = line;
    if (waiting) return;
    const view = this.container.ownerDocument.defaultView;
    const frame = view?.requestAnimationFrame ? (f: () => void) => view.requestAnimationFrame(f) : (f: () => void) => setTimeout(f, 0);
    frame(() => {
      const last = this.followed;
      this.followed = null;
      if (last !== null) this.scrollToLine(last);
    });
  }

  /** Scrolls so the block holding 0-based source `line` is at the top. */
  scrollToLine(line: number): void {
    const el = this.blocks.blockForLine(line);
    this.awaitedLine = el ? null : line;
    if (!el) return;
    const start = Number(el.dataset.line);
    const end = Number(el.dataset.endLine);
    // Within a tall block (a long code fence), move proportionally to the line.
    const fraction = end > start ? Math.min(1, Math.max(0, (line - start) / (end - start + 1))) : 0;
    const offset = el.getBoundingClientRect().top - this.container.getBoundingClientRect().top;
    this.container.scrollTop += offset + fraction * el.offsetHeight - 8;
  }

  private onClick(e: MouseEvent): void {
    const target = e.target as Element;
    const anchor = target.closest("a");
    if (anchor && this.container.contains(anchor)) {
      e.preventDefault();
      const href = anchor.getAttribute("href");
      const link = classifyLink(href);
      if (link.kind === "external") this.callbacks.openExternal(link.url);
      else if (link.kind === "fragment") {
        // The id as written too: `{#a%20b}` names a heading `a%20b`, which `#a%20b` links to.
        const found = this.scrollToId(link.id) || this.scrollToId(href!.trim().slice(1));
        if (!found) this.callbacks.onLinkRefused?.(`Nothing in this post is named “#${shown(link.id)}”.`);
      } else if (href?.trim() && href.trim() !== "#") {
        // A link to another post or file, or an address the preview does not open (a bare
        // "#" is what the sanitiser leaves of an unsafe one: nothing to say about it).
        this.callbacks.onLinkRefused?.(`“${shown(href.trim())}” does not open from the preview: only web (http, https) and mail links do.`);
      }
      return;
    }
    const selection = this.container.ownerDocument.getSelection();
    if (selection && !selection.isCollapsed) return; // the user is selecting text
    const block = target.closest<HTMLElement>(".ds-block");
    if (block?.dataset.line !== undefined) this.callbacks.onBlockClicked(Number(block.dataset.line));
  }

  /** Scrolls to the element named `id`; false when there is none. */
  private scrollToId(id: string): boolean {
    const escaped = typeof CSS !== "undefined" && CSS.escape ? CSS.escape(id) : id.replace(/["\\]/g, "\\$&");
    const el =
      this.container.querySelector<HTMLElement>(`[id="${escaped}"]`) ??
      this.container.querySelector<HTMLElement>(`[name="${escaped}"]`);
    if (!el) return false;
    const offset = el.getBoundingClientRect().top - this.container.getBoundingClientRect().top;
    this.container.scrollTop += offset - 8;
    return true;
  }
}
