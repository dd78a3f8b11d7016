import { Text } from "@codemirror/state";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { PreviewUpdate, TextEdit } from "./types";

/** A fake backend session: keeps the text of its last update, applies edits to it (UTF-16). */
const backend = { texts: new Map<number, string>(), lastId: 0, sent: [] as ("text" | "edit")[] };
const answer = (text: string): PreviewUpdate => {
  const id = ++backend.lastId;
  backend.texts = new Map([[id, text]]);
  return { id, base: null, head: 0, tail: 0, line_shift: 0, blocks: [], word_count: text.length };
};
vi.mock("./ipc", () => ({
  renderPreview: vi.fn(async (_path: string, text: string) => {
    backend.sent.push("text");
    return answer(text);
  }),
  renderPreviewEdit: vi.fn(async (_path: string, edit: TextEdit) => {
    backend.sent.push("edit");
    const base = backend.texts.get(edit.base);
    if (base === undefined) throw { kind: "stale_text", message: "gone" };
    return answer(base.slice(0, edit.from) + edit.insert + base.slice(edit.to));
  }),
}));
const ipc = await import("./ipc");
const { PreviewTransport, EDIT_MIN_LENGTH } = await import("./preview-transport");
const { PostText } = await import("./post-text");

const big = "x".repeat(EDIT_MIN_LENGTH) + "\n\nA paragraph 😀 here.\n";
/** The text the fake backend rendered for an update (its word_count is the text's length). */
const renderedText = (u: PreviewUpdate) => backend.texts.get(u.id);

describe("PreviewTransport", () => {
  let transport: InstanceType<typeof PreviewTransport>;
  beforeEach(() => {
    backend.texts.clear();
    backend.sent = [];
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
});
