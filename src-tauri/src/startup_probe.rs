//! `THIDUA_STARTUP_PROBE=1`: how long the app takes from its start to its first screen, for
//! `thidua bench`. Once the page has loaded, the shell asks the web view every 10 ms whether
//! the home screen's content is there and a frame after it has been drawn (two animation
//! frames), then ends the app with exit code 0. The bench times the process from its spawn to
//! that exit, so the start of the program, the opening of the data file (with the day's
//! automatic copy), the web view and the home screen's queries are all in the figure. After
//! 120 s without a first screen the app ends with exit code 3. Without the variable nothing
//! of this runs.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tauri::webview::{PageLoadEvent, PageLoadPayload};
use tauri::{Manager, Runtime, Webview};

pub const PROBE_VAR: &str = "THIDUA_STARTUP_PROBE";

/// True once the home screen (its first card) is in the page and two frames have passed since:
/// the second animation frame starts only after the first one was painted.
const CHECK: &str = "(() => {
  if (window.__thiduaPainted) return true;
  if (!window.__thiduaWaiting && document.querySelector('#dl-title')) {
    window.__thiduaWaiting = true;
    requestAnimationFrame(() => requestAnimationFrame(() => { window.__thiduaPainted = true; }));
  }
  return false;
})()";

pub fn on_page_load<R: Runtime>(webview: &Webview<R>, payload: &PageLoadPayload<'_>) {
    if payload.event() != PageLoadEvent::Finished || std::env::var_os(PROBE_VAR).is_none() {
        return;
    }
    let webview = webview.clone();
    std::thread::spawn(move || {
        let start = Instant::now();
        let painted = Arc::new(AtomicBool::new(false));
        while !painted.load(Ordering::SeqCst) {
            if start.elapsed() > Duration::from_secs(120) {
                eprintln!("Không thấy màn hình đầu sau 120 giây.");
                webview.app_handle().exit(3);
                return;
            }
            let seen = Arc::clone(&painted);
            let asked = webview.eval_with_callback(CHECK, move |answer| {
                if answer.trim() == "true" {
                    seen.store(true, Ordering::SeqCst);
                }
            });
            if asked.is_err() {
                webview.app_handle().exit(3);
                return;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        webview.app_handle().exit(0);
    });
}
