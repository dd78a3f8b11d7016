// The app's own elements by id. A post's headings, footnotes and raw HTML carry ids too ("## New
// post title" becomes `id="new-post-title"`), and the preview showing them comes before the
// toasts and dialogs in the page: `getElementById` would find the post's element first.

/** The element of the app (not of a post in the preview) with this `id`, if any. */
export function appElement<T extends HTMLElement>(doc: Document, id: string): T | null {
  for (const el of Array.from(doc.querySelectorAll<T>(`[id="${id}"]`))) if (!el.closest(".preview")) return el;
  return null;
}
