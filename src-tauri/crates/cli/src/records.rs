//! `thidua movements …`, `thidua proposals …`, `thidua initiatives …`, `thidua fund …`: the
//! records the narrative reports quote — emulation movements (with biểu 0601), proposals
//! upward, initiatives, and the reward fund.

use crate::output::{pad, Out};
use clap::Subcommand;
use thidua_core::fund::{FundDirection, FundEntry, FundEntryInput, FundYear};
use thidua_core::initiatives::Initiative;
use thidua_core::movements::{
    LaunchLevel, Movement, MovementInput, MovementMethod, MovementScope, MovementStats,
};
use thidua_core::proposals::{DuplicateProposal, Proposal};
use thidua_core::rules::format_vnd;
use thidua_core::units::format_date_vi;
use thidua_core::{Result, Store};

#[derive(Subcommand)]
pub enum MovementsCommand {
    /// Thêm phong trào thi đua
    Add {
        /// Tên phong trào
        #[arg(long)]
        name: String,
        /// Cấp phát động: trung_uong, tinh, huyen, co_quan, don_vi
        #[arg(long, default_value = "co_quan", value_parser = core_parser(LaunchLevel::parse))]
        launched_by: LaunchLevel,
        /// Phạm vi: toan_quoc, bo_nganh_dia_phuong, cum_khoi, co_quan_don_vi
        #[arg(long, default_value = "co_quan_don_vi", value_parser = core_parser(MovementScope::parse))]
        scope: MovementScope,
        /// Hình thức: thuong_xuyen (hằng năm) hoặc chuyen_de
        #[arg(long, default_value = "chuyen_de", value_parser = core_parser(MovementMethod::parse))]
        method: MovementMethod,
        /// Ngày bắt đầu (dd/mm/yyyy hoặc yyyy-mm-dd)
        #[arg(long)]
        start: Option<String>,
        /// Ngày kết thúc; bỏ trống nếu phong trào diễn ra hằng năm
        #[arg(long)]
        end: Option<String>,
        /// Số văn bản phát động, ví dụ 15/KH-UBND
        #[arg(long, default_value = "")]
        doc_number: String,
        /// Ngày văn bản phát động
        #[arg(long)]
        doc_date: Option<String>,
        #[arg(long, default_value = "")]
        note: String,
    },
    /// Liệt kê phong trào thi đua (có --year: các phong trào diễn ra trong năm đó)
    List {
        #[arg(long)]
        year: Option<i32>,
    },
    /// Số phong trào thi đua của một năm (biểu 0601.N)
    Stats {
        #[arg(long)]
        year: i32,
    },
}

#[derive(Subcommand)]
pub enum ProposalsCommand {
    /// Liệt kê tờ trình đề nghị khen thưởng cấp trên, với số dòng theo kết quả
    List {
        /// Năm thành tích được đề nghị
        #[arg(long)]
        year: Option<i32>,
    },
}

#[derive(Subcommand)]
pub enum InitiativesCommand {
    /// Liệt kê sáng kiến được công nhận, và khen thưởng mỗi sáng kiến đã làm căn cứ
    List {
        #[arg(long)]
        year: Option<i32>,
    },
}

#[derive(Subcommand)]
pub enum FundCommand {
    /// Sổ quỹ thi đua, khen thưởng của một năm: tồn đầu, thu, chi, tồn cuối
    Show {
        #[arg(long)]
        year: i32,
    },
    /// Ghi một khoản thu hoặc chi của quỹ (tiền thưởng theo quyết định được tính tự động, không ghi ở đây)
    Add {
        #[arg(long)]
        year: i32,
        /// thu hoặc chi
        #[arg(long, value_parser = core_parser(FundDirection::parse))]
        direction: FundDirection,
        /// Ngày thu, chi (dd/mm/yyyy hoặc yyyy-mm-dd), trong năm --year
        #[arg(long)]
        date: String,
        /// Số tiền (đồng), ví dụ 1500000 hoặc 1.500.000
        #[arg(long, value_parser = parse_amount)]
        amount: i64,
        /// Nội dung thu, chi
        #[arg(long)]
        description: String,
    },
}

/// Đồng as clerks type them: "1500000", "1.500.000" or "1 500 000". A comma is refused
/// rather than guessed: "1,5" could mean 1.5 million or 15.
fn parse_amount(s: &str) -> std::result::Result<i64, String> {
    let digits: String = s
        .trim()
        .chars()
        .filter(|c| !matches!(c, '.' | ' '))
        .collect();
    if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) {
        return Err(format!(
            "\"{s}\" không phải là số tiền. Ghi số đồng, ví dụ 1500000 hoặc 1.500.000."
        ));
    }
    digits
        .parse::<i64>()
        .map_err(|_| format!("Số tiền \"{s}\" quá lớn."))
}

/// A core `parse` as a clap value parser, so a wrong choice is refused with the core's
/// Vietnamese message before anything is opened.
fn core_parser<T: Clone + Send + Sync + 'static>(
    parse: fn(&str) -> Result<T>,
) -> impl Fn(&str) -> std::result::Result<T, String> + Clone {
    move |s| parse(s.trim()).map_err(|e| e.to_string())
}

fn width<'a>(values: impl Iterator<Item = &'a str>, min: usize) -> usize {
    values
        .map(|v| v.chars().count())
        .max()
        .unwrap_or(0)
        .max(min)
}

/// Right-aligns to a width in characters, for money columns.
fn pad_left(s: &str, width: usize) -> String {
    let n = s.chars().count();
    format!("{}{s}", " ".repeat(width.saturating_sub(n)))
}

pub fn movements(cmd: MovementsCommand, store: &mut Store, out: &Out) -> Result<()> {
    match cmd {
        MovementsCommand::Add {
            name,
            launched_by,
            scope,
            method,
            start,
            end,
            doc_number,
            doc_date,
            note,
        } => {
            let m = store.create_movement(&MovementInput {
                name,
                launched_by,
                scope,
                method,
                start_date: start,
                end_date: end,
                doc_number,
                doc_date,
                note,
            })?;
            out.done(
                &m,
                &format!(
                    "Đã thêm phong trào \"{}\" ({}, {}).",
                    m.name,
                    m.launched_by.label(),
                    span(&m)
                ),
            );
        }
        MovementsCommand::List { year } => {
            let list = store.movements(year)?;
            if out.json {
                out.json_value(&list);
            } else {
                print_movements(year, &list);
            }
        }
        MovementsCommand::Stats { year } => {
            let stats = store.movement_stats(year)?;
            if out.json {
                out.json_value(&stats);
            } else {
                print_movement_stats(&stats);
            }
        }
    }
    Ok(())
}

/// "01/01/2021 – nay", "13/04/2025 – 31/10/2025", or "chưa ghi thời gian".
fn span(m: &Movement) -> String {
    match (&m.start_date, &m.end_date) {
        (Some(start), Some(end)) => format!("{} – {}", format_date_vi(start), format_date_vi(end)),
        (Some(start), None) => format!("{} – nay", format_date_vi(start)),
        _ => "chưa ghi thời gian".into(),
    }
}

fn print_movements(year: Option<i32>, list: &[Movement]) {
    if list.is_empty() {
        match year {
            Some(y) => eprintln!("Năm {y} không có phong trào thi đua nào."),
            None => eprintln!("Chưa có phong trào thi đua nào."),
        }
        return;
    }
    let level_w = width(list.iter().map(|m| m.launched_by.label()), 10);
    let method_w = width(list.iter().map(|m| m.method.label()), 9);
    let spans: Vec<String> = list.iter().map(span).collect();
    let span_w = width(spans.iter().map(String::as_str), 9);
    println!(
        "{}  {}  {}  {}  Tên phong trào",
        pad("STT", 4),
        pad("Cấp phát động", level_w),
        pad("Hình thức", method_w),
        pad("Thời gian", span_w)
    );
    for (i, (m, span)) in list.iter().zip(&spans).enumerate() {
        let doc = if m.doc_number.is_empty() {
            String::new()
        } else {
            format!(" ({})", m.doc_number)
        };
        println!(
            "{}  {}  {}  {}  {}{doc}",
            pad(&(i + 1).to_string(), 4),
            pad(m.launched_by.label(), level_w),
            pad(m.method.label(), method_w),
            pad(span, span_w),
            m.name
        );
    }
    eprintln!("{} phong trào.", list.len());
}

fn print_movement_stats(stats: &MovementStats) {
    println!("SỐ PHONG TRÀO THI ĐUA NĂM {} (biểu 0601.N)", stats.year);
    let label_w = width(stats.rows.iter().map(|r| r.label.as_str()), 10);
    // Columns 1–4 of the form.
    let columns = [
        "Tổng số",
        "Trung ương",
        "Bộ, ngành, tỉnh",
        "Cơ quan, đơn vị",
    ];
    let header: Vec<String> = columns
        .iter()
        .map(|c| pad_left(c, c.chars().count()))
        .collect();
    println!(
        "{}  {}  {}",
        pad("Mã", 3),
        pad("Chỉ tiêu", label_w),
        header.join("  ")
    );
    for r in &stats.rows {
        let cells: Vec<String> = [r.total, r.trung_uong, r.bo_tinh, r.co_quan_don_vi]
            .iter()
            .zip(columns)
            .map(|(n, c)| pad_left(&n.to_string(), c.chars().count()))
            .collect();
        println!(
            "{}  {}  {}",
            pad(&r.row, 3),
            pad(&r.label, label_w),
            cells.join("  ")
        );
    }
}

pub fn proposals(cmd: ProposalsCommand, store: &Store, out: &Out) -> Result<()> {
    match cmd {
        ProposalsCommand::List { year } => {
            let list = store.proposals(year)?;
            let duplicates = year
                .map(|y| store.duplicate_proposals(y))
                .transpose()?
                .unwrap_or_default();
            if out.json {
                out.json_value(&serde_json::json!({ "proposals": list, "duplicates": duplicates }));
            } else {
                print_proposals(year, &list);
            }
            print_duplicate_warnings(&duplicates);
        }
    }
    Ok(())
}

fn print_proposals(year: Option<i32>, list: &[Proposal]) {
    if list.is_empty() {
        match year {
            Some(y) => eprintln!("Chưa có tờ trình đề nghị khen thưởng nào cho năm {y}."),
            None => eprintln!("Chưa có tờ trình đề nghị khen thưởng nào."),
        }
        return;
    }
    let numbers: Vec<&str> = list
        .iter()
        .map(|p| {
            if p.number.is_empty() {
                "(chưa có số)"
            } else {
                p.number.as_str()
            }
        })
        .collect();
    let number_w = width(numbers.iter().copied(), 5);
    println!(
        "{}  {}  {}  {}  {}  {}  {}  Gửi",
        pad("STT", 4),
        pad("Số", number_w),
        pad("Ngày", 10),
        pad("Năm", 4),
        pad_left("Đề nghị", 7),
        pad_left("Được duyệt", 10),
        pad_left("Không duyệt", 11)
    );
    for (i, (p, number)) in list.iter().zip(numbers).enumerate() {
        println!(
            "{}  {}  {}  {}  {}  {}  {}  {}",
            pad(&(i + 1).to_string(), 4),
            pad(number, number_w),
            format_date_vi(&p.proposal_date),
            p.year,
            pad_left(&p.item_count.to_string(), 7),
            pad_left(&p.approved.to_string(), 10),
            pad_left(&p.rejected.to_string(), 11),
            p.to_authority
        );
    }
    let waiting: u32 = list.iter().map(|p| p.pending).sum();
    eprintln!(
        "{} tờ trình; {waiting} dòng đề nghị đang chờ kết quả.",
        list.len()
    );
}

/// A subject proposed twice for the same title is a warning for the clerk, not an error.
fn print_duplicate_warnings(duplicates: &[DuplicateProposal]) {
    for d in duplicates {
        eprintln!(
            "Lưu ý: {} \"{}\" được đề nghị \"{}\" trong nhiều tờ trình: {}.",
            d.recipient_kind.label(),
            d.recipient_name,
            d.code_name,
            d.proposal_numbers.join(", ")
        );
    }
}

pub fn initiatives(cmd: InitiativesCommand, store: &Store, out: &Out) -> Result<()> {
    match cmd {
        InitiativesCommand::List { year } => {
            let list = store.initiatives(year)?;
            if out.json {
                out.json_value(&list);
            } else {
                print_initiatives(year, &list);
            }
        }
    }
    Ok(())
}

fn print_initiatives(year: Option<i32>, list: &[Initiative]) {
    if list.is_empty() {
        match year {
            Some(y) => eprintln!("Năm {y} chưa có sáng kiến nào được ghi nhận."),
            None => eprintln!("Chưa có sáng kiến nào được ghi nhận."),
        }
        return;
    }
    let name_w = width(list.iter().map(|i| i.person_name.as_str()), 8).min(30);
    let scope_w = width(list.iter().map(|i| i.scope.label()), 8);
    println!(
        "{}  {}  {}  {}  Tên sáng kiến — khen thưởng đã làm căn cứ",
        pad("STT", 4),
        pad("Năm", 4),
        pad("Họ và tên", name_w),
        pad("Phạm vi", scope_w)
    );
    for (n, i) in list.iter().enumerate() {
        let used = match &i.used_for_label {
            Some(label) => format!(" — đã dùng cho {label}"),
            None => " — chưa dùng".into(),
        };
        println!(
            "{}  {}  {}  {}  {}{used}",
            pad(&(n + 1).to_string(), 4),
            i.year,
            pad(&i.person_name, name_w),
            pad(i.scope.label(), scope_w),
            i.title
        );
    }
    let unused = list.iter().filter(|i| i.used_for.is_none()).count();
    eprintln!(
        "{} sáng kiến, {unused} chưa làm căn cứ khen thưởng.",
        list.len()
    );
}

pub fn fund(cmd: FundCommand, store: &mut Store, out: &Out) -> Result<()> {
    match cmd {
        FundCommand::Show { year } => {
            let fund = store.fund_year(year)?;
            if out.json {
                out.json_value(&fund);
            } else {
                print_fund(&fund);
            }
        }
        FundCommand::Add {
            year,
            direction,
            date,
            amount,
            description,
        } => {
            let entry = store.create_fund_entry(&FundEntryInput {
                year,
                direction,
                entry_date: date,
                amount,
                description,
            })?;
            out.done(
                &entry,
                &format!(
                    "Đã ghi khoản {} {} đ ngày {}: {}.",
                    entry.direction.label().to_lowercase(),
                    format_vnd(entry.amount),
                    format_date_vi(&entry.entry_date),
                    entry.description
                ),
            );
        }
    }
    Ok(())
}

fn print_fund(f: &FundYear) {
    const TEXT_W: usize = 60;
    const MONEY_W: usize = 16;
    let line = |label: &str, amount: i64| {
        println!(
            "{}{}",
            pad(label, TEXT_W),
            pad_left(&format!("{} đ", format_vnd(amount)), MONEY_W)
        )
    };
    let entries = |list: &[FundEntry]| {
        for e in list {
            line(
                &format!("  {}  {}", format_date_vi(&e.entry_date), e.description),
                e.amount,
            );
        }
    };
    println!("QUỸ THI ĐUA, KHEN THƯỞNG NĂM {}", f.year);
    line("Tồn đầu năm", f.opening_balance);
    println!("Thu");
    entries(&f.receipts);
    line("  Cộng thu", f.total_receipts);
    println!(
        "Chi tiền thưởng theo quyết định ({})",
        f.paying_level.label().to_lowercase()
    );
    for d in &f.decision_payments {
        line(
            &format!(
                "  {}  Quyết định số {}",
                format_date_vi(&d.decision_date),
                d.number
            ),
            d.amount,
        );
    }
    line("  Cộng chi theo quyết định", f.total_decision_payments);
    println!("Chi khác");
    entries(&f.manual_payments);
    line("  Cộng chi khác", f.total_manual_payments);
    line("Tồn cuối năm", f.closing_balance);
    if f.closing_balance < 0 {
        eprintln!(
            "Lưu ý: quỹ năm {} bị âm; hãy kiểm tra các khoản thu đã ghi đủ chưa.",
            f.year
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use thidua_core::profile::{OfficeLevel, OfficeProfile};

    fn quiet() -> Out {
        Out { json: false }
    }

    #[test]
    fn amounts_are_read_with_or_without_thousand_dots() {
        assert_eq!(parse_amount("1.500.000"), Ok(1_500_000));
        assert_eq!(parse_amount(" 1 500 000 "), Ok(1_500_000));
        assert_eq!(parse_amount("710000"), Ok(710_000));
        assert!(parse_amount("1,5")
            .unwrap_err()
            .contains("không phải là số tiền"));
        assert!(parse_amount("-5").is_err());
        assert!(parse_amount("").is_err());
        assert!(parse_amount("99999999999999999999")
            .unwrap_err()
            .contains("quá lớn"));
    }

    #[test]
    fn movements_added_listed_and_counted() {
        let mut s = Store::open_in_memory().unwrap();
        let add = |s: &mut Store, launched_by: LaunchLevel, end: Option<&str>| {
            movements(
                MovementsCommand::Add {
                    name: format!("Phong trào của cấp {}", launched_by.label()),
                    launched_by,
                    scope: MovementScope::CoQuanDonVi,
                    method: MovementMethod::ChuyenDe,
                    start: Some("01/01/2025".into()),
                    end: end.map(Into::into),
                    doc_number: "15/KH-UBND".into(),
                    doc_date: None,
                    note: String::new(),
                },
                s,
                &quiet(),
            )
        };
        add(&mut s, LaunchLevel::TrungUong, Some("30/6/2025")).unwrap();
        add(&mut s, LaunchLevel::Huyen, None).unwrap();
        let err = add(&mut s, LaunchLevel::Huyen, Some("01/01/2024")).unwrap_err();
        assert_eq!(err.field(), Some("end_date"));
        let parse = core_parser(LaunchLevel::parse);
        assert_eq!(parse(" tinh "), Ok(LaunchLevel::Tinh));
        assert!(parse("xa")
            .unwrap_err()
            .contains("Cấp phát động \"xa\" không hợp lệ"));
        movements(
            MovementsCommand::List { year: Some(2025) },
            &mut s,
            &quiet(),
        )
        .unwrap();
        movements(MovementsCommand::Stats { year: 2025 }, &mut s, &quiet()).unwrap();
        let stats = s.movement_stats(2025).unwrap();
        let total = stats.row("01").unwrap();
        assert_eq!(
            (total.total, total.trung_uong, total.co_quan_don_vi),
            (2, 1, 1)
        );
    }

    #[test]
    fn fund_add_then_show() {
        let mut s = Store::open_in_memory().unwrap();
        s.init_profile(&OfficeProfile::new("UBND xã An Bình", OfficeLevel::Xa))
            .unwrap();
        let add = |s: &mut Store, direction: FundDirection, date: &str| {
            fund(
                FundCommand::Add {
                    year: 2025,
                    direction,
                    date: date.into(),
                    amount: 2_000_000,
                    description: "Trích lập quỹ".into(),
                },
                s,
                &quiet(),
            )
        };
        add(&mut s, FundDirection::Thu, "05/01/2025").unwrap();
        let err = add(&mut s, FundDirection::Chi, "05/01/2026").unwrap_err();
        assert_eq!(err.field(), Some("entry_date"));
        assert!(core_parser(FundDirection::parse)("vay").is_err());
        fund(FundCommand::Show { year: 2025 }, &mut s, &quiet()).unwrap();
        assert_eq!(s.fund_year(2026).unwrap().opening_balance, 2_000_000);
    }

    #[test]
    fn lists_run_on_an_empty_office() {
        let s = Store::open_in_memory().unwrap();
        proposals(
            ProposalsCommand::List { year: Some(2025) },
            &s,
            &Out { json: true },
        )
        .unwrap();
        initiatives(InitiativesCommand::List { year: None }, &s, &quiet()).unwrap();
    }
}
