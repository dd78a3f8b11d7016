// Flushing the open post (before the window closes, another folder opens, the post is renamed
// or duplicated) takes in what the front-matter form is still setting.
import { expect, it, vi } from "vitest";
import * as ipc from "./ipc";
import { PostText } from "./post-text";
import { Session } from "./session";
import { FakeConflict, FakeEditor, recordingHooks } from "./session-fakes";

vi.mock("./ipc", () => ({ readPost: vi.fn(), savePost: vi.fn(), editFrontMatter: vi.fn() }));

it("saves a form edit still on its way to the backend before answering that the disk holds the post", async () => {
  const editor: FakeEditor = new FakeEditor(() => session.docChanged(PostText.of(editor.doc)));
  const session: Session = new Session(editor, new FakeConflict(), recordingHooks([]));
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
