// Leaving a post for another folder with the real crash journal: what is kept of it goes to the
// record of the folder it was typed in, never to the same path in the folder opened.
import { afterEach, beforeEach, expect, it, vi } from "vitest";

vi.mock("./ipc", () => ({
  openWorkspace: vi.fn(),
  readPost: vi.fn(async (path: string) => ({ path, text: `${path} on disk`, revision: "r1" })),
  savePost: vi.fn(async () => ({ revision: "r2" })),
  editFrontMatter: vi.fn(),
  confirmDialog: vi.fn(async () => true),
  journalWrite: vi.fn(async () => "v1"),
  journalEdit: vi.fn(async () => null),
  journalClear: vi.fn(async () => null),
}));
vi.mock("./toasts", () => ({ showError: vi.fn(), showToast: vi.fn() }));

import * as ipc from "./ipc";
import { CrashJournal } from "./journal";
import { type ActionContext, openFolder } from "./post-actions";
import { PostText } from "./post-text";
import { Session } from "./session";
import { FakeConflict, FakeEditor, recordingHooks } from "./session-fakes";
import type { WorkspaceInfo } from "./types";
import { leavePost } from "./unsaved";

const other: WorkspaceInfo = { root: "/home/other", posts: [], usual_format: "yaml", not_watching: [], not_read: null };
let journal: CrashJournal;
let editor: FakeEditor;
let session: Session;
let ctx: ActionContext;

beforeEach(async () => {
  vi.useFakeTimers();
  journal = Object.assign(new CrashJournal(() => {}), { root: "/home/blog" });
  editor = new FakeEditor(() => session.docChanged(PostText.of(editor.doc)));
  const hooks = recordingHooks([]);
  // As the window wires them (app.ts).
  hooks.keepUnsaved = (path, unsaved, reason, leaving) => leavePost(journal, path, unsaved, reason, leaving);
  hooks.keepAgain = (path, unsaved) => void journal.keep(path, unsaved);
  session = new Session(editor, new FakeConflict(), hooks);
  ctx = {
    list: { whileOpening: <T>(open: Promise<T>) => open },
    session,
    showWorkspace: (info: WorkspaceInfo) => (journal.root = info.root),
    recover: async () => {},
  } as unknown as ActionContext;
  await session.open("a.md");
});
afterEach(() => {
  vi.useRealTimers();
  vi.clearAllMocks();
});

const written = () => vi.mocked(ipc.journalWrite).mock.calls.map(([path, text, , root]) => [root, path, text]);

it("keeps a post that cannot be saved, left for another folder, in the record of its own folder", async () => {
  vi.mocked(ipc.savePost).mockRejectedValueOnce({ kind: "io", message: "a.md: Permission denied (os error 13)" });
  vi.mocked(ipc.openWorkspace).mockResolvedValueOnce(other);
  editor.type("typed, not saved");
  await openFolder(ctx);
  expect(journal.root).toBe("/home/other");
  expect(session.openPath).toBe(null);
  expect(written()).toEqual([["/home/blog", "a.md", "typed, not saved"]]);
});

it("keeps what is typed while the other folder is read in the record of the folder it was typed in", async () => {
  let chosen!: (info: WorkspaceInfo) => void;
  vi.mocked(ipc.openWorkspace).mockImplementationOnce(() => new Promise((resolve) => (chosen = resolve)));
  const opening = openFolder(ctx);
  await vi.advanceTimersByTimeAsync(0);
  editor.type("typed while the other folder was read");
  chosen(other);
  await opening;
  await vi.runAllTimersAsync();
  expect(journal.root).toBe("/home/other");
  expect(written()).toEqual([["/home/blog", "a.md", "typed while the other folder was read"]]);
});
