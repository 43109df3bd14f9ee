//! The rules engine: what the clerk has to check before a title is granted or proposed.
//! Every finding is a **warning** with the rule and its legal reference — never a silent
//! block: the clerk knows facts the data may lack (a maternity leave, a late report).
//!
//! It looks at a year's awards (by achievement year) and registrations; a person who is both
//! registered and awarded for the same title is checked once, on the award. Thresholds
//! (minimum service, caps, percentages, consecutive years) are dated rule parameters.

use crate::assessments::Completion;
use crate::error::Result;
use crate::rules::RuleParam;
use crate::store::Store;
use rusqlite::params;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RuleWarning {
    /// Stable rule id, e.g. "ldtt_hoan_thanh_tot".
    pub rule: String,
    pub title: String,
    pub legal_ref: String,
    pub subject_name: String,
    pub unit: String,
    pub code: String,
    /// award | registration | proposal | office
    pub record: String,
    pub record_id: Option<String>,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DecisionMoney {
    pub decision_id: String,
    pub number: String,
    pub decision_date: String,
    pub awards: i64,
    pub amount: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CheckReport {
    pub year: i32,
    pub warnings: Vec<RuleWarning>,
    /// Money of the decisions of this achievement year, and its total.
    pub decisions: Vec<DecisionMoney>,
    pub total_amount: i64,
}

/// One person or unit considered for a title: from an award or a registration.
struct Case {
    record: &'static str,
    record_id: String,
    subject_id: String,
    name: String,
    unit: String,
    code: String,
    /// The date the rules are read at: the decision date, or 31/12 of the year.
    date: String,
}

/// The records a check looks at: a whole year, or only the awards one import wrote (the
/// import preview asks about those, on a file not committed yet; see `import/rule_check.rs`).
/// A record's warnings depend only on the record and the data around it, never on which other
/// records are checked alongside, so a narrower scope finds exactly the warnings the whole
/// year finds on the records it covers.
#[derive(Clone, Copy)]
enum Scope<'a> {
    Year,
    Import(&'a str),
}

impl<'a> Scope<'a> {
    fn import_id(self) -> Option<&'a str> {
        match self {
            Scope::Year => None,
            Scope::Import(id) => Some(id),
        }
    }

    /// Which awards `alias` of a query over `year` (?1) may be; the import id is `param`.
    /// An import's awards are found by its id first, their year checked after.
    fn awards(self, alias: &str, param: &str) -> String {
        match self {
            Scope::Year => format!("d.year = ?1 AND {param} IS NULL"),
            Scope::Import(_) => format!("{alias}.import_id = {param} AND +d.year = ?1"),
        }
    }
}

struct Rule {
    id: &'static str,
    title: &'static str,
    legal_ref: &'static str,
}

const LDTT_COMPLETION: Rule = Rule {
    id: "ldtt_hoan_thanh_tot",
    title: "LĐTT: hoàn thành tốt nhiệm vụ trở lên",
    legal_ref: "Luật TĐKT 06/2022/QH15 Điều 24",
};
const LDTT_DISCIPLINE: Rule = Rule {
    id: "ldtt_ky_luat",
    title: "LĐTT: không xét khi đang bị kỷ luật hoặc xem xét kỷ luật",
    legal_ref: "Luật TĐKT 06/2022/QH15 Điều 24; TT 01/2024/TT-BNV",
};
const LDTT_SERVICE: Rule = Rule {
    id: "ldtt_thoi_gian_cong_tac",
    title: "LĐTT: đủ thời gian công tác trong năm",
    legal_ref: "",
};
const CSTDCS_NEEDS_LDTT: Rule = Rule {
    id: "cstdcs_can_ldtt",
    title: "CSTĐCS: phải đạt danh hiệu LĐTT",
    legal_ref: "Luật TĐKT 06/2022/QH15 Điều 23",
};
const CSTDCS_MERIT: Rule = Rule {
    id: "cstdcs_xuat_sac_hoac_sang_kien",
    title: "CSTĐCS: hoàn thành xuất sắc nhiệm vụ hoặc có sáng kiến được công nhận",
    legal_ref: "Luật TĐKT 06/2022/QH15 Điều 23",
};
const CSTD_TINH: Rule = Rule {
    id: "cstd_tinh_lien_tuc",
    title: "CSTĐ cấp tỉnh: các lần liên tục đạt CSTĐCS",
    legal_ref: "",
};
const CSTD_TQ: Rule = Rule {
    id: "cstd_tq_lien_tuc",
    title: "CSTĐ toàn quốc: các lần liên tục đạt CSTĐ cấp tỉnh",
    legal_ref: "",
};
const TTLDXS: Rule = Rule {
    id: "ttldxs_ty_le_ldtt",
    title: "TTLĐXS: tỷ lệ LĐTT, có CSTĐCS, mọi thành viên hoàn thành nhiệm vụ",
    legal_ref: "",
};
const TTLDTT: Rule = Rule {
    id: "ttldtt_ty_le_ldtt",
    title: "TTLĐTT: trên một nửa số thành viên đạt LĐTT",
    legal_ref: "",
};
const CSTDCS_CAP: Rule = Rule {
    id: "cstdcs_ty_le_toi_da",
    title: "Tỷ lệ CSTĐCS trên số LĐTT",
    legal_ref: "",
};
const TWICE: Rule = Rule {
    id: "trung_lap",
    title: "Một đối tượng được đề nghị/khen hai lần cùng danh hiệu, hình thức trong năm",
    legal_ref: "Luật TĐKT 06/2022/QH15 Điều 5",
};
const BASE_UNCONFIRMED: Rule = Rule {
    id: "luong_co_so_chua_xac_nhan",
    title: "Tiền thưởng tính theo mức lương cơ sở chưa xác nhận",
    legal_ref: "Mức lương cơ sở theo ngày quyết định",
};
const OUT_OF_VALIDITY: Rule = Rule {
    id: "het_hieu_luc",
    title: "Danh hiệu/hình thức không còn áp dụng vào ngày quyết định",
    legal_ref: "Luật Tổ chức chính quyền địa phương 72/2025/QH15; danh mục",
};

/// Above this many cases, the year's ratings are read in one query rather than one by one.
const MANY_CASES: usize = 500;

/// Whole months from `from` (YYYY-MM-DD) to `to`, as service time is counted.
fn months_between(from: &str, to: &str) -> Option<i64> {
    let f = chrono::NaiveDate::parse_from_str(from, "%Y-%m-%d").ok()?;
    let t = chrono::NaiveDate::parse_from_str(to, "%Y-%m-%d").ok()?;
    use chrono::Datelike;
    let mut months = (t.year() - f.year()) as i64 * 12 + t.month() as i64 - f.month() as i64;
    if t.day() < f.day() {
        months -= 1;
    }
    Some(months)
}

fn percent(n: i64, of: i64) -> f64 {
    if of == 0 {
        0.0
    } else {
        n as f64 * 100.0 / of as f64
    }
}

fn fmt_pct(x: f64) -> String {
    format!("{:.1}%", x).replace('.', ",")
}

impl Store {
    /// All rule warnings for `year`, with the money totals of its decisions.
    pub fn check_year(&self, year: i32) -> Result<CheckReport> {
        crate::blocks::check_year(year)?;
        let year_end = format!("{year:04}-12-31");
        let mut warnings = Vec::new();
        let titles = self.person_titles(Scope::Year)?;
        self.check_persons(year, &year_end, Scope::Year, &titles, &mut warnings)?;
        self.check_collectives(year, &year_end, &titles, Scope::Year, &mut warnings)?;
        self.check_cap(year, &year_end, &mut warnings)?;
        self.check_twice(year, &mut warnings)?;
        self.check_awards_dates(year, Scope::Year, &mut warnings)?;

        let mut stmt = self.conn.prepare(
            "SELECT d.id, d.number, d.decision_date, count(a.id), coalesce(sum(a.amount), 0)
             FROM decisions d LEFT JOIN awards a ON a.decision_id = d.id
             WHERE d.year = ?1 GROUP BY d.id ORDER BY d.decision_date, d.number",
        )?;
        let decisions: Vec<DecisionMoney> = stmt
            .query_map([year], |r| {
                Ok(DecisionMoney {
                    decision_id: r.get(0)?,
                    number: r.get(1)?,
                    decision_date: r.get(2)?,
                    awards: r.get(3)?,
                    amount: r.get(4)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let total_amount = decisions.iter().map(|d| d.amount).sum();
        Ok(CheckReport {
            year,
            warnings,
            decisions,
            total_amount,
        })
    }

    /// The warnings of `year` on the awards import `import_id` wrote, and on nothing else:
    /// what [`Store::check_year`] says about those awards, without checking the rest of the
    /// year again (the import preview asks this for every file of a batch).
    pub(crate) fn import_award_warnings(
        &self,
        year: i32,
        import_id: &str,
    ) -> Result<Vec<RuleWarning>> {
        crate::blocks::check_year(year)?;
        let year_end = format!("{year:04}-12-31");
        let scope = Scope::Import(import_id);
        let mut warnings = Vec::new();
        let titles = self.person_titles(scope)?;
        self.check_persons(year, &year_end, scope, &titles, &mut warnings)?;
        self.check_collectives(year, &year_end, &titles, scope, &mut warnings)?;
        // The office-wide cap and "twice in a year" are about no single record: the preview
        // shows only warnings it can put on a row.
        self.check_awards_dates(year, scope, &mut warnings)?;
        Ok(warnings)
    }

    /// The personal titles (LĐTT, CSTĐ) of the awards and registrations in scope.
    fn check_persons(
        &self,
        year: i32,
        year_end: &str,
        scope: Scope,
        titles: &HashSet<(String, String, i32)>,
        warnings: &mut Vec<RuleWarning>,
    ) -> Result<()> {
        let warn =
            |w: &mut Vec<RuleWarning>, rule: &Rule, legal: &str, case: &Case, message: String| {
                w.push(RuleWarning {
                    rule: rule.id.into(),
                    title: rule.title.into(),
                    legal_ref: if legal.is_empty() {
                        rule.legal_ref.into()
                    } else {
                        legal.into()
                    },
                    subject_name: case.name.clone(),
                    unit: case.unit.clone(),
                    code: case.code.clone(),
                    record: case.record.into(),
                    record_id: Some(case.record_id.clone()),
                    // A registration is a plan: say so, so the clerk reads it as a heads-up.
                    message: if case.record == "registration" {
                        format!("Đăng ký {}: {message}", case.code)
                    } else {
                        message
                    },
                })
            };

        let cases = self.person_cases(year, year_end, scope)?;
        let has = |person: &str, code: &str, y: i32| {
            titles.contains(&(person.to_string(), code.to_string(), y))
        };
        // Many cases (a long list, the whole year) ask about most of the year's ratings: read
        // at once. A few (one unit's list) are asked about one by one.
        let ratings = match cases.len() > MANY_CASES {
            true => Some(self.ratings_by_person(year)?),
            false => None,
        };
        let rating = |person: &str| match &ratings {
            Some(all) => Ok(all.get(person).cloned()),
            None => self.person_rating(person, year),
        };
        // The rule parameters in force on each decision date: a handful of dates per year.
        let mut in_force: HashMap<(&str, String), Option<RuleParam>> = HashMap::new();
        let mut param = |key: &'static str, date: &str| -> Result<Option<RuleParam>> {
            if let Some(p) = in_force.get(&(key, date.to_string())) {
                return Ok(p.clone());
            }
            let p = self.rule_param(key, date)?;
            in_force.insert((key, date.to_string()), p.clone());
            Ok(p)
        };

        // A registration of a year still running is a plan: its own year's results (ratings,
        // the LĐTT decision) come at the year's end, so their absence is not yet a warning.
        let year_over = chrono::Local::now()
            .date_naive()
            .format("%Y-%m-%d")
            .to_string()
            .as_str()
            > year_end;
        for c in &cases {
            let pending = c.record == "registration" && !year_over;
            match c.code.as_str() {
                "LDTT" => {
                    match rating(&c.subject_id)? {
                        None if pending => {}
                        None => warn(
                            warnings,
                            &LDTT_COMPLETION,
                            "",
                            c,
                            format!(
                                "Chưa có kết quả đánh giá mức độ hoàn thành nhiệm vụ năm {year}."
                            ),
                        ),
                        Some(r) => {
                            if !r.completion.meets(Completion::Htt) {
                                warn(
                                    warnings,
                                    &LDTT_COMPLETION,
                                    "",
                                    c,
                                    format!("Năm {year} chỉ đạt \"{}\".", r.completion.label()),
                                );
                            }
                            if r.under_discipline {
                                warn(
                                    warnings,
                                    &LDTT_DISCIPLINE,
                                    "",
                                    c,
                                    format!("Năm {year} đang bị kỷ luật hoặc xem xét kỷ luật."),
                                );
                            }
                        }
                    }
                    if let Some(p) = param("ldtt_min_service_months", &c.date)? {
                        let need = p.value.unwrap_or(0.0) as i64;
                        let hired: Option<String> = self
                            .conn
                            .prepare_cached("SELECT hired_on FROM persons WHERE id = ?1")?
                            .query_row([&c.subject_id], |r| r.get(0))?;
                        if let Some(months) =
                            hired.as_deref().and_then(|h| months_between(h, year_end))
                        {
                            if months < need {
                                warn(warnings, &LDTT_SERVICE, &p.legal_ref, c, format!("Mới công tác {months} tháng tính đến 31/12/{year}; cần ít nhất {need} tháng (thời gian nghỉ thai sản được tính)."));
                            }
                        }
                    }
                }
                "CSTD_CS" => {
                    if !pending && !has(&c.subject_id, "LDTT", year) {
                        warn(
                            warnings,
                            &CSTDCS_NEEDS_LDTT,
                            "",
                            c,
                            format!("Chưa có quyết định công nhận Lao động tiên tiến năm {year}."),
                        );
                    }
                    let rating = rating(&c.subject_id)?;
                    let excellent = rating
                        .as_ref()
                        .is_some_and(|r| r.completion == Completion::Htxs);
                    let awaiting_rating = pending && rating.is_none();
                    if !(excellent || awaiting_rating) {
                        let (linked, unused): (i64, i64) = self.conn.prepare_cached(
                            "SELECT count(*) FILTER (WHERE used_for = ?2), count(*) FILTER (WHERE used_for IS NULL)
                             FROM initiatives WHERE person_id = ?1",
                        )?.query_row(
                            params![c.subject_id, c.record_id],
                            |r| Ok((r.get(0)?, r.get(1)?)),
                        )?;
                        if linked == 0 {
                            let hint = if unused > 0 {
                                format!(" Có {unused} sáng kiến chưa dùng: hãy gắn một sáng kiến làm căn cứ (mỗi sáng kiến chỉ dùng một lần).")
                            } else {
                                String::new()
                            };
                            warn(warnings, &CSTDCS_MERIT, "", c, format!("Năm {year} không đạt \"Hoàn thành xuất sắc nhiệm vụ\" và chưa có sáng kiến làm căn cứ.{hint}"));
                        }
                    }
                }
                "CSTD_TINH" => {
                    if let Some(p) = param("cstd_tinh_consecutive_cstdcs", &c.date)? {
                        let n = p.value.unwrap_or(3.0) as i32;
                        // This year's title is still to be won by a registration.
                        let last = if pending { year - 1 } else { year };
                        let missing: Vec<String> = (year - n + 1..=last)
                            .filter(|y| !has(&c.subject_id, "CSTD_CS", *y))
                            .map(|y| y.to_string())
                            .collect();
                        if !missing.is_empty() {
                            warn(
                                warnings,
                                &CSTD_TINH,
                                &p.legal_ref,
                                c,
                                format!(
                                    "Cần {n} lần liên tục đạt CSTĐCS ({}–{year}); chưa có năm {}.",
                                    year - n + 1,
                                    missing.join(", ")
                                ),
                            );
                        }
                    }
                }
                "CSTD_TQ" => {
                    if let Some(p) = param("cstd_tq_consecutive_cstd_tinh", &c.date)? {
                        let n = p.value.unwrap_or(2.0) as i32;
                        // This year's title is still to be won by a registration.
                        let last = if pending { year - 1 } else { year };
                        let missing: Vec<String> = (year - n + 1..=last)
                            .filter(|y| !has(&c.subject_id, "CSTD_TINH", *y))
                            .map(|y| y.to_string())
                            .collect();
                        if !missing.is_empty() {
                            warn(
                                warnings,
                                &CSTD_TQ,
                                &p.legal_ref,
                                c,
                                format!(
                                    "Cần {n} lần liên tục đạt CSTĐ cấp tỉnh; chưa có năm {}.",
                                    missing.join(", ")
                                ),
                            );
                        }
                    }
                }
                _ => {}
            }
        }

        Ok(())
    }

    /// Persons considered for a personal title in `year`: awarded, or registered and not yet
    /// awarded.
    /// (Registrations are in scope only for the whole year.)
    fn person_cases(&self, year: i32, year_end: &str, scope: Scope) -> Result<Vec<Case>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT 'award', a.id, a.person_id, p.full_name, coalesce(u.name, a.unit_name), a.code, d.decision_date
             FROM awards a JOIN decisions d ON d.id = a.decision_id JOIN persons p ON p.id = a.person_id
             LEFT JOIN units u ON u.id = p.unit_id
             WHERE {awards} AND a.code IN ('LDTT', 'CSTD_CS', 'CSTD_TINH', 'CSTD_TQ')
             UNION ALL
             SELECT 'registration', r.id, r.person_id, p.full_name, coalesce(u.name, ''), r.code, ?2
             FROM registrations r JOIN persons p ON p.id = r.person_id
             LEFT JOIN units u ON u.id = p.unit_id
             WHERE ?3 IS NULL AND r.year = ?1 AND r.code IN ('LDTT', 'CSTD_CS', 'CSTD_TINH', 'CSTD_TQ')
               AND NOT EXISTS (SELECT 1 FROM awards a JOIN decisions d ON d.id = a.decision_id
                               WHERE d.year = ?1 AND a.person_id = r.person_id AND a.code = r.code)",
            awards = scope.awards("a", "?3")
        ))?;
        let rows = stmt.query_map(params![year, year_end, scope.import_id()], |r| {
            let record: String = r.get(0)?;
            Ok(Case {
                record: if record == "award" {
                    "award"
                } else {
                    "registration"
                },
                record_id: r.get(1)?,
                subject_id: r.get(2)?,
                name: r.get(3)?,
                unit: r.get(4)?,
                code: r.get(5)?,
                date: r.get(6)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// (person id, code, achievement year) of every personal title awarded.
    /// For an import, only the people the checks of its awards ask about: its recipients and
    /// the members of the units it awards.
    fn person_titles(&self, scope: Scope) -> Result<HashSet<(String, String, i32)>> {
        let sql = "SELECT a.person_id, a.code, d.year FROM awards a JOIN decisions d ON d.id = a.decision_id
             WHERE a.person_id IS NOT NULL";
        let rows = match scope.import_id() {
            None => {
                let mut stmt = self.conn.prepare_cached(sql)?;
                let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
                rows.collect::<rusqlite::Result<_>>()?
            }
            Some(import_id) => {
                let mut stmt = self.conn.prepare_cached(&format!(
                    "{sql} AND a.person_id IN (
                         SELECT person_id FROM awards WHERE import_id = ?1
                         UNION SELECT p.id FROM awards x JOIN persons p ON p.unit_id = x.unit_id
                         WHERE x.import_id = ?1)"
                ))?;
                let rows =
                    stmt.query_map([import_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
                rows.collect::<rusqlite::Result<_>>()?
            }
        };
        Ok(rows)
    }

    /// TTLĐXS and TTLĐTT: the share of the unit's members who are LĐTT this year.
    fn check_collectives(
        &self,
        year: i32,
        year_end: &str,
        titles: &HashSet<(String, String, i32)>,
        scope: Scope,
        warnings: &mut Vec<RuleWarning>,
    ) -> Result<()> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT 'award', a.id, a.unit_id, u.name, a.code, d.decision_date, u.staff_count
             FROM awards a JOIN decisions d ON d.id = a.decision_id JOIN units u ON u.id = a.unit_id
             WHERE {awards} AND a.code IN ('TTLDXS', 'TTLDTT')
             UNION ALL
             SELECT 'registration', r.id, r.unit_id, u.name, r.code, ?2, u.staff_count
             FROM registrations r JOIN units u ON u.id = r.unit_id
             WHERE ?3 IS NULL AND r.year = ?1 AND r.code IN ('TTLDXS', 'TTLDTT')
               AND NOT EXISTS (SELECT 1 FROM awards a JOIN decisions d ON d.id = a.decision_id
                               WHERE d.year = ?1 AND a.unit_id = r.unit_id AND a.code = r.code)",
            awards = scope.awards("a", "?3")
        ))?;
        let rows: Vec<(Case, Option<i64>)> = stmt
            .query_map(params![year, year_end, scope.import_id()], |r| {
                let record: String = r.get(0)?;
                let unit: String = r.get(3)?;
                Ok((
                    Case {
                        record: if record == "award" {
                            "award"
                        } else {
                            "registration"
                        },
                        record_id: r.get(1)?,
                        subject_id: r.get(2)?,
                        name: unit.clone(),
                        unit,
                        code: r.get(4)?,
                        date: r.get(5)?,
                    },
                    r.get(6)?,
                ))
            })?
            .collect::<rusqlite::Result<_>>()?;
        for (case, staff) in rows {
            let members: Vec<String> = {
                let mut s = self.conn.prepare_cached(
                    "SELECT id FROM persons WHERE unit_id = ?1 AND merged_into IS NULL",
                )?;
                let ids = s
                    .query_map([&case.subject_id], |r| r.get(0))?
                    .collect::<rusqlite::Result<_>>()?;
                ids
            };
            // Staff count as declared for the unit; the people on file when it is not set.
            let denominator = staff.filter(|n| *n > 0).unwrap_or(members.len() as i64);
            let holders = |code: &str| {
                members
                    .iter()
                    .filter(|p| titles.contains(&((*p).clone(), code.to_string(), year)))
                    .count() as i64
            };
            let (ldtt, cstdcs) = (holders("LDTT"), holders("CSTD_CS"));
            let (unit_id, code, date) = (
                case.subject_id.clone(),
                case.code.clone(),
                case.date.clone(),
            );
            let share = percent(ldtt, denominator);
            let mut push = |rule: &Rule, legal: &str, message: String| {
                warnings.push(RuleWarning {
                    rule: rule.id.into(),
                    title: rule.title.into(),
                    legal_ref: if legal.is_empty() {
                        rule.legal_ref.into()
                    } else {
                        legal.into()
                    },
                    subject_name: case.name.clone(),
                    unit: case.unit.clone(),
                    code: case.code.clone(),
                    record: case.record.into(),
                    record_id: Some(case.record_id.clone()),
                    message,
                })
            };
            if code == "TTLDXS" {
                if let Some(p) = self.rule_param("ttldxs_min_ldtt_percent", &date)? {
                    let need = p.value.unwrap_or(70.0);
                    if share < need {
                        push(
                            &TTLDXS,
                            &p.legal_ref,
                            format!(
                                "{ldtt}/{denominator} người đạt LĐTT ({}); cần ít nhất {}.",
                                fmt_pct(share),
                                fmt_pct(need)
                            ),
                        );
                    }
                    if cstdcs == 0 {
                        push(
                            &TTLDXS,
                            &p.legal_ref,
                            format!("Chưa có cá nhân nào của đơn vị đạt CSTĐCS năm {year}."),
                        );
                    }
                    let failing: i64 = self
                        .conn
                        .prepare_cached(
                            "SELECT count(*) FROM person_ratings r JOIN persons p ON p.id = r.person_id
                             WHERE p.unit_id = ?1 AND r.year = ?2 AND r.completion = 'khong_ht'",
                        )?
                        .query_row(params![unit_id, year], |r| r.get(0))?;
                    if failing > 0 {
                        push(
                            &TTLDXS,
                            &p.legal_ref,
                            format!("{failing} thành viên không hoàn thành nhiệm vụ năm {year}."),
                        );
                    }
                }
            } else if let Some(p) = self.rule_param("ttldtt_min_ldtt_percent", &date)? {
                let need = p.value.unwrap_or(50.0);
                if share <= need {
                    push(
                        &TTLDTT,
                        &p.legal_ref,
                        format!(
                            "{ldtt}/{denominator} người đạt LĐTT ({}); cần trên {}.",
                            fmt_pct(share),
                            fmt_pct(need)
                        ),
                    );
                }
            }
        }
        Ok(())
    }

    /// The configurable cap of CSTĐCS against LĐTT for the whole office in a year.
    fn check_cap(&self, year: i32, year_end: &str, warnings: &mut Vec<RuleWarning>) -> Result<()> {
        let Some(p) = self.rule_param("cstdcs_cap_percent_of_ldtt", year_end)? else {
            return Ok(());
        };
        let counts: HashMap<String, i64> = {
            let mut stmt = self.conn.prepare(
                "SELECT a.code, count(*) FROM awards a JOIN decisions d ON d.id = a.decision_id
                 WHERE d.year = ?1 AND a.code IN ('LDTT', 'CSTD_CS') GROUP BY a.code",
            )?;
            let rows = stmt.query_map([year], |r| Ok((r.get(0)?, r.get(1)?)))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        let ldtt = counts.get("LDTT").copied().unwrap_or(0);
        let cstdcs = counts.get("CSTD_CS").copied().unwrap_or(0);
        let cap = p.value.unwrap_or(100.0);
        if cstdcs > 0 && percent(cstdcs, ldtt) > cap {
            warnings.push(RuleWarning {
                rule: CSTDCS_CAP.id.into(),
                title: CSTDCS_CAP.title.into(),
                legal_ref: p.legal_ref,
                subject_name: String::new(),
                unit: String::new(),
                code: "CSTD_CS".into(),
                record: "office".into(),
                record_id: None,
                message: format!(
                    "Năm {year}: {cstdcs} CSTĐCS trên {ldtt} LĐTT ({}), vượt mức tối đa {}.",
                    fmt_pct(percent(cstdcs, ldtt)),
                    fmt_pct(cap)
                ),
            });
        }
        Ok(())
    }

    /// The same subject twice for the same title or form in one year: in awards, or in
    /// proposals upward.
    fn check_twice(&self, year: i32, warnings: &mut Vec<RuleWarning>) -> Result<()> {
        let sql = format!(
            "SELECT 'award', {name}, t.code, group_concat(d.number, ', ')
             FROM awards t JOIN decisions d ON d.id = t.decision_id
             WHERE d.year = ?1
             GROUP BY t.code, t.person_id, t.unit_id, t.household_id HAVING count(*) > 1
             UNION ALL
             SELECT 'proposal', {name}, t.code, group_concat(coalesce(nullif(p.number, ''), p.proposal_date), ', ')
             FROM proposal_items t JOIN proposals p ON p.id = t.proposal_id
             WHERE p.year = ?1
             GROUP BY t.code, t.person_id, t.unit_id, t.household_id HAVING count(*) > 1",
            name = crate::subjects::SUBJECT_NAME_SQL
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let rows: Vec<(String, Option<String>, String, String)> = stmt
            .query_map([year], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
            .collect::<rusqlite::Result<_>>()?;
        for (record, name, code, docs) in rows {
            let what = if record == "award" {
                "được khen"
            } else {
                "được đề nghị"
            };
            warnings.push(RuleWarning {
                rule: TWICE.id.into(),
                title: TWICE.title.into(),
                legal_ref: TWICE.legal_ref.into(),
                subject_name: name.clone().unwrap_or_default(),
                unit: String::new(),
                code: code.clone(),
                record: if record == "award" {
                    "award".into()
                } else {
                    "proposal".into()
                },
                record_id: None,
                message: format!(
                    "{} {what} {code} hai lần trong năm {year} ({docs}).",
                    name.unwrap_or_default()
                ),
            });
        }
        Ok(())
    }

    /// Awards computed on an unconfirmed base salary, and items no longer granted on the
    /// decision date (e.g. Giấy khen of a district chairman after 30/6/2025).
    fn check_awards_dates(
        &self,
        year: i32,
        scope: Scope,
        warnings: &mut Vec<RuleWarning>,
    ) -> Result<()> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT t.id, {name}, t.code, c.name, d.number, d.decision_date, t.amount, t.amount_manual,
                 (SELECT confirmed FROM base_salaries WHERE effective_from <= d.decision_date
                  ORDER BY effective_from DESC LIMIT 1),
                 c.valid_from, c.valid_to
             FROM awards t JOIN decisions d ON d.id = t.decision_id JOIN catalog_items c ON c.code = t.code
             WHERE {awards}",
            name = crate::subjects::SUBJECT_NAME_SQL,
            awards = scope.awards("t", "?2")
        ))?;
        type Row = (
            String,
            Option<String>,
            String,
            String,
            String,
            String,
            i64,
            bool,
            Option<String>,
            Option<String>,
            Option<String>,
        );
        let rows: Vec<Row> = stmt
            .query_map(params![year, scope.import_id()], |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                    r.get(6)?,
                    r.get::<_, i64>(7)? != 0,
                    r.get(8)?,
                    r.get(9)?,
                    r.get(10)?,
                ))
            })?
            .collect::<rusqlite::Result<_>>()?;
        for (id, name, code, code_name, number, date, amount, manual, confirmed, from, to) in rows {
            let base = RuleWarning {
                rule: String::new(),
                title: String::new(),
                legal_ref: String::new(),
                subject_name: name.unwrap_or_default(),
                unit: String::new(),
                code: code.clone(),
                record: "award".into(),
                record_id: Some(id),
                message: String::new(),
            };
            if amount > 0 && !manual && confirmed.as_deref() == Some("no") {
                warnings.push(RuleWarning {
                    rule: BASE_UNCONFIRMED.id.into(),
                    title: BASE_UNCONFIRMED.title.into(),
                    legal_ref: BASE_UNCONFIRMED.legal_ref.into(),
                    message: format!("Quyết định {number}: mức lương cơ sở áp dụng ngày {} chưa được xác nhận; kiểm tra lại số tiền.", crate::units::format_date_vi(&date)),
                    ..base.clone()
                });
            }
            let before = from.as_deref().is_some_and(|f| date.as_str() < f);
            let after = to.as_deref().is_some_and(|t| date.as_str() > t);
            if before || after {
                warnings.push(RuleWarning {
                    rule: OUT_OF_VALIDITY.id.into(),
                    title: OUT_OF_VALIDITY.title.into(),
                    legal_ref: OUT_OF_VALIDITY.legal_ref.into(),
                    message: format!(
                        "\"{code_name}\" không áp dụng vào ngày {} (quyết định {number}).",
                        crate::units::format_date_vi(&date)
                    ),
                    ..base
                });
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decisions::{AwardInput, AwardType, DecisionInput, DecisionLevel};
    use crate::persons::PersonInput;
    use crate::subjects::Subject;
    use crate::units::{UnitInput, UnitKind};

    struct Office {
        s: Store,
        unit: String,
    }

    impl Office {
        fn new(staff: u32) -> Office {
            let mut s = Store::open_in_memory().unwrap();
            let unit = s
                .create_unit(&UnitInput {
                    code: "TH".into(),
                    name: "Trường Tiểu học".into(),
                    kind: UnitKind::DonViSuNghiep,
                    staff_count: Some(staff),
                    parent_id: None,
                    note: String::new(),
                })
                .unwrap()
                .id;
            Office { s, unit }
        }

        fn person(&mut self, name: &str, rating: Option<Completion>, year: i32) -> String {
            let id = self
                .s
                .create_person(&PersonInput::named(name, Some(&self.unit)))
                .unwrap()
                .id;
            if let Some(r) = rating {
                self.s.set_person_rating(&id, year, r, false, "").unwrap();
            }
            id
        }

        fn decision(&mut self, number: &str, date: &str, year: i32) -> String {
            self.s
                .create_decision(&DecisionInput {
                    number: number.into(),
                    decision_date: date.into(),
                    level: DecisionLevel::Xa,
                    authority: String::new(),
                    signer_name: String::new(),
                    signer_title: String::new(),
                    award_type: AwardType::CongTrang,
                    movement_id: None,
                    year,
                    period_from: None,
                    period_to: None,
                    note: String::new(),
                })
                .unwrap()
                .id
        }

        fn give(&mut self, decision: &str, subject: Subject, code: &str) -> String {
            self.s
                .add_award(
                    decision,
                    &AwardInput {
                        subject,
                        code: code.into(),
                        achievement: String::new(),
                        direct_worker: true,
                        position: None,
                        unit_name: None,
                        amount: None,
                    },
                )
                .unwrap()
                .id
        }

        fn rules(&self, year: i32) -> Vec<(String, String)> {
            let mut v: Vec<(String, String)> = self
                .s
                .check_year(year)
                .unwrap()
                .warnings
                .into_iter()
                .map(|w| (w.rule, w.subject_name))
                .collect();
            v.sort();
            v
        }
    }

    fn pair(rule: &str, name: &str) -> (String, String) {
        (rule.to_string(), name.to_string())
    }

    #[test]
    fn ldtt_needs_a_good_rating_no_discipline_and_six_months() {
        let mut o = Office::new(10);
        let good = o.person("Lê Văn An", Some(Completion::Htt), 2025);
        let weak = o.person("Trần Thị Bình", Some(Completion::Ht), 2025);
        let unrated = o.person("Phạm Văn Cường", None, 2025);
        let new = o.person("Đỗ Thị Dung", Some(Completion::Htxs), 2025);
        let mut p = o.s.person(&new).unwrap();
        p.hired_on = Some("2025-09-01".into());
        let input = PersonInput {
            full_name: p.full_name,
            gender: None,
            birth_year: None,
            birth_date: None,
            unit_id: p.unit_id,
            position: String::new(),
            position_category: p.position_category,
            citizen_id: None,
            hired_on: p.hired_on,
            note: String::new(),
        };
        o.s.update_person(&new, &input).unwrap();
        let d = o.decision("1/QĐ-UBND", "2025-12-20", 2025);
        for id in [&good, &weak, &unrated, &new] {
            o.give(&d, Subject::Person(id.clone()), "LDTT");
        }
        let found = o.rules(2025);
        assert_eq!(
            found,
            vec![
                pair("ldtt_hoan_thanh_tot", "Phạm Văn Cường"),
                pair("ldtt_hoan_thanh_tot", "Trần Thị Bình"),
                pair("ldtt_thoi_gian_cong_tac", "Đỗ Thị Dung"),
            ]
        );
        let service =
            o.s.check_year(2025)
                .unwrap()
                .warnings
                .into_iter()
                .find(|w| w.rule == "ldtt_thoi_gian_cong_tac")
                .unwrap();
        assert!(
            service.message.contains("Mới công tác 3 tháng"),
            "{}",
            service.message
        );
        assert_eq!(service.legal_ref, "Thông tư 01/2024/TT-BNV");
        o.s.set_person_rating(&good, 2025, Completion::Htt, true, "đang xem xét kỷ luật")
            .unwrap();
        assert!(o.rules(2025).contains(&pair("ldtt_ky_luat", "Lê Văn An")));
    }

    #[test]
    fn cstdcs_needs_ldtt_and_excellence_or_an_initiative_used_once() {
        let mut o = Office::new(10);
        let a = o.person("Lê Văn An", Some(Completion::Htxs), 2025);
        let b = o.person("Trần Thị Bình", Some(Completion::Htt), 2025);
        let d = o.decision("2/QĐ-UBND", "2025-12-20", 2025);
        o.give(&d, Subject::Person(a.clone()), "LDTT");
        o.give(&d, Subject::Person(a.clone()), "CSTD_CS");
        o.give(&d, Subject::Person(b.clone()), "LDTT");
        let cs_b = o.give(&d, Subject::Person(b.clone()), "CSTD_CS");
        assert_eq!(
            o.rules(2025),
            vec![pair("cstdcs_xuat_sac_hoac_sang_kien", "Trần Thị Bình")]
        );

        // an unused initiative is pointed out; linked to this award, the warning goes
        o.s.conn.execute(
            "INSERT INTO initiatives (id, person_id, title, year, created_at, updated_at) VALUES ('i1', ?1, 'Sáng kiến dạy đọc', 2025, 'x', 'x')",
            [&b],
        ).unwrap();
        let w = o.s.check_year(2025).unwrap().warnings;
        assert!(
            w[0].message.contains("1 sáng kiến chưa dùng"),
            "{}",
            w[0].message
        );
        o.s.conn
            .execute(
                "UPDATE initiatives SET used_for = ?1 WHERE id = 'i1'",
                [&cs_b],
            )
            .unwrap();
        assert!(o.rules(2025).is_empty());

        // CSTĐCS without LĐTT
        let c = o.person("Phạm Văn Cường", Some(Completion::Htxs), 2025);
        o.give(&d, Subject::Person(c), "CSTD_CS");
        assert_eq!(
            o.rules(2025),
            vec![pair("cstdcs_can_ldtt", "Phạm Văn Cường")]
        );
    }

    #[test]
    fn provincial_title_needs_three_consecutive_cstdcs() {
        let mut o = Office::new(10);
        let a = o.person("Lê Văn An", Some(Completion::Htxs), 2025);
        for (y, n) in [(2023, "10/QĐ"), (2025, "12/QĐ")] {
            o.s.set_person_rating(&a, y, Completion::Htxs, false, "")
                .unwrap();
            let d = o.decision(n, &format!("{y}-12-20"), y);
            o.give(&d, Subject::Person(a.clone()), "LDTT");
            o.give(&d, Subject::Person(a.clone()), "CSTD_CS");
        }
        let p = o.decision("99/QĐ-UBND", "2026-01-15", 2025);
        o.give(&p, Subject::Person(a.clone()), "CSTD_TINH");
        let w = o.s.check_year(2025).unwrap().warnings;
        let rule = w
            .iter()
            .find(|w| w.rule == "cstd_tinh_lien_tuc")
            .expect("missing 2024");
        assert!(
            rule.message.contains("chưa có năm 2024"),
            "{}",
            rule.message
        );
        assert_eq!(rule.legal_ref, "Luật TĐKT 06/2022/QH15 Điều 22");
    }

    #[test]
    fn collective_titles_check_the_share_of_ldtt() {
        let mut o = Office::new(4);
        let people: Vec<String> = ["An", "Bình", "Cúc", "Dũng"]
            .iter()
            .map(|n| o.person(&format!("Lê Văn {n}"), Some(Completion::Htt), 2025))
            .collect();
        let d = o.decision("3/QĐ-UBND", "2025-12-20", 2025);
        o.give(&d, Subject::Person(people[0].clone()), "LDTT");
        o.give(&d, Subject::Person(people[1].clone()), "LDTT");
        let unit = o.unit.clone();
        o.give(&d, Subject::Unit(unit.clone()), "TTLDTT");
        // 2 of 4 is not more than half
        let w = o.s.check_year(2025).unwrap().warnings;
        assert_eq!(w.len(), 1);
        assert!(
            w[0].message
                .contains("2/4 người đạt LĐTT (50,0%); cần trên 50,0%"),
            "{}",
            w[0].message
        );
        o.give(&d, Subject::Person(people[2].clone()), "LDTT");
        assert!(o.rules(2025).is_empty());

        // TTLĐXS registration: 3/4 = 75% ≥ 70% but no CSTĐCS
        o.s.conn.execute(
            "INSERT INTO registrations (id, year, unit_id, code, created_at, updated_at) VALUES ('r1', 2025, ?1, 'TTLDXS', 'x', 'x')",
            [&unit],
        ).unwrap();
        let w = o.s.check_year(2025).unwrap().warnings;
        assert_eq!(w.len(), 1);
        assert!(w[0]
            .message
            .contains("Chưa có cá nhân nào của đơn vị đạt CSTĐCS"));
        assert_eq!(w[0].record, "registration");

        // another unit registers TTLĐXS with nobody LĐTT: the 70% share is not met
        let other =
            o.s.create_unit(&UnitInput {
                code: "MN".into(),
                name: "Trường Mầm non".into(),
                kind: UnitKind::DonViSuNghiep,
                staff_count: Some(10),
                parent_id: None,
                note: String::new(),
            })
            .unwrap()
            .id;
        o.s.conn
            .execute(
                "INSERT INTO registrations (id, year, unit_id, code, created_at, updated_at) VALUES ('r2', 2025, ?1, 'TTLDXS', 'x', 'x')",
                [&other],
            )
            .unwrap();
        let w = o.s.check_year(2025).unwrap().warnings;
        let share = w
            .iter()
            .find(|w| {
                w.subject_name == "Trường Mầm non" && w.message.contains("0/10 người đạt LĐTT")
            })
            .expect("the 70% rule warns");
        assert!(
            share.message.contains("cần ít nhất 70,0%"),
            "{}",
            share.message
        );
        assert_eq!(share.legal_ref, "Luật TĐKT 06/2022/QH15 Điều 27");
    }

    #[test]
    fn cap_twice_unconfirmed_base_salary_and_validity() {
        let mut o = Office::new(10);
        // NĐ 91 era: cap 15% of LĐTT. 1 CSTĐCS on 2 LĐTT = 50%.
        let a = o.person("Lê Văn An", Some(Completion::Htxs), 2023);
        let b = o.person("Trần Thị Bình", Some(Completion::Htxs), 2023);
        let d = o.decision("5/QĐ-UBND", "2023-12-20", 2023);
        o.give(&d, Subject::Person(a.clone()), "LDTT");
        o.give(&d, Subject::Person(b.clone()), "LDTT");
        o.give(&d, Subject::Person(a.clone()), "CSTD_CS");
        let w = o.s.check_year(2023).unwrap();
        let cap = w
            .warnings
            .iter()
            .find(|w| w.rule == "cstdcs_ty_le_toi_da")
            .expect("cap");
        assert!(
            cap.message.contains("vượt mức tối đa 15,0%"),
            "{}",
            cap.message
        );
        // base salary 1.800.000 from 1/7/2023: LĐTT 540.000 twice, CSTĐCS 1.800.000 (NĐ 91 pays both)
        assert_eq!(
            w.total_amount,
            540_000 * 2 + 1_800_000,
            "money per year is reported"
        );
        // no national cap from 2024
        let d24 = o.decision("6/QĐ-UBND", "2024-12-20", 2024);
        o.s.set_person_rating(&a, 2024, Completion::Htxs, false, "")
            .unwrap();
        o.give(&d24, Subject::Person(a.clone()), "LDTT");
        o.give(&d24, Subject::Person(a.clone()), "CSTD_CS");
        assert!(o.rules(2024).is_empty());

        // the same form twice in a year; a district Giấy khen after 30/6/2025; an
        // unconfirmed base salary (2026)
        let d1 = o.decision("7/QĐ-UBND", "2026-08-01", 2026);
        o.give(&d1, Subject::Person(b.clone()), "GK_XA");
        o.give(&d1, Subject::Person(b.clone()), "GK_XA");
        o.give(&d1, Subject::Person(a.clone()), "GK_HUYEN");
        let rules: Vec<String> = o.rules(2026).into_iter().map(|(r, _)| r).collect();
        assert!(rules.contains(&"trung_lap".to_string()));
        assert!(rules.contains(&"het_hieu_luc".to_string()));
        assert!(rules.contains(&"luong_co_so_chua_xac_nhan".to_string()));
    }

    #[test]
    fn months_of_service() {
        assert_eq!(months_between("2025-07-01", "2025-12-31"), Some(5));
        assert_eq!(months_between("2025-06-30", "2025-12-31"), Some(6));
        assert_eq!(months_between("2024-01-15", "2025-12-31"), Some(23));
    }

    #[test]
    fn a_registration_is_not_warned_for_results_its_running_year_has_not_had_yet() {
        use crate::registrations::RegistrationInput;
        use chrono::Datelike;
        let mut o = Office::new(20);
        let next = chrono::Local::now().year() + 1;
        let person = o.person("Nguyễn Thị Lan", None, next);
        for (year, code) in [
            (next, "LDTT"),
            (next, "CSTD_CS"),
            (2024, "LDTT"),
            (2024, "CSTD_CS"),
        ] {
            o.s.insert_registration(
                &RegistrationInput {
                    year,
                    subject: Subject::Person(person.clone()),
                    code: code.into(),
                    targets: String::new(),
                    registered_on: None,
                },
                None,
            )
            .unwrap();
        }
        // Next year has not happened: no rating and no LĐTT decision is normal.
        let running = o.s.check_year(next).unwrap();
        assert!(running.warnings.is_empty(), "{:?}", running.warnings);
        // 2024 is over: the same registrations without results are flagged.
        let over = o.s.check_year(2024).unwrap();
        let rules: Vec<&str> = over.warnings.iter().map(|w| w.rule.as_str()).collect();
        assert!(rules.contains(&"ldtt_hoan_thanh_tot"), "{rules:?}");
        assert!(rules.contains(&"cstdcs_can_ldtt"), "{rules:?}");
    }

    /// The import preview checks only the awards a file adds; what it finds must be exactly
    /// what checking the whole year finds on those awards. Real unit lists imported into the
    /// demo office, checked both ways.
    #[test]
    fn checking_an_import_finds_what_the_whole_year_finds_on_its_awards() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = Store::open_in_memory().unwrap();
        crate::demo::fill(&mut s, 2025).unwrap();
        crate::demo_files::write_unit_lists(dir.path(), 6, 2025).unwrap();
        let mut files: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        files.sort();
        let mut compared = 0;
        for f in &files {
            let options = crate::import::ImportOptions {
                skip_unresolved: true,
                ..Default::default()
            };
            let outcome = s.import_file(f, &options).unwrap();
            let import_id = outcome.import_id.unwrap();
            let ours: HashSet<String> = {
                let mut q = s
                    .conn
                    .prepare("SELECT id FROM awards WHERE import_id = ?1")
                    .unwrap();
                let ids = q.query_map([&import_id], |r| r.get(0)).unwrap();
                ids.map(|i| i.unwrap()).collect()
            };
            let key = |w: &RuleWarning| format!("{w:?}");
            let mut whole: Vec<String> = s
                .check_year(2025)
                .unwrap()
                .warnings
                .iter()
                .filter(|w| w.record_id.as_ref().is_some_and(|id| ours.contains(id)))
                .map(key)
                .collect();
            let mut scoped: Vec<String> = s
                .import_award_warnings(2025, &import_id)
                .unwrap()
                .iter()
                .map(key)
                .collect();
            whole.sort();
            scoped.sort();
            assert_eq!(scoped, whole, "{}", f.display());
            compared += scoped.len();
        }
        assert!(
            compared > 50,
            "the lists raise warnings to compare: {compared}"
        );
    }
}
