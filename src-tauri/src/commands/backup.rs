//! The data file's safety: backups (list, make one now, restore a chosen one or, on the
//! damaged-file screen, the latest good one) and the data folder (where it is, moving it).
//! Logic in core backup.rs and datadir.rs; here only the swap of the open store.

use super::{with_store, Reply};
use crate::AppState;
use std::path::{Path, PathBuf};
use tauri::State;
use thidua_core::backup::{self, BackupInfo, BackupKind, CheckedBackup, RestoreReport};
use thidua_core::datadir::{self, DataLocation, MissingFolder, MoveReport};
use thidua_core::lock::InstanceLock;
use thidua_core::{paths, Error};

/// The newest backup that passes the integrity check, if any. Works when the store could
/// not be opened: it reads only the backups folder.
#[tauri::command]
pub fn latest_backup(state: State<AppState>) -> Reply<Option<BackupInfo>> {
    state.unlocked()?;
    backup::latest_good(&state.db_path()).map_err(|e| e.payload())
}

/// Replaces the data file by the latest good backup (the current file is kept aside) and
/// opens it. Only the window that holds the instance lock may do this.
#[tauri::command]
pub fn restore_latest_backup(state: State<AppState>) -> Reply<RestoreReport> {
    state.unlocked()?;
    let db = state.db_path();
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
    restore_from(&state, &db, Path::new(&latest.path))
}

/// Closes the open store, restores `from` over `db` (core backup::restore keeps the current
/// file aside first), and opens the result. A restored file with a password locks the app.
fn restore_from(state: &AppState, db: &Path, from: &Path) -> Reply<RestoreReport> {
    if state
        .lock
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .is_none()
    {
        return Err(Error::AlreadyOpen {
            path: db.to_path_buf(),
        }
        .payload());
    }
    let mut guard = state.store.lock().unwrap_or_else(|p| p.into_inner());
    // The open connection (if any) must be closed before its file is replaced.
    let previous = std::mem::replace(
        &mut *guard,
        Err(Error::NoDatabase {
            path: db.to_path_buf(),
        }
        .payload()),
    );
    drop(previous);
    let report = backup::restore(db, from);
    *guard = crate::open_store(db);
    state.lock_if_password(&guard);
    report.map_err(|e| e.payload())
}

/// Every backup beside the data file, newest first, each checked.
#[tauri::command]
pub fn list_backups(state: State<AppState>) -> Reply<Vec<CheckedBackup>> {
    state.unlocked()?;
    backup::list_checked(&state.db_path()).map_err(|e| e.payload())
}

/// A backup the clerk asked for ("Sao lưu ngay"); never deleted automatically.
#[tauri::command]
pub fn backup_now(state: State<AppState>) -> Reply<BackupInfo> {
    with_store(&state, |s| s.backup_now(BackupKind::ThuCong))
}

/// Restores the backup at `path`, which must be one of the listed backups of this data file.
#[tauri::command]
pub fn restore_backup(state: State<AppState>, path: String) -> Reply<RestoreReport> {
    state.unlocked()?;
    let db = state.db_path();
    let chosen = backup::find(&db, &path).map_err(|e| e.payload())?;
    restore_from(&state, &db, Path::new(&chosen.path))
}

#[tauri::command]
pub fn data_location(state: State<AppState>) -> Reply<DataLocation> {
    state.unlocked()?;
    Ok(datadir::location(&state.db_path()))
}

/// Moves the data to `folder` (picked in the folder dialog): copies and checks it there
/// with its backups (core datadir.rs), takes the new file's instance lock, switches the app to
/// it, and remembers the folder for the next start. The old file and backups stay where they
/// were.
#[tauri::command]
pub fn move_data_dir(state: State<AppState>, folder: String) -> Reply<MoveReport> {
    state.unlocked()?;
    let folder: PathBuf = state.files.writable(&folder)?;
    let mut guard = state.store.lock().unwrap_or_else(|p| p.into_inner());
    let store = guard.as_mut().map_err(|e| e.clone())?;
    let moved = datadir::copy_to_folder(store, &folder).map_err(|e| e.payload())?;
    let target = moved.db;
    let new_lock = InstanceLock::acquire(&target).map_err(|e| e.payload())?;
    let opened = crate::open_store(&target)?;
    if let Some(config) = paths::config_file() {
        paths::remember_dir(&config, &folder).map_err(|e| e.payload())?;
    }
    *guard = Ok(opened);
    *state.db_path.lock().unwrap_or_else(|p| p.into_inner()) = target.clone();
    *state.lock.lock().unwrap_or_else(|p| p.into_inner()) = Some(new_lock);
    Ok(MoveReport {
        location: datadir::location(&target),
        backups_copied: moved.backups_copied,
    })
}

/// The remembered data folder that was missing at start; refused in any other state, so the
/// page cannot switch the data file of a running office through these commands.
fn missing_folder_of(state: &AppState) -> Reply<PathBuf> {
    state.unlocked()?;
    let guard = state.store.lock().unwrap_or_else(|p| p.into_inner());
    match guard.as_ref() {
        Err(e) if e.code == "data_dir_missing" => Ok(state
            .db_path()
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_default()),
        _ => Err(Error::invalid(
            "folder",
            "Thư mục dữ liệu đang dùng được; không cần chọn lại ở đây (Cài đặt → Thư mục dữ liệu).",
        )
        .payload()),
    }
}

/// Switches the app to the data file `db`: its instance lock, then the file opened as at
/// start (a damaged one shows its own screen afterwards). Refused, with nothing changed,
/// when another window holds that file.
fn switch_to(state: &AppState, db: &Path) -> Reply<()> {
    let lock = InstanceLock::acquire(db).map_err(|e| e.payload())?;
    let opened = crate::open_store(db);
    let mut guard = state.store.lock().unwrap_or_else(|p| p.into_inner());
    state.lock_if_password(&opened);
    *guard = opened;
    *state.db_path.lock().unwrap_or_else(|p| p.into_inner()) = db.to_path_buf();
    *state.lock.lock().unwrap_or_else(|p| p.into_inner()) = Some(lock);
    Ok(())
}

/// What the missing-folder start screen shows: the folder, and what the default folder holds.
#[tauri::command]
pub fn missing_data_folder(state: State<AppState>) -> Reply<MissingFolder> {
    let dir = missing_folder_of(&state)?;
    Ok(datadir::missing_folder(
        &dir,
        &paths::user_data_dir().join(paths::DB_FILE_NAME),
    ))
}

/// "Thử lại" (the drive plugged back in): the start-up choice made again.
#[tauri::command]
pub fn retry_data_folder(state: State<AppState>) -> Reply<()> {
    missing_folder_of(&state)?;
    let db = paths::startup_db_path().map_err(|e| e.payload())?;
    switch_to(&state, &db)
}

/// "Dùng thư mục mặc định": the per-user folder for this session. The remembered choice is
/// kept, so the next start tries the missing folder again.
#[tauri::command]
pub fn use_default_data_folder(state: State<AppState>) -> Reply<()> {
    missing_folder_of(&state)?;
    switch_to(&state, &paths::user_data_dir().join(paths::DB_FILE_NAME))
}

/// "Chọn thư mục khác": a folder picked in the folder dialog that holds the data file (the
/// drive under another letter). It is remembered once its file opens.
#[tauri::command]
pub fn open_data_folder(state: State<AppState>, folder: String) -> Reply<()> {
    missing_folder_of(&state)?;
    let folder: PathBuf = state.files.writable(&folder)?;
    let db = datadir::existing_data_file(&folder).map_err(|e| e.payload())?;
    switch_to(&state, &db)?;
    let opened = state
        .store
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .is_ok();
    if let (true, Some(config)) = (opened, paths::config_file()) {
        paths::remember_dir(&config, &folder).map_err(|e| e.payload())?;
    }
    Ok(())
}
