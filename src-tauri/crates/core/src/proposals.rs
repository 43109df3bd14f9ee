//! Proposals upward (tờ trình đề nghị khen thưởng cấp trên): the office asks a higher
//! authority to grant titles and forms it cannot grant itself. Each line names a subject and
//! a title or form; when the answer comes back the line is approved or not, and an approved
//! line is linked to the award in the higher-level decision once the clerk records it.

use crate::blocks::check_year;
use crate::decisions::AwardQuery;
use crate::error::{Error, Result};
use crate::registrations::subject_name;
use crate::store::{new_id, now, Store, COLLATE_PERSON};
use crate::subjects::{RecipientKind, Subject, SUBJECT_NAME_SQL};
use crate::text::clean;
use crate::units::{format_date_vi, parse_date};
use rusqlite::{params, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ProposalStatus {
    /// Sent, no answer yet.
    DeNghi,
    DuocDuyet,
    KhongDuyet,
}

impl ProposalStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::DeNghi => "de_nghi",
            Self::DuocDuyet => "duoc_duyet",
            Self::KhongDuyet => "khong_duyet",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::DeNghi => "Đang đề nghị",
            Self::DuocDuyet => "Được duyệt",
            Self::KhongDuyet => "Không được duyệt",
        }
    }

    pub fn parse(s: &str) -> Result<Self> {
        match s {
            "de_nghi" => Ok(Self::DeNghi),
            "duoc_duyet" => Ok(Self::DuocDuyet),
            "khong_duyet" => Ok(Self::KhongDuyet),
            other => Err(Error::invalid(
                "status",
                format!("Trạng thái đề nghị \"{other}\" không hợp lệ."),
            )),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ProposalInput {
    /// E.g. "12/TTr-UBND"; may stay empty while the tờ trình is a draft.
    pub number: String,
    /// dd/mm/yyyy or yyyy-mm-dd.
    pub proposal_date: String,
    /// The authority asked, e.g. "Chủ tịch UBND tỉnh".
    pub to_authority: String,
    /// The achievement year proposed for.
    pub year: i32,
    pub note: String,
}

/// A proposal with how many of its lines are waiting, approved and not approved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Proposal {
    pub id: String,
    pub number: String,
    /// YYYY-MM-DD
    pub proposal_date: String,
    pub to_authority: String,
    pub year: i32,
    pub note: String,
    pub import_id: Option<String>,
    pub item_count: u32,
    pub pending: u32,
    pub approved: u32,
    pub rejected: u32,
    pub created_at: String,
    pub updated_at: String,
}

impl Proposal {
    /// How messages name it: its number, or its date while it has none.
    pub fn label(&self) -> String {
        proposal_label(&self.number, &self.proposal_date)
    }
}

fn proposal_label(number: &str, date: &str) -> String {
    if number.is_empty() {
        format!("tờ trình ngày {}", format_date_vi(date))
    } else {
        format!("tờ trình số {number}")
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ProposalItemInput {
    pub subject: Subject,
    /// Catalog code of the title or form proposed, e.g. "BK_TINH".
    pub code: String,
    /// The achievement summary (tóm tắt thành tích).
    pub achievement: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ProposalItem {
    pub id: String,
    pub proposal_id: String,
    pub subject: Subject,
    pub recipient_kind: RecipientKind,
    pub recipient_name: String,
    pub code: String,
    pub code_name: String,
    pub achievement: String,
    pub status: ProposalStatus,
    /// The award granted, once linked.
    pub award_id: Option<String>,
    /// The decision of that award: number and date (YYYY-MM-DD).
    pub decision_number: Option<String>,
    pub decision_date: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ProposalDetail {
    pub proposal: Proposal,
    /// Collectives first, then people by given name, then households.
    pub items: Vec<ProposalItem>,
}

/// What matching a proposal with a decision did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DecisionMatch {
    /// Lines now approved and linked to an award of the decision.
    pub linked: Vec<ProposalItem>,
    /// Lines still waiting for their award: the decision has none for that subject and title.
    pub not_found: Vec<ProposalItem>,
}

/// A subject proposed for the same title or form in several proposals of one year. A
/// warning, not an error: a line refused once may be proposed again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DuplicateProposal {
    pub subject: Subject,
    pub recipient_kind: RecipientKind,
    pub recipient_name: String,
    pub code: String,
    pub code_name: String,
    pub proposal_ids: Vec<String>,
    /// "tờ trình số 12/TTr-UBND", or "tờ trình ngày 05/11/2025" for one without a number.
    pub proposal_numbers: Vec<String>,
}

impl ProposalInput {
    fn cleaned(&self) -> Result<ProposalInput> {
        Ok(ProposalInput {
            number: clean(&self.number),
            proposal_date: parse_date("proposal_date", &self.proposal_date)?,
            to_authority: clean(&self.to_authority),
            year: check_year(self.year)?,
            note: clean(&self.note),
        })
    }
}

const PROPOSAL_SELECT: &str = "SELECT p.id, p.number, p.proposal_date, p.to_authority, p.year,
        p.note, p.import_id,
        (SELECT count(*) FROM proposal_items i WHERE i.proposal_id = p.id),
        (SELECT count(*) FROM proposal_items i WHERE i.proposal_id = p.id AND i.status = 'de_nghi'),
        (SELECT count(*) FROM proposal_items i WHERE i.proposal_id = p.id AND i.status = 'duoc_duyet'),
        (SELECT count(*) FROM proposal_items i WHERE i.proposal_id = p.id AND i.status = 'khong_duyet'),
        p.created_at, p.updated_at
    FROM proposals p";

fn proposal_row(r: &Row) -> rusqlite::Result<Proposal> {
    Ok(Proposal {
        id: r.get(0)?,
        number: r.get(1)?,
        proposal_date: r.get(2)?,
        to_authority: r.get(3)?,
        year: r.get(4)?,
        note: r.get(5)?,
        import_id: r.get(6)?,
        item_count: r.get(7)?,
        pending: r.get(8)?,
        approved: r.get(9)?,
        rejected: r.get(10)?,
        created_at: r.get(11)?,
        updated_at: r.get(12)?,
    })
}

fn item_select() -> String {
    format!(
        "SELECT t.id, t.proposal_id, t.person_id, t.unit_id, t.household_id,
             {SUBJECT_NAME_SQL} AS recipient_name, t.code, c.name, t.achievement, t.status,
             t.award_id, d.number, d.decision_date
         FROM proposal_items t
         JOIN catalog_items c ON c.code = t.code
         LEFT JOIN awards a ON a.id = t.award_id
         LEFT JOIN decisions d ON d.id = a.decision_id"
    )
}

/// Collectives, then people by given name, then households, each subject's lines together;
/// for a table aliased `t` with the subject columns and a `recipient_name` column.
fn subject_order() -> String {
    format!(
        "CASE WHEN t.unit_id IS NOT NULL THEN 0 WHEN t.person_id IS NOT NULL THEN 1 ELSE 2 END,
         recipient_name COLLATE {COLLATE_PERSON}, t.person_id, t.unit_id, t.household_id"
    )
}

/// An item with its subject columns and status still as read, finished by `finish_item`
/// so a malformed row is a typed error.
type RawItem = (ProposalItem, [Option<String>; 3], String);

fn item_row(r: &Row) -> rusqlite::Result<RawItem> {
    Ok((
        ProposalItem {
            id: r.get(0)?,
            proposal_id: r.get(1)?,
            subject: Subject::Unit(String::new()),
            recipient_kind: RecipientKind::TapThe,
            recipient_name: r.get::<_, Option<String>>(5)?.unwrap_or_default(),
            code: r.get(6)?,
            code_name: r.get(7)?,
            achievement: r.get(8)?,
            status: ProposalStatus::DeNghi,
            award_id: r.get(10)?,
            decision_number: r.get(11)?,
            decision_date: r.get(12)?,
        },
        [r.get(2)?, r.get(3)?, r.get(4)?],
        r.get(9)?,
    ))
}

fn finish_item((mut item, [p, u, h], status): RawItem) -> Result<ProposalItem> {
    item.subject = Subject::from_columns(p, u, h)?;
    item.recipient_kind = item.subject.kind();
    item.status = ProposalStatus::parse(&status)?;
    Ok(item)
}

/// "cá nhân \"Nguyễn Thị Hoa\"", for the middle of a sentence.
fn phrase(kind: RecipientKind, name: &str) -> String {
    format!("{} \"{name}\"", kind.label().to_lowercase())
}

impl Store {
    pub fn proposal(&self, id: &str) -> Result<ProposalDetail> {
        let proposal = self.proposal_header(id)?;
        let items = self.items_where("t.proposal_id = ?1", id)?;
        Ok(ProposalDetail { proposal, items })
    }

    fn proposal_header(&self, id: &str) -> Result<Proposal> {
        self.conn
            .query_row(
                &format!("{PROPOSAL_SELECT} WHERE p.id = ?1"),
                [id],
                proposal_row,
            )
            .optional()?
            .ok_or_else(|| Error::not_found(format!("tờ trình có mã định danh {id}")))
    }

    fn items_where(&self, condition: &str, arg: &str) -> Result<Vec<ProposalItem>> {
        let mut stmt = self.conn.prepare(&format!(
            "{} WHERE {condition} ORDER BY {}, c.sort_order, t.code",
            item_select(),
            subject_order()
        ))?;
        let rows = stmt.query_map([arg], item_row)?;
        rows.map(|r| finish_item(r?)).collect()
    }

    pub fn proposal_item(&self, id: &str) -> Result<ProposalItem> {
        self.items_where("t.id = ?1", id)?
            .pop()
            .ok_or_else(|| Error::not_found(format!("dòng đề nghị có mã định danh {id}")))
    }

    /// The proposals for an achievement year (or all), newest first.
    pub fn proposals(&self, year: Option<i32>) -> Result<Vec<Proposal>> {
        let mut stmt = self.conn.prepare(&format!(
            "{PROPOSAL_SELECT} WHERE ?1 IS NULL OR p.year = ?1
             ORDER BY p.proposal_date DESC, p.number DESC, p.created_at DESC"
        ))?;
        let rows = stmt.query_map([year], proposal_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn create_proposal(&mut self, input: &ProposalInput) -> Result<Proposal> {
        self.insert_proposal(input, None)
    }

    /// Adds a proposal; `import_id` records the import that brought it, if any.
    pub fn insert_proposal(
        &mut self,
        input: &ProposalInput,
        import_id: Option<&str>,
    ) -> Result<Proposal> {
        let p = input.cleaned()?;
        self.check_proposal_free(&p, None)?;
        let id = new_id();
        self.conn.execute(
            "INSERT INTO proposals (id, number, proposal_date, to_authority, year, note,
                 import_id, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
            params![
                id,
                p.number,
                p.proposal_date,
                p.to_authority,
                p.year,
                p.note,
                import_id,
                now()
            ],
        )?;
        self.proposal_header(&id)
    }

    /// Document numbers restart each calendar year: the same number in the same year is the
    /// same tờ trình typed twice.
    fn check_proposal_free(&self, p: &ProposalInput, except: Option<&str>) -> Result<()> {
        if p.number.is_empty() {
            return Ok(());
        }
        let taken: Option<String> = self
            .conn
            .query_row(
                "SELECT proposal_date FROM proposals
                 WHERE lower(number) = lower(?1) AND substr(proposal_date, 1, 4) = substr(?2, 1, 4)
                     AND id IS NOT ?3",
                params![p.number, p.proposal_date, except],
                |r| r.get(0),
            )
            .optional()?;
        match taken {
            Some(date) => Err(Error::duplicate(
                "number",
                format!(
                    "Đã có tờ trình số {} ngày {}.",
                    p.number,
                    format_date_vi(&date)
                ),
            )),
            None => Ok(()),
        }
    }

    pub fn update_proposal(&mut self, id: &str, input: &ProposalInput) -> Result<Proposal> {
        self.proposal_header(id)?;
        let p = input.cleaned()?;
        self.check_proposal_free(&p, Some(id))?;
        self.conn.execute(
            "UPDATE proposals SET number = ?2, proposal_date = ?3, to_authority = ?4, year = ?5,
                 note = ?6, updated_at = ?7
             WHERE id = ?1",
            params![
                id,
                p.number,
                p.proposal_date,
                p.to_authority,
                p.year,
                p.note,
                now()
            ],
        )?;
        self.proposal_header(id)
    }

    /// Deletes a proposal and its lines. Awards granted in answer stay in their decisions.
    pub fn delete_proposal(&mut self, id: &str) -> Result<()> {
        self.proposal_header(id)?;
        // The lines go with the proposal (ON DELETE CASCADE).
        self.conn
            .execute("DELETE FROM proposals WHERE id = ?1", [id])?;
        Ok(())
    }

    /// Adds a line. The title or form must exist and fit the kind of subject; the same subject
    /// and title twice in one proposal is refused (twice in different proposals of the year
    /// is only a warning, see [`Store::duplicate_proposals`]).
    pub fn add_proposal_item(
        &mut self,
        proposal_id: &str,
        input: &ProposalItemInput,
    ) -> Result<ProposalItem> {
        let proposal = self.proposal_header(proposal_id)?;
        let code = clean(&input.code).to_uppercase();
        if code.is_empty() {
            return Err(Error::invalid(
                "code",
                "Hãy chọn danh hiệu hoặc hình thức khen thưởng đề nghị.",
            ));
        }
        let item = self.catalog_item(&code)?;
        let name = subject_name(&self.conn, &input.subject, true)?;
        let kind = input.subject.kind();
        if !item.fits(kind) {
            return Err(Error::invalid(
                "code",
                format!("\"{}\" không dành cho {}.", item.name, phrase(kind, &name)),
            ));
        }
        let (person, unit, household) = input.subject.columns();
        let already: bool = self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM proposal_items WHERE proposal_id = ?1 AND code = ?2
                 AND person_id IS ?3 AND unit_id IS ?4 AND household_id IS ?5)",
            params![proposal_id, item.code, person, unit, household],
            |r| r.get(0),
        )?;
        if already {
            return Err(Error::duplicate(
                "code",
                format!(
                    "Trong {} đã có dòng đề nghị \"{}\" cho {}.",
                    proposal.label(),
                    item.name,
                    phrase(kind, &name)
                ),
            ));
        }
        let id = new_id();
        self.conn.execute(
            "INSERT INTO proposal_items (id, proposal_id, person_id, unit_id, household_id, code,
                 achievement)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                id,
                proposal_id,
                person,
                unit,
                household,
                item.code,
                clean(&input.achievement)
            ],
        )?;
        self.conn.execute(
            "UPDATE proposals SET updated_at = ?2 WHERE id = ?1",
            params![proposal_id, now()],
        )?;
        self.proposal_item(&id)
    }

    pub fn remove_proposal_item(&mut self, item_id: &str) -> Result<()> {
        let item = self.proposal_item(item_id)?;
        let sp = self.conn.savepoint()?;
        sp.execute("DELETE FROM proposal_items WHERE id = ?1", [item_id])?;
        sp.execute(
            "UPDATE proposals SET updated_at = ?2 WHERE id = ?1",
            params![item.proposal_id, now()],
        )?;
        sp.commit()?;
        Ok(())
    }

    /// Records the answer for one line. An approved line may be linked to its award in the
    /// higher-level decision (`award_id`), which must be for the same subject and the same
    /// title or form, and not already answer another line. A line not approved has no award.
    /// The line's award becomes exactly `award_id`: None leaves an approved line unlinked.
    pub fn record_proposal_outcome(
        &mut self,
        item_id: &str,
        approved: bool,
        award_id: Option<&str>,
    ) -> Result<ProposalItem> {
        let item = self.proposal_item(item_id)?;
        let award_id = award_id.map(str::trim).filter(|a| !a.is_empty());
        if let Some(award_id) = award_id {
            if !approved {
                return Err(Error::invalid(
                    "award_id",
                    "Dòng đề nghị không được duyệt thì không gắn với khen thưởng nào.",
                ));
            }
            self.check_award_answers(&item, award_id)?;
        }
        let status = if approved {
            ProposalStatus::DuocDuyet
        } else {
            ProposalStatus::KhongDuyet
        };
        self.set_outcome(&item, status, award_id)?;
        self.proposal_item(item_id)
    }

    /// Takes a line's answer back: it waits again ("Chờ kết quả"), as when the answer was
    /// recorded on the wrong line. Its link to an award goes; the award stays in its decision.
    pub fn reopen_proposal_item(&mut self, item_id: &str) -> Result<ProposalItem> {
        let item = self.proposal_item(item_id)?;
        self.set_outcome(&item, ProposalStatus::DeNghi, None)?;
        self.proposal_item(item_id)
    }

    fn set_outcome(
        &mut self,
        item: &ProposalItem,
        status: ProposalStatus,
        award_id: Option<&str>,
    ) -> Result<()> {
        let sp = self.conn.savepoint()?;
        sp.execute(
            "UPDATE proposal_items SET status = ?2, award_id = ?3 WHERE id = ?1",
            params![item.id, status.as_str(), award_id],
        )?;
        sp.execute(
            "UPDATE proposals SET updated_at = ?2 WHERE id = ?1",
            params![item.proposal_id, now()],
        )?;
        sp.commit()?;
        Ok(())
    }

    /// The award must be the one the line asked for, and answer no other line.
    fn check_award_answers(&self, item: &ProposalItem, award_id: &str) -> Result<()> {
        let award = self.award(award_id)?;
        if award.subject != item.subject || award.code != item.code {
            return Err(Error::invalid(
                "award_id",
                format!(
                    "Khen thưởng được chọn là \"{}\" cho {} (Quyết định số {}), không khớp với dòng đề nghị \"{}\" cho {}.",
                    award.code_name,
                    phrase(award.recipient_kind, &award.recipient_name),
                    award.decision_number,
                    item.code_name,
                    phrase(item.recipient_kind, &item.recipient_name)
                ),
            ));
        }
        let other: Option<(String, String)> = self
            .conn
            .query_row(
                "SELECT p.number, p.proposal_date FROM proposal_items i
                 JOIN proposals p ON p.id = i.proposal_id
                 WHERE i.award_id = ?1 AND i.id <> ?2",
                params![award_id, item.id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        if let Some((number, date)) = other {
            return Err(Error::duplicate(
                "award_id",
                format!(
                    "Khen thưởng này (Quyết định số {}) đã được ghi là kết quả của một dòng trong {}.",
                    award.decision_number,
                    proposal_label(&number, &date)
                ),
            ));
        }
        Ok(())
    }

    /// Matches a proposal with the higher-level decision that answers it: every line still
    /// waiting for its award (proposed, or approved but not linked yet) whose subject and
    /// title the decision grants becomes approved and linked to that award. The others are
    /// left as they were and reported. All of it, or nothing.
    pub fn approve_with_decision(
        &mut self,
        proposal_id: &str,
        decision_id: &str,
    ) -> Result<DecisionMatch> {
        let detail = self.proposal(proposal_id)?;
        let decision = self.decision(decision_id)?;
        let awards = self.awards(&AwardQuery {
            decision_id: Some(decision.id.clone()),
            ..Default::default()
        })?;
        // Awards already answering a line (of this or another proposal) are not reused.
        let mut taken: HashSet<String> = {
            let mut stmt = self.conn.prepare(
                "SELECT i.award_id FROM proposal_items i JOIN awards a ON a.id = i.award_id
                 WHERE a.decision_id = ?1",
            )?;
            let rows = stmt.query_map([decision_id], |r| r.get::<_, String>(0))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        let waiting = detail.items.into_iter().filter(|i| {
            i.status == ProposalStatus::DeNghi
                || (i.status == ProposalStatus::DuocDuyet && i.award_id.is_none())
        });
        let mut links = Vec::new();
        let mut unmatched = Vec::new();
        for item in waiting {
            let found = awards.iter().find(|a| {
                a.subject == item.subject && a.code == item.code && !taken.contains(&a.id)
            });
            match found {
                Some(award) => {
                    taken.insert(award.id.clone());
                    links.push((item, award.id.clone()));
                }
                None => unmatched.push(item.id),
            }
        }
        self.atomically(|s| {
            for (item, award_id) in &links {
                s.set_outcome(item, ProposalStatus::DuocDuyet, Some(award_id))?;
            }
            Ok(())
        })?;
        let reread = |s: &Store, ids: Vec<String>| -> Result<Vec<ProposalItem>> {
            ids.iter().map(|id| s.proposal_item(id)).collect()
        };
        Ok(DecisionMatch {
            linked: reread(self, links.into_iter().map(|(i, _)| i.id).collect())?,
            not_found: reread(self, unmatched)?,
        })
    }

    /// Subjects proposed for the same title or form in more than one proposal of `year`, for
    /// the rules engine to warn about; collectives first, then people by given name.
    pub fn duplicate_proposals(&self, year: i32) -> Result<Vec<DuplicateProposal>> {
        let year = check_year(year)?;
        let mut stmt = self.conn.prepare(&format!(
            "SELECT t.person_id, t.unit_id, t.household_id, {SUBJECT_NAME_SQL} AS recipient_name,
                 t.code, c.name, p.id, p.number, p.proposal_date
             FROM proposal_items t
             JOIN proposals p ON p.id = t.proposal_id
             JOIN catalog_items c ON c.code = t.code
             WHERE p.year = ?1 AND EXISTS (
                 SELECT 1 FROM proposal_items o JOIN proposals q ON q.id = o.proposal_id
                 WHERE q.year = ?1 AND o.proposal_id <> t.proposal_id AND o.code = t.code
                     AND o.person_id IS t.person_id AND o.unit_id IS t.unit_id
                     AND o.household_id IS t.household_id)
             ORDER BY {}, c.sort_order, t.code, p.proposal_date, p.number",
            subject_order()
        ))?;
        let rows = stmt.query_map([year], |r| {
            Ok((
                [r.get(0)?, r.get(1)?, r.get(2)?],
                r.get::<_, Option<String>>(3)?.unwrap_or_default(),
                r.get::<_, String>(4)?,
                r.get::<_, String>(5)?,
                r.get::<_, String>(6)?,
                r.get::<_, String>(7)?,
                r.get::<_, String>(8)?,
            ))
        })?;
        let mut out: Vec<DuplicateProposal> = Vec::new();
        for row in rows {
            let ([p, u, h], name, code, code_name, id, number, date) = row?;
            let subject = Subject::from_columns(p, u, h)?;
            let label = proposal_label(&number, &date);
            match out.last_mut() {
                Some(last) if last.subject == subject && last.code == code => {
                    last.proposal_ids.push(id);
                    last.proposal_numbers.push(label);
                }
                _ => out.push(DuplicateProposal {
                    recipient_kind: subject.kind(),
                    subject,
                    recipient_name: name,
                    code,
                    code_name,
                    proposal_ids: vec![id],
                    proposal_numbers: vec![label],
                }),
            }
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decisions::{AwardInput, AwardType, DecisionInput, DecisionLevel};
    use crate::persons::PersonInput;
    use crate::units::{UnitInput, UnitKind};

    struct Fixture {
        s: Store,
        unit: String,
        hoa: String,
        binh: String,
    }

    fn setup() -> Fixture {
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
        Fixture { s, unit, hoa, binh }
    }

    fn proposal(s: &mut Store, number: &str, date: &str, year: i32) -> Proposal {
        s.create_proposal(&ProposalInput {
            number: number.into(),
            proposal_date: date.into(),
            to_authority: "Chủ tịch UBND tỉnh".into(),
            year,
            note: String::new(),
        })
        .unwrap()
    }

    fn line(subject: Subject, code: &str) -> ProposalItemInput {
        ProposalItemInput {
            subject,
            code: code.into(),
            achievement: "Hoàn thành xuất sắc nhiệm vụ hai năm liên tục".into(),
        }
    }

    fn provincial_decision(s: &mut Store, number: &str) -> String {
        s.create_decision(&DecisionInput {
            number: number.into(),
            decision_date: "2026-01-20".into(),
            level: DecisionLevel::BoTinh,
            authority: "Chủ tịch UBND tỉnh".into(),
            signer_name: String::new(),
            signer_title: String::new(),
            award_type: AwardType::CongTrang,
            movement_id: None,
            year: 2025,
            period_from: None,
            period_to: None,
            note: String::new(),
        })
        .unwrap()
        .id
    }

    fn grant(s: &mut Store, decision: &str, subject: Subject, code: &str) -> String {
        s.add_award(
            decision,
            &AwardInput {
                subject,
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
    fn lines_are_checked_listed_and_counted() {
        let Fixture {
            mut s,
            unit,
            hoa,
            binh,
        } = setup();
        let p = proposal(&mut s, " 12/TTr-UBND ", "05/11/2025", 2025);
        assert_eq!(
            (p.number.as_str(), p.proposal_date.as_str()),
            ("12/TTr-UBND", "2025-11-05")
        );
        s.add_proposal_item(&p.id, &line(Subject::Person(hoa.clone()), "bk_tinh"))
            .unwrap();
        s.add_proposal_item(&p.id, &line(Subject::Person(binh.clone()), "CSTD_TINH"))
            .unwrap();
        let unit_line = s
            .add_proposal_item(&p.id, &line(Subject::Unit(unit.clone()), "BK_TINH"))
            .unwrap();
        assert_eq!(unit_line.recipient_name, "Trường Tiểu học An Bình");

        let err = s
            .add_proposal_item(&p.id, &line(Subject::Unit(unit), "CSTD_TINH"))
            .unwrap_err();
        assert_eq!(err.field(), Some("code"));
        assert!(
            err.to_string()
                .contains("không dành cho tập thể \"Trường Tiểu học An Bình\""),
            "{err}"
        );
        let err = s
            .add_proposal_item(&p.id, &line(Subject::Person(hoa.clone()), "BK_TINH"))
            .unwrap_err();
        assert_eq!(err.code(), "duplicate");
        assert!(
            err.to_string().contains("cho cá nhân \"Nguyễn Thị Hoa\""),
            "{err}"
        );

        let detail = s.proposal(&p.id).unwrap();
        let names: Vec<&str> = detail
            .items
            .iter()
            .map(|i| i.recipient_name.as_str())
            .collect();
        assert_eq!(
            names,
            vec!["Trường Tiểu học An Bình", "Trần Văn Bình", "Nguyễn Thị Hoa"]
        );
        assert_eq!(detail.proposal.item_count, 3);

        s.record_proposal_outcome(&detail.items[1].id, false, None)
            .unwrap();
        let listed = s.proposals(Some(2025)).unwrap();
        assert_eq!(
            (
                listed.len(),
                listed[0].pending,
                listed[0].approved,
                listed[0].rejected
            ),
            (1, 2, 0, 1)
        );
        assert!(s.proposals(Some(2024)).unwrap().is_empty());

        s.remove_proposal_item(&detail.items[0].id).unwrap();
        assert_eq!(s.proposal(&p.id).unwrap().items.len(), 2);

        let err = s
            .create_proposal(&ProposalInput {
                number: "12/ttr-ubnd".into(),
                proposal_date: "2025-12-01".into(),
                to_authority: String::new(),
                year: 2025,
                note: String::new(),
            })
            .unwrap_err();
        assert_eq!(err.code(), "duplicate");

        s.delete_proposal(&p.id).unwrap();
        assert_eq!(s.proposal(&p.id).unwrap_err().code(), "not_found");
        assert_eq!(
            s.proposal_item(&detail.items[1].id).unwrap_err().code(),
            "not_found"
        );
    }

    #[test]
    fn outcome_links_the_award_of_the_same_subject_and_title_only() {
        let Fixture {
            mut s, hoa, binh, ..
        } = setup();
        let p = proposal(&mut s, "12/TTr-UBND", "2025-11-05", 2025);
        let item = s
            .add_proposal_item(&p.id, &line(Subject::Person(hoa.clone()), "BK_TINH"))
            .unwrap();
        let d = provincial_decision(&mut s, "150/QĐ-UBND");
        let to_binh = grant(&mut s, &d, Subject::Person(binh), "BK_TINH");
        let wrong_title = grant(&mut s, &d, Subject::Person(hoa.clone()), "CSTD_TINH");
        let right = grant(&mut s, &d, Subject::Person(hoa.clone()), "BK_TINH");

        let err = s
            .record_proposal_outcome(&item.id, true, Some(&to_binh))
            .unwrap_err();
        assert_eq!(err.field(), Some("award_id"));
        assert!(
            err.to_string().contains("cho cá nhân \"Trần Văn Bình\" (Quyết định số 150/QĐ-UBND), không khớp với dòng đề nghị \"Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh\" cho cá nhân \"Nguyễn Thị Hoa\""),
            "{err}"
        );
        assert_eq!(
            s.record_proposal_outcome(&item.id, true, Some(&wrong_title))
                .unwrap_err()
                .field(),
            Some("award_id")
        );
        assert_eq!(
            s.record_proposal_outcome(&item.id, false, Some(&right))
                .unwrap_err()
                .field(),
            Some("award_id")
        );
        assert_eq!(
            s.proposal_item(&item.id).unwrap().status,
            ProposalStatus::DeNghi
        );

        // approved first, the decision linked when it arrives
        let approved = s.record_proposal_outcome(&item.id, true, None).unwrap();
        assert_eq!(
            (approved.status, approved.award_id),
            (ProposalStatus::DuocDuyet, None)
        );
        let linked = s
            .record_proposal_outcome(&item.id, true, Some(&right))
            .unwrap();
        assert_eq!(linked.award_id.as_deref(), Some(right.as_str()));
        assert_eq!(linked.decision_number.as_deref(), Some("150/QĐ-UBND"));
        assert_eq!(linked.decision_date.as_deref(), Some("2026-01-20"));

        // the same award cannot answer a line of another proposal too
        let again = proposal(&mut s, "20/TTr-UBND", "2025-12-01", 2025);
        let other = s
            .add_proposal_item(&again.id, &line(Subject::Person(hoa), "BK_TINH"))
            .unwrap();
        let err = s
            .record_proposal_outcome(&other.id, true, Some(&right))
            .unwrap_err();
        assert_eq!(err.code(), "duplicate");
        assert!(err.to_string().contains("tờ trình số 12/TTr-UBND"), "{err}");

        // the answer taken back: the line waits again, unlinked; the award stays
        let reopened = s.reopen_proposal_item(&item.id).unwrap();
        assert_eq!(
            (reopened.status, reopened.award_id, reopened.decision_number),
            (ProposalStatus::DeNghi, None, None)
        );
        assert_eq!(s.proposal(&item.proposal_id).unwrap().proposal.pending, 1);
        assert_eq!(s.award(&right).unwrap().id, right);
        s.record_proposal_outcome(&item.id, true, Some(&right))
            .unwrap();

        // removing the award unlinks the line; it stays approved
        s.remove_award(&right).unwrap();
        let after = s.proposal_item(&item.id).unwrap();
        assert_eq!(
            (after.status, after.award_id),
            (ProposalStatus::DuocDuyet, None)
        );
    }

    #[test]
    fn approve_with_decision_links_what_matches_and_reports_the_rest() {
        let Fixture {
            mut s,
            unit,
            hoa,
            binh,
        } = setup();
        let p = proposal(&mut s, "12/TTr-UBND", "2025-11-05", 2025);
        let hoa_line = s
            .add_proposal_item(&p.id, &line(Subject::Person(hoa.clone()), "BK_TINH"))
            .unwrap();
        let binh_line = s
            .add_proposal_item(&p.id, &line(Subject::Person(binh.clone()), "BK_TINH"))
            .unwrap();
        let unit_line = s
            .add_proposal_item(&p.id, &line(Subject::Unit(unit.clone()), "BK_TINH"))
            .unwrap();
        let refused = s
            .add_proposal_item(&p.id, &line(Subject::Person(hoa.clone()), "CSTD_TINH"))
            .unwrap();
        s.record_proposal_outcome(&refused.id, false, None).unwrap();
        // approved by letter before the decision came
        s.record_proposal_outcome(&unit_line.id, true, None)
            .unwrap();

        let d = provincial_decision(&mut s, "150/QĐ-UBND");
        let hoa_award = grant(&mut s, &d, Subject::Person(hoa.clone()), "BK_TINH");
        let unit_award = grant(&mut s, &d, Subject::Unit(unit), "BK_TINH");
        // Bình got a different form than proposed: no match
        grant(&mut s, &d, Subject::Person(binh), "GK_XA");
        grant(&mut s, &d, Subject::Person(hoa), "CSTD_TINH");

        let result = s.approve_with_decision(&p.id, &d).unwrap();
        let mut linked: Vec<(&str, Option<&str>)> = result
            .linked
            .iter()
            .map(|i| (i.id.as_str(), i.award_id.as_deref()))
            .collect();
        linked.sort();
        let mut expected = vec![
            (hoa_line.id.as_str(), Some(hoa_award.as_str())),
            (unit_line.id.as_str(), Some(unit_award.as_str())),
        ];
        expected.sort();
        assert_eq!(linked, expected);
        assert!(result
            .linked
            .iter()
            .all(|i| i.status == ProposalStatus::DuocDuyet));
        assert_eq!(result.not_found.len(), 1);
        assert_eq!(result.not_found[0].id, binh_line.id);
        assert_eq!(result.not_found[0].status, ProposalStatus::DeNghi);
        // the refused line is left as answered, not overturned by the decision
        assert_eq!(
            s.proposal_item(&refused.id).unwrap().status,
            ProposalStatus::KhongDuyet
        );

        // running it again changes nothing: the awards are taken
        let again = s.approve_with_decision(&p.id, &d).unwrap();
        assert!(again.linked.is_empty());
        assert_eq!(again.not_found.len(), 1);
    }

    #[test]
    fn the_same_subject_and_title_in_two_proposals_of_a_year_is_a_warning() {
        let Fixture {
            mut s,
            unit,
            hoa,
            binh,
        } = setup();
        let first = proposal(&mut s, "12/TTr-UBND", "2025-06-05", 2025);
        let second = proposal(&mut s, "", "2025-11-20", 2025);
        let next_year = proposal(&mut s, "3/TTr-UBND", "2026-03-01", 2026);
        for p in [&first, &second] {
            s.add_proposal_item(&p.id, &line(Subject::Person(hoa.clone()), "BK_TINH"))
                .unwrap();
            s.add_proposal_item(&p.id, &line(Subject::Unit(unit.clone()), "BK_TINH"))
                .unwrap();
        }
        s.add_proposal_item(&first.id, &line(Subject::Person(binh.clone()), "BK_TINH"))
            .unwrap();
        s.add_proposal_item(
            &second.id,
            &line(Subject::Person(binh.clone()), "CSTD_TINH"),
        )
        .unwrap();
        s.add_proposal_item(&next_year.id, &line(Subject::Person(binh), "BK_TINH"))
            .unwrap();

        let dups = s.duplicate_proposals(2025).unwrap();
        let summary: Vec<(&str, &str, Vec<&str>)> = dups
            .iter()
            .map(|d| {
                (
                    d.recipient_name.as_str(),
                    d.code.as_str(),
                    d.proposal_numbers.iter().map(String::as_str).collect(),
                )
            })
            .collect();
        assert_eq!(
            summary,
            vec![
                (
                    "Trường Tiểu học An Bình",
                    "BK_TINH",
                    vec!["tờ trình số 12/TTr-UBND", "tờ trình ngày 20/11/2025"]
                ),
                (
                    "Nguyễn Thị Hoa",
                    "BK_TINH",
                    vec!["tờ trình số 12/TTr-UBND", "tờ trình ngày 20/11/2025"]
                ),
            ]
        );
        assert_eq!(
            dups[1].proposal_ids,
            vec![first.id.clone(), second.id.clone()]
        );
        assert!(s.duplicate_proposals(2026).unwrap().is_empty());
    }
}
