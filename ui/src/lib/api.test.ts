import { beforeEach, describe, expect, it, vi } from 'vitest';

const invoke = vi.fn();
vi.mock('@tauri-apps/api/core', () => ({ invoke: (...args: unknown[]) => invoke(...args) }));

const api = await import('./api');

describe('api', () => {
  // braces matter: a function returned from beforeEach is run as a teardown
  beforeEach(() => {
    invoke.mockReset();
  });

  it('passes camelCase arguments and snake_case structs', async () => {
    invoke.mockResolvedValue([]);
    await api.listUnits({ search: 'an binh', include_inactive: false });
    expect(invoke).toHaveBeenCalledWith('list_units', { query: { search: 'an binh', include_inactive: false } });
    await api.mergeUnit('u1', 'u2', '01/07/2025');
    expect(invoke).toHaveBeenCalledWith('merge_unit', { id: 'u1', intoId: 'u2', onDate: '01/07/2025' });
    await api.copyBlocks(2025, 2026);
    expect(invoke).toHaveBeenCalledWith('copy_blocks', { from: 2025, to: 2026 });
  });

  it('turns an error payload into an AppError with its field', async () => {
    invoke.mockRejectedValue({ code: 'duplicate', message: 'Mã "VP" đã dùng.', field: 'code' });
    const err = await api.createUnit({
      code: 'VP',
      name: 'Văn phòng',
      kind: 'khac',
      staff_count: null,
      parent_id: null,
      note: '',
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(api.AppError);
    expect(err).toMatchObject({ code: 'duplicate', message: 'Mã "VP" đã dùng.', field: 'code' });
  });

  it('turns anything else into a Vietnamese "unexpected" error', async () => {
    invoke.mockRejectedValue('command list_units not allowed');
    const err = await api.listUnits({ search: null, include_inactive: true }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'unexpected', field: null });
    expect((err as Error).message).toMatch(/lỗi không mong muốn/);
    expect(api.toAppError(new TypeError('x')).code).toBe('unexpected');
  });
});
