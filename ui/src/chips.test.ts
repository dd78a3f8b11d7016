import { describe, expect, it } from "vitest";
import { ChipsInput } from "./chips";

function make() {
  const changes: string[][] = [];
  const chips = new ChipsInput(document, { name: "tags", placeholder: "Add tag" }, (v) => changes.push(v));
  document.body.replaceChildren(chips.element);
  return { chips, changes };
}

const key = (el: HTMLElement, key: string) =>
  el.dispatchEvent(new KeyboardEvent("keydown", { key, bubbles: true, cancelable: true }));

describe("ChipsInput", () => {
  it("adds typed values on Enter, skipping duplicates", () => {
    const { chips, changes } = make();
    chips.setValues(["rust"]);
    chips.input.value = "go, rust, web";
    key(chips.input, "Enter");
    expect(changes).toEqual([["rust", "go", "web"]]);
    expect(chips.element.querySelectorAll(".chip").length).toBe(3);
  });

  it("leaves Enter to an input method that is composing the word (Japanese, Chinese…)", () => {
    const { chips, changes } = make();
    chips.setValues(["rust"]);
    chips.input.value = "とうきょう";
    const confirm = new KeyboardEvent("keydown", { key: "Enter", isComposing: true, bubbles: true, cancelable: true });
    chips.input.dispatchEvent(confirm);
    expect(confirm.defaultPrevented).toBe(false);
    expect(changes).toEqual([]);
    expect(chips.input.value).toBe("とうきょう");
    chips.input.value = "東京タワー";
    key(chips.input, "Enter");
    expect(changes).toEqual([["rust", "東京タワー"]]);
  });

  it("removes with the × button and with Backspace on an empty input", () => {
    const { chips, changes } = make();
    chips.setValues(["a", "b", "c"]);
    chips.element.querySelector<HTMLButtonElement>('button[data-index="1"]')!.click();
    expect(changes.at(-1)).toEqual(["a", "c"]);
    key(chips.input, "Backspace");
    expect(changes.at(-1)).toEqual(["a"]);
  });

  it("does not notify when the document sets values, and hides used suggestions", () => {
    const { chips, changes } = make();
    chips.setValues(["a"]);
    chips.setSuggestions(["a", "b"]);
    expect(changes).toEqual([]);
    const options = Array.from(chips.element.querySelectorAll("option")).map((o) => o.value);
    expect(options).toEqual(["b"]);
  });
});
