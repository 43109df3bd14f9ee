import { describe, expect, it } from 'vitest';
import { AppError } from './api';
import { afterEdit, fieldMessage, formMessage } from './forms';

const control = (name: string) => ({ getAttribute: (a: string) => (a === 'name' ? name : null) }) as unknown as Element;

describe('form errors', () => {
  const dup = new AppError('duplicate', 'Mã "VP" đã dùng.', 'code');
  const inUse = new AppError('in_use', 'Không xóa được.');

  it('go next to the control they name', () => {
    expect(fieldMessage(dup, 'code')).toBe('Mã "VP" đã dùng.');
    expect(fieldMessage(dup, 'name')).toBeUndefined();
    expect(formMessage(dup, ['code', 'name'])).toBeNull();
  });

  it('go to the top when they name no control of the form', () => {
    expect(formMessage(inUse, ['code', 'name'])).toBe('Không xóa được.');
    expect(formMessage(dup, ['name'])).toBe('Mã "VP" đã dùng.');
    expect(formMessage(null, ['name'])).toBeNull();
  });

  it('clear when the named control is edited, and only then', () => {
    expect(afterEdit(dup, control('code'))).toBeNull();
    expect(afterEdit(dup, control('name'))).toBe(dup);
    expect(afterEdit(inUse, control('code'))).toBe(inUse);
    expect(afterEdit(dup, null)).toBe(dup);
  });
});
