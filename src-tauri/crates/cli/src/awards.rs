//! `thidua awards …`, `thidua stats`, `thidua person history`, `thidua check`: the award
//! decisions, the figures reports quote, a person's history and the rule warnings.

use crate::output::{pad, Out};
use clap::Subcommand;
use thidua_core::decisions::{AwardInput, AwardQuery, AwardType, DecisionInput, DecisionLevel};
use thidua_core::rules::format_vnd;
use thidua_core::subjects::Subject;
use thidua_core::units::format_date_vi;
use thidua_core::{Error, Result, Store};

#[derive(Subcommand)]
pub enum AwardsCommand {
    /// Liệt kê khen thưởng (theo năm của ngày quyết định)
    List {
        #[arg(long)]
        year: Option<i32>,
        /// Chỉ các khen thưởng của một quyết định (số quyết định)
        #[arg(long, value_name = "SỐ")]
        decision: Option<String>,
    },
    /// Tạo quyết định khen thưởng
    Decide {
        /// Số quyết định, ví dụ 45/QĐ-UBND
        #[arg(long)]
        number: String,
        /// Ngày quyết định (dd/mm/yyyy)
        #[arg(long)]
        date: String,
        /// Năm thành tích
        #[arg(long)]
        year: i32,
        /// nha_nuoc, bo_tinh, huyen, xa, co_quan
        #[arg(long, default_value = "xa")]
        level: String,
        /// cong_trang, dot_xuat, phong_trao_dot, chuyen_de, cong_hien, nien_han, doi_ngoai, khang_chien
        #[arg(long, default_value = "cong_trang")]
        award_type: String,
        #[arg(long, default_value = "")]
        authority: String,
    },
    /// Thêm người/tập thể được khen vào một quyết định
    Add {
        /// Số quyết định
        #[arg(long, value_name = "SỐ")]
        decision: String,
        /// Mã danh hiệu/hình thức (LDTT, GK_XA …)
        #[arg(long)]
        code: String,
        /// Mã đơn vị (khen tập thể, hoặc đơn vị của cá nhân khi có --person)
        #[arg(long, value_name = "MÃ")]
        unit: Option<String>,
        /// Họ tên cá nhân
        #[arg(long)]
        person: Option<String>,
        #[arg(long, default_value = "")]
        achievement: String,
        /// Người lao động trực tiếp
        #[arg(long)]
        direct: bool,
    },
}

#[derive(Subcommand)]
pub enum PersonCommand {
    /// Toàn bộ quá trình khen thưởng của một người (tên viết kiểu nào cũng tìm được)
    History {
        /// Họ và tên
        name: String,
    },
}

pub fn awards(cmd: AwardsCommand, store: &mut Store, out: &Out) -> Result<()> {
    match cmd {
        AwardsCommand::List { year, decision } => {
            let decision_id = decision
                .map(|n| store.decision_by_number(&n).map(|d| d.id))
                .transpose()?;
            let rows = store.awards(&AwardQuery {
                year,
                decision_id,
                ..Default::default()
            })?;
            if out.json {
                out.json_value(&rows);
                return Ok(());
            }
            for (i, a) in rows.iter().enumerate() {
                println!(
                    "{}  {}  {}  {}  {} {}  {} đ",
                    pad(&(i + 1).to_string(), 4),
                    pad(&a.recipient_name, 28),
                    pad(&a.code, 10),
                    pad(&a.unit, 28),
                    a.decision_number,
                    format_date_vi(&a.decision_date),
                    format_vnd(a.amount)
                );
            }
            eprintln!(
                "{} khen thưởng, tổng tiền {} đồng.",
                rows.len(),
                format_vnd(rows.iter().map(|a| a.amount).sum())
            );
        }
        AwardsCommand::Decide {
            number,
            date,
            year,
            level,
            award_type,
            authority,
        } => {
            let d = store.create_decision(&DecisionInput {
                number,
                decision_date: date,
                level: DecisionLevel::parse(&level)?,
                authority,
                signer_name: String::new(),
                signer_title: String::new(),
                award_type: AwardType::parse(&award_type)?,
                movement_id: None,
                year,
                period_from: None,
                period_to: None,
                note: String::new(),
            })?;
            out.done(
                &d,
                &format!(
                    "Đã tạo quyết định {} ngày {}.",
                    d.number,
                    format_date_vi(&d.decision_date)
                ),
            );
        }
        AwardsCommand::Add {
            decision,
            code,
            unit,
            person,
            achievement,
            direct,
        } => {
            let d = store.decision_by_number(&decision)?;
            let unit_id = unit
                .map(|c| store.unit_by_code(&c).map(|u| u.id))
                .transpose()?;
            let subject = match (person, unit_id) {
                (Some(name), unit_id) => {
                    Subject::Person(find_person(store, &name, unit_id.as_deref())?)
                }
                (None, Some(unit_id)) => Subject::Unit(unit_id),
                (None, None) => {
                    return Err(Error::invalid(
                        "person",
                        "Cần --person (cá nhân) hoặc --unit (tập thể).",
                    ))
                }
            };
            let a = store.add_award(
                &d.id,
                &AwardInput {
                    subject,
                    code,
                    achievement,
                    direct_worker: direct,
                    position: None,
                    unit_name: None,
                    amount: None,
                },
            )?;
            out.done(
                &a,
                &format!(
                    "Đã thêm {} – {} vào quyết định {} ({} đ).",
                    a.recipient_name,
                    a.code_name,
                    a.decision_number,
                    format_vnd(a.amount)
                ),
            );
        }
    }
    Ok(())
}

/// The one person a name (any spelling) and optional unit point at; several candidates are
/// an error listing them, never a guess.
fn find_person(store: &Store, name: &str, unit_id: Option<&str>) -> Result<String> {
    let found: Vec<_> = store
        .persons_by_name(name)?
        .into_iter()
        .filter(|p| unit_id.is_none() || p.unit_id.as_deref() == unit_id)
        .collect();
    match found.as_slice() {
        [one] => Ok(one.id.clone()),
        [] => Err(Error::not_found(format!("cá nhân \"{name}\""))),
        many => Err(Error::invalid(
            "person",
            format!(
                "Có {} người tên \"{name}\" ({}). Hãy ghi rõ đơn vị bằng --unit.",
                many.len(),
                many.iter()
                    .map(|p| p
                        .unit_name
                        .clone()
                        .unwrap_or_else(|| "chưa có đơn vị".into()))
                    .collect::<Vec<_>>()
                    .join("; ")
            ),
        )),
    }
}

pub fn person(cmd: PersonCommand, store: &Store, out: &Out) -> Result<()> {
    let PersonCommand::History { name } = cmd;
    let people = store.persons_by_name(&name)?;
    if people.is_empty() {
        return Err(Error::not_found(format!("cá nhân \"{name}\"")));
    }
    let histories = people
        .iter()
        .map(|p| store.person_history(&p.id))
        .collect::<Result<Vec<_>>>()?;
    if out.json {
        out.json_value(&histories);
        return Ok(());
    }
    for h in &histories {
        let p = &h.person;
        println!(
            "{}{}{}",
            p.full_name,
            p.birth_year
                .map(|y| format!(", sinh năm {y}"))
                .unwrap_or_default(),
            p.unit_name
                .as_deref()
                .map(|u| format!(" — {u}"))
                .unwrap_or_default()
        );
        for r in &h.ratings {
            println!("  {}  {}", r.year, r.completion.label());
        }
        for a in &h.awards {
            println!(
                "  {}  {}  (QĐ {} ngày {})",
                a.year,
                a.code_name,
                a.decision_number,
                format_date_vi(&a.decision_date)
            );
        }
        if h.awards.is_empty() {
            println!("  Chưa có khen thưởng nào.");
        }
    }
    if histories.len() > 1 {
        eprintln!(
            "Có {} người cùng tên; mỗi người một hồ sơ.",
            histories.len()
        );
    }
    Ok(())
}

pub fn stats(store: &Store, year: i32, half: Option<u8>, out: &Out) -> Result<()> {
    let st = store.stats(year, half)?;
    if out.json {
        out.json_value(&st);
        return Ok(());
    }
    let period = match half {
        Some(h) => format!("6 tháng {} năm {year}", if h == 1 { "đầu" } else { "cuối" }),
        None => format!("năm {year}"),
    };
    let c = &st.current;
    println!(
        "Khen thưởng {period} ({} – {}), {} quyết định",
        format_date_vi(&c.from),
        format_date_vi(&c.to),
        c.decisions
    );
    println!(
        "  Danh hiệu thi đua: {} (cá nhân {}, tập thể {}, hộ gia đình {})",
        c.danh_hieu.total, c.danh_hieu.ca_nhan, c.danh_hieu.tap_the, c.danh_hieu.ho_gia_dinh
    );
    println!(
        "  Hình thức khen thưởng: {} (cá nhân {}, tập thể {}, hộ gia đình {})",
        c.hinh_thuc.total, c.hinh_thuc.ca_nhan, c.hinh_thuc.tap_the, c.hinh_thuc.ho_gia_dinh
    );
    println!(
        "  Người lao động trực tiếp: {}/{} cá nhân ({}%)",
        c.direct_workers,
        c.individuals,
        format!("{:.1}", c.direct_worker_ratio).replace('.', ",")
    );
    println!("  Tiền thưởng: {} đồng", format_vnd(c.total_amount));
    for x in &c.by_code {
        println!(
            "    {}  {}  {}",
            pad(&x.code, 12),
            pad(x.recipient_kind.label(), 12),
            x.count
        );
    }
    println!(
        "Cùng kỳ năm {}: {} danh hiệu, {} hình thức",
        year - 1,
        st.previous.danh_hieu.total,
        st.previous.hinh_thuc.total
    );
    for r in &st.vs_registrations {
        println!(
            "  Đăng ký {}: {} — đạt {}",
            r.name, r.registered, r.achieved
        );
    }
    Ok(())
}

pub fn check(store: &Store, year: i32, out: &Out) -> Result<()> {
    let report = store.check_year(year)?;
    if out.json {
        out.json_value(&report);
        return Ok(());
    }
    for w in &report.warnings {
        let who = if w.subject_name.is_empty() {
            String::new()
        } else {
            format!("{}: ", w.subject_name)
        };
        println!("⚠ {}{} [{} — {}]", who, w.message, w.title, w.legal_ref);
    }
    for d in &report.decisions {
        println!(
            "QĐ {} ngày {}: {} khen thưởng, {} đ",
            d.number,
            format_date_vi(&d.decision_date),
            d.awards,
            format_vnd(d.amount)
        );
    }
    eprintln!(
        "Năm {year}: {} cảnh báo; tổng tiền thưởng {} đồng.",
        report.warnings.len(),
        format_vnd(report.total_amount)
    );
    Ok(())
}
