import { describe, expect, it } from 'vitest';
import type { CodeCount } from './bindings/CodeCount';
import { chartLabel, daysUntil, formBars, localIsoDate, niceMax } from './charts';

const cc = (code: string, count: number, recipient_kind: CodeCount['recipient_kind'] = 'ca_nhan'): CodeCount => ({
  code,
  name: code === 'LDTT' ? 'Lao động tiên tiến' : code,
  award_kind: 'danh_hieu',
  recipient_kind,
  count: count as unknown as bigint,
  amount: 0 as unknown as bigint,
});

describe('charts', () => {
  it('adds recipients of a form together and compares with last year', () => {
    const bars = formBars([cc('LDTT', 40), cc('CSTDCS', 6), cc('LDTT', 2, 'tap_the')], [cc('LDTT', 35), cc('GK', 3)]);
    expect(bars).toEqual([
      { code: 'LDTT', name: 'Lao động tiên tiến', now: 42, before: 35 },
      { code: 'CSTDCS', name: 'CSTDCS', now: 6, before: 0 },
      { code: 'GK', name: 'GK', now: 0, before: 3 },
    ]);
    expect(formBars([cc('A', 1), cc('B', 2)], [], 1).map((b) => b.code)).toEqual(['B']);
  });

  it('ends axes on round numbers', () => {
    expect([0, 1, 3, 42, 100, 101, 7000].map(niceMax)).toEqual([1, 1, 5, 50, 100, 200, 10000]);
  });

  it('counts days to a deadline', () => {
    expect(daysUntil('2026-03-01', '2026-02-27')).toBe(2);
    expect(daysUntil('2026-01-31', '2026-02-01')).toBe(-1);
    expect(localIsoDate(new Date(2026, 0, 5))).toBe('2026-01-05');
  });
});

describe('a chart label', () => {
  it('is the catalog name with the usual abbreviations, on at most two lines, nothing cut', () => {
    expect(chartLabel('Giấy khen của Chủ tịch Ủy ban nhân dân cấp xã')).toEqual(['Giấy khen của Chủ tịch UBND', 'cấp xã']);
    expect(chartLabel('Lao động tiên tiến')).toEqual(['Lao động tiên tiến']);
    expect(chartLabel('Bằng khen của Thủ tướng Chính phủ')).toEqual(['Bằng khen của Thủ tướng CP']);
    expect(chartLabel('Giấy khen của thủ trưởng cơ quan, đơn vị')).toEqual(['Giấy khen của thủ trưởng cơ', 'quan, đơn vị']);
  });

  it('ends with … only when words are still left over', () => {
    const long = 'Tập thể lao động xuất sắc của Ủy ban nhân dân tỉnh và Hội đồng nhân dân tỉnh năm nay';
    const lines = chartLabel(long);
    expect(lines).toHaveLength(2);
    expect(lines.every((l) => l.length <= 28)).toBe(true);
    expect(lines[1].endsWith('…')).toBe(true);
  });
});

