//! Every app command gets an `allow-<command>` permission, and the main window's capability
//! (src-tauri/capabilities) grants exactly the ones the UI uses — nothing is allowed by default.

/// Must list every command in `generate_handler!` (src-tauri/src/lib.rs).
const COMMANDS: &[&str] = &[
    "app_status",
    "vocabulary",
    "init_profile",
    "update_profile",
    "list_units",
    "get_unit",
    "create_unit",
    "update_unit",
    "merge_unit",
    "dissolve_unit",
    "reactivate_unit",
    "delete_unit",
    "unit_history",
    "list_blocks",
    "block_years",
    "create_block",
    "update_block",
    "delete_block",
    "copy_blocks",
    "pick_open_files",
    "pick_save_file",
    "preview_import",
    "commit_import",
    "list_imports",
    "undo_import",
    "export_rollup",
    "export_template",
    "list_decisions",
    "create_decision",
    "get_decision",
    "list_awards",
    "add_awards",
    "remove_award",
    "set_award_amount",
    "person_history",
    "search_persons",
    "create_person",
    "list_catalog",
    "award_candidates",
    "list_proposals",
    "get_proposal",
    "list_registrations",
    "save_registrations",
    "check_year",
    "list_persons",
    "block_results",
    "set_block_scores",
    "criteria_set",
    "copy_criteria_from_last_year",
    "year_documents",
    "set_deadline",
    "year_stats",
    "year_scores",
    "list_base_salaries",
    "add_base_salary",
    "list_rule_params",
    "add_rule_param",
    "list_regimes",
    "list_coefficients",
    "get_assessment",
    "save_assessment",
    "criterion_scores",
    "set_criterion_scores",
];

fn main() {
    println!("cargo:rerun-if-changed=src-tauri/capabilities");
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .capabilities_path_pattern("src-tauri/capabilities/**/*")
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("tauri build configuration");
}
