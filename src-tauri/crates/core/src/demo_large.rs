//! The large demo (`thidua demo --scale large`): the demo commune grown to what a commune
//! merged from three former communes in 2025 holds after ten years of work — about 60 member
//! units, 3,000 people, 3,500 households (three former communes of about 1,200 households
//! each), and each year their ratings, registrations, decisions with awards and money, and
//! block scores (about 150,000 records). For benchmarks and for trying the app on a
//! realistic volume.
//!
//! The ordinary demo is filled first (its two years keep every kind of record); the history
//! is written on top in the same transaction, with cached prepared statements and the
//! importer's award batch, so the whole fills in seconds rather than the minutes the
//! one-record-at-a-time API would take.

use crate::assessments::Completion;
use crate::blocks::{BlockInput, BlockMemberInput, BlockRole};
use crate::decisions::{AwardBatch, AwardInput, AwardType, DecisionInput, DecisionLevel};
use crate::demo::{self, DemoSummary};
use crate::demo_files::LIST_UNITS;
use crate::error::Result;
use crate::store::{new_id, Store};
use crate::subjects::Subject;
use crate::text::{name_key, search_key};
use crate::units::{UnitInput, UnitKind, UnitQuery};
use rusqlite::params;
use std::collections::HashSet;

/// How many years of history, ending with the demo year.
pub const YEARS: i32 = 10;
/// People and households the large demo holds in all.
pub const PERSONS: usize = 3_000;
pub const HOUSEHOLDS: usize = 3_500;

const FAMILY: &[&str] = &[
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô", "Dương", "Lý",
    "Phan", "Trịnh", "Hồ", "Đào",
];
const MIDDLE: &[&str] = &[
    "Văn", "Đức", "Minh", "Quang", "Hữu", "Thanh", "Xuân", "Thị", "Thu", "Ngọc", "Bích", "Hồng",
];
const GIVEN: &[&str] = &[
    "An", "Bình", "Cường", "Dũng", "Hùng", "Khoa", "Long", "Nam", "Phúc", "Quân", "Sơn", "Thắng",
    "Tuấn", "Việt", "Hải", "Toàn", "Anh", "Chi", "Dung", "Giang", "Hà", "Hoa", "Hương", "Lan",
    "Linh", "Mai", "Ngân", "Phương", "Thảo", "Trang", "Yến", "Hòa",
];
const VILLAGES: &[&str] = &[
    "Thôn Tân Lập 1",
    "Thôn Tân Lập 2",
    "Thôn Tân Lập 3",
    "Thôn Đồng Mới",
    "Thôn Cầu Ngang",
    "Thôn Bãi Sậy",
    "Thôn Ngọc Trì",
    "Thôn Phú Mỹ",
    "Thôn Hòa Lạc Thượng",
    "Thôn Hòa Lạc Hạ",
    "Thôn Vân Hà",
    "Thôn Lương Xá",
    "Thôn Đông Sơn",
    "Thôn Yên Lạc",
    "Thôn Thượng Đồng",
    "Tổ dân phố Ga",
    "Tổ dân phố Trạm",
    "Tổ dân phố Mới",
    "Thôn Trại Mít",
    "Thôn Gò Cao",
    "Thôn Hạ Lũng",
    "Thôn Kim Sơn",
    "Thôn Đại Đồng",
    "Thôn Phù Lưu",
    "Thôn Tiên Hội",
    "Thôn Quan Độ",
    "Thôn Mai Trang",
    "Thôn Đồng Xuân",
];

struct Dice(u64);

impl Dice {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) % n as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }

    fn name(&mut self) -> String {
        format!(
            "{} {} {}",
            self.pick(FAMILY),
            self.pick(MIDDLE),
            self.pick(GIVEN)
        )
    }
}

/// One member unit and the records of its people.
struct Member {
    id: String,
    name: String,
    kind: UnitKind,
    /// Added by the large demo: the ordinary demo's units have their own last two years.
    added: bool,
}

/// Fills an empty database with the large demo. `year` is the last of its ten years.
pub fn fill(store: &mut Store, year: i32) -> Result<DemoSummary> {
    let base = demo::fill(store, year)?;
    store.atomically(|s| {
        let members = add_units(s)?;
        let mut dice = Dice(20_160_701);
        let at = crate::store::now();
        let workplaces: Vec<&Member> = members
            .iter()
            .filter(|m| m.kind != UnitKind::ThonToDanPho)
            .collect();
        let villages: Vec<&Member> = members
            .iter()
            .filter(|m| m.kind == UnitKind::ThonToDanPho)
            .collect();
        let mut persons = Vec::new();
        for i in 0..PERSONS.saturating_sub(base.persons) {
            // Schools and enterprises hold most people, as they do in a real commune.
            let unit = workplaces[(i * 7 + dice.below(workplaces.len())) % workplaces.len()];
            let name = dice.name();
            let id = new_id();
            let position = match i % 9 {
                0 => "Tổ trưởng",
                1..=4 => "Giáo viên",
                5 | 6 => "Nhân viên",
                _ => "Công nhân",
            };
            s.conn
                .prepare_cached(
                    "INSERT INTO persons (id, full_name, name_key, search_key, gender, birth_year,
                         unit_id, position, created_at, updated_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)",
                )?
                .execute(params![
                    id,
                    name,
                    name_key(&name),
                    search_key(&name),
                    if name.contains(" Thị ") {
                        "nu"
                    } else {
                        "nam"
                    },
                    1965 + dice.below(36) as i32,
                    unit.id,
                    position,
                    at
                ])?;
            persons.push((id, position.to_string(), unit.name.clone()));
        }
        let mut households = Vec::new();
        for _ in 0..HOUSEHOLDS {
            let village = villages[dice.below(villages.len())];
            let head = dice.name();
            let id = new_id();
            s.conn
                .prepare_cached(
                    "INSERT INTO households (id, head_name, name_key, search_key, unit_id,
                         created_at, updated_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
                )?
                .execute(params![
                    id,
                    head,
                    name_key(&head),
                    search_key(&head),
                    village.id,
                    at
                ])?;
            households.push(id);
        }
        let mut batch = AwardBatch::default();
        for (id, position, unit) in &persons {
            batch.place(id, position.clone(), unit.clone());
        }
        let mut created: HashSet<String> = persons.iter().map(|p| p.0.clone()).collect();
        created.extend(households.iter().cloned());
        created.extend(members.iter().map(|m| m.id.clone()));
        let first = year - YEARS + 1;
        for y in first..=year {
            blocks_of(s, y, year, &members, &mut dice)?;
            let units: Vec<&Member> = members.iter().filter(|m| m.added || y < year - 1).collect();
            let history = History {
                year: y,
                complete: y < year,
                persons: &persons,
                households: &households,
                members: &units,
            };
            history.write(s, &mut batch, &mut dice)?;
        }
        s.finish_award_batch(&batch, &created)?;
        let count = |sql: &str| -> Result<usize> {
            Ok(s.conn.query_row(sql, [], |r| r.get::<_, i64>(0))? as usize)
        };
        Ok(DemoSummary {
            office: base.office.clone(),
            units: s
                .units(&UnitQuery {
                    search: None,
                    include_inactive: true,
                })?
                .len(),
            blocks: count("SELECT count(*) FROM blocks")?,
            persons: count("SELECT count(*) FROM persons")?,
            awards: count("SELECT count(*) FROM awards")?,
            years: (first..=year).collect(),
        })
    })
}

/// The units the merged commune gained: the third former commune, the schools and
/// enterprises of the former communes, and their villages. Returns them with the ordinary
/// demo's member units.
fn add_units(s: &mut Store) -> Result<Vec<Member>> {
    let former = s.create_unit(&UnitInput {
        code: "XHL".into(),
        name: "Xã Hòa Lạc (cũ)".into(),
        kind: UnitKind::XaPhuong,
        staff_count: Some(19),
        parent_id: None,
        note: "Sáp nhập vào xã An Bình từ 01/7/2025".into(),
    })?;
    s.dissolve_unit(&former.id, "2025-07-01")?;
    let before = s.units(&UnitQuery::default())?;
    let have: HashSet<String> = before.iter().map(|u| u.name.clone()).collect();
    let mut n = 0;
    for name in LIST_UNITS.iter().filter(|n| !have.contains(**n)) {
        n += 1;
        let kind = if name.starts_with("Trường") {
            UnitKind::DonViSuNghiep
        } else {
            UnitKind::DoanhNghiep
        };
        s.create_unit(&UnitInput {
            code: format!("DV{n:02}"),
            name: name.to_string(),
            kind,
            staff_count: Some(30 + 10 * n),
            parent_id: None,
            note: String::new(),
        })?;
    }
    for (i, name) in VILLAGES.iter().enumerate() {
        s.create_unit(&UnitInput {
            code: format!("TL{:02}", i + 1),
            name: name.to_string(),
            kind: UnitKind::ThonToDanPho,
            staff_count: Some(4),
            parent_id: None,
            note: String::new(),
        })?;
    }
    Ok(s.units(&UnitQuery::default())?
        .into_iter()
        .filter(|u| u.kind != UnitKind::XaPhuong)
        .map(|u| Member {
            added: !have.contains(&u.name),
            id: u.id,
            name: u.name,
            kind: u.kind,
        })
        .collect())
}

/// The blocks of a year: the ordinary demo has its two years; the years before it get the
/// same three blocks over the units of the time, and every year a block of the units the
/// merged commune added. Each block's members are scored in the years that are over.
fn blocks_of(s: &mut Store, y: i32, last: i32, members: &[Member], dice: &mut Dice) -> Result<()> {
    let in_blocks: HashSet<String> = s
        .blocks(y)?
        .iter()
        .flat_map(|b| b.members.iter().map(|m| m.unit_id.clone()))
        .collect();
    let groups: [(&str, Vec<&Member>); 2] = [
        (
            "Khối Trường học, doanh nghiệp",
            members
                .iter()
                .filter(|m| m.kind != UnitKind::ThonToDanPho && !in_blocks.contains(&m.id))
                .collect(),
        ),
        (
            "Cụm Thôn, tổ dân phố mở rộng",
            members
                .iter()
                .filter(|m| m.kind == UnitKind::ThonToDanPho && !in_blocks.contains(&m.id))
                .collect(),
        ),
    ];
    for (name, units) in groups {
        if units.len() < 2 {
            continue;
        }
        s.create_block(&BlockInput {
            year: y,
            name: name.to_string(),
            note: String::new(),
            members: units
                .iter()
                .enumerate()
                .map(|(i, m)| BlockMemberInput {
                    unit_id: m.id.clone(),
                    role: match (i + y as usize) % units.len() {
                        0 => BlockRole::TruongKhoi,
                        1 => BlockRole::PhoKhoi,
                        _ => BlockRole::ThanhVien,
                    },
                })
                .collect(),
        })?;
    }
    if y >= last {
        return Ok(());
    }
    for block in s.blocks(y)? {
        for m in &block.members {
            let own = 85.0 + dice.below(150) as f64 / 10.0;
            s.conn
                .prepare_cached(
                    "INSERT OR IGNORE INTO block_scores (block_id, unit_id, self_score,
                         block_score, updated_at)
                     VALUES (?1, ?2, ?3, ?4, ?5)",
                )?
                .execute(params![
                    block.id,
                    m.unit_id,
                    own,
                    own - dice.below(30) as f64 / 10.0,
                    crate::store::now()
                ])?;
        }
    }
    Ok(())
}

/// One year of the people, households and units the large demo added.
struct History<'a> {
    year: i32,
    /// The year is over: rated, decided, awarded. The last year has registrations only.
    complete: bool,
    persons: &'a [(String, String, String)],
    households: &'a [String],
    members: &'a [&'a Member],
}

impl History<'_> {
    fn write(&self, s: &mut Store, batch: &mut AwardBatch, dice: &mut Dice) -> Result<()> {
        let y = self.year;
        let register = |s: &mut Store, subject: &Subject, code: &str| -> Result<()> {
            let (person, unit, household) = subject.columns();
            s.conn
                .prepare_cached(
                    "INSERT INTO registrations (id, year, person_id, unit_id, household_id, code,
                         registered_on, created_at, updated_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
                )?
                .execute(params![
                    new_id(),
                    y,
                    person,
                    unit,
                    household,
                    code,
                    format!("{y}-01-15"),
                    batch.at
                ])?;
            Ok(())
        };
        let mut ratings = Vec::with_capacity(self.persons.len());
        for (id, _, _) in self.persons {
            let subject = Subject::Person(id.clone());
            let rating = match dice.below(100) {
                0..=14 => Completion::Htxs,
                15..=84 => Completion::Htt,
                85..=96 => Completion::Ht,
                _ => Completion::KhongHt,
            };
            register(s, &subject, "LDTT")?;
            if rating == Completion::Htxs {
                register(s, &subject, "CSTD_CS")?;
            }
            ratings.push((subject, rating));
        }
        let units: Vec<Subject> = self
            .members
            .iter()
            .map(|m| Subject::Unit(m.id.clone()))
            .collect();
        for (m, subject) in self.members.iter().zip(&units) {
            let code = if m.kind == UnitKind::ThonToDanPho {
                "THON_VH"
            } else {
                "TTLDTT"
            };
            register(s, subject, code)?;
        }
        for h in self.households {
            register(s, &Subject::Household(h.clone()), "GDVH")?;
        }
        if !self.complete {
            return Ok(());
        }
        for (subject, rating) in &ratings {
            s.conn
                .prepare_cached(
                    "INSERT INTO person_ratings (person_id, year, completion, updated_at)
                     VALUES (?1, ?2, ?3, ?4)",
                )?
                .execute(params![subject.id(), y, rating.as_str(), batch.at])?;
        }
        // The commune decides its own titles; before the 2025 reform the district decided
        // the higher ones.
        let district = y < 2025;
        let decisions = [
            ("LDTT", 15, DecisionLevel::Xa),
            (
                "CSTD_CS",
                18,
                if district {
                    DecisionLevel::Huyen
                } else {
                    DecisionLevel::Xa
                },
            ),
            ("GK_XA", 20, DecisionLevel::Xa),
            (
                "TTLDTT",
                22,
                if district {
                    DecisionLevel::Huyen
                } else {
                    DecisionLevel::Xa
                },
            ),
            ("GDVH", 24, DecisionLevel::Xa),
        ];
        let mut ids = Vec::new();
        for (k, (code, day, level)) in decisions.iter().enumerate() {
            let authority = match level {
                DecisionLevel::Huyen => "Chủ tịch UBND huyện Yên Phong",
                _ => "Chủ tịch UBND xã An Bình",
            };
            let decision = s.insert_decision(
                &DecisionInput {
                    number: format!("{}/QĐ-UBND", 300 + 10 * k + (y % 7) as usize),
                    decision_date: format!("{y}-12-{day:02}"),
                    level: *level,
                    authority: authority.into(),
                    signer_name: "Nguyễn Văn Thành".into(),
                    signer_title: "Chủ tịch".into(),
                    award_type: AwardType::CongTrang,
                    movement_id: None,
                    year: y,
                    period_from: None,
                    period_to: None,
                    note: format!("Khen thưởng tổng kết năm {y} ({code})"),
                },
                None,
            )?;
            ids.push(decision.id);
        }
        let award =
            |s: &mut Store, batch: &mut AwardBatch, d: &str, subject: &Subject, code: &str| {
                s.insert_award_in(
                    batch,
                    d,
                    &AwardInput {
                        subject: subject.clone(),
                        code: String::from(code),
                        achievement: format!("Hoàn thành tốt nhiệm vụ năm {y}"),
                        direct_worker: false,
                        position: None,
                        unit_name: None,
                        amount: None,
                    },
                    None,
                )
                .map(|_| ())
            };
        for (subject, rating) in &ratings {
            if matches!(rating, Completion::Htxs | Completion::Htt) {
                award(s, batch, &ids[0], subject, "LDTT")?;
            }
            if *rating == Completion::Htxs && dice.below(2) == 0 {
                award(s, batch, &ids[1], subject, "CSTD_CS")?;
            }
            if dice.below(100) < 8 {
                award(s, batch, &ids[2], subject, "GK_XA")?;
            }
        }
        for (m, subject) in self.members.iter().zip(&units) {
            if dice.below(10) < 7 {
                let code = if m.kind == UnitKind::ThonToDanPho {
                    "THON_VH"
                } else {
                    "TTLDTT"
                };
                award(s, batch, &ids[3], subject, code)?;
            }
        }
        for h in self.households {
            if dice.below(100) < 85 {
                award(s, batch, &ids[4], &Subject::Household(h.clone()), "GDVH")?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The large demo holds what it says, counts add up in the statistics, and the money
    /// follows the rules: under NĐ 152 a person with two titles is paid for the higher only.
    #[test]
    fn large_demo_fills_ten_years() {
        let mut s = Store::open_in_memory().unwrap();
        let summary = fill(&mut s, 2026).unwrap();
        assert_eq!(summary.years.len(), 10);
        assert_eq!(summary.persons, PERSONS);
        assert!(summary.units >= 55, "{}", summary.units);
        let records: i64 = s
            .conn
            .query_row(
                "SELECT (SELECT count(*) FROM awards) + (SELECT count(*) FROM decisions)
                      + (SELECT count(*) FROM registrations) + (SELECT count(*) FROM block_scores)
                      + (SELECT count(*) FROM person_ratings)",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert!((145_000..160_000).contains(&records), "{records}");
        let stats = s.stats(2024, None).unwrap();
        let given = stats.current.danh_hieu.total + stats.current.hinh_thuc.total;
        assert!(given > 4_000, "{given}");
        // A person with both titles in 2025 (after 1/7/2025) is paid once.
        let both: i64 = s
            .conn
            .query_row(
                "SELECT count(*) FROM (SELECT a.person_id FROM awards a
                   JOIN decisions d ON d.id = a.decision_id JOIN catalog_items c ON c.code = a.code
                  WHERE d.year = 2025 AND c.kind = 'danh_hieu' AND a.person_id IS NOT NULL
                  GROUP BY a.person_id HAVING count(*) = 2 AND min(a.amount) = 0)",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert!(both > 50, "{both}");
        assert!(s.check_integrity().unwrap().is_empty());
    }
}
