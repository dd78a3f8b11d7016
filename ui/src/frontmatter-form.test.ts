import { beforeEach, describe, expect, it, vi } from "vitest";
import { FrontMatterForm, frontMatterText } from "./frontmatter-form";
import type { FrontMatter, Value } from "./types";

const fm = (over: Partial<FrontMatter> = {}): FrontMatter => ({
  format: "yaml",
  title: "Hello",
  date: { text: "2025-09-16T09:00:00-05:00", kind: "offset_date_time" },
  draft: false,
  tags: ["rust"],
  categories: ["Dev"],
  description: null,
  slug: null,
  fields: [],
  ...over,
});

let edits: [string, Value | null][];
let form: FrontMatterForm;

beforeEach(() => {
  document.body.innerHTML = `
    <span id="fm-format"></span><div id="fm-error" hidden></div><form id="fm-form"></form>
    <input type="checkbox" id="fm-raw-toggle" /><pre id="fm-raw" hidden></pre>`;
  edits = [];
  form = new FrontMatterForm(document, (key, value) => edits.push([key, value]));
});

const field = <T extends HTMLElement>(name: string) => document.querySelector<T>(`#fm-form [name="${name}"]`)!;
const change = (el: HTMLElement) => el.dispatchEvent(new Event("change", { bubbles: true }));

describe("FrontMatterForm", () => {
  it("shows the document's values", () => {
    form.show(fm(), "---\ntitle: Hello\n---\nbody");
    expect(field<HTMLInputElement>("title").value).toBe("Hello");
    // Browsers normalise away zero seconds.
    expect(field<HTMLInputElement>("date").value).toMatch(/^2025-09-16T09:00(:00)?$/);
    expect(field<HTMLInputElement>("draft").checked).toBe(false);
    expect(document.querySelectorAll("#fm-form .chip").length).toBe(2);
    expect(document.getElementById("fm-raw")!.textContent).toBe("---\ntitle: Hello\n---\n");
  });

  it("writes an edited time back with the post's offset", () => {
    form.show(fm(), "");
    const date = field<HTMLInputElement>("date");
    date.value = "2025-09-16T10:30";
    change(date);
    expect(edits).toEqual([
      ["date", { type: "date", value: { text: "2025-09-16T10:30:00-05:00", kind: "offset_date_time" } }],
    ]);
  });

  it("keeps the date while the picker holds a half-typed one", () => {
    form.show(fm(), "");
    const date = field<HTMLInputElement>("date");
    // Deleting the day to type another: the picker's value is empty, with input it cannot read.
    Object.defineProperty(date, "validity", { configurable: true, get: () => ({ badInput: true }) });
    date.value = "";
    change(date);
    expect(edits).toEqual([]);
    // Emptied on purpose, the key goes.
    Object.defineProperty(date, "validity", { configurable: true, get: () => ({ badInput: false }) });
    change(date);
    expect(edits).toEqual([["date", null]]);
  });

  it("keeps a plain date plain", () => {
    form.show(fm({ date: { text: "2024-02-03", kind: "date" } }), "");
    const date = field<HTMLInputElement>("date");
    expect(date.type).toBe("date");
    date.value = "2024-02-04";
    change(date);
    expect(edits).toEqual([["date", { type: "date", value: { text: "2024-02-04", kind: "date" } }]]);
  });

  it("reports draft, text and tag edits as values", () => {
    form.show(fm(), "");
    const draft = field<HTMLInputElement>("draft");
    draft.checked = true;
    change(draft);
    const slug = field<HTMLInputElement>("slug");
    slug.value = "hello-world";
    change(slug);
    const tagsInput = document.getElementById("fm-tags-input") as HTMLInputElement;
    tagsInput.value = "go";
    tagsInput.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", cancelable: true }));
    expect(edits).toEqual([
      ["draft", { type: "bool", value: true }],
      ["slug", { type: "string", value: "hello-world" }],
      ["tags", { type: "list", value: [{ type: "string", value: "rust" }, { type: "string", value: "go" }] }],
    ]);
  });

  it("gives other keys inputs fitting their type", () => {
    form.show(
      fm({
        fields: [
          ["weight", { type: "int", value: 3 }],
          ["toc", { type: "bool", value: true }],
          ["params", { type: "map", value: [["a", { type: "int", value: 1 }]] }],
        ],
      }),
      "",
    );
    const weight = field<HTMLInputElement>("field:weight");
    expect(weight.type).toBe("number");
    weight.value = "7";
    change(weight);
    expect(field<HTMLInputElement>("field:toc").checked).toBe(true);
    expect(document.querySelector(".fm-readonly")!.textContent).toBe('{"a":1}');
    expect(edits).toEqual([["weight", { type: "int", value: 7 }]]);
  });

  it("lets a key left empty (`image:`) be filled in as text", () => {
    form.show(fm({ fields: [["image", { type: "null" }]] }), "");
    const image = field<HTMLInputElement>("field:image");
    expect(image.readOnly).toBe(false);
    expect(image.value).toBe("");
    change(image); // left empty: stays as it is
    expect(edits).toEqual([]);
    image.value = "cover.png";
    change(image);
    expect(edits).toEqual([["image", { type: "string", value: "cover.png" }]]);
    // The file now holds the text: the same input stays (no rebuild under the cursor).
    form.show(fm({ fields: [["image", { type: "string", value: "cover.png" }]] }), "");
    expect(field<HTMLInputElement>("field:image")).toBe(image);
  });

  it("never writes back a whole number the page cannot hold exactly (an id of 19 digits)", () => {
    // 1234567890123456789 arrives as 1234567890123456800: the field shows it read-only.
    form.show(fm({ fields: [["id", { type: "int", value: 1234567890123456789 }], ["n", { type: "int", value: 2 }]] }), "");
    const id = field<HTMLInputElement>("field:id");
    expect(id.readOnly).toBe(true);
    const n = field<HTMLInputElement>("field:n");
    expect(n.readOnly).toBe(false);
    n.value = "98765432109876543210";
    change(n);
    expect(edits).toEqual([]);
    n.value = "42";
    change(n);
    expect(edits).toEqual([["n", { type: "int", value: 42 }]]);
  });

  it("never writes a fraction typed into a whole-number field as another number", () => {
    form.show(fm({ fields: [["weight", { type: "int", value: 3 }]] }), "");
    const weight = field<HTMLInputElement>("field:weight");
    weight.value = "7.5";
    change(weight);
    expect(edits).toEqual([]);
    expect(weight.validationMessage).not.toBe("");
    weight.value = "8";
    change(weight);
    expect(edits).toEqual([["weight", { type: "int", value: 8 }]]);
    expect(weight.validationMessage).toBe("");
  });

  it("keeps the line breaks of a multi-line string among the other keys", () => {
    const summary = "First line of the summary.\nSecond line.\n";
    form.show(fm({ fields: [["summary", { type: "string", value: summary }]] }), "");
    const input = field<HTMLInputElement | HTMLTextAreaElement>("field:summary");
    expect(input.value).toBe(summary);
    input.value = input.value.replace("Second", "Third");
    change(input);
    expect(edits).toEqual([["summary", { type: "string", value: "First line of the summary.\nThird line.\n" }]]);
  });

  it("does not repeat keys that have their own inputs among the other keys", () => {
    form.show(
      fm({
        title: "Hello",
        fields: [
          ["title", { type: "string", value: "Hello" }],
          ["draft", { type: "bool", value: false }],
          ["series", { type: "string", value: "Tools" }],
        ],
      }),
      "",
    );
    expect(document.querySelector('[name="field:title"]')).toBeNull();
    expect(document.querySelector('[name="field:draft"]')).toBeNull();
    expect(field<HTMLInputElement>("field:series").value).toBe("Tools");
  });

  it("shows a typed key whose value its own input cannot show among the other keys", () => {
    form.show(
      fm({
        date: null,
        draft: null,
        fields: [
          ["date", { type: "string", value: "16 Sep 2025" }],
          ["draft", { type: "string", value: "yes" }],
          ["series", { type: "string", value: "Tools" }],
        ],
      }),
      "",
    );
    expect(field<HTMLInputElement>("field:date").value).toBe("16 Sep 2025");
    expect(field<HTMLInputElement>("field:draft").value).toBe("yes");
  });

  it("never drops the items of a tag list the chips cannot show (a map, a null) by an edit there", () => {
    const tags: Value = {
      type: "list",
      value: [
        { type: "string", value: "rust" },
        { type: "map", value: [["name", { type: "string", value: "go" }]] },
      ],
    };
    form.show(fm({ fields: [["tags", tags]] }), "");
    const tagsInput = document.getElementById("fm-tags-input") as HTMLInputElement;
    expect(tagsInput.disabled).toBe(true);
    tagsInput.value = "zig";
    tagsInput.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", cancelable: true }));
    tagsInput.parentElement!.querySelector<HTMLButtonElement>(".chip button")?.click();
    expect(edits).toEqual([]);
    // The whole list is shown among the other keys instead (edited in the text); a plain list
    // again takes chips.
    expect(document.querySelector("#fm-form code.fm-readonly")?.textContent).toContain('"name":"go"');
    form.show(fm(), "");
    expect(tagsInput.disabled).toBe(false);
    // Zola keeps them under `taxonomies`: the same there.
    form.show(fm({ format: "toml", fields: [["taxonomies", { type: "map", value: [["tags", tags]] }]] }), "");
    expect(tagsInput.disabled).toBe(true);
  });

  it("does not repeat a Zola post's tags and categories among the other keys, under taxonomies", () => {
    const list = (...items: string[]): Value => ({ type: "list", value: items.map((value) => ({ type: "string", value })) });
    const zola = (taxonomies: [string, Value][]) =>
      fm({ format: "toml", tags: ["rust"], categories: ["Dev"], fields: [["taxonomies", { type: "map", value: taxonomies }]] });
    form.show(zola([["tags", list("rust")], ["categories", list("Dev")]]), "");
    expect(document.querySelector('#fm-form .fm-extra')).toBeNull();
    // A taxonomy of the site's own still shows there, alone.
    form.show(zola([["tags", list("rust")], ["series", list("Tools")]]), "");
    expect(document.querySelector("#fm-form code.fm-readonly")?.textContent).toBe('{"series":["Tools"]}');
  });

  it("shows the parser's message and the raw text when invalid", () => {
    form.showError("title: unclosed quote at line 2", '---\ntitle: "oops\n---\nbody');
    expect(document.getElementById("fm-error")!.hidden).toBe(false);
    expect(document.getElementById("fm-error")!.textContent).toContain("unclosed quote");
    expect(document.getElementById("fm-raw")!.hidden).toBe(false);
    expect(document.getElementById("fm-raw")!.textContent).toBe('---\ntitle: "oops\n---\n');
  });
});

describe("frontMatterText", () => {
  it("finds YAML, TOML and JSON front matter", () => {
    expect(frontMatterText("+++\ntitle = 'x'\n+++\nbody")).toBe("+++\ntitle = 'x'\n+++\n");
    expect(frontMatterText('{ "title": "a}b" }\nbody')).toBe('{ "title": "a}b" }');
    expect(frontMatterText("no front matter")).toBe("");
  });

  it("takes a brace that starts no JSON object (a Hugo shortcode) for the body's", () => {
    expect(frontMatterText("{{< youtube x >}}\n## Below\n")).toBe("");
    expect(frontMatterText("\uFEFF{{% note %}}\nHi")).toBe("");
    expect(frontMatterText("{x}\n")).toBe("");
    expect(frontMatterText('{\r\n\t"a": 1\r\n}\r\nBody')).toBe('{\r\n\t"a": 1\r\n}');
    expect(frontMatterText("{}\nBody")).toBe("{}");
  });

  it("ends an empty block at its own closing line, not at a rule in the body", () => {
    expect(frontMatterText("---\n---\nBody\n\n---\n\nMore")).toBe("---\n---\n");
    expect(frontMatterText("+++\r\n+++\r\nBody\r\n+++\r\n")).toBe("+++\r\n+++\r\n");
  });
});

describe("FrontMatterForm text fields", () => {
  it("hands on a title typed back to the file's value while the first edit is still on its way", async () => {
    vi.useFakeTimers();
    try {
      form.show(fm({ title: "Old" }), "");
      const title = field<HTMLInputElement>("title");
      title.focus();
      const type = (value: string) => {
        title.value = value;
        title.dispatchEvent(new Event("input", { bubbles: true }));
        vi.advanceTimersByTime(1000);
      };
      type("Old!");
      // The post still says "Old" (the edit has not come back yet) when the "!" is deleted.
      type("Old");
      expect(edits).toEqual([
        ["title", { type: "string", value: "Old!" }],
        ["title", { type: "string", value: "Old" }],
      ]);
      // Once the form shows what the text holds, a value it already holds is not sent again.
      form.show(fm({ title: "Old!" }), "");
      form.show(fm({ title: "Old" }), "");
      type("Old");
      expect(edits.length).toBe(2);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe("FrontMatterForm and input methods", () => {
  it("waits for an input method to finish the word before handing on the title", () => {
    vi.useFakeTimers();
    try {
      form.show(fm({ title: "Old" }), "");
      const title = field<HTMLInputElement>("title");
      title.focus();
      title.dispatchEvent(new CompositionEvent("compositionstart", { bubbles: true }));
      title.value = "とうきょう";
      title.dispatchEvent(new InputEvent("input", { bubbles: true, isComposing: true }));
      // Choosing among the candidates takes a while.
      vi.advanceTimersByTime(2000);
      expect(edits).toEqual([]);
      title.value = "東京";
      title.dispatchEvent(new CompositionEvent("compositionend", { bubbles: true, data: "東京" }));
      vi.advanceTimersByTime(1000);
      expect(edits).toEqual([["title", { type: "string", value: "東京" }]]);
    } finally {
      vi.useRealTimers();
    }
  });
});
