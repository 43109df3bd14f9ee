// The app-wide keys: Ctrl+1…9 to the first nine screens of the sidebar, F1 or "?" for the
// list of keys. Kept apart from the screens' own keys (grid, search) listed with them.
import type { KeyPress } from './keyboard';

const TYPING_TAGS = new Set(['INPUT', 'TEXTAREA', 'SELECT']);

/** 0-based index of the sidebar screen a key press goes to, or null. Ctrl+digit types
 *  nothing, so it works from inside a field too; Alt/Shift combinations are left alone. */
export function screenShortcut(k: KeyPress & { shiftKey?: boolean }): number | null {
  if (!(k.ctrlKey || k.metaKey) || k.altKey || k.shiftKey) return null;
  if (!/^[1-9]$/.test(k.key)) return null;
  return Number(k.key) - 1;
}

/** F1 anywhere; "?" only when not typing (it is a character a clerk may type). */
export function isHelpShortcut(k: KeyPress): boolean {
  if (k.key === 'F1') return true;
  const typing = TYPING_TAGS.has(k.targetTag.toUpperCase()) || k.targetEditable;
  return k.key === '?' && !k.ctrlKey && !k.metaKey && !k.altKey && !typing;
}

/** The label of a screen's key as shown in the sidebar and the list. */
export function shortcutLabel(index: number): string | null {
  return index < 9 ? `Ctrl+${index + 1}` : null;
}

export interface ShortcutGroup {
  title: string;
  keys: [string, string][];
}

/** The keys the app has, as the "Phím tắt" list shows them (screens' keys included so
 *  the clerk finds them in one place). */
export const SHORTCUT_GROUPS: ShortcutGroup[] = [
  {
    title: 'Chung',
    keys: [
      ['F1 hoặc ?', 'Mở danh sách phím tắt này'],
      ['Ctrl+1 … Ctrl+9', 'Chuyển tới màn hình thứ 1 … 9 ở cột bên trái'],
      ['Tab / Shift+Tab', 'Chuyển tới ô, nút tiếp theo / trước đó'],
      ['Enter', 'Bấm nút đang chọn, gửi biểu mẫu'],
      ['Esc', 'Đóng hộp thoại, bỏ thao tác đang làm'],
      ['/ hoặc Ctrl+F', 'Tới ô tìm kiếm (màn hình Đơn vị thành viên)'],
    ],
  },
  {
    title: 'Bảng nhập liệu (đăng ký, cá nhân, quyết định …)',
    keys: [
      ['Mũi tên', 'Di chuyển giữa các ô'],
      ['Enter hoặc F2', 'Sửa ô đang chọn'],
      ['Esc', 'Bỏ nội dung đang sửa'],
      ['Ctrl+V', 'Dán một vùng chép từ Excel'],
      ['Ctrl+D', 'Chép ô phía trên xuống'],
      ['Ctrl+Z / Ctrl+Y', 'Hoàn tác / làm lại (cả khi đã xoá dòng)'],
      ['Delete', 'Xoá nội dung ô'],
      ['Esc rồi Tab', 'Ra khỏi bảng'],
    ],
  },
];
