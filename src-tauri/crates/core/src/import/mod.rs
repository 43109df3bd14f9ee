//! Importing the Excel lists member units send (award lists, registrations, block scoring
//! tables, lists of member units).
//!
//! Two steps, so nothing is written that the clerk has not seen: [`Store::preview_import`]
//! reads the file and says what would be created, row by row, with warnings and errors placed
//! at sheet, row and column as Excel shows them; the clerk may correct the column mapping and
//! single values ([`ImportOptions`]) and preview again. [`Store::commit_import`] then writes
//! everything in one transaction, under an `imports` record, so [`Store::undo_import`] can take
//! it back as a whole. The same file (by SHA-256) is never imported twice.
//!
//! A roll-up this program exported is recognised by its hidden sheet and taken in by record
//! ids, not by names (`rollup`).

mod commit;
mod headers;
mod plan;
mod reader;
mod rollup;
mod rule_check;
mod table;
mod values;

pub use headers::Field;
pub use reader::{bare_parse_cells, MAX_CELLS, MAX_COLUMNS, MAX_FILE_BYTES, MAX_ROWS};
pub use table::MappedColumn;

use crate::decisions::{AwardType, DecisionLevel};
use crate::error::{Error, Result};
use crate::subjects::RecipientKind;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// When an import happened, for messages: the stored UTC time as the clerk's local
/// "14:05 ngày 22/11/2026" (what was stored is returned as is if it does not parse).
pub(crate) fn when(stored: &str) -> String {
    match chrono::DateTime::parse_from_rfc3339(stored) {
        Ok(t) => t
            .with_timezone(&chrono::Local)
            .format("%H:%M ngày %d/%m/%Y")
            .to_string(),
        Err(_) => stored.to_string(),
    }
}

/// What a file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ImportKind {
    /// Danh sách khen thưởng: recipients of one or more decisions.
    Awards,
    /// Đăng ký thi đua.
    Registrations,
    /// Kết quả chấm điểm khối thi đua.
    BlockScores,
    /// Danh sách đơn vị thành viên.
    Units,
    /// Báo cáo tổng hợp do chương trình này xuất: nhận nguyên vẹn theo mã bản ghi.
    Rollup,
}

impl ImportKind {
    pub const ALL: [ImportKind; 5] = [
        Self::Awards,
        Self::Registrations,
        Self::BlockScores,
        Self::Units,
        Self::Rollup,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Awards => "awards",
            Self::Registrations => "registrations",
            Self::BlockScores => "block_scores",
            Self::Units => "units",
            Self::Rollup => "rollup",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Awards => "Danh sách khen thưởng",
            Self::Registrations => "Đăng ký thi đua",
            Self::BlockScores => "Chấm điểm khối thi đua",
            Self::Units => "Danh sách đơn vị",
            Self::Rollup => "Báo cáo tổng hợp",
        }
    }

    pub fn parse(s: &str) -> Result<Self> {
        Self::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| {
                Error::invalid(
                    "kind",
                    format!(
                        "Loại dữ liệu \"{s}\" không hợp lệ (awards, registrations, block_scores, units, rollup)."
                    ),
                )
            })
    }
}

/// Choices and corrections for a preview; the same options give the same preview.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ImportOptions {
    /// Forces the kind instead of detecting it from headers and title.
    pub kind: Option<ImportKind>,
    /// The member unit the people of the list work in: its code or its name.
    pub unit: Option<String>,
    /// The year of a registration list / of the achievements, when the title does not say it.
    pub year: Option<i32>,
    /// The decision of an award list whose title does not state it.
    pub decision_number: Option<String>,
    /// dd/mm/yyyy or yyyy-mm-dd.
    pub decision_date: Option<String>,
    pub column_overrides: Vec<ColumnOverride>,
    pub row_overrides: Vec<RowOverride>,
    /// Commit the rows that are ready and leave out those with errors or awaiting
    /// confirmation (they are listed as skipped). Without it such rows stop the commit.
    pub skip_unresolved: bool,
}

/// "Column D holds the form of commendation" (or, with no field, "ignore column D").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ColumnOverride {
    /// None: every sheet.
    pub sheet: Option<String>,
    /// Excel's letter.
    pub column: String,
    pub field: Option<Field>,
}

/// A correction of one row: skip it, replace values, or settle who the person is.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RowOverride {
    pub sheet: String,
    /// 1-based, as Excel shows it.
    pub row: u32,
    pub skip: bool,
    pub values: Vec<FieldValue>,
    /// The existing person (or unit, household) this row is about, chosen by the clerk.
    pub subject_id: Option<String>,
    /// The clerk confirmed this is someone new, not one of the candidates.
    pub create_new: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct FieldValue {
    pub field: Field,
    pub value: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Severity {
    Warning,
    Error,
}

/// A warning or an error, placed where the clerk will find it in Excel.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export, rename = "ImportIssue")]
pub struct Issue {
    pub severity: Severity,
    pub sheet: Option<String>,
    pub row: Option<u32>,
    pub column: Option<String>,
    pub message: String,
}

/// The table found in one sheet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct TableFound {
    pub sheet: String,
    pub header_rows: Vec<u32>,
    pub columns: Vec<MappedColumn>,
    /// "TCVN3" / "VNI" when the sheet was typed in a legacy encoding and converted.
    pub converted_from: Option<String>,
    /// Rows read past on purpose: (row, why).
    pub skipped_rows: Vec<(u32, String)>,
}

/// The decision an award list belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PlannedDecision {
    pub number: String,
    /// ISO yyyy-mm-dd.
    pub date: String,
    pub level: DecisionLevel,
    pub authority: String,
    pub award_type: AwardType,
    pub year: i32,
    /// Already in the database: the awards are added to it.
    pub existing_id: Option<String>,
}

/// Who a row is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "status", rename_all = "snake_case")]
#[ts(export, rename = "ImportSubject")]
pub enum SubjectPlan {
    /// Found in the database.
    Existing { id: String, label: String },
    /// Not in the database: created by the commit.
    New,
    /// Several records could be this one: the clerk chooses (RowOverride).
    Candidates { candidates: Vec<Candidate> },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export, rename = "ImportCandidate")]
pub struct Candidate {
    pub id: String,
    pub label: String,
    pub reasons: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export, rename = "ImportRowStatus")]
pub enum RowStatus {
    Ready,
    NeedsConfirmation,
    Error,
    /// Already in the database (same registration, same award): nothing to add.
    AlreadyPresent,
    /// Left out by the clerk.
    Skipped,
}

/// Points of a block scoring row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PlannedScore {
    pub block_id: String,
    pub self_score: Option<f64>,
    pub block_score: Option<f64>,
    pub council_score: Option<f64>,
    pub proposal: String,
}

/// One data row and the records it would create.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export, rename = "ImportRow")]
pub struct PreviewRow {
    pub sheet: String,
    pub row: u32,
    pub status: RowStatus,
    /// What would be written, in Vietnamese: "Khen thưởng Lao động tiên tiến cho cá nhân
    /// Nguyễn Văn Hùng (mới) theo Quyết định 112/QĐ-UBND".
    pub description: String,
    pub recipient_kind: Option<RecipientKind>,
    /// The name as it will be stored (NFC, legacy text converted).
    pub name: String,
    pub position: String,
    pub unit_name: String,
    pub birth_year: Option<i32>,
    /// Thôn of a household, code of a unit in a list of units.
    pub place: String,
    pub codes: Vec<String>,
    pub subject: SubjectPlan,
    /// Index into `ImportPreview::decisions`.
    pub decision: Option<usize>,
    pub achievement: String,
    /// Ticked "người lao động trực tiếp" (awards).
    pub direct_worker: bool,
    /// Chỉ tiêu đăng ký (registrations).
    pub targets: String,
    /// Ngày đăng ký, ISO yyyy-mm-dd (registrations).
    pub registered_on: Option<String>,
    pub amount: Option<i64>,
    pub score: Option<PlannedScore>,
    pub issues: Vec<Issue>,
}

/// How many records of each type.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ImportCounts {
    pub decisions: u32,
    pub awards: u32,
    pub registrations: u32,
    pub block_scores: u32,
    pub persons: u32,
    pub households: u32,
    pub units: u32,
}

/// What a file would bring, before anything is written.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ImportPreview {
    pub file_name: String,
    pub file_path: String,
    pub file_hash: String,
    pub kind: ImportKind,
    /// False when the kind was forced by the options.
    pub kind_detected: bool,
    /// This very file was imported before (and not undone): committing adds nothing.
    pub already_imported: Option<ImportRecord>,
    pub tables: Vec<TableFound>,
    pub year: Option<i32>,
    /// The member unit of the people in the list (options or title block).
    pub unit_id: Option<String>,
    pub unit_name: Option<String>,
    pub decisions: Vec<PlannedDecision>,
    pub rows: Vec<PreviewRow>,
    /// Every warning and error, of the file and of the rows.
    pub issues: Vec<Issue>,
    /// What the commit would create.
    pub counts: ImportCounts,
    pub options: ImportOptions,
}

impl ImportPreview {
    pub fn errors(&self) -> impl Iterator<Item = &Issue> {
        self.issues.iter().filter(|i| i.severity == Severity::Error)
    }

    pub fn warnings(&self) -> impl Iterator<Item = &Issue> {
        self.issues
            .iter()
            .filter(|i| i.severity == Severity::Warning)
    }
}

/// What an import record keeps (as JSON in `imports.summary`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ImportSummary {
    pub rows: u32,
    pub imported: ImportCounts,
    pub skipped: u32,
    pub warnings: u32,
    /// Units and blocks carry no import id of their own: their ids are kept here for undo.
    pub created_units: Vec<String>,
    /// Blocks a roll-up import created, deleted by undo; absent from older summaries.
    #[serde(default)]
    pub created_blocks: Vec<String>,
    /// Names of the people created, for the clerk to check.
    pub new_persons: Vec<String>,
}

/// One entry of the import history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ImportRecord {
    pub id: String,
    pub file_name: String,
    pub file_hash: String,
    pub kind: String,
    pub imported_at: String,
    pub undone_at: Option<String>,
    pub summary: ImportSummary,
}

/// The result of a commit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ImportOutcome {
    /// None when nothing was written (the file was imported before).
    pub import_id: Option<String>,
    pub file_name: String,
    pub kind: ImportKind,
    pub already_imported: bool,
    pub summary: ImportSummary,
    pub message: String,
}

#[cfg(test)]
mod when_tests {
    #[test]
    fn import_times_are_written_the_vietnamese_way() {
        let shown = super::when("2026-11-22T13:46:54Z");
        // 13:46 UTC is 22/11/2026 in every time zone from UTC−13 to UTC+10.
        assert!(shown.ends_with("22/11/2026"), "{shown}");
        assert!(shown.contains(" ngày "), "{shown}");
        assert_eq!(super::when("hôm qua"), "hôm qua");
    }
}
