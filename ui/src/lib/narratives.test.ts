import { describe, expect, it } from 'vitest';
import type { NarrativeSection } from './bindings/NarrativeSection';
import { canCopyPrevious, changedEdits, draftsOf, previousPeriodName, sourceNote } from './narratives';

const section = (key: string, body: string, source: NarrativeSection['source'], previous = ''): NarrativeSection => ({
  key,
  title: key,
  body,
  source,
  previous,
});

describe('narrative editor', () => {
  const sections = [
    section('chi_dao', 'Đã phát động.', 'saved', 'Năm trước.'),
    section('ton_tai', 'Năm trước chậm.', 'previous', 'Năm trước chậm.'),
    section('kien_nghi', '', 'empty'),
  ];

  it('sends only the sections the clerk changed', () => {
    const drafts = draftsOf(sections);
    expect(changedEdits(sections, drafts)).toEqual([]);
    drafts.kien_nghi = 'Tăng quỹ.';
    drafts.chi_dao = 'Đã phát động.  \r\n';
    expect(changedEdits(sections, drafts)).toEqual([{ key: 'kien_nghi', body: 'Tăng quỹ.' }]);
    // Emptying a section is a change too: the printed report then shows the blank note.
    drafts.ton_tai = '';
    expect(changedEdits(sections, drafts).map((e) => e.key)).toEqual(['ton_tai', 'kien_nghi']);
  });

  it('treats decomposed diacritics as the same text', () => {
    const drafts = draftsOf(sections);
    drafts.chi_dao = 'Đã phát động.'.normalize('NFD');
    expect(changedEdits(sections, drafts)).toEqual([]);
  });

  it('offers last period’s text only when there is one and it is not already there', () => {
    expect(canCopyPrevious(sections[0], 'Đã phát động.')).toBe(true);
    expect(canCopyPrevious(sections[1], 'Năm trước chậm.')).toBe(false);
    expect(canCopyPrevious(sections[2], '')).toBe(false);
  });

  it('names where a section’s text comes from', () => {
    expect(sourceNote(sections[0], 'năm 2024')).toBe('Đã lưu');
    expect(sourceNote(sections[1], 'năm 2024')).toBe('Đang dùng nội dung năm 2024, chưa lưu cho kỳ này');
    expect(sourceNote(sections[2], 'năm 2024')).toBe('Chưa viết');
    expect(previousPeriodName(2025, null)).toBe('năm 2024');
    expect(previousPeriodName(2025, 2)).toBe('6 tháng cuối năm 2024');
  });
});
