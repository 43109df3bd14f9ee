//! The document every renderer draws: what a printed administrative document is made of
//! under Nghị định 30/2020 (header blocks, title, body, Nơi nhận and signature), with no
//! knowledge of PDF, Word or HTML.

/// Horizontal alignment of a paragraph or a table cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Center,
    Right,
    Justify,
}

/// A piece of text in one face.
#[derive(Debug, Clone, PartialEq)]
pub struct Run {
    pub text: String,
    pub bold: bool,
    pub italic: bool,
}

impl Run {
    pub fn plain(text: impl Into<String>) -> Run {
        Run {
            text: text.into(),
            bold: false,
            italic: false,
        }
    }

    pub fn bold(text: impl Into<String>) -> Run {
        Run {
            bold: true,
            ..Run::plain(text)
        }
    }

    pub fn italic(text: impl Into<String>) -> Run {
        Run {
            italic: true,
            ..Run::plain(text)
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Para {
    pub runs: Vec<Run>,
    pub align: Align,
    /// Body paragraphs start 1 cm in (NĐ 30: lùi đầu dòng 1–1,27 cm).
    pub indent: bool,
    /// Points.
    pub size: f32,
    /// Keep on the page of the next block (headings).
    pub keep_next: bool,
}

impl Para {
    /// A body paragraph: 14 pt, justified, first line indented.
    pub fn body(runs: Vec<Run>) -> Para {
        Para {
            runs,
            align: Align::Justify,
            indent: true,
            size: 14.0,
            keep_next: false,
        }
    }

    /// A section heading in bold, kept with what follows.
    pub fn heading(text: impl Into<String>) -> Para {
        Para {
            runs: vec![Run::bold(text)],
            align: Align::Justify,
            indent: true,
            size: 14.0,
            keep_next: true,
        }
    }

    pub fn centered(runs: Vec<Run>, size: f32) -> Para {
        Para {
            runs,
            align: Align::Center,
            indent: false,
            size,
            keep_next: false,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    /// Relative width; the table fills the text width.
    pub width: f32,
    pub align: Align,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    pub text: String,
    pub colspan: usize,
    /// Header rows only.
    pub rowspan: usize,
    pub bold: bool,
    pub italic: bool,
    /// None: the column's alignment (header cells are centred).
    pub align: Option<Align>,
}

impl Cell {
    pub fn new(text: impl Into<String>) -> Cell {
        Cell {
            text: text.into(),
            colspan: 1,
            rowspan: 1,
            bold: false,
            italic: false,
            align: None,
        }
    }

    pub fn span(mut self, cols: usize, rows: usize) -> Cell {
        self.colspan = cols.max(1);
        self.rowspan = rows.max(1);
        self
    }

    pub fn bold(mut self) -> Cell {
        self.bold = true;
        self
    }

    pub fn italic(mut self) -> Cell {
        self.italic = true;
        self
    }

    pub fn align(mut self, a: Align) -> Cell {
        self.align = Some(a);
        self
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub columns: Vec<Column>,
    /// Printed again at the top of every page the table continues on.
    pub header: Vec<Vec<Cell>>,
    pub rows: Vec<Vec<Cell>>,
    /// Points (NĐ 30: tables 11–13 pt).
    pub size: f32,
}

/// A grouped bar chart (drawn as vector shapes, so it prints sharply).
#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    pub title: String,
    pub categories: Vec<String>,
    /// (name, one value per category)
    pub series: Vec<(String, Vec<f64>)>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Para(Para),
    Table(Table),
    Chart(Chart),
    /// What follows starts a new page (the list attached to a decision).
    PageBreak,
    /// "Nơi nhận" and the signature, kept together on one page.
    Closing(Closing),
}

/// "Nơi nhận" and the signature block.
#[derive(Debug, Clone, PartialEq)]
pub struct Closing {
    /// Items under "Nơi nhận:", each printed "- …;".
    pub recipients: Vec<String>,
    /// "TM. ỦY BAN NHÂN DÂN" / "KT. CHỦ TỊCH" then the title: printed bold in capitals.
    pub sign_lines: Vec<String>,
    pub signer_name: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// A4 landscape for wide tables.
    pub landscape: bool,
    /// First line of the left block (the parent authority), regular capitals.
    pub parent: String,
    /// Second line (the issuing office), bold capitals.
    pub issuer: String,
    /// "Số: 12/BC-UBND"; empty for tables that carry none.
    pub number: String,
    /// "An Bình, ngày 05 tháng 7 năm 2026".
    pub place_date: String,
    /// The kind of document ("BÁO CÁO", "QUYẾT ĐỊNH"), bold capitals.
    pub title: String,
    /// Lines under the title (trích yếu), bold.
    pub summary: Vec<String>,
    pub blocks: Vec<Block>,
}

/// NĐ 30/2020 page set-up in points: A4, margins top 20 mm, bottom 20 mm, left 30 mm,
/// right 15 mm (the smallest the decree allows, leaving the most room for tables).
pub mod page {
    pub const MM: f32 = 72.0 / 25.4;
    pub const A4_SHORT: f32 = 595.0;
    pub const A4_LONG: f32 = 842.0;
    pub const TOP: f32 = 20.0 * MM;
    pub const BOTTOM: f32 = 20.0 * MM;
    pub const LEFT: f32 = 30.0 * MM;
    pub const RIGHT: f32 = 15.0 * MM;

    /// (width, height)
    pub fn size(landscape: bool) -> (f32, f32) {
        if landscape {
            (A4_LONG, A4_SHORT)
        } else {
            (A4_SHORT, A4_LONG)
        }
    }
}
