import { describe, expect, it } from 'vitest';
import type { Criterion } from './bindings/Criterion';
import { flatten, indent, insertAfter, moveLine, outdent, removeLine, toInput, totals } from './criteria';

const c = (id: string, label: string, max: number, children: Criterion[] = [], kind: Criterion['line_kind'] = 'diem'): Criterion => ({
  id,
  label,
  title: `Tiêu chí ${label}`,
  line_kind: kind,
  max_points: max,
  children,
});

const table: Criterion[] = [
  c('i', 'I', 60, [c('1', '1', 30), c('2', '2', 30)]),
  c('ii', 'II', 40),
  c('iii', 'III', 5, [], 'cong'),
];

describe('criteria table editor', () => {
  it('flattens the tree and builds it back with the saved ids', () => {
    const flat = flatten(table);
    expect(flat.map((l) => `${l.depth}${l.label}`)).toEqual(['0I', '11', '12', '0II', '0III']);
    const back = toInput(flat);
    expect('lines' in back && back.lines.map((l) => [l.id, l.children.map((k) => k.id)])).toEqual([
      ['i', ['1', '2']],
      ['ii', []],
      ['iii', []],
    ]);
  });

  it('totals the top lines by kind; a heading without points is worth its lines', () => {
    const flat = flatten(table);
    expect(totals(flat)).toEqual({ diem: 100, cong: 5, tru: 0 });
    flat[0].max = '';
    flat[1].max = '25,5';
    expect(totals(flat)).toEqual({ diem: 95.5, cong: 5, tru: 0 });
  });

  it('moves a heading with its lines, and only among its level', () => {
    const flat = flatten(table);
    const down = moveLine(flat, 0, 1);
    expect(down?.map((l) => l.label)).toEqual(['II', 'I', '1', '2', 'III']);
    expect(moveLine(flat, 1, -1)).toBe(null);
    expect(moveLine(flat, 2, -1)?.map((l) => l.label)).toEqual(['I', '2', '1', 'II', 'III']);
  });

  it('indents under the line above, taking its kind, and back out', () => {
    const flat = flatten(table);
    const under = indent(flat, 4);
    expect(under?.[4]).toMatchObject({ depth: 1, line_kind: 'diem' });
    expect(outdent(under!, 4)?.[4].depth).toBe(0);
    expect(indent(flat, 0)).toBe(null);
  });

  it('removes a heading with its lines and adds after a line at its level', () => {
    const flat = flatten(table);
    expect(removeLine(flat, 0).map((l) => l.label)).toEqual(['II', 'III']);
    const { lines, at } = insertAfter(flat, 0);
    expect(at).toBe(3);
    expect(lines[3]).toMatchObject({ depth: 0, id: null });
  });

  it('says in Vietnamese what cannot be saved', () => {
    const flat = flatten(table);
    flat[1].max = 'ba mươi';
    expect(toInput(flat)).toEqual({ error: 'Điểm tối đa “ba mươi” của dòng “1” không phải là số.' });
  });
});
