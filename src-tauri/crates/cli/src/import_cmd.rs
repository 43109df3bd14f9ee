//! `thidua import`: bring in the Excel lists units send, after showing what they hold.
//!
//! Every file is previewed first; if any is refused (not a spreadsheet, no table, rows with
//! errors) nothing at all is written and the exit code is 2. Otherwise all files are committed
//! together, in one transaction. `--undo ID` takes an import back; `--history` lists them.

use crate::output::{pad, Out};
use clap::Args;
use serde::Serialize;
use std::path::PathBuf;
use thidua_core::import::{
    ImportCounts, ImportKind, ImportOptions, ImportPreview, ImportRecord, Issue, RowStatus,
};
use thidua_core::{Error, Result, Store};

#[derive(Args)]
pub struct ImportArgs {
    /// Tệp Excel cần nhập (.xlsx, .xlsm, .xls, .ods)
    #[arg(value_name = "TỆP", required_unless_present_any = ["undo", "history"])]
    pub files: Vec<PathBuf>,
    /// Loại dữ liệu (mặc định: tự nhận ra): awards, registrations, block_scores, units
    #[arg(long)]
    pub kind: Option<String>,
    /// Mã hoặc tên đơn vị của những người trong danh sách
    #[arg(long, value_name = "MÃ")]
    pub unit: Option<String>,
    /// Năm (khi tiêu đề không ghi)
    #[arg(long)]
    pub year: Option<i32>,
    /// Chỉ xem trước, không ghi gì
    #[arg(long)]
    pub dry_run: bool,
    /// Số quyết định, khi tiêu đề danh sách không ghi (ví dụ 45/QĐ-UBND)
    #[arg(long, value_name = "SỐ")]
    pub decision_number: Option<String>,
    /// Ngày quyết định (dd/mm/yyyy), khi tiêu đề danh sách không ghi
    #[arg(long, value_name = "NGÀY")]
    pub decision_date: Option<String>,
    /// Nhập các dòng hợp lệ, bỏ qua dòng lỗi hoặc cần xác nhận
    #[arg(long)]
    pub skip_invalid: bool,
    /// Hoàn tác một lần nhập (mã lần nhập)
    #[arg(long, value_name = "MÃ", conflicts_with_all = ["files", "history"])]
    pub undo: Option<String>,
    /// Liệt kê các lần nhập
    #[arg(long, conflicts_with = "files")]
    pub history: bool,
}

/// What `--json` prints for one file.
#[derive(Serialize)]
struct FileSummary<'a> {
    file: &'a str,
    kind: ImportKind,
    dry_run: bool,
    import_id: Option<String>,
    already_imported: bool,
    rows: usize,
    /// Records created (with --dry-run: that would be created), by type.
    imported: ImportCounts,
    skipped: usize,
    warnings: Vec<&'a Issue>,
    errors: Vec<&'a Issue>,
}

fn summary<'a>(preview: &'a ImportPreview, dry_run: bool) -> FileSummary<'a> {
    FileSummary {
        file: &preview.file_name,
        kind: preview.kind,
        dry_run,
        import_id: None,
        already_imported: preview.already_imported.is_some(),
        rows: preview.rows.len(),
        imported: preview.counts.clone(),
        skipped: preview
            .rows
            .iter()
            .filter(|r| r.status != RowStatus::Ready)
            .count(),
        warnings: preview.warnings().collect(),
        errors: preview.errors().collect(),
    }
}

fn print_preview(preview: &ImportPreview) {
    println!(
        "Tệp {} — {}{}",
        preview.file_name,
        preview.kind.label(),
        if preview.kind_detected {
            " (tự nhận ra)"
        } else {
            ""
        }
    );
    for t in &preview.tables {
        let rows: Vec<String> = t.header_rows.iter().map(u32::to_string).collect();
        let converted = t
            .converted_from
            .as_deref()
            .map(|e| format!(", đã chuyển từ mã {e} sang Unicode"))
            .unwrap_or_default();
        println!(
            "  Trang \"{}\": tiêu đề cột ở dòng {}{converted}",
            t.sheet,
            rows.join(", ")
        );
        for c in &t.columns {
            let field = c.field.map(|f| f.label()).unwrap_or("(không dùng)");
            println!("    {} {} → {field}", pad(&c.column, 3), c.header);
        }
    }
    for r in &preview.rows {
        let mark = match r.status {
            RowStatus::Ready => "✓",
            RowStatus::NeedsConfirmation => "?",
            RowStatus::Error => "✗",
            RowStatus::AlreadyPresent | RowStatus::Skipped => "-",
        };
        println!("  {mark} dòng {}: {}", r.row, r.description);
    }
    for i in &preview.issues {
        let place = match (i.row, i.column.as_deref()) {
            (Some(r), Some(c)) => format!("ô {c}{r}: "),
            (Some(r), None) => format!("dòng {r}: "),
            _ => String::new(),
        };
        let level = match i.severity {
            thidua_core::import::Severity::Error => "Lỗi",
            thidua_core::import::Severity::Warning => "Lưu ý",
        };
        println!("  {level} {place}{}", i.message);
    }
}

/// `thidua import …`: main.rs calls this with the store opened on the data file.
pub fn run(args: ImportArgs, store: &mut Store, out: &Out) -> Result<()> {
    if let Some(id) = &args.undo {
        let record = store.undo_import(id)?;
        out.done(
            &record,
            &format!(
                "Đã hoàn tác lần nhập tệp \"{}\" (mã {id}).",
                record.file_name
            ),
        );
        return Ok(());
    }
    if args.history {
        let records = store.imports()?;
        if out.json {
            out.json_value(&records);
        } else {
            print_history(&records);
        }
        return Ok(());
    }
    let options = ImportOptions {
        kind: args.kind.as_deref().map(ImportKind::parse).transpose()?,
        unit: args.unit,
        year: args.year,
        decision_number: args.decision_number,
        decision_date: args.decision_date,
        skip_unresolved: args.skip_invalid,
        ..Default::default()
    };
    import(args.files, &options, args.dry_run, store, out)
}

pub fn import(
    files: Vec<PathBuf>,
    options: &ImportOptions,
    dry_run: bool,
    store: &mut Store,
    out: &Out,
) -> Result<()> {
    // Every file is read before anything is written: one bad file stops them all. The
    // rule warnings come from writing the awards (see `commit_imports_checked`): once, kept,
    // for a real import; in a write rolled back for a dry run or a refused batch.
    let mut previews = files
        .iter()
        .map(|f| store.preview_import(f, options))
        .collect::<Result<Vec<_>>>()?;
    let blocked = !dry_run
        && !options.skip_unresolved
        && previews.iter().any(|p| {
            p.already_imported.is_none()
                && p.rows
                    .iter()
                    .any(|r| matches!(r.status, RowStatus::Error | RowStatus::NeedsConfirmation))
        });
    if blocked || dry_run {
        store.commit_imports_checked(&mut previews, false)?;
    }
    if blocked {
        // The details go with the error (main prints it, as JSON too with --json); the full
        // located list is what `--dry-run --json` gives.
        if !out.json {
            previews.iter().for_each(print_preview);
        }
        // One line per message, with the places it occurs ("dòng 6, 7, 8: …").
        let mut located: Vec<(String, Vec<String>)> = Vec::new();
        for p in &previews {
            for i in p.errors() {
                let place = match (i.row, i.column.as_deref()) {
                    (Some(r), Some(c)) => format!("ô {c}{r}"),
                    (Some(r), None) => format!("dòng {r}"),
                    _ => p.file_name.clone(),
                };
                let message = format!("{}: {}", p.file_name, i.message);
                match located.iter_mut().find(|(m, _)| *m == message) {
                    Some((_, places)) => places.push(place),
                    None => located.push((message, vec![place])),
                }
            }
        }
        let located: Vec<String> = located
            .iter()
            .take(5)
            .map(|(m, places)| format!("[{}] {m}", places.join(", ")))
            .collect();
        let unsure: usize = previews
            .iter()
            .flat_map(|p| &p.rows)
            .filter(|r| r.status == RowStatus::NeedsConfirmation)
            .count();
        return Err(Error::invalid(
            "file",
            format!(
                "Chưa nhập gì: {} lỗi, {unsure} dòng cần xác nhận người/đơn vị. {} Hãy sửa tệp, hoặc thêm --skip-invalid để chỉ nhập các dòng hợp lệ (xem đủ bằng --dry-run).",
                previews.iter().map(|p| p.errors().count()).sum::<usize>(),
                located.join(" | ")
            ),
        ));
    }
    if dry_run {
        if out.json {
            let summaries: Vec<FileSummary> = previews.iter().map(|p| summary(p, true)).collect();
            print_json(out, &summaries);
        } else {
            previews.iter().for_each(print_preview);
        }
        eprintln!("Xem trước: chưa ghi gì vào dữ liệu.");
        return Ok(());
    }
    let outcomes = store.commit_imports_checked(&mut previews, true)?;
    let summaries: Vec<FileSummary> = previews
        .iter()
        .zip(&outcomes)
        .map(|(p, o)| FileSummary {
            import_id: o.import_id.clone(),
            already_imported: o.already_imported,
            imported: o.summary.imported.clone(),
            ..summary(p, false)
        })
        .collect();
    if out.json {
        print_json(out, &summaries);
    }
    for o in &outcomes {
        eprintln!("{}", o.message);
    }
    Ok(())
}

/// One file: an object; several: an array of them.
fn print_json(out: &Out, summaries: &[FileSummary]) {
    match summaries {
        [one] => out.json_value(one),
        many => out.json_value(many),
    }
}

fn print_history(records: &[ImportRecord]) {
    if records.is_empty() {
        println!("Chưa có lần nhập nào.");
    }
    for r in records {
        let state = match &r.undone_at {
            Some(t) => format!("đã hoàn tác {t}"),
            None => String::new(),
        };
        let i = &r.summary.imported;
        println!(
            "{}  {}  {}  {}: {} khen thưởng, {} đăng ký, {} điểm khối, {} người mới  {state}",
            r.id,
            r.imported_at,
            r.kind,
            r.file_name,
            i.awards,
            i.registrations,
            i.block_scores,
            i.persons
        );
    }
}
