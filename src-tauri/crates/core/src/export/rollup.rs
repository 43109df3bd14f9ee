//! The roll-up workbook of a period (forms.md §1): "Tổng hợp", "Danh sách khen thưởng",
//! "Đăng ký thi đua", "Chấm điểm khối", "Số liệu báo cáo", the statistics tables, and the
//! hidden `_thidua` sheet.

use super::machine::Machine;
use super::sheet::{
    attached_line, count, date, fit_row, header_box, number, print_setup, roman, sign_off, span,
    text, title_block, widths, Res, Styles,
};
use super::statistics;
use crate::decisions::{AwardRow, CountedAward};
use crate::error::Result;
use crate::profile::OfficeProfile;
use crate::rules::{AwardKind, CatalogItem};
use crate::stats::{RecipientCounts, Stats};
use crate::store::Store;
use crate::subjects::RecipientKind;
use crate::units::{format_date_vi, Unit, UnitQuery};
use chrono::NaiveDate;
use rust_xlsxwriter::{ColNum, RowNum, Workbook, Worksheet, XlsxError};
use std::collections::{BTreeSet, HashMap, HashSet};

pub(crate) const SHEET_SUMMARY: &str = "Tổng hợp";
pub(crate) const SHEET_AWARDS: &str = "Danh sách khen thưởng";
pub(crate) const SHEET_REGISTRATIONS: &str = "Đăng ký thi đua";
pub(crate) const SHEET_SCORES: &str = "Chấm điểm khối";
pub(crate) const SHEET_FIGURES: &str = "Số liệu báo cáo";

/// Recipient kinds in the order the sheets show them.
const KINDS: [RecipientKind; 3] = [
    RecipientKind::TapThe,
    RecipientKind::CaNhan,
    RecipientKind::HoGiaDinh,
];

/// Everything the sheets of one roll-up share.
pub(crate) struct Ctx<'a> {
    pub store: &'a Store,
    pub profile: OfficeProfile,
    pub st: Styles,
    pub today: NaiveDate,
    pub year: i32,
    pub stats: Stats,
    /// What is counted of each award of the period (the list reads them whole from the
    /// store as it writes them).
    pub awards: Vec<CountedAward>,
    pub units: HashMap<String, Unit>,
    /// The period as the store's queries take it (YYYY-MM-DD, inclusive).
    pub from: String,
    pub to: String,
    pub machine: Machine,
    /// The awards each statistics table counts (by table id, "0601" …), as indexes into
    /// `awards`, found once: the tables ask for hundreds of cells, and each cell looking every
    /// award up took most of a large year's roll-up.
    pub stat_awards: std::cell::OnceCell<HashMap<String, Vec<usize>>>,
}

impl Ctx<'_> {
    /// "năm 2025", "6 tháng đầu năm 2025", "6 tháng cuối năm 2025".
    pub fn period_name(&self) -> String {
        match self.stats.half {
            None => format!("năm {}", self.year),
            Some(1) => format!("6 tháng đầu năm {}", self.year),
            Some(_) => format!("6 tháng cuối năm {}", self.year),
        }
    }

    pub fn period_line(&self) -> String {
        format!(
            "(Từ ngày {} đến ngày {})",
            format_date_vi(&self.stats.current.from),
            format_date_vi(&self.stats.current.to)
        )
    }

    /// The member unit an award counts for: the unit itself, the person's unit, or the
    /// household's thôn (as `subjects::SUBJECT_UNIT_SQL` groups them).
    pub fn unit_of<'s>(&'s self, a: &'s CountedAward) -> Option<&'s str> {
        a.unit_id.as_deref()
    }
}

/// The figures, awards and recipients of a period, shared by the workbook and the printed
/// reports (`report::`).
pub(crate) fn load(store: &Store, year: i32, half: Option<u8>) -> Result<Ctx<'_>> {
    let profile = store.require_profile()?;
    let stats = store.stats(year, half)?;
    let from = crate::units::parse_date("from", &stats.current.from)?;
    let to = crate::units::parse_date("to", &stats.current.to)?;
    let awards = store.counted_awards(&from, &to)?;
    let units: HashMap<String, Unit> = store
        .units(&UnitQuery {
            search: None,
            include_inactive: true,
        })?
        .into_iter()
        .map(|u| (u.id.clone(), u))
        .collect();
    Ok(Ctx {
        store,
        profile,
        st: Styles::new(),
        today: chrono::Local::now().date_naive(),
        year,
        stats,
        awards,
        units,
        from,
        to,
        machine: Machine::default(),
        stat_awards: std::cell::OnceCell::new(),
    })
}

pub(crate) fn build(
    store: &Store,
    year: i32,
    half: Option<u8>,
) -> Result<(Workbook, Vec<String>, usize)> {
    let mut ctx = load(store, year, half)?;
    meta(&mut ctx, half);
    let mut wb = Workbook::new();
    let catalog = store.catalog()?;
    let registrations = store.registrations(&crate::registrations::RegistrationQuery {
        year,
        unit_id: None,
        code: None,
        search: None,
    })?;
    let totals = store.registration_totals(year)?;
    let scores = store.scores(year)?;
    let blocks = store.blocks(year)?;
    let movements = store.movement_stats(year)?;
    summary_sheet(&mut wb, &mut ctx, &catalog, &blocks).map_err(super::sheet::build_err)?;
    award_list(&mut wb, &mut ctx)?;
    recipient_tables(&mut wb, &mut ctx)?;
    (|| -> Res<()> {
        registration_sheet(&mut wb, &mut ctx, &registrations, &totals)?;
        score_sheet(&mut wb, &mut ctx, &scores)?;
        figures_sheet(&mut wb, &ctx)?;
        statistics::write_all(&mut wb, &ctx, &catalog, &movements)?;
        ctx.machine.write(&mut wb)
    })()
    .map_err(super::sheet::build_err)?;
    let sheets = wb
        .worksheets()
        .iter()
        .map(|w| w.name().to_string())
        .collect();
    Ok((wb, sheets, ctx.awards.len()))
}

fn meta(ctx: &mut Ctx, half: Option<u8>) {
    let m = &mut ctx.machine;
    m.meta("kind", "rollup");
    m.meta("app_version", env!("CARGO_PKG_VERSION"));
    m.meta("office_name", &ctx.profile.name);
    m.meta("office_level", ctx.profile.level.as_str());
    m.meta("parent_authority", &ctx.profile.parent_authority);
    m.meta("exported_at", chrono::Local::now().to_rfc3339());
    m.meta("year", ctx.year as i64);
    m.meta("half", half.map(|h| h as f64));
    m.meta("period_from", &ctx.stats.current.from);
    m.meta("period_to", &ctx.stats.current.to);
}

/// The column of "Tổng hợp" for one title/form and one kind of recipient.
struct CodeColumn {
    code: String,
    kind: RecipientKind,
}

/// Titles, then forms: the codes used in the period in catalog order, each split by the
/// recipients it applies to (both tập thể and cá nhân for a form that may go to either,
/// households only where used).
fn code_columns(
    awards: &[CountedAward],
    catalog: &[CatalogItem],
    kind: AwardKind,
) -> Vec<(String, Vec<CodeColumn>)> {
    let used: HashSet<(&str, RecipientKind)> = awards
        .iter()
        .map(|a| (a.code.as_str(), a.recipient_kind))
        .collect();
    let codes: HashSet<&str> = used.iter().map(|(c, _)| *c).collect();
    catalog
        .iter()
        .filter(|c| c.kind == kind && codes.contains(c.code.as_str()))
        .map(|c| {
            let cols = KINDS
                .iter()
                .filter(|k| {
                    used.contains(&(c.code.as_str(), **k))
                        || (c.subject == "any" && **k != RecipientKind::HoGiaDinh)
                })
                .map(|k| CodeColumn {
                    code: c.code.clone(),
                    kind: *k,
                })
                .collect();
            (c.name.clone(), cols)
        })
        .collect()
}

fn summary_sheet(
    wb: &mut Workbook,
    ctx: &mut Ctx,
    catalog: &[CatalogItem],
    blocks: &[crate::blocks::Block],
) -> Res<()> {
    let titles = code_columns(&ctx.awards, catalog, AwardKind::DanhHieu);
    let forms = code_columns(&ctx.awards, catalog, AwardKind::HinhThuc);
    // Column layout: STT, Tên đơn vị, then per kind "Tổng số" and its code columns.
    let title_cols: Vec<&CodeColumn> = titles.iter().flat_map(|(_, c)| c).collect();
    let form_cols: Vec<&CodeColumn> = forms.iter().flat_map(|(_, c)| c).collect();
    let first_title = 2 as ColNum;
    let first_form = first_title + 1 + title_cols.len() as ColNum;
    let columns = first_form + 1 + form_cols.len() as ColNum;

    // Counts per unit (None: awards whose recipient has no unit).
    let mut counts: HashMap<(Option<String>, String, RecipientKind), i64> = HashMap::new();
    let mut kind_totals: HashMap<(Option<String>, AwardKind), i64> = HashMap::new();
    let mut with_awards: HashSet<Option<String>> = HashSet::new();
    for a in &ctx.awards {
        let unit = ctx.unit_of(a).map(str::to_string);
        *counts
            .entry((unit.clone(), a.code.clone(), a.recipient_kind))
            .or_default() += 1;
        *kind_totals.entry((unit.clone(), a.award_kind)).or_default() += 1;
        with_awards.insert(unit);
    }
    let row_values = |units: &[Option<String>]| -> Vec<i64> {
        let sum = |f: &dyn Fn(&Option<String>) -> i64| units.iter().map(f).sum::<i64>();
        let mut v = vec![sum(&|u| {
            kind_totals
                .get(&(u.clone(), AwardKind::DanhHieu))
                .copied()
                .unwrap_or(0)
        })];
        for c in &title_cols {
            v.push(sum(&|u| {
                counts
                    .get(&(u.clone(), c.code.clone(), c.kind))
                    .copied()
                    .unwrap_or(0)
            }));
        }
        v.push(sum(&|u| {
            kind_totals
                .get(&(u.clone(), AwardKind::HinhThuc))
                .copied()
                .unwrap_or(0)
        }));
        for c in &form_cols {
            v.push(sum(&|u| {
                counts
                    .get(&(u.clone(), c.code.clone(), c.kind))
                    .copied()
                    .unwrap_or(0)
            }));
        }
        v
    };

    let ws = wb.add_worksheet();
    ws.set_name(SHEET_SUMMARY)?;
    let st = &ctx.st;
    let title = format!("Tổng hợp khen thưởng trên địa bàn {}", ctx.period_name());
    let top = title_block(
        ws,
        st,
        &ctx.profile,
        columns,
        &title,
        &ctx.period_line(),
        ctx.today,
    )?;
    attached_line(ws, st, columns)?;
    let (h0, h1, h2) = (top, top + 1, top + 2);
    header_box(ws, (h0, 0), (h2, 0), "STT", &st.header)?;
    header_box(ws, (h0, 1), (h2, 1), "Tên đơn vị", &st.header)?;
    for (first, label, groups) in [
        (first_title, "Danh hiệu thi đua", &titles),
        (first_form, "Hình thức khen thưởng", &forms),
    ] {
        let width = groups.iter().map(|(_, c)| c.len()).sum::<usize>() as ColNum;
        header_box(ws, (h0, first), (h0, first + width), label, &st.header)?;
        header_box(ws, (h1, first), (h2, first), "Tổng số", &st.header)?;
        let mut col = first + 1;
        for (name, cols) in groups.iter() {
            let last = col + cols.len() as ColNum - 1;
            header_box(ws, (h1, col), (h1, last), name, &st.header)?;
            for c in cols {
                text(ws, h2, col, c.kind.label(), &st.header)?;
                col += 1;
            }
        }
    }
    ws.set_row_height(h1, 66)?;
    ws.set_row_height(h2, 32)?;
    let mut w = vec![6.0, 34.0, 9.0];
    w.extend(std::iter::repeat_n(9.0, title_cols.len()));
    w.push(9.0);
    w.extend(std::iter::repeat_n(9.0, form_cols.len()));
    widths(ws, &w)?;

    let write_values =
        |ws: &mut rust_xlsxwriter::Worksheet, row: RowNum, v: &[i64], total: bool| -> Res<()> {
            for (i, n) in v.iter().enumerate() {
                let col = first_title + i as ColNum;
                if total {
                    number(ws, row, col, *n as f64, &st.total_number)?;
                } else {
                    count(ws, row, col, *n, &st.number)?;
                }
            }
            Ok(())
        };

    // Groups: the blocks of the year, then the units outside every block.
    let mut groups: Vec<Group> = Vec::new();
    let mut placed: HashSet<String> = HashSet::new();
    for b in blocks {
        let members: Vec<Option<String>> = b
            .members
            .iter()
            .filter(|m| placed.insert(m.unit_id.clone()))
            .map(|m| Some(m.unit_id.clone()))
            .collect();
        groups.push((b.name.clone(), Some(b), members));
    }
    let mut others: Vec<&Unit> = ctx
        .units
        .values()
        .filter(|u| !placed.contains(&u.id))
        .filter(|u| {
            u.status == crate::units::UnitStatus::Active
                || with_awards.contains(&Some(u.id.clone()))
        })
        .collect();
    // Units of the same name (a merged unit and its successor) by code, so that the same
    // data gives the same sheet every time (the map's order changes from run to run).
    others.sort_by(|a, b| {
        crate::text::compare_vi(&a.name, &b.name).then_with(|| a.code.cmp(&b.code))
    });
    let mut rest: Vec<Option<String>> = others.iter().map(|u| Some(u.id.clone())).collect();
    if with_awards.contains(&None) {
        rest.push(None);
    }
    if !rest.is_empty() {
        let name = if groups.is_empty() {
            "Các đơn vị".to_string()
        } else {
            "Các đơn vị ngoài khối thi đua".to_string()
        };
        groups.push((name, None, rest));
    }

    let mut row = h2 + 1;
    let mut all: Vec<Option<String>> = Vec::new();
    for (g, (name, block, members)) in groups.iter().enumerate() {
        span(
            ws,
            row,
            0,
            columns - 1,
            &format!("{}. {}", roman(g + 1), name),
            &st.group,
        )?;
        row += 1;
        for (i, unit) in members.iter().enumerate() {
            text(ws, row, 0, &(i + 1).to_string(), &st.text_center)?;
            let (label, u) = match unit {
                Some(id) => match ctx.units.get(id) {
                    Some(u) => (unit_label(u), Some(u)),
                    None => (id.clone(), None),
                },
                None => ("(Chưa xác định đơn vị)".to_string(), None),
            };
            text(ws, row, 1, &label, &st.text)?;
            fit_row(ws, row, &[(&label, 34.0)])?;
            write_values(ws, row, &row_values(std::slice::from_ref(unit)), false)?;
            if let Some(u) = u {
                let role = block
                    .and_then(|b| b.members.iter().find(|m| m.unit_id == u.id))
                    .map(|m| m.role.as_str());
                ctx.machine.table("units", UNIT_COLUMNS).push(vec![
                    (&u.id).into(),
                    (&u.code).into(),
                    (&u.name).into(),
                    u.kind.as_str().into(),
                    u.status.as_str().into(),
                    block.map(|b| b.id.as_str()).into(),
                    block.map(|b| b.name.as_str()).into(),
                    role.into(),
                    ((row + 1) as i64).into(),
                ]);
            }
            row += 1;
        }
        span(ws, row, 0, 1, "Cộng", &st.total_text)?;
        write_values(ws, row, &row_values(members), true)?;
        row += 1;
        all.extend(members.iter().cloned());
    }
    span(ws, row, 0, 1, "Tổng cộng", &st.total_text)?;
    write_values(ws, row, &row_values(&all), true)?;
    sign_off(ws, st, &ctx.profile, row, columns)?;
    print_setup(ws, columns > 8, Some((h0, h2)), 2)?;
    Ok(())
}

/// A group of "Tổng hợp": its heading, its block (none for the units outside blocks), and
/// its units (none: awards whose recipient has no unit).
type Group<'a> = (
    String,
    Option<&'a crate::blocks::Block>,
    Vec<Option<String>>,
);

const UNIT_COLUMNS: &[&str] = &[
    "id",
    "code",
    "name",
    "kind",
    "status",
    "block_id",
    "block",
    "role",
    "sheet_row",
];

fn unit_label(u: &Unit) -> String {
    match u.status {
        crate::units::UnitStatus::Active => u.name.clone(),
        crate::units::UnitStatus::Merged => format!(
            "{} (đã sáp nhập{})",
            u.name,
            u.merged_into_name
                .as_deref()
                .map(|n| format!(" vào {n}"))
                .unwrap_or_default()
        ),
        crate::units::UnitStatus::Dissolved => format!("{} (đã giải thể)", u.name),
    }
}

const LIST_WIDTHS: [f64; 11] = [
    5.0, 22.0, 24.0, 22.0, 12.0, 11.0, 11.0, 11.0, 26.0, 9.0, 12.0,
];
const LIST_COLUMNS: ColNum = 11;

/// "Danh sách khen thưởng", each award written as the store reads it (in the order of
/// `Store::awards`), with its row of the hidden sheet: a large year lists 200,000 awards,
/// none of them held.
fn award_list(wb: &mut Workbook, ctx: &mut Ctx) -> Result<()> {
    let err = super::sheet::build_err;
    // Streamed to a temporary file row by row: every row is written whole, top to bottom,
    // and never revisited.
    let sheet = (|| -> Res<usize> {
        wb.add_worksheet_with_constant_memory()?
            .set_name(SHEET_AWARDS)?;
        let sheet = wb.worksheets().len() - 1;
        ctx.machine.start(wb)?;
        if !ctx.awards.is_empty() {
            ctx.machine
                .stream(wb, "awards", AWARD_COLUMNS, ctx.awards.len())?;
        }
        Ok(sheet)
    })()
    .map_err(err)?;
    let (ws, hidden) = ctx.machine.beside(wb, sheet);
    let (h0, h1) = list_head(ws, ctx).map_err(err)?;
    let mut row = h1 + 1;
    let (mut direct, mut amount) = (0i64, 0i64);
    let mut decisions_seen = BTreeSet::new();
    let mut decision_rows = Vec::new();
    let machine = &mut ctx.machine;
    let st = &ctx.st;
    let mut listed = 0usize;
    ctx.store.each_award_in_order(&ctx.from, &ctx.to, |a| {
        listed += 1;
        list_row(ws, hidden, machine, st, row, listed, &a).map_err(err)?;
        if a.direct_worker {
            direct += 1;
        }
        amount += a.amount;
        if decisions_seen.insert(a.decision_id.clone()) {
            decision_rows.push(a.decision_id);
        }
        row += 1;
        Ok(())
    })?;
    if listed != ctx.awards.len() {
        return Err(err(XlsxError::ParameterError(format!(
            "danh sách có {listed} dòng, đếm được {} lượt khen thưởng",
            ctx.awards.len()
        ))));
    }
    (|| -> Res<()> {
        let st = &ctx.st;
        if row > h1 + 1 {
            ws.autofilter(h1, 0, row - 1, LIST_COLUMNS - 1)?;
        }
        span(
            ws,
            row,
            0,
            8,
            &format!("Tổng cộng: {listed} lượt khen thưởng"),
            &st.total_text,
        )?;
        number(ws, row, 9, direct as f64, &st.total_number)?;
        number(ws, row, 10, amount as f64, &st.total_number)?;
        sign_off(ws, st, &ctx.profile, row, LIST_COLUMNS)?;
        print_setup(ws, true, Some((h0, h1)), 2)
    })()
    .map_err(err)?;

    // The decisions behind the awards, for the import above.
    for id in decision_rows {
        if let Ok(d) = ctx.store.decision(&id) {
            ctx.machine.table("decisions", DECISION_COLUMNS).push(vec![
                (&d.id).into(),
                (&d.number).into(),
                (&d.decision_date).into(),
                d.level.as_str().into(),
                d.award_type.as_str().into(),
                (d.year as i64).into(),
                (&d.authority).into(),
                (&d.signer_name).into(),
                (&d.signer_title).into(),
                d.movement_id.as_deref().into(),
            ]);
        }
    }
    Ok(())
}

/// The title block and the two header rows of the list; returns the header rows.
fn list_head(ws: &mut Worksheet, ctx: &Ctx) -> Res<(RowNum, RowNum)> {
    let st = &ctx.st;
    let title = format!(
        "Danh sách tập thể, cá nhân được khen thưởng {}",
        ctx.period_name()
    );
    let top = title_block(
        ws,
        st,
        &ctx.profile,
        LIST_COLUMNS,
        &title,
        &ctx.period_line(),
        ctx.today,
    )?;
    attached_line(ws, st, LIST_COLUMNS)?;
    let (h0, h1) = (top, top + 1);
    let heads: [(ColNum, &str); 9] = [
        (0, "STT"),
        (1, "Họ và tên (hoặc tên tập thể)"),
        (2, "Chức vụ, đơn vị công tác"),
        (3, "Danh hiệu / hình thức"),
        (6, "Cấp quyết định"),
        (7, "Loại hình"),
        (8, "Thành tích"),
        (9, "Người lao động trực tiếp (x)"),
        (10, "Số tiền (đồng)"),
    ];
    for (col, label) in heads {
        header_box(ws, (h0, col), (h1, col), label, &st.header)?;
    }
    header_box(ws, (h0, 4), (h0, 5), "Số, ngày quyết định", &st.header)?;
    ws.set_row_height(h0, 32)?;
    text(ws, h1, 4, "Số", &st.header)?;
    text(ws, h1, 5, "Ngày", &st.header)?;
    widths(ws, &LIST_WIDTHS)?;
    Ok((h0, h1))
}

/// One award: its line of the list (number `n`) and its row of the hidden sheet.
fn list_row(
    ws: &mut Worksheet,
    hidden: &mut Worksheet,
    machine: &mut Machine,
    st: &Styles,
    row: RowNum,
    n: usize,
    a: &AwardRow,
) -> Res<()> {
    number(ws, row, 0, n as f64, &st.text_center)?;
    text(ws, row, 1, &a.recipient_name, &st.text)?;
    let place = [a.position.as_str(), a.unit.as_str()]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(", ");
    text(ws, row, 2, &place, &st.text)?;
    text(ws, row, 3, &a.code_name, &st.text)?;
    text(ws, row, 4, &a.decision_number, &st.text_center)?;
    date(ws, row, 5, &a.decision_date, &st.date)?;
    text(ws, row, 6, a.decision_level.label(), &st.text)?;
    text(ws, row, 7, a.award_type.stat_group(), &st.text)?;
    text(ws, row, 8, &a.achievement, &st.text)?;
    text(
        ws,
        row,
        9,
        if a.direct_worker { "x" } else { "" },
        &st.text_center,
    )?;
    number(ws, row, 10, a.amount as f64, &st.number)?;
    fit_row(
        ws,
        row,
        &[
            (&a.recipient_name, LIST_WIDTHS[1]),
            (&place, LIST_WIDTHS[2]),
            (&a.code_name, LIST_WIDTHS[3]),
            (a.decision_level.label(), LIST_WIDTHS[6]),
            (&a.achievement, LIST_WIDTHS[8]),
        ],
    )?;
    let (p, u, h) = a.subject.columns();
    machine.row(
        hidden,
        &[
            (&a.id).into(),
            (&a.decision_id).into(),
            a.recipient_kind.as_str().into(),
            p.into(),
            u.into(),
            h.into(),
            (&a.recipient_name).into(),
            (&a.code).into(),
            match a.award_kind {
                AwardKind::DanhHieu => "danh_hieu",
                AwardKind::HinhThuc => "hinh_thuc",
            }
            .into(),
            (&a.position).into(),
            (&a.unit).into(),
            (&a.achievement).into(),
            a.direct_worker.into(),
            a.amount.into(),
            a.amount_manual.into(),
            ((row + 1) as i64).into(),
        ],
    )
}

/// The hidden sheet's tables of the people and households behind the awards, read from the
/// store as they are written (a large year names 200,000 people).
fn recipient_tables(wb: &mut Workbook, ctx: &mut Ctx) -> Result<()> {
    let err = super::sheet::build_err;
    let (from, to) = (ctx.from.as_str(), ctx.to.as_str());
    // As many as the awards name (each exists: the awards point at them).
    let named = |kind: RecipientKind| -> usize {
        ctx.awards
            .iter()
            .filter(|a| a.recipient_kind == kind)
            .map(|a| a.subject.id())
            .collect::<HashSet<&str>>()
            .len()
    };
    let (persons, households) = (
        named(RecipientKind::CaNhan),
        named(RecipientKind::HoGiaDinh),
    );
    if persons > 0 {
        ctx.machine
            .stream(wb, "persons", PERSON_COLUMNS, persons)
            .map_err(err)?;
        let hidden = ctx.machine.sheet(wb).map_err(err)?;
        let machine = &mut ctx.machine;
        ctx.store.each_person_awarded(from, to, |p| {
            machine
                .row(
                    hidden,
                    &[
                        (&p.id).into(),
                        (&p.full_name).into(),
                        p.gender.as_deref().into(),
                        p.birth_year.map(|y| y as f64).into(),
                        p.unit_id.as_deref().into(),
                        (&p.position).into(),
                        p.position_category.as_str().into(),
                    ],
                )
                .map_err(err)
        })?;
    }
    if households > 0 {
        ctx.machine
            .stream(wb, "households", HOUSEHOLD_COLUMNS, households)
            .map_err(err)?;
        let hidden = ctx.machine.sheet(wb).map_err(err)?;
        let machine = &mut ctx.machine;
        ctx.store.each_household_awarded(from, to, |h| {
            machine
                .row(
                    hidden,
                    &[
                        (&h.id).into(),
                        (&h.head_name).into(),
                        h.unit_id.as_deref().into(),
                        (&h.address).into(),
                    ],
                )
                .map_err(err)
        })?;
    }
    Ok(())
}

const AWARD_COLUMNS: &[&str] = &[
    "id",
    "decision_id",
    "recipient_kind",
    "person_id",
    "unit_id",
    "household_id",
    "recipient_name",
    "code",
    "award_kind",
    "position",
    "unit_name",
    "achievement",
    "direct_worker",
    "amount",
    "amount_manual",
    "sheet_row",
];
const DECISION_COLUMNS: &[&str] = &[
    "id",
    "number",
    "date",
    "level",
    "award_type",
    "year",
    "authority",
    "signer_name",
    "signer_title",
    "movement_id",
];
const PERSON_COLUMNS: &[&str] = &[
    "id",
    "full_name",
    "gender",
    "birth_year",
    "unit_id",
    "position",
    "position_category",
];
const HOUSEHOLD_COLUMNS: &[&str] = &["id", "head_name", "unit_id", "address"];

fn registration_sheet(
    wb: &mut Workbook,
    ctx: &mut Ctx,
    rows: &[crate::registrations::RegistrationRow],
    totals: &[crate::registrations::RegistrationTotal],
) -> Res<()> {
    let ws = wb.add_worksheet();
    ws.set_name(SHEET_REGISTRATIONS)?;
    let st = &ctx.st;
    let columns: ColNum = 7;
    let title = format!("Tổng hợp đăng ký thi đua năm {}", ctx.year);
    let top = title_block(ws, st, &ctx.profile, columns, &title, "", ctx.today)?;
    attached_line(ws, st, columns)?;
    let heads = [
        "STT",
        "Tên tập thể / Họ và tên",
        "Chức vụ, đơn vị",
        "Danh hiệu thi đua đăng ký",
        "Hình thức khen thưởng đăng ký",
        "Chỉ tiêu đăng ký",
        "Ngày đăng ký",
    ];
    for (c, h) in heads.iter().enumerate() {
        text(ws, top, c as ColNum, h, &st.header)?;
    }
    ws.set_row_height(top, 32)?;
    const WIDTHS: [f64; 7] = [6.0, 26.0, 28.0, 26.0, 28.0, 24.0, 12.0];
    widths(ws, &WIDTHS)?;
    let mut row = top + 1;
    let sections = [
        (RecipientKind::TapThe, "I. TẬP THỂ"),
        (RecipientKind::CaNhan, "II. CÁ NHÂN"),
        (RecipientKind::HoGiaDinh, "III. HỘ GIA ĐÌNH"),
    ];
    for (kind, heading) in sections {
        let of_kind: Vec<_> = rows.iter().filter(|r| r.recipient_kind == kind).collect();
        if of_kind.is_empty() && kind == RecipientKind::HoGiaDinh {
            continue;
        }
        span(ws, row, 0, columns - 1, heading, &st.group)?;
        row += 1;
        // One line per recipient: what they registered, titles apart from forms.
        let mut n = 0;
        let mut i = 0;
        while i < of_kind.len() {
            let subject = &of_kind[i].subject;
            let mut j = i;
            while j < of_kind.len() && &of_kind[j].subject == subject {
                j += 1;
            }
            let group = &of_kind[i..j];
            let first = group[0];
            n += 1;
            number(ws, row, 0, n as f64, &st.text_center)?;
            text(ws, row, 1, &first.recipient_name, &st.text)?;
            let place = [first.position.as_str(), first.unit.as_deref().unwrap_or("")]
                .into_iter()
                .filter(|s| !s.is_empty() && *s != first.recipient_name)
                .collect::<Vec<_>>()
                .join(", ");
            text(ws, row, 2, &place, &st.text)?;
            let names = |k: AwardKind| {
                group
                    .iter()
                    .filter(|r| r.award_kind == k)
                    .map(|r| r.code_name.as_str())
                    .collect::<Vec<_>>()
                    .join("; ")
            };
            text(ws, row, 3, &names(AwardKind::DanhHieu), &st.text)?;
            text(ws, row, 4, &names(AwardKind::HinhThuc), &st.text)?;
            let targets = group
                .iter()
                .map(|r| r.targets.as_str())
                .filter(|t| !t.is_empty())
                .collect::<Vec<_>>()
                .join("; ");
            text(ws, row, 5, &targets, &st.text)?;
            let (titles, forms) = (names(AwardKind::DanhHieu), names(AwardKind::HinhThuc));
            fit_row(
                ws,
                row,
                &[
                    (&first.recipient_name, WIDTHS[1]),
                    (&place, WIDTHS[2]),
                    (&titles, WIDTHS[3]),
                    (&forms, WIDTHS[4]),
                    (&targets, WIDTHS[5]),
                ],
            )?;
            match first.registered_on.as_deref() {
                Some(d) => date(ws, row, 6, d, &st.date)?,
                None => text(ws, row, 6, "", &st.text)?,
            }
            for r in group {
                let (p, u, h) = r.subject.columns();
                ctx.machine
                    .table("registrations", REGISTRATION_COLUMNS)
                    .push(vec![
                        (&r.id).into(),
                        (r.year as i64).into(),
                        r.recipient_kind.as_str().into(),
                        p.into(),
                        u.into(),
                        h.into(),
                        (&r.code).into(),
                        (&r.targets).into(),
                        r.registered_on.as_deref().into(),
                        ((row + 1) as i64).into(),
                    ]);
            }
            row += 1;
            i = j;
        }
    }
    print_setup(ws, true, Some((top, top)), 0)?;

    // Totals per title and form.
    row += 1;
    span(
        ws,
        row,
        0,
        columns - 1,
        "TỔNG HỢP SỐ ĐĂNG KÝ THEO DANH HIỆU, HÌNH THỨC",
        &st.group,
    )?;
    row += 1;
    for (c, h) in [
        "STT",
        "Danh hiệu / hình thức",
        "Loại",
        "Tập thể",
        "Cá nhân",
        "Hộ gia đình",
        "Cộng",
    ]
    .iter()
    .enumerate()
    {
        text(ws, row, c as ColNum, h, &st.header)?;
    }
    row += 1;
    let mut order: Vec<(&str, &str, AwardKind)> = Vec::new();
    for t in totals {
        if !order.iter().any(|(c, _, _)| *c == t.code) {
            order.push((&t.code, &t.code_name, t.award_kind));
        }
    }
    for (i, (code, name, kind)) in order.iter().enumerate() {
        number(ws, row, 0, (i + 1) as f64, &st.text_center)?;
        text(ws, row, 1, name, &st.text)?;
        text(ws, row, 2, kind.label(), &st.text)?;
        let mut sum = 0;
        for (c, k) in KINDS.iter().enumerate() {
            let n = totals
                .iter()
                .filter(|t| t.code == *code && t.recipient_kind == *k)
                .map(|t| t.count as i64)
                .sum::<i64>();
            sum += n;
            count(ws, row, 3 + c as ColNum, n, &st.number)?;
        }
        number(ws, row, 6, sum as f64, &st.total_number)?;
        row += 1;
    }
    sign_off(ws, st, &ctx.profile, row, columns)?;
    Ok(())
}

const REGISTRATION_COLUMNS: &[&str] = &[
    "id",
    "year",
    "recipient_kind",
    "person_id",
    "unit_id",
    "household_id",
    "code",
    "targets",
    "registered_on",
    "sheet_row",
];

fn score_sheet(wb: &mut Workbook, ctx: &mut Ctx, scores: &[crate::scoring::ScoreRow]) -> Res<()> {
    let ws = wb.add_worksheet();
    ws.set_name(SHEET_SCORES)?;
    let st = &ctx.st;
    let columns: ColNum = 9;
    let title = format!("Kết quả chấm điểm, xếp hạng khối thi đua năm {}", ctx.year);
    let top = title_block(ws, st, &ctx.profile, columns, &title, "", ctx.today)?;
    attached_line(ws, st, columns)?;
    for (c, h) in [
        "STT",
        "Đơn vị",
        "Vai trò",
        "Tự chấm",
        "Khối chấm",
        "Hội đồng",
        "Xếp hạng",
        "Đề nghị",
        "Ghi chú",
    ]
    .iter()
    .enumerate()
    {
        text(ws, top, c as ColNum, h, &st.header)?;
    }
    const WIDTHS: [f64; 9] = [6.0, 32.0, 12.0, 10.0, 10.0, 10.0, 9.0, 30.0, 24.0];
    widths(ws, &WIDTHS)?;
    let mut row = top + 1;
    let mut block_no = 0;
    let mut n = 0;
    let mut current: Option<&str> = None;
    if scores.is_empty() {
        span(
            ws,
            row,
            0,
            columns - 1,
            &format!("Năm {} chưa có kết quả chấm điểm khối thi đua.", ctx.year),
            &st.text,
        )?;
    }
    for s in scores {
        if current != Some(s.block_id.as_str()) {
            block_no += 1;
            n = 0;
            current = Some(&s.block_id);
            span(
                ws,
                row,
                0,
                columns - 1,
                &format!("{}. {}", roman(block_no), s.block),
                &st.group,
            )?;
            row += 1;
        }
        n += 1;
        let r = &s.result;
        number(ws, row, 0, n as f64, &st.text_center)?;
        text(ws, row, 1, &r.unit, &st.text)?;
        text(ws, row, 2, r.role.label(), &st.text)?;
        for (c, v) in [(3, r.self_score), (4, r.block_score), (5, r.council_score)] {
            match v {
                Some(p) => number(ws, row, c, p, &st.decimal)?,
                None => text(ws, row, c, "", &st.text)?,
            }
        }
        match r.rank {
            Some(k) => number(ws, row, 6, k as f64, &st.text_center)?,
            None => text(ws, row, 6, "", &st.text)?,
        }
        text(ws, row, 7, &r.proposal, &st.text)?;
        let note = [r.tie_note.as_deref().unwrap_or(""), r.note.as_str()]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join("; ");
        text(ws, row, 8, &note, &st.text)?;
        fit_row(
            ws,
            row,
            &[
                (&r.unit, WIDTHS[1]),
                (&r.proposal, WIDTHS[7]),
                (&note, WIDTHS[8]),
            ],
        )?;
        ctx.machine.table("scores", SCORE_COLUMNS).push(vec![
            (&s.block_id).into(),
            (&s.block).into(),
            (&r.unit_id).into(),
            (&r.unit_code).into(),
            r.role.as_str().into(),
            r.self_score.into(),
            r.block_score.into(),
            r.council_score.into(),
            r.final_score.into(),
            r.rank.map(|k| k as f64).into(),
            (&r.proposal).into(),
            ((row + 1) as i64).into(),
        ]);
        row += 1;
    }
    sign_off(ws, st, &ctx.profile, row, columns)?;
    print_setup(ws, true, Some((top, top)), 0)?;
    Ok(())
}

const SCORE_COLUMNS: &[&str] = &[
    "block_id",
    "block",
    "unit_id",
    "unit_code",
    "role",
    "self_score",
    "block_score",
    "council_score",
    "final_score",
    "rank",
    "proposal",
    "sheet_row",
];

/// The figures the narrative report quotes, in small tables one under another.
fn figures_sheet(wb: &mut Workbook, ctx: &Ctx) -> Res<()> {
    let ws = wb.add_worksheet();
    ws.set_name(SHEET_FIGURES)?;
    let st = &ctx.st;
    let columns: ColNum = 7;
    let title = format!(
        "Số liệu sơ kết, tổng kết công tác thi đua, khen thưởng {}",
        ctx.period_name()
    );
    let mut row = title_block(
        ws,
        st,
        &ctx.profile,
        columns,
        &title,
        &ctx.period_line(),
        ctx.today,
    )?;
    attached_line(ws, st, columns)?;
    widths(ws, &[44.0, 13.0, 13.0, 13.0, 13.0, 13.0, 13.0])?;
    let cur = &ctx.stats.current;
    let prev = &ctx.stats.previous;
    let heading = |ws: &mut rust_xlsxwriter::Worksheet, row: RowNum, s: &str| -> Res<()> {
        span(ws, row, 0, columns - 1, s, &st.group)
    };
    let heads = |ws: &mut rust_xlsxwriter::Worksheet, row: RowNum, hs: &[&str]| -> Res<()> {
        for (c, h) in hs.iter().enumerate() {
            text(ws, row, c as ColNum, h, &st.header)?;
        }
        Ok(())
    };

    heading(
        ws,
        row,
        "1. Khen thưởng trong kỳ theo cấp quyết định và hình thức",
    )?;
    row += 1;
    header_box(ws, (row, 0), (row + 1, 0), "Cấp quyết định", &st.header)?;
    header_box(ws, (row, 1), (row, 3), "Danh hiệu thi đua", &st.header)?;
    header_box(ws, (row, 4), (row, 6), "Hình thức khen thưởng", &st.header)?;
    row += 1;
    for (c, h) in ["Tập thể", "Cá nhân", "Hộ gia đình"].iter().enumerate() {
        text(ws, row, 1 + c as ColNum, h, &st.header)?;
        text(ws, row, 4 + c as ColNum, h, &st.header)?;
    }
    row += 1;
    let triple = |rc: &RecipientCounts| [rc.tap_the, rc.ca_nhan, rc.ho_gia_dinh];
    for l in &cur.by_level {
        text(ws, row, 0, &l.label, &st.text)?;
        for (c, n) in triple(&l.danh_hieu)
            .into_iter()
            .chain(triple(&l.hinh_thuc))
            .enumerate()
        {
            number(ws, row, 1 + c as ColNum, n as f64, &st.number)?;
        }
        row += 1;
    }
    text(ws, row, 0, "Tổng cộng", &st.total_text)?;
    for (c, n) in triple(&cur.danh_hieu)
        .into_iter()
        .chain(triple(&cur.hinh_thuc))
        .enumerate()
    {
        number(ws, row, 1 + c as ColNum, n as f64, &st.total_number)?;
    }
    row += 2;

    heading(ws, row, "2. So sánh với cùng kỳ năm trước")?;
    row += 1;
    heads(
        ws,
        row,
        &[
            "Chỉ tiêu",
            "Kỳ này",
            "Cùng kỳ năm trước",
            "Tăng (+), giảm (-)",
        ],
    )?;
    row += 1;
    let lines: [(&str, f64, f64, &rust_xlsxwriter::Format); 11] = [
        (
            "Số quyết định khen thưởng",
            cur.decisions as f64,
            prev.decisions as f64,
            &st.number,
        ),
        (
            "Danh hiệu thi đua: tập thể",
            cur.danh_hieu.tap_the as f64,
            prev.danh_hieu.tap_the as f64,
            &st.number,
        ),
        (
            "Danh hiệu thi đua: cá nhân",
            cur.danh_hieu.ca_nhan as f64,
            prev.danh_hieu.ca_nhan as f64,
            &st.number,
        ),
        (
            "Danh hiệu thi đua: hộ gia đình",
            cur.danh_hieu.ho_gia_dinh as f64,
            prev.danh_hieu.ho_gia_dinh as f64,
            &st.number,
        ),
        (
            "Hình thức khen thưởng: tập thể",
            cur.hinh_thuc.tap_the as f64,
            prev.hinh_thuc.tap_the as f64,
            &st.number,
        ),
        (
            "Hình thức khen thưởng: cá nhân",
            cur.hinh_thuc.ca_nhan as f64,
            prev.hinh_thuc.ca_nhan as f64,
            &st.number,
        ),
        (
            "Hình thức khen thưởng: hộ gia đình",
            cur.hinh_thuc.ho_gia_dinh as f64,
            prev.hinh_thuc.ho_gia_dinh as f64,
            &st.number,
        ),
        (
            "Lượt khen thưởng cá nhân",
            cur.individuals as f64,
            prev.individuals as f64,
            &st.number,
        ),
        (
            "Trong đó người lao động trực tiếp",
            cur.direct_workers as f64,
            prev.direct_workers as f64,
            &st.number,
        ),
        (
            "Tỷ lệ người lao động trực tiếp (%)",
            cur.direct_worker_ratio,
            prev.direct_worker_ratio,
            &st.decimal,
        ),
        (
            "Tổng tiền thưởng (đồng)",
            cur.total_amount as f64,
            prev.total_amount as f64,
            &st.number,
        ),
    ];
    for (label, now, before, f) in lines {
        text(ws, row, 0, label, &st.text)?;
        number(ws, row, 1, now, f)?;
        number(ws, row, 2, before, f)?;
        number(ws, row, 3, now - before, f)?;
        row += 1;
    }
    row += 1;

    heading(ws, row, "3. Theo loại hình khen thưởng")?;
    row += 1;
    heads(ws, row, &["Loại hình", "Kỳ này", "Cùng kỳ năm trước"])?;
    row += 1;
    let groups: Vec<&str> = cur
        .by_award_type
        .iter()
        .chain(prev.by_award_type.iter())
        .map(|(g, _)| g.as_str())
        .fold(Vec::new(), |mut v, g| {
            if !v.contains(&g) {
                v.push(g);
            }
            v
        });
    let find =
        |list: &[(String, i64)], g: &str| list.iter().find(|(x, _)| x == g).map_or(0, |(_, n)| *n);
    for g in groups {
        text(ws, row, 0, g, &st.text)?;
        number(ws, row, 1, find(&cur.by_award_type, g) as f64, &st.number)?;
        number(ws, row, 2, find(&prev.by_award_type, g) as f64, &st.number)?;
        row += 1;
    }
    row += 1;

    heading(ws, row, "4. Theo danh hiệu thi đua, hình thức khen thưởng")?;
    row += 1;
    heads(
        ws,
        row,
        &[
            "Danh hiệu / hình thức",
            "Đối tượng",
            "Số lượng",
            "Số tiền (đồng)",
        ],
    )?;
    row += 1;
    for kind in [AwardKind::DanhHieu, AwardKind::HinhThuc] {
        for c in cur.by_code.iter().filter(|c| c.award_kind == kind) {
            text(ws, row, 0, &c.name, &st.text)?;
            text(ws, row, 1, c.recipient_kind.label(), &st.text)?;
            number(ws, row, 2, c.count as f64, &st.number)?;
            number(ws, row, 3, c.amount as f64, &st.number)?;
            row += 1;
        }
    }
    row += 1;

    heading(
        ws,
        row,
        &format!("5. Đăng ký thi đua và kết quả năm {}", ctx.year),
    )?;
    row += 1;
    heads(
        ws,
        row,
        &["Danh hiệu / hình thức", "Đăng ký", "Đạt", "Tỷ lệ (%)"],
    )?;
    row += 1;
    for r in &ctx.stats.vs_registrations {
        text(ws, row, 0, &r.name, &st.text)?;
        number(ws, row, 1, r.registered as f64, &st.number)?;
        number(ws, row, 2, r.achieved as f64, &st.number)?;
        if r.registered > 0 {
            let pct = (r.achieved as f64 * 1000.0 / r.registered as f64).round() / 10.0;
            number(ws, row, 3, pct, &st.decimal)?;
        } else {
            text(ws, row, 3, "", &st.text)?;
        }
        row += 1;
    }
    sign_off(ws, st, &ctx.profile, row, columns)?;
    print_setup(ws, false, None, 0)?;
    Ok(())
}
