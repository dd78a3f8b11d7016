// A chips input for tags and categories: Enter or comma adds, × or Backspace removes,
// suggestions come from a <datalist> of every value used in the workspace.

let datalistCounter = 0;

export class ChipsInput {
  readonly element: HTMLElement;
  readonly input: HTMLInputElement;
  private readonly chips: HTMLElement;
  private readonly datalist: HTMLDataListElement;
  private values: string[] = [];
  private readOnly = false;

  constructor(
    private readonly doc: Document,
    options: { id?: string; name: string; placeholder: string },
    private readonly onChange: (values: string[]) => void,
  ) {
    this.element = doc.createElement("div");
    this.element.className = "chips";
    this.chips = doc.createElement("span");
    this.chips.className = "chips-list";
    this.input = doc.createElement("input");
    this.input.type = "text";
    this.input.className = "chips-input";
    this.input.name = options.name;
    this.input.placeholder = options.placeholder;
    if (options.id) this.input.id = options.id;
    this.datalist = doc.createElement("datalist");
    this.datalist.id = `chips-suggestions-${++datalistCounter}`;
    this.input.setAttribute("list", this.datalist.id);
    this.element.append(this.chips, this.input, this.datalist);

    this.input.addEventListener("keydown", (e) => {
      // Enter that picks an input method's candidate (keyCode 229 where WebKit reports it just
      // after the composition ends) belongs to the input method, not to the chips.
      if (e.isComposing || e.keyCode === 229) return;
      if (e.key === "Enter" || e.key === ",") {
        e.preventDefault();
        this.commitInput();
      } else if (e.key === "Backspace" && this.input.value === "" && this.values.length > 0) {
        this.setAndNotify(this.values.slice(0, -1));
      }
    });
    // Picking a datalist suggestion fires `input` with the whole value (no keydown).
    this.input.addEventListener("input", (e) => {
      const inputType = (e as InputEvent).inputType;
      if (inputType === undefined || inputType === "insertReplacementText") {
        if (this.suggestionSet().has(this.input.value)) this.commitInput();
      }
    });
    this.input.addEventListener("blur", () => this.commitInput());
    this.chips.addEventListener("click", (e) => {
      const button = (e.target as Element).closest<HTMLElement>("button[data-index]");
      if (!button) return;
      const index = Number(button.dataset.index);
      this.setAndNotify(this.values.filter((_, i) => i !== index));
    });
    this.element.addEventListener("click", (e) => {
      if (e.target === this.element) this.input.focus();
    });
  }

  get value(): string[] {
    return [...this.values];
  }

  /** Shows values from the document (does not notify). */
  setValues(values: string[]): void {
    if (sameList(values, this.values)) return;
    this.values = [...values];
    this.renderChips();
  }

  /** Read-only while the value holds what chips cannot show (a map or a null among the items):
   * any edit here would write the list without them. */
  setReadOnly(readOnly: boolean, why = ""): void {
    this.element.title = readOnly ? why : "";
    if (readOnly === this.readOnly) return;
    this.readOnly = readOnly;
    this.input.disabled = readOnly;
    this.element.classList.toggle("read-only", readOnly);
    this.renderChips();
  }

  setSuggestions(all: string[]): void {
    const present = new Set(this.values);
    const options = all
      .filter((s) => !present.has(s))
      .map((s) => {
        const option = this.doc.createElement("option");
        option.value = s;
        return option;
      });
    this.datalist.replaceChildren(...options);
  }

  /** Adds what was typed (comma-separated values allowed). */
  commitInput(): void {
    const typed = this.input.value
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
    this.input.value = "";
    const fresh = typed.filter((t, i) => !this.values.includes(t) && typed.indexOf(t) === i);
    if (fresh.length > 0) this.setAndNotify([...this.values, ...fresh]);
  }

  private suggestionSet(): Set<string> {
    return new Set(Array.from(this.datalist.options).map((o) => o.value));
  }

  private setAndNotify(values: string[]): void {
    if (this.readOnly) return;
    this.values = values;
    this.renderChips();
    this.onChange([...values]);
  }

  private renderChips(): void {
    const nodes = this.values.map((value, index) => {
      const chip = this.doc.createElement("span");
      chip.className = "chip";
      const label = this.doc.createElement("span");
      label.textContent = value;
      const remove = this.doc.createElement("button");
      remove.type = "button";
      remove.dataset.index = String(index);
      remove.setAttribute("aria-label", `Remove ${value}`);
      remove.textContent = "×";
      chip.append(label);
      if (!this.readOnly) chip.append(remove);
      return chip;
    });
    this.chips.replaceChildren(...nodes);
  }
}

/** Whether two lists hold the same strings in the same order. */
export function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}
