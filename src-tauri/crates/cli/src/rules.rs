//! `thidua rules …`: the catalog and the legal rules as the clerk keeps them — every value
//! with its legal reference, and the few edits a new decree needs (a base salary row, a
//! coefficient, a cap, the rounding); `thidua search`: one search over units, people,
//! decisions.

use crate::output::{pad, Out};
use clap::Subcommand;
use serde::Serialize;
use thidua_core::rules::{format_vnd, AwardKind, CatalogItem, Coefficient};
use thidua_core::subjects::RecipientKind;
use thidua_core::units::format_date_vi;
use thidua_core::{Error, Result, Store};

#[derive(Subcommand)]
pub enum RulesCommand {
    /// Danh mục danh hiệu, hình thức và hệ số theo từng chế độ, lương cơ sở, tham số quy định
    List,
    /// Thêm hoặc sửa mức lương cơ sở từ một ngày
    BaseSalary {
        /// Ngày hiệu lực (dd/mm/yyyy)
        #[arg(long)]
        from: String,
        /// Số tiền (đồng)
        #[arg(long)]
        amount: i64,
        /// Căn cứ pháp lý, ví dụ "NĐ 73/2024/NĐ-CP"
        #[arg(long = "ref")]
        legal_ref: String,
        /// Mức đã công bố nhưng chưa có văn bản chính thức
        #[arg(long)]
        unconfirmed: bool,
    },
    /// Hệ số tiền thưởng: --from NGÀY thêm hệ số mới từ ngày đó (quyết định ký trước giữ hệ số
    /// cũ); --regime sửa hệ số gốc của một chế độ
    Coefficient {
        #[arg(long)]
        code: String,
        /// nd91, nd98, nd152
        #[arg(long, required_unless_present = "from", conflicts_with = "from")]
        regime: Option<String>,
        /// Ngày áp dụng hệ số mới (dd/mm/yyyy)
        #[arg(long, value_name = "NGÀY")]
        from: Option<String>,
        /// Hệ số (bỏ trống: không có tiền thưởng)
        #[arg(long)]
        value: Option<f64>,
        #[arg(long = "ref")]
        legal_ref: String,
    },
    /// Đặt một tham số quy định từ một ngày (ví dụ tỷ lệ CSTĐCS tối đa)
    Param {
        /// ldtt_min_service_months, cstdcs_cap_percent_of_ldtt, ttldxs_min_ldtt_percent, …
        #[arg(long)]
        key: String,
        #[arg(long)]
        from: String,
        /// Bỏ trống: không áp dụng từ ngày này
        #[arg(long)]
        value: Option<f64>,
        #[arg(long = "ref")]
        legal_ref: String,
        #[arg(long, default_value = "")]
        note: String,
    },
    /// Cách làm tròn tiền thưởng của một chế độ
    /// Cách làm tròn: --from NGÀY thêm cách mới từ ngày đó (cần --ref); --regime sửa cách gốc
    /// của một chế độ
    Rounding {
        #[arg(long, required_unless_present = "from", conflicts_with = "from")]
        regime: Option<String>,
        /// Ngày áp dụng cách làm tròn mới (dd/mm/yyyy)
        #[arg(long, value_name = "NGÀY", requires = "legal_ref")]
        from: Option<String>,
        #[arg(long = "ref")]
        legal_ref: Option<String>,
        /// up (lên), nearest (gần nhất), none
        #[arg(long)]
        mode: String,
        /// Bước làm tròn (đồng), ví dụ 10000
        #[arg(long)]
        step: i64,
    },
    /// Tính thử tiền thưởng, kèm cách tính và căn cứ
    Money {
        #[arg(long)]
        code: String,
        /// ca_nhan, tap_the, ho_gia_dinh
        #[arg(long, default_value = "ca_nhan")]
        kind: String,
        /// Ngày quyết định (dd/mm/yyyy)
        #[arg(long)]
        date: String,
    },
}

#[derive(Serialize)]
struct CatalogRow {
    #[serde(flatten)]
    item: CatalogItem,
    coefficients: Vec<Coefficient>,
}

pub fn rules(cmd: RulesCommand, store: &mut Store, out: &Out) -> Result<()> {
    match cmd {
        RulesCommand::List => {
            let regimes = store.regimes()?;
            // Every row, the dated changes inside a regime included, regimes by date.
            let all = store.coefficients()?;
            let mut catalog = Vec::new();
            for item in store.catalog()? {
                let coefficients = all
                    .iter()
                    .filter(|c| c.code == item.code)
                    .cloned()
                    .collect();
                catalog.push(CatalogRow { item, coefficients });
            }
            let base = store.base_salaries()?;
            let params = store.rule_params()?;
            if out.json {
                out.json_value(&serde_json::json!({
                    "catalog": catalog, "regimes": regimes, "base_salaries": base, "rule_params": params
                }));
                return Ok(());
            }
            for kind in [AwardKind::DanhHieu, AwardKind::HinhThuc] {
                println!("{}", kind.label().to_uppercase());
                for row in catalog.iter().filter(|r| r.item.kind == kind) {
                    let coefs: Vec<String> = row
                        .coefficients
                        .iter()
                        .map(|c| {
                            // A change from a date inside a regime shows its date.
                            let dated = regimes.iter().any(|r| {
                                r.id == c.regime_id
                                    && r.valid_from.as_deref().unwrap_or("0001-01-01")
                                        != c.valid_from
                            });
                            format!(
                                "{}{}: {}",
                                c.regime_id,
                                if dated {
                                    format!(" từ {}", format_date_vi(&c.valid_from))
                                } else {
                                    String::new()
                                },
                                c.coefficient
                                    .map(|v| v.to_string().replace('.', ","))
                                    .unwrap_or_else(|| "—".into())
                            )
                        })
                        .collect();
                    println!(
                        "  {}  {}  [{}]  ({})",
                        pad(&row.item.code, 16),
                        row.item.name,
                        coefs.join("; "),
                        row.item.legal_ref
                    );
                }
            }
            println!("CHẾ ĐỘ THEO NGÀY QUYẾT ĐỊNH");
            for r in &regimes {
                println!(
                    "  {}  {} – {}  tập thể ×{}, hộ ×{}, làm tròn {} {} đ  ({})",
                    pad(&r.name, 26),
                    r.valid_from
                        .as_deref()
                        .map(format_date_vi)
                        .unwrap_or_else(|| "…".into()),
                    r.valid_to
                        .as_deref()
                        .map(format_date_vi)
                        .unwrap_or_else(|| "nay".into()),
                    r.collective_multiplier.to_string().replace('.', ","),
                    r.household_multiplier.to_string().replace('.', ","),
                    r.rounding_mode,
                    format_vnd(r.rounding_step),
                    r.legal_ref
                );
            }
            println!("LƯƠNG CƠ SỞ");
            for b in &base {
                let note = if b.confirmed == "yes" {
                    ""
                } else {
                    " — chưa xác nhận"
                };
                println!(
                    "  từ {}  {} đ  ({}{note})",
                    format_date_vi(&b.effective_from),
                    format_vnd(b.amount),
                    b.legal_ref
                );
            }
            println!("THAM SỐ QUY ĐỊNH");
            for p in &params {
                let value = p
                    .value
                    .map(|v| v.to_string().replace('.', ","))
                    .unwrap_or_else(|| "không áp dụng".into());
                let from = if p.valid_from == "0001-01-01" {
                    "ban đầu".to_string()
                } else {
                    format_date_vi(&p.valid_from)
                };
                println!(
                    "  {}  từ {from}: {value}  ({})",
                    pad(&p.key, 30),
                    p.legal_ref
                );
            }
        }
        RulesCommand::BaseSalary {
            from,
            amount,
            legal_ref,
            unconfirmed,
        } => {
            let b = store.set_base_salary(&from, amount, &legal_ref, !unconfirmed)?;
            out.done(
                &b,
                &format!(
                    "Lương cơ sở từ {}: {} đồng ({}).",
                    format_date_vi(&b.effective_from),
                    format_vnd(b.amount),
                    b.legal_ref
                ),
            );
        }
        RulesCommand::Coefficient {
            code,
            regime,
            from,
            value,
            legal_ref,
        } => {
            let c = match (from, regime) {
                (Some(from), _) => store.add_coefficient_from(&code, &from, value, &legal_ref)?,
                (None, Some(regime)) => {
                    store.set_coefficient(&code.to_uppercase(), &regime, value, &legal_ref)?
                }
                (None, None) => {
                    return Err(Error::invalid("regime", "Cần --from NGÀY hoặc --regime."))
                }
            };
            out.done(
                &c,
                &format!(
                    "Hệ số {} theo {}: {}.",
                    c.code,
                    c.regime_id,
                    c.coefficient
                        .map(|v| v.to_string())
                        .unwrap_or_else(|| "không có".into())
                ),
            );
        }
        RulesCommand::Param {
            key,
            from,
            value,
            legal_ref,
            note,
        } => {
            store.set_rule_param(&key, &from, value, &legal_ref, &note)?;
            eprintln!("Đã lưu tham số {key} từ {from}.");
        }
        RulesCommand::Rounding {
            regime,
            from,
            legal_ref,
            mode,
            step,
        } => {
            let regime = match (from, regime) {
                (Some(from), _) => {
                    let r = store.add_rounding_from(
                        &from,
                        &mode,
                        step,
                        legal_ref.as_deref().unwrap_or(""),
                    )?;
                    format!("{} từ {}", r.regime_id, format_date_vi(&r.valid_from))
                }
                (None, Some(regime)) => {
                    store.set_regime_rounding(&regime, &mode, step)?;
                    regime
                }
                (None, None) => {
                    return Err(Error::invalid("regime", "Cần --from NGÀY hoặc --regime."))
                }
            };
            eprintln!(
                "Đã lưu cách làm tròn của {regime}: {mode}, bước {} đ.",
                format_vnd(step)
            );
        }
        RulesCommand::Money { code, kind, date } => {
            let calc =
                store.award_amount(&code.to_uppercase(), RecipientKind::parse(&kind)?, &date)?;
            if out.json {
                out.json_value(&calc);
            } else {
                println!("{} đ", format_vnd(calc.amount));
                println!("{}", calc.explanation);
                println!("Căn cứ: {}", calc.legal_ref);
            }
        }
    }
    Ok(())
}

pub fn search(store: &Store, query: &str, out: &Out) -> Result<()> {
    let hits = store.search(query, 20)?;
    if out.json {
        out.json_value(&hits);
        return Ok(());
    }
    for h in &hits {
        let kind = match h.kind.as_str() {
            "unit" => "Đơn vị",
            "person" => "Cá nhân",
            _ => "Quyết định",
        };
        println!("{}  {}  {}", pad(kind, 10), h.title, h.detail);
    }
    eprintln!("{} kết quả.", hits.len());
    Ok(())
}
