import { describe, expect, it } from "vitest";
import { promptNewPostTitle, promptRename } from "./dialogs";

describe("the new post prompt", () => {
  it("reads its own field, not a previewed post's heading of the same id", async () => {
    // "## New post title" in the previewed post, above the app's dialog in the page.
    document.body.innerHTML = `
      <article id="preview" class="preview"><h2 id="new-post-title">New post title</h2></article>
      <dialog id="new-post-dialog"><form id="new-post-form" method="dialog">
        <input id="new-post-title" /><button data-action="cancel" type="button">Cancel</button>
      </form></dialog>`;
    const dialog = document.querySelector("dialog")!;
    dialog.showModal ??= () => dialog.setAttribute("open", "");
    dialog.close ??= () => dialog.removeAttribute("open");
    const asked = promptNewPostTitle(document);
    document.querySelector<HTMLInputElement>("dialog #new-post-title")!.value = "My trip";
    document.querySelector("form")!.dispatchEvent(new Event("submit", { cancelable: true }));
    expect(await asked).toBe("My trip");
  });
});

function dialogPage(): void {
  document.body.innerHTML = `
    <dialog id="new-post-dialog"><form id="new-post-form" method="dialog">
      <input id="new-post-title" required /><button data-action="cancel" type="button">Cancel</button>
    </form></dialog>
    <dialog id="rename-dialog"><form id="rename-form" method="dialog">
      <input id="rename-title" required /><input type="checkbox" id="rename-file" checked />
      <button data-action="cancel" type="button">Cancel</button>
    </form></dialog>`;
  for (const dialog of Array.from(document.querySelectorAll("dialog"))) {
    dialog.showModal ??= () => dialog.setAttribute("open", "");
    dialog.close ??= () => dialog.removeAttribute("open");
  }
}

function submit(formId: string, title: string): HTMLInputElement {
  const form = document.getElementById(formId) as HTMLFormElement;
  const input = form.querySelector<HTMLInputElement>('input:not([type="checkbox"])')!;
  input.value = title;
  input.dispatchEvent(new Event("input"));
  form.dispatchEvent(new Event("submit", { cancelable: true }));
  return input;
}

describe("a title of spaces only", () => {
  it("is refused by the new post prompt with a word in the field, which goes once it is edited", async () => {
    dialogPage();
    const asked = promptNewPostTitle(document);
    const input = submit("new-post-form", "   ");
    expect(input.validationMessage).toBe("A title is needed.");
    expect(document.getElementById("new-post-dialog")!.hasAttribute("open")).toBe(true);
    submit("new-post-form", "  My trip ");
    expect(input.validationMessage).toBe("");
    expect(await asked).toBe("My trip");
  });

  it("is refused by the rename prompt the same way", async () => {
    dialogPage();
    const asked = promptRename("Old title", document);
    const input = submit("rename-form", " \t ");
    expect(input.validationMessage).toBe("A title is needed.");
    expect(document.getElementById("rename-dialog")!.hasAttribute("open")).toBe(true);
    submit("rename-form", "New title");
    expect(await asked).toEqual({ title: "New title", renameFile: true });
  });

  it("leaves no complaint behind for the next time the prompt opens", async () => {
    dialogPage();
    const first = promptNewPostTitle(document);
    const input = submit("new-post-form", " ");
    (document.querySelector("#new-post-form [data-action=cancel]") as HTMLButtonElement).click();
    expect(await first).toBeNull();
    const second = promptNewPostTitle(document);
    expect(input.validity.customError).toBe(false);
    submit("new-post-form", "Later");
    expect(await second).toBe("Later");
  });
});
