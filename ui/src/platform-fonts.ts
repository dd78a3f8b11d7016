// Which font stacks the window uses. styles.css defaults to the generic families (sans-serif,
// serif, monospace), which fontconfig resolves to the fonts the user chose. A stack of named
// families is kept for macOS and Windows, where they exist: on Linux each family that is not
// installed costs WebKitGTK a fontconfig match (2-3 ms) for every size and weight the page
// uses, and a cross-platform stack of seven such names made the first layout ~150 ms slower
// (measured in the probe build; start-up went from ~330 to ~180 ms after the page's HTML).

export type Platform = "mac" | "windows" | "linux";

/** The desktop the webview runs on, from its user agent. */
export function platformOf(userAgent: string): Platform {
  if (/Macintosh|Mac OS X/.test(userAgent)) return "mac";
  if (/Windows/.test(userAgent)) return "windows";
  return "linux";
}

/** Marks the document with its platform; styles.css picks the font stacks from the mark. */
export function markPlatform(doc: Document, userAgent: string): Platform {
  const platform = platformOf(userAgent);
  doc.documentElement.dataset.platform = platform;
  return platform;
}
