// Editing the member list of a block in the form. The core checks the rules (one block a
// year per unit, one Trưởng khối); these helpers only keep the form's state tidy.
import type { Block } from './bindings/Block';
import type { BlockMemberInput } from './bindings/BlockMemberInput';
import type { BlockRole } from './bindings/BlockRole';

const LEADER: BlockRole = 'truong_khoi';
const MEMBER: BlockRole = 'thanh_vien';

/** unit id → name of the other block of the same year it already belongs to. */
export function unitsInOtherBlocks(blocks: readonly Block[], exceptBlockId: string | null): Map<string, string> {
  const taken = new Map<string, string>();
  for (const b of blocks) {
    if (b.id === exceptBlockId) continue;
    for (const m of b.members) taken.set(m.unit_id, b.name);
  }
  return taken;
}

/** Adds the unit as an ordinary member, or removes it if it was chosen. */
export function toggleMember(members: readonly BlockMemberInput[], unitId: string): BlockMemberInput[] {
  return members.some((m) => m.unit_id === unitId)
    ? members.filter((m) => m.unit_id !== unitId)
    : [...members, { unit_id: unitId, role: MEMBER }];
}

/**
 * Sets a member's role. A block has one Trưởng khối, so choosing a new one turns the
 * previous one into an ordinary member, as a radio button would; the clerk sees it change.
 */
export function setMemberRole(
  members: readonly BlockMemberInput[],
  unitId: string,
  role: BlockRole,
): BlockMemberInput[] {
  return members.map((m) => {
    if (m.unit_id === unitId) return { ...m, role };
    if (role === LEADER && m.role === LEADER) return { ...m, role: MEMBER };
    return m;
  });
}
