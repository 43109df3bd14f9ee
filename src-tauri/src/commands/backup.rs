//! Backups from the app: what the error screen needs to offer the latest good copy when the
//! data file is damaged, and the restore itself. Logic in core backup.rs.

use super::Reply;
use crate::AppState;
use tauri::State;
use thidua_core::backup::{self, BackupInfo, RestoreReport};
use thidua_core::Error;

/// The newest backup that passes the integrity check, if any. Works when the store could
/// not be opened: it reads only the backups folder.
#[tauri::command]
pub fn latest_backup(state: State<AppState>) -> Reply<Option<BackupInfo>> {
    backup::latest_good(&state.db_path).map_err(|e| e.payload())
}

/// Replaces the data file by the latest good backup (the current file is kept aside) and
/// opens it. Only the window that holds the instance lock may do this.
#[tauri::command]
pub fn restore_latest_backup(state: State<AppState>) -> Reply<RestoreReport> {
    let db = state.db_path.clone();
    if state.lock.is_none() {
        return Err(Error::AlreadyOpen { path: db }.payload());
    }
    let mut guard = state.store.lock().unwrap_or_else(|p| p.into_inner());
    let latest = backup::latest_good(&db)
        .and_then(|b| {
            b.ok_or_else(|| {
                Error::not_found(format!(
                    "bản sao lưu dùng được trong {}",
                    backup::backup_dir(&db).display()
                ))
            })
        })
        .map_err(|e| e.payload())?;
    // The open connection (if any) must be closed before its file is replaced.
    let previous = std::mem::replace(
        &mut *guard,
        Err(Error::NoDatabase { path: db.clone() }.payload()),
    );
    drop(previous);
    let report = backup::restore(&db, std::path::Path::new(&latest.path));
    *guard = crate::open_store(&db);
    report.map_err(|e| e.payload())
}
