// The smallest single replacement between two CodeMirror documents, found without turning
// either into one long string. Documents are trees of lines; two versions from the same editor
// share every subtree an edit did not touch, so the shared start and end are mostly skipped by
// identity, and only the few lines around the edit are compared as text. A keystroke in a 5 MB
// post then costs microseconds instead of two 5 MB strings and a scan over them.
import type { Text } from "@codemirror/state";

/** Positions (in document coordinates: a line break counts one) of a replacement of
 * `a`'s `[from, toA)` by `b`'s `[from, toB)`. */
export type DocChange = { from: number; toA: number; toB: number };

export function docChange(a: Text, b: Text): DocChange | null {
  if (a === b) return null;
  let prefix = sharedStart(a, b);
  if (prefix === a.length && prefix === b.length) return null;
  // Never split a surrogate pair.
  if (prefix > 0 && isHighSurrogate(a.sliceString(prefix - 1, prefix))) prefix--;
  let suffix = sharedEnd(a, b, Math.min(a.length, b.length) - prefix);
  if (suffix > 0 && isLowSurrogate(a.sliceString(a.length - suffix, a.length - suffix + 1))) suffix--;
  return { from: prefix, toA: a.length - suffix, toB: b.length - suffix };
}

/** Whether `doc`, its lines joined by `lineBreak`, is `text`; builds neither string nor tree,
 * so a post opened again unchanged costs a walk over its lines and no garbage. */
export function sameText(doc: Text, text: string, lineBreak: string): boolean {
  if (doc.length + (doc.lines - 1) * (lineBreak.length - 1) !== text.length) return false;
  let at = 0;
  for (const lines = doc.iter(); !lines.next().done; ) {
    const part = lines.lineBreak ? lineBreak : lines.value;
    if (!text.startsWith(part, at)) return false;
    at += part.length;
  }
  return at === text.length;
}

/** Length of the longest common prefix of `a` and `b`. */
function sharedStart(a: Text, b: Text): number {
  const max = Math.min(a.length, b.length);
  return firstDifference(a, b, Math.min(sharedByIdentity(a, b, false), max), max);
}

/** Length of the longest common suffix of `a` and `b`, at most `max`. */
function sharedEnd(a: Text, b: Text, max: number): number {
  return lastDifference(a, b, Math.min(sharedByIdentity(a, b, true), max), max);
}

/**
 * How many characters at the start (or, `fromEnd`, the end) of `a` and `b` are equal because
 * the two trees share those nodes: walks down both while their first (last) children are the
 * same objects. A lower bound; the text comparison goes on from there.
 */
function sharedByIdentity(a: Text, b: Text, fromEnd: boolean): number {
  let shared = 0;
  let x = a;
  let y = b;
  while (x !== y && x.children && y.children) {
    const xs = x.children;
    const ys = y.children;
    const at = (list: readonly Text[], i: number) => list[fromEnd ? list.length - 1 - i : i];
    let i = 0;
    while (i < xs.length && i < ys.length && at(xs, i) === at(ys, i)) {
      shared += at(xs, i).length + 1; // + the line break between it and the next child
      i++;
    }
    if (i === xs.length || i === ys.length) {
      // The last shared child ends the node: no line break follows it here.
      return shared - (i > 0 ? 1 : 0);
    }
    x = at(xs, i);
    y = at(ys, i);
  }
  return x === y ? shared + x.length : shared;
}

/** From `pos` (equal before it), where `a` and `b` first differ, at most `max`. Compares in
 * windows that double, so the work follows the distance to the difference. */
function firstDifference(a: Text, b: Text, pos: number, max: number): number {
  for (let step = 64; pos < max; step *= 2) {
    const end = Math.min(max, pos + step);
    const sa = a.sliceString(pos, end);
    const sb = b.sliceString(pos, end);
    let k = 0;
    if (sa === sb) k = sa.length;
    else while (sa.charCodeAt(k) === sb.charCodeAt(k)) k++;
    for (let i = sa.indexOf("\n"); i !== -1 && i < k; i = sa.indexOf("\n", i + 1)) {
      if (isBreak(a, pos + i) !== isBreak(b, pos + i)) return pos + i;
    }
    if (k < sa.length) return pos + k;
    pos = end;
  }
  return max;
}

/** As firstDifference, counting back from the ends: how many final characters are equal. */
function lastDifference(a: Text, b: Text, back: number, max: number): number {
  for (let step = 64; back < max; step *= 2) {
    const len = Math.min(max, back + step) - back;
    const sa = a.sliceString(a.length - back - len, a.length - back);
    const sb = b.sliceString(b.length - back - len, b.length - back);
    let k = 0;
    if (sa === sb) k = len;
    else while (sa.charCodeAt(len - 1 - k) === sb.charCodeAt(len - 1 - k)) k++;
    for (let i = sa.lastIndexOf("\n"); i !== -1 && len - 1 - i < k; i = i > 0 ? sa.lastIndexOf("\n", i - 1) : -1) {
      const fromEnd = back + len - i; // this "\n" is the fromEnd-th character from the end
      if (isBreak(a, a.length - fromEnd) !== isBreak(b, b.length - fromEnd)) return fromEnd - 1;
    }
    if (k < len) return back + k;
    back += len;
  }
  return max;
}

/**
 * Whether the "\n" that `sliceString` gives at `pos` is a line break, not a character of a
 * line: a CRLF post's lines may hold bare LFs, and a slice writes both as "\n", so two windows
 * alike as strings may still split their lines differently.
 */
function isBreak(doc: Text, pos: number): boolean {
  return doc.lineAt(pos).to === pos;
}

function isHighSurrogate(ch: string): boolean {
  const code = ch.charCodeAt(0);
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(ch: string): boolean {
  const code = ch.charCodeAt(0);
  return code >= 0xdc00 && code <= 0xdfff;
}
