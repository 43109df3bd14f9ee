//! Any bytes as a list imported into the demo office (units, people, decisions already
//! there), so the planning that matches names, units and decisions runs on hostile tables
//! too; and with the kind forced, so every importer's planner sees every input.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::sync::{Mutex, OnceLock};
use thidua_core::import::{ImportKind, ImportOptions};
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
        thidua_core::demo::fill(&mut store, 2026).expect("demo office");
        let dir = tempfile::tempdir().expect("temp dir");
        Mutex::new(Env { store, dir })
    })
}

fuzz_target!(|data: &[u8]| {
    // The first byte picks the kind (or detection), the rest is the file.
    let Some((&pick, file)) = data.split_first() else {
        return;
    };
    let kinds = ImportKind::ALL;
    let kind = kinds.get(usize::from(pick) % (kinds.len() + 1)).copied();
    let env = env().lock().unwrap_or_else(|p| p.into_inner());
    let path = env.dir.path().join("danh-sach.xlsx");
    std::fs::write(&path, file).expect("write the input");
    let options = ImportOptions {
        kind,
        year: Some(2026),
        ..ImportOptions::default()
    };
    let _ = env.store.preview_import(&path, &options);
});
