//! `thidua export …`: the roll-up workbook sent to the level above, and blank templates for
//! member units without the program.

use crate::output::Out;
use clap::Subcommand;
use std::path::PathBuf;
use thidua_core::export::{self, ExportSummary, TemplateKind};
use thidua_core::{Result, Store};

#[derive(Subcommand)]
pub enum ExportCommand {
    /// Bảng tổng hợp khen thưởng (Excel) của một năm hoặc 6 tháng, kèm biểu 0601–0603
    Rollup {
        #[arg(long)]
        year: i32,
        /// 1: 6 tháng đầu năm; 2: 6 tháng cuối năm
        #[arg(long)]
        half: Option<u8>,
        /// Tệp .xlsx cần ghi (ghi đè nếu đã có)
        #[arg(long, value_name = "TỆP")]
        out: PathBuf,
    },
    /// Mẫu Excel trống cho đơn vị chưa dùng phần mềm điền và gửi lại
    Template {
        /// registrations (đăng ký thi đua), awards (danh sách khen thưởng), scores (chấm điểm khối)
        #[arg(long)]
        kind: String,
        #[arg(long)]
        year: i32,
        /// Mã đơn vị nhận mẫu (bỏ trống: mẫu chung cho mọi đơn vị)
        #[arg(long, value_name = "MÃ")]
        unit: Option<String>,
        /// Tệp .xlsx cần ghi (ghi đè nếu đã có)
        #[arg(long, value_name = "TỆP")]
        out: PathBuf,
    },
}

pub fn export(cmd: ExportCommand, store: &Store, out: &Out) -> Result<()> {
    match cmd {
        ExportCommand::Rollup {
            year,
            half,
            out: path,
        } => {
            let summary = export::rollup(store, year, half, &path)?;
            done(out, &summary, "bảng tổng hợp");
        }
        ExportCommand::Template {
            kind,
            year,
            unit,
            out: path,
        } => {
            let kind = TemplateKind::parse(&kind)?;
            let summary = export::template(store, kind, year, unit.as_deref(), &path)?;
            done(out, &summary, "mẫu nhập liệu");
        }
    }
    Ok(())
}

fn done(out: &Out, summary: &ExportSummary, what: &str) {
    out.done(
        summary,
        &format!(
            "Đã ghi {what} vào {} ({} trang tính, {} dòng dữ liệu).",
            summary.path,
            summary
                .sheets
                .iter()
                .filter(|s| !s.starts_with('_'))
                .count(),
            summary.records
        ),
    );
}
