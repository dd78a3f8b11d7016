// Payload types of the IPC contract with the Rust shell.

// Generated from the Rust types by ts-rs (see src-tauri/src/bindings.rs); a Rust test fails when
// these files are stale, so the UI and the shell cannot drift apart.
export type { Format } from "./bindings/Format";
export type { PostSummary } from "./bindings/PostSummary";
export type { WorkspaceInfo } from "./bindings/WorkspaceInfo";
export type { PostDoc } from "./bindings/PostDoc";
export type { Heading } from "./bindings/Heading";
export type { Block } from "./bindings/Block";
export type { Rendered } from "./bindings/Rendered";
export type { PreviewUpdate } from "./bindings/PreviewUpdate";
export type { TextEdit } from "./bindings/TextEdit";
export type { PreviewBlock } from "./bindings/PreviewBlock";
export type { DateKind } from "./bindings/DateKind";
export type { Date as FmDate } from "./bindings/Date";
export type { Value } from "./bindings/Value";
export type { FrontMatter } from "./bindings/FrontMatter";
export type { PostEvent } from "./bindings/PostEvent";
export type { SiteReport } from "./bindings/SiteReport";
export type { WorkspaceChanged } from "./bindings/WorkspaceChanged";
export type { ExportProgress } from "./bindings/ExportProgress";
export type { PageEvents } from "./bindings/PageEvents";
export type { JournalEntry } from "./bindings/JournalEntry";
export type { RecordEdit } from "./bindings/RecordEdit";

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
