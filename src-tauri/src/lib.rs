//! The desktop shell: opens the store in the per-user data folder and exposes the core to the
//! web view through commands that only adapt (no logic lives here).

mod commands;
mod files;
mod startup_probe;

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;
use tauri::Manager;
use thidua_core::lock::InstanceLock;
use thidua_core::password::Attempts;
use thidua_core::{backup, paths, Error, ErrorPayload, Store};

/// The open store, or the error that kept it closed (shown to the clerk by the UI).
pub struct AppState {
    store: Mutex<std::result::Result<Store, ErrorPayload>>,
    /// The data file; changes when the clerk moves the data to another folder.
    db_path: Mutex<PathBuf>,
    /// Paths the clerk picked in a dialog or dropped on the window (see files.rs).
    files: files::FileGrants,
    /// Held while the app runs: a second window is refused instead of writing beside this
    /// one (core lock.rs). None when another window held it at start.
    lock: Mutex<Option<InstanceLock>>,
    /// The app password is set and has not been typed yet: every data command is refused
    /// here, in the shell, whatever the page asks (core password.rs).
    locked: AtomicBool,
    /// Wrong passwords in a row, to slow down guessing.
    attempts: Mutex<Attempts>,
}

impl AppState {
    pub(crate) fn db_path(&self) -> PathBuf {
        self.db_path
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    pub(crate) fn is_locked(&self) -> bool {
        self.locked.load(Ordering::SeqCst)
    }

    /// Refuses while the app is locked: the typed `locked` error the UI turns into the lock
    /// screen.
    pub(crate) fn unlocked(&self) -> std::result::Result<(), ErrorPayload> {
        if self.is_locked() {
            Err(Error::Locked.payload())
        } else {
            Ok(())
        }
    }

    /// Locks when the open file has a password (at start, after a restore or a move).
    pub(crate) fn lock_if_password(&self, store: &std::result::Result<Store, ErrorPayload>) {
        let has = store
            .as_ref()
            .is_ok_and(|s| s.has_password().unwrap_or(false));
        self.locked.store(has, Ordering::SeqCst);
    }
}

/// Opens the data file and runs SQLite's quick check, so a damaged file is found at start
/// (where the error screen offers the latest good backup) rather than in the middle of work.
/// A sound file then gets its automatic copy of the day.
pub(crate) fn open_store(db_path: &std::path::Path) -> std::result::Result<Store, ErrorPayload> {
    let store = Store::open(db_path).map_err(|e| e.payload())?;
    store.quick_check().map_err(|e| e.payload())?;
    // A file without an office yet (first start) has nothing worth copying. The app stays
    // usable without today's copy; the reason goes to the log.
    if store.profile().is_ok_and(|p| p.is_some()) {
        if let Err(e) = store.daily_backup(backup::KEEP_AUTOMATIC) {
            eprintln!("Không tạo được bản sao lưu tự động: {e}");
        }
    }
    Ok(store)
}

/// Takes the instance lock of `db_path` and opens it; without the lock (another window has
/// the file) the store stays closed with `already_open`.
fn lock_and_open(
    db_path: &std::path::Path,
) -> (
    Option<InstanceLock>,
    std::result::Result<Store, ErrorPayload>,
) {
    match InstanceLock::acquire(db_path) {
        Ok(lock) => (Some(lock), open_store(db_path)),
        Err(e) => (None, Err(e.payload())),
    }
}

pub fn run() {
    // THIDUA_DATA_DIR (tests), else the folder the clerk moved the data to, else the per-user
    // folder. A remembered folder that is missing (unplugged drive, share offline) is neither
    // locked nor created: the start screen offers to try again, pick the folder or use the
    // default one (commands/backup.rs).
    let (db_path, (lock, store)) = match paths::startup_db_path() {
        Ok(db_path) => {
            let opened = lock_and_open(&db_path);
            (db_path, opened)
        }
        Err(e) => (
            paths::data_dir().0.join(paths::DB_FILE_NAME),
            (None, Err(e.payload())),
        ),
    };
    let state = AppState {
        store: Mutex::new(Err(Error::NoDatabase {
            path: db_path.clone(),
        }
        .payload())),
        db_path: Mutex::new(db_path),
        files: files::FileGrants::default(),
        lock: Mutex::new(lock),
        locked: AtomicBool::new(false),
        attempts: Mutex::new(Attempts::default()),
    };
    state.lock_if_password(&store);
    *state.store.lock().unwrap_or_else(|p| p.into_inner()) = store;
    tauri::Builder::default()
        .manage(state)
        .plugin(tauri_plugin_dialog::init())
        // Only with THIDUA_STARTUP_PROBE set: ends the app once the first screen is drawn.
        .on_page_load(startup_probe::on_page_load)
        // Files dropped on the window may be read (imported), as if picked in a dialog.
        .on_window_event(|window, event| {
            if let tauri::WindowEvent::DragDrop(tauri::DragDropEvent::Drop { paths, .. }) = event {
                window
                    .state::<AppState>()
                    .files
                    .allow_read(paths.iter().cloned());
            }
        })
        .invoke_handler(tauri::generate_handler![
            commands::app_status,
            commands::vocabulary,
            commands::init_profile,
            commands::update_profile,
            commands::units::list_units,
            commands::units::get_unit,
            commands::units::create_unit,
            commands::units::update_unit,
            commands::units::merge_unit,
            commands::units::dissolve_unit,
            commands::units::reactivate_unit,
            commands::units::delete_unit,
            commands::units::unit_history,
            commands::blocks::list_blocks,
            commands::blocks::block_years,
            commands::blocks::create_block,
            commands::blocks::update_block,
            commands::blocks::delete_block,
            commands::blocks::copy_blocks,
            commands::files::pick_open_files,
            commands::files::pick_save_file,
            commands::imports::preview_import,
            commands::imports::commit_import,
            commands::imports::list_imports,
            commands::imports::undo_import,
            commands::exports::export_rollup,
            commands::exports::export_template,
            commands::decisions::list_decisions,
            commands::decisions::create_decision,
            commands::decisions::get_decision,
            commands::decisions::list_awards,
            commands::decisions::add_awards,
            commands::decisions::remove_award,
            commands::decisions::set_award_amount,
            commands::decisions::person_history,
            commands::decisions::search_persons,
            commands::decisions::create_person,
            commands::decisions::list_catalog,
            commands::decisions::award_candidates,
            commands::decisions::list_proposals,
            commands::decisions::get_proposal,
            commands::registrations::list_registrations,
            commands::registrations::save_registrations,
            commands::registrations::check_year,
            commands::reviews::block_results,
            commands::reviews::set_block_scores,
            commands::reviews::criteria_set,
            commands::reviews::copy_criteria_from_last_year,
            commands::year::year_documents,
            commands::year::set_deadline,
            commands::year::year_stats,
            commands::year::year_scores,
            commands::settings::list_base_salaries,
            commands::settings::add_base_salary,
            commands::settings::list_rule_params,
            commands::settings::add_rule_param,
            commands::settings::list_regimes,
            commands::settings::list_coefficients,
            commands::reviews::get_assessment,
            commands::reviews::save_assessment,
            commands::reviews::criterion_scores,
            commands::reviews::set_criterion_scores,
            commands::certificates::certificate_layouts,
            commands::certificates::save_certificate_layout,
            commands::certificates::duplicate_certificate_layout,
            commands::certificates::delete_certificate_layout,
            commands::certificates::set_default_certificate_layout,
            commands::certificates::certificate_decisions,
            commands::certificates::certificate_texts,
            commands::certificates::set_certificate_phrase,
            commands::certificates::write_certificates,
            commands::certificates::write_certificate_calibration,
            commands::backup::latest_backup,
            commands::backup::restore_latest_backup,
            commands::backup::list_backups,
            commands::backup::backup_now,
            commands::backup::restore_backup,
            commands::backup::data_location,
            commands::backup::move_data_dir,
            commands::files::pick_folder,
            commands::settings::add_coefficient,
            commands::settings::remove_coefficient,
            commands::settings::remove_base_salary,
            commands::settings::remove_rule_param,
            commands::settings::list_roundings,
            commands::settings::add_rounding,
            commands::settings::remove_rounding,
            commands::settings::add_catalog_item,
            commands::security::password_status,
            commands::security::set_app_password,
            commands::security::remove_app_password,
            commands::security::unlock_app,
            commands::security::lock_app,
            commands::reports::report_preview,
            commands::reports::save_report,
            commands::persons::save_person_step,
            commands::persons::merge_persons,
            commands::reviews::save_criteria_set,
            commands::persons::undo_person_merge,
            commands::reports::report_narratives,
            commands::reports::save_report_narratives,
            commands::decisions::recipients_other_awards,
            commands::decisions::create_proposal,
            commands::decisions::delete_proposal,
            commands::decisions::add_proposal_item,
            commands::decisions::remove_proposal_item,
            commands::decisions::record_proposal_outcome,
            commands::decisions::approve_with_decision,
            commands::decisions::delete_decision,
            commands::backup::missing_data_folder,
            commands::backup::retry_data_folder,
            commands::backup::use_default_data_folder,
            commands::backup::open_data_folder,
            commands::persons::list_person_lines,
            commands::persons::get_person,
            commands::settings::update_catalog_item,
            commands::decisions::search_households,
        ])
        .run(tauri::generate_context!())
        .expect("the app window could not be started");
}
