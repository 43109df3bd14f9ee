//! Block scoring: the members' scores side by side, the ranking, the criteria table.

use super::{with_store, Reply};
use crate::AppState;
use tauri::State;
use thidua_core::assessments::{Assessment, AssessmentInput, Period};
use thidua_core::scoring::{
    BlockResult, BlockScoreInput, CriteriaSet, CriterionInput, CriterionScore,
};

#[tauri::command]
pub fn block_results(state: State<AppState>, block_id: String) -> Reply<Vec<BlockResult>> {
    with_store(&state, |s| s.block_results(&block_id))
}

/// Several members' totals saved together (one grid step), then the block ranked again.
#[tauri::command]
pub fn set_block_scores(
    state: State<AppState>,
    block_id: String,
    scores: Vec<(String, BlockScoreInput)>,
) -> Reply<Vec<BlockResult>> {
    with_store(&state, |s| {
        s.atomically(|s| {
            for (unit_id, input) in &scores {
                s.set_block_score(&block_id, unit_id, input, None)?;
            }
            s.block_results(&block_id)
        })
    })
}

#[tauri::command]
pub fn criteria_set(state: State<AppState>, block_id: String) -> Reply<Option<CriteriaSet>> {
    with_store(&state, |s| s.criteria_set(&block_id))
}

/// The block's criteria table as edited (the whole tree); the core refuses a change that
/// would leave points already given without their line or above its new maximum.
#[tauri::command]
pub fn save_criteria_set(
    state: State<AppState>,
    block_id: String,
    name: String,
    lines: Vec<CriterionInput>,
) -> Reply<CriteriaSet> {
    with_store(&state, |s| s.save_criteria_set(&block_id, &name, &lines))
}

#[tauri::command]
pub fn copy_criteria_from_last_year(
    state: State<AppState>,
    block_id: String,
) -> Reply<CriteriaSet> {
    with_store(&state, |s| s.copy_criteria_from_last_year(&block_id))
}

#[tauri::command]
pub fn get_assessment(
    state: State<AppState>,
    unit_id: String,
    year: i32,
    period: Period,
) -> Reply<Option<Assessment>> {
    with_store(&state, |s| s.assessment(&unit_id, year, period))
}

#[tauri::command]
pub fn save_assessment(state: State<AppState>, input: AssessmentInput) -> Reply<Assessment> {
    with_store(&state, |s| s.save_assessment(&input))
}

#[tauri::command]
pub fn criterion_scores(
    state: State<AppState>,
    block_id: String,
    unit_id: String,
) -> Reply<Vec<CriterionScore>> {
    with_store(&state, |s| s.criterion_scores(&block_id, &unit_id))
}

#[tauri::command]
pub fn set_criterion_scores(
    state: State<AppState>,
    block_id: String,
    unit_id: String,
    scores: Vec<CriterionScore>,
) -> Reply<BlockResult> {
    with_store(&state, |s| {
        s.set_criterion_scores(&block_id, &unit_id, &scores)
    })
}
