import { describe, expect, it } from 'vitest';
import type { CodeCount } from './bindings/CodeCount';
import { daysUntil, formBars, localIsoDate, niceMax } from './charts';

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
