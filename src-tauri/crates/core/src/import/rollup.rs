//! Taking in a roll-up workbook this program exported (`export::rollup`): the level above
//! reads the hidden sheet `_thidua`, not the visible sheets, so every record keeps its
//! original id and nothing is re-guessed from names. A record whose id is already in the
//! database is left as it is ("đã có"), so importing the same roll-up twice adds nothing.
//!
//! One preview row per record, placed at its row of `_thidua`, in the order the commit writes
//! them (what an award points at comes before the award). The commit reads the file again
//! (and refuses it if it changed since the preview) rather than carrying the records in the
//! preview, which the UI sends back and forth.

use super::reader::{self, Cell};
use super::{
    ImportCounts, ImportKind, ImportOptions, ImportPreview, ImportSummary, Issue, PreviewRow,
    RowStatus, Severity, SubjectPlan,
};
use crate::error::{Error, Result};
use crate::export::FORMAT_VERSION;
use crate::store::{new_id, now, Store};
use crate::subjects::RecipientKind;
use crate::text::{name_key, search_key};
use calamine::{Data, Reader};
use rusqlite::{params, OptionalExtension};
use std::collections::{HashMap, HashSet};
use std::path::Path;

const SHEET: &str = "_thidua";
/// The visible sheet whose rows name the registrants the machine tables carry by id only.
const SHEET_REGISTRATIONS: &str = "Đăng ký thi đua";

/// One record of a machine table, by column name.
#[derive(Debug, Clone)]
pub(super) struct Record {
    table: &'static str,
    sheet: String,
    row: u32,
    values: HashMap<String, Cell>,
}

impl Record {
    fn cell(&self, column: &str) -> &Cell {
        self.values.get(column).unwrap_or(&Cell::Empty)
    }

    fn text(&self, column: &str) -> String {
        self.cell(column).text().trim().to_string()
    }

    fn opt(&self, column: &str) -> Option<String> {
        Some(self.text(column)).filter(|s| !s.is_empty())
    }

    fn num(&self, column: &str) -> Option<f64> {
        match self.cell(column) {
            Cell::Number(n) | Cell::Date(n) => Some(*n),
            Cell::Text(s) => s.trim().parse().ok(),
            Cell::Empty => None,
        }
    }

    fn flag(&self, column: &str) -> bool {
        self.num(column).is_some_and(|n| n != 0.0)
    }

    /// The recipient's kind and id (person, unit or household column).
    fn subject(&self) -> Option<(RecipientKind, String)> {
        [
            ("person_id", RecipientKind::CaNhan),
            ("unit_id", RecipientKind::TapThe),
            ("household_id", RecipientKind::HoGiaDinh),
        ]
        .into_iter()
        .find_map(|(c, k)| self.opt(c).map(|id| (k, id)))
    }
}

/// The file's machine data, ready to plan or to write.
pub(super) struct Rollup {
    hash: String,
    year: i32,
    /// Until when a unit that no longer exists (merged, dissolved) is shown as ended.
    period_to: String,
    records: Vec<Record>,
}

impl Rollup {
    /// The roll-up in `path`, or None when the workbook is not one of our roll-ups.
    pub(super) fn read(path: &Path, workbook: &reader::Workbook) -> Result<Option<Rollup>> {
        let Some(rows) = machine_sheet(path)? else {
            return Ok(None);
        };
        let at = |row: usize, col: usize| rows.get(row).and_then(|r| r.get(col));
        if at(0, 0).map(Cell::text).as_deref() != Some("thidua") {
            return Ok(None);
        }
        let version = at(0, 1).map(Cell::text).unwrap_or_default();
        if version.parse::<u32>().map_or(true, |v| v > FORMAT_VERSION) {
            return Err(Error::invalid(
                "file",
                format!(
                    "Tệp \"{}\" do phiên bản mới hơn của chương trình xuất (định dạng {version}); hãy cập nhật chương trình rồi nhập lại.",
                    workbook.file_name
                ),
            ));
        }
        let mut meta = HashMap::new();
        let mut r = 1;
        while let Some(key) = at(r, 0).filter(|c| !c.is_empty()) {
            meta.insert(key.text(), at(r, 1).cloned().unwrap_or(Cell::Empty));
            r += 1;
        }
        if meta.get("kind").map(Cell::text).as_deref() != Some("rollup") {
            return Ok(None);
        }
        let year = meta
            .get("year")
            .and_then(|c| c.text().parse::<i32>().ok())
            .ok_or_else(|| {
                Error::invalid(
                    "file",
                    format!(
                        "Tệp \"{}\" không ghi năm của báo cáo tổng hợp.",
                        workbook.file_name
                    ),
                )
            })?;
        let mut tables: HashMap<String, Vec<Record>> = HashMap::new();
        while r < rows.len() {
            let marker = at(r, 0).map(Cell::text).unwrap_or_default();
            if marker == "#end" {
                break;
            }
            if marker != "#table" {
                r += 1;
                continue;
            }
            let name = at(r, 1).map(Cell::text).unwrap_or_default();
            let n = at(r, 2).map(Cell::text).unwrap_or_default();
            let n: usize = n.parse().unwrap_or(0);
            let columns: Vec<String> = rows
                .get(r + 1)
                .map(|c| c.iter().map(Cell::text).collect())
                .unwrap_or_default();
            let Some(table) = TABLES.iter().find(|t| **t == name) else {
                r += n + 2;
                continue;
            };
            let list = tables.entry(name).or_default();
            for i in r + 2..r + 2 + n {
                let cells = rows.get(i).cloned().unwrap_or_default();
                list.push(Record {
                    table,
                    sheet: SHEET.to_string(),
                    row: i as u32 + 1,
                    values: columns.iter().cloned().zip(cells).collect(),
                });
            }
            r += n + 2;
        }
        let mut records = Vec::new();
        for name in TABLES {
            let list = tables.remove(*name).unwrap_or_default();
            if *name == "registrations" {
                records.extend(registrants(&list, &records, workbook));
            }
            records.extend(list);
        }
        Ok(Some(Rollup {
            hash: workbook.hash.clone(),
            year,
            period_to: meta
                .get("period_to")
                .map(Cell::text)
                .unwrap_or_else(|| format!("{year}-12-31")),
            records,
        }))
    }
}

/// The tables taken in, in the order they are written.
const TABLES: &[&str] = &[
    "units",
    "persons",
    "households",
    "decisions",
    "awards",
    "registrations",
    "scores",
];

/// The hidden sheet as cells, or None when the workbook has none.
fn machine_sheet(path: &Path) -> Result<Option<Vec<Vec<Cell>>>> {
    // read_workbook has already refused what is not a readable spreadsheet.
    let Ok(mut wb) = calamine::open_workbook_auto(path) else {
        return Ok(None);
    };
    if !wb.sheet_names().iter().any(|n| n == SHEET) {
        return Ok(None);
    }
    let range = wb.worksheet_range(SHEET).map_err(|e| {
        Error::invalid(
            "file",
            format!("Không đọc được trang dữ liệu \"{SHEET}\" của tệp: {e}"),
        )
    })?;
    let (top, left) = range.start().unwrap_or((0, 0));
    let mut rows: Vec<Vec<Cell>> = vec![Vec::new(); top as usize];
    for r in range.rows() {
        let mut line = vec![Cell::Empty; left as usize];
        line.extend(r.iter().map(|v| match v {
            Data::String(s) => Cell::Text(s.clone()),
            Data::Int(i) => Cell::Number(*i as f64),
            Data::Float(f) => Cell::Number(*f),
            _ => Cell::Empty,
        }));
        rows.push(line);
    }
    Ok(Some(rows))
}

/// People and households who registered without an award in the period are in no machine
/// table: their names are read from the visible registration sheet, by `sheet_row`, and their
/// unit and position from its "Chức vụ, đơn vị" cell ("Trưởng thôn, Thôn Bắc"), which ends
/// with the name of one of the file's units.
fn registrants(
    registrations: &[Record],
    known: &[Record],
    workbook: &reader::Workbook,
) -> Vec<Record> {
    let Some(sheet) = workbook
        .sheets
        .iter()
        .find(|s| s.name == SHEET_REGISTRATIONS)
    else {
        return Vec::new();
    };
    let mut seen: HashSet<String> = known.iter().filter_map(|r| r.opt("id")).collect();
    let mut out = Vec::new();
    for reg in registrations {
        let Some((kind, id)) = reg.subject() else {
            continue;
        };
        let table = match kind {
            RecipientKind::CaNhan => "persons",
            RecipientKind::HoGiaDinh => "households",
            // A unit of the office is in the units table.
            RecipientKind::TapThe => continue,
        };
        let Some(row) = reg.num("sheet_row").map(|n| n as u32) else {
            continue;
        };
        let name = sheet.get(row as usize - 1, 1).text().trim().to_string();
        if name.is_empty() || !seen.insert(id.clone()) {
            continue;
        }
        let place = sheet.get(row as usize - 1, 2).text().trim().to_string();
        let unit = known
            .iter()
            .filter(|u| u.table == "units")
            .map(|u| (u.text("id"), u.text("name")))
            .filter(|(_, n)| !n.is_empty() && (place == *n || place.ends_with(&format!(", {n}"))))
            .max_by_key(|(_, n)| n.len());
        let position = match &unit {
            Some((_, n)) => place[..place.len() - n.len()].trim_end_matches([',', ' ']),
            None => place.as_str(),
        };
        let mut values: HashMap<String, Cell> = [
            ("id", id),
            (
                if table == "persons" {
                    "full_name"
                } else {
                    "head_name"
                },
                name,
            ),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), Cell::Text(v)))
        .collect();
        if let Some((unit_id, _)) = unit {
            values.insert("unit_id".into(), Cell::Text(unit_id));
        }
        if table == "persons" {
            values.insert("position".into(), Cell::Text(position.to_string()));
        }
        out.push(Record {
            table,
            sheet: SHEET_REGISTRATIONS.to_string(),
            row,
            values,
        });
    }
    out
}

/// Whether the record is in the database already, and what it would be shown as.
struct Planned {
    status: RowStatus,
    description: String,
    issue: Option<String>,
}

impl Store {
    /// The preview of a roll-up, or None when `path` is not one of our roll-ups (then it is
    /// read as a list typed by hand).
    pub(super) fn preview_rollup(
        &self,
        path: &Path,
        workbook: &reader::Workbook,
        options: &ImportOptions,
    ) -> Result<Option<ImportPreview>> {
        if options.kind.is_some_and(|k| k != ImportKind::Rollup) {
            return Ok(None);
        }
        let Some(rollup) = Rollup::read(path, workbook)? else {
            return match options.kind {
                Some(_) => Err(Error::invalid(
                    "file",
                    format!(
                        "Tệp \"{}\" không phải báo cáo tổng hợp do chương trình xuất (không có trang dữ liệu \"{SHEET}\").",
                        workbook.file_name
                    ),
                )),
                None => Ok(None),
            };
        };
        let mut counts = ImportCounts::default();
        let mut rows = Vec::new();
        for rec in &rollup.records {
            let planned = self.plan_record(rec, rollup.year)?;
            if planned.status == RowStatus::Ready {
                match rec.table {
                    "units" => counts.units += 1,
                    "persons" => counts.persons += 1,
                    "households" => counts.households += 1,
                    "decisions" => counts.decisions += 1,
                    "awards" => counts.awards += 1,
                    "registrations" => counts.registrations += 1,
                    _ => counts.block_scores += 1,
                }
            }
            rows.push(preview_row(rec, planned));
        }
        let issues = rows.iter().flat_map(|r| r.issues.clone()).collect();
        Ok(Some(ImportPreview {
            file_name: workbook.file_name.clone(),
            file_path: path.display().to_string(),
            file_hash: workbook.hash.clone(),
            kind: ImportKind::Rollup,
            kind_detected: options.kind.is_none(),
            already_imported: self.import_by_hash(&workbook.hash)?,
            tables: Vec::new(),
            year: Some(rollup.year),
            unit_id: None,
            unit_name: None,
            decisions: Vec::new(),
            rows,
            issues,
            counts,
            options: options.clone(),
        }))
    }

    fn exists(&self, table: &str, id: &str) -> Result<bool> {
        let sql = format!("SELECT 1 FROM {table} WHERE id = ?1");
        Ok(self
            .conn
            .query_row(&sql, [id], |_| Ok(()))
            .optional()?
            .is_some())
    }

    /// The block of `year` named `name`, if the database has it.
    fn block_named(&self, year: i32, name: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row(
                "SELECT id FROM blocks WHERE year = ?1 AND lower(name) = lower(?2)",
                params![year, name],
                |r| r.get(0),
            )
            .optional()?)
    }

    fn plan_record(&self, rec: &Record, year: i32) -> Result<Planned> {
        let ready = |description: String| Planned {
            status: RowStatus::Ready,
            description,
            issue: None,
        };
        let present = |description: String| Planned {
            status: RowStatus::AlreadyPresent,
            description: format!("{description} (đã có)"),
            issue: None,
        };
        let error = |description: String, message: String| Planned {
            status: RowStatus::Error,
            description,
            issue: Some(message),
        };
        let id = rec.text("id");
        let table = if rec.table == "scores" {
            "block_scores"
        } else {
            rec.table
        };
        if table != "block_scores" && id.is_empty() {
            return Ok(error(String::new(), "Dòng dữ liệu thiếu mã (id).".into()));
        }
        let description = match rec.table {
            "units" => format!("Đơn vị {} ({})", rec.text("name"), rec.text("code")),
            "persons" => format!("Cá nhân {}", rec.text("full_name")),
            "households" => format!("Hộ {}", rec.text("head_name")),
            "decisions" => format!(
                "Quyết định {} ngày {}",
                rec.text("number"),
                rec.text("date")
            ),
            "awards" => format!(
                "Khen thưởng {} cho {}",
                rec.text("code"),
                rec.text("recipient_name")
            ),
            "registrations" => format!("Đăng ký {} năm {}", rec.text("code"), rec.text("year")),
            _ => format!(
                "Điểm khối {} của {}",
                rec.text("block"),
                rec.text("unit_code")
            ),
        };
        if table == "block_scores" {
            let unit = rec.text("unit_id");
            let taken = match self.block_named(year, &rec.text("block"))? {
                Some(block) => self
                    .conn
                    .query_row(
                        "SELECT 1 FROM block_scores WHERE block_id = ?1 AND unit_id = ?2",
                        [&block, &unit],
                        |_| Ok(()),
                    )
                    .optional()?
                    .is_some(),
                None => false,
            };
            return Ok(if taken {
                present(description)
            } else {
                ready(description)
            });
        }
        if self.exists(table, &id)? {
            return Ok(present(description));
        }
        match rec.table {
            "units" => {
                let other: Option<String> = self
                    .conn
                    .query_row(
                        "SELECT name FROM units WHERE lower(code) = lower(?1)",
                        [rec.text("code")],
                        |r| r.get(0),
                    )
                    .optional()?;
                if let Some(other) = other {
                    return Ok(error(
                        description,
                        format!(
                            "Mã đơn vị \"{}\" đã dùng cho đơn vị \"{other}\"; hãy đổi mã một trong hai rồi nhập lại.",
                            rec.text("code")
                        ),
                    ));
                }
            }
            "decisions" => {
                let other: Option<String> = self
                    .conn
                    .query_row(
                        "SELECT id FROM decisions WHERE lower(number) = lower(?1) AND decision_date = ?2",
                        [rec.text("number"), rec.text("date")],
                        |r| r.get(0),
                    )
                    .optional()?;
                if other.is_some() {
                    return Ok(error(
                        description.clone(),
                        format!(
                            "{description} đã có trong dữ liệu nhưng là một bản ghi khác (nhập tay hoặc từ tệp khác); không nhập trùng."
                        ),
                    ));
                }
            }
            "registrations" => {
                if let Some((_, subject)) = rec.subject() {
                    let same: Option<()> = self
                        .conn
                        .query_row(
                            "SELECT 1 FROM registrations WHERE year = ?1 AND code = ?2
                             AND ?3 IN (coalesce(person_id, ''), coalesce(unit_id, ''), coalesce(household_id, ''))",
                            params![rec.num("year").map(|y| y as i64), rec.text("code"), subject],
                            |_| Ok(()),
                        )
                        .optional()?;
                    if same.is_some() {
                        return Ok(present(description));
                    }
                }
            }
            _ => {}
        }
        Ok(ready(description))
    }

    /// Writes the record of `row` (read again from the file on the first row).
    pub(super) fn commit_rollup_row(
        &mut self,
        preview: &ImportPreview,
        row: &PreviewRow,
        import_id: &str,
        loaded: &mut Option<Rollup>,
        summary: &mut ImportSummary,
    ) -> Result<()> {
        let rollup = match loaded {
            Some(rollup) => rollup,
            None => loaded.insert(Self::reread(preview)?),
        };
        let rec = rollup
            .records
            .iter()
            .find(|r| r.sheet == row.sheet && r.row == row.row)
            .ok_or_else(|| Error::not_found(format!("dòng {} của tệp", row.row)))?
            .clone();
        let (year, period_to) = (rollup.year, rollup.period_to.clone());
        let t = now();
        let unit_or_none = |s: &Store, id: Option<String>| -> Result<Option<String>> {
            Ok(match id {
                Some(id) if s.exists("units", &id)? => Some(id),
                _ => None,
            })
        };
        match rec.table {
            "units" => {
                let active = rec.text("status") == "active";
                let (code, name) = (rec.text("code"), rec.text("name"));
                self.conn.execute(
                    "INSERT INTO units (id, code, name, search_key, kind, status, ended_on, note,
                         created_at, updated_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)",
                    params![
                        rec.text("id"),
                        code,
                        name,
                        search_key(&format!("{code} {name}")),
                        rec.text("kind"),
                        // The file does not say into which unit a unit merged: it is kept
                        // as ended at the end of the period, which is what the counts need.
                        if active { "active" } else { "dissolved" },
                        (!active).then_some(&period_to),
                        format!("Nhập từ báo cáo tổng hợp {}", preview.file_name),
                        t
                    ],
                )?;
                summary.created_units.push(rec.text("id"));
                summary.imported.units += 1;
                if let (Some(block), Some(role)) = (rec.opt("block_id"), rec.opt("role")) {
                    let block = self.rollup_block(&block, &rec.text("block"), year, summary)?;
                    self.rollup_member(&block, &rec.text("id"), &role, year)?;
                }
            }
            "persons" => {
                let name = rec.text("full_name");
                let unit = unit_or_none(self, rec.opt("unit_id"))?;
                self.conn.execute(
                    "INSERT INTO persons (id, full_name, name_key, search_key, gender, birth_year,
                         unit_id, position, position_category, import_id, created_at, updated_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11)",
                    params![
                        rec.text("id"),
                        name,
                        name_key(&name),
                        search_key(&name),
                        rec.opt("gender"),
                        rec.num("birth_year").map(|y| y as i64),
                        unit,
                        rec.text("position"),
                        rec.opt("position_category")
                            .unwrap_or_else(|| "truc_tiep".into()),
                        import_id,
                        t
                    ],
                )?;
                summary.imported.persons += 1;
                summary.new_persons.push(name);
            }
            "households" => {
                let name = rec.text("head_name");
                let unit = unit_or_none(self, rec.opt("unit_id"))?;
                self.conn.execute(
                    "INSERT INTO households (id, head_name, name_key, search_key, unit_id, address,
                         import_id, created_at, updated_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
                    params![
                        rec.text("id"),
                        name,
                        name_key(&name),
                        search_key(&name),
                        unit,
                        rec.text("address"),
                        import_id,
                        t
                    ],
                )?;
                summary.imported.households += 1;
            }
            "decisions" => {
                // Movements travel in no table of the roll-up: kept only when known here.
                let movement = match rec.opt("movement_id") {
                    Some(m) if self.exists("movements", &m)? => Some(m),
                    _ => None,
                };
                let note = format!("Nhập từ báo cáo tổng hợp {}", preview.file_name);
                let (number, authority) = (rec.text("number"), rec.text("authority"));
                self.conn.execute(
                    "INSERT INTO decisions (id, number, decision_date, level, authority, signer_name,
                         signer_title, award_type, movement_id, year, note, search_key, import_id,
                         created_at, updated_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?14)",
                    params![
                        rec.text("id"),
                        number,
                        rec.text("date"),
                        rec.text("level"),
                        authority,
                        rec.text("signer_name"),
                        rec.text("signer_title"),
                        rec.text("award_type"),
                        movement,
                        rec.num("year").map(|y| y as i64),
                        note,
                        search_key(&format!("{number} {authority} {note}")),
                        import_id,
                        t
                    ],
                )?;
                summary.imported.decisions += 1;
            }
            "awards" => {
                self.conn.execute(
                    "INSERT INTO awards (id, decision_id, person_id, unit_id, household_id, code,
                         achievement, direct_worker, position, unit_name, amount, amount_manual,
                         import_id, created_at, updated_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, 1, ?12, ?13, ?13)",
                    params![
                        rec.text("id"),
                        rec.text("decision_id"),
                        rec.opt("person_id"),
                        rec.opt("unit_id"),
                        rec.opt("household_id"),
                        rec.text("code"),
                        rec.text("achievement"),
                        rec.flag("direct_worker"),
                        rec.text("position"),
                        rec.text("unit_name"),
                        // As decided above: never recomputed from today's rules.
                        rec.num("amount").unwrap_or(0.0).round() as i64,
                        import_id,
                        t
                    ],
                )?;
                summary.imported.awards += 1;
            }
            "registrations" => {
                self.conn.execute(
                    "INSERT INTO registrations (id, year, person_id, unit_id, household_id, code,
                         targets, registered_on, import_id, created_at, updated_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)",
                    params![
                        rec.text("id"),
                        rec.num("year").map(|y| y as i64),
                        rec.opt("person_id"),
                        rec.opt("unit_id"),
                        rec.opt("household_id"),
                        rec.text("code"),
                        rec.text("targets"),
                        rec.opt("registered_on"),
                        import_id,
                        t
                    ],
                )?;
                summary.imported.registrations += 1;
            }
            _ => {
                let block =
                    self.rollup_block(&rec.text("block_id"), &rec.text("block"), year, summary)?;
                let unit = rec.text("unit_id");
                self.rollup_member(&block, &unit, &rec.text("role"), year)?;
                self.conn.execute(
                    "INSERT INTO block_scores (block_id, unit_id, self_score, block_score,
                         council_score, proposal, import_id, updated_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                    params![
                        block,
                        unit,
                        rec.num("self_score"),
                        rec.num("block_score"),
                        rec.num("council_score"),
                        rec.text("proposal"),
                        import_id,
                        t
                    ],
                )?;
                summary.imported.block_scores += 1;
            }
        }
        Ok(())
    }

    /// The roll-up the preview was made from, refused if the file changed since.
    fn reread(preview: &ImportPreview) -> Result<Rollup> {
        let path = Path::new(&preview.file_path);
        let workbook = reader::read_workbook(path)?;
        Rollup::read(path, &workbook)?
            .filter(|r| r.hash == preview.file_hash)
            .ok_or_else(|| {
                Error::invalid(
                    "file",
                    format!(
                        "Tệp \"{}\" đã thay đổi sau khi xem trước; hãy xem trước lại rồi nhập.",
                        preview.file_name
                    ),
                )
            })
    }

    /// The block of the year by name; created (with the file's id when free) if missing.
    fn rollup_block(
        &mut self,
        file_id: &str,
        name: &str,
        year: i32,
        summary: &mut ImportSummary,
    ) -> Result<String> {
        if let Some(id) = self.block_named(year, name)? {
            return Ok(id);
        }
        let id = if file_id.is_empty() || self.exists("blocks", file_id)? {
            new_id()
        } else {
            file_id.to_string()
        };
        self.conn.execute(
            "INSERT INTO blocks (id, year, name, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?4)",
            params![id, year, name, now()],
        )?;
        summary.created_blocks.push(id.clone());
        Ok(id)
    }

    /// Puts the unit in the block, unless it already competes in a block that year (or the
    /// block has its Trưởng khối): the clerk's arrangement here wins over the file's.
    fn rollup_member(&mut self, block: &str, unit: &str, role: &str, year: i32) -> Result<()> {
        self.conn.execute(
            "INSERT OR IGNORE INTO block_members (block_id, unit_id, year, role)
             VALUES (?1, ?2, ?3, ?4)",
            params![block, unit, year, role],
        )?;
        Ok(())
    }
}

fn preview_row(rec: &Record, planned: Planned) -> PreviewRow {
    let subject = match planned.status {
        RowStatus::AlreadyPresent => SubjectPlan::Existing {
            id: rec.text("id"),
            label: planned.description.clone(),
        },
        _ => SubjectPlan::New,
    };
    let issues = planned
        .issue
        .map(|message| Issue {
            severity: Severity::Error,
            sheet: Some(rec.sheet.clone()),
            row: Some(rec.row),
            column: None,
            message,
        })
        .into_iter()
        .collect();
    PreviewRow {
        sheet: rec.sheet.clone(),
        row: rec.row,
        status: planned.status,
        description: planned.description,
        recipient_kind: rec
            .subject()
            .map(|(k, _)| k)
            .filter(|_| matches!(rec.table, "awards" | "registrations")),
        name: ["recipient_name", "full_name", "head_name", "name"]
            .iter()
            .map(|c| rec.text(c))
            .find(|n| !n.is_empty())
            .unwrap_or_default(),
        position: rec.text("position"),
        unit_name: rec.text("unit_name"),
        birth_year: rec.num("birth_year").map(|y| y as i32),
        place: if rec.table == "units" {
            rec.text("code")
        } else {
            String::new()
        },
        codes: rec
            .opt("code")
            .filter(|_| matches!(rec.table, "awards" | "registrations"))
            .into_iter()
            .collect(),
        subject,
        decision: None,
        achievement: rec.text("achievement"),
        direct_worker: rec.num("direct_worker").is_some_and(|v| v != 0.0),
        targets: rec.text("targets"),
        registered_on: rec.opt("registered_on"),
        amount: rec.num("amount").map(|a| a.round() as i64),
        score: None,
        issues,
    }
}
