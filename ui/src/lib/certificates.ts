// The certificate layout preview: where each field's box sits on the scaled page, computed
// the way the core places texts (anchor = left end of the box on the first line's baseline).
import type { CertificateField } from './bindings/CertificateField';
import type { CertificateLayoutInput } from './bindings/CertificateLayoutInput';
import type { CertificateTexts } from './bindings/CertificateTexts';
import type { FieldKind } from './bindings/FieldKind';

export const MM_PER_PT = 25.4 / 72;
/** Same as the core: baselines of a field's lines are 1.3 × the size apart. */
export const LINE_SPACING = 1.3;
/** The letters rise about 0.9 of the size above the baseline and drop 0.22 below it. */
const ASCENT = 0.9;
const DESCENT = 0.22;

export const FIELD_LABELS: Record<FieldKind, string> = {
  recipient_name: 'Tên người (tập thể) được khen',
  position_unit: 'Chức vụ, đơn vị',
  achievement: 'Thành tích',
  decision_ref: 'Số, ngày quyết định',
  place_date: 'Địa danh, ngày tháng',
  signer_title: 'Chức vụ người ký',
  signer_name: 'Họ tên người ký',
  free_text: 'Chữ tự do',
};

export interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
  /** Font size in px on the scaled page. */
  fontPx: number;
}

/** The box of `field` on a page drawn at `scale` px per mm. */
export function fieldBox(field: CertificateField, scale: number): Box {
  const sizeMm = field.font_size_pt * MM_PER_PT;
  const top = field.y_mm - ASCENT * sizeMm;
  const bottom = field.y_mm + (field.max_lines - 1) * sizeMm * LINE_SPACING + DESCENT * sizeMm;
  return {
    left: field.x_mm * scale,
    top: top * scale,
    width: field.width_mm * scale,
    height: (bottom - top) * scale,
    fontPx: sizeMm * scale,
  };
}

/** The text a field shows in the preview, upper-cased when the field says so. */
export function previewText(field: CertificateField, texts: CertificateTexts | null): string {
  let t: string;
  if (field.kind === 'free_text') t = field.text;
  else if (!texts) t = FIELD_LABELS[field.kind];
  else t = texts[field.kind];
  return field.uppercase ? t.toLocaleUpperCase('vi') : t;
}

/** The first number the clerk left empty or unreadable, as a Vietnamese sentence; null when
 *  every number is there (the core then checks the values themselves). */
export function missingNumber(input: CertificateLayoutInput): string | null {
  const ok = (v: unknown) => typeof v === 'number' && Number.isFinite(v);
  const page = [input.page_width_mm, input.page_height_mm, input.offset_x_mm, input.offset_y_mm];
  if (!page.every(ok)) return 'Hãy nhập đủ khổ giấy và độ lệch máy in (số mm, có thể là 0).';
  for (const f of input.fields) {
    if (![f.x_mm, f.y_mm, f.width_mm, f.font_size_pt, f.max_lines].every(ok)) {
      return `Ô “${FIELD_LABELS[f.kind]}”: hãy nhập đủ x, y, chiều rộng, cỡ chữ và số dòng.`;
    }
  }
  return null;
}

/** A new field in the middle of the page, to be dragged to its place with the mm inputs. */
export function newField(kind: FieldKind, pageWidth: number, pageHeight: number): CertificateField {
  return {
    kind,
    text: kind === 'free_text' ? 'Chữ tự do' : '',
    x_mm: Math.round(pageWidth / 4),
    y_mm: Math.round(pageHeight / 2),
    width_mm: Math.round(pageWidth / 2),
    align: 'center',
    font_size_pt: 14,
    bold: false,
    italic: false,
    uppercase: false,
    max_lines: 1,
  };
}

/** "giay-khen-128-QD-UBND.pdf": the decision number made safe for a file name. */
export function pdfName(prefix: string, number: string): string {
  const safe = number
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return safe ? `${prefix}-${safe}.pdf` : `${prefix}.pdf`;
}
