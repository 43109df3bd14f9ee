//! The figures the reports quote: awards in a period by title/form and recipient kind, by
//! level and by loại hình, people who work directly (người lao động trực tiếp) and their
//! ratio, money, compared with the same period last year and with the registrations.
//!
//! A period is decided by the **decision date** (what was granted in the first half, in the
//! year), as the sơ kết / tổng kết reports count it. The comparison with registrations uses
//! the **achievement year** of the decisions instead, because LĐTT of 2025 is usually decided
//! in January 2026 and still answers the 2025 registrations.

use crate::decisions::{AwardType, DecisionLevel};
use crate::error::{Error, Result};
use crate::rules::AwardKind;
use crate::store::Store;
use crate::subjects::{RecipientKind, Subject};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CodeCount {
    pub code: String,
    pub name: String,
    pub award_kind: AwardKind,
    pub recipient_kind: RecipientKind,
    pub count: i64,
    pub amount: i64,
}

/// Counts of one kind (titles, or forms) by recipient: never added to the other kind.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RecipientCounts {
    pub ca_nhan: i64,
    pub tap_the: i64,
    pub ho_gia_dinh: i64,
    pub total: i64,
}

impl RecipientCounts {
    fn add(&mut self, kind: RecipientKind, n: i64) {
        match kind {
            RecipientKind::CaNhan => self.ca_nhan += n,
            RecipientKind::TapThe => self.tap_the += n,
            RecipientKind::HoGiaDinh => self.ho_gia_dinh += n,
        }
        self.total += n;
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct LevelCount {
    /// nha_nuoc | bo_tinh | huyen | xa | co_quan
    pub level: String,
    pub label: String,
    pub danh_hieu: RecipientCounts,
    pub hinh_thuc: RecipientCounts,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PeriodStats {
    pub from: String,
    pub to: String,
    pub decisions: i64,
    pub by_code: Vec<CodeCount>,
    pub danh_hieu: RecipientCounts,
    pub hinh_thuc: RecipientCounts,
    pub by_level: Vec<LevelCount>,
    /// Loại hình groups of the statistics tables: Thường xuyên, Chuyên đề, Đột xuất …
    pub by_award_type: Vec<(String, i64)>,
    /// Awards to individuals (cá nhân), and of them to people who work directly.
    pub individuals: i64,
    pub direct_workers: i64,
    /// Percent of individual awards that went to direct workers, one decimal.
    pub direct_worker_ratio: f64,
    pub total_amount: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RegistrationComparison {
    pub code: String,
    pub name: String,
    pub registered: i64,
    pub achieved: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Stats {
    pub year: i32,
    pub half: Option<u8>,
    pub current: PeriodStats,
    /// The same period of the previous year.
    pub previous: PeriodStats,
    pub vs_registrations: Vec<RegistrationComparison>,
}

fn period(year: i32, half: Option<u8>) -> Result<(String, String)> {
    match half {
        None => Ok((format!("{year:04}-01-01"), format!("{year:04}-12-31"))),
        Some(1) => Ok((format!("{year:04}-01-01"), format!("{year:04}-06-30"))),
        Some(2) => Ok((format!("{year:04}-07-01"), format!("{year:04}-12-31"))),
        Some(h) => Err(Error::invalid(
            "half",
            format!("Nửa năm phải là 1 hoặc 2, không phải {h}."),
        )),
    }
}

/// The awards of a period that every figure treats alike, counted by SQLite: one row per
/// decision, title or form and recipient kind, and "directly working" flag. Summing these
/// few hundred rows gives the same figures as walking every award, without reading, sorting
/// by name and holding 200,000 award rows (a year of a large office took 9 s that way).
struct Group {
    decision_id: String,
    level: DecisionLevel,
    award_type: AwardType,
    award_kind: AwardKind,
    code: String,
    code_name: String,
    recipient_kind: RecipientKind,
    direct_worker: bool,
    count: i64,
    amount: i64,
}

/// The same awards as `Store::awards` with `from`/`to` (decision date in the period, the
/// code in the catalog), grouped.
const GROUPS_SQL: &str = "SELECT t.decision_id, d.level, d.award_type, c.kind, t.code, c.name,
        t.person_id IS NOT NULL, t.unit_id IS NOT NULL, t.household_id IS NOT NULL,
        t.direct_worker != 0, count(*), coalesce(sum(t.amount), 0)
     FROM awards t
     JOIN decisions d ON d.id = t.decision_id
     JOIN catalog_items c ON c.code = t.code
     WHERE d.decision_date >= ?1 AND d.decision_date <= ?2
     GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10";

impl Store {
    fn period_groups(&self, from: &str, to: &str) -> Result<Vec<Group>> {
        let mut stmt = self.conn.prepare_cached(GROUPS_SQL)?;
        let rows = stmt.query_map([from, to], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, String>(5)?,
                (
                    r.get::<_, bool>(6)?,
                    r.get::<_, bool>(7)?,
                    r.get::<_, bool>(8)?,
                ),
                r.get::<_, bool>(9)?,
                r.get::<_, i64>(10)?,
                r.get::<_, i64>(11)?,
            ))
        })?;
        rows.map(|row| {
            let (
                decision_id,
                level,
                award_type,
                kind,
                code,
                code_name,
                subject,
                direct,
                count,
                amount,
            ) = row?;
            // The same check as reading one award: exactly one of the three references.
            let (p, u, h) = subject;
            let recipient_kind = Subject::from_columns(
                p.then(String::new),
                u.then(String::new),
                h.then(String::new),
            )?
            .kind();
            Ok(Group {
                decision_id,
                level: DecisionLevel::parse(&level)?,
                award_type: AwardType::parse(&award_type)?,
                award_kind: if kind == "danh_hieu" {
                    AwardKind::DanhHieu
                } else {
                    AwardKind::HinhThuc
                },
                code,
                code_name,
                recipient_kind,
                direct_worker: direct,
                count,
                amount,
            })
        })
        .collect()
    }
}

fn summarise(from: String, to: String, groups: &[Group]) -> PeriodStats {
    let mut by_code: BTreeMap<(AwardKind, String, RecipientKind), CodeCount> = BTreeMap::new();
    let mut danh_hieu = RecipientCounts::default();
    let mut hinh_thuc = RecipientCounts::default();
    let mut levels: BTreeMap<String, LevelCount> = BTreeMap::new();
    let mut types: BTreeMap<&'static str, i64> = BTreeMap::new();
    let mut decisions = std::collections::HashSet::new();
    let (mut individuals, mut direct, mut total_amount) = (0, 0, 0);
    for a in groups {
        let n = a.count;
        decisions.insert(a.decision_id.as_str());
        let entry = by_code
            .entry((a.award_kind, a.code.clone(), a.recipient_kind))
            .or_insert_with(|| CodeCount {
                code: a.code.clone(),
                name: a.code_name.clone(),
                award_kind: a.award_kind,
                recipient_kind: a.recipient_kind,
                count: 0,
                amount: 0,
            });
        entry.count += n;
        entry.amount += a.amount;
        let level = levels
            .entry(a.level.as_str().to_string())
            .or_insert_with(|| LevelCount {
                level: a.level.as_str().to_string(),
                label: a.level.label().to_string(),
                danh_hieu: RecipientCounts::default(),
                hinh_thuc: RecipientCounts::default(),
            });
        match a.award_kind {
            AwardKind::DanhHieu => {
                danh_hieu.add(a.recipient_kind, n);
                level.danh_hieu.add(a.recipient_kind, n);
            }
            AwardKind::HinhThuc => {
                hinh_thuc.add(a.recipient_kind, n);
                level.hinh_thuc.add(a.recipient_kind, n);
            }
        }
        *types.entry(a.award_type.stat_group()).or_default() += n;
        if a.recipient_kind == RecipientKind::CaNhan {
            individuals += n;
            if a.direct_worker {
                direct += n;
            }
        }
        total_amount += a.amount;
    }
    let ratio = if individuals > 0 {
        (direct as f64 * 1000.0 / individuals as f64).round() / 10.0
    } else {
        0.0
    };
    // The statistics tables' order for loại hình.
    let order = [
        "Thường xuyên",
        "Chuyên đề",
        "Đột xuất",
        "Đối ngoại",
        "Cống hiến",
        "Niên hạn",
        "Kháng chiến",
    ];
    PeriodStats {
        from,
        to,
        decisions: decisions.len() as i64,
        by_code: by_code.into_values().collect(),
        danh_hieu,
        hinh_thuc,
        by_level: levels.into_values().collect(),
        by_award_type: order
            .iter()
            .filter_map(|g| types.get(g).map(|n| (g.to_string(), *n)))
            .collect(),
        individuals,
        direct_workers: direct,
        direct_worker_ratio: ratio,
        total_amount,
    }
}

impl Store {
    pub fn period_stats(&self, year: i32, half: Option<u8>) -> Result<PeriodStats> {
        let (from, to) = period(year, half)?;
        let groups = self.period_groups(&from, &to)?;
        Ok(summarise(from, to, &groups))
    }

    /// The figures of a year (or half-year), the same period last year, and the year's
    /// registrations against what was achieved.
    pub fn stats(&self, year: i32, half: Option<u8>) -> Result<Stats> {
        crate::blocks::check_year(year)?;
        let current = self.period_stats(year, half)?;
        let previous = self.period_stats(year - 1, half)?;
        let mut stmt = self.conn.prepare(
            "SELECT c.code, c.name,
                 (SELECT count(*) FROM registrations r WHERE r.year = ?1 AND r.code = c.code),
                 (SELECT count(*) FROM awards a JOIN decisions d ON d.id = a.decision_id
                   WHERE d.year = ?1 AND a.code = c.code)
             FROM catalog_items c
             WHERE EXISTS (SELECT 1 FROM registrations r WHERE r.year = ?1 AND r.code = c.code)
             ORDER BY c.kind, c.sort_order",
        )?;
        let vs_registrations = stmt
            .query_map([year], |r| {
                Ok(RegistrationComparison {
                    code: r.get(0)?,
                    name: r.get(1)?,
                    registered: r.get(2)?,
                    achieved: r.get(3)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(Stats {
            year,
            half,
            current,
            previous,
            vs_registrations,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decisions::{AwardInput, AwardType, DecisionInput, DecisionLevel};
    use crate::persons::PersonInput;
    use crate::subjects::Subject;
    use crate::units::{UnitInput, UnitKind};

    fn decision(
        s: &mut Store,
        number: &str,
        date: &str,
        year: i32,
        level: DecisionLevel,
        t: AwardType,
    ) -> String {
        s.create_decision(&DecisionInput {
            number: number.into(),
            decision_date: date.into(),
            level,
            authority: String::new(),
            signer_name: String::new(),
            signer_title: String::new(),
            award_type: t,
            movement_id: None,
            year,
            period_from: None,
            period_to: None,
            note: String::new(),
        })
        .unwrap()
        .id
    }

    fn give(s: &mut Store, decision: &str, subject: Subject, code: &str, direct: bool) {
        s.add_award(
            decision,
            &AwardInput {
                subject,
                code: code.into(),
                achievement: String::new(),
                direct_worker: direct,
                position: None,
                unit_name: None,
                amount: None,
            },
        )
        .unwrap();
    }

    #[test]
    fn titles_and_forms_are_counted_apart_with_direct_workers_and_last_year() {
        let mut s = Store::open_in_memory().unwrap();
        let unit = s
            .create_unit(&UnitInput {
                code: "TH".into(),
                name: "Trường Tiểu học".into(),
                kind: UnitKind::DonViSuNghiep,
                staff_count: Some(20),
                parent_id: None,
                note: String::new(),
            })
            .unwrap()
            .id;
        let people: Vec<String> = (0..4)
            .map(|i| {
                s.create_person(&PersonInput::named(&format!("Người Thứ {i}"), Some(&unit)))
                    .unwrap()
                    .id
            })
            .collect();

        let dec = decision(
            &mut s,
            "10/QĐ-UBND",
            "2025-12-20",
            2025,
            DecisionLevel::Xa,
            AwardType::CongTrang,
        );
        give(
            &mut s,
            &dec,
            Subject::Person(people[0].clone()),
            "LDTT",
            true,
        );
        give(
            &mut s,
            &dec,
            Subject::Person(people[1].clone()),
            "LDTT",
            true,
        );
        give(
            &mut s,
            &dec,
            Subject::Person(people[2].clone()),
            "LDTT",
            false,
        );
        give(
            &mut s,
            &dec,
            Subject::Person(people[3].clone()),
            "GK_XA",
            true,
        );
        give(&mut s, &dec, Subject::Unit(unit.clone()), "GK_XA", false);
        let sudden = decision(
            &mut s,
            "11/QĐ-UBND",
            "2025-03-02",
            2025,
            DecisionLevel::Xa,
            AwardType::DotXuat,
        );
        give(
            &mut s,
            &sudden,
            Subject::Person(people[0].clone()),
            "GK_XA",
            true,
        );
        let last_year = decision(
            &mut s,
            "90/QĐ-UBND",
            "2024-12-20",
            2024,
            DecisionLevel::Xa,
            AwardType::CongTrang,
        );
        give(
            &mut s,
            &last_year,
            Subject::Person(people[0].clone()),
            "LDTT",
            true,
        );

        let st = s.stats(2025, None).unwrap();
        let c = &st.current;
        assert_eq!(c.decisions, 2);
        assert_eq!((c.danh_hieu.ca_nhan, c.danh_hieu.total), (3, 3));
        assert_eq!(
            (c.hinh_thuc.ca_nhan, c.hinh_thuc.tap_the, c.hinh_thuc.total),
            (2, 1, 3)
        );
        assert_eq!((c.individuals, c.direct_workers), (5, 4));
        assert_eq!(c.direct_worker_ratio, 80.0);
        assert_eq!(
            c.by_award_type,
            vec![("Thường xuyên".to_string(), 5), ("Đột xuất".to_string(), 1)]
        );
        let ldtt = c.by_code.iter().find(|x| x.code == "LDTT").unwrap();
        assert_eq!((ldtt.count, ldtt.amount), (3, 3 * 710_000));
        assert_eq!(st.previous.danh_hieu.total, 1);

        let first_half = s.stats(2025, Some(1)).unwrap();
        assert_eq!(
            first_half.current.hinh_thuc.total, 1,
            "only the March decision"
        );
        assert_eq!(first_half.current.from, "2025-01-01");
        assert_eq!(s.stats(2025, Some(3)).unwrap_err().field(), Some("half"));
    }
}
