//! Registrations (đăng ký thi đua): at the start of each year every unit lists the titles
//! and forms it, its people and its households aim for. One registration per subject, title
//! and year; the list feeds the "Đăng ký thi đua" sheet and, at year end, the comparison of
//! what was registered with what was granted.

use crate::blocks::check_year;
use crate::error::{Error, Result};
use crate::rules::{AwardKind, CatalogItem};
use crate::store::{new_id, now, Store, COLLATE_PERSON, COLLATE_VI};
use crate::subjects::{RecipientKind, Subject, SUBJECT_NAME_SQL, SUBJECT_UNIT_SQL};
use crate::text::{clean, matches_search, search_key};
use crate::units::parse_date;
use rusqlite::{params, params_from_iter, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What the clerk types to register a subject for a title or form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RegistrationInput {
    pub year: i32,
    pub subject: Subject,
    /// Catalog code of the title (danh hiệu) or form (hình thức), e.g. "LDTT".
    pub code: String,
    /// The pledged targets (chỉ tiêu), free text.
    pub targets: String,
    /// dd/mm/yyyy or yyyy-mm-dd; stored as yyyy-mm-dd.
    pub registered_on: Option<String>,
}

/// A registration as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Registration {
    pub id: String,
    pub year: i32,
    pub subject: Subject,
    pub code: String,
    pub targets: String,
    pub registered_on: Option<String>,
    /// The import that brought it, if it came from a file.
    pub import_id: Option<String>,
    pub created_at: String,
    pub updated_at: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RegistrationQuery {
    pub year: i32,
    /// Only the subjects of this unit: its people, itself, its households.
    pub unit_id: Option<String>,
    /// Only this title or form.
    pub code: Option<String>,
    /// Words to find in the name, unit or title, diacritics and case ignored.
    pub search: Option<String>,
}

/// One line of the registration list, with what the list shows about its subject.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RegistrationRow {
    pub id: String,
    pub year: i32,
    pub subject: Subject,
    pub recipient_kind: RecipientKind,
    /// The person's full name, the unit's name or the household head's name.
    pub recipient_name: String,
    /// The person's position (chức vụ), for the "Chức vụ, đơn vị" column; empty otherwise.
    pub position: String,
    pub code: String,
    pub code_name: String,
    pub award_kind: AwardKind,
    /// The unit the subject belongs to: the person's unit, the unit itself, the household's
    /// thôn. None for a person or household not attached to any unit.
    pub unit_id: Option<String>,
    pub unit_code: Option<String>,
    pub unit: Option<String>,
    pub targets: String,
    pub registered_on: Option<String>,
    pub import_id: Option<String>,
}

/// One line changed in the registrations grid: a new line (no `id`), an edited one, or a
/// line taken away (no `input`, as when a paste is undone).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RegistrationEdit {
    #[ts(optional = nullable)]
    pub id: Option<String>,
    #[ts(optional = nullable)]
    pub input: Option<RegistrationInput>,
}

/// How many registered for a title or form, by kind of recipient.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RegistrationTotal {
    pub code: String,
    pub code_name: String,
    pub award_kind: AwardKind,
    pub recipient_kind: RecipientKind,
    pub count: u32,
}

/// Who a catalog item's `subject` column allows, as words for a message.
fn allowed_label(subject: &str) -> &'static str {
    match subject {
        "ca_nhan" => "cá nhân",
        "tap_the" => "tập thể",
        "ho_gia_dinh" => "hộ gia đình",
        _ => "mọi đối tượng",
    }
}

fn award_kind(s: &str) -> AwardKind {
    if s == "danh_hieu" {
        AwardKind::DanhHieu
    } else {
        AwardKind::HinhThuc
    }
}

/// The display name of a subject, checking that it exists. With `for_new_record`, also that
/// it can still receive new records: a person merged into another record, or a unit merged
/// or dissolved, cannot (their old records stay, and stay editable).
pub(crate) fn subject_name(
    conn: &Connection,
    subject: &Subject,
    for_new_record: bool,
) -> Result<String> {
    match subject {
        Subject::Person(id) => {
            let row: Option<(String, Option<String>)> = conn
                .query_row(
                    "SELECT p.full_name, k.full_name FROM persons p
                     LEFT JOIN persons k ON k.id = p.merged_into WHERE p.id = ?1",
                    [id],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()?;
            match row {
                None => Err(Error::not_found(format!("cá nhân có mã định danh {id}"))),
                Some((name, Some(kept))) if for_new_record => Err(Error::invalid(
                    "subject",
                    format!(
                        "Hồ sơ \"{name}\" đã được gộp vào hồ sơ \"{kept}\"; hãy chọn hồ sơ đó."
                    ),
                )),
                Some((name, _)) => Ok(name),
            }
        }
        Subject::Unit(id) => {
            let row: Option<(String, String)> = conn
                .query_row("SELECT name, status FROM units WHERE id = ?1", [id], |r| {
                    Ok((r.get(0)?, r.get(1)?))
                })
                .optional()?;
            match row {
                None => Err(Error::not_found(format!("đơn vị có mã định danh {id}"))),
                Some((name, status)) if for_new_record && status != "active" => {
                    Err(Error::invalid(
                        "subject",
                        format!(
                            "Đơn vị \"{name}\" đã {} nên không ghi nhận mới được.",
                            if status == "merged" {
                                "sáp nhập"
                            } else {
                                "giải thể"
                            }
                        ),
                    ))
                }
                Some((name, _)) => Ok(name),
            }
        }
        Subject::Household(id) => conn
            .query_row(
                "SELECT head_name FROM households WHERE id = ?1",
                [id],
                |r| r.get(0),
            )
            .optional()?
            .ok_or_else(|| Error::not_found(format!("hộ gia đình có mã định danh {id}"))),
    }
}

/// "Cá nhân \"Nguyễn Văn An\"", "Tập thể \"Trường Tiểu học An Bình\"", for messages.
fn subject_phrase(kind: RecipientKind, name: &str) -> String {
    format!("{} \"{name}\"", kind.label())
}

/// The same in the middle of a sentence: "cá nhân \"Nguyễn Văn An\"".
fn subject_phrase_lower(kind: RecipientKind, name: &str) -> String {
    format!("{} \"{name}\"", kind.label().to_lowercase())
}

fn is_unique_violation(e: &rusqlite::Error) -> bool {
    matches!(e, rusqlite::Error::SqliteFailure(f, _)
        if f.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE)
}

const REGISTRATION_SELECT: &str = "SELECT id, year, person_id, unit_id, household_id, code,
    targets, registered_on, import_id, created_at, updated_at FROM registrations";

fn registration_row(r: &Row) -> rusqlite::Result<(Registration, [Option<String>; 3])> {
    // The subject is rebuilt after the row is read, so a malformed row is a typed error.
    Ok((
        Registration {
            id: r.get(0)?,
            year: r.get(1)?,
            subject: Subject::Unit(String::new()),
            code: r.get(5)?,
            targets: r.get(6)?,
            registered_on: r.get(7)?,
            import_id: r.get(8)?,
            created_at: r.get(9)?,
            updated_at: r.get(10)?,
        },
        [r.get(2)?, r.get(3)?, r.get(4)?],
    ))
}

/// The input checked and in stored form, with what messages need about it.
struct Checked {
    year: i32,
    subject: Subject,
    subject_name: String,
    item: CatalogItem,
    targets: String,
    registered_on: Option<String>,
}

impl Store {
    /// Checks a registration as typed. `new_subject` is false when an existing registration
    /// keeps its subject, which then only has to exist.
    fn check_registration(&self, input: &RegistrationInput, new_subject: bool) -> Result<Checked> {
        let year = check_year(input.year)?;
        let code = clean(&input.code).to_uppercase();
        if code.is_empty() {
            return Err(Error::invalid(
                "code",
                "Hãy chọn danh hiệu hoặc hình thức khen thưởng đăng ký.",
            ));
        }
        let item = self.catalog_item(&code)?;
        let subject_name = subject_name(&self.conn, &input.subject, new_subject)?;
        let kind = input.subject.kind();
        if !item.fits(kind) {
            return Err(Error::invalid(
                "code",
                format!(
                    "\"{}\" dành cho {}, không đăng ký cho {} được.",
                    item.name,
                    allowed_label(&item.subject),
                    subject_phrase_lower(kind, &subject_name)
                ),
            ));
        }
        // A title abolished before the year (or created after it) cannot be aimed for then.
        let (first, last) = (format!("{year}-01-01"), format!("{year}-12-31"));
        if item
            .valid_to
            .as_deref()
            .is_some_and(|to| to < first.as_str())
        {
            return Err(Error::invalid(
                "code",
                format!(
                    "\"{}\" chỉ áp dụng đến {}, không đăng ký cho năm {year} được.",
                    item.name,
                    display_date(item.valid_to.as_deref().unwrap_or_default())
                ),
            ));
        }
        if item
            .valid_from
            .as_deref()
            .is_some_and(|from| from > last.as_str())
        {
            return Err(Error::invalid(
                "code",
                format!(
                    "\"{}\" áp dụng từ {}, không đăng ký cho năm {year} được.",
                    item.name,
                    display_date(item.valid_from.as_deref().unwrap_or_default())
                ),
            ));
        }
        let registered_on = input
            .registered_on
            .as_deref()
            .filter(|d| !d.trim().is_empty())
            .map(|d| parse_date("registered_on", d))
            .transpose()?;
        Ok(Checked {
            year,
            subject: input.subject.clone(),
            subject_name,
            item,
            targets: clean(&input.targets),
            registered_on,
        })
    }

    /// The message for a second registration of the same subject, title and year.
    fn already_registered(&self, c: &Checked) -> Error {
        Error::duplicate(
            "code",
            format!(
                "{} đã đăng ký \"{}\" năm {}.",
                subject_phrase(c.subject.kind(), &c.subject_name),
                c.item.name,
                c.year
            ),
        )
    }

    pub fn registration(&self, id: &str) -> Result<Registration> {
        let (mut reg, [p, u, h]) = self
            .conn
            .query_row(
                &format!("{REGISTRATION_SELECT} WHERE id = ?1"),
                [id],
                registration_row,
            )
            .optional()?
            .ok_or_else(|| Error::not_found(format!("đăng ký thi đua có mã định danh {id}")))?;
        reg.subject = Subject::from_columns(p, u, h)?;
        Ok(reg)
    }

    pub fn create_registration(&mut self, input: &RegistrationInput) -> Result<Registration> {
        self.insert_registration(input, None)
    }

    /// Registers a subject; `import_id` records the import that brought it, if any.
    pub fn insert_registration(
        &mut self,
        input: &RegistrationInput,
        import_id: Option<&str>,
    ) -> Result<Registration> {
        let c = self.check_registration(input, true)?;
        let (person, unit, household) = c.subject.columns();
        let id = new_id();
        let inserted = self.conn.execute(
            "INSERT INTO registrations (id, year, person_id, unit_id, household_id, code, targets,
                 registered_on, import_id, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)",
            params![
                id,
                c.year,
                person,
                unit,
                household,
                c.item.code,
                c.targets,
                c.registered_on,
                import_id,
                now()
            ],
        );
        match inserted {
            Err(e) if is_unique_violation(&e) => Err(self.already_registered(&c)),
            other => {
                other?;
                self.registration(&id)
            }
        }
    }

    pub fn update_registration(
        &mut self,
        id: &str,
        input: &RegistrationInput,
    ) -> Result<Registration> {
        let old = self.registration(id)?;
        // A registration of a unit merged since stays editable (its targets, its date):
        // only a change of subject must name one that can still register.
        let c = self.check_registration(input, old.subject != input.subject)?;
        let (person, unit, household) = c.subject.columns();
        let updated = self.conn.execute(
            "UPDATE registrations SET year = ?2, person_id = ?3, unit_id = ?4, household_id = ?5,
                 code = ?6, targets = ?7, registered_on = ?8, updated_at = ?9
             WHERE id = ?1",
            params![
                id,
                c.year,
                person,
                unit,
                household,
                c.item.code,
                c.targets,
                c.registered_on,
                now()
            ],
        );
        match updated {
            Err(e) if is_unique_violation(&e) => Err(self.already_registered(&c)),
            other => {
                other?;
                self.registration(id)
            }
        }
    }

    pub fn delete_registration(&mut self, id: &str) -> Result<()> {
        self.registration(id)?;
        self.conn
            .execute("DELETE FROM registrations WHERE id = ?1", [id])?;
        Ok(())
    }

    /// Saves the lines of one grid step together: a pasted block of 30 lines goes in whole or,
    /// when one of them is refused, not at all (the clerk fixes that line and pastes again).
    /// Returns, line by line, the registration as saved (None for a line taken away).
    pub fn save_registrations(
        &mut self,
        edits: &[RegistrationEdit],
    ) -> Result<Vec<Option<Registration>>> {
        self.atomically(|s| {
            edits
                .iter()
                .map(|e| match (&e.id, &e.input) {
                    (Some(id), Some(input)) => s.update_registration(id, input).map(Some),
                    (None, Some(input)) => s.create_registration(input).map(Some),
                    (Some(id), None) => s.delete_registration(id).map(|()| None),
                    (None, None) => Ok(None),
                })
                .collect()
        })
    }

    /// The registrations of a year, grouped as the "Đăng ký thi đua" sheet lists them: by
    /// unit (Vietnamese order), then the collective before its people before households, then
    /// people by given name.
    pub fn registrations(&self, query: &RegistrationQuery) -> Result<Vec<RegistrationRow>> {
        let year = check_year(query.year)?;
        let mut sql = format!(
            "SELECT t.id, t.year, t.person_id, t.unit_id, t.household_id,
                 {SUBJECT_NAME_SQL} AS recipient_name,
                 coalesce((SELECT position FROM persons WHERE id = t.person_id), ''),
                 t.code, c.name, c.kind, su.id, su.code, su.name, t.targets, t.registered_on,
                 t.import_id
             FROM registrations t
             JOIN catalog_items c ON c.code = t.code
             LEFT JOIN units su ON su.id = {SUBJECT_UNIT_SQL}
             WHERE t.year = ?"
        );
        let mut args: Vec<String> = vec![year.to_string()];
        if let Some(unit) = query.unit_id.as_deref().filter(|u| !u.is_empty()) {
            sql.push_str(" AND su.id = ?");
            args.push(unit.to_string());
        }
        if let Some(code) = query.code.as_deref().map(clean).filter(|c| !c.is_empty()) {
            sql.push_str(" AND t.code = ?");
            args.push(code.to_uppercase());
        }
        sql.push_str(&format!(
            " ORDER BY su.name IS NULL, su.name COLLATE {COLLATE_VI}, su.id,
                 CASE WHEN t.unit_id IS NOT NULL THEN 0 WHEN t.person_id IS NOT NULL THEN 1 ELSE 2 END,
                 recipient_name COLLATE {COLLATE_PERSON}, t.person_id, t.household_id,
                 c.kind, c.sort_order, t.code"
        ));
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map(params_from_iter(args.iter()), |r| {
            Ok((
                [r.get(2)?, r.get(3)?, r.get(4)?],
                r.get::<_, String>(9)?,
                RegistrationRow {
                    id: r.get(0)?,
                    year: r.get(1)?,
                    subject: Subject::Unit(String::new()),
                    recipient_kind: RecipientKind::TapThe,
                    recipient_name: r.get(5)?,
                    position: r.get(6)?,
                    code: r.get(7)?,
                    code_name: r.get(8)?,
                    award_kind: AwardKind::DanhHieu,
                    unit_id: r.get(10)?,
                    unit_code: r.get(11)?,
                    unit: r.get(12)?,
                    targets: r.get(13)?,
                    registered_on: r.get(14)?,
                    import_id: r.get(15)?,
                },
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let ([p, u, h], kind, mut line) = row?;
            line.subject = Subject::from_columns(p, u, h)?;
            line.recipient_kind = line.subject.kind();
            line.award_kind = award_kind(&kind);
            out.push(line);
        }
        if let Some(words) = query.search.as_deref().filter(|s| !s.trim().is_empty()) {
            out.retain(|line| {
                let text = format!(
                    "{} {} {} {} {}",
                    line.recipient_name,
                    line.unit.as_deref().unwrap_or_default(),
                    line.unit_code.as_deref().unwrap_or_default(),
                    line.code,
                    line.code_name
                );
                matches_search(&search_key(&text), words)
            });
        }
        Ok(out)
    }

    /// How many registered for each title and form in `year`, by kind of recipient: titles
    /// first, then forms, in catalog order; collectives before people before households.
    pub fn registration_totals(&self, year: i32) -> Result<Vec<RegistrationTotal>> {
        let year = check_year(year)?;
        let mut stmt = self.conn.prepare(
            "SELECT t.code, c.name, c.kind,
                 CASE WHEN t.unit_id IS NOT NULL THEN 'tap_the'
                      WHEN t.person_id IS NOT NULL THEN 'ca_nhan' ELSE 'ho_gia_dinh' END AS rk,
                 count(*)
             FROM registrations t JOIN catalog_items c ON c.code = t.code
             WHERE t.year = ?1
             GROUP BY t.code, rk
             ORDER BY c.kind, c.sort_order, t.code,
                 CASE rk WHEN 'tap_the' THEN 0 WHEN 'ca_nhan' THEN 1 ELSE 2 END",
        )?;
        let rows = stmt.query_map([year], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, u32>(4)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (code, code_name, kind, recipient, count) = row?;
            out.push(RegistrationTotal {
                code,
                code_name,
                award_kind: award_kind(&kind),
                recipient_kind: RecipientKind::parse(&recipient)?,
                count,
            });
        }
        Ok(out)
    }
}

/// yyyy-mm-dd as the clerk reads it: dd/mm/yyyy.
fn display_date(iso: &str) -> String {
    match iso.split('-').collect::<Vec<_>>()[..] {
        [y, m, d] => format!("{d}/{m}/{y}"),
        _ => iso.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::units::{UnitInput, UnitKind};

    fn unit(s: &mut Store, code: &str, name: &str) -> String {
        s.create_unit(&UnitInput {
            code: code.into(),
            name: name.into(),
            kind: UnitKind::DonViSuNghiep,
            staff_count: None,
            parent_id: None,
            note: String::new(),
        })
        .unwrap()
        .id
    }

    fn reg(year: i32, subject: Subject, code: &str) -> RegistrationInput {
        RegistrationInput {
            year,
            subject,
            code: code.into(),
            targets: String::new(),
            registered_on: None,
        }
    }

    #[test]
    fn a_collective_registers_once_per_title_and_year() {
        let mut s = Store::open_in_memory().unwrap();
        let th = unit(&mut s, "TH", "Trường Tiểu học An Bình");
        let mut input = reg(2025, Subject::Unit(th.clone()), " ttldxs ");
        input.targets = "  100% giáo viên   hoàn thành tốt nhiệm vụ ".into();
        input.registered_on = Some("15/01/2025".into());
        let created = s.create_registration(&input).unwrap();
        assert_eq!(created.code, "TTLDXS");
        assert_eq!(created.registered_on.as_deref(), Some("2025-01-15"));
        assert_eq!(created.targets, "100% giáo viên hoàn thành tốt nhiệm vụ");

        let err = s.create_registration(&input).unwrap_err();
        assert_eq!((err.code(), err.field()), ("duplicate", Some("code")));
        assert_eq!(
            err.to_string(),
            "Tập thể \"Trường Tiểu học An Bình\" đã đăng ký \"Tập thể lao động xuất sắc\" năm 2025."
        );
        // another year, or another title (a form), is a new registration
        s.create_registration(&reg(2026, Subject::Unit(th.clone()), "TTLDXS"))
            .unwrap();
        s.create_registration(&reg(2025, Subject::Unit(th.clone()), "GK_XA"))
            .unwrap();

        let rows = s
            .registrations(&RegistrationQuery {
                year: 2025,
                ..Default::default()
            })
            .unwrap();
        assert_eq!(rows.len(), 2);
        let first = &rows[0];
        assert_eq!(first.recipient_kind, RecipientKind::TapThe);
        assert_eq!(first.recipient_name, "Trường Tiểu học An Bình");
        assert_eq!(
            (first.unit.as_deref(), first.unit_code.as_deref()),
            (Some("Trường Tiểu học An Bình"), Some("TH"))
        );
        assert_eq!(
            (first.code.as_str(), first.award_kind),
            ("TTLDXS", AwardKind::DanhHieu),
            "titles before forms"
        );
        assert_eq!(first.code_name, "Tập thể lao động xuất sắc");
        assert_eq!(rows[1].award_kind, AwardKind::HinhThuc);
        let json = serde_json::to_value(first).unwrap();
        assert_eq!(json["recipient_kind"], "tap_the");
        assert_eq!(json["award_kind"], "danh_hieu");
        assert_eq!(
            json["subject"],
            serde_json::json!({ "kind": "unit", "id": th })
        );
    }

    #[test]
    fn a_grid_step_is_saved_whole_or_not_at_all() {
        let mut s = Store::open_in_memory().unwrap();
        let th = unit(&mut s, "TH", "Trường Tiểu học An Bình");
        let mn = unit(&mut s, "MN", "Trường Mầm non An Bình");
        let saved = s
            .save_registrations(&[RegistrationEdit {
                id: None,
                input: Some(reg(2025, Subject::Unit(th.clone()), "TTLDTT")),
            }])
            .unwrap();
        let first = saved[0].clone().unwrap();
        // The second line of this step is refused (a collective cannot be LĐTT): the first
        // line's change of title must not stay either.
        let err = s
            .save_registrations(&[
                RegistrationEdit {
                    id: Some(first.id.clone()),
                    input: Some(reg(2025, Subject::Unit(th.clone()), "TTLDXS")),
                },
                RegistrationEdit {
                    id: None,
                    input: Some(reg(2025, Subject::Unit(mn.clone()), "LDTT")),
                },
            ])
            .unwrap_err();
        assert_eq!(err.field(), Some("code"));
        assert_eq!(s.registration(&first.id).unwrap().code, "TTLDTT");
        let query = RegistrationQuery {
            year: 2025,
            ..Default::default()
        };
        assert_eq!(s.registrations(&query).unwrap().len(), 1);
        // A line taken away (undo of a paste) is deleted.
        let out = s
            .save_registrations(&[
                RegistrationEdit {
                    id: Some(first.id.clone()),
                    input: None,
                },
                RegistrationEdit {
                    id: None,
                    input: Some(reg(2025, Subject::Unit(mn), "TTLDTT")),
                },
            ])
            .unwrap();
        assert_eq!(out[0], None);
        assert_eq!(out[1].as_ref().unwrap().code, "TTLDTT");
        assert_eq!(s.registrations(&query).unwrap().len(), 1);
    }

    #[test]
    fn the_title_must_fit_the_subject_and_the_year() {
        let mut s = Store::open_in_memory().unwrap();
        let th = unit(&mut s, "TH", "Trường Tiểu học An Bình");
        let err = s
            .create_registration(&reg(2025, Subject::Unit(th.clone()), "LDTT"))
            .unwrap_err();
        assert_eq!(err.field(), Some("code"));
        assert_eq!(
            err.to_string(),
            "\"Lao động tiên tiến\" dành cho cá nhân, không đăng ký cho tập thể \"Trường Tiểu học An Bình\" được."
        );
        let err = s
            .create_registration(&reg(2025, Subject::Unit(th.clone()), "KHONG_CO"))
            .unwrap_err();
        assert_eq!(err.field(), Some("code"));
        let err = s
            .create_registration(&reg(2025, Subject::Unit(th.clone()), ""))
            .unwrap_err();
        assert_eq!(err.field(), Some("code"));
        // the district chairman's Giấy khen ended with the districts on 30/6/2025
        let err = s
            .create_registration(&reg(2026, Subject::Unit(th.clone()), "GK_HUYEN"))
            .unwrap_err();
        assert!(
            err.to_string().contains("chỉ áp dụng đến 30/06/2025"),
            "{err}"
        );
        s.create_registration(&reg(2025, Subject::Unit(th.clone()), "GK_HUYEN"))
            .unwrap();

        let err = s
            .create_registration(&reg(1900, Subject::Unit(th.clone()), "TTLDTT"))
            .unwrap_err();
        assert_eq!(err.field(), Some("year"));
        let mut bad_date = reg(2025, Subject::Unit(th.clone()), "TTLDTT");
        bad_date.registered_on = Some("31/02/2025".into());
        assert_eq!(
            s.create_registration(&bad_date).unwrap_err().field(),
            Some("registered_on")
        );
        let err = s
            .create_registration(&reg(2025, Subject::Unit("khong-co".into()), "TTLDTT"))
            .unwrap_err();
        assert_eq!(err.code(), "not_found");
    }

    #[test]
    fn edits_keep_one_registration_per_title_and_merged_units_stay_editable() {
        let mut s = Store::open_in_memory().unwrap();
        let a = unit(&mut s, "X1", "Xã Hồng Kỳ");
        let b = unit(&mut s, "X2", "Xã Sóc Sơn");
        let first = s
            .create_registration(&reg(2025, Subject::Unit(a.clone()), "TTLDTT"))
            .unwrap();
        let second = s
            .create_registration(&reg(2025, Subject::Unit(a.clone()), "TTLDXS"))
            .unwrap();

        let err = s
            .update_registration(&second.id, &reg(2025, Subject::Unit(a.clone()), "TTLDTT"))
            .unwrap_err();
        assert_eq!(err.code(), "duplicate");

        s.merge_unit(&a, &b, "01/07/2025").unwrap();
        let err = s
            .create_registration(&reg(2025, Subject::Unit(a.clone()), "XA_TIEU_BIEU"))
            .unwrap_err();
        assert_eq!(err.field(), Some("subject"));
        assert!(err.to_string().contains("đã sáp nhập"), "{err}");
        let mut edit = reg(2025, Subject::Unit(a.clone()), "TTLDTT");
        edit.targets = "Hoàn thành 100% chỉ tiêu".into();
        let edited = s.update_registration(&first.id, &edit).unwrap();
        assert_eq!(
            (edited.targets.as_str(), edited.created_at),
            ("Hoàn thành 100% chỉ tiêu", first.created_at)
        );

        s.delete_registration(&second.id).unwrap();
        assert_eq!(s.registration(&second.id).unwrap_err().code(), "not_found");
        assert_eq!(
            s.delete_registration(&second.id).unwrap_err().code(),
            "not_found"
        );
    }

    #[test]
    fn lists_filter_by_unit_title_and_words_and_totals_count_by_title() {
        let mut s = Store::open_in_memory().unwrap();
        let th = unit(&mut s, "TH", "Trường Tiểu học An Bình");
        let mn = unit(&mut s, "MN", "Trường Mầm non Đông Hòa");
        let ca = unit(&mut s, "CA", "Công an xã");
        for (u, code) in [
            (&th, "TTLDXS"),
            (&mn, "TTLDXS"),
            (&ca, "TTLDTT"),
            (&th, "GK_XA"),
        ] {
            s.create_registration(&reg(2025, Subject::Unit(u.clone()), code))
                .unwrap();
        }
        s.conn
            .execute(
                "INSERT INTO imports (id, file_name, file_hash, kind, imported_at)
                 VALUES ('imp1', 'dang-ky.xlsx', 'h', 'registrations', 'x')",
                [],
            )
            .unwrap();
        let imported = s
            .insert_registration(&reg(2025, Subject::Unit(mn.clone()), "GK_XA"), Some("imp1"))
            .unwrap();
        assert_eq!(imported.import_id.as_deref(), Some("imp1"));

        let names = |q: RegistrationQuery| -> Vec<(String, String)> {
            s.registrations(&q)
                .unwrap()
                .into_iter()
                .map(|r| (r.recipient_name, r.code))
                .collect()
        };
        let all = names(RegistrationQuery {
            year: 2025,
            ..Default::default()
        });
        let units: Vec<&str> = all.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(
            units,
            vec![
                "Công an xã",
                "Trường Mầm non Đông Hòa",
                "Trường Mầm non Đông Hòa",
                "Trường Tiểu học An Bình",
                "Trường Tiểu học An Bình"
            ]
        );
        let only_th = names(RegistrationQuery {
            year: 2025,
            unit_id: Some(th.clone()),
            ..Default::default()
        });
        assert_eq!(only_th.len(), 2);
        let only_ttldxs = names(RegistrationQuery {
            year: 2025,
            code: Some("ttldxs".into()),
            ..Default::default()
        });
        assert_eq!(only_ttldxs.len(), 2);
        let found = names(RegistrationQuery {
            year: 2025,
            search: Some("dong hoa giay khen".into()),
            ..Default::default()
        });
        assert_eq!(
            found,
            vec![("Trường Mầm non Đông Hòa".to_string(), "GK_XA".to_string())]
        );
        assert!(names(RegistrationQuery {
            year: 2024,
            ..Default::default()
        })
        .is_empty());

        let totals: Vec<(String, RecipientKind, u32)> = s
            .registration_totals(2025)
            .unwrap()
            .into_iter()
            .map(|t| (t.code, t.recipient_kind, t.count))
            .collect();
        assert_eq!(
            totals,
            vec![
                ("TTLDTT".to_string(), RecipientKind::TapThe, 1),
                ("TTLDXS".to_string(), RecipientKind::TapThe, 2),
                ("GK_XA".to_string(), RecipientKind::TapThe, 2),
            ]
        );
    }

    fn person(s: &mut Store, name: &str, unit: Option<&str>) -> String {
        let mut input = crate::persons::PersonInput::named(name, unit);
        input.position = "Giáo viên".into();
        s.create_person(&input).unwrap().id
    }

    #[test]
    fn people_and_households_register_and_the_list_reads_like_the_sheet() {
        let mut s = Store::open_in_memory().unwrap();
        let th = unit(&mut s, "TH", "Trường Tiểu học An Bình");
        let ca = unit(&mut s, "CA", "Công an xã");
        let thon = unit(&mut s, "T1", "Thôn Đông");
        let cuc = person(&mut s, "Nguyễn Thị Cúc", Some(&th));
        let binh = person(&mut s, "Trần Văn Bình", Some(&th));
        let an = person(&mut s, "Lê Văn An", Some(&ca));
        let dung = person(&mut s, "Phạm Văn Dũng", None);
        let ho = s
            .create_household(&crate::persons::HouseholdInput {
                head_name: "Hoàng Văn Em".into(),
                unit_id: Some(thon.clone()),
                address: String::new(),
                note: String::new(),
            })
            .unwrap()
            .id;
        for (subject, code) in [
            (Subject::Person(cuc.clone()), "CSTD_CS"),
            (Subject::Person(dung.clone()), "LDTT"),
            (Subject::Household(ho.clone()), "GDVH"),
            (Subject::Person(cuc.clone()), "LDTT"),
            (Subject::Unit(th.clone()), "TTLDXS"),
            (Subject::Person(an.clone()), "LDTT"),
            (Subject::Unit(thon.clone()), "THON_VH"),
            (Subject::Person(binh.clone()), "LDTT"),
            (Subject::Unit(ca.clone()), "TTLDTT"),
        ] {
            s.create_registration(&reg(2025, subject, code)).unwrap();
        }

        let err = s
            .create_registration(&reg(2025, Subject::Person(cuc.clone()), "TTLDXS"))
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "\"Tập thể lao động xuất sắc\" dành cho tập thể, không đăng ký cho cá nhân \"Nguyễn Thị Cúc\" được."
        );
        let err = s
            .create_registration(&reg(2025, Subject::Household(ho.clone()), "LDTT"))
            .unwrap_err();
        assert_eq!(err.field(), Some("code"));
        let err = s
            .create_registration(&reg(2025, Subject::Person(cuc.clone()), "LDTT"))
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "Cá nhân \"Nguyễn Thị Cúc\" đã đăng ký \"Lao động tiên tiến\" năm 2025."
        );

        let rows = s
            .registrations(&RegistrationQuery {
                year: 2025,
                ..Default::default()
            })
            .unwrap();
        let seen: Vec<(Option<&str>, &str, &str)> = rows
            .iter()
            .map(|r| {
                (
                    r.unit.as_deref(),
                    r.recipient_name.as_str(),
                    r.code.as_str(),
                )
            })
            .collect();
        assert_eq!(
            seen,
            vec![
                (Some("Công an xã"), "Công an xã", "TTLDTT"),
                (Some("Công an xã"), "Lê Văn An", "LDTT"),
                (Some("Thôn Đông"), "Thôn Đông", "THON_VH"),
                (Some("Thôn Đông"), "Hoàng Văn Em", "GDVH"),
                (
                    Some("Trường Tiểu học An Bình"),
                    "Trường Tiểu học An Bình",
                    "TTLDXS"
                ),
                (Some("Trường Tiểu học An Bình"), "Trần Văn Bình", "LDTT"),
                (Some("Trường Tiểu học An Bình"), "Nguyễn Thị Cúc", "LDTT"),
                (Some("Trường Tiểu học An Bình"), "Nguyễn Thị Cúc", "CSTD_CS"),
                (None, "Phạm Văn Dũng", "LDTT"),
            ]
        );
        let hoa = &rows[3];
        assert_eq!(
            (hoa.recipient_kind, hoa.unit_id.as_deref()),
            (RecipientKind::HoGiaDinh, Some(thon.as_str()))
        );
        let cuc_row = &rows[6];
        assert_eq!(
            (cuc_row.recipient_kind, cuc_row.position.as_str()),
            (RecipientKind::CaNhan, "Giáo viên")
        );
        let json = serde_json::to_value(cuc_row).unwrap();
        assert_eq!(json["recipient_kind"], "ca_nhan");
        assert_eq!(json["unit"], "Trường Tiểu học An Bình");

        let of_th = s
            .registrations(&RegistrationQuery {
                year: 2025,
                unit_id: Some(th.clone()),
                ..Default::default()
            })
            .unwrap();
        assert_eq!(of_th.len(), 4);
        let found = s
            .registrations(&RegistrationQuery {
                year: 2025,
                search: Some("nguyen cuc".into()),
                ..Default::default()
            })
            .unwrap();
        assert_eq!(found.len(), 2);

        let totals: Vec<(String, RecipientKind, u32)> = s
            .registration_totals(2025)
            .unwrap()
            .into_iter()
            .map(|t| (t.code, t.recipient_kind, t.count))
            .collect();
        assert_eq!(
            totals,
            vec![
                ("LDTT".to_string(), RecipientKind::CaNhan, 4),
                ("CSTD_CS".to_string(), RecipientKind::CaNhan, 1),
                ("TTLDTT".to_string(), RecipientKind::TapThe, 1),
                ("TTLDXS".to_string(), RecipientKind::TapThe, 1),
                ("THON_VH".to_string(), RecipientKind::TapThe, 1),
                ("GDVH".to_string(), RecipientKind::HoGiaDinh, 1),
            ]
        );
    }

    #[test]
    fn a_person_merged_away_cannot_register_but_the_kept_record_can() {
        let mut s = Store::open_in_memory().unwrap();
        let kept = person(&mut s, "Phạm Thị Hoà", None);
        let dup = person(&mut s, "PHẠM THỊ HÒA", None);
        s.merge_persons(&kept, &dup).unwrap();
        let err = s
            .create_registration(&reg(2025, Subject::Person(dup.clone()), "LDTT"))
            .unwrap_err();
        assert_eq!(err.field(), Some("subject"));
        assert_eq!(
            err.to_string(),
            "Hồ sơ \"PHẠM THỊ HÒA\" đã được gộp vào hồ sơ \"Phạm Thị Hoà\"; hãy chọn hồ sơ đó."
        );
        s.create_registration(&reg(2025, Subject::Person(kept), "LDTT"))
            .unwrap();
    }
}
