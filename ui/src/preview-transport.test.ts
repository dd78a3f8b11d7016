import { Text } from "@codemirror/state";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { PreviewUpdate, TextEdit } from "./types";

/** A fake backend session: keeps the text of its last update, applies edits to it (UTF-16). */
const backend = {
  texts: new Map<number, string>(),
  lastId: 0,
  sent: [] as ("text" | "edit" | "now-text" | "now-edit")[],
  /** What each update says it cost the backend. */
  micros: 500,
  /** How the synchronous channel answers: null when it is not there. */
  channel: true,
};
const answer = (text: string): PreviewUpdate => {
  const id = ++backend.lastId;
  backend.texts = new Map([[id, text]]);
  return { id, base: null, head: 0, tail: 0, line_shift: 0, blocks: [], word_count: text.length, render_micros: backend.micros };
};
const applyEdit = (edit: TextEdit) => {
  const base = backend.texts.get(edit.base);
  if (base === undefined) throw { kind: "stale_text", message: "gone" };
  return answer(base.slice(0, edit.from) + edit.insert + base.slice(edit.to));
};
vi.mock("./ipc", () => ({
  renderPreview: vi.fn(async (_path: string, text: string) => {
    backend.sent.push("text");
    return answer(text);
  }),
  renderPreviewEdit: vi.fn(async (_path: string, edit: TextEdit) => {
    backend.sent.push("edit");
    return applyEdit(edit);
  }),
  renderPreviewNow: vi.fn((_path: string, request: { text: string } | { edit: TextEdit }) => {
    if (!backend.channel) return null;
    if ("text" in request) {
      backend.sent.push("now-text");
      return answer(request.text);
    }
    backend.sent.push("now-edit");
    return applyEdit(request.edit);
  }),
}));
const ipc = await import("./ipc");
const { PreviewTransport, EDIT_MIN_LENGTH, SYNC_BUDGET_MS, SYNC_FIRST_KEY_MAX_LENGTH, SYNC_MAX_INSERT, SYNC_WAIT_LIMIT_MS } = await import(
  "./preview-transport"
);
const { PostText } = await import("./post-text");
const { KEPT_TEXT_TOTAL } = await import("./kept");

const big = "x".repeat(EDIT_MIN_LENGTH) + "\n\nA paragraph 😀 here.\n";
/** The text the fake backend rendered for an update (its word_count is the text's length). */
const renderedText = (u: PreviewUpdate) => backend.texts.get(u.id);

describe("PreviewTransport", () => {
  let transport: InstanceType<typeof PreviewTransport>;
  beforeEach(() => {
    backend.texts.clear();
    backend.sent = [];
    backend.micros = 500;
    backend.channel = true;
    transport = new PreviewTransport();
  });

  it("sends a post's text once, then only edits that rebuild the same text", async () => {
    await transport.render("a.md", PostText.of(big), null);
    const edits = [big.replace("😀", "😀!"), big.replace("😀", "").replace("A ", "The "), big + "more\n"];
    for (const text of edits) expect(renderedText(await transport.render("a.md", PostText.of(text), 1))).toBe(text);
    expect(backend.sent).toEqual(["text", "edit", "edit", "edit"]);
    const lastEdit = vi.mocked(ipc.renderPreviewEdit).mock.calls.at(-1)![1];
    expect(lastEdit.insert.length).toBeLessThan(40); // the changed span, not the text
  });

  it("back on a post left behind, edits the text the backend kept for it", async () => {
    const a = await transport.render("a.md", PostText.of(big), null);
    transport.open("b.md");
    await transport.render("b.md", PostText.of(big + "b"), null);
    backend.texts.set(a.id, big); // the backend keeps a.md's session too
    transport.open("a.md");
    const changed = big.replace("A paragraph", "A changed paragraph");
    expect(renderedText(await transport.render("a.md", PostText.of(changed), a.id))).toBe(changed);
    expect(backend.sent).toEqual(["text", "text", "edit"]);
    // a post longer than KEPT_TEXT_TOTAL is not kept: sent whole when opened again
    const long = PostText.of(big.repeat(Math.ceil(KEPT_TEXT_TOTAL / big.length) + 1));
    transport.open("long.md");
    const first = await transport.render("long.md", long, null);
    transport.open("a.md");
    transport.open("long.md");
    backend.texts.set(first.id, long.toString());
    await transport.render("long.md", long, first.id);
    expect(backend.sent).toEqual(["text", "text", "edit", "text", "text"]);
  });

  it("keeps a post left behind by its length in UTF-16 units, as the backend keeps its session", async () => {
    // Within KEPT_TEXT_TOTAL in units, though twice as long in UTF-8 bytes.
    const accented = PostText.of(big + "é".repeat(KEPT_TEXT_TOTAL - big.length));
    const a = await transport.render("a.md", accented, null);
    transport.open("b.md");
    transport.open("a.md");
    backend.texts.set(a.id, accented.toString());
    await transport.render("a.md", PostText.of(accented.toString() + "!"), a.id);
    expect(backend.sent).toEqual(["text", "edit"]);
  });

  it("sends a post left behind whole once told to forget what it kept of it, or of every post", async () => {
    const a = await transport.render("a.md", PostText.of(big), null);
    backend.texts.set(a.id, big);
    transport.open("b.md");
    transport.forgetKept("b.md"); // another post's: a.md's text stays kept
    transport.open("a.md");
    await transport.render("a.md", PostText.of(big + "more"), a.id);
    expect(backend.sent).toEqual(["text", "edit"]);
    for (const forget of [() => transport.forgetKept("a.md"), () => transport.forgetKept(null)]) {
      const kept = await transport.render("a.md", PostText.of(big), null);
      backend.texts.set(kept.id, big);
      transport.open("b.md");
      forget();
      transport.open("a.md");
      backend.sent = [];
      await transport.render("a.md", PostText.of(big + "more"), kept.id);
      expect(backend.sent).toEqual(["text"]);
    }
  });

  it("sends edits of a CRLF post in the text's own offsets", async () => {
    const crlf = big.replaceAll("\n", "\r\n");
    const first = PostText.of(crlf);
    await transport.render("a.md", first, null);
    // versions as the editor makes them: documents sharing the unchanged lines
    const at = first.doc.line(first.doc.lines - 1).from + 2;
    const edited = new PostText(first.doc.replace(at, at, Text.of(["new", "line "])), "\r\n");
    expect(renderedText(await transport.render("a.md", edited, 1))).toBe(edited.toString());
    expect(edited.toString()).toContain("A new\r\nline paragraph");
    expect(backend.sent).toEqual(["text", "edit"]);
  });

  it("falls back to the whole text when the backend no longer holds the base", async () => {
    await transport.render("a.md", PostText.of(big), null);
    backend.texts.clear(); // say another window rendered since
    const text = big + "!";
    expect(renderedText(await transport.render("a.md", PostText.of(text), null))).toBe(text);
    expect(backend.sent).toEqual(["text", "edit", "text"]);
  });

  it("sends the whole text for small posts, another post, and after a reset", async () => {
    await transport.render("a.md", PostText.of("short"), null);
    await transport.render("a.md", PostText.of("shorter"), null);
    await transport.render("b.md", PostText.of(big), null);
    transport.reset();
    await transport.render("b.md", PostText.of(big + "?"), null);
    expect(backend.sent).toEqual(["text", "text", "text", "text"]);
  });

  it("passes other errors on, and then sends the whole text", async () => {
    await transport.render("a.md", PostText.of(big), null);
    vi.mocked(ipc.renderPreviewEdit).mockRejectedValueOnce({ kind: "internal", message: "boom" });
    await expect(transport.render("a.md", PostText.of(big + "1"), null)).rejects.toEqual({ kind: "internal", message: "boom" });
    await transport.render("a.md", PostText.of(big + "2"), null);
    expect(backend.sent).toEqual(["text", "text"]);
  });

  describe("renderNow", () => {
    it("renders a keystroke at once once the post's renders are known to be cheap", async () => {
      expect(transport.renderNow("a.md", PostText.of(big), null)).toBeNull(); // nothing known yet
      await transport.render("a.md", PostText.of(big), null);
      const typed = big.replace("😀", "😀!");
      const now = transport.renderNow("a.md", PostText.of(typed), 1);
      expect(now && renderedText(now)).toBe(typed);
      // The next render, either way, is an edit of what the synchronous one rendered.
      const more = typed + "more\n";
      expect(renderedText(await transport.render("a.md", PostText.of(more), 2))).toBe(more);
      expect(backend.sent).toEqual(["text", "now-edit", "edit"]);
      // A small post goes whole.
      await transport.render("b.md", PostText.of("short"), null);
      expect(renderedText(transport.renderNow("b.md", PostText.of("shorter"), null)!)).toBe("shorter");
      expect(backend.sent.at(-1)).toBe("now-text");
    });

    it("leaves expensive posts, pastes and other posts to the asynchronous render", async () => {
      await transport.render("a.md", PostText.of(big), null);
      transport.renderNow("a.md", PostText.of(big + "w"), 1); // the first key's try
      backend.micros = (SYNC_BUDGET_MS + 1) * 1000;
      await transport.render("a.md", PostText.of(big + "wv"), 2);
      expect(transport.renderNow("a.md", PostText.of(big + "wvx"), 3)).toBeNull();
      backend.micros = 500;
      await transport.render("a.md", PostText.of(big + "wvx"), 3);
      expect(transport.renderNow("a.md", PostText.of(big + "wvx" + "y".repeat(SYNC_MAX_INSERT + 1)), 4)).toBeNull();
      expect(transport.renderNow("b.md", PostText.of(big), 4)).toBeNull();
      transport.reset();
      expect(transport.renderNow("a.md", PostText.of(big + "xy"), null)).toBeNull();
      expect(backend.sent).toEqual(["text", "now-edit", "edit", "edit"]);
    });

    it("takes nothing for the post opened from a render of the post left that answers late", async () => {
      const late = transport.render("a.md", PostText.of(big), null); // a.md's render, cheap
      transport.open("b.md");
      await late;
      backend.micros = (SYNC_BUDGET_MS + 1) * 1000; // b.md's opening render
      await transport.render("b.md", PostText.of(big + "b"), null);
      // b.md's first keystroke is tried at once, as after any post's opening render
      backend.micros = 500;
      expect(renderedText(transport.renderNow("b.md", PostText.of(big + "bx"), 2)!)).toBe(big + "bx");
      // and a.md, whose session the backend drops as it was still rendering, is sent whole
      transport.open("a.md");
      await transport.render("a.md", PostText.of(big + "a"), null);
      expect(backend.sent).toEqual(["text", "text", "now-edit", "text"]);
    });

    it("tries the first keystroke after a post's opening render at once, whatever that render cost", async () => {
      backend.micros = (SYNC_BUDGET_MS + 1) * 1000; // the whole post's render
      await transport.render("a.md", PostText.of(big), null);
      backend.micros = 500; // a keystroke's
      expect(renderedText(transport.renderNow("a.md", PostText.of(big + "x"), 1)!)).toBe(big + "x");
      expect(transport.renderNow("a.md", PostText.of(big + "xy"), 2)).not.toBeNull(); // now known cheap
      // Once only: an expensive render of the post after its first still holds keys back,
      // and a post longer than the limit is not tried.
      backend.micros = (SYNC_BUDGET_MS + 1) * 1000;
      await transport.render("a.md", PostText.of(big + "xyz"), 3);
      expect(transport.renderNow("a.md", PostText.of(big + "xyzw"), 4)).toBeNull();
      transport.reset();
      const long = big + "z".repeat(SYNC_FIRST_KEY_MAX_LENGTH);
      await transport.render("b.md", PostText.of(long), null);
      expect(transport.renderNow("b.md", PostText.of(long + "x"), 5)).toBeNull();
      expect(backend.sent).toEqual(["text", "now-edit", "now-edit", "edit", "text"]);
    });

    it("stops waiting once the backend took longer than the budget, or the page was held too long", async () => {
      await transport.render("a.md", PostText.of(big), null);
      backend.micros = (SYNC_BUDGET_MS + 1) * 1000;
      expect(transport.renderNow("a.md", PostText.of(big + "x"), 1)).not.toBeNull();
      expect(transport.renderNow("a.md", PostText.of(big + "xy"), 2)).toBeNull();
      backend.micros = 500;
      await transport.render("a.md", PostText.of(big + "xy"), 2);
      const clock = vi.spyOn(performance, "now");
      clock.mockReturnValueOnce(1000).mockReturnValueOnce(1000 + SYNC_WAIT_LIMIT_MS + 1);
      expect(transport.renderNow("a.md", PostText.of(big + "xyz"), 3)).not.toBeNull();
      clock.mockRestore();
      expect(transport.renderNow("a.md", PostText.of(big + "xyzw"), 4)).toBeNull();
      expect(backend.sent).toEqual(["text", "now-edit", "edit", "now-edit"]);
    });

    it("after a render refused as not quick, waits for the next render's cost", async () => {
      await transport.render("a.md", PostText.of(big), null);
      vi.mocked(ipc.renderPreviewNow).mockImplementationOnce(() => {
        throw { kind: "not_quick", message: "slow" };
      });
      expect(transport.renderNow("a.md", PostText.of(big + "x"), 1)).toBeNull();
      expect(transport.renderNow("a.md", PostText.of(big + "x"), 1)).toBeNull();
      // The base is still the backend's: the asynchronous render sends an edit.
      await transport.render("a.md", PostText.of(big + "x"), 1);
      expect(transport.renderNow("a.md", PostText.of(big + "xy"), 2)).not.toBeNull();
      expect(backend.sent).toEqual(["text", "edit", "now-edit"]);
    });

    it("gives up on a stale base for the whole text, and on a missing channel for good", async () => {
      vi.mocked(ipc.renderPreviewNow).mockClear();
      await transport.render("a.md", PostText.of(big), null);
      backend.texts.clear();
      expect(transport.renderNow("a.md", PostText.of(big + "x"), 1)).toBeNull();
      expect(renderedText(await transport.render("a.md", PostText.of(big + "x"), null))).toBe(big + "x");
      expect(backend.sent).toEqual(["text", "now-edit", "text"]);
      backend.channel = false;
      expect(transport.renderNow("a.md", PostText.of(big + "xy"), 2)).toBeNull();
      backend.channel = true;
      expect(transport.renderNow("a.md", PostText.of(big + "xyz"), 2)).toBeNull();
      expect(vi.mocked(ipc.renderPreviewNow)).toHaveBeenCalledTimes(2);
    });
  });
});
