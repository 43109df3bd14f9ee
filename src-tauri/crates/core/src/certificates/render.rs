//! Placing the texts on the sheet and writing the PDF (krilla), one page per certificate.
//!
//! Nothing but the variable text is printed: the blank already has its heading and border.
//! A text wider than its field is made smaller, never wrapped (a name broken over two lines
//! spoils the certificate); only fields allowed several lines wrap, at spaces.

use super::texts::CertificateTexts;
use super::{num, Align, CertificateField, CertificateLayout, FieldKind};
use super::{LINE_SPACING, SHRINK_FLOOR};
use crate::error::{Error, Result};
use crate::fonts::{serif, Face};
use crate::store::Store;
use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::metadata::Metadata;
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke, StrokeDash};
use krilla::surface::Surface;
use krilla::text::{Font, TextDirection};
use krilla::Document;
use serde::Serialize;
use std::path::Path;
use ts_rs::TS;

const PT_PER_MM: f64 = 72.0 / 25.4;

fn pt(mm: f64) -> f32 {
    (mm * PT_PER_MM) as f32
}

/// One line of a placed field: where its text starts (left end, baseline) and how wide it is.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct PlacedLine {
    pub text: String,
    pub x_mm: f64,
    pub baseline_mm: f64,
    pub width_mm: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct PlacedField {
    /// Position of the field in the layout's list.
    pub index: usize,
    pub kind: FieldKind,
    pub title: String,
    pub lines: Vec<PlacedLine>,
    /// The size printed: the field's size, or smaller when the text had to shrink.
    pub font_size_pt: f64,
    pub shrunk: bool,
    /// Still wider (or longer) than the field at the smallest size allowed.
    pub overflow: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct PlacedPage {
    pub recipient: String,
    pub fields: Vec<PlacedField>,
}

/// What a print wrote, for the confirmation and for scripts.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct CertificateSummary {
    pub path: String,
    pub layout: String,
    pub decision_number: Option<String>,
    pub pages: usize,
    /// Texts that did not fit even at the smallest size, per page.
    pub warnings: Vec<String>,
    /// How many texts were printed smaller than their field's size to fit.
    pub shrunk: usize,
    pub placed: Vec<PlacedPage>,
}

/// The four faces of the bundled serif, parsed once for measuring.
struct Faces {
    shaping: [rustybuzz::Face<'static>; 4],
    pdf: [Font; 4],
}

const FACES: [Face; 4] = [Face::Regular, Face::Bold, Face::Italic, Face::BoldItalic];

fn face_index(bold: bool, italic: bool) -> usize {
    match Face::new(bold, italic) {
        Face::Regular => 0,
        Face::Bold => 1,
        Face::Italic => 2,
        Face::BoldItalic => 3,
    }
}

impl Faces {
    fn load() -> Result<Faces> {
        let broken = || Error::invalid("font", "Phông chữ in giấy khen bị hỏng.");
        let mut shaping = Vec::with_capacity(4);
        let mut pdf = Vec::with_capacity(4);
        for face in FACES {
            let bytes = serif(face);
            shaping.push(rustybuzz::Face::from_slice(bytes, 0).ok_or_else(broken)?);
            pdf.push(Font::new(bytes.into(), 0).ok_or_else(broken)?);
        }
        Ok(Faces {
            shaping: shaping.try_into().map_err(|_| broken())?,
            pdf: pdf.try_into().map_err(|_| broken())?,
        })
    }

    /// Width in mm of `text` at `size_pt`, shaped as krilla shapes it when drawing.
    fn width_mm(&self, face: usize, text: &str, size_pt: f64) -> f64 {
        let f = &self.shaping[face];
        let mut buffer = rustybuzz::UnicodeBuffer::new();
        buffer.push_str(text);
        let shaped = rustybuzz::shape(f, &[], buffer);
        let units: i64 = shaped
            .glyph_positions()
            .iter()
            .map(|p| i64::from(p.x_advance))
            .sum();
        units as f64 / f64::from(f.units_per_em()) * size_pt / PT_PER_MM
    }
}

/// Breaks `text` at spaces into lines no wider than `width` (hard line breaks kept). A field
/// of one line is never broken.
fn wrap(
    faces: &Faces,
    face: usize,
    text: &str,
    size: f64,
    field: &CertificateField,
) -> Vec<String> {
    let mut lines = Vec::new();
    for hard in text.split('\n') {
        if field.max_lines <= 1 {
            lines.push(hard.to_string());
            continue;
        }
        let mut line = String::new();
        for word in hard.split_whitespace() {
            let candidate = if line.is_empty() {
                word.to_string()
            } else {
                format!("{line} {word}")
            };
            if line.is_empty() || faces.width_mm(face, &candidate, size) <= field.width_mm {
                line = candidate;
            } else {
                lines.push(std::mem::take(&mut line));
                line = word.to_string();
            }
        }
        lines.push(line);
    }
    lines
}

/// Places one field's text: the largest size from the field's own down to the floor at which
/// it fits in its lines and width.
fn place_field(
    faces: &Faces,
    index: usize,
    field: &CertificateField,
    text: &str,
    offset: (f64, f64),
) -> Option<PlacedField> {
    let text = if field.uppercase {
        text.to_uppercase()
    } else {
        text.to_string()
    };
    if text.trim().is_empty() {
        return None;
    }
    let face = face_index(field.bold, field.italic);
    let floor = field.font_size_pt * SHRINK_FLOOR;
    let mut size = field.font_size_pt;
    let (lines, overflow) = loop {
        let lines = wrap(faces, face, &text, size, field);
        let fits = lines.len() <= usize::from(field.max_lines)
            && lines
                .iter()
                .all(|l| faces.width_mm(face, l, size) <= field.width_mm);
        if fits || size <= floor {
            break (lines, !fits);
        }
        // Quarter points: fine enough that a name is not made visibly smaller than needed.
        size = (size - 0.25).max(floor);
    };
    let step = size / PT_PER_MM * LINE_SPACING;
    let placed = lines
        .into_iter()
        .enumerate()
        .map(|(i, line)| {
            let w = faces.width_mm(face, &line, size);
            let x = match field.align {
                Align::Left => field.x_mm,
                Align::Center => field.x_mm + (field.width_mm - w) / 2.0,
                Align::Right => field.x_mm + field.width_mm - w,
            };
            PlacedLine {
                text: line,
                x_mm: x + offset.0,
                baseline_mm: field.y_mm + i as f64 * step + offset.1,
                width_mm: w,
            }
        })
        .collect();
    Some(PlacedField {
        index,
        kind: field.kind,
        title: field.title(),
        lines: placed,
        font_size_pt: size,
        shrunk: size < field.font_size_pt,
        overflow,
    })
}

fn place_page(faces: &Faces, layout: &CertificateLayout, texts: &CertificateTexts) -> PlacedPage {
    let offset = (layout.offset_x_mm, layout.offset_y_mm);
    PlacedPage {
        recipient: texts.recipient_name.clone(),
        fields: layout
            .fields
            .iter()
            .enumerate()
            .filter_map(|(i, f)| place_field(faces, i, f, &texts.text_for(f), offset))
            .collect(),
    }
}

fn draw_text(surface: &mut Surface, faces: &Faces, field: &CertificateField, placed: &PlacedField) {
    let font = faces.pdf[face_index(field.bold, field.italic)].clone();
    surface.set_stroke(None);
    surface.set_fill(Some(Fill::default()));
    for line in &placed.lines {
        surface.draw_text(
            Point::from_xy(pt(line.x_mm), pt(line.baseline_mm)),
            font.clone(),
            placed.font_size_pt as f32,
            &line.text,
            false,
            TextDirection::Auto,
        );
    }
}

fn stroke(surface: &mut Surface, colour: rgb::Color, width: f32, dash: bool) {
    surface.set_fill(None);
    surface.set_stroke(Some(Stroke {
        paint: colour.into(),
        width,
        dash: dash.then(|| StrokeDash {
            array: vec![2.0, 1.5],
            offset: 0.0,
        }),
        ..Default::default()
    }));
}

fn line(surface: &mut Surface, x1: f64, y1: f64, x2: f64, y2: f64) {
    let mut pb = PathBuilder::new();
    pb.move_to(pt(x1), pt(y1));
    pb.line_to(pt(x2), pt(y2));
    if let Some(path) = pb.finish() {
        surface.draw_path(&path);
    }
}

fn label(surface: &mut Surface, faces: &Faces, x_mm: f64, y_mm: f64, size: f32, text: &str) {
    surface.set_stroke(None);
    surface.set_fill(Some(Fill {
        paint: rgb::Color::new(90, 90, 90).into(),
        ..Default::default()
    }));
    surface.draw_text(
        Point::from_xy(pt(x_mm), pt(y_mm)),
        faces.pdf[0].clone(),
        size,
        text,
        false,
        TextDirection::Auto,
    );
}

/// The millimetre grid of the calibration page: a line every 5 mm, darker every 10 mm with
/// its value along the top and left edges, and 1 mm ticks along the edges like a ruler.
fn draw_grid(surface: &mut Surface, faces: &Faces, layout: &CertificateLayout) {
    let (w, h) = (layout.page_width_mm, layout.page_height_mm);
    let (dx, dy) = (layout.offset_x_mm, layout.offset_y_mm);
    let cols = w.floor() as i64;
    let rows = h.floor() as i64;
    for (count, vertical) in [(cols, true), (rows, false)] {
        for i in 1..=count {
            let v = i as f64;
            let (grey, width, tick_only) = match i {
                i if i % 10 == 0 => (150, 0.4, false),
                i if i % 5 == 0 => (205, 0.25, false),
                _ => (120, 0.2, true),
            };
            stroke(surface, rgb::Color::new(grey, grey, grey), width, false);
            let tick = if tick_only { 1.5 } else { 0.0 };
            if vertical {
                let x = v + dx;
                if tick_only {
                    line(surface, x, dy, x, dy + tick);
                    line(surface, x, dy + h - tick, x, dy + h);
                } else {
                    line(surface, x, dy, x, dy + h);
                }
            } else {
                let y = v + dy;
                if tick_only {
                    line(surface, dx, y, dx + tick, y);
                    line(surface, dx + w - tick, y, dx + w, y);
                } else {
                    line(surface, dx, y, dx + w, y);
                }
            }
        }
    }
    for i in (10..=cols).step_by(10) {
        label(
            surface,
            faces,
            i as f64 + 0.6 + dx,
            4.2 + dy,
            6.0,
            &i.to_string(),
        );
    }
    for i in (10..=rows).step_by(10) {
        label(
            surface,
            faces,
            2.2 + dx,
            i as f64 - 0.6 + dy,
            6.0,
            &i.to_string(),
        );
    }
}

/// A field's box on the calibration page: the area its letters take (from the ascent of the
/// first line to the descent of the last), its baseline dashed, and its name above it.
fn draw_field_box(surface: &mut Surface, faces: &Faces, field: &CertificateField, off: (f64, f64)) {
    let size_mm = field.font_size_pt / PT_PER_MM;
    let x = field.x_mm + off.0;
    let top = field.y_mm - 0.9 * size_mm + off.1;
    let last = field.y_mm + f64::from(field.max_lines - 1) * size_mm * LINE_SPACING + off.1;
    let bottom = last + 0.22 * size_mm;
    stroke(surface, rgb::Color::new(200, 30, 30), 0.6, false);
    if let Some(rect) = Rect::from_xywh(pt(x), pt(top), pt(field.width_mm), pt(bottom - top)) {
        let mut pb = PathBuilder::new();
        pb.push_rect(rect);
        if let Some(path) = pb.finish() {
            surface.draw_path(&path);
        }
    }
    stroke(surface, rgb::Color::new(200, 30, 30), 0.4, true);
    line(
        surface,
        x,
        field.y_mm + off.1,
        x + field.width_mm,
        field.y_mm + off.1,
    );
    let style = [
        field.bold.then_some("đậm"),
        field.italic.then_some("nghiêng"),
        field.uppercase.then_some("chữ hoa"),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(", ");
    let caption = format!(
        "{} — x {}, y {}, rộng {} mm, {} pt{}",
        field.title(),
        num(field.x_mm),
        num(field.y_mm),
        num(field.width_mm),
        num(field.font_size_pt),
        if style.is_empty() {
            String::new()
        } else {
            format!(", {style}")
        }
    );
    label(surface, faces, x + 0.5, top - 0.8, 6.5, &caption);
}

fn finish(doc: Document) -> Result<Vec<u8>> {
    doc.finish()
        .map_err(|e| Error::invalid("pdf", format!("Không tạo được tệp PDF ({e:?}).")))
}

fn page_settings(layout: &CertificateLayout) -> Result<PageSettings> {
    PageSettings::from_wh(pt(layout.page_width_mm), pt(layout.page_height_mm)).ok_or_else(|| {
        Error::invalid(
            "page_width_mm",
            format!(
                "Khổ giấy {}×{} mm không hợp lệ.",
                num(layout.page_width_mm),
                num(layout.page_height_mm)
            ),
        )
    })
}

fn metadata(title: String) -> Metadata {
    Metadata::new()
        .title(title)
        .language("vi".into())
        .creator("Sổ Thi đua – Khen thưởng".into())
}

/// The certificates of `pages`, one page each, text only.
fn certificates_pdf(
    faces: &Faces,
    layout: &CertificateLayout,
    placed: &[PlacedPage],
    title: String,
) -> Result<Vec<u8>> {
    let mut doc = Document::new();
    doc.set_metadata(metadata(title));
    for page in placed {
        let mut p = doc.start_page_with(page_settings(layout)?);
        let mut surface = p.surface();
        for pf in &page.fields {
            if let Some(field) = layout.fields.get(pf.index) {
                draw_text(&mut surface, faces, field, pf);
            }
        }
        surface.finish();
        p.finish();
    }
    finish(doc)
}

fn write(path: &Path, bytes: &[u8]) -> Result<()> {
    std::fs::write(path, bytes).map_err(|e| Error::io(path, e))
}

fn warnings(placed: &[PlacedPage], layout: &CertificateLayout) -> Vec<String> {
    let mut out = Vec::new();
    for (i, page) in placed.iter().enumerate() {
        for f in page.fields.iter().filter(|f| f.overflow) {
            let width = layout
                .fields
                .get(f.index)
                .map(|l| num(l.width_mm))
                .unwrap_or_default();
            out.push(format!(
                "Trang {} ({}): ô \"{}\" vẫn không vừa chiều rộng {width} mm dù chữ đã thu nhỏ còn {} pt; hãy nới rộng ô hoặc rút gọn nội dung.",
                i + 1,
                page.recipient,
                f.title,
                num(f.font_size_pt)
            ));
        }
    }
    out
}

impl Store {
    /// Places every certificate of a decision on `layout` without writing anything: what the
    /// preview shows and what the PDF will print.
    pub fn place_certificates(
        &self,
        decision_id: &str,
        layout: &CertificateLayout,
    ) -> Result<Vec<PlacedPage>> {
        let faces = Faces::load()?;
        Ok(self
            .certificate_texts(decision_id)?
            .iter()
            .map(|t| place_page(&faces, layout, t))
            .collect())
    }

    /// Writes the certificates of every recipient of a decision to one PDF, a page each, in
    /// the decision's order.
    pub fn write_certificates(
        &self,
        decision_id: &str,
        layout_id: Option<&str>,
        path: &Path,
    ) -> Result<CertificateSummary> {
        let decision = self.decision(decision_id)?;
        let layout = match layout_id {
            Some(id) => self.certificate_layout(id)?,
            None => self.certificate_layout_named(None)?,
        };
        let texts = self.certificate_texts(&decision.id)?;
        if texts.is_empty() {
            return Err(Error::invalid(
                "decision",
                format!(
                    "Quyết định số {} chưa có ai được khen, không có giấy khen để in.",
                    decision.number
                ),
            ));
        }
        let faces = Faces::load()?;
        let placed: Vec<PlacedPage> = texts
            .iter()
            .map(|t| place_page(&faces, &layout, t))
            .collect();
        let pdf = certificates_pdf(
            &faces,
            &layout,
            &placed,
            format!("Giấy khen theo Quyết định số {}", decision.number),
        )?;
        write(path, &pdf)?;
        Ok(CertificateSummary {
            path: path.display().to_string(),
            layout: layout.name.clone(),
            decision_number: Some(decision.number),
            pages: placed.len(),
            warnings: warnings(&placed, &layout),
            shrunk: placed
                .iter()
                .flat_map(|p| &p.fields)
                .filter(|f| f.shrunk)
                .count(),
            placed,
        })
    }

    /// The calibration page, for plain paper: the millimetre grid, every field's box with its
    /// name and settings, and sample texts where the real ones will print.
    pub fn write_certificate_calibration(
        &self,
        layout_id: Option<&str>,
        path: &Path,
    ) -> Result<CertificateSummary> {
        let layout = match layout_id {
            Some(id) => self.certificate_layout(id)?,
            None => self.certificate_layout_named(None)?,
        };
        let faces = Faces::load()?;
        let sample = place_page(&faces, &layout, &CertificateTexts::sample());
        let mut doc = Document::new();
        doc.set_metadata(metadata(format!(
            "Trang căn chỉnh mẫu giấy khen \"{}\"",
            layout.name
        )));
        {
            let mut p = doc.start_page_with(page_settings(&layout)?);
            let mut surface = p.surface();
            let off = (layout.offset_x_mm, layout.offset_y_mm);
            draw_grid(&mut surface, &faces, &layout);
            for field in &layout.fields {
                draw_field_box(&mut surface, &faces, field, off);
            }
            for pf in &sample.fields {
                if let Some(field) = layout.fields.get(pf.index) {
                    draw_text(&mut surface, &faces, field, pf);
                }
            }
            label(
                &mut surface,
                &faces,
                12.0 + off.0,
                layout.page_height_mm - 3.0 + off.1,
                7.0,
                &format!(
                    "Trang căn chỉnh \"{}\" — khổ {}×{} mm, độ lệch máy in x {} mm, y {} mm. In trên giấy trắng, đặt chồng lên phôi, soi trước ánh sáng để so vị trí các ô.",
                    layout.name,
                    num(layout.page_width_mm),
                    num(layout.page_height_mm),
                    num(layout.offset_x_mm),
                    num(layout.offset_y_mm)
                ),
            );
            surface.finish();
            p.finish();
        }
        write(path, &finish(doc)?)?;
        Ok(CertificateSummary {
            path: path.display().to_string(),
            layout: layout.name.clone(),
            decision_number: None,
            pages: 1,
            warnings: warnings(std::slice::from_ref(&sample), &layout),
            shrunk: sample.fields.iter().filter(|f| f.shrunk).count(),
            placed: vec![sample],
        })
    }
}
