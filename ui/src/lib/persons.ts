// The persons grid: a person's line (only the columns the grid shows, see PersonLine) as a
// grid row and back, with what the clerk typed checked before the core is asked (the core
// checks again; these messages only come sooner).
import type { Person } from './bindings/Person';
import type { PersonLine } from './bindings/PersonLine';
import type { PersonLineInput } from './bindings/PersonLineInput';
import type { PersonStep } from './bindings/PersonStep';
import type { PositionCategory } from './bindings/PositionCategory';
import type { ChangeBatch, GridRow } from './grid/types';

const CATEGORIES: PositionCategory[] = ['truc_tiep', 'lanh_dao_tinh', 'lanh_dao_so', 'doanh_nhan', 'lanh_dao_khac'];

let fresh = 0;

/** A person's line as the grid holds it: the birth year as typed text, a key that survives saving. */
export function personRow([id, full_name, gender, birth_year, position, unit_id, position_category]: PersonLine): GridRow {
  return {
    key: id,
    id,
    full_name,
    gender,
    birth_year: birth_year === null ? null : String(birth_year),
    position,
    unit_id,
    position_category,
  };
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
    position: null,
    unit_id: null,
    position_category: 'truc_tiep',
  };
}

/** Writes what the core saved into the row the grid holds (the key stays). */
export function absorb(row: GridRow, saved: PersonLine): void {
  Object.assign(row, personRow(saved), { key: row.key });
}

const text = (v: unknown): string => (v === null || v === undefined ? '' : String(v)).normalize('NFC').trim();

/**
 * The row as the core's input, or the first thing wrong with it in the clerk's words.
 * `thisYear` bounds the birth year (nobody on the books is born in the future).
 */
export function personInput(row: GridRow, thisYear: number): { input: PersonLineInput } | { error: string } {
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
  return {
    input: {
      full_name: name,
      gender: gender === '' ? null : gender,
      birth_year: birthYear,
      position: text(row.position),
      unit_id: text(row.unit_id) === '' ? null : text(row.unit_id),
      position_category: category as PositionCategory,
    },
  };
}

/**
 * One grid step as the core saves it, all or nothing: the people it takes back (lines of an
 * undone paste, or a person added a moment ago whose name was taken away again by Ctrl+Z of
 * the first letters typed) and the lines edited or added, with the rows they came from in the
 * same order. New lines without a name yet wait.
 */
export function personStep(
  batch: ChangeBatch,
  thisYear: number,
): { step: PersonStep; taken: GridRow[]; touched: GridRow[] } | { error: string } {
  const all = [...new Set([...batch.added, ...batch.changes.map((c) => c.row)])].filter((r) => !batch.removed.includes(r));
  const emptied = all.filter((r) => r.id && String(r.key).startsWith('moi-') && text(r.full_name) === '');
  const taken = [...batch.removed.filter((r) => r.id), ...emptied];
  const touched = all.filter((r) => !emptied.includes(r) && !isPending(r));
  const changes: PersonStep['changes'] = [];
  for (const row of touched) {
    const checked = personInput(row, thisYear);
    if ('error' in checked) return checked;
    changes.push([row.id ? String(row.id) : null, checked.input]);
  }
  return { step: { removed: taken.map((r) => String(r.id)), changes }, taken, touched };
}

/** A new line the clerk has not typed a name into yet: kept on screen, not saved. */
export function isPending(row: GridRow): boolean {
  return (row.id === null || row.id === undefined) && text(row.full_name) === '';
}

/**
 * Of two records picked for merging, the one to keep: the older record (it usually carries the
 * history), unless only the other has a birth year. The core fills the kept record's gaps.
 */
export function mergeOrder<T extends { birth_year: unknown; created_at: unknown }>(a: T, b: T): { keep: T; duplicate: T } {
  const hasYear = (r: T) => text(r.birth_year) !== '';
  if (hasYear(a) !== hasYear(b)) return hasYear(a) ? { keep: a, duplicate: b } : { keep: b, duplicate: a };
  return String(a.created_at ?? '') <= String(b.created_at ?? '') ? { keep: a, duplicate: b } : { keep: b, duplicate: a };
}

/** A whole record as the grid's line. */
export function lineOf(p: Person): PersonLine {
  return [p.id, p.full_name, p.gender, p.birth_year, p.position, p.unit_id, p.position_category];
}
