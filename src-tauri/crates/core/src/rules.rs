//! The catalog of titles and forms and the legal rules as dated data: regimes chosen by the
//! decision date, coefficients per regime, the base salary by effective date, rounding, and
//! rule parameters (caps, minimum service). Every value carries its legal reference and can
//! be edited by the clerk; nothing here is a constant in code.

use crate::error::{Error, Result};
use crate::store::{now, Store};
use crate::subjects::RecipientKind;
use crate::text::{clean, search_key};
use crate::units::parse_date;
use rusqlite::{params, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Danh hiệu thi đua (emulation title) vs hình thức khen thưởng (form of commendation):
/// two different things, never counted together.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum AwardKind {
    DanhHieu,
    HinhThuc,
}

impl AwardKind {
    pub fn label(self) -> &'static str {
        match self {
            Self::DanhHieu => "Danh hiệu thi đua",
            Self::HinhThuc => "Hình thức khen thưởng",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CatalogItem {
    pub code: String,
    pub kind: AwardKind,
    /// ca_nhan | tap_the | ho_gia_dinh | any
    pub subject: String,
    pub name: String,
    pub granted_by: String,
    pub valid_from: Option<String>,
    pub valid_to: Option<String>,
    /// local | 0602 | 0603: which statistics table counts it.
    pub stat_table: String,
    pub stat_column: Option<i64>,
    pub confirmed: String,
    pub legal_ref: String,
    pub builtin: bool,
}

/// What the clerk may change of a catalog item after it is added. A local item (added in the
/// office) is the office's own: its name, validity and legal reference. An item of the official
/// catalog keeps its legal name and its start; the clerk may only record the date it stops
/// being granted (a new decree), with the document that says so added to its legal reference.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CatalogEdit {
    pub name: String,
    /// dd/mm/yyyy or yyyy-mm-dd; None or empty: no limit.
    pub valid_from: Option<String>,
    pub valid_to: Option<String>,
    pub legal_ref: String,
}

impl CatalogItem {
    /// Whether the item may go to this kind of recipient.
    pub fn fits(&self, kind: RecipientKind) -> bool {
        self.subject == "any" || self.subject == kind.as_str()
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Regime {
    pub id: String,
    pub name: String,
    pub valid_from: Option<String>,
    pub valid_to: Option<String>,
    pub collective_multiplier: f64,
    pub household_multiplier: f64,
    pub only_highest: bool,
    /// The rounding the regime came with (its first rounding row): up | nearest | none.
    pub rounding_mode: String,
    pub rounding_step: i64,
    pub legal_ref: String,
    pub note: String,
}

/// How money is rounded from a date inside a regime (NĐ 98 Điều 53, NĐ 152 Điều 49: up to the
/// next 10.000 đ). A change from a date is a new row; decisions dated before keep the old one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Rounding {
    pub regime_id: String,
    pub valid_from: String,
    /// up | nearest | none
    pub mode: String,
    pub step: i64,
    pub legal_ref: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct BaseSalary {
    pub effective_from: String,
    pub amount: i64,
    pub legal_ref: String,
    /// "yes", or "no" for an announced figure not yet confirmed as enacted.
    pub confirmed: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Coefficient {
    pub code: String,
    pub regime_id: String,
    /// First day of this row (YYYY-MM-DD). The row a regime came with starts on the regime's
    /// first day ('0001-01-01' when the regime has none); a later row is a change from a date.
    pub valid_from: String,
    pub coefficient: Option<f64>,
    pub confirmed: String,
    pub legal_ref: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RuleParam {
    pub key: String,
    pub valid_from: String,
    /// None: the rule does not apply from this date.
    pub value: Option<f64>,
    pub legal_ref: String,
    pub note: String,
}

/// How an award's money was computed, with every input and its legal reference, so the clerk
/// can check it against the decree.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct MoneyCalc {
    pub regime_id: String,
    pub regime_name: String,
    pub base_salary: i64,
    pub base_salary_from: String,
    pub base_salary_confirmed: bool,
    pub coefficient: Option<f64>,
    pub multiplier: f64,
    /// Before rounding, in whole đồng (rounded up to the đồng).
    pub raw_amount: i64,
    pub amount: i64,
    pub legal_ref: String,
    /// "0,3 × 2.340.000 = 702.000 → làm tròn lên 710.000 đ (NĐ 152/2025 …)"
    pub explanation: String,
}

/// Formats đồng the Vietnamese way: 1.234.567
pub fn format_vnd(amount: i64) -> String {
    let digits = amount.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    if amount < 0 {
        format!("-{out}")
    } else {
        out
    }
}

fn format_factor(x: f64) -> String {
    let s = format!("{x}");
    s.replace('.', ",")
}

/// Coefficients and multipliers are decimals with at most three places in every decree;
/// money is computed on thousandths as integers so 0,3 × 2.000.000 is exactly 600.000 and is
/// not pushed to 610.000 by a floating-point crumb.
fn thousandths(x: f64) -> i128 {
    (x * 1000.0).round() as i128
}

/// amount = coefficient × base × multiplier, rounded as the regime says.
pub fn compute_amount(
    coefficient: f64,
    base: i64,
    multiplier: f64,
    rounding_mode: &str,
    step: i64,
) -> (i64, i64) {
    let numerator = thousandths(coefficient) * thousandths(multiplier) * base as i128;
    let denominator: i128 = 1_000_000;
    let raw = (numerator + denominator - 1) / denominator; // up to the whole đồng
    let step = step.max(1) as i128;
    let unit = denominator * step;
    let rounded = match rounding_mode {
        "nearest" => (numerator + unit / 2) / unit * step,
        "none" => raw,
        _ => (numerator + unit - 1) / unit * step,
    };
    (raw as i64, rounded as i64)
}

const CATALOG_SELECT: &str = "SELECT code, kind, subject, name, granted_by, valid_from, valid_to,
    stat_table, stat_column, confirmed, legal_ref, builtin FROM catalog_items";

fn catalog_item(r: &Row) -> rusqlite::Result<CatalogItem> {
    let kind: String = r.get(1)?;
    Ok(CatalogItem {
        code: r.get(0)?,
        kind: if kind == "danh_hieu" {
            AwardKind::DanhHieu
        } else {
            AwardKind::HinhThuc
        },
        subject: r.get(2)?,
        name: r.get(3)?,
        granted_by: r.get(4)?,
        valid_from: r.get(5)?,
        valid_to: r.get(6)?,
        stat_table: r.get(7)?,
        stat_column: r.get(8)?,
        confirmed: r.get(9)?,
        legal_ref: r.get(10)?,
        builtin: r.get::<_, i64>(11)? != 0,
    })
}

fn regime(r: &Row) -> rusqlite::Result<Regime> {
    Ok(Regime {
        id: r.get(0)?,
        name: r.get(1)?,
        valid_from: r.get(2)?,
        valid_to: r.get(3)?,
        collective_multiplier: r.get(4)?,
        household_multiplier: r.get(5)?,
        only_highest: r.get::<_, i64>(6)? != 0,
        rounding_mode: r.get(7)?,
        rounding_step: r.get(8)?,
        legal_ref: r.get(9)?,
        note: r.get(10)?,
    })
}

fn base_salary(r: &Row) -> rusqlite::Result<BaseSalary> {
    Ok(BaseSalary {
        effective_from: r.get(0)?,
        amount: r.get(1)?,
        legal_ref: r.get(2)?,
        confirmed: r.get(3)?,
    })
}

fn coefficient_row(r: &Row) -> rusqlite::Result<Coefficient> {
    Ok(Coefficient {
        code: r.get(0)?,
        regime_id: r.get(1)?,
        valid_from: r.get(2)?,
        coefficient: r.get(3)?,
        confirmed: r.get(4)?,
        legal_ref: r.get(5)?,
    })
}

fn rule_param(r: &Row) -> rusqlite::Result<RuleParam> {
    Ok(RuleParam {
        key: r.get(0)?,
        valid_from: r.get(1)?,
        value: r.get(2)?,
        legal_ref: r.get(3)?,
        note: r.get(4)?,
    })
}

/// The regime with the rounding of its first day (the later rows are read by date).
const REGIME_SELECT: &str =
    "SELECT g.id, g.name, g.valid_from, g.valid_to, g.collective_multiplier,
    g.household_multiplier, g.only_highest, r.mode, r.step, g.legal_ref, g.note
    FROM regimes g JOIN roundings r ON r.regime_id = g.id
        AND r.valid_from = coalesce(g.valid_from, '0001-01-01')";

const ROUNDING_SELECT: &str = "SELECT regime_id, valid_from, mode, step, legal_ref FROM roundings";

fn rounding_row(r: &Row) -> rusqlite::Result<Rounding> {
    Ok(Rounding {
        regime_id: r.get(0)?,
        valid_from: r.get(1)?,
        mode: r.get(2)?,
        step: r.get(3)?,
        legal_ref: r.get(4)?,
    })
}

fn check_rounding(mode: &str, step: i64) -> Result<()> {
    if !["up", "nearest", "none"].contains(&mode) || step <= 0 {
        return Err(Error::invalid(
            "rounding_mode",
            "Cách làm tròn phải là up (lên), nearest (gần nhất) hoặc none, với bước làm tròn dương.",
        ));
    }
    Ok(())
}

impl Store {
    /// The catalog, titles first then forms, in the catalog's own order.
    pub fn catalog(&self) -> Result<Vec<CatalogItem>> {
        let mut stmt = self
            .conn
            .prepare_cached(&format!("{CATALOG_SELECT} ORDER BY kind, sort_order, code"))?;
        let items = stmt
            .query_map([], catalog_item)?
            .collect::<rusqlite::Result<_>>()?;
        Ok(items)
    }

    pub fn catalog_item(&self, code: &str) -> Result<CatalogItem> {
        self.conn
            .query_row(
                &format!("{CATALOG_SELECT} WHERE code = ?1"),
                [code],
                catalog_item,
            )
            .optional()?
            .ok_or_else(|| {
                Error::invalid(
                    "code",
                    format!("Mã danh hiệu/hình thức \"{code}\" không có trong danh mục."),
                )
            })
    }

    /// Adds a title or form the catalog lacks (a local one, or a new decree's).
    pub fn add_catalog_item(&mut self, item: &CatalogItem) -> Result<CatalogItem> {
        let code = clean(&item.code).to_uppercase();
        let name = clean(&item.name);
        if code.is_empty() || name.is_empty() {
            return Err(Error::invalid("code", "Cần mã và tên danh hiệu/hình thức."));
        }
        if !["ca_nhan", "tap_the", "ho_gia_dinh", "any"].contains(&item.subject.as_str()) {
            return Err(Error::invalid(
                "subject",
                "Đối tượng phải là ca_nhan, tap_the, ho_gia_dinh hoặc any.",
            ));
        }
        if self.catalog_item(&code).is_ok() {
            return Err(Error::duplicate(
                "code",
                format!("Mã \"{code}\" đã có trong danh mục."),
            ));
        }
        let t = now();
        self.conn.execute(
            "INSERT INTO catalog_items (code, kind, subject, name, search_key, granted_by,
                 valid_from, valid_to, stat_table, stat_column, confirmed, legal_ref, sort_order,
                 builtin, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12,
                 (SELECT coalesce(max(sort_order), 0) + 10 FROM catalog_items), 0, ?13, ?13)",
            params![
                code,
                if item.kind == AwardKind::DanhHieu {
                    "danh_hieu"
                } else {
                    "hinh_thuc"
                },
                item.subject,
                name,
                search_key(&format!("{code} {name}")),
                clean(&item.granted_by),
                item.valid_from,
                item.valid_to,
                if item.stat_table.is_empty() {
                    "local"
                } else {
                    item.stat_table.as_str()
                },
                item.stat_column,
                clean(&item.confirmed),
                clean(&item.legal_ref),
                t
            ],
        )?;
        self.catalog_item(&code)
    }

    /// Changes a catalog item's name, validity and legal reference as [`CatalogEdit`] allows.
    /// Awards already dated outside the new validity stay; the year's check warns about them.
    pub fn update_catalog_item(&mut self, code: &str, edit: &CatalogEdit) -> Result<CatalogItem> {
        let item = self.catalog_item(code)?;
        let date = |field: &'static str, d: &Option<String>| -> Result<Option<String>> {
            d.as_deref()
                .map(str::trim)
                .filter(|d| !d.is_empty())
                .map(|d| parse_date(field, d))
                .transpose()
        };
        let (name, valid_from, valid_to) = (
            clean(&edit.name),
            date("valid_from", &edit.valid_from)?,
            date("valid_to", &edit.valid_to)?,
        );
        let legal_ref = clean(&edit.legal_ref);
        if name.is_empty() {
            return Err(Error::invalid(
                "name",
                "Tên danh hiệu, hình thức không được để trống.",
            ));
        }
        if legal_ref.is_empty() {
            return Err(Error::invalid(
                "legal_ref",
                "Hãy ghi căn cứ pháp lý (văn bản quy định danh hiệu, hình thức và thời gian áp dụng).",
            ));
        }
        if let (Some(from), Some(to)) = (&valid_from, &valid_to) {
            if from > to {
                return Err(Error::invalid(
                    "valid_to",
                    "Ngày hết áp dụng phải sau ngày bắt đầu áp dụng.",
                ));
            }
        }
        if item.builtin {
            if name != item.name {
                return Err(Error::invalid(
                    "name",
                    format!(
                        "\"{}\" là tên theo văn bản pháp luật trong danh mục chính thức nên không sửa được; nếu đơn vị dùng tên khác, hãy thêm một mục riêng.",
                        item.name
                    ),
                ));
            }
            if valid_from != item.valid_from {
                return Err(Error::invalid(
                    "valid_from",
                    "Ngày bắt đầu áp dụng của mục trong danh mục chính thức theo văn bản pháp luật nên không sửa được.",
                ));
            }
            if valid_to != item.valid_to && legal_ref == item.legal_ref {
                return Err(Error::invalid(
                    "legal_ref",
                    "Hãy ghi thêm vào căn cứ pháp lý văn bản quy định ngày hết áp dụng.",
                ));
            }
        }
        self.conn.execute(
            "UPDATE catalog_items SET name = ?2, search_key = ?3, valid_from = ?4, valid_to = ?5,
                 legal_ref = ?6, updated_at = ?7
             WHERE code = ?1",
            params![
                item.code,
                name,
                search_key(&format!("{} {name}", item.code)),
                valid_from,
                valid_to,
                legal_ref,
                now()
            ],
        )?;
        self.catalog_item(&item.code)
    }

    pub fn regimes(&self) -> Result<Vec<Regime>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "{REGIME_SELECT} ORDER BY coalesce(g.valid_from, '0000')"
        ))?;
        let rows = stmt
            .query_map([], regime)?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// The regime in force on `date` (YYYY-MM-DD): the decision date decides, not today.
    pub fn regime_on(&self, date: &str) -> Result<Regime> {
        self.conn
            .query_row(
                &format!(
                    "{REGIME_SELECT} WHERE coalesce(g.valid_from, '0000-01-01') <= ?1
                       AND coalesce(g.valid_to, '9999-12-31') >= ?1
                     ORDER BY coalesce(g.valid_from, '0000') DESC LIMIT 1"
                ),
                [date],
                regime,
            )
            .optional()?
            .ok_or_else(|| {
                Error::invalid(
                    "decision_date",
                    format!("Không có chế độ pháp lý nào áp dụng cho ngày {date}."),
                )
            })
    }

    /// Corrects the rounding a regime came with (its first row). A change that takes effect
    /// later is [`Store::add_rounding_from`].
    pub fn set_regime_rounding(&mut self, regime_id: &str, mode: &str, step: i64) -> Result<()> {
        check_rounding(mode, step)?;
        let from = self.regime_start(regime_id)?;
        self.conn.execute(
            "UPDATE roundings SET mode = ?3, step = ?4, updated_at = ?5
             WHERE regime_id = ?1 AND valid_from = ?2",
            params![regime_id, from, mode, step, now()],
        )?;
        Ok(())
    }

    /// Every rounding row, regimes by date, then by date inside each.
    pub fn roundings(&self) -> Result<Vec<Rounding>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT r.regime_id, r.valid_from, r.mode, r.step, r.legal_ref
             FROM roundings r JOIN regimes g ON g.id = r.regime_id
             ORDER BY coalesce(g.valid_from, '0000'), r.valid_from",
        )?;
        let rows = stmt
            .query_map([], rounding_row)?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// The rounding of `regime_id` in force on `date`.
    pub fn rounding_on(&self, regime_id: &str, date: &str) -> Result<Rounding> {
        self.conn
            .query_row(
                &format!(
                    "{ROUNDING_SELECT} WHERE regime_id = ?1 AND valid_from <= ?2
                     ORDER BY valid_from DESC LIMIT 1"
                ),
                [regime_id, date],
                rounding_row,
            )
            .optional()?
            .ok_or_else(|| Error::not_found(format!("cách làm tròn của {regime_id}")))
    }

    /// A new rounding from `valid_from` on, under the regime in force that day; the legal
    /// reference is required.
    pub fn add_rounding_from(
        &mut self,
        valid_from: &str,
        mode: &str,
        step: i64,
        legal_ref: &str,
    ) -> Result<Rounding> {
        let from = parse_date("valid_from", valid_from)?;
        check_rounding(mode, step)?;
        let legal_ref = clean(legal_ref);
        if legal_ref.is_empty() {
            return Err(Error::invalid(
                "legal_ref",
                "Hãy ghi căn cứ pháp lý của cách làm tròn mới (số, ký hiệu văn bản).",
            ));
        }
        let regime = self.regime_on(&from)?;
        if self.rounding_on(&regime.id, &from)?.valid_from == from {
            return Err(Error::duplicate(
                "valid_from",
                format!(
                    "Đã có cách làm tròn áp dụng từ ngày {}. Hãy chọn ngày khác, hoặc xóa dòng đó trước.",
                    crate::units::format_date_vi(&from)
                ),
            ));
        }
        self.conn.execute(
            "INSERT INTO roundings (regime_id, valid_from, mode, step, legal_ref, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![regime.id, from, mode, step, legal_ref, now()],
        )?;
        self.rounding_on(&regime.id, &from)
    }

    /// Removes a dated rounding change and gives it back for an undo; the regime's own row
    /// stays.
    pub fn remove_rounding_row(&mut self, regime_id: &str, valid_from: &str) -> Result<Rounding> {
        if self.regime_start(regime_id)? == valid_from {
            return Err(Error::InUse {
                message: "Đây là cách làm tròn gốc của chế độ nên không xóa được. Muốn đổi, hãy thêm dòng mới có ngày áp dụng.".into(),
            });
        }
        let row = self
            .rounding_on(regime_id, valid_from)
            .ok()
            .filter(|r| r.valid_from == valid_from)
            .ok_or_else(|| Error::not_found(format!("cách làm tròn từ ngày {valid_from}")))?;
        self.conn.execute(
            "DELETE FROM roundings WHERE regime_id = ?1 AND valid_from = ?2",
            [regime_id, valid_from],
        )?;
        Ok(row)
    }

    pub fn base_salaries(&self) -> Result<Vec<BaseSalary>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT effective_from, amount, legal_ref, confirmed FROM base_salaries ORDER BY effective_from",
        )?;
        let rows = stmt
            .query_map([], base_salary)?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// The base salary (lương cơ sở) in force on `date`.
    pub fn base_salary_on(&self, date: &str) -> Result<BaseSalary> {
        self.conn
            .query_row(
                "SELECT effective_from, amount, legal_ref, confirmed FROM base_salaries
                 WHERE effective_from <= ?1 ORDER BY effective_from DESC LIMIT 1",
                [date],
                base_salary,
            )
            .optional()?
            .ok_or_else(|| Error::invalid("decision_date", format!("Chưa có mức lương cơ sở áp dụng cho ngày {date}. Hãy thêm trong phần Quy định.")))
    }

    /// Adds (or corrects) the base salary from a date, as when a new decree raises it.
    pub fn set_base_salary(
        &mut self,
        effective_from: &str,
        amount: i64,
        legal_ref: &str,
        confirmed: bool,
    ) -> Result<BaseSalary> {
        let from = parse_date("effective_from", effective_from)?;
        if amount <= 0 {
            return Err(Error::invalid("amount", "Mức lương cơ sở phải lớn hơn 0."));
        }
        self.conn.execute(
            "INSERT INTO base_salaries (effective_from, amount, legal_ref, confirmed, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (effective_from) DO UPDATE SET amount = excluded.amount,
                 legal_ref = excluded.legal_ref, confirmed = excluded.confirmed, updated_at = excluded.updated_at",
            params![from, amount, clean(legal_ref), if confirmed { "yes" } else { "no" }, now()],
        )?;
        self.base_salary_on(&from)
    }

    /// Removes a base salary row entered by mistake, giving it back so the UI can offer to
    /// undo. The earliest row stays: older decisions need a figure.
    pub fn remove_base_salary(&mut self, effective_from: &str) -> Result<BaseSalary> {
        let rows = self.base_salaries()?;
        let Some(pos) = rows.iter().position(|b| b.effective_from == effective_from) else {
            return Err(Error::not_found(format!(
                "mức lương cơ sở từ ngày {effective_from}"
            )));
        };
        if pos == 0 {
            return Err(Error::InUse {
                message: "Mức lương cơ sở đầu tiên không xóa được: các quyết định cũ cần một mức để tính tiền.".into(),
            });
        }
        self.conn.execute(
            "DELETE FROM base_salaries WHERE effective_from = ?1",
            [effective_from],
        )?;
        Ok(rows[pos].clone())
    }

    /// Removes a dated value of a rule parameter, giving it back for an undo. The value a
    /// parameter starts with ('0001-01-01') stays.
    pub fn remove_rule_param(&mut self, key: &str, valid_from: &str) -> Result<RuleParam> {
        if valid_from == "0001-01-01" {
            return Err(Error::InUse {
                message: "Giá trị ban đầu của quy định không xóa được. Muốn đổi, hãy thêm giá trị mới có ngày áp dụng.".into(),
            });
        }
        let row = self
            .rule_params()?
            .into_iter()
            .find(|p| p.key == key && p.valid_from == valid_from)
            .ok_or_else(|| Error::not_found(format!("quy định {key} từ ngày {valid_from}")))?;
        self.conn.execute(
            "DELETE FROM rule_params WHERE key = ?1 AND valid_from = ?2",
            [key, valid_from],
        )?;
        Ok(row)
    }

    /// Every coefficient of every regime, regimes by date, items in catalog order.
    pub fn coefficients(&self) -> Result<Vec<Coefficient>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT k.code, k.regime_id, k.valid_from, k.coefficient, k.confirmed, k.legal_ref
             FROM coefficients k
             JOIN regimes g ON g.id = k.regime_id
             JOIN catalog_items c ON c.code = k.code
             ORDER BY coalesce(g.valid_from, '0000'), c.kind, c.sort_order, k.code, k.valid_from",
        )?;
        let rows = stmt
            .query_map([], coefficient_row)?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// The coefficient of `code` in `regime_id` in force on `date`: the latest row of that
    /// regime starting on or before the date.
    pub fn coefficient(
        &self,
        code: &str,
        regime_id: &str,
        date: &str,
    ) -> Result<Option<Coefficient>> {
        Ok(self
            .conn
            .query_row(
                "SELECT code, regime_id, valid_from, coefficient, confirmed, legal_ref
                 FROM coefficients WHERE code = ?1 AND regime_id = ?2 AND valid_from <= ?3
                 ORDER BY valid_from DESC LIMIT 1",
                [code, regime_id, date],
                coefficient_row,
            )
            .optional()?)
    }

    /// The first day of a regime's own rows.
    fn regime_start(&self, regime_id: &str) -> Result<String> {
        self.conn
            .query_row(
                "SELECT coalesce(valid_from, '0001-01-01') FROM regimes WHERE id = ?1",
                [regime_id],
                |r| r.get(0),
            )
            .optional()?
            .ok_or_else(|| Error::not_found(format!("chế độ {regime_id}")))
    }

    fn check_coefficient_value(value: Option<f64>) -> Result<()> {
        if value.is_some_and(|v| !v.is_finite() || !(0.0..=1000.0).contains(&v)) {
            return Err(Error::invalid("coefficient", "Hệ số phải từ 0 đến 1000."));
        }
        Ok(())
    }

    /// Corrects the coefficient a regime came with (its first row), e.g. a figure the
    /// catalog had wrong. A change that takes effect later is [`Store::add_coefficient_from`].
    pub fn set_coefficient(
        &mut self,
        code: &str,
        regime_id: &str,
        value: Option<f64>,
        legal_ref: &str,
    ) -> Result<Coefficient> {
        self.catalog_item(code)?;
        Self::check_coefficient_value(value)?;
        let from = self.regime_start(regime_id)?;
        self.conn.execute(
            "INSERT INTO coefficients (code, regime_id, valid_from, coefficient, confirmed,
                 legal_ref, updated_at)
             VALUES (?1, ?2, ?3, ?4, 'sửa bởi người dùng', ?5, ?6)
             ON CONFLICT (code, regime_id, valid_from) DO UPDATE SET
                 coefficient = excluded.coefficient, confirmed = excluded.confirmed,
                 legal_ref = excluded.legal_ref, updated_at = excluded.updated_at",
            params![code, regime_id, from, value, clean(legal_ref), now()],
        )?;
        self.coefficient(code, regime_id, &from)?
            .ok_or_else(|| Error::not_found(format!("hệ số {code}")))
    }

    /// A new coefficient for `code` from `valid_from` on, under the regime in force that day:
    /// a new row, so decisions dated before it keep the old figure. The legal reference is
    /// required — a figure without the text that sets it cannot be checked later.
    pub fn add_coefficient_from(
        &mut self,
        code: &str,
        valid_from: &str,
        value: Option<f64>,
        legal_ref: &str,
    ) -> Result<Coefficient> {
        let item = self.catalog_item(&clean(code).to_uppercase())?;
        let from = parse_date("valid_from", valid_from)?;
        Self::check_coefficient_value(value)?;
        let legal_ref = clean(legal_ref);
        if legal_ref.is_empty() {
            return Err(Error::invalid(
                "legal_ref",
                "Hãy ghi căn cứ pháp lý của hệ số mới (số, ký hiệu văn bản).",
            ));
        }
        let regime = self.regime_on(&from)?;
        if self
            .coefficient(&item.code, &regime.id, &from)?
            .is_some_and(|c| c.valid_from == from)
        {
            return Err(Error::duplicate(
                "valid_from",
                format!(
                    "{} đã có hệ số áp dụng từ ngày {}. Hãy chọn ngày khác, hoặc xóa dòng đó trước.",
                    item.name,
                    crate::units::format_date_vi(&from)
                ),
            ));
        }
        self.conn.execute(
            "INSERT INTO coefficients (code, regime_id, valid_from, coefficient, confirmed,
                 legal_ref, updated_at)
             VALUES (?1, ?2, ?3, ?4, 'sửa bởi người dùng', ?5, ?6)",
            params![item.code, regime.id, from, value, legal_ref, now()],
        )?;
        self.coefficient(&item.code, &regime.id, &from)?
            .ok_or_else(|| Error::not_found(format!("hệ số {}", item.code)))
    }

    /// Removes a dated change (a row added from a date), giving it back so the UI can offer
    /// to undo. The row a regime came with is not removable: without it the regime would
    /// have no figure for its first days.
    pub fn remove_coefficient_row(
        &mut self,
        code: &str,
        regime_id: &str,
        valid_from: &str,
    ) -> Result<Coefficient> {
        if self.regime_start(regime_id)? == valid_from {
            return Err(Error::InUse {
                message: "Đây là hệ số gốc của chế độ nên không xóa được. Muốn đổi hệ số, hãy thêm dòng mới có ngày áp dụng.".into(),
            });
        }
        let row = self
            .coefficient(code, regime_id, valid_from)?
            .filter(|c| c.valid_from == valid_from)
            .ok_or_else(|| Error::not_found(format!("hệ số {code} từ ngày {valid_from}")))?;
        self.conn.execute(
            "DELETE FROM coefficients WHERE code = ?1 AND regime_id = ?2 AND valid_from = ?3",
            [code, regime_id, valid_from],
        )?;
        Ok(row)
    }

    /// The money for one award of `code` to a recipient of `kind`, by a decision dated `date`.
    /// An item without a coefficient in that regime gives no money (amount 0), not an error.
    pub fn award_amount(&self, code: &str, kind: RecipientKind, date: &str) -> Result<MoneyCalc> {
        let date = parse_date("decision_date", date)?;
        let item = self.catalog_item(code)?;
        let regime = self.regime_on(&date)?;
        let base = self.base_salary_on(&date)?;
        let coef = self.coefficient(code, &regime.id, &date)?;
        // A title made for collectives (TTLĐTT 0,8) already has the collective's coefficient;
        // the ×2 / ×1,5 multipliers apply to forms that go to anyone (Giấy khen, Bằng khen).
        let multiplier = if item.subject == "any" {
            match kind {
                RecipientKind::CaNhan => 1.0,
                RecipientKind::TapThe => regime.collective_multiplier,
                RecipientKind::HoGiaDinh => regime.household_multiplier,
            }
        } else {
            1.0
        };
        let coefficient = coef.as_ref().and_then(|c| c.coefficient);
        let legal_ref = [
            regime.legal_ref.as_str(),
            coef.as_ref().map(|c| c.legal_ref.as_str()).unwrap_or(""),
            base.legal_ref.as_str(),
        ]
        .iter()
        .filter(|s| !s.is_empty())
        .cloned()
        .collect::<Vec<_>>()
        .join("; ");
        let Some(c) = coefficient else {
            return Ok(MoneyCalc {
                regime_id: regime.id,
                regime_name: regime.name.clone(),
                base_salary: base.amount,
                base_salary_from: base.effective_from,
                base_salary_confirmed: base.confirmed == "yes",
                coefficient: None,
                multiplier,
                raw_amount: 0,
                amount: 0,
                legal_ref,
                explanation: format!(
                    "{} không có hệ số tiền thưởng theo {}.",
                    item.name, regime.name
                ),
            });
        };
        let rounding = self.rounding_on(&regime.id, &date)?;
        let (raw, amount) =
            compute_amount(c, base.amount, multiplier, &rounding.mode, rounding.step);
        let factors = if multiplier == 1.0 {
            format_factor(c)
        } else {
            format!("{} × {}", format_factor(c), format_factor(multiplier))
        };
        let rounding = match rounding.mode.as_str() {
            "up" => format!("làm tròn lên {} đ", format_vnd(amount)),
            "nearest" => format!("làm tròn {} đ", format_vnd(amount)),
            _ => format!("{} đ", format_vnd(amount)),
        };
        Ok(MoneyCalc {
            explanation: format!(
                "{factors} × {} = {} → {rounding} ({})",
                format_vnd(base.amount),
                format_vnd(raw),
                regime.name
            ),
            regime_id: regime.id,
            regime_name: regime.name,
            base_salary: base.amount,
            base_salary_from: base.effective_from,
            base_salary_confirmed: base.confirmed == "yes",
            coefficient: Some(c),
            multiplier,
            raw_amount: raw,
            amount,
            legal_ref,
        })
    }

    pub fn rule_params(&self) -> Result<Vec<RuleParam>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT key, valid_from, value, legal_ref, note FROM rule_params ORDER BY key, valid_from",
        )?;
        let rows = stmt
            .query_map([], rule_param)?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// The rule parameter `key` in force on `date`; None when it does not apply then.
    pub fn rule_param(&self, key: &str, date: &str) -> Result<Option<RuleParam>> {
        // Cached: the rule checks ask this for every award of a year.
        let row = self
            .conn
            .prepare_cached(
                "SELECT key, valid_from, value, legal_ref, note FROM rule_params
                 WHERE key = ?1 AND valid_from <= ?2 ORDER BY valid_from DESC LIMIT 1",
            )?
            .query_row([key, date], rule_param)
            .optional()?;
        Ok(row.filter(|p| p.value.is_some()))
    }

    /// Sets a rule parameter from a date (a cap, a minimum), e.g. a new decree's 20% cap.
    pub fn set_rule_param(
        &mut self,
        key: &str,
        valid_from: &str,
        value: Option<f64>,
        legal_ref: &str,
        note: &str,
    ) -> Result<()> {
        let from = if valid_from == "0001-01-01" {
            valid_from.to_string()
        } else {
            parse_date("valid_from", valid_from)?
        };
        self.conn.execute(
            "INSERT INTO rule_params (key, valid_from, value, legal_ref, note, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)
             ON CONFLICT (key, valid_from) DO UPDATE SET value = excluded.value,
                 legal_ref = excluded.legal_ref, note = excluded.note, updated_at = excluded.updated_at",
            params![key, from, value, clean(legal_ref), clean(note), now()],
        )?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn money(s: &Store, code: &str, kind: RecipientKind, date: &str) -> i64 {
        s.award_amount(code, kind, date).unwrap().amount
    }

    #[test]
    fn coefficients_are_listed_with_their_legal_reference() {
        let mut s = Store::open_in_memory().unwrap();
        let all = s.coefficients().unwrap();
        let gk: Vec<_> = all.iter().filter(|c| c.code == "GK_XA").collect();
        assert!(
            gk.len() >= 2,
            "GK_XA has a coefficient under NĐ 98 and NĐ 152"
        );
        assert!(gk.iter().all(|c| !c.legal_ref.is_empty()));
        let regime = gk[0].regime_id.clone();
        s.set_coefficient("GK_XA", &regime, Some(0.2), "Quyết định của UBND tỉnh")
            .unwrap();
        let changed = s.coefficients().unwrap();
        assert_eq!(changed.len(), all.len());
        let c = changed
            .iter()
            .find(|c| c.code == "GK_XA" && c.regime_id == regime)
            .unwrap();
        assert_eq!(c.coefficient, Some(0.2));
    }

    #[test]
    fn a_coefficient_changed_from_a_date_leaves_earlier_decisions_alone() {
        let mut s = Store::open_in_memory().unwrap();
        let rows = |s: &Store| {
            s.coefficients()
                .unwrap()
                .into_iter()
                .filter(|c| c.code == "GK_XA" && c.regime_id == "nd152")
                .collect::<Vec<_>>()
        };
        assert_eq!(rows(&s).len(), 1);
        assert_eq!(rows(&s)[0].valid_from, "2025-07-01", "the regime's own row");
        // the legal reference is required
        assert_eq!(
            s.add_coefficient_from("GK_XA", "01/01/2026", Some(0.4), " ")
                .unwrap_err()
                .field(),
            Some("legal_ref")
        );
        assert_eq!(
            s.add_coefficient_from("GK_XA", "31/02/2026", Some(0.4), "QĐ 1")
                .unwrap_err()
                .field(),
            Some("valid_from")
        );
        let added = s
            .add_coefficient_from("gk_xa", "01/01/2026", Some(0.4), "QĐ 12/2025/QĐ-UBND")
            .unwrap();
        assert_eq!(
            (added.regime_id.as_str(), added.valid_from.as_str()),
            ("nd152", "2026-01-01")
        );
        assert_eq!(rows(&s).len(), 2, "history kept");
        // the day before keeps 0,3; the day itself and later take 0,4
        assert_eq!(
            money(&s, "GK_XA", RecipientKind::CaNhan, "2025-12-31"),
            710_000
        );
        assert_eq!(
            money(&s, "GK_XA", RecipientKind::CaNhan, "2026-01-01"),
            940_000
        );
        let calc = s
            .award_amount("GK_XA", RecipientKind::CaNhan, "2026-03-01")
            .unwrap();
        assert!(calc.legal_ref.contains("QĐ 12/2025/QĐ-UBND"));
        // under the older regime nothing changed
        assert_eq!(
            money(&s, "GK_XA", RecipientKind::CaNhan, "2025-03-15"),
            360_000
        );
        assert_eq!(
            s.add_coefficient_from("GK_XA", "2026-01-01", Some(0.5), "QĐ 2")
                .unwrap_err()
                .code(),
            "duplicate"
        );
        // the regime's own row stays; the dated change can be removed (and given back)
        assert_eq!(
            s.remove_coefficient_row("GK_XA", "nd152", "2025-07-01")
                .unwrap_err()
                .code(),
            "in_use"
        );
        let removed = s
            .remove_coefficient_row("GK_XA", "nd152", "2026-01-01")
            .unwrap();
        assert_eq!(removed.coefficient, Some(0.4));
        assert_eq!(
            money(&s, "GK_XA", RecipientKind::CaNhan, "2026-01-01"),
            710_000
        );
    }

    #[test]
    fn rounding_changed_from_a_date_leaves_earlier_decisions_alone() {
        let mut s = Store::open_in_memory().unwrap();
        assert_eq!(s.roundings().unwrap().len(), 3, "one row per regime");
        assert_eq!(
            s.add_rounding_from("01/01/2026", "up", 1000, "")
                .unwrap_err()
                .field(),
            Some("legal_ref")
        );
        assert_eq!(
            s.add_rounding_from("01/01/2026", "xuống", 1000, "QĐ 1")
                .unwrap_err()
                .field(),
            Some("rounding_mode")
        );
        let r = s
            .add_rounding_from("01/01/2026", "up", 1000, "Quyết định của UBND tỉnh (thử)")
            .unwrap();
        assert_eq!((r.regime_id.as_str(), r.step), ("nd152", 1000));
        // 0,3 × 2.340.000 = 702.000: to 10.000 before, to 1.000 from the date on
        assert_eq!(
            money(&s, "GK_XA", RecipientKind::CaNhan, "2025-12-31"),
            710_000
        );
        assert_eq!(
            money(&s, "GK_XA", RecipientKind::CaNhan, "2026-01-01"),
            702_000
        );
        assert_eq!(s.regime_on("2026-06-01").unwrap().rounding_step, 10_000);
        assert_eq!(
            s.add_rounding_from("2026-01-01", "none", 1, "x")
                .unwrap_err()
                .code(),
            "duplicate"
        );
        assert_eq!(
            s.remove_rounding_row("nd152", "2025-07-01")
                .unwrap_err()
                .code(),
            "in_use"
        );
        assert_eq!(
            s.remove_rounding_row("nd152", "2026-01-01").unwrap().step,
            1000
        );
        assert_eq!(
            money(&s, "GK_XA", RecipientKind::CaNhan, "2026-01-01"),
            710_000
        );
    }

    #[test]
    fn dated_rows_survive_the_upgrade_of_an_older_file() {
        // The migration turned each (item, regime) figure into the regime's first row.
        let s = Store::open_in_memory().unwrap();
        let all = s.coefficients().unwrap();
        let nd91 = all
            .iter()
            .find(|c| c.code == "LDTT" && c.regime_id == "nd91");
        assert_eq!(nd91.unwrap().valid_from, "0001-01-01");
        let nd98 = all
            .iter()
            .find(|c| c.code == "LDTT" && c.regime_id == "nd98");
        assert_eq!(nd98.unwrap().valid_from, "2024-01-01");
    }

    #[test]
    fn worked_examples_from_the_domain_notes() {
        let s = Store::open_in_memory().unwrap();
        // Giấy khen of a commune chairman, NĐ 152 (0,3) on 2.340.000
        assert_eq!(
            money(&s, "GK_XA", RecipientKind::CaNhan, "2025-08-15"),
            710_000
        );
        assert_eq!(
            money(&s, "GK_XA", RecipientKind::TapThe, "2025-08-15"),
            1_410_000
        );
        assert_eq!(
            money(&s, "GK_XA", RecipientKind::HoGiaDinh, "2025-08-15"),
            1_060_000
        );
        // the same Giấy khen dated 15/3/2025 falls under NĐ 98 (0,15)
        assert_eq!(
            money(&s, "GK_XA", RecipientKind::CaNhan, "15/03/2025"),
            360_000
        );

        let calc = s
            .award_amount("GK_XA", RecipientKind::CaNhan, "2025-08-15")
            .unwrap();
        assert_eq!(calc.regime_id, "nd152");
        assert_eq!(calc.raw_amount, 702_000);
        assert_eq!(
            calc.explanation,
            "0,3 × 2.340.000 = 702.000 → làm tròn lên 710.000 đ (Nghị định 152/2025/NĐ-CP)"
        );
        assert!(calc.legal_ref.contains("NĐ 152"), "{}", calc.legal_ref);
        assert!(calc.legal_ref.contains("NĐ 73/2024"));
    }

    #[test]
    fn regime_and_base_salary_follow_the_decision_date() {
        let s = Store::open_in_memory().unwrap();
        assert_eq!(s.regime_on("2023-12-31").unwrap().id, "nd91");
        assert_eq!(s.regime_on("2024-01-01").unwrap().id, "nd98");
        assert_eq!(s.regime_on("2025-06-30").unwrap().id, "nd98");
        assert_eq!(s.regime_on("2025-07-01").unwrap().id, "nd152");
        assert_eq!(s.base_salary_on("2023-06-30").unwrap().amount, 1_490_000);
        assert_eq!(s.base_salary_on("2023-07-01").unwrap().amount, 1_800_000);
        assert_eq!(s.base_salary_on("2024-06-30").unwrap().amount, 1_800_000);
        assert_eq!(s.base_salary_on("2024-07-01").unwrap().amount, 2_340_000);
        let unconfirmed = s.base_salary_on("2026-08-01").unwrap();
        assert_eq!(
            (unconfirmed.amount, unconfirmed.confirmed.as_str()),
            (2_530_000, "no")
        );
        // LĐTT 0,3 under NĐ 91 on 1.490.000 = 447.000 → 450.000
        assert_eq!(
            money(&s, "LDTT", RecipientKind::CaNhan, "2022-12-20"),
            450_000
        );
        // A collective title has its own coefficient: no ×2 on top (TTLĐTT 0,8 × 2.340.000)
        assert_eq!(
            money(&s, "TTLDTT", RecipientKind::TapThe, "2025-12-20"),
            1_880_000
        );
    }

    #[test]
    fn exact_multiples_are_not_pushed_up_by_float_crumbs() {
        // 0,3 × 2.000.000 = 600.000 exactly; a float product is 600000.0000000001.
        assert_eq!(
            compute_amount(0.3, 2_000_000, 1.0, "up", 10_000),
            (600_000, 600_000)
        );
        assert_eq!(
            compute_amount(0.15, 2_340_000, 1.0, "up", 10_000),
            (351_000, 360_000)
        );
        assert_eq!(
            compute_amount(0.15, 2_340_000, 1.0, "nearest", 10_000),
            (351_000, 350_000)
        );
        assert_eq!(
            compute_amount(0.3, 2_340_000, 1.5, "none", 10_000),
            (1_053_000, 1_053_000)
        );
    }

    #[test]
    fn the_clerk_adds_a_base_salary_row_and_edits_a_coefficient_and_rounding() {
        let mut s = Store::open_in_memory().unwrap();
        s.set_base_salary("01/07/2027", 2_800_000, "NĐ giả định 2027", true)
            .unwrap();
        assert_eq!(
            money(&s, "GK_XA", RecipientKind::CaNhan, "2027-08-01"),
            840_000
        );
        s.set_coefficient("GK_XA", "nd152", Some(0.35), "Nghị định sửa đổi (ví dụ)")
            .unwrap();
        let calc = s
            .award_amount("GK_XA", RecipientKind::CaNhan, "2027-08-01")
            .unwrap();
        assert_eq!(calc.amount, 980_000);
        assert!(calc.legal_ref.contains("Nghị định sửa đổi (ví dụ)"));
        s.set_regime_rounding("nd152", "nearest", 1000).unwrap();
        assert_eq!(
            money(&s, "GK_XA", RecipientKind::CaNhan, "2025-08-15"),
            819_000
        );
        assert_eq!(
            s.set_base_salary("2027-13-01", 1, "", true)
                .unwrap_err()
                .field(),
            Some("effective_from")
        );
        assert_eq!(
            s.set_regime_rounding("nd152", "down", 1000)
                .unwrap_err()
                .field(),
            Some("rounding_mode")
        );
    }

    #[test]
    fn items_without_money_and_unknown_codes() {
        let s = Store::open_in_memory().unwrap();
        let gdvh = s
            .award_amount("GDVH", RecipientKind::HoGiaDinh, "2025-12-01")
            .unwrap();
        assert_eq!(gdvh.amount, 0);
        assert!(gdvh.explanation.contains("không có hệ số"));
        assert_eq!(
            s.award_amount("XYZ", RecipientKind::CaNhan, "2025-12-01")
                .unwrap_err()
                .field(),
            Some("code")
        );
    }

    #[test]
    fn a_local_item_is_edited_whole_an_official_one_only_in_its_end_date() {
        let mut s = Store::open_in_memory().unwrap();
        let mut local = s.catalog_item("LDTT").unwrap();
        local.code = "GK_DANG_UY".into();
        local.name = "Giấy khen Đảng ủy".into();
        local.kind = AwardKind::HinhThuc;
        local.legal_ref = "QĐ 12/QĐ-ĐU".into();
        s.add_catalog_item(&local).unwrap();
        let edit = |name: &str, from: Option<&str>, to: Option<&str>, r: &str| CatalogEdit {
            name: name.into(),
            valid_from: from.map(str::to_string),
            valid_to: to.map(str::to_string),
            legal_ref: r.into(),
        };
        let saved = s
            .update_catalog_item(
                "GK_DANG_UY",
                &edit(
                    "  Giấy khen của  Đảng ủy xã ",
                    Some("01/07/2025"),
                    Some("31/12/2030"),
                    "QĐ 15/QĐ-ĐU",
                ),
            )
            .unwrap();
        assert_eq!(saved.name, "Giấy khen của Đảng ủy xã");
        assert_eq!(
            (saved.valid_from.as_deref(), saved.valid_to.as_deref()),
            (Some("2025-07-01"), Some("2030-12-31"))
        );
        assert_eq!(saved.legal_ref, "QĐ 15/QĐ-ĐU");
        let bad = |s: &mut Store, code: &str, e: CatalogEdit| {
            s.update_catalog_item(code, &e).unwrap_err().field()
        };
        assert_eq!(
            bad(
                &mut s,
                "GK_DANG_UY",
                edit("Giấy khen", Some("2026-01-01"), Some("2025-01-01"), "QĐ")
            ),
            Some("valid_to")
        );
        assert_eq!(
            bad(&mut s, "GK_DANG_UY", edit(" ", None, None, "QĐ")),
            Some("name")
        );
        assert_eq!(
            bad(&mut s, "GK_DANG_UY", edit("Giấy khen", None, None, "")),
            Some("legal_ref")
        );

        // The official catalog: the legal name and the start stay, the end needs its document.
        let gk = s.catalog_item("GK_XA").unwrap();
        let r = gk.legal_ref.clone();
        assert_eq!(
            bad(
                &mut s,
                "GK_XA",
                edit("Giấy khen UBND xã", gk.valid_from.as_deref(), None, &r)
            ),
            Some("name")
        );
        assert_eq!(
            bad(
                &mut s,
                "GK_XA",
                edit(&gk.name, Some("2020-01-01"), None, &r)
            ),
            Some("valid_from")
        );
        assert_eq!(
            bad(
                &mut s,
                "GK_XA",
                edit(&gk.name, gk.valid_from.as_deref(), Some("2030-12-31"), &r)
            ),
            Some("legal_ref")
        );
        let ended = s
            .update_catalog_item(
                "GK_XA",
                &edit(
                    &gk.name,
                    gk.valid_from.as_deref(),
                    Some("31/12/2030"),
                    &format!("{r}; hết áp dụng theo NĐ 01/2030/NĐ-CP"),
                ),
            )
            .unwrap();
        assert_eq!(ended.valid_to.as_deref(), Some("2030-12-31"));
        assert_eq!(ended.name, gk.name);
        assert_eq!(s.catalog_item("GK_XA").unwrap(), ended);
    }

    #[test]
    fn catalog_keeps_titles_and_forms_apart_with_references() {
        let mut s = Store::open_in_memory().unwrap();
        let catalog = s.catalog().unwrap();
        assert!(catalog.len() >= 40);
        let first_form = catalog
            .iter()
            .position(|c| c.kind == AwardKind::HinhThuc)
            .unwrap();
        assert!(catalog[..first_form]
            .iter()
            .all(|c| c.kind == AwardKind::DanhHieu));
        assert!(catalog.iter().all(|c| !c.legal_ref.is_empty()));
        let ldtt = s.catalog_item("LDTT").unwrap();
        assert_eq!(
            (ldtt.name.as_str(), ldtt.subject.as_str()),
            ("Lao động tiên tiến", "ca_nhan")
        );
        assert!(ldtt.fits(RecipientKind::CaNhan) && !ldtt.fits(RecipientKind::TapThe));
        assert_eq!(
            s.catalog_item("GK_HUYEN").unwrap().valid_to.as_deref(),
            Some("2025-06-30")
        );

        let mut local = ldtt.clone();
        local.code = "gk_dang_uy".into();
        local.name = "Giấy khen của Đảng ủy xã".into();
        local.kind = AwardKind::HinhThuc;
        local.subject = "any".into();
        let added = s.add_catalog_item(&local).unwrap();
        assert_eq!((added.code.as_str(), added.builtin), ("GK_DANG_UY", false));
        assert_eq!(s.add_catalog_item(&local).unwrap_err().code(), "duplicate");
    }

    #[test]
    fn rule_params_are_dated() {
        let mut s = Store::open_in_memory().unwrap();
        let months = |s: &Store, d: &str| {
            s.rule_param("ldtt_min_service_months", d)
                .unwrap()
                .unwrap()
                .value
        };
        assert_eq!(months(&s, "2023-06-01"), Some(10.0));
        assert_eq!(months(&s, "2025-06-01"), Some(6.0));
        assert_eq!(
            s.rule_param("cstdcs_cap_percent_of_ldtt", "2023-12-01")
                .unwrap()
                .unwrap()
                .value,
            Some(15.0)
        );
        assert!(
            s.rule_param("cstdcs_cap_percent_of_ldtt", "2025-12-01")
                .unwrap()
                .is_none(),
            "no national cap since 2024"
        );
        s.set_rule_param(
            "cstdcs_cap_percent_of_ldtt",
            "2027-01-01",
            Some(20.0),
            "Luật sửa đổi (giả định)",
            "",
        )
        .unwrap();
        assert_eq!(
            s.rule_param("cstdcs_cap_percent_of_ldtt", "2027-06-01")
                .unwrap()
                .unwrap()
                .value,
            Some(20.0)
        );
        let removed = s
            .remove_rule_param("cstdcs_cap_percent_of_ldtt", "2027-01-01")
            .unwrap();
        assert_eq!(removed.value, Some(20.0));
        assert!(s
            .rule_param("cstdcs_cap_percent_of_ldtt", "2027-06-01")
            .unwrap()
            .is_none());
        assert_eq!(
            s.remove_rule_param("ldtt_min_service_months", "0001-01-01")
                .unwrap_err()
                .code(),
            "in_use"
        );
        // base salary rows: a mistaken one goes, the first one stays
        s.set_base_salary("01/07/2027", 2_800_000, "NĐ thử", true)
            .unwrap();
        assert_eq!(
            s.remove_base_salary("2027-07-01").unwrap().amount,
            2_800_000
        );
        assert_eq!(s.base_salary_on("2027-08-01").unwrap().amount, 2_530_000);
        assert_eq!(
            s.remove_base_salary("2017-07-01").unwrap_err().code(),
            "in_use"
        );
    }

    #[test]
    fn vnd_format() {
        assert_eq!(format_vnd(0), "0");
        assert_eq!(format_vnd(710_000), "710.000");
        assert_eq!(format_vnd(1_234_567), "1.234.567");
        assert_eq!(format_vnd(-5_000), "-5.000");
    }
}
