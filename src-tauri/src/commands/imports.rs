//! Importing the Excel files units send: preview (nothing written), commit, history, undo.
//! Each command that reads a file accepts only a path the clerk picked or dropped.

use super::{with_store, Reply};
use crate::AppState;
use tauri::State;
use thidua_core::import::{ImportOptions, ImportOutcome, ImportPreview, ImportRecord};

#[tauri::command]
pub fn preview_import(
    state: State<AppState>,
    path: String,
    options: ImportOptions,
) -> Reply<ImportPreview> {
    let path = state.files.readable(&path)?;
    with_store(&state, |s| s.preview_import_with_rules(&path, &options))
}

/// Previews again with the clerk's corrections and writes it in one transaction: the file
/// is read afresh, so what is written is what the latest preview showed.
#[tauri::command]
pub fn commit_import(
    state: State<AppState>,
    path: String,
    options: ImportOptions,
) -> Reply<ImportOutcome> {
    let path = state.files.readable(&path)?;
    with_store(&state, |s| s.import_file(&path, &options))
}

#[tauri::command]
pub fn list_imports(state: State<AppState>) -> Reply<Vec<ImportRecord>> {
    with_store(&state, |s| s.imports())
}

#[tauri::command]
pub fn undo_import(state: State<AppState>, id: String) -> Reply<ImportRecord> {
    with_store(&state, |s| s.undo_import(&id))
}
