// How numbers and dates are written for a Vietnamese clerk: 1.234.567, 05/07/2026, and the
// date line of an official document. Pure functions, no Intl: the output must not depend on
// which locale data the web view happens to ship.

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** 1234567 → "1.234.567"; null → "". Money and counts the core keeps as i64 are typed
 *  `bigint` by the generated bindings but arrive from JSON as numbers: both are accepted. */
export function formatNumber(value: number | bigint | null | undefined): string {
  if (value === null || value === undefined) return '';
  const n = Number(value);
  if (!Number.isFinite(n)) return '';
  const sign = n < 0 ? '-' : '';
  const digits = String(Math.trunc(Math.abs(n)));
  return sign + digits.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

/** "22 đơn vị", with the number grouped. */
export function countLabel(n: number | bigint, noun: string): string {
  return `${formatNumber(n)} ${noun}`;
}

/**
 * Reads a count typed by the clerk: "" → null, "1.234" or "1234" → 1234.
 * Anything else (letters, decimals, negatives) → undefined, so the form can say so.
 */
export function parseCount(text: string): number | null | undefined {
  const t = text.trim().replace(/[.\s]/g, '');
  if (t === '') return null;
  if (!/^\d+$/.test(t)) return undefined;
  const n = Number(t);
  return Number.isSafeInteger(n) ? n : undefined;
}

function isRealDate(y: number, m: number, d: number): boolean {
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** Stored "2025-07-01" → shown "01/07/2025". Anything not an ISO date is returned as is. */
export function isoToDmy(iso: string | null | undefined): string {
  if (!iso) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

/**
 * Typed "1/7/2025", "01/07/2025" (or ISO) → "2025-07-01"; null when it is not a real date.
 * The core parses dates too and stays the authority; this is for showing and defaults.
 */
export function dmyToIso(text: string): string | null {
  const t = text.trim();
  let y: number, mo: number, d: number;
  let m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(t);
  if (m) {
    [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  } else if ((m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t))) {
    [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  } else {
    return null;
  }
  return isRealDate(y, mo, d) ? `${y}-${pad2(mo)}-${pad2(d)}` : null;
}

/** A local calendar date as dd/mm/yyyy (for defaults such as "today"). */
export function dateToDmy(date: Date): string {
  return `${pad2(date.getDate())}/${pad2(date.getMonth() + 1)}/${date.getFullYear()}`;
}

/** A stored UTC timestamp ("2026-11-22T03:40:00Z") as the clerk's local dd/mm/yyyy. */
export function timestampToDmy(ts: string): string {
  const date = new Date(ts);
  return Number.isNaN(date.getTime()) ? ts : dateToDmy(date);
}

/**
 * The date line of an official document: "An Bình, ngày 05 tháng 7 năm 2026".
 * Official style (Nghị định 30/2020/NĐ-CP) writes days below 10 and the months 1 and 2
 * with a leading zero: "ngày 05 tháng 01 năm 2026".
 */
export function documentDateLine(place: string, date: Date): string {
  const month = date.getMonth() + 1;
  const line = `ngày ${pad2(date.getDate())} tháng ${month <= 2 ? pad2(month) : month} năm ${date.getFullYear()}`;
  const p = place.trim();
  return p ? `${p}, ${line}` : line;
}
