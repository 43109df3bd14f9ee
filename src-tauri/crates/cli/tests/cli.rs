//! The `thidua` binary as scripts use it: real processes, real SQLite files in temp folders.

use serde_json::Value;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::Instant;

fn thidua(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_thidua"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("THIDUA_DATA_DIR")
        .output()
        .expect("thidua runs")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn json(o: &Output) -> Value {
    assert!(o.status.success(), "failed: {}", stderr(o));
    serde_json::from_slice(&o.stdout).expect("stdout is JSON")
}

/// The database file's bytes after SQLite has folded its WAL in (all connections closed).
fn bytes(db: &Path) -> Vec<u8> {
    std::fs::read(db).unwrap()
}

#[test]
fn init_then_list_and_second_init_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    let init = thidua(&db, &["init", "--name", "UBND xã Thử", "--level", "xa"]);
    assert!(init.status.success(), "{}", stderr(&init));
    assert!(stderr(&init).contains("Đã khởi tạo \"UBND xã Thử\""));

    assert_eq!(
        json(&thidua(&db, &["units", "list", "--json"])),
        Value::Array(vec![])
    );

    let before = bytes(&db);
    let again = thidua(&db, &["init", "--name", "UBND xã Khác", "--level", "xa"]);
    assert_eq!(again.status.code(), Some(2));
    assert!(stderr(&again).contains("đã được khởi tạo cho \"UBND xã Thử\""));
    assert_eq!(
        bytes(&db),
        before,
        "a refused init leaves the file byte for byte"
    );

    let info = json(&thidua(&db, &["info", "--json"]));
    assert_eq!(info["profile"]["name"], "UBND xã Thử");
    assert_eq!(info["integrity_ok"], true);
}

#[test]
fn bad_input_exits_2_with_a_vietnamese_message_and_creates_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");

    let missing = thidua(&db, &["units", "list"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(stderr(&missing).contains("Không có tệp dữ liệu"));
    assert!(!db.exists(), "listing never creates a database");

    let level = thidua(&db, &["init", "--name", "X", "--level", "thon"]);
    assert_eq!(level.status.code(), Some(2));
    assert!(stderr(&level).contains("Cấp \"thon\" không hợp lệ"));

    let usage = thidua(&db, &["units", "lst"]);
    assert_eq!(usage.status.code(), Some(2));
    assert!(stderr(&usage).contains("Lệnh không hợp lệ"));

    assert!(
        thidua(&db, &["init", "--name", "UBND xã Thử", "--level", "xa"])
            .status
            .success()
    );
    let kind = thidua(
        &db,
        &[
            "units", "add", "--code", "A", "--name", "Tên", "--kind", "cong_ty",
        ],
    );
    assert_eq!(kind.status.code(), Some(2));
    assert!(stderr(&kind).contains("Loại đơn vị \"cong_ty\" không hợp lệ"));

    let err = thidua(
        &db,
        &["units", "add", "--code", "A", "--name", " ", "--json"],
    );
    assert_eq!(err.status.code(), Some(2));
    let payload = json_err(&err);
    assert_eq!(payload["code"], "invalid_input");
    assert_eq!(payload["field"], "name");
}

fn json_err(o: &Output) -> Value {
    let v: Value = serde_json::from_slice(&o.stdout).expect("error as JSON on stdout");
    v["error"].clone()
}

#[test]
fn units_are_found_without_diacritics_and_sorted_the_vietnamese_way() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    assert!(
        thidua(&db, &["init", "--name", "UBND xã An Bình", "--level", "xa"])
            .status
            .success()
    );
    for (code, name, kind) in [
        ("T2", "Thôn Đông", "thon_to_dan_pho"),
        ("T1", "Thôn An Bình", "thon_to_dan_pho"),
        ("TH", "Trường Tiểu học An Bình", "don_vi_su_nghiep"),
        ("DN", "Công ty Đức Thành", "doanh_nghiep"),
    ] {
        let o = thidua(
            &db,
            &[
                "units", "add", "--code", code, "--name", name, "--kind", kind, "--staff", "12",
            ],
        );
        assert!(o.status.success(), "{}", stderr(&o));
    }
    let dup = thidua(&db, &["units", "add", "--code", "th", "--name", "Trùng mã"]);
    assert_eq!(dup.status.code(), Some(2));

    let all = json(&thidua(&db, &["units", "list", "--json"]));
    let names: Vec<&str> = all
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        vec![
            "Công ty Đức Thành",
            "Thôn An Bình",
            "Thôn Đông",
            "Trường Tiểu học An Bình"
        ]
    );
    assert_eq!(all[0]["kind"], "doanh_nghiep");
    assert_eq!(all[0]["staff_count"], 12);
    assert!(uuid_like(all[0]["id"].as_str().unwrap()));

    let found = json(&thidua(
        &db,
        &["units", "list", "--search", "an binh", "--json"],
    ));
    let names: Vec<&str> = found
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, vec!["Thôn An Bình", "Trường Tiểu học An Bình"]);

    let merged = thidua(
        &db,
        &[
            "units",
            "merge",
            "--code",
            "T1",
            "--into",
            "T2",
            "--date",
            "01/7/2025",
        ],
    );
    assert!(merged.status.success(), "{}", stderr(&merged));
    assert_eq!(
        json(&thidua(&db, &["units", "list", "--json"]))
            .as_array()
            .unwrap()
            .len(),
        3
    );
    let with_old = json(&thidua(&db, &["units", "list", "--all", "--json"]));
    let old = with_old
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["code"] == "T1")
        .unwrap();
    assert_eq!(old["status"], "merged");
    assert_eq!(old["merged_into_name"], "Thôn Đông");
    assert_eq!(old["ended_on"], "2025-07-01");
}

fn uuid_like(s: &str) -> bool {
    s.len() == 36 && s.chars().filter(|&c| c == '-').count() == 4
}

#[test]
fn blocks_by_year_with_leader_and_copy_to_next_year() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    assert!(
        thidua(&db, &["init", "--name", "UBND xã An Bình", "--level", "xa"])
            .status
            .success()
    );
    for code in ["A", "B", "C"] {
        assert!(thidua(
            &db,
            &[
                "units",
                "add",
                "--code",
                code,
                "--name",
                &format!("Đơn vị {code}")
            ]
        )
        .status
        .success());
    }
    let add = thidua(
        &db,
        &[
            "blocks",
            "add",
            "--year",
            "2025",
            "--name",
            "Khối Cơ quan",
            "--members",
            "A,B,C",
            "--leader",
            "B",
            "--deputy",
            "C",
            "--json",
        ],
    );
    let block = json(&add);
    assert_eq!(block["members"][0]["unit_code"], "B");
    assert_eq!(block["members"][0]["role"], "truong_khoi");
    assert_eq!(block["members"][1]["role"], "pho_khoi");

    let clash = thidua(
        &db,
        &[
            "blocks",
            "add",
            "--year",
            "2025",
            "--name",
            "Khối khác",
            "--members",
            "A",
        ],
    );
    assert_eq!(clash.status.code(), Some(2));
    assert!(stderr(&clash).contains("đã thuộc khối \"Khối Cơ quan\""));

    assert_eq!(
        json(&thidua(
            &db,
            &["blocks", "list", "--year", "2026", "--json"]
        )),
        Value::Array(vec![])
    );
    let copy = json(&thidua(
        &db,
        &["blocks", "copy", "--from", "2025", "--to", "2026", "--json"],
    ));
    assert_eq!(copy["created"][0]["year"], 2026);
    let listed = json(&thidua(
        &db,
        &["blocks", "list", "--year", "2026", "--json"],
    ));
    assert_eq!(listed.as_array().unwrap().len(), 1);
    assert_eq!(listed[0]["members"].as_array().unwrap().len(), 3);
}

#[test]
fn demo_fills_an_empty_file_and_refuses_a_used_one() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    let demo = json(&thidua(&db, &["demo", "--json"]));
    assert_eq!(demo["office"], "UBND xã An Bình");
    assert!(demo["units"].as_u64().unwrap() >= 20);
    assert_eq!(demo["blocks"], 6);

    let units = json(&thidua(&db, &["units", "list", "--all", "--json"]));
    assert_eq!(
        units.as_array().unwrap().len() as u64,
        demo["units"].as_u64().unwrap()
    );
    for year in ["2025", "2026"] {
        assert_eq!(
            json(&thidua(&db, &["blocks", "list", "--year", year, "--json"]))
                .as_array()
                .unwrap()
                .len(),
            3
        );
    }
    assert_eq!(thidua(&db, &["demo"]).status.code(), Some(2));
}

/// Killing the program in the middle of writing must leave a database that opens, passes
/// the integrity check, and holds either the whole change or none of it.
#[test]
fn killed_while_writing_leaves_a_sound_all_or_nothing_database() {
    let dir = tempfile::tempdir().unwrap();
    // How long one demo fill takes here, so the kills land inside it.
    let probe = dir.path().join("probe.db");
    let start = Instant::now();
    assert!(thidua(&probe, &["demo"]).status.success());
    let full = start.elapsed();
    let expected_units = json(&thidua(&probe, &["units", "list", "--all", "--json"]))
        .as_array()
        .unwrap()
        .len();

    let mut outcomes = [0usize; 2];
    for i in 0..60u64 {
        let db = dir.path().join(format!("k{i}.db"));
        let mut child = Command::new(env!("CARGO_BIN_EXE_thidua"))
            .arg("--db")
            .arg(&db)
            .arg("demo")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // spread kill times over the whole run, with a cheap deterministic scatter
        let delay = full.mul_f64(((i * 7919) % 60) as f64 / 60.0 * 1.2);
        std::thread::sleep(delay);
        let _ = child.kill(); // SIGKILL
        let _ = child.wait();

        if !db.exists() {
            outcomes[0] += 1;
            continue;
        }
        let conn = rusqlite::Connection::open(&db).expect("opens after the kill");
        let check: String = conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(check, "ok", "iteration {i}");
        let has = |table: &str| -> bool {
            conn.query_row(
                "SELECT count(*) FROM sqlite_schema WHERE name = ?1",
                [table],
                |r| r.get::<_, i64>(0),
            )
            .unwrap()
                > 0
        };
        if !has("units") {
            outcomes[0] += 1; // killed before the schema was committed
            continue;
        }
        let profiles: i64 = conn
            .query_row("SELECT count(*) FROM office_profile", [], |r| r.get(0))
            .unwrap();
        let units: i64 = conn
            .query_row("SELECT count(*) FROM units", [], |r| r.get(0))
            .unwrap();
        let blocks: i64 = conn
            .query_row("SELECT count(*) FROM blocks", [], |r| r.get(0))
            .unwrap();
        match profiles {
            0 => {
                assert_eq!((units, blocks), (0, 0), "iteration {i}: half-written");
                outcomes[0] += 1;
            }
            _ => {
                assert_eq!(
                    (units as usize, blocks),
                    (expected_units, 6),
                    "iteration {i}: half-written"
                );
                outcomes[1] += 1;
            }
        }
        drop(conn);
        // and the program itself opens it again and finds it sound
        let info = thidua(&db, &["info"]);
        assert!(info.status.success(), "iteration {i}: {}", stderr(&info));
    }
    eprintln!("kill loop: {} empty, {} complete", outcomes[0], outcomes[1]);
    assert_eq!(outcomes[0] + outcomes[1], 60);
}
