//! Settings: the dated legal rules (base salary, rule parameters, regimes and their
//! coefficients). A change is a new row from a date; older rows stay for older decisions.

use super::{with_store, Reply};
use crate::AppState;
use tauri::State;
use thidua_core::rules::{
    BaseSalary, CatalogEdit, CatalogItem, Coefficient, Regime, Rounding, RuleParam,
};

#[tauri::command]
pub fn list_base_salaries(state: State<AppState>) -> Reply<Vec<BaseSalary>> {
    with_store(&state, |s| s.base_salaries())
}

#[tauri::command]
pub fn add_base_salary(
    state: State<AppState>,
    effective_from: String,
    amount: i64,
    legal_ref: String,
    confirmed: bool,
) -> Reply<BaseSalary> {
    with_store(&state, |s| {
        s.set_base_salary(&effective_from, amount, &legal_ref, confirmed)
    })
}

#[tauri::command]
pub fn list_rule_params(state: State<AppState>) -> Reply<Vec<RuleParam>> {
    with_store(&state, |s| s.rule_params())
}

#[tauri::command]
pub fn add_rule_param(
    state: State<AppState>,
    key: String,
    valid_from: String,
    value: Option<f64>,
    legal_ref: String,
    note: String,
) -> Reply<Vec<RuleParam>> {
    with_store(&state, |s| {
        s.set_rule_param(&key, &valid_from, value, &legal_ref, &note)?;
        s.rule_params()
    })
}

#[tauri::command]
pub fn list_regimes(state: State<AppState>) -> Reply<Vec<Regime>> {
    with_store(&state, |s| s.regimes())
}

#[tauri::command]
pub fn list_coefficients(state: State<AppState>) -> Reply<Vec<Coefficient>> {
    with_store(&state, |s| s.coefficients())
}

/// A new coefficient from a date (a new row; the older one stays for older decisions).
#[tauri::command]
pub fn add_coefficient(
    state: State<AppState>,
    code: String,
    valid_from: String,
    value: Option<f64>,
    legal_ref: String,
) -> Reply<Coefficient> {
    with_store(&state, |s| {
        s.add_coefficient_from(&code, &valid_from, value, &legal_ref)
    })
}

/// Removes a dated coefficient row and returns it, so the UI can offer to put it back.
#[tauri::command]
pub fn remove_coefficient(
    state: State<AppState>,
    code: String,
    regime_id: String,
    valid_from: String,
) -> Reply<Coefficient> {
    with_store(&state, |s| {
        s.remove_coefficient_row(&code, &regime_id, &valid_from)
    })
}

#[tauri::command]
pub fn remove_base_salary(state: State<AppState>, effective_from: String) -> Reply<BaseSalary> {
    with_store(&state, |s| s.remove_base_salary(&effective_from))
}

#[tauri::command]
pub fn remove_rule_param(
    state: State<AppState>,
    key: String,
    valid_from: String,
) -> Reply<RuleParam> {
    with_store(&state, |s| s.remove_rule_param(&key, &valid_from))
}

#[tauri::command]
pub fn list_roundings(state: State<AppState>) -> Reply<Vec<Rounding>> {
    with_store(&state, |s| s.roundings())
}

/// A new rounding from a date (a new row; the older one stays for older decisions).
#[tauri::command]
pub fn add_rounding(
    state: State<AppState>,
    valid_from: String,
    mode: String,
    step: i64,
    legal_ref: String,
) -> Reply<Rounding> {
    with_store(&state, |s| {
        s.add_rounding_from(&valid_from, &mode, step, &legal_ref)
    })
}

/// Removes a dated rounding row and returns it, so the UI can offer to put it back.
#[tauri::command]
pub fn remove_rounding(
    state: State<AppState>,
    regime_id: String,
    valid_from: String,
) -> Reply<Rounding> {
    with_store(&state, |s| s.remove_rounding_row(&regime_id, &valid_from))
}

/// A title or form the catalog lacks (a local one, or a new decree's); its money is then
/// set as a coefficient from a date.
#[tauri::command]
pub fn add_catalog_item(state: State<AppState>, item: CatalogItem) -> Reply<CatalogItem> {
    with_store(&state, |s| {
        if item.legal_ref.trim().is_empty() {
            return Err(thidua_core::Error::invalid(
                "legal_ref",
                "Hãy ghi căn cứ pháp lý (văn bản quy định danh hiệu, hình thức này).",
            ));
        }
        s.add_catalog_item(&item)
    })
}

/// A catalog item's name, validity and legal reference changed (an official item: only its
/// end date, see `CatalogEdit`).
#[tauri::command]
pub fn update_catalog_item(
    state: State<AppState>,
    code: String,
    edit: CatalogEdit,
) -> Reply<CatalogItem> {
    with_store(&state, |s| s.update_catalog_item(&code, &edit))
}
