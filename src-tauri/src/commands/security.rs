//! The optional password that opens the app (core password.rs). Unlocking is the one data
//! command allowed while locked; wrong passwords in a row make the next try wait.

use super::{with_store, Reply};
use crate::AppState;
use std::sync::atomic::Ordering;
use std::time::Instant;
use tauri::State;
use thidua_core::Error;

#[tauri::command]
pub fn password_status(state: State<AppState>) -> Reply<bool> {
    with_store(&state, |s| s.has_password())
}

#[tauri::command]
pub fn set_app_password(
    state: State<AppState>,
    current: Option<String>,
    password: String,
) -> Reply<()> {
    with_store(&state, |s| s.set_password(current.as_deref(), &password))
}

#[tauri::command]
pub fn remove_app_password(state: State<AppState>, current: String) -> Reply<()> {
    with_store(&state, |s| s.remove_password(&current))
}

/// Checks the password and, when right, opens the app. Refused during the delay after
/// wrong attempts.
#[tauri::command]
pub fn unlock_app(state: State<AppState>, password: String) -> Reply<()> {
    let mut attempts = state.attempts.lock().unwrap_or_else(|p| p.into_inner());
    let now = Instant::now();
    attempts.may_try(now).map_err(|e| e.payload())?;
    let guard = state.store.lock().unwrap_or_else(|p| p.into_inner());
    let store = guard.as_ref().map_err(|e| e.clone())?;
    if store.check_password(&password).map_err(|e| e.payload())? {
        attempts.succeeded();
        state.locked.store(false, Ordering::SeqCst);
        Ok(())
    } else {
        attempts.failed(now);
        Err(Error::invalid("password", "Mật khẩu không đúng.").payload())
    }
}

/// "Khóa ngay": locks the window until the password is typed again.
#[tauri::command]
pub fn lock_app(state: State<AppState>) -> Reply<()> {
    let has = with_store(&state, |s| s.has_password())?;
    if !has {
        return Err(Error::invalid(
            "password",
            "Chưa đặt mật khẩu nên không khóa được. Hãy đặt mật khẩu trong Cài đặt → Mật khẩu.",
        )
        .payload());
    }
    state.locked.store(true, Ordering::SeqCst);
    Ok(())
}
