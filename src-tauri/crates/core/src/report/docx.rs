//! DOCX (Word) of a document, for the clerk to edit the prose before signing: the same page
//! set-up as the PDF (A4, NĐ 30 margins, Times New Roman, page number at the top from page 2),
//! tables whose header rows repeat on every page and whose rows never split.

use super::model::{page, Align, Block, Cell, Chart, Closing, Document, Para, Run, Table};
use crate::error::{Error, Result};
use crate::fonts::DOCX_FAMILY;
use docx_rs::{
    AlignmentType, BorderType, Docx, Header, HeightRule, LineSpacing, LineSpacingType, PageMargin,
    PageNum, PageOrientationType, Paragraph, ParagraphBorder, ParagraphBorderPosition,
    ParagraphBorders, RunFonts, SpecialIndentType, TableCell, TableCellMargins, TableLayoutType,
    TableRow, VAlignType, VMergeType, WidthType,
};

/// Twentieths of a point.
fn tw(pt: f32) -> i32 {
    (pt * 20.0).round() as i32
}

/// docx-rs 0.4 cannot mark a row as a repeated header (`w:tblHeader`): header rows carry
/// this unusual height instead, replaced by `<w:tblHeader />` in the XML before packing.
const HEADER_MARK: &str = r#"<w:trHeight w:val="1" w:hRule="atLeast" />"#;

fn align(a: Align) -> AlignmentType {
    match a {
        Align::Left => AlignmentType::Left,
        Align::Center => AlignmentType::Center,
        Align::Right => AlignmentType::Right,
        Align::Justify => AlignmentType::Both,
    }
}

fn run(r: &Run, size: f32) -> docx_rs::Run {
    let mut out = docx_rs::Run::new().size((size * 2.0).round() as usize);
    let mut first = true;
    for line in r.text.split('\n') {
        if !first {
            out = out.add_break(docx_rs::BreakType::TextWrapping);
        }
        first = false;
        out = out.add_text(line);
    }
    if r.bold {
        out = out.bold();
    }
    if r.italic {
        out = out.italic();
    }
    out
}

/// Single spacing with `after` points after.
fn spacing(after: f32) -> LineSpacing {
    LineSpacing::new()
        .before(0)
        .after(tw(after) as u32)
        .line(240)
        .line_rule(LineSpacingType::Auto)
}

/// Cell padding as the PDF draws it: 2.5 pt above and below, 3 pt at the sides.
fn padding(x: f32, y: f32) -> TableCellMargins {
    TableCellMargins::new().margin(
        tw(y) as usize,
        tw(x) as usize,
        tw(y) as usize,
        tw(x) as usize,
    )
}

fn para(runs: &[Run], size: f32, a: Align, after: f32) -> Paragraph {
    runs.iter()
        .fold(Paragraph::new(), |p, r| p.add_run(run(r, size)))
        .align(align(a))
        .line_spacing(spacing(after))
}

fn body_para(p: &Para) -> Paragraph {
    let mut out = para(&p.runs, p.size, p.align, 6.0);
    if p.indent {
        out = out.indent(
            None,
            Some(SpecialIndentType::FirstLine(tw(10.0 * page::MM))),
            None,
            None,
        );
    }
    if p.keep_next {
        out = out.keep_next(true);
    }
    out
}

/// A short rule: an empty paragraph with a bottom border, narrowed by its indents.
fn rule(box_width: f32, length: f32) -> Paragraph {
    let side = tw(((box_width - length) / 2.0).max(0.0));
    let mut p = Paragraph::new()
        .add_run(docx_rs::Run::new().size(4))
        .line_spacing(spacing(4.0))
        .indent(Some(side), None, Some(side), None);
    p.property = p.property.set_borders(
        ParagraphBorders::with_empty().set(
            ParagraphBorder::new(ParagraphBorderPosition::Bottom)
                .val(BorderType::Single)
                .size(6),
        ),
    );
    p
}

fn cell_with(paragraphs: Vec<Paragraph>, width: f32) -> TableCell {
    paragraphs
        .into_iter()
        .fold(TableCell::new(), |c, p| c.add_paragraph(p))
        .width(tw(width) as usize, WidthType::Dxa)
}

fn heading(d: &Document, text_w: f32) -> Vec<docx_rs::DocumentChild> {
    // The national name on one line decides the right block's width, as in the PDF.
    let nation_w = super::layout::Metrics::new().width(
        crate::fonts::Face::Bold,
        12.0,
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    );
    let rw = (nation_w + 8.0).max(text_w * 0.56);
    let lw = text_w - rw;
    let mut left = Vec::new();
    if !d.parent.is_empty() {
        left.push(para(
            &[Run::plain(d.parent.to_uppercase())],
            13.0,
            Align::Center,
            0.0,
        ));
    }
    left.push(para(
        &[Run::bold(d.issuer.to_uppercase())],
        13.0,
        Align::Center,
        0.0,
    ));
    left.push(rule(lw, lw / 3.0));
    if !d.number.is_empty() {
        left.push(para(&[Run::plain(&d.number)], 13.0, Align::Center, 0.0));
    }
    let right = vec![
        para(
            &[Run::bold("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")],
            12.0,
            Align::Center,
            0.0,
        ),
        para(
            &[Run::bold("Độc lập - Tự do - Hạnh phúc")],
            13.0,
            Align::Center,
            0.0,
        ),
        // The motto's rule is as long as the motto (about 170 pt at 13 pt bold).
        rule(rw, 170.0),
        para(&[Run::italic(&d.place_date)], 14.0, Align::Center, 0.0),
    ];
    let table = docx_rs::Table::without_borders(vec![TableRow::new(vec![
        cell_with(left, lw),
        cell_with(right, rw),
    ])])
    .set_grid(vec![tw(lw) as usize, tw(rw) as usize])
    .layout(TableLayoutType::Fixed)
    .margins(padding(0.0, 0.0))
    .width(tw(text_w) as usize, WidthType::Dxa);
    let mut out = vec![docx_rs::DocumentChild::Table(Box::new(table))];
    let mut title = para(
        &[Run::bold(d.title.to_uppercase())],
        14.0,
        Align::Center,
        0.0,
    );
    title = title.line_spacing(spacing(0.0).before(tw(14.0) as u32));
    out.push(docx_rs::DocumentChild::Paragraph(Box::new(title)));
    for s in &d.summary {
        out.push(docx_rs::DocumentChild::Paragraph(Box::new(para(
            &[Run::bold(s)],
            14.0,
            Align::Center,
            0.0,
        ))));
    }
    if !d.summary.is_empty() {
        out.push(docx_rs::DocumentChild::Paragraph(Box::new(rule(
            text_w, 90.0,
        ))));
    }
    out
}

fn table_cell(c: &Cell, width: f32, size: f32, a: Align, bold: bool) -> TableCell {
    let r = Run {
        text: c.text.clone(),
        bold: bold || c.bold,
        italic: c.italic,
    };
    TableCell::new()
        .add_paragraph(para(&[r], size, c.align.unwrap_or(a), 0.0))
        .vertical_align(VAlignType::Center)
        .width(tw(width) as usize, WidthType::Dxa)
}

fn table(t: &Table, text_w: f32) -> docx_rs::Table {
    let total: f32 = t.columns.iter().map(|c| c.width).sum::<f32>().max(1.0);
    let widths: Vec<f32> = t.columns.iter().map(|c| c.width / total * text_w).collect();
    let ncols = widths.len();
    let span_w = |c: usize, n: usize| widths[c..(c + n).min(ncols)].iter().sum::<f32>();
    let mut rows = Vec::new();
    // Header: vertical merges need a "continue" cell in every row a cell spans.
    let nrows = t.header.len();
    let mut grid: Vec<Vec<Option<(usize, bool)>>> = vec![vec![None; ncols]; nrows];
    let mut cells_at: Vec<Vec<(usize, &Cell)>> = vec![Vec::new(); nrows];
    for (r, row) in t.header.iter().enumerate() {
        let mut c = 0;
        for cell in row {
            while c < ncols && grid[r][c].is_some() {
                c += 1;
            }
            if c >= ncols {
                break;
            }
            let cs = cell.colspan.min(ncols - c);
            let last = (r + cell.rowspan).min(nrows);
            for (rr, line) in grid.iter_mut().enumerate().take(last).skip(r) {
                for slot in line.iter_mut().skip(c).take(cs) {
                    *slot = Some((cs, rr == r));
                }
            }
            cells_at[r].push((c, cell));
            c += cs;
        }
    }
    for r in 0..nrows {
        let mut cells = Vec::new();
        let mut c = 0;
        while c < ncols {
            match grid[r][c] {
                Some((cs, true)) => {
                    let cell = cells_at[r].iter().find(|(at, _)| *at == c).map(|(_, x)| *x);
                    let mut tc = match cell {
                        Some(cell) => table_cell(cell, span_w(c, cs), t.size, Align::Center, true),
                        None => TableCell::new().add_paragraph(Paragraph::new()),
                    };
                    if cs > 1 {
                        tc = tc.grid_span(cs);
                    }
                    if cell.is_some_and(|x| x.rowspan > 1) {
                        tc = tc.vertical_merge(VMergeType::Restart);
                    }
                    cells.push(tc);
                    c += cs;
                }
                Some((cs, false)) => {
                    let mut tc = TableCell::new()
                        .add_paragraph(Paragraph::new())
                        .vertical_merge(VMergeType::Continue)
                        .width(tw(span_w(c, cs)) as usize, WidthType::Dxa);
                    if cs > 1 {
                        tc = tc.grid_span(cs);
                    }
                    cells.push(tc);
                    c += cs;
                }
                None => {
                    cells.push(
                        TableCell::new()
                            .add_paragraph(Paragraph::new())
                            .width(tw(widths[c]) as usize, WidthType::Dxa),
                    );
                    c += 1;
                }
            }
        }
        rows.push(
            TableRow::new(cells)
                .cant_split()
                .row_height(1.0)
                .height_rule(HeightRule::AtLeast),
        );
    }
    for row in &t.rows {
        let mut c = 0;
        let mut cells = Vec::new();
        for cell in row {
            if c >= ncols {
                break;
            }
            let cs = cell.colspan.min(ncols - c);
            let mut tc = table_cell(cell, span_w(c, cs), t.size, t.columns[c].align, false);
            if cs > 1 {
                tc = tc.grid_span(cs);
            }
            cells.push(tc);
            c += cs;
        }
        rows.push(TableRow::new(cells).cant_split());
    }
    docx_rs::Table::new(rows)
        .set_grid(widths.iter().map(|w| tw(*w) as usize).collect())
        .layout(TableLayoutType::Fixed)
        .margins(padding(3.0, 2.5))
        .width(tw(text_w) as usize, WidthType::Dxa)
}

/// Word gets the chart's figures as a small table (charts in DOCX need DrawingML chart
/// parts docx-rs does not write); the PDF and the print preview draw it.
fn chart_table(ch: &Chart) -> Table {
    let mut header = vec![Cell::new("")];
    header.extend(ch.series.iter().map(|(n, _)| Cell::new(n)));
    let rows = ch
        .categories
        .iter()
        .enumerate()
        .map(|(i, cat)| {
            let mut row = vec![Cell::new(cat)];
            row.extend(ch.series.iter().map(|(_, v)| {
                Cell::new(crate::rules::format_vnd(
                    v.get(i).copied().unwrap_or(0.0).round() as i64,
                ))
            }));
            row
        })
        .collect();
    let mut columns = vec![super::model::Column {
        width: 3.0,
        align: Align::Left,
    }];
    columns.extend(ch.series.iter().map(|_| super::model::Column {
        width: 1.2,
        align: Align::Right,
    }));
    Table {
        columns,
        header: vec![header],
        rows,
        size: 12.0,
    }
}

fn closing(c: &Closing, text_w: f32) -> docx_rs::Table {
    let lw = text_w * 0.45;
    let rw = text_w - lw;
    let mut left = vec![para(
        &[Run {
            text: "Nơi nhận:".into(),
            bold: true,
            italic: true,
        }],
        12.0,
        Align::Left,
        0.0,
    )];
    let n = c.recipients.len();
    for (i, r) in c.recipients.iter().enumerate() {
        let end = if i + 1 == n { "." } else { ";" };
        left.push(para(
            &[Run::plain(format!("- {r}{end}"))],
            11.0,
            Align::Left,
            0.0,
        ));
    }
    let mut right: Vec<Paragraph> = c
        .sign_lines
        .iter()
        .map(|s| para(&[Run::bold(s.to_uppercase())], 14.0, Align::Center, 0.0))
        .collect();
    // Room for the signature and the seal.
    right.push(
        Paragraph::new()
            .add_run(docx_rs::Run::new().size(28))
            .line_spacing(
                LineSpacing::new()
                    .before(0)
                    .after(0)
                    .line(tw(72.0))
                    .line_rule(docx_rs::LineSpacingType::Exact),
            ),
    );
    right.push(para(&[Run::bold(&c.signer_name)], 14.0, Align::Center, 0.0));
    docx_rs::Table::without_borders(vec![TableRow::new(vec![
        cell_with(left, lw),
        cell_with(right, rw),
    ])
    .cant_split()])
    .set_grid(vec![tw(lw) as usize, tw(rw) as usize])
    .layout(TableLayoutType::Fixed)
    .margins(padding(0.0, 0.0))
    .width(tw(text_w) as usize, WidthType::Dxa)
}

pub fn render(d: &Document) -> Result<Vec<u8>> {
    let (w, h) = page::size(d.landscape);
    let text_w = w - page::LEFT - page::RIGHT;
    let fonts = RunFonts::new()
        .ascii(DOCX_FAMILY)
        .hi_ansi(DOCX_FAMILY)
        .east_asia(DOCX_FAMILY)
        .cs(DOCX_FAMILY);
    let number = Header::new().add_paragraph(
        Paragraph::new()
            .align(AlignmentType::Center)
            .add_page_num(PageNum::new())
            .size(26),
    );
    let mut docx = Docx::new()
        .default_fonts(fonts)
        .default_size(28)
        .page_size(tw(w) as u32, tw(h) as u32)
        .page_margin(
            PageMargin::new()
                .top(tw(page::TOP))
                .bottom(tw(page::BOTTOM))
                .left(tw(page::LEFT))
                .right(tw(page::RIGHT))
                .header(tw(page::TOP * 0.4))
                .footer(tw(page::BOTTOM * 0.4)),
        )
        .header(number)
        // The first page has no number (NĐ 30: numbers from page 2).
        .first_header(Header::new());
    if d.landscape {
        docx = docx.page_orient(PageOrientationType::Landscape);
    }
    for child in heading(d, text_w) {
        docx = match child {
            docx_rs::DocumentChild::Paragraph(p) => docx.add_paragraph(*p),
            docx_rs::DocumentChild::Table(t) => docx.add_table(*t),
            _ => docx,
        };
    }
    docx = docx.add_paragraph(Paragraph::new().line_spacing(spacing(0.0)));
    for (i, b) in d.blocks.iter().enumerate() {
        // A page break is the next paragraph's "page break before": a paragraph holding only
        // a break would leave a blank page when the page before ends full.
        let after_break = i > 0 && matches!(d.blocks[i - 1], Block::PageBreak);
        docx = match b {
            Block::Para(p) => docx.add_paragraph(body_para(p).page_break_before(after_break)),
            Block::PageBreak if matches!(d.blocks.get(i + 1), Some(Block::Para(_))) => docx,
            Block::PageBreak => docx.add_paragraph(
                Paragraph::new().add_run(docx_rs::Run::new().add_break(docx_rs::BreakType::Page)),
            ),
            // The paragraph after a table keeps two tables apart; before a page break the
            // next paragraph does that, and a spacer there could spill onto a page of its own.
            Block::Table(t) if matches!(d.blocks.get(i + 1), Some(Block::PageBreak)) => {
                docx.add_table(table(t, text_w))
            }
            Block::Table(t) => docx
                .add_table(table(t, text_w))
                .add_paragraph(Paragraph::new().line_spacing(spacing(0.0))),
            Block::Chart(ch) => docx
                .add_paragraph(
                    para(&[Run::bold(&ch.title)], 12.0, Align::Center, 3.0).keep_next(true),
                )
                .add_table(table(&chart_table(ch), text_w))
                .add_paragraph(Paragraph::new().line_spacing(spacing(0.0))),
            Block::Closing(c) => docx
                .add_paragraph(Paragraph::new().line_spacing(spacing(0.0)))
                .add_table(closing(c, text_w)),
        };
    }
    let mut xml = docx.build();
    let doc = String::from_utf8(std::mem::take(&mut xml.document))
        .map_err(|_| Error::invalid("docx", "Nội dung văn bản Word không hợp lệ."))?;
    xml.document = doc.replace(HEADER_MARK, "<w:tblHeader />").into_bytes();
    let mut buf = std::io::Cursor::new(Vec::new());
    xml.pack(&mut buf)
        .map_err(|e| Error::invalid("docx", format!("Không tạo được tệp Word ({e}).")))?;
    Ok(buf.into_inner())
}
