// Toasts: short messages in the corner. Errors stay until dismissed so nothing goes unseen, up
// to a few: more would stack past the top of the window, the oldest out of reach.
import { appElement } from "./app-element";
import { toIpcError } from "./types";

export type ToastKind = "info" | "success" | "error";

const AUTO_HIDE_MS = 4500;
/** The most toasts shown at once; a new one beyond it takes the place of the oldest. */
export const MAX_TOASTS = 5;

/** When each shown toast that hides by itself is due to go. */
const hideTimers = new WeakMap<HTMLElement, ReturnType<typeof setTimeout>>();

function hideLater(toast: HTMLElement): void {
  clearTimeout(hideTimers.get(toast));
  hideTimers.set(toast, setTimeout(() => toast.remove(), AUTO_HIDE_MS));
}

export function showToast(message: string, kind: ToastKind = "info", root: Document = document): HTMLElement {
  const host = appElement(root, "toasts");
  // A failure repeated on every keystroke (say, a preview error) shows once, not a pile.
  for (const existing of Array.from(host?.querySelectorAll<HTMLElement>(".toast") ?? [])) {
    if (existing.dataset.kind === kind && existing.querySelector(".toast-text")?.textContent === message) {
      // Shown again, it stays its full time again: not gone a moment after it was just said.
      if (kind !== "error") hideLater(existing);
      return existing;
    }
  }
  const toast = root.createElement("div");
  toast.className = `toast toast-${kind}`;
  toast.dataset.kind = kind;
  toast.setAttribute("role", kind === "error" ? "alert" : "status");
  const text = root.createElement("span");
  text.className = "toast-text";
  text.textContent = message;
  const close = root.createElement("button");
  close.type = "button";
  close.className = "toast-close";
  close.setAttribute("aria-label", "Dismiss");
  close.textContent = "×";
  close.addEventListener("click", () => toast.remove());
  toast.append(text, close);
  const shown = Array.from(host?.querySelectorAll<HTMLElement>(".toast") ?? []);
  // The oldest of those that hide by themselves goes first, then the oldest error.
  const going = [...new Set([...shown.filter((t) => t.dataset.kind !== "error"), ...shown])];
  for (const old of going.slice(0, Math.max(0, shown.length + 1 - MAX_TOASTS))) old.remove();
  host?.appendChild(toast);
  if (kind !== "error") hideLater(toast);
  return toast;
}

/** Shows a rejected command's message; `context` says what was being done. */
export function showError(error: unknown, context?: string, root: Document = document): HTMLElement {
  const { message } = toIpcError(error);
  return showToast(context ? `${context}: ${message}` : message, "error", root);
}

/** What the window says when start-up fails. The folder last open gone since is said as the
 * backend words it (naming the folder), not as a failure to start. */
export function showStartProblem(error: unknown, root: Document = document): HTMLElement {
  const e = toIpcError(error);
  if (e.kind === "last_folder_gone") return showToast(e.message, "error", root);
  return showError(e, "Could not start", root);
}
