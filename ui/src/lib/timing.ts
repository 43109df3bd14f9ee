// Helpers for search-as-you-type: wait for a pause in typing, and ignore answers to
// requests that a newer request has overtaken.

export interface Debounced<A extends unknown[]> {
  (...args: A): void;
  /** Drops a pending call (e.g. when the screen closes). */
  cancel(): void;
}

/** Calls `fn` once `ms` milliseconds have passed without another call. */
export function debounce<A extends unknown[]>(fn: (...args: A) => void, ms: number): Debounced<A> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const debounced = (...args: A) => {
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      fn(...args);
    }, ms);
  };
  debounced.cancel = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
  };
  return debounced;
}

/**
 * Numbers requests so that only the newest one's answer is used: a slow answer to an old
 * search must not overwrite the list for what the clerk typed since.
 */
export function latestOnly() {
  let last = 0;
  return {
    next: (): number => ++last,
    isCurrent: (ticket: number): boolean => ticket === last,
  };
}
