//! What every exported sheet shares: the formats (Times New Roman, NĐ 30/2020), the official
//! title block, the print setup, and cell writers that never turn user text into a formula.
//!
//! Number format: the file stores `#,##0`, Excel's locale-neutral code in which `,` means
//! "the thousands separator of the reader's locale". A Vietnamese Windows/Excel (vi-VN, "."
//! as thousands separator) therefore shows 1.234.567, an English one 1,234,567; writing a
//! literal `#.##0` would instead be read as a decimal point by every locale. Dates are real
//! Excel dates shown `dd/mm/yyyy`.

use crate::error::Error;
use crate::profile::OfficeProfile;
use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{
    ColNum, ExcelDateTime, Format, FormatAlign, FormatBorder, FormatUnderline, RowNum, Worksheet,
    XlsxError,
};

pub(crate) const FONT: &str = "Times New Roman";
pub(crate) const NUMBER: &str = "#,##0";
pub(crate) const DATE: &str = "dd/mm/yyyy";

/// A writer error can only come from a programming slip (an overlapping merge, a name too
/// long) or from memory: reported as a fault of the program, never as the user's.
pub(crate) fn build_err(e: XlsxError) -> Error {
    Error::io("workbook", std::io::Error::other(e.to_string()))
}

pub(crate) type Res<T> = std::result::Result<T, XlsxError>;

/// The cell formats of one workbook.
pub(crate) struct Styles {
    pub authority: Format,
    pub office: Format,
    pub nation: Format,
    pub motto: Format,
    pub place_date: Format,
    pub title: Format,
    pub subtitle: Format,
    pub header: Format,
    pub text: Format,
    pub text_center: Format,
    pub number: Format,
    pub decimal: Format,
    pub date: Format,
    pub group: Format,
    pub total_text: Format,
    pub total_number: Format,
    pub note: Format,
    /// Unlocked body cells of the templates (the only cells a protected sheet lets one edit).
    pub input_text: Format,
    pub input_number: Format,
    pub input_date: Format,
}

fn base(size: u16) -> Format {
    Format::new()
        .set_font_name(FONT)
        .set_font_size(size)
        .set_align(FormatAlign::VerticalCenter)
}

fn cell(size: u16) -> Format {
    base(size).set_border(FormatBorder::Thin).set_text_wrap()
}

impl Styles {
    pub fn new() -> Styles {
        let centre = |f: Format| f.set_align(FormatAlign::Center);
        Styles {
            authority: centre(base(12)),
            office: centre(base(12).set_bold()),
            nation: centre(base(12).set_bold()),
            motto: centre(base(13).set_bold().set_underline(FormatUnderline::Single)),
            place_date: centre(base(13).set_italic()),
            title: centre(base(14).set_bold().set_text_wrap()),
            subtitle: centre(base(13).set_italic()),
            header: centre(cell(12).set_bold()),
            text: cell(12),
            text_center: centre(cell(12)),
            number: cell(12).set_num_format(NUMBER),
            decimal: cell(12).set_num_format("0.0"),
            date: centre(cell(12).set_num_format(DATE)),
            group: cell(12).set_bold(),
            total_text: centre(cell(12).set_bold()),
            total_number: cell(12).set_bold().set_num_format(NUMBER),
            note: base(12).set_text_wrap(),
            input_text: cell(12).set_unlocked(),
            input_number: cell(12).set_num_format(NUMBER).set_unlocked(),
            input_date: centre(cell(12).set_num_format(DATE).set_unlocked()),
        }
    }
}

/// Writes text as text: `write_string` never interprets `=`, `+`, `-` or `@`, so a unit
/// named "=SUM(A1)" stays a name and never becomes a formula.
pub(crate) fn text(ws: &mut Worksheet, row: RowNum, col: ColNum, s: &str, f: &Format) -> Res<()> {
    ws.write_string_with_format(row, col, s, f)?;
    Ok(())
}

pub(crate) fn number(ws: &mut Worksheet, row: RowNum, col: ColNum, n: f64, f: &Format) -> Res<()> {
    ws.write_number_with_format(row, col, n, f)?;
    Ok(())
}

/// A count in a body row: blank when zero so the clerk's eye finds the figures.
pub(crate) fn count(ws: &mut Worksheet, row: RowNum, col: ColNum, n: i64, f: &Format) -> Res<()> {
    if n == 0 {
        ws.write_blank(row, col, f)?;
    } else {
        ws.write_number_with_format(row, col, n as f64, f)?;
    }
    Ok(())
}

/// An ISO date (YYYY-MM-DD) as a real Excel date; anything else is kept as text.
pub(crate) fn date(ws: &mut Worksheet, row: RowNum, col: ColNum, iso: &str, f: &Format) -> Res<()> {
    match NaiveDate::parse_from_str(iso, "%Y-%m-%d") {
        Ok(d) => {
            let dt = ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8)?;
            ws.write_datetime_with_format(row, col, &dt, f)?;
        }
        Err(_) => text(ws, row, col, iso, f)?,
    }
    Ok(())
}

/// Text across columns `first..=last` of one row (a single cell needs no merge).
pub(crate) fn span(
    ws: &mut Worksheet,
    row: RowNum,
    first: ColNum,
    last: ColNum,
    s: &str,
    f: &Format,
) -> Res<()> {
    if last > first {
        ws.merge_range(row, first, row, last, s, f)?;
    } else {
        text(ws, row, first, s, f)?;
    }
    Ok(())
}

/// A header cell over rows `top..=bottom` and columns `first..=last`.
pub(crate) fn header_box(
    ws: &mut Worksheet,
    (top, first): (RowNum, ColNum),
    (bottom, last): (RowNum, ColNum),
    s: &str,
    f: &Format,
) -> Res<()> {
    if bottom > top || last > first {
        ws.merge_range(top, first, bottom, last, s, f)?;
    } else {
        text(ws, top, first, s, f)?;
    }
    Ok(())
}

/// "An Bình, ngày 05 tháng 7 năm 2026" (NĐ 30: day with two digits; months 1 and 2 with a
/// leading zero, the others without).
pub(crate) fn place_date_line(place: &str, day: NaiveDate) -> String {
    let month = day.month();
    let month = if month <= 2 {
        format!("{month:02}")
    } else {
        month.to_string()
    };
    let place = if place.is_empty() { "......" } else { place };
    format!(
        "{place}, ngày {:02} tháng {month} năm {}",
        day.day(),
        day.year()
    )
}

/// The official heading (NĐ 30/2020): authority on the left, national name and motto on the
/// right, the place-and-date line, then the title in capitals and the period line, across
/// `columns` columns. Returns the first free row.
pub(crate) fn title_block(
    ws: &mut Worksheet,
    st: &Styles,
    profile: &OfficeProfile,
    columns: ColNum,
    title: &str,
    subtitle: &str,
    today: NaiveDate,
) -> Res<RowNum> {
    let last = columns.max(2) - 1;
    // The left block takes about two fifths of the width, at least one column.
    let left_last = ((last + 1) * 2 / 5).max(1) - 1;
    let right_first = left_last + 1;
    // Row by row, left to right: the award list is streamed (constant memory), where a
    // row once left cannot be written again.
    let parent = profile.parent_authority.to_uppercase();
    span(ws, 0, 0, left_last, &parent, &st.authority)?;
    span(
        ws,
        0,
        right_first,
        last,
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        &st.nation,
    )?;
    span(
        ws,
        1,
        0,
        left_last,
        &profile.name.to_uppercase(),
        &st.office,
    )?;
    span(
        ws,
        1,
        right_first,
        last,
        "Độc lập - Tự do - Hạnh phúc",
        &st.motto,
    )?;
    span(
        ws,
        2,
        right_first,
        last,
        &place_date_line(&profile.place_name, today),
        &st.place_date,
    )?;
    span(ws, 4, 0, last, &title.to_uppercase(), &st.title)?;
    ws.set_row_height(4, 36)?;
    span(ws, 5, 0, last, subtitle, &st.subtitle)?;
    Ok(7)
}

/// "(Kèm theo Báo cáo số …/BC-UBND ngày …)" under the title of a sheet sent up with a report
/// (forms.md §1). The number and date are left as dots: the report gets them when it is signed,
/// after the roll-up is made.
pub(crate) fn attached_line(ws: &mut Worksheet, st: &Styles, columns: ColNum) -> Res<()> {
    span(
        ws,
        6,
        0,
        columns.max(2) - 1,
        "(Kèm theo Báo cáo số ……/BC-UBND ngày …/…/……)",
        &st.subtitle,
    )
}

/// The end of a sheet that leaves the office (NĐ 30/2020): who drew it up on the left, the
/// signature block on the right, with room for the signature and seal above the signer's
/// name. Starts two rows under `row`; returns the row after it.
pub(crate) fn sign_off(
    ws: &mut Worksheet,
    st: &Styles,
    profile: &OfficeProfile,
    row: RowNum,
    columns: ColNum,
) -> Res<RowNum> {
    let last = columns.max(2) - 1;
    let left_last = ((last + 1) * 2 / 5).max(1) - 1;
    let right_first = left_last + 1;
    let lines = profile.signature_lines();
    // Row by row (see `title_block`): the drawer's two lines on the left, the signature
    // lines on the right.
    let left = [
        ("NGƯỜI LẬP BIỂU", &st.office),
        ("(Ký, ghi rõ họ tên)", &st.subtitle),
    ];
    for i in 0..lines.len().max(left.len()) {
        let r = row + 2 + i as RowNum;
        if let Some((text, format)) = left.get(i) {
            span(ws, r, 0, left_last, text, format)?;
        }
        if let Some(line) = lines.get(i) {
            span(ws, r, right_first, last, line, &st.office)?;
        }
    }
    let mut r = row + 2 + lines.len() as RowNum;
    // Room for the signature and the seal.
    r += 4;
    if !profile.signer_name.is_empty() {
        span(ws, r, right_first, last, &profile.signer_name, &st.office)?;
        r += 1;
    }
    Ok(r)
}

/// Print setup: A4, landscape when `landscape`, NĐ 30 margins, header rows repeated on every
/// page, fitted to the page width, "Trang x/y" centred in the footer, frozen under the header (when
/// the sheet has one header).
pub(crate) fn print_setup(
    ws: &mut Worksheet,
    landscape: bool,
    header_rows: Option<(RowNum, RowNum)>,
    freeze_col: ColNum,
) -> Res<()> {
    ws.set_paper_size(9);
    if landscape {
        ws.set_landscape();
    }
    // Inches: left 30 mm, right 15 mm, top and bottom 20 mm.
    ws.set_margins(1.18, 0.59, 0.79, 0.79, 0.3, 0.3);
    if let Some((first, last)) = header_rows {
        ws.set_repeat_rows(first, last)?;
        ws.set_freeze_panes(last + 1, freeze_col)?;
    }
    ws.set_print_fit_to_pages(1, 0);
    ws.set_print_center_horizontally(true);
    ws.set_footer("&C&\"Times New Roman\"&11Trang &P/&N");
    Ok(())
}

/// Column widths in characters, from the first column.
pub(crate) fn widths(ws: &mut Worksheet, widths: &[f64]) -> Res<()> {
    for (i, w) in widths.iter().enumerate() {
        ws.set_column_width(i as ColNum, *w)?;
    }
    Ok(())
}

/// Sets the height of a body row from its longest wrapped text: a spreadsheet opened from a
/// generated file does not grow rows by itself, so long names would be cut off. `cells` are
/// (text, column width in characters); 16 points per line of 12-point Times New Roman.
pub(crate) fn fit_row(ws: &mut Worksheet, row: RowNum, cells: &[(&str, f64)]) -> Res<()> {
    let lines = cells
        .iter()
        .map(|(s, width)| {
            let per_line = (width * 1.1).max(1.0);
            (s.chars().count() as f64 / per_line).ceil().max(1.0)
        })
        .fold(1.0, f64::max);
    if lines > 1.0 {
        ws.set_row_height(row, 16.0 * lines)?;
    }
    Ok(())
}

/// I, II, III … for group headings.
pub(crate) fn roman(n: usize) -> String {
    const TABLE: [(usize, &str); 9] = [
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut n = n;
    let mut out = String::new();
    for (value, letters) in TABLE {
        while n >= value {
            out.push_str(letters);
            n -= value;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn place_date_and_roman_numerals() {
        let d = NaiveDate::from_ymd_opt(2023, 7, 5).unwrap();
        assert_eq!(
            place_date_line("Tân Yên", d),
            "Tân Yên, ngày 05 tháng 7 năm 2023"
        );
        let d = NaiveDate::from_ymd_opt(2026, 2, 14).unwrap();
        assert_eq!(
            place_date_line("An Bình", d),
            "An Bình, ngày 14 tháng 02 năm 2026"
        );
        assert_eq!(roman(1), "I");
        assert_eq!(roman(4), "IV");
        assert_eq!(roman(14), "XIV");
    }
}
