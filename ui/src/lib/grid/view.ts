// Which rows the grid shows and in what order: search as you type (diacritics ignored),
// a filter per column, a sort in Vietnamese order, and the footer totals over what is shown.
import { foldVi } from '../text';
import { formatCell } from './cells';
import { personSortKey, viSortKey } from './collate';
import type { GridColumn, GridRow } from './types';

export interface SortSpec {
  key: string;
  dir: 'asc' | 'desc';
}

export interface ViewSpec {
  search: string;
  /** Column key → text the column's shown value must contain. */
  filters: Record<string, string>;
  sort: SortSpec | null;
}

/**
 * The folded text of each row (all columns as shown), kept per row object so that typing in
 * the search box over 50.000 rows only compares strings. Rows that were edited are dropped
 * from the cache with `forget`.
 */
export class RowTextCache {
  private texts = new WeakMap<GridRow, string>();
  private cells = new WeakMap<GridRow, Map<string, string>>();
  private sorts = new WeakMap<GridRow, Map<string, string | number>>();

  constructor(private columns: GridColumn[]) {}

  rowText(row: GridRow): string {
    let t = this.texts.get(row);
    if (t === undefined) {
      t = foldVi(this.columns.map((c) => formatCell(c, row[c.key])).join(' '));
      this.texts.set(row, t);
    }
    return t;
  }

  cellText(row: GridRow, col: GridColumn): string {
    let m = this.cells.get(row);
    if (!m) {
      m = new Map();
      this.cells.set(row, m);
    }
    let t = m.get(col.key);
    if (t === undefined) {
      t = foldVi(formatCell(col, row[col.key]));
      m.set(col.key, t);
    }
    return t;
  }

  /** The row's sort key in `col`, kept so a new sort on the same column is quick. */
  sortKey(row: GridRow, col: GridColumn): string | number {
    let m = this.sorts.get(row);
    if (!m) {
      m = new Map();
      this.sorts.set(row, m);
    }
    let k = m.get(col.key);
    if (k === undefined) {
      k = sortKey(col, row[col.key]);
      m.set(col.key, k);
    }
    return k;
  }

  forget(row: GridRow): void {
    this.texts.delete(row);
    this.cells.delete(row);
    this.sorts.delete(row);
  }
}

/** Positions in `rows` of the rows to show, in the order to show them. */
export function computeView(
  rows: GridRow[],
  columns: GridColumn[],
  spec: ViewSpec,
  cache: RowTextCache,
): number[] {
  return filterOrder(sortOrder(rows, columns, spec.sort, cache), rows, columns, spec, cache);
}

/**
 * All rows in the order of `sort` (as given when null). Kept apart from filtering so that
 * typing in the search box only filters this order again, without sorting 50.000 rows on
 * every keystroke.
 */
export function sortOrder(rows: GridRow[], columns: GridColumn[], sort: SortSpec | null, cache: RowTextCache): number[] {
  const order = rows.map((_, i) => i);
  const col = sort ? columns.find((c) => c.key === sort.key) : undefined;
  if (!sort || !col) return order;
  const keys = rows.map((row) => cache.sortKey(row, col));
  const sign = sort.dir === 'asc' ? 1 : -1;
  order.sort((a, b) => {
    const ka = keys[a];
    const kb = keys[b];
    // Empty cells go last whichever way the column is sorted, as in Excel.
    const ea = ka === '';
    const eb = kb === '';
    if (ea !== eb) return ea ? 1 : -1;
    const c = ka < kb ? -1 : ka > kb ? 1 : 0;
    return c === 0 ? a - b : c * sign;
  });
  return order;
}

/**
 * Positions in `rows` in the order the rows were shown before (`shown`), after the grid itself
 * added or took away rows: the rows still there keep their places, new rows come last.
 */
export function keepOrder(shown: GridRow[], rows: GridRow[]): number[] {
  const at = new Map<GridRow, number>();
  rows.forEach((r, i) => at.set(r, i));
  const kept: number[] = [];
  for (const r of shown) {
    const i = at.get(r);
    if (i !== undefined) {
      kept.push(i);
      at.delete(r);
    }
  }
  for (const i of at.values()) kept.push(i);
  return kept;
}

/** The rows of `order` that match the search (every word) and the column filters. */
export function filterOrder(
  order: number[],
  rows: GridRow[],
  columns: GridColumn[],
  spec: ViewSpec,
  cache: RowTextCache,
  /** The rows' search texts by position, when the caller keeps them (quicker than the cache);
   *  a position not filled yet is filled here. */
  texts?: string[],
): number[] {
  const words = foldVi(spec.search)
    .split(' ')
    .filter((w) => w !== '');
  const filters = columns
    .filter((c) => (spec.filters[c.key] ?? '').trim() !== '')
    .map((c) => ({ col: c, needle: foldVi(spec.filters[c.key]) }));
  if (words.length === 0 && filters.length === 0) return order;
  const out: number[] = [];
  for (const i of order) {
    const row = rows[i];
    if (words.length > 0) {
      const text = texts ? (texts[i] ??= cache.rowText(row)) : cache.rowText(row);
      let all = true;
      for (const w of words) {
        if (!text.includes(w)) {
          all = false;
          break;
        }
      }
      if (!all) continue;
    }
    if (filters.length > 0 && !filters.every((f) => cache.cellText(row, f.col).includes(f.needle))) continue;
    out.push(i);
  }
  return out;
}

export function sortKey(col: GridColumn, value: unknown): string | number {
  if (value === null || value === undefined || value === '') return '';
  if (col.kind === 'number' && typeof value === 'number') return value;
  if (col.kind === 'date') return String(value);
  const shown = formatCell(col, value);
  return col.sortAs === 'person' ? personSortKey(shown) : viSortKey(shown);
}

function filled(v: unknown): boolean {
  return v !== null && v !== undefined && v !== '';
}

/** How many of `rows` have something typed in at least one column: the lines a clerk counts.
 *  A line just added, or emptied cell by cell and not yet gone, is not a person or an entry, so
 *  the toolbar's count agrees with a "count" total of a column every filled line has (the name).
 *  `blank` is what a new line starts with (a default kept in a pick column is not typed). */
export function countFilled(rows: GridRow[], columns: GridColumn[], blank?: GridRow): number {
  let n = 0;
  for (const row of rows) {
    if (columns.some((c) => filled(row[c.key]) && row[c.key] !== blank?.[c.key])) n++;
  }
  return n;
}

/** Footer value of each column that has a total, over the rows shown. */
export function computeTotals(rows: GridRow[], view: number[], columns: GridColumn[]): Record<string, number> {
  const totals: Record<string, number> = {};
  for (const c of columns) {
    if (!c.total) continue;
    let t = 0;
    for (const i of view) {
      const v = rows[i][c.key];
      if (c.total === 'sum') t += typeof v === 'number' ? v : 0;
      else if (filled(v)) t += 1;
    }
    // Sums of scores like 9,5 + 8,25 must not show floating-point dust.
    totals[c.key] = Math.round(t * 1000) / 1000;
  }
  return totals;
}

/**
 * The results of the last searches over one order and one set of column filters, by folded
 * search text. Typing on narrows from the longest earlier search the new one starts with
 * (each letter filters fewer rows); Backspace finds the shorter search's result as it was.
 */
export class SearchMemo {
  private order: number[] | null = null;
  private filters = '';
  private views = new Map<string, number[]>();
  constructor(private limit = 32) {}

  /** The exact result for `search`, or the rows to filter it from. */
  lookup(order: number[], filters: string, search: string): { exact: number[] } | { from: number[] } {
    if (order !== this.order || filters !== this.filters) {
      this.order = order;
      this.filters = filters;
      this.views.clear();
      return { from: order };
    }
    const hit = this.views.get(search);
    if (hit) return { exact: hit };
    let best = '';
    let from = order;
    for (const [s, v] of this.views) {
      if (s.length > best.length && search.startsWith(s)) {
        best = s;
        from = v;
      }
    }
    return { from };
  }

  remember(search: string, view: number[]): void {
    this.views.delete(search);
    this.views.set(search, view);
    if (this.views.size > this.limit) {
      const oldest = this.views.keys().next().value;
      if (oldest !== undefined) this.views.delete(oldest);
    }
  }
}
