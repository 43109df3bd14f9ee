// Moving the cursor with the keys a spreadsheet user already knows, and which rows of a long
// list are in the window (only those are put in the page).
import type { CellPos } from './types';

export interface NavKey {
  key: string;
  shift: boolean;
  ctrl: boolean;
}

/** Where the cursor goes for a key, or null when the key does not move it. */
export function moveCursor(
  pos: CellPos,
  k: NavKey,
  rowCount: number,
  colCount: number,
  pageRows: number,
): CellPos | null {
  const lastRow = Math.max(0, rowCount - 1);
  const lastCol = Math.max(0, colCount - 1);
  const clamp = (row: number, col: number): CellPos => ({
    row: Math.min(lastRow, Math.max(0, row)),
    col: Math.min(lastCol, Math.max(0, col)),
  });
  switch (k.key) {
    case 'ArrowUp':
      return clamp(k.ctrl ? 0 : pos.row - 1, pos.col);
    case 'ArrowDown':
      return clamp(k.ctrl ? lastRow : pos.row + 1, pos.col);
    case 'ArrowLeft':
      return clamp(pos.row, k.ctrl ? 0 : pos.col - 1);
    case 'ArrowRight':
      return clamp(pos.row, k.ctrl ? lastCol : pos.col + 1);
    case 'PageUp':
      return clamp(pos.row - pageRows, pos.col);
    case 'PageDown':
      return clamp(pos.row + pageRows, pos.col);
    case 'Home':
      return clamp(k.ctrl ? 0 : pos.row, 0);
    case 'End':
      return clamp(k.ctrl ? lastRow : pos.row, lastCol);
    case 'Tab':
      // Tab runs along the row and wraps to the next one, Shift+Tab back.
      if (k.shift) return pos.col > 0 ? clamp(pos.row, pos.col - 1) : clamp(pos.row - 1, lastCol);
      return pos.col < lastCol ? clamp(pos.row, pos.col + 1) : clamp(pos.row + 1, 0);
    default:
      return null;
  }
}

export interface Window {
  first: number;
  last: number;
}

/** Rows [first, last) to render for a scroll position, with a few extra above and below. */
export function visibleRows(
  scrollTop: number,
  viewHeight: number,
  rowHeight: number,
  rowCount: number,
  overscan = 6,
): Window {
  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const last = Math.min(rowCount, Math.ceil((scrollTop + viewHeight) / rowHeight) + overscan);
  return { first, last: Math.max(first, last) };
}

/** The scrollTop that brings row `row` into view (unchanged when it already is). */
export function scrollToRow(
  row: number,
  scrollTop: number,
  viewHeight: number,
  rowHeight: number,
): number {
  const top = row * rowHeight;
  if (top < scrollTop) return top;
  if (top + rowHeight > scrollTop + viewHeight) return top + rowHeight - viewHeight;
  return scrollTop;
}
