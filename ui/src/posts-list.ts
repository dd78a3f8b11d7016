// The posts list: search, filters and sort over a virtual list of rows, with a draft toggle
// per row and a context menu for rename, duplicate and delete.
import { sameList } from "./chips";
import { shownPath, visibleText } from "./display-text";
import {
  collectTaxonomies,
  defaultQuery,
  formatShortDate,
  type ListQuery,
  type SortOrder,
  type StatusFilter,
  taxonomyKey,
} from "./post-filter";
import { PostFilter, type PostView } from "./post-search";
import { storageGet, storageSet } from "./storage";
import type { PostSummary } from "./types";
import { VirtualList } from "./virtual-list";

export const ROW_HEIGHT = 54;
const SORT_KEY = "draftsmith.sort";

export type PostsListHandlers = {
  /** Answers (when it can) whether the post was opened. */
  open: (post: PostSummary) => Promise<boolean> | void;
  toggleDraft: (post: PostSummary) => void;
  rename: (post: PostSummary) => void;
  duplicate: (post: PostSummary) => void;
  remove: (post: PostSummary) => void;
};

export class PostsList {
  private posts: PostSummary[] = [];
  private shown: PostView = PostFilter.empty;
  private activePath: string | null = null;
  /** The row the arrow keys last moved to, while its post is being opened: the next key moves
   * on from it, not from the post still open. */
  private movingTo: string | null = null;
  private query: ListQuery = { ...defaultQuery };
  private readonly filter = new PostFilter();
  private readonly list: VirtualList<PostSummary>;
  private readonly search: HTMLInputElement;
  private readonly status: HTMLSelectElement;
  private readonly taxonomy: HTMLSelectElement;
  private readonly sort: HTMLSelectElement;
  private readonly count: HTMLElement;
  private readonly viewport: HTMLElement;
  /** What the count said before a folder was being read, to put back if no posts come. */
  private countBeforeReading: string | null = null;
  private opening = 0;
  private readonly menu: HTMLElement;
  private menuPost: PostSummary | null = null;
  /** What had the focus when the menu opened, given it back when the menu goes. */
  private menuOpener: Element | null = null;

  constructor(
    private readonly doc: Document,
    private readonly handlers: PostsListHandlers,
  ) {
    const byId = <T extends HTMLElement>(id: string) => doc.getElementById(id) as T;
    this.search = byId("search");
    this.status = byId("filter-status");
    this.taxonomy = byId("filter-taxonomy");
    this.sort = byId("sort");
    this.count = byId("posts-count");
    this.menu = byId("context-menu");
    const viewport = byId<HTMLElement>("posts-list");
    this.viewport = viewport;
    this.list = new VirtualList(viewport, ROW_HEIGHT, (post, el) => this.renderRow(post, el), "post-row");

    const savedSort = storageGet(SORT_KEY);
    if (savedSort === "date" || savedSort === "title") this.sort.value = savedSort;
    this.query.sort = this.sort.value as SortOrder;

    this.search.addEventListener("input", () => this.update({ search: this.search.value }));
    this.status.addEventListener("change", () => this.update({ status: this.status.value as StatusFilter }));
    this.taxonomy.addEventListener("change", () => this.update({ taxonomy: this.taxonomy.value }));
    this.sort.addEventListener("change", () => {
      storageSet(SORT_KEY, this.sort.value);
      this.update({ sort: this.sort.value as SortOrder });
    });
    viewport.addEventListener("click", (e) => this.onClick(e));
    viewport.addEventListener("contextmenu", (e) => this.onContextMenu(e));
    viewport.addEventListener("keydown", (e) => this.onKeyDown(e));
    this.menu.addEventListener("click", (e) => this.onMenuClick(e));
    doc.addEventListener("click", (e) => {
      if (!this.menu.contains(e.target as Node)) this.hideMenu();
    });
    doc.addEventListener("keydown", (e) => {
      if (e.key === "Escape") this.hideMenu();
    });
  }

  setPosts(posts: PostSummary[]): void {
    this.posts = posts;
    this.refreshTaxonomyOptions();
    this.apply();
  }

  /** Waits for `open` (a folder being opened) with the count ready to say which folder is
   * being read, as a big site takes seconds: from now with `showNow`, else once the backend
   * names it (`readingFolder`). The count is put back if the read ends with no posts. */
  async whileOpening<T>(open: Promise<T>, showNow = false): Promise<T> {
    this.opening++;
    if (showNow) this.showReading();
    try {
      return await open;
    } finally {
      if (--this.opening === 0) this.doneReading();
    }
  }

  /** The backend is reading `folder`: said only while an open waits for it (the news may come
   * after the posts). */
  readingFolder(folder: string): void {
    if (this.opening > 0) this.showReading(folder);
  }

  private showReading(folder?: string): void {
    const name = folder?.split(/[\\/]/).filter(Boolean).at(-1);
    this.countBeforeReading ??= this.count.textContent ?? "";
    this.count.textContent = `Reading ${name ?? "posts"}…`;
    this.viewport.setAttribute("aria-busy", "true");
  }

  private doneReading(): void {
    if (this.countBeforeReading === null) return;
    this.count.textContent = this.countBeforeReading;
    this.countBeforeReading = null;
    this.viewport.setAttribute("aria-busy", "false");
  }

  allPosts(): readonly PostSummary[] {
    return this.posts;
  }

  /** Replaces one post's summary (after a draft toggle or rename) without a full reload. */
  upsert(post: PostSummary, oldPath = post.path): void {
    // The watcher may have listed a renamed post at its new path already: it is replaced there,
    // never listed twice.
    let index = this.posts.findIndex((p) => p.path === oldPath);
    if (index < 0) index = this.posts.findIndex((p) => p.path === post.path);
    const old = this.posts[index];
    const posts = index >= 0 ? this.posts.map((p, i) => (i === index ? post : p)) : [...this.posts, post];
    this.posts = oldPath === post.path ? posts : posts.filter((p) => p === post || p.path !== post.path);
    if (old) this.filter.replaced(this.posts, old, post); // a save: usually no re-sort needed
    // No watcher event follows our own saves: a tag or category they add or take away is
    // offered or withdrawn here (collecting them walks every post, so only then).
    if (!old || !sameList(old.tags, post.tags) || !sameList(old.categories, post.categories)) this.refreshTaxonomyOptions();
    this.apply();
  }

  removePath(path: string): void {
    this.posts = this.posts.filter((p) => p.path !== path);
    this.refreshTaxonomyOptions();
    this.apply();
  }

  setActive(path: string | null): void {
    this.activePath = path;
    this.movingTo = null;
    this.list.forEachRow((post, el) => this.markActive(post, el));
    const index = path === null ? -1 : this.shown.findIndex((p) => p.path === path);
    if (index >= 0) this.list.scrollToIndex(index);
  }

  private update(change: Partial<ListQuery>): void {
    this.query = { ...this.query, ...change };
    this.apply();
  }

  private apply(): void {
    this.shown = this.filter.filter(this.posts, this.query);
    this.filter.warmUp();
    this.list.setItems(this.shown);
    const total = this.posts.length;
    const posts = total === 1 ? "post" : "posts";
    this.count.textContent =
      this.shown.length === total ? `${total} ${posts}` : `${this.shown.length} of ${total} ${posts}`;
    if (this.countBeforeReading !== null) {
      this.countBeforeReading = null;
      this.viewport.setAttribute("aria-busy", "false");
    }
  }

  private refreshTaxonomyOptions(): void {
    const { tags, categories } = collectTaxonomies(this.posts);
    const current = this.taxonomy.value;
    const options: HTMLElement[] = [this.option("Any tag or category", "")];
    const group = (label: string, prefix: string, names: string[]) => {
      if (names.length === 0) return;
      const og = this.doc.createElement("optgroup");
      og.label = label;
      for (const name of names) og.appendChild(this.option(name, `${prefix}:${name}`));
      options.push(og);
    };
    group("Tags", "tag", tags);
    group("Categories", "category", categories);
    this.taxonomy.replaceChildren(...options);
    this.taxonomy.value = current;
    if (this.taxonomy.value !== current) {
      // The one spelling that stood for the tag (or category) may have gone while others stay
      // ("Rust" now written "rust"): the filter stays on it; it is dropped once the tag went.
      const [kind, ...rest] = current.split(":");
      const key = taxonomyKey(rest.join(":"));
      const same = (kind === "tag" ? tags : kind === "category" ? categories : []).find((n) => taxonomyKey(n) === key);
      this.taxonomy.value = same === undefined ? "" : `${kind}:${same}`;
      this.query.taxonomy = this.taxonomy.value;
    }
  }

  private option(label: string, value: string): HTMLOptionElement {
    const option = this.doc.createElement("option");
    option.value = value;
    option.textContent = label;
    return option;
  }

  /** Marks `el` as the open post's row or not, touching it only if that changed: opening a
   * post lays no row out again. */
  private markActive(post: PostSummary, el: HTMLElement): void {
    const active = post.path === this.activePath;
    const selected = String(active);
    if (el.getAttribute("aria-selected") !== selected) el.setAttribute("aria-selected", selected);
    el.classList.toggle("active", active);
  }

  private renderRow(post: PostSummary, el: HTMLElement): void {
    el.dataset.path = post.path;
    el.setAttribute("role", "option");
    this.markActive(post, el);
    el.classList.toggle("has-problem", post.problem !== null);
    const path = shownPath(post.path);
    el.title = visibleText(post.problem ? `${path}\n${post.problem}` : path);

    const title = this.doc.createElement("div");
    title.className = "post-title";
    title.textContent = visibleText(post.title || post.path);
    if (post.draft) {
      const badge = this.doc.createElement("span");
      badge.className = "draft-badge";
      badge.textContent = "Draft";
      title.prepend(badge);
    }

    const meta = this.doc.createElement("div");
    meta.className = "post-meta";
    if (post.problem) {
      const problem = this.doc.createElement("span");
      problem.className = "post-problem";
      problem.textContent = `⚠ ${post.problem}`;
      meta.appendChild(problem);
    } else {
      const date = formatShortDate(post.date);
      const tags = post.tags.map((t) => `#${t}`).join(" ");
      meta.textContent = [date, tags].filter(Boolean).join(" · ");
    }

    const toggle = this.doc.createElement("button");
    toggle.type = "button";
    toggle.className = "draft-toggle";
    if (post.problem) {
      // Its draft state is not known (the list shows it with the drafts), and a toggle would
      // have to rewrite front matter that cannot be read: the row's problem says what to fix.
      toggle.setAttribute("aria-pressed", "mixed");
      toggle.disabled = true;
      toggle.title = "Neither draft nor published until the problem is fixed: open the post to fix it";
    } else {
      toggle.setAttribute("aria-pressed", String(post.draft));
      toggle.title = post.draft ? "Draft: click to publish" : "Published: click to make a draft";
    }
    toggle.setAttribute("aria-label", toggle.title);

    const more = this.doc.createElement("button");
    more.type = "button";
    more.className = "post-more";
    more.setAttribute("aria-label", "More actions");
    more.textContent = "⋯";

    const text = this.doc.createElement("div");
    text.className = "post-text";
    text.append(title, meta);
    el.replaceChildren(text, toggle, more);
  }

  private postAt(target: EventTarget | null): PostSummary | null {
    const row = (target as Element | null)?.closest<HTMLElement>(".post-row");
    const path = row?.dataset.path;
    return path === undefined ? null : (this.posts.find((p) => p.path === path) ?? null);
  }

  private onClick(e: MouseEvent): void {
    const post = this.postAt(e.target);
    if (!post) return;
    const target = e.target as Element;
    if (target.closest(".draft-toggle")) {
      if (post.problem === null) this.handlers.toggleDraft(post);
    } else if (target.closest(".post-more")) {
      e.stopPropagation();
      const rect = target.getBoundingClientRect();
      this.showMenu(post, rect.left, rect.bottom);
    } else {
      this.handlers.open(post);
    }
  }

  private onContextMenu(e: MouseEvent): void {
    const post = this.postAt(e.target);
    if (post) {
      e.preventDefault();
      this.showMenu(post, e.clientX, e.clientY);
      return;
    }
    // The Menu key or Shift+F10 on the list itself: the menu of the open post, by its row.
    if (e.target !== this.viewport) return;
    const active = this.posts.find((p) => p.path === this.activePath);
    const index = this.shown.findIndex((p) => p.path === this.activePath);
    if (!active || index < 0) return;
    // Scrolled out of view, its row is not drawn: it is brought into view for the menu.
    this.list.scrollToIndex(index);
    const row = this.rowInView(this.activePath);
    if (!row) return;
    e.preventDefault();
    const rect = row.getBoundingClientRect();
    this.showMenu(active, rect.left + 16, rect.bottom);
  }

  /** The row in view (not parked) of the post at `path`. */
  private rowInView(path: string | null): HTMLElement | null {
    let found: HTMLElement | null = null;
    this.list.forEachRow((post, el) => {
      if (post.path === path && el.classList.contains("post-row")) found = el;
    });
    return found;
  }

  private onKeyDown(e: KeyboardEvent): void {
    if (e.key !== "ArrowDown" && e.key !== "ArrowUp") return;
    e.preventDefault();
    const from = (path: string | null) => this.shown.findIndex((p) => p.path === path);
    const moving = from(this.movingTo);
    const index = moving >= 0 ? moving : from(this.activePath);
    const next = this.shown.at(Math.min(this.shown.length - 1, Math.max(0, index + (e.key === "ArrowDown" ? 1 : -1))));
    if (!next) return;
    this.movingTo = next.path;
    // Not opened (its changes could not be saved): the next key moves on from the open post.
    void this.handlers.open(next)?.then((opened) => {
      if (!opened && this.movingTo === next.path) this.movingTo = null;
    });
  }

  private showMenu(post: PostSummary, x: number, y: number): void {
    if (this.menu.hidden) this.menuOpener = this.doc.activeElement;
    this.menuPost = post;
    this.menu.hidden = false;
    const width = this.menu.offsetWidth || 180;
    const height = this.menu.offsetHeight || 110;
    const view = this.doc.defaultView;
    this.menu.style.left = `${Math.min(x, (view?.innerWidth ?? 1000) - width - 4)}px`;
    this.menu.style.top = `${Math.min(y, (view?.innerHeight ?? 800) - height - 4)}px`;
    this.menu.querySelector<HTMLElement>("button")?.focus();
  }

  private hideMenu(): void {
    // Focus left in the hidden menu would be lost (and a dialog the action opens gives it back
    // there when it closes): it goes back to where it was, or to the list if that row went.
    const hadFocus = this.menu.contains(this.doc.activeElement);
    this.menu.hidden = true;
    this.menuPost = null;
    if (hadFocus) {
      const opener = this.menuOpener;
      (opener instanceof HTMLElement && opener.isConnected && opener !== this.doc.body ? opener : this.viewport).focus();
    }
    this.menuOpener = null;
  }

  private onMenuClick(e: MouseEvent): void {
    const action = (e.target as Element).closest<HTMLElement>("[data-action]")?.dataset.action;
    const post = this.menuPost;
    this.hideMenu();
    if (!post) return;
    if (action === "rename") this.handlers.rename(post);
    else if (action === "duplicate") this.handlers.duplicate(post);
    else if (action === "delete") this.handlers.remove(post);
  }
}
