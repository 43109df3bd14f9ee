import type { Choice } from './bindings/Choice';

/** The label the core gave for `value`; the raw value if the vocabulary lacks it. */
export function labelOf(choices: readonly Choice[], value: string | null | undefined): string {
  if (value === null || value === undefined) return '';
  return choices.find((c) => c.value === value)?.label ?? value;
}
