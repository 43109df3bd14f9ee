// The criteria-table editor: the tree as a flat list of lines with a depth (what the clerk sees
// and reorders), back to the tree the core saves, and the totals shown while editing.
import type { Criterion } from './bindings/Criterion';
import type { CriterionInput } from './bindings/CriterionInput';
import type { LineKind } from './bindings/LineKind';
import { parseNumber } from './grid/cells';

export interface EditLine {
  /** Stable while editing (the saved id, or a new one). */
  key: string;
  /** The saved line's id: sent back so the points units have on it are kept. */
  id: string | null;
  label: string;
  title: string;
  line_kind: LineKind;
  /** As typed: "9,5", "" for a heading worth the sum of its lines. */
  max: string;
  depth: number;
}

let fresh = 0;

export function newLine(depth: number, kind: LineKind = 'diem'): EditLine {
  fresh += 1;
  return { key: `moi-${fresh}`, id: null, label: '', title: '', line_kind: kind, max: '', depth };
}

const showMax = (n: number) => (Number.isInteger(n) ? String(n) : String(n).replace('.', ','));

export function flatten(lines: Criterion[], depth = 0, out: EditLine[] = []): EditLine[] {
  for (const c of lines) {
    out.push({ key: c.id, id: c.id, label: c.label, title: c.title, line_kind: c.line_kind, max: showMax(c.max_points), depth });
    flatten(c.children, depth + 1, out);
  }
  return out;
}

/** Index just past line `i` and the lines under it. */
export function subtreeEnd(lines: EditLine[], i: number): number {
  let j = i + 1;
  while (j < lines.length && lines[j].depth > lines[i].depth) j++;
  return j;
}

/** True when line `i` has lines under it (a heading). */
export function isGroup(lines: EditLine[], i: number): boolean {
  return subtreeEnd(lines, i) > i + 1;
}

/** The line's points as a number, or the reason it is not one. */
function maxOf(line: EditLine): number | string {
  const n = parseNumber(line.max);
  if (n === null) return 0;
  if (n === undefined || n < 0) return `Điểm tối đa “${line.max}” của dòng “${line.label || line.title}” không phải là số.`;
  return n;
}

/** The tree the core saves, or what is wrong in the clerk's words. */
export function toInput(lines: EditLine[]): { lines: CriterionInput[] } | { error: string } {
  const root: CriterionInput[] = [];
  const stack: CriterionInput[][] = [root];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const max = maxOf(line);
    if (typeof max === 'string') return { error: max };
    if (line.depth > stack.length - 1) {
      return { error: `Dòng “${line.label || line.title}” thụt vào nhưng không nằm dưới mục nào.` };
    }
    stack.length = line.depth + 1;
    const input: CriterionInput = {
      id: line.id,
      label: line.label.normalize('NFC').trim(),
      title: line.title.normalize('NFC').trim(),
      line_kind: line.line_kind,
      max_points: max,
      children: [],
    };
    stack[line.depth].push(input);
    stack.push(input.children);
  }
  return { lines: root };
}

export interface Totals {
  diem: number;
  cong: number;
  tru: number;
}

/** Sums of the top-level lines by kind, a heading left without points counting its lines. */
export function totals(lines: EditLine[]): Totals {
  const worth = (i: number): number => {
    const own = maxOf(lines[i]);
    const n = typeof own === 'number' ? own : 0;
    if (n > 0 || !isGroup(lines, i)) return n;
    let sum = 0;
    const end = subtreeEnd(lines, i);
    for (let j = i + 1; j < end; j = subtreeEnd(lines, j)) sum += worth(j);
    return sum;
  };
  const t: Totals = { diem: 0, cong: 0, tru: 0 };
  for (let i = 0; i < lines.length; i = subtreeEnd(lines, i)) t[lines[i].line_kind] += worth(i);
  for (const k of ['diem', 'cong', 'tru'] as const) t[k] = Math.round(t[k] * 1000) / 1000;
  return t;
}

/** Moves line `i` with its lines past the previous (-1) or next (+1) line of its level;
 *  null when it is already first or last there. */
export function moveLine(lines: EditLine[], i: number, dir: -1 | 1): EditLine[] | null {
  const depth = lines[i].depth;
  const end = subtreeEnd(lines, i);
  const block = lines.slice(i, end);
  if (dir === -1) {
    let p = i - 1;
    while (p >= 0 && lines[p].depth > depth) p--;
    if (p < 0 || lines[p].depth < depth) return null;
    return [...lines.slice(0, p), ...block, ...lines.slice(p, i), ...lines.slice(end)];
  }
  if (end >= lines.length || lines[end].depth < depth) return null;
  const nextEnd = subtreeEnd(lines, end);
  return [...lines.slice(0, i), ...lines.slice(end, nextEnd), ...block, ...lines.slice(nextEnd)];
}

/** Puts line `i` (with its lines) one level in, under the line above; null when it cannot. */
export function indent(lines: EditLine[], i: number): EditLine[] | null {
  if (i === 0 || lines[i - 1].depth < lines[i].depth) return null;
  const end = subtreeEnd(lines, i);
  const parentKind = (() => {
    for (let p = i - 1; p >= 0; p--) if (lines[p].depth === lines[i].depth) return lines[p].line_kind;
    return lines[i].line_kind;
  })();
  return lines.map((l, j) => (j >= i && j < end ? { ...l, depth: l.depth + 1, line_kind: parentKind } : l));
}

/** Takes line `i` (with its lines) one level out; null at the top level. */
export function outdent(lines: EditLine[], i: number): EditLine[] | null {
  if (lines[i].depth === 0) return null;
  const end = subtreeEnd(lines, i);
  return lines.map((l, j) => (j >= i && j < end ? { ...l, depth: l.depth - 1 } : l));
}

/** Line `i` and the lines under it taken away. */
export function removeLine(lines: EditLine[], i: number): EditLine[] {
  return [...lines.slice(0, i), ...lines.slice(subtreeEnd(lines, i))];
}

/** A new line after line `i` and its lines, at its level (at the end when `i` is -1). */
export function insertAfter(lines: EditLine[], i: number): { lines: EditLine[]; at: number } {
  if (i < 0) return { lines: [...lines, newLine(0)], at: lines.length };
  const end = subtreeEnd(lines, i);
  const line = newLine(lines[i].depth, lines[i].line_kind);
  return { lines: [...lines.slice(0, end), line, ...lines.slice(end)], at: end };
}
