import { describe, expect, it } from 'vitest';
import { guardLeaving, hasUnsavedWork, staysOnClose } from './leave';

describe('closing the window with unsaved work', () => {
  it('closes without asking when the screen has nothing unsaved', () => {
    let asked = 0;
    const stop = guardLeaving(() => false);
    expect(staysOnClose(() => asked++)()).toBe(false);
    expect(asked).toBe(0);
    stop();
  });

  it('keeps the window open and asks when the screen has unsaved work', () => {
    let dirty = true;
    let asked = 0;
    const stop = guardLeaving(() => dirty);
    const check = staysOnClose(() => asked++);
    expect(check()).toBe(true);
    expect(asked).toBe(1);
    // Saved since: the next close goes through.
    dirty = false;
    expect(check()).toBe(false);
    expect(asked).toBe(1);
    stop();
  });

  it('forgets a screen that was left, so its old check cannot hold the window', () => {
    const stop = guardLeaving(() => true);
    stop();
    expect(hasUnsavedWork()).toBe(false);
    expect(staysOnClose(() => {})()).toBe(false);
  });
});
