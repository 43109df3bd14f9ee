//! Recognised initiatives (sáng kiến) and exemplary models (điển hình tiên tiến).
//!
//! An initiative is a person's, recognised at some scope; it may be used as grounds for one
//! award only (e.g. the CSTĐCS that needed it), so using it twice is refused with the award
//! it already grounds. Exemplary models are the people, collectives and households the
//! office holds up as examples in a year, usually within a movement; the yearly report lists
//! them.

use crate::blocks::check_year;
use crate::error::{Error, Result};
use crate::registrations::subject_name;
use crate::store::{new_id, now, Store, COLLATE_PERSON, COLLATE_VI};
use crate::subjects::{RecipientKind, Subject, SUBJECT_NAME_SQL};
use crate::text::{clean, compare_person_names, compare_vi};
use crate::units::{format_date_vi, parse_date};
use rusqlite::{params, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Phạm vi ảnh hưởng của sáng kiến: the CSTĐ cấp tỉnh rule needs one of provincial effect.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum InitiativeScope {
    CoSo,
    Tinh,
    ToanQuoc,
}

impl InitiativeScope {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::CoSo => "co_so",
            Self::Tinh => "tinh",
            Self::ToanQuoc => "toan_quoc",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::CoSo => "Cấp cơ sở",
            Self::Tinh => "Cấp tỉnh",
            Self::ToanQuoc => "Toàn quốc",
        }
    }

    pub fn parse(s: &str) -> Result<Self> {
        match s {
            "co_so" => Ok(Self::CoSo),
            "tinh" => Ok(Self::Tinh),
            "toan_quoc" => Ok(Self::ToanQuoc),
            other => Err(Error::invalid(
                "scope",
                format!("Phạm vi sáng kiến \"{other}\" không hợp lệ (co_so, tinh, toan_quoc)."),
            )),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Initiative {
    pub id: String,
    pub person_id: String,
    pub person_name: String,
    pub title: String,
    pub scope: InitiativeScope,
    /// Who recognised it, e.g. "Hội đồng sáng kiến xã An Bình".
    pub recognized_by: String,
    pub recognized_on: Option<String>,
    pub year: i32,
    /// The award it grounds, if used.
    pub used_for: Option<String>,
    /// That award, as messages and lists show it: "Chiến sĩ thi đua cơ sở (Quyết định số
    /// 45/QĐ-UBND ngày 20/12/2025)".
    pub used_for_label: Option<String>,
    pub note: String,
    pub created_at: String,
    pub updated_at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct InitiativeInput {
    pub person_id: String,
    pub title: String,
    pub scope: InitiativeScope,
    pub recognized_by: String,
    /// dd/mm/yyyy or yyyy-mm-dd.
    pub recognized_on: Option<String>,
    pub year: i32,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ExemplaryModel {
    pub id: String,
    pub subject: Subject,
    pub recipient_kind: RecipientKind,
    pub recipient_name: String,
    pub movement_id: Option<String>,
    pub movement_name: Option<String>,
    pub year: i32,
    /// What makes them an example.
    pub description: String,
    pub created_at: String,
    pub updated_at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ExemplaryModelInput {
    pub subject: Subject,
    pub movement_id: Option<String>,
    pub year: i32,
    pub description: String,
}

const INITIATIVE_SELECT: &str =
    "SELECT i.id, i.person_id, p.full_name, i.title, i.scope, i.recognized_by, i.recognized_on,
         i.year, i.used_for, c.name, d.number, d.decision_date, i.note, i.created_at, i.updated_at
     FROM initiatives i
     JOIN persons p ON p.id = i.person_id
     LEFT JOIN awards a ON a.id = i.used_for
     LEFT JOIN catalog_items c ON c.code = a.code
     LEFT JOIN decisions d ON d.id = a.decision_id";

/// "Chiến sĩ thi đua cơ sở (Quyết định số 45/QĐ-UBND ngày 20/12/2025)".
fn award_label(code_name: &str, number: &str, date: &str) -> String {
    format!(
        "{code_name} (Quyết định số {number} ngày {})",
        format_date_vi(date)
    )
}

type RawInitiative = (Initiative, String, Option<(String, String, String)>);

fn initiative_row(r: &Row) -> rusqlite::Result<RawInitiative> {
    let award: Option<(String, String, String)> = match (r.get(9)?, r.get(10)?, r.get(11)?) {
        (Some(name), Some(number), Some(date)) => Some((name, number, date)),
        _ => None,
    };
    Ok((
        Initiative {
            id: r.get(0)?,
            person_id: r.get(1)?,
            person_name: r.get(2)?,
            title: r.get(3)?,
            scope: InitiativeScope::CoSo,
            recognized_by: r.get(5)?,
            recognized_on: r.get(6)?,
            year: r.get(7)?,
            used_for: r.get(8)?,
            used_for_label: None,
            note: r.get(12)?,
            created_at: r.get(13)?,
            updated_at: r.get(14)?,
        },
        r.get(4)?,
        award,
    ))
}

fn finish_initiative((mut i, scope, award): RawInitiative) -> Result<Initiative> {
    i.scope = InitiativeScope::parse(&scope)?;
    i.used_for_label = award.map(|(name, number, date)| award_label(&name, &number, &date));
    Ok(i)
}

impl InitiativeInput {
    fn cleaned(&self) -> Result<InitiativeInput> {
        let title = clean(&self.title);
        if title.is_empty() {
            return Err(Error::invalid(
                "title",
                "Tên sáng kiến không được để trống.",
            ));
        }
        if title.chars().count() > 500 {
            return Err(Error::invalid("title", "Tên sáng kiến dài quá 500 ký tự."));
        }
        Ok(InitiativeInput {
            person_id: self.person_id.trim().to_string(),
            title,
            scope: self.scope,
            recognized_by: clean(&self.recognized_by),
            recognized_on: self
                .recognized_on
                .as_deref()
                .filter(|d| !d.trim().is_empty())
                .map(|d| parse_date("recognized_on", d))
                .transpose()?,
            year: check_year(self.year)?,
            note: clean(&self.note),
        })
    }
}

fn is_unique_violation(e: &rusqlite::Error) -> bool {
    matches!(e, rusqlite::Error::SqliteFailure(f, _)
        if f.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE)
}

impl Store {
    pub fn initiative(&self, id: &str) -> Result<Initiative> {
        self.initiatives_where("i.id = ?1", &id)?
            .pop()
            .ok_or_else(|| Error::not_found(format!("sáng kiến có mã định danh {id}")))
    }

    fn initiatives_where(
        &self,
        condition: &str,
        arg: &dyn rusqlite::ToSql,
    ) -> Result<Vec<Initiative>> {
        let mut stmt = self.conn.prepare(&format!(
            "{INITIATIVE_SELECT} WHERE {condition}
             ORDER BY i.year DESC, p.full_name COLLATE {COLLATE_PERSON}, i.person_id,
                 i.title COLLATE {COLLATE_VI}"
        ))?;
        let rows = stmt.query_map([arg], initiative_row)?;
        rows.map(|r| finish_initiative(r?)).collect()
    }

    /// A person's initiatives, newest year first.
    pub fn initiatives_of(&self, person_id: &str) -> Result<Vec<Initiative>> {
        self.person(person_id)?;
        self.initiatives_where("i.person_id = ?1", &person_id)
    }

    /// The initiatives recognised for a year (or all, newest year first), by person (given
    /// name first).
    pub fn initiatives(&self, year: Option<i32>) -> Result<Vec<Initiative>> {
        self.initiatives_where("?1 IS NULL OR i.year = ?1", &year)
    }

    /// A person's initiatives not yet used as grounds for an award: the ones the CSTĐCS rule
    /// may still count.
    pub fn unused_initiatives(&self, person_id: &str) -> Result<Vec<Initiative>> {
        self.person(person_id)?;
        self.initiatives_where("i.person_id = ?1 AND i.used_for IS NULL", &person_id)
    }

    pub fn create_initiative(&mut self, input: &InitiativeInput) -> Result<Initiative> {
        let i = input.cleaned()?;
        subject_name(&self.conn, &Subject::Person(i.person_id.clone()), true)?;
        let id = new_id();
        self.conn.execute(
            "INSERT INTO initiatives (id, person_id, title, scope, recognized_by, recognized_on,
                 year, note, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)",
            params![
                id,
                i.person_id,
                i.title,
                i.scope.as_str(),
                i.recognized_by,
                i.recognized_on,
                i.year,
                i.note,
                now()
            ],
        )?;
        self.initiative(&id)
    }

    /// Edits an initiative. Moving a used one to another person is refused: the award it
    /// grounds is the first person's.
    pub fn update_initiative(&mut self, id: &str, input: &InitiativeInput) -> Result<Initiative> {
        let old = self.initiative(id)?;
        let i = input.cleaned()?;
        if i.person_id != old.person_id {
            if let Some(label) = &old.used_for_label {
                return Err(Error::invalid(
                    "person_id",
                    format!(
                        "Sáng kiến \"{}\" đang là căn cứ khen thưởng {label} của {}; hãy bỏ liên kết trước khi chuyển sang người khác.",
                        old.title, old.person_name
                    ),
                ));
            }
            subject_name(&self.conn, &Subject::Person(i.person_id.clone()), true)?;
        }
        self.conn.execute(
            "UPDATE initiatives SET person_id = ?2, title = ?3, scope = ?4, recognized_by = ?5,
                 recognized_on = ?6, year = ?7, note = ?8, updated_at = ?9
             WHERE id = ?1",
            params![
                id,
                i.person_id,
                i.title,
                i.scope.as_str(),
                i.recognized_by,
                i.recognized_on,
                i.year,
                i.note,
                now()
            ],
        )?;
        self.initiative(id)
    }

    /// Deletes an initiative that grounds no award; a used one is refused, so an award never
    /// loses its grounds by one click.
    pub fn delete_initiative(&mut self, id: &str) -> Result<()> {
        let i = self.initiative(id)?;
        if let Some(label) = &i.used_for_label {
            return Err(Error::InUse {
                message: format!(
                    "Không xóa được sáng kiến \"{}\" vì đang là căn cứ khen thưởng {label}. Hãy bỏ liên kết trước.",
                    i.title
                ),
            });
        }
        self.conn
            .execute("DELETE FROM initiatives WHERE id = ?1", [id])?;
        Ok(())
    }

    /// Records that the initiative grounds the award. The award must be the same person's;
    /// an initiative grounds one award only, and an award has one initiative as grounds
    /// (the `used_for` column is unique), so either being taken is refused with what it is
    /// taken by. Using it again for the same award changes nothing.
    pub fn use_initiative_for(
        &mut self,
        initiative_id: &str,
        award_id: &str,
    ) -> Result<Initiative> {
        let i = self.initiative(initiative_id)?;
        let award = self.award(award_id)?;
        if i.used_for.as_deref() == Some(award_id) {
            return Ok(i);
        }
        if award.subject != Subject::Person(i.person_id.clone()) {
            return Err(Error::invalid(
                "award_id",
                format!(
                    "Sáng kiến \"{}\" là của {}, không làm căn cứ cho khen thưởng của {} \"{}\" được.",
                    i.title,
                    i.person_name,
                    award.recipient_kind.label().to_lowercase(),
                    award.recipient_name
                ),
            ));
        }
        if let Some(label) = &i.used_for_label {
            return Err(Error::duplicate(
                "initiative_id",
                format!(
                    "Sáng kiến \"{}\" đã được dùng làm căn cứ khen thưởng {label}. Mỗi sáng kiến chỉ được dùng một lần.",
                    i.title
                ),
            ));
        }
        let updated = self.conn.execute(
            "UPDATE initiatives SET used_for = ?2, updated_at = ?3 WHERE id = ?1",
            params![initiative_id, award_id, now()],
        );
        match updated {
            Err(e) if is_unique_violation(&e) => {
                let other: String = self.conn.query_row(
                    "SELECT title FROM initiatives WHERE used_for = ?1",
                    [award_id],
                    |r| r.get(0),
                )?;
                Err(Error::duplicate(
                    "award_id",
                    format!(
                        "Khen thưởng {} đã có sáng kiến \"{other}\" làm căn cứ.",
                        award_label(
                            &award.code_name,
                            &award.decision_number,
                            &award.decision_date
                        )
                    ),
                ))
            }
            other => {
                other?;
                self.initiative(initiative_id)
            }
        }
    }

    /// Frees an initiative from the award it grounded (recorded by mistake, or the award
    /// was withdrawn), so it can be used again.
    pub fn release_initiative(&mut self, id: &str) -> Result<Initiative> {
        self.initiative(id)?;
        self.conn.execute(
            "UPDATE initiatives SET used_for = NULL, updated_at = ?2 WHERE id = ?1",
            params![id, now()],
        )?;
        self.initiative(id)
    }

    pub fn exemplary_model(&self, id: &str) -> Result<ExemplaryModel> {
        self.models_where("t.id = ?1", &id)?
            .pop()
            .ok_or_else(|| Error::not_found(format!("điển hình tiên tiến có mã định danh {id}")))
    }

    fn models_where(
        &self,
        condition: &str,
        arg: &dyn rusqlite::ToSql,
    ) -> Result<Vec<ExemplaryModel>> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT t.id, t.person_id, t.unit_id, t.household_id, {SUBJECT_NAME_SQL},
                 t.movement_id, m.name, t.year, t.description, t.created_at, t.updated_at
             FROM exemplary_models t LEFT JOIN movements m ON m.id = t.movement_id
             WHERE {condition}"
        ))?;
        let rows = stmt.query_map([arg], |r| {
            Ok((
                [r.get(1)?, r.get(2)?, r.get(3)?],
                ExemplaryModel {
                    id: r.get(0)?,
                    subject: Subject::Unit(String::new()),
                    recipient_kind: RecipientKind::TapThe,
                    recipient_name: r.get::<_, Option<String>>(4)?.unwrap_or_default(),
                    movement_id: r.get(5)?,
                    movement_name: r.get(6)?,
                    year: r.get(7)?,
                    description: r.get(8)?,
                    created_at: r.get(9)?,
                    updated_at: r.get(10)?,
                },
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let ([p, u, h], mut model) = row?;
            model.subject = Subject::from_columns(p, u, h)?;
            model.recipient_kind = model.subject.kind();
            out.push(model);
        }
        Ok(out)
    }

    /// The exemplary models of a year (or all): by movement in Vietnamese order (those
    /// without one last), then collectives, people (by given name) and households.
    pub fn exemplary_models(&self, year: Option<i32>) -> Result<Vec<ExemplaryModel>> {
        let mut models = self.models_where("?1 IS NULL OR t.year = ?1", &year)?;
        let kind_rank = |k: RecipientKind| match k {
            RecipientKind::TapThe => 0,
            RecipientKind::CaNhan => 1,
            RecipientKind::HoGiaDinh => 2,
        };
        models.sort_by(|a, b| {
            let movement = match (&a.movement_name, &b.movement_name) {
                (Some(x), Some(y)) => compare_vi(x, y),
                (x, y) => x.is_none().cmp(&y.is_none()),
            };
            movement
                .then_with(|| b.year.cmp(&a.year))
                .then_with(|| kind_rank(a.recipient_kind).cmp(&kind_rank(b.recipient_kind)))
                .then_with(|| match a.recipient_kind {
                    RecipientKind::TapThe => compare_vi(&a.recipient_name, &b.recipient_name),
                    _ => compare_person_names(&a.recipient_name, &b.recipient_name),
                })
        });
        Ok(models)
    }

    fn check_model(
        &self,
        input: &ExemplaryModelInput,
        new_subject: bool,
    ) -> Result<ExemplaryModelInput> {
        subject_name(&self.conn, &input.subject, new_subject)?;
        let movement_id = input
            .movement_id
            .as_deref()
            .map(str::trim)
            .filter(|m| !m.is_empty())
            .map(str::to_string);
        if let Some(m) = &movement_id {
            self.movement(m)?;
        }
        Ok(ExemplaryModelInput {
            subject: input.subject.clone(),
            movement_id,
            year: check_year(input.year)?,
            description: clean(&input.description),
        })
    }

    pub fn create_exemplary_model(
        &mut self,
        input: &ExemplaryModelInput,
    ) -> Result<ExemplaryModel> {
        let m = self.check_model(input, true)?;
        let (person, unit, household) = m.subject.columns();
        let id = new_id();
        self.conn.execute(
            "INSERT INTO exemplary_models (id, person_id, unit_id, household_id, movement_id,
                 year, description, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
            params![
                id,
                person,
                unit,
                household,
                m.movement_id,
                m.year,
                m.description,
                now()
            ],
        )?;
        self.exemplary_model(&id)
    }

    pub fn update_exemplary_model(
        &mut self,
        id: &str,
        input: &ExemplaryModelInput,
    ) -> Result<ExemplaryModel> {
        let old = self.exemplary_model(id)?;
        // A model of a unit merged since stays editable; only a new subject must be current.
        let m = self.check_model(input, old.subject != input.subject)?;
        let (person, unit, household) = m.subject.columns();
        self.conn.execute(
            "UPDATE exemplary_models SET person_id = ?2, unit_id = ?3, household_id = ?4,
                 movement_id = ?5, year = ?6, description = ?7, updated_at = ?8
             WHERE id = ?1",
            params![
                id,
                person,
                unit,
                household,
                m.movement_id,
                m.year,
                m.description,
                now()
            ],
        )?;
        self.exemplary_model(id)
    }

    pub fn delete_exemplary_model(&mut self, id: &str) -> Result<()> {
        self.exemplary_model(id)?;
        self.conn
            .execute("DELETE FROM exemplary_models WHERE id = ?1", [id])?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decisions::{AwardInput, AwardType, DecisionInput, DecisionLevel};
    use crate::movements::{LaunchLevel, MovementInput, MovementMethod, MovementScope};
    use crate::persons::{HouseholdInput, PersonInput};
    use crate::units::{UnitInput, UnitKind};

    fn setup() -> (Store, String, String, String) {
        let mut s = Store::open_in_memory().unwrap();
        let unit = s
            .create_unit(&UnitInput {
                code: "TH".into(),
                name: "Trường Tiểu học An Bình".into(),
                kind: UnitKind::DonViSuNghiep,
                staff_count: Some(30),
                parent_id: None,
                note: String::new(),
            })
            .unwrap()
            .id;
        let hoa = s
            .create_person(&PersonInput::named("Nguyễn Thị Hoa", Some(&unit)))
            .unwrap()
            .id;
        let binh = s
            .create_person(&PersonInput::named("Trần Văn Bình", Some(&unit)))
            .unwrap()
            .id;
        (s, unit, hoa, binh)
    }

    fn initiative(person: &str, title: &str, year: i32) -> InitiativeInput {
        InitiativeInput {
            person_id: person.into(),
            title: title.into(),
            scope: InitiativeScope::CoSo,
            recognized_by: "Hội đồng sáng kiến xã An Bình".into(),
            recognized_on: Some("15/10/2025".into()),
            year,
            note: String::new(),
        }
    }

    fn award(s: &mut Store, number: &str, person: &str, code: &str) -> String {
        let d = s
            .create_decision(&DecisionInput {
                number: number.into(),
                decision_date: "2025-12-20".into(),
                level: DecisionLevel::Huyen,
                authority: String::new(),
                signer_name: String::new(),
                signer_title: String::new(),
                award_type: AwardType::CongTrang,
                movement_id: None,
                year: 2025,
                period_from: None,
                period_to: None,
                note: String::new(),
            })
            .unwrap();
        s.add_award(
            &d.id,
            &AwardInput {
                subject: Subject::Person(person.into()),
                code: code.into(),
                achievement: String::new(),
                direct_worker: false,
                position: None,
                unit_name: None,
                amount: None,
            },
        )
        .unwrap()
        .id
    }

    #[test]
    fn an_initiative_grounds_one_award_of_the_same_person() {
        let (mut s, _unit, hoa, binh) = setup();
        let i = s
            .create_initiative(&initiative(
                &hoa,
                "Ứng dụng bản đồ số trong quản lý đất đai",
                2025,
            ))
            .unwrap();
        assert_eq!(
            (
                i.person_name.as_str(),
                i.recognized_on.as_deref(),
                i.used_for.as_deref()
            ),
            ("Nguyễn Thị Hoa", Some("2025-10-15"), None)
        );
        let cstd = award(&mut s, "45/QĐ-UBND", &hoa, "CSTD_CS");
        let gk = award(&mut s, "46/QĐ-UBND", &hoa, "GK_HUYEN");
        let binh_award = award(&mut s, "47/QĐ-UBND", &binh, "CSTD_CS");

        let err = s.use_initiative_for(&i.id, &binh_award).unwrap_err();
        assert_eq!(err.field(), Some("award_id"));
        assert!(err.to_string().contains("là của Nguyễn Thị Hoa"), "{err}");

        let used = s.use_initiative_for(&i.id, &cstd).unwrap();
        assert_eq!(used.used_for.as_deref(), Some(cstd.as_str()));
        assert_eq!(
            used.used_for_label.as_deref(),
            Some("Chiến sĩ thi đua cơ sở (Quyết định số 45/QĐ-UBND ngày 20/12/2025)")
        );
        // the same again is harmless
        s.use_initiative_for(&i.id, &cstd).unwrap();

        let err = s.use_initiative_for(&i.id, &gk).unwrap_err();
        assert_eq!(err.code(), "duplicate");
        assert_eq!(
            err.to_string(),
            "Sáng kiến \"Ứng dụng bản đồ số trong quản lý đất đai\" đã được dùng làm căn cứ khen thưởng Chiến sĩ thi đua cơ sở (Quyết định số 45/QĐ-UBND ngày 20/12/2025). Mỗi sáng kiến chỉ được dùng một lần."
        );

        // a second initiative cannot ground the same award (the column is unique)
        let other = s
            .create_initiative(&initiative(&hoa, "Số hóa hồ sơ một cửa", 2025))
            .unwrap();
        let err = s.use_initiative_for(&other.id, &cstd).unwrap_err();
        assert_eq!(err.field(), Some("award_id"));
        assert!(
            err.to_string()
                .contains("đã có sáng kiến \"Ứng dụng bản đồ số"),
            "{err}"
        );

        let unused: Vec<String> = s
            .unused_initiatives(&hoa)
            .unwrap()
            .into_iter()
            .map(|i| i.title)
            .collect();
        assert_eq!(unused, vec!["Số hóa hồ sơ một cửa"]);
        assert_eq!(s.delete_initiative(&i.id).unwrap_err().code(), "in_use");
        let mut moved = initiative(&binh, "Ứng dụng bản đồ số trong quản lý đất đai", 2025);
        moved.scope = InitiativeScope::Tinh;
        assert_eq!(
            s.update_initiative(&i.id, &moved).unwrap_err().field(),
            Some("person_id")
        );

        let released = s.release_initiative(&i.id).unwrap();
        assert_eq!((released.used_for, released.used_for_label), (None, None));
        assert_eq!(s.unused_initiatives(&hoa).unwrap().len(), 2);
        s.use_initiative_for(&i.id, &gk).unwrap();

        // removing the award frees its initiative
        s.remove_award(&gk).unwrap();
        assert_eq!(s.initiative(&i.id).unwrap().used_for, None);
    }

    #[test]
    fn initiatives_by_person_and_year() {
        let (mut s, _unit, hoa, binh) = setup();
        s.create_initiative(&initiative(&hoa, "Sáng kiến B", 2025))
            .unwrap();
        s.create_initiative(&initiative(&binh, "Sáng kiến A", 2025))
            .unwrap();
        let old = s
            .create_initiative(&initiative(&hoa, "Sáng kiến cũ", 2024))
            .unwrap();
        let of_2025: Vec<String> = s
            .initiatives(Some(2025))
            .unwrap()
            .into_iter()
            .map(|i| i.person_name)
            .collect();
        assert_eq!(
            of_2025,
            vec!["Trần Văn Bình", "Nguyễn Thị Hoa"],
            "given name order"
        );
        assert_eq!(s.initiatives(None).unwrap().len(), 3);
        let of_hoa: Vec<String> = s
            .initiatives_of(&hoa)
            .unwrap()
            .into_iter()
            .map(|i| i.title)
            .collect();
        assert_eq!(of_hoa, vec!["Sáng kiến B", "Sáng kiến cũ"]);
        assert_eq!(
            s.create_initiative(&initiative(&hoa, " ", 2025))
                .unwrap_err()
                .field(),
            Some("title")
        );
        assert_eq!(
            s.create_initiative(&initiative("khong-co", "X", 2025))
                .unwrap_err()
                .code(),
            "not_found"
        );
        s.delete_initiative(&old.id).unwrap();
        assert_eq!(s.initiatives_of(&hoa).unwrap().len(), 1);
    }

    #[test]
    fn exemplary_models_with_movements_in_vietnamese_order() {
        let (mut s, unit, hoa, binh) = setup();
        let household = s
            .create_household(&HouseholdInput {
                head_name: "Lê Văn An".into(),
                unit_id: Some(unit.clone()),
                address: String::new(),
                note: String::new(),
            })
            .unwrap()
            .id;
        let movement = |name: &str| MovementInput {
            name: name.into(),
            launched_by: LaunchLevel::TrungUong,
            scope: MovementScope::ToanQuoc,
            method: MovementMethod::ThuongXuyen,
            start_date: Some("2020-01-01".into()),
            end_date: None,
            doc_number: String::new(),
            doc_date: None,
            note: String::new(),
        };
        let ntm = s
            .create_movement(&movement("Chung sức xây dựng nông thôn mới"))
            .unwrap();
        let ngheo = s.create_movement(&movement("Vì người nghèo")).unwrap();
        let model = |subject, movement: Option<&str>, description: &str| ExemplaryModelInput {
            subject,
            movement_id: movement.map(Into::into),
            year: 2025,
            description: description.into(),
        };
        s.create_exemplary_model(&model(
            Subject::Person(hoa.clone()),
            Some(&ngheo.id),
            "Giúp 5 hộ thoát nghèo",
        ))
        .unwrap();
        s.create_exemplary_model(&model(
            Subject::Household(household),
            Some(&ntm.id),
            "Hiến 200 m² đất làm đường",
        ))
        .unwrap();
        s.create_exemplary_model(&model(
            Subject::Person(binh),
            Some(&ntm.id),
            "Vận động làm đường",
        ))
        .unwrap();
        let unit_model = s
            .create_exemplary_model(&model(Subject::Unit(unit), None, "  Dạy học  số "))
            .unwrap();
        assert_eq!(unit_model.description, "Dạy học số");
        let all = s.exemplary_models(Some(2025)).unwrap();
        let listed: Vec<(Option<&str>, &str)> = all
            .iter()
            .map(|m| (m.movement_name.as_deref(), m.recipient_name.as_str()))
            .collect();
        assert_eq!(
            listed,
            vec![
                (Some("Chung sức xây dựng nông thôn mới"), "Trần Văn Bình"),
                (Some("Chung sức xây dựng nông thôn mới"), "Lê Văn An"),
                (Some("Vì người nghèo"), "Nguyễn Thị Hoa"),
                (None, "Trường Tiểu học An Bình"),
            ]
        );
        assert!(s.exemplary_models(Some(2024)).unwrap().is_empty());

        // the movement cannot be deleted while a model belongs to it
        let err = s.delete_movement(&ngheo.id).unwrap_err();
        assert!(err.to_string().contains("1 điển hình tiên tiến"), "{err}");

        let mut edit = model(Subject::Person(hoa), None, "Giúp 6 hộ thoát nghèo");
        edit.year = 2024;
        let hoa_model = all
            .iter()
            .find(|m| m.recipient_name == "Nguyễn Thị Hoa")
            .unwrap();
        let edited = s.update_exemplary_model(&hoa_model.id, &edit).unwrap();
        assert_eq!((edited.movement_name, edited.year), (None, 2024));
        s.delete_movement(&ngheo.id).unwrap();
        s.delete_exemplary_model(&edited.id).unwrap();
        assert_eq!(
            s.exemplary_model(&edited.id).unwrap_err().code(),
            "not_found"
        );

        let bad = ExemplaryModelInput {
            subject: Subject::Person("khong-co".into()),
            movement_id: None,
            year: 2025,
            description: String::new(),
        };
        assert_eq!(
            s.create_exemplary_model(&bad).unwrap_err().code(),
            "not_found"
        );
    }
}
