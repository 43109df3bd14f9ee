//! Certificates (giấy khen) printed on the office's pre-printed blanks (phôi).
//!
//! The blank carries the national heading, the emblem and the title; the program prints only
//! the variable texts, each at a position the clerk measured on the blank (a *layout*). A
//! calibration page on plain paper shows a millimetre grid and every field's box, to hold
//! against the blank in front of a window; the offset then corrects a printer that shifts.
//!
//! Positions are millimetres from the top-left corner of the sheet. A field's anchor is the
//! left end of its box on the baseline of its (first) line: that is the dotted line printed
//! on the blank, which is what the clerk measures with a ruler.

mod render;
mod texts;

pub use render::{CertificateSummary, PlacedField, PlacedPage};
pub use texts::CertificateTexts;

use crate::error::{Error, Result};
use crate::store::{new_id, now, Store};
use crate::text::clean;
use rusqlite::{params, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What a field prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum FieldKind {
    /// The person, the collective or the household.
    RecipientName,
    /// "Giáo viên, Trường Tiểu học An Bình".
    PositionUnit,
    /// "Đã có thành tích xuất sắc trong …".
    Achievement,
    /// "Quyết định số 45/QĐ-UBND ngày 20/12/2025".
    DecisionRef,
    /// "An Bình, ngày 20 tháng 12 năm 2025".
    PlaceDate,
    SignerTitle,
    SignerName,
    /// A fixed text the blank lacks (e.g. a "Số vào sổ" line), typed in the layout.
    FreeText,
}

impl FieldKind {
    pub const ALL: [FieldKind; 8] = [
        Self::RecipientName,
        Self::PositionUnit,
        Self::Achievement,
        Self::DecisionRef,
        Self::PlaceDate,
        Self::SignerTitle,
        Self::SignerName,
        Self::FreeText,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Self::RecipientName => "Tên người (tập thể) được khen",
            Self::PositionUnit => "Chức vụ, đơn vị",
            Self::Achievement => "Thành tích",
            Self::DecisionRef => "Số, ngày quyết định",
            Self::PlaceDate => "Địa danh, ngày tháng",
            Self::SignerTitle => "Chức vụ người ký",
            Self::SignerName => "Họ tên người ký",
            Self::FreeText => "Chữ tự do",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Align {
    Left,
    Center,
    Right,
}

/// One variable text on the blank.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CertificateField {
    pub kind: FieldKind,
    /// The text of a `free_text` field; ignored for the others (they come from the data).
    #[serde(default)]
    pub text: String,
    /// Left end of the field's box, mm from the left edge of the sheet.
    pub x_mm: f64,
    /// Baseline of the first line, mm from the top edge of the sheet.
    pub y_mm: f64,
    pub width_mm: f64,
    pub align: Align,
    pub font_size_pt: f64,
    #[serde(default)]
    pub bold: bool,
    #[serde(default)]
    pub italic: bool,
    #[serde(default)]
    pub uppercase: bool,
    /// 1 for names: never wrapped, made smaller instead. The achievement may take 2–3 lines.
    #[serde(default = "one")]
    pub max_lines: u8,
}

fn one() -> u8 {
    1
}

/// The smallest size a text is shrunk to, as a share of the field's size. Below it the text
/// is hard to read and the clerk should widen the field or shorten the text instead.
pub const SHRINK_FLOOR: f64 = 0.6;
/// Distance between the baselines of a field's lines, as a multiple of the font size.
pub const LINE_SPACING: f64 = 1.3;
pub const MIN_FONT_PT: f64 = 6.0;
pub const MAX_FONT_PT: f64 = 72.0;
pub const MAX_LINES: u8 = 5;
/// A printer's shift is a few millimetres; more is a layout mistake, not a nudge.
pub const MAX_OFFSET_MM: f64 = 30.0;

pub const A4_LANDSCAPE: (f64, f64) = (297.0, 210.0);

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CertificateLayout {
    pub id: String,
    pub name: String,
    pub page_width_mm: f64,
    pub page_height_mm: f64,
    pub offset_x_mm: f64,
    pub offset_y_mm: f64,
    pub fields: Vec<CertificateField>,
    /// The layout used when none is named.
    pub is_default: bool,
    pub updated_at: String,
}

/// A layout as the clerk edits it, and as it is exported to / imported from JSON.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CertificateLayoutInput {
    pub name: String,
    #[serde(default = "a4_width")]
    pub page_width_mm: f64,
    #[serde(default = "a4_height")]
    pub page_height_mm: f64,
    #[serde(default)]
    pub offset_x_mm: f64,
    #[serde(default)]
    pub offset_y_mm: f64,
    pub fields: Vec<CertificateField>,
}

fn a4_width() -> f64 {
    A4_LANDSCAPE.0
}

fn a4_height() -> f64 {
    A4_LANDSCAPE.1
}

impl CertificateLayout {
    pub fn input(&self) -> CertificateLayoutInput {
        CertificateLayoutInput {
            name: self.name.clone(),
            page_width_mm: self.page_width_mm,
            page_height_mm: self.page_height_mm,
            offset_x_mm: self.offset_x_mm,
            offset_y_mm: self.offset_y_mm,
            fields: self.fields.clone(),
        }
    }
}

/// "12,5" — millimetres and points the Vietnamese way in messages.
pub(crate) fn num(v: f64) -> String {
    let s = format!("{:.1}", v);
    let s = s.strip_suffix(".0").unwrap_or(&s).to_string();
    s.replace('.', ",")
}

impl CertificateField {
    /// How the field is called in messages and on the calibration page.
    pub fn title(&self) -> String {
        if self.kind == FieldKind::FreeText && !self.text.is_empty() {
            format!("{} \"{}\"", self.kind.label(), self.text)
        } else {
            self.kind.label().to_string()
        }
    }

    fn check(&self, page_w: f64, page_h: f64) -> Result<()> {
        let bad = |msg: String| Err(Error::invalid("fields", msg));
        let t = self.title();
        let finite = [self.x_mm, self.y_mm, self.width_mm, self.font_size_pt]
            .iter()
            .all(|v| v.is_finite());
        if !finite {
            return bad(format!(
                "Ô \"{t}\": vị trí, chiều rộng và cỡ chữ phải là số."
            ));
        }
        if self.width_mm <= 0.0 {
            return bad(format!(
                "Ô \"{t}\": chiều rộng phải lớn hơn 0 mm (đang là {} mm).",
                num(self.width_mm)
            ));
        }
        if !(MIN_FONT_PT..=MAX_FONT_PT).contains(&self.font_size_pt) {
            return bad(format!(
                "Ô \"{t}\": cỡ chữ {} pt ngoài khoảng cho phép {}–{} pt.",
                num(self.font_size_pt),
                num(MIN_FONT_PT),
                num(MAX_FONT_PT)
            ));
        }
        if self.max_lines == 0 || self.max_lines > MAX_LINES {
            return bad(format!(
                "Ô \"{t}\": số dòng tối đa phải từ 1 đến {MAX_LINES}."
            ));
        }
        if self.kind == FieldKind::FreeText && self.text.trim().is_empty() {
            return bad(format!("Ô \"{t}\": hãy nhập nội dung chữ cần in."));
        }
        let size_mm = self.font_size_pt * 25.4 / 72.0;
        let last_baseline = self.y_mm + f64::from(self.max_lines - 1) * size_mm * LINE_SPACING;
        // The letters reach about 0.9 of the size above the baseline and 0.22 below it.
        let top = self.y_mm - 0.9 * size_mm;
        let bottom = last_baseline + 0.22 * size_mm;
        if self.x_mm < 0.0
            || self.x_mm + self.width_mm > page_w + 1e-9
            || top < 0.0
            || bottom > page_h + 1e-9
        {
            return bad(format!(
                "Ô \"{t}\" nằm ngoài trang {}×{} mm: từ {} đến {} mm theo chiều ngang, chữ từ {} đến {} mm theo chiều dọc.",
                num(page_w),
                num(page_h),
                num(self.x_mm),
                num(self.x_mm + self.width_mm),
                num(top),
                num(bottom)
            ));
        }
        Ok(())
    }
}

impl CertificateLayoutInput {
    /// Checks and normalises the layout; messages name the field a clerk must correct.
    pub fn cleaned(&self) -> Result<CertificateLayoutInput> {
        let name = clean(&self.name);
        if name.is_empty() {
            return Err(Error::invalid(
                "name",
                "Tên mẫu giấy khen không được để trống.",
            ));
        }
        if name.chars().count() > 100 {
            return Err(Error::invalid(
                "name",
                "Tên mẫu giấy khen dài quá 100 ký tự.",
            ));
        }
        for (field, v) in [
            ("page_width_mm", self.page_width_mm),
            ("page_height_mm", self.page_height_mm),
        ] {
            if !v.is_finite() || !(50.0..=1000.0).contains(&v) {
                return Err(Error::invalid(
                    field,
                    format!(
                        "Khổ giấy phải từ 50 đến 1000 mm mỗi chiều (đang là {} mm).",
                        num(v)
                    ),
                ));
            }
        }
        for (field, v) in [
            ("offset_x_mm", self.offset_x_mm),
            ("offset_y_mm", self.offset_y_mm),
        ] {
            if !v.is_finite() || v.abs() > MAX_OFFSET_MM {
                return Err(Error::invalid(
                    field,
                    format!(
                        "Độ lệch máy in phải trong khoảng ±{} mm (đang là {} mm); lệch nhiều hơn thì hãy sửa vị trí các ô.",
                        num(MAX_OFFSET_MM),
                        num(v)
                    ),
                ));
            }
        }
        if self.fields.is_empty() {
            return Err(Error::invalid(
                "fields",
                "Mẫu giấy khen cần ít nhất một ô để in.",
            ));
        }
        let mut fields = Vec::with_capacity(self.fields.len());
        for f in &self.fields {
            let f = CertificateField {
                text: if f.kind == FieldKind::FreeText {
                    clean(&f.text)
                } else {
                    String::new()
                },
                ..f.clone()
            };
            f.check(self.page_width_mm, self.page_height_mm)?;
            fields.push(f);
        }
        Ok(CertificateLayoutInput {
            name,
            fields,
            ..self.clone()
        })
    }
}

const LAYOUT_SELECT: &str = "SELECT id, name, page_width_mm, page_height_mm, offset_x_mm,
        offset_y_mm, fields, is_default, updated_at FROM certificate_layouts";

fn layout_row(r: &Row) -> rusqlite::Result<(CertificateLayout, String)> {
    Ok((
        CertificateLayout {
            id: r.get(0)?,
            name: r.get(1)?,
            page_width_mm: r.get(2)?,
            page_height_mm: r.get(3)?,
            offset_x_mm: r.get(4)?,
            offset_y_mm: r.get(5)?,
            fields: Vec::new(),
            is_default: r.get::<_, i64>(7)? != 0,
            updated_at: r.get(8)?,
        },
        r.get(6)?,
    ))
}

fn finish_layout((mut layout, fields): (CertificateLayout, String)) -> Result<CertificateLayout> {
    layout.fields = serde_json::from_str(&fields).map_err(|e| {
        Error::invalid(
            "fields",
            format!("Mẫu giấy khen \"{}\" bị hỏng ({e}).", layout.name),
        )
    })?;
    Ok(layout)
}

/// Reads a layout exported as JSON (by `export_layout_json` or written by hand).
pub fn layout_from_json(json: &str) -> Result<CertificateLayoutInput> {
    let input: CertificateLayoutInput = serde_json::from_str(json).map_err(|e| {
        Error::invalid(
            "layout",
            format!("Tệp mẫu giấy khen không đúng định dạng JSON của phần mềm: {e}."),
        )
    })?;
    input.cleaned()
}

impl Store {
    /// The office's layouts, the default first, then by name.
    pub fn certificate_layouts(&self) -> Result<Vec<CertificateLayout>> {
        let mut stmt = self.conn.prepare(&format!(
            "{LAYOUT_SELECT} ORDER BY is_default DESC, name COLLATE vi"
        ))?;
        let rows = stmt.query_map([], layout_row)?;
        rows.map(|r| finish_layout(r?)).collect()
    }

    pub fn certificate_layout(&self, id: &str) -> Result<CertificateLayout> {
        self.conn
            .query_row(&format!("{LAYOUT_SELECT} WHERE id = ?1"), [id], layout_row)
            .optional()?
            .map(finish_layout)
            .transpose()?
            .ok_or_else(|| Error::not_found("mẫu giấy khen đã chọn"))
    }

    /// The id of the layout called `name`, ignoring case (in Rust: SQLite's lower() knows
    /// only ASCII, and layout names are Vietnamese).
    fn layout_id_by_name(&self, name: &str, except: Option<&str>) -> Result<Option<String>> {
        let wanted = clean(name).to_lowercase();
        let mut stmt = self
            .conn
            .prepare("SELECT id, name FROM certificate_layouts WHERE id IS NOT ?1")?;
        let rows = stmt.query_map([except], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
        })?;
        for row in rows {
            let (id, n) = row?;
            if n.to_lowercase() == wanted {
                return Ok(Some(id));
            }
        }
        Ok(None)
    }

    /// By name, ignoring case; None gives the default layout.
    pub fn certificate_layout_named(&self, name: Option<&str>) -> Result<CertificateLayout> {
        let id: Option<String> = match name {
            Some(n) => self.layout_id_by_name(n, None)?,
            None => self
                .conn
                .query_row(
                    "SELECT id FROM certificate_layouts ORDER BY is_default DESC, updated_at DESC LIMIT 1",
                    [],
                    |r| r.get(0),
                )
                .optional()?,
        };
        match (id, name) {
            (Some(id), _) => self.certificate_layout(&id),
            (None, Some(n)) => Err(Error::not_found(format!("mẫu giấy khen \"{n}\""))),
            (None, None) => Err(Error::not_found(
                "mẫu giấy khen nào (hãy tạo một mẫu trước)",
            )),
        }
    }

    fn check_layout_name_free(&self, name: &str, except: Option<&str>) -> Result<()> {
        match self.layout_id_by_name(name, except)? {
            Some(_) => Err(Error::duplicate(
                "name",
                format!("Đã có mẫu giấy khen tên \"{name}\"."),
            )),
            None => Ok(()),
        }
    }

    pub fn create_certificate_layout(
        &mut self,
        input: &CertificateLayoutInput,
    ) -> Result<CertificateLayout> {
        let l = input.cleaned()?;
        self.check_layout_name_free(&l.name, None)?;
        let id = new_id();
        let fields = serde_json::to_string(&l.fields)
            .map_err(|e| Error::invalid("fields", format!("Không lưu được các ô của mẫu: {e}.")))?;
        // The first layout of an office becomes its default.
        let first: i64 =
            self.conn
                .query_row("SELECT count(*) = 0 FROM certificate_layouts", [], |r| {
                    r.get(0)
                })?;
        self.conn.execute(
            "INSERT INTO certificate_layouts (id, name, page_width_mm, page_height_mm,
                 offset_x_mm, offset_y_mm, fields, is_default, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)",
            params![
                id,
                l.name,
                l.page_width_mm,
                l.page_height_mm,
                l.offset_x_mm,
                l.offset_y_mm,
                fields,
                first,
                now()
            ],
        )?;
        self.certificate_layout(&id)
    }

    pub fn update_certificate_layout(
        &mut self,
        id: &str,
        input: &CertificateLayoutInput,
    ) -> Result<CertificateLayout> {
        let l = input.cleaned()?;
        self.certificate_layout(id)?;
        self.check_layout_name_free(&l.name, Some(id))?;
        let fields = serde_json::to_string(&l.fields)
            .map_err(|e| Error::invalid("fields", format!("Không lưu được các ô của mẫu: {e}.")))?;
        self.conn.execute(
            "UPDATE certificate_layouts SET name = ?2, page_width_mm = ?3, page_height_mm = ?4,
                 offset_x_mm = ?5, offset_y_mm = ?6, fields = ?7, updated_at = ?8
             WHERE id = ?1",
            params![
                id,
                l.name,
                l.page_width_mm,
                l.page_height_mm,
                l.offset_x_mm,
                l.offset_y_mm,
                fields,
                now()
            ],
        )?;
        self.certificate_layout(id)
    }

    /// A copy named "<name> (bản sao)", "(bản sao 2)", … — the usual start of a new blank.
    pub fn duplicate_certificate_layout(&mut self, id: &str) -> Result<CertificateLayout> {
        let src = self.certificate_layout(id)?;
        let mut input = src.input();
        let mut n = 1;
        loop {
            input.name = if n == 1 {
                format!("{} (bản sao)", src.name)
            } else {
                format!("{} (bản sao {n})", src.name)
            };
            if self.check_layout_name_free(&input.name, None).is_ok() {
                break;
            }
            n += 1;
        }
        self.create_certificate_layout(&input)
    }

    /// Deletes a layout; the default passes to the most recently changed one left.
    pub fn delete_certificate_layout(&mut self, id: &str) -> Result<()> {
        let layout = self.certificate_layout(id)?;
        let tx = self.conn.savepoint()?;
        tx.execute("DELETE FROM certificate_layouts WHERE id = ?1", [id])?;
        if layout.is_default {
            tx.execute(
                "UPDATE certificate_layouts SET is_default = 1 WHERE id =
                     (SELECT id FROM certificate_layouts ORDER BY updated_at DESC LIMIT 1)",
                [],
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    pub fn set_default_certificate_layout(&mut self, id: &str) -> Result<CertificateLayout> {
        self.certificate_layout(id)?;
        let tx = self.conn.savepoint()?;
        tx.execute(
            "UPDATE certificate_layouts SET is_default = 0 WHERE is_default = 1",
            [],
        )?;
        tx.execute(
            "UPDATE certificate_layouts SET is_default = 1 WHERE id = ?1",
            [id],
        )?;
        tx.commit()?;
        self.certificate_layout(id)
    }

    /// The layout as JSON, to move it to another computer or keep it with the blanks' order.
    pub fn export_certificate_layout_json(&self, id: &str) -> Result<String> {
        let layout = self.certificate_layout(id)?;
        serde_json::to_string_pretty(&layout.input())
            .map_err(|e| Error::invalid("layout", format!("Không xuất được mẫu giấy khen: {e}.")))
    }

    /// Adds a layout read from JSON; a name already used gets a " (nhập)" suffix instead of
    /// overwriting the office's own layout.
    pub fn import_certificate_layout_json(&mut self, json: &str) -> Result<CertificateLayout> {
        let mut input = layout_from_json(json)?;
        if self.check_layout_name_free(&input.name, None).is_err() {
            input.name = format!("{} (nhập)", input.name);
        }
        self.create_certificate_layout(&input)
    }
}

#[cfg(test)]
mod tests;
