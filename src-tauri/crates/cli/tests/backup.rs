//! `thidua backup`, `backups`, `restore` as a clerk or a script uses them, and the lock that
//! keeps a restore (or a second app) from swapping the file under the running app.

mod common;

use common::*;
use std::path::Path;
use thidua_core::lock::InstanceLock;

fn units(db: &Path) -> usize {
    json(&thidua(db, &["units", "list", "--all", "--json"]))
        .as_array()
        .unwrap()
        .len()
}

#[test]
fn backup_list_and_restore_the_latest_after_a_mistake() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("thidua.db");
    assert!(thidua(&db, &["demo"]).status.success());
    let count = units(&db);

    let made = json(&thidua(&db, &["backup", "--json"]));
    assert_eq!(made["kind"], "thu_cong");
    let out = dir.path().join("usb").join("ban-sao.db");
    let copy = json(&thidua(
        &db,
        &["backup", "--out", out.to_str().unwrap(), "--json"],
    ));
    assert_eq!(copy["path"], out.display().to_string());
    // never overwrites
    let again = thidua(&db, &["backup", "--out", out.to_str().unwrap()]);
    assert_eq!(again.status.code(), Some(2));
    assert!(stderr(&again).contains("đã có"), "{}", stderr(&again));

    // a mistake: a unit added by hand
    let add = thidua(
        &db,
        &["units", "add", "--code", "NHAM", "--name", "Đơn vị nhầm"],
    );
    assert!(add.status.success(), "{}", stderr(&add));
    assert_eq!(units(&db), count + 1);

    let listed = json(&thidua(&db, &["backups", "--json"]));
    assert_eq!(
        listed.as_array().unwrap().len(),
        1,
        "--out copies live elsewhere"
    );
    let restored = json(&thidua(&db, &["restore", "--latest", "--json"]));
    assert_eq!(restored["restored_from"], made["path"]);
    assert_eq!(units(&db), count);
    // the file as it was before the restore is kept, so the restore can be undone too
    let kept = restored["previous_saved_to"].as_str().unwrap().to_string();
    let back = json(&thidua(&db, &["restore", &kept, "--json"]));
    assert_eq!(back["restored_from"], kept.as_str());
    assert_eq!(units(&db), count + 1);
    assert!(thidua(&db, &["info"]).status.success());

    let from_usb = json(&thidua(&db, &["restore", out.to_str().unwrap(), "--json"]));
    assert_eq!(from_usb["restored_from"], out.display().to_string());
    assert_eq!(units(&db), count);
}

#[test]
fn restore_refuses_while_the_app_holds_the_file_and_a_bad_backup_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("thidua.db");
    assert!(thidua(&db, &["demo"]).status.success());
    assert!(thidua(&db, &["backup"]).status.success());
    let before = std::fs::read(&db).unwrap();

    let app = InstanceLock::acquire(&db).unwrap();
    let o = thidua(&db, &["restore", "--latest"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("đang được mở"), "{}", stderr(&o));
    // reading and the SQLite-locked writes of other commands still work beside the app
    assert!(thidua(&db, &["info"]).status.success());
    drop(app);

    let garbage = dir.path().join("khong-phai.db");
    std::fs::write(&garbage, "<html><body>tải về nhầm</body></html>").unwrap();
    let o = thidua(&db, &["restore", garbage.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("bị hỏng"), "{}", stderr(&o));
    assert_eq!(std::fs::read(&db).unwrap(), before);

    let none = thidua(&db, &["restore"]);
    assert_eq!(none.status.code(), Some(2));
}

/// Two writers at once: SQLite's own locking (WAL, busy timeout) serialises them; both
/// complete and the file stays sound.
#[test]
fn concurrent_writers_from_the_command_line_do_not_corrupt() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("thidua.db");
    assert!(thidua(
        &db,
        &["init", "--name", "UBND xã Song Song", "--level", "xa"]
    )
    .status
    .success());
    let writers: Vec<_> = (0..4)
        .map(|w| {
            let db = db.clone();
            std::thread::spawn(move || {
                for i in 0..10 {
                    let code = format!("W{w}-{i}");
                    let o = thidua(&db, &["units", "add", "--code", &code, "--name", &code]);
                    assert!(o.status.success(), "{code}: {}", stderr(&o));
                }
            })
        })
        .collect();
    for w in writers {
        w.join().unwrap();
    }
    assert_eq!(units(&db), 40);
    let info = json(&thidua(&db, &["info", "--json"]));
    assert_eq!(info["integrity_ok"], true);
}

/// A forgotten app password: whoever can read and write the data file removes it from the
/// command line (the password never encrypted the file — docs/threat-model.md).
#[test]
fn a_forgotten_password_is_removed_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("thidua.db");
    assert!(
        thidua(&db, &["init", "--name", "UBND xã Quên", "--level", "xa"])
            .status
            .success()
    );
    assert_eq!(
        json(&thidua(&db, &["password", "--json"]))["password"],
        false
    );
    thidua_core::Store::open(&db)
        .unwrap()
        .set_password(None, "đã quên mất")
        .unwrap();
    let status = thidua(&db, &["password"]);
    assert!(stderr(&status).contains("thidua password --remove"));
    assert_eq!(
        json(&thidua(&db, &["password", "--json"]))["password"],
        true
    );
    let removed = thidua(&db, &["password", "--remove"]);
    assert!(removed.status.success(), "{}", stderr(&removed));
    assert!(stderr(&removed).contains("Đã gỡ mật khẩu"));
    assert!(!thidua_core::Store::open(&db)
        .unwrap()
        .has_password()
        .unwrap());
    // the data is still there
    assert_eq!(
        json(&thidua(&db, &["password", "--json"]))["password"],
        false
    );
    let missing = thidua(&dir.path().join("khong-co.db"), &["password", "--remove"]);
    assert_eq!(missing.status.code(), Some(2));
}

#[test]
fn a_missing_remembered_data_folder_is_refused_and_never_created() {
    let home = tempfile::tempdir().unwrap();
    let home = home.path();
    // The clerk moved the data to a USB drive (Cài đặt → Thư mục dữ liệu), then unplugged it.
    let usb = home.join("usb").join("Sổ thi đua");
    let config = home.join("config").join("vn.sothidua.desktop");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(
        config.join("thu-muc-du-lieu.txt"),
        format!("{}\n", usb.display()),
    )
    .unwrap();

    for args in [
        &["info"][..],
        &["init", "--name", "UBND xã Mới", "--level", "xa"],
        &["demo"],
        &["backup"],
        &["units", "list"],
    ] {
        let o = thidua_at_home(home, args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        let err = stderr(&o);
        assert!(err.contains("Không tìm thấy thư mục dữ liệu"), "{err}");
        assert!(err.contains(&usb.display().to_string()), "{err}");
        assert!(err.contains("thidua --db"), "{err}");
        assert!(!usb.exists(), "{args:?} created the folder");
        assert!(
            !home.join("data").exists(),
            "{args:?} fell back to the default folder"
        );
    }
    let o = thidua_at_home(home, &["info", "--json"]);
    let payload: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(payload["error"]["code"], "data_dir_missing");

    // The drive is plugged in again: the remembered folder is used as before.
    ok(&thidua(&usb.join("thidua.db"), &["demo"]));
    let info = json(&thidua_at_home(home, &["info", "--json"]));
    assert_eq!(info["profile"]["name"], "UBND xã An Bình");
    assert_eq!(
        info["info"]["db_path"],
        usb.join("thidua.db").display().to_string()
    );
}
