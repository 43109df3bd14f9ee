//! `thidua certificates …`: certificates (giấy khen) of a decision on the office's blanks, the
//! calibration page, and the layouts of the blanks.

use crate::output::{pad, Out};
use clap::{Args, Subcommand};
use std::path::PathBuf;
use thidua_core::certificates::{CertificateLayout, CertificateSummary};
use thidua_core::{Error, Result, Store};

#[derive(Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct CertificatesArgs {
    #[command(subcommand)]
    command: Option<CertificatesCommand>,
    /// Số quyết định: in giấy khen cho mọi người được khen trong quyết định, mỗi người một trang
    #[arg(long, value_name = "SỐ QĐ", conflicts_with = "calibration")]
    decision: Option<String>,
    /// In trang căn chỉnh (lưới mm và khung các ô) trên giấy trắng
    #[arg(long)]
    calibration: bool,
    /// Tên mẫu giấy khen (mặc định: mẫu mặc định của cơ quan)
    #[arg(long, value_name = "TÊN")]
    layout: Option<String>,
    /// Dòng thành tích in trên mọi giấy khen của quyết định (được lưu cho lần in sau;
    /// chuỗi rỗng quay về nội dung tự sinh theo danh mục)
    #[arg(long, value_name = "NỘI DUNG", requires = "decision")]
    phrase: Option<String>,
    /// Tệp PDF cần ghi (ghi đè nếu đã có)
    #[arg(long, value_name = "TỆP")]
    out: Option<PathBuf>,
}

#[derive(Subcommand)]
enum CertificatesCommand {
    /// Mẫu giấy khen (vị trí các ô trên phôi) của cơ quan
    #[command(subcommand)]
    Layouts(LayoutsCommand),
}

#[derive(Subcommand)]
enum LayoutsCommand {
    /// Liệt kê các mẫu
    List,
    /// Xem các ô của một mẫu
    Show {
        #[arg(value_name = "TÊN")]
        name: Option<String>,
    },
    /// Xuất một mẫu ra tệp JSON (để chuyển sang máy khác)
    Export {
        #[arg(value_name = "TÊN")]
        name: Option<String>,
        #[arg(long, value_name = "TỆP")]
        out: PathBuf,
    },
    /// Nhập một mẫu từ tệp JSON
    Import {
        #[arg(value_name = "TỆP")]
        file: PathBuf,
    },
    /// Sao chép một mẫu để sửa cho phôi khác
    Duplicate {
        #[arg(value_name = "TÊN")]
        name: String,
    },
    /// Đặt mẫu mặc định
    Default {
        #[arg(value_name = "TÊN")]
        name: String,
    },
    /// Xóa một mẫu
    Delete {
        #[arg(value_name = "TÊN")]
        name: String,
    },
}

fn need_out(out: Option<PathBuf>) -> Result<PathBuf> {
    out.ok_or_else(|| Error::invalid("out", "Hãy cho biết tệp PDF cần ghi: --out TỆP.pdf"))
}

pub fn run(args: CertificatesArgs, store: &mut Store, out: &Out) -> Result<()> {
    if let Some(CertificatesCommand::Layouts(cmd)) = args.command {
        return layouts(cmd, store, out);
    }
    let layout = store.certificate_layout_named(args.layout.as_deref())?;
    if args.calibration {
        let path = need_out(args.out)?;
        let summary = store.write_certificate_calibration(Some(&layout.id), &path)?;
        done(out, &summary, "trang căn chỉnh");
        return Ok(());
    }
    let Some(number) = args.decision else {
        return Err(Error::invalid(
            "decision",
            "Hãy chọn quyết định (--decision SỐ) hoặc in trang căn chỉnh (--calibration). Xem: thidua certificates --help",
        ));
    };
    let path = need_out(args.out)?;
    let decision = store.decision_by_number(&number)?;
    if let Some(phrase) = &args.phrase {
        store.set_certificate_phrase(&decision.id, phrase)?;
    }
    let summary = store.write_certificates(&decision.id, Some(&layout.id), &path)?;
    done(out, &summary, "giấy khen");
    Ok(())
}

fn done(out: &Out, summary: &CertificateSummary, what: &str) {
    for w in &summary.warnings {
        eprintln!("Cảnh báo: {w}");
    }
    let shrunk = if summary.shrunk > 0 {
        format!(", {} dòng chữ được thu nhỏ cho vừa ô", summary.shrunk)
    } else {
        String::new()
    };
    out.done(
        summary,
        &format!(
            "Đã ghi {what} vào {} ({} trang, mẫu \"{}\"{shrunk}).",
            summary.path, summary.pages, summary.layout
        ),
    );
}

fn print_layout(l: &CertificateLayout) {
    println!(
        "{}{} — khổ {}×{} mm, độ lệch x {} mm, y {} mm",
        l.name,
        if l.is_default { " (mặc định)" } else { "" },
        l.page_width_mm,
        l.page_height_mm,
        l.offset_x_mm,
        l.offset_y_mm
    );
    for f in &l.fields {
        println!(
            "  {}  x {:>5} y {:>5} rộng {:>5} mm  {:>4} pt{}{}{}",
            pad(&f.title(), 32),
            f.x_mm,
            f.y_mm,
            f.width_mm,
            f.font_size_pt,
            if f.bold { " đậm" } else { "" },
            if f.italic { " nghiêng" } else { "" },
            if f.uppercase { " IN HOA" } else { "" },
        );
    }
}

fn layouts(cmd: LayoutsCommand, store: &mut Store, out: &Out) -> Result<()> {
    match cmd {
        LayoutsCommand::List => {
            let all = store.certificate_layouts()?;
            if out.json {
                out.json_value(&all);
            } else {
                for l in &all {
                    println!(
                        "{}{}  ({} ô, {}×{} mm)",
                        l.name,
                        if l.is_default { " (mặc định)" } else { "" },
                        l.fields.len(),
                        l.page_width_mm,
                        l.page_height_mm
                    );
                }
            }
        }
        LayoutsCommand::Show { name } => {
            let l = store.certificate_layout_named(name.as_deref())?;
            if out.json {
                out.json_value(&l);
            } else {
                print_layout(&l);
            }
        }
        LayoutsCommand::Export { name, out: path } => {
            let l = store.certificate_layout_named(name.as_deref())?;
            let json = store.export_certificate_layout_json(&l.id)?;
            std::fs::write(&path, json).map_err(|e| Error::io(&path, e))?;
            out.done(
                &l,
                &format!("Đã xuất mẫu \"{}\" vào {}.", l.name, path.display()),
            );
        }
        LayoutsCommand::Import { file } => {
            let json = std::fs::read_to_string(&file).map_err(|e| Error::io(&file, e))?;
            let l = store.import_certificate_layout_json(&json)?;
            out.done(&l, &format!("Đã nhập mẫu \"{}\".", l.name));
        }
        LayoutsCommand::Duplicate { name } => {
            let src = store.certificate_layout_named(Some(&name))?;
            let l = store.duplicate_certificate_layout(&src.id)?;
            out.done(&l, &format!("Đã sao chép thành mẫu \"{}\".", l.name));
        }
        LayoutsCommand::Default { name } => {
            let src = store.certificate_layout_named(Some(&name))?;
            let l = store.set_default_certificate_layout(&src.id)?;
            out.done(&l, &format!("Mẫu mặc định: \"{}\".", l.name));
        }
        LayoutsCommand::Delete { name } => {
            let l = store.certificate_layout_named(Some(&name))?;
            store.delete_certificate_layout(&l.id)?;
            out.done(&l, &format!("Đã xóa mẫu \"{}\".", l.name));
        }
    }
    Ok(())
}
