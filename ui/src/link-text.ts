// The text and address of a Markdown link made from the user's words (see formatting.ts).

/** `text` as the text of a link: a bracket with no partner escaped (`]` ended the text early,
 * `[` left it open), balanced and escaped ones kept, as CommonMark allows, and so are those in
 * code spans (which bind more tightly); a backslash at the end doubled (it escaped the `]`). */
export function linkText(text: string): string {
  const out = escapeUnpaired(text, "[", "]", true);
  let backslashes = 0;
  while (out[out.length - 1 - backslashes] === "\\") backslashes++;
  return backslashes % 2 ? `${out}\\` : out;
}

/** `url` as the address of a link: a parenthesis with no partner ended it early (or left it open). */
export function linkUrl(url: string): string {
  return escapeUnpaired(url, "(", ")", false);
}

/** `text` with a backslash before each `open` or `close` that has no partner (passing over
 * escaped characters, and code spans when `code`). */
function escapeUnpaired(text: string, open: string, close: string, code: boolean): string {
  const loose = new Set<number>();
  const opened: number[] = [];
  const ticks = /`+/y;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "\\") {
      i++;
    } else if (c === "`" && code) {
      ticks.lastIndex = i;
      const run = ticks.exec(text)?.[0] ?? "`";
      const closing = new RegExp(`(?<!\`)${run}(?!\`)`, "g");
      closing.lastIndex = i + run.length;
      i = (closing.exec(text)?.index ?? i) + run.length - 1;
    } else if (c === open) {
      opened.push(i);
    } else if (c === close && opened.pop() === undefined) {
      loose.add(i);
    }
  }
  for (const i of opened) loose.add(i);
  if (!loose.size) return text;
  let out = "";
  for (let i = 0; i < text.length; i++) out += loose.has(i) ? `\\${text[i]}` : text[i];
  return out;
}
