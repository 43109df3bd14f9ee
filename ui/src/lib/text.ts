// Diacritic-insensitive matching for lists already on screen (the block member checklist).
// Searching stored data goes through the core; this only filters what was loaded.

/** "Trường Tiểu học Đông" → "truong tieu hoc dong": no marks, đ as d, lower case. */
export function foldVi(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** True when every word of `query` occurs in `text`, ignoring marks and case. */
export function matchesWords(query: string, text: string): boolean {
  const hay = foldVi(text);
  return foldVi(query)
    .split(' ')
    .filter((w) => w !== '')
    .every((w) => hay.includes(w));
}
