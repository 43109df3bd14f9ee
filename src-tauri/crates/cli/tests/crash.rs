//! The kill loop: `thidua` is killed with SIGKILL at scattered moments during an import, the
//! undo of an import, an export, a backup, a restore and a schema upgrade, again and again. After every kill the
//! data file must pass `integrity_check` and hold exactly the state before the operation or
//! exactly the state after it — never a part. Backups and exported files must be whole or
//! absent under their real names.
//!
//! `THIDUA_KILL_ITERATIONS` sets the number of kills (default 50, shared round-robin by the
//! six operations); the full run (see README) uses 500.

mod common;

use common::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Output, Stdio};
use std::time::{Duration, Instant};
use thidua_core::backup;

fn ok(o: Output) -> Output {
    assert!(
        o.status.success(),
        "failed: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    o
}

/// What "the same data" means here: the schema version, the number of schema objects and the
/// row count of every table. An operation that is all-or-nothing moves it from one known
/// value to another; a half-done one shows up as a third value.
type Fingerprint = (i64, i64, BTreeMap<String, i64>);

fn fingerprint(db: &Path) -> Fingerprint {
    let conn = rusqlite::Connection::open(db).expect("opens after the kill");
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok", "integrity_check of {}", db.display());
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    let objects: i64 = conn
        .query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))
        .unwrap();
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let counts = tables
        .into_iter()
        .map(|t| {
            let n: i64 = conn
                .query_row(&format!("SELECT count(*) FROM \"{t}\""), [], |r| r.get(0))
                .unwrap();
            (t, n)
        })
        .collect();
    (version, objects, counts)
}

/// A file at the schema before the newest one: the migration files but the last applied by
/// hand (they sort by their number, which is their position), with an office in it.
fn older_schema_file(path: &Path) {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../core/migrations");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "sql"))
        .collect();
    files.sort();
    files.pop();
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.pragma_update(None, "journal_mode", "WAL").unwrap();
    for f in &files {
        conn.execute_batch(&std::fs::read_to_string(f).unwrap())
            .unwrap();
    }
    conn.execute(
        "INSERT INTO office_profile (id, name, level, created_at, updated_at)
         VALUES (1, 'UBND xã Cũ', 'xa', 'x', 'x')",
        [],
    )
    .unwrap();
    conn.pragma_update(None, "application_id", thidua_core::store::APPLICATION_ID)
        .unwrap();
    conn.pragma_update(None, "user_version", files.len() as i64)
        .unwrap();
}

/// Every backup that carries a `.db` name is whole (partial copies have another name).
fn backups_are_whole(db: &Path, i: usize) {
    for b in backup::list(db).unwrap() {
        backup::verify(Path::new(&b.path))
            .unwrap_or_else(|e| panic!("iteration {i}: backup {} is not whole: {e}", b.path));
    }
}

/// Copies a closed data file (no WAL beside it) to a fresh folder for one iteration.
fn fresh_copy(base: &Path, dir: &Path) -> PathBuf {
    std::fs::create_dir_all(dir).unwrap();
    let db = dir.join("thidua.db");
    std::fs::copy(base, &db).unwrap();
    db
}

#[derive(Clone, Copy, Debug)]
enum Op {
    Import,
    Undo,
    Export,
    Backup,
    Restore,
    Migrate,
}

struct Case {
    op: Op,
    base: PathBuf,
    args: Vec<String>,
    before: Fingerprint,
    after: Fingerprint,
    took: Duration,
}

/// Cheap deterministic scatter (SplitMix64), so a failing iteration can be replayed.
fn scatter(i: u64) -> f64 {
    let mut z = i.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    ((z ^ (z >> 31)) >> 11) as f64 / (1u64 << 53) as f64
}

#[test]
fn killed_during_import_undo_export_backup_restore_or_upgrade_leaves_all_or_nothing() {
    let iterations: usize = std::env::var("THIDUA_KILL_ITERATIONS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(50);
    let work = tempfile::tempdir().unwrap();
    let root = work.path();

    // Bases, closed so each is one file: the demo office, a small office with one imported
    // award list (what restore brings back, and the import undone), and a file one schema
    // behind.
    let demo = root.join("base-demo").join("thidua.db");
    ok(thidua(&demo, &["demo"]));
    let small = root.join("base-small").join("thidua.db");
    ok(thidua(
        &small,
        &["init", "--name", "UBND xã An Bình", "--level", "xa"],
    ));
    let award_list = sample("xa-an-binh-khen-thuong-2024.xlsx");
    let award_list = award_list.to_str().unwrap();
    ok(thidua(&small, &["import", award_list]));
    let history = json(&thidua(&small, &["import", "--history", "--json"]));
    let import_id = history[0]["id"]
        .as_str()
        .expect("the import's id")
        .to_string();
    let old = root.join("base-old").join("thidua.db");
    std::fs::create_dir_all(old.parent().unwrap()).unwrap();
    older_schema_file(&old);
    let restore_from = small.display().to_string();

    // Each operation once without a kill: how long it takes and the state it leaves.
    let mut cases = Vec::new();
    for op in [
        Op::Import,
        Op::Undo,
        Op::Export,
        Op::Backup,
        Op::Restore,
        Op::Migrate,
    ] {
        let (base, args): (&Path, Vec<&str>) = match op {
            Op::Import => (&demo, vec!["import", award_list]),
            Op::Undo => (&small, vec!["import", "--undo", &import_id]),
            Op::Export => (&demo, vec!["export", "rollup", "--year", "2026", "--out"]),
            Op::Backup => (&demo, vec!["backup"]),
            Op::Restore => (&demo, vec!["restore", &restore_from]),
            Op::Migrate => (&old, vec!["info"]),
        };
        let dir = root.join(format!("probe-{op:?}"));
        let db = fresh_copy(base, &dir);
        let mut args: Vec<String> = args.into_iter().map(String::from).collect();
        if matches!(op, Op::Export) {
            args.push(dir.join("tong-hop.xlsx").display().to_string());
        }
        let before = fingerprint(&db);
        let refs: Vec<&str> = args.iter().map(String::as_str).collect();
        let start = Instant::now();
        ok(thidua(&db, &refs));
        let took = start.elapsed();
        let after = fingerprint(&db);
        match op {
            Op::Export | Op::Backup => assert_eq!(before, after, "{op:?} must not change data"),
            _ => assert_ne!(before, after, "{op:?} must change data"),
        }
        cases.push(Case {
            op,
            base: base.to_path_buf(),
            args,
            before,
            after,
            took,
        });
    }

    let mut tally: BTreeMap<String, [usize; 2]> = BTreeMap::new();
    for i in 0..iterations {
        let case = &cases[i % cases.len()];
        let dir = root.join(format!("k{i}"));
        let db = fresh_copy(&case.base, &dir);
        let args: Vec<String> = case
            .args
            .iter()
            .map(|a| match a.ends_with("tong-hop.xlsx") {
                true => dir.join("tong-hop.xlsx").display().to_string(),
                false => a.clone(),
            })
            .collect();
        let mut child = command(&db)
            .args(&args)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // anywhere from the start to a little past the usual end
        std::thread::sleep(case.took.mul_f64(scatter(i as u64) * 1.2));
        let _ = child.kill(); // SIGKILL
        let _ = child.wait();

        let now = fingerprint(&db);
        let side = if now == case.before {
            0
        } else if now == case.after {
            1
        } else {
            panic!(
                "iteration {i} ({:?}): half-written database\nbefore {:?}\nafter  {:?}\nfound  {:?}",
                case.op, case.before, case.after, now
            );
        };
        tally.entry(format!("{:?}", case.op)).or_default()[side] += 1;
        backups_are_whole(&db, i);
        if matches!(case.op, Op::Export) {
            let out = dir.join("tong-hop.xlsx");
            if out.exists() {
                let bytes = std::fs::read(&out).unwrap();
                // a whole zip ends with its end-of-central-directory record
                let tail = &bytes[bytes.len().saturating_sub(22)..];
                assert_eq!(&tail[..4], b"PK\x05\x06", "iteration {i}: partial export");
            }
        }
        // and the program itself opens it again and finds it sound
        let info = thidua(&db, &["info"]);
        assert!(
            info.status.success(),
            "iteration {i}: {}",
            String::from_utf8_lossy(&info.stderr)
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }
    eprintln!("kill loop, {iterations} kills — operation: [before, after] = {tally:?}");
    assert_eq!(
        tally.values().map(|t| t[0] + t[1]).sum::<usize>(),
        iterations
    );
}
