//! PDF of a laid-out document, written by krilla: subset TrueType fonts with Unicode maps (the
//! text stays searchable and copyable), lines and bars as vector paths.

use super::layout::{Item, Layout};
use crate::error::{Error, Result};
use crate::fonts::{serif, Face};
use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::metadata::Metadata;
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::text::{Font, TextDirection};
use krilla::Document;

fn font(face: Face) -> Result<Font> {
    Font::new(serif(face).into(), 0)
        .ok_or_else(|| Error::invalid("font", "Không đọc được phông chữ Liberation Serif đi kèm."))
}

pub fn render(layout: &Layout, title: &str) -> Result<Vec<u8>> {
    let faces = [Face::Regular, Face::Bold, Face::Italic, Face::BoldItalic];
    let fonts: Vec<(Face, Font)> = faces
        .into_iter()
        .map(|f| font(f).map(|x| (f, x)))
        .collect::<Result<_>>()?;
    let mut doc = Document::new();
    doc.set_metadata(
        Metadata::new()
            .title(title.to_string())
            .language("vi".to_string())
            .creator("Sổ Thi đua – Khen thưởng".to_string()),
    );
    let black = Fill {
        paint: rgb::Color::new(0, 0, 0).into(),
        opacity: NormalizedF32::ONE,
        rule: Default::default(),
    };
    for pg in &layout.pages {
        let settings = PageSettings::from_wh(layout.width, layout.height)
            .ok_or_else(|| Error::invalid("page", "Khổ giấy không hợp lệ."))?;
        let mut page = doc.start_page_with(settings);
        let mut s = page.surface();
        for item in &pg.items {
            match item {
                Item::Text {
                    x,
                    y,
                    size,
                    face,
                    text,
                } => {
                    let Some((_, f)) = fonts.iter().find(|(x, _)| x == face) else {
                        continue;
                    };
                    s.set_fill(Some(black.clone()));
                    s.set_stroke(None);
                    s.draw_text(
                        Point::from_xy(*x, *y),
                        f.clone(),
                        *size,
                        text,
                        false,
                        TextDirection::LeftToRight,
                    );
                }
                Item::Line {
                    x1,
                    y1,
                    x2,
                    y2,
                    width,
                } => {
                    let mut pb = PathBuilder::new();
                    pb.move_to(*x1, *y1);
                    pb.line_to(*x2, *y2);
                    if let Some(path) = pb.finish() {
                        s.set_fill(None);
                        s.set_stroke(Some(Stroke {
                            paint: rgb::Color::new(0, 0, 0).into(),
                            width: *width,
                            ..Default::default()
                        }));
                        s.draw_path(&path);
                    }
                }
                Item::Rect { x, y, w, h, rgb: c } => {
                    let (Some(rect), true) = (Rect::from_xywh(*x, *y, *w, *h), *h > 0.0) else {
                        continue;
                    };
                    let mut pb = PathBuilder::new();
                    pb.push_rect(rect);
                    if let Some(path) = pb.finish() {
                        s.set_stroke(None);
                        s.set_fill(Some(Fill {
                            paint: rgb::Color::new(c.0, c.1, c.2).into(),
                            opacity: NormalizedF32::ONE,
                            rule: Default::default(),
                        }));
                        s.draw_path(&path);
                    }
                }
            }
        }
        s.finish();
        page.finish();
    }
    doc.finish()
        .map_err(|e| Error::invalid("pdf", format!("Không tạo được tệp PDF ({e:?}).")))
}
