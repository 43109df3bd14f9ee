//! Who can be put on a decision straight from the registration list: "those registered for
//! LĐTT who qualify". A registration qualifies when its subject has not already been awarded
//! that title or form for the year, and the year's rule checks (`checks`) raise nothing about
//! it. Those that do not qualify are listed too, with the reasons, so the clerk sees why
//! someone is left out rather than wondering where they went.

use crate::error::Result;
use crate::registrations::{RegistrationQuery, RegistrationRow};
use crate::store::Store;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AwardCandidate {
    pub registration: RegistrationRow,
    /// Nothing stands in the way: no award of this code yet, no rule warning.
    pub qualifies: bool,
    /// Why not, in Vietnamese (empty when it qualifies).
    pub reasons: Vec<String>,
}

impl Store {
    /// The registrations of `code` for achievement year `year`, each saying whether it
    /// qualifies; qualifying ones first, in the order of the registration list.
    pub fn award_candidates(&self, year: i32, code: &str) -> Result<Vec<AwardCandidate>> {
        let code = code.trim().to_uppercase();
        let registrations = self.registrations(&RegistrationQuery {
            year,
            unit_id: None,
            code: Some(code.clone()),
            search: None,
        })?;
        let report = self.check_year(year)?;
        let awarded = self.awarded_subjects(year, &code)?;
        let mut out: Vec<AwardCandidate> = registrations
            .into_iter()
            .map(|r| {
                let mut reasons: Vec<String> = report
                    .warnings
                    .iter()
                    .filter(|w| w.record_id.as_deref() == Some(r.id.as_str()))
                    .map(|w| w.message.clone())
                    .collect();
                if awarded.contains(r.subject.id()) {
                    reasons.insert(
                        0,
                        format!("Đã được khen \"{}\" cho năm {year}.", r.code_name),
                    );
                }
                AwardCandidate {
                    qualifies: reasons.is_empty(),
                    registration: r,
                    reasons,
                }
            })
            .collect();
        // Stable: the registration list's own order is kept within each group.
        out.sort_by_key(|c| !c.qualifies);
        Ok(out)
    }

    /// Ids of the subjects already awarded `code` for achievement year `year`.
    fn awarded_subjects(&self, year: i32, code: &str) -> Result<HashSet<String>> {
        let mut stmt = self.conn.prepare(
            "SELECT coalesce(a.person_id, a.unit_id, a.household_id) FROM awards a
             JOIN decisions d ON d.id = a.decision_id WHERE d.year = ?1 AND a.code = ?2",
        )?;
        let ids = stmt.query_map(rusqlite::params![year, code], |r| r.get(0))?;
        Ok(ids.collect::<rusqlite::Result<_>>()?)
    }
}

#[cfg(test)]
mod tests {
    use crate::decisions::{AwardInput, AwardType, DecisionInput, DecisionLevel};
    use crate::store::Store;

    #[test]
    fn registered_people_qualify_until_awarded_and_warned_ones_say_why() {
        let mut s = Store::open_in_memory().unwrap();
        let summary = crate::demo::fill(&mut s, 2025).unwrap();
        let year = *summary.years.iter().max().unwrap();
        let all = s.award_candidates(year, "ldtt").unwrap();
        assert!(!all.is_empty(), "the demo registers people for LĐTT");
        let first_no = all.iter().position(|c| !c.qualifies).unwrap_or(all.len());
        assert!(all[first_no..]
            .iter()
            .all(|c| !c.qualifies && !c.reasons.is_empty()));
        assert!(all[..first_no].iter().all(|c| c.reasons.is_empty()));
        let Some(chosen) = all.iter().find(|c| c.qualifies) else {
            return;
        };
        let d = s
            .create_decision(&DecisionInput {
                number: "99/QĐ-UBND".into(),
                decision_date: format!("{}-01-20", year + 1),
                level: DecisionLevel::Xa,
                authority: "Chủ tịch UBND xã".into(),
                signer_name: String::new(),
                signer_title: String::new(),
                award_type: AwardType::CongTrang,
                movement_id: None,
                year,
                period_from: None,
                period_to: None,
                note: String::new(),
            })
            .unwrap();
        s.add_award(
            &d.id,
            &AwardInput {
                subject: chosen.registration.subject.clone(),
                code: "LDTT".into(),
                achievement: String::new(),
                direct_worker: false,
                position: None,
                unit_name: None,
                amount: None,
            },
        )
        .unwrap();
        let again = s.award_candidates(year, "LDTT").unwrap();
        let same = again
            .iter()
            .find(|c| c.registration.id == chosen.registration.id)
            .unwrap();
        assert!(!same.qualifies);
        assert!(same.reasons[0].starts_with("Đã được khen"));
    }
}
