import { describe, expect, it } from 'vitest';
import type { Block } from './bindings/Block';
import { setMemberRole, toggleMember, unitsInOtherBlocks } from './blockMembers';

const block = (id: string, name: string, unitIds: string[]): Block => ({
  id,
  year: 2026,
  name,
  note: '',
  members: unitIds.map((u) => ({
    unit_id: u,
    unit_code: u.toUpperCase(),
    unit_name: `Đơn vị ${u}`,
    unit_status: 'active',
    role: 'thanh_vien',
  })),
});

describe('block members in the form', () => {
  it('knows which units sit in another block of the year', () => {
    const blocks = [block('b1', 'Khối Giáo dục', ['a', 'b']), block('b2', 'Cụm Thôn', ['c'])];
    const taken = unitsInOtherBlocks(blocks, 'b1');
    expect([...taken]).toEqual([['c', 'Cụm Thôn']]);
    expect(unitsInOtherBlocks(blocks, null).get('a')).toBe('Khối Giáo dục');
  });

  it('toggles a unit in and out as an ordinary member', () => {
    const one = toggleMember([], 'a');
    expect(one).toEqual([{ unit_id: 'a', role: 'thanh_vien' }]);
    expect(toggleMember(one, 'a')).toEqual([]);
  });

  it('keeps a single Trưởng khối', () => {
    let m = toggleMember(toggleMember(toggleMember([], 'a'), 'b'), 'c');
    m = setMemberRole(m, 'a', 'truong_khoi');
    m = setMemberRole(m, 'b', 'pho_khoi');
    m = setMemberRole(m, 'c', 'truong_khoi');
    expect(m).toEqual([
      { unit_id: 'a', role: 'thanh_vien' },
      { unit_id: 'b', role: 'pho_khoi' },
      { unit_id: 'c', role: 'truong_khoi' },
    ]);
  });
});
