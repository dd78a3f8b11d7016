// The smallest single replacement turning one text into another: shared prefix and suffix
// are left alone so undo history, cursor and folds outside the edited span stay put. The app
// compares editor documents instead (doc-change.ts, post-text.ts), which skips what two versions
// share; this plain comparison of strings is what their tests hold them to.

export type TextChange = { from: number; to: number; insert: string };

export function minimalChange(oldText: string, newText: string): TextChange | null {
  if (oldText === newText) return null;
  const maxPrefix = Math.min(oldText.length, newText.length);
  let prefix = 0;
  while (prefix < maxPrefix && oldText.charCodeAt(prefix) === newText.charCodeAt(prefix)) prefix++;
  // Never split a surrogate pair: back off if the prefix ends on a high surrogate.
  if (prefix > 0 && isHighSurrogate(oldText.charCodeAt(prefix - 1))) prefix--;

  const maxSuffix = Math.min(oldText.length, newText.length) - prefix;
  let suffix = 0;
  while (
    suffix < maxSuffix &&
    oldText.charCodeAt(oldText.length - 1 - suffix) === newText.charCodeAt(newText.length - 1 - suffix)
  ) {
    suffix++;
  }
  if (suffix > 0 && isLowSurrogate(oldText.charCodeAt(oldText.length - suffix))) suffix--;

  return {
    from: prefix,
    to: oldText.length - suffix,
    insert: newText.slice(prefix, newText.length - suffix),
  };
}

export function applyChange(text: string, change: TextChange | null): string {
  if (!change) return text;
  return text.slice(0, change.from) + change.insert + text.slice(change.to);
}

/** `mine` and `theirs`, two edits of `base`, as one text: both changes when they touch apart
 * parts of `base` (`clean`), else `mine` as it is (what was typed is never dropped) with
 * `clean` false, so the caller can say that `theirs` was left out. */
export function mergeEdits(base: string, theirs: string, mine: string): { text: string; clean: boolean } {
  const their = minimalChange(base, theirs);
  const my = minimalChange(base, mine);
  if (my === null) return { text: theirs, clean: true };
  if (their === null) return { text: mine, clean: true };
  if (my.to < their.from) return { text: applyChange(theirs, my), clean: true };
  if (my.from > their.to) {
    const shift = their.insert.length - (their.to - their.from);
    return { text: applyChange(theirs, { from: my.from + shift, to: my.to + shift, insert: my.insert }), clean: true };
  }
  return { text: mine, clean: mine === theirs };
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}
