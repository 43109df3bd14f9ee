import { describe, expect, it } from 'vitest';
import type { ImportOptions } from './bindings/ImportOptions';
import {
  correctionCount,
  editableFields,
  emptyOptions,
  hasCorrections,
  issuePlace,
  rowOverrideOf,
  rowValues,
  withColumn,
  withRowSkipped,
  withRowSubject,
  withRowValues,
} from './imports';

describe('import corrections', () => {
  it('replaces a column choice instead of stacking them', () => {
    let o = withColumn(emptyOptions(), 'Dang ky', 'D', 'form');
    o = withColumn(o, 'Dang ky', 'D', 'title');
    o = withColumn(o, 'Dang ky', 'F', null);
    expect(o.column_overrides).toEqual([
      { sheet: 'Dang ky', column: 'D', field: 'title' },
      { sheet: 'Dang ky', column: 'F', field: null },
    ]);
  });

  it('keeps only the values the clerk changed, and drops an override that says nothing', () => {
    const before = { name: 'Dương Thị Thuý', title: 'Lao động tiên tiến' };
    let o = withRowValues(emptyOptions(), 'S', 17, { name: 'Dương Thị Thúy', title: 'Lao động tiên tiến' }, before);
    expect(rowOverrideOf(o, 'S', 17)?.values).toEqual([{ field: 'name', value: 'Dương Thị Thúy' }]);
    o = withRowValues(o, 'S', 17, { name: 'Dương Thị Thúy ' }, before);
    expect(rowOverrideOf(o, 'S', 17)?.values).toHaveLength(1);
    o = withRowSkipped(o, 'S', 17, true);
    expect(rowOverrideOf(o, 'S', 17)?.skip).toBe(true);
    expect(rowOverrideOf(o, 'S', 17)?.values).toHaveLength(1);
    const none = withRowSkipped(emptyOptions(), 'S', 3, false);
    expect(none.row_overrides).toEqual([]);
  });

  it('records who a row is about, or that it is someone new', () => {
    let o = withRowSubject(emptyOptions(), 'S', 5, 'p-1');
    expect(rowOverrideOf(o, 'S', 5)).toMatchObject({ subject_id: 'p-1', create_new: false });
    o = withRowSubject(o, 'S', 5, null);
    expect(rowOverrideOf(o, 'S', 5)).toMatchObject({ subject_id: null, create_new: true });
  });

  it('places issues as Excel shows them', () => {
    const base = { severity: 'error' as const, message: 'x' };
    expect(issuePlace({ ...base, sheet: 'Dang ky', row: 14, column: 'D' })).toBe('Trang “Dang ky”, ô D14');
    expect(issuePlace({ ...base, sheet: 'Dang ky', row: 14, column: null })).toBe('Trang “Dang ky”, dòng 14');
    expect(issuePlace({ ...base, sheet: null, row: null, column: null })).toBe('');
  });

  it('offers the mapped fields and the name, never the row number', () => {
    expect(editableFields(['number', 'name', 'position', 'title', null])).toEqual(['name', 'position', 'title']);
    expect(editableFields([])).toEqual(['name']);
  });

  it('starts a correction from the row as previewed, titles and forms in their own fields', () => {
    const row = {
      sheet: 'S', row: 9, status: 'ready' as const, description: '', recipient_kind: null, name: 'Trường THCS Hồng Kỳ',
      position: '', unit_name: '', birth_year: null, place: '', codes: ['TTLDXS', 'BK_TINH'],
      subject: { status: 'new' as const }, decision: null, achievement: '', direct_worker: false, targets: '', registered_on: null, amount: null, score: null, issues: [],
    };
    const info = (c: string) =>
      c === 'TTLDXS'
        ? { name: 'Tập thể lao động xuất sắc', kind: 'danh_hieu' as const }
        : { name: 'Bằng khen của Chủ tịch UBND tỉnh', kind: 'hinh_thuc' as const };
    const v = rowValues(row, info);
    expect(v.title).toBe('Tập thể lao động xuất sắc');
    expect(v.form).toBe('Bằng khen của Chủ tịch UBND tỉnh');
    expect(v.award).toBe('Tập thể lao động xuất sắc, Bằng khen của Chủ tịch UBND tỉnh');
    expect(v.birth_year).toBe('');
  });
});

describe('closing a file tab', () => {
  it('asks only when corrections are not yet written', () => {
    const options = emptyOptions();
    expect(hasCorrections({ options, outcome: null })).toBe(false);
    const fixed = { ...options, row_overrides: [{ sheet: 'DS', row: 5, skip: true, subject: null, values: [] }] } as unknown as ImportOptions;
    expect(correctionCount(fixed)).toBe(1);
    expect(hasCorrections({ options: fixed, outcome: null })).toBe(true);
    expect(hasCorrections({ options: fixed, outcome: { import_id: 'x' } })).toBe(false);
    // The unit chosen for a file picked from the home screen is no correction to lose.
    expect(hasCorrections({ options: { ...options, unit: 'TH01' }, outcome: null })).toBe(false);
  });
});
