//! The demo commune's yearly cycle: its people and households, how they were rated, what
//! they registered for, the decisions of both years with their awards and money, the block
//! scoring tables with scores, and the units' self-assessments. Deterministic (a fixed
//! pseudo-random sequence), so tests and screenshots are stable.

use crate::assessments::{AssessmentInput, Completion, Period};
use crate::decisions::{AwardInput, AwardType, DecisionInput, DecisionLevel};
use crate::error::Result;
use crate::fund::{FundDirection, FundEntryInput};
use crate::initiatives::{ExemplaryModelInput, InitiativeInput, InitiativeScope};
use crate::movements::{LaunchLevel, MovementInput, MovementMethod, MovementScope};
use crate::persons::{HouseholdInput, PersonInput, PositionCategory};
use crate::proposals::{ProposalInput, ProposalItemInput};
use crate::registrations::RegistrationInput;
use crate::scoring::{BlockScoreInput, CriterionInput, CriterionScore, LineKind};
use crate::store::Store;
use crate::subjects::Subject;
use crate::units::{UnitKind, UnitQuery};
use std::collections::HashMap;

/// A small linear congruential generator: enough variety for demo data, same every run.
struct Dice(u64);

impl Dice {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() % items.len() as u64) as usize]
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

const FAMILY: &[&str] = &[
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô", "Dương", "Lý",
    "Phan", "Trịnh",
];
const MIDDLE_M: &[&str] = &["Văn", "Đức", "Minh", "Quang", "Hữu", "Thanh", "Xuân"];
const MIDDLE_F: &[&str] = &["Thị", "Thu", "Ngọc", "Thanh", "Bích", "Hồng", "Thùy"];
const GIVEN_M: &[&str] = &[
    "An", "Bình", "Cường", "Dũng", "Hùng", "Khoa", "Long", "Nam", "Phúc", "Quân", "Sơn", "Thắng",
    "Tuấn", "Việt", "Hải", "Toàn",
];
const GIVEN_F: &[&str] = &[
    "Anh", "Chi", "Dung", "Giang", "Hà", "Hoa", "Hương", "Lan", "Linh", "Mai", "Ngân", "Phương",
    "Thảo", "Trang", "Yến", "Hòa",
];

/// (leader title, deputy title, staff title, staff work directly) by kind of unit.
fn positions(kind: UnitKind, code: &str) -> (&'static str, &'static str, &'static str, bool) {
    match (kind, code) {
        (UnitKind::DonViSuNghiep, "TYT") => ("Trạm trưởng", "Phó Trạm trưởng", "Y sĩ", true),
        (UnitKind::DonViSuNghiep, "HCC") => ("Giám đốc", "Phó Giám đốc", "Chuyên viên", false),
        (UnitKind::DonViSuNghiep, _) => ("Hiệu trưởng", "Phó Hiệu trưởng", "Giáo viên", true),
        (UnitKind::DoanhNghiep, _) => ("Giám đốc", "Phó Giám đốc", "Công nhân", true),
        (UnitKind::ThonToDanPho, _) => ("Trưởng thôn", "Bí thư chi bộ", "Công an viên", true),
        (UnitKind::Khac, _) => ("Chủ tịch", "Phó Chủ tịch", "Chuyên trách", false),
        (UnitKind::CoQuanHanhChinh, "CA") => (
            "Trưởng Công an xã",
            "Phó Trưởng Công an xã",
            "Cán bộ",
            false,
        ),
        (UnitKind::CoQuanHanhChinh, "QS") => ("Chỉ huy trưởng", "Chỉ huy phó", "Trợ lý", false),
        _ => ("Trưởng phòng", "Phó Trưởng phòng", "Chuyên viên", false),
    }
}

pub struct CycleSummary {
    pub persons: usize,
    pub awards: usize,
}

/// Fills the cycle for the two demo years (`year - 1` complete, `year` up to mid-year).
pub fn fill(s: &mut Store, year: i32) -> Result<CycleSummary> {
    let first = year - 1;
    let mut dice = Dice(20_251_226);
    let units = s.units(&UnitQuery {
        search: None,
        include_inactive: true,
    })?;

    // People: up to 12 per unit on file, two per village.
    let mut people: Vec<(String, String, Completion, bool)> = Vec::new(); // (id, unit id, rating, direct)
    let mut by_unit: HashMap<String, Vec<usize>> = HashMap::new();
    for u in units.iter().filter(|u| u.kind != UnitKind::XaPhuong) {
        let count = if u.kind == UnitKind::ThonToDanPho {
            2
        } else {
            u.staff_count.unwrap_or(3).min(12) as usize
        };
        let (lead, deputy, staff, direct_staff) = positions(u.kind, &u.code);
        for i in 0..count {
            let female = dice.below(2) == 0;
            let name = format!(
                "{} {} {}",
                dice.pick(FAMILY),
                dice.pick(if female { MIDDLE_F } else { MIDDLE_M }),
                dice.pick(if female { GIVEN_F } else { GIVEN_M })
            );
            let mut input = PersonInput::named(&name, Some(&u.id));
            input.gender = Some(if female { "nu" } else { "nam" }.into());
            input.birth_year = Some(1968 + dice.below(33) as i32);
            input.position = match i {
                0 => lead,
                1 => deputy,
                _ => staff,
            }
            .to_string();
            input.position_category = if i < 2 {
                PositionCategory::LanhDaoKhac
            } else {
                PositionCategory::TrucTiep
            };
            // One newcomer, to show the minimum-service rule at work.
            if u.code == "TH" && i == 5 {
                input.hired_on = Some(format!("{first}-09-01"));
            }
            let person = s.create_person(&input)?;
            let rating = match dice.below(20) {
                0 => Completion::Ht,
                1..=5 => Completion::Htxs,
                _ => Completion::Htt,
            };
            by_unit.entry(u.id.clone()).or_default().push(people.len());
            people.push((person.id, u.id.clone(), rating, i >= 2 && direct_staff));
        }
    }
    for (id, _, rating, _) in &people {
        s.set_person_rating(id, first, *rating, false, "")?;
    }

    // Households of the villages still active.
    let mut households = Vec::new();
    for u in units.iter().filter(|u| {
        u.kind == UnitKind::ThonToDanPho && u.status == crate::units::UnitStatus::Active
    }) {
        for _ in 0..4 {
            let head = format!(
                "{} {} {}",
                dice.pick(FAMILY),
                dice.pick(MIDDLE_M),
                dice.pick(GIVEN_M)
            );
            households.push(
                s.create_household(&HouseholdInput {
                    head_name: head,
                    unit_id: Some(u.id.clone()),
                    address: u.name.clone(),
                    note: String::new(),
                })?
                .id,
            );
        }
    }

    // Registrations, both years (the second without the merged village).
    for y in [first, year] {
        // Units merged or dissolved can take no new record (the core refuses it).
        for u in units.iter().filter(|u| {
            u.status == crate::units::UnitStatus::Active && u.kind != UnitKind::XaPhuong
        }) {
            let code = if matches!(u.code.as_str(), "VP" | "THCS" | "CA") {
                "TTLDXS"
            } else {
                "TTLDTT"
            };
            s.create_registration(&RegistrationInput {
                year: y,
                subject: Subject::Unit(u.id.clone()),
                code: code.into(),
                targets: "Hoàn thành xuất sắc các chỉ tiêu được giao".into(),
                registered_on: Some(format!("{y}-02-15")),
            })?;
        }
        for (id, unit, rating, _) in &people {
            if units
                .iter()
                .any(|u| &u.id == unit && u.status != crate::units::UnitStatus::Active)
                && y == year
            {
                continue;
            }
            s.create_registration(&RegistrationInput {
                year: y,
                subject: Subject::Person(id.clone()),
                code: "LDTT".into(),
                targets: String::new(),
                registered_on: Some(format!("{y}-02-20")),
            })?;
            if *rating == Completion::Htxs {
                s.create_registration(&RegistrationInput {
                    year: y,
                    subject: Subject::Person(id.clone()),
                    code: "CSTD_CS".into(),
                    targets: "Có sáng kiến được công nhận".into(),
                    registered_on: Some(format!("{y}-02-20")),
                })?;
            }
        }
        if y == first {
            for h in &households {
                s.create_registration(&RegistrationInput {
                    year: y,
                    subject: Subject::Household(h.clone()),
                    code: "GDVH".into(),
                    targets: String::new(),
                    registered_on: Some(format!("{y}-03-01")),
                })?;
            }
        }
    }

    // Movements the decisions and reports refer to.
    let movement = |s: &mut Store,
                    name: &str,
                    by: LaunchLevel,
                    scope: MovementScope,
                    method: MovementMethod,
                    span: (String, String),
                    doc: &str| {
        s.create_movement(&MovementInput {
            name: name.into(),
            launched_by: by,
            scope,
            method,
            start_date: Some(span.0.clone()),
            end_date: Some(span.1),
            doc_number: doc.into(),
            doc_date: Some(span.0),
            note: String::new(),
        })
    };
    let civil = movement(
        s,
        "Cán bộ, công chức, viên chức thi đua thực hiện văn hóa công sở",
        LaunchLevel::TrungUong,
        MovementScope::ToanQuoc,
        MovementMethod::ThuongXuyen,
        ("2019-01-01".into(), format!("{first}-12-31")),
        "",
    )?;
    let rural = movement(
        s,
        "Chung sức xây dựng nông thôn mới",
        LaunchLevel::Tinh,
        MovementScope::BoNganhDiaPhuong,
        MovementMethod::ThuongXuyen,
        ("2021-01-01".into(), format!("{year}-12-31")),
        "",
    )?;
    let housing = movement(
        s,
        "Chung tay xóa nhà tạm, nhà dột nát",
        LaunchLevel::CoQuan,
        MovementScope::CoQuanDonVi,
        MovementMethod::ChuyenDe,
        (format!("{year}-03-01"), format!("{year}-10-31")),
        "12/KH-UBND",
    )?;

    let decision =
        |s: &mut Store, number: &str, date: &str, y: i32, t: AwardType, movement: Option<&str>| {
            s.create_decision(&DecisionInput {
                number: number.into(),
                decision_date: date.into(),
                level: DecisionLevel::Xa,
                authority: "Chủ tịch UBND xã An Bình".into(),
                signer_name: "Nguyễn Văn Thành".into(),
                signer_title: "Chủ tịch".into(),
                award_type: t,
                movement_id: movement.map(str::to_string),
                year: y,
                period_from: Some(format!("{y}-01-01")),
                period_to: Some(format!("{y}-12-31")),
                note: String::new(),
            })
        };
    let award = |subject: Subject, code: &str, achievement: &str, direct: bool| AwardInput {
        subject,
        code: code.into(),
        achievement: achievement.into(),
        direct_worker: direct,
        position: None,
        unit_name: None,
        amount: None,
    };
    let mut count = 0;

    // A sudden award in spring of the first year (under NĐ 98: 0,15 × base).
    let spring = decision(
        s,
        "15/QĐ-UBND",
        &format!("{first}-03-10"),
        first,
        AwardType::DotXuat,
        None,
    )?;
    let heroes: Vec<AwardInput> = people
        .iter()
        .filter(|p| p.3)
        .take(2)
        .map(|p| {
            award(
                Subject::Person(p.0.clone()),
                "GK_XA",
                "Dũng cảm cứu người bị đuối nước",
                true,
            )
        })
        .collect();
    count += s.add_awards(&spring.id, &heroes)?.len();

    // Year-end titles of the first year.
    let titles = decision(
        s,
        "128/QĐ-UBND",
        &format!("{first}-12-26"),
        first,
        AwardType::CongTrang,
        Some(&civil.id),
    )?;
    let mut lines: Vec<AwardInput> = people
        .iter()
        .filter(|p| p.2.meets(Completion::Htt))
        .map(|p| {
            award(
                Subject::Person(p.0.clone()),
                "LDTT",
                "Hoàn thành tốt nhiệm vụ được giao",
                p.3,
            )
        })
        .collect();
    lines.extend(households.iter().take(12).map(|h| {
        award(
            Subject::Household(h.clone()),
            "GDVH",
            "Gia đình văn hóa tiêu biểu",
            false,
        )
    }));
    for u in units
        .iter()
        .filter(|u| by_unit.contains_key(&u.id) && u.kind != UnitKind::ThonToDanPho)
    {
        let members = &by_unit[&u.id];
        let good = members
            .iter()
            .filter(|i| people[**i].2.meets(Completion::Htt))
            .count();
        if good * 2 > members.len() {
            lines.push(award(
                Subject::Unit(u.id.clone()),
                "TTLDTT",
                "Hoàn thành tốt nhiệm vụ năm",
                false,
            ));
        }
    }
    count += s.add_awards(&titles.id, &lines)?.len();

    let excellent = decision(
        s,
        "129/QĐ-UBND",
        &format!("{first}-12-26"),
        first,
        AwardType::CongTrang,
        Some(&civil.id),
    )?;
    let lines: Vec<AwardInput> = people
        .iter()
        .filter(|p| p.2 == Completion::Htxs)
        .take(8)
        .map(|p| {
            award(
                Subject::Person(p.0.clone()),
                "CSTD_CS",
                "Hoàn thành xuất sắc nhiệm vụ, có sáng kiến được công nhận",
                p.3,
            )
        })
        .collect();
    let stars = s.add_awards(&excellent.id, &lines)?;
    count += stars.len();
    // Each CSTĐCS rests on a recognised initiative, used once; one more waits unused.
    const IDEAS: &[&str] = &[
        "Số hóa hồ sơ một cửa",
        "Sổ tay hướng dẫn thủ tục bằng mã QR",
        "Tổ chức lớp học đọc cho học sinh yếu",
        "Quy trình tiêm chủng không phải chờ lâu",
        "Mô hình dân vận khéo trong giải phóng mặt bằng",
        "Bản đồ số điểm nóng an ninh",
        "Phần mềm theo dõi đăng ký thi đua",
        "Nhật ký điện tử công việc của thôn",
    ];
    for (i, star) in stars.iter().enumerate() {
        let initiative = s.create_initiative(&InitiativeInput {
            person_id: star.subject.id().to_string(),
            title: IDEAS[i % IDEAS.len()].into(),
            scope: InitiativeScope::CoSo,
            recognized_by: "Hội đồng sáng kiến xã An Bình".into(),
            recognized_on: Some(format!("{first}-11-20")),
            year: first,
            note: String::new(),
        })?;
        s.use_initiative_for(&initiative.id, &star.id)?;
    }
    if let Some(next) = people
        .iter()
        .find(|p| p.2 == Completion::Htxs && !stars.iter().any(|a| a.subject.id() == p.0))
    {
        s.create_initiative(&InitiativeInput {
            person_id: next.0.clone(),
            title: "Sắp xếp kho lưu trữ theo mã vạch".into(),
            scope: InitiativeScope::CoSo,
            recognized_by: "Hội đồng sáng kiến xã An Bình".into(),
            recognized_on: Some(format!("{first}-11-20")),
            year: first,
            note: String::new(),
        })?;
    }
    if let Some(star) = stars.first() {
        s.create_exemplary_model(&ExemplaryModelInput {
            subject: star.subject.clone(),
            movement_id: Some(civil.id.clone()),
            year: first,
            description:
                "Đi đầu số hóa hồ sơ, rút ngắn thời gian giải quyết thủ tục cho người dân.".into(),
        })?;
    }

    let commend = decision(
        s,
        "130/QĐ-UBND",
        &format!("{first}-12-26"),
        first,
        AwardType::CongTrang,
        Some(&rural.id),
    )?;
    let mut lines: Vec<AwardInput> = ["VP", "THCS", "CA", "T02"]
        .iter()
        .filter_map(|code| units.iter().find(|u| u.code == *code))
        .map(|u| {
            award(
                Subject::Unit(u.id.clone()),
                "GK_XA",
                "Có thành tích xuất sắc trong phong trào thi đua năm",
                false,
            )
        })
        .collect();
    lines.extend(
        people
            .iter()
            .filter(|p| p.2 == Completion::Htxs)
            .skip(8)
            .take(6)
            .map(|p| {
                award(
                    Subject::Person(p.0.clone()),
                    "GK_XA",
                    "Có thành tích xuất sắc trong thực hiện nhiệm vụ",
                    p.3,
                )
            }),
    );
    count += s.add_awards(&commend.id, &lines)?.len();

    // First half of the current year: a thematic award.
    let thematic = decision(
        s,
        "52/QĐ-UBND",
        &format!("{year}-06-20"),
        year,
        AwardType::ChuyenDe,
        Some(&housing.id),
    )?;
    let lines: Vec<AwardInput> = ["MTTQ", "HND", "T01", "T03"]
        .iter()
        .filter_map(|code| units.iter().find(|u| u.code == *code))
        .map(|u| {
            award(
                Subject::Unit(u.id.clone()),
                "GK_XA",
                "Có thành tích trong phong trào chung tay xóa nhà tạm, nhà dột nát",
                false,
            )
        })
        .collect();
    count += s.add_awards(&thematic.id, &lines)?.len();

    // Proposals to the province for the first year, answered in part by its decision.
    let proposal = s.create_proposal(&ProposalInput {
        number: "08/TTr-UBND".into(),
        proposal_date: format!("{year}-01-10"),
        to_authority: "Chủ tịch UBND tỉnh Bắc Ninh".into(),
        year: first,
        note: String::new(),
    })?;
    let mut proposed: Vec<(Subject, &str)> = stars
        .iter()
        .take(2)
        .map(|a| (a.subject.clone(), "BK_TINH"))
        .collect();
    if let Some(t01) = units.iter().find(|u| u.code == "T01") {
        proposed.push((Subject::Unit(t01.id.clone()), "CO_TINH"));
    }
    for (subject, code) in &proposed {
        s.add_proposal_item(
            &proposal.id,
            &ProposalItemInput {
                subject: subject.clone(),
                code: (*code).into(),
                achievement: "Có thành tích xuất sắc trong phong trào thi đua".into(),
            },
        )?;
    }
    let province = s.create_decision(&DecisionInput {
        number: "2345/QĐ-UBND".into(),
        decision_date: format!("{year}-03-20"),
        level: DecisionLevel::BoTinh,
        authority: "Chủ tịch UBND tỉnh Bắc Ninh".into(),
        signer_name: String::new(),
        signer_title: "Chủ tịch".into(),
        award_type: AwardType::CongTrang,
        movement_id: None,
        year: first,
        period_from: None,
        period_to: None,
        note: String::new(),
    })?;
    // The province grants all but the first person's Bằng khen: that line stays pending.
    let granted: Vec<AwardInput> = proposed
        .iter()
        .skip(1)
        .map(|(subject, code)| {
            award(
                subject.clone(),
                code,
                "Có thành tích xuất sắc trong phong trào thi đua",
                false,
            )
        })
        .collect();
    count += s.add_awards(&province.id, &granted)?.len();
    s.approve_with_decision(&proposal.id, &province.id)?;

    // The reward fund: the budget allocation and printing costs; decisions pay the rest.
    for (y, date, direction, amount, what) in [
        (
            first,
            format!("{first}-01-20"),
            FundDirection::Thu,
            175_000_000,
            "Ngân sách xã cấp cho Quỹ thi đua, khen thưởng",
        ),
        (
            first,
            format!("{first}-12-28"),
            FundDirection::Chi,
            4_500_000,
            "In phôi giấy khen, mua khung",
        ),
        (
            year,
            format!("{year}-01-15"),
            FundDirection::Thu,
            180_000_000,
            "Ngân sách xã cấp cho Quỹ thi đua, khen thưởng",
        ),
    ] {
        s.create_fund_entry(&FundEntryInput {
            year: y,
            direction,
            entry_date: date,
            amount,
            description: what.into(),
        })?;
    }

    // Block scoring tables of the first year, with scores; copied for the current year.
    let table = scoring_table();
    for block in s.blocks(first)? {
        let set = s.save_criteria_set(
            &block.id,
            &format!("Bảng chấm điểm {} năm {first}", block.name),
            &table,
        )?;
        let leaves = set.leaves();
        for m in &block.members {
            let scores: Vec<CriterionScore> = leaves
                .iter()
                .map(|line| {
                    let (id, max, kind) = (&line.id, &line.max_points, &line.line_kind);
                    let share = 0.78 + dice.below(22) as f64 / 100.0;
                    let points = match kind {
                        LineKind::Diem => (max * share * 2.0).round() / 2.0,
                        LineKind::Cong => {
                            if dice.below(3) == 0 {
                                *max
                            } else {
                                0.0
                            }
                        }
                        LineKind::Tru => {
                            if dice.below(5) == 0 {
                                1.0
                            } else {
                                0.0
                            }
                        }
                    };
                    let block_points = match kind {
                        LineKind::Diem => (points - dice.below(3) as f64 * 0.5).max(0.0),
                        _ => points,
                    };
                    CriterionScore {
                        criterion_id: id.clone(),
                        self_points: Some(points),
                        block_points: Some(block_points),
                        council_points: None,
                    }
                })
                .collect();
            s.set_criterion_scores(&block.id, &m.unit_id, &scores)?;
        }
        if let Some(top) = s.block_results(&block.id)?.first() {
            // The block proposes its leader for the provincial flag; totals stay the lines' sum.
            let input = BlockScoreInput {
                self_score: top.self_score,
                block_score: top.block_score,
                council_score: top.council_score,
                proposal: "Cờ thi đua của UBND tỉnh".into(),
                note: String::new(),
            };
            s.set_block_score(&block.id, &top.unit_id, &input, None)?;
        }
    }
    for block in s.blocks(year)? {
        s.copy_criteria_from_last_year(&block.id)?;
    }

    // Self-assessments: the whole first year, and most units' first half of this year.
    for (i, u) in units
        .iter()
        .filter(|u| u.status == crate::units::UnitStatus::Active && u.kind != UnitKind::XaPhuong)
        .enumerate()
    {
        let completion = if i % 4 == 0 {
            Completion::Htxs
        } else {
            Completion::Htt
        };
        s.save_assessment(&AssessmentInput {
            unit_id: u.id.clone(),
            year: first,
            period: Period::Nam,
            completion: Some(completion),
            results: format!("{} đã hoàn thành các chỉ tiêu thi đua đăng ký đầu năm; tổ chức tốt các phong trào thi đua do xã phát động.", u.name),
            shortcomings: "Việc phát hiện, bồi dưỡng điển hình tiên tiến còn chậm; báo cáo có lúc chưa đúng hạn.".into(),
            lessons: "Phát huy vai trò người đứng đầu; gắn thi đua với nhiệm vụ chuyên môn.".into(),
            next_tasks: "Tiếp tục đẩy mạnh các phong trào thi đua năm tiếp theo.".into(),
            proposals: String::new(),
            submitted_on: Some(format!("{year}-01-10")),
        })?;
        if i % 5 != 3 {
            s.save_assessment(&AssessmentInput {
                unit_id: u.id.clone(),
                year,
                period: Period::SauThang,
                completion: None,
                results: format!(
                    "Sáu tháng đầu năm {year}, {} triển khai kế hoạch thi đua đúng tiến độ.",
                    u.name
                ),
                shortcomings: String::new(),
                lessons: String::new(),
                next_tasks: "Hoàn thành chỉ tiêu 6 tháng cuối năm.".into(),
                proposals: String::new(),
                submitted_on: Some(format!("{year}-07-05")),
            })?;
        }
    }

    Ok(CycleSummary {
        persons: people.len(),
        awards: count,
    })
}

/// A typical 100-point block table with a bonus and a penalty line.
fn scoring_table() -> Vec<CriterionInput> {
    let line =
        |label: &str, title: &str, kind: LineKind, max: f64, children: Vec<CriterionInput>| {
            CriterionInput {
                id: None,
                label: label.into(),
                title: title.into(),
                line_kind: kind,
                max_points: max,
                children,
            }
        };
    vec![
        line(
            "I",
            "Công tác chỉ đạo, tổ chức phong trào thi đua",
            LineKind::Diem,
            20.0,
            vec![
                line(
                    "1",
                    "Xây dựng kế hoạch, đăng ký thi đua, ký giao ước",
                    LineKind::Diem,
                    10.0,
                    vec![],
                ),
                line(
                    "2",
                    "Tổ chức phát động, sơ kết, tổng kết phong trào",
                    LineKind::Diem,
                    10.0,
                    vec![],
                ),
            ],
        ),
        line(
            "II",
            "Kết quả thực hiện nhiệm vụ chính trị, chuyên môn",
            LineKind::Diem,
            50.0,
            vec![
                line(
                    "1",
                    "Hoàn thành các chỉ tiêu, nhiệm vụ được giao",
                    LineKind::Diem,
                    30.0,
                    vec![],
                ),
                line(
                    "2",
                    "Cải cách hành chính, chuyển đổi số",
                    LineKind::Diem,
                    20.0,
                    vec![],
                ),
            ],
        ),
        line(
            "III",
            "Công tác khen thưởng, nhân rộng điển hình tiên tiến",
            LineKind::Diem,
            20.0,
            vec![
                line(
                    "1",
                    "Phát hiện, bồi dưỡng, nhân rộng điển hình",
                    LineKind::Diem,
                    10.0,
                    vec![],
                ),
                line(
                    "2",
                    "Khen thưởng kịp thời, đúng đối tượng",
                    LineKind::Diem,
                    10.0,
                    vec![],
                ),
            ],
        ),
        line(
            "IV",
            "Chấp hành chế độ thông tin, báo cáo",
            LineKind::Diem,
            10.0,
            vec![],
        ),
        line(
            "",
            "Điểm cộng: có sáng kiến, mô hình, cách làm hay",
            LineKind::Cong,
            5.0,
            vec![],
        ),
        line(
            "",
            "Điểm trừ: báo cáo chậm, không đúng quy định",
            LineKind::Tru,
            5.0,
            vec![],
        ),
    ]
}
