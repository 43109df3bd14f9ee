//! `thidua import` as scripts use it: the shared samples come in, refused files leave the data
//! file byte for byte, the same file twice adds nothing, and an import can be undone.

mod common;

use common::*;
use serde_json::Value;
use std::path::Path;
use std::process::Command;

#[test]
fn award_list_dry_run_then_commit_then_twice_then_undo() {
    let dir = tempfile::tempdir().unwrap();
    let db = init(dir.path());
    let file = sample_arg("xa-an-binh-khen-thuong-2024.xlsx");

    let before = std::fs::read(&db).unwrap();
    let dry = json(&thidua(&db, &["import", &file, "--dry-run", "--json"]));
    assert_eq!(dry["kind"], "awards");
    assert_eq!(dry["rows"], 9);
    assert_eq!(dry["imported"]["awards"], 12);
    assert_eq!(dry["errors"], Value::Array(vec![]));
    assert_eq!(
        std::fs::read(&db).unwrap(),
        before,
        "a dry run writes nothing"
    );

    let done = json(&thidua(&db, &["import", &file, "--json"]));
    assert_eq!(done["imported"]["decisions"], 1);
    assert_eq!(done["imported"]["awards"], 12);
    assert_eq!(done["imported"]["persons"], 6);
    let id = done["import_id"]
        .as_str()
        .expect("an import id")
        .to_string();

    let again = thidua(&db, &["import", &file, "--json"]);
    assert!(again.status.success(), "{}", stderr(&again));
    assert!(
        stderr(&again).contains("đã được nhập"),
        "{}",
        stderr(&again)
    );
    let again: Value = serde_json::from_slice(&again.stdout).unwrap();
    assert_eq!(again["already_imported"], true);
    assert_eq!(again["imported"]["awards"], 0);

    let history = json(&thidua(&db, &["import", "--history", "--json"]));
    assert_eq!(history.as_array().unwrap().len(), 1);

    let undo = thidua(&db, &["import", "--undo", &id]);
    assert!(undo.status.success(), "{}", stderr(&undo));
    assert!(stderr(&undo).contains("Đã hoàn tác"));
    let awards = json(&thidua(
        &db,
        &["awards", "list", "--year", "2024", "--json"],
    ));
    assert_eq!(awards.as_array().map(Vec::len), Some(0), "{awards}");
}

#[test]
fn every_sample_imports() {
    let dir = tempfile::tempdir().unwrap();
    let db = init(dir.path());
    let reg = json(&thidua(
        &db,
        &[
            "import",
            &sample_arg("truong-thcs-hong-ky-dang-ky-2025.xlsx"),
            "--json",
        ],
    ));
    assert_eq!(reg["kind"], "registrations");
    assert_eq!(reg["imported"]["registrations"], 9);

    // The TCVN3 household list states no decision: refused until it is given.
    let tcvn3 = sample_arg("tcvn3-gia-dinh-van-hoa-2023.xlsx");
    let refused = thidua(&db, &["import", &tcvn3]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(stderr(&refused).contains("dòng 6"), "{}", stderr(&refused));
    let listed = json(&thidua(&db, &["import", &tcvn3, "--dry-run", "--json"]));
    assert_eq!(listed["errors"][0]["sheet"], "Sheet1");
    assert_eq!(listed["errors"][0]["row"], 6);
    let gdvh = json(&thidua(
        &db,
        &[
            "import",
            &tcvn3,
            "--decision-number",
            "30/QĐ-UBND",
            "--decision-date",
            "15/12/2023",
            "--json",
        ],
    ));
    assert_eq!(gdvh["imported"]["households"], 3);
    assert_eq!(gdvh["imported"]["awards"], 3);

    // Block scores need the block and its members first.
    for (code, name) in [
        ("MTTQ", "Ủy ban MTTQ xã"),
        ("HND", "Hội Nông dân"),
        ("DTN", "Đoàn Thanh niên"),
        ("HPN", "Hội Liên hiệp Phụ nữ"),
        ("CCB", "Hội Cựu chiến binh"),
    ] {
        let o = thidua(&db, &["units", "add", "--code", code, "--name", name]);
        assert!(o.status.success(), "{}", stderr(&o));
    }
    let o = thidua(
        &db,
        &[
            "blocks",
            "add",
            "--year",
            "2024",
            "--name",
            "Khối các cơ quan Đảng, đoàn thể",
            "--members",
            "MTTQ,HND,DTN,HPN,CCB",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let scores = json(&thidua(
        &db,
        &[
            "import",
            &sample_arg("khoi-doan-the-cham-diem-2024.xlsx"),
            "--json",
        ],
    ));
    assert_eq!(scores["kind"], "block_scores");
    assert_eq!(scores["imported"]["block_scores"], 5);
}

#[test]
fn refused_files_leave_the_data_file_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let db = init(dir.path());
    let real = std::fs::read(sample_arg("xa-an-binh-khen-thuong-2024.xlsx")).unwrap();
    let cases: [(&str, Vec<u8>, &str); 5] = [
        (
            "trang-web.xls",
            b"<html><body><table><tr><td>1</td></tr></table></body></html>".to_vec(),
            "trang web",
        ),
        ("rong.xlsx", Vec::new(), "trống"),
        (
            "cut.xlsx",
            real[..real.len() / 2].to_vec(),
            "chưa tải về hết",
        ),
        (
            "rac.xlsx",
            (0..4000u32).map(|i| (i * 7919 % 251) as u8).collect(),
            "không phải bảng tính",
        ),
        (
            "ghi-chu.txt",
            "Danh sách khen thưởng".as_bytes().to_vec(),
            "không phải bảng tính",
        ),
    ];
    for (name, bytes, expected) in cases {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        let before = std::fs::read(&db).unwrap();
        let o = thidua(&db, &["import", path.to_str().unwrap(), "--json"]);
        assert_eq!(o.status.code(), Some(2), "{name}: {}", stderr(&o));
        assert!(stderr(&o).contains(expected), "{name}: {}", stderr(&o));
        assert!(
            stderr(&o).contains(name),
            "{name}: the message names the file"
        );
        assert_eq!(
            std::fs::read(&db).unwrap(),
            before,
            "{name}: data file unchanged"
        );
    }
    // A good file next to a bad one: nothing from either.
    let before = std::fs::read(&db).unwrap();
    let o = thidua(
        &db,
        &[
            "import",
            &sample_arg("xa-an-binh-khen-thuong-2024.xlsx"),
            dir.path().join("rong.xlsx").to_str().unwrap(),
        ],
    );
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(std::fs::read(&db).unwrap(), before);
}

/// A real old-format workbook: the school's registration list saved as Excel 97–2003 (.xls,
/// BIFF8) by LibreOffice, as offices still do, imports exactly as the .xlsx does.
#[test]
fn an_excel_97_2003_file_imports_like_the_xlsx_it_was_saved_from() {
    let dir = tempfile::tempdir().unwrap();
    let xlsx = dir.path().join("dang-ky.xlsx");
    std::fs::copy(sample_arg("truong-thcs-hong-ky-dang-ky-2025.xlsx"), &xlsx).unwrap();
    let profile = format!("file://{}", dir.path().join("lo-profile").display());
    let o = Command::new("soffice")
        .arg(format!("-env:UserInstallation={profile}"))
        .args(["--headless", "--convert-to", "xls", "--outdir"])
        .arg(dir.path())
        .arg(&xlsx)
        .output()
        .expect("LibreOffice (soffice) runs: apt install libreoffice-calc-nogui");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let xls = dir.path().join("dang-ky.xls");
    // BIFF8 inside an OLE compound file, not an .xlsx renamed.
    let head = std::fs::read(&xls).unwrap();
    assert_eq!(&head[..4], &[0xD0, 0xCF, 0x11, 0xE0]);

    let mut lists = Vec::new();
    for (name, file) in [("a", &xlsx), ("b", &xls)] {
        let db = init(&dir.path().join(name));
        let summary = json(&thidua(&db, &["import", file.to_str().unwrap(), "--json"]));
        assert_eq!(summary["kind"], "registrations");
        assert_eq!(summary["imported"]["registrations"], 9, "{summary}");
        let regs = json(&thidua(
            &db,
            &["registrations", "list", "--year", "2025", "--json"],
        ));
        let mut rows: Vec<String> = regs
            .as_array()
            .unwrap()
            .iter()
            .map(|r| format!("{}|{}|{}", r["recipient_name"], r["code"], r["position"]))
            .collect();
        rows.sort();
        lists.push(rows);
    }
    assert_eq!(lists[0], lists[1]);
}

/// Files a unit protected with a password (saved encrypted by LibreOffice, the real format:
/// RC4 in .xls, AES in .ods) are refused with the way out, and the data file is not touched.
#[test]
fn password_protected_files_are_refused_and_nothing_is_touched() {
    let dir = tempfile::tempdir().unwrap();
    let db = init(dir.path());
    let script =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../tests/fixtures/save_with_password.py");
    for (name, filter) in [("khoa.xls", "MS Excel 97"), ("khoa.ods", "calc8")] {
        let out = dir.path().join(name);
        let o = Command::new("/usr/bin/python3")
            .arg(&script)
            .arg(sample_arg("xa-an-binh-khen-thuong-2024.xlsx"))
            .arg(&out)
            .arg(filter)
            .arg(dir.path().join("lo-profile"))
            .output()
            .expect("/usr/bin/python3 runs (apt install python3-uno libreoffice-calc-nogui)");
        assert!(o.status.success(), "{}", stderr(&o));
        let before = std::fs::read(&db).unwrap();
        let refused = thidua(&db, &["import", out.to_str().unwrap()]);
        assert_eq!(refused.status.code(), Some(2), "{name}");
        let message = stderr(&refused);
        assert!(
            message.contains(name) && message.contains("mật khẩu"),
            "{name}: {message}"
        );
        assert_eq!(
            std::fs::read(&db).unwrap(),
            before,
            "{name}: the data file is untouched"
        );
    }
}
