import { describe, expect, it } from 'vitest';
import { isHelpShortcut, screenShortcut, shortcutLabel } from './shortcuts';

const key = (k: string, mods: Partial<{ ctrlKey: boolean; altKey: boolean; metaKey: boolean; shiftKey: boolean }> = {}, tag = 'BODY') => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  targetTag: tag,
  targetEditable: false,
  ...mods,
});

describe('app-wide keys', () => {
  it('Ctrl+1…9 go to the first nine screens, even from a field', () => {
    expect(screenShortcut(key('1', { ctrlKey: true }))).toBe(0);
    expect(screenShortcut(key('9', { ctrlKey: true }, 'INPUT'))).toBe(8);
    expect(screenShortcut(key('0', { ctrlKey: true }))).toBeNull();
    expect(screenShortcut(key('1'))).toBeNull();
    expect(screenShortcut(key('1', { ctrlKey: true, altKey: true }))).toBeNull();
    expect(screenShortcut(key('1', { ctrlKey: true, shiftKey: true }))).toBeNull();
  });

  it('F1 always opens the list, "?" only when not typing', () => {
    expect(isHelpShortcut(key('F1', {}, 'TEXTAREA'))).toBe(true);
    expect(isHelpShortcut(key('?'))).toBe(true);
    expect(isHelpShortcut(key('?', {}, 'INPUT'))).toBe(false);
    expect(isHelpShortcut(key('/'))).toBe(false);
  });

  it('labels only the screens that have a key', () => {
    expect(shortcutLabel(0)).toBe('Ctrl+1');
    expect(shortcutLabel(8)).toBe('Ctrl+9');
    expect(shortcutLabel(9)).toBeNull();
  });
});
