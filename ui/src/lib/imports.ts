// The clerk's corrections to an import preview, kept as the core's ImportOptions: each
// change returns new options, and the screen previews again with them (the core stays the
// one that reads the file and decides). Pure functions, tested in imports.test.ts.

import type { ImportField } from './bindings/ImportField';
import type { ImportIssue } from './bindings/ImportIssue';
import type { ImportKind } from './bindings/ImportKind';
import type { ImportOptions } from './bindings/ImportOptions';
import type { ImportRow } from './bindings/ImportRow';
import type { ImportRowStatus } from './bindings/ImportRowStatus';
import type { RowOverride } from './bindings/RowOverride';

/** Corrections the clerk made to a file's reading (columns remapped, rows fixed or skipped). */
export function correctionCount(options: ImportOptions): number {
  return options.column_overrides.length + options.row_overrides.length;
}

/** True when closing the file would lose corrections not yet written into the data. */
export function hasCorrections(file: { options: ImportOptions; outcome: unknown }): boolean {
  return file.outcome === null && correctionCount(file.options) > 0;
}

export function emptyOptions(): ImportOptions {
  return {
    kind: null,
    unit: null,
    year: null,
    decision_number: null,
    decision_date: null,
    column_overrides: [],
    row_overrides: [],
    skip_unresolved: false,
  };
}

/** What the clerk may say a column holds (labels as the core's Field::label). */
export const FIELD_LABELS: Record<ImportField, string> = {
  number: 'Số thứ tự',
  name: 'Họ và tên / tên tập thể',
  position: 'Chức vụ',
  position_unit: 'Chức vụ, đơn vị công tác',
  unit: 'Đơn vị công tác',
  village: 'Thôn, tổ dân phố',
  unit_code: 'Mã đơn vị',
  birth_year: 'Năm sinh',
  title: 'Danh hiệu thi đua',
  form: 'Hình thức khen thưởng',
  award: 'Danh hiệu / hình thức',
  decision_number: 'Số quyết định',
  decision_date: 'Ngày quyết định',
  achievement: 'Thành tích',
  amount: 'Số tiền',
  note: 'Ghi chú',
  criterion: 'Điểm tiêu chí',
  self_score: 'Điểm tự chấm',
  block_score: 'Điểm khối chấm',
  rank: 'Xếp hạng',
  proposal: 'Đề nghị',
  subject_kind: 'Đối tượng',
  decision_level: 'Cấp quyết định',
  award_type: 'Loại hình khen thưởng',
  direct_worker: 'Người lao động trực tiếp',
  targets: 'Chỉ tiêu đăng ký',
  registered_on: 'Ngày đăng ký',
  block: 'Khối thi đua',
  council_score: 'Điểm hội đồng chấm',
};

export const KIND_LABELS: Record<ImportKind, string> = {
  awards: 'Danh sách khen thưởng',
  registrations: 'Đăng ký thi đua',
  block_scores: 'Chấm điểm khối thi đua',
  units: 'Danh sách đơn vị',
  rollup: 'Báo cáo tổng hợp',
};

export const STATUS_LABELS: Record<ImportRowStatus, string> = {
  ready: 'Sẵn sàng',
  needs_confirmation: 'Cần xác nhận',
  error: 'Lỗi',
  already_present: 'Đã có',
  skipped: 'Bỏ qua',
};

/** Column `column` of `sheet` holds `field` (null: ignore the column). Replaces an earlier choice. */
export function withColumn(o: ImportOptions, sheet: string, column: string, field: ImportField | null): ImportOptions {
  const rest = o.column_overrides.filter((c) => !(c.sheet === sheet && c.column === column));
  return { ...o, column_overrides: [...rest, { sheet, column, field }] };
}

function rowOverride(o: ImportOptions, sheet: string, row: number): RowOverride {
  return (
    o.row_overrides.find((r) => r.sheet === sheet && r.row === row) ?? {
      sheet,
      row,
      skip: false,
      values: [],
      subject_id: null,
      create_new: false,
    }
  );
}

function withRow(o: ImportOptions, r: RowOverride): ImportOptions {
  const rest = o.row_overrides.filter((x) => !(x.sheet === r.sheet && x.row === r.row));
  const empty = !r.skip && r.values.length === 0 && r.subject_id === null && !r.create_new;
  return { ...o, row_overrides: empty ? rest : [...rest, r] };
}

/** The row's values corrected: only fields whose text changed from `before` are kept. */
export function withRowValues(
  o: ImportOptions,
  sheet: string,
  row: number,
  values: Partial<Record<ImportField, string>>,
  before: Partial<Record<ImportField, string>> = {},
): ImportOptions {
  const r = rowOverride(o, sheet, row);
  const changed = (Object.entries(values) as [ImportField, string][]).filter(
    ([f, v]) => v.trim() !== (before[f] ?? '').trim(),
  );
  const kept = r.values.filter((v) => !changed.some(([f]) => f === v.field));
  return withRow(o, { ...r, values: [...kept, ...changed.map(([field, value]) => ({ field, value: value.trim() }))] });
}

export function withRowSkipped(o: ImportOptions, sheet: string, row: number, skip: boolean): ImportOptions {
  return withRow(o, { ...rowOverride(o, sheet, row), skip });
}

/** Settles who a row is about: an existing record's id, or (null) someone new. */
export function withRowSubject(o: ImportOptions, sheet: string, row: number, subjectId: string | null): ImportOptions {
  return withRow(o, { ...rowOverride(o, sheet, row), subject_id: subjectId, create_new: subjectId === null });
}

export function rowOverrideOf(o: ImportOptions, sheet: string, row: number): RowOverride | undefined {
  return o.row_overrides.find((r) => r.sheet === sheet && r.row === row);
}

/** Where to find an issue in Excel: "Trang “Dang ky”, ô D14". */
export function issuePlace(i: ImportIssue): string {
  const parts: string[] = [];
  if (i.sheet) parts.push(`Trang “${i.sheet}”`);
  if (i.row !== null && i.column) parts.push(`ô ${i.column}${i.row}`);
  else if (i.row !== null) parts.push(`dòng ${i.row}`);
  return parts.join(', ');
}

/** The fields a row's correction form offers: those the file's columns hold, then the name. */
export function editableFields(mapped: (ImportField | null)[]): ImportField[] {
  const seen = new Set<ImportField>();
  for (const f of mapped) if (f && f !== 'number') seen.add(f);
  seen.add('name');
  const order = Object.keys(FIELD_LABELS) as ImportField[];
  return order.filter((f) => seen.has(f));
}

/** What the preview shows in a row for each field, to start the correction from. Titles
 *  (danh hiệu) and forms (hình thức) go to their own columns, both to a shared one. */
export function rowValues(
  r: ImportRow,
  codeInfo: (code: string) => { name: string; kind: 'danh_hieu' | 'hinh_thuc' | null },
): Partial<Record<ImportField, string>> {
  const infos = r.codes.map(codeInfo);
  const names = (kind: string | null) =>
    infos
      .filter((i) => kind === null || i.kind === kind)
      .map((i) => i.name)
      .join(', ');
  return {
    name: r.name,
    position: r.position,
    position_unit: r.position,
    unit: r.unit_name,
    village: r.place,
    birth_year: r.birth_year === null ? '' : String(r.birth_year),
    title: names('danh_hieu'),
    form: names('hinh_thuc'),
    award: names(null),
    achievement: r.achievement,
    amount: r.amount === null ? '' : String(r.amount),
  };
}
