// The short history shown beside each line of a decision: the recipient's other awards,
// newest first, so the clerk sees at a glance a title given twice or too early.
import type { AwardRow } from './bindings/AwardRow';
import type { Subject } from './bindings/Subject';

const subjectKey = (s: Subject) => `${s.kind}:${s.id}`;

/** "2025: Lao động tiên tiến; 2024: Giấy khen …" per subject; a subject without any other
 *  award is absent (the screen shows "Chưa được khen"). */
export function historyLines(others: AwardRow[]): Map<string, string> {
  const bySubject = new Map<string, AwardRow[]>();
  for (const a of others) {
    const key = subjectKey(a.subject);
    bySubject.set(key, [...(bySubject.get(key) ?? []), a]);
  }
  const lines = new Map<string, string>();
  for (const [key, list] of bySubject) {
    const newestFirst = [...list].sort(
      (a, b) => b.year - a.year || b.decision_date.localeCompare(a.decision_date),
    );
    lines.set(key, newestFirst.map((a) => `${a.year}: ${a.code_name}`).join('; '));
  }
  return lines;
}

export function historyLineOf(lines: Map<string, string>, subject: Subject): string {
  return lines.get(subjectKey(subject)) ?? 'Chưa được khen';
}
