import { describe, expect, it } from 'vitest';
import type { AwardRow } from './bindings/AwardRow';
import { historyLineOf, historyLines } from './awardHistory';

const award = (personId: string, year: number, date: string, name: string): AwardRow =>
  ({
    subject: { kind: 'person', id: personId },
    year,
    decision_date: date,
    code_name: name,
  }) as AwardRow;

describe('history beside a decision line', () => {
  it('lists each recipient’s other awards newest first', () => {
    const lines = historyLines([
      award('a', 2023, '2023-12-20', 'Lao động tiên tiến'),
      award('a', 2024, '2024-12-20', 'Chiến sĩ thi đua cơ sở'),
      award('b', 2024, '2024-12-20', 'Lao động tiên tiến'),
      award('a', 2024, '2025-01-10', 'Giấy khen'),
    ]);
    expect(historyLineOf(lines, { kind: 'person', id: 'a' })).toBe(
      '2024: Giấy khen; 2024: Chiến sĩ thi đua cơ sở; 2023: Lao động tiên tiến',
    );
    expect(historyLineOf(lines, { kind: 'person', id: 'b' })).toBe('2024: Lao động tiên tiến');
  });

  it('says so when there is nothing before', () => {
    expect(historyLineOf(historyLines([]), { kind: 'unit', id: 'x' })).toBe('Chưa được khen');
    // A unit and a person sharing an id are not mixed up.
    const lines = historyLines([award('x', 2024, '2024-12-20', 'Lao động tiên tiến')]);
    expect(historyLineOf(lines, { kind: 'unit', id: 'x' })).toBe('Chưa được khen');
  });
});
