//! Emulation movements (phong trào thi đua): who launched them, their scope, method and time
//! span, and the launching document. Decisions and exemplary models point at the movement
//! they belong to, and the yearly statistics table 0601 counts the movements run in a year.

use crate::blocks::check_year;
use crate::error::{Error, Result};
use crate::store::{new_id, now, Store, COLLATE_VI};
use crate::text::{clean, search_key};
use crate::units::{format_date_vi, parse_date};
use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Who launched the movement (cấp phát động).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum LaunchLevel {
    TrungUong,
    Tinh,
    Huyen,
    CoQuan,
    DonVi,
}

impl LaunchLevel {
    pub const ALL: [LaunchLevel; 5] = [
        Self::TrungUong,
        Self::Tinh,
        Self::Huyen,
        Self::CoQuan,
        Self::DonVi,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::TrungUong => "trung_uong",
            Self::Tinh => "tinh",
            Self::Huyen => "huyen",
            Self::CoQuan => "co_quan",
            Self::DonVi => "don_vi",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::TrungUong => "Trung ương",
            Self::Tinh => "Bộ, ngành, tỉnh",
            Self::Huyen => "Huyện (đến 30/6/2025)",
            Self::CoQuan => "Cơ quan này",
            Self::DonVi => "Đơn vị thành viên",
        }
    }

    pub fn parse(s: &str) -> Result<Self> {
        Self::ALL
            .into_iter()
            .find(|l| l.as_str() == s)
            .ok_or_else(|| {
                Error::invalid(
                    "launched_by",
                    format!(
                        "Cấp phát động \"{s}\" không hợp lệ. Chọn một trong: trung_uong, tinh, huyen, co_quan, don_vi."
                    ),
                )
            })
    }

    /// The column of biểu 0601 the movement counts in. The table has no district column:
    /// a district is a local authority below the province, so it counts with the agencies
    /// and units (column 4), as do this office and its member units.
    pub fn stat_column(self) -> LaunchColumn {
        match self {
            Self::TrungUong => LaunchColumn::TrungUong,
            Self::Tinh => LaunchColumn::BoTinh,
            Self::Huyen | Self::CoQuan | Self::DonVi => LaunchColumn::CoQuanDonVi,
        }
    }
}

/// Columns 2–4 of biểu 0601.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LaunchColumn {
    TrungUong,
    BoTinh,
    CoQuanDonVi,
}

/// Phạm vi phong trào (rows 02–05 of biểu 0601).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum MovementScope {
    ToanQuoc,
    BoNganhDiaPhuong,
    CumKhoi,
    CoQuanDonVi,
}

impl MovementScope {
    pub const ALL: [MovementScope; 4] = [
        Self::ToanQuoc,
        Self::BoNganhDiaPhuong,
        Self::CumKhoi,
        Self::CoQuanDonVi,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::ToanQuoc => "toan_quoc",
            Self::BoNganhDiaPhuong => "bo_nganh_dia_phuong",
            Self::CumKhoi => "cum_khoi",
            Self::CoQuanDonVi => "co_quan_don_vi",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::ToanQuoc => "Toàn quốc",
            Self::BoNganhDiaPhuong => "Bộ, ngành, địa phương",
            Self::CumKhoi => "Cụm, khối thi đua",
            Self::CoQuanDonVi => "Cơ quan, tổ chức, đơn vị",
        }
    }

    pub fn parse(s: &str) -> Result<Self> {
        Self::ALL
            .into_iter()
            .find(|x| x.as_str() == s)
            .ok_or_else(|| {
                Error::invalid(
                    "scope",
                    format!(
                        "Phạm vi \"{s}\" không hợp lệ. Chọn một trong: toan_quoc, bo_nganh_dia_phuong, cum_khoi, co_quan_don_vi."
                    ),
                )
            })
    }
}

/// Hình thức phong trào (rows 11–12 of biểu 0601).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum MovementMethod {
    ThuongXuyen,
    ChuyenDe,
}

impl MovementMethod {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::ThuongXuyen => "thuong_xuyen",
            Self::ChuyenDe => "chuyen_de",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::ThuongXuyen => "Thường xuyên hằng năm",
            Self::ChuyenDe => "Chuyên đề",
        }
    }

    pub fn parse(s: &str) -> Result<Self> {
        match s {
            "thuong_xuyen" => Ok(Self::ThuongXuyen),
            "chuyen_de" => Ok(Self::ChuyenDe),
            other => Err(Error::invalid(
                "method",
                format!("Hình thức phong trào \"{other}\" không hợp lệ (thuong_xuyen, chuyen_de)."),
            )),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Movement {
    pub id: String,
    pub name: String,
    pub launched_by: LaunchLevel,
    pub scope: MovementScope,
    pub method: MovementMethod,
    /// YYYY-MM-DD; None when not known (e.g. an imported list without dates).
    pub start_date: Option<String>,
    /// YYYY-MM-DD; None for a movement that goes on year after year.
    pub end_date: Option<String>,
    /// The launching document, e.g. "15/KH-UBND".
    pub doc_number: String,
    pub doc_date: Option<String>,
    pub note: String,
    pub import_id: Option<String>,
    /// Decisions and exemplary models that belong to the movement.
    pub decision_count: u32,
    pub model_count: u32,
    pub created_at: String,
    pub updated_at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct MovementInput {
    pub name: String,
    pub launched_by: LaunchLevel,
    pub scope: MovementScope,
    pub method: MovementMethod,
    /// dd/mm/yyyy or yyyy-mm-dd.
    pub start_date: Option<String>,
    pub end_date: Option<String>,
    pub doc_number: String,
    pub doc_date: Option<String>,
    pub note: String,
}

/// One row of biểu 0601: the count in total (column 1) and by launching level (2–4).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct MovementStatRow {
    /// "01" … "12", as numbered on the form.
    pub row: String,
    pub label: String,
    pub total: u32,
    pub trung_uong: u32,
    pub bo_tinh: u32,
    pub co_quan_don_vi: u32,
}

/// Biểu 0601.N "Số phong trào thi đua" for the movements run in a year (those whose time
/// span overlaps it). Rows 01 total; 02–05 by scope; 06–10 by duration; 11–12 by method.
///
/// Duration is measured from the start date to the end date inclusive, in months rounded to
/// the nearest month, so 01/01–31/12 is "1 năm": under 12 months is row 06, exactly 12 is 07,
/// 13 to 35 is 08, 36 to 59 is 09, 60 or more is 10. A movement without an end date goes on
/// year after year, so for duration it is a yearly regular movement: row 07 "1 năm".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct MovementStats {
    pub year: i32,
    pub rows: Vec<MovementStatRow>,
}

impl MovementStats {
    pub fn row(&self, row: &str) -> Option<&MovementStatRow> {
        self.rows.iter().find(|r| r.row == row)
    }
}

/// Rows 06–10 of biểu 0601.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Duration {
    UnderOneYear,
    OneYear,
    OneToThree,
    ThreeToFive,
    FiveOrMore,
}

fn duration(start: Option<&str>, end: Option<&str>) -> Duration {
    let parse = |d: &str| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok();
    let (Some(start), Some(end)) = (start.and_then(parse), end.and_then(parse)) else {
        return Duration::OneYear;
    };
    let days = (end - start).num_days() + 1;
    // 365.25 / 12 days to a month: whole years land on whole months, leap day or not.
    let months = (days as f64 / 30.4375).round() as i64;
    match months {
        ..=11 => Duration::UnderOneYear,
        12 => Duration::OneYear,
        13..=35 => Duration::OneToThree,
        36..=59 => Duration::ThreeToFive,
        _ => Duration::FiveOrMore,
    }
}

impl MovementInput {
    fn cleaned(&self) -> Result<MovementInput> {
        let name = clean(&self.name);
        if name.is_empty() {
            return Err(Error::invalid(
                "name",
                "Tên phong trào không được để trống.",
            ));
        }
        if name.chars().count() > 500 {
            return Err(Error::invalid("name", "Tên phong trào dài quá 500 ký tự."));
        }
        let date = |field, d: &Option<String>| {
            d.as_deref()
                .filter(|s| !s.trim().is_empty())
                .map(|s| parse_date(field, s))
                .transpose()
        };
        let start_date = date("start_date", &self.start_date)?;
        let end_date = date("end_date", &self.end_date)?;
        match (&start_date, &end_date) {
            (None, Some(_)) => {
                return Err(Error::invalid(
                    "start_date",
                    "Có ngày kết thúc thì phải có ngày bắt đầu phong trào.",
                ))
            }
            (Some(start), Some(end)) if end < start => {
                return Err(Error::invalid(
                    "end_date",
                    format!(
                        "Ngày kết thúc ({}) trước ngày bắt đầu ({}).",
                        format_date_vi(end),
                        format_date_vi(start)
                    ),
                ))
            }
            _ => {}
        }
        Ok(MovementInput {
            name,
            launched_by: self.launched_by,
            scope: self.scope,
            method: self.method,
            start_date,
            end_date,
            doc_number: clean(&self.doc_number),
            doc_date: date("doc_date", &self.doc_date)?,
            note: clean(&self.note),
        })
    }
}

const MOVEMENT_SELECT: &str = "SELECT m.id, m.name, m.launched_by, m.scope, m.method,
        m.start_date, m.end_date, m.doc_number, m.doc_date, m.note, m.import_id,
        (SELECT count(*) FROM decisions d WHERE d.movement_id = m.id),
        (SELECT count(*) FROM exemplary_models e WHERE e.movement_id = m.id),
        m.created_at, m.updated_at
    FROM movements m";

/// A movement with its three coded columns still as text, parsed by `finish_movement` so a
/// bad value becomes a typed error rather than a panic.
type RawMovement = (Movement, [String; 3]);

fn movement_row(r: &Row) -> rusqlite::Result<RawMovement> {
    Ok((
        Movement {
            id: r.get(0)?,
            name: r.get(1)?,
            launched_by: LaunchLevel::CoQuan,
            scope: MovementScope::CoQuanDonVi,
            method: MovementMethod::ThuongXuyen,
            start_date: r.get(5)?,
            end_date: r.get(6)?,
            doc_number: r.get(7)?,
            doc_date: r.get(8)?,
            note: r.get(9)?,
            import_id: r.get(10)?,
            decision_count: r.get(11)?,
            model_count: r.get(12)?,
            created_at: r.get(13)?,
            updated_at: r.get(14)?,
        },
        [r.get(2)?, r.get(3)?, r.get(4)?],
    ))
}

fn finish_movement((mut m, [launched_by, scope, method]): RawMovement) -> Result<Movement> {
    m.launched_by = LaunchLevel::parse(&launched_by)?;
    m.scope = MovementScope::parse(&scope)?;
    m.method = MovementMethod::parse(&method)?;
    Ok(m)
}

impl Store {
    pub fn movement(&self, id: &str) -> Result<Movement> {
        self.conn
            .query_row(
                &format!("{MOVEMENT_SELECT} WHERE m.id = ?1"),
                [id],
                movement_row,
            )
            .optional()?
            .map(finish_movement)
            .transpose()?
            .ok_or_else(|| Error::not_found(format!("phong trào có mã định danh {id}")))
    }

    /// The movements run in `year` (their time span overlaps it; a movement without dates
    /// runs every year), or all of them; in Vietnamese order of their names.
    pub fn movements(&self, year: Option<i32>) -> Result<Vec<Movement>> {
        let bounds = year
            .map(check_year)
            .transpose()?
            .map(|y| (format!("{y:04}-01-01"), format!("{y:04}-12-31")));
        let (first, last) = bounds.unzip();
        let mut stmt = self.conn.prepare(&format!(
            "{MOVEMENT_SELECT}
             WHERE ?1 IS NULL
                OR ((m.start_date IS NULL OR m.start_date <= ?2)
                    AND (m.end_date IS NULL OR m.end_date >= ?1))
             ORDER BY m.name COLLATE {COLLATE_VI}, m.start_date, m.id"
        ))?;
        let rows = stmt.query_map(params![first, last], movement_row)?;
        rows.map(|r| finish_movement(r?)).collect()
    }

    pub fn create_movement(&mut self, input: &MovementInput) -> Result<Movement> {
        self.insert_movement(input, None)
    }

    /// Adds a movement; `import_id` records the import that brought it, if any.
    pub fn insert_movement(
        &mut self,
        input: &MovementInput,
        import_id: Option<&str>,
    ) -> Result<Movement> {
        let m = input.cleaned()?;
        self.check_movement_free(&m, None)?;
        let id = new_id();
        self.conn.execute(
            "INSERT INTO movements (id, name, search_key, launched_by, scope, method, start_date,
                 end_date, doc_number, doc_date, note, import_id, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?13)",
            params![
                id,
                m.name,
                search_key(&format!("{} {}", m.name, m.doc_number)),
                m.launched_by.as_str(),
                m.scope.as_str(),
                m.method.as_str(),
                m.start_date,
                m.end_date,
                m.doc_number,
                m.doc_date,
                m.note,
                import_id,
                now()
            ],
        )?;
        self.movement(&id)
    }

    /// The same name starting on the same day is the same movement typed twice. A regular
    /// movement relaunched each year keeps its name with a new start date, which is fine.
    fn check_movement_free(&self, m: &MovementInput, except: Option<&str>) -> Result<()> {
        let mut stmt = self
            .conn
            .prepare("SELECT name FROM movements WHERE start_date IS ?1 AND id IS NOT ?2")?;
        let key = search_key(&m.name);
        let rows = stmt.query_map(params![m.start_date, except], |r| r.get::<_, String>(0))?;
        for name in rows {
            if search_key(&name?) == key {
                let since = m
                    .start_date
                    .as_deref()
                    .map(|d| format!(" bắt đầu ngày {}", format_date_vi(d)))
                    .unwrap_or_default();
                return Err(Error::duplicate(
                    "name",
                    format!("Đã có phong trào \"{}\"{since}.", m.name),
                ));
            }
        }
        Ok(())
    }

    pub fn update_movement(&mut self, id: &str, input: &MovementInput) -> Result<Movement> {
        self.movement(id)?;
        let m = input.cleaned()?;
        self.check_movement_free(&m, Some(id))?;
        self.conn.execute(
            "UPDATE movements SET name = ?2, search_key = ?3, launched_by = ?4, scope = ?5,
                 method = ?6, start_date = ?7, end_date = ?8, doc_number = ?9, doc_date = ?10,
                 note = ?11, updated_at = ?12
             WHERE id = ?1",
            params![
                id,
                m.name,
                search_key(&format!("{} {}", m.name, m.doc_number)),
                m.launched_by.as_str(),
                m.scope.as_str(),
                m.method.as_str(),
                m.start_date,
                m.end_date,
                m.doc_number,
                m.doc_date,
                m.note,
                now()
            ],
        )?;
        self.movement(id)
    }

    /// Deletes a movement nothing belongs to. One with decisions or exemplary models is
    /// refused: deleting it would cut them from the movement they were granted under.
    pub fn delete_movement(&mut self, id: &str) -> Result<()> {
        let m = self.movement(id)?;
        let mut uses = Vec::new();
        if m.decision_count > 0 {
            uses.push(format!("{} quyết định khen thưởng", m.decision_count));
        }
        if m.model_count > 0 {
            uses.push(format!("{} điển hình tiên tiến", m.model_count));
        }
        if !uses.is_empty() {
            return Err(Error::InUse {
                message: format!(
                    "Không xóa được phong trào \"{}\" vì có {} thuộc phong trào này. Hãy bỏ liên kết trước nếu thật sự muốn xóa.",
                    m.name,
                    uses.join(" và ")
                ),
            });
        }
        self.conn
            .execute("DELETE FROM movements WHERE id = ?1", [id])?;
        Ok(())
    }

    /// Biểu 0601 for the movements run in `year`; see [`MovementStats`] for how a
    /// movement's duration is placed.
    pub fn movement_stats(&self, year: i32) -> Result<MovementStats> {
        let movements = self.movements(Some(year))?;
        let mut rows: Vec<MovementStatRow> = [
            ("01", "Tổng số"),
            ("02", MovementScope::ToanQuoc.label()),
            ("03", MovementScope::BoNganhDiaPhuong.label()),
            ("04", MovementScope::CumKhoi.label()),
            ("05", MovementScope::CoQuanDonVi.label()),
            ("06", "Dưới 1 năm"),
            ("07", "1 năm"),
            ("08", "Từ 1 đến dưới 3 năm"),
            ("09", "Từ 3 đến dưới 5 năm"),
            ("10", "Từ 5 năm trở lên"),
            ("11", MovementMethod::ChuyenDe.label()),
            ("12", MovementMethod::ThuongXuyen.label()),
        ]
        .into_iter()
        .map(|(row, label)| MovementStatRow {
            row: row.to_string(),
            label: label.to_string(),
            total: 0,
            trung_uong: 0,
            bo_tinh: 0,
            co_quan_don_vi: 0,
        })
        .collect();
        for m in &movements {
            let scope_row = match m.scope {
                MovementScope::ToanQuoc => 1,
                MovementScope::BoNganhDiaPhuong => 2,
                MovementScope::CumKhoi => 3,
                MovementScope::CoQuanDonVi => 4,
            };
            let duration_row = match duration(m.start_date.as_deref(), m.end_date.as_deref()) {
                Duration::UnderOneYear => 5,
                Duration::OneYear => 6,
                Duration::OneToThree => 7,
                Duration::ThreeToFive => 8,
                Duration::FiveOrMore => 9,
            };
            let method_row = match m.method {
                MovementMethod::ChuyenDe => 10,
                MovementMethod::ThuongXuyen => 11,
            };
            for i in [0, scope_row, duration_row, method_row] {
                let row = &mut rows[i];
                row.total += 1;
                match m.launched_by.stat_column() {
                    LaunchColumn::TrungUong => row.trung_uong += 1,
                    LaunchColumn::BoTinh => row.bo_tinh += 1,
                    LaunchColumn::CoQuanDonVi => row.co_quan_don_vi += 1,
                }
            }
        }
        Ok(MovementStats { year, rows })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decisions::{AwardType, DecisionInput, DecisionLevel};

    fn input(name: &str, start: Option<&str>, end: Option<&str>) -> MovementInput {
        MovementInput {
            name: name.into(),
            launched_by: LaunchLevel::CoQuan,
            scope: MovementScope::CoQuanDonVi,
            method: MovementMethod::ChuyenDe,
            start_date: start.map(Into::into),
            end_date: end.map(Into::into),
            doc_number: String::new(),
            doc_date: None,
            note: String::new(),
        }
    }

    fn names(list: &[Movement]) -> Vec<&str> {
        list.iter().map(|m| m.name.as_str()).collect()
    }

    #[test]
    fn crud_and_the_movements_of_a_year_in_vietnamese_order() {
        let mut s = Store::open_in_memory().unwrap();
        let mut nong_thon = input(
            "  Chung sức xây dựng  nông thôn mới ",
            Some("01/01/2021"),
            None,
        );
        nong_thon.method = MovementMethod::ThuongXuyen;
        nong_thon.doc_number = "15/KH-UBND".into();
        nong_thon.doc_date = Some("05/01/2021".into());
        let a = s.create_movement(&nong_thon).unwrap();
        assert_eq!(a.name, "Chung sức xây dựng nông thôn mới");
        assert_eq!(
            (a.start_date.as_deref(), a.doc_date.as_deref()),
            (Some("2021-01-01"), Some("2021-01-05"))
        );
        s.create_movement(&input(
            "Cả nước chung tay xóa nhà tạm, nhà dột nát trong năm 2025",
            Some("2025-04-13"),
            Some("2025-10-31"),
        ))
        .unwrap();
        let van_hoa = s
            .create_movement(&input(
                "Cán bộ, công chức, viên chức thi đua thực hiện văn hóa công sở",
                Some("2019-06-01"),
                Some("2025-12-31"),
            ))
            .unwrap();

        assert_eq!(
            names(&s.movements(Some(2025)).unwrap()),
            vec![
                "Cả nước chung tay xóa nhà tạm, nhà dột nát trong năm 2025",
                "Cán bộ, công chức, viên chức thi đua thực hiện văn hóa công sở",
                "Chung sức xây dựng nông thôn mới",
            ]
        );
        assert_eq!(
            names(&s.movements(Some(2026)).unwrap()),
            vec!["Chung sức xây dựng nông thôn mới"]
        );
        assert_eq!(
            names(&s.movements(Some(2020)).unwrap()),
            vec!["Cán bộ, công chức, viên chức thi đua thực hiện văn hóa công sở"]
        );
        assert_eq!(s.movements(None).unwrap().len(), 3);

        let mut edit = input(&van_hoa.name, Some("2019-06-01"), Some("2030-12-31"));
        edit.note = "Kéo dài".into();
        let edited = s.update_movement(&van_hoa.id, &edit).unwrap();
        assert_eq!(
            (edited.end_date.as_deref(), edited.note.as_str()),
            (Some("2030-12-31"), "Kéo dài")
        );
        s.delete_movement(&van_hoa.id).unwrap();
        assert_eq!(s.movement(&van_hoa.id).unwrap_err().code(), "not_found");
    }

    #[test]
    fn dates_are_checked_and_a_movement_typed_twice_is_refused() {
        let mut s = Store::open_in_memory().unwrap();
        let err = s
            .create_movement(&input("A", Some("2025-06-01"), Some("31/05/2025")))
            .unwrap_err();
        assert_eq!(err.field(), Some("end_date"));
        assert!(
            err.to_string().contains("trước ngày bắt đầu (01/06/2025)"),
            "{err}"
        );
        let err = s
            .create_movement(&input("A", None, Some("2025-05-31")))
            .unwrap_err();
        assert_eq!(err.field(), Some("start_date"));
        assert_eq!(
            s.create_movement(&input("A", Some("31/2/2025"), None))
                .unwrap_err()
                .field(),
            Some("start_date")
        );
        assert_eq!(
            s.create_movement(&input(" ", None, None))
                .unwrap_err()
                .field(),
            Some("name")
        );

        s.create_movement(&input("Thi đua yêu nước", Some("2025-01-01"), None))
            .unwrap();
        let err = s
            .create_movement(&input("thi dua yeu nuoc", Some("01/01/2025"), None))
            .unwrap_err();
        assert_eq!(err.code(), "duplicate");
        // relaunched the next year: a new movement
        s.create_movement(&input("Thi đua yêu nước", Some("2026-01-01"), None))
            .unwrap();
    }

    #[test]
    fn delete_is_refused_while_decisions_or_models_belong_to_it() {
        let mut s = Store::open_in_memory().unwrap();
        let m = s
            .create_movement(&input("Vì người nghèo", Some("2025-01-01"), None))
            .unwrap();
        let d = s
            .create_decision(&DecisionInput {
                number: "30/QĐ-UBND".into(),
                decision_date: "2025-11-20".into(),
                level: DecisionLevel::Xa,
                authority: String::new(),
                signer_name: String::new(),
                signer_title: String::new(),
                award_type: AwardType::ChuyenDe,
                movement_id: Some(m.id.clone()),
                year: 2025,
                period_from: None,
                period_to: None,
                note: String::new(),
            })
            .unwrap();
        assert_eq!(s.movement(&m.id).unwrap().decision_count, 1);
        let err = s.delete_movement(&m.id).unwrap_err();
        assert_eq!(err.code(), "in_use");
        assert!(
            err.to_string()
                .contains("vì có 1 quyết định khen thưởng thuộc phong trào này"),
            "{err}"
        );
        s.delete_decision(&d.id).unwrap();
        s.delete_movement(&m.id).unwrap();
    }

    #[test]
    fn durations_round_to_the_nearest_month() {
        let d = |a, b| duration(Some(a), Some(b));
        assert_eq!(d("2025-04-13", "2025-10-31"), Duration::UnderOneYear);
        assert_eq!(d("2025-01-01", "2025-12-31"), Duration::OneYear);
        assert_eq!(d("2024-03-15", "2025-03-14"), Duration::OneYear);
        assert_eq!(d("2024-01-01", "2025-06-30"), Duration::OneToThree);
        assert_eq!(d("2023-01-01", "2025-12-31"), Duration::ThreeToFive);
        assert_eq!(d("2021-01-01", "2025-12-30"), Duration::FiveOrMore);
        assert_eq!(duration(Some("2021-01-01"), None), Duration::OneYear);
        assert_eq!(duration(None, None), Duration::OneYear);
    }

    #[test]
    fn stats_0601_count_by_level_scope_duration_and_method() {
        let mut s = Store::open_in_memory().unwrap();
        let mut add = |name: &str, launched_by, scope, method, start: &str, end: Option<&str>| {
            let mut m = input(name, Some(start), end);
            m.launched_by = launched_by;
            m.scope = scope;
            m.method = method;
            s.create_movement(&m).unwrap();
        };
        use LaunchLevel as L;
        use MovementMethod as H;
        use MovementScope as P;
        add(
            "Thi đua yêu nước",
            L::TrungUong,
            P::ToanQuoc,
            H::ThuongXuyen,
            "2020-01-01",
            None,
        );
        add(
            "Xóa nhà tạm",
            L::TrungUong,
            P::ToanQuoc,
            H::ChuyenDe,
            "2025-04-13",
            Some("2025-10-31"),
        );
        add(
            "Nông thôn mới",
            L::Tinh,
            P::BoNganhDiaPhuong,
            H::ChuyenDe,
            "2021-01-01",
            Some("2025-12-31"),
        );
        add(
            "Văn hóa công sở",
            L::Huyen,
            P::BoNganhDiaPhuong,
            H::ChuyenDe,
            "2023-01-01",
            Some("2025-12-31"),
        );
        add(
            "Thi đua khối trường học",
            L::CoQuan,
            P::CumKhoi,
            H::ChuyenDe,
            "2025-01-01",
            Some("2026-06-30"),
        );
        add(
            "Thôn sạch đẹp",
            L::DonVi,
            P::CoQuanDonVi,
            H::ThuongXuyen,
            "2025-01-01",
            Some("2025-12-31"),
        );
        // ended before the year: not counted
        add(
            "Cũ",
            L::Tinh,
            P::ToanQuoc,
            H::ChuyenDe,
            "2020-01-01",
            Some("2024-12-31"),
        );

        let stats = s.movement_stats(2025).unwrap();
        let row = |r: &str| {
            let x = stats.row(r).unwrap();
            (x.total, x.trung_uong, x.bo_tinh, x.co_quan_don_vi)
        };
        assert_eq!(row("01"), (6, 2, 1, 3));
        assert_eq!(row("02"), (2, 2, 0, 0));
        assert_eq!(row("03"), (2, 0, 1, 1));
        assert_eq!(row("04"), (1, 0, 0, 1));
        assert_eq!(row("05"), (1, 0, 0, 1));
        assert_eq!(row("06"), (1, 1, 0, 0));
        assert_eq!(
            row("07"),
            (2, 1, 0, 1),
            "the open-ended one and the one-year one"
        );
        assert_eq!(row("08"), (1, 0, 0, 1));
        assert_eq!(row("09"), (1, 0, 0, 1));
        assert_eq!(row("10"), (1, 0, 1, 0));
        assert_eq!(row("11"), (4, 1, 1, 2));
        assert_eq!(row("12"), (2, 1, 0, 1));
        assert_eq!(stats.rows.len(), 12);
        assert_eq!(stats.row("07").unwrap().label, "1 năm");
        // every group adds up to the total
        for group in [2..=5, 6..=10, 11..=12] {
            let sum: u32 = group
                .map(|i| stats.row(&format!("{i:02}")).unwrap().total)
                .sum();
            assert_eq!(sum, 6);
        }
    }
}
