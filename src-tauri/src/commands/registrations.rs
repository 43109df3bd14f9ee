//! Registrations of a year (the grid), the rules engine's warnings and the catalog the grid's
//! pick-lists offer.

use super::{with_store, Reply};
use crate::AppState;
use tauri::State;
use thidua_core::checks::CheckReport;
use thidua_core::registrations::{
    Registration, RegistrationEdit, RegistrationQuery, RegistrationRow,
};

#[tauri::command]
pub fn list_registrations(
    state: State<AppState>,
    query: RegistrationQuery,
) -> Reply<Vec<RegistrationRow>> {
    with_store(&state, |s| s.registrations(&query))
}

#[tauri::command]
pub fn save_registrations(
    state: State<AppState>,
    edits: Vec<RegistrationEdit>,
) -> Reply<Vec<Option<Registration>>> {
    with_store(&state, |s| s.save_registrations(&edits))
}

#[tauri::command]
pub fn check_year(state: State<AppState>, year: i32) -> Reply<CheckReport> {
    with_store(&state, |s| s.check_year(year))
}
