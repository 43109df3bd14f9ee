import { describe, expect, it } from 'vitest';
import type { Household } from './bindings/Household';
import type { Unit } from './bindings/Unit';
import { WHO_KIND_LABEL, whoFound } from './proposals';

describe('who can be proposed', () => {
  it('offers households beside units and people, each as its own kind of subject', () => {
    const unit = { id: 'u1', name: 'Thôn Đông' } as Unit;
    const household = (id: string, head: string): Household => ({ id, head_name: head, unit_id: 'u1', unit_name: 'Thôn Đông', address: '', note: '' });
    const found = whoFound([unit], [], [household('h1', 'Trần Văn Bình'), household('h2', 'Trần Thị Bích')]);
    expect(found.map((f) => [f.subject, f.label, f.kind])).toEqual([
      [{ kind: 'unit', id: 'u1' }, 'Thôn Đông', 'tap_the'],
      [{ kind: 'household', id: 'h1' }, 'Hộ Trần Văn Bình, Thôn Đông', 'ho_gia_dinh'],
      [{ kind: 'household', id: 'h2' }, 'Hộ Trần Thị Bích, Thôn Đông', 'ho_gia_dinh'],
    ]);
    expect(WHO_KIND_LABEL[found[1].kind]).toBe(' · hộ gia đình');
  });

  it('keeps the list short: four units and four households at most', () => {
    const units = Array.from({ length: 6 }, (_, i) => ({ id: `u${i}`, name: `Thôn ${i}` }) as Unit);
    const households = Array.from({ length: 6 }, (_, i): Household => ({ id: `h${i}`, head_name: `Lê Văn ${i}`, unit_id: null, unit_name: null, address: '', note: '' }));
    const found = whoFound(units, [], households);
    expect(found.filter((f) => f.kind === 'tap_the')).toHaveLength(4);
    expect(found.filter((f) => f.kind === 'ho_gia_dinh').map((f) => f.label)).toEqual(['Hộ Lê Văn 0', 'Hộ Lê Văn 1', 'Hộ Lê Văn 2', 'Hộ Lê Văn 3']);
  });
});
