// Reading what the clerk typed or pasted into a cell, and showing a stored value.
import { dmyToIso, formatNumber, isoToDmy } from '../format';
import { foldVi } from '../text';
import type { CellValue, GridColumn, PickOption } from './types';

export type Parsed = { ok: true; value: CellValue } | { ok: false; error: string };

/**
 * "1.234.567" → 1234567, "9,5" → 9.5, and "9.5" (Excel set to English) → 9.5: dots that
 * group digits by three are thousands, any other single dot is the decimal point.
 */
export function parseNumber(text: string): number | null | undefined {
  const t = text.trim().replace(/\s/g, '');
  if (t === '') return null;
  let normal: string;
  if (/^-?\d{1,3}(\.\d{3})+(,\d+)?$/.test(t)) normal = t.replace(/\./g, '').replace(',', '.');
  else if (/^-?\d+(,\d+)?$/.test(t)) normal = t.replace(',', '.');
  else if (/^-?\d+\.\d+$/.test(t)) normal = t;
  else if (/^-?\d{1,3}(,\d{3})+(\.\d+)?$/.test(t)) normal = t.replace(/,/g, '');
  else return undefined;
  const n = Number(normal);
  return Number.isFinite(n) ? n : undefined;
}

/** 1234567 → "1.234.567", 9.5 → "9,5". */
export function showNumber(n: number): string {
  if (Number.isInteger(n)) return formatNumber(n);
  const [int, frac] = Math.abs(n).toFixed(2).replace(/0+$/, '').split('.');
  return `${n < 0 ? '-' : ''}${formatNumber(Number(int))}${frac ? ',' + frac : ''}`;
}

/** The text a cell shows. */
export function formatCell(col: GridColumn, value: unknown): string {
  if (value === null || value === undefined || value === '') return '';
  switch (col.kind) {
    case 'number':
      return typeof value === 'number' ? showNumber(value) : String(value);
    case 'date':
      return isoToDmy(String(value));
    case 'pick': {
      const label = col.options ? labelsOf(col.options).get(String(value)) : undefined;
      return label ?? String(value);
    }
    default:
      return String(value);
  }
}

// Label by value for each catalog, built once: a unit column over 50.000 people would
// otherwise look through every unit for every row.
const labelMaps = new WeakMap<PickOption[], Map<string, string>>();
function labelsOf(options: PickOption[]): Map<string, string> {
  let m = labelMaps.get(options);
  if (!m) {
    m = new Map();
    for (const o of options) if (!m.has(o.value)) m.set(o.value, o.label);
    labelMaps.set(options, m);
  }
  return m;
}

/** What a typed or pasted text means in a column, or why it cannot go there. */
export function parseCell(col: GridColumn, text: string): Parsed {
  const t = text.normalize('NFC').trim();
  if (t === '') return { ok: true, value: null };
  switch (col.kind) {
    case 'number': {
      const n = parseNumber(t);
      return n === undefined
        ? { ok: false, error: `“${t}” không phải là số (${col.label}).` }
        : { ok: true, value: n };
    }
    case 'date': {
      const iso = dmyToIso(t);
      return iso === null
        ? { ok: false, error: `“${t}” không phải ngày hợp lệ dd/mm/yyyy (${col.label}).` }
        : { ok: true, value: iso };
    }
    case 'pick': {
      const best = pickMatches(t, col.options ?? [], 2);
      const exact = best.find((m) => m.rank <= 1);
      if (exact && (best.length === 1 || best[1].rank > exact.rank)) return { ok: true, value: exact.option.value };
      if (best.length === 1) return { ok: true, value: best[0].option.value };
      return {
        ok: false,
        error:
          best.length === 0
            ? `“${t}” không có trong danh mục ${col.label}.`
            : `“${t}” khớp nhiều mục trong ${col.label}; hãy chọn trong danh sách.`,
      };
    }
    default:
      return { ok: true, value: t.replace(/\s+/g, ' ') };
  }
}

/** First letters of each word, folded: "Lao động tiên tiến" → "ldtt". */
export function initials(label: string): string {
  return foldVi(label)
    .split(/[\s\-–(),./]+/)
    .filter((w) => w !== '')
    .map((w) => w[0])
    .join('');
}

export interface PickMatch {
  option: PickOption;
  /** 0 exact label or code, 1 abbreviation, 2 label starts with, 3 every word found,
   *  4 abbreviation starts with. */
  rank: number;
}

/**
 * Catalog entries matching what the clerk typed, best first, ignoring diacritics and case.
 * "lđtt", "ldtt", "LĐTT" all find "Lao động tiên tiến"; "tien tien" finds it too.
 */
export function pickMatches(query: string, options: PickOption[], limit = 12): PickMatch[] {
  const q = foldVi(query);
  if (q === '') return options.slice(0, limit).map((option) => ({ option, rank: 5 }));
  const compact = q.replace(/\s/g, '');
  const words = q.split(' ');
  const out: PickMatch[] = [];
  for (const option of options) {
    const label = foldVi(option.label);
    const code = foldVi(option.value);
    const abbr = initials(option.label);
    let rank = -1;
    if (label === q || code === q || option.aliases?.some((a) => foldVi(a) === q)) rank = 0;
    else if (abbr === compact) rank = 1;
    else if (label.startsWith(q) || code.startsWith(q)) rank = 2;
    else if (words.every((w) => label.includes(w))) rank = 3;
    else if (compact.length >= 2 && abbr.startsWith(compact)) rank = 4;
    if (rank >= 0) out.push({ option, rank });
  }
  out.sort((a, b) => a.rank - b.rank);
  return out.slice(0, limit);
}
