// The front-matter form above the editor. It never edits text itself: each change is
// reported as (key, value) and the caller asks the backend to rewrite the front matter, so
// the editor buffer stays the single source of truth. After each re-parse the form shows
// the document's values again, leaving alone the input the user is typing in.
import { ChipsInput } from "./chips";
import { buildExtraFields, fieldsShape, makeDateInput, showDate } from "./fm-fields";
import type { FrontMatter, Value } from "./types";

/** Keys the form has dedicated inputs for. */
const TYPED_KEYS = new Set(["title", "date", "draft", "tags", "categories", "description", "slug"]);

export type FormEdit = (key: string, value: Value | null) => void;

const TEXT_EDIT_DELAY_MS = 300;

/** The front-matter block at the top of a post (delimiters included), or "". */
export function frontMatterText(text: string): string {
  const body = text.startsWith("\uFEFF") ? text.slice(1) : text;
  // An empty block (`---` right after `---`) closes on its second line. YAML may close with its
  // document end marker, `...`, as the backend's split accepts.
  const fence =
    /^---[ \t]*\r?\n(?:[\s\S]*?\r?\n)??(?:---|\.\.\.)[ \t]*(\r?\n|$)/.exec(body) ??
    /^\+\+\+[ \t]*\r?\n(?:[\s\S]*?\r?\n)??\+\+\+[ \t]*(\r?\n|$)/.exec(body);
  if (fence) return fence[0];
  // JSON front matter is an object: a key's `"` or its `}` after the brace (as the backend's
  // split reads it); a Hugo shortcode first (`{{< x >}}`) is the body's text.
  if (/^\{[ \t\r\n]*["}]/.test(body)) {
    // JSON front matter ends at the brace closing the first object (strings may hold braces).
    let depth = 0;
    let inString = false;
    for (let i = 0; i < body.length; i++) {
      const c = body[i];
      if (inString) {
        if (c === "\\") i++;
        else if (c === '"') inString = false;
      } else if (c === '"') inString = true;
      else if (c === "{") depth++;
      else if (c === "}" && --depth === 0) return body.slice(0, i + 1);
    }
  }
  return "";
}

export class FrontMatterForm {
  private fm: FrontMatter | null = null;
  private readonly form: HTMLFormElement;
  private readonly error: HTMLElement;
  private readonly raw: HTMLElement;
  private readonly rawToggle: HTMLInputElement;
  private readonly formatLabel: HTMLElement;
  private readonly title: HTMLInputElement;
  private readonly date: HTMLInputElement;
  private readonly draft: HTMLInputElement;
  private readonly description: HTMLTextAreaElement;
  private readonly slug: HTMLInputElement;
  private readonly tags: ChipsInput;
  private readonly categories: ChipsInput;
  private readonly extras: HTMLElement;
  private extrasShape = "";
  private extraUpdaters: { key: string; update: (v: Value) => void }[] = [];
  private invalid = false;
  /** The text field values handed on whose edit the form has not shown back yet. */
  private readonly sent = new Map<string, string>();

  constructor(
    private readonly doc: Document,
    private readonly onEdit: FormEdit,
  ) {
    const byId = <T extends HTMLElement>(id: string) => doc.getElementById(id) as T;
    this.form = byId("fm-form");
    this.error = byId("fm-error");
    this.raw = byId("fm-raw");
    this.rawToggle = byId("fm-raw-toggle");
    this.formatLabel = byId("fm-format");
    this.form.addEventListener("submit", (e) => e.preventDefault());
    this.rawToggle.addEventListener("change", () => this.syncRawVisibility());

    this.title = this.textInput("title", "input");
    this.date = makeDateInput(doc, "date", () => this.fm?.date ?? null, (d) =>
      this.onEdit("date", d ? { type: "date", value: d } : null),
    );
    this.draft = doc.createElement("input");
    this.draft.type = "checkbox";
    this.draft.name = "draft";
    this.draft.className = "switch";
    this.draft.setAttribute("role", "switch");
    this.draft.addEventListener("change", () => this.onEdit("draft", { type: "bool", value: this.draft.checked }));
    this.tags = new ChipsInput(doc, { id: "fm-tags-input", name: "tags", placeholder: "Add tag…" }, (values) =>
      this.onEdit("tags", stringList(values)),
    );
    this.categories = new ChipsInput(
      doc,
      { id: "fm-categories-input", name: "categories", placeholder: "Add category…" },
      (values) => this.onEdit("categories", stringList(values)),
    );
    this.description = this.textInput("description", "textarea");
    this.description.rows = 1;
    this.slug = this.textInput("slug", "input");
    this.extras = doc.createElement("div");
    this.extras.className = "fm-extras";

    const grid = doc.createElement("div");
    grid.className = "fm-grid";
    grid.append(
      this.row("Title", this.title, "fm-title"),
      this.row("Draft", this.draft, "fm-switch"),
      this.row("Date", this.date),
      this.row("Slug", this.slug),
      this.row("Tags", this.tags.element),
      this.row("Categories", this.categories.element),
      this.row("Description", this.description, "fm-wide"),
    );
    this.form.replaceChildren(grid, this.extras);
  }

  /** Shows a successfully parsed front matter; `text` (the post, or its front-matter block
   * alone: front-matter-sync.ts) gives the raw view. */
  show(fm: FrontMatter, text: string): void {
    this.fm = fm;
    this.invalid = false;
    this.error.hidden = true;
    this.error.textContent = "";
    this.form.hidden = false;
    this.formatLabel.textContent = fm.format ? fm.format.toUpperCase() : "none yet";
    this.raw.textContent = frontMatterText(text);
    this.syncRawVisibility();

    for (const key of ["title", "description", "slug"] as const) {
      if (this.sent.get(key) === (fm[key] ?? "")) this.sent.delete(key);
    }
    this.setText(this.title, fm.title ?? "");
    showDate(this.date, fm.date);
    this.draft.checked = fm.draft ?? false;
    this.tags.setValues(fm.tags);
    this.categories.setValues(fm.categories);
    // A list holding items that are not text is shown whole among the other keys (and edited in
    // the text): written from the chips, it would lose those items.
    for (const [key, chips] of [["tags", this.tags], ["categories", this.categories]] as const) {
      const value = listValue(fm, key);
      chips.setReadOnly(value !== undefined && !typedShows(fm, key, value), "This list holds items that are not text: edit it in the post's text");
    }
    this.setText(this.description, fm.description ?? "");
    this.setText(this.slug, fm.slug ?? "");

    // `fields` lists every key; the ones with their own inputs above are not repeated, unless
    // that input cannot show the value (`date: 16 Sep 2025`, `draft: yes`).
    const extras = fm.fields
      .filter(([key, value]) => !TYPED_KEYS.has(key) || !typedShows(fm, key, value))
      .flatMap(([key, value]): [string, Value][] => (key === "taxonomies" ? ownTaxonomies(fm, value) : [[key, value]]));
    const shape = fieldsShape(extras);
    if (shape !== this.extrasShape) {
      this.extrasShape = shape;
      this.extraUpdaters = buildExtraFields(this.doc, this.extras, extras, this.onEdit);
    } else {
      extras.forEach(([, v], i) => this.extraUpdaters[i]?.update(v));
    }
  }

  /** Invalid front matter: the parser's message and the raw text, never a blank form. */
  showError(message: string, text: string): void {
    this.invalid = true;
    this.error.hidden = false;
    this.error.textContent = message;
    this.form.hidden = true;
    this.raw.textContent = frontMatterText(text) || text.slice(0, 2000);
    this.syncRawVisibility();
  }

  clear(): void {
    this.fm = null;
    this.sent.clear();
    this.invalid = false;
    this.error.hidden = true;
    this.raw.textContent = "";
    this.formatLabel.textContent = "";
    this.show({ format: null, title: null, date: null, draft: null, tags: [], categories: [], description: null, slug: null, fields: [] }, "");
  }

  setSuggestions(tags: string[], categories: string[]): void {
    this.tags.setSuggestions(tags);
    this.categories.setSuggestions(categories);
  }

  private syncRawVisibility(): void {
    this.raw.hidden = !(this.rawToggle.checked || this.invalid);
  }

  private setText(input: HTMLInputElement | HTMLTextAreaElement, value: string): void {
    // Leave the field being typed in alone; it is the newer truth until its edit lands.
    if (this.doc.activeElement !== input && input.value !== value) input.value = value;
  }

  private textInput<K extends "input" | "textarea">(name: string, tag: K): HTMLElementTagNameMap[K] {
    const input = this.doc.createElement(tag);
    input.name = name;
    if (input instanceof HTMLInputElement) input.type = "text";
    let timer: ReturnType<typeof setTimeout> | undefined;
    const commit = () => {
      clearTimeout(timer);
      timer = undefined;
      const value = input.value;
      const current = (this.fm?.[name as "title" | "description" | "slug"] ?? "") as string;
      // `current` is stale while an edit is on its way: typing back to it must still be sent.
      const sent = this.sent.get(name);
      if (value === current && (sent === undefined || sent === value)) return;
      this.sent.set(name, value);
      // Clearing an optional field removes its key; the title is kept even when empty.
      this.onEdit(name, value === "" && name !== "title" ? null : { type: "string", value });
    };
    // While an input method composes a word (Japanese, Chinese…) the field holds its reading,
    // not yet the word: that waits for the composition to end.
    let composing = false;
    const schedule = () => {
      clearTimeout(timer);
      timer = setTimeout(commit, TEXT_EDIT_DELAY_MS);
    };
    input.addEventListener("compositionstart", () => {
      composing = true;
      clearTimeout(timer);
    });
    input.addEventListener("compositionend", () => {
      composing = false;
      // Ended by leaving the field: hand it on now, while this post is still the open one.
      if (this.doc.activeElement === input) schedule();
      else commit();
    });
    input.addEventListener("input", (e) => {
      if (composing || (e as InputEvent).isComposing) return;
      schedule();
    });
    input.addEventListener("change", commit);
    // Typed text not handed on yet goes when the field loses focus (the window closing blurs
    // it: app.ts), whether or not the browser sees a change.
    input.addEventListener("blur", () => timer !== undefined && commit());
    return input;
  }

  private row(label: string, control: HTMLElement, extraClass = ""): HTMLElement {
    const row = this.doc.createElement("label");
    row.className = `fm-row ${extraClass}`.trim();
    const span = this.doc.createElement("span");
    span.className = "fm-label";
    span.textContent = label;
    row.append(span, control);
    return row;
  }
}

/** Whether the typed view holds `key`'s value, so that its own input shows what the file holds. */
function typedShows(fm: FrontMatter, key: string, value: Value): boolean {
  if (value.type === "null") return true;
  switch (key) {
    case "date":
      return fm.date !== null;
    case "draft":
      return fm.draft !== null;
    case "title":
    case "description":
    case "slug":
      return fm[key] !== null;
    case "tags":
    case "categories":
      // Items that are not text (maps, nulls) are left out of the chips.
      if (value.type === "list") return fm[key].length === value.value.length;
      return fm[key].length > 0 || value.type === "string";
    default:
      return false;
  }
}

/** The value the tags (or categories) chips show: the top-level key's, else the one under
 * Zola's `taxonomies` table (where the core reads them from then). */
function listValue(fm: FrontMatter, key: "tags" | "categories"): Value | undefined {
  const find = (fields: [string, Value][], name: string) => fields.find(([k]) => k === name)?.[1];
  const top = find(fm.fields, key);
  if (top !== undefined) return top;
  const taxonomies = find(fm.fields, "taxonomies");
  return taxonomies?.type === "map" ? find(taxonomies.value, key) : undefined;
}

/** Zola's `taxonomies` among the other keys: without the tags and categories the chips above
 * show (nothing when it holds only those). */
function ownTaxonomies(fm: FrontMatter, value: Value): [string, Value][] {
  if (value.type !== "map") return [["taxonomies", value]];
  const chipped = (key: string, v: Value) =>
    (key === "tags" || key === "categories") && listValue(fm, key) === v && typedShows(fm, key, v);
  const rest = value.value.filter(([key, v]) => !chipped(key, v));
  return rest.length === 0 ? [] : [["taxonomies", { type: "map", value: rest }]];
}

function stringList(values: string[]): Value {
  return { type: "list", value: values.map((value) => ({ type: "string", value })) };
}
