// An in-browser stand-in for the Rust shell, used only when VITE_MOCK_IPC=1 (visual checks
// and `npm run dev` without Tauri). It handles simple YAML front matter and paragraph-level
// rendering: enough to exercise every panel, not a second implementation of the core.
import type { FmDate, FrontMatter, PostSummary, PreviewUpdate, Rendered, Block, Value, WorkspaceChanged } from "./types";

type Handler = (payload: unknown) => void;
const listeners = new Map<string, Set<Handler>>();
const files = new Map<string, { text: string; revision: number }>();

function seed(path: string, title: string, date: string, draft: boolean, tags: string[], body: string) {
  const fm = [
    "---",
    `title: "${title}"`,
    `date: ${date}`,
    `draft: ${draft}`,
    `tags: [${tags.map((t) => `"${t}"`).join(", ")}]`,
    `categories: ["Notes"]`,
    "---",
    "",
  ].join("\n");
  files.set(path, { text: fm + body, revision: 1 });
}

seed(
  "content/posts/hello-draftsmith.md",
  "Hello, Draftsmith",
  "2025-09-16T09:00:00-05:00",
  false,
  ["writing", "tools"],
  "## Why another editor\n\nA blog is a folder of *Markdown* files. This one keeps them **as they are**.\n\n" +
    "- front matter stays byte for byte\n- drafts are one click\n\n```rust\nfn main() {\n    println!(\"hi\");\n}\n```\n\n" +
    "Read more on [the web](https://example.com) or jump to [the end](#the-end).\n\n## The end\n\nThanks for reading.\n",
);
seed("content/posts/notes-on-tables.md", "Notes on tables", "2025-08-02", true, ["markdown"],
  "| a | b |\n|---|---|\n| 1 | 2 |\n\nTables are rendered by the core.\n");
seed("content/posts/rust-and-go.md", "Choosing between two languages", "2025-07-21T18:30:00+02:00", false,
  ["rust", "golang"], "Both are fine. Pick the one your team knows.\n");
seed("content/posts/long-read.md", "A long read", "2025-10-01T08:15:00+01:00", true, ["writing"],
  Array.from({ length: 30 }, (_, i) =>
    `## Section ${i + 1}\n\nParagraph ${i + 1} has a few sentences of text. It wraps across lines so that ` +
    `scrolling has something to do.\n\n- point ${i + 1}.a\n- point ${i + 1}.b\n`).join("\n"));
for (let i = 0; i < 40; i++) {
  const day = String((i % 28) + 1).padStart(2, "0");
  seed(`content/posts/archive-${i}.md`, `Archive post number ${i}`, `2024-0${(i % 9) + 1}-${day}`, i % 3 === 0,
    [i % 2 ? "archive" : "misc"], `Post ${i} body text.\n`);
}
files.set("content/posts/broken.md", { text: "---\ntitle: [unclosed\n---\nBody\n", revision: 1 });

function splitFm(text: string): { fm: string; bodyStart: number } | null {
  const m = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/.exec(text);
  return m ? { fm: m[1], bodyStart: m[0].length } : null;
}

function scalar(raw: string): Value {
  const s = raw.trim();
  if (s === "true" || s === "false") return { type: "bool", value: s === "true" };
  if (/^-?\d+$/.test(s)) return { type: "int", value: Number(s) };
  if (/^\d{4}-\d{2}-\d{2}T/.test(s)) {
    return { type: "date", value: { text: s, kind: /[Zz+-]\d*:?\d*$/.test(s.slice(19)) ? "offset_date_time" : "local_date_time" } };
  }
  if (/^\d{4}-\d{2}-\d{2}$/.test(s)) return { type: "date", value: { text: s, kind: "date" } };
  if (s.startsWith("[")) {
    if (!s.endsWith("]")) throw { kind: "front_matter", message: "YAML: unclosed flow sequence at line 1" };
    const inner = s.slice(1, -1).trim();
    return { type: "list", value: inner ? inner.split(",").map((x) => scalar(x)) : [] };
  }
  return { type: "string", value: s.replace(/^"(.*)"$/, "$1") };
}

function parse(text: string): FrontMatter {
  const fm: FrontMatter = { format: null, title: null, date: null, draft: null, tags: [], categories: [],
    description: null, slug: null, fields: [] };
  const split = splitFm(text);
  if (!split) return fm;
  fm.format = "yaml";
  for (const line of split.fm.split(/\r?\n/)) {
    const m = /^([A-Za-z_][\w-]*):\s*(.*)$/.exec(line);
    if (!m) continue;
    const v = scalar(m[2]);
    const strings = (x: Value) => (x.type === "list" ? x.value.map((e) => (e.type === "string" ? e.value : "")) : []);
    switch (m[1]) {
      case "title": fm.title = v.type === "string" ? v.value : String(m[2]); break;
      case "date": fm.date = v.type === "date" ? v.value : null; break;
      case "draft": fm.draft = v.type === "bool" ? v.value : null; break;
      case "tags": fm.tags = strings(v); break;
      case "categories": fm.categories = strings(v); break;
      case "description": fm.description = v.type === "string" ? v.value : null; break;
      case "slug": fm.slug = v.type === "string" ? v.value : null; break;
      default: fm.fields.push([m[1], v]);
    }
  }
  return fm;
}

function yamlOf(v: Value): string {
  switch (v.type) {
    case "null": return "null";
    case "bool": case "int": case "float": return String(v.value);
    case "string": return JSON.stringify(v.value);
    case "date": return v.value.text;
    case "list": return `[${v.value.map(yamlOf).join(", ")}]`;
    case "map": return JSON.stringify(Object.fromEntries(v.value.map(([k, x]) => [k, yamlOf(x)])));
  }
}

function edit(text: string, key: string, value: Value | null): string {
  const split = splitFm(text) ?? { fm: "", bodyStart: 0 };
  const lines = split.fm ? split.fm.split("\n") : [];
  const idx = lines.findIndex((l) => l.startsWith(`${key}:`));
  if (value === null) { if (idx >= 0) lines.splice(idx, 1); }
  else if (idx >= 0) lines[idx] = `${key}: ${yamlOf(value)}`;
  else lines.push(`${key}: ${yamlOf(value)}`);
  return `---\n${lines.join("\n")}\n---\n${text.slice(split.bodyStart)}`;
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c] ?? c);
}

function inline(s: string): string {
  return escapeHtml(s)
    .replace(/\*\*(.+?)\*\*/g, "<strong>$1</strong>")
    .replace(/\*(.+?)\*/g, "<em>$1</em>")
    .replace(/`(.+?)`/g, "<code>$1</code>")
    .replace(/\[(.+?)\]\((.+?)\)/g, '<a href="$2">$1</a>');
}

function render(text: string): Rendered {
  const split = splitFm(text);
  const lines = text.split("\n");
  let line = split ? text.slice(0, split.bodyStart).split("\n").length - 1 : 0;
  const blocks: Block[] = [];
  const headings: Rendered["headings"] = [];
  while (line < lines.length) {
    if (!lines[line].trim()) { line++; continue; }
    const start = line;
    let end = line;
    if (lines[line].startsWith("```")) {
      while (end + 1 < lines.length && !lines[end + 1].startsWith("```")) end++;
      end = Math.min(end + 1, lines.length - 1);
    } else {
      while (end + 1 < lines.length && lines[end + 1].trim() && !lines[end + 1].startsWith("```")) end++;
    }
    const src = lines.slice(start, end + 1).join("\n");
    let html: string;
    const h = /^(#{1,6})\s+(.*)$/.exec(src);
    if (h) {
      const id = h[2].toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
      headings.push({ level: h[1].length, text: h[2], id });
      html = `<h${h[1].length} id="${id}">${inline(h[2])}</h${h[1].length}>`;
    } else if (src.startsWith("```")) {
      html = `<pre><code>${escapeHtml(src.split("\n").slice(1, -1).join("\n"))}</code></pre>`;
    } else if (/^[-*] /.test(src)) {
      html = `<ul>${src.split("\n").map((l) => `<li>${inline(l.slice(2))}</li>`).join("")}</ul>`;
    } else {
      html = `<p>${inline(src)}</p>`;
    }
    blocks.push({ start_line: start, end_line: end, key: `${html.length}:${hash(html)}`, html });
    line = end + 1;
  }
  const body = split ? text.slice(split.bodyStart) : text;
  return { html: blocks.map((b) => b.html).join("\n"), headings, blocks,
    word_count: body.split(/\s+/).filter((w) => /\w/.test(w)).length };
}

let renderId = 0;

function hash(s: string): string {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (h * 31 + s.charCodeAt(i)) | 0;
  return (h >>> 0).toString(16);
}

function summary(path: string): PostSummary {
  const text = files.get(path)?.text ?? "";
  try {
    const fm = parse(text);
    return { path, title: fm.title ?? path, date: fm.date?.text ?? null, draft: fm.draft ?? false,
      tags: fm.tags, categories: fm.categories, word_count: render(text).word_count, problem: null };
  } catch (e) {
    return { path, title: path.split("/").pop() ?? path, date: null, draft: false, tags: [], categories: [],
      word_count: 0, problem: (e as { message: string }).message };
  }
}

const posts = () => [...files.keys()].map(summary);
const need = (path: unknown) => {
  const f = files.get(String(path));
  if (!f) throw { kind: "not_found", message: `${String(path)}: no such post` };
  return f;
};
const slugOf = (title: string) => title.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");

/** The fake backend's preview of the whole `text`, as `render_preview` answers (the wiring
 * test answers the synchronous channel with it). */
/** The folder the mock backend has open. */
export const MOCK_ROOT = "/home/writer/blog";

export function mockPreviewUpdate(text: string): PreviewUpdate {
  const r = render(text);
  return { id: ++renderId, base: null, head: 0, tail: 0, line_shift: 0, blocks: r.blocks, word_count: r.word_count, render_micros: 0 };
}

export async function mockInvoke(command: string, a: Record<string, unknown>): Promise<unknown> {
  await new Promise((r) => setTimeout(r, 5));
  const workspace = () => ({ root: MOCK_ROOT, posts: posts(), usual_format: "yaml", not_watching: [], not_read: null });
  switch (command) {
    case "get_workspace": case "open_workspace": return workspace();
    case "list_posts": return posts();
    case "read_post": { const f = need(a.path); return { path: a.path, text: f.text, revision: String(f.revision) }; }
    case "save_post": {
      const f = need(a.path);
      if (String(f.revision) !== a.revision) throw { kind: "conflict", message: `${String(a.path)} changed on disk` };
      f.text = String(a.text); f.revision++;
      return { revision: String(f.revision) };
    }
    case "render_preview": {
      // Always the whole update: the fake backend keeps no session to leave HTML out against,
      // nor a text to apply an edit to.
      if (a.text === undefined) throw { kind: "stale_text", message: "the mock keeps no preview text" };
      return mockPreviewUpdate(String(a.text));
    }
    case "preview_css": return ".hl-keyword { color: #a626a4 } @media (prefers-color-scheme: dark) { .hl-keyword { color: #c678dd } }";
    case "parse_front_matter": return parse(String(a.text));
    case "edit_front_matter": return edit(String(a.text), String(a.key), (a.value as Value | null) ?? null);
    case "set_post_draft": {
      const f = need(a.path); f.text = edit(f.text, "draft", { type: "bool", value: Boolean(a.draft) }); f.revision++;
      return summary(String(a.path));
    }
    case "new_post": {
      const path = `content/posts/${slugOf(String(a.title))}.md`;
      if (files.has(path)) throw { kind: "already_exists", message: `${path} already exists` };
      const date: FmDate = { text: new Date().toISOString().slice(0, 19) + "+00:00", kind: "offset_date_time" };
      seed(path, String(a.title), date.text, true, [], "");
      return summary(path);
    }
    case "rename_post": {
      const f = need(a.path); f.text = edit(f.text, "title", { type: "string", value: String(a.title) });
      return summary(String(a.path));
    }
    case "duplicate_post": {
      const f = need(a.path); const path = String(a.path).replace(/\.md$/, "-copy.md");
      files.set(path, { text: f.text, revision: 1 }); return summary(path);
    }
    case "delete_post": need(a.path); files.delete(String(a.path)); return null;
    case "folder_trashed_with": {
      need(a.path);
      const path = String(a.path); const folder = path.slice(0, path.lastIndexOf("/") + 1);
      const leaf = folder !== "" && /^index\.(md|markdown)$/i.test(path.slice(folder.length));
      return leaf && ![...files.keys()].some((p) => p !== path && p.startsWith(folder)) ? folder : null;
    }
    case "export_post": return `/home/writer/Desktop/${String(a.path).split("/").pop()?.replace(/\.md$/, ".html")}`;
    case "export_site": {
      const total = 12;
      for (let done = 1; done <= total; done++) {
        await new Promise((r) => setTimeout(r, 60));
        listeners.get("export-progress")?.forEach((h) => h({ done, total }));
      }
      return { pages: total, out: "/home/writer/blog-site", problems: [] };
    }
    case "confirm": return window.confirm(`${String(a.title)}\n\n${String(a.message)}`);
    case "open_external": console.info("open_external", a.url); return null;
  }
  throw { kind: "internal", message: `mock: unknown command ${command}` };
}

export function mockListen(event: string, handler: Handler): () => void {
  const set = listeners.get(event) ?? new Set<Handler>();
  set.add(handler);
  listeners.set(event, set);
  return () => set.delete(handler);
}

/** Simulates an external edit, for trying the conflict bar by hand from the console. */
export function mockExternalEdit(path: string, text: string): void {
  const f = need(path);
  f.text = text; f.revision++;
  listeners.get("workspace-changed")?.forEach((h) => h({ root: MOCK_ROOT, events: [{ kind: "changed", path }], posts: posts() }));
}

/** Hands the page a workspace change as the backend would send it. */
export function mockWorkspaceChanged(change: WorkspaceChanged): void {
  listeners.get("workspace-changed")?.forEach((h) => h(change));
}

/** Simulates the backend saying which folder it is reading to open it. */
export function mockReadingFolder(folder: string): void {
  listeners.get("reading-folder")?.forEach((h) => h(folder));
}

/** Simulates the folder's watcher failing after it started (a new folder over the system's limit). */
export function mockNotWatching(message: string): void {
  listeners.get("not-watching")?.forEach((h) => h(message));
}

/** Simulates another program renaming a post. */
export function mockExternalRename(from: string, to: string): void {
  files.set(to, need(from));
  files.delete(from);
  listeners.get("workspace-changed")?.forEach((h) => h({ root: MOCK_ROOT, events: [{ kind: "renamed", from, to }], posts: posts() }));
}

// Scripted states for screenshots: ?search=<text>&open=<path>&scenario=conflict|new-post|menu|scroll.
function runScenario(): void {
  const params = new URLSearchParams(location.search);
  const open = params.get("open");
  const scenario = params.get("scenario");
  if (!open && !scenario && !params.get("search")) return;
  const click = (selector: string) => document.querySelector<HTMLElement>(selector)?.click();
  setTimeout(() => {
    const search = params.get("search");
    const searchInput = document.querySelector<HTMLInputElement>("#search");
    if (search && searchInput) {
      searchInput.value = search;
      searchInput.dispatchEvent(new Event("input"));
    }
    if (open) click(`.post-row[data-path="${CSS.escape(open)}"] .post-text`);
  }, 300);
  setTimeout(() => {
    const app = (window as unknown as { __draftsmith?: { editorText(): string; setEditorText(t: string): void } })
      .__draftsmith;
    if (scenario === "conflict" && open && app) {
      app.setEditorText(app.editorText() + "\nAn unsaved paragraph.\n");
      mockExternalEdit(open, app.editorText().replace("Hello, Draftsmith", "Hello from elsewhere"));
      setTimeout(() => click('[data-action="show-both"]'), 200);
    } else if (scenario === "new-post") {
      click("#btn-new");
    } else if (scenario === "scroll") {
      const scroller = document.querySelector<HTMLElement>(".cm-scroller");
      if (scroller) scroller.scrollTop = Number(params.get("top") ?? "1200");
    } else if (scenario === "menu") {
      click(".post-row .post-more");
    }
  }, 900);
}
if (typeof window !== "undefined") runScenario();
