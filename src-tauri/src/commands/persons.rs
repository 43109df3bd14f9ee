//! People of the office, for the persons grid and the name pick-lists.

use super::{with_store, Reply};
use crate::AppState;
use tauri::State;
use thidua_core::persons::{Person, PersonInput, PersonQuery};

#[tauri::command]
pub fn list_persons(state: State<AppState>, query: PersonQuery) -> Reply<Vec<Person>> {
    with_store(&state, |s| s.persons(&query))
}

/// People edited or added in the grid (one step: a cell, a pasted block), all or nothing:
/// a line without an id is a new person. The saved records come back in the same order.
#[tauri::command]
pub fn save_persons(
    state: State<AppState>,
    changes: Vec<(Option<String>, PersonInput)>,
) -> Reply<Vec<Person>> {
    with_store(&state, |s| {
        s.atomically(|s| {
            changes
                .iter()
                .map(|(id, input)| match id {
                    Some(id) => s.update_person(id, input),
                    None => s.create_person(input),
                })
                .collect()
        })
    })
}

/// The clerk confirmed two records are the same person: `duplicate` goes into `keep`.
#[tauri::command]
pub fn merge_persons(state: State<AppState>, keep: String, duplicate: String) -> Reply<Person> {
    with_store(&state, |s| s.merge_persons(&keep, &duplicate))
}

/// A person added by mistake taken back (undoing a paste); refused once anything of theirs is
/// on file.
#[tauri::command]
pub fn delete_person(state: State<AppState>, id: String) -> Reply<()> {
    with_store(&state, |s| s.delete_person(&id))
}
