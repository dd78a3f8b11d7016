// Names and titles come from an untrusted folder. Shown as text they cannot run, but invisible
// direction controls can still make "‮gnp.exe.md" read as "exe.png"; they are shown as
// visible code points instead, wherever the app names a post.

// Bidi embeddings, overrides, isolates and marks, plus the other C0/C1 controls except tab and
// newline (which the surrounding CSS already shows as white space).
const HIDDEN = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** A post's path as a person reads it. A file name that is not valid UTF-8 is listed shown with
 * U+FFFD, then a NUL and its bytes: no file name holds a NUL, so it cannot stand for another
 * file, and the bytes are not for reading. */
export function shownPath(path: string): string {
  const end = path.indexOf("\u0000");
  return end < 0 ? path : path.slice(0, end);
}

/** `text` with every invisible control written out as `⟨U+XXXX⟩`. */
export function visibleText(text: string): string {
  return text.replace(HIDDEN, (c) => `⟨U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}⟩`);
}
