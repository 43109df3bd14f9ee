import { describe, expect, it } from 'vitest';
import type { Unit } from './bindings/Unit';
import { unitEndLine } from './units';

const statuses = [
  { value: 'active', label: 'Đang hoạt động' },
  { value: 'merged', label: 'Đã sáp nhập' },
  { value: 'dissolved', label: 'Đã giải thể' },
];

const unit = (over: Partial<Unit>): Unit => ({
  id: 'u',
  code: 'T04',
  name: 'Thôn Trung',
  kind: 'thon_to_dan_pho',
  staff_count: 4,
  parent_id: null,
  parent_name: null,
  status: 'active',
  merged_into: null,
  merged_into_name: null,
  ended_on: null,
  note: '',
  created_at: '2026-01-01T00:00:00Z',
  updated_at: '2026-01-01T00:00:00Z',
  ...over,
});

describe('unit end line', () => {
  it('is empty for an active unit', () => {
    expect(unitEndLine(unit({}), statuses)).toBe('');
  });

  it('names the unit merged into and the date', () => {
    const merged = unit({ status: 'merged', merged_into: 't01', merged_into_name: 'Thôn Đông', ended_on: '2025-12-15' });
    expect(unitEndLine(merged, statuses)).toBe('Đã sáp nhập vào Thôn Đông từ 15/12/2025');
  });

  it('gives the date of dissolution', () => {
    expect(unitEndLine(unit({ status: 'dissolved', ended_on: '2025-07-01' }), statuses)).toBe('Đã giải thể từ 01/07/2025');
  });
});
