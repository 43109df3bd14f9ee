// The one door to the Rust side. Every command has a typed function here; nothing else in
// the UI imports @tauri-apps. Arguments are camelCase (Tauri maps them to the Rust names);
// the structs inside them (query, input, profile) keep their snake_case fields.
import { invoke } from '@tauri-apps/api/core';
import type { ReportPreview } from './bindings/ReportPreview';
import type { ReportRequest } from './bindings/ReportRequest';
import type { ReportSummary } from './bindings/ReportSummary';
import type { ProposalInput } from './bindings/ProposalInput';
import type { ProposalItem } from './bindings/ProposalItem';
import type { ProposalItemInput } from './bindings/ProposalItemInput';
import type { DecisionMatch } from './bindings/DecisionMatch';
import type { NarrativeEdit } from './bindings/NarrativeEdit';
import type { NarrativeSection } from './bindings/NarrativeSection';
import type { AppStatus } from './bindings/AppStatus';
import type { AwardCandidate } from './bindings/AwardCandidate';
import type { AwardInput } from './bindings/AwardInput';
import type { AwardQuery } from './bindings/AwardQuery';
import type { AwardRow } from './bindings/AwardRow';
import type { CatalogEdit } from './bindings/CatalogEdit';
import type { CatalogItem } from './bindings/CatalogItem';
import type { Decision } from './bindings/Decision';
import type { DecisionInput } from './bindings/DecisionInput';
import type { ExportSummary } from './bindings/ExportSummary';
import type { ImportOptions } from './bindings/ImportOptions';
import type { ImportOutcome } from './bindings/ImportOutcome';
import type { ImportPreview } from './bindings/ImportPreview';
import type { ImportRecord } from './bindings/ImportRecord';
import type { Household } from './bindings/Household';
import type { Person } from './bindings/Person';
import type { PersonHistory } from './bindings/PersonHistory';
import type { PersonInput } from './bindings/PersonInput';
import type { PersonLine } from './bindings/PersonLine';
import type { PersonMerge } from './bindings/PersonMerge';
import type { PersonStep } from './bindings/PersonStep';
import type { PersonQuery } from './bindings/PersonQuery';
import type { Proposal } from './bindings/Proposal';
import type { ProposalDetail } from './bindings/ProposalDetail';
import type { TemplateKind } from './bindings/TemplateKind';
import type { BackupInfo } from './bindings/BackupInfo';
import type { Block } from './bindings/Block';
import type { BlockCopyReport } from './bindings/BlockCopyReport';
import type { BlockInput } from './bindings/BlockInput';
import type { Assessment } from './bindings/Assessment';
import type { AssessmentInput } from './bindings/AssessmentInput';
import type { BaseSalary } from './bindings/BaseSalary';
import type { BlockResult } from './bindings/BlockResult';
import type { BlockScoreInput } from './bindings/BlockScoreInput';
import type { CheckReport } from './bindings/CheckReport';
import type { Coefficient } from './bindings/Coefficient';
import type { CriteriaSet } from './bindings/CriteriaSet';
import type { CriterionInput } from './bindings/CriterionInput';
import type { CriterionScore } from './bindings/CriterionScore';
import type { Deadline } from './bindings/Deadline';
import type { DeadlineKind } from './bindings/DeadlineKind';
import type { RuleParam } from './bindings/RuleParam';
import type { ScoreRow } from './bindings/ScoreRow';
import type { Stats } from './bindings/Stats';
import type { YearDocuments } from './bindings/YearDocuments';
import type { Period } from './bindings/Period';
import type { Regime } from './bindings/Regime';
import type { Rounding } from './bindings/Rounding';
import type { Registration } from './bindings/Registration';
import type { RegistrationEdit } from './bindings/RegistrationEdit';
import type { RegistrationQuery } from './bindings/RegistrationQuery';
import type { RegistrationRow } from './bindings/RegistrationRow';
import type { CertificateLayout } from './bindings/CertificateLayout';
import type { CertificateLayoutInput } from './bindings/CertificateLayoutInput';
import type { CertificateSummary } from './bindings/CertificateSummary';
import type { CertificateTexts } from './bindings/CertificateTexts';
import type { OfficeProfile } from './bindings/OfficeProfile';
import type { RestoreReport } from './bindings/RestoreReport';
import type { Unit } from './bindings/Unit';
import type { UnitEvent } from './bindings/UnitEvent';
import type { UnitInput } from './bindings/UnitInput';
import type { UnitQuery } from './bindings/UnitQuery';
import type { Vocabulary } from './bindings/Vocabulary';
import type { CheckedBackup } from './bindings/CheckedBackup';
import type { DataLocation } from './bindings/DataLocation';
import type { MissingFolder } from './bindings/MissingFolder';
import type { MoveReport } from './bindings/MoveReport';

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

export const listRegistrations = (query: RegistrationQuery) =>
  call<RegistrationRow[]>('list_registrations', { query });
/** One grid step, saved whole or not at all. */
export const saveRegistrations = (edits: RegistrationEdit[]) =>
  call<(Registration | null)[]>('save_registrations', { edits });
export const checkYear = (year: number) => call<CheckReport>('check_year', { year });
export const listCatalog = () => call<CatalogItem[]>('list_catalog');

export const blockResults = (blockId: string) => call<BlockResult[]>('block_results', { blockId });
/** Members' totals saved together; answers the block ranked again. */
export const setBlockScores = (blockId: string, scores: [string, BlockScoreInput][]) =>
  call<BlockResult[]>('set_block_scores', { blockId, scores });
export const criteriaSet = (blockId: string) => call<CriteriaSet | null>('criteria_set', { blockId });
export const copyCriteriaFromLastYear = (blockId: string) =>
  call<CriteriaSet>('copy_criteria_from_last_year', { blockId });

export const getAssessment = (unitId: string, year: number, period: Period) =>
  call<Assessment | null>('get_assessment', { unitId, year, period });
export const saveAssessment = (input: AssessmentInput) => call<Assessment>('save_assessment', { input });
export const criterionScores = (blockId: string, unitId: string) =>
  call<CriterionScore[]>('criterion_scores', { blockId, unitId });
export const setCriterionScores = (blockId: string, unitId: string, scores: CriterionScore[]) =>
  call<BlockResult>('set_criterion_scores', { blockId, unitId, scores });

/** `today` is the clerk's local date, yyyy-mm-dd. */
export const yearDocuments = (year: number, today: string) =>
  call<YearDocuments>('year_documents', { year, today });
export const setDeadline = (year: number, kind: DeadlineKind, dueOn: string | null) =>
  call<Deadline[]>('set_deadline', { year, kind, dueOn });
export const yearStats = (year: number) => call<Stats>('year_stats', { year });
export const yearScores = (year: number) => call<ScoreRow[]>('year_scores', { year });

// Dated legal rules: a change is a new row from a date, older decisions keep the old row.
export const listBaseSalaries = () => call<BaseSalary[]>('list_base_salaries');
export const addBaseSalary = (effectiveFrom: string, amount: number, legalRef: string, confirmed: boolean) =>
  call<BaseSalary>('add_base_salary', { effectiveFrom, amount, legalRef, confirmed });
export const listRuleParams = () => call<RuleParam[]>('list_rule_params');
export const addRuleParam = (key: string, validFrom: string, value: number | null, legalRef: string, note: string) =>
  call<RuleParam[]>('add_rule_param', { key, validFrom, value, legalRef, note });
export const listRegimes = () => call<Regime[]>('list_regimes');
export const listCoefficients = () => call<Coefficient[]>('list_coefficients');
/** A new coefficient from a date; the row in force before it stays for older decisions. */
export const addCoefficient = (code: string, validFrom: string, value: number | null, legalRef: string) =>
  call<Coefficient>('add_coefficient', { code, validFrom, value, legalRef });
/** Removes a dated coefficient row and answers it, so it can be put back (undo). */
export const removeCoefficient = (code: string, regimeId: string, validFrom: string) =>
  call<Coefficient>('remove_coefficient', { code, regimeId, validFrom });
export const removeBaseSalary = (effectiveFrom: string) => call<BaseSalary>('remove_base_salary', { effectiveFrom });
export const removeRuleParam = (key: string, validFrom: string) => call<RuleParam>('remove_rule_param', { key, validFrom });
/** A title or form the catalog lacks (a local one); its money is then a coefficient from a date. */
export const addCatalogItem = (item: CatalogItem) => call<CatalogItem>('add_catalog_item', { item });
/** A catalog item's name, validity, legal reference (an official item: only its end date). */
export const updateCatalogItem = (code: string, edit: CatalogEdit) => call<CatalogItem>('update_catalog_item', { code, edit });
export const listRoundings = () => call<Rounding[]>('list_roundings');
/** A new rounding from a date; decisions dated before keep the old one. */
export const addRounding = (validFrom: string, mode: string, step: number, legalRef: string) =>
  call<Rounding>('add_rounding', { validFrom, mode, step, legalRef });
export const removeRounding = (regimeId: string, validFrom: string) =>
  call<Rounding>('remove_rounding', { regimeId, validFrom });

// Backups and the data folder (Settings).
export const listBackups = () => call<CheckedBackup[]>('list_backups');
export const backupNow = () => call<BackupInfo>('backup_now');
/** Restores one of the listed backups; the current file is backed up first. */
export const restoreBackup = (path: string) => call<RestoreReport>('restore_backup', { path });
export const dataLocation = () => call<DataLocation>('data_location');
/** Opens the native folder dialog; the chosen folder may then be given to moveDataDir. */
export const pickFolder = (purpose: 'data_folder' | 'data_folder_open') =>
  call<string | null>('pick_folder', { purpose });
export const moveDataDir = (folder: string) => call<MoveReport>('move_data_dir', { folder });

// The optional password that opens the app; while locked, the shell refuses data commands.
export const passwordStatus = () => call<boolean>('password_status');
export const setAppPassword = (current: string | null, password: string) =>
  call<null>('set_app_password', { current, password });
export const removeAppPassword = (current: string) => call<null>('remove_app_password', { current });
export const unlockApp = (password: string) => call<null>('unlock_app', { password });
export const lockApp = () => call<null>('lock_app');

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

// Importing the Excel files units send: preview first (nothing written), then commit.
export const previewImport = (path: string, options: ImportOptions) =>
  call<ImportPreview>('preview_import', { path, options });
export const commitImport = (path: string, options: ImportOptions) =>
  call<ImportOutcome>('commit_import', { path, options });
export const listImports = () => call<ImportRecord[]>('list_imports');
export const undoImport = (id: string) => call<ImportRecord>('undo_import', { id });

// Excel exports: the path comes from pickSaveFile('xlsx', …).
export const exportRollup = (path: string, year: number, half: number | null = null) =>
  call<ExportSummary>('export_rollup', { path, year, half });
export const exportTemplate = (path: string, kind: TemplateKind, year: number, unitCode: string | null) =>
  call<ExportSummary>('export_template', { path, kind, year, unitCode });

// Decisions, their recipients, and the proposals sent upward.
export const listDecisions = (year: number | null) => call<Decision[]>('list_decisions', { year });
export const createDecision = (input: DecisionInput) => call<Decision>('create_decision', { input });
export const getDecision = (id: string) => call<Decision>('get_decision', { id });
export const listAwards = (query: AwardQuery) => call<AwardRow[]>('list_awards', { query });
export const addAwards = (decisionId: string, inputs: AwardInput[]) =>
  call<AwardRow[]>('add_awards', { decisionId, inputs });
export const removeAward = (id: string) => call<null>('remove_award', { id });
export const setAwardAmount = (id: string, amount: number | null) =>
  call<AwardRow>('set_award_amount', { id, amount });
export const personHistory = (personId: string) => call<PersonHistory>('person_history', { personId });
export const searchPersons = (query: PersonQuery) => call<Person[]>('search_persons', { query });
export const createPerson = (input: PersonInput) => call<Person>('create_person', { input });
export const awardCandidates = (year: number, code: string) =>
  call<AwardCandidate[]>('award_candidates', { year, code });
export const listProposals = (year: number | null) => call<Proposal[]>('list_proposals', { year });
export const getProposal = (id: string) => call<ProposalDetail>('get_proposal', { id });
/** Deletes a decision without awards (one with awards is refused by the core). */
export const deleteDecision = (id: string) => call<null>('delete_decision', { id });
export const createProposal = (input: ProposalInput) => call<Proposal>('create_proposal', { input });
/** Deletes the proposal with its lines; awards already granted stay in their decisions. */
export const deleteProposal = (id: string) => call<null>('delete_proposal', { id });
export const addProposalItem = (proposalId: string, input: ProposalItemInput) =>
  call<ProposalItem>('add_proposal_item', { proposalId, input });
export const removeProposalItem = (itemId: string) => call<null>('remove_proposal_item', { itemId });
/** approved null: the answer taken back, the line waits again. */
export const recordProposalOutcome = (itemId: string, approved: boolean | null) =>
  call<ProposalItem>('record_proposal_outcome', { itemId, approved });
export const searchHouseholds = (search: string) => call<Household[]>('search_households', { search });
/** Marks approved, and links to its award, every waiting line the decision grants. */
export const approveWithDecision = (proposalId: string, decisionId: string) =>
  call<DecisionMatch>('approve_with_decision', { proposalId, decisionId });
// Certificates (giấy khen) on the office's pre-printed blanks.
export const certificateLayouts = () => call<CertificateLayout[]>('certificate_layouts');
export const saveCertificateLayout = (id: string | null, input: CertificateLayoutInput) =>
  call<CertificateLayout>('save_certificate_layout', { id, input });
export const duplicateCertificateLayout = (id: string) => call<CertificateLayout>('duplicate_certificate_layout', { id });
export const deleteCertificateLayout = (id: string) => call<null>('delete_certificate_layout', { id });
export const setDefaultCertificateLayout = (id: string) =>
  call<CertificateLayout>('set_default_certificate_layout', { id });
export const certificateDecisions = () => call<Decision[]>('certificate_decisions');
/** The texts of each certificate of the decision, and the achievement line set for it. */
export const certificateTexts = (decisionId: string) =>
  call<[CertificateTexts[], string | null]>('certificate_texts', { decisionId });
export const setCertificatePhrase = (decisionId: string, phrase: string) =>
  call<null>('set_certificate_phrase', { decisionId, phrase });
export const writeCertificates = (decisionId: string, layoutId: string, path: string) =>
  call<CertificateSummary>('write_certificates', { decisionId, layoutId, path });
export const writeCertificateCalibration = (layoutId: string, path: string) =>
  call<CertificateSummary>('write_certificate_calibration', { layoutId, path });
/** The newest backup that passes the integrity check, or null (for the error screen). */
export const latestBackup = () => call<BackupInfo | null>('latest_backup');
/** Replaces the damaged data file by the latest good backup; the old file is kept aside. */
export const restoreLatestBackup = () => call<RestoreReport>('restore_latest_backup');
/** The remembered data folder missing at start, and what the default folder holds. */
export const missingDataFolder = () => call<MissingFolder>('missing_data_folder');
/** Tries the remembered folder again (the drive plugged back in). */
export const retryDataFolder = () => call<null>('retry_data_folder');
/** Opens the default folder for this session; the remembered choice is kept. */
export const useDefaultDataFolder = () => call<null>('use_default_data_folder');
/** Opens the data file in a folder picked with pickFolder('data_folder_open'), and remembers it. */
export const openDataFolder = (folder: string) => call<null>('open_data_folder', { folder });

export const reportPreview = (request: ReportRequest) => call<ReportPreview>('report_preview', { request });
export const saveReport = (request: ReportRequest, path: string) =>
  call<ReportSummary>('save_report', { request, path });

/** One step of the persons grid (people taken back, lines edited or added), all or nothing. */
export const savePersonStep = (step: PersonStep) => call<PersonLine[]>('save_person_step', { step });
export const mergePersons = (keep: string, duplicate: string) => call<PersonMerge>('merge_persons', { keep, duplicate });
/** Takes a merge back: the duplicate is a record of its own again, with its links. */
export const undoPersonMerge = (mergeId: string) => call<Person>('undo_person_merge', { mergeId });
/** Everyone on file as the persons grid shows them (compact lines). */
export const listPersonLines = () => call<PersonLine[]>('list_person_lines');
export const getPerson = (id: string) => call<Person>('get_person', { id });
export const saveCriteriaSet = (blockId: string, name: string, lines: CriterionInput[]) =>
  call<CriteriaSet>('save_criteria_set', { blockId, name, lines });
/** The other awards of everyone on a decision, oldest first (history beside each line). */
export const recipientsOtherAwards = (decisionId: string) =>
  call<AwardRow[]>('recipients_other_awards', { decisionId });
/** The prose sections of the sơ kết / tổng kết report of the request's period. */
export const reportNarratives = (request: ReportRequest) =>
  call<NarrativeSection[]>('report_narratives', { request });
/** Saves the edited sections (all or none); answers every section of the period. */
export const saveReportNarratives = (request: ReportRequest, edits: NarrativeEdit[]) =>
  call<NarrativeSection[]>('save_report_narratives', { request, edits });

/** Calls `shouldStay` when the clerk closes the window (title-bar ×, Alt+F4); when it returns
 *  true the window stays open (the caller then asks, and closes with `closeWindow`). Returns the
 *  function that stops listening. */
export async function onWindowCloseRequested(shouldStay: () => boolean): Promise<() => void> {
  const { getCurrentWindow } = await import('@tauri-apps/api/window');
  return getCurrentWindow().onCloseRequested((event) => {
    if (shouldStay()) event.preventDefault();
  });
}

/** Closes the window without asking again (after the clerk chose to drop unsaved work). */
export async function closeWindow(): Promise<void> {
  const { getCurrentWindow } = await import('@tauri-apps/api/window');
  await getCurrentWindow().destroy();
}
