//! Where the data file lives, and moving it to another folder (another drive, a folder the
//! office backs up). The choice is remembered in a small file in the user's config folder,
//! read at start by the app and the CLI alike (paths.rs); `THIDUA_DATA_DIR`, when set, still
//! wins (tests and scripted installs use it).
//!
//! A move copies the open database with SQLite's online backup, checks the copy
//! (`integrity_check`) and opens it before anything points at it; the old file is left where
//! it was, untouched, so nothing is lost if the new drive turns out to be unreliable. The
//! backups are copied along (backup.rs `copy_backups`), so a restore after the move still
//! finds them; the originals stay with the old file.

use crate::backup;
use crate::error::{Error, Result};
use crate::paths::{self, DataDirSource, DB_FILE_NAME};
use crate::store::Store;
use serde::Serialize;
use std::io::Write;
use std::path::{Path, PathBuf};
use ts_rs::TS;

/// What the Settings screen shows about the data folder.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct DataLocation {
    pub db_path: String,
    pub backup_dir: String,
    /// "env" (THIDUA_DATA_DIR), "config" (moved by the clerk) or "default".
    pub source: String,
    /// The file that remembers the clerk's choice, if the platform has a config folder.
    pub config_file: Option<String>,
    /// The folder remembered there, if any. With `source` "default" it is the folder that
    /// was missing at start (the next start tries it again).
    pub remembered_dir: Option<String>,
    #[ts(type = "number")]
    pub size_bytes: u64,
}

pub fn location(db: &Path) -> DataLocation {
    let (dir, source) = paths::data_dir();
    let remembered = paths::config_file().and_then(|f| paths::read_remembered_dir(&f));
    let source = match source {
        DataDirSource::Env => "env",
        // The remembered folder was missing at start and the clerk chose the default one.
        DataDirSource::Remembered if db.parent() != Some(dir.as_path()) => "default",
        DataDirSource::Remembered => "config",
        DataDirSource::Default => "default",
    };
    DataLocation {
        db_path: db.display().to_string(),
        backup_dir: backup::backup_dir(db).display().to_string(),
        source: source.into(),
        config_file: paths::config_file().map(|f| f.display().to_string()),
        remembered_dir: remembered.map(|d| d.display().to_string()),
        size_bytes: db.metadata().map(|m| m.len()).unwrap_or(0),
    }
}

/// What the start screen shows when the remembered data folder is missing (paths.rs
/// `check_remembered_dir`): the folder, and what "use the default folder" would open.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct MissingFolder {
    /// The remembered folder that has no data file now.
    pub folder: String,
    /// The folder is there, only the data file is not.
    pub folder_exists: bool,
    /// The data file in the per-user folder.
    pub default_db_path: String,
    /// The office in that file, when it has one. Often it is the copy the move left behind,
    /// so older than the data in the missing folder: the screen says so.
    pub default_office: Option<String>,
    /// When that file last changed (local time, RFC 3339), when it exists.
    pub default_modified_at: Option<String>,
}

/// The choices for the remembered folder `dir` that is missing, with `default_db` the data
/// file of the per-user folder. Only reads (the default file is opened read-only).
pub fn missing_folder(dir: &Path, default_db: &Path) -> MissingFolder {
    let modified = default_db
        .metadata()
        .and_then(|m| m.modified())
        .ok()
        .map(|t| {
            chrono::DateTime::<chrono::Local>::from(t)
                .to_rfc3339_opts(chrono::SecondsFormat::Secs, false)
        });
    let office = modified.as_ref().and_then(|_| {
        let conn = rusqlite::Connection::open_with_flags(
            default_db,
            rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY,
        )
        .ok()?;
        conn.query_row("SELECT name FROM office_profile WHERE id = 1", [], |r| {
            r.get::<_, String>(0)
        })
        .ok()
    });
    MissingFolder {
        folder: dir.display().to_string(),
        folder_exists: dir.is_dir(),
        default_db_path: default_db.display().to_string(),
        default_office: office,
        default_modified_at: modified,
    }
}

/// The data file in `dir`, a folder the clerk picked instead of the missing one (the drive
/// back under another letter, a copy on the network). It must already hold the data file:
/// a folder without one is refused rather than starting an empty office there.
pub fn existing_data_file(dir: &Path) -> Result<PathBuf> {
    let db = dir.join(DB_FILE_NAME);
    if db.is_file() {
        Ok(db)
    } else {
        Err(Error::invalid(
            "folder",
            format!(
                "Thư mục {} không có tệp dữ liệu ({DB_FILE_NAME}). Hãy chọn thư mục có tệp dữ liệu, hoặc dùng thư mục mặc định.",
                dir.display()
            ),
        ))
    }
}

/// Fails unless a file can be created, written, flushed and removed in `dir`.
fn check_writable(dir: &Path) -> Result<()> {
    let refuse = |detail: String| {
        Error::invalid(
            "folder",
            format!(
                "Không ghi được vào thư mục {} ({detail}). Hãy chọn thư mục khác.",
                dir.display()
            ),
        )
    };
    if !dir.is_dir() {
        return Err(refuse("không phải thư mục hoặc không tồn tại".into()));
    }
    let probe = dir.join(".thidua-thu-ghi");
    let written = std::fs::File::create(&probe)
        .and_then(|mut f| f.write_all(b"thu ghi").and_then(|()| f.sync_all()));
    let _ = std::fs::remove_file(&probe);
    written.map_err(|e| refuse(e.to_string()))
}

/// What the Settings screen says after a move.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct MoveReport {
    pub location: DataLocation,
    /// Backup files copied along into the new folder's backups.
    #[ts(type = "number")]
    pub backups_copied: usize,
}

/// What a move wrote in the new folder.
#[derive(Debug, Clone)]
pub struct Moved {
    /// The new data file.
    pub db: PathBuf,
    /// How many backup files were copied into its backups folder.
    pub backups_copied: usize,
}

/// Copies the open database into `dir` (as `thidua.db`) together with its backups, checks
/// and opens the copy, and returns where it is. Refuses a folder that cannot be written or
/// already holds a data file (never overwrites). The backups go first and the data file
/// last, so a data file in `dir` means the move is complete; a move that fails takes back
/// what it wrote there. The old folder is not touched. The caller switches to the new file
/// and remembers the folder.
pub fn copy_to_folder(store: &Store, dir: &Path) -> Result<Moved> {
    let current = store
        .path()
        .ok_or_else(|| Error::invalid("folder", "Dữ liệu trong bộ nhớ không có tệp để chuyển."))?
        .to_path_buf();
    check_writable(dir)?;
    let target = dir.join(DB_FILE_NAME);
    let same = match (dir.canonicalize(), current.parent().map(Path::canonicalize)) {
        (Ok(a), Some(Ok(b))) => a == b,
        _ => false,
    };
    if same {
        return Err(Error::invalid(
            "folder",
            "Dữ liệu đang ở chính thư mục này. Hãy chọn thư mục khác.",
        ));
    }
    if target.exists() {
        return Err(Error::duplicate(
            "folder",
            format!(
                "Thư mục {} đã có một tệp dữ liệu ({DB_FILE_NAME}). Để không ghi đè dữ liệu có sẵn, hãy chọn thư mục khác.",
                dir.display()
            ),
        ));
    }
    let copied = backup::copy_backups(&current, &target)?;
    // backup_to: online backup under a temporary name, integrity_check, then rename.
    // Opened once through the normal path, so a copy this version cannot use is found now,
    // while the old file is still the one in use.
    let moved = store
        .backup_to(&target)
        .and_then(|_| Store::open_existing(&target).map(drop));
    if let Err(e) = moved {
        for path in copied.iter().chain([&target]) {
            let _ = std::fs::remove_file(path);
        }
        return Err(e);
    }
    Ok(Moved {
        db: target,
        backups_copied: copied.len(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moving_keeps_the_data_identical_and_leaves_the_old_file() {
        let from = tempfile::tempdir().unwrap();
        let to = tempfile::tempdir().unwrap();
        let db = from.path().join(DB_FILE_NAME);
        let mut store = Store::open(&db).unwrap();
        crate::demo::fill(&mut store, 2025).unwrap();
        store
            .add_coefficient_from("GK_XA", "01/01/2026", Some(0.4), "QĐ thử")
            .unwrap();
        let dump = |s: &Store| -> Vec<String> {
            let mut out = Vec::new();
            let mut t = s
                .conn
                .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
                .unwrap();
            let tables: Vec<String> = t
                .query_map([], |r| r.get(0))
                .unwrap()
                .map(|r| r.unwrap())
                .collect();
            for table in tables {
                let mut q = s
                    .conn
                    .prepare(&format!("SELECT * FROM \"{table}\""))
                    .unwrap();
                let n = q.column_count();
                let rows = q
                    .query_map([], |r| {
                        Ok((0..n)
                            .map(|i| format!("{:?}", r.get_ref(i).unwrap()))
                            .collect::<Vec<_>>()
                            .join("|"))
                    })
                    .unwrap();
                let mut rows: Vec<String> = rows.map(|r| r.unwrap()).collect();
                rows.sort();
                out.push(format!("{table}: {}", rows.join("\n")));
            }
            out
        };
        let before = dump(&store);
        let moved = copy_to_folder(&store, to.path()).unwrap();
        assert_eq!(moved.db, to.path().join(DB_FILE_NAME));
        let reopened = Store::open_existing(&moved.db).unwrap();
        assert_eq!(dump(&reopened), before);
        assert!(db.exists(), "the old file stays until the clerk removes it");
        // a second move to the same folder would overwrite: refused
        assert_eq!(
            copy_to_folder(&store, to.path()).unwrap_err().code(),
            "duplicate"
        );
        // the folder the data is in is not a move
        assert_eq!(
            copy_to_folder(&store, from.path()).unwrap_err().field(),
            Some("folder")
        );
    }

    #[test]
    fn the_backups_move_with_the_data_and_the_originals_stay() {
        let from = tempfile::tempdir().unwrap();
        let to = tempfile::tempdir().unwrap();
        let db = from.path().join(DB_FILE_NAME);
        let mut store = Store::open(&db).unwrap();
        crate::demo::fill(&mut store, 2025).unwrap();
        let by_hand = store.backup_now(backup::BackupKind::ThuCong).unwrap();
        store.daily_backup(backup::KEEP_AUTOMATIC).unwrap();
        let old = backup::backup_dir(&db);
        // An automatic copy from an earlier day: its time must travel with it, or the daily
        // copy of today would be thought taken already and the rotation would keep the wrong
        // ones.
        let earlier = old.join("thidua-tu-dong-20200102.db");
        std::fs::copy(&by_hand.path, &earlier).unwrap();
        std::fs::File::options()
            .write(true)
            .open(&earlier)
            .unwrap()
            .set_modified(
                std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_577_959_200),
            )
            .unwrap();
        let times = |db: &Path| -> Vec<(String, String)> {
            let mut t: Vec<(String, String)> = backup::list(db)
                .unwrap()
                .into_iter()
                .map(|b| (b.file_name, b.created_at))
                .collect();
            t.sort();
            t
        };
        let times_before = times(&db);
        // A damaged file kept aside by a restore, with its WAL, and a copy cut short.
        let damaged = "thidua-hong-truoc-khoi-phuc-20250101-080000-000.db";
        std::fs::write(old.join(damaged), b"hong").unwrap();
        std::fs::write(old.join(format!("{damaged}-wal")), b"wal").unwrap();
        std::fs::write(old.join("thidua-thu-cong-x.db.dang-ghi"), b"do dang").unwrap();
        // The new folder already has backups: one identical to ours (a move back to a folder
        // the data left before), one of the same name with other bytes.
        let new = to.path().join(backup::BACKUP_DIR);
        std::fs::create_dir(&new).unwrap();
        std::fs::copy(&by_hand.path, new.join(&by_hand.file_name)).unwrap();
        std::fs::write(new.join(damaged), b"khac").unwrap();
        let originals: Vec<String> = std::fs::read_dir(&old)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();

        let moved = copy_to_folder(&store, to.path()).unwrap();
        // the two automatic copies, and the damaged one with its WAL under a new name
        assert_eq!(moved.backups_copied, 4);
        // (the copy made by hand was already there, put by the test with its own time)
        let automatic = |t: Vec<(String, String)>| -> Vec<(String, String)> {
            t.into_iter()
                .filter(|(name, _)| name.contains("tu-dong"))
                .collect()
        };
        let (times_before, times_after) = (automatic(times_before), automatic(times(&moved.db)));
        assert_eq!(times_after, times_before, "each copy keeps its time");
        assert!(times_after.iter().any(|(_, t)| t.starts_with("2020-01-02")));
        let listed: Vec<String> = backup::list(&moved.db)
            .unwrap()
            .into_iter()
            .map(|b| b.file_name)
            .collect();
        assert_eq!(listed.len(), 5, "{listed:?}");
        let renamed = "thidua-hong-truoc-khoi-phuc-20250101-080000-000-2.db";
        assert_eq!(std::fs::read(new.join(renamed)).unwrap(), b"hong");
        assert_eq!(
            std::fs::read(new.join(format!("{renamed}-wal"))).unwrap(),
            b"wal"
        );
        assert_eq!(std::fs::read(new.join(damaged)).unwrap(), b"khac", "kept");
        assert!(!new.join("thidua-thu-cong-x.db.dang-ghi").exists());
        let good = backup::latest_good(&moved.db).unwrap().unwrap();
        assert!(good.path.starts_with(&new.display().to_string()));
        // The originals stay with the old file.
        for name in originals {
            assert!(old.join(&name).exists(), "{name} kept");
        }
    }

    #[test]
    fn a_move_that_fails_takes_back_the_backups_it_copied() {
        let from = tempfile::tempdir().unwrap();
        let to = tempfile::tempdir().unwrap();
        let store = Store::open(&from.path().join(DB_FILE_NAME)).unwrap();
        store.backup_now(backup::BackupKind::ThuCong).unwrap();
        store.backup_now(backup::BackupKind::ThuCong).unwrap();
        // A folder where the data file's temporary copy goes: the backups are copied, then
        // writing the data file fails.
        std::fs::create_dir(to.path().join("thidua.db.dang-ghi")).unwrap();
        assert!(copy_to_folder(&store, to.path()).is_err());
        assert!(!to.path().join(DB_FILE_NAME).exists());
        let left: Vec<_> = std::fs::read_dir(to.path().join(backup::BACKUP_DIR))
            .unwrap()
            .collect();
        assert!(left.is_empty(), "copied backups taken back: {left:?}");
        let originals = backup::list(store.path().unwrap()).unwrap();
        assert_eq!(originals.len(), 2, "the originals stay");
    }

    #[test]
    fn a_folder_that_cannot_be_written_is_refused() {
        let from = tempfile::tempdir().unwrap();
        let store = Store::open(&from.path().join(DB_FILE_NAME)).unwrap();
        let file = from.path().join("ghi-chu.txt");
        std::fs::write(&file, "x").unwrap();
        let err = copy_to_folder(&store, &file).unwrap_err();
        assert_eq!(err.field(), Some("folder"));
        assert!(err.to_string().contains("Không ghi được"), "{err}");
        // Even root cannot create files in /proc.
        #[cfg(target_os = "linux")]
        {
            let err = copy_to_folder(&store, Path::new("/proc")).unwrap_err();
            assert!(err.to_string().contains("Không ghi được"), "{err}");
        }
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let ro = from.path().join("chi-doc");
            std::fs::create_dir(&ro).unwrap();
            std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o555)).unwrap();
            if std::fs::File::create(ro.join("probe")).is_err() {
                // Not root: the permission itself refuses.
                assert!(copy_to_folder(&store, &ro).is_err());
            }
            std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o755)).unwrap();
        }
    }

    #[test]
    fn the_missing_folder_screen_knows_what_the_default_folder_holds() {
        let tmp = tempfile::tempdir().unwrap();
        let gone = tmp.path().join("usb");
        let default_db = tmp.path().join("mac-dinh").join(DB_FILE_NAME);
        let m = missing_folder(&gone, &default_db);
        assert_eq!(m.folder, gone.display().to_string());
        assert!(!m.folder_exists);
        assert_eq!((m.default_office, m.default_modified_at), (None, None));
        assert!(!default_db.exists(), "only read");

        let mut store = Store::open(&default_db).unwrap();
        crate::demo::fill(&mut store, 2025).unwrap();
        drop(store);
        let m = missing_folder(&gone, &default_db);
        assert_eq!(m.default_office.as_deref(), Some("UBND xã An Bình"));
        assert!(m.default_modified_at.is_some());

        assert_eq!(
            existing_data_file(&gone).unwrap_err().field(),
            Some("folder")
        );
        std::fs::create_dir(&gone).unwrap();
        assert!(existing_data_file(&gone)
            .unwrap_err()
            .to_string()
            .contains("không có tệp dữ liệu"));
        assert_eq!(
            existing_data_file(default_db.parent().unwrap()).unwrap(),
            default_db
        );
    }

    #[test]
    fn the_remembered_folder_is_read_back() {
        let cfg = tempfile::tempdir().unwrap();
        let file = cfg.path().join("sub").join("thu-muc-du-lieu.txt");
        assert_eq!(paths::read_remembered_dir(&file), None);
        paths::remember_dir(&file, Path::new("/mnt/ổ D/Sổ thi đua")).unwrap();
        assert_eq!(
            paths::read_remembered_dir(&file),
            Some(PathBuf::from("/mnt/ổ D/Sổ thi đua"))
        );
    }
}
