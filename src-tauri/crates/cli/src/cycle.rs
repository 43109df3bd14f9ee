//! The yearly cycle from the command line: registrations (`thidua registrations …`) and block
//! scores (`thidua scores …`).

use crate::output::Out;
use clap::Subcommand;
use thidua_core::persons::{Person, PersonInput};
use thidua_core::registrations::{RegistrationInput, RegistrationQuery, RegistrationRow};
use thidua_core::scoring::{format_points, BlockResult, BlockScoreInput, ScoreRow};
use thidua_core::subjects::{RecipientKind, Subject};
use thidua_core::units::Unit;
use thidua_core::{Error, Result, Store};

#[derive(Subcommand)]
pub enum RegistrationsCommand {
    /// Liệt kê đăng ký thi đua của một năm (theo đơn vị; tập thể trước, cá nhân sau)
    List {
        #[arg(long)]
        year: i32,
        /// Chỉ các đăng ký của đơn vị có mã này
        #[arg(long, value_name = "MÃ")]
        unit: Option<String>,
        /// Chỉ danh hiệu/hình thức có mã này, ví dụ LDTT
        #[arg(long, value_name = "MÃ")]
        code: Option<String>,
    },
    /// Đăng ký thi đua cho một tập thể (--unit) hoặc một cá nhân (--person)
    Add {
        #[arg(long)]
        year: i32,
        /// Mã danh hiệu/hình thức, ví dụ LDTT, CSTD_CS, TTLDTT, TTLDXS, GK_XA
        #[arg(long, value_name = "MÃ")]
        code: String,
        /// Mã đơn vị: tập thể đăng ký, hoặc đơn vị công tác của cá nhân khi có --person
        #[arg(long, value_name = "MÃ")]
        unit: Option<String>,
        /// Họ và tên cá nhân đăng ký (chưa có thì thêm mới)
        #[arg(long, value_name = "HỌ TÊN")]
        person: Option<String>,
        /// Chỉ tiêu đăng ký
        #[arg(long, default_value = "")]
        targets: String,
        /// Ngày đăng ký (dd/mm/yyyy hoặc yyyy-mm-dd)
        #[arg(long)]
        date: Option<String>,
    },
}

#[derive(Subcommand)]
pub enum ScoresCommand {
    /// Kết quả chấm điểm các khối thi đua của một năm, xếp hạng trong từng khối
    List {
        #[arg(long)]
        year: i32,
    },
    /// Ghi điểm tổng của một đơn vị trong khối; điểm không nhập thì giữ nguyên
    Set {
        #[arg(long)]
        year: i32,
        /// Tên khối thi đua (không phân biệt chữ hoa, chữ thường)
        #[arg(long, value_name = "TÊN KHỐI")]
        block: String,
        /// Mã đơn vị
        #[arg(long, value_name = "MÃ")]
        unit: String,
        /// Điểm tự chấm, ví dụ 95,5
        #[arg(long, value_name = "ĐIỂM", value_parser = parse_points)]
        self_score: Option<f64>,
        /// Điểm khối chấm
        #[arg(long, value_name = "ĐIỂM", value_parser = parse_points)]
        block_score: Option<f64>,
        /// Điểm hội đồng chấm
        #[arg(long, value_name = "ĐIỂM", value_parser = parse_points)]
        council_score: Option<f64>,
        /// Đề nghị khen thưởng, ví dụ "Cờ thi đua của UBND tỉnh"
        #[arg(long)]
        proposal: Option<String>,
    },
}

/// Points as clerks type them: "95,5" as well as "95.5".
fn parse_points(s: &str) -> std::result::Result<f64, String> {
    s.trim()
        .replace(',', ".")
        .parse::<f64>()
        .ok()
        .filter(|v| v.is_finite())
        .ok_or_else(|| format!("\"{s}\" không phải là số điểm (ví dụ 95,5)."))
}

/// Pads to a width in characters (not bytes), so Vietnamese columns line up.
fn pad(s: &str, width: usize) -> String {
    let n = s.chars().count();
    if n >= width {
        s.to_string()
    } else {
        format!("{s}{}", " ".repeat(width - n))
    }
}

fn width<'a>(values: impl Iterator<Item = &'a str>, min: usize) -> usize {
    values
        .map(|v| v.chars().count())
        .max()
        .unwrap_or(0)
        .max(min)
}

pub fn registrations(cmd: RegistrationsCommand, store: &mut Store, out: &Out) -> Result<()> {
    match cmd {
        RegistrationsCommand::List { year, unit, code } => {
            let unit_id = unit
                .map(|c| store.unit_by_code(&c).map(|u| u.id))
                .transpose()?;
            let rows = store.registrations(&RegistrationQuery {
                year,
                unit_id,
                code,
                search: None,
            })?;
            if out.json {
                out.json_value(&rows);
            } else {
                let catalog: Vec<String> = store.catalog()?.into_iter().map(|c| c.code).collect();
                print_registrations(year, &rows, &catalog);
            }
        }
        RegistrationsCommand::Add {
            year,
            code,
            unit,
            person,
            targets,
            date,
        } => {
            let unit = unit.map(|c| store.unit_by_code(&c)).transpose()?;
            // Finding or adding the person and registering them land together: a refused
            // registration does not leave a new person behind.
            let (row, notices) = store.atomically(|store| {
                let mut notices = Vec::new();
                let subject = match (person.as_deref(), &unit) {
                    (Some(name), unit) => {
                        let (id, said) = person_for(store, name, unit.as_ref())?;
                        notices = said;
                        Subject::Person(id)
                    }
                    (None, Some(unit)) => Subject::Unit(unit.id.clone()),
                    (None, None) => {
                        return Err(Error::invalid(
                            "subject",
                            "Hãy cho biết ai đăng ký: --unit MÃ cho tập thể, hoặc --person \"Họ tên\" (kèm --unit MÃ đơn vị công tác) cho cá nhân.",
                        ))
                    }
                };
                let created = store.create_registration(&RegistrationInput {
                    year,
                    subject,
                    code,
                    targets,
                    registered_on: date,
                })?;
                store
                    .registrations(&RegistrationQuery {
                        year,
                        ..Default::default()
                    })?
                    .into_iter()
                    .find(|r| r.id == created.id)
                    .map(|row| (row, notices))
                    .ok_or_else(|| Error::not_found("đăng ký vừa thêm"))
            })?;
            for notice in notices {
                eprintln!("{notice}");
            }
            let place = row
                .unit
                .as_deref()
                .filter(|u| *u != row.recipient_name)
                .map(|u| format!(" ({u})"))
                .unwrap_or_default();
            out.done(
                &row,
                &format!(
                    "Đã đăng ký \"{}\" năm {} cho {} \"{}\"{place}.",
                    row.code_name,
                    row.year,
                    row.recipient_kind.label().to_lowercase(),
                    row.recipient_name
                ),
            );
        }
    }
    Ok(())
}

fn describe_person(p: &Person) -> String {
    let mut details = vec![p
        .unit_name
        .clone()
        .unwrap_or_else(|| "chưa có đơn vị".into())];
    if let Some(year) = p.birth_year {
        details.push(format!("sinh {year}"));
    }
    format!("{} ({})", p.full_name, details.join(", "))
}

/// The person a name typed on the command line means: the one record with that name (any
/// spelling) in the given unit, or anywhere when no unit is given; a new record when there is
/// none. Several candidates are never guessed between. Also returns what the clerk should be
/// told, printed only once the registration is saved.
fn person_for(store: &mut Store, name: &str, unit: Option<&Unit>) -> Result<(String, Vec<String>)> {
    let named = store.persons_named(name)?;
    let (matching, elsewhere): (Vec<&Person>, Vec<&Person>) = named
        .iter()
        .partition(|p| unit.is_none_or(|u| p.unit_id.as_deref() == Some(u.id.as_str())));
    match matching.as_slice() {
        [one] => return Ok((one.id.clone(), Vec::new())),
        [] => {}
        several => {
            let list: Vec<String> = several.iter().map(|p| describe_person(p)).collect();
            return Err(Error::invalid(
                "person",
                format!(
                    "Có {} người tên \"{name}\"{}: {}. Không tự chọn được; {}",
                    several.len(),
                    unit.map(|u| format!(" ở {}", u.name)).unwrap_or_default(),
                    list.join("; "),
                    if unit.is_some() {
                        "hãy đăng ký trong ứng dụng hoặc gộp các hồ sơ trùng trước."
                    } else {
                        "hãy ghi thêm --unit MÃ đơn vị công tác."
                    }
                ),
            ));
        }
    }
    let created = store.create_person(&PersonInput::named(name, unit.map(|u| u.id.as_str())))?;
    let mut notices = vec![format!(
        "Đã thêm cá nhân mới: {}.",
        describe_person(&created)
    )];
    if !elsewhere.is_empty() {
        let list: Vec<String> = elsewhere.iter().map(|p| describe_person(p)).collect();
        notices.push(format!(
            "Lưu ý: đã có người cùng tên ở đơn vị khác: {}. Nếu là cùng một người, hãy gộp hồ sơ.",
            list.join("; ")
        ));
    }
    Ok((created.id, notices))
}

/// The list grouped by unit, then the totals per title and form in `catalog` order.
fn print_registrations(year: i32, rows: &[RegistrationRow], catalog: &[String]) {
    if rows.is_empty() {
        eprintln!("Năm {year} chưa có đăng ký thi đua nào.");
        return;
    }
    let name_w = width(rows.iter().map(|r| r.recipient_name.as_str()), 10).min(40);
    let mut last_unit = None;
    let mut n = 0;
    for r in rows {
        if last_unit != Some(&r.unit_id) {
            println!("{}", r.unit.as_deref().unwrap_or("(Chưa thuộc đơn vị nào)"));
            last_unit = Some(&r.unit_id);
            n = 0;
        }
        n += 1;
        let targets = if r.targets.is_empty() {
            String::new()
        } else {
            format!(" — {}", r.targets)
        };
        println!(
            "  {}  {}  {}  {}{targets}",
            pad(&n.to_string(), 3),
            pad(r.recipient_kind.label(), 11),
            pad(&r.recipient_name, name_w),
            r.code_name
        );
    }
    // Totals per title, as the bottom of the "Đăng ký thi đua" sheet shows them.
    let mut totals: Vec<(&RegistrationRow, usize)> = Vec::new();
    for r in rows {
        match totals
            .iter_mut()
            .find(|(t, _)| t.code == r.code && t.recipient_kind == r.recipient_kind)
        {
            Some(t) => t.1 += 1,
            None => totals.push((r, 1)),
        }
    }
    let kind_order = |k: RecipientKind| match k {
        RecipientKind::TapThe => 0,
        RecipientKind::CaNhan => 1,
        RecipientKind::HoGiaDinh => 2,
    };
    totals.sort_by_key(|(t, _)| {
        (
            catalog
                .iter()
                .position(|c| *c == t.code)
                .unwrap_or(usize::MAX),
            kind_order(t.recipient_kind),
        )
    });
    println!("Tổng hợp theo danh hiệu, hình thức:");
    for (t, count) in totals {
        println!(
            "  {} ({}): {count}",
            t.code_name,
            t.recipient_kind.label().to_lowercase()
        );
    }
    eprintln!("{} đăng ký.", rows.len());
}

pub fn scores(cmd: ScoresCommand, store: &mut Store, out: &Out) -> Result<()> {
    match cmd {
        ScoresCommand::List { year } => {
            let rows = store.scores(year)?;
            if out.json {
                out.json_value(&rows);
            } else {
                print_scores(year, &rows);
            }
        }
        ScoresCommand::Set {
            year,
            block,
            unit,
            self_score,
            block_score,
            council_score,
            proposal,
        } => {
            let wanted = block.trim().to_lowercase();
            let blocks = store.blocks(year)?;
            let Some(found) = blocks.iter().find(|b| b.name.to_lowercase() == wanted) else {
                let names: Vec<&str> = blocks.iter().map(|b| b.name.as_str()).collect();
                return Err(Error::not_found(if names.is_empty() {
                    format!("khối \"{block}\" (năm {year} chưa có khối thi đua nào)")
                } else {
                    format!(
                        "khối \"{block}\" trong năm {year} (các khối: {})",
                        names.join("; ")
                    )
                }));
            };
            let unit = store.unit_by_code(&unit)?;
            // What is not typed keeps its current value.
            let current = store
                .block_results(&found.id)?
                .into_iter()
                .find(|r| r.unit_id == unit.id);
            let keep = |typed: Option<f64>, old: fn(&BlockResult) -> Option<f64>| {
                typed.or_else(|| current.as_ref().and_then(old))
            };
            let result = store.set_block_score(
                &found.id,
                &unit.id,
                &BlockScoreInput {
                    self_score: keep(self_score, |r| r.self_score),
                    block_score: keep(block_score, |r| r.block_score),
                    council_score: keep(council_score, |r| r.council_score),
                    proposal: proposal
                        .or_else(|| current.as_ref().map(|r| r.proposal.clone()))
                        .unwrap_or_default(),
                    note: current.as_ref().map(|r| r.note.clone()).unwrap_or_default(),
                },
                None,
            )?;
            let rank = result
                .rank
                .map(|r| format!(", xếp hạng {r}"))
                .unwrap_or_default();
            out.done(
                &result,
                &format!(
                    "Đã ghi điểm của \"{}\" trong khối \"{}\" năm {year}: điểm cuối {}{rank}.",
                    result.unit,
                    found.name,
                    points(result.final_score)
                ),
            );
        }
    }
    Ok(())
}

fn points(x: Option<f64>) -> String {
    x.map(format_points).unwrap_or_else(|| "—".into())
}

fn print_scores(year: i32, rows: &[ScoreRow]) {
    if rows.is_empty() {
        eprintln!("Năm {year} chưa có khối thi đua nào.");
        return;
    }
    let code_w = width(rows.iter().map(|r| r.result.unit_code.as_str()), 2);
    let name_w = width(rows.iter().map(|r| r.result.unit.as_str()), 6).min(45);
    let mut last_block = None;
    for row in rows {
        let r = &row.result;
        if last_block != Some(&row.block_id) {
            println!("{} (năm {year})", row.block);
            println!(
                "  {}  {}  {}  {}  {}  {}  Đề nghị",
                pad("Hạng", 4),
                pad("Mã", code_w),
                pad("Đơn vị", name_w),
                pad("Tự chấm", 7),
                pad("Khối chấm", 9),
                pad("HĐ chấm", 7)
            );
            last_block = Some(&row.block_id);
        }
        println!(
            "  {}  {}  {}  {}  {}  {}  {}",
            pad(
                &r.rank.map(|n| n.to_string()).unwrap_or_else(|| "—".into()),
                4
            ),
            pad(&r.unit_code, code_w),
            pad(&r.unit, name_w),
            pad(&points(r.self_score), 7),
            pad(&points(r.block_score), 9),
            pad(&points(r.council_score), 7),
            r.proposal
        );
        if let Some(note) = &r.tie_note {
            println!("        ({note})");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use thidua_core::units::{UnitInput, UnitKind};

    fn unit(s: &mut Store, code: &str, name: &str) -> Unit {
        s.create_unit(&UnitInput {
            code: code.into(),
            name: name.into(),
            kind: UnitKind::DonViSuNghiep,
            staff_count: None,
            parent_id: None,
            note: String::new(),
        })
        .unwrap()
    }

    fn add(s: &mut Store, code: &str, unit: Option<&str>, person: Option<&str>) -> Result<()> {
        registrations(
            RegistrationsCommand::Add {
                year: 2025,
                code: code.into(),
                unit: unit.map(Into::into),
                person: person.map(Into::into),
                targets: String::new(),
                date: None,
            },
            s,
            &Out { json: false },
        )
    }

    #[test]
    fn points_are_read_with_a_comma_or_a_dot() {
        assert_eq!(parse_points("95,5"), Ok(95.5));
        assert_eq!(parse_points(" 100 "), Ok(100.0));
        assert!(parse_points("9x")
            .unwrap_err()
            .contains("không phải là số điểm"));
        assert!(parse_points("NaN").is_err());
    }

    #[test]
    fn a_person_is_found_by_any_spelling_added_once_and_never_guessed() {
        let mut s = Store::open_in_memory().unwrap();
        let th = unit(&mut s, "TH", "Trường Tiểu học An Bình");
        let mn = unit(&mut s, "MN", "Trường Mầm non An Bình");
        let (first, said) = person_for(&mut s, "Nguyễn Văn Bình", Some(&th)).unwrap();
        assert_eq!(
            said,
            vec!["Đã thêm cá nhân mới: Nguyễn Văn Bình (Trường Tiểu học An Bình)."]
        );
        let (again, said) = person_for(&mut s, "NGUYỄN VĂN BÌNH", Some(&th)).unwrap();
        assert_eq!((again.as_str(), said.len()), (first.as_str(), 0));
        let (alone, _) = person_for(&mut s, "nguyễn văn bình", None).unwrap();
        assert_eq!(alone, first, "the only one of that name");

        // the same name in another unit: a new record, and the clerk is told about the other
        let (other, said) = person_for(&mut s, "Nguyễn Văn Bình", Some(&mn)).unwrap();
        assert_ne!(other, first);
        assert!(said[1].contains(
            "đã có người cùng tên ở đơn vị khác: Nguyễn Văn Bình (Trường Tiểu học An Bình)"
        ));
        let err = person_for(&mut s, "Nguyễn Văn Bình", None).unwrap_err();
        assert_eq!(err.field(), Some("person"));
        assert!(
            err.to_string()
                .starts_with("Có 2 người tên \"Nguyễn Văn Bình\""),
            "{err}"
        );
        assert!(err.to_string().contains("--unit"), "{err}");
    }

    #[test]
    fn a_refused_registration_leaves_no_new_person_behind() {
        let mut s = Store::open_in_memory().unwrap();
        unit(&mut s, "CA", "Công an xã");
        let err = add(&mut s, "TTLDXS", Some("CA"), Some("Lê Văn Cường")).unwrap_err();
        assert_eq!(err.field(), Some("code"));
        assert!(s.persons_named("Lê Văn Cường").unwrap().is_empty());
        add(&mut s, "LDTT", Some("ca"), Some("Lê Văn Cường")).unwrap();
        add(&mut s, "TTLDTT", Some("CA"), None).unwrap();
        assert_eq!(
            add(&mut s, "TTLDTT", None, None).unwrap_err().field(),
            Some("subject")
        );
        let rows = s
            .registrations(&RegistrationQuery {
                year: 2025,
                ..Default::default()
            })
            .unwrap();
        let kinds: Vec<RecipientKind> = rows.iter().map(|r| r.recipient_kind).collect();
        assert_eq!(kinds, vec![RecipientKind::TapThe, RecipientKind::CaNhan]);
    }

    #[test]
    fn setting_one_score_keeps_the_others() {
        let mut s = Store::open_in_memory().unwrap();
        let th = unit(&mut s, "TH", "Trường Tiểu học An Bình");
        s.create_block(&thidua_core::blocks::BlockInput {
            year: 2025,
            name: "Khối Giáo dục".into(),
            note: String::new(),
            members: vec![thidua_core::blocks::BlockMemberInput {
                unit_id: th.id.clone(),
                role: thidua_core::blocks::BlockRole::TruongKhoi,
            }],
        })
        .unwrap();
        let set = |s: &mut Store, own: Option<f64>, council: Option<f64>, block: &str| {
            scores(
                ScoresCommand::Set {
                    year: 2025,
                    block: block.into(),
                    unit: "TH".into(),
                    self_score: own,
                    block_score: None,
                    council_score: council,
                    proposal: Some("Cờ thi đua của UBND tỉnh".into()),
                },
                s,
                &Out { json: false },
            )
        };
        set(&mut s, Some(96.0), None, "KHỐI GIÁO DỤC").unwrap();
        set(&mut s, None, Some(97.5), "Khối Giáo dục").unwrap();
        let row = &s.scores(2025).unwrap()[0].result;
        assert_eq!(
            (row.self_score, row.council_score, row.rank),
            (Some(96.0), Some(97.5), Some(1))
        );
        assert_eq!(row.proposal, "Cờ thi đua của UBND tỉnh");
        let err = set(&mut s, Some(90.0), None, "Khối Y tế").unwrap_err();
        assert_eq!(
            err.to_string(),
            "Không tìm thấy khối \"Khối Y tế\" trong năm 2025 (các khối: Khối Giáo dục)."
        );
    }
}
