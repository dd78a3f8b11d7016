import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { MAX_TOASTS, showError, showStartProblem, showToast } from "./toasts";

beforeEach(() => {
  document.body.innerHTML = '<div id="toasts"></div>';
});

const toasts = () => Array.from(document.querySelectorAll("#toasts .toast"));

describe("toasts", () => {
  it("shows a rejected command's message with its context", () => {
    showError({ kind: "not_found", message: "posts/a.md: no such file" }, "Could not open posts/a.md");
    expect(toasts()).toHaveLength(1);
    expect(toasts()[0].textContent).toContain("Could not open posts/a.md: posts/a.md: no such file");
    expect(toasts()[0].classList.contains("toast-error")).toBe(true);
  });

  it("names the folder last open when it is gone at start, not as a failure to start", () => {
    const gone = "The folder last open, /home/me/blog, is no longer there: open a folder of posts to go on.";
    showStartProblem({ kind: "last_folder_gone", message: gone });
    showStartProblem({ kind: "io", message: "/home/me/other: Permission denied" });
    const said = toasts().map((t) => t.querySelector(".toast-text")!.textContent);
    expect(said).toEqual([gone, "Could not start: /home/me/other: Permission denied"]);
    expect(toasts()[0].classList.contains("toast-error")).toBe(true); // it stays until read
  });

  it("shows plain errors and strings too, nothing swallowed", () => {
    showError(new Error("boom"));
    showError("odd rejection");
    expect(toasts().map((t) => t.querySelector(".toast-text")!.textContent)).toEqual(["boom", "odd rejection"]);
  });

  it("shows toasts in the app's corner even when the previewed post has an element of that id", () => {
    // "## Toasts" in a post, shown in the preview above the app's own host.
    document.body.innerHTML = '<article id="preview" class="preview"><h2 id="toasts">Toasts</h2></article><div id="toasts"></div>';
    showToast("Saved");
    expect(document.querySelector(".preview .toast")).toBeNull();
    expect(document.querySelector("body > #toasts .toast")?.textContent).toContain("Saved");
  });

  it("does not pile up the same message and can be dismissed", () => {
    showError({ kind: "io", message: "disk full" });
    showError({ kind: "io", message: "disk full" });
    showToast("disk full", "info");
    expect(toasts()).toHaveLength(2);
    toasts()[0].querySelector<HTMLButtonElement>(".toast-close")!.click();
    expect(toasts()).toHaveLength(1);
  });
});

describe("many toasts", () => {
  it("never stack past a few: the newest shows, the oldest messages go, errors last", () => {
    showToast("Saved", "success");
    for (let i = 1; i <= MAX_TOASTS + 2; i++) showError({ kind: "io", message: `failure ${i}` });
    const texts = toasts().map((t) => t.querySelector(".toast-text")!.textContent);
    expect(texts).toHaveLength(MAX_TOASTS);
    expect(texts.at(-1)).toBe(`failure ${MAX_TOASTS + 2}`);
    expect(texts).not.toContain("Saved");
    expect(texts[0]).toBe("failure 3");
  });
});

describe("toasts that hide by themselves", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("stay their full time again when the same message is shown again", () => {
    vi.useFakeTimers();
    showToast("Saved", "success");
    vi.advanceTimersByTime(4000);
    // Said again just before it went: it must not vanish a moment later.
    showToast("Saved", "success");
    vi.advanceTimersByTime(1000);
    expect(toasts()).toHaveLength(1);
    vi.advanceTimersByTime(4000);
    expect(toasts()).toHaveLength(0);
  });
});
