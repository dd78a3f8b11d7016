// Payload types of the IPC contract with the Rust shell. Field names match the serialised
// Rust structs exactly (snake_case where the Rust side uses it).

export type Format = "yaml" | "toml" | "json";

export type PostSummary = {
  path: string;
  title: string;
  date: string | null;
  draft: boolean;
  tags: string[];
  categories: string[];
  word_count: number;
  problem: string | null;
};

export type WorkspaceInfo = { root: string; posts: PostSummary[]; usual_format: Format };

export type PostDoc = { path: string; text: string; revision: string };

export type Heading = { level: number; text: string; id: string };

/** One top-level preview block; lines are 0-based over the whole post text. */
export type Block = { start_line: number; end_line: number; key: string; html: string };

export type Rendered = { html: string; headings: Heading[]; word_count: number; blocks: Block[] };

export type DateKind = "offset_date_time" | "local_date_time" | "date";

export type FmDate = { text: string; kind: DateKind };

export type Value =
  | { type: "null" }
  | { type: "bool"; value: boolean }
  | { type: "int"; value: number }
  | { type: "float"; value: number }
  | { type: "string"; value: string }
  | { type: "date"; value: FmDate }
  | { type: "list"; value: Value[] }
  | { type: "map"; value: [string, Value][] };

export type FrontMatter = {
  format: Format | null;
  title: string | null;
  date: FmDate | null;
  draft: boolean | null;
  tags: string[];
  categories: string[];
  description: string | null;
  slug: string | null;
  fields: [string, Value][];
};

export type PostEvent =
  | { kind: "created" | "changed" | "removed"; path: string }
  | { kind: "renamed"; from: string; to: string };

export type SiteReport = { pages: number; out: string; problems: string[] };

export type WorkspaceChanged = { events: PostEvent[]; posts: PostSummary[] };

export type ExportProgress = { done: number; total: number };

/** Every command rejects with this shape. */
export type IpcError = { kind: string; message: string };

export function isIpcError(e: unknown): e is IpcError {
  return (
    typeof e === "object" &&
    e !== null &&
    typeof (e as IpcError).kind === "string" &&
    typeof (e as IpcError).message === "string"
  );
}

/** Normalises anything a promise rejected with into an IpcError for display. */
export function toIpcError(e: unknown): IpcError {
  if (isIpcError(e)) return e;
  if (e instanceof Error) return { kind: "internal", message: e.message };
  return { kind: "internal", message: String(e) };
}
