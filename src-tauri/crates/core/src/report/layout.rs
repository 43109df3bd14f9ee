//! Pages for the PDF: text measured with the bundled font's real advance widths, lines
//! wrapped and justified, tables split between rows (never inside one) with their header rows
//! repeated, the closing block kept whole, page numbers from page 2 (NĐ 30/2020).

use super::model::{page, Align, Block, Cell, Chart, Closing, Document, Para, Run, Table};
use crate::fonts::{serif, Face};

/// Something to paint, in points from the page's top-left corner.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    /// `y` is the baseline.
    Text {
        x: f32,
        y: f32,
        size: f32,
        face: Face,
        text: String,
    },
    Line {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
        width: f32,
    },
    Rect {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        rgb: (u8, u8, u8),
    },
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Page {
    pub items: Vec<Item>,
}

/// Where a table row landed: what the tests check rows are never split against.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PlacedRow {
    pub page: usize,
    pub top: f32,
    pub bottom: f32,
    pub header: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    pub width: f32,
    pub height: f32,
    pub pages: Vec<Page>,
    pub rows: Vec<PlacedRow>,
}

/// Advance widths of the four faces.
pub struct Metrics {
    faces: Vec<(Face, ttf_parser::Face<'static>)>,
}

/// Liberation Serif's ascender (0.891 em); lines are 1.15 em apart like Word's single
/// spacing for Times New Roman.
const ASCENT: f32 = 0.891;
const LINE: f32 = 1.15;
const CELL_PAD_X: f32 = 3.0;
const CELL_PAD_Y: f32 = 2.5;
const PARA_AFTER: f32 = 6.0;

impl Metrics {
    pub fn new() -> Metrics {
        let faces = [Face::Regular, Face::Bold, Face::Italic, Face::BoldItalic]
            .into_iter()
            .filter_map(|f| ttf_parser::Face::parse(serif(f), 0).ok().map(|p| (f, p)))
            .collect();
        Metrics { faces }
    }

    /// Width of `s` in points. Characters the font lacks count half an em, as the PDF
    /// writer draws them with the .notdef glyph.
    pub fn width(&self, face: Face, size: f32, s: &str) -> f32 {
        let Some((_, f)) = self.faces.iter().find(|(x, _)| *x == face) else {
            return s.chars().count() as f32 * size * 0.5;
        };
        let upem = f32::from(f.units_per_em());
        let units: f32 = s
            .chars()
            .map(|c| {
                f.glyph_index(c)
                    .and_then(|g| f.glyph_hor_advance(g))
                    .map(f32::from)
                    .unwrap_or(upem / 2.0)
            })
            .sum();
        units * size / upem
    }
}

impl Default for Metrics {
    fn default() -> Self {
        Metrics::new()
    }
}

#[derive(Debug, Clone)]
struct Word {
    text: String,
    face: Face,
    width: f32,
    space_before: bool,
}

#[derive(Debug, Clone)]
struct Line {
    words: Vec<Word>,
    natural: f32,
    /// Last line of a paragraph (or before a hard break): never justified.
    last: bool,
}

/// Greedy line breaking of runs into lines of at most `max` points; the first line is
/// `indent` points shorter. "\n" breaks a line.
fn wrap(m: &Metrics, runs: &[Run], size: f32, max: f32, indent: f32) -> Vec<Line> {
    let space = m.width(Face::Regular, size, " ");
    let mut lines = Vec::new();
    let mut cur = Line {
        words: Vec::new(),
        natural: 0.0,
        last: false,
    };
    let mut pending_space = false;
    let limit = |lines: &Vec<Line>| if lines.is_empty() { max - indent } else { max };
    for run in runs {
        let face = Face::new(run.bold, run.italic);
        let mut first_segment = true;
        for segment in run.text.split('\n') {
            if !first_segment {
                cur.last = true;
                lines.push(std::mem::replace(
                    &mut cur,
                    Line {
                        words: Vec::new(),
                        natural: 0.0,
                        last: false,
                    },
                ));
                pending_space = false;
            }
            first_segment = false;
            if segment.starts_with(' ') {
                pending_space = true;
            }
            let parts: Vec<&str> = segment.split(' ').filter(|p| !p.is_empty()).collect();
            for (i, part) in parts.iter().enumerate() {
                let sb = (i > 0 || pending_space) && !cur.words.is_empty();
                for piece in split_long(m, face, size, part, max) {
                    let w = m.width(face, size, &piece);
                    let extra = if sb { space } else { 0.0 };
                    if !cur.words.is_empty() && cur.natural + extra + w > limit(&lines) + 0.01 {
                        lines.push(std::mem::replace(
                            &mut cur,
                            Line {
                                words: Vec::new(),
                                natural: 0.0,
                                last: false,
                            },
                        ));
                        cur.words.push(Word {
                            text: piece,
                            face,
                            width: w,
                            space_before: false,
                        });
                        cur.natural = w;
                    } else {
                        let sb = sb && !cur.words.is_empty();
                        cur.natural += w + if sb { space } else { 0.0 };
                        cur.words.push(Word {
                            text: piece,
                            face,
                            width: w,
                            space_before: sb,
                        });
                    }
                }
            }
            pending_space = segment.ends_with(' ') && !segment.is_empty();
        }
    }
    cur.last = true;
    lines.push(cur);
    lines
}

/// A word wider than the line is cut where it must be (long codes, URLs).
fn split_long(m: &Metrics, face: Face, size: f32, word: &str, max: f32) -> Vec<String> {
    if m.width(face, size, word) <= max {
        return vec![word.to_string()];
    }
    let mut out = Vec::new();
    let mut cur = String::new();
    for c in word.chars() {
        cur.push(c);
        if m.width(face, size, &cur) > max && cur.chars().count() > 1 {
            cur.pop();
            out.push(std::mem::take(&mut cur));
            cur.push(c);
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// A cell placed in a row: first column, columns spanned, the cell, its wrapped lines.
type CellLines<'a> = (usize, usize, &'a Cell, Vec<Line>);

struct Pager<'m> {
    m: &'m Metrics,
    width: f32,
    height: f32,
    pages: Vec<Page>,
    rows: Vec<PlacedRow>,
    y: f32,
}

impl Pager<'_> {
    fn left(&self) -> f32 {
        page::LEFT
    }
    fn text_width(&self) -> f32 {
        self.width - page::LEFT - page::RIGHT
    }
    fn bottom(&self) -> f32 {
        self.height - page::BOTTOM
    }
    fn items(&mut self) -> &mut Vec<Item> {
        let last = self.pages.len() - 1;
        &mut self.pages[last].items
    }
    fn new_page(&mut self) {
        self.pages.push(Page::default());
        self.y = page::TOP;
    }
    /// Starts a new page unless `h` points still fit (an empty page always takes it).
    fn ensure(&mut self, h: f32) {
        if self.y + h > self.bottom() + 0.01 && self.y > page::TOP + 0.01 {
            self.new_page();
        }
    }

    /// Draws wrapped lines from `top` in the box [x, x+w]; returns the bottom.
    #[allow(clippy::too_many_arguments)]
    fn draw_lines(
        &mut self,
        lines: &[Line],
        x: f32,
        w: f32,
        top: f32,
        size: f32,
        align: Align,
        indent: f32,
    ) -> f32 {
        let space = self.m.width(Face::Regular, size, " ");
        let mut y = top;
        for (i, line) in lines.iter().enumerate() {
            let ind = if i == 0 { indent } else { 0.0 };
            let avail = w - ind;
            let gaps = line.words.iter().filter(|w| w.space_before).count();
            let (mut cx, stretch) = match align {
                Align::Left => (x + ind, 0.0),
                Align::Center => (x + ind + (avail - line.natural) / 2.0, 0.0),
                Align::Right => (x + ind + avail - line.natural, 0.0),
                Align::Justify if !line.last && gaps > 0 => {
                    (x + ind, (avail - line.natural).max(0.0) / gaps as f32)
                }
                Align::Justify => (x + ind, 0.0),
            };
            let baseline = y + size * ASCENT;
            for word in &line.words {
                if word.space_before {
                    cx += space + stretch;
                }
                self.items().push(Item::Text {
                    x: cx,
                    y: baseline,
                    size,
                    face: word.face,
                    text: word.text.clone(),
                });
                cx += word.width;
            }
            y += size * LINE;
        }
        y
    }

    fn para(&mut self, p: &Para, next_height: f32) {
        let indent = if p.indent { 10.0 * page::MM } else { 0.0 };
        let w = self.text_width();
        let lines = wrap(self.m, &p.runs, p.size, w, indent);
        let lh = p.size * LINE;
        // Headings stay with the next block's first lines; a paragraph of two or three
        // lines is not split (no widow or orphan line).
        let keep = if p.keep_next {
            lines.len() as f32 * lh + next_height
        } else if lines.len() <= 3 {
            lines.len() as f32 * lh
        } else {
            2.0 * lh
        };
        self.ensure(keep);
        let mut i = 0;
        while i < lines.len() {
            let room = ((self.bottom() - self.y) / lh).floor().max(0.0) as usize;
            let mut take = room.min(lines.len() - i);
            // Leave at least two lines for the next page.
            if take < lines.len() - i && lines.len() - i - take < 2 && take > 2 {
                take -= 2 - (lines.len() - i - take);
            }
            if take == 0 {
                self.new_page();
                continue;
            }
            let x = self.left();
            let ind = if i == 0 { indent } else { 0.0 };
            let chunk: Vec<Line> = lines[i..i + take].to_vec();
            self.y = self.draw_lines(&chunk, x, w, self.y, p.size, p.align, ind);
            i += take;
            if i < lines.len() {
                self.new_page();
            }
        }
        self.y += PARA_AFTER;
    }

    fn table(&mut self, t: &Table) {
        let total: f32 = t.columns.iter().map(|c| c.width).sum::<f32>().max(1.0);
        let tw = self.text_width();
        let mut xs = vec![self.left()];
        for c in &t.columns {
            let last = *xs.last().unwrap_or(&0.0);
            xs.push(last + c.width / total * tw);
        }
        let size = t.size;
        let lh = size * LINE;

        // Header grid: place every cell at the first free column of its row.
        let nrows = t.header.len();
        let ncols = t.columns.len();
        let mut taken = vec![vec![false; ncols]; nrows];
        let mut placed: Vec<(usize, usize, &Cell, Vec<Line>)> = Vec::new();
        for (r, row) in t.header.iter().enumerate() {
            let mut c = 0;
            for cell in row {
                while c < ncols && taken[r][c] {
                    c += 1;
                }
                if c >= ncols {
                    break;
                }
                let cs = cell.colspan.min(ncols - c);
                let last = (r + cell.rowspan).min(nrows);
                for line in taken.iter_mut().take(last).skip(r) {
                    for slot in line.iter_mut().skip(c).take(cs) {
                        *slot = true;
                    }
                }
                let w = xs[c + cs] - xs[c] - 2.0 * CELL_PAD_X;
                let runs = [Run {
                    text: cell.text.clone(),
                    bold: true,
                    italic: cell.italic,
                }];
                placed.push((r, c, cell, wrap(self.m, &runs, size, w, 0.0)));
                c += cs;
            }
        }
        let mut heights = vec![lh + 2.0 * CELL_PAD_Y; nrows];
        for (r, _, cell, lines) in &placed {
            if cell.rowspan <= 1 {
                heights[*r] = heights[*r].max(lines.len() as f32 * lh + 2.0 * CELL_PAD_Y);
            }
        }
        for (r, _, cell, lines) in &placed {
            if cell.rowspan > 1 {
                let last = (r + cell.rowspan).min(nrows) - 1;
                let have: f32 = heights[*r..=last].iter().sum();
                let need = lines.len() as f32 * lh + 2.0 * CELL_PAD_Y;
                if need > have {
                    heights[last] += need - have;
                }
            }
        }
        let header_h: f32 = heights.iter().sum();

        // Body rows, measured.
        let body: Vec<(f32, Vec<CellLines>)> = t
            .rows
            .iter()
            .map(|row| {
                let mut c = 0;
                let mut cells = Vec::new();
                for cell in row {
                    if c >= ncols {
                        break;
                    }
                    let cs = cell.colspan.min(ncols - c);
                    let w = xs[c + cs] - xs[c] - 2.0 * CELL_PAD_X;
                    let runs = [Run {
                        text: cell.text.clone(),
                        bold: cell.bold,
                        italic: cell.italic,
                    }];
                    cells.push((c, cs, cell, wrap(self.m, &runs, size, w, 0.0)));
                    c += cs;
                }
                let h = cells
                    .iter()
                    .map(|(_, _, _, l)| l.len() as f32 * lh)
                    .fold(lh, f32::max)
                    + 2.0 * CELL_PAD_Y;
                (h, cells)
            })
            .collect();

        let draw_header = |p: &mut Pager| {
            let top = p.y;
            let mut tops = vec![top];
            for h in &heights {
                let last = *tops.last().unwrap_or(&top);
                tops.push(last + h);
            }
            for (r, c, cell, lines) in &placed {
                let cs = cell.colspan.min(ncols - c);
                let last = (r + cell.rowspan).min(nrows);
                let (x0, x1, y0, y1) = (xs[*c], xs[c + cs], tops[*r], tops[last]);
                p.cell_box(x0, x1, y0, y1);
                let th = lines.len() as f32 * lh;
                let ty = y0 + ((y1 - y0) - th) / 2.0;
                let align = cell.align.unwrap_or(Align::Center);
                p.draw_lines(
                    lines,
                    x0 + CELL_PAD_X,
                    x1 - x0 - 2.0 * CELL_PAD_X,
                    ty,
                    size,
                    align,
                    0.0,
                );
            }
            for r in 0..nrows {
                p.rows.push(PlacedRow {
                    page: p.pages.len() - 1,
                    top: tops[r],
                    bottom: tops[r + 1],
                    header: true,
                });
            }
            p.y = tops[nrows];
        };

        let first = body.first().map(|(h, _)| *h).unwrap_or(0.0);
        self.ensure(header_h + first);
        draw_header(self);
        let mut on_page = 0;
        for (i, (h, cells)) in body.iter().enumerate() {
            // The last row (often "Tổng cộng") never goes alone under a repeated header:
            // the row before it goes with it.
            let last_alone = i + 2 == body.len()
                && on_page > 1
                && self.y + h + body[i + 1].0 > self.bottom() + 0.01;
            // A group heading row ("I. TẬP THỂ", "Chia theo hình thức") stays with its
            // first row.
            let heading_alone = cells.len() == 1
                && cells[0].1 == ncols
                && on_page > 0
                && body
                    .get(i + 1)
                    .is_some_and(|(next, _)| self.y + h + next > self.bottom() + 0.01);
            if self.y + h > self.bottom() + 0.01 || last_alone || heading_alone {
                self.new_page();
                draw_header(self);
                on_page = 0;
            }
            on_page += 1;
            let (y0, y1) = (self.y, self.y + h);
            for (c, cs, cell, lines) in cells {
                let (x0, x1) = (xs[*c], xs[c + cs]);
                self.cell_box(x0, x1, y0, y1);
                let th = lines.len() as f32 * lh;
                let ty = y0 + (h - th) / 2.0;
                let align = cell.align.unwrap_or(t.columns[*c].align);
                self.draw_lines(
                    lines,
                    x0 + CELL_PAD_X,
                    x1 - x0 - 2.0 * CELL_PAD_X,
                    ty,
                    size,
                    align,
                    0.0,
                );
            }
            self.rows.push(PlacedRow {
                page: self.pages.len() - 1,
                top: y0,
                bottom: y1,
                header: false,
            });
            self.y = y1;
        }
        self.y += PARA_AFTER + 4.0;
    }

    fn cell_box(&mut self, x0: f32, x1: f32, y0: f32, y1: f32) {
        let w = 0.6;
        let items = self.items();
        for (a, b, c, d) in [
            (x0, y0, x1, y0),
            (x0, y1, x1, y1),
            (x0, y0, x0, y1),
            (x1, y0, x1, y1),
        ] {
            items.push(Item::Line {
                x1: a,
                y1: b,
                x2: c,
                y2: d,
                width: w,
            });
        }
    }

    fn chart(&mut self, ch: &Chart) {
        let tw = self.text_width();
        let plot_h = 150.0;
        let total_h = 14.0 * LINE + 18.0 + plot_h + 40.0;
        self.ensure(total_h);
        let x0 = self.left();
        let title = [Run::bold(&ch.title)];
        let lines = wrap(self.m, &title, 12.0, tw, 0.0);
        self.y = self.draw_lines(&lines, x0, tw, self.y, 12.0, Align::Center, 0.0);
        // Legend.
        let mut lx = x0 + 40.0;
        let ly = self.y + 4.0;
        for (i, (name, _)) in ch.series.iter().enumerate() {
            let rgb = PALETTE[i % PALETTE.len()];
            self.items().push(Item::Rect {
                x: lx,
                y: ly,
                w: 10.0,
                h: 8.0,
                rgb,
            });
            self.items().push(Item::Text {
                x: lx + 14.0,
                y: ly + 8.0,
                size: 10.0,
                face: Face::Regular,
                text: name.clone(),
            });
            lx += 24.0 + self.m.width(Face::Regular, 10.0, name);
        }
        let top = self.y + 18.0;
        let axis_x = x0 + 36.0;
        let plot_w = tw - 40.0;
        let base = top + plot_h;
        let max = ch
            .series
            .iter()
            .flat_map(|(_, v)| v.iter().copied())
            .fold(0.0_f64, f64::max);
        let step = nice_step(max);
        let top_value = (max / step).ceil().max(1.0) * step;
        let mut v = 0.0;
        while v <= top_value + 1e-9 {
            let y = base - (v / top_value) as f32 * plot_h;
            self.items().push(Item::Line {
                x1: axis_x,
                y1: y,
                x2: axis_x + plot_w,
                y2: y,
                width: if v == 0.0 { 0.8 } else { 0.25 },
            });
            let label = crate::rules::format_vnd(v.round() as i64);
            let lw = self.m.width(Face::Regular, 9.0, &label);
            self.items().push(Item::Text {
                x: axis_x - 4.0 - lw,
                y: y + 3.0,
                size: 9.0,
                face: Face::Regular,
                text: label,
            });
            v += step;
        }
        let n = ch.categories.len().max(1);
        let group_w = plot_w / n as f32;
        let series = ch.series.len().max(1);
        let bar_w = (group_w * 0.7 / series as f32).min(40.0);
        for (ci, cat) in ch.categories.iter().enumerate() {
            let gx = axis_x + ci as f32 * group_w;
            let bars_w = bar_w * series as f32;
            let bx0 = gx + (group_w - bars_w) / 2.0;
            for (si, (_, values)) in ch.series.iter().enumerate() {
                let value = values.get(ci).copied().unwrap_or(0.0);
                let h = (value / top_value) as f32 * plot_h;
                let bx = bx0 + si as f32 * bar_w;
                self.items().push(Item::Rect {
                    x: bx,
                    y: base - h,
                    w: bar_w - 1.0,
                    h,
                    rgb: PALETTE[si % PALETTE.len()],
                });
                let label = crate::rules::format_vnd(value.round() as i64);
                let lw = self.m.width(Face::Regular, 8.0, &label);
                self.items().push(Item::Text {
                    x: bx + (bar_w - 1.0 - lw) / 2.0,
                    y: base - h - 2.0,
                    size: 8.0,
                    face: Face::Regular,
                    text: label,
                });
            }
            let lines = wrap(self.m, &[Run::plain(cat)], 9.0, group_w - 4.0, 0.0);
            let lines = &lines[..lines.len().min(3)];
            self.draw_lines(
                lines,
                gx + 2.0,
                group_w - 4.0,
                base + 3.0,
                9.0,
                Align::Center,
                0.0,
            );
        }
        self.y = base + 3.0 + 3.0 * 9.0 * LINE + PARA_AFTER;
    }

    fn closing(&mut self, c: &Closing) {
        let tw = self.text_width();
        let lw = tw * 0.45;
        let rw = tw - lw;
        let x = self.left();
        let mut left: Vec<(Vec<Line>, f32)> = Vec::new();
        left.push((
            wrap(
                self.m,
                &[Run {
                    text: "Nơi nhận:".into(),
                    bold: true,
                    italic: true,
                }],
                12.0,
                lw,
                0.0,
            ),
            12.0,
        ));
        let n = c.recipients.len();
        for (i, r) in c.recipients.iter().enumerate() {
            let end = if i + 1 == n { "." } else { ";" };
            left.push((
                wrap(self.m, &[Run::plain(format!("- {r}{end}"))], 11.0, lw, 0.0),
                11.0,
            ));
        }
        let lh_left: f32 = left.iter().map(|(l, s)| l.len() as f32 * s * LINE).sum();
        let sign: Vec<Vec<Line>> = c
            .sign_lines
            .iter()
            .map(|s| wrap(self.m, &[Run::bold(s.to_uppercase())], 14.0, rw, 0.0))
            .collect();
        let sign_h: f32 = sign.iter().map(|l| l.len() as f32 * 14.0 * LINE).sum();
        let gap = 72.0;
        let right_h = sign_h + gap + 14.0 * LINE;
        self.ensure(lh_left.max(right_h) + 6.0);
        let top = self.y + 6.0;
        let mut y = top;
        for (lines, size) in &left {
            y = self.draw_lines(lines, x, lw, y, *size, Align::Left, 0.0);
        }
        let left_bottom = y;
        let mut y = top;
        for lines in &sign {
            y = self.draw_lines(lines, x + lw, rw, y, 14.0, Align::Center, 0.0);
        }
        y += gap;
        let name = wrap(self.m, &[Run::bold(&c.signer_name)], 14.0, rw, 0.0);
        y = self.draw_lines(&name, x + lw, rw, y, 14.0, Align::Center, 0.0);
        self.y = y.max(left_bottom);
    }

    /// The two header blocks, the title and the summary (first page).
    fn heading(&mut self, d: &Document) {
        let tw = self.text_width();
        let x = self.left();
        let nation = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
        let nation_w = self.m.width(Face::Bold, 12.0, nation);
        let rw = (nation_w + 8.0).max(tw * 0.56);
        let lw = tw - rw;
        let top = self.y;

        let mut y = top;
        let parent = wrap(
            self.m,
            &[Run::plain(d.parent.to_uppercase())],
            13.0,
            lw,
            0.0,
        );
        if !d.parent.is_empty() {
            y = self.draw_lines(&parent, x, lw, y, 13.0, Align::Center, 0.0);
        }
        let issuer = wrap(self.m, &[Run::bold(d.issuer.to_uppercase())], 13.0, lw, 0.0);
        y = self.draw_lines(&issuer, x, lw, y, 13.0, Align::Center, 0.0);
        let iw = issuer.iter().map(|l| l.natural).fold(0.0, f32::max);
        let rule = iw / 3.0;
        self.items().push(Item::Line {
            x1: x + (lw - rule) / 2.0,
            y1: y + 2.0,
            x2: x + (lw + rule) / 2.0,
            y2: y + 2.0,
            width: 0.6,
        });
        y += 8.0;
        if !d.number.is_empty() {
            let number = wrap(self.m, &[Run::plain(&d.number)], 13.0, lw, 0.0);
            y = self.draw_lines(&number, x, lw, y, 13.0, Align::Center, 0.0);
        }
        let left_bottom = y;

        let rx = x + lw;
        let mut y = top;
        let nation_lines = wrap(self.m, &[Run::bold(nation)], 12.0, rw, 0.0);
        y = self.draw_lines(&nation_lines, rx, rw, y + 1.0, 12.0, Align::Center, 0.0);
        let motto = "Độc lập - Tự do - Hạnh phúc";
        let motto_lines = wrap(self.m, &[Run::bold(motto)], 13.0, rw, 0.0);
        y = self.draw_lines(&motto_lines, rx, rw, y, 13.0, Align::Center, 0.0);
        let mw = self.m.width(Face::Bold, 13.0, motto);
        self.items().push(Item::Line {
            x1: rx + (rw - mw) / 2.0,
            y1: y + 2.0,
            x2: rx + (rw + mw) / 2.0,
            y2: y + 2.0,
            width: 0.6,
        });
        y += 8.0;
        let place = wrap(self.m, &[Run::italic(&d.place_date)], 14.0, rw, 0.0);
        y = self.draw_lines(&place, rx, rw, y, 14.0, Align::Center, 0.0);
        self.y = y.max(left_bottom) + 14.0;

        let title = wrap(self.m, &[Run::bold(d.title.to_uppercase())], 14.0, tw, 0.0);
        self.y = self.draw_lines(&title, x, tw, self.y, 14.0, Align::Center, 0.0);
        let mut widest: f32 = 0.0;
        for s in &d.summary {
            let lines = wrap(self.m, &[Run::bold(s)], 14.0, tw * 0.85, 0.0);
            widest = lines.iter().map(|l| l.natural).fold(widest, f32::max);
            self.y = self.draw_lines(
                &lines,
                x + tw * 0.075,
                tw * 0.85,
                self.y,
                14.0,
                Align::Center,
                0.0,
            );
        }
        if !d.summary.is_empty() {
            let rule = widest.clamp(60.0, tw) / 3.0;
            let y = self.y + 3.0;
            self.items().push(Item::Line {
                x1: x + (tw - rule) / 2.0,
                y1: y,
                x2: x + (tw + rule) / 2.0,
                y2: y,
                width: 0.6,
            });
        }
        self.y += 16.0;
    }
}

/// Bar colours, told apart also when printed in grey.
const PALETTE: [(u8, u8, u8); 3] = [(31, 63, 122), (140, 170, 214), (214, 126, 44)];

/// A step of 1, 2 or 5 × 10^k giving four to eight grid lines.
fn nice_step(max: f64) -> f64 {
    if max <= 0.0 {
        return 1.0;
    }
    let raw = max / 5.0;
    let mag = 10f64.powf(raw.log10().floor());
    let n = raw / mag;
    let f = if n <= 1.0 {
        1.0
    } else if n <= 2.0 {
        2.0
    } else if n <= 5.0 {
        5.0
    } else {
        10.0
    };
    (f * mag).max(1.0)
}

/// Height the block needs at the top of a page for a heading to stay with it.
fn lead_height(b: Option<&Block>) -> f32 {
    match b {
        Some(Block::Para(p)) => 2.0 * p.size * LINE,
        Some(Block::Table(t)) => (t.header.len() as f32 + 1.0) * (t.size * LINE + 2.0 * CELL_PAD_Y),
        Some(Block::Chart(_)) => 220.0,
        Some(Block::Closing(_)) => 150.0,
        Some(Block::PageBreak) | None => 0.0,
    }
}

pub fn layout(d: &Document, m: &Metrics) -> Layout {
    let (width, height) = page::size(d.landscape);
    let mut p = Pager {
        m,
        width,
        height,
        pages: Vec::new(),
        rows: Vec::new(),
        y: page::TOP,
    };
    p.new_page();
    p.heading(d);
    for (i, b) in d.blocks.iter().enumerate() {
        match b {
            Block::Para(para) => p.para(para, lead_height(d.blocks.get(i + 1))),
            Block::Table(t) => p.table(t),
            Block::Chart(c) => p.chart(c),
            Block::PageBreak => p.new_page(),
            Block::Closing(c) => p.closing(c),
        }
    }
    // Page numbers: centred in the top margin, from page 2 on.
    for (i, pg) in p.pages.iter_mut().enumerate().skip(1) {
        let text = (i + 1).to_string();
        let w = m.width(Face::Regular, 13.0, &text);
        pg.items.push(Item::Text {
            x: page::LEFT + (width - page::LEFT - page::RIGHT - w) / 2.0,
            y: page::TOP * 0.6,
            size: 13.0,
            face: Face::Regular,
            text,
        });
    }
    Layout {
        width,
        height,
        pages: p.pages,
        rows: p.rows,
    }
}
