import { describe, expect, it } from 'vitest';
import { isPending, mergeOrder, newPersonRow, personInput } from './persons';

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
    const old = { id: 'a', birth_year: null, created_at: '2025-01-01' };
    const young = { id: 'b', birth_year: null, created_at: '2026-01-01' };
    expect(mergeOrder(young, old).keep).toBe(old);
    expect(mergeOrder(old, { ...young, birth_year: '1980' }).keep.id).toBe('b');
  });
});
