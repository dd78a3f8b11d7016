// Post-level actions from the toolbar and the list: open a folder, new, rename, duplicate,
// delete (after a native confirmation) and the per-row draft toggle.
import { promptNewPostTitle, promptRename } from "./dialogs";
import { shownPath, visibleText } from "./display-text";
import * as ipc from "./ipc";
import type { PostsList } from "./posts-list";
import type { Session } from "./session";
import { showError, showToast } from "./toasts";
import type { PostSummary, WorkspaceInfo } from "./types";

export type ActionContext = {
  list: PostsList;
  session: Session;
  showWorkspace: (info: WorkspaceInfo) => void;
  /** Offers back the unsaved text the journal keeps for the folder just shown. */
  recover: () => Promise<unknown>;
  /** Collects the form's tag and category suggestions again from the listed posts. */
  refreshSuggestions: () => void;
};

/** An Open folder in progress (its question, picker or reading): a second click waits for none. */
let openingFolder = false;

export async function openFolder(ctx: ActionContext): Promise<void> {
  if (openingFolder) return;
  openingFolder = true;
  try {
    // As before another post: a save that never answers (a network drive gone) is not waited
    // on for good, and one that cannot be saved may be left with its text kept, if the user
    // agrees.
    if (!(await ctx.session.leave("folder"))) {
      showToast("Save or resolve the open post before opening another folder.", "error");
      return;
    }
    const info = await ctx.session.switchFolder(() => ctx.list.whileOpening(ipc.openWorkspace()));
    if (info) {
      ctx.showWorkspace(info);
      await ctx.recover(); // what "keep it in the journal" kept, when this folder opens again
    }
  } catch (e) {
    showError(e, "Could not open the folder");
  } finally {
    openingFolder = false;
  }
}

export async function createPost(ctx: ActionContext): Promise<void> {
  // The new post opens in the editor: made while the open one cannot be left, it would not.
  // One that cannot be saved may be left with its text kept, if the user agrees.
  if (!(await ctx.session.leave())) {
    showToast("Save or resolve the open post before making a new one.", "error");
    return;
  }
  const title = await promptNewPostTitle();
  if (title === null) return;
  try {
    const post = await ipc.newPost(title);
    ctx.list.upsert(post);
    if (await ctx.session.open(post.path)) ctx.list.setActive(post.path);
  } catch (e) {
    showError(e, "Could not create the post");
  }
}

export async function renamePost(ctx: ActionContext, post: PostSummary): Promise<void> {
  try {
    if (post.path === ctx.session.openPath && !(await ctx.session.flushBefore())) {
      showToast("Save or resolve the open post before renaming it.", "error");
      return;
    }
    const choice = await promptRename(post.title);
    if (choice === null) return;
    const rename = () => ipc.renamePost(post.path, choice.title, choice.renameFile);
    // The file (and maybe its path) changes under the open post's editor, which follows it.
    const isOpen = post.path === ctx.session.openPath;
    const renamed = isOpen ? await ctx.session.reopenAfter(rename) : await rename();
    if (renamed === null) {
      showToast("Save or resolve the open post before renaming it.", "error");
      return;
    }
    // Left unsaved earlier, its kept text goes with it (the open post's editor followed it).
    if (!isOpen && renamed.path !== post.path) ctx.session.keptMoved(post.path, renamed.path);
    ctx.list.upsert(renamed, post.path);
    if (renamed.path === ctx.session.openPath) ctx.list.setActive(renamed.path);
  } catch (e) {
    showError(e, "Could not rename the post");
  }
}

export async function duplicatePost(ctx: ActionContext, post: PostSummary): Promise<void> {
  try {
    // The copy is made from the file: what was typed into the open post must be in it first.
    if (post.path === ctx.session.openPath && !(await ctx.session.flushBefore())) {
      showToast("Save or resolve the open post before duplicating it.", "error");
      return;
    }
    const copy = await ipc.duplicatePost(post.path);
    ctx.list.upsert(copy);
    showToast(`Duplicated as ${copy.path}`, "success");
  } catch (e) {
    showError(e, "Could not duplicate the post");
  }
}

export async function deletePost(ctx: ActionContext, post: PostSummary): Promise<void> {
  try {
    // The backend says which folder goes with the post (a page bundle's, `trip/`), by the rule
    // the trash follows and from the disk: the list may lag behind posts added or removed there.
    const folder = await ipc.folderTrashedWith(post.path);
    const what = folder === null ? "" : ` and everything else in its folder ${folder}`;
    // Left unsaved (see OpenPost.leave), its last changes are only in the crash journal, which
    // the trash clears: the file trashed is without them.
    const kept = ctx.session.keeps(post.path) ? " Its last changes, which could not be saved, are lost with it." : "";
    const ok = await ipc.confirmDialog(
      "Move to trash?",
      visibleText(`“${post.title || shownPath(post.path)}” (${shownPath(post.path)})${what} will be moved to the system trash.${kept}`),
      "Move to trash",
    );
    if (!ok) return;
    const remove = () => ipc.deletePost(post.path, folder);
    if (post.path === ctx.session.openPath) {
      // What was typed into the open post goes to the trash with it (to be restored from
      // there); when it cannot be saved, trashed now its last changes would be gone, the crash
      // journal's copy with them: asked again.
      const withoutChanges = (reason: string) =>
        ipc.confirmDialog(
          "Move to trash without the last changes?",
          visibleText(
            `The last changes to “${shownPath(post.path)}” could not be saved (${reason}): the trash would get the post without them, and they would be lost.`,
          ),
          "Move to trash",
        );
      if (!(await ctx.session.closeAfter(remove, withoutChanges))) return;
    } else await remove();
    ctx.session.forgetKept(post.path); // not to come back over a new post made at its path
    ctx.list.removePath(post.path);
    // A tag only this post had leaves the form's suggestions now, not when (or if) the
    // watcher reports the file gone.
    ctx.refreshSuggestions();
  } catch (e) {
    showError(e, "Could not delete the post");
  }
}

/** Whether the post waits in Jekyll's `_drafts/` folder (at the root or a category's): a draft
 * by its place, published by moving it into `_posts/` (the backend does the move). */
export function inDraftsFolder(path: string): boolean {
  return path.split("/").slice(0, -1).includes("_drafts");
}

/** The workspace shown is a `_posts` folder itself (the backend's rule: `_posts` counts from
 * the workspace's own folder down). */
let workspaceIsPosts = false;

/** Tells the actions the folder shown, whose own name may make its posts Jekyll's. */
export function workspaceShown(root: string): void {
  workspaceIsPosts = root.split(/[\\/]/).filter(Boolean).at(-1) === "_posts";
}

/** Whether the post is under Jekyll's `_posts/` (or a folder of it), where Jekyll reads
 * `published` and not `draft`. */
function inPostsFolder(path: string): boolean {
  return workspaceIsPosts || path.split("/").slice(0, -1).includes("_posts");
}

/** Sets the open post's draft state in its buffer as the backend does on disk: a post that
 * says `published` (Jekyll's key, which Jekyll reads and `draft` it does not) by that key, and
 * by `draft` too if it has one. A post in Jekyll's `_posts/` made a draft gets
 * `published: false` in place of its `draft` key. */
export async function setOpenDraft(session: Session, draft: boolean): Promise<void> {
  const fm = await ipc.parseFrontMatter(session.text).catch(() => null);
  const says = (key: string) => fm?.fields.some(([name]) => name === key) ?? false;
  if (draft && !says("published") && inPostsFolder(session.openPath ?? "")) {
    await session.editFrontMatter("published", { type: "bool", value: false });
    if (says("draft")) await session.editFrontMatter("draft", null);
    return;
  }
  if (says("published")) {
    await session.editFrontMatter("published", { type: "bool", value: !draft });
    if (!says("draft")) return;
  }
  await session.editFrontMatter("draft", { type: "bool", value: draft });
}

/** The row toggle edits the file directly, except for the open post (edited in the buffer).
 * Publishing a post from `_drafts/` moves its file, so the open one is saved first and then
 * opened at its new place, with what was typed meanwhile. */
export async function toggleDraft(ctx: ActionContext, post: PostSummary): Promise<void> {
  const draft = !post.draft;
  const isOpen = post.path === ctx.session.openPath;
  if (isOpen && !inDraftsFolder(post.path)) {
    await setOpenDraft(ctx.session, draft);
    await ctx.session.save();
    return;
  }
  try {
    const publish = () => ipc.setPostDraft(post.path, draft);
    const changed = isOpen ? await ctx.session.reopenAfter(publish) : await publish();
    if (changed === null) {
      showToast("Save or resolve the open post before publishing it.", "error");
      return;
    }
    if (!isOpen && changed.path !== post.path) ctx.session.keptMoved(post.path, changed.path);
    ctx.list.upsert(changed, post.path);
    if (isOpen) ctx.list.setActive(changed.path);
    if (changed.path !== post.path) showToast(`Published as ${changed.path}`, "success");
  } catch (e) {
    showError(e, `Could not change the draft state of ${post.path}`);
  }
}
