//! Any bytes as the file a unit sent: the reader (.xlsx, .xlsm, .xls, .ods, and everything
//! that only looks like one) and the import preview on a fresh office must answer with a
//! preview or a typed error — never a panic, a hang or unbounded memory (libFuzzer's
//! -timeout and -rss_limit_mb enforce the last two).
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::sync::{Mutex, OnceLock};
use thidua_core::import::ImportOptions;
use thidua_core::profile::{OfficeLevel, OfficeProfile};
use thidua_core::Store;

struct Env {
    store: Store,
    dir: tempfile::TempDir,
}

fn env() -> &'static Mutex<Env> {
    static ENV: OnceLock<Mutex<Env>> = OnceLock::new();
    ENV.get_or_init(|| {
        // libfuzzer-sys's hook aborts on any panic, even one the reader catches on purpose
        // (a third-party parser tripped by the file becomes a refusal): replaced by one that
        // only prints the message (a backtrace per caught panic would slow the run). A panic
        // nothing catches still aborts, in libfuzzer-sys's own wrapper.
        std::panic::set_hook(Box::new(|info| eprintln!("{info}")));
        let mut store = Store::open_in_memory().expect("in-memory store");
        store
            .init_profile(&OfficeProfile {
                name: "UBND xã An Bình".into(),
                level: OfficeLevel::Xa,
                parent_authority: String::new(),
                place_name: String::new(),
                signer_name: String::new(),
                signer_title: String::new(),
            })
            .expect("profile");
        let dir = tempfile::tempdir().expect("temp dir");
        Mutex::new(Env { store, dir })
    })
}

fuzz_target!(|data: &[u8]| {
    let env = env().lock().unwrap_or_else(|p| p.into_inner());
    let path = env.dir.path().join("don-vi-gui.xlsx");
    std::fs::write(&path, data).expect("write the input");
    let _ = env.store.preview_import(&path, &ImportOptions::default());
});
