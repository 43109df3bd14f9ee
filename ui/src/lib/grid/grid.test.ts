import { describe, expect, it } from 'vitest';
import { formatCell, initials, parseCell, parseNumber, pickMatches, showNumber } from './cells';
import { compareVi, personSortKey } from './collate';
import { applyBatch, EditHistory, planClear, planEdit, planFillDown, planPaste, rangeOf } from './edits';
import { moveCursor, scrollToRow, visibleRows } from './nav';
import { parseTsv, toTsv } from './tsv';
import type { GridColumn, GridRow } from './types';
import { computeTotals, computeView, countFilled, filterOrder, keepOrder, RowTextCache, SearchMemo, sortOrder } from './view';

const forms = [
  { value: 'LDTT', label: 'Lao động tiên tiến' },
  { value: 'CSTDCS', label: 'Chiến sĩ thi đua cơ sở' },
  { value: 'TTLDTT', label: 'Tập thể lao động tiên tiến' },
  { value: 'TTLDXS', label: 'Tập thể lao động xuất sắc' },
];
const cols: GridColumn[] = [
  { key: 'name', label: 'Họ và tên', kind: 'text', sortAs: 'person' },
  { key: 'form', label: 'Danh hiệu', kind: 'pick', options: forms, total: 'count' },
  { key: 'score', label: 'Điểm', kind: 'number', total: 'sum' },
  { key: 'date', label: 'Ngày', kind: 'date' },
  { key: 'unit', label: 'Đơn vị', kind: 'text', editable: false },
];

function sample(): GridRow[] {
  return [
    { name: 'Nguyễn Thị Cúc', form: 'LDTT', score: 9.5, date: '2026-01-05', unit: 'Trường Tiểu học Đông' },
    { name: 'Trần Văn Bình', form: 'CSTDCS', score: 8.25, date: null, unit: 'Trường Mầm non An Bình' },
    { name: 'Lê Văn Ánh', form: null, score: null, date: '2025-12-31', unit: 'UBND xã' },
    { name: 'Đỗ Minh Anh', form: 'LDTT', score: 10, date: null, unit: 'Trường THCS Đông' },
  ];
}

describe('clipboard text from Excel', () => {
  it('splits tabs and CR LF, drops the trailing line break', () => {
    expect(parseTsv('a\tb\r\nc\td\r\n')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
    expect(parseTsv('a\t\r\n')).toEqual([['a', '']]);
    expect(parseTsv('một ô')).toEqual([['một ô']]);
  });

  it('reads quoted cells with tabs, line breaks and doubled quotes', () => {
    expect(parseTsv('"dòng 1\r\ndòng 2"\tx\r\n"có ""ngoặc"""\t"a\tb"\r\n')).toEqual([
      ['dòng 1\r\ndòng 2', 'x'],
      ['có "ngoặc"', 'a\tb'],
    ]);
    // A quote that only begins the text is kept.
    expect(parseTsv('"5" màn hình\tx')).toEqual([['"5" màn hình', 'x']]);
  });

  it('writes back what it reads', () => {
    const rows = [['a "b"', 'c\nd', 'e\tf', '']];
    expect(parseTsv(toTsv(rows))).toEqual(rows);
  });
});

describe('cells', () => {
  it('reads numbers the Vietnamese and the English way', () => {
    expect(parseNumber('1.234.567')).toBe(1234567);
    expect(parseNumber('9,5')).toBe(9.5);
    expect(parseNumber('9.5')).toBe(9.5);
    expect(parseNumber('1,234,567')).toBe(1234567);
    expect(parseNumber(' ')).toBe(null);
    expect(parseNumber('chín')).toBe(undefined);
    expect(showNumber(1234567)).toBe('1.234.567');
    expect(showNumber(9.5)).toBe('9,5');
    expect(showNumber(8.25)).toBe('8,25');
  });

  it('reads dates as dd/mm/yyyy and shows them so', () => {
    expect(parseCell(cols[3], '5/1/2026')).toEqual({ ok: true, value: '2026-01-05' });
    expect(parseCell(cols[3], '31/02/2026').ok).toBe(false);
    expect(formatCell(cols[3], '2026-01-05')).toBe('05/01/2026');
  });

  it('finds catalog entries by abbreviation, without diacritics, by code or words', () => {
    expect(initials('Lao động tiên tiến')).toBe('ldtt');
    expect(pickMatches('lđtt', forms)[0].option.value).toBe('LDTT');
    expect(pickMatches('LDTT', forms)[0].option.value).toBe('LDTT');
    expect(pickMatches('chien si', forms).map((m) => m.option.value)).toEqual(['CSTDCS']);
    expect(pickMatches('xuat sac', forms).map((m) => m.option.value)).toEqual(['TTLDXS']);
    expect(parseCell(cols[1], 'lđtt')).toEqual({ ok: true, value: 'LDTT' });
    expect(parseCell(cols[1], 'Tập thể lao động xuất sắc')).toEqual({ ok: true, value: 'TTLDXS' });
    const wrong = parseCell(cols[1], 'Huân chương');
    expect(wrong.ok).toBe(false);
    // "tập thể" fits two forms: the clerk must choose.
    expect(parseCell(cols[1], 'tap the').ok).toBe(false);
    expect(formatCell(cols[1], 'LDTT')).toBe('Lao động tiên tiến');
  });

  it('takes an exact alias over labels that only start the same', () => {
    const people = [
      { value: 'p1', label: 'Nguyễn Văn An – Trường Tiểu học', aliases: ['Nguyễn Văn An'] },
      { value: 'p2', label: 'Nguyễn Văn Anh – Trường Mầm non', aliases: ['Nguyễn Văn Anh'] },
    ];
    const col: GridColumn = { key: 'p', label: 'Đối tượng', kind: 'pick', options: people };
    expect(parseCell(col, 'nguyen van an')).toEqual({ ok: true, value: 'p1' });
    expect(parseCell(col, 'Nguyễn Văn Anh')).toEqual({ ok: true, value: 'p2' });
  });

  it('refuses text in a number column with a message naming it', () => {
    const p = parseCell(cols[2], 'mười');
    expect(p).toEqual({ ok: false, error: '“mười” không phải là số (Điểm).' });
  });
});

describe('Vietnamese order', () => {
  it('puts letters first, tones after, numbers by value', () => {
    const names = ['Đông', 'Dung', 'Anh', 'Ánh', 'Ân', 'Ăn', 'An Bình', 'An', 'Thôn 10', 'Thôn 2', 'Ư', 'U'];
    expect(names.slice().sort(compareVi)).toEqual([
      'An',
      'An Bình',
      'Anh',
      'Ánh',
      'Ăn',
      'Ân',
      'Dung',
      'Đông',
      'Thôn 2',
      'Thôn 10',
      'U',
      'Ư',
    ]);
    expect(compareVi('hòa', 'ho\u0300a')).toBe(0);
  });

  it('sorts people by given name first', () => {
    const people = ['Nguyễn Thị Cúc', 'Trần Văn Bình', 'Lê Văn Ánh', 'Đỗ Minh Anh'];
    people.sort((a, b) => (personSortKey(a) < personSortKey(b) ? -1 : 1));
    expect(people).toEqual(['Đỗ Minh Anh', 'Lê Văn Ánh', 'Trần Văn Bình', 'Nguyễn Thị Cúc']);
  });
});

describe('view', () => {
  it('searches every column ignoring diacritics, all words', () => {
    const rows = sample();
    const cache = new RowTextCache(cols);
    const names = (v: number[]) => v.map((i) => rows[i].name);
    expect(names(computeView(rows, cols, { search: 'binh', filters: {}, sort: null }, cache))).toEqual([
      'Trần Văn Bình',
    ]);
    // The catalog label is searched, not the code.
    expect(names(computeView(rows, cols, { search: 'tien tien dong', filters: {}, sort: null }, cache))).toEqual([
      'Nguyễn Thị Cúc',
      'Đỗ Minh Anh',
    ]);
    // Dates as shown.
    expect(names(computeView(rows, cols, { search: '31/12', filters: {}, sort: null }, cache))).toEqual([
      'Lê Văn Ánh',
    ]);
  });

  it('filters by column and sorts, empty cells last', () => {
    const rows = sample();
    const cache = new RowTextCache(cols);
    const names = (v: number[]) => v.map((i) => rows[i].name);
    expect(
      names(computeView(rows, cols, { search: '', filters: { unit: 'truong' }, sort: { key: 'name', dir: 'asc' } }, cache)),
    ).toEqual(['Đỗ Minh Anh', 'Trần Văn Bình', 'Nguyễn Thị Cúc']);
    expect(names(computeView(rows, cols, { search: '', filters: {}, sort: { key: 'score', dir: 'desc' } }, cache))).toEqual([
      'Đỗ Minh Anh',
      'Nguyễn Thị Cúc',
      'Trần Văn Bình',
      'Lê Văn Ánh',
    ]);
  });

  it('sees an edit once the row is forgotten by the cache', () => {
    const rows = sample();
    const cache = new RowTextCache(cols);
    expect(computeView(rows, cols, { search: 'hoa', filters: {}, sort: null }, cache)).toEqual([]);
    rows[0].name = 'Nguyễn Thị Hoa';
    cache.forget(rows[0]);
    expect(computeView(rows, cols, { search: 'hoa', filters: {}, sort: null }, cache)).toEqual([0]);
  });

  it('totals the rows shown', () => {
    const rows = sample();
    expect(computeTotals(rows, [0, 1, 2, 3], cols)).toEqual({ form: 3, score: 27.75 });
    expect(computeTotals(rows, [1], cols)).toEqual({ form: 1, score: 8.25 });
  });

  it('counts the lines with something in them, as the count total does', () => {
    const rows = sample();
    const blank: GridRow = { key: 'new', name: null, form: null, score: null };
    const emptied: GridRow = { key: 'gone', name: '', form: '', score: null, date: null, unit: '' };
    const all = [...rows, blank, emptied];
    expect(countFilled(all, cols)).toBe(rows.length);
    // Every line that has something has a name, so with the footer counting names (as the
    // persons grid does) the toolbar and the footer say the same number.
    const byName = cols.map((c) => (c.key === 'name' ? { ...c, total: 'count' as const } : c));
    expect(computeTotals(all, all.map((_, i) => i), byName).name).toBe(countFilled(all, cols));
    // A new line may start with a default (a pick column's usual choice): still not typed in.
    const fresh: GridRow = { key: 'new', name: null, form: 'LDTT', score: null };
    expect(countFilled([...all, { ...fresh, key: 'new2' }], cols, fresh)).toBe(rows.length);
  });
});

describe('edits', () => {
  it('pastes a block at the cursor, adds rows below, skips read-only, reports bad cells', () => {
    const rows = sample();
    let n = 0;
    const plan = planPaste(
      rows,
      cols,
      { row: 2, col: 0 },
      parseTsv('Lê Văn Ánh\tlđtt\t7,5\t01/02/2026\tbỏ qua\r\nHà Thu\tcstđcs\tmười\t\r\n\t\t\t\r\nMai Lan\tLDTT\t9\t\r\n'),
      () => ({ name: null, form: null, score: null, date: null, unit: `mới ${++n}` }),
    );
    expect(plan.problems).toEqual([{ pos: { row: 3, col: 2 }, message: '“mười” không phải là số (Điểm).' }]);
    // The empty row copied from Excel adds nothing.
    expect(plan.batch.added.length).toBe(1);
    applyBatch(rows, plan.batch);
    expect(rows.length).toBe(5);
    expect(rows[2]).toMatchObject({ form: 'LDTT', score: 7.5, date: '2026-02-01', unit: 'UBND xã' });
    expect(rows[3]).toMatchObject({ name: 'Hà Thu', form: 'CSTDCS', score: 10 });
    expect(rows[4]).toMatchObject({ name: 'Mai Lan', form: 'LDTT', score: 9, unit: 'mới 1' });
  });

  it('undoes and redoes a paste, rows added included', () => {
    const rows = sample();
    const history = new EditHistory();
    const plan = planPaste(rows, cols, { row: 3, col: 0 }, [['Đỗ Minh Anh', '', '7'], ['Mai Lan']], () => ({}));
    applyBatch(rows, plan.batch);
    history.record(plan.batch);
    expect(rows.map((r) => r.score)).toEqual([9.5, 8.25, null, 7, undefined]);
    expect(rows[3].form).toBe(null);
    const undo = history.undo()!;
    applyBatch(rows, undo);
    expect(rows.length).toBe(4);
    expect(rows[3]).toMatchObject({ form: 'LDTT', score: 10 });
    expect(undo.removed.length).toBe(1);
    const redo = history.redo()!;
    applyBatch(rows, redo);
    expect(rows.length).toBe(5);
    expect(rows[4].name).toBe('Mai Lan');
    expect(history.canRedo).toBe(false);
  });

  it('fills down like Ctrl+D and clears with Delete', () => {
    const rows = sample();
    const fill = planFillDown(rows, cols, rangeOf({ row: 0, col: 1 }, { row: 2, col: 2 }));
    applyBatch(rows, fill.batch);
    expect(rows.slice(0, 3).map((r) => [r.form, r.score])).toEqual([
      ['LDTT', 9.5],
      ['LDTT', 9.5],
      ['LDTT', 9.5],
    ]);
    // One cell: copy the one above.
    const one = planFillDown(rows, cols, rangeOf({ row: 3, col: 2 }, { row: 3, col: 2 }));
    applyBatch(rows, one.batch);
    expect(rows[3].score).toBe(9.5);
    const clear = planClear(rows, cols, rangeOf({ row: 0, col: 2 }, { row: 0, col: 4 }));
    applyBatch(rows, clear.batch);
    expect(rows[0]).toMatchObject({ score: null, date: null, unit: 'Trường Tiểu học Đông' });
  });

  it('an edit that changes nothing records nothing; a bad one says why', () => {
    const rows = sample();
    const same = planEdit(rows[0], cols[2], '9,5');
    expect('batch' in same && same.batch.changes.length).toBe(0);
    expect(planEdit(rows[0], cols[3], '32/1/2026')).toEqual({
      error: '“32/1/2026” không phải ngày hợp lệ dd/mm/yyyy (Ngày).',
    });
  });
});

describe('keyboard and window', () => {
  const k = (key: string, shift = false, ctrl = false) => ({ key, shift, ctrl });
  it('moves like a spreadsheet and stays inside', () => {
    expect(moveCursor({ row: 0, col: 0 }, k('ArrowUp'), 10, 4, 5)).toEqual({ row: 0, col: 0 });
    expect(moveCursor({ row: 0, col: 3 }, k('Tab'), 10, 4, 5)).toEqual({ row: 1, col: 0 });
    expect(moveCursor({ row: 1, col: 0 }, k('Tab', true), 10, 4, 5)).toEqual({ row: 0, col: 3 });
    expect(moveCursor({ row: 2, col: 1 }, k('ArrowDown', false, true), 10, 4, 5)).toEqual({ row: 9, col: 1 });
    expect(moveCursor({ row: 8, col: 1 }, k('PageDown'), 10, 4, 5)).toEqual({ row: 9, col: 1 });
    expect(moveCursor({ row: 8, col: 1 }, k('x'), 10, 4, 5)).toBe(null);
  });

  it('renders only the rows in the window', () => {
    expect(visibleRows(0, 400, 32, 50000)).toEqual({ first: 0, last: 19 });
    const w = visibleRows(32 * 25000, 400, 32, 50000);
    expect(w.last - w.first).toBeLessThan(30);
    expect(w.first).toBe(24994);
    expect(scrollToRow(100, 0, 400, 32)).toBe(100 * 32 + 32 - 400);
    expect(scrollToRow(5, 320, 400, 32)).toBe(160);
  });
});

describe('50.000 rows', () => {
  it('filters a sorted list of 50.000 rows, keeping the order', () => {
    const family = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Đỗ'];
    const given = ['An', 'Bình', 'Cúc', 'Hoa', 'Hòa', 'Lan', 'Minh', 'Thảo'];
    const rows: GridRow[] = Array.from({ length: 50000 }, (_, i) => ({
      name: `${family[i % 6]} Thị ${given[(i * 7) % 8]}`,
      form: 'LDTT',
      score: i % 10,
      date: null,
      unit: `Đơn vị ${i % 40}`,
    }));
    const cache = new RowTextCache(cols);
    const sorted = sortOrder(rows, cols, { key: 'name', dir: 'asc' }, cache);
    filterOrder(sorted, rows, cols, { search: 'x', filters: {}, sort: null }, cache);
    const hits = filterOrder(sorted, rows, cols, { search: 'nguyen thi hoa', filters: {}, sort: null }, cache);
    // "hoa" also finds Hòa: diacritics are ignored.
    const expected = rows.filter((r) => /^Nguyễn Thị H[oò]a$/.test(String(r.name))).length;
    expect(expected).toBeGreaterThan(1000);
    expect(hits.length).toBe(expected);
    // Still in the sorted order: Hoa (no tone) before Hòa.
    const names = hits.map((i) => rows[i].name);
    expect(names.indexOf('Nguyễn Thị Hòa')).toBe(names.lastIndexOf('Nguyễn Thị Hoa') + 1);
    // A longer search filters the shorter one's result to the same rows.
    const narrower = filterOrder(
      filterOrder(sorted, rows, cols, { search: 'nguyen thi h', filters: {}, sort: null }, cache),
      rows,
      cols,
      { search: 'nguyen thi hoa', filters: {}, sort: null },
      cache,
    );
    expect(narrower).toEqual(hits);
  });
});

describe('search texts kept by position', () => {
  it('gives the same rows as the per-row cache', () => {
    const rows = sample();
    const cache = new RowTextCache(cols);
    const texts = rows.map((r) => cache.rowText(r));
    const spec = { search: 'dong', filters: {}, sort: null };
    expect(filterOrder([0, 1, 2, 3], rows, cols, spec, cache, texts)).toEqual(
      filterOrder([0, 1, 2, 3], rows, cols, spec, cache),
    );
  });
});

describe('searches remembered while typing', () => {
  it('narrows from the longest earlier search and gives Backspace the result kept', () => {
    const memo = new SearchMemo(3);
    const order = [0, 1, 2, 3];
    expect(memo.lookup(order, '{}', 'ng')).toEqual({ from: order });
    memo.remember('ng', [0, 1, 2]);
    memo.remember('ngu', [0, 2]);
    expect(memo.lookup(order, '{}', 'nguy')).toEqual({ from: [0, 2] });
    expect(memo.lookup(order, '{}', 'ng')).toEqual({ exact: [0, 1, 2] });
    expect(memo.lookup(order, '{}', 'tr')).toEqual({ from: order });
    // Another order (a sort, an edit) or other column filters: nothing kept applies.
    expect(memo.lookup([3, 2, 1, 0], '{}', 'ng')).toEqual({ from: [3, 2, 1, 0] });
    expect(memo.lookup([3, 2, 1, 0], '{}', 'ng')).toEqual({ from: [3, 2, 1, 0] });
  });

  it('forgets the oldest search beyond its limit', () => {
    const memo = new SearchMemo(2);
    const order = [0, 1];
    memo.lookup(order, '{}', '');
    memo.remember('a', [0]);
    memo.remember('b', [1]);
    memo.remember('c', []);
    expect(memo.lookup(order, '{}', 'a')).toEqual({ from: order });
    expect(memo.lookup(order, '{}', 'c')).toEqual({ exact: [] });
  });
});

describe('rows stay where the clerk sees them after an edit', () => {
  it('keeps the shown order, drops rows taken away and puts new rows last', () => {
    const a = { n: 'a' };
    const b = { n: 'b' };
    const c = { n: 'c' };
    const d = { n: 'd' };
    // Shown sorted c, a, b; then b is taken away and d pasted below.
    expect(keepOrder([c, a, b], [a, c, d])).toEqual([1, 0, 2]);
  });
});
