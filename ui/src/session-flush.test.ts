// Flushing the open post (before the window closes, another folder opens, the post is renamed
// or duplicated) takes in what the front-matter form is still setting.
import { expect, it, vi } from "vitest";
import { noConflict } from "./conflict";
import * as ipc from "./ipc";
import { Session } from "./session";

vi.mock("./ipc", () => ({ readPost: vi.fn(), savePost: vi.fn(), editFrontMatter: vi.fn() }));

it("saves a form edit still on its way to the backend before answering that the disk holds the post", async () => {
  let doc = "";
  const editor = {
    text: () => doc,
    open: (_path: string, text: string) => void (doc = text),
    close: () => void (doc = ""),
    replaceText: (text: string) => {
      doc = text;
      session.docChanged();
      return true;
    },
    renamed: () => {},
    forget: () => {},
    forgetAll: () => {},
  };
  const conflict = { current: noConflict, dispatch: () => noConflict, setTheirs: () => {} };
  const hooks = { saveState: () => {}, opened: () => {}, forgotten: () => {}, saved: () => {}, moved: () => {}, error: () => {}, info: () => {} };
  const session: Session = new Session(editor, conflict, hooks);
  vi.mocked(ipc.readPost).mockResolvedValueOnce({ path: "a.md", text: "---\ntitle: Old\n---\nbody", revision: "r1" });
  await session.open("a.md");

  let answer: (text: string) => void = () => {};
  vi.mocked(ipc.editFrontMatter).mockImplementationOnce(() => new Promise((resolve) => (answer = resolve)));
  vi.mocked(ipc.savePost).mockResolvedValue({ revision: "r2" });
  // the user sets the title in the form and closes the window at once
  void session.editFrontMatter("title", { type: "string", value: "New" });
  const flushed = session.flush();
  await new Promise((resolve) => setTimeout(resolve, 0)); // the edit has gone to the backend
  answer("---\ntitle: New\n---\nbody");
  expect(await flushed).toBe(true);
  expect(vi.mocked(ipc.savePost).mock.calls.map((c) => c[1])).toContain("---\ntitle: New\n---\nbody");
  expect(session.isDirty()).toBe(false);
});
