//! Tauri commands: each one takes the UI's arguments, calls the core, and returns the core's
//! result or its typed error (code + Vietnamese message). Nothing else happens here.
//! One file per area of the app; each new command is also listed in `build.rs` (its
//! permission), in the capability file, and in `generate_handler!` (lib.rs).

pub mod backup;
pub mod blocks;
pub mod certificates;
pub mod decisions;
pub mod exports;
pub mod files;
pub mod imports;
pub mod persons;
pub mod registrations;
pub mod reports;
pub mod reviews;
pub mod security;
pub mod settings;
pub mod units;
pub mod year;

use crate::AppState;
use tauri::State;
use thidua_core::profile::OfficeProfile;
use thidua_core::vocabulary::Vocabulary;
use thidua_core::{AppStatus, ErrorPayload, Store};

pub(crate) type Reply<T> = std::result::Result<T, ErrorPayload>;

/// Runs `f` on the open store; a poisoned lock or a store that failed to open becomes the
/// error payload the UI shows. A panic in `f` (a bug of ours, or of a library on strange
/// data) is answered with the `internal` error after rolling back what the command had begun:
/// left open, its transaction would hold every later command's work uncommitted.
pub(crate) fn with_store<T>(
    state: &State<AppState>,
    f: impl FnOnce(&mut Store) -> thidua_core::Result<T>,
) -> Reply<T> {
    state.unlocked()?;
    let mut guard = state.store.lock().unwrap_or_else(|p| p.into_inner());
    match guard.as_mut() {
        Ok(store) => match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| f(store))) {
            Ok(done) => done.map_err(|e| e.payload()),
            Err(panic) => {
                store.roll_back_unfinished();
                let detail = panic
                    .downcast_ref::<&str>()
                    .map(|s| s.to_string())
                    .or_else(|| panic.downcast_ref::<String>().cloned())
                    .unwrap_or_else(|| "lỗi không rõ".into());
                Err(thidua_core::Error::Internal { detail }.payload())
            }
        },
        Err(e) => Err(e.clone()),
    }
}

#[tauri::command]
pub fn app_status(state: State<AppState>) -> AppStatus {
    let db_path = state.db_path().display().to_string();
    if state.is_locked() {
        // Only what the lock screen needs; the office and its data wait for the password.
        return AppStatus {
            info: None,
            profile: None,
            error: None,
            db_path,
            locked: true,
        };
    }
    let guard = state.store.lock().unwrap_or_else(|p| p.into_inner());
    match guard.as_ref() {
        Ok(store) => {
            let (info, profile) = (store.app_info(), store.profile());
            match (info, profile) {
                (Ok(info), Ok(profile)) => AppStatus {
                    info: Some(info),
                    profile,
                    error: None,
                    db_path,
                    locked: false,
                },
                (Err(e), _) | (_, Err(e)) => AppStatus {
                    info: None,
                    profile: None,
                    error: Some(e.payload()),
                    db_path,
                    locked: false,
                },
            }
        }
        Err(e) => AppStatus {
            info: None,
            profile: None,
            error: Some(e.clone()),
            db_path,
            locked: false,
        },
    }
}

#[tauri::command]
pub fn vocabulary() -> Vocabulary {
    thidua_core::vocabulary::vocabulary()
}

#[tauri::command]
pub fn init_profile(state: State<AppState>, profile: OfficeProfile) -> Reply<OfficeProfile> {
    with_store(&state, |s| s.init_profile(&profile))
}

#[tauri::command]
pub fn update_profile(state: State<AppState>, profile: OfficeProfile) -> Reply<OfficeProfile> {
    with_store(&state, |s| s.update_profile(&profile))
}
