//! The fixed choices of the forms and their Vietnamese labels, sent to the UI so labels are
//! written once, here, and the CLI prints the same words.

use crate::blocks::BlockRole;
use crate::profile::OfficeLevel;
use crate::units::{UnitKind, UnitStatus};
use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct Choice {
    pub value: String,
    pub label: String,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct Vocabulary {
    pub office_levels: Vec<Choice>,
    pub unit_kinds: Vec<Choice>,
    pub unit_statuses: Vec<Choice>,
    pub block_roles: Vec<Choice>,
}

fn choice(value: &str, label: &str) -> Choice {
    Choice {
        value: value.into(),
        label: label.into(),
    }
}

pub fn vocabulary() -> Vocabulary {
    Vocabulary {
        office_levels: OfficeLevel::ALL
            .iter()
            .map(|l| choice(l.as_str(), l.label()))
            .collect(),
        unit_kinds: UnitKind::ALL
            .iter()
            .map(|k| choice(k.as_str(), k.label()))
            .collect(),
        unit_statuses: [
            UnitStatus::Active,
            UnitStatus::Merged,
            UnitStatus::Dissolved,
        ]
        .iter()
        .map(|s| choice(s.as_str(), s.label()))
        .collect(),
        block_roles: BlockRole::ALL
            .iter()
            .map(|r| choice(r.as_str(), r.label()))
            .collect(),
    }
}
