// How the editor's text reaches the preview renderer. The backend keeps the text it rendered
// last, so after the first render of a post only the changed span travels: on a 1 MB post,
// serialising the whole text cost the webview ~20 ms of its main thread per keystroke. The
// edit is found by comparing the two editor documents, which share what the keystroke left.
import * as ipc from "./ipc";
import type { PostText } from "./post-text";
import { isIpcError, type PreviewUpdate } from "./types";

/** Below this size the whole text is sent: the edit saves nothing worth the bookkeeping. */
export const EDIT_MIN_LENGTH = 16 * 1024;

type Sent = { path: string; id: number; text: PostText };

export class PreviewTransport {
  /** The text the backend rendered last for this window, and that update's id. */
  private last: Sent | null = null;

  async render(path: string, text: PostText, since: number | null): Promise<PreviewUpdate> {
    const last = this.last;
    this.last = null; // until this render answers, the backend may hold either text
    let update: PreviewUpdate | null = null;
    if (last && last.path === path && last.text.lineBreak === text.lineBreak && text.length >= EDIT_MIN_LENGTH) {
      const change = text.changeSince(last.text) ?? { from: 0, to: 0, insert: "" };
      try {
        update = await ipc.renderPreviewEdit(path, { base: last.id, ...change }, since);
      } catch (e) {
        if (!isIpcError(e) || e.kind !== "stale_text") throw e;
      }
    }
    update ??= await ipc.renderPreview(path, text.toString(), since);
    this.last = { path, id: update.id, text };
    return update;
  }

  /** Another post, or a render whose answer is dropped: the next render sends the whole text. */
  reset(): void {
    this.last = null;
  }
}
