//! Fills a [`Document`] from the store for each kind of report. Every figure comes from the
//! same code the statistics screen and `thidua stats` use (`stats.rs`, the roll-up context),
//! so the printed numbers cannot drift from the ones on screen.

use super::model::{Align, Block, Cell, Chart, Closing, Column, Document, Para, Run, Table};
use super::{ReportKind, ReportRequest};
use crate::decisions::{AwardQuery, AwardRow, Decision};
use crate::error::{Error, Result};
use crate::export::rollup::{self, Ctx};
use crate::export::sheet::{place_date_line, roman};
use crate::export::statistics::{self, AwardCell, StatTable};
use crate::profile::OfficeProfile;
use crate::rules::{format_vnd, AwardKind};
use crate::stats::{CodeCount, PeriodStats, RecipientCounts};
use crate::store::Store;
use crate::subjects::{RecipientKind, Subject};
use crate::units::format_date_vi;
use chrono::NaiveDate;
use std::collections::{BTreeMap, HashMap, HashSet};

const KINDS: [RecipientKind; 3] = [
    RecipientKind::TapThe,
    RecipientKind::CaNhan,
    RecipientKind::HoGiaDinh,
];

pub(super) fn build(store: &Store, req: &ReportRequest) -> Result<Document> {
    match req.kind {
        ReportKind::SoKet => narrative_report(store, req.year, Some(req.half.unwrap_or(1)), true),
        ReportKind::TongKet if req.half.is_some() => Err(Error::invalid(
            "half",
            "Báo cáo tổng kết là của cả năm: bỏ --half, hoặc chọn báo cáo sơ kết 6 tháng.",
        )),
        ReportKind::TongKet => narrative_report(store, req.year, None, false),
        ReportKind::ThongKe => statistics_tables(store, req.year, req.half),
        ReportKind::DangKy => registrations(store, req.year),
        ReportKind::ChamDiem => block_scores(store, req.year),
        ReportKind::ToTrinh => proposal(store, req.year, req.number.as_deref()),
        ReportKind::QuyetDinh => decision(store, req.year, req.number.as_deref()),
    }
}

fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

fn iso_date(iso: &str) -> NaiveDate {
    NaiveDate::parse_from_str(iso, "%Y-%m-%d").unwrap_or_else(|_| today())
}

/// The letters after the slash of a document number: "UBND" for a people's committee, the
/// initials of the office otherwise ("Sở Nội vụ" → "SNV").
fn issuer_code(name: &str) -> String {
    let lower = name.to_lowercase();
    if lower.starts_with("ubnd")
        || lower.starts_with("ủy ban nhân dân")
        || lower.starts_with("uỷ ban nhân dân")
    {
        return "UBND".into();
    }
    name.split_whitespace()
        .filter_map(|w| w.chars().next())
        .flat_map(char::to_uppercase)
        .collect()
}

/// "ỦY BAN NHÂN DÂN XÃ AN BÌNH" from "UBND xã An Bình" (NĐ 30: the name in full).
fn issuer_name(name: &str) -> String {
    let trimmed = name.trim();
    let lower = trimmed.to_lowercase();
    if lower.starts_with("ubnd ") {
        format!("Ủy ban nhân dân {}", &trimmed[5..])
    } else {
        trimmed.to_string()
    }
}

fn is_committee(name: &str) -> bool {
    issuer_code(name) == "UBND"
}

fn base_doc(p: &OfficeProfile, doc_code: &str, date: NaiveDate, landscape: bool) -> Document {
    let number = if doc_code.is_empty() {
        String::new()
    } else {
        // No-break spaces: the number is left blank for the văn thư to write in.
        format!(
            "Số:{}/{doc_code}-{}",
            "\u{a0}".repeat(10),
            issuer_code(&p.name)
        )
    };
    Document {
        landscape,
        parent: p.parent_authority.clone(),
        issuer: issuer_name(&p.name),
        number,
        place_date: place_date_line(&p.place_name, date),
        title: String::new(),
        summary: Vec::new(),
        blocks: Vec::new(),
    }
}

/// TM. (on behalf of a committee), KT. (a deputy signs for the head), or the head alone.
fn sign_lines(office: &str, title: &str) -> Vec<String> {
    let title = if title.trim().is_empty() {
        "Chủ tịch".to_string()
    } else {
        title.trim().to_string()
    };
    let lower = title.to_lowercase();
    if let Some(head) = lower.strip_prefix("phó ") {
        return vec![format!("KT. {}", head.to_uppercase()), title.to_uppercase()];
    }
    if is_committee(office) {
        vec!["TM. ỦY BAN NHÂN DÂN".into(), title.to_uppercase()]
    } else {
        vec![title.to_uppercase()]
    }
}

fn closing(p: &OfficeProfile, recipients: Vec<String>, signer: Option<(&str, &str)>) -> Closing {
    let (name, title) = signer.unwrap_or((&p.signer_name, &p.signer_title));
    Closing {
        recipients,
        sign_lines: sign_lines(&p.name, title),
        signer_name: name.to_string(),
    }
}

fn n(x: i64) -> String {
    format_vnd(x)
}

/// "85,3" — one decimal with a comma.
fn pct(x: f64) -> String {
    format!("{x:.1}").replace('.', ",")
}

fn col(width: f32, align: Align) -> Column {
    Column { width, align }
}

fn h(s: &str) -> Cell {
    Cell::new(s)
}

fn group_row(text: String, cols: usize) -> Vec<Cell> {
    vec![Cell::new(text).span(cols, 1).bold().align(Align::Left)]
}

fn para(text: impl Into<String>) -> Block {
    Block::Para(Para::body(vec![Run::plain(text)]))
}

fn heading(text: impl Into<String>) -> Block {
    Block::Para(Para::heading(text))
}

fn italic_note(text: impl Into<String>) -> Block {
    Block::Para(Para::body(vec![Run::italic(text)]))
}

fn period_name(year: i32, half: Option<u8>) -> String {
    match half {
        None => format!("năm {year}"),
        Some(1) => format!("6 tháng đầu năm {year}"),
        Some(_) => format!("6 tháng cuối năm {year}"),
    }
}

fn total(c: &RecipientCounts) -> i64 {
    c.total
}

/// "5 tập thể, 12 cá nhân và 3 hộ gia đình" with the zero parts left out.
fn kinds_phrase(c: &RecipientCounts) -> String {
    let parts: Vec<String> = [
        (c.tap_the, "tập thể"),
        (c.ca_nhan, "cá nhân"),
        (c.ho_gia_dinh, "hộ gia đình"),
    ]
    .iter()
    .filter(|(v, _)| *v > 0)
    .map(|(v, l)| format!("{} {l}", n(*v)))
    .collect();
    match parts.len() {
        0 => "không có".into(),
        1 => parts[0].clone(),
        _ => format!(
            "{} và {}",
            parts[..parts.len() - 1].join(", "),
            parts[parts.len() - 1]
        ),
    }
}

// ---------------------------------------------------------------- sơ kết / tổng kết

/// "và phương hướng, nhiệm vụ 6 tháng cuối năm 2026" (or the first half of next year).
fn next_half(year: i32, half: Option<u8>) -> String {
    if half == Some(2) {
        format!("và phương hướng, nhiệm vụ 6 tháng đầu năm {}", year + 1)
    } else {
        format!("và phương hướng, nhiệm vụ 6 tháng cuối năm {year}")
    }
}

fn narrative_report(store: &Store, year: i32, half: Option<u8>, so_ket: bool) -> Result<Document> {
    let p = store.require_profile()?;
    let kind = if so_ket {
        ReportKind::SoKet
    } else {
        ReportKind::TongKet
    };
    let stats = store.stats(year, half)?;
    let narratives = store.report_narratives(kind, year, half)?;
    let text = |key: &str| -> Vec<Block> {
        let body = narratives
            .iter()
            .find(|s| s.key == key)
            .map(|s| s.body.clone())
            .unwrap_or_default();
        if body.trim().is_empty() {
            vec![italic_note(
                "(Phần này do cán bộ soạn thảo: nhập nội dung trong phần mềm hoặc sửa trực tiếp trong tệp Word.)",
            )]
        } else {
            body.split('\n')
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(para)
                .collect()
        }
    };
    let period = period_name(year, half);
    let mut d = base_doc(&p, "BC", today(), false);
    d.title = "BÁO CÁO".into();
    d.summary = if so_ket {
        vec![
            format!("Sơ kết công tác thi đua, khen thưởng {period}"),
            next_half(year, half),
        ]
    } else {
        vec![
            format!("Tổng kết công tác thi đua, khen thưởng năm {year}"),
            format!("và phương hướng, nhiệm vụ năm {}", year + 1),
        ]
    };
    let b = &mut d.blocks;
    b.push(para(format!(
        "{} báo cáo kết quả công tác thi đua, khen thưởng {period} (từ ngày {} đến ngày {}) như sau:",
        issuer_name(&p.name),
        format_date_vi(&stats.current.from),
        format_date_vi(&stats.current.to)
    )));
    b.push(heading("I. KẾT QUẢ THỰC HIỆN"));

    // 1. Leadership: movements launched and registrations.
    b.push(heading(format!("1. {}", super::NARRATIVE_SECTIONS[0].1)));
    b.extend(text("chi_dao"));
    let regs = store.registrations(&crate::registrations::RegistrationQuery {
        year,
        unit_id: None,
        code: None,
        search: None,
    })?;
    let mut subjects: HashSet<&Subject> = HashSet::new();
    let mut reg_counts = RecipientCounts::default();
    for r in &regs {
        if subjects.insert(&r.subject) {
            match r.recipient_kind {
                RecipientKind::TapThe => reg_counts.tap_the += 1,
                RecipientKind::CaNhan => reg_counts.ca_nhan += 1,
                RecipientKind::HoGiaDinh => reg_counts.ho_gia_dinh += 1,
            }
            reg_counts.total += 1;
        }
    }
    let ms = store.movement_stats(year)?;
    let m_total = ms.row("01").map(|r| r.total).unwrap_or(0);
    let m_regular = ms.row("12").map(|r| r.total).unwrap_or(0);
    let m_theme = ms.row("11").map(|r| r.total).unwrap_or(0);
    b.push(para(format!(
        "Số liệu: năm {year} có {m_total} phong trào thi đua được triển khai ({m_regular} phong trào thường xuyên, {m_theme} phong trào chuyên đề); {} đăng ký thi đua ({} lượt đăng ký danh hiệu, hình thức).",
        kinds_phrase(&reg_counts),
        n(regs.len() as i64)
    )));

    // 2. Movements and block results.
    b.push(heading(format!("2. {}", super::NARRATIVE_SECTIONS[1].1)));
    b.extend(text("phong_trao"));
    let movements = store.movements(Some(year))?;
    if !movements.is_empty() {
        b.push(Block::Table(Table {
            columns: vec![
                col(0.7, Align::Center),
                col(4.2, Align::Left),
                col(1.8, Align::Left),
                col(1.8, Align::Center),
                col(1.2, Align::Right),
            ],
            header: vec![vec![
                h("STT"),
                h("Phong trào thi đua"),
                h("Cấp phát động"),
                h("Văn bản phát động"),
                h("Số QĐ khen thưởng"),
            ]],
            rows: movements
                .iter()
                .enumerate()
                .map(|(i, m)| {
                    vec![
                        Cell::new((i + 1).to_string()),
                        Cell::new(&m.name),
                        Cell::new(m.launched_by.label()),
                        Cell::new(&m.doc_number),
                        Cell::new(m.decision_count.to_string()),
                    ]
                })
                .collect(),
            size: 12.0,
        }));
    }
    let scores = store.scores(year)?;
    let leaders: Vec<_> = scores.iter().filter(|s| s.result.rank == Some(1)).collect();
    if !leaders.is_empty() {
        b.push(para(format!(
            "Kết quả chấm điểm, xếp hạng {} khối thi đua năm {year}: các đơn vị dẫn đầu khối như sau.",
            store.blocks(year)?.len()
        )));
        b.push(Block::Table(Table {
            columns: vec![
                col(0.7, Align::Center),
                col(2.6, Align::Left),
                col(3.0, Align::Left),
                col(1.0, Align::Right),
                col(2.6, Align::Left),
            ],
            header: vec![vec![
                h("STT"),
                h("Khối thi đua"),
                h("Đơn vị dẫn đầu"),
                h("Điểm"),
                h("Đề nghị"),
            ]],
            rows: leaders
                .iter()
                .enumerate()
                .map(|(i, s)| {
                    vec![
                        Cell::new((i + 1).to_string()),
                        Cell::new(&s.block),
                        Cell::new(&s.result.unit),
                        Cell::new(
                            s.result
                                .final_score
                                .map(crate::scoring::format_points)
                                .unwrap_or_default(),
                        ),
                        Cell::new(&s.result.proposal),
                    ]
                })
                .collect(),
            size: 12.0,
        }));
    }

    // 3. Awards: every figure of the period.
    b.push(heading(format!("3. {}", super::NARRATIVE_SECTIONS[2].1)));
    b.extend(text("khen_thuong"));
    let c = &stats.current;
    let prev = &stats.previous;
    let all = total(&c.danh_hieu) + total(&c.hinh_thuc);
    let all_prev = total(&prev.danh_hieu) + total(&prev.hinh_thuc);
    b.push(para(format!(
        "Trong {period}, đã ban hành {} quyết định khen thưởng với tổng số {} lượt khen thưởng; trong đó công nhận {} danh hiệu thi đua ({}) và tặng {} hình thức khen thưởng ({}).",
        n(c.decisions),
        n(all),
        n(total(&c.danh_hieu)),
        kinds_phrase(&c.danh_hieu),
        n(total(&c.hinh_thuc)),
        kinds_phrase(&c.hinh_thuc)
    )));
    b.push(para(format!(
        "Khen thưởng người lao động trực tiếp: {} trên tổng số {} lượt cá nhân, đạt tỷ lệ {}%.",
        n(c.direct_workers),
        n(c.individuals),
        pct(c.direct_worker_ratio)
    )));
    let diff = all - all_prev;
    let trend = match diff.signum() {
        1 => format!("tăng {} lượt", n(diff)),
        -1 => format!("giảm {} lượt", n(-diff)),
        _ => "bằng".to_string(),
    };
    b.push(para(format!(
        "So với cùng kỳ năm {} ({} lượt), {trend}.",
        year - 1,
        n(all_prev)
    )));
    let by_type: Vec<String> = c
        .by_award_type
        .iter()
        .map(|(g, v)| format!("{} {}", g.to_lowercase(), n(*v)))
        .collect();
    if !by_type.is_empty() {
        b.push(para(format!(
            "Theo loại hình khen thưởng: {}.",
            by_type.join("; ")
        )));
    }
    b.push(para(format!(
        "Tổng số tiền thưởng: {} đồng.",
        n(c.total_amount)
    )));
    b.push(Block::Table(level_table(c)));
    b.push(Block::Table(code_table(c, prev, year)));
    if !stats.vs_registrations.is_empty() {
        b.push(Block::Para(Para::body(vec![Run::italic(format!(
            "So sánh kết quả với đăng ký thi đua năm {year} (theo năm thành tích):"
        ))])));
        b.push(Block::Table(Table {
            columns: vec![
                col(0.7, Align::Center),
                col(4.4, Align::Left),
                col(1.2, Align::Right),
                col(1.2, Align::Right),
                col(1.2, Align::Right),
            ],
            header: vec![vec![
                h("STT"),
                h("Danh hiệu, hình thức"),
                h("Đăng ký"),
                h("Đạt"),
                h("Tỷ lệ (%)"),
            ]],
            rows: stats
                .vs_registrations
                .iter()
                .enumerate()
                .map(|(i, r)| {
                    let ratio = if r.registered > 0 {
                        pct(r.achieved as f64 * 100.0 / r.registered as f64)
                    } else {
                        String::new()
                    };
                    vec![
                        Cell::new((i + 1).to_string()),
                        Cell::new(&r.name),
                        Cell::new(n(r.registered)),
                        Cell::new(n(r.achieved)),
                        Cell::new(ratio),
                    ]
                })
                .collect(),
            size: 12.0,
        }));
    }
    b.push(Block::Chart(code_chart(c, prev, year, half)));

    b.push(heading(format!("4. {}", super::NARRATIVE_SECTIONS[3].1)));
    b.extend(text("dien_hinh"));
    b.push(heading(format!("5. {}", super::NARRATIVE_SECTIONS[4].1)));
    b.extend(text("quy"));
    b.push(para(format!(
        "Tiền thưởng đã chi theo các quyết định trong kỳ: {} đồng.",
        n(c.total_amount)
    )));
    b.push(heading("II. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN"));
    b.extend(text("ton_tai"));
    b.push(heading(if so_ket {
        format!(
            "III. {}",
            next_half(year, half).replacen("và ", "", 1).to_uppercase()
        )
    } else {
        format!("III. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM {}", year + 1)
    }));
    b.extend(text("phuong_huong"));
    b.push(heading("IV. KIẾN NGHỊ, ĐỀ XUẤT"));
    b.extend(text("kien_nghi"));
    b.push(para(format!(
        "Trên đây là báo cáo {} công tác thi đua, khen thưởng {period} của {}./.",
        if so_ket { "sơ kết" } else { "tổng kết" },
        issuer_name(&p.name)
    )));
    let mut recipients = Vec::new();
    if !p.parent_authority.is_empty() {
        recipients.push(format!("{} (b/c)", p.parent_authority));
    }
    recipients.push("Hội đồng Thi đua - Khen thưởng".into());
    recipients.push("Lưu: VT".into());
    d.blocks.push(Block::Closing(closing(&p, recipients, None)));
    Ok(d)
}

fn level_table(c: &PeriodStats) -> Table {
    let mut rows: Vec<Vec<Cell>> = c
        .by_level
        .iter()
        .map(|l| {
            vec![
                Cell::new(&l.label).align(Align::Left),
                Cell::new(n(l.danh_hieu.tap_the)),
                Cell::new(n(l.danh_hieu.ca_nhan)),
                Cell::new(n(l.danh_hieu.ho_gia_dinh)),
                Cell::new(n(l.hinh_thuc.tap_the)),
                Cell::new(n(l.hinh_thuc.ca_nhan)),
                Cell::new(n(l.hinh_thuc.ho_gia_dinh)),
                Cell::new(n(l.danh_hieu.total + l.hinh_thuc.total)),
            ]
        })
        .collect();
    rows.push(vec![
        Cell::new("Tổng cộng").bold().align(Align::Left),
        Cell::new(n(c.danh_hieu.tap_the)).bold(),
        Cell::new(n(c.danh_hieu.ca_nhan)).bold(),
        Cell::new(n(c.danh_hieu.ho_gia_dinh)).bold(),
        Cell::new(n(c.hinh_thuc.tap_the)).bold(),
        Cell::new(n(c.hinh_thuc.ca_nhan)).bold(),
        Cell::new(n(c.hinh_thuc.ho_gia_dinh)).bold(),
        Cell::new(n(c.danh_hieu.total + c.hinh_thuc.total)).bold(),
    ]);
    let mut columns = vec![col(2.6, Align::Left)];
    columns.extend((0..7).map(|_| col(1.0, Align::Right)));
    Table {
        columns,
        header: vec![
            vec![
                h("Cấp quyết định").span(1, 2),
                h("Danh hiệu thi đua").span(3, 1),
                h("Hình thức khen thưởng").span(3, 1),
                h("Tổng số").span(1, 2),
            ],
            vec![
                h("Tập thể"),
                h("Cá nhân"),
                h("Hộ gia đình"),
                h("Tập thể"),
                h("Cá nhân"),
                h("Hộ gia đình"),
            ],
        ],
        rows,
        size: 12.0,
    }
}

/// Per title/form and kind of recipient: this period, the same period last year, the
/// change and the money.
fn code_table(c: &PeriodStats, prev: &PeriodStats, year: i32) -> Table {
    let key = |x: &CodeCount| (x.award_kind, x.code.clone(), x.recipient_kind);
    let mut keys: Vec<(AwardKind, String, RecipientKind, String)> = Vec::new();
    for x in c.by_code.iter().chain(prev.by_code.iter()) {
        let k = key(x);
        if !keys.iter().any(|(a, b, r, _)| (*a, b.clone(), *r) == k) {
            keys.push((k.0, k.1, k.2, x.name.clone()));
        }
    }
    let find = |s: &PeriodStats, k: &(AwardKind, String, RecipientKind, String)| {
        s.by_code
            .iter()
            .find(|x| x.award_kind == k.0 && x.code == k.1 && x.recipient_kind == k.2)
            .map(|x| (x.count, x.amount))
            .unwrap_or((0, 0))
    };
    let mut rows = Vec::new();
    for (kind, heading) in [
        (AwardKind::DanhHieu, "I. Danh hiệu thi đua"),
        (AwardKind::HinhThuc, "II. Hình thức khen thưởng"),
    ] {
        rows.push(group_row(heading.into(), 7));
        let mut i = 0;
        for k in keys.iter().filter(|k| k.0 == kind) {
            i += 1;
            let (now, money) = find(c, k);
            let (before, _) = find(prev, k);
            let d = now - before;
            rows.push(vec![
                Cell::new(i.to_string()),
                Cell::new(&k.3),
                Cell::new(k.2.label()),
                Cell::new(n(now)),
                Cell::new(n(before)),
                Cell::new(if d > 0 { format!("+{}", n(d)) } else { n(d) }),
                Cell::new(n(money)),
            ]);
        }
    }
    let (now_all, before_all) = (
        c.danh_hieu.total + c.hinh_thuc.total,
        prev.danh_hieu.total + prev.hinh_thuc.total,
    );
    let d = now_all - before_all;
    rows.push(vec![
        Cell::new("Tổng cộng").span(3, 1).bold().align(Align::Left),
        Cell::new(n(now_all)).bold(),
        Cell::new(n(before_all)).bold(),
        Cell::new(if d > 0 { format!("+{}", n(d)) } else { n(d) }).bold(),
        Cell::new(n(c.total_amount)).bold(),
    ]);
    Table {
        columns: vec![
            col(0.7, Align::Center),
            col(3.6, Align::Left),
            col(1.2, Align::Left),
            col(1.0, Align::Right),
            col(1.2, Align::Right),
            col(1.1, Align::Right),
            col(1.6, Align::Right),
        ],
        header: vec![vec![
            h("STT"),
            h("Danh hiệu, hình thức"),
            h("Đối tượng"),
            h("Kỳ này"),
            h(&format!("Cùng kỳ năm {}", year - 1)),
            h("Tăng (+), giảm (-)"),
            h("Số tiền (đồng)"),
        ]],
        rows,
        size: 12.0,
    }
}

fn code_chart(c: &PeriodStats, prev: &PeriodStats, year: i32, half: Option<u8>) -> Chart {
    let mut names: Vec<(String, String)> = Vec::new();
    for x in c.by_code.iter().chain(prev.by_code.iter()) {
        if !names.iter().any(|(code, _)| *code == x.code) {
            names.push((x.code.clone(), x.name.clone()));
        }
    }
    let sum = |s: &PeriodStats, code: &str| -> f64 {
        s.by_code
            .iter()
            .filter(|x| x.code == code)
            .map(|x| x.count)
            .sum::<i64>() as f64
    };
    let label = |y: i32| match half {
        None => format!("Năm {y}"),
        Some(1) => format!("6 tháng đầu năm {y}"),
        Some(_) => format!("6 tháng cuối năm {y}"),
    };
    Chart {
        title: "Biểu đồ: số lượt khen thưởng theo danh hiệu, hình thức so với cùng kỳ năm trước"
            .into(),
        categories: names.iter().map(|(_, name)| name.clone()).collect(),
        series: vec![
            (
                label(year),
                names.iter().map(|(code, _)| sum(c, code)).collect(),
            ),
            (
                label(year - 1),
                names.iter().map(|(code, _)| sum(prev, code)).collect(),
            ),
        ],
    }
}

// ---------------------------------------------------------------- biểu thống kê

fn stat_table_doc(
    ctx: &Ctx,
    id: &str,
    table: &StatTable,
    catalog: &HashMap<&str, &crate::rules::CatalogItem>,
    movements: &crate::movements::MovementStats,
) -> Vec<Block> {
    let mut blocks = vec![
        Block::Para(Para::centered(
            vec![Run::bold(format!(
                "{} — {}",
                table.form,
                table.title.to_uppercase()
            ))],
            13.0,
        )),
        Block::Para(Para {
            runs: vec![Run::italic(if id == "0601" {
                format!("Năm {}. {}", ctx.year, table.unit)
            } else {
                format!("{}. {}", ctx.period_line(), table.unit)
            })],
            align: Align::Right,
            indent: false,
            size: 12.0,
            keep_next: true,
        }),
    ];
    // Header: Chỉ tiêu, Mã số, then the numbered columns (grouped under one heading when
    // they share a label with Tập thể / Cá nhân parts).
    let mut top = vec![h("Chỉ tiêu").span(1, 2), h("Mã số").span(1, 2)];
    let mut second = Vec::new();
    let mut i = 0;
    while i < table.columns.len() {
        let c = &table.columns[i];
        if c.sub.is_empty() {
            top.push(h(c.label).span(1, 2));
            i += 1;
        } else {
            let mut j = i;
            while j < table.columns.len()
                && table.columns[j].label == c.label
                && !table.columns[j].sub.is_empty()
            {
                second.push(h(table.columns[j].sub));
                j += 1;
            }
            top.push(h(c.label).span(j - i, 1));
            i = j;
        }
    }
    if second.is_empty() {
        for c in &mut top {
            c.rowspan = 1;
        }
    }
    let mut numbers = vec![h("A").italic(), h("B").italic()];
    numbers.extend(table.columns.iter().map(|c| h(c.number).italic()));
    let rows = table
        .rows
        .iter()
        .map(|r| {
            let label = match r.indent {
                0 => r.label.to_string(),
                1 => format!("- {}", r.label),
                _ => format!("   + {}", r.label),
            };
            let mut row = vec![
                if r.indent == 0 {
                    Cell::new(label).bold()
                } else {
                    Cell::new(label)
                },
                Cell::new(r.code),
            ];
            row.extend(table.columns.iter().map(|c| {
                Cell::new(
                    statistics::value(ctx, id, catalog, movements, r, c)
                        .map(n)
                        .unwrap_or_default(),
                )
            }));
            row
        })
        .collect();
    let mut columns = vec![col(4.0, Align::Left), col(0.8, Align::Center)];
    columns.extend(table.columns.iter().map(|c| {
        col(
            if matches!(c.cell, AwardCell::Awards | AwardCell::Movements) {
                1.0
            } else {
                1.1
            },
            Align::Right,
        )
    }));
    blocks.push(Block::Table(Table {
        columns,
        header: vec![top, second, numbers]
            .into_iter()
            .filter(|r| !r.is_empty())
            .collect(),
        rows,
        size: 11.0,
    }));
    blocks
}

fn statistics_tables(store: &Store, year: i32, half: Option<u8>) -> Result<Document> {
    let ctx = rollup::load(store, year, half)?;
    let catalog = store.catalog()?;
    let by_code: HashMap<&str, &crate::rules::CatalogItem> =
        catalog.iter().map(|c| (c.code.as_str(), c)).collect();
    let movements = store.movement_stats(year)?;
    let mut d = base_doc(&ctx.profile, "", today(), true);
    d.title = "BIỂU THỐNG KÊ CÔNG TÁC THI ĐUA, KHEN THƯỞNG".into();
    d.summary = vec![format!("{} {}", ctx.period_name(), ctx.period_line())];
    let tables = [
        ("0601", statistics::table_0601()),
        ("0602", statistics::table_0602()),
        ("0603", statistics::table_0603()),
    ];
    for (i, (id, t)) in tables.iter().enumerate() {
        if i > 0 {
            d.blocks.push(Block::PageBreak);
        }
        d.blocks
            .extend(stat_table_doc(&ctx, id, t, &by_code, &movements));
    }
    d.blocks.push(Block::PageBreak);
    d.blocks.extend(unit_summary(&ctx, store, &catalog, year)?);
    d.blocks.push(Block::Closing(closing(
        &ctx.profile,
        vec![ctx.profile.parent_authority.clone(), "Lưu: VT".into()]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect(),
        None,
    )));
    Ok(d)
}

/// A khối (or "Đơn vị khác") and its units: (name, unit id; None for no unit).
type UnitGroup<'a> = (String, Vec<(String, Option<&'a str>)>);

/// Tổng hợp khen thưởng theo đơn vị: one row per member unit grouped by khối, a "Cộng" row
/// per khối and a "Tổng cộng" row.
fn unit_summary(
    ctx: &Ctx,
    store: &Store,
    catalog: &[crate::rules::CatalogItem],
    year: i32,
) -> Result<Vec<Block>> {
    // Columns: every (code, recipient kind) that has an award in the period, catalog order.
    let used: HashSet<(&str, RecipientKind)> = ctx
        .awards
        .iter()
        .map(|a| (a.code.as_str(), a.recipient_kind))
        .collect();
    let mut cols: Vec<(&crate::rules::CatalogItem, RecipientKind)> = Vec::new();
    for kind in [AwardKind::DanhHieu, AwardKind::HinhThuc] {
        for item in catalog.iter().filter(|c| c.kind == kind) {
            for rk in KINDS {
                if used.contains(&(item.code.as_str(), rk)) {
                    cols.push((item, rk));
                }
            }
        }
    }
    let mut counts: HashMap<(Option<&str>, &str, RecipientKind), i64> = HashMap::new();
    for a in &ctx.awards {
        *counts
            .entry((ctx.unit_of(a), a.code.as_str(), a.recipient_kind))
            .or_default() += 1;
    }
    let line = |units: &[Option<&str>]| -> Vec<i64> {
        let mut v: Vec<i64> = cols
            .iter()
            .map(|(item, rk)| {
                units
                    .iter()
                    .map(|u| {
                        counts
                            .get(&(*u, item.code.as_str(), *rk))
                            .copied()
                            .unwrap_or(0)
                    })
                    .sum()
            })
            .collect();
        v.insert(0, v.iter().sum());
        v
    };
    let ncols = 3 + cols.len();
    let mut rows = Vec::new();
    let blocks = store.blocks(year)?;
    let mut seen: HashSet<&str> = HashSet::new();
    let mut groups: Vec<UnitGroup> = Vec::new();
    for b in &blocks {
        let members = b
            .members
            .iter()
            .filter(|m| seen.insert(m.unit_id.as_str()))
            .map(|m| (m.unit_name.clone(), Some(m.unit_id.as_str())))
            .collect();
        groups.push((b.name.clone(), members));
    }
    let mut others: BTreeMap<String, Option<&str>> = BTreeMap::new();
    for a in &ctx.awards {
        let u = ctx.unit_of(a);
        if u.is_none_or(|id| !seen.contains(id)) {
            let name = u
                .and_then(|id| ctx.units.get(id))
                .map(|x| x.name.clone())
                .unwrap_or_else(|| "Không thuộc đơn vị nào".into());
            others.insert(name, u);
        }
    }
    if !others.is_empty() {
        groups.push(("Đơn vị khác".into(), others.into_iter().collect()));
    }
    let mut all_units: Vec<Option<&str>> = Vec::new();
    for (gi, (name, members)) in groups.iter().enumerate() {
        rows.push(group_row(format!("{}. {}", roman(gi + 1), name), ncols));
        for (i, (uname, id)) in members.iter().enumerate() {
            let mut row = vec![Cell::new((i + 1).to_string()), Cell::new(uname)];
            row.extend(line(&[*id]).into_iter().map(|x| Cell::new(n(x))));
            rows.push(row);
        }
        let ids: Vec<Option<&str>> = members.iter().map(|(_, id)| *id).collect();
        let mut row = vec![Cell::new("Cộng").span(2, 1).bold().align(Align::Left)];
        row.extend(line(&ids).into_iter().map(|x| Cell::new(n(x)).bold()));
        rows.push(row);
        all_units.extend(ids);
    }
    let mut row = vec![Cell::new("Tổng cộng").span(2, 1).bold().align(Align::Left)];
    row.extend(line(&all_units).into_iter().map(|x| Cell::new(n(x)).bold()));
    rows.push(row);

    let mut top = vec![
        h("STT").span(1, 2),
        h("Tên đơn vị").span(1, 2),
        h("Tổng số").span(1, 2),
    ];
    let mut second = Vec::new();
    let mut i = 0;
    while i < cols.len() {
        let mut j = i;
        while j < cols.len() && cols[j].0.code == cols[i].0.code {
            second.push(h(cols[j].1.label()));
            j += 1;
        }
        top.push(h(&cols[i].0.name).span(j - i, 1));
        i = j;
    }
    let mut columns = vec![
        col(0.7, Align::Center),
        col(3.0, Align::Left),
        col(0.9, Align::Right),
    ];
    columns.extend(cols.iter().map(|_| col(1.0, Align::Right)));
    Ok(vec![
        Block::Para(Para::centered(
            vec![Run::bold(format!(
                "TỔNG HỢP KHEN THƯỞNG THEO ĐƠN VỊ {}",
                ctx.period_name().to_uppercase()
            ))],
            13.0,
        )),
        Block::Table(Table {
            columns,
            header: vec![top, second],
            rows,
            size: 11.0,
        }),
    ])
}

// ---------------------------------------------------------------- đăng ký, chấm điểm

fn registrations(store: &Store, year: i32) -> Result<Document> {
    let p = store.require_profile()?;
    let rows = store.registrations(&crate::registrations::RegistrationQuery {
        year,
        unit_id: None,
        code: None,
        search: None,
    })?;
    let totals = store.registration_totals(year)?;
    let mut d = base_doc(&p, "", today(), false);
    d.title = "DANH SÁCH".into();
    d.summary = vec![format!("Đăng ký thi đua năm {year}")];
    let mut table_rows = Vec::new();
    for (ki, kind) in KINDS.iter().enumerate() {
        let of_kind: Vec<_> = rows.iter().filter(|r| r.recipient_kind == *kind).collect();
        if of_kind.is_empty() {
            continue;
        }
        table_rows.push(group_row(
            format!("{}. {}", roman(ki + 1), kind.label().to_uppercase()),
            5,
        ));
        let mut i = 0;
        let mut no = 0;
        while i < of_kind.len() {
            let mut j = i;
            while j < of_kind.len() && of_kind[j].subject == of_kind[i].subject {
                j += 1;
            }
            let group = &of_kind[i..j];
            let first = group[0];
            no += 1;
            let place = [first.position.as_str(), first.unit.as_deref().unwrap_or("")]
                .into_iter()
                .filter(|s| !s.is_empty() && *s != first.recipient_name)
                .collect::<Vec<_>>()
                .join(", ");
            let names = |k: AwardKind| {
                group
                    .iter()
                    .filter(|r| r.award_kind == k)
                    .map(|r| r.code_name.as_str())
                    .collect::<Vec<_>>()
                    .join("; ")
            };
            table_rows.push(vec![
                Cell::new(no.to_string()),
                Cell::new(&first.recipient_name),
                Cell::new(place),
                Cell::new(names(AwardKind::DanhHieu)),
                Cell::new(names(AwardKind::HinhThuc)),
            ]);
            i = j;
        }
    }
    if table_rows.is_empty() {
        d.blocks
            .push(para(format!("Năm {year} chưa có đăng ký thi đua.")));
    } else {
        d.blocks.push(Block::Table(Table {
            columns: vec![
                col(0.7, Align::Center),
                col(2.2, Align::Left),
                col(2.6, Align::Left),
                col(2.2, Align::Left),
                col(2.2, Align::Left),
            ],
            header: vec![vec![
                h("STT"),
                h("Tên tập thể / Họ và tên"),
                h("Chức vụ, đơn vị"),
                h("Danh hiệu thi đua đăng ký"),
                h("Hình thức khen thưởng đăng ký"),
            ]],
            rows: table_rows,
            size: 12.0,
        }));
    }
    if !totals.is_empty() {
        d.blocks.push(heading("Tổng hợp số lượng đăng ký"));
        let mut by: BTreeMap<(u8, String), [i64; 3]> = BTreeMap::new();
        for t in &totals {
            let k = (
                if t.award_kind == AwardKind::DanhHieu {
                    0
                } else {
                    1
                },
                t.code_name.clone(),
            );
            let e = by.entry(k).or_default();
            let i = KINDS
                .iter()
                .position(|x| *x == t.recipient_kind)
                .unwrap_or(0);
            e[i] += i64::from(t.count);
        }
        let mut rows: Vec<Vec<Cell>> = by
            .iter()
            .enumerate()
            .map(|(i, ((_, name), v))| {
                vec![
                    Cell::new((i + 1).to_string()),
                    Cell::new(name),
                    Cell::new(n(v[0])),
                    Cell::new(n(v[1])),
                    Cell::new(n(v[2])),
                    Cell::new(n(v.iter().sum())),
                ]
            })
            .collect();
        let sums: [i64; 3] = [0, 1, 2].map(|k| by.values().map(|v| v[k]).sum());
        rows.push(vec![
            Cell::new("Tổng cộng").span(2, 1).bold().align(Align::Left),
            Cell::new(n(sums[0])).bold(),
            Cell::new(n(sums[1])).bold(),
            Cell::new(n(sums[2])).bold(),
            Cell::new(n(sums.iter().sum())).bold(),
        ]);
        d.blocks.push(Block::Table(Table {
            columns: vec![
                col(0.7, Align::Center),
                col(4.0, Align::Left),
                col(1.1, Align::Right),
                col(1.1, Align::Right),
                col(1.1, Align::Right),
                col(1.1, Align::Right),
            ],
            header: vec![vec![
                h("STT"),
                h("Danh hiệu, hình thức"),
                h("Tập thể"),
                h("Cá nhân"),
                h("Hộ gia đình"),
                h("Tổng số"),
            ]],
            rows,
            size: 12.0,
        }));
    }
    d.blocks
        .push(Block::Closing(closing(&p, vec!["Lưu: VT".into()], None)));
    Ok(d)
}

fn block_scores(store: &Store, year: i32) -> Result<Document> {
    let p = store.require_profile()?;
    let scores = store.scores(year)?;
    let mut d = base_doc(&p, "", today(), true);
    d.title = "KẾT QUẢ CHẤM ĐIỂM, XẾP HẠNG".into();
    d.summary = vec![format!("Các khối thi đua năm {year}")];
    if scores.is_empty() {
        d.blocks.push(para(format!(
            "Năm {year} chưa có kết quả chấm điểm khối thi đua."
        )));
    } else {
        let opt = |x: Option<f64>| x.map(crate::scoring::format_points).unwrap_or_default();
        let mut rows = Vec::new();
        let mut current: Option<&str> = None;
        let mut block_no = 0;
        let mut no = 0;
        for s in &scores {
            if current != Some(s.block_id.as_str()) {
                block_no += 1;
                no = 0;
                current = Some(&s.block_id);
                rows.push(group_row(format!("{}. {}", roman(block_no), s.block), 9));
            }
            no += 1;
            let r = &s.result;
            let note = [r.tie_note.as_deref().unwrap_or(""), r.note.as_str()]
                .into_iter()
                .filter(|x| !x.is_empty())
                .collect::<Vec<_>>()
                .join("; ");
            rows.push(vec![
                Cell::new(no.to_string()),
                Cell::new(&r.unit),
                Cell::new(r.role.label()),
                Cell::new(opt(r.self_score)),
                Cell::new(opt(r.block_score)),
                Cell::new(opt(r.council_score)),
                Cell::new(r.rank.map(|k| k.to_string()).unwrap_or_default()),
                Cell::new(&r.proposal),
                Cell::new(note),
            ]);
        }
        d.blocks.push(Block::Table(Table {
            columns: vec![
                col(0.7, Align::Center),
                col(3.2, Align::Left),
                col(1.2, Align::Left),
                col(0.9, Align::Right),
                col(0.9, Align::Right),
                col(0.9, Align::Right),
                col(0.8, Align::Center),
                col(2.6, Align::Left),
                col(2.2, Align::Left),
            ],
            header: vec![vec![
                h("STT"),
                h("Đơn vị"),
                h("Vai trò"),
                h("Tự chấm"),
                h("Khối chấm"),
                h("Hội đồng"),
                h("Xếp hạng"),
                h("Đề nghị"),
                h("Ghi chú"),
            ]],
            rows,
            size: 12.0,
        }));
    }
    d.blocks.push(Block::Closing(closing(
        &p,
        vec!["Các khối thi đua".into(), "Lưu: VT".into()],
        None,
    )));
    Ok(d)
}

// ---------------------------------------------------------------- tờ trình, quyết định

/// "Chức vụ, đơn vị" of a recipient as printed.
fn position_unit(position: &str, unit: &str, name: &str) -> String {
    [position, unit]
        .into_iter()
        .filter(|s| !s.is_empty() && *s != name)
        .collect::<Vec<_>>()
        .join(", ")
}

fn proposal(store: &Store, year: i32, number: Option<&str>) -> Result<Document> {
    let p = store.require_profile()?;
    let list = store.proposals(Some(year))?;
    let chosen = match number {
        Some(num) => list
            .iter()
            .find(|x| x.number.trim() == num.trim())
            .ok_or_else(|| Error::not_found(format!("tờ trình số {num} của năm {year}")))?,
        None => list
            .iter()
            .max_by(|a, b| a.proposal_date.cmp(&b.proposal_date))
            .ok_or_else(|| Error::not_found(format!("tờ trình nào của năm {year}")))?,
    };
    let detail = store.proposal(&chosen.id)?;
    let pr = &detail.proposal;
    let date = iso_date(&pr.proposal_date);
    let mut d = base_doc(&p, "TTr", date, false);
    if !pr.number.is_empty() {
        d.number = format!("Số: {}", pr.number);
    }
    d.title = "TỜ TRÌNH".into();
    d.summary = vec![format!("Về việc đề nghị khen thưởng năm {}", pr.year)];
    let to = if pr.to_authority.is_empty() {
        "Cấp có thẩm quyền"
    } else {
        pr.to_authority.as_str()
    };
    d.blocks.push(Block::Para(Para::centered(
        vec![Run::plain(format!("Kính gửi: {to}."))],
        14.0,
    )));
    let mut counts = RecipientCounts::default();
    let mut forms: Vec<String> = Vec::new();
    for it in &detail.items {
        match it.recipient_kind {
            RecipientKind::TapThe => counts.tap_the += 1,
            RecipientKind::CaNhan => counts.ca_nhan += 1,
            RecipientKind::HoGiaDinh => counts.ho_gia_dinh += 1,
        }
        counts.total += 1;
        if !forms.contains(&it.code_name) {
            forms.push(it.code_name.clone());
        }
    }
    d.blocks.push(para(
        "Căn cứ Luật Thi đua, khen thưởng năm 2022 và các văn bản hướng dẫn thi hành;",
    ));
    d.blocks.push(para(format!(
        "Căn cứ kết quả thực hiện phong trào thi đua năm {} và đề nghị của Hội đồng Thi đua - Khen thưởng,",
        pr.year
    )));
    d.blocks.push(para(format!(
        "{} kính trình {} xem xét, khen thưởng ({}) cho {}, gồm {} lượt đề nghị (có danh sách kèm theo).",
        issuer_name(&p.name),
        to,
        forms.join("; "),
        kinds_phrase(&counts),
        n(counts.total)
    )));
    if !pr.note.is_empty() {
        d.blocks.push(para(&pr.note));
    }
    d.blocks
        .push(para(format!("Kính trình {to} xem xét, quyết định./.")));
    d.blocks.push(Block::Closing(closing(
        &p,
        vec!["Như trên".into(), "Lưu: VT".into()],
        None,
    )));

    // The list goes with the tờ trình, on its own pages.
    let mut list_doc = Vec::new();
    list_doc.push(Block::PageBreak);
    list_doc.push(Block::Para(Para::centered(
        vec![Run::bold("DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG")],
        14.0,
    )));
    let attach = if pr.number.is_empty() {
        format!(
            "(Kèm theo Tờ trình ngày {})",
            format_date_vi(&pr.proposal_date)
        )
    } else {
        format!(
            "(Kèm theo Tờ trình số {} ngày {})",
            pr.number,
            format_date_vi(&pr.proposal_date)
        )
    };
    list_doc.push(Block::Para(Para::centered(vec![Run::italic(attach)], 14.0)));
    let mut rows = Vec::new();
    for (ki, kind) in KINDS.iter().enumerate() {
        let items: Vec<_> = detail
            .items
            .iter()
            .filter(|i| i.recipient_kind == *kind)
            .collect();
        if items.is_empty() {
            continue;
        }
        rows.push(group_row(
            format!("{}. {}", roman(ki + 1), kind.label().to_uppercase()),
            5,
        ));
        for (i, it) in items.iter().enumerate() {
            let place = match &it.subject {
                Subject::Person(id) => {
                    let person = store.person(id)?;
                    position_unit(
                        &person.position,
                        person.unit_name.as_deref().unwrap_or(""),
                        &it.recipient_name,
                    )
                }
                Subject::Household(id) => {
                    let hh = store.household(id)?;
                    position_unit(
                        &hh.address,
                        hh.unit_name.as_deref().unwrap_or(""),
                        &it.recipient_name,
                    )
                }
                Subject::Unit(_) => String::new(),
            };
            rows.push(vec![
                Cell::new((i + 1).to_string()),
                Cell::new(&it.recipient_name),
                Cell::new(place),
                Cell::new(&it.code_name),
                Cell::new(&it.achievement),
            ]);
        }
    }
    list_doc.push(Block::Table(Table {
        columns: vec![
            col(0.7, Align::Center),
            col(2.2, Align::Left),
            col(2.4, Align::Left),
            col(2.0, Align::Left),
            col(3.0, Align::Justify),
        ],
        header: vec![vec![
            h("STT"),
            h("Họ và tên / Tên tập thể"),
            h("Chức vụ, đơn vị"),
            h("Hình thức đề nghị"),
            h("Tóm tắt thành tích"),
        ]],
        rows,
        size: 12.0,
    }));
    d.blocks.extend(list_doc);
    Ok(d)
}

fn decision(store: &Store, year: i32, number: Option<&str>) -> Result<Document> {
    let p = store.require_profile()?;
    let chosen: Decision = match number {
        Some(num) => store.decision_by_number(num)?,
        None => store
            .decisions(Some(year))?
            .into_iter()
            .max_by(|a, b| a.decision_date.cmp(&b.decision_date))
            .ok_or_else(|| Error::not_found(format!("quyết định nào của năm {year}")))?,
    };
    let awards = store.awards(&AwardQuery {
        decision_id: Some(chosen.id.clone()),
        ..Default::default()
    })?;
    let date = iso_date(&chosen.decision_date);
    let mut d = base_doc(&p, "QĐ", date, false);
    d.number = format!("Số: {}", chosen.number);
    d.title = "QUYẾT ĐỊNH".into();
    let mut forms: Vec<String> = Vec::new();
    let mut counts = RecipientCounts::default();
    for a in &awards {
        if !forms.contains(&a.code_name) {
            forms.push(a.code_name.clone());
        }
        match a.recipient_kind {
            RecipientKind::TapThe => counts.tap_the += 1,
            RecipientKind::CaNhan => counts.ca_nhan += 1,
            RecipientKind::HoGiaDinh => counts.ho_gia_dinh += 1,
        }
        counts.total += 1;
    }
    let is_title = awards.iter().all(|a| a.award_kind == AwardKind::DanhHieu) && !awards.is_empty();
    d.summary = vec![if is_title {
        format!("Về việc công nhận danh hiệu thi đua năm {}", chosen.year)
    } else {
        format!("Về việc {}", chosen.award_type.label().to_lowercase())
    }];
    let signer_title = if chosen.signer_title.is_empty() {
        p.signer_title.clone()
    } else {
        chosen.signer_title.clone()
    };
    let authority = if chosen.authority.is_empty() {
        format!("Chủ tịch {}", issuer_name(&p.name))
    } else {
        chosen.authority.clone()
    };
    d.blocks.push(Block::Para(Para::centered(
        vec![Run::bold(authority.to_uppercase())],
        14.0,
    )));
    d.blocks
        .push(para("Căn cứ Luật Tổ chức chính quyền địa phương;"));
    d.blocks.push(para(
        "Căn cứ Luật Thi đua, khen thưởng năm 2022 và các văn bản hướng dẫn thi hành;",
    ));
    d.blocks
        .push(para("Theo đề nghị của Hội đồng Thi đua - Khen thưởng."));
    d.blocks.push(Block::Para(Para::centered(
        vec![Run::bold("QUYẾT ĐỊNH:")],
        14.0,
    )));
    let total_amount: i64 = awards.iter().map(|a| a.amount).sum();
    d.blocks.push(Block::Para(Para::body(vec![
        Run::bold("Điều 1. "),
        Run::plain(format!(
            "{} {} cho {} (có danh sách kèm theo){}.",
            if is_title {
                "Công nhận danh hiệu"
            } else {
                "Tặng"
            },
            forms.join("; "),
            kinds_phrase(&counts),
            if chosen.note.is_empty() {
                String::new()
            } else {
                format!(", {}", chosen.note)
            }
        )),
    ])));
    d.blocks.push(Block::Para(Para::body(vec![
        Run::bold("Điều 2. "),
        Run::plain(format!(
            "Tiền thưởng theo quy định hiện hành, tổng số tiền: {} đồng (chi tiết tại danh sách kèm theo), từ Quỹ thi đua, khen thưởng.",
            n(total_amount)
        )),
    ])));
    d.blocks.push(Block::Para(Para::body(vec![
        Run::bold("Điều 3. "),
        Run::plain("Văn phòng, bộ phận Thi đua - Khen thưởng, Kế toán, các tập thể, cá nhân có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./."),
    ])));
    let signer_name = if chosen.signer_name.is_empty() {
        p.signer_name.clone()
    } else {
        chosen.signer_name.clone()
    };
    let mut c = closing(&p, vec!["Như Điều 3".into(), "Lưu: VT".into()], None);
    c.sign_lines = sign_lines(&p.name, &signer_title);
    c.signer_name = signer_name;
    d.blocks.push(Block::Closing(c));
    d.blocks.push(Block::PageBreak);
    d.blocks.push(Block::Para(Para::centered(
        vec![Run::bold(if is_title {
            "DANH SÁCH ĐƯỢC CÔNG NHẬN DANH HIỆU THI ĐUA".to_string()
        } else {
            "DANH SÁCH ĐƯỢC KHEN THƯỞNG".to_string()
        })],
        14.0,
    )));
    d.blocks.push(Block::Para(Para::centered(
        vec![Run::italic(format!(
            "(Kèm theo Quyết định số {} ngày {} của {})",
            chosen.number,
            format_date_vi(&chosen.decision_date),
            authority
        ))],
        14.0,
    )));
    d.blocks
        .push(Block::Table(award_list(&awards, total_amount)));
    Ok(d)
}

/// Danh sách kèm theo: collectives, then individuals, then households, with the money and
/// the total.
fn award_list(awards: &[AwardRow], total_amount: i64) -> Table {
    let mut rows = Vec::new();
    for (ki, kind) in KINDS.iter().enumerate() {
        let of: Vec<_> = awards
            .iter()
            .filter(|a| a.recipient_kind == *kind)
            .collect();
        if of.is_empty() {
            continue;
        }
        let sum: i64 = of.iter().map(|a| a.amount).sum();
        rows.push(vec![
            Cell::new(format!(
                "{}. {} ({})",
                roman(ki + 1),
                kind.label().to_uppercase(),
                of.len()
            ))
            .span(4, 1)
            .bold()
            .align(Align::Left),
            Cell::new(n(sum)).bold(),
        ]);
        for (i, a) in of.iter().enumerate() {
            rows.push(vec![
                Cell::new((i + 1).to_string()),
                Cell::new(&a.recipient_name),
                Cell::new(position_unit(&a.position, &a.unit, &a.recipient_name)),
                Cell::new(&a.code_name),
                Cell::new(n(a.amount)),
            ]);
        }
    }
    rows.push(vec![
        Cell::new(format!("Tổng cộng: {} lượt", awards.len()))
            .span(4, 1)
            .bold()
            .align(Align::Left),
        Cell::new(n(total_amount)).bold(),
    ]);
    Table {
        columns: vec![
            col(0.7, Align::Center),
            col(2.4, Align::Left),
            col(3.0, Align::Left),
            col(2.4, Align::Left),
            col(1.3, Align::Right),
        ],
        header: vec![vec![
            h("STT"),
            h("Họ và tên / Tên tập thể"),
            h("Chức vụ, đơn vị công tác"),
            h("Danh hiệu, hình thức"),
            h("Số tiền (đồng)"),
        ]],
        rows,
        size: 12.0,
    }
}
