//! The year's deadlines and, against them, what each member unit has sent: its registration,
//! its 6-month and annual reports, its self-score. The home screen shows this as a matrix of
//! units × documents (received / received late / missing / overdue).
//!
//! Deadlines are the clerk's to set each year (they follow the superior's guidance, which
//! changes): nothing is assumed when none is set, and nothing is then called late.

use crate::blocks::check_year;
use crate::error::{Error, Result};
use crate::store::{now, Store, COLLATE_VI};
use crate::subjects::SUBJECT_UNIT_SQL;
use crate::units::parse_date;
use rusqlite::params;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum DeadlineKind {
    /// Đăng ký thi đua.
    DangKy,
    /// Sơ kết 6 tháng.
    SauThang,
    /// Tổng kết năm (with the self-score).
    Nam,
    /// Hồ sơ đề nghị khen thưởng.
    DeNghi,
}

impl DeadlineKind {
    pub const ALL: [DeadlineKind; 4] = [Self::DangKy, Self::SauThang, Self::Nam, Self::DeNghi];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::DangKy => "dang_ky",
            Self::SauThang => "sau_thang",
            Self::Nam => "nam",
            Self::DeNghi => "de_nghi",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::DangKy => "Đăng ký thi đua",
            Self::SauThang => "Báo cáo sơ kết 6 tháng",
            Self::Nam => "Báo cáo tổng kết năm và tự chấm điểm",
            Self::DeNghi => "Hồ sơ đề nghị khen thưởng",
        }
    }

    pub fn parse(s: &str) -> Result<Self> {
        Self::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| Error::invalid("kind", format!("Không có loại hạn \"{s}\".")))
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Deadline {
    pub kind: DeadlineKind,
    pub label: String,
    /// yyyy-mm-dd; None while the clerk has not set it.
    pub due_on: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum DocStatus {
    Received,
    /// Received after the deadline.
    Late,
    /// Not received, the deadline not passed (or not set).
    Missing,
    /// Not received and the deadline has passed.
    Overdue,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DocCell {
    pub status: DocStatus,
    /// When it was received, if the record says.
    pub on: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct UnitDocuments {
    pub unit_id: String,
    pub unit_code: String,
    pub unit_name: String,
    pub registration: DocCell,
    pub six_month: DocCell,
    pub annual: DocCell,
    pub scoring: DocCell,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct YearDocuments {
    pub year: i32,
    pub deadlines: Vec<Deadline>,
    pub units: Vec<UnitDocuments>,
}

/// A document's state: `received` is Some(date if known) when it came in.
fn cell(received: Option<Option<String>>, due: Option<&str>, today: &str) -> DocCell {
    match received {
        Some(on) => {
            let late = matches!((on.as_deref(), due), (Some(on), Some(due)) if on > due);
            DocCell {
                status: if late {
                    DocStatus::Late
                } else {
                    DocStatus::Received
                },
                on,
            }
        }
        None => DocCell {
            status: if due.is_some_and(|due| today > due) {
                DocStatus::Overdue
            } else {
                DocStatus::Missing
            },
            on: None,
        },
    }
}

impl Store {
    /// The four deadlines of `year`, set or not, in the order of the year's work.
    pub fn deadlines(&self, year: i32) -> Result<Vec<Deadline>> {
        let year = check_year(year)?;
        let mut stmt = self
            .conn
            .prepare("SELECT kind, due_on FROM deadlines WHERE year = ?1")?;
        let set: HashMap<String, String> = stmt
            .query_map([year], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(DeadlineKind::ALL
            .into_iter()
            .map(|kind| Deadline {
                kind,
                label: kind.label().into(),
                due_on: set.get(kind.as_str()).cloned(),
            })
            .collect())
    }

    /// Sets (dd/mm/yyyy or yyyy-mm-dd) or clears (None or empty) one deadline of `year`.
    pub fn set_deadline(
        &mut self,
        year: i32,
        kind: DeadlineKind,
        due_on: Option<&str>,
    ) -> Result<Vec<Deadline>> {
        let year = check_year(year)?;
        match due_on.map(str::trim).filter(|d| !d.is_empty()) {
            Some(d) => {
                let due = parse_date("due_on", d)?;
                if !due.starts_with(&year.to_string()) && !due.starts_with(&(year + 1).to_string())
                {
                    return Err(Error::invalid(
                        "due_on",
                        format!(
                            "Hạn \"{}\" của năm {year} phải trong năm {year} hoặc đầu năm {}.",
                            kind.label(),
                            year + 1
                        ),
                    ));
                }
                self.conn.execute(
                    "INSERT INTO deadlines (year, kind, due_on, updated_at) VALUES (?1, ?2, ?3, ?4)
                     ON CONFLICT (year, kind) DO UPDATE SET due_on = excluded.due_on,
                         updated_at = excluded.updated_at",
                    params![year, kind.as_str(), due, now()],
                )?;
            }
            None => {
                self.conn.execute(
                    "DELETE FROM deadlines WHERE year = ?1 AND kind = ?2",
                    params![year, kind.as_str()],
                )?;
            }
        }
        self.deadlines(year)
    }

    /// What each active unit has sent for `year`, against the deadlines, as of `today`
    /// (yyyy-mm-dd; passed in so the answer does not depend on the clock).
    pub fn year_documents(&self, year: i32, today: &str) -> Result<YearDocuments> {
        let deadlines = self.deadlines(year)?;
        let due = |k: DeadlineKind| {
            deadlines
                .iter()
                .find(|d| d.kind == k)
                .and_then(|d| d.due_on.clone())
        };
        // Earliest registration date of each unit (its own, its people's, its households').
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {SUBJECT_UNIT_SQL} AS su, min(t.registered_on) FROM registrations t
             WHERE t.year = ?1 AND su IS NOT NULL GROUP BY su"
        ))?;
        let registered: HashMap<String, Option<String>> = stmt
            .query_map([year], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        // Reports count once submitted; a draft typed in for the unit is not yet received.
        let mut stmt = self.conn.prepare(
            "SELECT unit_id, period, submitted_on FROM assessments
             WHERE year = ?1 AND submitted_on IS NOT NULL",
        )?;
        let mut reports: HashMap<(String, String), Option<String>> = HashMap::new();
        for row in stmt.query_map([year], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, Option<String>>(2)?,
            ))
        })? {
            let (unit, period, on) = row?;
            reports.insert((unit, period), on);
        }
        let mut stmt = self.conn.prepare(
            "SELECT DISTINCT s.unit_id FROM block_scores s JOIN blocks b ON b.id = s.block_id
             WHERE b.year = ?1 AND s.self_score IS NOT NULL",
        )?;
        let scored: std::collections::HashSet<String> = stmt
            .query_map([year], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;

        let mut stmt = self.conn.prepare(&format!(
            "SELECT id, code, name FROM units WHERE status = 'active' ORDER BY name COLLATE {COLLATE_VI}, id"
        ))?;
        let units = stmt
            .query_map([], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let (dk, st, nm) = (
            due(DeadlineKind::DangKy),
            due(DeadlineKind::SauThang),
            due(DeadlineKind::Nam),
        );
        let units = units
            .into_iter()
            .map(|(id, code, name)| UnitDocuments {
                registration: cell(registered.get(&id).cloned(), dk.as_deref(), today),
                six_month: cell(
                    reports.get(&(id.clone(), "sau_thang".into())).cloned(),
                    st.as_deref(),
                    today,
                ),
                annual: cell(
                    reports.get(&(id.clone(), "nam".into())).cloned(),
                    nm.as_deref(),
                    today,
                ),
                // The self-score is sent with the annual report, so it has the same deadline.
                scoring: cell(scored.contains(&id).then_some(None), nm.as_deref(), today),
                unit_id: id,
                unit_code: code,
                unit_name: name,
            })
            .collect();
        Ok(YearDocuments {
            year,
            deadlines,
            units,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assessments::{AssessmentInput, Period};
    use crate::registrations::RegistrationInput;
    use crate::subjects::Subject;
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

    /// What the table holds, read past the API.
    fn stored(s: &Store, year: i32, kind: DeadlineKind) -> Option<String> {
        use rusqlite::OptionalExtension;
        s.conn
            .query_row(
                "SELECT due_on FROM deadlines WHERE year = ?1 AND kind = ?2",
                params![year, kind.as_str()],
                |r| r.get(0),
            )
            .optional()
            .unwrap()
    }

    #[test]
    fn deadlines_are_set_changed_and_cleared_on_a_real_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("thidua.db");
        let mut s = Store::open(&path).unwrap();
        let all = s.deadlines(2026).unwrap();
        assert_eq!(all.len(), 4);
        assert!(all.iter().all(|d| d.due_on.is_none()));
        s.set_deadline(2026, DeadlineKind::DangKy, Some("15/3/2026"))
            .unwrap();
        s.set_deadline(2026, DeadlineKind::DangKy, Some("2026-03-20"))
            .unwrap();
        drop(s);
        let mut s = Store::open(&path).unwrap();
        assert_eq!(
            stored(&s, 2026, DeadlineKind::DangKy).as_deref(),
            Some("2026-03-20")
        );
        let err = s
            .set_deadline(2026, DeadlineKind::Nam, Some("01/12/2024"))
            .unwrap_err();
        assert_eq!(err.field(), Some("due_on"));
        assert_eq!(
            err.to_string(),
            "Hạn \"Báo cáo tổng kết năm và tự chấm điểm\" của năm 2026 phải trong năm 2026 hoặc đầu năm 2027."
        );
        let err = s
            .set_deadline(2026, DeadlineKind::Nam, Some("31/02/2026"))
            .unwrap_err();
        assert_eq!(err.field(), Some("due_on"));
        let after = s
            .set_deadline(2026, DeadlineKind::DangKy, Some(""))
            .unwrap();
        assert_eq!(after[0].due_on, None);
        assert_eq!(
            DeadlineKind::parse("sau_thang").unwrap(),
            DeadlineKind::SauThang
        );
        assert!(DeadlineKind::parse("x").is_err());
    }

    #[test]
    fn the_matrix_says_received_late_missing_or_overdue() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = Store::open(&dir.path().join("thidua.db")).unwrap();
        let th = unit(&mut s, "TH", "Trường Tiểu học An Bình");
        let mn = unit(&mut s, "MN", "Trường Mầm non An Bình");
        s.set_deadline(2026, DeadlineKind::DangKy, Some("31/01/2026"))
            .unwrap();
        s.set_deadline(2026, DeadlineKind::SauThang, Some("15/06/2026"))
            .unwrap();
        // TH registered on time, MN late.
        for (id, code, on) in [(&th, "TTLDTT", "20/01/2026"), (&mn, "TTLDTT", "05/02/2026")] {
            s.create_registration(&RegistrationInput {
                year: 2026,
                subject: Subject::Unit(id.clone()),
                code: code.into(),
                targets: String::new(),
                registered_on: Some(on.into()),
            })
            .unwrap();
        }
        // TH sent its 6-month report; MN only has a draft.
        for (id, submitted) in [(&th, Some("10/06/2026")), (&mn, None)] {
            s.save_assessment(&AssessmentInput {
                unit_id: id.clone(),
                year: 2026,
                period: Period::SauThang,
                completion: None,
                results: "Kết quả".into(),
                shortcomings: String::new(),
                lessons: String::new(),
                next_tasks: String::new(),
                proposals: String::new(),
                submitted_on: submitted.map(String::from),
            })
            .unwrap();
        }
        let m = s.year_documents(2026, "2026-07-01").unwrap();
        // Vietnamese order: Mầm non before Tiểu học.
        let names: Vec<&str> = m.units.iter().map(|u| u.unit_name.as_str()).collect();
        assert_eq!(names, ["Trường Mầm non An Bình", "Trường Tiểu học An Bình"]);
        let (mn_docs, th_docs) = (&m.units[0], &m.units[1]);
        assert_eq!(th_docs.registration.status, DocStatus::Received);
        assert_eq!(th_docs.registration.on.as_deref(), Some("2026-01-20"));
        assert_eq!(mn_docs.registration.status, DocStatus::Late);
        assert_eq!(th_docs.six_month.status, DocStatus::Received);
        assert_eq!(mn_docs.six_month.status, DocStatus::Overdue);
        // No annual deadline set: nothing is overdue, only missing.
        assert_eq!(th_docs.annual.status, DocStatus::Missing);
        assert_eq!(th_docs.scoring.status, DocStatus::Missing);
        // Before the 6-month deadline MN's report is only missing.
        let early = s.year_documents(2026, "2026-06-01").unwrap();
        assert_eq!(early.units[0].six_month.status, DocStatus::Missing);
    }
}
