import { describe, expect, it } from "vitest";
import { promptNewPostTitle } from "./dialogs";

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
