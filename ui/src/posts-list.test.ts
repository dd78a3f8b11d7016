import { beforeEach, describe, expect, it, vi } from "vitest";
import { PostsList, type PostsListHandlers } from "./posts-list";
import type { PostSummary } from "./types";

const post = (path: string, title: string, draft: boolean, problem: string | null = null): PostSummary => ({
  path,
  title,
  date: "2025-01-0" + (path.length % 9) + "T10:00:00Z",
  draft,
  tags: ["t"],
  categories: [],
  word_count: 10,
  problem,
});

let handlers: { [K in keyof PostsListHandlers]: ReturnType<typeof vi.fn> };
let list: PostsList;

beforeEach(() => {
  localStorage.clear();
  document.body.innerHTML = `
    <input id="search" /><select id="filter-status"><option value="all">All</option><option value="drafts">Drafts</option>
    <option value="published">Published</option></select><select id="filter-taxonomy"></select>
    <select id="sort"><option value="date">Newest</option><option value="title">Title</option></select>
    <div id="posts-count"></div><div id="posts-list"></div>
    <div id="context-menu" hidden><button data-action="rename"></button><button data-action="duplicate"></button>
    <button data-action="delete"></button></div>`;
  Object.defineProperty(document.getElementById("posts-list")!, "clientHeight", { value: 400 });
  handlers = { open: vi.fn(), toggleDraft: vi.fn(), rename: vi.fn(), duplicate: vi.fn(), remove: vi.fn() };
  list = new PostsList(document, handlers);
  list.setPosts([post("a.md", "Alpha", true), post("bb.md", "Beta", false), post("ccc.md", "Broken", false, "bad YAML")]);
});

const row = (path: string) => document.querySelector<HTMLElement>(`.post-row[data-path="${path}"]`);

describe("PostsList", () => {
  it("says which folder is being read while one opens, until its posts come or the read ends", async () => {
    const count = document.getElementById("posts-count")!;
    const viewport = document.getElementById("posts-list")!;
    list.readingFolder("/home/me/old"); // no folder being opened: old news
    expect(count.textContent).toBe("3 posts");
    let answer: (posts: PostSummary[] | null) => void = () => {};
    let opened = list.whileOpening(new Promise<PostSummary[] | null>((r) => (answer = r)));
    expect(count.textContent).toBe("3 posts"); // the dialog is still up
    list.readingFolder("/home/me/blog");
    expect(count.textContent).toBe("Reading blog…");
    expect(viewport.getAttribute("aria-busy")).toBe("true");
    answer([post("a.md", "Alpha", true)]);
    list.setPosts((await opened)!);
    expect(count.textContent).toBe("1 post");
    expect(viewport.getAttribute("aria-busy")).toBe("false");

    opened = list.whileOpening(new Promise((r) => (answer = r)), true); // at start-up
    expect(count.textContent).toBe("Reading posts…");
    list.readingFolder("C:\\Users\\me\\site\\");
    expect(count.textContent).toBe("Reading site…");
    answer(null); // the read failed: the list it shows is counted again
    await opened;
    expect(count.textContent).toBe("1 post");
    expect(viewport.getAttribute("aria-busy")).toBe("false");
  });

  it("shows a post whose file name is not UTF-8 by its name, not the bytes that follow it", () => {
    const problem = "the file's name is not valid UTF-8; rename the file to use it in Draftsmith";
    list.setPosts([post("posts/caf\uFFFD.md\u0000706f7374732f636166e92e6d64", "caf\uFFFD", false, problem)]);
    const el = document.querySelector<HTMLElement>(".post-row")!;
    expect(el.title).toBe(`posts/caf\uFFFD.md\n${problem}`);
    expect(el.querySelector(".post-problem")!.textContent).toBe(`⚠ ${problem}`);
  });

  it("renders rows with the test hooks", () => {
    expect(row("a.md")!.querySelector(".draft-badge")).not.toBeNull();
    expect(row("a.md")!.querySelector(".draft-toggle")!.getAttribute("aria-pressed")).toBe("true");
    expect(row("bb.md")!.querySelector(".draft-badge")).toBeNull();
    expect(row("bb.md")!.querySelector(".draft-toggle")!.getAttribute("aria-pressed")).toBe("false");
    expect(row("ccc.md")!.querySelector(".post-problem")!.textContent).toContain("bad YAML");
    expect(document.getElementById("posts-count")!.textContent).toBe("3 posts");
  });

  it("opens on click and toggles drafts without opening", () => {
    row("bb.md")!.querySelector<HTMLElement>(".post-title")!.click();
    expect(handlers.open).toHaveBeenCalledWith(expect.objectContaining({ path: "bb.md" }));
    row("a.md")!.querySelector<HTMLElement>(".draft-toggle")!.click();
    expect(handlers.toggleDraft).toHaveBeenCalledWith(expect.objectContaining({ path: "a.md" }));
    expect(handlers.open).toHaveBeenCalledTimes(1);
  });

  it("does not offer to toggle a post whose front matter cannot be read, saying why", () => {
    const toggle = row("ccc.md")!.querySelector<HTMLButtonElement>(".draft-toggle")!;
    expect(toggle.disabled).toBe(true);
    expect(toggle.getAttribute("aria-pressed")).toBe("mixed");
    expect(toggle.title).not.toContain("Published");
    expect(toggle.getAttribute("aria-label")).toBe(toggle.title);
    toggle.dispatchEvent(new MouseEvent("click", { bubbles: true }));
    expect(handlers.toggleDraft).not.toHaveBeenCalled();
  });

  it("filters by status and search as you type", () => {
    const status = document.getElementById("filter-status") as HTMLSelectElement;
    status.value = "drafts";
    status.dispatchEvent(new Event("change"));
    expect(row("a.md")).not.toBeNull();
    expect(row("bb.md")).toBeNull();
    status.value = "all";
    status.dispatchEvent(new Event("change"));
    const search = document.getElementById("search") as HTMLInputElement;
    search.value = "bet";
    search.dispatchEvent(new Event("input"));
    expect(row("bb.md")).not.toBeNull();
    expect(row("a.md")).toBeNull();
    expect(document.getElementById("posts-count")!.textContent).toBe("1 of 3 posts");
    list.setPosts([post("a.md", "Alpha", true)]);
    expect(document.getElementById("posts-count")!.textContent).toBe("0 of 1 post");
    search.value = "";
    search.dispatchEvent(new Event("input"));
    expect(document.getElementById("posts-count")!.textContent).toBe("1 post");
  });

  it("keeps a tag filter when the list changes the spelling that stands for the tag, and drops it when the tag went", () => {
    const tagged = (path: string, tags: string[]): PostSummary => ({ ...post(path, path, false), tags });
    list.setPosts([tagged("a.md", ["Rust"]), tagged("b.md", ["rust"]), tagged("c.md", ["go"])]);
    const taxonomy = document.getElementById("filter-taxonomy") as HTMLSelectElement;
    taxonomy.value = "tag:Rust";
    taxonomy.dispatchEvent(new Event("change"));
    expect(document.getElementById("posts-count")!.textContent).toBe("2 of 3 posts");
    // a.md's tag written "rust" too (or a.md gone): the tag is now listed as "rust".
    list.setPosts([tagged("a.md", ["rust"]), tagged("b.md", ["rust"]), tagged("c.md", ["go"])]);
    expect(taxonomy.value).toBe("tag:rust");
    expect(document.getElementById("posts-count")!.textContent).toBe("2 of 3 posts");
    expect(row("c.md")).toBeNull();
    list.setPosts([tagged("c.md", ["go"])]);
    expect(taxonomy.value).toBe("");
    expect(document.getElementById("posts-count")!.textContent).toBe("1 post");
  });

  it("offers a tag a save added in the tag filter at once, and no longer one a save took away", () => {
    const taxonomy = document.getElementById("filter-taxonomy") as HTMLSelectElement;
    const offered = () => Array.from(taxonomy.querySelectorAll("option"), (o) => o.value);
    expect(offered()).toEqual(["", "tag:t"]);
    // Our own saves raise no watcher event: the list hears of them through upsert alone.
    list.upsert({ ...post("a.md", "Alpha", true), tags: ["t", "fresh"], categories: ["Notes"] });
    expect(offered()).toEqual(["", "tag:fresh", "tag:t", "category:Notes"]);
    taxonomy.value = "tag:fresh";
    taxonomy.dispatchEvent(new Event("change"));
    expect(document.getElementById("posts-count")!.textContent).toBe("1 of 3 posts");
    list.upsert({ ...post("a.md", "Alpha", true), tags: ["t"] });
    expect(offered()).toEqual(["", "tag:t"]);
    expect(taxonomy.value).toBe("");
    expect(document.getElementById("posts-count")!.textContent).toBe("3 posts");
    list.upsert({ ...post("a.md", "Alpha", true), tags: ["fresh"] });
    list.removePath("a.md"); // deleted from the list's menu
    expect(offered()).toEqual(["", "tag:t"]);
  });

  it("runs context actions on the chosen post", () => {
    row("bb.md")!.dispatchEvent(new MouseEvent("contextmenu", { bubbles: true, cancelable: true }));
    expect(document.getElementById("context-menu")!.hidden).toBe(false);
    document.querySelector<HTMLElement>('#context-menu [data-action="delete"]')!.click();
    expect(handlers.remove).toHaveBeenCalledWith(expect.objectContaining({ path: "bb.md" }));
    expect(document.getElementById("context-menu")!.hidden).toBe(true);
  });

  it("opens the open post's menu from the keyboard (the Menu key on the list)", () => {
    const viewport = document.getElementById("posts-list")!;
    viewport.dispatchEvent(new MouseEvent("contextmenu", { bubbles: true, cancelable: true }));
    expect(document.getElementById("context-menu")!.hidden).toBe(true); // no post open
    list.setActive("bb.md");
    const menuKey = new MouseEvent("contextmenu", { bubbles: true, cancelable: true });
    viewport.dispatchEvent(menuKey);
    expect(menuKey.defaultPrevented).toBe(true);
    expect(document.getElementById("context-menu")!.hidden).toBe(false);
    document.querySelector<HTMLElement>('#context-menu [data-action="duplicate"]')!.click();
    expect(handlers.duplicate).toHaveBeenCalledWith(expect.objectContaining({ path: "bb.md" }));
  });

  it("opens the open post's menu from the keyboard when its row is scrolled out of view", async () => {
    const many = Array.from({ length: 200 }, (_, i) => post(`p${String(i).padStart(3, "0")}.md`, `Post ${i}`, false));
    list.setPosts(many);
    list.setActive("p000.md");
    const viewport = document.getElementById("posts-list")!;
    viewport.scrollTop = 150 * 54; // scrolled far down: the open post's row is not drawn
    viewport.dispatchEvent(new Event("scroll"));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(row("p000.md")).toBeNull();
    const menuKey = new MouseEvent("contextmenu", { bubbles: true, cancelable: true });
    viewport.dispatchEvent(menuKey);
    expect(menuKey.defaultPrevented).toBe(true);
    expect(document.getElementById("context-menu")!.hidden).toBe(false);
    expect(row("p000.md")).not.toBeNull(); // brought into view, where the menu stands
    document.querySelector<HTMLElement>('#context-menu [data-action="rename"]')!.click();
    expect(handlers.rename).toHaveBeenCalledWith(expect.objectContaining({ path: "p000.md" }));
  });

  it("gives the focus back when its menu goes, by Escape or by an action chosen from it", () => {
    const more = row("bb.md")!.querySelector<HTMLButtonElement>(".post-more")!;
    more.focus();
    more.click();
    expect(document.activeElement?.closest("#context-menu")).not.toBeNull();
    document.dispatchEvent(new KeyboardEvent("keydown", { key: "Escape" }));
    expect(document.getElementById("context-menu")!.hidden).toBe(true);
    expect(document.activeElement).toBe(more);
    more.click();
    document.querySelector<HTMLElement>('#context-menu [data-action="rename"]')!.click();
    expect(handlers.rename).toHaveBeenCalledWith(expect.objectContaining({ path: "bb.md" }));
    expect(document.activeElement).toBe(more);
  });

  it("marks the open post's row without drawing any row again, parked rows included", () => {
    const title = row("bb.md")!.querySelector(".post-title");
    list.setActive("bb.md");
    expect(row("bb.md")!.classList.contains("active")).toBe(true);
    expect(row("bb.md")!.getAttribute("aria-selected")).toBe("true");
    expect(row("bb.md")!.querySelector(".post-title")).toBe(title);
    // Filtered out, its row parked; another post opened; listed again, it is not marked.
    const search = document.getElementById("search") as HTMLInputElement;
    search.value = "alp";
    search.dispatchEvent(new Event("input"));
    expect(row("bb.md")).toBeNull();
    list.setActive("a.md");
    search.value = "";
    search.dispatchEvent(new Event("input"));
    expect(row("bb.md")!.querySelector(".post-title")).toBe(title);
    expect(row("bb.md")!.classList.contains("active")).toBe(false);
    expect(row("bb.md")!.getAttribute("aria-selected")).toBe("false");
    expect(row("a.md")!.classList.contains("active")).toBe(true);
  });

  it("lists a renamed post once, whether or not the watcher reported the rename first", () => {
    const paths = () => list.allPosts().map((p) => p.path);
    list.upsert(post("alpha-2.md", "Alpha 2", true), "a.md");
    expect(paths()).toEqual(["alpha-2.md", "bb.md", "ccc.md"]);
    // reported first: the list already holds the new path (and not the old)
    list.setPosts([post("bb.md", "Beta", false), post("beta-2.md", "Beta 2", false)]);
    list.upsert(post("beta-2.md", "Beta 2", false), "bb-old.md");
    expect(paths()).toEqual(["bb.md", "beta-2.md"]);
    // reported while the old entry is still there too
    list.setPosts([post("bb.md", "Beta", false), post("gamma.md", "Gamma", false)]);
    list.upsert(post("gamma.md", "Gamma", false), "bb.md");
    expect(paths()).toEqual(["gamma.md"]);
    expect(document.querySelectorAll('.post-row[data-path="gamma.md"]').length).toBe(1);
  });

  it("updates one row in place after a draft change", () => {
    list.upsert(post("a.md", "Alpha", false));
    expect(row("a.md")!.querySelector(".draft-toggle")!.getAttribute("aria-pressed")).toBe("false");
    expect(row("a.md")!.querySelector(".draft-badge")).toBeNull();
  });

  it("moves on from the row moved to when arrow keys come faster than the posts open", async () => {
    const viewport = document.getElementById("posts-list")!;
    const press = (key: string) => viewport.dispatchEvent(new KeyboardEvent("keydown", { key, cancelable: true }));
    list.setActive("ccc.md"); // newest first: ccc, bb, a
    press("ArrowDown");
    press("ArrowDown"); // bb is still being opened
    expect(handlers.open.mock.calls.map(([p]) => p.path)).toEqual(["bb.md", "a.md"]);
    list.setActive("a.md");
    press("ArrowUp");
    expect(handlers.open.mock.calls.at(-1)![0].path).toBe("bb.md");
    handlers.open.mockResolvedValueOnce(false); // refused: a still stays open
    press("ArrowUp");
    await Promise.resolve();
    press("ArrowUp");
    expect(handlers.open.mock.calls.at(-1)![0].path).toBe("bb.md");
  });
});
