//! People and households, across years and files.
//!
//! One person arrives spelled many ways ("Phạm Thị Hoà", "Phạm Thị Hòa" typed in NFD,
//! "PHẠM THỊ HÒA"). Names are stored as typed (NFC) and matched on `text::name_key`;
//! candidates for "same person" also weigh birth year and unit, and the clerk confirms every
//! merge — the program never merges on its own.

use crate::error::{Error, Result};
use crate::store::{new_id, now, Store, COLLATE_PERSON};
use crate::text::{clean, name_key, person_sort_key, search_key};
use crate::units::parse_date;
use rusqlite::{params, params_from_iter, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The position rows of the national statistics tables (biểu 0603, rows 06–10).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum PositionCategory {
    LanhDaoTinh,
    LanhDaoSo,
    DoanhNhan,
    LanhDaoKhac,
    TrucTiep,
}

impl PositionCategory {
    pub const ALL: [PositionCategory; 5] = [
        Self::LanhDaoTinh,
        Self::LanhDaoSo,
        Self::DoanhNhan,
        Self::LanhDaoKhac,
        Self::TrucTiep,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::LanhDaoTinh => "lanh_dao_tinh",
            Self::LanhDaoSo => "lanh_dao_so",
            Self::DoanhNhan => "doanh_nhan",
            Self::LanhDaoKhac => "lanh_dao_khac",
            Self::TrucTiep => "truc_tiep",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::LanhDaoTinh => "Lãnh đạo cấp bộ, cấp tỉnh trở lên",
            Self::LanhDaoSo => "Lãnh đạo cấp vụ, sở, ngành",
            Self::DoanhNhan => "Doanh nhân",
            Self::LanhDaoKhac => "Lãnh đạo khác từ phó phòng trở lên",
            Self::TrucTiep => "Người trực tiếp công tác, lao động, học tập, chiến đấu",
        }
    }

    pub fn parse(s: &str) -> Result<Self> {
        Self::ALL
            .into_iter()
            .find(|c| c.as_str() == s)
            .ok_or_else(|| {
                Error::invalid(
                    "position_category",
                    format!("Nhóm chức vụ \"{s}\" không hợp lệ."),
                )
            })
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Person {
    pub id: String,
    pub full_name: String,
    /// nam | nu
    pub gender: Option<String>,
    pub birth_year: Option<i32>,
    pub birth_date: Option<String>,
    pub unit_id: Option<String>,
    pub unit_name: Option<String>,
    pub position: String,
    pub position_category: PositionCategory,
    pub citizen_id: Option<String>,
    pub hired_on: Option<String>,
    /// Set when the clerk merged this record into another (a duplicate spelling).
    pub merged_into: Option<String>,
    pub note: String,
    pub created_at: String,
    pub updated_at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PersonInput {
    pub full_name: String,
    pub gender: Option<String>,
    pub birth_year: Option<i32>,
    pub birth_date: Option<String>,
    pub unit_id: Option<String>,
    pub position: String,
    pub position_category: PositionCategory,
    pub citizen_id: Option<String>,
    pub hired_on: Option<String>,
    pub note: String,
}

impl PersonInput {
    /// A person with just a name and a unit, as imports and quick entry create them.
    pub fn named(full_name: &str, unit_id: Option<&str>) -> Self {
        PersonInput {
            full_name: full_name.to_string(),
            gender: None,
            birth_year: None,
            birth_date: None,
            unit_id: unit_id.map(str::to_string),
            position: String::new(),
            position_category: PositionCategory::TrucTiep,
            citizen_id: None,
            hired_on: None,
            note: String::new(),
        }
    }

    fn cleaned(&self) -> Result<PersonInput> {
        let full_name = clean(&self.full_name);
        if full_name.is_empty() {
            return Err(Error::invalid(
                "full_name",
                "Họ và tên không được để trống.",
            ));
        }
        if full_name.chars().count() > 120 {
            return Err(Error::invalid("full_name", "Họ và tên dài quá 120 ký tự."));
        }
        let gender = match self.gender.as_deref().map(str::trim) {
            None | Some("") => None,
            Some("nam") => Some("nam".to_string()),
            Some("nu") => Some("nu".to_string()),
            Some(other) => {
                return Err(Error::invalid(
                    "gender",
                    format!("Giới tính \"{other}\" không hợp lệ (nam, nu)."),
                ))
            }
        };
        let birth_date = self
            .birth_date
            .as_deref()
            .filter(|d| !d.trim().is_empty())
            .map(|d| parse_date("birth_date", d))
            .transpose()?;
        // A full birth date also gives the year; when both are typed they must agree.
        let year_from_date = birth_date
            .as_deref()
            .and_then(|d| d[..4].parse::<i32>().ok());
        let birth_year = match (self.birth_year, year_from_date) {
            (Some(y), Some(d)) if y != d => {
                return Err(Error::invalid(
                    "birth_year",
                    format!("Năm sinh {y} không khớp ngày sinh."),
                ))
            }
            (y, d) => y.or(d),
        };
        if birth_year.is_some_and(|y| !(1900..=2100).contains(&y)) {
            return Err(Error::invalid("birth_year", "Năm sinh không hợp lệ."));
        }
        let citizen_id = self
            .citizen_id
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string);
        if citizen_id.as_deref().is_some_and(|c| {
            !(c.len() == 12 || c.len() == 9) || !c.chars().all(|ch| ch.is_ascii_digit())
        }) {
            return Err(Error::invalid(
                "citizen_id",
                "Số định danh cá nhân / CCCD gồm 12 chữ số (CMND cũ: 9 chữ số).",
            ));
        }
        Ok(PersonInput {
            full_name,
            gender,
            birth_year,
            birth_date,
            unit_id: self
                .unit_id
                .as_deref()
                .filter(|s| !s.is_empty())
                .map(str::to_string),
            position: clean(&self.position),
            position_category: self.position_category,
            citizen_id,
            hired_on: self
                .hired_on
                .as_deref()
                .filter(|d| !d.trim().is_empty())
                .map(|d| parse_date("hired_on", d))
                .transpose()?,
            note: clean(&self.note),
        })
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PersonQuery {
    pub search: Option<String>,
    pub unit_id: Option<String>,
    /// Also list records merged into another.
    pub include_merged: bool,
    pub limit: Option<u32>,
}

/// A record that may be the same person, with why the program thinks so.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PersonMatch {
    pub person: Person,
    /// Higher is more likely: same name 1, + same birth year 2, + same unit 1.
    pub score: u8,
    pub reasons: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Household {
    pub id: String,
    pub head_name: String,
    pub unit_id: Option<String>,
    pub unit_name: Option<String>,
    pub address: String,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct HouseholdInput {
    pub head_name: String,
    pub unit_id: Option<String>,
    pub address: String,
    pub note: String,
}

const PERSON_SELECT: &str = "SELECT p.id, p.full_name, p.gender, p.birth_year, p.birth_date,
        p.unit_id, u.name, p.position, p.position_category, p.citizen_id, p.hired_on,
        p.merged_into, p.note, p.created_at, p.updated_at
    FROM persons p LEFT JOIN units u ON u.id = p.unit_id";

fn person_row(r: &Row) -> rusqlite::Result<(Person, String)> {
    Ok((
        Person {
            id: r.get(0)?,
            full_name: r.get(1)?,
            gender: r.get(2)?,
            birth_year: r.get(3)?,
            birth_date: r.get(4)?,
            unit_id: r.get(5)?,
            unit_name: r.get(6)?,
            position: r.get(7)?,
            position_category: PositionCategory::TrucTiep,
            citizen_id: r.get(9)?,
            hired_on: r.get(10)?,
            merged_into: r.get(11)?,
            note: r.get(12)?,
            created_at: r.get(13)?,
            updated_at: r.get(14)?,
        },
        r.get(8)?,
    ))
}

fn finish_person((mut p, category): (Person, String)) -> Result<Person> {
    p.position_category = PositionCategory::parse(&category)?;
    Ok(p)
}

/// Tables whose rows point at a person, re-pointed when duplicates are merged.
const PERSON_REFERENCES: [&str; 6] = [
    "UPDATE awards SET person_id = ?1 WHERE person_id = ?2",
    "UPDATE registrations SET person_id = ?1 WHERE person_id = ?2",
    "UPDATE proposal_items SET person_id = ?1 WHERE person_id = ?2",
    "UPDATE initiatives SET person_id = ?1 WHERE person_id = ?2",
    "UPDATE exemplary_models SET person_id = ?1 WHERE person_id = ?2",
    "UPDATE persons SET merged_into = ?1 WHERE merged_into = ?2",
];

/// Where a person's record is used, and how the clerk calls such an entry.
const PERSON_USES: [(&str, &str); 6] = [
    ("registrations", "đăng ký thi đua"),
    ("awards", "khen thưởng"),
    ("proposal_items", "dòng đề nghị khen thưởng"),
    ("person_ratings", "kết quả xếp loại"),
    ("initiatives", "sáng kiến"),
    ("exemplary_models", "gương điển hình"),
];

impl Store {
    pub fn person(&self, id: &str) -> Result<Person> {
        // Cached: a roll-up of a large year looks up 200,000 people one by one.
        self.conn
            .prepare_cached(&format!("{PERSON_SELECT} WHERE p.id = ?1"))?
            .query_row([id], person_row)
            .optional()?
            .map(finish_person)
            .transpose()?
            .ok_or_else(|| Error::not_found(format!("cá nhân có mã định danh {id}")))
    }

    /// People in Vietnamese order (given name first), filtered as the clerk types.
    pub fn persons(&self, query: &PersonQuery) -> Result<Vec<Person>> {
        let mut sql = format!("{PERSON_SELECT} WHERE 1 = 1");
        let mut args: Vec<String> = Vec::new();
        if !query.include_merged {
            sql.push_str(" AND p.merged_into IS NULL");
        }
        if let Some(unit) = query.unit_id.as_deref().filter(|u| !u.is_empty()) {
            sql.push_str(" AND p.unit_id = ?");
            args.push(unit.to_string());
        }
        for word in query
            .search
            .as_deref()
            .map(search_key)
            .unwrap_or_default()
            .split(' ')
            .filter(|w| !w.is_empty())
        {
            sql.push_str(" AND p.search_key LIKE ?");
            args.push(format!("%{}%", word.replace(['%', '_'], "")));
        }
        // Sorted here rather than by the SQL collation: one key per person instead of two
        // collation keys per name for each comparison (50.000 people: seconds saved).
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map(params_from_iter(args.iter()), person_row)?;
        let mut people = rows
            .map(|r| finish_person(r?))
            .collect::<Result<Vec<Person>>>()?;
        people.sort_by_cached_key(|p| (person_sort_key(&p.full_name), p.birth_year, p.id.clone()));
        if let Some(limit) = query.limit {
            people.truncate(limit as usize);
        }
        Ok(people)
    }

    /// How many people are on file (merged duplicates left out).
    pub fn count_persons(&self) -> Result<usize> {
        let n: i64 = self.conn.query_row(
            "SELECT count(*) FROM persons WHERE merged_into IS NULL",
            [],
            |r| r.get(0),
        )?;
        Ok(n as usize)
    }

    pub fn create_person(&mut self, input: &PersonInput) -> Result<Person> {
        self.insert_person(input, None)
    }

    /// Creates a person; `import_id` records the import that brought them, if any.
    pub fn insert_person(
        &mut self,
        input: &PersonInput,
        import_id: Option<&str>,
    ) -> Result<Person> {
        let p = input.cleaned()?;
        if let Some(unit) = &p.unit_id {
            self.unit(unit)?;
        }
        let id = self.insert_person_checked(&p, import_id, &now())?;
        self.person(&id)
    }

    /// Writes a person whose unit the caller has checked, without reading the record back:
    /// what an import does for each new name of a list (tens of thousands at a time).
    pub(crate) fn insert_person_unread(
        &mut self,
        input: &PersonInput,
        import_id: Option<&str>,
        at: &str,
    ) -> Result<(String, String)> {
        let p = input.cleaned()?;
        let id = self.insert_person_checked(&p, import_id, at)?;
        Ok((id, p.full_name))
    }

    fn insert_person_checked(
        &mut self,
        p: &PersonInput,
        import_id: Option<&str>,
        at: &str,
    ) -> Result<String> {
        self.check_citizen_id_free(p.citizen_id.as_deref(), None)?;
        let id = new_id();
        self.conn
            .prepare_cached(
                "INSERT INTO persons (id, full_name, name_key, search_key, gender, birth_year, birth_date,
                     unit_id, position, position_category, citizen_id, hired_on, note, import_id,
                     created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?15)",
            )?
            .execute(params![
                id,
                p.full_name,
                name_key(&p.full_name),
                search_key(&p.full_name),
                p.gender,
                p.birth_year,
                p.birth_date,
                p.unit_id,
                p.position,
                p.position_category.as_str(),
                p.citizen_id,
                p.hired_on,
                p.note,
                import_id,
                at
            ])?;
        Ok(id)
    }

    pub fn update_person(&mut self, id: &str, input: &PersonInput) -> Result<Person> {
        self.person(id)?;
        let p = input.cleaned()?;
        if let Some(unit) = &p.unit_id {
            self.unit(unit)?;
        }
        self.check_citizen_id_free(p.citizen_id.as_deref(), Some(id))?;
        self.conn.execute(
            "UPDATE persons SET full_name = ?2, name_key = ?3, search_key = ?4, gender = ?5,
                 birth_year = ?6, birth_date = ?7, unit_id = ?8, position = ?9,
                 position_category = ?10, citizen_id = ?11, hired_on = ?12, note = ?13, updated_at = ?14
             WHERE id = ?1",
            params![
                id,
                p.full_name,
                name_key(&p.full_name),
                search_key(&p.full_name),
                p.gender,
                p.birth_year,
                p.birth_date,
                p.unit_id,
                p.position,
                p.position_category.as_str(),
                p.citizen_id,
                p.hired_on,
                p.note,
                now()
            ],
        )?;
        self.person(id)
    }

    fn check_citizen_id_free(&self, citizen_id: Option<&str>, except: Option<&str>) -> Result<()> {
        let Some(cid) = citizen_id else { return Ok(()) };
        let other: Option<String> = self
            .conn
            .query_row(
                "SELECT full_name FROM persons WHERE citizen_id = ?1 AND merged_into IS NULL AND id IS NOT ?2",
                params![cid, except],
                |r| r.get(0),
            )
            .optional()?;
        match other {
            Some(name) => Err(Error::duplicate(
                "citizen_id",
                format!("Số định danh {cid} đã thuộc về \"{name}\"."),
            )),
            None => Ok(()),
        }
    }

    /// Takes back a person added by mistake (a paste undone, a line typed in the wrong list).
    /// Refused once anything of theirs is on file: a person with a registration, an award, a
    /// proposal, a rating or an initiative is part of the record and is merged, never deleted.
    pub fn delete_person(&mut self, id: &str) -> Result<()> {
        let p = self.person(id)?;
        for (table, what) in PERSON_USES {
            let n: i64 = self.conn.query_row(
                &format!("SELECT count(*) FROM {table} WHERE person_id = ?1"),
                [id],
                |r| r.get(0),
            )?;
            if n > 0 {
                return Err(Error::InUse {
                    message: format!(
                        "\"{}\" đã có {n} {what} nên không xoá được; nếu đây là bản ghi trùng, hãy gộp vào bản ghi đúng.",
                        p.full_name
                    ),
                });
            }
        }
        let merged: i64 = self.conn.query_row(
            "SELECT count(*) FROM persons WHERE merged_into = ?1",
            [id],
            |r| r.get(0),
        )?;
        if merged > 0 {
            return Err(Error::InUse {
                message: format!(
                    "\"{}\" là hồ sơ đã được gộp bản ghi khác vào nên không xoá được.",
                    p.full_name
                ),
            });
        }
        self.conn
            .execute("DELETE FROM persons WHERE id = ?1", [id])?;
        Ok(())
    }

    /// Records that may be the same person as `full_name` (+ birth year, unit), best first.
    /// Never merges anything: the clerk decides.
    pub fn person_candidates(
        &self,
        full_name: &str,
        birth_year: Option<i32>,
        unit_id: Option<&str>,
    ) -> Result<Vec<PersonMatch>> {
        let key = name_key(full_name);
        // Cached: an import asks this once per row of a list.
        let mut stmt = self.conn.prepare_cached(&format!(
            "{PERSON_SELECT} WHERE p.name_key = ?1 AND p.merged_into IS NULL"
        ))?;
        let rows = stmt.query_map([&key], person_row)?;
        let mut matches = Vec::new();
        for row in rows {
            let person = finish_person(row?)?;
            let mut score = 1;
            let mut reasons = vec![if person.full_name == clean(full_name) {
                "trùng họ tên".to_string()
            } else {
                format!("họ tên viết khác: \"{}\"", person.full_name)
            }];
            match (birth_year, person.birth_year) {
                (Some(a), Some(b)) if a == b => {
                    score += 2;
                    reasons.push(format!("cùng năm sinh {a}"));
                }
                (Some(_), Some(b)) => {
                    // Different birth years: almost surely two people who share a name.
                    reasons.push(format!("khác năm sinh ({b})"));
                    continue;
                }
                _ => {}
            }
            if unit_id.is_some() && person.unit_id.as_deref() == unit_id {
                score += 1;
                reasons.push("cùng đơn vị".to_string());
            }
            matches.push(PersonMatch {
                person,
                score,
                reasons,
            });
        }
        matches.sort_by(|a, b| {
            b.score
                .cmp(&a.score)
                .then_with(|| a.person.created_at.cmp(&b.person.created_at))
        });
        Ok(matches)
    }

    /// Groups of active records whose names share a match key: what the clerk reviews to merge
    /// duplicates. Each group is sorted oldest first (the natural record to keep).
    pub fn duplicate_person_groups(&self) -> Result<Vec<Vec<Person>>> {
        let mut stmt = self.conn.prepare(&format!(
            "{PERSON_SELECT} WHERE p.merged_into IS NULL AND p.name_key IN (
                 SELECT name_key FROM persons WHERE merged_into IS NULL
                 GROUP BY name_key HAVING count(*) > 1)
             ORDER BY p.name_key, p.created_at"
        ))?;
        let mut groups: Vec<Vec<Person>> = Vec::new();
        let mut last_key = String::new();
        for row in stmt.query_map([], person_row)? {
            let person = finish_person(row?)?;
            let key = name_key(&person.full_name);
            if key != last_key || groups.is_empty() {
                groups.push(Vec::new());
                last_key = key;
            }
            if let Some(group) = groups.last_mut() {
                group.push(person);
            }
        }
        Ok(groups)
    }

    /// Merges `duplicate` into `keep`, as the clerk confirmed: everything that pointed at the
    /// duplicate now points at the kept record; the duplicate stays, marked, for the record.
    pub fn merge_persons(&mut self, keep: &str, duplicate: &str) -> Result<Person> {
        if keep == duplicate {
            return Err(Error::invalid(
                "person",
                "Không thể gộp một người với chính mình.",
            ));
        }
        let kept = self.person(keep)?;
        let dup = self.person(duplicate)?;
        if kept.merged_into.is_some() || dup.merged_into.is_some() {
            return Err(Error::invalid(
                "person",
                "Bản ghi này đã được gộp trước đó.",
            ));
        }
        let sp = self.conn.savepoint()?;
        // Both records registered for the same title in the same year: one person's one
        // registration typed twice. The kept record's stays; the copy would break the rule
        // that a person registers once per title and year.
        sp.execute(
            "DELETE FROM registrations WHERE person_id = ?2 AND EXISTS (
                 SELECT 1 FROM registrations k
                 WHERE k.person_id = ?1 AND k.year = registrations.year AND k.code = registrations.code)",
            params![keep, duplicate],
        )?;
        for sql in PERSON_REFERENCES {
            sp.execute(sql, params![keep, duplicate])?;
        }
        // Ratings are one per person and year: keep the kept record's where both exist.
        sp.execute(
            "UPDATE OR IGNORE person_ratings SET person_id = ?1 WHERE person_id = ?2",
            params![keep, duplicate],
        )?;
        sp.execute(
            "DELETE FROM person_ratings WHERE person_id = ?1",
            [duplicate],
        )?;
        sp.execute(
            "UPDATE persons SET merged_into = ?1, citizen_id = NULL, updated_at = ?3,
                 note = trim(note || ' Đã gộp vào hồ sơ của ' || ?4 || '.')
             WHERE id = ?2",
            params![keep, duplicate, now(), kept.full_name],
        )?;
        // Fill what the kept record lacks from the duplicate (never overwrite).
        sp.execute(
            "UPDATE persons SET
                 birth_year = coalesce(birth_year, ?2), birth_date = coalesce(birth_date, ?3),
                 gender = coalesce(gender, ?4), citizen_id = coalesce(citizen_id, ?5),
                 hired_on = coalesce(hired_on, ?6), updated_at = ?7
             WHERE id = ?1",
            params![
                keep,
                dup.birth_year,
                dup.birth_date,
                dup.gender,
                dup.citizen_id,
                dup.hired_on,
                now()
            ],
        )?;
        sp.commit()?;
        self.person(keep)
    }

    /// Finds people by a name as typed (any spelling), for `person history NAME`.
    pub fn persons_named(&self, full_name: &str) -> Result<Vec<Person>> {
        let mut stmt = self
            .conn
            .prepare(&format!("{PERSON_SELECT} WHERE p.name_key = ?1 AND p.merged_into IS NULL ORDER BY p.birth_year, p.created_at"))?;
        let rows = stmt.query_map([name_key(full_name)], person_row)?;
        rows.map(|r| finish_person(r?)).collect()
    }

    /// People a name typed by the clerk points at: every spelling of that name, or — when the
    /// name was typed without diacritics and matches no spelling — every person whose name
    /// reads the same without them (so "nguyen thi hoa" offers both Hoa and Hòa).
    pub fn persons_by_name(&self, typed: &str) -> Result<Vec<Person>> {
        let exact = self.persons_named(typed)?;
        if !exact.is_empty() {
            return Ok(exact);
        }
        let key = search_key(typed);
        Ok(self
            .persons(&PersonQuery {
                search: Some(key.clone()),
                ..Default::default()
            })?
            .into_iter()
            .filter(|p| search_key(&p.full_name) == key)
            .collect())
    }

    pub fn create_household(&mut self, input: &HouseholdInput) -> Result<Household> {
        self.insert_household(input, None)
    }

    pub fn insert_household(
        &mut self,
        input: &HouseholdInput,
        import_id: Option<&str>,
    ) -> Result<Household> {
        let head = clean(&input.head_name);
        if head.is_empty() {
            return Err(Error::invalid(
                "head_name",
                "Tên chủ hộ không được để trống.",
            ));
        }
        if let Some(unit) = input.unit_id.as_deref().filter(|u| !u.is_empty()) {
            self.unit(unit)?;
        }
        let id = new_id();
        self.conn.execute(
            "INSERT INTO households (id, head_name, name_key, search_key, unit_id, address, note,
                 import_id, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)",
            params![
                id,
                head,
                name_key(&head),
                search_key(&head),
                input.unit_id.as_deref().filter(|u| !u.is_empty()),
                clean(&input.address),
                clean(&input.note),
                import_id,
                now()
            ],
        )?;
        self.household(&id)
    }

    pub fn household(&self, id: &str) -> Result<Household> {
        self.conn
            .prepare_cached(
                "SELECT h.id, h.head_name, h.unit_id, u.name, h.address, h.note
                 FROM households h LEFT JOIN units u ON u.id = h.unit_id WHERE h.id = ?1",
            )?
            .query_row([id], |r| {
                Ok(Household {
                    id: r.get(0)?,
                    head_name: r.get(1)?,
                    unit_id: r.get(2)?,
                    unit_name: r.get(3)?,
                    address: r.get(4)?,
                    note: r.get(5)?,
                })
            })
            .optional()?
            .ok_or_else(|| Error::not_found(format!("hộ gia đình có mã định danh {id}")))
    }

    /// Each person given an award by a decision dated `from..=to` (YYYY-MM-DD), once, in
    /// order of id, handed to `each` as read: a roll-up of a large year names 200,000 people,
    /// which asked one by one took a third of its time, and held at once much of its memory.
    pub(crate) fn each_person_awarded(
        &self,
        from: &str,
        to: &str,
        mut each: impl FnMut(Person) -> Result<()>,
    ) -> Result<()> {
        let mut stmt = self.conn.prepare(&format!(
            "{PERSON_SELECT} WHERE p.id IN (SELECT t.person_id FROM awards t
                JOIN decisions d ON d.id = t.decision_id
                WHERE d.decision_date >= ?1 AND d.decision_date <= ?2)
             ORDER BY p.id"
        ))?;
        let mut rows = stmt.query([from, to])?;
        while let Some(r) = rows.next()? {
            each(finish_person(person_row(r)?)?)?;
        }
        Ok(())
    }

    /// The same for households (see [`Store::each_person_awarded`]).
    pub(crate) fn each_household_awarded(
        &self,
        from: &str,
        to: &str,
        mut each: impl FnMut(Household) -> Result<()>,
    ) -> Result<()> {
        let mut stmt = self.conn.prepare(
            "SELECT h.id, h.head_name, h.unit_id, u.name, h.address, h.note
             FROM households h LEFT JOIN units u ON u.id = h.unit_id
             WHERE h.id IN (SELECT t.household_id FROM awards t
                JOIN decisions d ON d.id = t.decision_id
                WHERE d.decision_date >= ?1 AND d.decision_date <= ?2)
             ORDER BY h.id",
        )?;
        let mut rows = stmt.query([from, to])?;
        while let Some(r) = rows.next()? {
            each(Household {
                id: r.get(0)?,
                head_name: r.get(1)?,
                unit_id: r.get(2)?,
                unit_name: r.get(3)?,
                address: r.get(4)?,
                note: r.get(5)?,
            })?;
        }
        Ok(())
    }

    /// Households of a thôn (or all), in Vietnamese order of the head's name.
    pub fn households(&self, unit_id: Option<&str>) -> Result<Vec<Household>> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT h.id, h.head_name, h.unit_id, u.name, h.address, h.note
             FROM households h LEFT JOIN units u ON u.id = h.unit_id
             WHERE ?1 IS NULL OR h.unit_id = ?1
             ORDER BY h.head_name COLLATE {COLLATE_PERSON}"
        ))?;
        let rows = stmt
            .query_map([unit_id], |r| {
                Ok(Household {
                    id: r.get(0)?,
                    head_name: r.get(1)?,
                    unit_id: r.get(2)?,
                    unit_name: r.get(3)?,
                    address: r.get(4)?,
                    note: r.get(5)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(s: &mut Store, name: &str, year: Option<i32>, unit: Option<&str>) -> Person {
        let mut input = PersonInput::named(name, unit);
        input.birth_year = year;
        s.create_person(&input).unwrap()
    }

    #[test]
    fn one_person_typed_three_ways_is_offered_as_one() {
        let mut s = Store::open_in_memory().unwrap();
        let original = person(&mut s, "Phạm Thị Hoà", Some(1985), None);
        for typed in [
            "Phạm Thị Hòa",
            "Pha\u{0323}m Thi\u{0323} Ho\u{0300}a",
            "PHẠM THỊ HÒA",
            "  phạm thị  hoà ",
        ] {
            let found = s.person_candidates(typed, Some(1985), None).unwrap();
            assert_eq!(found.len(), 1, "{typed}");
            assert_eq!(found[0].person.id, original.id);
            assert!(found[0]
                .reasons
                .iter()
                .any(|r| r.contains("cùng năm sinh 1985")));
        }
        // a different name, and the same name born another year, are not offered
        assert!(s
            .person_candidates("Phạm Thị Hoa", Some(1985), None)
            .unwrap()
            .is_empty());
        assert!(s
            .person_candidates("Phạm Thị Hòa", Some(1990), None)
            .unwrap()
            .is_empty());
        // without a birth year the name alone still offers the candidate, with a lower score
        assert_eq!(
            s.person_candidates("Phạm Thị Hòa", None, None).unwrap()[0].score,
            1
        );
    }

    #[test]
    fn stored_nfc_sorted_by_given_name_and_searched_without_diacritics() {
        let mut s = Store::open_in_memory().unwrap();
        for name in [
            "Nguyễn Thị Cúc",
            "Trần Văn Bình",
            "Lê Văn An",
            "Nguye\u{0302}\u{0303}n Văn Ánh",
        ] {
            person(&mut s, name, None, None);
        }
        let all = s.persons(&PersonQuery::default()).unwrap();
        let names: Vec<&str> = all.iter().map(|p| p.full_name.as_str()).collect();
        assert_eq!(
            names,
            vec![
                "Lê Văn An",
                "Nguyễn Văn Ánh",
                "Trần Văn Bình",
                "Nguyễn Thị Cúc"
            ]
        );
        let found = s
            .persons(&PersonQuery {
                search: Some("nguyen anh".into()),
                ..Default::default()
            })
            .unwrap();
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].full_name, "Nguyễn Văn Ánh");
    }

    #[test]
    fn a_name_typed_without_diacritics_offers_every_reading() {
        let mut s = Store::open_in_memory().unwrap();
        person(&mut s, "Nguyễn Thị Hoa", None, None);
        person(&mut s, "Nguyễn Thị Hòa", None, None);
        person(&mut s, "Nguyễn Thị Hoà Bình", None, None);
        assert_eq!(
            s.persons_by_name("NGUYỄN THỊ HOÀ").unwrap().len(),
            1,
            "a spelling finds that name only"
        );
        let loose: Vec<String> = s
            .persons_by_name("nguyen thi hoa")
            .unwrap()
            .into_iter()
            .map(|p| p.full_name)
            .collect();
        assert_eq!(loose, vec!["Nguyễn Thị Hoa", "Nguyễn Thị Hòa"]);
    }

    #[test]
    fn merge_needs_the_clerk_and_moves_everything() {
        let mut s = Store::open_in_memory().unwrap();
        let a = person(&mut s, "Phạm Thị Hoà", Some(1985), None);
        let mut dup_input = PersonInput::named("PHẠM THỊ HÒA", None);
        dup_input.citizen_id = Some("001185012345".into());
        let b = s.create_person(&dup_input).unwrap();
        assert_eq!(
            s.duplicate_person_groups().unwrap().len(),
            1,
            "offered for review"
        );
        assert_eq!(
            s.persons(&PersonQuery::default()).unwrap().len(),
            2,
            "nothing merged on its own"
        );

        let kept = s.merge_persons(&a.id, &b.id).unwrap();
        assert_eq!(
            kept.citizen_id.as_deref(),
            Some("001185012345"),
            "gaps filled from the duplicate"
        );
        assert_eq!(kept.full_name, "Phạm Thị Hoà", "the kept spelling stays");
        assert_eq!(s.persons(&PersonQuery::default()).unwrap().len(), 1);
        assert_eq!(
            s.person(&b.id).unwrap().merged_into.as_deref(),
            Some(a.id.as_str())
        );
        assert!(s.duplicate_person_groups().unwrap().is_empty());
        assert_eq!(
            s.merge_persons(&a.id, &b.id).unwrap_err().code(),
            "invalid_input"
        );
    }

    #[test]
    fn a_person_added_by_mistake_is_taken_back_unless_used() {
        let mut s = Store::open_in_memory().unwrap();
        let typo = person(&mut s, "Lê Văn Tám", None, None);
        s.delete_person(&typo.id).unwrap();
        assert_eq!(s.person(&typo.id).unwrap_err().code(), "not_found");

        let a = person(&mut s, "Phạm Thị Hoà", Some(1985), None);
        let b = person(&mut s, "Pham Thi Hoa", Some(1985), None);
        s.merge_persons(&a.id, &b.id).unwrap();
        let err = s.delete_person(&a.id).unwrap_err();
        assert_eq!(err.code(), "in_use");
        assert!(err.to_string().contains("gộp"), "{err}");
    }

    #[test]
    fn an_edited_name_is_stored_nfc_and_found_without_diacritics() {
        let mut s = Store::open_in_memory().unwrap();
        let p = person(&mut s, "Nguyen Van An", None, None);
        let mut input = PersonInput::named("  Nguye\u{302}\u{303}n   Văn An ", None);
        input.birth_year = Some(1980);
        let edited = s.update_person(&p.id, &input).unwrap();
        assert_eq!(edited.full_name, "Nguyễn Văn An");
        let found = s
            .persons(&PersonQuery {
                search: Some("nguyen van an".into()),
                ..PersonQuery::default()
            })
            .unwrap();
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].birth_year, Some(1980));
    }

    #[test]
    fn merging_two_records_registered_for_the_same_title_keeps_one_registration() {
        use crate::registrations::RegistrationInput;
        use crate::subjects::Subject;
        let mut s = Store::open_in_memory().unwrap();
        let a = person(&mut s, "Đặng Thu Lan", Some(1990), None);
        let b = person(&mut s, "Đặng Thu Lan", Some(1990), None);
        for (p, targets) in [(&a, "Hoàn thành xuất sắc"), (&b, "")] {
            s.create_registration(&RegistrationInput {
                year: 2026,
                subject: Subject::Person(p.id.clone()),
                code: "LDTT".into(),
                targets: targets.into(),
                registered_on: None,
            })
            .unwrap();
        }
        s.merge_persons(&a.id, &b.id).unwrap();
        let left: Vec<(String, String)> = s
            .conn
            .prepare("SELECT person_id, targets FROM registrations")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert_eq!(
            left,
            vec![(a.id.clone(), "Hoàn thành xuất sắc".to_string())]
        );
    }

    #[test]
    fn input_is_checked() {
        let mut s = Store::open_in_memory().unwrap();
        let mut p = PersonInput::named("Lê Văn Tám", None);
        p.birth_date = Some("12/05/1990".into());
        p.birth_year = Some(1991);
        assert_eq!(s.create_person(&p).unwrap_err().field(), Some("birth_year"));
        p.birth_year = None;
        assert_eq!(s.create_person(&p).unwrap().birth_year, Some(1990));
        let mut bad = PersonInput::named("Lê Văn Chín", None);
        bad.citizen_id = Some("12345".into());
        assert_eq!(
            s.create_person(&bad).unwrap_err().field(),
            Some("citizen_id")
        );
        assert_eq!(
            s.create_person(&PersonInput::named(" ", None))
                .unwrap_err()
                .field(),
            Some("full_name")
        );
    }

    #[test]
    fn households_belong_to_a_thon() {
        let mut s = Store::open_in_memory().unwrap();
        let thon = s
            .create_unit(&crate::units::UnitInput {
                code: "T1".into(),
                name: "Thôn Đông".into(),
                kind: crate::units::UnitKind::ThonToDanPho,
                staff_count: None,
                parent_id: None,
                note: String::new(),
            })
            .unwrap();
        for head in ["Trần Văn Bình", "Lê Thị An"] {
            s.create_household(&HouseholdInput {
                head_name: head.into(),
                unit_id: Some(thon.id.clone()),
                address: String::new(),
                note: String::new(),
            })
            .unwrap();
        }
        let list = s.households(Some(&thon.id)).unwrap();
        assert_eq!(
            list.iter()
                .map(|h| h.head_name.as_str())
                .collect::<Vec<_>>(),
            vec!["Lê Thị An", "Trần Văn Bình"]
        );
        assert_eq!(list[0].unit_name.as_deref(), Some("Thôn Đông"));
    }
}
