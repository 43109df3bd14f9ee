// The documents the Báo cáo screen offers, in the order a clerk's year produces them, and
// the name a saved file gets.
import type { ReportKind } from './bindings/ReportKind';
import type { ReportRequest } from './bindings/ReportRequest';

export interface ReportChoice {
  kind: ReportKind;
  label: string;
  /** Sơ kết is of a half-year; the others of the year. */
  half: boolean;
  /** Quyết định and tờ trình are one document of many: chosen by number (empty: the last). */
  numbered: boolean;
}

export const REPORT_CHOICES: ReportChoice[] = [
  { kind: 'so_ket', label: 'Báo cáo sơ kết 6 tháng', half: true, numbered: false },
  { kind: 'tong_ket', label: 'Báo cáo tổng kết năm', half: false, numbered: false },
  { kind: 'thong_ke', label: 'Biểu thống kê (0601–0603, theo đơn vị)', half: false, numbered: false },
  { kind: 'dang_ky', label: 'Danh sách đăng ký thi đua', half: false, numbered: false },
  { kind: 'cham_diem', label: 'Kết quả chấm điểm khối thi đua', half: false, numbered: false },
  { kind: 'to_trinh', label: 'Tờ trình đề nghị khen thưởng', half: false, numbered: true },
  { kind: 'quyet_dinh', label: 'Quyết định khen thưởng', half: false, numbered: true },
];

export function choiceOf(kind: ReportKind): ReportChoice {
  return REPORT_CHOICES.find((c) => c.kind === kind) ?? REPORT_CHOICES[0];
}

/** The request the screen's choices make: the half only for sơ kết, the number only where
 *  documents are numbered, an empty number meaning "the last one of the year". */
export function requestOf(kind: ReportKind, year: number, half: 1 | 2, number: string): ReportRequest {
  const c = choiceOf(kind);
  const n = number.trim();
  return { kind, year, half: c.half ? half : null, number: c.numbered && n ? n : null };
}

/** Lower-case ASCII words joined by "-": "Quyết định 130/QĐ" → "quyet-dinh-130-qd". */
function slug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** "bao-cao-tong-ket-nam-2025.pdf": the file name offered in the save dialog. */
export function fileNameOf(req: ReportRequest, ext: 'pdf' | 'docx'): string {
  const base = slug(choiceOf(req.kind).label.replace(/\(.*?\)/g, ''));
  const period = req.half ? `${req.year}-dot-${req.half}` : `${req.year}`;
  const number = req.number ? `-${slug(req.number)}` : '';
  return `${base}-${period}${number}.${ext}`;
}
