//! Who a registration, an award, a proposal line or an exemplary model is about: a person
//! (cá nhân), a collective (tập thể — one of the member units) or a household (hộ gia đình).
//! Tables keep three nullable references with exactly one set; this type is the one way the
//! code reads and writes them.

use crate::error::{Error, Result};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum RecipientKind {
    CaNhan,
    TapThe,
    HoGiaDinh,
}

impl RecipientKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::CaNhan => "ca_nhan",
            Self::TapThe => "tap_the",
            Self::HoGiaDinh => "ho_gia_dinh",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::CaNhan => "Cá nhân",
            Self::TapThe => "Tập thể",
            Self::HoGiaDinh => "Hộ gia đình",
        }
    }

    pub fn parse(s: &str) -> Result<Self> {
        match s {
            "ca_nhan" => Ok(Self::CaNhan),
            "tap_the" => Ok(Self::TapThe),
            "ho_gia_dinh" => Ok(Self::HoGiaDinh),
            other => Err(Error::invalid(
                "recipient_kind",
                format!("Loại đối tượng \"{other}\" không hợp lệ (ca_nhan, tap_the, ho_gia_dinh)."),
            )),
        }
    }
}

/// A reference to the subject of a record.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(tag = "kind", content = "id", rename_all = "snake_case")]
#[ts(export)]
pub enum Subject {
    Person(String),
    Unit(String),
    Household(String),
}

impl Subject {
    pub fn kind(&self) -> RecipientKind {
        match self {
            Subject::Person(_) => RecipientKind::CaNhan,
            Subject::Unit(_) => RecipientKind::TapThe,
            Subject::Household(_) => RecipientKind::HoGiaDinh,
        }
    }

    pub fn id(&self) -> &str {
        match self {
            Subject::Person(id) | Subject::Unit(id) | Subject::Household(id) => id,
        }
    }

    /// The (person_id, unit_id, household_id) columns, exactly one set.
    pub fn columns(&self) -> (Option<&str>, Option<&str>, Option<&str>) {
        match self {
            Subject::Person(id) => (Some(id), None, None),
            Subject::Unit(id) => (None, Some(id), None),
            Subject::Household(id) => (None, None, Some(id)),
        }
    }

    /// Rebuilds the subject from the three columns as read from a row.
    pub fn from_columns(
        person: Option<String>,
        unit: Option<String>,
        household: Option<String>,
    ) -> Result<Subject> {
        match (person, unit, household) {
            (Some(p), None, None) => Ok(Subject::Person(p)),
            (None, Some(u), None) => Ok(Subject::Unit(u)),
            (None, None, Some(h)) => Ok(Subject::Household(h)),
            _ => Err(Error::invalid(
                "subject",
                "Bản ghi phải gắn với đúng một đối tượng: cá nhân, tập thể hoặc hộ gia đình.",
            )),
        }
    }
}

/// SQL giving a row's subject display name, for a table aliased `t` with the three columns.
pub const SUBJECT_NAME_SQL: &str = "coalesce(
    (SELECT full_name FROM persons WHERE id = t.person_id),
    (SELECT name FROM units WHERE id = t.unit_id),
    (SELECT head_name FROM households WHERE id = t.household_id))";

/// SQL giving the unit a row's subject belongs to (the person's unit, the unit itself, the
/// household's thôn), for grouping by unit.
pub const SUBJECT_UNIT_SQL: &str = "coalesce(
    (SELECT unit_id FROM persons WHERE id = t.person_id),
    t.unit_id,
    (SELECT unit_id FROM households WHERE id = t.household_id))";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_round_trip_and_exactly_one_is_required() {
        for s in [
            Subject::Person("p".into()),
            Subject::Unit("u".into()),
            Subject::Household("h".into()),
        ] {
            let (p, u, h) = s.columns();
            let back =
                Subject::from_columns(p.map(Into::into), u.map(Into::into), h.map(Into::into))
                    .unwrap();
            assert_eq!(back, s);
        }
        assert!(Subject::from_columns(Some("p".into()), Some("u".into()), None).is_err());
        assert!(Subject::from_columns(None, None, None).is_err());
        assert_eq!(
            Subject::Household("h".into()).kind().as_str(),
            "ho_gia_dinh"
        );
    }
}
