//! The reward fund (quỹ thi đua, khen thưởng), year by year.
//!
//! The clerk types receipts and other payments. The money of the office's own award
//! decisions is a payment too, but it is never typed: it is the sum of the awards of each
//! decision dated in the year, so a corrected award corrects the fund. Only decisions of the
//! office's own level count, because the level that decides an award pays for it (cấp nào
//! quyết định khen thưởng thì cấp đó chi tiền thưởng): a Bằng khen of the province recorded
//! here for the statistics is paid from the province's fund, not this one.
//!
//! A year opens with what all earlier years left, so nothing has to be carried over by hand.

use crate::blocks::check_year;
use crate::decisions::DecisionLevel;
use crate::error::{Error, Result};
use crate::profile::OfficeLevel;
use crate::rules::format_vnd;
use crate::store::{new_id, now, Store};
use crate::text::clean;
use crate::units::{format_date_vi, parse_date};
use rusqlite::{params, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum FundDirection {
    Thu,
    Chi,
}

impl FundDirection {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Thu => "thu",
            Self::Chi => "chi",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Thu => "Thu",
            Self::Chi => "Chi",
        }
    }

    pub fn parse(s: &str) -> Result<Self> {
        match s {
            "thu" => Ok(Self::Thu),
            "chi" => Ok(Self::Chi),
            other => Err(Error::invalid(
                "direction",
                format!("Loại \"{other}\" không hợp lệ: chọn thu hoặc chi."),
            )),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct FundEntry {
    pub id: String,
    pub year: i32,
    pub direction: FundDirection,
    /// YYYY-MM-DD
    pub entry_date: String,
    /// Đồng, always positive; the direction says which way it goes.
    pub amount: i64,
    pub description: String,
    pub created_at: String,
    pub updated_at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct FundEntryInput {
    pub year: i32,
    pub direction: FundDirection,
    /// dd/mm/yyyy or yyyy-mm-dd, within `year`.
    pub entry_date: String,
    pub amount: i64,
    pub description: String,
}

/// The reward money of one decision, paid from the fund.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DecisionPayment {
    pub decision_id: String,
    pub number: String,
    /// YYYY-MM-DD
    pub decision_date: String,
    pub amount: i64,
}

/// The fund in one year: what it opened with, what came in and went out, what it closed with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct FundYear {
    pub year: i32,
    /// What every earlier year left: the closing balance of the year before.
    pub opening_balance: i64,
    pub receipts: Vec<FundEntry>,
    pub total_receipts: i64,
    /// Payments typed by the clerk (other than award money).
    pub manual_payments: Vec<FundEntry>,
    pub total_manual_payments: i64,
    /// The level whose decisions the fund pays: the office's own.
    pub paying_level: DecisionLevel,
    /// Award money of the office's decisions dated in the year, computed from the awards.
    pub decision_payments: Vec<DecisionPayment>,
    pub total_decision_payments: i64,
    pub closing_balance: i64,
}

impl FundEntryInput {
    fn cleaned(&self) -> Result<FundEntryInput> {
        let year = check_year(self.year)?;
        let entry_date = parse_date("entry_date", &self.entry_date)?;
        if !entry_date.starts_with(&format!("{year:04}-")) {
            return Err(Error::invalid(
                "entry_date",
                format!(
                    "Ngày {} không thuộc năm {year} của sổ quỹ.",
                    format_date_vi(&entry_date)
                ),
            ));
        }
        if self.amount <= 0 {
            return Err(Error::invalid(
                "amount",
                "Số tiền phải lớn hơn 0 đồng (chọn thu hoặc chi để ghi chiều tiền).",
            ));
        }
        let description = clean(&self.description);
        if description.is_empty() {
            return Err(Error::invalid(
                "description",
                format!(
                    "Hãy ghi nội dung khoản {}.",
                    self.direction.label().to_lowercase()
                ),
            ));
        }
        Ok(FundEntryInput {
            year,
            direction: self.direction,
            entry_date,
            amount: self.amount,
            description,
        })
    }
}

const ENTRY_SELECT: &str = "SELECT id, year, direction, entry_date, amount, description,
    created_at, updated_at FROM fund_entries";

fn entry_row(r: &Row) -> rusqlite::Result<(FundEntry, String)> {
    Ok((
        FundEntry {
            id: r.get(0)?,
            year: r.get(1)?,
            direction: FundDirection::Thu,
            entry_date: r.get(3)?,
            amount: r.get(4)?,
            description: r.get(5)?,
            created_at: r.get(6)?,
            updated_at: r.get(7)?,
        },
        r.get(2)?,
    ))
}

fn finish_entry((mut e, direction): (FundEntry, String)) -> Result<FundEntry> {
    e.direction = FundDirection::parse(&direction)?;
    Ok(e)
}

/// The decision level whose awards an office of `level` pays.
fn paying_level(level: OfficeLevel) -> DecisionLevel {
    match level {
        OfficeLevel::Xa => DecisionLevel::Xa,
        OfficeLevel::Huyen => DecisionLevel::Huyen,
        OfficeLevel::Tinh => DecisionLevel::BoTinh,
        OfficeLevel::CoQuan => DecisionLevel::CoQuan,
    }
}

impl Store {
    pub fn fund_entry(&self, id: &str) -> Result<FundEntry> {
        self.conn
            .query_row(&format!("{ENTRY_SELECT} WHERE id = ?1"), [id], entry_row)
            .optional()?
            .map(finish_entry)
            .transpose()?
            .ok_or_else(|| Error::not_found(format!("khoản thu, chi có mã định danh {id}")))
    }

    /// The typed entries of a year, by date.
    pub fn fund_entries(&self, year: i32) -> Result<Vec<FundEntry>> {
        let mut stmt = self.conn.prepare(&format!(
            "{ENTRY_SELECT} WHERE year = ?1 ORDER BY entry_date, created_at, id"
        ))?;
        let rows = stmt.query_map([year], entry_row)?;
        rows.map(|r| finish_entry(r?)).collect()
    }

    pub fn create_fund_entry(&mut self, input: &FundEntryInput) -> Result<FundEntry> {
        let e = input.cleaned()?;
        let id = new_id();
        self.conn.execute(
            "INSERT INTO fund_entries (id, year, entry_date, direction, amount, description,
                 created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
            params![
                id,
                e.year,
                e.entry_date,
                e.direction.as_str(),
                e.amount,
                e.description,
                now()
            ],
        )?;
        self.fund_entry(&id)
    }

    pub fn update_fund_entry(&mut self, id: &str, input: &FundEntryInput) -> Result<FundEntry> {
        self.fund_entry(id)?;
        let e = input.cleaned()?;
        self.conn.execute(
            "UPDATE fund_entries SET year = ?2, entry_date = ?3, direction = ?4, amount = ?5,
                 description = ?6, updated_at = ?7
             WHERE id = ?1",
            params![
                id,
                e.year,
                e.entry_date,
                e.direction.as_str(),
                e.amount,
                e.description,
                now()
            ],
        )?;
        self.fund_entry(id)
    }

    pub fn delete_fund_entry(&mut self, id: &str) -> Result<()> {
        self.fund_entry(id)?;
        self.conn
            .execute("DELETE FROM fund_entries WHERE id = ?1", [id])?;
        Ok(())
    }

    /// The fund in `year`. Needs the office profile: its level says which decisions the
    /// fund pays (see the module notes).
    pub fn fund_year(&self, year: i32) -> Result<FundYear> {
        let year = check_year(year)?;
        let level = paying_level(self.require_profile()?.level);
        let first_day = format!("{year:04}-01-01");
        let typed_before: i64 = self.conn.query_row(
            "SELECT coalesce(sum(CASE direction WHEN 'thu' THEN amount ELSE -amount END), 0)
             FROM fund_entries WHERE year < ?1",
            [year],
            |r| r.get(0),
        )?;
        let paid_before: i64 = self.conn.query_row(
            "SELECT coalesce(sum(a.amount), 0) FROM awards a
             JOIN decisions d ON d.id = a.decision_id
             WHERE d.level = ?1 AND d.decision_date < ?2",
            params![level.as_str(), first_day],
            |r| r.get(0),
        )?;
        let opening_balance = typed_before - paid_before;

        let (receipts, manual_payments): (Vec<FundEntry>, Vec<FundEntry>) = self
            .fund_entries(year)?
            .into_iter()
            .partition(|e| e.direction == FundDirection::Thu);

        let mut stmt = self.conn.prepare(
            "SELECT d.id, d.number, d.decision_date, sum(a.amount) AS paid
             FROM decisions d JOIN awards a ON a.decision_id = d.id
             WHERE d.level = ?1 AND substr(d.decision_date, 1, 4) = printf('%04d', ?2)
             GROUP BY d.id
             HAVING paid > 0
             ORDER BY d.decision_date, d.number",
        )?;
        let decision_payments = stmt
            .query_map(params![level.as_str(), year], |r| {
                Ok(DecisionPayment {
                    decision_id: r.get(0)?,
                    number: r.get(1)?,
                    decision_date: r.get(2)?,
                    amount: r.get(3)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;

        let total = |entries: &[FundEntry]| entries.iter().map(|e| e.amount).sum::<i64>();
        let total_receipts = total(&receipts);
        let total_manual_payments = total(&manual_payments);
        let total_decision_payments = decision_payments.iter().map(|d| d.amount).sum();
        Ok(FundYear {
            year,
            opening_balance,
            closing_balance: opening_balance + total_receipts
                - total_manual_payments
                - total_decision_payments,
            receipts,
            total_receipts,
            manual_payments,
            total_manual_payments,
            paying_level: level,
            decision_payments,
            total_decision_payments,
        })
    }
}

impl FundYear {
    /// One line for messages: "Quỹ năm 2025: tồn đầu 1.000 đ, thu …, chi …, tồn cuối … đ".
    pub fn summary(&self) -> String {
        format!(
            "Quỹ thi đua, khen thưởng năm {}: tồn đầu năm {} đ; thu {} đ; chi {} đ (khen thưởng theo quyết định {} đ, chi khác {} đ); tồn cuối năm {} đ.",
            self.year,
            format_vnd(self.opening_balance),
            format_vnd(self.total_receipts),
            format_vnd(self.total_decision_payments + self.total_manual_payments),
            format_vnd(self.total_decision_payments),
            format_vnd(self.total_manual_payments),
            format_vnd(self.closing_balance)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decisions::{AwardInput, AwardType, DecisionInput};
    use crate::persons::PersonInput;
    use crate::profile::OfficeProfile;
    use crate::subjects::Subject;

    fn entry(year: i32, direction: FundDirection, date: &str, amount: i64) -> FundEntryInput {
        FundEntryInput {
            year,
            direction,
            entry_date: date.into(),
            amount,
            description: match direction {
                FundDirection::Thu => "Ngân sách cấp trích lập quỹ".into(),
                FundDirection::Chi => "In giấy khen, khung".into(),
            },
        }
    }

    /// A decision of `level` with one award of `code` to each person; returns its id.
    fn decision(
        s: &mut Store,
        number: &str,
        date: &str,
        level: DecisionLevel,
        awards: &[(&str, &str)],
    ) -> String {
        let d = s
            .create_decision(&DecisionInput {
                number: number.into(),
                decision_date: date.into(),
                level,
                authority: String::new(),
                signer_name: String::new(),
                signer_title: String::new(),
                award_type: AwardType::CongTrang,
                movement_id: None,
                year: date[..4].parse().unwrap(),
                period_from: None,
                period_to: None,
                note: String::new(),
            })
            .unwrap();
        for (person, code) in awards {
            s.add_award(
                &d.id,
                &AwardInput {
                    subject: Subject::Person(person.to_string()),
                    code: code.to_string(),
                    achievement: String::new(),
                    direct_worker: true,
                    position: None,
                    unit_name: None,
                    amount: None,
                },
            )
            .unwrap();
        }
        d.id
    }

    #[test]
    fn a_year_opens_with_what_earlier_years_left_and_pays_its_decisions() {
        let mut s = Store::open_in_memory().unwrap();
        s.init_profile(&OfficeProfile::new("UBND xã An Bình", OfficeLevel::Xa))
            .unwrap();
        let hoa = s
            .create_person(&PersonInput::named("Nguyễn Thị Hoa", None))
            .unwrap()
            .id;
        let binh = s
            .create_person(&PersonInput::named("Trần Văn Bình", None))
            .unwrap()
            .id;

        // 2024: 10.000.000 in, 500.000 out, one Giấy khen under NĐ 98 (360.000)
        s.create_fund_entry(&entry(2024, FundDirection::Thu, "15/01/2024", 10_000_000))
            .unwrap();
        s.create_fund_entry(&entry(2024, FundDirection::Chi, "2024-06-01", 500_000))
            .unwrap();
        decision(
            &mut s,
            "70/QĐ-UBND",
            "2024-12-20",
            DecisionLevel::Xa,
            &[(&hoa, "GK_XA")],
        );
        let y2024 = s.fund_year(2024).unwrap();
        assert_eq!(y2024.opening_balance, 0);
        assert_eq!(y2024.total_decision_payments, 360_000);
        assert_eq!(y2024.closing_balance, 10_000_000 - 500_000 - 360_000);

        // 2025: two awards under NĐ 152 (710.000 each) in one decision; a provincial Bằng
        // khen recorded for the statistics is the province's to pay
        s.create_fund_entry(&entry(2025, FundDirection::Thu, "2025-02-01", 5_000_000))
            .unwrap();
        let paid = s
            .create_fund_entry(&entry(2025, FundDirection::Chi, "2025-03-01", 200_000))
            .unwrap();
        let d2025 = decision(
            &mut s,
            "45/QĐ-UBND",
            "2025-12-20",
            DecisionLevel::Xa,
            &[(&hoa, "LDTT"), (&binh, "GK_XA")],
        );
        decision(
            &mut s,
            "900/QĐ-UBND",
            "2025-11-11",
            DecisionLevel::BoTinh,
            &[(&binh, "BK_TINH")],
        );
        // LĐTT năm 2025 decided in January 2026 is money of 2026
        decision(
            &mut s,
            "3/QĐ-UBND",
            "2026-01-10",
            DecisionLevel::Xa,
            &[(&binh, "LDTT")],
        );

        let y2025 = s.fund_year(2025).unwrap();
        assert_eq!(y2025.paying_level, DecisionLevel::Xa);
        assert_eq!(y2025.opening_balance, y2024.closing_balance);
        assert_eq!(
            (
                y2025.receipts.len(),
                y2025.total_receipts,
                y2025.manual_payments.len(),
                y2025.total_manual_payments
            ),
            (1, 5_000_000, 1, 200_000)
        );
        assert_eq!(
            y2025.decision_payments,
            vec![DecisionPayment {
                decision_id: d2025,
                number: "45/QĐ-UBND".into(),
                decision_date: "2025-12-20".into(),
                amount: 1_420_000,
            }]
        );
        assert_eq!(
            y2025.closing_balance,
            9_140_000 + 5_000_000 - 200_000 - 1_420_000
        );
        assert!(
            y2025.summary().contains("tồn cuối năm 12.520.000 đ"),
            "{}",
            y2025.summary()
        );

        let y2026 = s.fund_year(2026).unwrap();
        assert_eq!(y2026.opening_balance, y2025.closing_balance);
        assert_eq!(y2026.total_decision_payments, 710_000);
        assert_eq!(y2026.closing_balance, 12_520_000 - 710_000);

        // correcting a typed payment moves every later year
        let mut fix = entry(2025, FundDirection::Chi, "2025-03-01", 300_000);
        fix.description = "In giấy khen".into();
        s.update_fund_entry(&paid.id, &fix).unwrap();
        assert_eq!(s.fund_year(2026).unwrap().opening_balance, 12_420_000);
        s.delete_fund_entry(&paid.id).unwrap();
        assert_eq!(s.fund_year(2026).unwrap().opening_balance, 12_720_000);
        assert_eq!(s.fund_entries(2025).unwrap().len(), 1);
    }

    #[test]
    fn entries_are_checked_and_the_fund_needs_the_office_level() {
        let mut s = Store::open_in_memory().unwrap();
        assert_eq!(s.fund_year(2025).unwrap_err().code(), "not_initialized");
        let err = s
            .create_fund_entry(&entry(2025, FundDirection::Thu, "31/12/2024", 1_000))
            .unwrap_err();
        assert_eq!(err.field(), Some("entry_date"));
        assert!(
            err.to_string().contains("31/12/2024 không thuộc năm 2025"),
            "{err}"
        );
        for amount in [0, -5] {
            assert_eq!(
                s.create_fund_entry(&entry(2025, FundDirection::Chi, "2025-05-05", amount))
                    .unwrap_err()
                    .field(),
                Some("amount")
            );
        }
        let mut blank = entry(2025, FundDirection::Chi, "2025-05-05", 1_000);
        blank.description = "  ".into();
        let err = s.create_fund_entry(&blank).unwrap_err();
        assert_eq!(err.to_string(), "Hãy ghi nội dung khoản chi.");
        assert_eq!(
            FundDirection::parse("vay").unwrap_err().field(),
            Some("direction")
        );
        assert_eq!(s.fund_entry("khong-co").unwrap_err().code(), "not_found");
    }
}
