// The one door to the Rust side. Every command has a typed function here; nothing else in
// the UI imports @tauri-apps. Arguments are camelCase (Tauri maps them to the Rust names);
// the structs inside them (query, input, profile) keep their snake_case fields.
import { invoke } from '@tauri-apps/api/core';
import type { AppStatus } from './bindings/AppStatus';
import type { BackupInfo } from './bindings/BackupInfo';
import type { Block } from './bindings/Block';
import type { BlockCopyReport } from './bindings/BlockCopyReport';
import type { BlockInput } from './bindings/BlockInput';
import type { OfficeProfile } from './bindings/OfficeProfile';
import type { RestoreReport } from './bindings/RestoreReport';
import type { Unit } from './bindings/Unit';
import type { UnitEvent } from './bindings/UnitEvent';
import type { UnitInput } from './bindings/UnitInput';
import type { UnitQuery } from './bindings/UnitQuery';
import type { Vocabulary } from './bindings/Vocabulary';

/** A failed command: `message` is Vietnamese and ready to show; `field` names the input to mark. */
export class AppError extends Error {
  readonly code: string;
  readonly field: string | null;

  constructor(code: string, message: string, field: string | null = null) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.field = field;
  }
}

const UNEXPECTED_MESSAGE =
  'Phần mềm gặp lỗi không mong muốn. Hãy thử lại; nếu lỗi lặp lại, hãy đóng và mở lại phần mềm.';

function isErrorPayload(e: unknown): e is { code: string; message: string; field?: string | null } {
  if (typeof e !== 'object' || e === null) return false;
  const o = e as Record<string, unknown>;
  return typeof o.code === 'string' && typeof o.message === 'string';
}

/** Turns whatever a command rejected with into an AppError the screens can show. */
export function toAppError(e: unknown): AppError {
  if (e instanceof AppError) return e;
  if (isErrorPayload(e)) return new AppError(e.code, e.message, e.field ?? null);
  // Tauri's own failures (unknown command, denied permission) arrive as plain strings or
  // Errors in English; the clerk gets a Vietnamese sentence, the detail stays in `cause`.
  const err = new AppError('unexpected', UNEXPECTED_MESSAGE);
  (err as { cause?: unknown }).cause = e;
  return err;
}

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (e) {
    throw toAppError(e);
  }
}

export const appStatus = () => call<AppStatus>('app_status');
export const vocabulary = () => call<Vocabulary>('vocabulary');

export const initProfile = (profile: OfficeProfile) => call<OfficeProfile>('init_profile', { profile });
export const updateProfile = (profile: OfficeProfile) => call<OfficeProfile>('update_profile', { profile });

export const listUnits = (query: UnitQuery) => call<Unit[]>('list_units', { query });
export const getUnit = (id: string) => call<Unit>('get_unit', { id });
export const createUnit = (input: UnitInput) => call<Unit>('create_unit', { input });
export const updateUnit = (id: string, input: UnitInput) => call<Unit>('update_unit', { id, input });
export const mergeUnit = (id: string, intoId: string, onDate: string) =>
  call<Unit>('merge_unit', { id, intoId, onDate });
export const dissolveUnit = (id: string, onDate: string) => call<Unit>('dissolve_unit', { id, onDate });
export const reactivateUnit = (id: string) => call<Unit>('reactivate_unit', { id });
export const deleteUnit = (id: string) => call<null>('delete_unit', { id });
export const unitHistory = (id: string) => call<UnitEvent[]>('unit_history', { id });

export const listBlocks = (year: number) => call<Block[]>('list_blocks', { year });
export const blockYears = () => call<number[]>('block_years');
export const createBlock = (input: BlockInput) => call<Block>('create_block', { input });
export const updateBlock = (id: string, input: BlockInput) => call<Block>('update_block', { id, input });
export const deleteBlock = (id: string) => call<null>('delete_block', { id });
export const copyBlocks = (from: number, to: number) => call<BlockCopyReport>('copy_blocks', { from, to });

// Files: the native dialogs open on the Rust side; the paths they return (and paths of files
// dropped on the window) are the only ones the file-reading and -writing commands accept.
export type OpenPurpose = 'import' | 'backup';
export type SavePurpose = 'xlsx' | 'pdf' | 'docx';
export const pickOpenFiles = (purpose: OpenPurpose) => call<string[]>('pick_open_files', { purpose });
export const pickSaveFile = (purpose: SavePurpose, suggestedName: string) =>
  call<string | null>('pick_save_file', { purpose, suggestedName });

/** Calls `ondrop` with the paths of files dropped on the window, and `onhover` while files
 *  are dragged over it; returns the function that stops listening. */
export async function onFilesDropped(
  ondrop: (paths: string[]) => void,
  onhover: (over: boolean) => void = () => {},
): Promise<() => void> {
  const { getCurrentWebview } = await import('@tauri-apps/api/webview');
  return getCurrentWebview().onDragDropEvent((event) => {
    const p = event.payload;
    if (p.type === 'over' || p.type === 'enter') onhover(true);
    else if (p.type === 'leave') onhover(false);
    else if (p.type === 'drop') {
      onhover(false);
      ondrop(p.paths);
    }
  });
}

/** The newest backup that passes the integrity check, or null (for the error screen). */
export const latestBackup = () => call<BackupInfo | null>('latest_backup');
/** Replaces the damaged data file by the latest good backup; the old file is kept aside. */
export const restoreLatestBackup = () => call<RestoreReport>('restore_latest_backup');
