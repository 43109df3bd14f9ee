//! Award decisions and their recipients, the people searched and created on the fly, the
//! registrations that qualify, and the proposals sent upward.

use super::{with_store, Reply};
use crate::AppState;
use tauri::State;
use thidua_core::candidates::AwardCandidate;
use thidua_core::decisions::{
    AwardInput, AwardQuery, AwardRow, Decision, DecisionInput, PersonHistory,
};
use thidua_core::persons::{Household, Person, PersonInput, PersonQuery};
use thidua_core::proposals::{
    DecisionMatch, Proposal, ProposalDetail, ProposalInput, ProposalItem, ProposalItemInput,
};
use thidua_core::rules::CatalogItem;

#[tauri::command]
pub fn list_decisions(state: State<AppState>, year: Option<i32>) -> Reply<Vec<Decision>> {
    with_store(&state, |s| s.decisions(year))
}

#[tauri::command]
pub fn create_decision(state: State<AppState>, input: DecisionInput) -> Reply<Decision> {
    with_store(&state, |s| s.create_decision(&input))
}

#[tauri::command]
pub fn get_decision(state: State<AppState>, id: String) -> Reply<Decision> {
    with_store(&state, |s| s.decision(&id))
}

#[tauri::command]
pub fn list_awards(state: State<AppState>, query: AwardQuery) -> Reply<Vec<AwardRow>> {
    with_store(&state, |s| s.awards(&query))
}

#[tauri::command]
pub fn add_awards(
    state: State<AppState>,
    decision_id: String,
    inputs: Vec<AwardInput>,
) -> Reply<Vec<AwardRow>> {
    with_store(&state, |s| s.add_awards(&decision_id, &inputs))
}

#[tauri::command]
pub fn remove_award(state: State<AppState>, id: String) -> Reply<()> {
    with_store(&state, |s| s.remove_award(&id))
}

#[tauri::command]
pub fn set_award_amount(
    state: State<AppState>,
    id: String,
    amount: Option<i64>,
) -> Reply<AwardRow> {
    with_store(&state, |s| s.set_award_amount(&id, amount))
}

#[tauri::command]
pub fn person_history(state: State<AppState>, person_id: String) -> Reply<PersonHistory> {
    with_store(&state, |s| s.person_history(&person_id))
}

#[tauri::command]
pub fn search_persons(state: State<AppState>, query: PersonQuery) -> Reply<Vec<Person>> {
    with_store(&state, |s| s.persons(&query))
}

/// Households found by the head's name, for a proposal's line.
#[tauri::command]
pub fn search_households(state: State<AppState>, search: String) -> Reply<Vec<Household>> {
    with_store(&state, |s| s.households_named(&search, 8))
}

#[tauri::command]
pub fn create_person(state: State<AppState>, input: PersonInput) -> Reply<Person> {
    with_store(&state, |s| s.create_person(&input))
}

#[tauri::command]
pub fn list_catalog(state: State<AppState>) -> Reply<Vec<CatalogItem>> {
    with_store(&state, |s| s.catalog())
}

#[tauri::command]
pub fn award_candidates(
    state: State<AppState>,
    year: i32,
    code: String,
) -> Reply<Vec<AwardCandidate>> {
    with_store(&state, |s| s.award_candidates(year, &code))
}

#[tauri::command]
pub fn list_proposals(state: State<AppState>, year: Option<i32>) -> Reply<Vec<Proposal>> {
    with_store(&state, |s| s.proposals(year))
}

#[tauri::command]
pub fn get_proposal(state: State<AppState>, id: String) -> Reply<ProposalDetail> {
    with_store(&state, |s| s.proposal(&id))
}

/// The other awards of everyone on a decision (the history beside each line).
#[tauri::command]
pub fn recipients_other_awards(
    state: State<AppState>,
    decision_id: String,
) -> Reply<Vec<AwardRow>> {
    with_store(&state, |s| s.recipients_other_awards(&decision_id))
}

#[tauri::command]
pub fn create_proposal(state: State<AppState>, input: ProposalInput) -> Reply<Proposal> {
    with_store(&state, |s| s.create_proposal(&input))
}

/// Deletes a proposal and its lines (the screen asks first); awards stay in their decisions.
#[tauri::command]
pub fn delete_proposal(state: State<AppState>, id: String) -> Reply<()> {
    with_store(&state, |s| s.delete_proposal(&id))
}

#[tauri::command]
pub fn add_proposal_item(
    state: State<AppState>,
    proposal_id: String,
    input: ProposalItemInput,
) -> Reply<ProposalItem> {
    with_store(&state, |s| s.add_proposal_item(&proposal_id, &input))
}

#[tauri::command]
pub fn remove_proposal_item(state: State<AppState>, item_id: String) -> Reply<()> {
    with_store(&state, |s| s.remove_proposal_item(&item_id))
}

/// The answer for one line: approved or not, or None to take the answer back (the line waits
/// again). Linking the award is done by matching the whole proposal with its decision.
#[tauri::command]
pub fn record_proposal_outcome(
    state: State<AppState>,
    item_id: String,
    approved: Option<bool>,
) -> Reply<ProposalItem> {
    with_store(&state, |s| match approved {
        Some(approved) => s.record_proposal_outcome(&item_id, approved, None),
        None => s.reopen_proposal_item(&item_id),
    })
}

#[tauri::command]
pub fn approve_with_decision(
    state: State<AppState>,
    proposal_id: String,
    decision_id: String,
) -> Reply<DecisionMatch> {
    with_store(&state, |s| {
        s.approve_with_decision(&proposal_id, &decision_id)
    })
}

/// Deletes a decision made by mistake; the core refuses one that still has awards.
#[tauri::command]
pub fn delete_decision(state: State<AppState>, id: String) -> Reply<()> {
    with_store(&state, |s| s.delete_decision(&id))
}
