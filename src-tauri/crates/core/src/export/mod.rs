//! Excel export: the roll-up workbook a unit sends to the level above (forms.md §1), the
//! national statistics tables 0601–0603 (§2), and blank templates for member units that do
//! not have the program. Every sheet carries the official heading and print setup of
//! NĐ 30/2020 (§4); see `sheet` for the number and date formats.
//!
//! Cells are typed: counts and money are numbers, dates are Excel dates shown dd/mm/yyyy,
//! and every text — names typed by people — is written as a string, never as a formula.
//! Files are written to a temporary file in the destination folder and then renamed, so a
//! crash or a full disk never leaves a half-written workbook under the requested name.
//!
//! # The hidden sheet `_thidua` (format version 1)
//!
//! Column A holds keys and markers; everything is text unless said otherwise.
//!
//! ```text
//! A1 "thidua"                B1 format version (number, currently 1)
//! A2.. key                   B value — until the first empty row. Keys:
//!      kind                  rollup | template_registrations | template_awards | template_scores
//!      app_version, office_name, office_level (xa|huyen|tinh|co_quan), parent_authority,
//!      exported_at (local time, RFC 3339), year (number), half (number 1|2, or empty),
//!      period_from, period_to (YYYY-MM-DD), unit_id, unit_code, unit_name (templates of one unit)
//! then tables, each:
//!      "#table" | table name | number of data rows (number)
//!      column names, one per cell
//!      data rows (ids are the database UUIDs; dates YYYY-MM-DD text; flags 1/0 numbers;
//!      counts, points and money numbers; an empty cell is "none")
//!      an empty row
//! and finally "#end" in column A.
//! ```
//!
//! Tables of the roll-up (columns in this order; `sheet_row` is the 1-based Excel row of the
//! record on its visible sheet, so a reader can match a visible row to its ids):
//!
//! - `units`: id, code, name, kind, status, block_id, block, role, sheet_row ("Tổng hợp")
//! - `decisions`: id, number, date, level, award_type, year, authority, signer_name,
//!   signer_title, movement_id
//! - `persons`: id, full_name, gender, birth_year, unit_id, position, position_category
//! - `households`: id, head_name, unit_id, address
//! - `awards`: id, decision_id, recipient_kind, person_id, unit_id, household_id,
//!   recipient_name, code, award_kind, position, unit_name, achievement, direct_worker,
//!   amount, amount_manual, sheet_row ("Danh sách khen thưởng")
//! - `registrations`: id, year, recipient_kind, person_id, unit_id, household_id, code,
//!   targets, registered_on, sheet_row ("Đăng ký thi đua")
//! - `scores`: block_id, block, unit_id, unit_code, role, self_score, block_score,
//!   council_score, final_score, rank, proposal, sheet_row ("Chấm điểm khối")
//!
//! Templates have the metadata, a `units` table (id, code, name) of the units offered in the
//! drop-down, a `catalog` table (code, name, kind, subject), and `columns`: the header text
//! of each data column of the input sheet (sheet, header_row, column, key, header), so the
//! import knows which column holds what.

mod machine;
pub(crate) mod rollup;
pub(crate) mod sheet;
pub(crate) mod statistics;
mod templates;

pub use machine::FORMAT_VERSION;
pub use statistics::{
    table_0601, table_0602, table_0603, AwardCell, RowSelect, StatColumn, StatRow, StatTable,
};
pub use templates::TemplateKind;

use crate::error::{Error, Result};
use crate::store::Store;
use rust_xlsxwriter::Workbook;
use serde::Serialize;
use std::path::Path;

/// What an export wrote, for the confirmation line and for scripts.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct ExportSummary {
    pub path: String,
    pub sheets: Vec<String>,
    /// Records listed (awards of a roll-up; data rows prepared in a template).
    pub records: usize,
}

/// Writes the roll-up workbook of `year` (or its first or second half) to `path`.
pub fn rollup(store: &Store, year: i32, half: Option<u8>, path: &Path) -> Result<ExportSummary> {
    check_temp_dir()?;
    let (mut wb, sheets, records) = lean_cache(store, || rollup::build(store, year, half))?;
    save(&mut wb, path)?;
    Ok(summary(path, sheets, records))
}

/// Runs `f` with SQLite's page cache at 16 MiB instead of the app's 64: a roll-up reads
/// the year once, and SQLite's sorter, which lists the awards in order, takes as much memory
/// as the cache again (a large year: about 100 MiB less at the peak, for little time).
fn lean_cache<T>(store: &Store, f: impl FnOnce() -> Result<T>) -> Result<T> {
    let before: i64 = store
        .conn
        .query_row("PRAGMA cache_size", [], |r| r.get(0))?;
    store.conn.pragma_update(None, "cache_size", -16_384)?;
    let out = f();
    store.conn.pragma_update(None, "cache_size", before)?;
    out
}

/// Writes a blank input workbook of `kind` for `year`, for one unit (by code) or for all.
pub fn template(
    store: &Store,
    kind: TemplateKind,
    year: i32,
    unit_code: Option<&str>,
    path: &Path,
) -> Result<ExportSummary> {
    check_temp_dir()?;
    let (mut wb, sheets, records) = templates::build(store, kind, year, unit_code)?;
    save(&mut wb, path)?;
    Ok(summary(path, sheets, records))
}

/// The workbook writer (built with its constant-memory mode) opens a file in the system's
/// temporary folder for every sheet and stops the program if it cannot: a temporary folder
/// that is missing or not writable is reported here first, as an error the clerk can read.
fn check_temp_dir() -> Result<()> {
    let dir = std::env::temp_dir();
    let probe = dir.join(format!(".thidua-export-{}.tmp", std::process::id()));
    let written = std::fs::write(&probe, b"");
    let _ = std::fs::remove_file(&probe);
    written.map_err(|e| {
        Error::io(
            &dir,
            std::io::Error::new(
                e.kind(),
                format!(
                    "Không ghi được vào thư mục tạm {} ({e}); cần thư mục này để lập tệp Excel.",
                    dir.display()
                ),
            ),
        )
    })
}

fn summary(path: &Path, sheets: Vec<String>, records: usize) -> ExportSummary {
    ExportSummary {
        path: path.display().to_string(),
        sheets,
        records,
    }
}

/// Zip level of the workbooks: 3, as Excel itself writes. The default 6 spent a fifth of a
/// large year's roll-up compressing, for a file only a few percent smaller.
const ZIP_LEVEL: u8 = 3;

/// Saves through a temporary file in the same folder, renamed over the destination only
/// once complete and flushed: the rename is atomic on one file system. Written to the file
/// directly rather than built in memory first (a large year's roll-up is tens of MB).
fn save(wb: &mut Workbook, path: &Path) -> Result<()> {
    wb.set_zip_compression_level(ZIP_LEVEL);
    atomically(path, |tmp| {
        let mut file = std::io::BufWriter::new(std::fs::File::create(tmp)?);
        wb.save_to_writer(&mut file).map_err(xlsx_io)?;
        std::io::Write::flush(&mut file)
    })
}

/// The writer's error as the file's: the zip layer wraps the error of the file (a full disk)
/// in its own, whose kind is kept so that the clerk is told what happened.
fn xlsx_io(e: rust_xlsxwriter::XlsxError) -> std::io::Error {
    if let rust_xlsxwriter::XlsxError::IoError(io) = e {
        return io;
    }
    let mut cause: Option<&(dyn std::error::Error + 'static)> = Some(&e);
    while let Some(c) = cause {
        if let Some(io) = c.downcast_ref::<std::io::Error>() {
            return std::io::Error::new(io.kind(), e.to_string());
        }
        cause = c.source();
    }
    std::io::Error::other(e.to_string())
}

/// Writes `bytes` to `path` whole or not at all (workbooks, PDF, DOCX, HTML).
pub(crate) fn write_atomic(bytes: &[u8], path: &Path) -> Result<()> {
    atomically(path, |tmp| std::fs::write(tmp, bytes))
}

/// Lets `write` fill a temporary file beside `path`, flushes it to disk and renames it to
/// `path`; on any failure the temporary file is removed and `path` is left as it was.
fn atomically(path: &Path, write: impl FnOnce(&Path) -> std::io::Result<()>) -> Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    if !dir.is_dir() {
        return Err(Error::invalid(
            "out",
            format!("Thư mục {} không tồn tại.", dir.display()),
        ));
    }
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .ok_or_else(|| Error::invalid("out", "Cần tên tệp để ghi, ví dụ tong-hop-2025.xlsx."))?;
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let done = (|| -> std::io::Result<()> {
        write(&tmp)?;
        // Opened for writing: Windows flushes only a handle that may write.
        std::fs::OpenOptions::new()
            .write(true)
            .open(&tmp)?
            .sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    done.map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        Error::io(path, e)
    })
}

#[cfg(test)]
mod tests;
