//! People of the office, for the persons grid and the name pick-lists.

use super::{with_store, Reply};
use crate::AppState;
use tauri::State;
use thidua_core::persons::{Person, PersonQuery};

#[tauri::command]
pub fn list_persons(state: State<AppState>, query: PersonQuery) -> Reply<Vec<Person>> {
    with_store(&state, |s| s.persons(&query))
}
