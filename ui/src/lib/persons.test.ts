import { describe, expect, it } from 'vitest';
import type { ChangeBatch, GridRow } from './grid/types';
import { absorb, isPending, mergeOrder, newPersonRow, personInput, personRow, personStep } from './persons';

describe('a person typed in the grid', () => {
  it('is stored NFC with spaces tidied', () => {
    const row = { ...newPersonRow(), full_name: '  Nguye\u0302\u0303n   Văn  An ', birth_year: '1985', gender: 'nam' };
    const r = personInput(row, 2026);
    expect('input' in r && r.input.full_name).toBe('Nguyễn Văn An');
    expect('input' in r && r.input.birth_year).toBe(1985);
  });

  it('says in Vietnamese what is wrong', () => {
    const base = { ...newPersonRow(), full_name: 'Lê Thị Hoa' };
    expect(personInput({ ...base, full_name: ' ' }, 2026)).toEqual({ error: 'Họ và tên không được để trống.' });
    expect(personInput({ ...base, birth_year: '85' }, 2026)).toEqual({
      error: 'Năm sinh “85” của Lê Thị Hoa không hợp lệ: gõ 4 chữ số, ví dụ 1985.',
    });
    expect(personInput({ ...base, birth_year: '2030' }, 2026)).toEqual({
      error: 'Năm sinh 2030 của Lê Thị Hoa phải từ 1900 đến 2026.',
    });
    expect(personInput({ ...base, full_name: 'Lê Thị Hoa 2' }, 2026)).toEqual({
      error: 'Họ và tên “Lê Thị Hoa 2” có chữ số; hãy kiểm tra lại.',
    });
  });

  it('waits for a name before a new line is saved', () => {
    expect(isPending(newPersonRow())).toBe(true);
    expect(isPending({ ...newPersonRow(), full_name: 'An' })).toBe(false);
    expect(isPending({ id: 'x', full_name: '' })).toBe(false);
  });

  it('keeps the older record when merging, unless only the other has a birth year', () => {
    const old = { id: 'a', birth_year: null as string | null, created_at: '2025-01-01' };
    const young = { id: 'b', birth_year: null as string | null, created_at: '2026-01-01' };
    expect(mergeOrder(young, old).keep).toBe(old);
    expect(mergeOrder(old, { ...young, birth_year: '1980' }).keep.id).toBe('b');
  });

  it('is a compact line from the core and back, the row keeping its key', () => {
    const row = personRow(['p1', 'Lò Văn Pâng', 'nam', 1979, 'Tổ trưởng', 'u1', 'truc_tiep']);
    expect(row).toEqual({
      key: 'p1',
      id: 'p1',
      full_name: 'Lò Văn Pâng',
      gender: 'nam',
      birth_year: '1979',
      position: 'Tổ trưởng',
      unit_id: 'u1',
      position_category: 'truc_tiep',
    });
    const fresh: GridRow = { ...newPersonRow(), full_name: 'Vàng Thị Mỷ' };
    const key = fresh.key;
    absorb(fresh, ['p2', 'Vàng Thị Mỷ', 'nu', null, '', null, 'truc_tiep']);
    expect(fresh).toMatchObject({ key, id: 'p2', gender: 'nu', birth_year: null });
  });
});

describe('one step of the persons grid', () => {
  const batch = (b: Partial<ChangeBatch>): ChangeBatch => ({ kind: 'edit', changes: [], added: [], removed: [], ...b });
  const known = (id: string, name: string): GridRow => ({ ...newPersonRow(), key: id, id, full_name: name });

  it('takes back a whole undone paste in one step, and a new person whose name was undone', () => {
    const pasted = [known('a', 'Hà Thị Phương Thảo'), known('b', 'Lò Văn Pâng'), known('c', 'Vàng Thị Mỷ')];
    const undone = personStep(batch({ kind: 'undo', removed: pasted }), 2026);
    expect('step' in undone && undone.step).toEqual({ removed: ['a', 'b', 'c'], changes: [] });

    const typed = { ...newPersonRow(), id: 'd', full_name: '' };
    const emptied = personStep(batch({ kind: 'undo', changes: [{ row: typed, key: 'full_name', before: 'N', after: '' }] }), 2026);
    expect('step' in emptied && emptied.step).toEqual({ removed: ['d'], changes: [] });
  });

  it('saves edits and new lines together in the grid order, leaving blank new lines waiting', () => {
    const edited = { ...known('a', 'Lê Thị Hoa'), birth_year: '1985' };
    const added = { ...newPersonRow(), full_name: 'Giàng A Sử', gender: 'nam' };
    const blank = newPersonRow();
    const r = personStep(batch({ kind: 'paste', changes: [{ row: edited, key: 'birth_year', before: null, after: '1985' }], added: [added, blank] }), 2026);
    if (!('step' in r)) throw new Error(r.error);
    expect(r.step.removed).toEqual([]);
    expect(r.step.changes.map(([id, line]) => [id, line.full_name, line.birth_year])).toEqual([
      [null, 'Giàng A Sử', null],
      ['a', 'Lê Thị Hoa', 1985],
    ]);
    expect(r.touched).toEqual([added, edited]);
  });

  it('saves nothing of a step with a wrong line, and says which', () => {
    const good = { ...newPersonRow(), full_name: 'Giàng A Sử' };
    const bad = { ...newPersonRow(), full_name: 'Vàng Thị Mỷ', birth_year: '19' };
    expect(personStep(batch({ kind: 'paste', added: [good, bad] }), 2026)).toEqual({
      error: 'Năm sinh “19” của Vàng Thị Mỷ không hợp lệ: gõ 4 chữ số, ví dụ 1985.',
    });
  });
});

