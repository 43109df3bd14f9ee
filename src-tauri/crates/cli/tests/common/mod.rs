//! What the CLI test files share: running the real `thidua` binary on a database file, and
//! reading what it printed. Each test file uses a part of it, hence `dead_code` allowed here
//! (every test file is compiled as its own crate).
#![allow(dead_code)]

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// `thidua --db DB ARGS…`, with the per-user data folder left out of it.
pub fn thidua(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_thidua"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("THIDUA_DATA_DIR")
        .output()
        .expect("thidua runs")
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The run succeeded (else the test fails with what it said on stderr).
pub fn ok(o: &Output) -> &Output {
    assert!(o.status.success(), "failed: {}", stderr(o));
    o
}

/// The JSON a successful run printed on stdout.
pub fn json(o: &Output) -> Value {
    serde_json::from_slice(&ok(o).stdout).expect("stdout is JSON")
}

/// A new database file `x.db` in `dir` filled with the demo office.
pub fn demo(dir: &Path) -> PathBuf {
    let db = dir.join("x.db");
    ok(&thidua(&db, &["demo"]));
    db
}
