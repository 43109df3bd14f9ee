import { describe, expect, it } from 'vitest';
import { fieldBox, missingNumber, newField, pdfName, previewText } from './certificates';
import type { CertificateTexts } from './bindings/CertificateTexts';

describe('certificate preview', () => {
  it('puts the box on the baseline like the core, scaled', () => {
    const f = { ...newField('recipient_name', 297, 210), x_mm: 40, y_mm: 98, width_mm: 217, font_size_pt: 72 };
    const b = fieldBox(f, 2);
    const sizeMm = 25.4; // 72 pt
    expect(b.left).toBe(80);
    expect(b.width).toBe(434);
    expect(b.top).toBeCloseTo((98 - 0.9 * sizeMm) * 2);
    expect(b.height).toBeCloseTo(1.12 * sizeMm * 2);
    expect(b.fontPx).toBeCloseTo(sizeMm * 2);
    // Two lines add one line step.
    expect(fieldBox({ ...f, max_lines: 2 }, 2).height - b.height).toBeCloseTo(1.3 * sizeMm * 2);
  });

  it('shows the recipient text, upper-cased when asked, or the field name without a decision', () => {
    const texts = { signer_title: 'Chủ tịch' } as CertificateTexts;
    const f = { ...newField('signer_title', 297, 210), uppercase: true };
    expect(previewText(f, texts)).toBe('CHỦ TỊCH');
    expect(previewText({ ...f, uppercase: false }, null)).toBe('Chức vụ người ký');
  });

  it('makes a file name from a decision number', () => {
    expect(pdfName('giay-khen', '128/QĐ-UBND')).toBe('giay-khen-128-QD-UBND.pdf');
    expect(pdfName('giay-khen', '///')).toBe('giay-khen.pdf');
  });
});

describe('layout numbers', () => {
  it('names the field whose number was left empty', () => {
    const field = newField('signer_name', 297, 210);
    const input = { name: 'Phôi', page_width_mm: 297, page_height_mm: 210, offset_x_mm: 0, offset_y_mm: 0, fields: [field] };
    expect(missingNumber(input)).toBeNull();
    // An emptied number input gives null.
    const emptied = { ...input, fields: [{ ...field, width_mm: null as unknown as number }] };
    expect(missingNumber(emptied)).toBe('Ô “Họ tên người ký”: hãy nhập đủ x, y, chiều rộng, cỡ chữ và số dòng.');
    expect(missingNumber({ ...input, offset_x_mm: NaN })).toMatch(/độ lệch máy in/);
  });
});
