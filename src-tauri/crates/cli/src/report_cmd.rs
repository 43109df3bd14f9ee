//! `thidua report …`: the printed documents as PDF, DOCX or HTML, and the clerk's narrative
//! sections of the sơ kết / tổng kết reports.

use crate::output::Out;
use clap::Args;
use std::path::PathBuf;
use thidua_core::report::{self, ReportKind, ReportRequest};
use thidua_core::{Result, Store};

#[derive(Args)]
pub struct ReportArgs {
    /// so-ket, tong-ket, thong-ke, dang-ky, cham-diem, to-trinh, quyet-dinh
    #[arg(long)]
    kind: String,
    #[arg(long)]
    year: i32,
    /// 1: 6 tháng đầu năm; 2: 6 tháng cuối năm
    #[arg(long)]
    half: Option<u8>,
    /// Số quyết định (quyet-dinh) hoặc số tờ trình (to-trinh); bỏ trống: văn bản mới nhất của năm
    #[arg(long, value_name = "SỐ")]
    decision: Option<String>,
    /// Tệp cần ghi: .pdf, .docx hoặc .html (ghi đè nếu đã có)
    #[arg(long, value_name = "TỆP", required_unless_present = "section")]
    out: Option<PathBuf>,
    /// Ghi nội dung một mục của báo cáo sơ kết/tổng kết (chi_dao, phong_trao, khen_thuong,
    /// dien_hinh, quy, ton_tai, phuong_huong, kien_nghi) thay vì xuất văn bản
    #[arg(long, value_name = "MỤC", requires = "text")]
    section: Option<String>,
    /// Nội dung của mục (dùng với --section)
    #[arg(long)]
    text: Option<String>,
}

pub fn report(args: ReportArgs, store: &mut Store, out: &Out) -> Result<()> {
    let kind = ReportKind::parse(&args.kind)?;
    if let (Some(section), Some(text)) = (&args.section, &args.text) {
        let saved = store.set_report_narrative(kind, args.year, args.half, section, text)?;
        out.done(&saved, &format!("Đã lưu mục \"{}\".", saved.title));
        return Ok(());
    }
    let Some(path) = args.out else {
        return Err(thidua_core::Error::invalid(
            "out",
            "Cần --out TỆP (.pdf, .docx hoặc .html).",
        ));
    };
    let summary = report::write(
        store,
        &ReportRequest {
            kind,
            year: args.year,
            half: args.half,
            number: args.decision,
        },
        &path,
    )?;
    out.done(
        &summary,
        &format!(
            "Đã ghi {} vào {} ({} trang).",
            kind.label().to_lowercase(),
            summary.path,
            summary.pages
        ),
    );
    Ok(())
}
