//! Member units: list, edit, merge, dissolve, history.

use super::{with_store, Reply};
use crate::AppState;
use tauri::State;
use thidua_core::units::{Unit, UnitEvent, UnitInput, UnitQuery};

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
