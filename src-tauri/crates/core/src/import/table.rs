//! Finding the table in a sheet made by a person: the title and signature blocks around it,
//! a header on one or two rows (merged cells leave the lower or the right-hand cells empty), a
//! row of column numbers under the header, section rows ("I. TẬP THỂ", "B | CÁ NHÂN"), blank
//! separator rows and total rows ("Tổng cộng: …").

use super::headers::{match_header, Field};
use super::reader::{column_index, column_letter, Cell, Grid};
use super::ColumnOverride;
use crate::legacy_text::{detect_many, fix, to_unicode};
use crate::subjects::RecipientKind;
use crate::text::{clean, search_key};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Header rows are looked for this far down: title blocks are a dozen rows at most.
const HEADER_SEARCH_ROWS: usize = 40;

/// A column of the table and what it was taken to hold.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export, rename = "ImportColumn")]
pub struct MappedColumn {
    /// Excel's letter: "B".
    pub column: String,
    /// The header as written (two header rows joined with " / ").
    pub header: String,
    /// None: not used by the import.
    pub field: Option<Field>,
    /// The clerk chose this mapping (column override), rather than the header.
    pub overridden: bool,
}

/// One data row of the table.
#[derive(Debug, Clone)]
pub struct DataRow {
    /// 1-based, as Excel shows it.
    pub row: u32,
    /// The recipient kind said by the section the row is in, if any.
    pub section: Option<RecipientKind>,
    pub cells: Vec<(Field, usize, Cell)>,
}

impl DataRow {
    /// The first non-empty value of a field, with its column.
    pub fn get(&self, field: Field) -> Option<(usize, &Cell)> {
        self.cells
            .iter()
            .find(|(f, _, c)| *f == field && !c.is_empty())
            .map(|(_, col, c)| (*col, c))
    }

    pub fn text(&self, field: Field) -> Option<String> {
        self.get(field)
            .map(|(_, c)| clean(&c.text()))
            .filter(|s| !s.is_empty())
    }

    pub fn all(&self, field: Field) -> impl Iterator<Item = (usize, &Cell)> {
        self.cells
            .iter()
            .filter(move |(f, _, c)| *f == field && !c.is_empty())
            .map(|(_, col, c)| (*col, c))
    }
}

/// The table found in one sheet.
#[derive(Debug, Clone)]
pub struct Table {
    pub sheet: String,
    /// 1-based rows of the header (one or two).
    pub header_rows: Vec<u32>,
    pub columns: Vec<MappedColumn>,
    /// Text above the header: the title block, with the decision, the year, the unit.
    pub title_lines: Vec<String>,
    pub rows: Vec<DataRow>,
    /// Rows read past on purpose (sections, totals, number rows), for the preview.
    pub skipped: Vec<(u32, String)>,
    /// Legacy encoding found and converted in this sheet, if any.
    pub converted: Option<String>,
}

/// Brings every text cell to Unicode NFC: a sheet typed in TCVN3/VNI is converted as a whole;
/// otherwise each cell is checked alone, because Unicode files often carry a few cells pasted
/// from an old TCVN3 document.
pub fn normalise(grid: &mut Grid) -> Option<String> {
    let encoding = detect_many(grid.rows.iter().flatten().filter_map(|c| match c {
        Cell::Text(s) => Some(s.as_str()),
        _ => None,
    }));
    for cell in grid.rows.iter_mut().flatten() {
        if let Cell::Text(s) = cell {
            // Plain ASCII (numbers, codes, most headers) is the same in every encoding.
            if s.is_ascii() {
                *s = clean(s);
                continue;
            }
            let fixed = match encoding {
                Some(e) => to_unicode(s, e),
                None => fix(s).0,
            };
            *s = clean(&fixed);
        }
    }
    encoding.map(|e| format!("{e:?}").to_uppercase())
}

/// The fields a row of headers gives, joined with the row under it when that row is a second
/// header row. Returns (columns, number of header rows).
fn header_at(grid: &Grid, r: usize) -> (Vec<MappedColumn>, usize) {
    let width = grid.width();
    let upper: Vec<String> = (0..width).map(|c| grid.get(r, c).text()).collect();
    let lower: Vec<String> = (0..width).map(|c| grid.get(r + 1, c).text()).collect();
    let lower_is_header = lower.iter().any(|s| !s.trim().is_empty())
        && (0..width).all(|c| !matches!(grid.get(r + 1, c), Cell::Number(_) | Cell::Date(_)))
        && lower.iter().any(|s| match_header(s).is_some())
        && section_kind(&lower.join(" ")).is_none();
    let mut columns = Vec::new();
    let mut last_upper = String::new();
    for c in 0..width {
        let up = upper[c].trim().to_string();
        let mut header = up.clone();
        if lower_is_header && !lower[c].trim().is_empty() {
            // An empty upper cell over a sub-header is the right part of a merged cell.
            let parent = if up.is_empty() { &last_upper } else { &up };
            header = if parent.is_empty() {
                lower[c].trim().to_string()
            } else {
                format!("{parent} / {}", lower[c].trim())
            };
        }
        if !up.is_empty() {
            last_upper = up;
        }
        if header.is_empty() {
            continue;
        }
        columns.push(MappedColumn {
            column: column_letter(c),
            field: match_header(&header),
            header,
            overridden: false,
        });
    }
    (columns, if lower_is_header { 2 } else { 1 })
}

fn score(columns: &[MappedColumn]) -> usize {
    let mut fields: Vec<Field> = columns.iter().filter_map(|c| c.field).collect();
    fields.sort_by_key(|f| *f as u8);
    fields.dedup();
    if !fields.contains(&Field::Name) {
        return 0;
    }
    fields.len()
}

/// The section a row announces ("I. TẬP THỂ", "CÁ NHÂN", "Hộ gia đình"), if it is one.
pub fn section_kind(text: &str) -> Option<RecipientKind> {
    let k = search_key(text);
    if k.contains("ho gia dinh") || k.contains("gia dinh") || k.starts_with("ho ") {
        Some(RecipientKind::HoGiaDinh)
    } else if k.contains("tap the") || k.contains("don vi") {
        Some(RecipientKind::TapThe)
    } else if k.contains("ca nhan") {
        Some(RecipientKind::CaNhan)
    } else {
        None
    }
}

fn is_total(text: &str) -> bool {
    let k = search_key(text);
    // Not a bare "công …": "Công chức Văn phòng" is a position, not a total.
    [
        "tong cong",
        "tong so",
        "cong:",
        "cong :",
        "tong:",
        "cong so",
    ]
    .iter()
    .any(|p| k.starts_with(p))
        || k == "cong"
        || k == "tong"
}

/// A row that only numbers the columns: 1, 2, 3 … or (1), (2), (3) ….
fn is_number_row(cells: &[Cell]) -> bool {
    let values: Vec<String> = cells
        .iter()
        .filter(|c| !c.is_empty())
        .map(|c| {
            c.text()
                .trim_matches(|ch| ch == '(' || ch == ')')
                .to_string()
        })
        .collect();
    values.len() >= 3
        && values
            .iter()
            .enumerate()
            .all(|(i, v)| v.parse::<usize>().ok() == Some(i + 1))
}

/// Roman numerals and single letters that number sections: "I", "II.", "A", "b)".
fn is_section_number(text: &str) -> bool {
    let t = text.trim().trim_end_matches(['.', ')', ':']);
    !t.is_empty()
        && (t.chars().all(|c| matches!(c, 'I' | 'V' | 'X' | 'L'))
            || (t.chars().count() == 1 && t.chars().all(|c| c.is_ascii_alphabetic())))
}

/// Finds the table of a sheet, or None when the sheet has no recognisable header.
pub fn find_table(grid: &Grid, overrides: &[ColumnOverride]) -> Option<Table> {
    let mut best: Option<(usize, usize, Vec<MappedColumn>, usize)> = None;
    for r in 0..grid.rows.len().min(HEADER_SEARCH_ROWS) {
        // A header row names at least two columns itself; an empty row above a header would
        // otherwise pass for its upper half.
        let named = grid.rows[r]
            .iter()
            .filter(|c| match_header(&c.text()).is_some())
            .count();
        if named < 2 {
            continue;
        }
        let (columns, height) = header_at(grid, r);
        let s = score(&columns);
        if s >= 2 && best.as_ref().is_none_or(|b| s > b.0) {
            best = Some((s, r, columns, height));
        }
    }
    let (_, header, mut columns, height) = best?;
    apply_overrides(&grid.name, &mut columns, overrides);
    let fields: Vec<(usize, Field)> = columns
        .iter()
        .filter_map(|c| Some((column_index(&c.column)?, c.field?)))
        .collect();
    let title_lines = (0..header)
        .flat_map(|r| grid.rows[r].iter())
        .map(Cell::text)
        .filter(|s| !s.trim().is_empty())
        .collect();
    let number_col = fields
        .iter()
        .find(|(_, f)| *f == Field::Number)
        .map(|(c, _)| *c);
    let name_col = fields
        .iter()
        .find(|(_, f)| *f == Field::Name)
        .map(|(c, _)| *c);
    let mut table = Table {
        sheet: grid.name.clone(),
        header_rows: (0..height).map(|h| (header + h + 1) as u32).collect(),
        columns,
        title_lines,
        rows: Vec::new(),
        skipped: Vec::new(),
        converted: None,
    };
    let mut section = None;
    for r in header + height..grid.rows.len() {
        let line = &grid.rows[r];
        let excel_row = (r + 1) as u32;
        let texts: Vec<String> = line
            .iter()
            .filter(|c| !c.is_empty())
            .map(Cell::text)
            .collect();
        if texts.is_empty() {
            continue;
        }
        let joined = texts.join(" ");
        if is_number_row(line) {
            table.skipped.push((excel_row, "dòng đánh số cột".into()));
            continue;
        }
        if texts.iter().take(2).any(|t| is_total(t)) {
            // The table ends at its total; what follows is the signature block.
            table
                .skipped
                .push((excel_row, format!("dòng tổng cộng: {joined}")));
            break;
        }
        let numbered = number_col.map(|c| grid.get(r, c).clone());
        let data_cells: Vec<(Field, usize, Cell)> = fields
            .iter()
            .filter(|(c, f)| *f != Field::Number && Some(*c) != name_col)
            .map(|(c, f)| (*f, *c, grid.get(r, *c).clone()))
            .filter(|(_, _, cell)| !cell.is_empty())
            .collect();
        let number_text = numbered.as_ref().map(Cell::text).unwrap_or_default();
        let name_text = name_col.map(|c| grid.get(r, c).text()).unwrap_or_default();
        let numbered_row = number_text.trim().parse::<f64>().is_ok();
        let looks_like_section = data_cells.is_empty()
            && !numbered_row
            && (is_section_number(&number_text)
                || section_kind(&joined).is_some()
                    && (!number_text.trim().is_empty() || name_text == name_text.to_uppercase()));
        if looks_like_section {
            if let Some(kind) = section_kind(&joined) {
                section = Some(kind);
            }
            table
                .skipped
                .push((excel_row, format!("dòng mục: {joined}")));
            continue;
        }
        if name_text.trim().is_empty() {
            if !data_cells.is_empty() {
                table
                    .skipped
                    .push((excel_row, "dòng không có tên, bỏ qua".into()));
            }
            continue;
        }
        let mut cells = data_cells;
        if let Some(c) = name_col {
            cells.insert(0, (Field::Name, c, grid.get(r, c).clone()));
        }
        table.rows.push(DataRow {
            row: excel_row,
            section,
            cells,
        });
    }
    Some(table)
}

fn apply_overrides(sheet: &str, columns: &mut Vec<MappedColumn>, overrides: &[ColumnOverride]) {
    for o in overrides
        .iter()
        .filter(|o| o.sheet.as_deref().is_none_or(|s| s == sheet))
    {
        let letter = o.column.trim().to_uppercase();
        match columns.iter_mut().find(|c| c.column == letter) {
            Some(c) => {
                c.field = o.field;
                c.overridden = true;
            }
            None => columns.push(MappedColumn {
                column: letter,
                header: String::new(),
                field: o.field,
                overridden: true,
            }),
        }
    }
    // A field set by the clerk on one column is taken off the column the header suggested.
    for o in overrides.iter().filter(|o| o.field.is_some()) {
        let letter = o.column.trim().to_uppercase();
        for c in columns.iter_mut() {
            if c.column != letter
                && !c.overridden
                && c.field == o.field
                && o.field != Some(Field::Criterion)
            {
                c.field = None;
            }
        }
    }
}
