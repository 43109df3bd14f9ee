import type { Choice } from './bindings/Choice';
import type { Unit } from './bindings/Unit';
import { labelOf } from './choices';
import { isoToDmy } from './format';

/**
 * What the clerk reads about a unit that left the active list:
 * "Đã sáp nhập vào Thôn Đông từ 15/12/2025", "Đã giải thể từ 01/07/2025". Empty when active.
 */
export function unitEndLine(unit: Unit, statuses: readonly Choice[]): string {
  if (unit.status === 'active') return '';
  const label = labelOf(statuses, unit.status);
  const into = unit.status === 'merged' && unit.merged_into_name ? ` vào ${unit.merged_into_name}` : '';
  const since = unit.ended_on ? ` từ ${isoToDmy(unit.ended_on)}` : '';
  return `${label}${into}${since}`;
}
