//! Self-assessments (tự đánh giá) of member units at mid-year (sơ kết 6 tháng) and at year
//! end (tổng kết năm), and each person's yearly completion level, which the title rules read
//! ("Lao động tiên tiến" needs at least "hoàn thành tốt nhiệm vụ").

use crate::blocks::check_year;
use crate::error::{Error, Result};
use crate::store::{new_id, now, Store, COLLATE_PERSON, COLLATE_VI};
use crate::text::clean;
use crate::units::parse_date;
use rusqlite::{params, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use ts_rs::TS;
use unicode_normalization::UnicodeNormalization;

/// The level of completion of duties (mức độ hoàn thành nhiệm vụ).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Completion {
    Htxs,
    Htt,
    Ht,
    KhongHt,
}

impl Completion {
    /// Best first, as the choice lists show them.
    pub const ALL: [Completion; 4] = [Self::Htxs, Self::Htt, Self::Ht, Self::KhongHt];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Htxs => "htxs",
            Self::Htt => "htt",
            Self::Ht => "ht",
            Self::KhongHt => "khong_ht",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Htxs => "Hoàn thành xuất sắc nhiệm vụ",
            Self::Htt => "Hoàn thành tốt nhiệm vụ",
            Self::Ht => "Hoàn thành nhiệm vụ",
            Self::KhongHt => "Không hoàn thành nhiệm vụ",
        }
    }

    pub fn parse(s: &str) -> Result<Self> {
        Self::ALL
            .into_iter()
            .find(|c| c.as_str() == s)
            .ok_or_else(|| {
                Error::invalid(
                    "completion",
                    format!(
                        "Mức độ hoàn thành nhiệm vụ \"{s}\" không hợp lệ (htxs, htt, ht, khong_ht)."
                    ),
                )
            })
    }

    fn level(self) -> u8 {
        match self {
            Self::Htxs => 3,
            Self::Htt => 2,
            Self::Ht => 1,
            Self::KhongHt => 0,
        }
    }

    /// True when this level is `required` or better: `Htxs.meets(Htt)` is true.
    pub fn meets(self, required: Completion) -> bool {
        self.level() >= required.level()
    }
}

/// The period an assessment covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Period {
    /// The first six months (sơ kết 6 tháng).
    SauThang,
    /// The whole year (tổng kết năm).
    Nam,
}

impl Period {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::SauThang => "sau_thang",
            Self::Nam => "nam",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::SauThang => "6 tháng đầu năm",
            Self::Nam => "Cả năm",
        }
    }

    pub fn parse(s: &str) -> Result<Self> {
        match s {
            "sau_thang" => Ok(Self::SauThang),
            "nam" => Ok(Self::Nam),
            other => Err(Error::invalid(
                "period",
                format!("Kỳ đánh giá \"{other}\" không hợp lệ (sau_thang, nam)."),
            )),
        }
    }

    /// "6 tháng đầu năm 2025", "năm 2025".
    pub fn describe(self, year: i32) -> String {
        match self {
            Self::SauThang => format!("6 tháng đầu năm {year}"),
            Self::Nam => format!("năm {year}"),
        }
    }

    /// Periods in time order: within a year the six months come before the whole year.
    fn order(self) -> u8 {
        match self {
            Self::SauThang => 0,
            Self::Nam => 1,
        }
    }
}

/// What a unit sends for a period: its completion level and the narrative report sections.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AssessmentInput {
    pub unit_id: String,
    pub year: i32,
    pub period: Period,
    pub completion: Option<Completion>,
    /// I. Kết quả.
    pub results: String,
    /// II. Tồn tại, hạn chế và nguyên nhân.
    pub shortcomings: String,
    /// Bài học kinh nghiệm.
    pub lessons: String,
    /// III. Phương hướng, nhiệm vụ.
    pub next_tasks: String,
    /// IV. Kiến nghị, đề xuất.
    pub proposals: String,
    /// dd/mm/yyyy or yyyy-mm-dd; None while not submitted.
    pub submitted_on: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Assessment {
    pub id: String,
    pub unit_id: String,
    pub unit_code: String,
    pub unit_name: String,
    pub year: i32,
    pub period: Period,
    pub completion: Option<Completion>,
    pub results: String,
    pub shortcomings: String,
    pub lessons: String,
    pub next_tasks: String,
    pub proposals: String,
    pub submitted_on: Option<String>,
    pub import_id: Option<String>,
    pub created_at: String,
    pub updated_at: String,
}

/// A new assessment pre-filled with the text of the unit's previous one, for the clerk to
/// edit rather than retype.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PreviousText {
    pub from_year: i32,
    pub from_period: Period,
    /// "6 tháng đầu năm 2025", "năm 2024": where the text comes from.
    pub from_label: String,
    /// For the requested unit, year and period; completion and submission date left empty.
    pub input: AssessmentInput,
}

/// A person's yearly result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PersonRating {
    pub person_id: String,
    pub full_name: String,
    pub unit_id: Option<String>,
    pub unit_name: Option<String>,
    pub year: i32,
    pub completion: Completion,
    /// Under a disciplinary process or penalty that year: bars titles such as LĐTT.
    pub under_discipline: bool,
    pub note: String,
    pub import_id: Option<String>,
    pub updated_at: String,
}

/// Report prose as stored: NFC, Windows line ends folded, trailing spaces and surrounding
/// blank lines dropped. Unlike `clean`, line breaks and indentation stay: they are the
/// clerk's paragraphs and bullet lists.
fn clean_prose(s: &str) -> String {
    let nfc: String = s.nfc().collect();
    let lines: Vec<&str> = nfc.lines().map(str::trim_end).collect();
    lines.join("\n").trim_matches('\n').to_string()
}

const ASSESSMENT_SELECT: &str = "SELECT a.id, a.unit_id, u.code, u.name, a.year, a.period,
        a.completion, a.results, a.shortcomings, a.lessons, a.next_tasks, a.proposals,
        a.submitted_on, a.import_id, a.created_at, a.updated_at
    FROM assessments a JOIN units u ON u.id = a.unit_id";

type RawAssessment = (Assessment, String, Option<String>);

fn assessment_row(r: &Row) -> rusqlite::Result<RawAssessment> {
    // period and completion are parsed after the row is read so a bad value is a typed error.
    Ok((
        Assessment {
            id: r.get(0)?,
            unit_id: r.get(1)?,
            unit_code: r.get(2)?,
            unit_name: r.get(3)?,
            year: r.get(4)?,
            period: Period::Nam,
            completion: None,
            results: r.get(7)?,
            shortcomings: r.get(8)?,
            lessons: r.get(9)?,
            next_tasks: r.get(10)?,
            proposals: r.get(11)?,
            submitted_on: r.get(12)?,
            import_id: r.get(13)?,
            created_at: r.get(14)?,
            updated_at: r.get(15)?,
        },
        r.get(5)?,
        r.get(6)?,
    ))
}

fn finish_assessment((mut a, period, completion): RawAssessment) -> Result<Assessment> {
    a.period = Period::parse(&period)?;
    a.completion = completion.as_deref().map(Completion::parse).transpose()?;
    Ok(a)
}

const RATING_SELECT: &str = "SELECT r.person_id, p.full_name, p.unit_id, u.name, r.year,
        r.completion, r.under_discipline, r.note, r.import_id, r.updated_at
    FROM person_ratings r JOIN persons p ON p.id = r.person_id
    LEFT JOIN units u ON u.id = p.unit_id";

fn rating_row(r: &Row) -> rusqlite::Result<(PersonRating, String)> {
    Ok((
        PersonRating {
            person_id: r.get(0)?,
            full_name: r.get(1)?,
            unit_id: r.get(2)?,
            unit_name: r.get(3)?,
            year: r.get(4)?,
            completion: Completion::KhongHt,
            under_discipline: r.get::<_, i64>(6)? != 0,
            note: r.get(7)?,
            import_id: r.get(8)?,
            updated_at: r.get(9)?,
        },
        r.get(5)?,
    ))
}

fn finish_rating((mut rating, completion): (PersonRating, String)) -> Result<PersonRating> {
    rating.completion = Completion::parse(&completion)?;
    Ok(rating)
}

impl Store {
    /// Saves a unit's assessment for a period: creates it, or replaces the one already there
    /// (a unit has one assessment per period).
    pub fn save_assessment(&mut self, input: &AssessmentInput) -> Result<Assessment> {
        let year = check_year(input.year)?;
        self.unit(&input.unit_id)?;
        let submitted_on = input
            .submitted_on
            .as_deref()
            .filter(|d| !d.trim().is_empty())
            .map(|d| parse_date("submitted_on", d))
            .transpose()?;
        self.conn.execute(
            "INSERT INTO assessments (id, unit_id, year, period, completion, results,
                 shortcomings, lessons, next_tasks, proposals, submitted_on, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12)
             ON CONFLICT (unit_id, year, period) DO UPDATE SET
                 completion = excluded.completion, results = excluded.results,
                 shortcomings = excluded.shortcomings, lessons = excluded.lessons,
                 next_tasks = excluded.next_tasks, proposals = excluded.proposals,
                 submitted_on = excluded.submitted_on, updated_at = excluded.updated_at",
            params![
                new_id(),
                input.unit_id,
                year,
                input.period.as_str(),
                input.completion.map(Completion::as_str),
                clean_prose(&input.results),
                clean_prose(&input.shortcomings),
                clean_prose(&input.lessons),
                clean_prose(&input.next_tasks),
                clean_prose(&input.proposals),
                submitted_on,
                now()
            ],
        )?;
        self.assessment(&input.unit_id, year, input.period)?
            .ok_or_else(|| Error::not_found("bản tự đánh giá vừa lưu"))
    }

    pub fn assessment(
        &self,
        unit_id: &str,
        year: i32,
        period: Period,
    ) -> Result<Option<Assessment>> {
        self.conn
            .query_row(
                &format!(
                    "{ASSESSMENT_SELECT} WHERE a.unit_id = ?1 AND a.year = ?2 AND a.period = ?3"
                ),
                params![unit_id, year, period.as_str()],
                assessment_row,
            )
            .optional()?
            .map(finish_assessment)
            .transpose()
    }

    /// The assessments received for a period, by unit name in Vietnamese order.
    pub fn assessments(&self, year: i32, period: Period) -> Result<Vec<Assessment>> {
        let mut stmt = self.conn.prepare(&format!(
            "{ASSESSMENT_SELECT} WHERE a.year = ?1 AND a.period = ?2
             ORDER BY u.name COLLATE {COLLATE_VI}, u.code"
        ))?;
        let rows = stmt.query_map(params![year, period.as_str()], assessment_row)?;
        rows.map(|r| finish_assessment(r?)).collect()
    }

    /// The unit's most recent assessment before (`year`, `period`) — for the year end that is
    /// normally the same year's six months, for the six months last year's — as a starting
    /// text for the new one. None when the unit has none earlier.
    pub fn previous_assessment_text(
        &self,
        unit_id: &str,
        year: i32,
        period: Period,
    ) -> Result<Option<PreviousText>> {
        self.unit(unit_id)?;
        let mut stmt = self.conn.prepare(&format!(
            "{ASSESSMENT_SELECT} WHERE a.unit_id = ?1 AND a.year <= ?2"
        ))?;
        let rows = stmt.query_map(params![unit_id, year], assessment_row)?;
        let mut earlier = Vec::new();
        for row in rows {
            let a = finish_assessment(row?)?;
            if (a.year, a.period.order()) < (year, period.order()) {
                earlier.push(a);
            }
        }
        let Some(last) = earlier
            .into_iter()
            .max_by_key(|a| (a.year, a.period.order()))
        else {
            return Ok(None);
        };
        Ok(Some(PreviousText {
            from_year: last.year,
            from_period: last.period,
            from_label: last.period.describe(last.year),
            input: AssessmentInput {
                unit_id: unit_id.to_string(),
                year,
                period,
                completion: None,
                results: last.results,
                shortcomings: last.shortcomings,
                lessons: last.lessons,
                next_tasks: last.next_tasks,
                proposals: last.proposals,
                submitted_on: None,
            },
        }))
    }

    /// Records a person's completion level for a year, replacing any earlier one.
    pub fn set_person_rating(
        &mut self,
        person_id: &str,
        year: i32,
        completion: Completion,
        under_discipline: bool,
        note: &str,
    ) -> Result<PersonRating> {
        let year = check_year(year)?;
        let person: Option<(String, Option<String>)> = self
            .conn
            .query_row(
                "SELECT p.full_name, k.full_name FROM persons p
                 LEFT JOIN persons k ON k.id = p.merged_into WHERE p.id = ?1",
                [person_id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        match person {
            None => {
                return Err(Error::not_found(format!(
                    "cá nhân có mã định danh {person_id}"
                )))
            }
            // Ratings follow the kept record of a merge; writing to the merged one would hide it.
            Some((name, Some(kept))) => {
                return Err(Error::invalid(
                    "person_id",
                    format!("Hồ sơ \"{name}\" đã được gộp vào hồ sơ \"{kept}\"; hãy ghi kết quả cho hồ sơ đó."),
                ))
            }
            Some(_) => {}
        }
        self.conn.execute(
            "INSERT INTO person_ratings (person_id, year, completion, under_discipline, note,
                 updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)
             ON CONFLICT (person_id, year) DO UPDATE SET completion = excluded.completion,
                 under_discipline = excluded.under_discipline, note = excluded.note,
                 updated_at = excluded.updated_at",
            params![
                person_id,
                year,
                completion.as_str(),
                under_discipline,
                clean(note),
                now()
            ],
        )?;
        self.person_rating(person_id, year)?
            .ok_or_else(|| Error::not_found("kết quả vừa lưu"))
    }

    pub fn person_rating(&self, person_id: &str, year: i32) -> Result<Option<PersonRating>> {
        // Cached: the rule checks ask this for every person given a title in a year.
        self.conn
            .prepare_cached(&format!(
                "{RATING_SELECT} WHERE r.person_id = ?1 AND r.year = ?2"
            ))?
            .query_row(params![person_id, year], rating_row)
            .optional()?
            .map(finish_rating)
            .transpose()
    }

    /// The ratings of a year by person, unordered: what the rule checks look up when they
    /// check more people than asking one by one is worth.
    pub(crate) fn ratings_by_person(&self, year: i32) -> Result<HashMap<String, PersonRating>> {
        let mut stmt = self
            .conn
            .prepare(&format!("{RATING_SELECT} WHERE r.year = ?1"))?;
        let rows = stmt.query_map([year], rating_row)?;
        rows.map(|r| finish_rating(r?).map(|r| (r.person_id.clone(), r)))
            .collect()
    }

    /// Every yearly rating of one person, oldest first: part of their history.
    pub fn ratings_of_person(&self, person_id: &str) -> Result<Vec<PersonRating>> {
        let mut stmt = self.conn.prepare(&format!(
            "{RATING_SELECT} WHERE r.person_id = ?1 ORDER BY r.year"
        ))?;
        let rows = stmt.query_map([person_id], rating_row)?;
        rows.map(|r| finish_rating(r?)).collect()
    }

    /// The ratings of a year, by unit (Vietnamese order) then person (given name first);
    /// people without a unit last.
    pub fn person_ratings(&self, year: i32) -> Result<Vec<PersonRating>> {
        let mut stmt = self.conn.prepare(&format!(
            "{RATING_SELECT} WHERE r.year = ?1
             ORDER BY u.name IS NULL, u.name COLLATE {COLLATE_VI}, p.full_name COLLATE {COLLATE_PERSON}, p.id"
        ))?;
        let rows = stmt.query_map([year], rating_row)?;
        rows.map(|r| finish_rating(r?)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::units::{UnitInput, UnitKind};

    fn unit(s: &mut Store, code: &str, name: &str) -> String {
        s.create_unit(&UnitInput {
            code: code.into(),
            name: name.into(),
            kind: UnitKind::CoQuanHanhChinh,
            staff_count: None,
            parent_id: None,
            note: String::new(),
        })
        .unwrap()
        .id
    }

    fn input(unit_id: &str, year: i32, period: Period, results: &str) -> AssessmentInput {
        AssessmentInput {
            unit_id: unit_id.into(),
            year,
            period,
            completion: Some(Completion::Htt),
            results: results.into(),
            shortcomings: "Báo cáo còn chậm.".into(),
            lessons: String::new(),
            next_tasks: "Đẩy mạnh chuyển đổi số.".into(),
            proposals: String::new(),
            submitted_on: None,
        }
    }

    #[test]
    fn completion_levels_compare_and_read_in_vietnamese() {
        assert!(Completion::Htxs.meets(Completion::Htt));
        assert!(Completion::Htt.meets(Completion::Htt));
        assert!(!Completion::Ht.meets(Completion::Htt));
        assert!(!Completion::KhongHt.meets(Completion::Ht));
        assert_eq!(Completion::Htxs.label(), "Hoàn thành xuất sắc nhiệm vụ");
        assert_eq!(Completion::KhongHt.label(), "Không hoàn thành nhiệm vụ");
        assert_eq!(
            serde_json::to_value(Completion::KhongHt).unwrap(),
            "khong_ht"
        );
        assert_eq!(Completion::parse("htt").unwrap(), Completion::Htt);
        assert_eq!(
            Completion::parse("tot").unwrap_err().field(),
            Some("completion")
        );
        assert_eq!(serde_json::to_value(Period::SauThang).unwrap(), "sau_thang");
        assert_eq!(Period::SauThang.describe(2025), "6 tháng đầu năm 2025");
    }

    #[test]
    fn one_assessment_per_unit_and_period_saved_over() {
        let mut s = Store::open_in_memory().unwrap();
        let a = unit(&mut s, "VP", "Văn phòng HĐND và UBND xã");
        let b = unit(&mut s, "CA", "Công an xã");
        // typed in NFD with Windows line ends and trailing spaces: stored NFC, lines kept
        let mut first = input(
            &a,
            2025,
            Period::SauThang,
            "1. Ke\u{0302}\u{0301} hoạch  \r\n   - Đã ban hành   \r\n\r\n",
        );
        first.submitted_on = Some("05/07/2025".into());
        let saved = s.save_assessment(&first).unwrap();
        assert_eq!(saved.results, "1. Kế hoạch\n   - Đã ban hành");
        assert_eq!(saved.submitted_on.as_deref(), Some("2025-07-05"));
        assert_eq!(
            (saved.unit_name.as_str(), saved.completion),
            ("Văn phòng HĐND và UBND xã", Some(Completion::Htt))
        );

        let mut again = input(&a, 2025, Period::SauThang, "Bản sửa");
        again.completion = Some(Completion::Htxs);
        let resaved = s.save_assessment(&again).unwrap();
        assert_eq!(resaved.id, saved.id, "saved over, not added");
        assert_eq!(
            (resaved.results.as_str(), resaved.completion),
            ("Bản sửa", Some(Completion::Htxs))
        );
        assert_eq!(resaved.submitted_on, None);
        assert_eq!(resaved.created_at, saved.created_at);

        s.save_assessment(&input(&b, 2025, Period::SauThang, "Công an"))
            .unwrap();
        s.save_assessment(&input(&a, 2025, Period::Nam, "Cả năm"))
            .unwrap();
        let mid: Vec<String> = s
            .assessments(2025, Period::SauThang)
            .unwrap()
            .into_iter()
            .map(|x| x.unit_name)
            .collect();
        assert_eq!(mid, vec!["Công an xã", "Văn phòng HĐND và UBND xã"]);
        assert_eq!(s.assessments(2025, Period::Nam).unwrap().len(), 1);
        assert_eq!(s.assessment(&b, 2025, Period::Nam).unwrap(), None);

        let mut late = input(&a, 2025, Period::Nam, "");
        late.submitted_on = Some("32/12/2025".into());
        assert_eq!(
            s.save_assessment(&late).unwrap_err().field(),
            Some("submitted_on")
        );
        assert_eq!(
            s.save_assessment(&input("khong-co", 2025, Period::Nam, ""))
                .unwrap_err()
                .code(),
            "not_found"
        );
        assert_eq!(
            s.save_assessment(&input(&a, 3000, Period::Nam, ""))
                .unwrap_err()
                .field(),
            Some("year")
        );
    }

    #[test]
    fn the_previous_period_gives_the_starting_text() {
        let mut s = Store::open_in_memory().unwrap();
        let a = unit(&mut s, "VP", "Văn phòng HĐND và UBND xã");
        assert_eq!(
            s.previous_assessment_text(&a, 2025, Period::Nam).unwrap(),
            None
        );
        s.save_assessment(&input(&a, 2023, Period::Nam, "Tổng kết 2023"))
            .unwrap();
        s.save_assessment(&input(&a, 2024, Period::Nam, "Tổng kết 2024"))
            .unwrap();
        s.save_assessment(&input(&a, 2025, Period::SauThang, "Sơ kết 2025"))
            .unwrap();

        let year_end = s
            .previous_assessment_text(&a, 2025, Period::Nam)
            .unwrap()
            .unwrap();
        assert_eq!(
            (year_end.from_year, year_end.from_period),
            (2025, Period::SauThang)
        );
        assert_eq!(year_end.from_label, "6 tháng đầu năm 2025");
        assert_eq!(year_end.input.results, "Sơ kết 2025");
        assert_eq!(year_end.input.next_tasks, "Đẩy mạnh chuyển đổi số.");
        assert_eq!(
            (year_end.input.year, year_end.input.period),
            (2025, Period::Nam)
        );
        assert_eq!(
            (year_end.input.completion, year_end.input.submitted_on),
            (None, None)
        );

        let mid_year = s
            .previous_assessment_text(&a, 2025, Period::SauThang)
            .unwrap()
            .unwrap();
        assert_eq!(
            (
                mid_year.from_label.as_str(),
                mid_year.input.results.as_str()
            ),
            ("năm 2024", "Tổng kết 2024")
        );
        // a gap of years: the latest earlier one
        let later = s
            .previous_assessment_text(&a, 2027, Period::SauThang)
            .unwrap()
            .unwrap();
        assert_eq!(later.from_label, "6 tháng đầu năm 2025");
    }

    fn person(s: &mut Store, name: &str, unit: Option<&str>) -> String {
        s.create_person(&crate::persons::PersonInput::named(name, unit))
            .unwrap()
            .id
    }

    #[test]
    fn one_rating_per_person_and_year_listed_by_unit_then_given_name() {
        let mut s = Store::open_in_memory().unwrap();
        let th = unit(&mut s, "TH", "Trường Tiểu học An Bình");
        let ca = unit(&mut s, "CA", "Công an xã");
        let cuc = person(&mut s, "Nguyễn Thị Cúc", Some(&th));
        let binh = person(&mut s, "Trần Văn Bình", Some(&th));
        let an = person(&mut s, "Lê Văn An", Some(&ca));

        let first = s
            .set_person_rating(&cuc, 2025, Completion::Htxs, false, "")
            .unwrap();
        assert_eq!(
            (first.full_name.as_str(), first.completion),
            ("Nguyễn Thị Cúc", Completion::Htxs)
        );
        let again = s
            .set_person_rating(
                &cuc,
                2025,
                Completion::Htt,
                true,
                "  Đang xem xét   kỷ luật ",
            )
            .unwrap();
        assert_eq!(again.completion, Completion::Htt);
        assert!(again.under_discipline);
        assert_eq!(again.note, "Đang xem xét kỷ luật");
        assert_eq!(s.person_rating(&cuc, 2025).unwrap(), Some(again));
        assert_eq!(s.person_rating(&cuc, 2024).unwrap(), None);

        s.set_person_rating(&binh, 2025, Completion::Ht, false, "")
            .unwrap();
        s.set_person_rating(&an, 2025, Completion::Htt, false, "")
            .unwrap();
        s.set_person_rating(&an, 2024, Completion::KhongHt, false, "")
            .unwrap();
        let list: Vec<(String, bool)> = s
            .person_ratings(2025)
            .unwrap()
            .into_iter()
            .map(|r| (r.full_name, r.completion.meets(Completion::Htt)))
            .collect();
        assert_eq!(
            list,
            vec![
                ("Lê Văn An".to_string(), true),
                ("Trần Văn Bình".to_string(), false),
                ("Nguyễn Thị Cúc".to_string(), true),
            ]
        );

        assert_eq!(
            s.set_person_rating("khong-co", 2025, Completion::Ht, false, "")
                .unwrap_err()
                .code(),
            "not_found"
        );
        assert_eq!(
            s.set_person_rating(&an, 1800, Completion::Ht, false, "")
                .unwrap_err()
                .field(),
            Some("year")
        );
    }

    #[test]
    fn a_rating_goes_to_the_kept_record_of_a_merge() {
        let mut s = Store::open_in_memory().unwrap();
        let kept = person(&mut s, "Phạm Thị Hoà", None);
        let dup = person(&mut s, "PHẠM THỊ HÒA", None);
        s.set_person_rating(&dup, 2024, Completion::Htt, false, "")
            .unwrap();
        s.merge_persons(&kept, &dup).unwrap();
        assert_eq!(
            s.person_rating(&kept, 2024).unwrap().unwrap().completion,
            Completion::Htt
        );
        let err = s
            .set_person_rating(&dup, 2025, Completion::Htt, false, "")
            .unwrap_err();
        assert_eq!(err.field(), Some("person_id"));
        assert!(
            err.to_string()
                .contains("đã được gộp vào hồ sơ \"Phạm Thị Hoà\""),
            "{err}"
        );
    }
}
