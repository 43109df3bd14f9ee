//! `thidua backup`, `thidua backups`, `thidua restore`: copies of the data file and getting
//! one back. The logic (online backup, checks, rename) is in core backup.rs.

use crate::output::{pad, Out};
use std::path::{Path, PathBuf};
use thidua_core::backup::{self, BackupKind};
use thidua_core::lock::InstanceLock;
use thidua_core::{Error, Result, Store};

pub fn backup_now(db: &Path, out_file: Option<PathBuf>, out: &Out) -> Result<()> {
    let store = Store::open_existing(db)?;
    let made = match out_file {
        Some(target) => store.backup_to(&target)?,
        None => store.backup_now(BackupKind::ThuCong)?,
    };
    out.done(
        &made,
        &format!(
            "Đã sao lưu vào {} ({} KB, đã kiểm tra toàn vẹn).",
            made.path,
            made.size_bytes.div_ceil(1024)
        ),
    );
    Ok(())
}

pub fn list(db: &Path, out: &Out) -> Result<()> {
    let all = backup::list(db)?;
    if out.json {
        out.json_value(&all);
        return Ok(());
    }
    if all.is_empty() {
        println!(
            "Chưa có bản sao lưu nào trong {}.",
            backup::backup_dir(db).display()
        );
    }
    for b in &all {
        let kind = match b.kind {
            BackupKind::TuDong => "tự động",
            BackupKind::ThuCong => "thủ công",
            BackupKind::TruocNangCap => "trước nâng cấp",
            BackupKind::TruocKhoiPhuc => "trước khôi phục",
        };
        println!(
            "{}  {}  {:>8} KB  {}",
            b.created_at
                .get(..19)
                .unwrap_or(&b.created_at)
                .replace('T', " "),
            pad(kind, 15),
            b.size_bytes.div_ceil(1024),
            b.path
        );
    }
    Ok(())
}

/// Restoring swaps the data file, so it first takes the instance lock: refused while the app
/// has the file open.
pub fn restore(db: &Path, file: Option<PathBuf>, latest: bool, out: &Out) -> Result<()> {
    let _lock = InstanceLock::acquire(db)?;
    let from = match (file, latest) {
        (Some(f), false) => f,
        (None, true) => backup::latest_good(db)?
            .map(|b| PathBuf::from(b.path))
            .ok_or_else(|| {
                Error::not_found(format!(
                    "bản sao lưu dùng được trong {}",
                    backup::backup_dir(db).display()
                ))
            })?,
        _ => {
            return Err(Error::invalid(
                "file",
                "Hãy chỉ ra tệp sao lưu cần khôi phục, hoặc dùng --latest cho bản gần nhất.",
            ))
        }
    };
    let report = backup::restore(db, &from)?;
    let mut message = format!("Đã khôi phục dữ liệu từ {}.", report.restored_from);
    if let Some(prev) = &report.previous_saved_to {
        message.push_str(&format!(" Tệp cũ được giữ tại {prev}."));
    }
    out.done(&report, &message);
    Ok(())
}
