import { describe, expect, it } from 'vitest';
import type { Coefficient } from './bindings/Coefficient';
import type { Regime } from './bindings/Regime';
import type { CatalogItem } from './bindings/CatalogItem';
import { catalogEdit, catalogEditForm, coefficientOn, fileSize, inForce, isoDay, isRegimeRow, paramLabel, regimeOn, timeAndDay } from './settings';

const regime = (id: string, from: string | null, to: string | null): Regime => ({
  id,
  name: id,
  valid_from: from,
  valid_to: to,
  collective_multiplier: 2,
  household_multiplier: 1.5,
  only_highest: false,
  rounding_mode: 'up',
  rounding_step: 10000 as unknown as bigint,
  legal_ref: '',
  note: '',
});
const regimes = [regime('nd91', null, '2023-12-31'), regime('nd98', '2024-01-01', '2025-06-30'), regime('nd152', '2025-07-01', null)];
const coef = (regime_id: string, valid_from: string, coefficient: number): Coefficient => ({
  code: 'GK_XA',
  regime_id,
  valid_from,
  coefficient,
  confirmed: 'yes',
  legal_ref: 'x',
});
const rows = [coef('nd98', '2024-01-01', 0.15), coef('nd152', '2025-07-01', 0.3), coef('nd152', '2026-01-01', 0.4)];

describe('dated rows', () => {
  it('picks the latest start not after the day', () => {
    expect(inForce(rows, (r) => r.valid_from, '2023-01-01')).toBeUndefined();
    expect(inForce(rows, (r) => r.valid_from, '2025-12-31')?.coefficient).toBe(0.3);
    expect(inForce(rows, (r) => r.valid_from, '2026-01-01')?.coefficient).toBe(0.4);
  });

  it('follows the regime of the decision date, then the dated change inside it', () => {
    expect(regimeOn(regimes, '2023-05-01')?.id).toBe('nd91');
    expect(regimeOn(regimes, '2025-06-30')?.id).toBe('nd98');
    expect(coefficientOn(rows, regimes, 'GK_XA', '2025-03-15')?.coefficient).toBe(0.15);
    expect(coefficientOn(rows, regimes, 'GK_XA', '2025-08-15')?.coefficient).toBe(0.3);
    expect(coefficientOn(rows, regimes, 'GK_XA', '2026-02-01')?.coefficient).toBe(0.4);
    expect(coefficientOn(rows, regimes, 'LDTT', '2026-02-01')).toBeUndefined();
    expect(isRegimeRow(rows[1], regimes)).toBe(true);
    expect(isRegimeRow(rows[2], regimes)).toBe(false);
  });
});

describe('words and numbers', () => {
  it('writes days, times and sizes the Vietnamese way', () => {
    expect(isoDay(new Date(2026, 0, 5))).toBe('2026-01-05');
    expect(timeAndDay(new Date(2026, 10, 22, 9, 7).toISOString())).toBe('09:07 22/11/2026');
    expect(fileSize(512)).toBe('512 B');
    expect(fileSize(1536)).toBe('1,5 KB');
    expect(fileSize(2_621_440)).toBe('2,5 MB');
    expect(fileSize(1_234_567_890)).toBe('1,1 GB');
    expect(paramLabel('ldtt_min_service_months')).toContain('LĐTT');
    expect(paramLabel('khong_biet')).toBe('khong_biet');
  });
});

describe('editing a catalog item', () => {
  const item = (builtin: boolean): CatalogItem => ({
    code: builtin ? 'GK_XA' : 'GK_DANG_UY',
    kind: 'hinh_thuc',
    subject: 'any',
    name: builtin ? 'Giấy khen của Chủ tịch Ủy ban nhân dân cấp xã' : 'Giấy khen Đảng ủy',
    granted_by: '',
    valid_from: null,
    valid_to: null,
    stat_table: 'local',
    stat_column: null,
    confirmed: '',
    legal_ref: builtin ? 'NĐ 98 Đ58' : 'QĐ 12/QĐ-ĐU',
    builtin,
  });

  it('changes a local item whole, dates typed dd/mm/yyyy', () => {
    const form = { ...catalogEditForm(item(false)), name: ' Giấy khen của  Đảng ủy xã ', from: '1/7/2025', to: '31/12/2030' };
    expect(catalogEdit(item(false), form)).toEqual({
      edit: { name: 'Giấy khen của Đảng ủy xã', valid_from: '2025-07-01', valid_to: '2030-12-31', legal_ref: 'QĐ 12/QĐ-ĐU' },
    });
    expect(catalogEdit(item(false), { ...form, to: '31/12/2024' })).toMatchObject({ field: 'valid_to' });
    expect(catalogEdit(item(false), { ...form, from: '31/02/2025' })).toMatchObject({ field: 'valid_from' });
    expect(catalogEdit(item(false), { ...form, ref: ' ' })).toMatchObject({ field: 'legal_ref' });
  });

  it('keeps the legal name and start of an official item; its end date needs the document', () => {
    const official = item(true);
    const form = { ...catalogEditForm(official), name: 'Giấy khen UBND xã', from: '01/01/2020', to: '31/12/2030' };
    expect(catalogEdit(official, form)).toEqual({
      error: 'Hãy ghi thêm vào căn cứ pháp lý văn bản quy định ngày hết áp dụng.',
      field: 'legal_ref',
    });
    expect(catalogEdit(official, { ...form, ref: 'NĐ 98 Đ58; NĐ 01/2030' })).toEqual({
      edit: { name: official.name, valid_from: null, valid_to: '2030-12-31', legal_ref: 'NĐ 98 Đ58; NĐ 01/2030' },
    });
  });
});

