//! Realistic demo data: a commune after the 2025 reform with its agencies, mass
//! organisations, schools, an enterprise and villages, three emulation blocks over two years,
//! and the history a real office has (a village merged, a former commune absorbed); its
//! yearly cycle (people, registrations, ratings, decisions, scoring) is in `demo_cycle`.
//! Written through the same store API the app uses, in one all-or-nothing change.

use crate::blocks::{BlockInput, BlockMemberInput, BlockRole};
use crate::error::{Error, Result};
use crate::profile::{OfficeLevel, OfficeProfile};
use crate::store::Store;
use crate::units::{UnitInput, UnitKind, UnitQuery};
use serde::Serialize;
use std::collections::HashMap;
use ts_rs::TS;

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct DemoSummary {
    pub office: String,
    pub units: usize,
    pub blocks: usize,
    pub persons: usize,
    pub awards: usize,
    pub years: Vec<i32>,
}

/// (code, name, kind, staff). Codes are what the commune uses in its own files.
const UNITS: &[(&str, &str, UnitKind, u32)] = &[
    (
        "VP",
        "Văn phòng HĐND và UBND xã",
        UnitKind::CoQuanHanhChinh,
        14,
    ),
    ("PKT", "Phòng Kinh tế", UnitKind::CoQuanHanhChinh, 9),
    (
        "PVHXH",
        "Phòng Văn hóa - Xã hội",
        UnitKind::CoQuanHanhChinh,
        8,
    ),
    (
        "HCC",
        "Trung tâm Phục vụ hành chính công xã",
        UnitKind::DonViSuNghiep,
        11,
    ),
    ("CA", "Công an xã", UnitKind::CoQuanHanhChinh, 18),
    ("QS", "Ban Chỉ huy Quân sự xã", UnitKind::CoQuanHanhChinh, 6),
    (
        "MTTQ",
        "Ủy ban Mặt trận Tổ quốc Việt Nam xã",
        UnitKind::Khac,
        7,
    ),
    (
        "DTN",
        "Đoàn Thanh niên Cộng sản Hồ Chí Minh xã",
        UnitKind::Khac,
        3,
    ),
    ("HPN", "Hội Liên hiệp Phụ nữ xã", UnitKind::Khac, 3),
    ("HND", "Hội Nông dân xã", UnitKind::Khac, 3),
    ("CCB", "Hội Cựu chiến binh xã", UnitKind::Khac, 2),
    ("MN", "Trường Mầm non An Bình", UnitKind::DonViSuNghiep, 42),
    ("TH", "Trường Tiểu học An Bình", UnitKind::DonViSuNghiep, 38),
    ("THCS", "Trường THCS An Bình", UnitKind::DonViSuNghiep, 35),
    ("TYT", "Trạm Y tế xã", UnitKind::DonViSuNghiep, 12),
    (
        "HTX",
        "Hợp tác xã Nông nghiệp An Bình",
        UnitKind::DoanhNghiep,
        25,
    ),
    (
        "DN01",
        "Công ty TNHH May mặc Đức Thành",
        UnitKind::DoanhNghiep,
        310,
    ),
    ("T01", "Thôn Đông", UnitKind::ThonToDanPho, 5),
    ("T02", "Thôn Đoài", UnitKind::ThonToDanPho, 5),
    ("T03", "Thôn Bắc", UnitKind::ThonToDanPho, 4),
    ("T04", "Thôn Trung", UnitKind::ThonToDanPho, 4),
    ("TDP1", "Tổ dân phố Chợ", UnitKind::ThonToDanPho, 4),
    ("XTL", "Xã Tân Lập (cũ)", UnitKind::XaPhuong, 21),
];

/// Blocks of the first demo year: (name, [(code, role)]).
const BLOCKS: &[(&str, &[(&str, BlockRole)])] = &[
    (
        "Khối Cơ quan, đoàn thể",
        &[
            ("VP", BlockRole::TruongKhoi),
            ("CA", BlockRole::PhoKhoi),
            ("PKT", BlockRole::ThanhVien),
            ("PVHXH", BlockRole::ThanhVien),
            ("HCC", BlockRole::ThanhVien),
            ("QS", BlockRole::ThanhVien),
            ("MTTQ", BlockRole::ThanhVien),
            ("DTN", BlockRole::ThanhVien),
            ("HPN", BlockRole::ThanhVien),
            ("HND", BlockRole::ThanhVien),
            ("CCB", BlockRole::ThanhVien),
        ],
    ),
    (
        "Khối Giáo dục - Y tế",
        &[
            ("THCS", BlockRole::TruongKhoi),
            ("MN", BlockRole::PhoKhoi),
            ("TH", BlockRole::ThanhVien),
            ("TYT", BlockRole::ThanhVien),
        ],
    ),
    (
        "Cụm Thôn, tổ dân phố",
        &[
            ("T02", BlockRole::TruongKhoi),
            ("T01", BlockRole::PhoKhoi),
            ("T03", BlockRole::ThanhVien),
            ("T04", BlockRole::ThanhVien),
            ("TDP1", BlockRole::ThanhVien),
        ],
    ),
];

/// Fills an empty database. `year` is the later of the two demo years.
pub fn fill(store: &mut Store, year: i32) -> Result<DemoSummary> {
    if let Some(p) = store.profile()? {
        return Err(Error::AlreadyInitialized { office: p.name });
    }
    store.atomically(|s| {
        let office = s.init_profile(&OfficeProfile {
            name: "UBND xã An Bình".into(),
            level: OfficeLevel::Xa,
            parent_authority: "UBND tỉnh Bắc Ninh".into(),
            place_name: "An Bình".into(),
            signer_name: "Nguyễn Văn Thành".into(),
            signer_title: "Chủ tịch".into(),
        })?;

        let mut ids = HashMap::new();
        for (code, name, kind, staff) in UNITS {
            let unit = s.create_unit(&UnitInput {
                code: code.to_string(),
                name: name.to_string(),
                kind: *kind,
                staff_count: Some(*staff),
                parent_id: None,
                note: String::new(),
            })?;
            ids.insert(*code, unit.id);
        }
        // The former commune was absorbed in the 2025 reform; its data stays countable.
        s.dissolve_unit(&ids["XTL"], "2025-07-01")?;

        let first = year - 1;
        for (name, members) in BLOCKS {
            s.create_block(&BlockInput {
                year: first,
                name: name.to_string(),
                note: String::new(),
                members: members
                    .iter()
                    .map(|(code, role)| BlockMemberInput {
                        unit_id: ids[code].clone(),
                        role: *role,
                    })
                    .collect(),
            })?;
        }
        // Thôn Trung joined Thôn Đông at the end of the first year: it stays in that year's
        // block but is not carried into the next.
        s.merge_unit(&ids["T04"], &ids["T01"], &format!("{first}-12-15"))?;
        s.copy_blocks(first, year)?;
        // Leadership rotates each year, as blocks usually agree.
        rotate_leaders(s, year, &ids)?;
        let cycle = crate::demo_cycle::fill(s, year)?;

        Ok(DemoSummary {
            office: office.name,
            units: s
                .units(&UnitQuery {
                    search: None,
                    include_inactive: true,
                })?
                .len(),
            blocks: s.blocks(first)?.len() + s.blocks(year)?.len(),
            persons: cycle.persons,
            awards: cycle.awards,
            years: vec![first, year],
        })
    })
}

fn rotate_leaders(s: &mut Store, year: i32, ids: &HashMap<&str, String>) -> Result<()> {
    let new_leaders: HashMap<&str, (&str, &str)> = [
        ("Khối Cơ quan, đoàn thể", ("CA", "MTTQ")),
        ("Khối Giáo dục - Y tế", ("TH", "THCS")),
        ("Cụm Thôn, tổ dân phố", ("T01", "TDP1")),
    ]
    .into_iter()
    .collect();
    for block in s.blocks(year)? {
        let Some((leader, deputy)) = new_leaders.get(block.name.as_str()) else {
            continue;
        };
        let members = block
            .members
            .iter()
            .map(|m| BlockMemberInput {
                unit_id: m.unit_id.clone(),
                role: if m.unit_id == ids[leader] {
                    BlockRole::TruongKhoi
                } else if m.unit_id == ids[deputy] {
                    BlockRole::PhoKhoi
                } else {
                    BlockRole::ThanhVien
                },
            })
            .collect();
        s.update_block(
            &block.id,
            &BlockInput {
                year,
                name: block.name.clone(),
                note: block.note.clone(),
                members,
            },
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::units::UnitStatus;

    #[test]
    fn demo_fills_an_empty_database_once() {
        let mut s = Store::open_in_memory().unwrap();
        let summary = fill(&mut s, 2026).unwrap();
        assert_eq!(summary.units, UNITS.len());
        assert_eq!(summary.blocks, 6);
        assert_eq!(summary.years, vec![2025, 2026]);

        let active = s.units(&UnitQuery::default()).unwrap();
        assert_eq!(
            active.len(),
            UNITS.len() - 2,
            "merged and dissolved are not active"
        );
        let kinds: std::collections::HashSet<_> = active.iter().map(|u| u.kind).collect();
        assert_eq!(
            kinds.len(),
            5,
            "every kind but the dissolved commune is active"
        );

        let thon_2025 = s.blocks(2025).unwrap();
        let thon_2026 = s.blocks(2026).unwrap();
        let count = |blocks: &[crate::blocks::Block]| -> usize {
            blocks.iter().map(|b| b.members.len()).sum()
        };
        assert_eq!(
            count(&thon_2025),
            count(&thon_2026) + 1,
            "Thôn Trung only in 2025"
        );
        let merged = s.unit_by_code("T04").unwrap();
        assert_eq!(merged.status, UnitStatus::Merged);
        for b in &thon_2026 {
            assert_eq!(b.members[0].role, BlockRole::TruongKhoi);
        }
        assert_ne!(
            thon_2025[0].members[0].unit_id, thon_2026[0].members[0].unit_id,
            "leadership rotated"
        );
        assert!(s.check_integrity().unwrap().is_empty());

        // the yearly cycle: people, money, proposals, initiatives, movements, the fund
        assert!(
            summary.persons > 100 && summary.awards > 150,
            "{} / {}",
            summary.persons,
            summary.awards
        );
        let proposals = s.proposals(Some(2025)).unwrap();
        assert_eq!((proposals[0].approved, proposals[0].pending), (2, 1));
        assert_eq!(s.movements(Some(2026)).unwrap().len(), 2);
        assert!(
            s.initiatives(Some(2025))
                .unwrap()
                .iter()
                .filter(|i| i.used_for.is_some())
                .count()
                >= 1
        );
        let fund = s.fund_year(2025).unwrap();
        assert!(fund.closing_balance > 0 && fund.total_decision_payments > 100_000_000);
        assert_eq!(
            s.fund_year(2026).unwrap().opening_balance,
            fund.closing_balance
        );

        assert_eq!(
            fill(&mut s, 2026).unwrap_err().code(),
            "already_initialized"
        );
    }
}
