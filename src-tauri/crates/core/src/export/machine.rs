//! The hidden sheet `_thidua`: what the level above (or this program's import) reads back
//! to take the workbook in exactly, by record ids instead of by names. Layout in `export`'s
//! module documentation.

use super::sheet::Res;
use rust_xlsxwriter::{RowNum, Workbook, Worksheet, XlsxError};
use std::borrow::Cow;

pub(crate) const SHEET: &str = "_thidua";
/// Raised when the layout of the sheet changes in a way an older reader would misread.
pub const FORMAT_VERSION: u32 = 1;

/// A cell of the sheet: text borrowed from the record being written, or owned by a table
/// kept until its turn comes.
pub(crate) enum Val<'a> {
    Text(Cow<'a, str>),
    Num(f64),
    Empty,
}

impl Val<'_> {
    fn into_owned(self) -> Val<'static> {
        match self {
            Val::Text(s) => Val::Text(Cow::Owned(s.into_owned())),
            Val::Num(n) => Val::Num(n),
            Val::Empty => Val::Empty,
        }
    }
}

impl<'a> From<&'a str> for Val<'a> {
    fn from(s: &'a str) -> Val<'a> {
        Val::Text(Cow::Borrowed(s))
    }
}

impl From<String> for Val<'_> {
    fn from(s: String) -> Self {
        Val::Text(Cow::Owned(s))
    }
}

impl<'a> From<&'a String> for Val<'a> {
    fn from(s: &'a String) -> Val<'a> {
        Val::Text(Cow::Borrowed(s))
    }
}

impl<'a> From<Option<&'a str>> for Val<'a> {
    fn from(s: Option<&'a str>) -> Val<'a> {
        s.map_or(Val::Empty, Val::from)
    }
}

impl From<Option<String>> for Val<'_> {
    fn from(s: Option<String>) -> Self {
        s.map_or(Val::Empty, Val::from)
    }
}

impl From<i64> for Val<'_> {
    fn from(n: i64) -> Self {
        Val::Num(n as f64)
    }
}

impl From<f64> for Val<'_> {
    fn from(n: f64) -> Self {
        Val::Num(n)
    }
}

impl From<Option<f64>> for Val<'_> {
    fn from(n: Option<f64>) -> Self {
        n.map_or(Val::Empty, Val::Num)
    }
}

impl From<bool> for Val<'_> {
    fn from(b: bool) -> Self {
        Val::Num(if b { 1.0 } else { 0.0 })
    }
}

/// A table kept whole until it is written (the small ones).
pub(crate) struct Table {
    name: &'static str,
    columns: &'static [&'static str],
    rows: Vec<Vec<Val<'static>>>,
}

impl Table {
    pub fn push(&mut self, row: Vec<Val<'_>>) {
        debug_assert_eq!(row.len(), self.columns.len(), "table {}", self.name);
        self.rows
            .push(row.into_iter().map(Val::into_owned).collect());
    }
}

/// The sheet once added to the workbook: where it is and what comes next.
struct Started {
    /// Its index among the workbook's sheets (moved to the end by [`Machine::write`]).
    index: usize,
    /// The next row to write.
    row: RowNum,
    /// Rows the streamed table still has to receive, as announced in its "#table" line.
    remaining: u64,
    table: &'static str,
}

/// Collects the metadata and record tables while the visible sheets are written. Small
/// tables are kept until written; large ones (the awards of a year, their people) are
/// streamed: [`Machine::stream`] announces one and [`Machine::row`] writes its rows as the
/// records are read, so no copy of them is held.
#[derive(Default)]
pub(crate) struct Machine {
    meta: Vec<(&'static str, Val<'static>)>,
    tables: Vec<Table>,
    started: Option<Started>,
}

fn put(ws: &mut Worksheet, row: RowNum, col: u16, v: &Val) -> Res<()> {
    // No cell format: the sheet is for programs, and every formatted cell costs the
    // writer a hash of the whole format.
    match v {
        Val::Text(s) => {
            ws.write_string(row, col, s.as_ref())?;
        }
        Val::Num(n) => {
            ws.write_number(row, col, *n)?;
        }
        Val::Empty => {}
    }
    Ok(())
}

impl Machine {
    pub fn meta<'a>(&mut self, key: &'static str, value: impl Into<Val<'a>>) {
        self.meta.push((key, value.into().into_owned()));
    }

    /// The kept table `name`, created with these columns on first use.
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

    /// The sheet's index in the workbook, adding it (with the metadata) on first use.
    pub fn start(&mut self, wb: &mut Workbook) -> Res<usize> {
        if let Some(s) = &self.started {
            return Ok(s.index);
        }
        // Streamed: rows are written in order and never revisited.
        let ws = wb.add_worksheet_with_constant_memory()?;
        ws.set_name(SHEET)?;
        ws.set_hidden(true);
        ws.set_column_width(0, 24)?;
        ws.set_column_width(1, 40)?;
        ws.write_string(0, 0, "thidua")?;
        ws.write_number(0, 1, FORMAT_VERSION as f64)?;
        let mut row: RowNum = 1;
        for (key, value) in &self.meta {
            ws.write_string(row, 0, *key)?;
            put(ws, row, 1, value)?;
            row += 1;
        }
        let index = wb.worksheets().len() - 1;
        self.started = Some(Started {
            index,
            row,
            remaining: 0,
            table: "",
        });
        Ok(index)
    }

    /// The sheet, for [`Machine::row`] while another sheet is written too.
    pub fn sheet<'w>(&mut self, wb: &'w mut Workbook) -> Res<&'w mut Worksheet> {
        let i = self.start(wb)?;
        Ok(&mut wb.worksheets_mut()[i])
    }

    /// The sheet `other` of the workbook and this one (started), to write both at once.
    pub fn beside<'w>(
        &self,
        wb: &'w mut Workbook,
        other: usize,
    ) -> (&'w mut Worksheet, &'w mut Worksheet) {
        let mine = self.started.as_ref().expect("started").index;
        let sheets = wb.worksheets_mut();
        if other < mine {
            let (a, b) = sheets.split_at_mut(mine);
            (&mut a[other], &mut b[0])
        } else {
            let (a, b) = sheets.split_at_mut(other);
            (&mut b[0], &mut a[mine])
        }
    }

    /// Writes a table's heading: "#table", its name and row count, then its columns.
    fn heading(
        &mut self,
        ws: &mut Worksheet,
        name: &'static str,
        columns: &[&str],
        count: u64,
    ) -> Res<()> {
        let s = self.started.as_mut().expect("started before any table");
        if s.remaining != 0 {
            return Err(XlsxError::ParameterError(format!(
                "bảng {} của trang _thidua thiếu {} dòng",
                s.table, s.remaining
            )));
        }
        s.row += 1;
        ws.write_string(s.row, 0, "#table")?;
        ws.write_string(s.row, 1, name)?;
        ws.write_number(s.row, 2, count as f64)?;
        s.row += 1;
        for (c, column) in columns.iter().enumerate() {
            ws.write_string(s.row, c as u16, *column)?;
        }
        s.row += 1;
        Ok(())
    }

    /// Writes the kept tables so far.
    fn flush(&mut self, wb: &mut Workbook) -> Res<()> {
        let i = self.start(wb)?;
        let ws = &mut wb.worksheets_mut()[i];
        for table in std::mem::take(&mut self.tables) {
            self.heading(ws, table.name, table.columns, table.rows.len() as u64)?;
            let s = self.started.as_mut().expect("started above");
            for r in &table.rows {
                for (c, v) in r.iter().enumerate() {
                    put(ws, s.row, c as u16, v)?;
                }
                s.row += 1;
            }
        }
        Ok(())
    }

    /// Starts a table of exactly `count` rows, each then given to [`Machine::row`] (after the
    /// kept tables so far, so the tables stay in the order they were begun).
    pub fn stream(
        &mut self,
        wb: &mut Workbook,
        name: &'static str,
        columns: &'static [&'static str],
        count: usize,
    ) -> Res<()> {
        self.flush(wb)?;
        let i = self.start(wb)?;
        self.heading(&mut wb.worksheets_mut()[i], name, columns, count as u64)?;
        let s = self.started.as_mut().expect("started above");
        s.remaining = count as u64;
        s.table = name;
        Ok(())
    }

    /// One row of the streamed table, into the sheet given by [`Machine::sheet`].
    pub fn row(&mut self, ws: &mut Worksheet, values: &[Val]) -> Res<()> {
        let s = self.started.as_mut().expect("a streamed table");
        if s.remaining == 0 {
            return Err(XlsxError::ParameterError(format!(
                "bảng {} của trang _thidua thừa dòng",
                s.table
            )));
        }
        for (c, v) in values.iter().enumerate() {
            put(ws, s.row, c as u16, v)?;
        }
        s.row += 1;
        s.remaining -= 1;
        Ok(())
    }

    /// Writes what is left and the end marker, and makes the sheet, hidden, the last of the
    /// workbook.
    pub fn write(&mut self, wb: &mut Workbook) -> Res<()> {
        self.flush(wb)?;
        let i = self.start(wb)?;
        let ws = &mut wb.worksheets_mut()[i];
        let s = self.started.as_mut().expect("started above");
        if s.remaining != 0 {
            return Err(XlsxError::ParameterError(format!(
                "bảng {} của trang _thidua thiếu {} dòng",
                s.table, s.remaining
            )));
        }
        ws.write_string(s.row + 1, 0, "#end")?;
        let sheets = wb.worksheets_mut();
        let sheet = sheets.remove(i);
        sheets.push(sheet);
        Ok(())
    }
}
