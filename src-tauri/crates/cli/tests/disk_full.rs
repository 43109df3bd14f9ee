//! A full disk during import, export and backup: a clear Vietnamese message, exit code 1, and
//! nothing lost — the data file is exactly as before, an older export at the same name is
//! untouched, no half-written backup carries a `.db` name — and once space is freed the same
//! import goes through.
//!
//! The disk is a small tmpfs mounted for the test (`mount -t tmpfs`, needs root, as in the
//! CI container). Where mounting is not permitted the test says so and falls back to a file
//! size limit (RLIMIT_FSIZE), which SQLite reports as a write error rather than "disk full":
//! then only "nothing lost" and "a message" are asserted.

#![cfg(target_os = "linux")]

mod common;

use common::{command, sample, stderr};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

struct Disk {
    dir: PathBuf,
    mounted: bool,
    _holder: tempfile::TempDir,
}

impl Disk {
    fn new(size: &str) -> Disk {
        let holder = tempfile::tempdir().unwrap();
        let dir = holder.path().join("o-dia");
        std::fs::create_dir(&dir).unwrap();
        let mounted = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(&dir)
            .output()
            .is_ok_and(|o| o.status.success());
        if !mounted {
            eprintln!("mount -t tmpfs not permitted here: falling back to RLIMIT_FSIZE");
        }
        Disk {
            dir,
            mounted,
            _holder: holder,
        }
    }

    /// Fills the disk but `leave` bytes with a filler file.
    fn fill_leaving(&self, leave: u64) {
        let filler = self.dir.join("filler");
        let _ = std::fs::remove_file(&filler);
        // SAFETY: statvfs writes into the struct we pass; the path is a valid C string.
        let free = unsafe {
            let mut st: libc::statvfs = std::mem::zeroed();
            let c = std::ffi::CString::new(self.dir.as_os_str().as_encoded_bytes()).unwrap();
            assert_eq!(libc::statvfs(c.as_ptr(), &mut st), 0);
            st.f_bavail * st.f_frsize
        };
        let size = free.saturating_sub(leave) as usize;
        std::fs::write(&filler, vec![0u8; size]).unwrap();
    }

    fn free_space(&self) {
        std::fs::remove_file(self.dir.join("filler")).unwrap();
    }
}

impl Drop for Disk {
    fn drop(&mut self) {
        if self.mounted {
            let _ = Command::new("umount").arg(&self.dir).output();
        }
    }
}

/// `thidua --db DB ARGS…`, under a file size limit when the disk could not be mounted.
fn thidua(db: &Path, args: &[&str], fsize_limit: Option<u64>) -> Output {
    let mut cmd = command(db);
    cmd.args(args);
    if let Some(limit) = fsize_limit {
        // SAFETY: only async-signal-safe calls between fork and exec.
        unsafe {
            cmd.pre_exec(move || {
                libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
                let lim = libc::rlimit {
                    rlim_cur: limit,
                    rlim_max: limit,
                };
                libc::setrlimit(libc::RLIMIT_FSIZE, &lim);
                Ok(())
            });
        }
    }
    cmd.output().expect("thidua runs")
}

fn rows(db: &Path) -> (String, i64) {
    let conn = rusqlite::Connection::open(db).unwrap();
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    let awards: i64 = conn
        .query_row("SELECT count(*) FROM awards", [], |r| r.get(0))
        .unwrap();
    (check, awards)
}

fn assert_refused_clearly(o: &Output, mounted: bool, what: &str) {
    assert_eq!(o.status.code(), Some(1), "{what}: {}", stderr(o));
    let msg = stderr(o);
    assert!(msg.starts_with("Lỗi: "), "{what}: {msg}");
    if mounted {
        assert!(msg.contains("Ổ đĩa đã đầy"), "{what}: {msg}");
        assert!(msg.contains("vẫn còn nguyên"), "{what}: {msg}");
    }
    eprintln!("{what}: {}", msg.trim());
}

#[test]
fn full_disk_during_import_export_and_backup_loses_nothing() {
    let disk = Disk::new("4m");
    let work = tempfile::tempdir().unwrap();
    // The demo office, made elsewhere and copied onto the small disk as one closed file.
    let made = work.path().join("thidua.db");
    assert!(thidua(&made, &["demo"], None).status.success());
    let db = disk.dir.join("thidua.db");
    std::fs::copy(&made, &db).unwrap();
    let export = disk.dir.join("tong-hop.xlsx");
    std::fs::write(&export, b"bao cao cu").unwrap();
    let before = rows(&db);
    assert_eq!(before.0, "ok");
    let award_list = sample("xa-an-binh-khen-thuong-2024.xlsx");
    let award_list = award_list.to_str().unwrap();

    // Almost no room left (or, without tmpfs, no file may grow past its size).
    let limit = if disk.mounted {
        // room for SQLite's WAL index (32 KiB) and a few pages, not for the import
        disk.fill_leaving(48 * 1024);
        None
    } else {
        Some(std::fs::metadata(&db).unwrap().len())
    };

    let o = thidua(&db, &["import", award_list], limit);
    assert_refused_clearly(&o, disk.mounted, "import");
    assert_eq!(rows(&db), before, "the import left nothing behind");

    let o = thidua(
        &db,
        &[
            "export",
            "rollup",
            "--year",
            "2026",
            "--out",
            export.to_str().unwrap(),
        ],
        limit.map(|_| 4096),
    );
    assert_refused_clearly(&o, disk.mounted, "export");
    assert_eq!(std::fs::read(&export).unwrap(), b"bao cao cu");

    let o = thidua(&db, &["backup"], limit.map(|_| 4096));
    assert_refused_clearly(&o, disk.mounted, "backup");
    let backups = disk.dir.join("backups");
    let whole: Vec<_> = std::fs::read_dir(&backups)
        .map(|d| d.flatten().map(|e| e.file_name()).collect())
        .unwrap_or_default();
    assert!(whole.is_empty(), "no partial copy left: {whole:?}");
    assert_eq!(rows(&db), before);

    // No room even for SQLite's WAL index: opening fails, and says it is the disk, not a
    // damaged file (the app would otherwise offer a restore).
    if disk.mounted {
        disk.fill_leaving(0);
        let o = thidua(&db, &["units", "list"], None);
        assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
        assert!(stderr(&o).contains("ổ đĩa"), "{}", stderr(&o));
        assert!(!stderr(&o).contains("bị hỏng"), "{}", stderr(&o));
    }

    // Space freed: the same import now goes through, and the file is sound.
    if disk.mounted {
        disk.free_space();
        assert_eq!(rows(&db), before);
    }
    let o = thidua(&db, &["import", award_list], None);
    assert!(o.status.success(), "{}", stderr(&o));
    let after = rows(&db);
    assert_eq!(after.0, "ok");
    assert_eq!(after.1, before.1 + 12);
}
