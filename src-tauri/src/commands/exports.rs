//! Excel exports started from the UI: the roll-up for the level above and the blank
//! templates for member units. The path must come from the save dialog.

use super::{with_store, Reply};
use crate::AppState;
use tauri::State;
use thidua_core::export::{self, ExportSummary, TemplateKind};

#[tauri::command]
pub fn export_rollup(
    state: State<AppState>,
    path: String,
    year: i32,
    half: Option<u8>,
) -> Reply<ExportSummary> {
    let path = state.files.writable(&path)?;
    with_store(&state, |s| export::rollup(s, year, half, &path))
}

#[tauri::command]
pub fn export_template(
    state: State<AppState>,
    path: String,
    kind: TemplateKind,
    year: i32,
    unit_code: Option<String>,
) -> Reply<ExportSummary> {
    let path = state.files.writable(&path)?;
    with_store(&state, |s| {
        export::template(s, kind, year, unit_code.as_deref(), &path)
    })
}
