//! `thidua bench --scale small` as CI runs it: every step runs and the numbers agree with
//! each other (no timing is asserted: the machine decides those).

use serde_json::Value;
use std::process::Command;

fn step<'a>(report: &'a Value, key: &str) -> &'a Value {
    report["steps"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["key"] == key)
        .unwrap_or_else(|| panic!("step {key} missing: {report:#}"))
}

#[test]
fn small_bench_runs_every_step_and_its_counts_agree() {
    let dir = tempfile::tempdir().unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_thidua"))
        .args(["bench", "--scale", "small", "--json", "--dir"])
        .arg(dir.path())
        .env_remove("THIDUA_DATA_DIR")
        .output()
        .expect("thidua runs");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let report: Value = serde_json::from_slice(&o.stdout).expect("JSON report");
    assert_eq!(report["scale"], "small");
    for key in [
        "generate",
        "demo",
        "files.parse",
        "files.import",
        "long.parse",
        "long.import",
        "rollup",
        "stats",
        "report.pdf",
        "search",
    ] {
        let s = step(&report, key);
        assert!(s["seconds"].as_f64().unwrap() > 0.0, "{key}");
        if cfg!(unix) {
            assert!(s["peak_mib"].as_f64().unwrap() > 1.0, "{key}: {s}");
        }
    }
    // The long list: every one of its 500 people is a new person with one award.
    let imported = report["imported"].as_array().unwrap();
    let long = imported.iter().find(|c| c["key"] == "long").unwrap();
    assert_eq!(
        (
            &long["rows"],
            &long["awards"],
            &long["persons"],
            &long["skipped"]
        ),
        (
            &Value::from(500),
            &Value::from(500),
            &Value::from(500),
            &Value::from(0)
        )
    );
    // The unit lists: every row in, people new, at least one award each.
    let files = imported.iter().find(|c| c["key"] == "files").unwrap();
    assert_eq!(files["skipped"], 0, "{files}");
    assert!(files["awards"].as_u64().unwrap() >= files["persons"].as_u64().unwrap());
    assert!(files["persons"].as_u64().unwrap() > 50);
    // The year's statistics count what was imported on top of the demo.
    let given = step(&report, "stats")["rows"].as_u64().unwrap();
    assert!(given >= 500 + files["awards"].as_u64().unwrap(), "{given}");
    assert!(step(&report, "rollup")["rows"].as_u64().unwrap() > 0);
    let pdf = step(&report, "report.pdf")["note"].as_str().unwrap();
    assert!(!pdf.starts_with("0 "), "the annual report has pages: {pdf}");
    // Every baseline that ran did the same files; a missing one is said so.
    let ratios = report["ratios"].as_array().unwrap();
    let missing = report["not_measured"].as_array().unwrap();
    for (key, name) in [("openpyxl", "openpyxl"), ("libreoffice", "LibreOffice")] {
        let ran = ratios.iter().any(|r| r["other"] == format!("long.{key}"));
        let said = missing.iter().any(|m| m.as_str().unwrap().contains(name));
        assert!(ran != said, "{key}: ran {ran}, listed as missing {said}");
    }
    if let Some(s) = report["steps"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["key"] == "long.openpyxl")
    {
        assert_eq!(s["rows"], 500, "openpyxl read the same list");
    }
    assert_eq!(report["import_overhead"].as_array().unwrap().len(), 2);
    // The app's start-up: measured when the app is built beside the CLI, else said why not.
    let started = report["steps"]
        .as_array()
        .unwrap()
        .iter()
        .any(|s| s["key"] == "startup");
    let said = missing
        .iter()
        .any(|m| m.as_str().unwrap().starts_with("Khởi động ứng dụng"));
    assert!(
        started != said,
        "start-up: measured {started}, listed {said}"
    );
}
