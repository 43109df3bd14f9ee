//! Printed documents (issue #6): the sơ kết / tổng kết reports, the statistics tables, the
//! registration list, the block scores, the tờ trình and the quyết định with its list — each
//! built from the data as one [`model::Document`], then drawn as PDF (krilla, laid out here),
//! DOCX (docx-rs, laid out by Word) and HTML (laid out by the web view for print preview).

mod builders;
pub mod docx;
pub mod html;
pub mod layout;
pub mod model;
pub mod pdf;

use crate::error::{Error, Result};
use crate::store::{now, Store};
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};
use std::path::Path;
use ts_rs::TS;
use unicode_normalization::UnicodeNormalization;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ReportKind {
    /// Báo cáo sơ kết 6 tháng.
    SoKet,
    /// Báo cáo tổng kết năm.
    TongKet,
    /// Biểu thống kê 0601–0603 and the summary by unit.
    ThongKe,
    /// Danh sách đăng ký thi đua.
    DangKy,
    /// Kết quả chấm điểm khối thi đua.
    ChamDiem,
    /// Tờ trình đề nghị khen thưởng with its list.
    ToTrinh,
    /// Quyết định khen thưởng with "Danh sách kèm theo".
    QuyetDinh,
}

impl ReportKind {
    pub const ALL: [ReportKind; 7] = [
        Self::SoKet,
        Self::TongKet,
        Self::ThongKe,
        Self::DangKy,
        Self::ChamDiem,
        Self::ToTrinh,
        Self::QuyetDinh,
    ];

    /// As typed on the command line: so-ket, tong-ket …
    pub fn as_str(self) -> &'static str {
        match self {
            Self::SoKet => "so-ket",
            Self::TongKet => "tong-ket",
            Self::ThongKe => "thong-ke",
            Self::DangKy => "dang-ky",
            Self::ChamDiem => "cham-diem",
            Self::ToTrinh => "to-trinh",
            Self::QuyetDinh => "quyet-dinh",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::SoKet => "Báo cáo sơ kết 6 tháng",
            Self::TongKet => "Báo cáo tổng kết năm",
            Self::ThongKe => "Biểu thống kê",
            Self::DangKy => "Danh sách đăng ký thi đua",
            Self::ChamDiem => "Kết quả chấm điểm khối thi đua",
            Self::ToTrinh => "Tờ trình đề nghị khen thưởng",
            Self::QuyetDinh => "Quyết định khen thưởng",
        }
    }

    pub fn parse(s: &str) -> Result<Self> {
        let s = s.trim().replace('_', "-");
        Self::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| {
                Error::invalid(
                    "kind",
                    format!(
                        "Loại văn bản \"{s}\" không có. Chọn một trong: {}.",
                        Self::ALL.map(|k| k.as_str()).join(", ")
                    ),
                )
            })
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ReportRequest {
    pub kind: ReportKind,
    pub year: i32,
    /// 1 or 2 for a half-year (sơ kết is the first half unless told); None for the year.
    pub half: Option<u8>,
    /// Quyết định: its number ("15/QĐ-UBND"); tờ trình: the proposal's number. None takes
    /// the last one of the year.
    pub number: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ReportFormat {
    Pdf,
    Docx,
    Html,
}

impl ReportFormat {
    /// From the file name the clerk chose.
    pub fn of_path(path: &Path) -> Result<Self> {
        let ext = path
            .extension()
            .map(|e| e.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        match ext.as_str() {
            "pdf" => Ok(Self::Pdf),
            "docx" => Ok(Self::Docx),
            "html" | "htm" => Ok(Self::Html),
            _ => Err(Error::invalid(
                "out",
                "Tên tệp phải kết thúc bằng .pdf, .docx hoặc .html.",
            )),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ReportSummary {
    pub path: String,
    pub kind: ReportKind,
    pub format: ReportFormat,
    /// Pages of the PDF (also for DOCX and HTML: the pages of the same document as laid
    /// out by the product; Word may differ by a line).
    pub pages: u32,
    pub bytes: u64,
}

/// The document of a request, before drawing.
pub fn document(store: &Store, req: &ReportRequest) -> Result<model::Document> {
    crate::blocks::check_year(req.year)?;
    if let Some(h) = req.half {
        if h != 1 && h != 2 {
            return Err(Error::invalid(
                "half",
                format!("Nửa năm phải là 1 hoặc 2, không phải {h}."),
            ));
        }
    }
    builders::build(store, req)
}

/// The bytes of a document in a format.
pub fn render(doc: &model::Document, format: ReportFormat) -> Result<Vec<u8>> {
    match format {
        ReportFormat::Pdf => {
            let metrics = layout::Metrics::new();
            let laid = layout::layout(doc, &metrics);
            pdf::render(&laid, &doc.title)
        }
        ReportFormat::Docx => docx::render(doc),
        ReportFormat::Html => Ok(html::render(doc).into_bytes()),
    }
}

/// What the app shows before printing or saving: the document as HTML (classes only, styled
/// by `ui/src/report-preview.css`), and the page count of the PDF it would write.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ReportPreview {
    pub title: String,
    pub landscape: bool,
    pub pages: u32,
    pub html: String,
}

pub fn preview(store: &Store, req: &ReportRequest) -> Result<ReportPreview> {
    let doc = document(store, req)?;
    let pages = layout::layout(&doc, &layout::Metrics::new()).pages.len() as u32;
    Ok(ReportPreview {
        title: doc.title.clone(),
        landscape: doc.landscape,
        pages,
        html: html::sheet(&doc),
    })
}

/// Builds the document and writes it to `path` in the format its extension names.
pub fn write(store: &Store, req: &ReportRequest, path: &Path) -> Result<ReportSummary> {
    let format = ReportFormat::of_path(path)?;
    let doc = document(store, req)?;
    let bytes = render(&doc, format)?;
    let pages = layout::layout(&doc, &layout::Metrics::new()).pages.len() as u32;
    crate::export::write_atomic(&bytes, path)?;
    Ok(ReportSummary {
        path: path.display().to_string(),
        kind: req.kind,
        format,
        pages,
        bytes: bytes.len() as u64,
    })
}

/// The clerk's sections of the sơ kết / tổng kết report, in print order.
pub const NARRATIVE_SECTIONS: [(&str, &str); 8] = [
    ("chi_dao", "Công tác lãnh đạo, chỉ đạo, tổ chức phát động"),
    ("phong_trao", "Kết quả các phong trào thi đua"),
    ("khen_thuong", "Công tác khen thưởng"),
    ("dien_hinh", "Xây dựng, nhân rộng điển hình tiên tiến"),
    ("quy", "Quỹ thi đua, khen thưởng"),
    ("ton_tai", "Tồn tại, hạn chế và nguyên nhân"),
    ("phuong_huong", "Phương hướng, nhiệm vụ"),
    ("kien_nghi", "Kiến nghị, đề xuất"),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum NarrativeSource {
    /// Written for this period.
    Saved,
    /// This period has none yet: the same section of the previous period, offered as a start.
    Previous,
    Empty,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct NarrativeSection {
    pub key: String,
    pub title: String,
    pub body: String,
    pub source: NarrativeSource,
    /// The same section of the previous period (empty when it has none): what the editor
    /// offers to copy in, even after this period's text was saved.
    pub previous: String,
}

/// One section as the clerk edited it on screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct NarrativeEdit {
    pub key: String,
    pub body: String,
}

/// The narrative kind and half of a report: sơ kết is of a half (the first unless told),
/// tổng kết of the year.
fn narrative_key(kind: ReportKind, half: Option<u8>) -> Result<(&'static str, i64)> {
    match kind {
        ReportKind::SoKet => Ok(("so_ket", i64::from(half.unwrap_or(1)))),
        ReportKind::TongKet => Ok(("tong_ket", 0)),
        other => Err(Error::invalid(
            "kind",
            format!("{} không có phần nội dung do cán bộ viết.", other.label()),
        )),
    }
}

impl Store {
    /// The sections of a report for a period: the text saved for it, else last period's
    /// text of the same section (last year's same half or year) offered as a start.
    pub fn report_narratives(
        &self,
        kind: ReportKind,
        year: i32,
        half: Option<u8>,
    ) -> Result<Vec<NarrativeSection>> {
        let (k, h) = narrative_key(kind, half)?;
        let get = |y: i32, section: &str| -> Result<Option<String>> {
            Ok(self
                .conn
                .query_row(
                    "SELECT body FROM report_narratives
                     WHERE kind = ?1 AND year = ?2 AND half = ?3 AND section = ?4",
                    params![k, y, h, section],
                    |r| r.get(0),
                )
                .optional()?)
        };
        NARRATIVE_SECTIONS
            .iter()
            .map(|(key, title)| {
                let previous = get(year - 1, key)?.unwrap_or_default();
                let (body, source) = match get(year, key)? {
                    Some(b) => (b, NarrativeSource::Saved),
                    None if !previous.trim().is_empty() => {
                        (previous.clone(), NarrativeSource::Previous)
                    }
                    None => (String::new(), NarrativeSource::Empty),
                };
                Ok(NarrativeSection {
                    key: key.to_string(),
                    title: title.to_string(),
                    body,
                    source,
                    previous,
                })
            })
            .collect()
    }

    pub fn set_report_narrative(
        &mut self,
        kind: ReportKind,
        year: i32,
        half: Option<u8>,
        section: &str,
        body: &str,
    ) -> Result<NarrativeSection> {
        let edit = NarrativeEdit {
            key: section.to_string(),
            body: body.to_string(),
        };
        let all = self.set_report_narratives(kind, year, half, &[edit])?;
        all.into_iter()
            .find(|s| s.key == section)
            .ok_or_else(|| Error::not_found(format!("mục {section}")))
    }

    /// Saves the sections the clerk edited on screen, all or none (one bad section leaves
    /// the others unsaved too, so the screen never shows half a save), and returns every
    /// section of the period as it now stands.
    pub fn set_report_narratives(
        &mut self,
        kind: ReportKind,
        year: i32,
        half: Option<u8>,
        edits: &[NarrativeEdit],
    ) -> Result<Vec<NarrativeSection>> {
        crate::blocks::check_year(year)?;
        let (k, h) = narrative_key(kind, half)?;
        let mut rows = Vec::with_capacity(edits.len());
        for edit in edits {
            let section = edit.key.as_str();
            let Some((key, _)) = NARRATIVE_SECTIONS.iter().find(|(s, _)| *s == section) else {
                return Err(Error::invalid(
                    "section",
                    format!(
                        "Không có mục \"{section}\". Các mục: {}.",
                        NARRATIVE_SECTIONS.map(|(s, _)| s).join(", ")
                    ),
                ));
            };
            // NFC, line ends unified; paragraphs are kept.
            let body: String = edit.body.replace("\r\n", "\n").nfc().collect();
            let body = body.trim().to_string();
            if body.chars().count() > 20_000 {
                return Err(Error::invalid(
                    "body",
                    "Nội dung một mục dài quá 20.000 ký tự.",
                ));
            }
            rows.push((*key, body));
        }
        let tx = self.conn.savepoint()?;
        let at = now();
        for (key, body) in &rows {
            tx.execute(
                "INSERT INTO report_narratives (kind, year, half, section, body, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                 ON CONFLICT (kind, year, half, section)
                 DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at",
                params![k, year, h, key, body, at],
            )?;
        }
        tx.commit()?;
        self.report_narratives(kind, year, half)
    }
}

#[cfg(test)]
mod tests;
