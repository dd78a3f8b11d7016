// Keeps the form's front matter in step with the editor. A pause in typing used to send the
// whole post to the backend to be parsed again; on a 5 MB post that was ~50 ms of the webview's
// main thread each time, for a keystroke that could not have touched the front matter. Now a
// change that starts after the front-matter block (and the line after it) is not parsed.
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
    const source = text.toString();
    try {
      const fm = await this.hooks.parse(source);
      if (this.hooks.current().doc !== text.doc) return; // a newer parse is already scheduled
      this.parsed = { text, fm, unchangedAfter: unchangedAfter(text, fm) };
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

/**
 * The document position after which no edit can change what `fm` was parsed from: the end of
 * the line after the front-matter block, or of the first line when there is none (that line
 * decides whether there is any). Null when the block cannot be told from here.
 */
function unchangedAfter(text: PostText, fm: FrontMatter): number | null {
  const doc = text.doc;
  if (fm.format === null) return doc.line(1).to;
  const block = frontMatterText(text.toString());
  if (!block) return null; // e.g. YAML closed by `...`: parse every change
  const lines = block.split("\n").length; // the block's lines, and the one after it
  return doc.line(Math.min(lines, doc.lines)).to;
}

function mayChangeFrontMatter(parsed: Parsed, text: PostText): boolean {
  if (parsed.unchangedAfter === null || parsed.text.lineBreak !== text.lineBreak) return true;
  const change = docChange(parsed.text.doc, text.doc);
  return change !== null && change.from <= parsed.unchangedAfter;
}
