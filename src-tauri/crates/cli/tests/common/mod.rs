//! What the CLI test files share: running the real `thidua` binary on a database file, and
//! reading what it printed. Each test file uses a part of it, hence `dead_code` allowed here
//! (every test file is compiled as its own crate).
#![allow(dead_code)]

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// `thidua --db DB`, with the per-user data folder left out of it, not started yet: for a
/// test that spawns it (to kill it, limit it or measure it) rather than waiting for it.
pub fn command(db: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_thidua"));
    cmd.arg("--db").arg(db).env_remove("THIDUA_DATA_DIR");
    cmd
}

/// `thidua --db DB ARGS…`, run to its end.
pub fn thidua(db: &Path, args: &[&str]) -> Output {
    command(db).args(args).output().expect("thidua runs")
}

/// `thidua ARGS…` without `--db`, as a clerk types it: the data file comes from the per-user
/// folders, here `home/config` and `home/data` (never the real user's).
pub fn thidua_at_home(home: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_thidua"))
        .args(args)
        .env_remove("THIDUA_DATA_DIR")
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_DATA_HOME", home.join("data"))
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

/// A new database file `x.db` in `dir` with only the office declared.
pub fn init(dir: &Path) -> PathBuf {
    let db = dir.join("x.db");
    ok(&thidua(
        &db,
        &["init", "--name", "UBND xã An Bình", "--level", "xa"],
    ));
    db
}

/// One of the shared sample spreadsheets, in `shared/domain/examples` beside the repository
/// (or beside the folder holding it, for a git worktree). A test that needs one fails
/// without it rather than skipping.
pub fn sample(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .map(|a| a.join("shared/domain/examples").join(name))
        .find(|p| p.is_file())
        .unwrap_or_else(|| {
            panic!("the sample spreadsheet {name} is missing in shared/domain/examples beside the repository")
        })
}

/// [`sample`] as a command-line argument.
pub fn sample_arg(name: &str) -> String {
    sample(name).display().to_string()
}
