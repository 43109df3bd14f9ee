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
    "latest_backup",
    "restore_latest_backup",
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
