//! Certificates (giấy khen): the layouts of the office's blanks, the texts of a decision's
//! certificates, and the PDFs written to the path the clerk chose in the save dialog.

use super::{with_store, Reply};
use crate::AppState;
use tauri::State;
use thidua_core::certificates::{
    CertificateLayout, CertificateLayoutInput, CertificateSummary, CertificateTexts,
};
use thidua_core::decisions::Decision;

#[tauri::command]
pub fn certificate_layouts(state: State<AppState>) -> Reply<Vec<CertificateLayout>> {
    with_store(&state, |s| s.certificate_layouts())
}

/// Creates a layout (no id) or changes one.
#[tauri::command]
pub fn save_certificate_layout(
    state: State<AppState>,
    id: Option<String>,
    input: CertificateLayoutInput,
) -> Reply<CertificateLayout> {
    with_store(&state, |s| match id {
        Some(id) => s.update_certificate_layout(&id, &input),
        None => s.create_certificate_layout(&input),
    })
}

#[tauri::command]
pub fn duplicate_certificate_layout(
    state: State<AppState>,
    id: String,
) -> Reply<CertificateLayout> {
    with_store(&state, |s| s.duplicate_certificate_layout(&id))
}

#[tauri::command]
pub fn delete_certificate_layout(state: State<AppState>, id: String) -> Reply<()> {
    with_store(&state, |s| s.delete_certificate_layout(&id))
}

#[tauri::command]
pub fn set_default_certificate_layout(
    state: State<AppState>,
    id: String,
) -> Reply<CertificateLayout> {
    with_store(&state, |s| s.set_default_certificate_layout(&id))
}

/// The decisions to print from, newest first, with their number of recipients.
#[tauri::command]
pub fn certificate_decisions(state: State<AppState>) -> Reply<Vec<Decision>> {
    with_store(&state, |s| s.decisions(None))
}

/// The texts of every certificate of a decision, and the achievement line set for it.
#[tauri::command]
pub fn certificate_texts(
    state: State<AppState>,
    decision_id: String,
) -> Reply<(Vec<CertificateTexts>, Option<String>)> {
    with_store(&state, |s| {
        Ok((
            s.certificate_texts(&decision_id)?,
            s.certificate_phrase(&decision_id)?,
        ))
    })
}

#[tauri::command]
pub fn set_certificate_phrase(
    state: State<AppState>,
    decision_id: String,
    phrase: String,
) -> Reply<()> {
    with_store(&state, |s| s.set_certificate_phrase(&decision_id, &phrase))
}

/// Writes every certificate of the decision to `path`, which the clerk chose in the save
/// dialog.
#[tauri::command]
pub fn write_certificates(
    state: State<AppState>,
    decision_id: String,
    layout_id: String,
    path: String,
) -> Reply<CertificateSummary> {
    let path = state.files.writable(&path)?;
    with_store(&state, |s| {
        s.write_certificates(&decision_id, Some(&layout_id), &path)
    })
}

#[tauri::command]
pub fn write_certificate_calibration(
    state: State<AppState>,
    layout_id: String,
    path: String,
) -> Reply<CertificateSummary> {
    let path = state.files.writable(&path)?;
    with_store(&state, |s| {
        s.write_certificate_calibration(Some(&layout_id), &path)
    })
}
