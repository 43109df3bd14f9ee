import { describe, expect, it } from 'vitest';
import { isSearchShortcut, type KeyPress } from './keyboard';

const press = (over: Partial<KeyPress>): KeyPress => ({
  key: '',
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  targetTag: 'BODY',
  targetEditable: false,
  ...over,
});

describe('search shortcut', () => {
  it('"/" outside a text field', () => {
    expect(isSearchShortcut(press({ key: '/' }))).toBe(true);
    expect(isSearchShortcut(press({ key: '/', targetTag: 'BUTTON' }))).toBe(true);
  });

  it('not "/" while typing, so a code like "QĐ/UBND" can be typed', () => {
    expect(isSearchShortcut(press({ key: '/', targetTag: 'INPUT' }))).toBe(false);
    expect(isSearchShortcut(press({ key: '/', targetTag: 'textarea' }))).toBe(false);
    expect(isSearchShortcut(press({ key: '/', targetEditable: true }))).toBe(false);
  });

  it('Ctrl+F or Cmd+F anywhere', () => {
    expect(isSearchShortcut(press({ key: 'f', ctrlKey: true, targetTag: 'INPUT' }))).toBe(true);
    expect(isSearchShortcut(press({ key: 'F', ctrlKey: true }))).toBe(true);
    expect(isSearchShortcut(press({ key: 'f', metaKey: true }))).toBe(true);
    expect(isSearchShortcut(press({ key: 'f' }))).toBe(false);
    expect(isSearchShortcut(press({ key: 'f', ctrlKey: true, altKey: true }))).toBe(false);
  });
});
