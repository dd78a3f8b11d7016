import { describe, expect, it } from "vitest";
import { collectTaxonomies, defaultQuery, formatShortDate, type ListQuery, sortPosts, taxonomyKey } from "./post-filter";
import { filterPosts, PostFilter } from "./post-search";
import type { PostSummary } from "./types";
import { seededRandom } from "./test-random";

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

/** The query's meaning, written plainly: what the fast filter must always agree with. */
const naiveFilter = (list: PostSummary[], q: ListQuery) => {
  const fold = (text: string) => text.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  const words = fold(q.search).split(/\s+/).filter(Boolean);
  const [kind, name] = q.taxonomy.split(":");
  return sortPosts(list, q.sort).filter((p) => {
    // A post whose front matter cannot be read is not published (the site export leaves it out).
    const published = !p.draft && p.problem === null;
    if (q.status === "drafts" && published) return false;
    if (q.status === "published" && !published) return false;
    const one = (a: string, b: string) => a.normalize("NFC").toLowerCase() === b.normalize("NFC").toLowerCase();
    if (q.taxonomy && !(kind === "category" ? p.categories : p.tags).some((t) => one(t, name as string))) return false;
    const text = fold([p.title, ...p.tags, ...p.tags.map((t) => `#${t}`)].join("\n"));
    return words.every((w) => text.includes(w));
  });
};

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

  it("lists a post whose front matter cannot be read with the drafts, not the published", () => {
    const broken = { ...post("x.md", "x.md", null, false), problem: "front matter: did not find expected node content" };
    const list = [...posts, broken];
    expect(paths(filterPosts(list, { ...defaultQuery, status: "drafts" }))).toEqual(["b.md", "d.md", "x.md"]);
    expect(paths(filterPosts(list, { ...defaultQuery, status: "published" }))).toEqual(["a.md", "c.md"]);
  });

  it("searches title and tags, every word must match", () => {
    expect(paths(filterPosts(posts, { ...defaultQuery, search: "RUST" }))).toEqual(["a.md"]);
    expect(paths(filterPosts(posts, { ...defaultQuery, search: "golang" }))).toEqual(["b.md"]);
    expect(paths(filterPosts(posts, { ...defaultQuery, search: "rust food" }))).toEqual([]);
  });

  it("searches ignoring accents, however the title's accents are encoded", () => {
    const list = [
      post("nfc.md", "Café au lait", null, false),
      post("nfd.md", "Cafe\u0301 noir", null, false, ["te\u0301le\u0301"]),
      post("creme.md", "Crème brûlée", null, false),
      post("plain.md", "Cafeteria", null, false),
    ];
    const found = (search: string) => paths(filterPosts(list, { ...defaultQuery, sort: "title", search })).sort();
    expect(found("café noir")).toEqual(["nfd.md"]);
    expect(found("cafe\u0301 au")).toEqual(["nfc.md"]);
    expect(found("cafe au")).toEqual(["nfc.md"]);
    expect(found("café")).toEqual(["nfc.md", "nfd.md", "plain.md"].sort());
    expect(found("CRÈME brulee")).toEqual(["creme.md"]);
    expect(found("#télé")).toEqual(["nfd.md"]);
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

  /** Runs a filter's background warm-up to the end, now. */
  const warmFully = (filter: PostFilter) => {
    const tasks: (() => void)[] = [];
    filter.warmUp((task) => tasks.push(task));
    filter.warmUp((task) => tasks.push(task)); // already warming: no second chain
    let ran = 0;
    for (; tasks.length > 0; ran++) (tasks.shift() as () => void)();
    return ran;
  };

  it("answers every query of a typing session as the plain definition does, warm or not", () => {
    const random = seededRandom(11);
    const syllables = ["ga", "rd", "en", "ru", "st", "o", " ", "g", "é", "e\u0301"];
    const many = Array.from({ length: 300 }, (_, i) =>
      post(`p${i}.md`, Array.from({ length: 3 }, () => syllables[random(10)]).join(""), null, i % 3 === 0, [`${syllables[random(6)]}x`]),
    );
    for (const warm of [false, true]) {
      const filter = new PostFilter();
      filter.filter(many, defaultQuery);
      if (warm) expect(warmFully(filter)).toBe(3); // texts, joined text, characters
      let query: ListQuery = { ...defaultQuery };
      let searched = 0;
      for (let step = 0; step < 400; step++) {
        const roll = random(10);
        if (roll < 6) query = { ...query, search: query.search + syllables[random(syllables.length)] };
        else if (roll < 8) query = { ...query, search: query.search.slice(0, Math.max(0, query.search.length - 1 - random(3))) };
        else if (roll < 9) query = { ...query, status: (["all", "drafts", "published"] as const)[random(3)] };
        else query = { ...query, search: "", taxonomy: random(2) ? "" : "tag:gax" };
        const shown = filter.filter(many, query);
        expect(paths(shown.toArray()), `step ${step}: ${JSON.stringify(query)}`).toEqual(paths(naiveFilter(many, query)));
        if (query.search.trim().length > 0) searched++;
      }
      expect(searched).toBeGreaterThan(100);
    }
  });

  it("takes a saved post in place of the one it replaces, filtering as the plain definition does", () => {
    const random = seededRandom(7);
    const words = ["ga", "rd", "en", "ru", "st", "o"];
    const word = () => words[random(words.length)] as string;
    // Tags differ in case too: the tag filter matches them exactly, the search ignores case.
    const tag = () => `${random(2) ? "ga" : "ru"}x`[random(2) ? "toUpperCase" : "toLowerCase"]();
    const dates = ["2025-01-01", "2025-02-01", null];
    const initial = Array.from({ length: 200 }, (_, i) =>
      post(`p${i}.md`, `${word()}${word()}`, dates[random(3)] ?? null, i % 3 === 0, [tag()], [random(2) ? "Dev" : "Life"]),
    );
    // The status and taxonomy stay for a while, as a user's do: hits are kept per filters.
    const pickFilters = () => ({
      status: (["all", "drafts", "published"] as const)[random(3)],
      taxonomy: ["", "tag:gax", "tag:GAX", "category:Dev"][random(4)] as string,
    });
    let filters = pickFilters();
    const queries = (): ListQuery => {
      if (random(10) === 0) filters = pickFilters();
      return { ...defaultQuery, ...filters, search: random(3) ? word() + (random(2) ? word() : "") : "" };
    };
    for (const warm of [false, true]) {
      const filter = new PostFilter();
      let list = initial;
      let query = queries();
      filter.filter(list, query);
      if (warm) warmFully(filter);
      for (let step = 0; step < 300; step++) {
        const i = random(list.length);
        const old = list[i] as PostSummary;
        const change: Partial<PostSummary>[] = [
          { word_count: step },
          { draft: !old.draft },
          { tags: [tag()] },
          { categories: [random(2) ? "Dev" : "Life"] },
          { title: `${word()}${word()}` },
          { problem: old.problem === null ? "front matter: bad indentation" : null },
        ];
        const saved = { ...old, ...change[random(change.length)] };
        list = list.map((p, k) => (k === i ? saved : p));
        filter.replaced(list, old, saved);
        // The list shown again after the save, then often the user's next query.
        if (random(2) === 0) query = queries();
        expect(paths(filter.filter(list, query).toArray()), `step ${step}: ${JSON.stringify(query)}`).toEqual(
          paths(naiveFilter(list, query)),
        );
        if (warm && random(4) === 0) warmFully(filter);
      }
    }
  });

  it("keeps a saved post under its tag when only the tag's case changed, and drops it when the tag went", () => {
    const old = post("a.md", "Alpha", null, false, ["Rust"]);
    const before = [old, post("b.md", "Beta", null, false, ["Rust"])];
    const query = { ...defaultQuery, taxonomy: "tag:Rust" };
    const filter = new PostFilter();
    expect(paths(filter.filter(before, query).toArray())).toEqual(["a.md", "b.md"]);
    const saved = { ...old, tags: ["rust"] };
    let after = [saved, before[1] as PostSummary];
    filter.replaced(after, old, saved);
    expect(paths(filter.filter(after, query).toArray())).toEqual(["a.md", "b.md"]);
    const retagged = { ...saved, tags: ["go"] };
    after = [retagged, before[1] as PostSummary];
    filter.replaced(after, saved, retagged);
    expect(paths(filter.filter(after, query).toArray())).toEqual(["b.md"]);
  });

  it("takes tags that differ only in case or in how an accent is written as one", () => {
    const list = [
      post("a.md", "A", null, false, ["Rust", "Caf\u00e9"]),
      post("b.md", "B", null, false, ["rust", "Cafe\u0301"]),
      post("c.md", "C", null, false, ["go"]),
    ];
    expect(collectTaxonomies(list).tags.map(taxonomyKey)).toEqual(["caf\u00e9", "go", "rust"]);
    expect(taxonomyKey("Cafe\u0301")).toBe(taxonomyKey("caf\u00e9"));
    for (const tag of ["Rust", "rust", "RUST"]) {
      expect(paths(filterPosts(list, { ...defaultQuery, taxonomy: `tag:${tag}` }))).toEqual(["a.md", "b.md"]);
    }
    expect(paths(filterPosts(list, { ...defaultQuery, taxonomy: "tag:Caf\u00e9" }))).toEqual(["a.md", "b.md"]);
  });

  it("finds a title holding the joined texts' separator (U+0000) as the plain definition does", () => {
    const list = [post("a.md", "nul\u0000here", null, false), post("b.md", "other", null, false)];
    for (const warm of [false, true]) {
      for (const search of ["l\u0000h", "\u0000", "nul"]) {
        const filter = new PostFilter(); // no hits kept from another search: the scan or the index
        filter.filter(list, defaultQuery);
        if (warm) warmFully(filter);
        const query = { ...defaultQuery, search };
        expect(paths(filter.filter(list, query).toArray()), JSON.stringify(search)).toEqual(paths(naiveFilter(list, query)));
      }
    }
  });

  it("keeps its sorted posts and the hits it kept when a save changes nothing they depend on", () => {
    const filter = new PostFilter();
    const view = filter.filter(posts, { ...defaultQuery, search: "go" });
    const saved = { ...(posts[1] as PostSummary), word_count: 42 };
    const next = posts.map((p, k) => (k === 1 ? saved : p));
    filter.replaced(next, posts[1] as PostSummary, saved);
    const again = filter.filter(next, { ...defaultQuery, search: "go" });
    expect(again).toBe(view); // the kept hit: nothing sorted or searched again
    expect(again.at(0)).toBe(saved);
  });

  it("prepares the search in slices, and filters the same before and after", () => {
    const many = Array.from({ length: 12_000 }, (_, i) => post(`p${i}.md`, `Post ${i}`, null, false));
    const filter = new PostFilter();
    expect(filter.filter(many, defaultQuery)).toHaveLength(12_000);
    const cold = paths(new PostFilter().filter(many, { ...defaultQuery, search: "post 1199" }).toArray());
    // texts of 5,000 + 5,000 + 2,000 posts, the joined text, the characters of as many slices
    expect(warmFully(filter)).toBe(7);
    for (const search of ["post 1199", "7", "x"]) {
      const expected = paths(naiveFilter(many, { ...defaultQuery, search }));
      expect(paths(filter.filter(many, { ...defaultQuery, search }).toArray())).toEqual(expected);
    }
    expect(cold).toEqual(paths(naiveFilter(many, { ...defaultQuery, search: "post 1199" })));
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
