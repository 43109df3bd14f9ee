// The Settings screen's pure logic: which dated row is in force on a day, how a backup is
// described, and the Vietnamese names of the rule parameters the core keeps by key.

import type { CatalogEdit } from './bindings/CatalogEdit';
import type { CatalogItem } from './bindings/CatalogItem';
import type { Coefficient } from './bindings/Coefficient';
import type { Regime } from './bindings/Regime';
import { dmyToIso, formatNumber, isoToDmy } from './format';

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** The local calendar day as stored dates are written: "2026-11-22". */
export function isoDay(d: Date = new Date()): string {
  return `${d.getFullYear()}-${pad2(d.getMonth() + 1)}-${pad2(d.getDate())}`;
}

/** Of rows each starting on a day, the one in force on `date`: the latest start not after it. */
export function inForce<T>(rows: readonly T[], from: (row: T) => string, date: string): T | undefined {
  let best: T | undefined;
  for (const r of rows) {
    if (from(r) <= date && (best === undefined || from(r) > from(best))) best = r;
  }
  return best;
}

/** The regime a decision dated `date` falls under (the decision date decides, not today). */
export function regimeOn(regimes: readonly Regime[], date: string): Regime | undefined {
  return regimes.find((r) => (r.valid_from ?? '0000-01-01') <= date && date <= (r.valid_to ?? '9999-12-31'));
}

/** The coefficient of `code` a decision dated `date` is paid with, or undefined. */
export function coefficientOn(
  rows: readonly Coefficient[],
  regimes: readonly Regime[],
  code: string,
  date: string,
): Coefficient | undefined {
  const regime = regimeOn(regimes, date);
  if (!regime) return undefined;
  return inForce(
    rows.filter((c) => c.code === code && c.regime_id === regime.id),
    (c) => c.valid_from,
    date,
  );
}

/** Whether a coefficient row is the one its regime came with (not removable), as opposed
 *  to a change from a date. */
export function isRegimeRow(row: Coefficient, regimes: readonly Regime[]): boolean {
  const regime = regimes.find((r) => r.id === row.regime_id);
  return (regime?.valid_from ?? '0001-01-01') === row.valid_from;
}

/** "14:05 22/11/2026" from an RFC 3339 time. */
export function timeAndDay(rfc3339: string): string {
  const d = new Date(rfc3339);
  if (Number.isNaN(d.getTime())) return rfc3339;
  return `${pad2(d.getHours())}:${pad2(d.getMinutes())} ${pad2(d.getDate())}/${pad2(d.getMonth() + 1)}/${d.getFullYear()}`;
}

/** 1536 → "1,5 KB", 2_500_000 → "2,4 MB": one decimal, with the Vietnamese comma. */
export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${formatNumber(bytes)} B`;
  const units = ['KB', 'MB', 'GB'];
  let v = bytes / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  const rounded = Math.round(v * 10) / 10;
  const [int, frac] = String(rounded).split('.');
  return `${formatNumber(Number(int))}${frac ? ',' + frac : ''} ${units[i]}`;
}

/** The rule parameters the core reads, in words; an unknown key is shown as it is. */
export const PARAM_LABELS: Record<string, string> = {
  ldtt_min_service_months: 'LĐTT: thời gian công tác tối thiểu (tháng)',
  cstdcs_cap_percent_of_ldtt: 'CSTĐCS: tối đa bao nhiêu % số LĐTT',
  ttldxs_min_ldtt_percent: 'TTLĐXS: tối thiểu % cá nhân đạt LĐTT',
  ttldtt_min_ldtt_percent: 'TTLĐTT: trên bao nhiêu % cá nhân đạt LĐTT',
  cstd_tinh_consecutive_cstdcs: 'CSTĐ cấp tỉnh: số lần liên tục đạt CSTĐCS',
  cstd_tq_consecutive_cstd_tinh: 'CSTĐ toàn quốc: số lần liên tục đạt CSTĐ cấp tỉnh',
};

export const paramLabel = (key: string): string => PARAM_LABELS[key] ?? key;

export const SUBJECT_LABELS: Record<string, string> = {
  ca_nhan: 'Cá nhân',
  tap_the: 'Tập thể',
  ho_gia_dinh: 'Hộ gia đình',
  any: 'Mọi đối tượng',
};

export const ROUNDING_LABELS: Record<string, string> = {
  up: 'làm tròn lên',
  nearest: 'làm tròn gần nhất',
  none: 'không làm tròn',
};

/** The "Sửa" form of a catalog item: dates as the clerk reads them (dd/mm/yyyy). */
export interface CatalogEditForm {
  name: string;
  from: string;
  to: string;
  ref: string;
}

export function catalogEditForm(item: CatalogItem): CatalogEditForm {
  return { name: item.name, from: isoToDmy(item.valid_from), to: isoToDmy(item.valid_to), ref: item.legal_ref };
}

/**
 * The form as the core's edit, or the first thing wrong in the clerk's words (the core checks
 * again). An item of the official catalog keeps its legal name and start; only its end date
 * (with the document that sets it) may change.
 */
export function catalogEdit(item: CatalogItem, form: CatalogEditForm): { edit: CatalogEdit } | { error: string; field: string } {
  const date = (text: string): string | null | undefined => (text.trim() === '' ? null : (dmyToIso(text) ?? undefined));
  const from = item.builtin ? item.valid_from : date(form.from);
  const to = date(form.to);
  const name = item.builtin ? item.name : form.name.normalize('NFC').trim().replace(/\s+/g, ' ');
  if (name === '') return { error: 'Tên danh hiệu, hình thức không được để trống.', field: 'name' };
  if (from === undefined) return { error: 'Ngày bắt đầu áp dụng phải là ngày dd/mm/yyyy, ví dụ 01/07/2025.', field: 'valid_from' };
  if (to === undefined) return { error: 'Ngày hết áp dụng phải là ngày dd/mm/yyyy, ví dụ 31/12/2030.', field: 'valid_to' };
  if (from && to && from > to) return { error: 'Ngày hết áp dụng phải sau ngày bắt đầu áp dụng.', field: 'valid_to' };
  const ref = form.ref.normalize('NFC').trim();
  if (ref === '') return { error: 'Hãy ghi căn cứ pháp lý (văn bản quy định danh hiệu, hình thức và thời gian áp dụng).', field: 'legal_ref' };
  if (item.builtin && to !== item.valid_to && ref === item.legal_ref)
    return { error: 'Hãy ghi thêm vào căn cứ pháp lý văn bản quy định ngày hết áp dụng.', field: 'legal_ref' };
  return { edit: { name, valid_from: from, valid_to: to, legal_ref: ref } };
}
