import { describe, expect, it } from 'vitest';
import type { Coefficient } from './bindings/Coefficient';
import type { Regime } from './bindings/Regime';
import { coefficientOn, fileSize, inForce, isoDay, isRegimeRow, paramLabel, regimeOn, timeAndDay } from './settings';

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
