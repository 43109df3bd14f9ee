// The shapes the data grid works with. A screen describes its columns and hands over plain
// row objects; the grid edits those objects in place and tells the screen what changed, so the
// screen can save through its commands (and refuse, which puts the old values back).

export type CellValue = string | number | null;
export type GridRow = Record<string, unknown>;

/** text: free text; number: "1.234.567" or "9,5"; date: dd/mm/yyyy shown, ISO stored;
 *  pick: one of `options`, found by label, code or abbreviation ("lđtt"). */
export type ColumnKind = 'text' | 'number' | 'date' | 'pick';

export interface PickOption {
  /** What is stored (a catalog code, an id). */
  value: string;
  /** What the clerk reads. */
  label: string;
  /** Other texts that name this entry exactly (a person's bare name when the label also
   *  shows the unit). */
  aliases?: string[];
}

export interface GridColumn {
  key: string;
  label: string;
  kind: ColumnKind;
  /** Width in pixels. */
  width?: number;
  /** False for columns the clerk reads but does not type in (names from another table…). */
  editable?: boolean;
  options?: PickOption[];
  /** Footer: the sum of a number column, or how many rows have a value. */
  total?: 'sum' | 'count';
  /** People are sorted by given name first, the Vietnamese way. */
  sortAs?: 'person';
}

/** A rule the core found broken on a row, shown as a badge with its legal reference. */
export interface RowWarning {
  rule: string;
  message: string;
  legal_ref: string;
  severity: 'error' | 'warning';
}

export interface CellChange {
  row: GridRow;
  key: string;
  before: CellValue;
  after: CellValue;
}

/** One undoable step: cells changed, rows appended (paste below the last row) or taken away
 *  again (undoing that paste). */
export interface ChangeBatch {
  kind: 'edit' | 'paste' | 'fill' | 'clear' | 'undo' | 'redo';
  changes: CellChange[];
  added: GridRow[];
  removed: GridRow[];
}

export interface CellPos {
  row: number;
  col: number;
}
