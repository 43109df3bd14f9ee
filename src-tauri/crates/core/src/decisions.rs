//! Award decisions (quyết định khen thưởng) and their awards.
//!
//! The money of each award is computed from the catalog and the rules in force on the
//! decision's date, and stored with the award (so a later change of rules does not rewrite a
//! signed decision); the clerk may type an amount instead, which is then kept as typed.
//! The position and unit of a person are copied onto the award as they stood at that time.

use crate::error::{Error, Result};
use crate::rules::AwardKind;
use crate::store::{new_id, now, Store};
use crate::subjects::{RecipientKind, Subject, SUBJECT_NAME_SQL};
use crate::text::{clean, search_key};
use crate::units::parse_date;
use rusqlite::{params, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum DecisionLevel {
    NhaNuoc,
    BoTinh,
    Huyen,
    Xa,
    CoQuan,
}

impl DecisionLevel {
    pub const ALL: [DecisionLevel; 5] = [
        Self::NhaNuoc,
        Self::BoTinh,
        Self::Huyen,
        Self::Xa,
        Self::CoQuan,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::NhaNuoc => "nha_nuoc",
            Self::BoTinh => "bo_tinh",
            Self::Huyen => "huyen",
            Self::Xa => "xa",
            Self::CoQuan => "co_quan",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::NhaNuoc => "Cấp Nhà nước",
            Self::BoTinh => "Cấp bộ, ban, ngành, tỉnh",
            Self::Huyen => "Cấp huyện (đến 30/6/2025)",
            Self::Xa => "Cấp xã",
            Self::CoQuan => "Cơ quan, đơn vị",
        }
    }

    pub fn parse(s: &str) -> Result<Self> {
        Self::ALL
            .into_iter()
            .find(|l| l.as_str() == s)
            .ok_or_else(|| Error::invalid("level", format!("Cấp quyết định \"{s}\" không hợp lệ.")))
    }
}

/// Loại hình khen thưởng (Luật 2022, Điều 8), as the statistics tables group them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum AwardType {
    CongTrang,
    DotXuat,
    PhongTraoDot,
    ChuyenDe,
    CongHien,
    NienHan,
    DoiNgoai,
    KhangChien,
}

impl AwardType {
    pub const ALL: [AwardType; 8] = [
        Self::CongTrang,
        Self::DotXuat,
        Self::PhongTraoDot,
        Self::ChuyenDe,
        Self::CongHien,
        Self::NienHan,
        Self::DoiNgoai,
        Self::KhangChien,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::CongTrang => "cong_trang",
            Self::DotXuat => "dot_xuat",
            Self::PhongTraoDot => "phong_trao_dot",
            Self::ChuyenDe => "chuyen_de",
            Self::CongHien => "cong_hien",
            Self::NienHan => "nien_han",
            Self::DoiNgoai => "doi_ngoai",
            Self::KhangChien => "khang_chien",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::CongTrang => "Khen thưởng theo công trạng và thành tích đạt được",
            Self::DotXuat => "Khen thưởng đột xuất",
            Self::PhongTraoDot => "Khen thưởng phong trào thi đua theo đợt",
            Self::ChuyenDe => "Khen thưởng phong trào thi đua theo chuyên đề",
            Self::CongHien => "Khen thưởng quá trình cống hiến",
            Self::NienHan => "Khen thưởng theo niên hạn",
            Self::DoiNgoai => "Khen thưởng đối ngoại",
            Self::KhangChien => "Khen thưởng kháng chiến",
        }
    }

    /// The row group of the national statistics tables (biểu 0603 rows 11–17).
    pub fn stat_group(self) -> &'static str {
        match self {
            Self::CongTrang => "Thường xuyên",
            Self::PhongTraoDot | Self::ChuyenDe => "Chuyên đề",
            Self::DotXuat => "Đột xuất",
            Self::DoiNgoai => "Đối ngoại",
            Self::CongHien => "Cống hiến",
            Self::NienHan => "Niên hạn",
            Self::KhangChien => "Kháng chiến",
        }
    }

    pub fn parse(s: &str) -> Result<Self> {
        Self::ALL
            .into_iter()
            .find(|t| t.as_str() == s)
            .ok_or_else(|| {
                Error::invalid(
                    "award_type",
                    format!("Loại hình khen thưởng \"{s}\" không hợp lệ."),
                )
            })
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Decision {
    pub id: String,
    pub number: String,
    pub decision_date: String,
    pub level: DecisionLevel,
    pub authority: String,
    pub signer_name: String,
    pub signer_title: String,
    pub award_type: AwardType,
    pub movement_id: Option<String>,
    /// The achievement year the awards count in (e.g. LĐTT năm 2025 decided in January 2026).
    pub year: i32,
    pub period_from: Option<String>,
    pub period_to: Option<String>,
    pub note: String,
    pub award_count: i64,
    pub total_amount: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DecisionInput {
    pub number: String,
    pub decision_date: String,
    pub level: DecisionLevel,
    pub authority: String,
    pub signer_name: String,
    pub signer_title: String,
    pub award_type: AwardType,
    pub movement_id: Option<String>,
    pub year: i32,
    pub period_from: Option<String>,
    pub period_to: Option<String>,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AwardInput {
    pub subject: Subject,
    pub code: String,
    pub achievement: String,
    pub direct_worker: bool,
    /// As printed on the decision; defaults to the person's current position.
    pub position: Option<String>,
    /// Đơn vị công tác as printed; defaults to the subject's unit.
    pub unit_name: Option<String>,
    /// An amount typed by the clerk; None computes it from the rules.
    pub amount: Option<i64>,
}

/// One award as lists, reports and the CLI show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AwardRow {
    pub id: String,
    pub decision_id: String,
    pub subject: Subject,
    pub recipient_name: String,
    pub recipient_kind: RecipientKind,
    pub code: String,
    pub code_name: String,
    pub award_kind: AwardKind,
    pub achievement: String,
    pub direct_worker: bool,
    pub position: String,
    pub unit: String,
    pub amount: i64,
    pub amount_manual: bool,
    pub decision_number: String,
    /// YYYY-MM-DD
    pub decision_date: String,
    pub decision_level: DecisionLevel,
    pub award_type: AwardType,
    pub year: i32,
}

/// What a roll-up counts of an award (see [`Store::counted_awards`]).
#[derive(Debug, Clone)]
pub(crate) struct CountedAward {
    pub subject: Subject,
    pub recipient_kind: RecipientKind,
    pub code: String,
    pub award_kind: AwardKind,
    pub award_type: AwardType,
    /// The member unit it counts for: the unit itself, the person's, the household's thôn.
    pub unit_id: Option<String>,
    /// The person's position category (none for a unit or a household).
    pub position_category: Option<crate::persons::PositionCategory>,
}

/// Everything granted to one person, and how they were rated year by year: what the clerk
/// reads before proposing a higher title.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PersonHistory {
    pub person: crate::persons::Person,
    /// Oldest first.
    pub awards: Vec<AwardRow>,
    pub ratings: Vec<crate::assessments::PersonRating>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AwardQuery {
    /// Awards of decisions dated in this year.
    pub year: Option<i32>,
    /// Or in this date range (YYYY-MM-DD, inclusive).
    pub from: Option<String>,
    pub to: Option<String>,
    pub decision_id: Option<String>,
    pub person_id: Option<String>,
    pub unit_id: Option<String>,
    pub code: Option<String>,
}

impl DecisionInput {
    fn cleaned(&self) -> Result<DecisionInput> {
        let number = clean(&self.number);
        if number.is_empty() {
            return Err(Error::invalid(
                "number",
                "Số quyết định không được để trống (ví dụ 45/QĐ-UBND).",
            ));
        }
        let date = parse_date("decision_date", &self.decision_date)?;
        crate::blocks::check_year(self.year)?;
        let opt_date = |field, d: &Option<String>| {
            d.as_deref()
                .filter(|s| !s.trim().is_empty())
                .map(|s| parse_date(field, s))
                .transpose()
        };
        Ok(DecisionInput {
            number,
            decision_date: date,
            level: self.level,
            authority: clean(&self.authority),
            signer_name: clean(&self.signer_name),
            signer_title: clean(&self.signer_title),
            award_type: self.award_type,
            movement_id: self.movement_id.clone().filter(|m| !m.is_empty()),
            year: self.year,
            period_from: opt_date("period_from", &self.period_from)?,
            period_to: opt_date("period_to", &self.period_to)?,
            note: clean(&self.note),
        })
    }
}

const DECISION_SELECT: &str = "SELECT d.id, d.number, d.decision_date, d.level, d.authority,
        d.signer_name, d.signer_title, d.award_type, d.movement_id, d.year, d.period_from,
        d.period_to, d.note,
        (SELECT count(*) FROM awards a WHERE a.decision_id = d.id),
        (SELECT coalesce(sum(amount), 0) FROM awards a WHERE a.decision_id = d.id)
    FROM decisions d";

fn decision_row(r: &Row) -> rusqlite::Result<(Decision, String, String)> {
    Ok((
        Decision {
            id: r.get(0)?,
            number: r.get(1)?,
            decision_date: r.get(2)?,
            level: DecisionLevel::Xa,
            authority: r.get(4)?,
            signer_name: r.get(5)?,
            signer_title: r.get(6)?,
            award_type: AwardType::CongTrang,
            movement_id: r.get(8)?,
            year: r.get(9)?,
            period_from: r.get(10)?,
            period_to: r.get(11)?,
            note: r.get(12)?,
            award_count: r.get(13)?,
            total_amount: r.get(14)?,
        },
        r.get(3)?,
        r.get(7)?,
    ))
}

fn finish_decision((mut d, level, award_type): (Decision, String, String)) -> Result<Decision> {
    d.level = DecisionLevel::parse(&level)?;
    d.award_type = AwardType::parse(&award_type)?;
    Ok(d)
}

fn award_select() -> String {
    format!(
        "SELECT t.id, t.decision_id, t.person_id, t.unit_id, t.household_id, {SUBJECT_NAME_SQL},
            t.code, c.name, c.kind, t.achievement, t.direct_worker, t.position, t.unit_name,
            t.amount, t.amount_manual, d.number, d.decision_date, d.level, d.award_type, d.year
         FROM awards t
         JOIN decisions d ON d.id = t.decision_id
         JOIN catalog_items c ON c.code = t.code"
    )
}

type RawAward = (
    AwardRow,
    Option<String>,
    Option<String>,
    Option<String>,
    String,
    String,
);

fn award_row(r: &Row) -> rusqlite::Result<RawAward> {
    let kind: String = r.get(8)?;
    Ok((
        AwardRow {
            id: r.get(0)?,
            decision_id: r.get(1)?,
            subject: Subject::Unit(String::new()),
            recipient_name: r.get::<_, Option<String>>(5)?.unwrap_or_default(),
            recipient_kind: RecipientKind::TapThe,
            code: r.get(6)?,
            code_name: r.get(7)?,
            award_kind: if kind == "danh_hieu" {
                AwardKind::DanhHieu
            } else {
                AwardKind::HinhThuc
            },
            achievement: r.get(9)?,
            direct_worker: r.get::<_, i64>(10)? != 0,
            position: r.get(11)?,
            unit: r.get(12)?,
            amount: r.get(13)?,
            amount_manual: r.get::<_, i64>(14)? != 0,
            decision_number: r.get(15)?,
            decision_date: r.get(16)?,
            decision_level: DecisionLevel::Xa,
            award_type: AwardType::CongTrang,
            year: r.get(19)?,
        },
        r.get(2)?,
        r.get(3)?,
        r.get(4)?,
        r.get(17)?,
        r.get(18)?,
    ))
}

/// Decision by decision (date, number), titles before forms, then unit and person in
/// Vietnamese order. Sorted here rather than by SQLite's collations: those rebuild both names'
/// keys on every comparison, which took most of the time of a year of 200,000 awards.
fn sort_awards(awards: &mut Vec<AwardRow>) {
    let ranks: Vec<(u32, u32)> = {
        let units = crate::text::ranks_vi(awards.iter().map(|a| a.unit.as_str()));
        let names = crate::text::ranks_person(awards.iter().map(|a| a.recipient_name.as_str()));
        let rank = |m: &HashMap<&str, u32>, s: &str| m.get(s).copied().unwrap_or(0);
        awards
            .iter()
            .map(|a| (rank(&units, &a.unit), rank(&names, &a.recipient_name)))
            .collect()
    };
    let mut keyed: Vec<((u32, u32), AwardRow)> = ranks.into_iter().zip(awards.drain(..)).collect();
    // Stable: rows that tie keep the order SQLite read them in.
    keyed.sort_by(|(ra, a), (rb, b)| {
        let forms = |a: &AwardRow| a.award_kind == AwardKind::HinhThuc;
        (&a.decision_date, &a.decision_number, forms(a), ra).cmp(&(
            &b.decision_date,
            &b.decision_number,
            forms(b),
            rb,
        ))
    });
    awards.extend(keyed.into_iter().map(|(_, a)| a));
}

fn finish_award((mut a, person, unit, household, level, award_type): RawAward) -> Result<AwardRow> {
    a.subject = Subject::from_columns(person, unit, household)?;
    a.recipient_kind = a.subject.kind();
    a.decision_level = DecisionLevel::parse(&level)?;
    a.award_type = AwardType::parse(&award_type)?;
    Ok(a)
}

/// What adding many awards at once looks up only once (see [`Store::insert_award_in`]).
pub(crate) struct AwardBatch {
    /// The time written on every record of the batch.
    pub at: String,
    decisions: HashMap<String, (String, i32)>,
    items: HashMap<String, crate::rules::CatalogItem>,
    amounts: HashMap<(String, RecipientKind, String), i64>,
    /// Position and unit of each recipient, copied onto awards that do not state them.
    placed: HashMap<String, (String, String)>,
    /// Recipients given a title (danh hiệu) in the batch, by achievement year: how many.
    titles: HashMap<(Subject, i32), u32>,
}

impl AwardBatch {
    /// Tells the batch where a recipient it has just created works, saving the query.
    pub(crate) fn place(&mut self, subject_id: &str, position: String, unit_name: String) {
        self.placed
            .insert(subject_id.to_string(), (position, unit_name));
    }
}

impl Default for AwardBatch {
    fn default() -> Self {
        AwardBatch {
            at: now(),
            decisions: HashMap::new(),
            items: HashMap::new(),
            amounts: HashMap::new(),
            placed: HashMap::new(),
            titles: HashMap::new(),
        }
    }
}

impl Store {
    pub fn decision(&self, id: &str) -> Result<Decision> {
        self.conn
            .query_row(
                &format!("{DECISION_SELECT} WHERE d.id = ?1"),
                [id],
                decision_row,
            )
            .optional()?
            .map(finish_decision)
            .transpose()?
            .ok_or_else(|| Error::not_found(format!("quyết định có mã định danh {id}")))
    }

    /// Finds a decision by its number (e.g. "45/QĐ-UBND"), the newest if several years reuse it.
    pub fn decision_by_number(&self, number: &str) -> Result<Decision> {
        let id: Option<String> = self
            .conn
            .query_row(
                "SELECT id FROM decisions WHERE lower(number) = lower(?1) ORDER BY decision_date DESC LIMIT 1",
                [clean(number)],
                |r| r.get(0),
            )
            .optional()?;
        match id {
            Some(id) => self.decision(&id),
            None => Err(Error::not_found(format!("quyết định số {number}"))),
        }
    }

    /// Decisions dated in `year`, newest first.
    pub fn decisions(&self, year: Option<i32>) -> Result<Vec<Decision>> {
        let mut stmt = self.conn.prepare(&format!(
            "{DECISION_SELECT} WHERE ?1 IS NULL OR substr(d.decision_date, 1, 4) = printf('%04d', ?1)
             ORDER BY d.decision_date DESC, d.number"
        ))?;
        let rows = stmt.query_map([year], decision_row)?;
        rows.map(|r| finish_decision(r?)).collect()
    }

    pub fn create_decision(&mut self, input: &DecisionInput) -> Result<Decision> {
        self.insert_decision(input, None)
    }

    pub fn insert_decision(
        &mut self,
        input: &DecisionInput,
        import_id: Option<&str>,
    ) -> Result<Decision> {
        let d = input.cleaned()?;
        self.check_decision_free(&d, None)?;
        let id = new_id();
        self.conn.execute(
            "INSERT INTO decisions (id, number, decision_date, level, authority, signer_name,
                 signer_title, award_type, movement_id, year, period_from, period_to, note,
                 search_key, import_id, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?16)",
            params![
                id,
                d.number,
                d.decision_date,
                d.level.as_str(),
                d.authority,
                d.signer_name,
                d.signer_title,
                d.award_type.as_str(),
                d.movement_id,
                d.year,
                d.period_from,
                d.period_to,
                d.note,
                search_key(&format!("{} {} {}", d.number, d.authority, d.note)),
                import_id,
                now()
            ],
        )?;
        self.decision(&id)
    }

    fn check_decision_free(&self, d: &DecisionInput, except: Option<&str>) -> Result<()> {
        let taken: Option<String> = self
            .conn
            .query_row(
                "SELECT id FROM decisions WHERE lower(number) = lower(?1) AND decision_date = ?2 AND id IS NOT ?3",
                params![d.number, d.decision_date, except],
                |r| r.get(0),
            )
            .optional()?;
        if taken.is_some() {
            return Err(Error::duplicate(
                "number",
                format!(
                    "Đã có quyết định số {} ngày {}.",
                    d.number,
                    crate::units::format_date_vi(&d.decision_date)
                ),
            ));
        }
        Ok(())
    }

    /// Changes a decision's details. A new date recomputes the money of its awards (the
    /// rules in force may differ), except amounts the clerk typed.
    pub fn update_decision(&mut self, id: &str, input: &DecisionInput) -> Result<Decision> {
        let old = self.decision(id)?;
        let d = input.cleaned()?;
        self.check_decision_free(&d, Some(id))?;
        self.atomically(|s| {
            s.conn.execute(
                "UPDATE decisions SET number = ?2, decision_date = ?3, level = ?4, authority = ?5,
                     signer_name = ?6, signer_title = ?7, award_type = ?8, movement_id = ?9,
                     year = ?10, period_from = ?11, period_to = ?12, note = ?13, search_key = ?14,
                     updated_at = ?15
                 WHERE id = ?1",
                params![
                    id,
                    d.number,
                    d.decision_date,
                    d.level.as_str(),
                    d.authority,
                    d.signer_name,
                    d.signer_title,
                    d.award_type.as_str(),
                    d.movement_id,
                    d.year,
                    d.period_from,
                    d.period_to,
                    d.note,
                    search_key(&format!("{} {} {}", d.number, d.authority, d.note)),
                    now()
                ],
            )?;
            if old.decision_date != d.decision_date || old.year != d.year {
                for award in s.awards(&AwardQuery {
                    decision_id: Some(id.to_string()),
                    ..Default::default()
                })? {
                    s.recompute_award(&award.id)?;
                    s.apply_only_highest(&award.subject, old.year)?;
                    s.apply_only_highest(&award.subject, d.year)?;
                }
            }
            s.decision(id)
        })
    }

    /// Deletes a decision without awards. One with awards is refused: its awards must be
    /// removed first, so nothing is lost by one click.
    pub fn delete_decision(&mut self, id: &str) -> Result<()> {
        let d = self.decision(id)?;
        if d.award_count > 0 {
            return Err(Error::InUse {
                message: format!(
                    "Quyết định {} còn {} khen thưởng. Hãy xóa các khen thưởng trước khi xóa quyết định.",
                    d.number, d.award_count
                ),
            });
        }
        let sp = self.conn.savepoint()?;
        sp.execute("UPDATE proposal_items SET award_id = NULL WHERE award_id IN (SELECT id FROM awards WHERE decision_id = ?1)", [id])?;
        sp.execute("DELETE FROM decisions WHERE id = ?1", [id])?;
        sp.commit()?;
        Ok(())
    }

    /// Adds one recipient to a decision.
    pub fn add_award(&mut self, decision_id: &str, input: &AwardInput) -> Result<AwardRow> {
        self.insert_award(decision_id, input, None)
    }

    /// Adds several recipients at once: all of them or none.
    pub fn add_awards(
        &mut self,
        decision_id: &str,
        inputs: &[AwardInput],
    ) -> Result<Vec<AwardRow>> {
        self.atomically(|s| {
            inputs
                .iter()
                .map(|i| s.insert_award(decision_id, i, None))
                .collect()
        })
    }

    pub fn insert_award(
        &mut self,
        decision_id: &str,
        input: &AwardInput,
        import_id: Option<&str>,
    ) -> Result<AwardRow> {
        let mut batch = AwardBatch::default();
        self.atomically(|s| {
            let id = s.insert_award_in(&mut batch, decision_id, input, import_id)?;
            if let Some(year) = batch.titles.keys().next().map(|(_, y)| *y) {
                s.apply_only_highest(&input.subject, year)?;
            }
            s.award(&id)
        })
    }

    /// Writes one award of a batch, looking up the decision, catalog item, money and
    /// recipient's position once per batch instead of once per award. The only-the-highest
    /// rule is left to [`Store::finish_award_batch`]: applying it per award made a list of n
    /// people cost n queries of each person's titles.
    pub(crate) fn insert_award_in(
        &mut self,
        batch: &mut AwardBatch,
        decision_id: &str,
        input: &AwardInput,
        import_id: Option<&str>,
    ) -> Result<String> {
        if !batch.decisions.contains_key(decision_id) {
            // Only the date and year: `decision()` also totals the decision's awards, which
            // made adding n awards to one decision cost O(n²).
            let found: (String, i32) = self
                .conn
                .prepare_cached("SELECT decision_date, year FROM decisions WHERE id = ?1")?
                .query_row([decision_id], |r| Ok((r.get(0)?, r.get(1)?)))
                .optional()?
                .ok_or_else(|| {
                    Error::not_found(format!("quyết định có mã định danh {decision_id}"))
                })?;
            batch.decisions.insert(decision_id.to_string(), found);
        }
        let (decision_date, decision_year) = batch.decisions[decision_id].clone();
        let code = clean(&input.code).to_uppercase();
        if !batch.items.contains_key(&code) {
            let item = self.catalog_item(&code)?;
            batch.items.insert(code.clone(), item);
        }
        let item = &batch.items[&code];
        let kind = input.subject.kind();
        if !item.fits(kind) {
            return Err(Error::invalid(
                "code",
                format!(
                    "\"{}\" không dành cho đối tượng {}.",
                    item.name,
                    kind.label().to_lowercase()
                ),
            ));
        }
        let (item_code, is_title) = (item.code.clone(), item.kind == AwardKind::DanhHieu);
        if input.amount.is_some_and(|a| a < 0) {
            return Err(Error::invalid("amount", "Số tiền không được âm."));
        }
        let needs_default = input.position.is_none() || input.unit_name.is_none();
        let defaults = match (needs_default, batch.placed.get(input.subject.id())) {
            (false, _) => (String::new(), String::new()),
            (true, Some(d)) => d.clone(),
            (true, None) => {
                let d = self.subject_position_and_unit(&input.subject)?;
                batch
                    .placed
                    .insert(input.subject.id().to_string(), d.clone());
                d
            }
        };
        let amount = match input.amount {
            Some(a) => a,
            None => {
                let key = (item_code.clone(), kind, decision_date.clone());
                match batch.amounts.get(&key) {
                    Some(a) => *a,
                    None => {
                        let a = self.award_amount(&item_code, kind, &decision_date)?.amount;
                        batch.amounts.insert(key, a);
                        a
                    }
                }
            }
        };
        let id = new_id();
        let (person, unit, household) = input.subject.columns();
        self.conn
            .prepare_cached(
                "INSERT INTO awards (id, decision_id, person_id, unit_id, household_id, code,
                     achievement, direct_worker, position, unit_name, amount, amount_manual,
                     import_id, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?14)",
            )?
            .execute(params![
                id,
                decision_id,
                person,
                unit,
                household,
                item_code,
                clean(&input.achievement),
                input.direct_worker,
                input.position.as_deref().map(clean).unwrap_or(defaults.0),
                input.unit_name.as_deref().map(clean).unwrap_or(defaults.1),
                amount,
                input.amount.is_some(),
                import_id,
                batch.at
            ])?;
        if is_title {
            *batch
                .titles
                .entry((input.subject.clone(), decision_year))
                .or_default() += 1;
        }
        Ok(id)
    }

    /// Applies the only-the-highest rule to every recipient given a title in the batch,
    /// except those created with it (`new_subjects`) that got a single title that year: their
    /// one title is the highest, already paid in full.
    pub(crate) fn finish_award_batch(
        &mut self,
        batch: &AwardBatch,
        new_subjects: &std::collections::HashSet<String>,
    ) -> Result<()> {
        for ((subject, year), titles) in &batch.titles {
            if *titles > 1 || !new_subjects.contains(subject.id()) {
                self.apply_only_highest(subject, *year)?;
            }
        }
        Ok(())
    }

    fn subject_position_and_unit(&self, subject: &Subject) -> Result<(String, String)> {
        let found: Option<(String, String)> = match subject {
            Subject::Person(id) => self
                .conn
                .query_row(
                    "SELECT p.position, coalesce(u.name, '') FROM persons p
                     LEFT JOIN units u ON u.id = p.unit_id WHERE p.id = ?1",
                    [id],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()?,
            Subject::Unit(id) => self
                .conn
                .query_row("SELECT '', coalesce(p.name, '') FROM units u LEFT JOIN units p ON p.id = u.parent_id WHERE u.id = ?1", [id], |r| {
                    Ok((r.get(0)?, r.get(1)?))
                })
                .optional()?,
            Subject::Household(id) => self
                .conn
                .query_row(
                    "SELECT '', coalesce(u.name, '') FROM households h LEFT JOIN units u ON u.id = h.unit_id WHERE h.id = ?1",
                    [id],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()?,
        };
        found.ok_or_else(|| {
            Error::not_found(format!(
                "{} được khen thưởng",
                subject.kind().label().to_lowercase()
            ))
        })
    }

    pub fn award(&self, id: &str) -> Result<AwardRow> {
        self.conn
            .query_row(
                &format!("{} WHERE t.id = ?1", award_select()),
                [id],
                award_row,
            )
            .optional()?
            .map(finish_award)
            .transpose()?
            .ok_or_else(|| Error::not_found(format!("khen thưởng có mã định danh {id}")))
    }

    pub fn remove_award(&mut self, id: &str) -> Result<()> {
        let award = self.award(id)?;
        self.atomically(|s| {
            s.conn.execute(
                "UPDATE proposal_items SET award_id = NULL WHERE award_id = ?1",
                [id],
            )?;
            s.conn.execute(
                "UPDATE initiatives SET used_for = NULL WHERE used_for = ?1",
                [id],
            )?;
            s.conn.execute("DELETE FROM awards WHERE id = ?1", [id])?;
            s.apply_only_highest(&award.subject, award.year)
        })
    }

    /// Sets the amount the clerk typed, or (None) goes back to the computed one.
    pub fn set_award_amount(&mut self, id: &str, amount: Option<i64>) -> Result<AwardRow> {
        let award = self.award(id)?;
        if amount.is_some_and(|a| a < 0) {
            return Err(Error::invalid("amount", "Số tiền không được âm."));
        }
        self.atomically(|s| {
            match amount {
                Some(a) => {
                    s.conn.execute(
                        "UPDATE awards SET amount = ?2, amount_manual = 1, updated_at = ?3 WHERE id = ?1",
                        params![id, a, now()],
                    )?;
                }
                None => {
                    s.conn.execute("UPDATE awards SET amount_manual = 0 WHERE id = ?1", [id])?;
                    s.recompute_award(id)?;
                    s.apply_only_highest(&award.subject, award.year)?;
                }
            }
            s.award(id)
        })
    }

    /// Recomputes an award's money from the rules, unless the clerk typed it.
    fn recompute_award(&mut self, id: &str) -> Result<()> {
        let a = self.award(id)?;
        if a.amount_manual {
            return Ok(());
        }
        let amount = self
            .award_amount(&a.code, a.recipient_kind, &a.decision_date)?
            .amount;
        self.conn.execute(
            "UPDATE awards SET amount = ?2, updated_at = ?3 WHERE id = ?1",
            params![id, amount, now()],
        )?;
        Ok(())
    }

    /// NĐ 152: a subject with several titles for the same year is paid only the highest.
    /// Titles decided under a regime without that rule keep their own money.
    fn apply_only_highest(&mut self, subject: &Subject, year: i32) -> Result<()> {
        // `column = ?` on the one column set, so SQLite uses that column's index; a chain of
        // `IS ?` over the three columns made it scan every award on each insert.
        let column = match subject {
            Subject::Person(_) => "t.person_id",
            Subject::Unit(_) => "t.unit_id",
            Subject::Household(_) => "t.household_id",
        };
        let titles = self.awards_where(
            &format!("c.kind = 'danh_hieu' AND d.year = ? AND {column} = ?"),
            &[&year as &dyn rusqlite::ToSql, &subject.id()],
        )?;
        let mut under_rule = Vec::new();
        for t in titles.into_iter().filter(|t| !t.amount_manual) {
            let regime = self.regime_on(&t.decision_date)?;
            let computed = self
                .award_amount(&t.code, t.recipient_kind, &t.decision_date)?
                .amount;
            if regime.only_highest {
                under_rule.push((t.id, computed));
            }
        }
        let best = under_rule
            .iter()
            .max_by_key(|(_, amount)| *amount)
            .map(|(id, _)| id.clone());
        for (id, computed) in &under_rule {
            let pay = if Some(id) == best.as_ref() {
                *computed
            } else {
                0
            };
            self.conn.execute(
                "UPDATE awards SET amount = ?2 WHERE id = ?1 AND amount <> ?2",
                params![id, pay],
            )?;
        }
        Ok(())
    }

    fn awards_where(
        &self,
        condition: &str,
        args: &[&dyn rusqlite::ToSql],
    ) -> Result<Vec<AwardRow>> {
        let sql = format!("{} WHERE {condition}", award_select());
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map(args, award_row)?;
        let mut awards = rows
            .map(|r| finish_award(r?))
            .collect::<Result<Vec<AwardRow>>>()?;
        sort_awards(&mut awards);
        Ok(awards)
    }

    /// A person's whole history: one query over the awards (a merged duplicate's awards were
    /// moved to the kept record when the clerk merged them), and the yearly ratings.
    pub fn person_history(&self, person_id: &str) -> Result<PersonHistory> {
        let person = self.person(person_id)?;
        let awards = self.awards(&AwardQuery {
            person_id: Some(person.id.clone()),
            ..Default::default()
        })?;
        let ratings = self.ratings_of_person(&person.id)?;
        Ok(PersonHistory {
            person,
            awards,
            ratings,
        })
    }

    /// The other awards (of other decisions) of everyone on a decision, oldest first: the
    /// history shown beside each line while the clerk checks the list before signing (a
    /// second Lao động tiên tiến the same year, a title granted too early).
    pub fn recipients_other_awards(&self, decision_id: &str) -> Result<Vec<AwardRow>> {
        self.decision(decision_id)?;
        self.awards_where(
            "t.decision_id <> ?1 AND (
                t.person_id IN (SELECT person_id FROM awards WHERE decision_id = ?1)
                OR t.unit_id IN (SELECT unit_id FROM awards WHERE decision_id = ?1)
                OR t.household_id IN (SELECT household_id FROM awards WHERE decision_id = ?1))",
            &[&decision_id],
        )
    }

    /// What the roll-up counts of each award of decisions dated `from..=to` (YYYY-MM-DD), in
    /// no particular order: a few bytes per award where [`AwardRow`] holds every text.
    pub(crate) fn counted_awards(&self, from: &str, to: &str) -> Result<Vec<CountedAward>> {
        // The unit as `SUBJECT_UNIT_SQL` gives it, the person's read from the joined row.
        let mut stmt = self.conn.prepare(
            "SELECT t.person_id, t.unit_id, t.household_id, t.code, c.kind, d.award_type,
                coalesce(p.unit_id, t.unit_id,
                    (SELECT unit_id FROM households WHERE id = t.household_id)),
                p.position_category
             FROM awards t
             JOIN decisions d ON d.id = t.decision_id
             JOIN catalog_items c ON c.code = t.code
             LEFT JOIN persons p ON p.id = t.person_id
             WHERE d.decision_date >= ?1 AND d.decision_date <= ?2",
        )?;
        let mut rows = stmt.query([from, to])?;
        let mut awards = Vec::new();
        while let Some(r) = rows.next()? {
            let subject = Subject::from_columns(r.get(0)?, r.get(1)?, r.get(2)?)?;
            let kind: String = r.get(4)?;
            let award_type: String = r.get(5)?;
            let category: Option<String> = r.get(7)?;
            awards.push(CountedAward {
                recipient_kind: subject.kind(),
                subject,
                code: r.get(3)?,
                award_kind: if kind == "danh_hieu" {
                    AwardKind::DanhHieu
                } else {
                    AwardKind::HinhThuc
                },
                award_type: AwardType::parse(&award_type)?,
                unit_id: r.get(6)?,
                position_category: category
                    .as_deref()
                    .map(crate::persons::PositionCategory::parse)
                    .transpose()?,
            });
        }
        Ok(awards)
    }

    /// The awards of decisions dated `from..=to` (YYYY-MM-DD) in the order of
    /// [`Store::awards`], each handed to `each` as SQLite reads it: a roll-up lists a large
    /// year's 200,000 awards without holding them. Units and people are ranked in Vietnamese
    /// order here, once per distinct name as `sort_awards` does, and the ranks given to
    /// SQLite's sort in two temporary tables (gone with the transaction, rolled back at the
    /// end: nothing else is written). Awards that tie come in the order they were added.
    pub(crate) fn each_award_in_order(
        &self,
        from: &str,
        to: &str,
        mut each: impl FnMut(AwardRow) -> Result<()>,
    ) -> Result<()> {
        // The distinct units and names of the period, in one pass.
        let (mut units, mut names) = (HashSet::new(), HashSet::new());
        {
            let mut stmt = self.conn.prepare(&format!(
                "SELECT t.unit_name, coalesce({SUBJECT_NAME_SQL}, '')
                 FROM awards t JOIN decisions d ON d.id = t.decision_id
                 WHERE d.decision_date >= ?1 AND d.decision_date <= ?2"
            ))?;
            let mut rows = stmt.query([from, to])?;
            while let Some(r) = rows.next()? {
                let (unit, name): (String, String) = (r.get(0)?, r.get(1)?);
                if !units.contains(&unit) {
                    units.insert(unit);
                }
                if !names.contains(&name) {
                    names.insert(name);
                }
            }
        }
        let tx = self.conn.unchecked_transaction()?;
        tx.execute_batch(
            "CREATE TEMP TABLE award_rank_unit (name TEXT PRIMARY KEY, rank INTEGER NOT NULL);
             CREATE TEMP TABLE award_rank_name (name TEXT PRIMARY KEY, rank INTEGER NOT NULL);",
        )?;
        for (table, ranks) in [
            (
                "award_rank_unit",
                crate::text::ranks_vi(units.iter().map(String::as_str)),
            ),
            (
                "award_rank_name",
                crate::text::ranks_person(names.iter().map(String::as_str)),
            ),
        ] {
            let mut insert = tx.prepare(&format!("INSERT INTO temp.{table} VALUES (?1, ?2)"))?;
            for (name, rank) in ranks {
                insert.execute(params![name, rank])?;
            }
        }
        drop((units, names));
        // The columns of `award_select`, the name read once (for its rank) instead of twice.
        let sql = format!(
            "SELECT t.id, t.decision_id, t.person_id, t.unit_id, t.household_id, rn.name,
                t.code, c.name, c.kind, t.achievement, t.direct_worker, t.position, t.unit_name,
                t.amount, t.amount_manual, d.number, d.decision_date, d.level, d.award_type, d.year
             FROM awards t
             JOIN decisions d ON d.id = t.decision_id
             JOIN catalog_items c ON c.code = t.code
             JOIN temp.award_rank_unit ru ON ru.name = t.unit_name
             JOIN temp.award_rank_name rn ON rn.name = coalesce({SUBJECT_NAME_SQL}, '')
             WHERE d.decision_date >= ?1 AND d.decision_date <= ?2
             ORDER BY d.decision_date, d.number, c.kind = 'hinh_thuc', ru.rank, rn.rank, t.rowid"
        );
        let mut stmt = tx.prepare(&sql)?;
        let mut rows = stmt.query([from, to])?;
        while let Some(r) = rows.next()? {
            each(finish_award(award_row(r)?)?)?;
        }
        Ok(())
    }

    /// Awards, filtered; ordered by decision, then titles before forms, unit, person.
    pub fn awards(&self, q: &AwardQuery) -> Result<Vec<AwardRow>> {
        let mut conditions = vec!["1 = 1".to_string()];
        let mut args: Vec<String> = Vec::new();
        if let Some(y) = q.year {
            conditions.push("substr(d.decision_date, 1, 4) = ?".into());
            args.push(format!("{y:04}"));
        }
        if let Some(from) = &q.from {
            conditions.push("d.decision_date >= ?".into());
            args.push(parse_date("from", from)?);
        }
        if let Some(to) = &q.to {
            conditions.push("d.decision_date <= ?".into());
            args.push(parse_date("to", to)?);
        }
        for (column, value) in [
            ("t.decision_id", &q.decision_id),
            ("t.person_id", &q.person_id),
            ("t.code", &q.code),
        ] {
            if let Some(v) = value {
                conditions.push(format!("{column} = ?"));
                args.push(v.clone());
            }
        }
        if let Some(unit) = &q.unit_id {
            // the unit itself, its people, and its households
            conditions.push(format!("{} = ?", crate::subjects::SUBJECT_UNIT_SQL));
            args.push(unit.clone());
        }
        let params: Vec<&dyn rusqlite::ToSql> =
            args.iter().map(|a| a as &dyn rusqlite::ToSql).collect();
        self.awards_where(&conditions.join(" AND "), &params)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::persons::PersonInput;
    use crate::units::{UnitInput, UnitKind};

    fn decision(s: &mut Store, number: &str, date: &str, year: i32) -> Decision {
        s.create_decision(&DecisionInput {
            number: number.into(),
            decision_date: date.into(),
            level: DecisionLevel::Xa,
            authority: "Chủ tịch UBND xã An Bình".into(),
            signer_name: "Nguyễn Văn Thành".into(),
            signer_title: "Chủ tịch".into(),
            award_type: AwardType::CongTrang,
            movement_id: None,
            year,
            period_from: None,
            period_to: None,
            note: String::new(),
        })
        .unwrap()
    }

    fn award(subject: Subject, code: &str) -> AwardInput {
        AwardInput {
            subject,
            code: code.into(),
            achievement: "Đã có thành tích xuất sắc".into(),
            direct_worker: true,
            position: None,
            unit_name: None,
            amount: None,
        }
    }

    fn setup() -> (Store, String, String) {
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
            .unwrap();
        let mut p = PersonInput::named("Nguyễn Thị Hoa", Some(&unit.id));
        p.position = "Giáo viên".into();
        let person = s.create_person(&p).unwrap();
        (s, unit.id, person.id)
    }

    #[test]
    fn money_follows_the_decision_date_and_the_recipient() {
        let (mut s, unit, person) = setup();
        let march = decision(&mut s, "12/QĐ-UBND", "15/03/2025", 2024);
        let august = decision(&mut s, "45/QĐ-UBND", "2025-08-15", 2025);
        let a = s
            .add_award(&march.id, &award(Subject::Person(person.clone()), "GK_XA"))
            .unwrap();
        assert_eq!(a.amount, 360_000);
        let b = s
            .add_award(&august.id, &award(Subject::Person(person.clone()), "GK_XA"))
            .unwrap();
        assert_eq!(b.amount, 710_000);
        let c = s
            .add_award(&august.id, &award(Subject::Unit(unit), "GK_XA"))
            .unwrap();
        assert_eq!(c.amount, 1_410_000);
        assert_eq!(
            (b.position.as_str(), b.unit.as_str()),
            ("Giáo viên", "Trường Tiểu học An Bình")
        );
        assert_eq!(s.decision(&august.id).unwrap().total_amount, 2_120_000);

        // moving the decision's date to under NĐ 98 recomputes its money
        let mut input = DecisionInput {
            number: "45/QĐ-UBND".into(),
            decision_date: "2025-05-20".into(),
            level: DecisionLevel::Xa,
            authority: String::new(),
            signer_name: String::new(),
            signer_title: String::new(),
            award_type: AwardType::CongTrang,
            movement_id: None,
            year: 2025,
            period_from: None,
            period_to: None,
            note: String::new(),
        };
        assert_eq!(
            s.update_decision(&august.id, &input).unwrap().total_amount,
            360_000 + 710_000
        );
        input.number = "12/QĐ-UBND".into();
        input.decision_date = "2025-03-15".into();
        assert_eq!(
            s.update_decision(&august.id, &input).unwrap_err().code(),
            "duplicate"
        );
    }

    #[test]
    fn each_recipient_of_a_decision_comes_with_their_other_awards() {
        let (mut s, unit, person) = setup();
        let other = s
            .create_person(&PersonInput::named("Trần Văn Bình", Some(&unit)))
            .unwrap();
        let old = decision(&mut s, "10/QĐ-UBND", "2024-12-20", 2024);
        s.add_award(&old.id, &award(Subject::Person(person.clone()), "LDTT"))
            .unwrap();
        s.add_award(&old.id, &award(Subject::Unit(unit.clone()), "GK_XA"))
            .unwrap();
        // Someone not on the new decision: not listed.
        s.add_award(&old.id, &award(Subject::Person(other.id), "LDTT"))
            .unwrap();
        let new = decision(&mut s, "20/QĐ-UBND", "2025-12-20", 2025);
        s.add_award(&new.id, &award(Subject::Person(person.clone()), "CSTD_CS"))
            .unwrap();
        s.add_award(&new.id, &award(Subject::Unit(unit.clone()), "GK_XA"))
            .unwrap();
        let others = s.recipients_other_awards(&new.id).unwrap();
        let seen: Vec<(Subject, &str, &str)> = others
            .iter()
            .map(|a| {
                (
                    a.subject.clone(),
                    a.code.as_str(),
                    a.decision_number.as_str(),
                )
            })
            .collect();
        assert_eq!(seen.len(), 2, "{seen:?}");
        assert!(seen.contains(&(Subject::Person(person), "LDTT", "10/QĐ-UBND")));
        assert!(seen.contains(&(Subject::Unit(unit), "GK_XA", "10/QĐ-UBND")));
        assert_eq!(
            s.recipients_other_awards("khong-co").unwrap_err().code(),
            "not_found"
        );
    }

    #[test]
    fn typed_amounts_are_kept_and_a_title_must_fit_the_recipient() {
        let (mut s, unit, person) = setup();
        let d = decision(&mut s, "50/QĐ-UBND", "2025-12-20", 2025);
        let mut typed = award(Subject::Person(person.clone()), "GK_XA");
        typed.amount = Some(500_000);
        let a = s.add_award(&d.id, &typed).unwrap();
        assert_eq!((a.amount, a.amount_manual), (500_000, true));
        assert_eq!(s.set_award_amount(&a.id, None).unwrap().amount, 710_000);

        let err = s
            .add_award(&d.id, &award(Subject::Unit(unit), "LDTT"))
            .unwrap_err();
        assert_eq!(err.field(), Some("code"));
        assert!(err.to_string().contains("không dành cho đối tượng tập thể"));
        let err = s
            .add_award(&d.id, &award(Subject::Person(person), "KHONG_CO"))
            .unwrap_err();
        assert_eq!(err.field(), Some("code"));
    }

    #[test]
    fn under_nd152_only_the_highest_title_of_a_year_is_paid() {
        let (mut s, _unit, person) = setup();
        let d = decision(&mut s, "60/QĐ-UBND", "2025-12-25", 2025);
        let ldtt = s
            .add_award(&d.id, &award(Subject::Person(person.clone()), "LDTT"))
            .unwrap();
        assert_eq!(ldtt.amount, 710_000);
        let d2 = decision(&mut s, "61/QĐ-UBND", "2025-12-26", 2025);
        let cstd = s
            .add_award(&d2.id, &award(Subject::Person(person.clone()), "CSTD_CS"))
            .unwrap();
        assert_eq!(cstd.amount, 2_340_000);
        assert_eq!(
            s.award(&ldtt.id).unwrap().amount,
            0,
            "the lower title is not paid"
        );
        // a form (Giấy khen) is not a title: it is paid as well
        let gk = s
            .add_award(&d2.id, &award(Subject::Person(person.clone()), "GK_XA"))
            .unwrap();
        assert_eq!(gk.amount, 710_000);
        // removing the higher title pays the lower one again
        s.remove_award(&cstd.id).unwrap();
        assert_eq!(s.award(&ldtt.id).unwrap().amount, 710_000);
        // under NĐ 98 both titles of 2024 are paid
        let old = decision(&mut s, "70/QĐ-UBND", "2024-12-20", 2024);
        let l = s
            .add_award(&old.id, &award(Subject::Person(person.clone()), "LDTT"))
            .unwrap();
        let c = s
            .add_award(&old.id, &award(Subject::Person(person), "CSTD_CS"))
            .unwrap();
        assert_eq!(
            (s.award(&l.id).unwrap().amount, c.amount),
            (710_000, 2_340_000)
        );
    }

    #[test]
    fn batch_is_all_or_nothing_and_a_decision_with_awards_is_kept() {
        let (mut s, unit, person) = setup();
        let d = decision(&mut s, "80/QĐ-UBND", "2025-12-20", 2025);
        let err = s
            .add_awards(
                &d.id,
                &[
                    award(Subject::Person(person.clone()), "LDTT"),
                    award(Subject::Unit(unit.clone()), "LDTT"),
                ],
            )
            .unwrap_err();
        assert_eq!(err.field(), Some("code"));
        assert!(
            s.awards(&AwardQuery::default()).unwrap().is_empty(),
            "nothing from the failed batch"
        );
        let added = s
            .add_awards(
                &d.id,
                &[
                    award(Subject::Person(person), "LDTT"),
                    award(Subject::Unit(unit.clone()), "TTLDTT"),
                ],
            )
            .unwrap();
        assert_eq!(added.len(), 2);
        assert_eq!(s.delete_decision(&d.id).unwrap_err().code(), "in_use");

        let rows = s
            .awards(&AwardQuery {
                year: Some(2025),
                unit_id: Some(unit),
                ..Default::default()
            })
            .unwrap();
        assert_eq!(rows.len(), 2, "the unit's own award and its person's");
        assert_eq!(rows[0].decision_number, "80/QĐ-UBND");
        assert_eq!(rows[0].decision_date, "2025-12-20");
        assert!(s
            .awards(&AwardQuery {
                year: Some(2024),
                ..Default::default()
            })
            .unwrap()
            .is_empty());
    }
}
