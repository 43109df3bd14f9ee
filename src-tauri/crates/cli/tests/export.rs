//! `thidua export …` as a clerk runs it: real processes, real files, and the roll-up opened
//! by LibreOffice (a spreadsheet program other than the library that wrote it).

use serde_json::Value;
use std::path::Path;
use std::process::{Command, Output};

fn thidua(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_thidua"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("THIDUA_DATA_DIR")
        .output()
        .expect("thidua runs")
}

fn ok(o: &Output) -> &Output {
    assert!(
        o.status.success(),
        "failed: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    o
}

fn demo(dir: &Path) -> std::path::PathBuf {
    let db = dir.join("x.db");
    ok(&thidua(&db, &["demo"]));
    db
}

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
    assert!(String::from_utf8_lossy(&o.stderr).contains("Đã ghi bảng tổng hợp"));
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
