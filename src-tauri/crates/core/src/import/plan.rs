//! The preview: from a file and the options, what would be written, row by row. Reads the
//! database (to match people, units, decisions) and never writes to it.

use super::headers::Field;
use super::reader::{self, column_letter, Cell};
use super::table::{self, DataRow, Table};
use super::values::{
    award_type_of, decision_level_of, flag_of, household_head, kind_from_name, level_of,
    parse_date_cell, parse_date_text, parse_number, resolve_code, subject_kind_of, title_info,
    CodeMatch, TitleInfo,
};
use super::{
    Candidate, ImportCounts, ImportKind, ImportOptions, ImportPreview, Issue, PlannedDecision,
    PlannedScore, PreviewRow, RowOverride, RowStatus, Severity, SubjectPlan, TableFound,
};
use crate::decisions::{AwardType, DecisionLevel};
use crate::error::{Error, Result};
use crate::rules::CatalogItem;
use crate::store::Store;
use crate::subjects::RecipientKind;
use crate::text::{clean, name_key, search_key};
use crate::units::{Unit, UnitQuery};
use rusqlite::OptionalExtension;
use std::collections::{HashMap, HashSet};
use std::path::Path;

/// Rows above which the names on file are read at once rather than asked about row by row.
const LONG_LIST: usize = 500;

fn issue(
    severity: Severity,
    sheet: &str,
    row: u32,
    column: Option<usize>,
    message: impl Into<String>,
) -> Issue {
    Issue {
        severity,
        sheet: Some(sheet.to_string()),
        row: Some(row),
        column: column.map(column_letter),
        message: message.into(),
    }
}

/// Words shared by a key and a title line, for "which unit or block does the title name".
fn key_words(s: &str) -> String {
    search_key(s)
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

impl Store {
    /// Reads `path` and says what importing it would write; writes nothing. A file that is
    /// not a readable spreadsheet, or holds no recognisable table, is refused with an error.
    pub fn preview_import(&self, path: &Path, options: &ImportOptions) -> Result<ImportPreview> {
        let mut workbook = reader::read_workbook(path)?;
        if let Some(mut preview) = self.preview_rollup(path, &workbook, options)? {
            warn_already_imported(&mut preview);
            return Ok(preview);
        }
        let mut tables = Vec::new();
        for grid in &mut workbook.sheets {
            let converted = table::normalise(grid);
            if let Some(mut t) = table::find_table(grid, &options.column_overrides) {
                t.converted = converted;
                tables.push(t);
            }
        }
        // The tables hold what they need of the cells; a long list's grid goes now.
        let file_name = workbook.file_name.clone();
        let file_hash = workbook.hash.clone();
        drop(workbook);
        if tables.is_empty() {
            return Err(Error::invalid(
                "file",
                format!(
                    "Không tìm thấy bảng dữ liệu trong tệp \"{}\": cần một dòng tiêu đề cột có \"Họ và tên\" (hoặc \"Tên tập thể\", \"Đơn vị\") và \"Danh hiệu\" / \"Hình thức khen thưởng\". Hãy kiểm tra tệp hoặc chọn cột bằng tay.",
                    file_name
                ),
            ));
        }
        let titles: Vec<String> = tables.iter().flat_map(|t| t.title_lines.clone()).collect();
        let info = title_info(&titles);
        let (kind, kind_detected) = match options.kind {
            Some(k) => (k, false),
            None => (detect_kind(&tables, &titles), true),
        };
        let mut preview = ImportPreview {
            file_name,
            file_path: path.display().to_string(),
            file_hash: file_hash.clone(),
            kind,
            kind_detected,
            already_imported: self.import_by_hash(&file_hash)?,
            tables: tables
                .iter()
                .map(|t| TableFound {
                    sheet: t.sheet.clone(),
                    header_rows: t.header_rows.clone(),
                    columns: t.columns.clone(),
                    converted_from: t.converted.clone(),
                    skipped_rows: t.skipped.clone(),
                })
                .collect(),
            year: options.year.or(info.year),
            unit_id: None,
            unit_name: None,
            decisions: Vec::new(),
            rows: Vec::new(),
            issues: Vec::new(),
            counts: ImportCounts::default(),
            options: options.clone(),
        };
        let unit =
            match options
                .unit
                .as_deref()
                .map(str::trim)
                .filter(|u| !u.is_empty())
            {
                Some(u) => Some(self.unit_named(u)?.ok_or_else(|| {
                    Error::not_found(format!("đơn vị \"{u}\" (theo mã hoặc tên)"))
                })?),
                None => self.unit_in_titles(&titles)?,
            };
        preview.unit_id = unit.as_ref().map(|u| u.id.clone());
        preview.unit_name = unit.as_ref().map(|u| u.name.clone());
        let mut planner = Planner {
            store: self,
            catalog: self.catalog()?,
            preview,
            info,
            title_lines: titles,
            new_places: HashSet::new(),
            seen: HashSet::new(),
            known_names: None,
            codes: HashMap::new(),
        };
        if tables.iter().map(|t| t.rows.len()).sum::<usize>() > LONG_LIST {
            let mut stmt = self
                .conn
                .prepare("SELECT DISTINCT name_key FROM persons WHERE merged_into IS NULL")?;
            let keys = stmt.query_map([], |r| r.get::<_, String>(0))?;
            planner.known_names = Some(keys.collect::<rusqlite::Result<_>>()?);
        }
        for t in &tables {
            for row in &t.rows {
                planner.plan_row(t, row)?;
            }
        }
        let new_places = planner.new_places.len() as u32;
        let mut preview = planner.preview;
        preview.counts = count(&preview);
        preview.counts.units += new_places;
        let row_issues: Vec<Issue> = preview.rows.iter().flat_map(|r| r.issues.clone()).collect();
        preview.issues.extend(row_issues);
        warn_already_imported(&mut preview);
        Ok(preview)
    }

    /// A unit by code, or by its name without diacritics.
    pub(crate) fn unit_named(&self, text: &str) -> Result<Option<Unit>> {
        match self.unit_by_code(text) {
            Ok(u) => return Ok(Some(u)),
            Err(Error::NotFound { .. }) => {}
            Err(e) => return Err(e),
        }
        let wanted = key_words(text);
        let mut found: Vec<Unit> = self
            .units(&UnitQuery {
                search: Some(text.to_string()),
                include_inactive: true,
            })?
            .into_iter()
            .filter(|u| key_words(&u.name) == wanted)
            .collect();
        // A merged unit's name may live on in its successor; prefer the active one.
        found.sort_by_key(|u| u.merged_into.is_some());
        Ok(found.into_iter().next())
    }

    /// The unit a title block names ("TRƯỜNG THCS HỒNG KỲ"), if it is one of ours.
    fn unit_in_titles(&self, titles: &[String]) -> Result<Option<Unit>> {
        let lines: Vec<String> = titles.iter().map(|t| key_words(t)).collect();
        Ok(self
            .units(&UnitQuery::default())?
            .into_iter()
            .find(|u| lines.iter().any(|l| *l == key_words(&u.name))))
    }

    pub(crate) fn import_by_hash(&self, hash: &str) -> Result<Option<super::ImportRecord>> {
        let id: Option<String> = self
            .conn
            .query_row(
                "SELECT id FROM imports WHERE file_hash = ?1 AND undone_at IS NULL
                 ORDER BY imported_at DESC LIMIT 1",
                [hash],
                |r| r.get(0),
            )
            .optional()?;
        id.map(|id| self.import(&id)).transpose()
    }
}

/// Says first that committing this file again would add nothing.
fn warn_already_imported(preview: &mut ImportPreview) {
    if let Some(previous) = &preview.already_imported {
        preview.issues.insert(
            0,
            Issue {
                severity: Severity::Warning,
                sheet: None,
                row: None,
                column: None,
                message: format!(
                    "Tệp này đã được nhập lúc {} (mã lần nhập {}). Nhập lại sẽ không thêm gì.",
                    super::when(&previous.imported_at),
                    previous.id
                ),
            },
        );
    }
}

/// A year of birth from "1985", a date of birth, or an Excel date.
fn birth_year(cell: &Cell) -> Option<i32> {
    use chrono::Datelike;
    match parse_number(cell) {
        Some(y) if (1900.0..=2100.0).contains(&y) => Some(y as i32),
        _ => parse_date_cell(cell).map(|d| d.year()),
    }
}

fn detect_kind(tables: &[Table], titles: &[String]) -> ImportKind {
    let fields: HashSet<Field> = tables
        .iter()
        .flat_map(|t| t.columns.iter().filter_map(|c| c.field))
        .collect();
    let headers = key_words(
        &tables
            .iter()
            .flat_map(|t| t.columns.iter().map(|c| c.header.clone()))
            .collect::<Vec<_>>()
            .join(" "),
    );
    let title = key_words(&titles.join(" "));
    if fields.contains(&Field::SelfScore)
        || fields.contains(&Field::BlockScore)
        || fields.contains(&Field::Criterion)
        || title.contains("cham diem")
    {
        ImportKind::BlockScores
    } else if title.contains("dang ky") || headers.contains("dang ky") {
        ImportKind::Registrations
    } else if !fields.contains(&Field::Title)
        && !fields.contains(&Field::Form)
        && !fields.contains(&Field::Award)
        && fields.contains(&Field::UnitCode)
    {
        ImportKind::Units
    } else {
        ImportKind::Awards
    }
}

fn count(p: &ImportPreview) -> ImportCounts {
    let mut c = ImportCounts::default();
    let ready = p.rows.iter().filter(|r| r.status == RowStatus::Ready);
    let mut new_subjects = HashSet::new();
    let mut used_decisions = HashSet::new();
    for r in ready {
        let n = r.codes.len() as u32;
        match p.kind {
            ImportKind::Awards => {
                c.awards += n;
                if let Some(d) = r.decision {
                    used_decisions.insert(d);
                }
            }
            ImportKind::Registrations => c.registrations += n,
            ImportKind::BlockScores => c.block_scores += 1,
            // A roll-up is planned and counted by `rollup`, never by rows of a table.
            ImportKind::Units | ImportKind::Rollup => {}
        }
        if r.subject == SubjectPlan::New
            && new_subjects.insert((r.recipient_kind, name_key(&r.name), key_words(&r.place)))
        {
            match r.recipient_kind {
                Some(RecipientKind::CaNhan) => c.persons += 1,
                Some(RecipientKind::HoGiaDinh) => c.households += 1,
                _ => c.units += 1,
            }
        }
    }
    c.decisions = used_decisions
        .iter()
        .filter(|d| {
            p.decisions
                .get(**d)
                .is_some_and(|d| d.existing_id.is_none())
        })
        .count() as u32;
    c
}

struct Planner<'a> {
    store: &'a Store,
    catalog: Vec<CatalogItem>,
    preview: ImportPreview,
    info: TitleInfo,
    title_lines: Vec<String>,
    /// Thôn of households that are not in the database yet: the commit adds them.
    new_places: HashSet<String>,
    /// (recipient, code) pairs already planned, so a name listed twice is caught.
    seen: HashSet<(String, String)>,
    /// For a long list, the name keys of everyone on file, read in one query: most rows of
    /// such a list are new people, and asking the database about each cost more than the
    /// rest of the preview.
    known_names: Option<HashSet<String>>,
    /// Titles as written, read once: a list of thousands repeats a handful of spellings.
    codes: HashMap<(String, Option<DecisionLevel>), std::result::Result<CodeMatch, String>>,
}

impl Planner<'_> {
    fn row_override(&self, sheet: &str, row: u32) -> Option<&RowOverride> {
        self.preview
            .options
            .row_overrides
            .iter()
            .find(|o| o.sheet == sheet && o.row == row)
    }

    fn plan_row(&mut self, table: &Table, data: &DataRow) -> Result<()> {
        let sheet = table.sheet.as_str();
        let mut data = data.clone();
        let over = self.row_override(sheet, data.row).cloned();
        if let Some(o) = &over {
            for v in &o.values {
                data.cells.retain(|(f, _, _)| *f != v.field);
                data.cells
                    .push((v.field, usize::MAX, Cell::Text(clean(&v.value))));
            }
        }
        let col = |c: usize| (c != usize::MAX).then_some(c);
        let name = data.text(Field::Name).unwrap_or_default();
        let mut row = PreviewRow {
            sheet: sheet.to_string(),
            row: data.row,
            status: RowStatus::Ready,
            description: String::new(),
            recipient_kind: None,
            name: name.clone(),
            position: data
                .text(Field::PositionUnit)
                .or_else(|| data.text(Field::Position))
                .unwrap_or_default(),
            unit_name: data.text(Field::Unit).unwrap_or_default(),
            birth_year: data.get(Field::BirthYear).and_then(|(_, c)| birth_year(c)),
            place: String::new(),
            codes: Vec::new(),
            subject: SubjectPlan::New,
            decision: None,
            achievement: data.text(Field::Achievement).unwrap_or_default(),
            direct_worker: false,
            targets: data.text(Field::Targets).unwrap_or_default(),
            registered_on: None,
            amount: None,
            score: None,
            issues: Vec::new(),
        };
        if over.as_ref().is_some_and(|o| o.skip) {
            row.status = RowStatus::Skipped;
            row.description = format!("Bỏ qua theo lựa chọn: {name}");
            self.preview.rows.push(row);
            return Ok(());
        }
        match self.preview.kind {
            ImportKind::Awards | ImportKind::Registrations => {
                self.plan_award_or_registration(&data, &mut row, over.as_ref(), &col)?
            }
            ImportKind::BlockScores => self.plan_score(&data, &mut row)?,
            ImportKind::Units => self.plan_unit(&data, &mut row)?,
            // Never reached: `preview_rollup` takes every roll-up before tables are looked for.
            ImportKind::Rollup => {}
        }
        if row.issues.iter().any(|i| i.severity == Severity::Error) {
            row.status = RowStatus::Error;
        }
        self.preview.rows.push(row);
        Ok(())
    }

    fn err(row: &mut PreviewRow, column: Option<usize>, message: impl Into<String>) {
        let i = issue(Severity::Error, &row.sheet, row.row, column, message);
        row.issues.push(i);
    }

    fn warn(row: &mut PreviewRow, column: Option<usize>, message: impl Into<String>) {
        let i = issue(Severity::Warning, &row.sheet, row.row, column, message);
        row.issues.push(i);
    }

    /// The decision of a row: its own columns, else the options, else the title.
    fn decision_for(&mut self, data: &DataRow, row: &mut PreviewRow) -> Result<Option<usize>> {
        let o = &self.preview.options;
        let number = data
            .text(Field::DecisionNumber)
            .or_else(|| o.decision_number.clone().map(|n| clean(&n)))
            .or_else(|| self.info.decision_number.clone());
        let date_cell = data.get(Field::DecisionDate);
        let date = match date_cell {
            Some((c, cell)) => match parse_date_cell(cell) {
                Some(d) => Some(d),
                None => {
                    Self::err(
                        row,
                        Some(c),
                        format!(
                            "Ngày quyết định \"{}\" không đọc được. Nhập theo dạng dd/mm/yyyy.",
                            cell.text()
                        ),
                    );
                    return Ok(None);
                }
            },
            None => match o.decision_date.as_deref() {
                Some(d) => Some(parse_date_text(d).ok_or_else(|| {
                    Error::invalid(
                        "decision_date",
                        format!("Ngày quyết định \"{d}\" không hợp lệ. Nhập theo dạng dd/mm/yyyy."),
                    )
                })?),
                None => self.info.decision_date,
            },
        };
        let (Some(number), Some(date)) = (number, date) else {
            Self::err(
                row,
                None,
                "Không rõ số và ngày quyết định: tệp không có cột \"Số QĐ\", \"Ngày quyết định\" và tiêu đề không ghi \"Kèm theo Quyết định số … ngày …\". Hãy nhập số và ngày quyết định (dòng lệnh: --decision-number, --decision-date).",
            );
            return Ok(None);
        };
        let iso = date.format("%Y-%m-%d").to_string();
        if let Some(i) = self
            .preview
            .decisions
            .iter()
            .position(|d| d.number.to_lowercase() == number.to_lowercase() && d.date == iso)
        {
            return Ok(Some(i));
        }
        let authority = self.info.authority.clone().unwrap_or_default();
        // The row's own "Cấp quyết định" column wins over the title's authority.
        let level = match self.read_choice(data, row, Field::DecisionLevel, decision_level_of) {
            Some(l) => l,
            None => match level_of(&authority) {
                Some(l) => l,
                None => self.office_level()?,
            },
        };
        let award_type = self
            .read_choice(data, row, Field::AwardType, award_type_of)
            .unwrap_or(AwardType::CongTrang);
        let existing_id: Option<String> = self
            .store
            .conn
            .query_row(
                "SELECT id FROM decisions WHERE lower(number) = lower(?1) AND decision_date = ?2",
                [&number, &iso],
                |r| r.get(0),
            )
            .optional()?;
        if existing_id.is_some() {
            self.preview.issues.push(Issue {
                severity: Severity::Warning,
                sheet: None,
                row: None,
                column: None,
                message: format!(
                    "Quyết định số {number} ngày {} đã có trong sổ: khen thưởng được thêm vào quyết định đó.",
                    date.format("%d/%m/%Y")
                ),
            });
        }
        use chrono::Datelike;
        self.preview.decisions.push(PlannedDecision {
            number,
            date: iso,
            level,
            authority,
            award_type,
            year: self.preview.year.unwrap_or(date.year()),
            existing_id,
        });
        Ok(Some(self.preview.decisions.len() - 1))
    }

    /// A pick-list column (Cấp quyết định, Loại hình, Đối tượng): its value, or an error on
    /// the cell when it is not one of the choices; `None` when the row leaves it empty.
    fn read_choice<T>(
        &self,
        data: &DataRow,
        row: &mut PreviewRow,
        field: Field,
        parse: fn(&str) -> Option<T>,
    ) -> Option<T> {
        let (c, cell) = data.get(field)?;
        let text = cell.text();
        let value = parse(&text);
        if value.is_none() {
            Self::err(
                row,
                (c != usize::MAX).then_some(c),
                format!(
                    "\"{}\" không phải là giá trị hợp lệ của cột \"{}\". Hãy chọn trong danh sách.",
                    text.trim(),
                    field.label()
                ),
            );
        }
        value
    }

    /// Without an authority in the title, a decision is taken to be the office's own.
    fn office_level(&self) -> Result<DecisionLevel> {
        use crate::profile::OfficeLevel;
        Ok(match self.store.profile()?.map(|p| p.level) {
            Some(OfficeLevel::Huyen) => DecisionLevel::Huyen,
            Some(OfficeLevel::Tinh) => DecisionLevel::BoTinh,
            Some(OfficeLevel::CoQuan) => DecisionLevel::CoQuan,
            _ => DecisionLevel::Xa,
        })
    }

    fn plan_award_or_registration(
        &mut self,
        data: &DataRow,
        row: &mut PreviewRow,
        over: Option<&RowOverride>,
        col: &dyn Fn(usize) -> Option<usize>,
    ) -> Result<()> {
        let awards = self.preview.kind == ImportKind::Awards;
        if awards {
            row.decision = self.decision_for(data, row)?;
        } else if self.preview.year.is_none() {
            Self::err(
                row,
                None,
                "Không rõ năm đăng ký: tiêu đề không ghi \"năm …\". Hãy chọn năm.",
            );
        }
        let level = row
            .decision
            .and_then(|d| self.preview.decisions.get(d))
            .map(|d| d.level);
        let mut items: Vec<&CatalogItem> = Vec::new();
        let code_cells: Vec<(usize, Cell)> = [Field::Title, Field::Form, Field::Award]
            .iter()
            .flat_map(|f| data.all(*f).map(|(c, cell)| (c, cell.clone())))
            .collect();
        for (c, cell) in &code_cells {
            let text = cell.text();
            let resolved = match self.codes.get(&(text.clone(), level)) {
                Some(r) => r.clone(),
                None => {
                    let r = resolve_code(&text, &self.catalog, level);
                    self.codes.insert((text, level), r.clone());
                    r
                }
            };
            match resolved {
                Ok(m) => {
                    if let Some(note) = m.note {
                        Self::warn(row, col(*c), note);
                    }
                    if let Some(item) = self.catalog.iter().find(|i| i.code == m.code) {
                        if !items.iter().any(|i| i.code == item.code) {
                            items.push(item);
                        }
                    }
                }
                Err(message) => Self::err(row, col(*c), message),
            }
        }
        if code_cells.is_empty() {
            // A list under "… ĐẠT DANH HIỆU GIA ĐÌNH VĂN HÓA" names the title once, above.
            let from_title = self
                .title_lines
                .iter()
                .find_map(|t| resolve_code(t, &self.catalog, level).ok());
            match from_title.and_then(|m| self.catalog.iter().find(|i| i.code == m.code)) {
                Some(item) => items.push(item),
                None => Self::err(
                    row,
                    None,
                    "Dòng không có danh hiệu hay hình thức khen thưởng.",
                ),
            }
        }
        // Who: the section says it, else the name, else what the titles are for.
        let by_name = kind_from_name(&row.name);
        let by_codes = items
            .iter()
            .map(|i| i.subject.as_str())
            .find(|s| *s != "any")
            .and_then(|s| RecipientKind::parse(s).ok());
        let stated = self.read_choice(data, row, Field::SubjectKind, subject_kind_of);
        let kind = stated
            .or(data.section)
            .or(by_name)
            .or(by_codes)
            .or(data.get(Field::Village).map(|_| RecipientKind::HoGiaDinh))
            .unwrap_or(RecipientKind::CaNhan);
        if let (None, Some(section), Some(named)) = (stated, data.section, by_name) {
            if section != named && named != RecipientKind::HoGiaDinh {
                Self::warn(
                    row,
                    None,
                    format!(
                        "\"{}\" nằm ở mục {} nhưng tên giống {}; nhập theo mục.",
                        row.name,
                        section.label().to_lowercase(),
                        named.label().to_lowercase()
                    ),
                );
            }
        }
        row.recipient_kind = Some(kind);
        for item in &items {
            if !item.fits(kind) {
                Self::err(
                    row,
                    None,
                    format!(
                        "\"{}\" không dành cho đối tượng {}.",
                        item.name,
                        kind.label().to_lowercase()
                    ),
                );
            }
        }
        row.codes = items.iter().map(|i| i.code.clone()).collect();
        if kind == RecipientKind::HoGiaDinh {
            row.name = household_head(&row.name);
            row.place = data.text(Field::Village).unwrap_or_default();
            if !row.place.is_empty()
                && self.store.unit_named(&row.place)?.is_none()
                && self.new_places.insert(key_words(&row.place))
            {
                Self::warn(
                    row,
                    data.get(Field::Village).map(|(c, _)| c),
                    format!(
                        "\"{}\" chưa có trong danh sách đơn vị; sẽ được thêm khi nhập.",
                        row.place
                    ),
                );
            }
        }
        if let Some((c, cell)) = data.get(Field::DirectWorker) {
            match flag_of(cell) {
                Some(f) => row.direct_worker = f,
                None => Self::err(
                    row,
                    col(c),
                    format!(
                        "Cột \"Người lao động trực tiếp\" ghi \"x\" hoặc để trống, không ghi \"{}\".",
                        cell.text()
                    ),
                ),
            }
        }
        if let Some((c, cell)) = data.get(Field::RegisteredOn) {
            match parse_date_cell(cell) {
                Some(d) => row.registered_on = Some(d.format("%Y-%m-%d").to_string()),
                None => Self::err(
                    row,
                    col(c),
                    format!(
                        "Ngày đăng ký \"{}\" không đọc được. Nhập theo dạng dd/mm/yyyy.",
                        cell.text()
                    ),
                ),
            }
        }
        if let Some((c, cell)) = data.get(Field::Amount) {
            match parse_number(cell) {
                Some(a) if a >= 0.0 => row.amount = Some(a.round() as i64),
                _ => Self::err(
                    row,
                    col(c),
                    format!("Số tiền \"{}\" không đọc được.", cell.text()),
                ),
            }
        }
        row.subject = self.subject_plan(kind, row, over)?;
        if let SubjectPlan::Candidates { candidates } = &row.subject {
            let names: Vec<String> = candidates.iter().map(|c| c.label.clone()).collect();
            Self::warn(
                row,
                None,
                format!(
                    "Có {} người/đơn vị trong sổ có thể là \"{}\": {}. Hãy chọn đúng người hoặc xác nhận là người mới; dòng này chưa được nhập.",
                    candidates.len(),
                    row.name,
                    names.join("; ")
                ),
            );
            row.status = RowStatus::NeedsConfirmation;
        }
        // The same recipient twice in the file for the same title.
        let who = format!(
            "{:?}|{}|{}",
            kind,
            name_key(&row.name),
            key_words(&row.place)
        );
        for code in row.codes.clone() {
            if !self.seen.insert((who.clone(), code)) {
                Self::warn(
                    row,
                    None,
                    format!(
                        "\"{}\" đã có ở dòng trước với cùng danh hiệu/hình thức; dòng này được bỏ qua.",
                        row.name
                    ),
                );
                row.status = RowStatus::AlreadyPresent;
            }
        }
        if let SubjectPlan::Existing { id, .. } = &row.subject {
            if self.already_present(id, row)? {
                row.status = RowStatus::AlreadyPresent;
                Self::warn(
                    row,
                    None,
                    format!(
                        "\"{}\" đã có trong sổ với nội dung này; không thêm lại.",
                        row.name
                    ),
                );
            }
        }
        row.description = self.describe(row);
        Ok(())
    }

    /// Matches the recipient against the database: one confident match is used, several are
    /// left to the clerk, none means a new record.
    fn subject_plan(
        &self,
        kind: RecipientKind,
        row: &PreviewRow,
        over: Option<&RowOverride>,
    ) -> Result<SubjectPlan> {
        if let Some(id) = over.and_then(|o| o.subject_id.clone()) {
            let label = match kind {
                RecipientKind::CaNhan => self.store.person(&id)?.full_name,
                RecipientKind::TapThe => self.store.unit(&id)?.name,
                RecipientKind::HoGiaDinh => self.store.household(&id)?.head_name,
            };
            return Ok(SubjectPlan::Existing { id, label });
        }
        if over.is_some_and(|o| o.create_new) {
            return Ok(SubjectPlan::New);
        }
        let candidates: Vec<Candidate> = match kind {
            RecipientKind::CaNhan
                if self
                    .known_names
                    .as_ref()
                    .is_some_and(|k| !k.contains(&name_key(&row.name))) =>
            {
                Vec::new()
            }
            RecipientKind::CaNhan => self
                .store
                .person_candidates(&row.name, row.birth_year, self.preview.unit_id.as_deref())?
                .into_iter()
                .map(|m| Candidate {
                    label: match &m.person.unit_name {
                        Some(u) => format!("{} ({u})", m.person.full_name),
                        None => m.person.full_name.clone(),
                    },
                    id: m.person.id,
                    reasons: m.reasons,
                })
                .collect(),
            RecipientKind::TapThe => self
                .store
                .unit_named(&row.name)?
                .into_iter()
                .map(|u| Candidate {
                    id: u.id,
                    label: u.name,
                    reasons: vec!["trùng tên đơn vị".into()],
                })
                .collect(),
            RecipientKind::HoGiaDinh => {
                let village = match row.place.is_empty() {
                    true => None,
                    false => self.store.unit_named(&row.place)?,
                };
                if !row.place.is_empty() && village.is_none() {
                    Vec::new()
                } else {
                    let key = name_key(&row.name);
                    self.store
                        .households(village.as_ref().map(|v| v.id.as_str()))?
                        .into_iter()
                        .filter(|h| name_key(&h.head_name) == key)
                        .map(|h| Candidate {
                            id: h.id,
                            label: format!(
                                "Hộ {} ({})",
                                h.head_name,
                                h.unit_name.unwrap_or_default()
                            ),
                            reasons: vec!["trùng tên chủ hộ".into()],
                        })
                        .collect()
                }
            }
        };
        Ok(match candidates.len() {
            0 => SubjectPlan::New,
            1 => {
                let c = candidates
                    .into_iter()
                    .next()
                    .ok_or_else(|| Error::not_found("ứng viên"))?;
                SubjectPlan::Existing {
                    id: c.id,
                    label: c.label,
                }
            }
            _ => SubjectPlan::Candidates { candidates },
        })
    }

    /// The registration (same year) or award (same decision) of an existing recipient is
    /// already recorded.
    fn already_present(&self, subject_id: &str, row: &PreviewRow) -> Result<bool> {
        let column = match row.recipient_kind {
            Some(RecipientKind::CaNhan) => "person_id",
            Some(RecipientKind::HoGiaDinh) => "household_id",
            _ => "unit_id",
        };
        for code in &row.codes {
            let found: Option<i64> = match self.preview.kind {
                ImportKind::Registrations => self
                    .store
                    .conn
                    .prepare_cached(
                        &format!("SELECT 1 FROM registrations WHERE {column} = ?1 AND code = ?2 AND year = ?3"))?
                    .query_row(
                        rusqlite::params![subject_id, code, self.preview.year],
                        |r| r.get(0),
                    )
                    .optional()?,
                _ => match row
                    .decision
                    .and_then(|d| self.preview.decisions.get(d))
                    .and_then(|d| d.existing_id.clone())
                {
                    Some(decision) => self
                        .store
                        .conn
                        .prepare_cached(
                            &format!("SELECT 1 FROM awards WHERE {column} = ?1 AND code = ?2 AND decision_id = ?3"))?
                        .query_row(
                            rusqlite::params![subject_id, code, decision],
                            |r| r.get(0),
                        )
                        .optional()?,
                    None => None,
                },
            };
            if found.is_some() {
                return Ok(true);
            }
        }
        Ok(false)
    }

    fn describe(&self, row: &PreviewRow) -> String {
        let names: Vec<String> = row
            .codes
            .iter()
            .filter_map(|c| self.catalog.iter().find(|i| i.code == *c))
            .map(|i| format!("\"{}\"", i.name))
            .collect();
        let kind = row
            .recipient_kind
            .map(|k| k.label().to_lowercase())
            .unwrap_or_default();
        let who = match &row.subject {
            SubjectPlan::Existing { label, .. } => format!("{kind} {label} (đã có trong sổ)"),
            SubjectPlan::New => {
                let place = if row.place.is_empty() {
                    String::new()
                } else {
                    format!(", {}", row.place)
                };
                format!("{kind} {}{place} (mới)", row.name)
            }
            SubjectPlan::Candidates { .. } => format!("{kind} {} (cần xác nhận)", row.name),
        };
        match self.preview.kind {
            ImportKind::Awards => {
                let decision = row
                    .decision
                    .and_then(|d| self.preview.decisions.get(d))
                    .map(|d| format!(" theo Quyết định số {}", d.number))
                    .unwrap_or_default();
                format!("Khen thưởng {} cho {who}{decision}", names.join(", "))
            }
            _ => format!(
                "Đăng ký {} năm {} cho {who}",
                names.join(", "),
                self.preview.year.map(|y| y.to_string()).unwrap_or_default()
            ),
        }
    }

    /// A block scoring row: the unit must be a member of the block the title names.
    fn plan_score(&mut self, data: &DataRow, row: &mut PreviewRow) -> Result<()> {
        row.recipient_kind = Some(RecipientKind::TapThe);
        let Some(year) = self.preview.year else {
            Self::err(
                row,
                None,
                "Không rõ năm chấm điểm: tiêu đề không ghi \"năm …\". Hãy chọn năm.",
            );
            return Ok(());
        };
        let blocks = self.store.blocks(year)?;
        let title = key_words(&self.title_lines.join(" "));
        // The row's "Khối thi đua" column, else the block the title names.
        let named = data.text(Field::Block).map(|b| key_words(&b));
        let block = blocks
            .iter()
            .find(|b| named.as_ref().is_some_and(|n| *n == key_words(&b.name)))
            .or_else(|| blocks.iter().find(|b| title.contains(&key_words(&b.name))))
            .or(if blocks.len() == 1 {
                blocks.first()
            } else {
                None
            });
        let Some(block) = block else {
            Self::err(
                row,
                None,
                format!("Không xác định được khối thi đua năm {year} mà bảng điểm này thuộc về. Hãy tạo khối (thidua blocks add) với tên như trong tiêu đề."),
            );
            return Ok(());
        };
        let unit = block.members.iter().find(|m| {
            key_words(&m.unit_name) == key_words(&row.name)
                || m.unit_code.to_lowercase() == row.name.to_lowercase()
        });
        let Some(unit) = unit else {
            Self::err(
                row,
                data.get(Field::Name).map(|(c, _)| c),
                format!(
                    "\"{}\" không phải thành viên của {} năm {year}.",
                    row.name, block.name
                ),
            );
            return Ok(());
        };
        row.subject = SubjectPlan::Existing {
            id: unit.unit_id.clone(),
            label: unit.unit_name.clone(),
        };
        let number = |field: Field, row: &mut PreviewRow| -> Option<f64> {
            let (c, cell) = data.get(field)?;
            let n = parse_number(cell);
            if n.is_none() {
                Self::err(
                    row,
                    Some(c),
                    format!("Điểm \"{}\" không phải là số.", cell.text()),
                );
            }
            n
        };
        let mut self_score = number(Field::SelfScore, row);
        if self_score.is_none() {
            // Formulas saved without their values (files written by programs): add up the
            // criteria columns as Excel would.
            let parts: Vec<f64> = data
                .all(Field::Criterion)
                .filter_map(|(_, c)| parse_number(c))
                .collect();
            if !parts.is_empty() {
                self_score = Some(parts.iter().sum());
                Self::warn(
                    row,
                    None,
                    "Ô tổng điểm tự chấm không có giá trị lưu; đã cộng các cột điểm tiêu chí.",
                );
            }
        }
        let block_score = number(Field::BlockScore, row);
        let council_score = number(Field::CouncilScore, row);
        row.score = Some(PlannedScore {
            block_id: block.id.clone(),
            self_score,
            block_score,
            council_score,
            proposal: data.text(Field::Proposal).unwrap_or_default(),
        });
        row.description = format!(
            "Điểm của {} trong {} năm {year}: tự chấm {}, khối chấm {}",
            unit.unit_name,
            block.name,
            self_score
                .map(|s| s.to_string())
                .unwrap_or_else(|| "—".into()),
            block_score
                .map(|s| s.to_string())
                .unwrap_or_else(|| "—".into())
        );
        Ok(())
    }

    /// A row of a list of member units.
    fn plan_unit(&mut self, data: &DataRow, row: &mut PreviewRow) -> Result<()> {
        row.recipient_kind = Some(RecipientKind::TapThe);
        row.place = data.text(Field::UnitCode).unwrap_or_default();
        let existing = match row.place.is_empty() {
            true => None,
            false => match self.store.unit_by_code(&row.place) {
                Ok(u) => Some(u),
                Err(Error::NotFound { .. }) => None,
                Err(e) => return Err(e),
            },
        };
        let existing = match existing {
            Some(u) => Some(u),
            None => self.store.unit_named(&row.name)?,
        };
        if let Some(u) = existing {
            row.status = RowStatus::AlreadyPresent;
            row.description = format!("Đơn vị {} (mã {}) đã có trong sổ", u.name, u.code);
            row.subject = SubjectPlan::Existing {
                id: u.id,
                label: u.name,
            };
        } else {
            row.description = format!("Thêm đơn vị {}", row.name);
        }
        Ok(())
    }
}
