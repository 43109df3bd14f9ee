import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { debounce, latestOnly } from './timing';

describe('debounce', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('calls once with the last arguments after a pause', () => {
    const fn = vi.fn();
    const d = debounce(fn, 150);
    d('a');
    vi.advanceTimersByTime(100);
    d('an');
    vi.advanceTimersByTime(100);
    d('an b');
    expect(fn).not.toHaveBeenCalled();
    vi.advanceTimersByTime(150);
    expect(fn).toHaveBeenCalledTimes(1);
    expect(fn).toHaveBeenCalledWith('an b');
  });

  it('can be cancelled', () => {
    const fn = vi.fn();
    const d = debounce(fn, 150);
    d('x');
    d.cancel();
    vi.advanceTimersByTime(500);
    expect(fn).not.toHaveBeenCalled();
  });
});

describe('latestOnly', () => {
  it('keeps only the newest ticket current', () => {
    const seq = latestOnly();
    const first = seq.next();
    expect(seq.isCurrent(first)).toBe(true);
    const second = seq.next();
    expect(seq.isCurrent(first)).toBe(false);
    expect(seq.isCurrent(second)).toBe(true);
  });
});
