import { describe, expect, it } from 'vitest';
import { fileNameOf, requestOf } from './reports';

describe('report requests', () => {
  it('sends the half only for sơ kết and the number only for numbered documents', () => {
    expect(requestOf('so_ket', 2026, 2, '15/QĐ')).toEqual({ kind: 'so_ket', year: 2026, half: 2, number: null });
    expect(requestOf('tong_ket', 2025, 1, '')).toEqual({ kind: 'tong_ket', year: 2025, half: null, number: null });
    expect(requestOf('quyet_dinh', 2025, 1, ' 130/QĐ-UBND ')).toEqual({
      kind: 'quyet_dinh',
      year: 2025,
      half: null,
      number: '130/QĐ-UBND',
    });
    expect(requestOf('quyet_dinh', 2025, 1, '  ').number).toBeNull();
  });

  it('names the saved file without diacritics or slashes', () => {
    expect(fileNameOf(requestOf('tong_ket', 2025, 1, ''), 'pdf')).toBe('bao-cao-tong-ket-nam-2025.pdf');
    expect(fileNameOf(requestOf('so_ket', 2026, 1, ''), 'docx')).toBe('bao-cao-so-ket-6-thang-2026-dot-1.docx');
    expect(fileNameOf(requestOf('quyet_dinh', 2025, 1, '130/QĐ-UBND'), 'pdf')).toBe(
      'quyet-dinh-khen-thuong-2025-130-qd-ubnd.pdf',
    );
    expect(fileNameOf(requestOf('thong_ke', 2025, 1, ''), 'pdf')).toBe('bieu-thong-ke-2025.pdf');
  });
});
