// localStorage for preferences (pane sizes, sort order); it can be unavailable, and
// preferences are a nicety, so failures fall back silently to defaults.

export function storageGet(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

export function storageSet(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    /* see storageGet */
  }
}
