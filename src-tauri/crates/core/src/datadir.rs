//! Where the data file lives, and moving it to another folder (another drive, a folder the
//! office backs up). The choice is remembered in a small file in the user's config folder,
//! read at start by the app and the CLI alike (paths.rs); `THIDUA_DATA_DIR`, when set, still
//! wins (tests and scripted installs use it).
//!
//! A move copies the open database with SQLite's online backup, checks the copy
//! (`integrity_check`) and opens it before anything points at it; the old file is left where
//! it was, untouched, so nothing is lost if the new drive turns out to be unreliable.

use crate::backup;
use crate::error::{Error, Result};
use crate::paths::{self, DATA_DIR_ENV, DB_FILE_NAME};
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
    #[ts(type = "number")]
    pub size_bytes: u64,
}

pub fn location(db: &Path) -> DataLocation {
    let source = if std::env::var_os(DATA_DIR_ENV).is_some_and(|d| !d.is_empty()) {
        "env"
    } else if paths::config_file()
        .and_then(|f| paths::read_remembered_dir(&f))
        .is_some()
    {
        "config"
    } else {
        "default"
    };
    DataLocation {
        db_path: db.display().to_string(),
        backup_dir: backup::backup_dir(db).display().to_string(),
        source: source.into(),
        config_file: paths::config_file().map(|f| f.display().to_string()),
        size_bytes: db.metadata().map(|m| m.len()).unwrap_or(0),
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

/// Copies the open database into `dir` (as `thidua.db`), checks and opens the copy, and
/// returns its path. Refuses a folder that cannot be written or already holds a data file
/// (never overwrites). The caller switches to the new file and remembers the folder.
pub fn copy_to_folder(store: &Store, dir: &Path) -> Result<PathBuf> {
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
    // backup_to: online backup under a temporary name, integrity_check, then rename.
    store.backup_to(&target)?;
    // Opened once through the normal path, so a copy this version cannot use is found now,
    // while the old file is still the one in use.
    drop(Store::open_existing(&target)?);
    Ok(target)
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
        assert_eq!(moved, to.path().join(DB_FILE_NAME));
        let reopened = Store::open_existing(&moved).unwrap();
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
