//! The home screen of a year: deadlines, what each unit has sent, and the figures charted.

use super::{with_store, Reply};
use crate::AppState;
use tauri::State;
use thidua_core::deadlines::{Deadline, DeadlineKind, YearDocuments};
use thidua_core::scoring::ScoreRow;
use thidua_core::stats::Stats;

/// `today` is the clerk's local date (yyyy-mm-dd) as the window knows it.
#[tauri::command]
pub fn year_documents(state: State<AppState>, year: i32, today: String) -> Reply<YearDocuments> {
    with_store(&state, |s| s.year_documents(year, &today))
}

#[tauri::command]
pub fn set_deadline(
    state: State<AppState>,
    year: i32,
    kind: DeadlineKind,
    due_on: Option<String>,
) -> Reply<Vec<Deadline>> {
    with_store(&state, |s| s.set_deadline(year, kind, due_on.as_deref()))
}

#[tauri::command]
pub fn year_stats(state: State<AppState>, year: i32) -> Reply<Stats> {
    with_store(&state, |s| s.stats(year, None))
}

#[tauri::command]
pub fn year_scores(state: State<AppState>, year: i32) -> Reply<Vec<ScoreRow>> {
    with_store(&state, |s| s.scores(year))
}
