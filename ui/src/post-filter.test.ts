import { describe, expect, it } from "vitest";
import { collectTaxonomies, defaultQuery, filterPosts, formatShortDate, sortPosts } from "./post-filter";
import type { PostSummary } from "./types";

const post = (path: string, title: string, date: string | null, draft: boolean, tags: string[] = [], categories: string[] = []): PostSummary => ({
  path, title, date, draft, tags, categories, word_count: 0, problem: null,
});

const posts = [
  post("a.md", "Rust in production", "2025-09-16T09:00:00-05:00", false, ["rust", "production"], ["Dev"]),
  post("b.md", "Go notes", "2025-09-16T10:00:00-05:00", true, ["golang"], ["Dev"]),
  post("c.md", "apple pie", "2024-01-02", false, ["food"], ["Life"]),
  post("d.md", "Undated", null, true),
];

const paths = (list: PostSummary[]) => list.map((p) => p.path);

describe("post filtering", () => {
  it("sorts newest first by instant, undated last", () => {
    expect(paths(sortPosts(posts, "date"))).toEqual(["b.md", "a.md", "c.md", "d.md"]);
  });

  it("sorts by title ignoring case", () => {
    expect(paths(sortPosts(posts, "title"))).toEqual(["c.md", "b.md", "a.md", "d.md"]);
  });

  it("compares instants across offsets, not strings", () => {
    const east = post("e.md", "East", "2025-01-01T08:00:00+09:00", false); // 23:00 UTC the day before
    const west = post("w.md", "West", "2025-01-01T01:00:00-05:00", false); // 06:00 UTC
    expect(paths(sortPosts([east, west], "date"))).toEqual(["w.md", "e.md"]);
  });

  it("filters by status", () => {
    expect(paths(filterPosts(posts, { ...defaultQuery, status: "drafts" }))).toEqual(["b.md", "d.md"]);
    expect(paths(filterPosts(posts, { ...defaultQuery, status: "published" }))).toEqual(["a.md", "c.md"]);
  });

  it("searches title and tags, every word must match", () => {
    expect(paths(filterPosts(posts, { ...defaultQuery, search: "RUST" }))).toEqual(["a.md"]);
    expect(paths(filterPosts(posts, { ...defaultQuery, search: "golang" }))).toEqual(["b.md"]);
    expect(paths(filterPosts(posts, { ...defaultQuery, search: "rust food" }))).toEqual([]);
  });

  it("filters by tag or category", () => {
    expect(paths(filterPosts(posts, { ...defaultQuery, taxonomy: "category:Dev" }))).toEqual(["b.md", "a.md"]);
    expect(paths(filterPosts(posts, { ...defaultQuery, taxonomy: "tag:food" }))).toEqual(["c.md"]);
  });

  it("re-sorts when the list changes", () => {
    const first = filterPosts(posts, defaultQuery);
    const more = [...posts, post("z.md", "Newest", "2026-01-01", false)];
    expect(paths(filterPosts(more, defaultQuery))[0]).toBe("z.md");
    expect(first[0].path).toBe("b.md");
  });

  it("handles 50,000 posts", () => {
    const many = Array.from({ length: 50_000 }, (_, i) =>
      post(`p${i}.md`, `Post ${i}`, `2020-01-${String((i % 28) + 1).padStart(2, "0")}`, i % 2 === 0, [`t${i % 100}`]),
    );
    filterPosts(many, defaultQuery);
    const hits = filterPosts(many, { ...defaultQuery, search: "#t42", status: "drafts" });
    expect(hits.length).toBe(500);
    expect(hits.every((p) => p.draft && p.tags.includes("t42"))).toBe(true);
  });

  it("collects distinct taxonomies", () => {
    expect(collectTaxonomies(posts)).toEqual({
      tags: ["food", "golang", "production", "rust"],
      categories: ["Dev", "Life"],
    });
  });

  it("formats the author's calendar date", () => {
    expect(formatShortDate("2025-09-16T23:30:00-05:00")).toBe("16 Sep 2025");
    expect(formatShortDate("2024-01-02")).toBe("2 Jan 2024");
    expect(formatShortDate(null)).toBe("");
    expect(formatShortDate("someday")).toBe("someday");
  });
});
