//! Block scoring (chấm điểm khối thi đua): each block has a criteria table for its year — a
//! tree of criteria with maximum points, plus bonus (cộng) and penalty (trừ) lines — and each
//! member unit is scored three times: by itself (tự chấm), by the block (khối chấm) and, where
//! there is one, by the council (hội đồng). The block then ranks its members.
//!
//! A unit's totals live in `block_scores`. When the unit is scored line by line they are the
//! sum of its lines and nothing else; imports and quick entry may bring totals only.

use crate::blocks::{Block, BlockRole};
use crate::error::{Error, Result};
use crate::store::{new_id, now, Store};
use crate::text::{clean, compare_vi};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use std::cmp::Ordering;
use std::collections::{HashMap, HashSet};
use ts_rs::TS;

/// How a criteria line counts in the total.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum LineKind {
    /// Normal points, part of the (usually 100-point) scale.
    Diem,
    /// Bonus points, added.
    Cong,
    /// Penalty points, subtracted.
    Tru,
}

impl LineKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Diem => "diem",
            Self::Cong => "cong",
            Self::Tru => "tru",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Diem => "Điểm chuẩn",
            Self::Cong => "Điểm cộng",
            Self::Tru => "Điểm trừ",
        }
    }

    pub fn parse(s: &str) -> Result<Self> {
        match s {
            "diem" => Ok(Self::Diem),
            "cong" => Ok(Self::Cong),
            "tru" => Ok(Self::Tru),
            other => Err(Error::invalid(
                "line_kind",
                format!("Loại dòng \"{other}\" không hợp lệ (diem, cong, tru)."),
            )),
        }
    }

    fn sign(self) -> f64 {
        if self == Self::Tru {
            -1.0
        } else {
            1.0
        }
    }
}

/// One line of the criteria table as the clerk edits it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CriterionInput {
    /// The line's id when it is an existing line sent back after editing: the line, and the
    /// points units already got on it, are kept. Absent for a new line.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub id: Option<String>,
    /// "I", "1", "1.2"
    pub label: String,
    pub title: String,
    pub line_kind: LineKind,
    /// For a group left at 0, the sum of its children.
    pub max_points: f64,
    #[serde(default)]
    pub children: Vec<CriterionInput>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Criterion {
    pub id: String,
    pub label: String,
    pub title: String,
    pub line_kind: LineKind,
    pub max_points: f64,
    pub children: Vec<Criterion>,
}

/// A block's criteria table for its year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CriteriaSet {
    pub id: String,
    pub block_id: String,
    pub block_name: String,
    pub year: i32,
    pub name: String,
    pub lines: Vec<Criterion>,
    /// Sum of the top-level normal lines: usually 100, not enforced.
    pub total_max: f64,
    pub bonus_max: f64,
    pub penalty_max: f64,
    /// How many units have points on its lines: editing then has to keep their points valid.
    pub scored_units: u32,
}

impl CriteriaSet {
    /// The lines points are given on (those without children), in table order.
    pub fn leaves(&self) -> Vec<&Criterion> {
        fn walk<'a>(lines: &'a [Criterion], out: &mut Vec<&'a Criterion>) {
            for line in lines {
                if line.children.is_empty() {
                    out.push(line);
                } else {
                    walk(&line.children, out);
                }
            }
        }
        let mut out = Vec::new();
        walk(&self.lines, &mut out);
        out
    }
}

/// A unit's points on one line (input and output alike). None: not scored in that column.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CriterionScore {
    pub criterion_id: String,
    pub self_points: Option<f64>,
    pub block_points: Option<f64>,
    pub council_points: Option<f64>,
}

/// Totals typed or imported without line detail.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct BlockScoreInput {
    pub self_score: Option<f64>,
    pub block_score: Option<f64>,
    pub council_score: Option<f64>,
    /// What the block proposes for the unit: "Cờ thi đua của UBND tỉnh", "Bằng khen" …
    pub proposal: String,
    pub note: String,
}

/// A member's result in its block.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct BlockResult {
    pub unit_id: String,
    pub unit_code: String,
    pub unit: String,
    pub role: BlockRole,
    pub self_score: Option<f64>,
    pub block_score: Option<f64>,
    pub council_score: Option<f64>,
    /// The council's score if set, else the block's, else the unit's own.
    pub final_score: Option<f64>,
    /// 1 for the best; equal units share a rank (1, 2, 2, 4); None while not scored.
    pub rank: Option<u32>,
    /// Why the unit shares a rank or was separated from a unit with the same final score.
    pub tie_note: Option<String>,
    pub proposal: String,
    pub note: String,
    /// True when the totals are the sum of the unit's criteria lines (edit them there).
    pub from_criteria: bool,
}

/// A block result in the list of all blocks of a year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ScoreRow {
    pub block_id: String,
    pub block: String,
    #[serde(flatten)]
    pub result: BlockResult,
}

/// Points as Vietnamese write them: 95,5 — 100 — 87,25.
pub fn format_points(x: f64) -> String {
    let s = format!("{:.3}", round3(x));
    let s = s.trim_end_matches('0').trim_end_matches('.');
    s.replace('.', ",")
}

fn format_opt(x: Option<f64>) -> String {
    x.map(format_points).unwrap_or_else(|| "chưa có".into())
}

/// Points are typed to at most two decimals; sums are kept to thousandths so 0,1 + 0,2 is
/// stored as 0,3 and two equal totals compare equal.
fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// The comparable form of a score: whole thousandths.
fn milli(x: f64) -> i64 {
    (x * 1000.0).round() as i64
}

/// How a line is named in messages: "1.2. Tham gia phong trào…", in quotes.
fn describe(label: &str, title: &str) -> String {
    let short: String = if title.chars().count() > 60 {
        format!("{}…", title.chars().take(60).collect::<String>().trim_end())
    } else {
        title.to_string()
    };
    if label.is_empty() {
        format!("\"{short}\"")
    } else {
        format!("\"{}. {short}\"", label.trim_end_matches('.'))
    }
}

const MAX_DEPTH: usize = 5;
const MAX_POINTS: f64 = 1000.0;

/// A line of a criteria table checked and ready to write.
struct Planned {
    id: String,
    parent: Option<String>,
    position: i64,
    label: String,
    title: String,
    kind: LineKind,
    max: f64,
    leaf: bool,
}

/// The line a recursive check is inside of.
struct Parent<'a> {
    id: &'a str,
    kind: LineKind,
    name: &'a str,
}

/// Checks `inputs` (children of `parent`) and appends them, parents before children, to
/// `out`. Returns the sum of their maximum points.
fn plan_lines(
    inputs: &[CriterionInput],
    parent: Option<&Parent>,
    depth: usize,
    existing: &HashSet<String>,
    used: &mut HashSet<String>,
    out: &mut Vec<Planned>,
) -> Result<f64> {
    if depth > MAX_DEPTH {
        return Err(Error::invalid(
            "lines",
            format!("Bảng tiêu chí chỉ lồng tối đa {MAX_DEPTH} cấp."),
        ));
    }
    let mut sum = 0.0;
    for (i, input) in inputs.iter().enumerate() {
        let label = clean(&input.label);
        let title = clean(&input.title);
        if title.is_empty() {
            return Err(Error::invalid(
                "lines",
                match parent {
                    Some(p) => format!(
                        "Tiêu chí con thứ {} của {} chưa có nội dung.",
                        i + 1,
                        p.name
                    ),
                    None => format!("Dòng thứ {} của bảng tiêu chí chưa có nội dung.", i + 1),
                },
            ));
        }
        let name = describe(&label, &title);
        let max = input.max_points;
        if !max.is_finite() || !(0.0..=MAX_POINTS).contains(&max) {
            return Err(Error::invalid(
                "lines",
                format!("Điểm tối đa của tiêu chí {name} phải từ 0 đến {MAX_POINTS}."),
            ));
        }
        if let Some(p) = parent.filter(|p| p.kind != input.line_kind) {
            return Err(Error::invalid(
                "lines",
                format!(
                    "Tiêu chí {name} là {} nhưng nằm trong mục {} là {}; tiêu chí con phải cùng loại với mục chứa nó.",
                    input.line_kind.label().to_lowercase(),
                    p.name,
                    p.kind.label().to_lowercase()
                ),
            ));
        }
        // An id is kept only for a line of this very table, once: anything else (a line
        // copied from another table, a pasted duplicate) becomes a new line.
        let id = match input.id.as_deref() {
            Some(id) if existing.contains(id) && used.insert(id.to_string()) => id.to_string(),
            _ => new_id(),
        };
        let index = out.len();
        out.push(Planned {
            id: id.clone(),
            parent: parent.map(|p| p.id.to_string()),
            position: i as i64,
            label,
            title,
            kind: input.line_kind,
            max,
            leaf: input.children.is_empty(),
        });
        let max = if input.children.is_empty() {
            if max <= 0.0 {
                return Err(Error::invalid(
                    "lines",
                    format!("Tiêu chí {name} cần điểm tối đa lớn hơn 0."),
                ));
            }
            max
        } else {
            let me = Parent {
                id: &id,
                kind: input.line_kind,
                name: &name,
            };
            let children = plan_lines(&input.children, Some(&me), depth + 1, existing, used, out)?;
            if max == 0.0 {
                // A heading typed without points is worth what its lines are worth.
                out[index].max = round3(children);
                round3(children)
            } else if milli(children) > milli(max) {
                return Err(Error::invalid(
                    "lines",
                    format!(
                        "Tổng điểm tối đa các tiêu chí con của mục {name} là {}, vượt quá {} điểm của mục.",
                        format_points(children),
                        format_points(max)
                    ),
                ));
            } else {
                max
            }
        };
        sum += max;
    }
    Ok(sum)
}

fn build_tree(
    rows: &[(String, Option<String>, Criterion)],
    parent: Option<&str>,
) -> Vec<Criterion> {
    rows.iter()
        .filter(|(_, p, _)| p.as_deref() == parent)
        .map(|(id, _, c)| Criterion {
            children: build_tree(rows, Some(id)),
            ..c.clone()
        })
        .collect()
}

fn strip_ids(lines: &[Criterion]) -> Vec<CriterionInput> {
    lines
        .iter()
        .map(|c| CriterionInput {
            id: None,
            label: c.label.clone(),
            title: c.title.clone(),
            line_kind: c.line_kind,
            max_points: c.max_points,
            children: strip_ids(&c.children),
        })
        .collect()
}

fn set_id_of(conn: &Connection, block_id: &str) -> Result<Option<String>> {
    Ok(conn
        .query_row(
            "SELECT id FROM criteria_sets WHERE block_id = ?1",
            [block_id],
            |r| r.get(0),
        )
        .optional()?)
}

/// Units that have points on some line of the block's table.
fn units_scored_by_line(conn: &Connection, block_id: &str) -> Result<HashSet<String>> {
    let mut stmt = conn.prepare(
        "SELECT DISTINCT s.unit_id FROM criterion_scores s
         JOIN criteria c ON c.id = s.criterion_id
         JOIN criteria_sets cs ON cs.id = c.set_id
         WHERE cs.block_id = ?1",
    )?;
    let ids = stmt
        .query_map([block_id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(ids)
}

type Totals = [Option<f64>; 3];

/// The unit's totals as its lines add up (normal + bonus − penalty, per column); a column
/// with no points on any line is None. None overall when the unit has no line at all.
fn line_totals(conn: &Connection, block_id: &str, unit_id: &str) -> Result<Option<Totals>> {
    let mut stmt = conn.prepare(
        "SELECT c.line_kind, s.self_points, s.block_points, s.council_points
         FROM criterion_scores s
         JOIN criteria c ON c.id = s.criterion_id
         JOIN criteria_sets cs ON cs.id = c.set_id
         WHERE cs.block_id = ?1 AND s.unit_id = ?2",
    )?;
    let rows = stmt.query_map([block_id, unit_id], |r| {
        Ok((
            r.get::<_, String>(0)?,
            [r.get::<_, Option<f64>>(1)?, r.get(2)?, r.get(3)?],
        ))
    })?;
    let mut any = false;
    let mut totals: Totals = [None; 3];
    for row in rows {
        let (kind, points) = row?;
        let sign = LineKind::parse(&kind)?.sign();
        any = true;
        for (total, p) in totals.iter_mut().zip(points) {
            if let Some(p) = p {
                *total = Some(total.unwrap_or(0.0) + sign * p);
            }
        }
    }
    Ok(any.then(|| totals.map(|t| t.map(round3))))
}

/// Writes the unit's totals from its lines; when it has no line left its totals are cleared,
/// since they came from the lines.
fn store_line_totals(conn: &Connection, block_id: &str, unit_id: &str) -> Result<()> {
    let [own, block, council] = line_totals(conn, block_id, unit_id)?.unwrap_or([None; 3]);
    conn.execute(
        "INSERT INTO block_scores (block_id, unit_id, self_score, block_score, council_score,
             updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (block_id, unit_id) DO UPDATE SET self_score = excluded.self_score,
             block_score = excluded.block_score, council_score = excluded.council_score,
             updated_at = excluded.updated_at",
        params![block_id, unit_id, own, block, council, now()],
    )?;
    Ok(())
}

const COLUMNS: [(&str, &str); 3] = [
    ("self_score", "tự chấm"),
    ("block_score", "khối chấm"),
    ("council_score", "hội đồng chấm"),
];

/// What ranks a scored unit: final, then block, then own score (thousandths).
type RankKey = (i64, Option<i64>, Option<i64>);

fn rank_key(r: &BlockResult) -> Option<RankKey> {
    r.final_score
        .map(|f| (milli(f), r.block_score.map(milli), r.self_score.map(milli)))
}

/// Why `r` shares its rank with, or was separated from, the units with the same final score.
/// Units separated for the same reason by the same points are named together.
fn tie_note(r: &BlockResult, all: &[BlockResult]) -> Option<String> {
    let key = rank_key(r)?;
    let mut shared = Vec::new();
    // (ahead, which score decided, "95,5 so với 94", units)
    let mut separated: Vec<(bool, &str, String, Vec<&str>)> = Vec::new();
    for other in all.iter().filter(|o| o.unit_id != r.unit_id) {
        let Some(other_key) = rank_key(other) else {
            continue;
        };
        if other_key.0 != key.0 {
            continue;
        }
        if other_key == key {
            shared.push(other.unit.as_str());
            continue;
        }
        let (what, mine, theirs) = if other_key.1 != key.1 {
            ("điểm khối chấm", r.block_score, other.block_score)
        } else {
            ("điểm tự chấm", r.self_score, other.self_score)
        };
        let ahead = key > other_key;
        let numbers = format!("{} so với {}", format_opt(mine), format_opt(theirs));
        match separated
            .iter_mut()
            .find(|(a, w, n, _)| *a == ahead && *w == what && *n == numbers)
        {
            Some((_, _, _, units)) => units.push(other.unit.as_str()),
            None => separated.push((ahead, what, numbers, vec![other.unit.as_str()])),
        }
    }
    let mut parts = Vec::new();
    if !shared.is_empty() {
        parts.push(format!(
            "Bằng điểm với {} ({}), xếp đồng hạng {}",
            shared.join(", "),
            format_opt(r.final_score),
            r.rank.unwrap_or_default()
        ));
    }
    for (ahead, what, numbers, units) in separated {
        parts.push(if ahead {
            format!("Hơn {} nhờ {what} ({numbers})", units.join(", "))
        } else {
            format!(
                "Xếp sau {} do {what} thấp hơn ({numbers})",
                units.join(", ")
            )
        });
    }
    (!parts.is_empty()).then(|| parts.join("; "))
}

impl Store {
    /// The block's criteria table, as a tree in the clerk's order; None when it has none.
    pub fn criteria_set(&self, block_id: &str) -> Result<Option<CriteriaSet>> {
        let block = self.block(block_id)?;
        let head: Option<(String, String)> = self
            .conn
            .query_row(
                "SELECT id, name FROM criteria_sets WHERE block_id = ?1",
                [block_id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        let Some((id, name)) = head else {
            return Ok(None);
        };
        let mut stmt = self.conn.prepare(
            "SELECT id, parent_id, label, title, line_kind, max_points FROM criteria
             WHERE set_id = ?1 ORDER BY position, rowid",
        )?;
        let raw = stmt
            .query_map([&id], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, Option<String>>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, String>(4)?,
                    r.get::<_, f64>(5)?,
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut rows = Vec::new();
        for (line_id, parent, label, title, kind, max_points) in raw {
            rows.push((
                line_id.clone(),
                parent,
                Criterion {
                    id: line_id,
                    label,
                    title,
                    line_kind: LineKind::parse(&kind)?,
                    max_points,
                    children: Vec::new(),
                },
            ));
        }
        let lines = build_tree(&rows, None);
        let sum_of = |kind: LineKind| {
            round3(
                lines
                    .iter()
                    .filter(|c| c.line_kind == kind)
                    .map(|c| c.max_points)
                    .sum(),
            )
        };
        Ok(Some(CriteriaSet {
            total_max: sum_of(LineKind::Diem),
            bonus_max: sum_of(LineKind::Cong),
            penalty_max: sum_of(LineKind::Tru),
            scored_units: units_scored_by_line(&self.conn, block_id)?.len() as u32,
            id,
            block_id: block.id,
            block_name: block.name,
            year: block.year,
            name,
            lines,
        }))
    }

    /// Saves the block's criteria table, replacing the tree as a whole (all or nothing).
    /// Lines sent back with their id keep the points units already have on them, which must
    /// still fit; lines left out are removed with their points, and the totals of the units
    /// scored by line are summed again.
    pub fn save_criteria_set(
        &mut self,
        block_id: &str,
        name: &str,
        lines: &[CriterionInput],
    ) -> Result<CriteriaSet> {
        let block = self.block(block_id)?;
        let name = match clean(name) {
            n if n.is_empty() => format!("Bảng chấm điểm {} năm {}", block.name, block.year),
            n => n,
        };
        let set_id = set_id_of(&self.conn, block_id)?;
        let existing: HashSet<String> = match &set_id {
            Some(set) => {
                let mut stmt = self
                    .conn
                    .prepare("SELECT id FROM criteria WHERE set_id = ?1")?;
                let ids = stmt
                    .query_map([set], |r| r.get(0))?
                    .collect::<rusqlite::Result<_>>()?;
                ids
            }
            None => HashSet::new(),
        };
        let mut plan = Vec::new();
        plan_lines(lines, None, 1, &existing, &mut HashSet::new(), &mut plan)?;
        self.check_kept_points(set_id.as_deref(), &plan)?;
        let scored = units_scored_by_line(&self.conn, block_id)?;

        let sp = self.conn.savepoint()?;
        let t = now();
        let set_id = match set_id {
            Some(id) => {
                sp.execute(
                    "UPDATE criteria_sets SET name = ?2, updated_at = ?3 WHERE id = ?1",
                    params![id, name, t],
                )?;
                id
            }
            None => {
                let id = new_id();
                sp.execute(
                    "INSERT INTO criteria_sets (id, block_id, name, created_at, updated_at)
                     VALUES (?1, ?2, ?3, ?4, ?4)",
                    params![id, block_id, name, t],
                )?;
                id
            }
        };
        // Lines are first written without parents, then linked, then the lines left out are
        // deleted: a kept line may move under a new line, and deleting a removed parent must
        // not cascade to a child that is kept.
        for line in &plan {
            if existing.contains(&line.id) {
                sp.execute(
                    "UPDATE criteria SET parent_id = NULL, position = ?2, label = ?3, title = ?4,
                         line_kind = ?5, max_points = ?6
                     WHERE id = ?1",
                    params![
                        line.id,
                        line.position,
                        line.label,
                        line.title,
                        line.kind.as_str(),
                        line.max
                    ],
                )?;
            } else {
                sp.execute(
                    "INSERT INTO criteria (id, set_id, parent_id, position, label, title,
                         line_kind, max_points)
                     VALUES (?1, ?2, NULL, ?3, ?4, ?5, ?6, ?7)",
                    params![
                        line.id,
                        set_id,
                        line.position,
                        line.label,
                        line.title,
                        line.kind.as_str(),
                        line.max
                    ],
                )?;
            }
        }
        for line in plan.iter().filter(|l| l.parent.is_some()) {
            sp.execute(
                "UPDATE criteria SET parent_id = ?2 WHERE id = ?1",
                params![line.id, line.parent],
            )?;
        }
        let kept: HashSet<&str> = plan.iter().map(|l| l.id.as_str()).collect();
        for old in existing.iter().filter(|id| !kept.contains(id.as_str())) {
            sp.execute("DELETE FROM criteria WHERE id = ?1", [old])?;
        }
        for unit in &scored {
            store_line_totals(&sp, block_id, unit)?;
        }
        sp.commit()?;
        self.criteria_set(block_id)?
            .ok_or_else(|| Error::not_found("bảng tiêu chí vừa lưu"))
    }

    /// Refuses a new tree that would leave points already given out of bounds.
    fn check_kept_points(&self, set_id: Option<&str>, plan: &[Planned]) -> Result<()> {
        let Some(set_id) = set_id else {
            return Ok(());
        };
        let planned: HashMap<&str, &Planned> = plan.iter().map(|l| (l.id.as_str(), l)).collect();
        let mut stmt = self.conn.prepare(
            "SELECT s.criterion_id, u.name, s.self_points, s.block_points, s.council_points
             FROM criterion_scores s
             JOIN criteria c ON c.id = s.criterion_id
             JOIN units u ON u.id = s.unit_id
             WHERE c.set_id = ?1",
        )?;
        let rows = stmt.query_map([set_id], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                [r.get::<_, Option<f64>>(2)?, r.get(3)?, r.get(4)?],
            ))
        })?;
        for row in rows {
            let (line_id, unit, points) = row?;
            let Some(line) = planned.get(line_id.as_str()) else {
                continue;
            };
            let name = describe(&line.label, &line.title);
            if !line.leaf {
                return Err(Error::invalid(
                    "lines",
                    format!("Tiêu chí {name} đã có điểm chấm của \"{unit}\" nên không thêm tiêu chí con vào được; hãy thêm một mục mới."),
                ));
            }
            if let Some(p) = points
                .into_iter()
                .flatten()
                .find(|p| milli(*p) > milli(line.max))
            {
                return Err(Error::invalid(
                    "lines",
                    format!(
                        "\"{unit}\" đã được chấm {} điểm ở tiêu chí {name}, nhiều hơn điểm tối đa mới {}.",
                        format_points(p),
                        format_points(line.max)
                    ),
                ));
            }
        }
        Ok(())
    }

    /// Copies the criteria table of one block to another (typically last year's to this
    /// year's). Replaces the target's table unless units were already scored on it.
    pub fn copy_criteria_set(
        &mut self,
        from_block_id: &str,
        to_block_id: &str,
    ) -> Result<CriteriaSet> {
        if from_block_id == to_block_id {
            return Err(Error::invalid(
                "block_id",
                "Khối nguồn và khối đích phải khác nhau.",
            ));
        }
        let from = self.block(from_block_id)?;
        let to = self.block(to_block_id)?;
        let source = self.criteria_set(from_block_id)?.ok_or_else(|| {
            Error::not_found(format!(
                "bảng tiêu chí của khối \"{}\" năm {}",
                from.name, from.year
            ))
        })?;
        let scored = units_scored_by_line(&self.conn, to_block_id)?.len();
        if scored > 0 {
            return Err(Error::InUse {
                message: format!(
                    "Khối \"{}\" năm {} đã có {scored} đơn vị chấm điểm theo bảng tiêu chí hiện tại nên không chép đè được.",
                    to.name, to.year
                ),
            });
        }
        self.save_criteria_set(to_block_id, &source.name, &strip_ids(&source.lines))
    }

    /// Copies last year's table of the block with the same name (case ignored).
    pub fn copy_criteria_from_last_year(&mut self, block_id: &str) -> Result<CriteriaSet> {
        let block = self.block(block_id)?;
        let last_year = block.year - 1;
        let wanted = clean(&block.name).to_lowercase();
        let previous = self
            .blocks(last_year)?
            .into_iter()
            .find(|b| clean(&b.name).to_lowercase() == wanted)
            .ok_or_else(|| {
                Error::not_found(format!(
                    "khối \"{}\" trong năm {last_year} để chép bảng tiêu chí",
                    block.name
                ))
            })?;
        self.copy_criteria_set(&previous.id, block_id)
    }

    /// Checks that the unit is a member of the block, the only units it ranks.
    fn member<'a>(
        &self,
        block: &'a Block,
        unit_id: &str,
    ) -> Result<&'a crate::blocks::BlockMember> {
        match block.members.iter().find(|m| m.unit_id == unit_id) {
            Some(m) => Ok(m),
            None => {
                let unit = self.unit(unit_id)?;
                Err(Error::invalid(
                    "unit_id",
                    format!(
                        "Đơn vị \"{}\" không thuộc khối \"{}\" năm {}; hãy thêm đơn vị vào khối trước khi chấm điểm.",
                        unit.name, block.name, block.year
                    ),
                ))
            }
        }
    }

    /// A unit's points line by line, for the scoring form.
    pub fn criterion_scores(&self, block_id: &str, unit_id: &str) -> Result<Vec<CriterionScore>> {
        let mut stmt = self.conn.prepare(
            "SELECT s.criterion_id, s.self_points, s.block_points, s.council_points
             FROM criterion_scores s
             JOIN criteria c ON c.id = s.criterion_id
             JOIN criteria_sets cs ON cs.id = c.set_id
             WHERE cs.block_id = ?1 AND s.unit_id = ?2
             ORDER BY c.position, c.rowid",
        )?;
        let rows = stmt
            .query_map([block_id, unit_id], |r| {
                Ok(CriterionScore {
                    criterion_id: r.get(0)?,
                    self_points: r.get(1)?,
                    block_points: r.get(2)?,
                    council_points: r.get(3)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// Sets a unit's points on the given lines (other lines keep theirs; a line with no
    /// points left is cleared), then sums its totals again from all its lines.
    pub fn set_criterion_scores(
        &mut self,
        block_id: &str,
        unit_id: &str,
        scores: &[CriterionScore],
    ) -> Result<BlockResult> {
        let block = self.block(block_id)?;
        let member = self.member(&block, unit_id)?;
        let set_id = set_id_of(&self.conn, block_id)?.ok_or_else(|| {
            Error::invalid(
                "block_id",
                format!(
                    "Khối \"{}\" năm {} chưa có bảng tiêu chí; hãy lập bảng trước khi chấm theo tiêu chí.",
                    block.name, block.year
                ),
            )
        })?;
        let mut seen = HashSet::new();
        for score in scores {
            let line: Option<(String, String, f64, i64)> = self
                .conn
                .query_row(
                    "SELECT label, title, max_points,
                         (SELECT count(*) FROM criteria k WHERE k.parent_id = c.id)
                     FROM criteria c WHERE c.id = ?1 AND c.set_id = ?2",
                    params![score.criterion_id, set_id],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
                )
                .optional()?;
            let Some((label, title, max, children)) = line else {
                return Err(Error::invalid(
                    "criterion_id",
                    format!(
                        "Có tiêu chí không thuộc bảng điểm của khối \"{}\".",
                        block.name
                    ),
                ));
            };
            let name = describe(&label, &title);
            if !seen.insert(score.criterion_id.as_str()) {
                return Err(Error::duplicate(
                    "criterion_id",
                    format!("Tiêu chí {name} được nhập hai lần."),
                ));
            }
            if children > 0 {
                return Err(Error::invalid(
                    "criterion_id",
                    format!(
                        "Mục {name} được cộng từ các tiêu chí con; hãy chấm ở từng tiêu chí con."
                    ),
                ));
            }
            let values = [score.self_points, score.block_points, score.council_points];
            for ((field, column), value) in COLUMNS.iter().zip(values) {
                if let Some(v) =
                    value.filter(|v| !v.is_finite() || *v < 0.0 || milli(*v) > milli(max))
                {
                    return Err(Error::invalid(
                        field,
                        format!(
                            "Điểm {column} {} ở tiêu chí {name} phải từ 0 đến {} (điểm tối đa).",
                            if v.is_finite() {
                                format_points(v)
                            } else {
                                v.to_string()
                            },
                            format_points(max)
                        ),
                    ));
                }
            }
        }
        let unit_id = member.unit_id.clone();
        let sp = self.conn.savepoint()?;
        for s in scores {
            if s.self_points.is_none() && s.block_points.is_none() && s.council_points.is_none() {
                sp.execute(
                    "DELETE FROM criterion_scores WHERE criterion_id = ?1 AND unit_id = ?2",
                    params![s.criterion_id, unit_id],
                )?;
            } else {
                sp.execute(
                    "INSERT INTO criterion_scores (criterion_id, unit_id, self_points, block_points,
                         council_points)
                     VALUES (?1, ?2, ?3, ?4, ?5)
                     ON CONFLICT (criterion_id, unit_id) DO UPDATE SET
                         self_points = excluded.self_points, block_points = excluded.block_points,
                         council_points = excluded.council_points",
                    params![
                        s.criterion_id,
                        unit_id,
                        s.self_points.map(round3),
                        s.block_points.map(round3),
                        s.council_points.map(round3)
                    ],
                )?;
            }
        }
        store_line_totals(&sp, block_id, &unit_id)?;
        sp.commit()?;
        self.block_result(block_id, &unit_id)
    }

    /// Sets a unit's totals directly, as block tables and imports bring them, with the
    /// block's proposal for the unit. A unit scored line by line keeps the totals of its
    /// lines: only its proposal and note change here.
    pub fn set_block_score(
        &mut self,
        block_id: &str,
        unit_id: &str,
        input: &BlockScoreInput,
        import_id: Option<&str>,
    ) -> Result<BlockResult> {
        let block = self.block(block_id)?;
        let member = self.member(&block, unit_id)?;
        let ceiling = match self.criteria_set(block_id)? {
            Some(set) if set.total_max > 0.0 => set.total_max + set.bonus_max,
            _ => MAX_POINTS,
        };
        let given = [input.self_score, input.block_score, input.council_score];
        for ((field, column), value) in COLUMNS.iter().zip(given) {
            if let Some(v) =
                value.filter(|v| !v.is_finite() || *v < 0.0 || milli(*v) > milli(ceiling))
            {
                return Err(Error::invalid(
                    field,
                    format!(
                        "Điểm {column} {} của \"{}\" phải từ 0 đến {}.",
                        if v.is_finite() {
                            format_points(v)
                        } else {
                            v.to_string()
                        },
                        member.unit_name,
                        format_points(ceiling)
                    ),
                ));
            }
        }
        if let Some(lines) = line_totals(&self.conn, block_id, unit_id)? {
            let differs = lines
                .iter()
                .zip(given)
                .any(|(l, g)| l.map(milli) != g.map(milli));
            if differs {
                return Err(Error::invalid(
                    "self_score",
                    format!(
                        "Điểm của \"{}\" được cộng từ bảng tiêu chí (tự chấm {}, khối chấm {}, hội đồng chấm {}); hãy sửa điểm ở từng tiêu chí.",
                        member.unit_name,
                        format_opt(lines[0]),
                        format_opt(lines[1]),
                        format_opt(lines[2])
                    ),
                ));
            }
        }
        self.conn.execute(
            "INSERT INTO block_scores (block_id, unit_id, self_score, block_score, council_score,
                 proposal, note, import_id, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
             ON CONFLICT (block_id, unit_id) DO UPDATE SET self_score = excluded.self_score,
                 block_score = excluded.block_score, council_score = excluded.council_score,
                 proposal = excluded.proposal, note = excluded.note,
                 import_id = coalesce(excluded.import_id, block_scores.import_id),
                 updated_at = excluded.updated_at",
            params![
                block_id,
                unit_id,
                input.self_score.map(round3),
                input.block_score.map(round3),
                input.council_score.map(round3),
                clean(&input.proposal),
                clean(&input.note),
                import_id,
                now()
            ],
        )?;
        self.block_result(block_id, unit_id)
    }

    fn block_result(&self, block_id: &str, unit_id: &str) -> Result<BlockResult> {
        self.block_results(block_id)?
            .into_iter()
            .find(|r| r.unit_id == unit_id)
            .ok_or_else(|| Error::not_found("kết quả chấm điểm của đơn vị"))
    }

    /// The block's members ranked: by final score, ties broken by the block's score then the
    /// unit's own; units still equal share the rank. Units not scored yet come last.
    pub fn block_results(&self, block_id: &str) -> Result<Vec<BlockResult>> {
        let block = self.block(block_id)?;
        let mut stmt = self.conn.prepare(
            "SELECT unit_id, self_score, block_score, council_score, proposal, note
             FROM block_scores WHERE block_id = ?1",
        )?;
        type Stored = (Totals, String, String);
        let stored: HashMap<String, Stored> = stmt
            .query_map([block_id], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    ([r.get(1)?, r.get(2)?, r.get(3)?], r.get(4)?, r.get(5)?),
                ))
            })?
            .collect::<rusqlite::Result<_>>()?;
        let by_line = units_scored_by_line(&self.conn, block_id)?;
        let mut results: Vec<BlockResult> = block
            .members
            .iter()
            .map(|m| {
                let ([own, blk, council], proposal, note) = stored
                    .get(&m.unit_id)
                    .cloned()
                    .unwrap_or(([None; 3], String::new(), String::new()));
                BlockResult {
                    unit_id: m.unit_id.clone(),
                    unit_code: m.unit_code.clone(),
                    unit: m.unit_name.clone(),
                    role: m.role,
                    self_score: own,
                    block_score: blk,
                    council_score: council,
                    final_score: council.or(blk).or(own),
                    rank: None,
                    tie_note: None,
                    proposal,
                    note,
                    from_criteria: by_line.contains(&m.unit_id),
                }
            })
            .collect();
        // Best first; None keys (not scored) sort last; equal units in Vietnamese order.
        results.sort_by(|a, b| {
            match (rank_key(a), rank_key(b)) {
                (Some(x), Some(y)) => y.cmp(&x),
                (Some(_), None) => Ordering::Less,
                (None, Some(_)) => Ordering::Greater,
                (None, None) => Ordering::Equal,
            }
            .then_with(|| compare_vi(&a.unit, &b.unit))
        });
        for i in 0..results.len() {
            let Some(key) = rank_key(&results[i]) else {
                break;
            };
            results[i].rank = match i.checked_sub(1).map(|p| &results[p]) {
                Some(prev) if rank_key(prev) == Some(key) => prev.rank,
                _ => Some(i as u32 + 1),
            };
        }
        let notes: Vec<Option<String>> = results.iter().map(|r| tie_note(r, &results)).collect();
        for (r, note) in results.iter_mut().zip(notes) {
            r.tie_note = note;
        }
        Ok(results)
    }

    /// The results of every block of the year: blocks in Vietnamese order, each by rank.
    pub fn scores(&self, year: i32) -> Result<Vec<ScoreRow>> {
        let mut rows = Vec::new();
        for block in self.blocks(year)? {
            for result in self.block_results(&block.id)? {
                rows.push(ScoreRow {
                    block_id: block.id.clone(),
                    block: block.name.clone(),
                    result,
                });
            }
        }
        Ok(rows)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::blocks::{BlockInput, BlockMemberInput};
    use crate::units::{UnitInput, UnitKind};

    fn unit(s: &mut Store, code: &str, name: &str) -> String {
        s.create_unit(&UnitInput {
            code: code.into(),
            name: name.into(),
            kind: UnitKind::DonViSuNghiep,
            staff_count: None,
            parent_id: None,
            note: String::new(),
        })
        .unwrap()
        .id
    }

    fn block(s: &mut Store, year: i32, name: &str, units: &[&str]) -> String {
        s.create_block(&BlockInput {
            year,
            name: name.into(),
            note: String::new(),
            members: units
                .iter()
                .map(|u| BlockMemberInput {
                    unit_id: u.to_string(),
                    role: BlockRole::ThanhVien,
                })
                .collect(),
        })
        .unwrap()
        .id
    }

    fn line(label: &str, title: &str, kind: LineKind, max: f64) -> CriterionInput {
        CriterionInput {
            id: None,
            label: label.into(),
            title: title.into(),
            line_kind: kind,
            max_points: max,
            children: Vec::new(),
        }
    }

    fn group(label: &str, title: &str, max: f64, children: Vec<CriterionInput>) -> CriterionInput {
        CriterionInput {
            children,
            ..line(label, title, LineKind::Diem, max)
        }
    }

    /// I (heading, 40 = 15 + 25), II (60), bonus 5, penalty 10.
    fn table() -> Vec<CriterionInput> {
        vec![
            group(
                "I",
                "Công tác chỉ đạo, tổ chức phong trào",
                0.0,
                vec![
                    line("1", "Ban hành kế hoạch thi đua", LineKind::Diem, 15.0),
                    line("2", "Tổ chức ký giao ước thi đua", LineKind::Diem, 25.0),
                ],
            ),
            line(
                "II",
                "Kết quả thực hiện nhiệm vụ chuyên môn",
                LineKind::Diem,
                60.0,
            ),
            line("III", "Điểm thưởng: có mô hình mới", LineKind::Cong, 5.0),
            line("IV", "Điểm trừ: nộp báo cáo chậm", LineKind::Tru, 10.0),
        ]
    }

    /// The ids of the leaves, by label.
    fn leaves(set: &CriteriaSet) -> HashMap<String, String> {
        fn walk(lines: &[Criterion], out: &mut HashMap<String, String>) {
            for c in lines {
                if c.children.is_empty() {
                    out.insert(c.label.clone(), c.id.clone());
                }
                walk(&c.children, out);
            }
        }
        let mut out = HashMap::new();
        walk(&set.lines, &mut out);
        out
    }

    fn pts(id: &str, own: Option<f64>, blk: Option<f64>, council: Option<f64>) -> CriterionScore {
        CriterionScore {
            criterion_id: id.into(),
            self_points: own,
            block_points: blk,
            council_points: council,
        }
    }

    fn totals(
        s: &mut Store,
        block: &str,
        unit: &str,
        own: Option<f64>,
        blk: Option<f64>,
        council: Option<f64>,
    ) {
        s.set_block_score(
            block,
            unit,
            &BlockScoreInput {
                self_score: own,
                block_score: blk,
                council_score: council,
                ..Default::default()
            },
            None,
        )
        .unwrap();
    }

    #[test]
    fn tree_is_saved_in_order_and_headings_take_their_lines_sum() {
        let mut s = Store::open_in_memory().unwrap();
        let b = block(&mut s, 2025, "Khối Giáo dục", &[]);
        assert_eq!(s.criteria_set(&b).unwrap(), None);
        let set = s.save_criteria_set(&b, "  ", &table()).unwrap();
        assert_eq!(set.name, "Bảng chấm điểm Khối Giáo dục năm 2025");
        let labels: Vec<&str> = set.lines.iter().map(|c| c.label.as_str()).collect();
        assert_eq!(labels, vec!["I", "II", "III", "IV"]);
        assert_eq!(
            set.lines[0].max_points, 40.0,
            "a heading without points sums its lines"
        );
        let children: Vec<&str> = set.lines[0]
            .children
            .iter()
            .map(|c| c.title.as_str())
            .collect();
        assert_eq!(
            children,
            vec!["Ban hành kế hoạch thi đua", "Tổ chức ký giao ước thi đua"]
        );
        assert_eq!(
            (set.total_max, set.bonus_max, set.penalty_max),
            (100.0, 5.0, 10.0)
        );
        assert_eq!(s.criteria_set(&b).unwrap(), Some(set));
    }

    #[test]
    fn invalid_tables_name_the_line_and_change_nothing() {
        let mut s = Store::open_in_memory().unwrap();
        let b = block(&mut s, 2025, "Khối Giáo dục", &[]);
        let before = s.save_criteria_set(&b, "Bảng 2025", &table()).unwrap();

        let mut zero = table();
        zero[0].children[1].max_points = 0.0;
        let err = s.save_criteria_set(&b, "Bảng mới", &zero).unwrap_err();
        assert_eq!(err.field(), Some("lines"));
        assert!(
            err.to_string()
                .contains("\"2. Tổ chức ký giao ước thi đua\" cần điểm tối đa"),
            "{err}"
        );

        let mut over = table();
        over[0].max_points = 30.0;
        let err = s.save_criteria_set(&b, "Bảng mới", &over).unwrap_err();
        assert_eq!(
            err.to_string(),
            "Tổng điểm tối đa các tiêu chí con của mục \"I. Công tác chỉ đạo, tổ chức phong trào\" là 40, vượt quá 30 điểm của mục."
        );

        let mut mixed = table();
        mixed[0].children[0].line_kind = LineKind::Tru;
        let err = s.save_criteria_set(&b, "Bảng mới", &mixed).unwrap_err();
        assert!(
            err.to_string()
                .contains("\"1. Ban hành kế hoạch thi đua\" là điểm trừ"),
            "{err}"
        );

        let mut untitled = table();
        untitled[1].title = " ".into();
        let err = s.save_criteria_set(&b, "Bảng mới", &untitled).unwrap_err();
        assert_eq!(
            err.to_string(),
            "Dòng thứ 2 của bảng tiêu chí chưa có nội dung."
        );

        assert_eq!(s.criteria_set(&b).unwrap(), Some(before), "all or nothing");
    }

    #[test]
    fn points_are_bounded_and_totals_are_the_sum_of_lines() {
        let mut s = Store::open_in_memory().unwrap();
        let a = unit(&mut s, "TH", "Trường Tiểu học An Bình");
        let other = unit(&mut s, "MN", "Trường Mầm non Hoa Sen");
        let b = block(&mut s, 2025, "Khối Giáo dục", &[&a]);
        let set = s.save_criteria_set(&b, "", &table()).unwrap();
        let ids = leaves(&set);

        let err = s
            .set_criterion_scores(&b, &a, &[pts(&ids["2"], Some(26.0), None, None)])
            .unwrap_err();
        assert_eq!(err.field(), Some("self_score"));
        assert_eq!(
            err.to_string(),
            "Điểm tự chấm 26 ở tiêu chí \"2. Tổ chức ký giao ước thi đua\" phải từ 0 đến 25 (điểm tối đa)."
        );
        let err = s
            .set_criterion_scores(&b, &a, &[pts(&ids["IV"], None, Some(-1.0), None)])
            .unwrap_err();
        assert_eq!(err.field(), Some("block_score"));
        let heading = set.lines[0].id.clone();
        let err = s
            .set_criterion_scores(&b, &a, &[pts(&heading, Some(30.0), None, None)])
            .unwrap_err();
        assert!(
            err.to_string().contains("hãy chấm ở từng tiêu chí con"),
            "{err}"
        );
        let err = s
            .set_criterion_scores(&b, &other, &[pts(&ids["1"], Some(10.0), None, None)])
            .unwrap_err();
        assert!(
            err.to_string()
                .contains("\"Trường Mầm non Hoa Sen\" không thuộc khối \"Khối Giáo dục\" năm 2025"),
            "{err}"
        );

        // 14,5 + 24 + 55,25 + 3 (bonus) − 2 (penalty) = 94,75 own; the block marks two lines.
        let result = s
            .set_criterion_scores(
                &b,
                &a,
                &[
                    pts(&ids["1"], Some(14.5), Some(14.0), None),
                    pts(&ids["2"], Some(24.0), None, None),
                    pts(&ids["II"], Some(55.25), Some(50.0), None),
                    pts(&ids["III"], Some(3.0), None, None),
                    pts(&ids["IV"], Some(2.0), Some(4.0), None),
                ],
            )
            .unwrap();
        assert_eq!(result.self_score, Some(94.75));
        assert_eq!(result.block_score, Some(60.0), "14 + 50 − 4");
        assert_eq!(
            result.council_score, None,
            "a column with no points stays empty"
        );
        assert_eq!((result.final_score, result.rank), (Some(60.0), Some(1)));
        assert!(result.from_criteria);
        assert_eq!(s.criterion_scores(&b, &a).unwrap().len(), 5);

        // clearing the penalty line: its points leave the totals
        let result = s
            .set_criterion_scores(&b, &a, &[pts(&ids["IV"], None, None, None)])
            .unwrap();
        assert_eq!(
            (result.self_score, result.block_score),
            (Some(96.75), Some(64.0))
        );
        assert_eq!(s.criterion_scores(&b, &a).unwrap().len(), 4);

        // totals of a unit scored by line can only be what its lines add up to
        let err = s
            .set_block_score(
                &b,
                &a,
                &BlockScoreInput {
                    self_score: Some(99.0),
                    ..Default::default()
                },
                None,
            )
            .unwrap_err();
        assert!(
            err.to_string()
                .contains("được cộng từ bảng tiêu chí (tự chấm 96,75, khối chấm 64"),
            "{err}"
        );
        let with_proposal = s
            .set_block_score(
                &b,
                &a,
                &BlockScoreInput {
                    self_score: Some(96.75),
                    block_score: Some(64.0),
                    council_score: None,
                    proposal: "Cờ thi đua của UBND tỉnh".into(),
                    note: String::new(),
                },
                None,
            )
            .unwrap();
        assert_eq!(with_proposal.proposal, "Cờ thi đua của UBND tỉnh");
    }

    #[test]
    fn totals_without_lines_are_checked_and_only_for_members() {
        let mut s = Store::open_in_memory().unwrap();
        let a = unit(&mut s, "TH", "Trường Tiểu học An Bình");
        let outsider = unit(&mut s, "MN", "Trường Mầm non Hoa Sen");
        let b = block(&mut s, 2025, "Khối Giáo dục", &[&a]);
        let err = s
            .set_block_score(
                &b,
                &outsider,
                &BlockScoreInput {
                    self_score: Some(90.0),
                    ..Default::default()
                },
                None,
            )
            .unwrap_err();
        assert_eq!(err.field(), Some("unit_id"));
        assert!(err
            .to_string()
            .contains("hãy thêm đơn vị vào khối trước khi chấm điểm"));
        let err = s
            .set_block_score(
                &b,
                &a,
                &BlockScoreInput {
                    council_score: Some(f64::NAN),
                    ..Default::default()
                },
                None,
            )
            .unwrap_err();
        assert_eq!(err.field(), Some("council_score"));
        // with a table, the ceiling is its normal points plus its bonus
        s.save_criteria_set(&b, "", &table()).unwrap();
        let err = s
            .set_block_score(
                &b,
                &a,
                &BlockScoreInput {
                    block_score: Some(105.5),
                    ..Default::default()
                },
                None,
            )
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "Điểm khối chấm 105,5 của \"Trường Tiểu học An Bình\" phải từ 0 đến 105."
        );
        let r = s
            .set_block_score(
                &b,
                &a,
                &BlockScoreInput {
                    self_score: Some(98.0),
                    block_score: Some(97.5),
                    ..Default::default()
                },
                None,
            )
            .unwrap();
        assert_eq!((r.final_score, r.from_criteria), (Some(97.5), false));
    }

    #[test]
    fn ties_share_the_rank_tie_breaks_are_explained_and_unscored_come_last() {
        let mut s = Store::open_in_memory().unwrap();
        let names = [
            ("A", "Trường Tiểu học An Bình"),
            ("B", "Trường THCS Bình Minh"),
            ("C", "Trường Mầm non Ánh Dương"),
            ("D", "Trường Tiểu học Đông Hòa"),
            ("E", "Trường THCS Hòa Lạc"),
            ("F", "Trường Mầm non Sen Hồng"),
            ("G", "Trường Tiểu học Yên Lạc"),
        ];
        let ids: Vec<String> = names.iter().map(|(c, n)| unit(&mut s, c, n)).collect();
        let refs: Vec<&str> = ids.iter().map(String::as_str).collect();
        let b = block(&mut s, 2025, "Khối Giáo dục", &refs);
        totals(&mut s, &b, &ids[0], Some(96.0), Some(95.5), None); // 95,5 by block
        totals(&mut s, &b, &ids[1], Some(97.0), Some(94.0), Some(95.5)); // 95,5 by council, lower block
        totals(&mut s, &b, &ids[2], Some(96.0), Some(95.5), None); // same as A: shares rank 2
        totals(&mut s, &b, &ids[3], Some(99.0), None, Some(98.0)); // first
        totals(&mut s, &b, &ids[4], Some(90.0), Some(90.0), None); // 90, own 90
        totals(&mut s, &b, &ids[5], Some(88.0), Some(90.0), None); // 90, own 88: after E
                                                                   // G has no score

        let results = s.block_results(&b).unwrap();
        let order: Vec<(&str, Option<u32>)> = results
            .iter()
            .map(|r| (r.unit_code.as_str(), r.rank))
            .collect();
        assert_eq!(
            order,
            vec![
                ("D", Some(1)),
                ("C", Some(2)),
                ("A", Some(2)),
                ("B", Some(4)),
                ("E", Some(5)),
                ("F", Some(6)),
                ("G", None),
            ]
        );
        let note = |code: &str| {
            results
                .iter()
                .find(|r| r.unit_code == code)
                .unwrap()
                .tie_note
                .clone()
        };
        assert_eq!(note("D"), None);
        assert_eq!(
            note("A").as_deref(),
            Some("Bằng điểm với Trường Mầm non Ánh Dương (95,5), xếp đồng hạng 2; Hơn Trường THCS Bình Minh nhờ điểm khối chấm (95,5 so với 94)")
        );
        assert_eq!(
            note("B").as_deref(),
            Some("Xếp sau Trường Mầm non Ánh Dương, Trường Tiểu học An Bình do điểm khối chấm thấp hơn (94 so với 95,5)")
        );
        assert_eq!(
            note("E").as_deref(),
            Some("Hơn Trường Mầm non Sen Hồng nhờ điểm tự chấm (90 so với 88)")
        );
        let last = results.last().unwrap();
        assert_eq!((last.final_score, last.tie_note.clone()), (None, None));
    }

    #[test]
    fn scores_of_a_year_list_blocks_in_vietnamese_order() {
        let mut s = Store::open_in_memory().unwrap();
        let a = unit(&mut s, "A", "Hội Nông dân xã");
        let b = unit(&mut s, "B", "Trường Tiểu học An Bình");
        let c = unit(&mut s, "C", "Đoàn Thanh niên xã");
        let k1 = block(&mut s, 2025, "Khối Giáo dục", &[&b]);
        let k2 = block(&mut s, 2025, "Khối Đoàn thể", &[&a, &c]);
        block(&mut s, 2024, "Khối Giáo dục", &[&b]);
        totals(&mut s, &k1, &b, Some(90.0), None, None);
        totals(&mut s, &k2, &c, Some(80.0), Some(85.0), None);
        let rows = s.scores(2025).unwrap();
        let seen: Vec<(&str, &str, Option<u32>)> = rows
            .iter()
            .map(|r| (r.block.as_str(), r.result.unit.as_str(), r.result.rank))
            .collect();
        assert_eq!(
            seen,
            vec![
                ("Khối Đoàn thể", "Đoàn Thanh niên xã", Some(1)),
                ("Khối Đoàn thể", "Hội Nông dân xã", None),
                ("Khối Giáo dục", "Trường Tiểu học An Bình", Some(1)),
            ]
        );
        let json = serde_json::to_value(&rows[0]).unwrap();
        assert_eq!(json["unit"], "Đoàn Thanh niên xã");
        assert_eq!(json["block"], "Khối Đoàn thể");
        assert_eq!(json["block_score"], 85.0);
        assert_eq!(json["rank"], 1);
    }

    #[test]
    fn editing_the_table_keeps_the_points_of_kept_lines() {
        let mut s = Store::open_in_memory().unwrap();
        let a = unit(&mut s, "TH", "Trường Tiểu học An Bình");
        let b = block(&mut s, 2025, "Khối Giáo dục", &[&a]);
        let set = s.save_criteria_set(&b, "", &table()).unwrap();
        let ids = leaves(&set);
        s.set_criterion_scores(
            &b,
            &a,
            &[
                pts(&ids["1"], Some(15.0), None, None),
                pts(&ids["III"], Some(4.0), None, None),
            ],
        )
        .unwrap();
        assert_eq!(s.criteria_set(&b).unwrap().unwrap().scored_units, 1);

        let with_ids = |mut lines: Vec<CriterionInput>| {
            lines[0].id = Some(set.lines[0].id.clone());
            lines[0].children[0].id = Some(ids["1"].clone());
            lines[2].id = Some(ids["III"].clone());
            lines
        };
        // lowering a maximum below points given is refused
        let mut lower = with_ids(table());
        lower[0].children[0].max_points = 10.0;
        let err = s.save_criteria_set(&b, "", &lower).unwrap_err();
        assert!(err.to_string().contains("\"Trường Tiểu học An Bình\" đã được chấm 15 điểm ở tiêu chí \"1. Ban hành kế hoạch thi đua\""), "{err}");

        // retitling line 1 keeps its points; dropping the bonus line drops its 4 points
        let mut edited = with_ids(table());
        edited[0].children[0].title = "Ban hành kế hoạch thi đua năm".into();
        edited.remove(2);
        let saved = s.save_criteria_set(&b, "", &edited).unwrap();
        assert_eq!(saved.lines[0].children[0].id, ids["1"]);
        assert_eq!(saved.bonus_max, 0.0);
        let r = &s.block_results(&b).unwrap()[0];
        assert_eq!(r.self_score, Some(15.0));
    }

    #[test]
    fn last_years_table_is_copied_by_block_name() {
        let mut s = Store::open_in_memory().unwrap();
        let a = unit(&mut s, "TH", "Trường Tiểu học An Bình");
        let old = block(&mut s, 2024, "Khối Giáo dục", &[]);
        let new = block(&mut s, 2025, "KHỐI GIÁO DỤC", &[&a]);
        let lonely = block(&mut s, 2025, "Khối Đoàn thể", &[]);
        let err = s.copy_criteria_from_last_year(&new).unwrap_err();
        assert_eq!(
            err.to_string(),
            "Không tìm thấy bảng tiêu chí của khối \"Khối Giáo dục\" năm 2024."
        );
        let source = s
            .save_criteria_set(&old, "Bảng chấm điểm khối Giáo dục", &table())
            .unwrap();

        let copied = s.copy_criteria_from_last_year(&new).unwrap();
        assert_eq!(copied.name, "Bảng chấm điểm khối Giáo dục");
        assert_eq!(copied.total_max, 100.0);
        assert_eq!(strip_ids(&copied.lines), strip_ids(&source.lines));
        assert_ne!(
            copied.lines[0].id, source.lines[0].id,
            "the copy has its own lines"
        );

        let err = s.copy_criteria_from_last_year(&lonely).unwrap_err();
        assert_eq!(
            err.to_string(),
            "Không tìm thấy khối \"Khối Đoàn thể\" trong năm 2024 để chép bảng tiêu chí."
        );

        // once units are scored on it, the table is not overwritten by a copy
        let id = leaves(&copied)["II"].clone();
        s.set_criterion_scores(&new, &a, &[pts(&id, Some(50.0), None, None)])
            .unwrap();
        assert_eq!(
            s.copy_criteria_set(&old, &new).unwrap_err().code(),
            "in_use"
        );
        assert_eq!(
            s.copy_criteria_set(&new, &new).unwrap_err().field(),
            Some("block_id")
        );
    }
}
