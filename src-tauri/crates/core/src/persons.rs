//! People and households, across years and files.
//!
//! One person arrives spelled many ways ("Phạm Thị Hoà", "Phạm Thị Hòa" typed in NFD,
//! "PHẠM THỊ HÒA"). Names are stored as typed (NFC) and matched on `text::name_key`;
//! candidates for "same person" also weigh birth year and unit, and the clerk confirms every
//! merge — the program never merges on its own.

use crate::error::{Error, Result};
use crate::store::{new_id, now, Store, COLLATE_PERSON};
use crate::text::{clean, name_key, ranks_person, search_key};
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

/// One line of the persons grid: what it shows of a person and no more, as an array
/// `[id, full name, gender, birth year, position, unit id, group]`. 50.000 people as whole
/// records were ~20 MB of JSON for the web view to read before the list appeared; the rest of
/// a record is asked for when it is needed (a merge).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PersonLine(
    pub String,
    pub String,
    pub Option<String>,
    pub Option<i32>,
    pub String,
    pub Option<String>,
    pub PositionCategory,
);

/// What the persons grid edits of a person: its columns. The rest of the record (birth date,
/// citizen id, start of service, note) is not in the grid and stays as it is on file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PersonLineInput {
    pub full_name: String,
    pub gender: Option<String>,
    pub birth_year: Option<i32>,
    pub position: String,
    pub unit_id: Option<String>,
    pub position_category: PositionCategory,
}

/// One step of the persons grid (a cell typed, a block pasted, a paste undone), saved all or
/// nothing so a failure half-way never leaves half a paste on file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PersonStep {
    /// People the step takes back (added a moment ago, now undone): deleted.
    pub removed: Vec<String>,
    /// Lines edited (with the person's id) or added (without), in the grid's order.
    pub changes: Vec<(Option<String>, PersonLineInput)>,
}

/// A merge done: the kept record as it now is, and the merge's id to take it back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PersonMerge {
    pub id: String,
    pub kept: Person,
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

    /// The grid's columns written over a record's other fields.
    fn overlay(&mut self, line: &PersonLineInput) {
        self.full_name = line.full_name.clone();
        self.gender = line.gender.clone();
        self.birth_year = line.birth_year;
        self.position = line.position.clone();
        self.unit_id = line.unit_id.clone();
        self.position_category = line.position_category;
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

impl From<Person> for PersonInput {
    fn from(p: Person) -> Self {
        PersonInput {
            full_name: p.full_name,
            gender: p.gender,
            birth_year: p.birth_year,
            birth_date: p.birth_date,
            unit_id: p.unit_id,
            position: p.position,
            position_category: p.position_category,
            citizen_id: p.citizen_id,
            hired_on: p.hired_on,
            note: p.note,
        }
    }
}

impl From<Person> for PersonLine {
    fn from(p: Person) -> Self {
        PersonLine(
            p.id,
            p.full_name,
            p.gender,
            p.birth_year,
            p.position,
            p.unit_id,
            p.position_category,
        )
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

/// People in Vietnamese order (given name, then the full name), then by birth year and id. Each
/// distinct name's key is built once: an office repeats names (50.158 people, 6.900 names),
/// and building a key per person took most of the second the persons list waited for.
fn in_person_order<T>(items: Vec<T>, key: impl Fn(&T) -> (&str, Option<i32>, &str)) -> Vec<T> {
    let order: Vec<(u32, Option<i32>, String)> = {
        let ranks = ranks_person(items.iter().map(|t| key(t).0));
        items
            .iter()
            .map(|t| {
                let (name, year, id) = key(t);
                (ranks.get(name).copied().unwrap_or(0), year, id.to_string())
            })
            .collect()
    };
    let mut keyed: Vec<_> = order.into_iter().zip(items).collect();
    keyed.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    keyed.into_iter().map(|(_, t)| t).collect()
}

/// Rows that point at a person (table, column), re-pointed when duplicates are merged. Each
/// table has an `id`, so a merge can note which rows it moved and its undo move only those.
const PERSON_REFERENCES: [(&str, &str); 6] = [
    ("awards", "person_id"),
    ("registrations", "person_id"),
    ("proposal_items", "person_id"),
    ("initiatives", "person_id"),
    ("exemplary_models", "person_id"),
    ("persons", "merged_into"),
];

/// What a merge changed, kept with it (`person_merges.undo`, JSON) so it can be put back.
#[derive(Debug, Default, Serialize, Deserialize)]
struct MergeUndo {
    /// Ids of the rows re-pointed from the duplicate to the kept record, per table.
    moved: Vec<(String, Vec<String>)>,
    /// Years whose rating moved from the duplicate to the kept record.
    ratings_moved: Vec<i32>,
    /// Rows deleted as copies of the kept record's (same registration, a rating of a year the
    /// kept record has): table, then each row as column → value.
    deleted: Vec<(String, Vec<serde_json::Map<String, serde_json::Value>>)>,
    /// The duplicate's fields the merge changed.
    duplicate_citizen_id: Option<String>,
    duplicate_note: String,
    /// The kept record's gaps the merge filled from the duplicate: column, value written.
    filled: Vec<(String, serde_json::Value)>,
}

/// The tables a merge deletes copies from; an undo writes rows back only into these.
const MERGE_DELETES: [&str; 2] = ["registrations", "person_ratings"];

fn json_of(v: rusqlite::types::ValueRef) -> serde_json::Value {
    use rusqlite::types::ValueRef;
    match v {
        ValueRef::Null | ValueRef::Blob(_) => serde_json::Value::Null,
        ValueRef::Integer(i) => i.into(),
        ValueRef::Real(f) => f.into(),
        ValueRef::Text(t) => String::from_utf8_lossy(t).into_owned().into(),
    }
}

fn sql_of(v: &serde_json::Value) -> rusqlite::types::Value {
    use rusqlite::types::Value;
    match v {
        serde_json::Value::Number(n) => match n.as_i64() {
            Some(i) => Value::Integer(i),
            None => Value::Real(n.as_f64().unwrap_or_default()),
        },
        serde_json::Value::String(t) => Value::Text(t.clone()),
        serde_json::Value::Bool(b) => Value::Integer(i64::from(*b)),
        _ => Value::Null,
    }
}

/// The rows `select` finds, each as column → value, to be written back as they were.
fn snapshot(
    conn: &rusqlite::Connection,
    select: &str,
    args: impl rusqlite::Params,
) -> Result<Vec<serde_json::Map<String, serde_json::Value>>> {
    let mut stmt = conn.prepare(select)?;
    let names: Vec<String> = stmt.column_names().map(str::to_string).collect();
    let mut rows = stmt.query(args)?;
    let mut out = Vec::new();
    while let Some(row) = rows.next()? {
        let mut map = serde_json::Map::new();
        for (i, name) in names.iter().enumerate() {
            map.insert(name.clone(), json_of(row.get_ref(i)?));
        }
        out.push(map);
    }
    Ok(out)
}

/// Ids of the rows of `table` whose `column` is `person`.
fn ids_pointing(
    conn: &rusqlite::Connection,
    table: &str,
    column: &str,
    person: &str,
) -> Result<Vec<String>> {
    let mut stmt = conn.prepare(&format!("SELECT id FROM {table} WHERE {column} = ?1"))?;
    let ids = stmt
        .query_map([person], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(ids)
}

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
        let people = rows
            .map(|r| finish_person(r?))
            .collect::<Result<Vec<Person>>>()?;
        let mut people = in_person_order(people, |p| (&p.full_name, p.birth_year, &p.id));
        if let Some(limit) = query.limit {
            people.truncate(limit as usize);
        }
        Ok(people)
    }

    /// Everyone on file (merged duplicates left out) as the persons grid shows them, in the
    /// same order as [`Store::persons`].
    pub fn person_lines(&self) -> Result<Vec<PersonLine>> {
        let mut stmt = self.conn.prepare(
            "SELECT id, full_name, gender, birth_year, position, unit_id, position_category
             FROM persons WHERE merged_into IS NULL",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                PersonLine(
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                    PositionCategory::TrucTiep,
                ),
                r.get::<_, String>(6)?,
            ))
        })?;
        let lines = rows
            .map(|r| {
                let (mut line, category) = r?;
                line.6 = PositionCategory::parse(&category)?;
                Ok(line)
            })
            .collect::<Result<Vec<PersonLine>>>()?;
        Ok(in_person_order(lines, |l| (&l.1, l.3, &l.0)))
    }

    /// Saves one step of the persons grid, all or nothing: the people it takes back are
    /// deleted (each refused as [`Store::delete_person`] refuses it), then each line is
    /// updated or created. The saved lines come back in the order of `step.changes`.
    pub fn save_person_step(&mut self, step: &PersonStep) -> Result<Vec<PersonLine>> {
        self.atomically(|s| {
            for id in &step.removed {
                s.delete_person(id)?;
            }
            step.changes
                .iter()
                .map(|(id, line)| {
                    let saved = match id {
                        Some(id) => {
                            let mut input = PersonInput::from(s.person(id)?);
                            input.overlay(line);
                            s.update_person(id, &input)?
                        }
                        None => {
                            let mut input = PersonInput::named(&line.full_name, None);
                            input.overlay(line);
                            s.create_person(&input)?
                        }
                    };
                    Ok(PersonLine::from(saved))
                })
                .collect()
        })
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
    /// What the merge changed is kept with it, for [`Store::undo_person_merge`].
    pub fn merge_persons(&mut self, keep: &str, duplicate: &str) -> Result<PersonMerge> {
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
        let at = now();
        let id = new_id();
        self.atomically(|s| {
            let conn = &s.conn;
            let mut undo = MergeUndo {
                duplicate_citizen_id: dup.citizen_id.clone(),
                duplicate_note: dup.note.clone(),
                ..Default::default()
            };
            // Both records registered for the same title in the same year: one person's one
            // registration typed twice. The kept record's stays; the copy would break the rule
            // that a person registers once per title and year.
            let copies = "FROM registrations WHERE person_id = ?2 AND EXISTS (
                 SELECT 1 FROM registrations k
                 WHERE k.person_id = ?1 AND k.year = registrations.year AND k.code = registrations.code)";
            let rows = snapshot(conn, &format!("SELECT * {copies}"), params![keep, duplicate])?;
            undo.deleted.push(("registrations".into(), rows));
            conn.execute(&format!("DELETE {copies}"), params![keep, duplicate])?;
            for (table, column) in PERSON_REFERENCES {
                let ids = ids_pointing(conn, table, column, duplicate)?;
                conn.execute(
                    &format!("UPDATE {table} SET {column} = ?1 WHERE {column} = ?2"),
                    params![keep, duplicate],
                )?;
                undo.moved.push((table.into(), ids));
            }
            // Ratings are one per person and year: keep the kept record's where both exist.
            let mut stmt = conn.prepare(
                "SELECT year FROM person_ratings d WHERE person_id = ?2 AND NOT EXISTS (
                     SELECT 1 FROM person_ratings k WHERE k.person_id = ?1 AND k.year = d.year)",
            )?;
            undo.ratings_moved = stmt
                .query_map(params![keep, duplicate], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            conn.execute(
                "UPDATE OR IGNORE person_ratings SET person_id = ?1 WHERE person_id = ?2",
                params![keep, duplicate],
            )?;
            let rows = snapshot(
                conn,
                "SELECT * FROM person_ratings WHERE person_id = ?1",
                [duplicate],
            )?;
            undo.deleted.push(("person_ratings".into(), rows));
            conn.execute("DELETE FROM person_ratings WHERE person_id = ?1", [duplicate])?;
            conn.execute(
                "UPDATE persons SET merged_into = ?1, citizen_id = NULL, updated_at = ?3,
                     note = trim(note || ' Đã gộp vào hồ sơ của ' || ?4 || '.')
                 WHERE id = ?2",
                params![keep, duplicate, at, kept.full_name],
            )?;
            // Fill what the kept record lacks from the duplicate (never overwrite).
            let gaps: [(&str, bool, serde_json::Value); 5] = [
                ("birth_year", kept.birth_year.is_none(), dup.birth_year.into()),
                ("birth_date", kept.birth_date.is_none(), dup.birth_date.clone().into()),
                ("gender", kept.gender.is_none(), dup.gender.clone().into()),
                ("citizen_id", kept.citizen_id.is_none(), dup.citizen_id.clone().into()),
                ("hired_on", kept.hired_on.is_none(), dup.hired_on.clone().into()),
            ];
            for (column, gap, value) in gaps {
                if gap && !value.is_null() {
                    conn.execute(
                        &format!("UPDATE persons SET {column} = ?2, updated_at = ?3 WHERE id = ?1"),
                        params![keep, sql_of(&value), at],
                    )?;
                    undo.filled.push((column.into(), value));
                }
            }
            let undo = serde_json::to_string(&undo).map_err(|e| {
                Error::invalid("person", format!("Không ghi được bản ghi lần gộp: {e}"))
            })?;
            conn.execute(
                "INSERT INTO person_merges (id, keep_id, duplicate_id, merged_at, undo)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                params![id, keep, duplicate, at, undo],
            )?;
            Ok(())
        })?;
        Ok(PersonMerge {
            id,
            kept: self.person(keep)?,
        })
    }

    /// Takes a merge back, all or nothing: the rows it re-pointed point at the duplicate again,
    /// the copies it deleted are back, the duplicate is an active record with its citizen id
    /// and note, and the kept record's gaps it filled are empty again (unless the clerk has
    /// since typed something else there). Returns the duplicate as it is again.
    pub fn undo_person_merge(&mut self, merge_id: &str) -> Result<Person> {
        let found: Option<(String, String, String, Option<String>)> = self
            .conn
            .query_row(
                "SELECT keep_id, duplicate_id, undo, undone_at FROM person_merges WHERE id = ?1",
                [merge_id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )
            .optional()?;
        let Some((keep, duplicate, undo, undone)) = found else {
            return Err(Error::not_found(format!("lần gộp có mã {merge_id}")));
        };
        let kept = self.person(&keep)?;
        let dup = self.person(&duplicate)?;
        // A later merge of the kept record (which also re-pointed the duplicate) goes first.
        if kept.merged_into.is_some() {
            return Err(Error::invalid(
                "person",
                format!(
                    "Hồ sơ {} đã được gộp tiếp vào hồ sơ khác; hãy hoàn tác lần gộp sau trước.",
                    kept.full_name
                ),
            ));
        }
        if undone.is_some() || dup.merged_into.as_deref() != Some(keep.as_str()) {
            return Err(Error::invalid(
                "person",
                format!(
                    "Lần gộp {} vào hồ sơ {} đã được hoàn tác.",
                    dup.full_name, kept.full_name
                ),
            ));
        }
        let undo: MergeUndo = serde_json::from_str(&undo).map_err(|e| {
            Error::invalid(
                "person",
                format!("Không hoàn tác được: bản ghi của lần gộp này bị hỏng ({e})."),
            )
        })?;
        let at = now();
        self.atomically(|s| {
            // The kept record's gaps first: the citizen id goes back to the duplicate.
            for (column, value) in &undo.filled {
                if !matches!(
                    column.as_str(),
                    "birth_year" | "birth_date" | "gender" | "citizen_id" | "hired_on"
                ) {
                    continue;
                }
                s.conn.execute(
                    &format!(
                        "UPDATE persons SET {column} = NULL, updated_at = ?3 WHERE id = ?1 AND {column} IS ?2"
                    ),
                    params![keep, sql_of(value), at],
                )?;
            }
            s.check_citizen_id_free(undo.duplicate_citizen_id.as_deref(), Some(&duplicate))?;
            s.conn.execute(
                "UPDATE persons SET merged_into = NULL, citizen_id = ?2, note = ?3, updated_at = ?4
                 WHERE id = ?1",
                params![duplicate, undo.duplicate_citizen_id, undo.duplicate_note, at],
            )?;
            for (table, ids) in &undo.moved {
                let Some((table, column)) =
                    PERSON_REFERENCES.iter().find(|(t, _)| *t == table.as_str())
                else {
                    continue;
                };
                let mut stmt = s.conn.prepare(&format!(
                    "UPDATE {table} SET {column} = ?1 WHERE id = ?2 AND {column} = ?3"
                ))?;
                for id in ids {
                    stmt.execute(params![duplicate, id, keep])?;
                }
            }
            let mut stmt = s.conn.prepare(
                "UPDATE person_ratings SET person_id = ?1 WHERE person_id = ?2 AND year = ?3",
            )?;
            for year in &undo.ratings_moved {
                stmt.execute(params![duplicate, keep, year])?;
            }
            for (table, rows) in &undo.deleted {
                let Some(table) = MERGE_DELETES.iter().find(|t| **t == table.as_str()) else {
                    continue;
                };
                for row in rows {
                    let columns: Vec<&str> = row.keys().map(String::as_str).collect();
                    let marks = vec!["?"; columns.len()].join(", ");
                    s.conn.execute(
                        &format!("INSERT INTO {table} ({}) VALUES ({marks})", columns.join(", ")),
                        params_from_iter(row.values().map(sql_of)),
                    )?;
                }
            }
            s.conn.execute(
                "UPDATE person_merges SET undone_at = ?2 WHERE id = ?1",
                params![merge_id, at],
            )?;
            Ok(())
        })?;
        self.person(&duplicate)
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

    /// Households whose head's name has every word typed (diacritics ignored), in Vietnamese
    /// order: what the clerk picks from when proposing a household (Gia đình văn hóa…).
    pub fn households_named(&self, typed: &str, limit: usize) -> Result<Vec<Household>> {
        let typed = search_key(typed);
        let words: Vec<&str> = typed.split(' ').filter(|w| !w.is_empty()).collect();
        if words.is_empty() {
            return Ok(Vec::new());
        }
        let mut found = self.households(None)?;
        found.retain(|h| {
            let key = search_key(&h.head_name);
            words.iter().all(|w| key.contains(w))
        });
        found.truncate(limit);
        Ok(found)
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

        let kept = s.merge_persons(&a.id, &b.id).unwrap().kept;
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

    /// Every row of a table, sorted, as text: what an undo must give back exactly.
    fn dump(s: &Store, table: &str) -> Vec<String> {
        let mut rows = snapshot(&s.conn, &format!("SELECT * FROM {table}"), [])
            .unwrap()
            .into_iter()
            .map(|r| serde_json::Value::Object(r).to_string())
            .collect::<Vec<_>>();
        rows.sort();
        rows
    }

    #[test]
    fn a_merge_is_undone_with_its_links_copies_and_filled_gaps() {
        use crate::assessments::Completion;
        use crate::registrations::RegistrationInput;
        use crate::subjects::Subject;
        let mut s = Store::open_in_memory().unwrap();
        let a = person(&mut s, "Đặng Thu Lan", None, None);
        let mut dup = PersonInput::named("ĐẶNG THU LAN", None);
        dup.birth_year = Some(1990);
        dup.citizen_id = Some("001190012345".into());
        dup.note = "Nhập từ danh sách trường".into();
        let b = s.create_person(&dup).unwrap();
        let other = person(&mut s, "Dang Thu Lan", Some(1990), None);
        // b has a copy of a's registration, one of its own, ratings (one year both have)
        // and a record merged into it earlier.
        for (p, code, targets) in [
            (&a, "LDTT", "của a"),
            (&b, "LDTT", "bản sao"),
            (&b, "CSTD_CS", "của b"),
        ] {
            s.create_registration(&RegistrationInput {
                year: 2026,
                subject: Subject::Person(p.id.clone()),
                code: code.into(),
                targets: targets.into(),
                registered_on: None,
            })
            .unwrap();
        }
        s.set_person_rating(&a.id, 2024, Completion::Htxs, false, "")
            .unwrap();
        s.set_person_rating(&b.id, 2024, Completion::Htt, false, "")
            .unwrap();
        s.set_person_rating(&b.id, 2025, Completion::Ht, false, "")
            .unwrap();
        s.merge_persons(&b.id, &other.id).unwrap();
        let tables = ["persons", "registrations", "person_ratings"];
        let before: Vec<Vec<String>> = tables.iter().map(|t| dump(&s, t)).collect();

        let merge = s.merge_persons(&a.id, &b.id).unwrap();
        assert_eq!(merge.kept.birth_year, Some(1990), "gap filled");
        assert_eq!(merge.kept.citizen_id.as_deref(), Some("001190012345"));
        assert_eq!(s.count_persons().unwrap(), 1);
        assert_ne!(dump(&s, "registrations"), before[1]);

        let back = s.undo_person_merge(&merge.id).unwrap();
        assert_eq!(back.id, b.id);
        assert_eq!(back.merged_into, None);
        let after: Vec<Vec<String>> = tables.iter().map(|t| dump(&s, t)).collect();
        for ((table, was), now) in tables.iter().zip(&before).zip(&after) {
            if *table == "persons" {
                // Only the change times differ.
                let strip = |rows: &Vec<String>| -> Vec<String> {
                    rows.iter()
                        .map(|r| {
                            let mut v: serde_json::Value = serde_json::from_str(r).unwrap();
                            v["updated_at"] = serde_json::Value::Null;
                            v.to_string()
                        })
                        .collect()
                };
                assert_eq!(strip(now), strip(was), "{table}");
            } else {
                assert_eq!(now, was, "{table} as before the merge");
            }
        }
        assert_eq!(s.count_persons().unwrap(), 2);
        assert_eq!(
            s.undo_person_merge(&merge.id).unwrap_err().code(),
            "invalid_input",
            "an undone merge is not undone twice"
        );
        // The two can be merged again, and the other way round.
        s.merge_persons(&b.id, &a.id).unwrap();
    }

    #[test]
    fn a_merge_undo_keeps_what_the_clerk_typed_since_and_refuses_out_of_order() {
        let mut s = Store::open_in_memory().unwrap();
        let a = person(&mut s, "Phạm Thị Hoà", None, None);
        let b = person(&mut s, "PHẠM THỊ HÒA", Some(1985), None);
        let c = person(&mut s, "Pham Thi Hoa", None, None);
        let merge = s.merge_persons(&a.id, &b.id).unwrap();
        // The clerk corrects the birth year the merge filled in: the undo leaves it.
        let mut input = PersonInput::from(s.person(&a.id).unwrap());
        input.birth_year = Some(1986);
        s.update_person(&a.id, &input).unwrap();
        // a merged on into c: the later merge goes back first.
        let later = s.merge_persons(&c.id, &a.id).unwrap();
        let err = s.undo_person_merge(&merge.id).unwrap_err();
        assert!(
            err.to_string().contains("hoàn tác lần gộp sau trước"),
            "{err}"
        );
        assert_eq!(
            s.person(&b.id).unwrap().merged_into.as_deref(),
            Some(c.id.as_str())
        );
        s.undo_person_merge(&later.id).unwrap();
        assert_eq!(
            s.person(&b.id).unwrap().merged_into.as_deref(),
            Some(a.id.as_str())
        );
        s.undo_person_merge(&merge.id).unwrap();
        assert_eq!(s.person(&a.id).unwrap().birth_year, Some(1986));
        assert_eq!(s.count_persons().unwrap(), 3);
    }

    #[test]
    fn a_grid_step_is_saved_all_or_nothing_and_keeps_what_the_grid_does_not_show() {
        use crate::registrations::RegistrationInput;
        use crate::subjects::Subject;
        let mut s = Store::open_in_memory().unwrap();
        let mut input = PersonInput::named("Lò Văn Pâng", None);
        input.citizen_id = Some("011079001234".into());
        input.note = "Chuyển từ huyện khác".into();
        let known = s.create_person(&input).unwrap();
        let line = |name: &str| PersonLineInput {
            full_name: name.into(),
            gender: Some("nam".into()),
            birth_year: Some(1979),
            position: "Tổ trưởng".into(),
            unit_id: None,
            position_category: PositionCategory::TrucTiep,
        };
        // A pasted block: three new people and an edit of a known one.
        let saved = s
            .save_person_step(&PersonStep {
                removed: vec![],
                changes: vec![
                    (None, line("Hà Thị Phương Thảo")),
                    (Some(known.id.clone()), line("Lò Văn Pâng")),
                    (None, line("Vàng Thị Mỷ")),
                    (None, line("Giàng A Sử")),
                ],
            })
            .unwrap();
        assert_eq!(saved.len(), 4);
        assert_eq!(saved[1].0, known.id);
        let kept = s.person(&known.id).unwrap();
        assert_eq!(
            (kept.position.as_str(), kept.birth_year),
            ("Tổ trưởng", Some(1979))
        );
        assert_eq!(kept.citizen_id, known.citizen_id, "not in the grid, kept");
        assert_eq!(kept.note, "Chuyển từ huyện khác");
        assert_eq!(s.count_persons().unwrap(), 4);
        let lines = s.person_lines().unwrap();
        assert_eq!(
            lines.iter().map(|l| l.1.as_str()).collect::<Vec<_>>(),
            [
                "Vàng Thị Mỷ",
                "Lò Văn Pâng",
                "Giàng A Sử",
                "Hà Thị Phương Thảo"
            ],
            "by given name"
        );
        let full: Vec<String> = s
            .persons(&PersonQuery::default())
            .unwrap()
            .into_iter()
            .map(|p| p.id)
            .collect();
        assert_eq!(
            lines.iter().map(|l| l.0.clone()).collect::<Vec<_>>(),
            full,
            "as the full list"
        );

        // Undoing the paste: one of the three is registered meanwhile, so none is deleted.
        let added: Vec<String> = [0, 2, 3].iter().map(|&i| saved[i].0.clone()).collect();
        s.create_registration(&RegistrationInput {
            year: 2026,
            subject: Subject::Person(added[2].clone()),
            code: "LDTT".into(),
            targets: String::new(),
            registered_on: None,
        })
        .unwrap();
        let err = s
            .save_person_step(&PersonStep {
                removed: added.clone(),
                changes: vec![],
            })
            .unwrap_err();
        assert_eq!(err.code(), "in_use");
        assert!(err.to_string().contains("Giàng A Sử"), "{err}");
        assert_eq!(s.count_persons().unwrap(), 4, "none deleted");
        s.conn.execute("DELETE FROM registrations", []).unwrap();
        s.save_person_step(&PersonStep {
            removed: added,
            changes: vec![],
        })
        .unwrap();
        assert_eq!(
            s.count_persons().unwrap(),
            1,
            "all three taken back at once"
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
        let found = s.households_named("tran binh", 10).unwrap();
        assert_eq!(
            found
                .iter()
                .map(|h| h.head_name.as_str())
                .collect::<Vec<_>>(),
            ["Trần Văn Bình"]
        );
        assert!(s.households_named("  ", 10).unwrap().is_empty());
        assert_eq!(
            list.iter()
                .map(|h| h.head_name.as_str())
                .collect::<Vec<_>>(),
            vec!["Lê Thị An", "Trần Văn Bình"]
        );
        assert_eq!(list[0].unit_name.as_deref(), Some("Thôn Đông"));
    }
}
