// Filtering the posts list as you type, built for 50,000 posts per keystroke. The posts are
// sorted once per (list, order). In the background their search text is prepared, joined into
// one string that `indexOf` scans, and indexed by character, so the first letter typed is a
// lookup. The hits of every prefix of the current search are kept: typing on narrows the last
// hits when they are few, and backspacing reuses earlier ones. A result is a view over the
// sorted posts, never a copy of them.
import { sameList } from "./chips";
import { haystack, type ListQuery, searchFold, type SortOrder, sortPosts, taxonomyKey } from "./post-filter";
import type { PostSummary } from "./types";

/** Posts prepared per background task, so warming up never holds the window for long. */
const WARM_SLICE = 5_000;
/** Between two posts' texts in the joined string; a search word never holds it. */
const SEPARATOR = "\u0000";
/** Prefixes of the search kept with their hits. */
const MAX_KEPT = 32;
/** Checking each of the last hits beats scanning the joined text when they are this few. */
const NARROW_BELOW = 1 / 8;

/** Some of the sorted posts, in order. */
export class PostView {
  constructor(
    private readonly sorted: readonly PostSummary[],
    /** Indices into `sorted`, ascending; null for all of them. */
    readonly indices: Int32Array | null,
  ) {}

  get length(): number {
    return this.indices ? this.indices.length : this.sorted.length;
  }

  at(k: number): PostSummary | undefined {
    if (k < 0 || k >= this.length) return undefined;
    return this.sorted[this.indices ? (this.indices[k] as number) : k];
  }

  findIndex(test: (post: PostSummary) => boolean): number {
    for (let k = 0; k < this.length; k++) if (test(this.at(k) as PostSummary)) return k;
    return -1;
  }

  toArray(): PostSummary[] {
    return Array.from({ length: this.length }, (_, k) => this.at(k) as PostSummary);
  }
}

type Hits = { search: string; view: PostView };

export class PostFilter {
  static readonly empty = new PostView([], null);
  private source: readonly PostSummary[] | null = null;
  private order: SortOrder | null = null;
  private sorted: PostSummary[] = [];
  /** Search text of `sorted[i]`, prepared up to `texts.length`. */
  private texts: string[] = [];
  /** Every text joined with SEPARATOR, and where each starts in it; null until all are ready. */
  private joined: { text: string; starts: Int32Array } | null = null;
  /** For each character (UTF-16 unit), the posts whose text holds it (ascending); null until
   * built. */
  private byChar: Map<string, Int32Array> | null = null;
  /** The character index while warm-up builds it, a slice of posts per task. */
  private indexing: { next: number; lists: Map<number, number[]>; lastSeen: Int32Array } | null = null;
  /** Hits under the current status and taxonomy `filters`, for growing prefixes of the search. */
  private kept: Hits[] = [];
  private filters = "";
  private warming = false;

  filter(posts: readonly PostSummary[], query: ListQuery): PostView {
    if (posts !== this.source || query.sort !== this.order) this.reset(posts, query.sort);
    const filters = `${query.status}\n${query.taxonomy}`;
    if (filters !== this.filters) {
      this.filters = filters;
      this.kept = [];
    }
    const search = searchFold(query.search);
    // Drop what no longer is a prefix (backspace, a pasted replacement).
    while (this.kept.length > 0 && !search.startsWith((this.kept.at(-1) as Hits).search)) this.kept.pop();
    const top = this.kept.at(-1);
    if (top?.search === search) return top.view;

    const view = new PostView(this.sorted, this.find(search, query, top));
    this.kept.push({ search, view });
    if (this.kept.length > MAX_KEPT) this.kept.shift();
    return view;
  }

  /** Prepares the search in the background, a slice per task, so the first keystroke in the
   * search box does not pay for every post at once. */
  warmUp(schedule: (task: () => void) => unknown = (task) => setTimeout(task, 0)): void {
    if (this.warming || this.byChar !== null) return;
    this.warming = true;
    schedule(() => {
      this.warming = false;
      if (this.texts.length < this.sorted.length) this.prepareUpTo(this.texts.length + WARM_SLICE);
      else if (this.joined === null) this.join();
      else this.indexCharacters((this.indexing?.next ?? 0) + WARM_SLICE);
      this.warmUp(schedule);
    });
  }

  private find(search: string, query: ListQuery, top: Hits | undefined): Int32Array | null {
    const words = search.split(/\s+/).filter(Boolean);
    const keep = postTest(query);
    const trivial = query.status === "all" && query.taxonomy === "";
    if (words.length === 0) return trivial ? null : this.select(null, keep, []);
    this.prepareUpTo(this.sorted.length);
    const [first, ...rest] = words as [string, ...string[]];
    const narrowed = top?.search.trim() ? top.view.indices : null;
    // A grown search's words each contain one of its prefix's: its hits are a subset.
    if (narrowed && narrowed.length < this.sorted.length * NARROW_BELOW) return this.select(narrowed, () => true, words);
    if (first.length === 1 && this.byChar !== null) {
      const withChar = this.byChar.get(first) ?? new Int32Array(0);
      return trivial && rest.length === 0 ? withChar : this.select(withChar, keep, rest);
    }
    return this.scan(first, rest, keep);
  }

  /** The candidates (all posts for null) that pass `keep` and hold every word. */
  private select(candidates: Int32Array | null, keep: (post: PostSummary) => boolean, words: string[]): Int32Array {
    const out: number[] = [];
    const count = candidates ? candidates.length : this.sorted.length;
    for (let k = 0; k < count; k++) {
      const i = candidates ? (candidates[k] as number) : k;
      if (keep(this.sorted[i] as PostSummary) && containsAll(this.texts[i] as string, words)) out.push(i);
    }
    return Int32Array.from(out);
  }

  /** `first` found with `indexOf` over the joined texts (one pass, jumping from post to
   * post), the other words and filters checked per hit. */
  private scan(first: string, rest: string[], keep: (post: PostSummary) => boolean): Int32Array {
    // A title may hold the separator itself (a YAML "\0"): such a word is checked post by post.
    if (first.includes(SEPARATOR)) return this.select(null, keep, [first, ...rest]);
    const { text, starts } = this.joined ?? this.join();
    const out: number[] = [];
    let at = text.indexOf(first);
    while (at !== -1) {
      const i = postAt(starts, at);
      if (keep(this.sorted[i] as PostSummary) && containsAll(this.texts[i] as string, rest)) out.push(i);
      at = i + 1 < starts.length ? text.indexOf(first, starts[i + 1]) : -1;
    }
    return Int32Array.from(out);
  }

  private reset(posts: readonly PostSummary[], order: SortOrder): void {
    this.source = posts;
    this.order = order;
    this.sorted = sortPosts(posts, order);
    this.texts = [];
    this.joined = null;
    this.byChar = null;
    this.indexing = null;
    this.kept = [];
  }

  /**
   * `posts` is the list last filtered with `old` replaced by `post` (a save). When the two sort
   * alike (same path, title and date: what a save seldom changes), `post` takes `old`'s place in
   * the sorted list, and only what its search text or status changes is prepared again, instead
   * of every post being sorted and prepared anew (on 50,000 posts ~50 ms at once, and the
   * search's warm-up after it). Otherwise the next filter starts over.
   */
  replaced(posts: readonly PostSummary[], old: PostSummary, post: PostSummary): void {
    const i = this.sorted.indexOf(old);
    if (i < 0 || posts.length !== this.sorted.length) return;
    if (old.path !== post.path || old.title !== post.title || old.date !== post.date) return;
    this.sorted[i] = post;
    this.source = posts;
    const textChanged = haystack(old) !== haystack(post);
    if (textChanged && i < this.texts.length) {
      this.texts[i] = haystack(post);
      this.joined = null;
      this.byChar = null;
      this.indexing = null;
    }
    // The filters match tags and categories by their key (see taxonomyKey), and the status
    // by the draft flag and the problem.
    const filtersMayDiffer =
      old.draft !== post.draft || old.problem !== post.problem || !sameList(old.tags, post.tags) || !sameList(old.categories, post.categories);
    if (textChanged || filtersMayDiffer) this.kept = [];
  }

  private prepareUpTo(end: number): void {
    const stop = Math.min(end, this.sorted.length);
    for (let i = this.texts.length; i < stop; i++) this.texts.push(haystack(this.sorted[i] as PostSummary));
  }

  private join(): { text: string; starts: Int32Array } {
    const starts = new Int32Array(this.texts.length);
    let offset = 0;
    this.texts.forEach((text, i) => {
      starts[i] = offset;
      offset += text.length + SEPARATOR.length;
    });
    this.joined = { text: this.texts.join(SEPARATOR), starts };
    return this.joined;
  }

  /** Indexes the characters of the posts up to `end`; the index is ready once all are done.
   * By UTF-16 unit, each post once per unit (`lastSeen`), not a Map lookup per code point: on
   * 50,000 posts ten tasks of 6–11 ms (~80 ms in all) where one task took 115–170 ms. */
  private indexCharacters(end: number): void {
    const state = (this.indexing ??= { next: 0, lists: new Map(), lastSeen: new Int32Array(0x10000).fill(-1) });
    const stop = Math.min(end, this.texts.length);
    for (let i = state.next; i < stop; i++) {
      const text = this.texts[i] as string;
      for (let k = 0; k < text.length; k++) {
        const code = text.charCodeAt(k);
        if (state.lastSeen[code] === i) continue;
        state.lastSeen[code] = i;
        const list = state.lists.get(code);
        if (list) list.push(i);
        else state.lists.set(code, [i]);
      }
    }
    state.next = stop;
    if (stop < this.texts.length) return;
    this.byChar = new Map([...state.lists].map(([code, list]) => [String.fromCharCode(code), Int32Array.from(list)]));
    this.indexing = null;
  }
}

/** The index of the post whose text holds offset `at` of the joined string. */
function postAt(starts: Int32Array, at: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if ((starts[mid] as number) <= at) low = mid;
    else high = mid - 1;
  }
  return low;
}

function containsAll(text: string, words: readonly string[]): boolean {
  for (const word of words) if (!text.includes(word)) return false;
  return true;
}

/** The status and taxonomy part of a query as one test, parsed once per query. */
function postTest(query: ListQuery): (post: PostSummary) => boolean {
  const status = query.status;
  const [kind, ...rest] = query.taxonomy.split(":");
  const name = rest.join(":");
  const key = taxonomyKey(name);
  const byTaxonomy = query.taxonomy !== "";
  // The exact spelling first: the key is made only for posts without it.
  const has = (names: string[]) => names.includes(name) || names.some((n) => taxonomyKey(n) === key);
  return (post) => {
    // A post whose front matter cannot be read is not known to be published: the site export
    // and the CLI's `list --published` leave it out, so it is listed with the drafts.
    const published = !post.draft && post.problem === null;
    if (status === "drafts" && published) return false;
    if (status === "published" && !published) return false;
    return !byTaxonomy || has(kind === "category" ? post.categories : post.tags);
  };
}

/** Filters and sorts in one call, keeping nothing between calls. */
export function filterPosts(posts: readonly PostSummary[], query: ListQuery): PostSummary[] {
  return new PostFilter().filter(posts, query).toArray();
}
