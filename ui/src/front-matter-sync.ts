// Keeps the form's front matter in step with the editor. A pause in typing used to send the
// whole post to the backend to be parsed again; on a 5 MB post that was ~50 ms of the webview's
// main thread each time, for a keystroke that could not have touched the front matter. Now a
// change that starts after the front-matter block (and the line after it) is not parsed, and a
// parse is sent the block alone when this side can find it (frontMatterSource).
import { docChange } from "./doc-change";
import { frontMatterText } from "./frontmatter-form";
import type { PostText } from "./post-text";
import type { FrontMatter } from "./types";

export type FrontMatterSyncHooks = {
  parse: (text: string) => Promise<FrontMatter>;
  /** The editor's text now, to drop answers for a text that is no longer there. */
  current: () => PostText;
  show: (fm: FrontMatter, text: string) => void;
  failed: (error: unknown, text: string) => void;
};

type Parsed = { text: PostText; fm: FrontMatter; unchangedAfter: number | null };

export class FrontMatterSync {
  private parsed: Parsed | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly hooks: FrontMatterSyncHooks,
    private readonly delayMs: number,
  ) {}

  /** On every edit: parses after a pause, unless the edit lies wholly past the front matter. */
  changed(text: PostText): void {
    const parsed = this.parsed;
    if (this.timer === undefined && parsed && !mayChangeFrontMatter(parsed, text)) {
      parsed.text = text;
      return;
    }
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.now(text), this.delayMs);
  }

  /** Parses `text` at once (a post just opened). */
  async now(text: PostText): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const source = frontMatterSource(text);
    try {
      const fm = await this.hooks.parse(source);
      if (this.hooks.current().doc !== text.doc) return; // a newer parse is already scheduled
      this.parsed = { text, fm, unchangedAfter: unchangedAfter(text, fm, source) };
      this.hooks.show(fm, source);
    } catch (e) {
      if (this.hooks.current().doc !== text.doc) return;
      this.parsed = null;
      this.hooks.failed(e, source);
    }
  }

  /** The front matter of `text` if it is the version last parsed (or one with the same front matter). */
  frontMatterOf(text: string): FrontMatter | null {
    return this.parsed && this.timer === undefined && this.parsed.text.is(text) ? this.parsed.fm : null;
  }

  reset(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.parsed = null;
  }
}

/** A text longer than this (UTF-16 units) is searched for its front matter in a prefix this long. */
export const FRONT_MATTER_HEAD = 64 * 1024;

/**
 * What the backend is sent to parse the front matter of `text`: the `---` or `+++` block at its
 * top when this side finds one closed (the backend closes it at that line or an earlier one, so
 * it reads the same block either way), else the whole text (no block, JSON, a block this side
 * cannot tell: the backend decides). A long post's text is neither built nor sent for a block.
 */
export function frontMatterSource(text: PostText): string {
  const long = text.length > FRONT_MATTER_HEAD;
  const head = long ? text.doc.sliceString(0, Math.min(FRONT_MATTER_HEAD, text.doc.length), text.lineBreak) : text.toString();
  const block = frontMatterText(head);
  const fenced = block.startsWith("---") || block.startsWith("+++");
  // A block running to the end of the prefix may have closed on a line the prefix cut.
  const cut = long && head.endsWith(block);
  return fenced && !cut ? block : text.toString();
}

/**
 * The document position after which no edit can change what `fm` was parsed from (`source`,
 * see frontMatterSource): the end of the line after the front-matter block, or of the first
 * line when there is none (that line decides whether there is any). Null when the block cannot
 * be told from here.
 */
function unchangedAfter(text: PostText, fm: FrontMatter, source: string): number | null {
  const doc = text.doc;
  if (fm.format === null) return doc.line(1).to;
  const block = frontMatterText(source);
  if (!block) return null; // parse every change
  const lines = block.split("\n").length; // the block's lines, and the one after it
  return doc.line(Math.min(lines, doc.lines)).to;
}

function mayChangeFrontMatter(parsed: Parsed, text: PostText): boolean {
  if (parsed.unchangedAfter === null || parsed.text.lineBreak !== text.lineBreak) return true;
  const change = docChange(parsed.text.doc, text.doc);
  return change !== null && change.from <= parsed.unchangedAfter;
}
