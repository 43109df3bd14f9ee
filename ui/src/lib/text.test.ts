import { describe, expect, it } from 'vitest';
import { foldVi, matchesWords } from './text';

describe('diacritic-insensitive matching', () => {
  it('folds marks, đ and case, in NFC or NFD', () => {
    expect(foldVi('Trường Tiểu học Đông')).toBe('truong tieu hoc dong');
    expect(foldVi('Ho\u0300a')).toBe(foldVi('Hòa'));
    expect(foldVi('  Ủy  ban ')).toBe('uy ban');
  });

  it('needs every word, in any order', () => {
    expect(matchesWords('an binh', 'MN Trường Mầm non An Bình')).toBe(true);
    expect(matchesWords('binh mn', 'MN Trường Mầm non An Bình')).toBe(true);
    expect(matchesWords('an binh thcs', 'MN Trường Mầm non An Bình')).toBe(false);
    expect(matchesWords('', 'bất kỳ')).toBe(true);
  });
});
