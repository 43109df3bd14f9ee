//! Native open/save dialogs. The chosen paths are granted (see `files.rs`) and returned to
//! the UI, which passes them back to the command that reads or writes the file.

use super::Reply;
use crate::AppState;
use tauri::{AppHandle, State};
use tauri_plugin_dialog::DialogExt;

/// Opens the system "Open" dialog for `purpose`; returns the picked paths (none if cancelled).
/// Async so the dialog does not block the main thread that draws it.
#[tauri::command]
pub async fn pick_open_files(
    app: AppHandle,
    state: State<'_, AppState>,
    purpose: String,
) -> Reply<Vec<String>> {
    // Locked (app password): no dialog either, nothing gets granted.
    state.unlocked()?;
    let p = crate::files::purpose(&purpose)?;
    if let Some(paths) = crate::files::test_pick(&p, false) {
        state.files.allow_read(paths.iter().cloned());
        return Ok(paths.iter().map(|p| p.display().to_string()).collect());
    }
    let picked = app
        .dialog()
        .file()
        .set_title(p.title)
        .add_filter(p.filter_name, p.extensions)
        .blocking_pick_files()
        .unwrap_or_default();
    let paths: Vec<_> = picked
        .into_iter()
        .filter_map(|f| f.into_path().ok())
        .collect();
    state.files.allow_read(paths.iter().cloned());
    Ok(paths.iter().map(|p| p.display().to_string()).collect())
}

/// Opens the system "Save" dialog for `purpose` with `suggested_name`; returns the chosen path.
#[tauri::command]
pub async fn pick_save_file(
    app: AppHandle,
    state: State<'_, AppState>,
    purpose: String,
    suggested_name: String,
) -> Reply<Option<String>> {
    // Locked (app password): no dialog either, nothing gets granted.
    state.unlocked()?;
    let p = crate::files::purpose(&purpose)?;
    if let Some(paths) = crate::files::test_pick(&p, true) {
        return Ok(paths.into_iter().next().map(|path| {
            state.files.allow_write(path.clone());
            path.display().to_string()
        }));
    }
    let chosen = app
        .dialog()
        .file()
        .set_title(p.title)
        .add_filter(p.filter_name, p.extensions)
        .set_file_name(&suggested_name)
        .blocking_save_file()
        .and_then(|f| f.into_path().ok());
    Ok(chosen.map(|path| {
        state.files.allow_write(path.clone());
        path.display().to_string()
    }))
}

/// Opens the system folder dialog for `purpose`; the chosen folder is granted for writing
/// (the data file is copied into it). None if cancelled.
#[tauri::command]
pub async fn pick_folder(
    app: AppHandle,
    state: State<'_, AppState>,
    purpose: String,
) -> Reply<Option<String>> {
    // Locked (app password): no dialog either, nothing gets granted.
    state.unlocked()?;
    let p = crate::files::purpose(&purpose)?;
    let chosen = match crate::files::test_pick_folder() {
        Some(hooked) => hooked,
        None => app
            .dialog()
            .file()
            .set_title(p.title)
            .blocking_pick_folder()
            .and_then(|f| f.into_path().ok()),
    };
    Ok(chosen.map(|path| {
        state.files.allow_write(path.clone());
        path.display().to_string()
    }))
}
