// Edits as data: each action becomes a batch of cell changes (and rows added), applied to the
// row objects, kept for undo/redo, and handed to the screen to save.
import { parseCell } from './cells';
import type { CellChange, CellPos, CellValue, ChangeBatch, GridColumn, GridRow } from './types';

export function cellValue(row: GridRow, key: string): CellValue {
  const v = row[key];
  return v === undefined ? null : (v as CellValue);
}

/** Writes the batch's new values into the rows; appends and removes rows in `rows`. */
export function applyBatch(rows: GridRow[], batch: ChangeBatch): void {
  for (const row of batch.added) if (!rows.includes(row)) rows.push(row);
  for (const c of batch.changes) c.row[c.key] = c.after;
  if (batch.removed.length > 0) {
    const gone = new Set(batch.removed);
    for (let i = rows.length - 1; i >= 0; i--) if (gone.has(rows[i])) rows.splice(i, 1);
  }
}

/** The batch that takes `batch` back. */
export function invertBatch(batch: ChangeBatch, kind: 'undo' | 'redo'): ChangeBatch {
  return {
    kind,
    changes: batch.changes
      .slice()
      .reverse()
      .map((c) => ({ row: c.row, key: c.key, before: c.after, after: c.before })),
    added: batch.removed,
    removed: batch.added,
  };
}

/** Undo and redo stacks; a new edit clears what could be redone, as everywhere. */
export class EditHistory {
  private done: ChangeBatch[] = [];
  private undone: ChangeBatch[] = [];

  constructor(private limit = 200) {}

  record(batch: ChangeBatch): void {
    this.done.push(batch);
    if (this.done.length > this.limit) this.done.shift();
    this.undone = [];
  }

  get canUndo(): boolean {
    return this.done.length > 0;
  }

  get canRedo(): boolean {
    return this.undone.length > 0;
  }

  /** The batch that undoes the last step (to apply and save), or null. */
  undo(): ChangeBatch | null {
    const b = this.done.pop();
    if (!b) return null;
    this.undone.push(b);
    return invertBatch(b, 'undo');
  }

  redo(): ChangeBatch | null {
    const b = this.undone.pop();
    if (!b) return null;
    this.done.push(b);
    return { ...b, kind: 'redo' };
  }

  /** The save of an undo/redo failed: put the step back where it was. */
  revertLast(kind: 'undo' | 'redo'): void {
    if (kind === 'undo') {
      const b = this.undone.pop();
      if (b) this.done.push(b);
    } else {
      const b = this.done.pop();
      if (b) this.undone.push(b);
    }
  }

  /** The step just recorded could not be saved: forget it. */
  dropLast(): void {
    this.done.pop();
  }
}

export interface CellProblem {
  pos: CellPos;
  message: string;
}

export interface Plan {
  batch: ChangeBatch;
  problems: CellProblem[];
}

function emptyBatch(kind: ChangeBatch['kind']): ChangeBatch {
  return { kind, changes: [], added: [], removed: [] };
}

function change(row: GridRow, key: string, after: CellValue): CellChange | null {
  const before = cellValue(row, key);
  return before === after ? null : { row, key, before, after };
}

/** One typed value into one cell. */
export function planEdit(row: GridRow, col: GridColumn, text: string): Plan | { error: string } {
  const p = parseCell(col, text);
  if (!p.ok) return { error: p.error };
  const batch = emptyBatch('edit');
  const c = change(row, col.key, p.value);
  if (c) batch.changes.push(c);
  return { batch, problems: [] };
}

/**
 * A block copied from Excel, its top-left cell at the cursor. Rows past the last one shown
 * become new rows (when the screen allows adding: `newRow`); columns past the last are
 * ignored; read-only columns are skipped; a cell that does not fit its column (not a number,
 * not in the catalog) is left as it was and reported, the rest still goes in.
 */
export function planPaste(
  shown: GridRow[],
  columns: GridColumn[],
  at: CellPos,
  block: string[][],
  newRow?: () => GridRow,
): Plan {
  const batch = emptyBatch('paste');
  const problems: CellProblem[] = [];
  block.forEach((cells, r) => {
    const rowIndex = at.row + r;
    let row = shown[rowIndex];
    if (!row) {
      if (!newRow) return;
      if (cells.every((c) => c.trim() === '')) return;
      row = newRow();
      batch.added.push(row);
    }
    cells.forEach((text, c) => {
      const col = columns[at.col + c];
      if (!col || col.editable === false) return;
      const p = parseCell(col, text);
      if (!p.ok) {
        problems.push({ pos: { row: rowIndex, col: at.col + c }, message: p.error });
        return;
      }
      const ch = change(row, col.key, p.value);
      if (ch) batch.changes.push(ch);
    });
  });
  return { batch, problems };
}

/** A rectangle of cells, corners included, whichever way it was dragged. */
export interface Range {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export function rangeOf(a: CellPos, b: CellPos): Range {
  return {
    top: Math.min(a.row, b.row),
    bottom: Math.max(a.row, b.row),
    left: Math.min(a.col, b.col),
    right: Math.max(a.col, b.col),
  };
}

/**
 * Ctrl+D as in Excel: the top row of the selection is copied down into the rest of it;
 * with one cell selected, the cell above is copied into it.
 */
export function planFillDown(shown: GridRow[], columns: GridColumn[], range: Range): Plan {
  const batch = emptyBatch('fill');
  const top = range.top === range.bottom ? range.top - 1 : range.top;
  if (top < 0) return { batch, problems: [] };
  for (let c = range.left; c <= range.right; c++) {
    const col = columns[c];
    if (!col || col.editable === false) continue;
    const value = cellValue(shown[top], col.key);
    for (let r = top + 1; r <= range.bottom; r++) {
      const ch = change(shown[r], col.key, value);
      if (ch) batch.changes.push(ch);
    }
  }
  return { batch, problems: [] };
}

/** Delete: empties the editable cells of the selection. */
export function planClear(shown: GridRow[], columns: GridColumn[], range: Range): Plan {
  const batch = emptyBatch('clear');
  for (let r = range.top; r <= range.bottom; r++) {
    for (let c = range.left; c <= range.right; c++) {
      const col = columns[c];
      if (!col || col.editable === false || !shown[r]) continue;
      const ch = change(shown[r], col.key, null);
      if (ch) batch.changes.push(ch);
    }
  }
  return { batch, problems: [] };
}
