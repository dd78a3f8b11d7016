// Inputs for the front-matter keys the form has no dedicated field for, chosen by the
// value's type (a key left empty gets a text input); anything without a fitting input is
// shown read-only as JSON.
import { ChipsInput } from "./chips";
import { fromPicker, toPicker } from "./fm-date";
import type { FmDate, Value } from "./types";

export type FieldEdit = (key: string, value: Value | null) => void;

/** Type signature of the extra fields: the section is rebuilt only when it changes. */
export function fieldsShape(fields: [string, Value][]): string {
  return fields.map(([k, v]) => `${k}:${shapeOf(v)}`).join("|");
}

function shapeOf(v: Value): string {
  if (v.type === "string" && isMultiLine(v.value)) return "lines";
  // A key left empty is filled in as text: the input it gets stays when text arrives.
  if (v.type === "null") return "string";
  return v.type === "list" ? (isStringList(v) ? "strings" : "list") : v.type;
}

/** A one-line text input drops line breaks from its value; such strings get a textarea. */
function isMultiLine(s: string): boolean {
  return /[\r\n]/.test(s);
}

function isStringList(v: Value): v is { type: "list"; value: { type: "string"; value: string }[] } {
  return v.type === "list" && v.value.every((x) => x.type === "string");
}

/** Plain JSON of a Value, for read-only display. */
export function valueToJson(v: Value): unknown {
  switch (v.type) {
    case "null":
      return null;
    case "date":
      return v.value.text;
    case "list":
      return v.value.map(valueToJson);
    case "map":
      return Object.fromEntries(v.value.map(([k, x]) => [k, valueToJson(x)]));
    default:
      return v.value;
  }
}

/** Makes a date input that writes back in the original's format. */
export function makeDateInput(doc: Document, name: string, getOriginal: () => FmDate | null, onEdit: (d: FmDate | null) => void): HTMLInputElement {
  const input = doc.createElement("input");
  input.name = name;
  input.addEventListener("change", () => {
    const original = getOriginal();
    // A picker with a part deleted to be typed again reads as empty too: only a picker
    // emptied whole removes the key.
    if (input.value === "" && input.validity.badInput) return;
    if (input.value === "") onEdit(null);
    else {
      const next = fromPicker(original, input.value);
      if (next && next.text !== original?.text) onEdit(next);
    }
  });
  return input;
}

export function showDate(input: HTMLInputElement, date: FmDate | null): void {
  const picker = toPicker(date);
  const typeChanged = input.type !== picker.inputType;
  if (typeChanged) input.type = picker.inputType;
  if (input.step !== picker.step) input.step = picker.step;
  // Re-setting the value while the user is typing in the picker would reset its cursor.
  if (!typeChanged && input.ownerDocument.activeElement === input) return;
  if (input.value !== picker.value) input.value = picker.value;
}

type ExtraField = { key: string; update: (v: Value) => void };

/** Builds one labelled row per extra field and returns updaters for later re-reads. */
export function buildExtraFields(doc: Document, host: HTMLElement, fields: [string, Value][], edit: FieldEdit): ExtraField[] {
  const rows: HTMLElement[] = [];
  const updaters: ExtraField[] = [];
  for (const [key, initial] of fields) {
    let current = initial;
    const row = doc.createElement("label");
    row.className = "fm-row fm-extra";
    const label = doc.createElement("span");
    label.className = "fm-label";
    label.textContent = key;
    row.appendChild(label);
    let update: (v: Value) => void;

    if (current.type === "bool") {
      const input = doc.createElement("input");
      input.type = "checkbox";
      input.name = `field:${key}`;
      input.addEventListener("change", () => edit(key, { type: "bool", value: input.checked }));
      update = (v) => v.type === "bool" && (input.checked = v.value);
      row.appendChild(input);
    } else if (current.type === "int" || current.type === "float") {
      const input = doc.createElement("input");
      input.type = "number";
      input.step = current.type === "int" ? "1" : "any";
      input.name = `field:${key}`;
      const type = current.type;
      input.addEventListener("change", () => {
        input.setCustomValidity("");
        const n = Number(input.value);
        if (input.value.trim() === "" || !Number.isFinite(n)) return;
        // Past 2^53 a number here is already rounded (an id of 19 digits): never written back.
        // Nor is a fraction cut to a whole number the author did not type.
        if (type === "int" && !Number.isSafeInteger(n)) {
          input.setCustomValidity(
            Number.isInteger(n) ? "Too large for the form: edit it in the text." : "A whole number is needed here.",
          );
          input.reportValidity();
          return;
        }
        edit(key, type === "int" ? { type: "int", value: n } : { type: "float", value: n });
      });
      update = (v) => {
        if ((v.type === "int" || v.type === "float") && doc.activeElement !== input) input.value = String(v.value);
        // A whole number the page cannot hold exactly is shown, not edited.
        const tooLarge = v.type === "int" && !Number.isSafeInteger(v.value);
        input.readOnly = tooLarge;
        input.title = tooLarge ? "Too large for the form to keep exactly: edit it in the text." : "";
        input.setCustomValidity("");
      };
      row.appendChild(input);
    } else if (current.type === "string" || current.type === "null") {
      const multiLine = current.type === "string" && isMultiLine(current.value);
      const input = doc.createElement(multiLine ? "textarea" : "input");
      if (input instanceof HTMLInputElement) input.type = "text";
      input.name = `field:${key}`;
      input.addEventListener("change", () => {
        // A key left empty stays so until something is typed.
        if (current.type === "null" && input.value === "") return;
        edit(key, { type: "string", value: input.value });
      });
      update = (v) => {
        if (doc.activeElement === input) return;
        if (v.type === "string") input.value = v.value;
        else if (v.type === "null") input.value = "";
      };
      row.appendChild(input);
    } else if (current.type === "date") {
      const input = makeDateInput(doc, `field:${key}`, () => (current.type === "date" ? current.value : null), (d) =>
        edit(key, d ? { type: "date", value: d } : null),
      );
      update = (v) => v.type === "date" && showDate(input, v.value);
      row.appendChild(input);
    } else if (isStringList(current)) {
      const chips = new ChipsInput(doc, { name: `field:${key}`, placeholder: "Add…" }, (values) =>
        edit(key, { type: "list", value: values.map((value) => ({ type: "string", value })) }),
      );
      update = (v) => isStringList(v) && chips.setValues(v.value.map((x) => x.value));
      row.appendChild(chips.element);
    } else {
      const code = doc.createElement("code");
      code.className = "fm-readonly";
      update = (v) => (code.textContent = JSON.stringify(valueToJson(v)));
      row.appendChild(code);
    }
    const wrapped = (v: Value) => {
      current = v;
      update(v);
    };
    wrapped(initial);
    updaters.push({ key, update: wrapped });
    rows.push(row);
  }
  host.replaceChildren(...rows);
  return updaters;
}
