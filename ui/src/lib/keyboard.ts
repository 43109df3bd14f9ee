/** The parts of a keyboard event that decide a shortcut (so the rule is testable). */
export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  /** Tag name of the focused element, e.g. "INPUT". */
  targetTag: string;
  targetEditable: boolean;
}

const TYPING_TAGS = new Set(['INPUT', 'TEXTAREA', 'SELECT']);

/**
 * "/" (when not typing somewhere) or Ctrl+F / Cmd+F moves to the search box, as in
 * spreadsheets and browsers the clerk already knows.
 */
export function isSearchShortcut(k: KeyPress): boolean {
  if (k.altKey) return false;
  if ((k.ctrlKey || k.metaKey) && k.key.toLowerCase() === 'f') return true;
  const typing = TYPING_TAGS.has(k.targetTag.toUpperCase()) || k.targetEditable;
  return k.key === '/' && !k.ctrlKey && !k.metaKey && !typing;
}

export function keyPress(e: KeyboardEvent): KeyPress {
  const target = e.target instanceof HTMLElement ? e.target : null;
  return {
    key: e.key,
    ctrlKey: e.ctrlKey,
    metaKey: e.metaKey,
    altKey: e.altKey,
    targetTag: target?.tagName ?? '',
    targetEditable: target?.isContentEditable ?? false,
  };
}
