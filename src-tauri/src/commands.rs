//! Tauri commands: each one takes the UI's arguments, calls the core, and returns the core's
//! result or its typed error (code + Vietnamese message). Nothing else happens here.

use crate::AppState;
use tauri::State;
use thidua_core::blocks::{Block, BlockCopyReport, BlockInput};
use thidua_core::profile::OfficeProfile;
use thidua_core::units::{Unit, UnitEvent, UnitInput, UnitQuery};
use thidua_core::vocabulary::Vocabulary;
use thidua_core::{AppStatus, ErrorPayload, Store};

type Reply<T> = std::result::Result<T, ErrorPayload>;

/// Runs `f` on the open store; a poisoned lock or a store that failed to open becomes the
/// error payload the UI shows.
fn with_store<T>(
    state: &State<AppState>,
    f: impl FnOnce(&mut Store) -> thidua_core::Result<T>,
) -> Reply<T> {
    let mut guard = state.store.lock().unwrap_or_else(|p| p.into_inner());
    match guard.as_mut() {
        Ok(store) => f(store).map_err(|e| e.payload()),
        Err(e) => Err(e.clone()),
    }
}

#[tauri::command]
pub fn app_status(state: State<AppState>) -> AppStatus {
    let db_path = state.db_path.display().to_string();
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
                },
                (Err(e), _) | (_, Err(e)) => AppStatus {
                    info: None,
                    profile: None,
                    error: Some(e.payload()),
                    db_path,
                },
            }
        }
        Err(e) => AppStatus {
            info: None,
            profile: None,
            error: Some(e.clone()),
            db_path,
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

#[tauri::command]
pub fn list_units(state: State<AppState>, query: UnitQuery) -> Reply<Vec<Unit>> {
    with_store(&state, |s| s.units(&query))
}

#[tauri::command]
pub fn get_unit(state: State<AppState>, id: String) -> Reply<Unit> {
    with_store(&state, |s| s.unit(&id))
}

#[tauri::command]
pub fn create_unit(state: State<AppState>, input: UnitInput) -> Reply<Unit> {
    with_store(&state, |s| s.create_unit(&input))
}

#[tauri::command]
pub fn update_unit(state: State<AppState>, id: String, input: UnitInput) -> Reply<Unit> {
    with_store(&state, |s| s.update_unit(&id, &input))
}

#[tauri::command]
pub fn merge_unit(
    state: State<AppState>,
    id: String,
    into_id: String,
    on_date: String,
) -> Reply<Unit> {
    with_store(&state, |s| s.merge_unit(&id, &into_id, &on_date))
}

#[tauri::command]
pub fn dissolve_unit(state: State<AppState>, id: String, on_date: String) -> Reply<Unit> {
    with_store(&state, |s| s.dissolve_unit(&id, &on_date))
}

#[tauri::command]
pub fn reactivate_unit(state: State<AppState>, id: String) -> Reply<Unit> {
    with_store(&state, |s| s.reactivate_unit(&id))
}

#[tauri::command]
pub fn delete_unit(state: State<AppState>, id: String) -> Reply<()> {
    with_store(&state, |s| s.delete_unit(&id))
}

#[tauri::command]
pub fn unit_history(state: State<AppState>, id: String) -> Reply<Vec<UnitEvent>> {
    with_store(&state, |s| s.unit_history(&id))
}

#[tauri::command]
pub fn list_blocks(state: State<AppState>, year: i32) -> Reply<Vec<Block>> {
    with_store(&state, |s| s.blocks(year))
}

#[tauri::command]
pub fn block_years(state: State<AppState>) -> Reply<Vec<i32>> {
    with_store(&state, |s| s.block_years())
}

#[tauri::command]
pub fn create_block(state: State<AppState>, input: BlockInput) -> Reply<Block> {
    with_store(&state, |s| s.create_block(&input))
}

#[tauri::command]
pub fn update_block(state: State<AppState>, id: String, input: BlockInput) -> Reply<Block> {
    with_store(&state, |s| s.update_block(&id, &input))
}

#[tauri::command]
pub fn delete_block(state: State<AppState>, id: String) -> Reply<()> {
    with_store(&state, |s| s.delete_block(&id))
}

#[tauri::command]
pub fn copy_blocks(state: State<AppState>, from: i32, to: i32) -> Reply<BlockCopyReport> {
    with_store(&state, |s| s.copy_blocks(from, to))
}
