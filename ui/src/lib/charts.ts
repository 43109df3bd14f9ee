// Figures for the home screen's charts, shaped so the SVG only draws: awards by form this year
// against last year, and nice axis ends.
import type { CodeCount } from './bindings/CodeCount';

export interface FormBar {
  code: string;
  name: string;
  now: number;
  before: number;
}

/** Awards per title or form (all recipients together), this year and last, most given first. */
export function formBars(current: CodeCount[], previous: CodeCount[], limit = 8): FormBar[] {
  const bars = new Map<string, FormBar>();
  const add = (c: CodeCount, which: 'now' | 'before') => {
    const bar = bars.get(c.code) ?? { code: c.code, name: c.name, now: 0, before: 0 };
    bar[which] += Number(c.count);
    bars.set(c.code, bar);
  };
  for (const c of current) add(c, 'now');
  for (const c of previous) add(c, 'before');
  return [...bars.values()]
    .sort((a, b) => b.now - a.now || b.before - a.before || a.code.localeCompare(b.code))
    .slice(0, limit);
}

// The abbreviations every commune office writes in its own papers (Chủ tịch UBND tỉnh…), so a
// catalog name fits beside its bar; the full name stays in the bar's tooltip.
const SHORT: [RegExp, string][] = [
  [/Ủy ban nhân dân/g, 'UBND'],
  [/Hội đồng nhân dân/g, 'HĐND'],
  [/Thủ tướng Chính phủ/g, 'Thủ tướng CP'],
];

/**
 * A catalog name as the chart's label: the usual abbreviations, then cut into lines of at most
 * `width` characters at spaces, at most `lines` lines (the last ends with "…" only if words
 * are still left over).
 */
export function chartLabel(name: string, width = 28, lines = 2): string[] {
  let text = name.normalize('NFC');
  for (const [long, short] of SHORT) text = text.replace(long, short);
  const out: string[] = [];
  let line = '';
  const words = text.split(/\s+/).filter(Boolean);
  for (let i = 0; i < words.length; i++) {
    const next = line ? `${line} ${words[i]}` : words[i];
    if (next.length <= width || line === '') {
      line = next;
      continue;
    }
    out.push(line);
    line = words[i];
    if (out.length === lines - 1) {
      const rest = words.slice(i).join(' ');
      out.push(rest.length <= width ? rest : `${rest.slice(0, width - 1).trimEnd()}…`);
      return out;
    }
  }
  if (line) out.push(line);
  return out;
}

/** The axis end: the smallest 1, 2 or 5 × 10ⁿ not below `max` (at least 1). */
export function niceMax(max: number): number {
  if (!(max > 0)) return 1;
  const p = 10 ** Math.floor(Math.log10(max));
  for (const m of [1, 2, 5, 10]) if (m * p >= max) return m * p;
  return 10 * p;
}

/** Days from `today` to `due` (both yyyy-mm-dd): negative when passed. */
export function daysUntil(due: string, today: string): number {
  const d = Date.UTC(+due.slice(0, 4), +due.slice(5, 7) - 1, +due.slice(8, 10));
  const t = Date.UTC(+today.slice(0, 4), +today.slice(5, 7) - 1, +today.slice(8, 10));
  return Math.round((d - t) / 86400000);
}

/** The window's local date as yyyy-mm-dd. */
export function localIsoDate(date: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${p(date.getMonth() + 1)}-${p(date.getDate())}`;
}
