//! The hidden sheet `_thidua`: what the level above (or this program's import) reads back
//! to take the workbook in exactly, by record ids instead of by names. Layout in `export`'s
//! module documentation.

use super::sheet::Res;
use rust_xlsxwriter::{RowNum, Workbook};

pub(crate) const SHEET: &str = "_thidua";
/// Raised when the layout of the sheet changes in a way an older reader would misread.
pub const FORMAT_VERSION: u32 = 1;

pub(crate) enum Val {
    Text(String),
    Num(f64),
    Empty,
}

impl From<&str> for Val {
    fn from(s: &str) -> Val {
        Val::Text(s.to_string())
    }
}

impl From<String> for Val {
    fn from(s: String) -> Val {
        Val::Text(s)
    }
}

impl From<&String> for Val {
    fn from(s: &String) -> Val {
        Val::Text(s.clone())
    }
}

impl From<Option<&str>> for Val {
    fn from(s: Option<&str>) -> Val {
        s.map_or(Val::Empty, Val::from)
    }
}

impl From<Option<String>> for Val {
    fn from(s: Option<String>) -> Val {
        s.map_or(Val::Empty, Val::Text)
    }
}

impl From<i64> for Val {
    fn from(n: i64) -> Val {
        Val::Num(n as f64)
    }
}

impl From<f64> for Val {
    fn from(n: f64) -> Val {
        Val::Num(n)
    }
}

impl From<Option<f64>> for Val {
    fn from(n: Option<f64>) -> Val {
        n.map_or(Val::Empty, Val::Num)
    }
}

impl From<bool> for Val {
    fn from(b: bool) -> Val {
        Val::Num(if b { 1.0 } else { 0.0 })
    }
}

pub(crate) struct Table {
    name: &'static str,
    columns: &'static [&'static str],
    rows: Vec<Vec<Val>>,
}

impl Table {
    pub fn push(&mut self, row: Vec<Val>) {
        debug_assert_eq!(row.len(), self.columns.len(), "table {}", self.name);
        self.rows.push(row);
    }
}

/// Collects the metadata and record tables while the visible sheets are written.
#[derive(Default)]
pub(crate) struct Machine {
    meta: Vec<(&'static str, Val)>,
    tables: Vec<Table>,
}

impl Machine {
    pub fn meta(&mut self, key: &'static str, value: impl Into<Val>) {
        self.meta.push((key, value.into()));
    }

    /// The table `name`, created with these columns on first use.
    pub fn table(&mut self, name: &'static str, columns: &'static [&'static str]) -> &mut Table {
        let i = match self.tables.iter().position(|t| t.name == name) {
            Some(i) => i,
            None => {
                self.tables.push(Table {
                    name,
                    columns,
                    rows: Vec::new(),
                });
                self.tables.len() - 1
            }
        };
        &mut self.tables[i]
    }

    /// Writes the sheet, hidden, as the last sheet of the workbook.
    pub fn write(&self, wb: &mut Workbook) -> Res<()> {
        // Streamed like the award list it repeats (rows are written in order).
        let ws = wb.add_worksheet_with_constant_memory();
        ws.set_name(SHEET)?;
        ws.set_hidden(true);
        ws.set_column_width(0, 24)?;
        ws.set_column_width(1, 40)?;
        // No cell format: the sheet is for programs, and every formatted cell costs the
        // writer a hash of the whole format (a third of the time of a large roll-up).
        let put =
            |ws: &mut rust_xlsxwriter::Worksheet, row: RowNum, col: u16, v: &Val| -> Res<()> {
                match v {
                    Val::Text(s) => {
                        ws.write_string(row, col, s)?;
                    }
                    Val::Num(n) => {
                        ws.write_number(row, col, *n)?;
                    }
                    Val::Empty => {}
                }
                Ok(())
            };
        ws.write_string(0, 0, "thidua")?;
        ws.write_number(0, 1, FORMAT_VERSION as f64)?;
        let mut row: RowNum = 1;
        for (key, value) in &self.meta {
            ws.write_string(row, 0, *key)?;
            put(ws, row, 1, value)?;
            row += 1;
        }
        for table in &self.tables {
            row += 1;
            ws.write_string(row, 0, "#table")?;
            ws.write_string(row, 1, table.name)?;
            ws.write_number(row, 2, table.rows.len() as f64)?;
            row += 1;
            for (c, name) in table.columns.iter().enumerate() {
                ws.write_string(row, c as u16, *name)?;
            }
            row += 1;
            for r in &table.rows {
                for (c, v) in r.iter().enumerate() {
                    put(ws, row, c as u16, v)?;
                }
                row += 1;
            }
        }
        row += 1;
        ws.write_string(row, 0, "#end")?;
        Ok(())
    }
}
