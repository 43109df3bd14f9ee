//! The desktop shell: opens the store in the per-user data folder and exposes the core to the
//! web view through commands that only adapt (no logic lives here).

mod commands;

use std::sync::Mutex;
use thidua_core::{paths, ErrorPayload, Store};

/// The open store, or the error that kept it closed (shown to the clerk by the UI).
pub struct AppState {
    store: Mutex<std::result::Result<Store, ErrorPayload>>,
    db_path: std::path::PathBuf,
}

pub fn run() {
    // THIDUA_DATA_DIR (tests, or data kept on another drive) or the per-user folder.
    let db_path = paths::default_db_path();
    let store = Store::open(&db_path).map_err(|e| e.payload());
    tauri::Builder::default()
        .manage(AppState {
            store: Mutex::new(store),
            db_path,
        })
        .invoke_handler(tauri::generate_handler![
            commands::app_status,
            commands::vocabulary,
            commands::init_profile,
            commands::update_profile,
            commands::list_units,
            commands::get_unit,
            commands::create_unit,
            commands::update_unit,
            commands::merge_unit,
            commands::dissolve_unit,
            commands::reactivate_unit,
            commands::delete_unit,
            commands::unit_history,
            commands::list_blocks,
            commands::block_years,
            commands::create_block,
            commands::update_block,
            commands::delete_block,
            commands::copy_blocks,
        ])
        .run(tauri::generate_context!())
        .expect("the app window could not be started");
}
