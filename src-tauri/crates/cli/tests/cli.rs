//! The `thidua` binary as scripts use it: real processes, real SQLite files in temp folders.

mod common;

use common::*;
use serde_json::Value;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::Instant;

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

fn list(o: &Output) -> Vec<Value> {
    json(o).as_array().expect("a JSON array").clone()
}

/// The JSON the issue promises scripts, checked against each other on the demo data: the
/// figures of `stats` are the awards `awards list` shows.
#[test]
fn yearly_commands_give_the_promised_json_and_agree_with_each_other() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    assert!(thidua(&db, &["demo"]).status.success());

    let awards = list(&thidua(
        &db,
        &["awards", "list", "--year", "2025", "--json"],
    ));
    assert!(awards.len() > 100, "the demo year has its awards");
    for a in &awards {
        for field in [
            "recipient_name",
            "code",
            "decision_number",
            "position",
            "unit",
        ] {
            assert!(a[field].is_string(), "{field} in {a}");
        }
        assert!(
            ["ca_nhan", "tap_the", "ho_gia_dinh"].contains(&a["recipient_kind"].as_str().unwrap())
        );
        let date = a["decision_date"].as_str().unwrap();
        assert!(date.starts_with("2025-") && date.len() == 10, "{date}");
        assert!(a["amount"].is_i64());
    }
    // the spring decision falls under NĐ 98: a commune Giấy khen to one person is 360.000 đ
    let spring: Vec<&Value> = awards
        .iter()
        .filter(|a| a["decision_number"] == "15/QĐ-UBND")
        .collect();
    assert!(!spring.is_empty());
    assert!(spring.iter().all(|a| a["amount"] == 360_000));

    let stats = json(&thidua(&db, &["stats", "--year", "2025", "--json"]));
    let by_code = stats["current"]["by_code"].as_array().unwrap();
    for c in by_code {
        let n = awards
            .iter()
            .filter(|a| a["code"] == c["code"] && a["recipient_kind"] == c["recipient_kind"])
            .count();
        assert_eq!(c["count"].as_u64().unwrap() as usize, n, "{}", c["code"]);
    }
    let total: i64 = awards.iter().map(|a| a["amount"].as_i64().unwrap()).sum();
    assert_eq!(stats["current"]["total_amount"].as_i64().unwrap(), total);
    let individuals = awards
        .iter()
        .filter(|a| a["recipient_kind"] == "ca_nhan")
        .count();
    let direct = awards
        .iter()
        .filter(|a| a["recipient_kind"] == "ca_nhan" && a["direct_worker"] == true)
        .count();
    assert_eq!(
        stats["current"]["individuals"].as_u64().unwrap() as usize,
        individuals
    );
    assert_eq!(
        stats["current"]["direct_workers"].as_u64().unwrap() as usize,
        direct
    );
    assert!(stats["previous"]["danh_hieu"]["total"].is_i64());
    let half = json(&thidua(
        &db,
        &["stats", "--year", "2026", "--half", "1", "--json"],
    ));
    assert_eq!(half["current"]["to"], "2026-06-30");

    let regs = list(&thidua(
        &db,
        &["registrations", "list", "--year", "2026", "--json"],
    ));
    assert!(!regs.is_empty());
    for r in &regs {
        for field in ["recipient_name", "recipient_kind", "code", "unit"] {
            assert!(r[field].is_string(), "{field} in {r}");
        }
    }

    let scores = list(&thidua(
        &db,
        &["scores", "list", "--year", "2025", "--json"],
    ));
    assert!(!scores.is_empty());
    for field in ["unit", "block", "self_score", "block_score", "rank"] {
        assert!(scores[0].get(field).is_some(), "{field}");
    }
    let blocks: std::collections::HashSet<&str> = scores
        .iter()
        .map(|s| s["block"].as_str().unwrap())
        .collect();
    for b in &blocks {
        assert!(
            scores.iter().any(|s| s["block"] == *b && s["rank"] == 1),
            "{b} has a first place"
        );
    }

    // a person's history, found with another spelling of the name (upper case here)
    let person = awards
        .iter()
        .find(|a| a["recipient_kind"] == "ca_nhan")
        .unwrap();
    let name = person["recipient_name"].as_str().unwrap().to_uppercase();
    let history = list(&thidua(&db, &["person", "history", &name, "--json"]));
    assert!(history.iter().any(|h| h["awards"]
        .as_array()
        .unwrap()
        .iter()
        .any(|a| a["id"] == person["id"])));

    let check = json(&thidua(&db, &["check", "--year", "2025", "--json"]));
    let rules: Vec<&str> = check["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["rule"].as_str().unwrap())
        .collect();
    assert!(
        rules.contains(&"ldtt_thoi_gian_cong_tac"),
        "the demo's newcomer: {rules:?}"
    );
    assert!(check["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .all(|w| !w["legal_ref"].as_str().unwrap().is_empty()));
    // check totals the decisions of the achievement year (a provincial decision of March 2026
    // grants 2025 titles), so compare with every award whose year is 2025.
    let all = list(&thidua(&db, &["awards", "list", "--json"]));
    let of_2025: i64 = all
        .iter()
        .filter(|a| a["year"] == 2025)
        .map(|a| a["amount"].as_i64().unwrap())
        .sum();
    assert_eq!(check["total_amount"].as_i64().unwrap(), of_2025);
}

#[test]
fn a_decision_typed_at_the_command_line_computes_its_money_by_date() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    assert!(
        thidua(&db, &["init", "--name", "UBND xã An Bình", "--level", "xa"])
            .status
            .success()
    );
    assert!(thidua(
        &db,
        &[
            "units",
            "add",
            "--code",
            "TH",
            "--name",
            "Trường Tiểu học",
            "--kind",
            "don_vi_su_nghiep"
        ]
    )
    .status
    .success());
    let reg = thidua(
        &db,
        &[
            "registrations",
            "add",
            "--year",
            "2025",
            "--code",
            "LDTT",
            "--person",
            "Nguyễn Thị Hoa",
            "--unit",
            "TH",
        ],
    );
    assert!(reg.status.success(), "{}", stderr(&reg));

    for (number, date) in [("12/QĐ-UBND", "15/03/2025"), ("45/QĐ-UBND", "15/08/2025")] {
        let d = thidua(
            &db,
            &[
                "awards", "decide", "--number", number, "--date", date, "--year", "2025",
            ],
        );
        assert!(d.status.success(), "{}", stderr(&d));
    }
    let early = json(&thidua(
        &db,
        &[
            "awards",
            "add",
            "--decision",
            "12/QĐ-UBND",
            "--code",
            "GK_XA",
            "--person",
            "NGUYỄN THỊ HOA",
            "--json",
        ],
    ));
    assert_eq!(early["amount"], 360_000);
    let late = json(&thidua(
        &db,
        &[
            "awards",
            "add",
            "--decision",
            "45/QĐ-UBND",
            "--code",
            "gk_xa",
            "--person",
            "nguyễn  thị hoa",
            "--json",
        ],
    ));
    assert_eq!(late["amount"], 710_000);
    assert_eq!(late["unit"], "Trường Tiểu học");
    let unit = json(&thidua(
        &db,
        &[
            "awards",
            "add",
            "--decision",
            "45/QĐ-UBND",
            "--code",
            "GK_XA",
            "--unit",
            "TH",
            "--json",
        ],
    ));
    assert_eq!(unit["amount"], 1_410_000);

    let wrong = thidua(
        &db,
        &[
            "awards",
            "add",
            "--decision",
            "45/QĐ-UBND",
            "--code",
            "LDTT",
            "--unit",
            "TH",
        ],
    );
    assert_eq!(wrong.status.code(), Some(2));
    assert!(stderr(&wrong).contains("không dành cho đối tượng tập thể"));
    let missing = thidua(
        &db,
        &[
            "awards",
            "add",
            "--decision",
            "99/QĐ-UBND",
            "--code",
            "LDTT",
            "--unit",
            "TH",
        ],
    );
    assert_eq!(missing.status.code(), Some(2));
    assert!(stderr(&missing).contains("Không tìm thấy quyết định số 99/QĐ-UBND"));
}

#[test]
fn the_clerk_keeps_the_legal_rules_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    assert!(
        thidua(&db, &["init", "--name", "UBND xã Thử", "--level", "xa"])
            .status
            .success()
    );
    let rules = json(&thidua(&db, &["rules", "list", "--json"]));
    let gk = rules["catalog"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["code"] == "GK_XA")
        .unwrap();
    assert_eq!(gk["kind"], "hinh_thuc");
    assert!(gk["coefficients"]
        .as_array()
        .unwrap()
        .iter()
        .all(|c| !c["legal_ref"].as_str().unwrap().is_empty()));
    assert!(rules["base_salaries"]
        .as_array()
        .unwrap()
        .iter()
        .any(|b| b["amount"] == 2_340_000));

    let money = json(&thidua(
        &db,
        &[
            "rules",
            "money",
            "--code",
            "GK_XA",
            "--kind",
            "ho_gia_dinh",
            "--date",
            "15/08/2025",
            "--json",
        ],
    ));
    assert_eq!(money["amount"], 1_060_000);
    assert!(money["explanation"].as_str().unwrap().contains("1,5"));

    // a new decree raises the base salary: the clerk adds the row, money follows
    let add = thidua(
        &db,
        &[
            "rules",
            "base-salary",
            "--from",
            "01/07/2027",
            "--amount",
            "2800000",
            "--ref",
            "NĐ (giả định) 2027",
        ],
    );
    assert!(add.status.success(), "{}", stderr(&add));
    let later = json(&thidua(
        &db,
        &[
            "rules",
            "money",
            "--code",
            "GK_XA",
            "--date",
            "01/08/2027",
            "--json",
        ],
    ));
    assert_eq!(later["amount"], 840_000);
    assert!(later["legal_ref"]
        .as_str()
        .unwrap()
        .contains("NĐ (giả định) 2027"));

    let bad = thidua(
        &db,
        &[
            "rules",
            "coefficient",
            "--code",
            "GK_XA",
            "--regime",
            "nd152",
            "--value=-1",
            "--ref",
            "x",
        ],
    );
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("Hệ số phải từ 0 đến 1000"));
}

/// A coefficient and the rounding changed from a date: decisions dated before keep the old
/// money, the legal reference is required.
#[test]
fn the_clerk_changes_a_coefficient_and_the_rounding_from_a_date() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    assert!(
        thidua(&db, &["init", "--name", "UBND xã Thử", "--level", "xa"])
            .status
            .success()
    );
    let money = |date: &str| {
        json(&thidua(
            &db,
            &[
                "rules", "money", "--code", "GK_XA", "--date", date, "--json",
            ],
        ))["amount"]
            .as_i64()
            .unwrap()
    };
    let no_ref = thidua(
        &db,
        &[
            "rules",
            "coefficient",
            "--code",
            "gk_xa",
            "--from",
            "01/01/2026",
            "--value",
            "0.4",
            "--ref",
            "",
        ],
    );
    assert_eq!(no_ref.status.code(), Some(2));
    assert!(stderr(&no_ref).contains("căn cứ pháp lý"));
    let add = thidua(
        &db,
        &[
            "rules",
            "coefficient",
            "--code",
            "gk_xa",
            "--from",
            "01/01/2026",
            "--value",
            "0.4",
            "--ref",
            "QĐ 12/2025/QĐ-UBND",
        ],
    );
    assert!(add.status.success(), "{}", stderr(&add));
    assert_eq!(money("31/12/2025"), 710_000);
    assert_eq!(money("01/01/2026"), 940_000);
    let rounding = thidua(
        &db,
        &[
            "rules",
            "rounding",
            "--from",
            "01/03/2026",
            "--mode",
            "up",
            "--step",
            "1000",
            "--ref",
            "QĐ thử",
        ],
    );
    assert!(rounding.status.success(), "{}", stderr(&rounding));
    assert_eq!(money("01/02/2026"), 940_000);
    assert_eq!(money("01/03/2026"), 936_000);
    let listed = String::from_utf8_lossy(&thidua(&db, &["rules", "list"]).stdout).into_owned();
    assert!(listed.contains("nd152 từ 01/01/2026: 0,4"), "{listed}");
    let neither = thidua(
        &db,
        &["rules", "coefficient", "--code", "GK_XA", "--ref", "x"],
    );
    assert_eq!(neither.status.code(), Some(2));
}
