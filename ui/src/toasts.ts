// Toasts: short messages in the corner. Errors stay until dismissed so nothing goes unseen.
import { appElement } from "./app-element";
import { toIpcError } from "./types";

export type ToastKind = "info" | "success" | "error";

const AUTO_HIDE_MS = 4500;

export function showToast(message: string, kind: ToastKind = "info", root: Document = document): HTMLElement {
  const host = appElement(root, "toasts");
  // A failure repeated on every keystroke (say, a preview error) shows once, not a pile.
  for (const existing of Array.from(host?.querySelectorAll<HTMLElement>(".toast") ?? [])) {
    if (existing.dataset.kind === kind && existing.querySelector(".toast-text")?.textContent === message) {
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
  host?.appendChild(toast);
  if (kind !== "error") setTimeout(() => toast.remove(), AUTO_HIDE_MS);
  return toast;
}

/** Shows a rejected command's message; `context` says what was being done. */
export function showError(error: unknown, context?: string, root: Document = document): HTMLElement {
  const { message } = toIpcError(error);
  return showToast(context ? `${context}: ${message}` : message, "error", root);
}
