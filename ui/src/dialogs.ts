// In-app modal prompts (new post title, rename). Confirmations use the native `confirm`
// command instead, so destructive actions get the system's own dialog.
import { appElement } from "./app-element";

function runDialog<T>(
  dialog: HTMLDialogElement,
  form: HTMLFormElement,
  focus: HTMLInputElement,
  result: () => T | null,
): Promise<T | null> {
  return new Promise((resolve) => {
    let settled = false;
    const finish = (value: T | null) => {
      if (settled) return;
      settled = true;
      form.removeEventListener("submit", onSubmit);
      focus.removeEventListener("input", onInput);
      cancelButton?.removeEventListener("click", onCancel);
      dialog.removeEventListener("close", onClose);
      if (dialog.open) dialog.close();
      resolve(value);
    };
    const onSubmit = (e: Event) => {
      e.preventDefault();
      const value = result();
      if (value !== null) finish(value);
    };
    const onCancel = () => finish(null);
    const onClose = () => finish(null);
    // A complaint about the field lasts until it is edited (or it would block every submit).
    const onInput = () => focus.setCustomValidity("");
    const cancelButton = form.querySelector<HTMLButtonElement>('[data-action="cancel"]');
    focus.setCustomValidity("");
    focus.addEventListener("input", onInput);
    form.addEventListener("submit", onSubmit);
    cancelButton?.addEventListener("click", onCancel);
    dialog.addEventListener("close", onClose);
    dialog.showModal();
    focus.focus();
    focus.select();
  });
}

/** The field's title without its outer spaces, or null after saying in the field that one is
 * needed (`required` lets a title of spaces only through). */
function titleFrom(input: HTMLInputElement): string | null {
  const title = input.value.trim();
  if (title !== "") return title;
  input.setCustomValidity("A title is needed.");
  input.reportValidity();
  return null;
}

/** Asks for a new post's title; null when cancelled. */
export function promptNewPostTitle(doc: Document = document): Promise<string | null> {
  const dialog = appElement<HTMLDialogElement>(doc, "new-post-dialog") as HTMLDialogElement;
  const form = appElement<HTMLFormElement>(doc, "new-post-form") as HTMLFormElement;
  const input = appElement<HTMLInputElement>(doc, "new-post-title") as HTMLInputElement;
  input.value = "";
  return runDialog(dialog, form, input, () => titleFrom(input));
}

export type RenameChoice = { title: string; renameFile: boolean };

export function promptRename(currentTitle: string, doc: Document = document): Promise<RenameChoice | null> {
  const dialog = appElement<HTMLDialogElement>(doc, "rename-dialog") as HTMLDialogElement;
  const form = appElement<HTMLFormElement>(doc, "rename-form") as HTMLFormElement;
  const input = appElement<HTMLInputElement>(doc, "rename-title") as HTMLInputElement;
  const renameFile = appElement<HTMLInputElement>(doc, "rename-file") as HTMLInputElement;
  input.value = currentTitle;
  return runDialog(dialog, form, input, () => {
    const title = titleFrom(input);
    return title === null ? null : { title, renameFile: renameFile.checked };
  });
}
