//! People of the office, for the persons grid and the name pick-lists.

use super::{with_store, Reply};
use crate::AppState;
use tauri::State;
use thidua_core::persons::{Person, PersonLine, PersonMerge, PersonStep};

/// Everyone on file as the persons grid shows them (compact lines, see `PersonLine`).
#[tauri::command]
pub fn list_person_lines(state: State<AppState>) -> Reply<Vec<PersonLine>> {
    with_store(&state, |s| s.person_lines())
}

/// One person's whole record (what the grid does not show), when the screen needs it.
#[tauri::command]
pub fn get_person(state: State<AppState>, id: String) -> Reply<Person> {
    with_store(&state, |s| s.person(&id))
}

/// One step of the persons grid (a cell, a pasted block, a paste undone), all or nothing. The
/// saved lines come back in the order of the step's changes.
#[tauri::command]
pub fn save_person_step(state: State<AppState>, step: PersonStep) -> Reply<Vec<PersonLine>> {
    with_store(&state, |s| s.save_person_step(&step))
}

/// The clerk confirmed two records are the same person: `duplicate` goes into `keep`.
#[tauri::command]
pub fn merge_persons(
    state: State<AppState>,
    keep: String,
    duplicate: String,
) -> Reply<PersonMerge> {
    with_store(&state, |s| s.merge_persons(&keep, &duplicate))
}

/// A merge taken back: the duplicate is a record of its own again, with its links.
#[tauri::command]
pub fn undo_person_merge(state: State<AppState>, merge_id: String) -> Reply<Person> {
    with_store(&state, |s| s.undo_person_merge(&merge_id))
}
