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

/** Length of the longest common prefix of `a` and `b`. */
function sharedStart(a: Text, b: Text): number {
  const max = Math.min(a.length, b.length);
  let pos = 0;
  let x = a;
  let y = b;
  // Walk down both trees while their first children are shared; `x` and `y` start at `pos`.
  while (x !== y && x.children && y.children) {
    const xs = x.children;
    const ys = y.children;
    let i = 0;
    while (i < xs.length && i < ys.length && xs[i] === ys[i]) {
      pos += xs[i].length + 1; // + its line break
      i++;
    }
    if (i === xs.length || i === ys.length) {
      pos -= i > 0 ? 1 : 0; // the last shared child ends the node: no line break follows it here
      break;
    }
    x = xs[i];
    y = ys[i];
  }
  if (x === y) pos += x.length;
  return firstDifference(a, b, Math.min(pos, max), max);
}

/** Length of the longest common suffix of `a` and `b`, at most `max`. */
function sharedEnd(a: Text, b: Text, max: number): number {
  let back = 0;
  let x = a;
  let y = b;
  // As sharedStart, from the end; `x` and `y` end `back` characters before their documents' ends.
  while (x !== y && x.children && y.children) {
    const xs = x.children;
    const ys = y.children;
    let i = 0;
    while (i < xs.length && i < ys.length && xs[xs.length - 1 - i] === ys[ys.length - 1 - i]) {
      back += xs[xs.length - 1 - i].length + 1;
      i++;
    }
    if (i === xs.length || i === ys.length) {
      back -= i > 0 ? 1 : 0;
      break;
    }
    x = xs[xs.length - 1 - i];
    y = ys[ys.length - 1 - i];
  }
  if (x === y) back += x.length;
  return lastDifference(a, b, Math.min(back, max), max);
}

/** From `pos` (equal before it), where `a` and `b` first differ, at most `max`. Compares in
 * windows that double, so the work follows the distance to the difference. */
function firstDifference(a: Text, b: Text, pos: number, max: number): number {
  for (let step = 64; pos < max; step *= 2) {
    const end = Math.min(max, pos + step);
    const sa = a.sliceString(pos, end);
    const sb = b.sliceString(pos, end);
    if (sa !== sb) {
      let k = 0;
      while (sa.charCodeAt(k) === sb.charCodeAt(k)) k++;
      return pos + k;
    }
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
    if (sa !== sb) {
      let k = 0;
      while (sa.charCodeAt(len - 1 - k) === sb.charCodeAt(len - 1 - k)) k++;
      return back + k;
    }
    back += len;
  }
  return max;
}

function isHighSurrogate(ch: string): boolean {
  const code = ch.charCodeAt(0);
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(ch: string): boolean {
  const code = ch.charCodeAt(0);
  return code >= 0xdc00 && code <= 0xdfff;
}
