// Where a form shows the core's error: next to the control it names, or at the top of the
// form when it names none of the form's controls.
import type { AppError } from './api';

/** The message to show under the control named `field`, if the error is about it. */
export function fieldMessage(error: AppError | null, field: string): string | undefined {
  return error && error.field === field ? error.message : undefined;
}

/** The message to show at the top of a form whose controls are `fields`. */
export function formMessage(error: AppError | null, fields: readonly string[]): string | null {
  return error && !fields.includes(error.field ?? '') ? error.message : null;
}

/**
 * The error to keep once the clerk edits a control: a message about the control being
 * corrected goes away, any other stays until the next save.
 */
export function afterEdit(error: AppError | null, edited: EventTarget | null): AppError | null {
  const name = edited && 'getAttribute' in edited ? (edited as Element).getAttribute('name') : null;
  return error && name !== null && error.field === name ? null : error;
}
