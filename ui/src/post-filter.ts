// The posts list's query, sort orders and display helpers. Filtering as you type lives in
// post-search.ts; the folded search text is cached per post here.
import type { PostSummary } from "./types";

export type StatusFilter = "all" | "drafts" | "published";
export type SortOrder = "date" | "title";

export type ListQuery = {
  search: string;
  status: StatusFilter;
  /** "" for any, "tag:<name>" or "category:<name>". */
  taxonomy: string;
  sort: SortOrder;
};

export const defaultQuery: ListQuery = { search: "", status: "all", taxonomy: "", sort: "date" };

const haystacks = new WeakMap<PostSummary, string>();

/**
 * Text as the search compares it: lower-cased, and without accents ("Crème" is found as
 * "creme"), whether they were written as one character (é) or as a letter and a combining
 * mark (e + U+0301, as macOS often writes them): either way the letter is found.
 */
export function searchFold(text: string): string {
  const lower = text.toLowerCase();
  // Nearly every title is ASCII: nothing to decompose.
  return /[^\u0000-\u007f]/.test(lower) ? lower.normalize("NFD").replace(/[\u0300-\u036f]/g, "") : lower;
}

/** A post's search text (see searchFold): title, tags and `#tags`, one per line. */
export function haystack(post: PostSummary): string {
  let text = haystacks.get(post);
  if (text === undefined) {
    text = searchFold([post.title, ...post.tags, ...post.tags.map((t) => `#${t}`)].join("\n"));
    haystacks.set(post, text);
  }
  return text;
}

/** Milliseconds since the epoch for sorting; undated posts sort last. */
export function dateSortKey(date: string | null): number {
  if (!date) return Number.NEGATIVE_INFINITY;
  const withTime = /^\d{4}-\d{2}-\d{2}$/.test(date) ? `${date}T00:00:00` : date.replace(" ", "T");
  const ms = Date.parse(withTime);
  return Number.isNaN(ms) ? Number.NEGATIVE_INFINITY : ms;
}

const collator = new Intl.Collator(undefined, { sensitivity: "base", numeric: true });

export function sortPosts(posts: readonly PostSummary[], order: SortOrder): PostSummary[] {
  if (order === "title") {
    return [...posts].sort((a, b) => collator.compare(a.title, b.title) || a.path.localeCompare(b.path));
  }
  const keyed = posts.map((post) => ({ post, key: dateSortKey(post.date) }));
  keyed.sort((a, b) => b.key - a.key || collator.compare(a.post.title, b.post.title));
  return keyed.map((k) => k.post);
}

/** What makes two tags (or categories) one: "Rust" and "rust" (as Hugo and the site export
 * take them), and "Café" with its accent written either way. */
export function taxonomyKey(name: string): string {
  return name.normalize("NFC").toLowerCase();
}

/** Every distinct tag and category, for the filter menu and form suggestions (the first
 * spelling in sort order stands for the others). */
export function collectTaxonomies(posts: readonly PostSummary[]): { tags: string[]; categories: string[] } {
  const tags = new Set<string>();
  const categories = new Set<string>();
  for (const p of posts) {
    p.tags.forEach((t) => tags.add(t));
    p.categories.forEach((c) => categories.add(c));
  }
  const distinct = (s: Set<string>) => {
    const byKey = new Map<string, string>();
    for (const name of [...s].sort((a, b) => collator.compare(a, b))) {
      const key = taxonomyKey(name);
      if (!byKey.has(key)) byKey.set(key, name);
    }
    return [...byKey.values()];
  };
  return { tags: distinct(tags), categories: distinct(categories) };
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** "2025-09-16T09:00:00-05:00" → "16 Sep 2025": the author's calendar date, no zone shift. */
export function formatShortDate(date: string | null): string {
  if (!date) return "";
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
  if (!m) return date;
  const month = MONTHS[Number(m[2]) - 1];
  return month ? `${Number(m[3])} ${month} ${m[1]}` : date;
}
