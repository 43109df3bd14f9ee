//! Printed documents: the on-screen preview (printed from the web view through the system
//! print dialog) and saving the PDF or Word file to a path the clerk chose.

use super::{with_store, Reply};
use crate::AppState;
use tauri::State;
use thidua_core::report::{
    self, NarrativeEdit, NarrativeSection, ReportPreview, ReportRequest, ReportSummary,
};

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

/// The clerk's prose sections of a sơ kết / tổng kết report for the period of `request`.
#[tauri::command]
pub fn report_narratives(
    state: State<AppState>,
    request: ReportRequest,
) -> Reply<Vec<NarrativeSection>> {
    with_store(&state, |s| {
        s.report_narratives(request.kind, request.year, request.half)
    })
}

/// Saves the sections edited on screen (all or none) and returns the period's sections.
#[tauri::command]
pub fn save_report_narratives(
    state: State<AppState>,
    request: ReportRequest,
    edits: Vec<NarrativeEdit>,
) -> Reply<Vec<NarrativeSection>> {
    with_store(&state, |s| {
        s.set_report_narratives(request.kind, request.year, request.half, &edits)
    })
}
