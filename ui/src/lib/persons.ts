// The persons grid: a Person as a grid row and back, with what the clerk typed checked before
// the core is asked (the core checks again; these messages only come sooner).
import type { Person } from './bindings/Person';
import type { PersonInput } from './bindings/PersonInput';
import type { PositionCategory } from './bindings/PositionCategory';
import type { GridRow } from './grid/types';

const CATEGORIES: PositionCategory[] = ['truc_tiep', 'lanh_dao_tinh', 'lanh_dao_so', 'doanh_nhan', 'lanh_dao_khac'];

let fresh = 0;

/** A person as the grid holds them: the birth year as typed text, a key that survives saving. */
export function personRow(p: Person): GridRow {
  return { ...p, key: p.id, birth_year: p.birth_year === null ? null : String(p.birth_year) };
}

/** A blank line for a new person (saved once it has a name). */
export function newPersonRow(): GridRow {
  fresh += 1;
  return {
    key: `moi-${fresh}`,
    id: null,
    full_name: null,
    gender: null,
    birth_year: null,
    birth_date: null,
    unit_id: null,
    unit_name: null,
    position: null,
    position_category: 'truc_tiep',
    citizen_id: null,
    hired_on: null,
    note: '',
  };
}

/** Writes what the core saved into the row the grid holds (the key stays). */
export function absorb(row: GridRow, saved: Person): void {
  Object.assign(row, personRow(saved), { key: row.key });
}

const text = (v: unknown): string => (v === null || v === undefined ? '' : String(v)).normalize('NFC').trim();

/**
 * The row as the core's input, or the first thing wrong with it in the clerk's words.
 * `thisYear` bounds the birth year (nobody on the books is born in the future).
 */
export function personInput(row: GridRow, thisYear: number): { input: PersonInput } | { error: string } {
  const name = text(row.full_name).replace(/\s+/g, ' ');
  if (name === '') return { error: 'Họ và tên không được để trống.' };
  if (/\d/.test(name)) return { error: `Họ và tên “${name}” có chữ số; hãy kiểm tra lại.` };
  let birthYear: number | null = null;
  const typedYear = text(row.birth_year);
  if (typedYear !== '') {
    if (!/^\d{4}$/.test(typedYear)) {
      return { error: `Năm sinh “${typedYear}” của ${name} không hợp lệ: gõ 4 chữ số, ví dụ 1985.` };
    }
    birthYear = Number(typedYear);
    if (birthYear < 1900 || birthYear > thisYear) {
      return { error: `Năm sinh ${typedYear} của ${name} phải từ 1900 đến ${thisYear}.` };
    }
  }
  const gender = text(row.gender);
  if (gender !== '' && gender !== 'nam' && gender !== 'nu') {
    return { error: `Giới tính của ${name} chỉ là Nam hoặc Nữ.` };
  }
  const category = text(row.position_category) || 'truc_tiep';
  if (!CATEGORIES.includes(category as PositionCategory)) {
    return { error: `Nhóm chức vụ “${category}” của ${name} không có trong danh mục.` };
  }
  const opt = (v: unknown): string | null => (text(v) === '' ? null : text(v));
  return {
    input: {
      full_name: name,
      gender: gender === '' ? null : gender,
      birth_year: birthYear,
      birth_date: opt(row.birth_date),
      unit_id: opt(row.unit_id),
      position: text(row.position),
      position_category: category as PositionCategory,
      citizen_id: opt(row.citizen_id),
      hired_on: opt(row.hired_on),
      note: text(row.note),
    },
  };
}

/** A new line the clerk has not typed a name into yet: kept on screen, not saved. */
export function isPending(row: GridRow): boolean {
  return (row.id === null || row.id === undefined) && text(row.full_name) === '';
}

/**
 * Of two records picked for merging, the one to keep: the older record (it usually carries the
 * history), unless only the other has a birth year. The core fills the kept record's gaps.
 */
export function mergeOrder(a: GridRow, b: GridRow): { keep: GridRow; duplicate: GridRow } {
  const hasYear = (r: GridRow) => text(r.birth_year) !== '';
  if (hasYear(a) !== hasYear(b)) return hasYear(a) ? { keep: a, duplicate: b } : { keep: b, duplicate: a };
  return String(a.created_at ?? '') <= String(b.created_at ?? '') ? { keep: a, duplicate: b } : { keep: b, duplicate: a };
}
