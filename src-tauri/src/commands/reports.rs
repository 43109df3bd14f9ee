//! Printed documents: the on-screen preview (printed from the web view through the system
//! print dialog) and saving the PDF or Word file to a path the clerk chose.

use super::{with_store, Reply};
use crate::AppState;
use tauri::State;
use thidua_core::report::{self, ReportPreview, ReportRequest, ReportSummary};

#[tauri::command]
pub fn report_preview(state: State<AppState>, request: ReportRequest) -> Reply<ReportPreview> {
    with_store(&state, |s| report::preview(s, &request))
}

/// Writes the document to `path` (from the save dialog) as PDF or DOCX, by its extension.
#[tauri::command]
pub fn save_report(
    state: State<AppState>,
    request: ReportRequest,
    path: String,
) -> Reply<ReportSummary> {
    let path = state.files.writable(&path)?;
    with_store(&state, |s| report::write(s, &request, &path))
}
