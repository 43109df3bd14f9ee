//! Member units (đơn vị thành viên) of the office, with their history.
//!
//! A unit is never lost: when it is merged into another or dissolved it stays, marked with
//! the date, so awards and block results that point at it still count. Only a unit that
//! nothing points at (typically one created by mistake) can be deleted.

use crate::error::{Error, Result};
use crate::store::{new_id, now, Store, COLLATE_VI};
use crate::text::{clean, search_key};
use chrono::NaiveDate;
use rusqlite::{params, params_from_iter, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum UnitKind {
    CoQuanHanhChinh,
    DonViSuNghiep,
    DoanhNghiep,
    ThonToDanPho,
    XaPhuong,
    Khac,
}

impl UnitKind {
    pub const ALL: [UnitKind; 6] = [
        Self::CoQuanHanhChinh,
        Self::DonViSuNghiep,
        Self::DoanhNghiep,
        Self::ThonToDanPho,
        Self::XaPhuong,
        Self::Khac,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::CoQuanHanhChinh => "co_quan_hanh_chinh",
            Self::DonViSuNghiep => "don_vi_su_nghiep",
            Self::DoanhNghiep => "doanh_nghiep",
            Self::ThonToDanPho => "thon_to_dan_pho",
            Self::XaPhuong => "xa_phuong",
            Self::Khac => "khac",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::CoQuanHanhChinh => "Cơ quan hành chính",
            Self::DonViSuNghiep => "Đơn vị sự nghiệp",
            Self::DoanhNghiep => "Doanh nghiệp",
            Self::ThonToDanPho => "Thôn, tổ dân phố",
            Self::XaPhuong => "Xã, phường",
            Self::Khac => "Khác",
        }
    }

    pub fn parse(s: &str) -> Result<Self> {
        Self::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| {
                let choices: Vec<_> = Self::ALL.iter().map(|k| k.as_str()).collect();
                Error::invalid(
                    "kind",
                    format!(
                        "Loại đơn vị \"{s}\" không hợp lệ. Chọn một trong: {}.",
                        choices.join(", ")
                    ),
                )
            })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum UnitStatus {
    Active,
    Merged,
    Dissolved,
}

impl UnitStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Active => "active",
            Self::Merged => "merged",
            Self::Dissolved => "dissolved",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Active => "Đang hoạt động",
            Self::Merged => "Đã sáp nhập",
            Self::Dissolved => "Đã giải thể",
        }
    }

    fn parse(s: &str) -> Result<Self> {
        match s {
            "active" => Ok(Self::Active),
            "merged" => Ok(Self::Merged),
            "dissolved" => Ok(Self::Dissolved),
            other => Err(Error::invalid(
                "status",
                format!("Trạng thái \"{other}\" không hợp lệ."),
            )),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Unit {
    pub id: String,
    pub code: String,
    pub name: String,
    pub kind: UnitKind,
    pub staff_count: Option<u32>,
    pub parent_id: Option<String>,
    pub parent_name: Option<String>,
    pub status: UnitStatus,
    pub merged_into: Option<String>,
    pub merged_into_name: Option<String>,
    /// Date (YYYY-MM-DD) the unit was merged or dissolved.
    pub ended_on: Option<String>,
    pub note: String,
    pub created_at: String,
    pub updated_at: String,
}

/// What the clerk types to create or edit a unit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct UnitInput {
    pub code: String,
    pub name: String,
    pub kind: UnitKind,
    pub staff_count: Option<u32>,
    pub parent_id: Option<String>,
    pub note: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct UnitQuery {
    /// Words to find in the code or name, diacritics and case ignored.
    pub search: Option<String>,
    /// Also list merged and dissolved units.
    pub include_inactive: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct UnitEvent {
    /// created | renamed | updated | merged | dissolved | reactivated
    pub kind: String,
    pub on_date: Option<String>,
    pub detail: String,
    pub created_at: String,
}

const UNIT_SELECT: &str = "SELECT u.id, u.code, u.name, u.kind, u.staff_count, u.parent_id,
        p.name, u.status, u.merged_into, m.name, u.ended_on, u.note, u.created_at, u.updated_at
    FROM units u
    LEFT JOIN units p ON p.id = u.parent_id
    LEFT JOIN units m ON m.id = u.merged_into";

fn unit_from_row(r: &Row) -> rusqlite::Result<(Unit, String, String)> {
    // kind and status are parsed after the row is read so a bad value becomes a typed error.
    Ok((
        Unit {
            id: r.get(0)?,
            code: r.get(1)?,
            name: r.get(2)?,
            kind: UnitKind::Khac,
            staff_count: r.get(4)?,
            parent_id: r.get(5)?,
            parent_name: r.get(6)?,
            status: UnitStatus::Active,
            merged_into: r.get(8)?,
            merged_into_name: r.get(9)?,
            ended_on: r.get(10)?,
            note: r.get(11)?,
            created_at: r.get(12)?,
            updated_at: r.get(13)?,
        },
        r.get(3)?,
        r.get(7)?,
    ))
}

/// Records what happened to a unit, inside the same transaction as the change itself.
fn add_event(
    conn: &Connection,
    unit_id: &str,
    kind: &str,
    on_date: Option<&str>,
    detail: &str,
) -> Result<()> {
    conn.execute(
        "INSERT INTO unit_events (id, unit_id, kind, on_date, detail, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![new_id(), unit_id, kind, on_date, detail, now()],
    )?;
    Ok(())
}

fn finish_unit((mut unit, kind, status): (Unit, String, String)) -> Result<Unit> {
    unit.kind = UnitKind::parse(&kind)?;
    unit.status = UnitStatus::parse(&status)?;
    Ok(unit)
}

/// Parses a date typed as YYYY-MM-DD or dd/mm/yyyy into the stored ISO form.
pub fn parse_date(field: &'static str, s: &str) -> Result<String> {
    let s = s.trim();
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(s, "%d/%m/%Y"))
        .map(|d| d.format("%Y-%m-%d").to_string())
        .map_err(|_| {
            Error::invalid(
                field,
                format!("Ngày \"{s}\" không hợp lệ. Nhập theo dạng dd/mm/yyyy, ví dụ 01/7/2025."),
            )
        })
}

/// Shows a stored ISO date the Vietnamese way: 2025-07-01 → 01/07/2025.
pub fn format_date_vi(iso: &str) -> String {
    match NaiveDate::parse_from_str(iso, "%Y-%m-%d") {
        Ok(d) => d.format("%d/%m/%Y").to_string(),
        Err(_) => iso.to_string(),
    }
}

impl UnitInput {
    fn cleaned(&self) -> Result<UnitInput> {
        let code = clean(&self.code);
        let name = clean(&self.name);
        if code.is_empty() {
            return Err(Error::invalid("code", "Mã đơn vị không được để trống."));
        }
        if code.chars().count() > 30
            || !code
                .chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | '/'))
        {
            return Err(Error::invalid(
                "code",
                "Mã đơn vị chỉ gồm chữ, số và các dấu - _ . / (không có dấu cách), tối đa 30 ký tự.",
            ));
        }
        if name.is_empty() {
            return Err(Error::invalid("name", "Tên đơn vị không được để trống."));
        }
        if name.chars().count() > 250 {
            return Err(Error::invalid("name", "Tên đơn vị dài quá 250 ký tự."));
        }
        if self.staff_count.is_some_and(|n| n > 1_000_000) {
            return Err(Error::invalid(
                "staff_count",
                "Số người lao động không hợp lý.",
            ));
        }
        Ok(UnitInput {
            code,
            name,
            kind: self.kind,
            staff_count: self.staff_count,
            parent_id: self
                .parent_id
                .as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string),
            note: clean(&self.note),
        })
    }
}

impl Store {
    pub fn units(&self, query: &UnitQuery) -> Result<Vec<Unit>> {
        let mut sql = format!("{UNIT_SELECT} WHERE 1 = 1");
        if !query.include_inactive {
            sql.push_str(" AND u.status = 'active'");
        }
        let words: Vec<String> = query
            .search
            .as_deref()
            .map(search_key)
            .unwrap_or_default()
            .split(' ')
            .filter(|w| !w.is_empty())
            .map(|w| format!("%{}%", w.replace(['%', '_'], "")))
            .collect();
        for _ in &words {
            sql.push_str(" AND u.search_key LIKE ?");
        }
        sql.push_str(&format!(" ORDER BY u.name COLLATE {COLLATE_VI}, u.code"));
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map(params_from_iter(words.iter()), unit_from_row)?;
        rows.map(|r| finish_unit(r?)).collect()
    }

    pub fn unit(&self, id: &str) -> Result<Unit> {
        self.find_unit(id)?
            .ok_or_else(|| Error::not_found(format!("đơn vị có mã định danh {id}")))
    }

    fn find_unit(&self, id: &str) -> Result<Option<Unit>> {
        self.conn
            .query_row(
                &format!("{UNIT_SELECT} WHERE u.id = ?1"),
                [id],
                unit_from_row,
            )
            .optional()?
            .map(finish_unit)
            .transpose()
    }

    /// Finds a unit by its code (case-insensitive), as scripts and files refer to units.
    pub fn unit_by_code(&self, code: &str) -> Result<Unit> {
        let id: Option<String> = self
            .conn
            .query_row(
                "SELECT id FROM units WHERE lower(code) = lower(?1)",
                [clean(code)],
                |r| r.get(0),
            )
            .optional()?;
        match id {
            Some(id) => self.unit(&id),
            None => Err(Error::not_found(format!("đơn vị có mã \"{code}\""))),
        }
    }

    fn check_code_free(&self, code: &str, except: Option<&str>) -> Result<()> {
        let other: Option<String> = self
            .conn
            .query_row(
                "SELECT name FROM units WHERE lower(code) = lower(?1) AND id IS NOT ?2",
                params![code, except],
                |r| r.get(0),
            )
            .optional()?;
        match other {
            Some(name) => Err(Error::duplicate(
                "code",
                format!("Mã \"{code}\" đã dùng cho đơn vị \"{name}\". Mỗi đơn vị một mã riêng."),
            )),
            None => Ok(()),
        }
    }

    /// The parent must exist, and setting it must not make a unit its own ancestor.
    fn check_parent(&self, unit_id: Option<&str>, parent_id: Option<&str>) -> Result<()> {
        let Some(mut current) = parent_id.map(str::to_string) else {
            return Ok(());
        };
        self.unit(&current)?;
        for _ in 0..100 {
            if Some(current.as_str()) == unit_id {
                return Err(Error::invalid(
                    "parent_id",
                    "Đơn vị cấp trên không thể là chính đơn vị này hoặc đơn vị trực thuộc nó.",
                ));
            }
            let next: Option<String> = self.conn.query_row(
                "SELECT parent_id FROM units WHERE id = ?1",
                [&current],
                |r| r.get(0),
            )?;
            match next {
                Some(p) => current = p,
                None => return Ok(()),
            }
        }
        Err(Error::invalid(
            "parent_id",
            "Quan hệ trực thuộc lồng nhau quá sâu.",
        ))
    }

    pub fn create_unit(&mut self, input: &UnitInput) -> Result<Unit> {
        let u = input.cleaned()?;
        self.check_code_free(&u.code, None)?;
        self.check_parent(None, u.parent_id.as_deref())?;
        let id = new_id();
        let t = now();
        let tx = self.conn.savepoint()?;
        tx.execute(
            "INSERT INTO units (id, code, name, search_key, kind, staff_count, parent_id, note,
                 created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)",
            params![
                id,
                u.code,
                u.name,
                search_key(&format!("{} {}", u.code, u.name)),
                u.kind.as_str(),
                u.staff_count,
                u.parent_id,
                u.note,
                t
            ],
        )?;
        add_event(
            &tx,
            &id,
            "created",
            None,
            &format!("Thêm đơn vị \"{}\"", u.name),
        )?;
        tx.commit()?;
        self.unit(&id)
    }

    pub fn update_unit(&mut self, id: &str, input: &UnitInput) -> Result<Unit> {
        let old = self.unit(id)?;
        let u = input.cleaned()?;
        self.check_code_free(&u.code, Some(id))?;
        self.check_parent(Some(id), u.parent_id.as_deref())?;
        let tx = self.conn.savepoint()?;
        tx.execute(
            "UPDATE units SET code = ?2, name = ?3, search_key = ?4, kind = ?5, staff_count = ?6,
                 parent_id = ?7, note = ?8, updated_at = ?9
             WHERE id = ?1",
            params![
                id,
                u.code,
                u.name,
                search_key(&format!("{} {}", u.code, u.name)),
                u.kind.as_str(),
                u.staff_count,
                u.parent_id,
                u.note,
                now()
            ],
        )?;
        let (kind, detail) = if old.name != u.name {
            (
                "renamed",
                format!("Đổi tên: \"{}\" → \"{}\"", old.name, u.name),
            )
        } else {
            ("updated", "Sửa thông tin đơn vị".to_string())
        };
        add_event(&tx, id, kind, None, &detail)?;
        tx.commit()?;
        self.unit(id)
    }

    /// Marks `id` as merged into `into_id` from `on_date`. The unit and everything that
    /// points at it stay; it just leaves the active lists.
    pub fn merge_unit(&mut self, id: &str, into_id: &str, on_date: &str) -> Result<Unit> {
        let unit = self.unit(id)?;
        let target = self.unit(into_id)?;
        let on_date = parse_date("on_date", on_date)?;
        if id == into_id {
            return Err(Error::invalid(
                "merged_into",
                "Không thể sáp nhập đơn vị vào chính nó.",
            ));
        }
        if unit.status != UnitStatus::Active {
            return Err(Error::invalid(
                "status",
                format!(
                    "Đơn vị \"{}\" đã {}.",
                    unit.name,
                    unit.status.label().to_lowercase()
                ),
            ));
        }
        if target.status != UnitStatus::Active {
            return Err(Error::invalid(
                "merged_into",
                format!(
                    "Đơn vị nhận sáp nhập \"{}\" không còn hoạt động.",
                    target.name
                ),
            ));
        }
        let tx = self.conn.savepoint()?;
        tx.execute(
            "UPDATE units SET status = 'merged', merged_into = ?2, ended_on = ?3, updated_at = ?4
             WHERE id = ?1",
            params![id, into_id, on_date, now()],
        )?;
        let detail = format!("Sáp nhập vào \"{}\"", target.name);
        add_event(&tx, id, "merged", Some(&on_date), &detail)?;
        tx.commit()?;
        self.unit(id)
    }

    pub fn dissolve_unit(&mut self, id: &str, on_date: &str) -> Result<Unit> {
        let unit = self.unit(id)?;
        let on_date = parse_date("on_date", on_date)?;
        if unit.status != UnitStatus::Active {
            return Err(Error::invalid(
                "status",
                format!(
                    "Đơn vị \"{}\" đã {}.",
                    unit.name,
                    unit.status.label().to_lowercase()
                ),
            ));
        }
        let tx = self.conn.savepoint()?;
        tx.execute(
            "UPDATE units SET status = 'dissolved', ended_on = ?2, updated_at = ?3 WHERE id = ?1",
            params![id, on_date, now()],
        )?;
        add_event(
            &tx,
            id,
            "dissolved",
            Some(&on_date),
            "Giải thể / ngừng hoạt động",
        )?;
        tx.commit()?;
        self.unit(id)
    }

    /// Undoes a merge or dissolution recorded by mistake; the history keeps both steps.
    pub fn reactivate_unit(&mut self, id: &str) -> Result<Unit> {
        let unit = self.unit(id)?;
        if unit.status == UnitStatus::Active {
            return Ok(unit);
        }
        let tx = self.conn.savepoint()?;
        tx.execute(
            "UPDATE units SET status = 'active', merged_into = NULL, ended_on = NULL,
                 updated_at = ?2
             WHERE id = ?1",
            params![id, now()],
        )?;
        let detail = format!("Hoạt động trở lại (trước đó: {})", unit.status.label());
        add_event(&tx, id, "reactivated", None, &detail)?;
        tx.commit()?;
        self.unit(id)
    }

    /// Deletes a unit only when nothing refers to it; otherwise says what does.
    pub fn delete_unit(&mut self, id: &str) -> Result<()> {
        let unit = self.unit(id)?;
        // Every record that names the unit: without these checks the delete fails on a
        // foreign key with an SQLite message the clerk cannot act on.
        let refs = [
            (
                "SELECT count(*) FROM block_members WHERE unit_id = ?1",
                "là thành viên khối thi đua",
            ),
            (
                "SELECT count(*) FROM persons WHERE unit_id = ?1",
                "có cá nhân trong danh sách",
            ),
            (
                "SELECT count(*) FROM households WHERE unit_id = ?1",
                "có hộ gia đình",
            ),
            (
                "SELECT count(*) FROM registrations WHERE unit_id = ?1",
                "có đăng ký thi đua",
            ),
            (
                "SELECT count(*) FROM assessments WHERE unit_id = ?1",
                "có bản tự đánh giá",
            ),
            (
                "SELECT (SELECT count(*) FROM block_scores WHERE unit_id = ?1)
                      + (SELECT count(*) FROM criterion_scores WHERE unit_id = ?1)",
                "có điểm chấm",
            ),
            (
                "SELECT count(*) FROM awards WHERE unit_id = ?1",
                "đã được khen thưởng",
            ),
            (
                "SELECT (SELECT count(*) FROM proposal_items WHERE unit_id = ?1)
                      + (SELECT count(*) FROM exemplary_models WHERE unit_id = ?1)",
                "có trong tờ trình hoặc điển hình tiên tiến",
            ),
            (
                "SELECT count(*) FROM units WHERE parent_id = ?1",
                "có đơn vị trực thuộc",
            ),
            (
                "SELECT count(*) FROM units WHERE merged_into = ?1",
                "đã nhận đơn vị khác sáp nhập vào",
            ),
        ];
        let mut reasons = Vec::new();
        for (sql, reason) in refs {
            let n: i64 = self.conn.query_row(sql, [id], |r| r.get(0))?;
            if n > 0 {
                reasons.push(reason);
            }
        }
        if !reasons.is_empty() {
            return Err(Error::InUse {
                message: format!(
                    "Không xóa được \"{}\" vì đơn vị {}. Nếu đơn vị không còn, hãy đánh dấu sáp nhập hoặc giải thể để giữ lịch sử.",
                    unit.name,
                    reasons.join(", ")
                ),
            });
        }
        let tx = self.conn.savepoint()?;
        tx.execute("DELETE FROM unit_events WHERE unit_id = ?1", [id])?;
        tx.execute("DELETE FROM units WHERE id = ?1", [id])?;
        tx.commit()?;
        Ok(())
    }

    pub fn unit_history(&self, id: &str) -> Result<Vec<UnitEvent>> {
        self.unit(id)?;
        let mut stmt = self.conn.prepare(
            "SELECT kind, on_date, detail, created_at FROM unit_events
             WHERE unit_id = ?1 ORDER BY created_at, rowid",
        )?;
        let rows = stmt.query_map([id], |r| {
            Ok(UnitEvent {
                kind: r.get(0)?,
                on_date: r.get(1)?,
                detail: r.get(2)?,
                created_at: r.get(3)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn input(code: &str, name: &str, kind: UnitKind) -> UnitInput {
        UnitInput {
            code: code.into(),
            name: name.into(),
            kind,
            staff_count: Some(10),
            parent_id: None,
            note: String::new(),
        }
    }

    fn names(units: &[Unit]) -> Vec<&str> {
        units.iter().map(|u| u.name.as_str()).collect()
    }

    #[test]
    fn search_ignores_diacritics_and_list_is_in_vietnamese_order() {
        let mut s = Store::open_in_memory().unwrap();
        for (code, name) in [
            ("T02", "Thôn Đông"),
            ("T01", "Thôn An Bình"),
            ("T10", "Thôn Ấp Mới"),
            ("TH", "Trường Tiểu học An Bình"),
            ("DN", "Công ty TNHH Dệt may Anh Đào"),
        ] {
            s.create_unit(&input(code, name, UnitKind::ThonToDanPho))
                .unwrap();
        }
        let all = s.units(&UnitQuery::default()).unwrap();
        assert_eq!(
            names(&all),
            vec![
                "Công ty TNHH Dệt may Anh Đào",
                "Thôn An Bình",
                "Thôn Ấp Mới",
                "Thôn Đông",
                "Trường Tiểu học An Bình"
            ]
        );
        let found = s
            .units(&UnitQuery {
                search: Some("an binh".into()),
                include_inactive: false,
            })
            .unwrap();
        assert_eq!(
            names(&found),
            vec!["Thôn An Bình", "Trường Tiểu học An Bình"]
        );
        let by_code = s
            .units(&UnitQuery {
                search: Some("t10".into()),
                include_inactive: false,
            })
            .unwrap();
        assert_eq!(names(&by_code), vec!["Thôn Ấp Mới"]);
    }

    #[test]
    fn codes_are_unique_case_insensitively_and_validated() {
        let mut s = Store::open_in_memory().unwrap();
        s.create_unit(&input("th01", "Trường A", UnitKind::DonViSuNghiep))
            .unwrap();
        let err = s
            .create_unit(&input("TH01", "Trường B", UnitKind::DonViSuNghiep))
            .unwrap_err();
        assert_eq!((err.code(), err.field()), ("duplicate", Some("code")));
        assert!(err.to_string().contains("Trường A"));
        let err = s
            .create_unit(&input("TH 02", "Trường B", UnitKind::DonViSuNghiep))
            .unwrap_err();
        assert_eq!(err.field(), Some("code"));
        let err = s
            .create_unit(&input("TH02", "  ", UnitKind::Khac))
            .unwrap_err();
        assert_eq!(err.field(), Some("name"));
    }

    #[test]
    fn merge_keeps_the_unit_and_its_history() {
        let mut s = Store::open_in_memory().unwrap();
        let a = s
            .create_unit(&input("X1", "Xã Hồng Kỳ", UnitKind::XaPhuong))
            .unwrap();
        let b = s
            .create_unit(&input("X2", "Xã Sóc Sơn", UnitKind::XaPhuong))
            .unwrap();
        let merged = s.merge_unit(&a.id, &b.id, "01/7/2025").unwrap();
        assert_eq!(merged.status, UnitStatus::Merged);
        assert_eq!(merged.merged_into_name.as_deref(), Some("Xã Sóc Sơn"));
        assert_eq!(merged.ended_on.as_deref(), Some("2025-07-01"));

        assert_eq!(
            names(&s.units(&UnitQuery::default()).unwrap()),
            vec!["Xã Sóc Sơn"]
        );
        let all = s
            .units(&UnitQuery {
                search: None,
                include_inactive: true,
            })
            .unwrap();
        assert_eq!(all.len(), 2);

        // the unit that absorbed another cannot be deleted, and neither merged twice
        assert_eq!(s.delete_unit(&b.id).unwrap_err().code(), "in_use");
        assert_eq!(
            s.merge_unit(&a.id, &b.id, "2025-07-02")
                .unwrap_err()
                .field(),
            Some("status")
        );

        let history: Vec<String> = s
            .unit_history(&a.id)
            .unwrap()
            .into_iter()
            .map(|e| e.kind)
            .collect();
        assert_eq!(history, vec!["created", "merged"]);

        let back = s.reactivate_unit(&a.id).unwrap();
        assert_eq!((back.status, back.merged_into), (UnitStatus::Active, None));
        assert_eq!(s.unit_history(&a.id).unwrap().len(), 3);
    }

    #[test]
    fn rename_is_recorded_and_bad_dates_rejected() {
        let mut s = Store::open_in_memory().unwrap();
        let a = s
            .create_unit(&input("T1", "Thôn 1", UnitKind::ThonToDanPho))
            .unwrap();
        let mut edit = input("T1", "Thôn Đồng Tâm", UnitKind::ThonToDanPho);
        edit.staff_count = None;
        let renamed = s.update_unit(&a.id, &edit).unwrap();
        assert_eq!(
            (renamed.name.as_str(), renamed.staff_count),
            ("Thôn Đồng Tâm", None)
        );
        let history = s.unit_history(&a.id).unwrap();
        assert_eq!(history[1].kind, "renamed");
        assert!(history[1].detail.contains("\"Thôn 1\" → \"Thôn Đồng Tâm\""));
        assert_eq!(
            s.dissolve_unit(&a.id, "31/02/2025").unwrap_err().field(),
            Some("on_date")
        );
    }

    #[test]
    fn parent_cannot_form_a_cycle_and_unused_unit_can_be_deleted() {
        let mut s = Store::open_in_memory().unwrap();
        let a = s
            .create_unit(&input("A", "Trường A", UnitKind::DonViSuNghiep))
            .unwrap();
        let mut child = input("A1", "Tổ Toán", UnitKind::Khac);
        child.parent_id = Some(a.id.clone());
        let c = s.create_unit(&child).unwrap();
        assert_eq!(c.parent_name.as_deref(), Some("Trường A"));
        let mut loop_edit = input("A", "Trường A", UnitKind::DonViSuNghiep);
        loop_edit.parent_id = Some(c.id.clone());
        assert_eq!(
            s.update_unit(&a.id, &loop_edit).unwrap_err().field(),
            Some("parent_id")
        );

        assert_eq!(s.delete_unit(&a.id).unwrap_err().code(), "in_use");
        s.delete_unit(&c.id).unwrap();
        s.delete_unit(&a.id).unwrap();
        assert!(s.units(&UnitQuery::default()).unwrap().is_empty());
        assert_eq!(s.unit(&a.id).unwrap_err().code(), "not_found");
    }

    #[test]
    fn a_unit_with_people_is_not_deleted_and_the_clerk_is_told_why() {
        let mut s = Store::open_in_memory().unwrap();
        let u = s
            .create_unit(&input("TH", "Trường Tiểu học", UnitKind::DonViSuNghiep))
            .unwrap();
        s.create_person(&crate::persons::PersonInput::named(
            "Nguyễn Thị Hoa",
            Some(&u.id),
        ))
        .unwrap();
        let e = s.delete_unit(&u.id).unwrap_err();
        assert_eq!(e.code(), "in_use");
        assert!(e.to_string().contains("có cá nhân trong danh sách"), "{e}");
        assert_eq!(s.unit(&u.id).unwrap().name, "Trường Tiểu học");
    }
}
