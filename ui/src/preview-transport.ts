// How the editor's text reaches the preview renderer. The backend keeps the text it rendered
// last, so after the first render of a post only the changed span travels: on a 1 MB post,
// serialising the whole text cost the webview ~20 ms of its main thread per keystroke. The
// edit is found by comparing the two editor documents, which share what the keystroke left.
//
// While the post's renders are cheap, a keystroke's render is asked for synchronously
// (renderNow), so its preview is patched before the webview paints the keystroke.
import * as ipc from "./ipc";
import type { PostText } from "./post-text";
import { KeptByPost } from "./kept";
import { isIpcError, type PreviewUpdate, type TextEdit } from "./types";

/** Below this size the whole text is sent: the edit saves nothing worth the bookkeeping. */
export const EDIT_MIN_LENGTH = 16 * 1024;
/** The page waits for a render only while the backend took at most this long (ms) for the last. */
export const SYNC_BUDGET_MS = 4;
/** A synchronous render that held the page longer than this (ms), however quick the backend
 * was, is not repeated until an asynchronous render has said what renders cost. */
export const SYNC_WAIT_LIMIT_MS = 12;
/** A bigger insert (a paste) is rendered the asynchronous way. */
export const SYNC_MAX_INSERT = 1024;
/** A post's first render (its whole text, just opened) says little about what a keystroke's
 * costs, so the first keystroke after it is asked for at once anyway on a post up to this long
 * (UTF-16 units); the backend refuses it if it would not be quick. */
export const SYNC_FIRST_KEY_MAX_LENGTH = 1 << 20;

type Sent = { path: string; id: number; text: PostText };
type Request = { text: string } | { edit: TextEdit };

export class PreviewTransport {
  /** The text the backend rendered last for this window, and that update's id. */
  private last: Sent | null = null;
  /** What the last update of this post cost the backend (ms). Null until the post's first,
   * and after a synchronous render that was refused or held the page too long. */
  private cost: number | null = null;
  /** The last render was the post's first: the next keystroke may be tried at once. */
  private first = false;
  /** The synchronous channel failed once: it is not asked again. */
  private channelBroken = false;
  /** The post last opened (undefined until one is). */
  private opened: string | null | undefined = undefined;

  async render(path: string, text: PostText, since: number | null): Promise<PreviewUpdate> {
    const last = this.last;
    const first = this.cost === null && last?.path !== path;
    this.last = null; // until this render answers, the backend may hold either text
    let update: PreviewUpdate | null = null;
    const edit = this.editSince(last, path, text);
    if (edit) {
      try {
        update = await ipc.renderPreviewEdit(path, edit, since);
      } catch (e) {
        if (!isIpcError(e) || e.kind !== "stale_text") throw e;
      }
    }
    update ??= await ipc.renderPreview(path, text.toString(), since);
    // The post was left while this render ran: it says nothing of the post opened, and is not
    // kept, as the backend keeps no session still rendering once another post renders.
    if (this.opened !== undefined && this.opened !== path) return update;
    this.last = { path, id: update.id, text };
    this.cost = update.render_micros / 1000;
    this.first = first;
    return update;
  }

  /**
   * Renders `text` at once when the post's last render was cheap and the change is a
   * keystroke's; otherwise (or if the backend does not answer) returns null without changing
   * anything, and the caller renders the asynchronous way. Call only with nothing in flight.
   */
  renderNow(path: string, text: PostText, since: number | null): PreviewUpdate | null {
    const firstKey = this.first && text.length <= SYNC_FIRST_KEY_MAX_LENGTH;
    this.first = false;
    if (this.channelBroken || this.cost === null || (this.cost > SYNC_BUDGET_MS && !firstKey)) return null;
    const request = this.smallRequest(path, text);
    if (request === null) return null;
    const started = performance.now();
    let update: PreviewUpdate | null;
    try {
      update = ipc.renderPreviewNow(path, request, since);
    } catch (e) {
      // The asynchronous render that follows sends the whole text, and reports any error.
      if (isIpcError(e) && e.kind === "stale_text") this.last = null;
      // Not quick (say, an edit in a heading of a long post): not again until a render says
      // what the post's renders cost now.
      if (isIpcError(e) && e.kind === "not_quick") this.cost = null;
      return null;
    }
    if (update === null) {
      this.channelBroken = true;
      return null;
    }
    this.cost = performance.now() - started > SYNC_WAIT_LIMIT_MS ? null : update.render_micros / 1000;
    this.last = { path, id: update.id, text };
    return update;
  }

  /** The texts the backend rendered last for posts left behind (their previews are kept too,
   * Preview.open): coming back, an edit of that text is sent, not the whole text. */
  private readonly kept = new KeptByPost<Sent>();

  /** Forgets the text kept for `path`, or for every post left behind for null: opened again,
   * it is sent whole. */
  forgetKept(path: string | null): void {
    this.kept.forget(path);
  }

  /** Forgets what the backend holds for this window: the next render sends the whole text. */
  reset(): void {
    this.last = null;
    this.cost = null;
    this.first = false;
  }

  /**
   * Another post (`path`): what the backend rendered last for the post left is kept, and the
   * text kept for `path`, if any, is what the next render edits.
   */
  open(path: string | null): void {
    this.opened = path;
    const left = this.last;
    const opened = path === null ? undefined : this.kept.take(path);
    this.reset();
    if (left && left.path !== path) this.kept.keep(left.path, left, left.text.length);
    this.last = opened ?? null;
  }

  /** An edit of the text the backend holds, when sending one is worth it. */
  private editSince(last: Sent | null, path: string, text: PostText): TextEdit | null {
    if (!last || last.path !== path || last.text.lineBreak !== text.lineBreak || text.length < EDIT_MIN_LENGTH) return null;
    return { base: last.id, ...(text.changeSince(last.text) ?? { from: 0, to: 0, insert: "" }) };
  }

  private smallRequest(path: string, text: PostText): Request | null {
    if (this.last?.path !== path) return null;
    if (text.length < EDIT_MIN_LENGTH) return { text: text.toString() };
    const edit = this.editSince(this.last, path, text);
    return edit && edit.insert.length <= SYNC_MAX_INSERT ? { edit } : null;
  }
}
