//! `thidua export …` as a clerk runs it: real processes, real files, and the roll-up opened
//! by LibreOffice (a spreadsheet program other than the library that wrote it).

mod common;

use common::*;
use serde_json::Value;
use std::path::Path;
use std::process::Command;

#[test]
fn rollup_and_the_three_templates_are_written() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let out = dir.path().join("tong-hop.xlsx");
    let o = thidua(
        &db,
        &[
            "export",
            "rollup",
            "--year",
            "2025",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    ok(&o);
    let said = String::from_utf8_lossy(&o.stderr);
    assert!(said.contains("Đã ghi bảng tổng hợp"));
    // The streamed sheets: the writer reports (only on stderr) a cell it dropped because it
    // was written above a row already flushed to disk.
    assert!(!said.contains("Ignoring write"), "{said}");
    assert!(std::fs::metadata(&out).unwrap().len() > 5_000);

    for kind in ["registrations", "awards", "scores"] {
        let path = dir.path().join(format!("mau-{kind}.xlsx"));
        let o = thidua(
            &db,
            &[
                "export",
                "template",
                "--kind",
                kind,
                "--year",
                "2026",
                "--out",
                path.to_str().unwrap(),
                "--json",
            ],
        );
        let v: Value = serde_json::from_slice(&ok(&o).stdout).unwrap();
        assert!(v["sheets"].as_array().unwrap().len() >= 4, "{v}");
        assert!(path.exists());
    }
    let unit = dir.path().join("mau-vp.xlsx");
    ok(&thidua(
        &db,
        &[
            "export",
            "template",
            "--kind",
            "registrations",
            "--year",
            "2026",
            "--unit",
            "VP",
            "--out",
            unit.to_str().unwrap(),
        ],
    ));

    let bad = thidua(
        &db,
        &[
            "export",
            "template",
            "--kind",
            "luong",
            "--year",
            "2026",
            "--out",
            unit.to_str().unwrap(),
        ],
    );
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("Loại mẫu \"luong\""));
}

fn soffice() -> Option<&'static str> {
    ["soffice", "libreoffice"].into_iter().find(|p| {
        Command::new(p)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
    })
}

/// The numbers of a CSV line (LibreOffice writes the cells as shown: "1.234" or "1,234"
/// depending on its locale, so separators are dropped).
fn numbers(line: &str) -> Vec<i64> {
    line.split(',')
        .filter_map(|c| {
            let c = c.trim_matches('"').replace(['.', '\u{a0}', ' '], "");
            c.parse().ok()
        })
        .collect()
}

#[test]
fn libreoffice_reads_the_same_totals_as_the_database() {
    let Some(soffice) = soffice() else {
        assert!(
            std::env::var("CI").is_err(),
            "LibreOffice (soffice) is required in CI: add libreoffice-calc-nogui"
        );
        eprintln!("soffice not found: skipped outside CI");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let xlsx = dir.path().join("tong-hop.xlsx");
    ok(&thidua(
        &db,
        &[
            "export",
            "rollup",
            "--year",
            "2025",
            "--out",
            xlsx.to_str().unwrap(),
        ],
    ));
    let stats: Value =
        serde_json::from_slice(&ok(&thidua(&db, &["stats", "--year", "2025", "--json"])).stdout)
            .unwrap();
    let csv_dir = dir.path().join("csv");
    // Its own profile folder, so a running LibreOffice of the user is not disturbed.
    let profile = format!("file://{}", dir.path().join("lo-profile").display());
    let o = Command::new(soffice)
        .arg(format!("-env:UserInstallation={profile}"))
        .args([
            "--headless",
            "--convert-to",
            "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
            "--outdir",
        ])
        .arg(&csv_dir)
        .arg(&xlsx)
        .output()
        .expect("soffice runs");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    // One CSV per sheet: tong-hop-<Sheet name>.csv.
    let read = |sheet: &str| {
        std::fs::read_to_string(csv_dir.join(format!("tong-hop-{sheet}.csv")))
            .unwrap_or_else(|e| panic!("{sheet}: {e}"))
    };
    let summary = read("Tổng hợp");
    let total = summary
        .lines()
        .find(|l| l.starts_with("Tổng cộng") || l.starts_with("\"Tổng cộng\""))
        .expect("Tổng cộng row");
    let figures = numbers(total);
    let current = &stats["current"];
    let titles = current["danh_hieu"]["total"].as_i64().unwrap();
    let forms = current["hinh_thuc"]["total"].as_i64().unwrap();
    assert_eq!(figures[0], titles, "{total}");
    assert!(figures.contains(&forms), "{total}");
    // Every figure of the row is either a sub-count or one of the two totals; their sum
    // is twice the number of awards (each counted once in its column and once in a total).
    assert_eq!(figures.iter().sum::<i64>(), 2 * (titles + forms), "{total}");

    let list = read("Danh sách khen thưởng");
    let end = list
        .lines()
        .find(|l| l.contains("Tổng cộng:"))
        .expect("total line of the list");
    let amount = current["total_amount"].as_i64().unwrap();
    assert_eq!(*numbers(end).last().unwrap(), amount, "{end}");
}

/// The script that fills a template as a unit's clerk would (openpyxl, values from the
/// template's own drop-down lists): `tests/templates/fill_template.py`. Debian's python3 with
/// python3-openpyxl (installed by `.ci/dev`), not whichever python3 is first on PATH.
fn fill_template(kind: &str, template: &Path, out: &Path) {
    let script =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../tests/templates/fill_template.py");
    let o = Command::new("/usr/bin/python3")
        .arg(script)
        .args([kind])
        .arg(template)
        .arg(out)
        .output()
        .expect("/usr/bin/python3 runs (apt install python3-openpyxl)");
    ok(&o);
}

#[test]
fn templates_filled_by_a_script_import_without_a_warning_and_keep_every_column() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    // Registrations for next year (the demo has none yet); last year's award list (its base
    // salary is confirmed — the one from 1/7/2026 is not, and the rules rightly warn about
    // money computed from it); scores for the demo's current year, whose blocks exist.
    // QS = Ban Chỉ huy Quân sự xã, in "Khối Cơ quan, đoàn thể".
    for (kind, year, rows) in [
        ("registrations", "2027", 9),
        ("awards", "2025", 8),
        ("scores", "2026", 1),
    ] {
        let template = dir.path().join(format!("mau-{kind}.xlsx"));
        let filled = dir.path().join(format!("da-dien-{kind}.xlsx"));
        ok(&thidua(
            &db,
            &[
                "export",
                "template",
                "--kind",
                kind,
                "--year",
                year,
                "--unit",
                "QS",
                "--out",
                template.to_str().unwrap(),
            ],
        ));
        fill_template(kind, &template, &filled);
        let summary = json(&thidua(
            &db,
            &["import", filled.to_str().unwrap(), "--json"],
        ));
        assert_eq!(
            summary["warnings"],
            serde_json::json!([]),
            "{kind}: {summary}"
        );
        assert_eq!(
            summary["errors"],
            serde_json::json!([]),
            "{kind}: {summary}"
        );
        assert_eq!(summary["rows"], rows, "{kind}: {summary}");
    }

    let regs = json(&thidua(
        &db,
        &["registrations", "list", "--year", "2027", "--json"],
    ));
    let regs = regs.as_array().unwrap();
    assert_eq!(regs.len(), 9);
    let hung = regs
        .iter()
        .find(|r| r["recipient_name"] == "Nguyễn Văn Hùng")
        .unwrap();
    assert_eq!(hung["code"], "CSTD_CS");
    assert_eq!(hung["recipient_kind"], "ca_nhan");
    assert_eq!(hung["targets"], "Hoàn thành xuất sắc nhiệm vụ được giao");
    assert_eq!(hung["registered_on"], "2027-01-15");
    let unit = regs
        .iter()
        .find(|r| r["recipient_kind"] == "tap_the")
        .unwrap();
    assert_eq!(
        (unit["code"].as_str(), unit["unit_code"].as_str()),
        (Some("TTLDTT"), Some("QS"))
    );

    let awards = json(&thidua(
        &db,
        &["awards", "list", "--year", "2025", "--json"],
    ));
    let awards: Vec<&Value> = awards
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["decision_number"] == "245/QĐ-UBND")
        .collect();
    assert_eq!(awards.len(), 8);
    for a in &awards {
        assert_eq!(a["code"], "GK_XA");
        assert_eq!(a["decision_number"], "245/QĐ-UBND");
        assert_eq!(a["decision_date"], "2025-12-20");
        assert_eq!(a["decision_level"], "xa");
        assert_eq!(a["award_type"], "cong_trang");
        // The money is computed by the rules for the decision's date, not left at zero.
        assert!(a["amount"].as_i64().unwrap() > 0, "{a}");
    }
    // The script ticked "người lao động trực tiếp" for the last four.
    assert_eq!(
        awards.iter().filter(|a| a["direct_worker"] == true).count(),
        4
    );

    let scores = json(&thidua(
        &db,
        &["scores", "list", "--year", "2026", "--json"],
    ));
    let qs = scores
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["unit_code"] == "QS")
        .unwrap();
    assert_eq!(qs["block"], "Khối Cơ quan, đoàn thể");
    assert_eq!(
        (
            qs["self_score"].as_f64(),
            qs["block_score"].as_f64(),
            qs["council_score"].as_f64()
        ),
        (Some(96.5), Some(95.0), Some(95.5))
    );
}
