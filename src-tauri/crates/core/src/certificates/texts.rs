//! The texts of each certificate, taken from the decision, its awards, the catalog and the
//! office profile.

use super::{CertificateField, FieldKind};
use crate::decisions::{AwardQuery, AwardRow, Decision};
use crate::error::{Error, Result};
use crate::export::sheet::place_date_line;
use crate::rules::AwardKind;
use crate::store::{now, Store};
use crate::subjects::RecipientKind;
use crate::text::clean;
use crate::units::format_date_vi;
use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Everything one certificate prints, before it is placed on the page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CertificateTexts {
    pub award_id: String,
    pub recipient_name: String,
    pub position_unit: String,
    pub achievement: String,
    pub decision_ref: String,
    pub place_date: String,
    /// Two lines ("KT. Chủ tịch" / "Phó Chủ tịch") when a deputy signs.
    pub signer_title: String,
    pub signer_name: String,
}

impl CertificateTexts {
    /// The text `field` prints on this certificate, before upper-casing.
    pub fn text_for(&self, field: &CertificateField) -> String {
        match field.kind {
            FieldKind::RecipientName => self.recipient_name.clone(),
            FieldKind::PositionUnit => self.position_unit.clone(),
            FieldKind::Achievement => self.achievement.clone(),
            FieldKind::DecisionRef => self.decision_ref.clone(),
            FieldKind::PlaceDate => self.place_date.clone(),
            FieldKind::SignerTitle => self.signer_title.clone(),
            FieldKind::SignerName => self.signer_name.clone(),
            FieldKind::FreeText => field.text.clone(),
        }
    }

    /// Sample texts for the calibration page and the layout preview.
    pub fn sample() -> CertificateTexts {
        CertificateTexts {
            award_id: String::new(),
            recipient_name: "Nguyễn Thị Thu Hương".into(),
            position_unit: "Giáo viên, Trường Tiểu học An Bình".into(),
            achievement: "Đã có thành tích xuất sắc trong thực hiện nhiệm vụ năm 2025".into(),
            decision_ref: "Quyết định số 128/QĐ-UBND ngày 26/12/2025".into(),
            place_date: "An Bình, ngày 26 tháng 12 năm 2025".into(),
            signer_title: "Chủ tịch".into(),
            signer_name: "Nguyễn Văn Thành".into(),
        }
    }
}

/// The signature heading: the head signs as "Chủ tịch"; a deputy signs "KT. Chủ tịch" over
/// "Phó Chủ tịch" (Nghị định 30/2020, ký thay).
fn signer_title_lines(title: &str) -> String {
    let t = clean(title);
    let lower = t.to_lowercase();
    match lower.strip_prefix("phó ") {
        Some(_) => {
            let head: String = t.chars().skip(4).collect();
            let mut head_chars = head.chars();
            let head = match head_chars.next() {
                Some(c) => c.to_uppercase().chain(head_chars).collect(),
                None => head,
            };
            format!("KT. {head}\n{t}")
        }
        None => t,
    }
}

fn recipient_name(a: &AwardRow) -> String {
    match a.recipient_kind {
        RecipientKind::HoGiaDinh => format!("Gia đình {}", a.recipient_name),
        _ => a.recipient_name.clone(),
    }
}

fn position_unit(a: &AwardRow) -> String {
    [a.position.as_str(), a.unit.as_str()]
        .into_iter()
        .filter(|s| !s.trim().is_empty())
        .collect::<Vec<_>>()
        .join(", ")
}

fn lower_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

impl Store {
    /// The achievement line the clerk set for a decision's certificates, if any.
    pub fn certificate_phrase(&self, decision_id: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row(
                "SELECT phrase FROM certificate_phrases WHERE decision_id = ?1",
                [decision_id],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// Sets (or, with an empty text, removes) the achievement line of a decision's
    /// certificates; without it each certificate gets the line derived from the catalog.
    pub fn set_certificate_phrase(&mut self, decision_id: &str, phrase: &str) -> Result<()> {
        self.decision(decision_id)?;
        let phrase = clean(phrase);
        if phrase.chars().count() > 300 {
            return Err(Error::invalid(
                "phrase",
                "Nội dung thành tích dài quá 300 ký tự.",
            ));
        }
        if phrase.is_empty() {
            self.conn.execute(
                "DELETE FROM certificate_phrases WHERE decision_id = ?1",
                [decision_id],
            )?;
        } else {
            self.conn.execute(
                "INSERT INTO certificate_phrases (decision_id, phrase, updated_at)
                 VALUES (?1, ?2, ?3)
                 ON CONFLICT (decision_id) DO UPDATE SET phrase = ?2, updated_at = ?3",
                params![decision_id, phrase, now()],
            )?;
        }
        Ok(())
    }

    /// The line derived from the data: the title and year for a danh hiệu; for a form of
    /// commendation the movement the decision rewards, the deed of a sudden award, or the
    /// year's work.
    fn derived_achievement(&self, d: &Decision, a: &AwardRow) -> Result<String> {
        if a.award_kind == AwardKind::DanhHieu {
            return Ok(format!(
                "Đã đạt danh hiệu \"{}\" năm {}",
                a.code_name, d.year
            ));
        }
        if d.award_type == crate::decisions::AwardType::DotXuat && !a.achievement.is_empty() {
            return Ok(format!("Đã có thành tích {}", lower_first(&a.achievement)));
        }
        if let Some(m) = &d.movement_id {
            let movement = self.movement(m)?;
            return Ok(format!(
                "Đã có thành tích xuất sắc trong {}",
                lower_first(&movement.name)
            ));
        }
        Ok(format!(
            "Đã có thành tích xuất sắc trong thực hiện nhiệm vụ năm {}",
            d.year
        ))
    }

    /// One set of texts per award of the decision, in the decision's order.
    pub fn certificate_texts(&self, decision_id: &str) -> Result<Vec<CertificateTexts>> {
        let d = self.decision(decision_id)?;
        let profile = self.require_profile()?;
        let awards = self.awards(&AwardQuery {
            decision_id: Some(d.id.clone()),
            ..Default::default()
        })?;
        let phrase = self.certificate_phrase(&d.id)?;
        let date = NaiveDate::parse_from_str(&d.decision_date, "%Y-%m-%d").map_err(|_| {
            Error::invalid(
                "decision_date",
                format!("Ngày quyết định \"{}\" không hợp lệ.", d.decision_date),
            )
        })?;
        let (signer_name, signer_title) = if d.signer_name.is_empty() {
            (profile.signer_name.clone(), profile.signer_title.clone())
        } else {
            (d.signer_name.clone(), d.signer_title.clone())
        };
        let place_date = place_date_line(&profile.place_name, date);
        let decision_ref = format!(
            "Quyết định số {} ngày {}",
            d.number,
            format_date_vi(&d.decision_date)
        );
        awards
            .iter()
            .map(|a| {
                Ok(CertificateTexts {
                    award_id: a.id.clone(),
                    recipient_name: recipient_name(a),
                    position_unit: position_unit(a),
                    achievement: match &phrase {
                        Some(p) => p.clone(),
                        None => self.derived_achievement(&d, a)?,
                    },
                    decision_ref: decision_ref.clone(),
                    place_date: place_date.clone(),
                    signer_title: signer_title_lines(&signer_title),
                    signer_name: signer_name.clone(),
                })
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_deputy_signs_for_the_head() {
        assert_eq!(signer_title_lines("Chủ tịch"), "Chủ tịch");
        assert_eq!(
            signer_title_lines("Phó Chủ tịch"),
            "KT. Chủ tịch\nPhó Chủ tịch"
        );
        assert_eq!(
            signer_title_lines("phó hiệu trưởng"),
            "KT. Hiệu trưởng\nphó hiệu trưởng"
        );
    }
}
