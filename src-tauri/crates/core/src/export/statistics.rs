//! The national statistics tables 0601–0603 (Thông tư 02/2023/TT-BNV, forms.md §2).
//!
//! Thông tư 18/2025/TT-BNV replaced that regime and its tables were not available, so each
//! layout is data: a [`StatTable`] lists its columns and rows with their labels and what each
//! counts. Changing a table is editing these lists; the writer below knows no table.

use super::rollup::Ctx;
use super::sheet::{
    attached_line, fit_row, header_box, number, print_setup, sign_off, span, text, title_block,
    widths, Res,
};
use crate::decisions::CountedAward;
use crate::movements::{LaunchColumn, MovementStats};
use crate::persons::PositionCategory;
use crate::rules::CatalogItem;
use crate::subjects::{RecipientKind, Subject};
use crate::units::UnitKind;
use rust_xlsxwriter::{ColNum, RowNum, Workbook};
use std::collections::HashMap;

/// One statistics table as printed.
#[derive(Debug, Clone)]
pub struct StatTable {
    pub sheet: &'static str,
    /// "Biểu số 0602.N/BNV-TĐKT".
    pub form: &'static str,
    pub title: &'static str,
    /// "Đơn vị tính: …".
    pub unit: &'static str,
    pub columns: Vec<StatColumn>,
    pub rows: Vec<StatRow>,
}

/// A numbered column. Adjacent columns with the same `label` and a `sub` label (Tập thể,
/// Cá nhân) are printed under one merged heading.
#[derive(Debug, Clone)]
pub struct StatColumn {
    /// The column number printed under the heading: "1", "2" …
    pub number: &'static str,
    pub label: &'static str,
    pub sub: &'static str,
    pub cell: AwardCell,
}

/// What a column counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AwardCell {
    /// Biểu 0601: every movement of the row.
    Movements,
    /// Biểu 0601: the movements launched at this level.
    MovementsBy(LaunchColumn),
    /// Every award the table counts (catalog `stat_table` equal to the table's).
    Awards,
    /// The awards of the catalog items with this `stat_column`, of one kind of recipient or
    /// of all.
    AwardsIn(i64, Option<RecipientKind>),
}

#[derive(Debug, Clone)]
pub struct StatRow {
    /// "01" … as numbered on the form.
    pub code: &'static str,
    pub label: &'static str,
    /// 0 for a heading row, 1 for its parts, 2 for "trong đó".
    pub indent: u8,
    pub select: RowSelect,
}

/// Which records a row counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowSelect {
    /// Biểu 0601: the row of `Store::movement_stats` with the same code.
    MovementRow,
    All,
    Recipient(RecipientKind),
    /// Collectives that are enterprises (unit kind doanh nghiệp).
    Enterprise,
    /// Individuals of this position category (persons.position_category).
    Position(PositionCategory),
    /// Loại hình group (`AwardType::stat_group`).
    AwardGroup(&'static str),
}

fn col(
    number: &'static str,
    label: &'static str,
    sub: &'static str,
    cell: AwardCell,
) -> StatColumn {
    StatColumn {
        number,
        label,
        sub,
        cell,
    }
}

fn row(code: &'static str, label: &'static str, indent: u8, select: RowSelect) -> StatRow {
    StatRow {
        code,
        label,
        indent,
        select,
    }
}

/// Biểu 0601.N: số phong trào thi đua.
pub fn table_0601() -> StatTable {
    use AwardCell::*;
    use RowSelect::MovementRow as M;
    StatTable {
        sheet: "Biểu 0601",
        form: "Biểu số 0601.N/BNV-TĐKT",
        title: "Số phong trào thi đua",
        unit: "Đơn vị tính: Phong trào",
        columns: vec![
            col("1", "Tổng số", "", Movements),
            col(
                "2",
                "Cấp Trung ương",
                "",
                MovementsBy(LaunchColumn::TrungUong),
            ),
            col(
                "3",
                "Cấp bộ, ban, ngành, đoàn thể Trung ương, tỉnh",
                "",
                MovementsBy(LaunchColumn::BoTinh),
            ),
            col(
                "4",
                "Cơ quan, tổ chức, đơn vị",
                "",
                MovementsBy(LaunchColumn::CoQuanDonVi),
            ),
        ],
        rows: vec![
            row("01", "Tổng số", 0, M),
            row("", "Chia theo phạm vi", 0, RowSelect::All),
            row("02", "Toàn quốc", 1, M),
            row("03", "Bộ, ban, ngành, địa phương", 1, M),
            row("04", "Cụm, khối thi đua", 1, M),
            row("05", "Cơ quan, tổ chức, đơn vị", 1, M),
            row("", "Chia theo thời gian", 0, RowSelect::All),
            row("06", "Dưới 1 năm", 1, M),
            row("07", "1 năm", 1, M),
            row("08", "Từ 1 đến dưới 3 năm", 1, M),
            row("09", "Từ 3 đến dưới 5 năm", 1, M),
            row("10", "Từ 5 năm trở lên", 1, M),
            row("", "Chia theo hình thức", 0, RowSelect::All),
            row("11", "Chuyên đề", 1, M),
            row("12", "Thường xuyên hàng năm", 1, M),
        ],
    }
}

/// Rows 01–17 shared by 0602 and 0603.
fn award_rows() -> Vec<StatRow> {
    use RowSelect::*;
    vec![
        row("01", "Tổng số", 0, All),
        row("", "Chia theo đối tượng", 0, All),
        row("02", "Tập thể", 1, Recipient(RecipientKind::TapThe)),
        row("03", "Trong đó: Doanh nghiệp", 2, Enterprise),
        row("04", "Hộ gia đình", 1, Recipient(RecipientKind::HoGiaDinh)),
        row("05", "Cá nhân", 1, Recipient(RecipientKind::CaNhan)),
        row(
            "06",
            "Lãnh đạo cấp bộ, cấp tỉnh trở lên",
            2,
            Position(PositionCategory::LanhDaoTinh),
        ),
        row(
            "07",
            "Lãnh đạo cấp vụ, sở, ngành",
            2,
            Position(PositionCategory::LanhDaoSo),
        ),
        row("08", "Doanh nhân", 2, Position(PositionCategory::DoanhNhan)),
        row(
            "09",
            "Lãnh đạo khác từ phó phòng trở lên",
            2,
            Position(PositionCategory::LanhDaoKhac),
        ),
        row(
            "10",
            "Người trực tiếp công tác, lao động, học tập, chiến đấu (công nhân, nông dân, …)",
            2,
            Position(PositionCategory::TrucTiep),
        ),
        row("", "Chia theo hình thức khen thưởng", 0, All),
        row("11", "Thường xuyên", 1, AwardGroup("Thường xuyên")),
        row("12", "Chuyên đề", 1, AwardGroup("Chuyên đề")),
        row("13", "Đột xuất", 1, AwardGroup("Đột xuất")),
        row("14", "Đối ngoại", 1, AwardGroup("Đối ngoại")),
        row("15", "Cống hiến", 1, AwardGroup("Cống hiến")),
        row("16", "Niên hạn", 1, AwardGroup("Niên hạn")),
        row("17", "Kháng chiến", 1, AwardGroup("Kháng chiến")),
    ]
}

/// Biểu 0602.N: số lượng khen thưởng cấp Nhà nước.
pub fn table_0602() -> StatTable {
    use AwardCell::*;
    use RecipientKind::{CaNhan, TapThe};
    StatTable {
        sheet: "Biểu 0602",
        form: "Biểu số 0602.N/BNV-TĐKT",
        title: "Số lượng khen thưởng cấp Nhà nước",
        unit: "Đơn vị tính: Lượt tập thể, hộ gia đình, cá nhân",
        columns: vec![
            col("1", "Tổng số", "", Awards),
            col(
                "2",
                "Huân chương, huy chương",
                "Tập thể",
                AwardsIn(2, Some(TapThe)),
            ),
            col(
                "3",
                "Huân chương, huy chương",
                "Cá nhân",
                AwardsIn(2, Some(CaNhan)),
            ),
            col("4", "Giải thưởng Hồ Chí Minh", "", AwardsIn(3, None)),
            col("5", "Giải thưởng Nhà nước", "", AwardsIn(4, None)),
            col(
                "6",
                "Danh hiệu vinh dự nhà nước",
                "Tập thể",
                AwardsIn(5, Some(TapThe)),
            ),
            col(
                "7",
                "Danh hiệu vinh dự nhà nước",
                "Cá nhân",
                AwardsIn(5, Some(CaNhan)),
            ),
            col("8", "Cờ thi đua của Chính phủ", "", AwardsIn(6, None)),
            col(
                "9",
                "Bằng khen của Thủ tướng Chính phủ",
                "Tập thể",
                AwardsIn(7, Some(TapThe)),
            ),
            col(
                "10",
                "Bằng khen của Thủ tướng Chính phủ",
                "Cá nhân",
                AwardsIn(7, Some(CaNhan)),
            ),
            col("11", "Chiến sĩ thi đua toàn quốc", "", AwardsIn(8, None)),
            col("12", "Hình thức khác", "", AwardsIn(9, None)),
        ],
        rows: award_rows(),
    }
}

/// Biểu 0603.N: số lượng khen thưởng cấp bộ, ban, ngành, đoàn thể Trung ương và tỉnh.
pub fn table_0603() -> StatTable {
    use AwardCell::*;
    StatTable {
        sheet: "Biểu 0603",
        form: "Biểu số 0603.N/BNV-TĐKT",
        title: "Số lượng khen thưởng cấp bộ, ban, ngành, đoàn thể Trung ương và tỉnh",
        unit: "Đơn vị tính: Lượt tập thể, hộ gia đình, cá nhân",
        columns: vec![
            col("1", "Tổng số", "", Awards),
            col("2", "Bằng khen", "", AwardsIn(2, None)),
            col(
                "3",
                "Chiến sĩ thi đua cấp bộ, cấp tỉnh",
                "",
                AwardsIn(3, None),
            ),
            col("4", "Cờ thi đua", "", AwardsIn(4, None)),
            col("5", "Kỷ niệm chương", "", AwardsIn(5, None)),
        ],
        rows: award_rows(),
    }
}

/// The statistics table (0602, 0603) that counts an award, by the catalog.
fn counted_in<'a>(
    catalog: &'a HashMap<&str, &CatalogItem>,
    a: &CountedAward,
) -> Option<&'a CatalogItem> {
    catalog.get(a.code.as_str()).copied()
}

fn row_matches(ctx: &Ctx, select: RowSelect, a: &CountedAward) -> bool {
    match select {
        RowSelect::All | RowSelect::MovementRow => true,
        RowSelect::Recipient(k) => a.recipient_kind == k,
        RowSelect::Enterprise => match &a.subject {
            Subject::Unit(id) => ctx
                .units
                .get(id)
                .is_some_and(|u| u.kind == UnitKind::DoanhNghiep),
            _ => false,
        },
        RowSelect::Position(p) => a.position_category == Some(p),
        RowSelect::AwardGroup(g) => a.award_type.stat_group() == g,
    }
}

/// The value of one cell of a table.
pub(crate) fn value(
    ctx: &Ctx,
    table: &str,
    catalog: &HashMap<&str, &CatalogItem>,
    movements: &MovementStats,
    r: &StatRow,
    c: &StatColumn,
) -> Option<i64> {
    if r.code.is_empty() {
        return None;
    }
    if let RowSelect::MovementRow = r.select {
        let m = movements.row(r.code)?;
        return Some(i64::from(match c.cell {
            AwardCell::MovementsBy(LaunchColumn::TrungUong) => m.trung_uong,
            AwardCell::MovementsBy(LaunchColumn::BoTinh) => m.bo_tinh,
            AwardCell::MovementsBy(LaunchColumn::CoQuanDonVi) => m.co_quan_don_vi,
            _ => m.total,
        }));
    }
    // Every call of one roll-up or report passes the same catalog.
    let index = ctx.stat_awards.get_or_init(|| {
        let mut index: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, a) in ctx.awards.iter().enumerate() {
            if let Some(item) = counted_in(catalog, a) {
                index.entry(item.stat_table.clone()).or_default().push(i);
            }
        }
        index
    });
    let n = index
        .get(table)
        .map_or(&[][..], Vec::as_slice)
        .iter()
        .filter_map(|i| ctx.awards.get(*i))
        .filter(|a| {
            counted_in(catalog, a).is_some_and(|item| {
                item.stat_table == table
                    && match c.cell {
                        AwardCell::AwardsIn(column, kind) => {
                            item.stat_column == Some(column)
                                && kind.is_none_or(|k| a.recipient_kind == k)
                        }
                        _ => true,
                    }
            })
        })
        .filter(|a| row_matches(ctx, r.select, a))
        .count();
    Some(n as i64)
}

pub(crate) fn write_all(
    wb: &mut Workbook,
    ctx: &Ctx,
    catalog: &[CatalogItem],
    movements: &MovementStats,
) -> Res<()> {
    let by_code: HashMap<&str, &CatalogItem> =
        catalog.iter().map(|c| (c.code.as_str(), c)).collect();
    for (id, table) in [
        ("0601", table_0601()),
        ("0602", table_0602()),
        ("0603", table_0603()),
    ] {
        write_table(wb, ctx, id, &table, &by_code, movements)?;
    }
    Ok(())
}

fn write_table(
    wb: &mut Workbook,
    ctx: &Ctx,
    id: &str,
    table: &StatTable,
    catalog: &HashMap<&str, &CatalogItem>,
    movements: &MovementStats,
) -> Res<()> {
    let st = &ctx.st;
    let ws = wb.add_worksheet();
    ws.set_name(table.sheet)?;
    let columns = 2 + table.columns.len() as ColNum;
    // Movements are counted by year (those running in it); awards by the period.
    let period = if id == "0601" {
        format!("Năm {}", ctx.year)
    } else {
        ctx.period_line()
    };
    let top = title_block(
        ws,
        st,
        &ctx.profile,
        columns,
        table.title,
        &period,
        ctx.today,
    )?;
    attached_line(ws, st, columns)?;
    span(
        ws,
        3,
        0,
        columns - 1,
        &format!("{} — {}", table.form, table.unit),
        &st.subtitle,
    )?;
    let (h0, h1, h2) = (top, top + 1, top + 2);
    header_box(ws, (h0, 0), (h1, 0), "Chỉ tiêu", &st.header)?;
    header_box(ws, (h0, 1), (h1, 1), "Mã số", &st.header)?;
    text(ws, h2, 0, "A", &st.header)?;
    text(ws, h2, 1, "B", &st.header)?;
    let mut i = 0;
    while i < table.columns.len() {
        let c = &table.columns[i];
        let first = 2 + i as ColNum;
        if c.sub.is_empty() {
            header_box(ws, (h0, first), (h1, first), c.label, &st.header)?;
            i += 1;
        } else {
            let mut j = i;
            while j < table.columns.len()
                && table.columns[j].label == c.label
                && !table.columns[j].sub.is_empty()
            {
                text(ws, h1, 2 + j as ColNum, table.columns[j].sub, &st.header)?;
                j += 1;
            }
            header_box(ws, (h0, first), (h0, 1 + j as ColNum), c.label, &st.header)?;
            i = j;
        }
    }
    for (k, c) in table.columns.iter().enumerate() {
        text(ws, h2, 2 + k as ColNum, c.number, &st.header)?;
    }
    ws.set_row_height(h0, 48)?;
    let mut w = vec![44.0, 7.0];
    w.extend(std::iter::repeat_n(
        if table.columns.len() > 6 { 10.0 } else { 14.0 },
        table.columns.len(),
    ));
    widths(ws, &w)?;
    for (r, row) in (h2 + 1..).zip(table.rows.iter()) {
        let label = format!("{}{}", "    ".repeat(row.indent as usize), row.label);
        let f = if row.indent == 0 { &st.group } else { &st.text };
        text(ws, r, 0, &label, f)?;
        fit_row(ws, r, &[(&label, 44.0)])?;
        text(ws, r, 1, row.code, &st.text_center)?;
        for (k, c) in table.columns.iter().enumerate() {
            let col = 2 + k as ColNum;
            match value(ctx, id, catalog, movements, row, c) {
                Some(n) => number(ws, r, col, n as f64, &st.number)?,
                None => text(ws, r, col, "", &st.text)?,
            }
        }
    }
    sign_off(
        ws,
        st,
        &ctx.profile,
        h2 + table.rows.len() as RowNum,
        columns,
    )?;
    print_setup(ws, table.columns.len() > 6, Some((h0, h2)), 2)?;
    Ok(())
}
