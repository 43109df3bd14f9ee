// The narrative editor of the Báo cáo screen: which sections the clerk changed (only those
// are sent), and how each section's text came to be there.
import type { NarrativeEdit } from './bindings/NarrativeEdit';
import type { NarrativeSection } from './bindings/NarrativeSection';

/** The drafts as the sections were loaded: what is printed now. */
export function draftsOf(sections: NarrativeSection[]): Record<string, string> {
  return Object.fromEntries(sections.map((s) => [s.key, s.body]));
}

/** Line ends as the core keeps them and no blank margins: typing a space at the end of a
 *  section, or Windows line ends from a paste, is not a change worth asking about. */
function same(a: string, b: string): boolean {
  const norm = (t: string) => t.replace(/\r\n/g, '\n').trim().normalize('NFC');
  return norm(a) === norm(b);
}

/** The sections whose draft differs from what was loaded, in print order. */
export function changedEdits(sections: NarrativeSection[], drafts: Record<string, string>): NarrativeEdit[] {
  return sections
    .filter((s) => drafts[s.key] !== undefined && !same(drafts[s.key], s.body))
    .map((s) => ({ key: s.key, body: drafts[s.key] }));
}

/** Whether "Chép nội dung kỳ trước" has anything to bring. */
export function canCopyPrevious(section: NarrativeSection, draft: string): boolean {
  return section.previous.trim() !== '' && !same(section.previous, draft);
}

/** What the clerk reads beside a section's title. */
export function sourceNote(section: NarrativeSection, previousPeriod: string): string {
  switch (section.source) {
    case 'saved':
      return 'Đã lưu';
    case 'previous':
      return `Đang dùng nội dung ${previousPeriod}, chưa lưu cho kỳ này`;
    default:
      return 'Chưa viết';
  }
}

/** "năm 2025" / "6 tháng đầu năm 2025": the period a section's previous text belongs to. */
export function previousPeriodName(year: number, half: 1 | 2 | null): string {
  if (half === null) return `năm ${year - 1}`;
  return `6 tháng ${half === 1 ? 'đầu' : 'cuối'} năm ${year - 1}`;
}
