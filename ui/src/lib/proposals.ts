// The Tờ trình screen's pick-list of who can be proposed: units (collectives), people and
// households found by name, each with the kind of catalog item that fits it.
import type { Household } from './bindings/Household';
import type { Person } from './bindings/Person';
import type { Subject } from './bindings/Subject';
import type { Unit } from './bindings/Unit';

export type WhoKind = 'ca_nhan' | 'tap_the' | 'ho_gia_dinh';

export interface Who {
  subject: Subject;
  label: string;
  kind: WhoKind;
}

export const WHO_KIND_LABEL: Record<WhoKind, string> = { ca_nhan: '', tap_the: ' · tập thể', ho_gia_dinh: ' · hộ gia đình' };

/** Up to four units, the people found, then up to four households. */
export function whoFound(units: Unit[], people: Person[], households: Household[]): Who[] {
  return [
    ...units.slice(0, 4).map((u) => ({ subject: { kind: 'unit', id: u.id } as Subject, label: u.name, kind: 'tap_the' as const })),
    ...people.map((p) => ({
      subject: { kind: 'person', id: p.id } as Subject,
      label: [p.full_name, p.position, p.unit_name].filter(Boolean).join(', '),
      kind: 'ca_nhan' as const,
    })),
    ...households.slice(0, 4).map((h) => ({
      subject: { kind: 'household', id: h.id } as Subject,
      label: [`Hộ ${h.head_name}`, h.unit_name].filter(Boolean).join(', '),
      kind: 'ho_gia_dinh' as const,
    })),
  ];
}
