//! Backups of the data file, and restoring one.
//!
//! Every copy lives in `backups/` beside the data file, is made with SQLite's online backup
//! (consistent even while the app writes), is turned into a single self-contained file
//! (no WAL beside it), passes `integrity_check` and is only then renamed into place, so a
//! half-written copy never carries a `.db` name. Restoring replaces the data file by a
//! rename, after copying the current file aside, so a crash at any moment leaves either the
//! old file or the restored one, never a mixture.

use crate::error::{Error, Result};
use crate::store::{Store, APPLICATION_ID, SCHEMA_VERSION};
use rusqlite::{Connection, OpenFlags};
use serde::Serialize;
use std::path::{Path, PathBuf};
use ts_rs::TS;

/// Folder of the backups, beside the data file.
pub const BACKUP_DIR: &str = "backups";
/// How many automatic (daily) backups are kept; older ones are deleted. Backups the clerk
/// made by hand and the copies taken before an upgrade or a restore are never deleted.
pub const KEEP_AUTOMATIC: usize = 10;

/// Why a backup was made; part of its file name so the folder reads well to a person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum BackupKind {
    /// Taken by the app once a day when it starts.
    TuDong,
    /// Asked for by the clerk (`thidua backup`).
    ThuCong,
    /// Taken before a schema upgrade (store.rs).
    TruocNangCap,
    /// The data file as it was just before a restore replaced it.
    TruocKhoiPhuc,
}

impl BackupKind {
    fn slug(self) -> &'static str {
        match self {
            BackupKind::TuDong => "tu-dong",
            BackupKind::ThuCong => "thu-cong",
            BackupKind::TruocNangCap => "truoc-nang-cap",
            BackupKind::TruocKhoiPhuc => "truoc-khoi-phuc",
        }
    }

    fn of_file_name(name: &str) -> BackupKind {
        [
            BackupKind::TuDong,
            BackupKind::TruocNangCap,
            BackupKind::TruocKhoiPhuc,
        ]
        .into_iter()
        .find(|k| name.contains(k.slug()))
        .unwrap_or(BackupKind::ThuCong)
    }
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct BackupInfo {
    pub path: String,
    pub file_name: String,
    pub kind: BackupKind,
    #[ts(type = "number")]
    pub size_bytes: u64,
    /// When the copy was written (local time, RFC 3339).
    pub created_at: String,
}

/// `backups/` beside the data file.
pub fn backup_dir(db: &Path) -> PathBuf {
    db.parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or_else(|| Path::new("."))
        .join(BACKUP_DIR)
}

fn stem(db: &Path) -> String {
    db.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "thidua".into())
}

/// A new, unused name in `backups/` for a copy of `db` of this kind.
pub(crate) fn new_backup_path(db: &Path, kind: BackupKind, tag: &str) -> PathBuf {
    let dir = backup_dir(db);
    let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S-%3f");
    let base = format!("{}{tag}-{}-{stamp}", stem(db), kind.slug());
    let mut path = dir.join(format!("{base}.db"));
    let mut n = 2;
    while path.exists() {
        path = dir.join(format!("{base}-{n}.db"));
        n += 1;
    }
    path
}

/// The name a copy has while it is being written; never listed, removed at the next backup.
fn partial_path(target: &Path) -> PathBuf {
    let mut name = target.file_name().unwrap_or_default().to_os_string();
    name.push(".dang-ghi");
    target.with_file_name(name)
}

fn fsync_dir(dir: &Path) {
    // Makes the rename itself durable; not possible (nor needed) on every platform.
    #[cfg(unix)]
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

/// Checks that `path` is a sound data file of ours that this version can open: our mark,
/// a schema not newer than ours, and a clean `integrity_check`. Never writes to it.
pub fn verify(path: &Path) -> Result<()> {
    let corrupt = |detail: String| Error::Corrupt {
        path: path.to_path_buf(),
        detail,
    };
    if !path.is_file() {
        return Err(Error::NoDatabase {
            path: path.to_path_buf(),
        });
    }
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| corrupt(e.to_string()))?;
    let header = |sql: &str| -> Result<i64> {
        conn.query_row(sql, [], |r| r.get(0))
            .map_err(|e| corrupt(e.to_string()))
    };
    let app_id = header("PRAGMA application_id")?;
    if app_id != i64::from(APPLICATION_ID) {
        return Err(Error::NotOurDatabase {
            path: path.to_path_buf(),
        });
    }
    let version = header("PRAGMA user_version")?;
    if version > SCHEMA_VERSION {
        return Err(Error::DbTooNew {
            path: path.to_path_buf(),
            found: version,
            supported: SCHEMA_VERSION,
        });
    }
    let check: String = conn
        .query_row("PRAGMA integrity_check(1)", [], |r| r.get(0))
        .map_err(|e| corrupt(e.to_string()))?;
    if check != "ok" {
        return Err(corrupt(check));
    }
    Ok(())
}

impl Store {
    /// Writes a consistent copy of the open database to `target` (which must not exist):
    /// online backup into a temporary name, made self-contained and checked, then renamed.
    pub fn backup_to(&self, target: &Path) -> Result<BackupInfo> {
        if target.exists() {
            return Err(Error::invalid(
                "out",
                format!(
                    "Tệp {} đã có. Hãy chọn tên khác để không ghi đè.",
                    target.display()
                ),
            ));
        }
        if let Some(dir) = target.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        }
        let partial = partial_path(target);
        let written = (|| -> Result<()> {
            let _ = std::fs::remove_file(&partial);
            self.conn.backup(
                rusqlite::MAIN_DB,
                &partial,
                None::<fn(rusqlite::backup::Progress)>,
            )?;
            // One file, no WAL beside it: the copy can be moved, mailed or opened read-only.
            let copy = Connection::open(&partial)?;
            let _: String = copy.query_row("PRAGMA journal_mode=DELETE", [], |r| r.get(0))?;
            drop(copy);
            verify(&partial)?;
            std::fs::File::open(&partial)
                .and_then(|f| f.sync_all())
                .map_err(|e| Error::io(&partial, e))?;
            std::fs::rename(&partial, target).map_err(|e| Error::io(target, e))?;
            if let Some(dir) = target.parent() {
                fsync_dir(dir);
            }
            Ok(())
        })();
        if let Err(e) = written {
            let _ = std::fs::remove_file(&partial);
            return Err(e);
        }
        info_of(target)
    }

    /// A backup of this kind into `backups/` beside the data file.
    pub fn backup_now(&self, kind: BackupKind) -> Result<BackupInfo> {
        let db = self
            .path()
            .ok_or_else(|| Error::invalid("db", "Dữ liệu trong bộ nhớ không có tệp để sao lưu."))?;
        let dir = backup_dir(db);
        remove_partials(&dir);
        self.backup_to(&new_backup_path(db, kind, ""))
    }

    /// The automatic backup: at most one a day (the first start of the day takes it), and
    /// only the newest `keep` automatic ones are kept. Returns the new copy, if one was made.
    pub fn daily_backup(&self, keep: usize) -> Result<Option<BackupInfo>> {
        let Some(db) = self.path() else {
            return Ok(None);
        };
        let today = chrono::Local::now().format("%Y-%m-%d").to_string();
        let automatic: Vec<BackupInfo> = list(db)?
            .into_iter()
            .filter(|b| b.kind == BackupKind::TuDong)
            .collect();
        if automatic.iter().any(|b| b.created_at.starts_with(&today)) {
            return Ok(None);
        }
        let made = self.backup_now(BackupKind::TuDong)?;
        // `list` is newest first, so the new copy plus the first keep-1 old ones stay.
        for old in automatic.iter().skip(keep.saturating_sub(1)) {
            let _ = std::fs::remove_file(&old.path);
        }
        Ok(Some(made))
    }
}

fn remove_partials(dir: &Path) {
    if let Ok(entries) = std::fs::read_dir(dir) {
        for entry in entries.flatten() {
            if entry.file_name().to_string_lossy().ends_with(".dang-ghi") {
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }
}

fn info_of(path: &Path) -> Result<BackupInfo> {
    let meta = path.metadata().map_err(|e| Error::io(path, e))?;
    let created: chrono::DateTime<chrono::Local> = meta
        .modified()
        .map(Into::into)
        .unwrap_or_else(|_| chrono::Local::now());
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    Ok(BackupInfo {
        path: path.display().to_string(),
        kind: BackupKind::of_file_name(&file_name),
        file_name,
        size_bytes: meta.len(),
        created_at: created.to_rfc3339_opts(chrono::SecondsFormat::Secs, false),
    })
}

/// The backups of the data file `db`, newest first. Not verified (that reads each file);
/// see [`latest_good`].
pub fn list(db: &Path) -> Result<Vec<BackupInfo>> {
    let dir = backup_dir(db);
    let entries = match std::fs::read_dir(&dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(Error::io(&dir, e)),
    };
    let mut found = Vec::new();
    for entry in entries.flatten() {
        let path = entry.path();
        if path.extension().is_some_and(|x| x == "db") && path.is_file() {
            found.push(info_of(&path)?);
        }
    }
    // RFC 3339 with the same offset sorts by time; the name breaks ties within a second.
    found.sort_by(|a, b| {
        (b.created_at.as_str(), b.file_name.as_str())
            .cmp(&(a.created_at.as_str(), a.file_name.as_str()))
    });
    Ok(found)
}

/// A backup as the Settings screen lists it: whether it passes [`verify`] and, if not, why.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct CheckedBackup {
    pub backup: BackupInfo,
    pub verified: bool,
    pub problem: Option<String>,
}

/// [`list`] with each copy checked (read-only `integrity_check`), newest first.
pub fn list_checked(db: &Path) -> Result<Vec<CheckedBackup>> {
    Ok(list(db)?
        .into_iter()
        .map(|b| {
            let problem = verify(Path::new(&b.path)).err().map(|e| e.to_string());
            CheckedBackup {
                verified: problem.is_none(),
                problem,
                backup: b,
            }
        })
        .collect())
}

/// The backup named `path`, if it is one of the backups of `db` (the UI may only restore
/// from the list it was shown, never from a path it made up).
pub fn find(db: &Path, path: &str) -> Result<BackupInfo> {
    list(db)?
        .into_iter()
        .find(|b| b.path == path)
        .ok_or_else(|| Error::not_found(format!("bản sao lưu {path}")))
}

/// The newest backup that passes [`verify`], if any.
pub fn latest_good(db: &Path) -> Result<Option<BackupInfo>> {
    Ok(list(db)?
        .into_iter()
        .find(|b| verify(Path::new(&b.path)).is_ok()))
}

/// What a restore did.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct RestoreReport {
    pub restored_from: String,
    /// Where the file that was replaced went (absent when there was none).
    pub previous_saved_to: Option<String>,
}

/// Replaces the data file `db` by the backup `from`, after checking `from` is a sound file of
/// ours and copying the current file aside (`truoc-khoi-phuc`). Nothing may have `db` open:
/// the caller holds the instance lock (lock.rs). The new file is opened (and upgraded if the
/// backup is older) before this returns, so a backup that cannot be used is refused early.
pub fn restore(db: &Path, from: &Path) -> Result<RestoreReport> {
    verify(from)?;
    let from_canon = from.canonicalize().map_err(|e| Error::io(from, e))?;
    if db.canonicalize().is_ok_and(|d| d == from_canon) {
        return Err(Error::invalid(
            "file",
            "Tệp sao lưu chính là tệp dữ liệu đang dùng.",
        ));
    }
    let dir = backup_dir(db);
    std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
    let wal = sidecar(db, "-wal");
    let shm = sidecar(db, "-shm");

    // 1. The current file aside. A sound one through SQLite (which folds in its WAL and then
    //    empties it); a damaged one — header or pages — byte for byte, WAL included, for a
    //    technician.
    let mut previous = None;
    if db.exists() {
        let through_sqlite = Store::open_existing(db).and_then(|store| {
            store.quick_check()?;
            let saved = store.backup_now(BackupKind::TruocKhoiPhuc)?;
            store
                .conn
                .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
            Ok(saved.path)
        });
        previous = Some(match through_sqlite {
            Ok(saved) => saved,
            Err(_) => {
                let target = new_backup_path(db, BackupKind::TruocKhoiPhuc, "-hong");
                copy_durably(db, &target)?;
                if wal.exists() {
                    copy_durably(&wal, &sidecar(&target, "-wal"))?;
                }
                target.display().to_string()
            }
        });
    }

    // 2. The backup copied next to the data file under a temporary name, then renamed over
    //    it: the rename is the single moment the data file changes.
    let incoming = partial_path(db);
    copy_durably(from, &incoming)?;
    for stale in [&wal, &shm] {
        match std::fs::remove_file(stale) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(Error::io(stale, e)),
        }
    }
    std::fs::rename(&incoming, db).map_err(|e| Error::io(db, e))?;
    if let Some(parent) = db.parent() {
        fsync_dir(parent);
    }
    drop(Store::open_existing(db)?);
    Ok(RestoreReport {
        restored_from: from.display().to_string(),
        previous_saved_to: previous,
    })
}

/// Copies the backups of `from_db` into the backups folder of `to_db`, for a move of the data
/// (datadir.rs): restoring — in Settings or on the damaged-file screen — looks only beside
/// the data file in use, so backups left behind could not be restored from any more. The
/// originals stay where they are (with the old data file) until the clerk removes them: if
/// the new drive proves unreliable, nothing has been lost. Every file is copied (damaged
/// ones kept for a technician too, with their WAL): under a temporary name, synced,
/// compared byte for byte with its original, then renamed. A file already there with the same
/// bytes is left as it is; one with other bytes is kept and the copy gets a new name.
/// Returns the files written, so a move that fails afterwards can take them back.
pub fn copy_backups(from_db: &Path, to_db: &Path) -> Result<Vec<PathBuf>> {
    let from = backup_dir(from_db);
    let to = backup_dir(to_db);
    let mut names: Vec<String> = match std::fs::read_dir(&from) {
        Ok(entries) => entries
            .flatten()
            .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| !n.ends_with(".dang-ghi"))
            .collect(),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(Error::io(&from, e)),
    };
    names.sort();
    let mut written = Vec::new();
    let copied = (|| -> Result<()> {
        for name in &names {
            // A WAL travels with its data file, under the same (possibly new) name.
            let is_sidecar = ["-wal", "-shm"].iter().any(|s| {
                name.strip_suffix(s)
                    .is_some_and(|base| names.iter().any(|n| n == base))
            });
            if is_sidecar {
                continue;
            }
            let group: Vec<String> = std::iter::once(name.clone())
                .chain(
                    ["-wal", "-shm"]
                        .iter()
                        .map(|s| format!("{name}{s}"))
                        .filter(|n| names.contains(n)),
                )
                .collect();
            let Some(target_name) = free_name(&from, &to, name, &group)? else {
                continue; // already there, identical
            };
            std::fs::create_dir_all(&to).map_err(|e| Error::io(&to, e))?;
            for member in &group {
                let target = to.join(member.replacen(name.as_str(), &target_name, 1));
                copy_checked(&from.join(member), &target)?;
                written.push(target);
            }
        }
        Ok(())
    })();
    match copied {
        Ok(()) => {
            fsync_dir(&to);
            Ok(written)
        }
        Err(e) => {
            for path in &written {
                let _ = std::fs::remove_file(path);
            }
            Err(e)
        }
    }
}

/// The name `name` takes in `to`: itself when free, None when the whole group is already
/// there with the same bytes, else `name` with `-2`, `-3`… before its extension.
fn free_name(from: &Path, to: &Path, name: &str, group: &[String]) -> Result<Option<String>> {
    let (stem, ext) = match name.rfind('.') {
        Some(i) if i > 0 => name.split_at(i),
        _ => (name, ""),
    };
    let mut n = 1;
    loop {
        let candidate = if n == 1 {
            name.to_string()
        } else {
            format!("{stem}-{n}{ext}")
        };
        let targets: Vec<PathBuf> = group
            .iter()
            .map(|m| to.join(m.replacen(name, &candidate, 1)))
            .collect();
        if targets.iter().all(|t| !t.exists()) {
            return Ok(Some(candidate));
        }
        if n == 1 {
            let mut same = true;
            for (m, t) in group.iter().zip(&targets) {
                same &= t.is_file() && same_bytes(&from.join(m), t)?;
            }
            if same {
                return Ok(None);
            }
        }
        n += 1;
    }
}

/// Copies `from` to `to` (which must not exist) under a temporary name, with the original's
/// modification time (a backup's time is read from it: the list, the daily rotation and the
/// damaged-file screen's "newest good backup" depend on it), syncs it, checks it holds the
/// same bytes, then renames it.
fn copy_checked(from: &Path, to: &Path) -> Result<()> {
    let partial = partial_path(to);
    let done = copy_durably(from, &partial).and_then(|()| {
        let modified = from
            .metadata()
            .and_then(|m| m.modified())
            .map_err(|e| Error::io(from, e))?;
        std::fs::File::options()
            .write(true)
            .open(&partial)
            .and_then(|f| f.set_modified(modified).and_then(|()| f.sync_all()))
            .map_err(|e| Error::io(&partial, e))?;
        if same_bytes(from, &partial)? {
            std::fs::rename(&partial, to).map_err(|e| Error::io(to, e))
        } else {
            Err(Error::Corrupt {
                path: partial.clone(),
                detail: format!("bản chép khác bản gốc {}", from.display()),
            })
        }
    });
    if done.is_err() {
        let _ = std::fs::remove_file(&partial);
    }
    done
}

fn same_bytes(a: &Path, b: &Path) -> Result<bool> {
    use std::io::Read;
    let open = |p: &Path| std::fs::File::open(p).map_err(|e| Error::io(p, e));
    let (mut fa, mut fb) = (open(a)?, open(b)?);
    let (ma, mb) = (
        fa.metadata().map_err(|e| Error::io(a, e))?,
        fb.metadata().map_err(|e| Error::io(b, e))?,
    );
    if ma.len() != mb.len() {
        return Ok(false);
    }
    let (mut ba, mut bb) = (vec![0u8; 1 << 16], vec![0u8; 1 << 16]);
    loop {
        let n = fa.read(&mut ba).map_err(|e| Error::io(a, e))?;
        if n == 0 {
            return Ok(true);
        }
        fb.read_exact(&mut bb[..n]).map_err(|e| Error::io(b, e))?;
        if ba[..n] != bb[..n] {
            return Ok(false);
        }
    }
}

fn sidecar(db: &Path, suffix: &str) -> PathBuf {
    let mut name = db.as_os_str().to_os_string();
    name.push(suffix);
    PathBuf::from(name)
}

fn copy_durably(from: &Path, to: &Path) -> Result<()> {
    std::fs::copy(from, to).map_err(|e| {
        let _ = std::fs::remove_file(to);
        Error::io(to, e)
    })?;
    std::fs::File::open(to)
        .and_then(|f| f.sync_all())
        .map_err(|e| Error::io(to, e))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profile::{OfficeLevel, OfficeProfile};

    fn office(path: &Path, name: &str) -> Store {
        let mut store = Store::open(path).unwrap();
        store
            .init_profile(&OfficeProfile {
                name: name.into(),
                level: OfficeLevel::Xa,
                parent_authority: String::new(),
                place_name: String::new(),
                signer_name: String::new(),
                signer_title: String::new(),
            })
            .unwrap();
        store
    }

    fn office_name(path: &Path) -> String {
        Store::open_existing(path)
            .unwrap()
            .profile()
            .unwrap()
            .unwrap()
            .name
    }

    #[test]
    fn backup_is_one_sound_file_and_restore_brings_it_back() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("thidua.db");
        let store = office(&db, "UBND xã Trước");
        let made = store.backup_now(BackupKind::ThuCong).unwrap();
        assert_eq!(made.kind, BackupKind::ThuCong);
        assert!(made.path.ends_with(".db"));
        assert!(!Path::new(&format!("{}-wal", made.path)).exists());
        verify(Path::new(&made.path)).unwrap();
        drop(store);

        let mut store = Store::open_existing(&db).unwrap();
        let mut p = store.profile().unwrap().unwrap();
        p.name = "UBND xã Sau".into();
        store.update_profile(&p).unwrap();
        drop(store);

        let report = restore(&db, Path::new(&made.path)).unwrap();
        assert_eq!(office_name(&db), "UBND xã Trước");
        let previous = report.previous_saved_to.expect("the replaced file is kept");
        assert_eq!(office_name(Path::new(&previous)), "UBND xã Sau");
        let kinds: Vec<BackupKind> = list(&db).unwrap().iter().map(|b| b.kind).collect();
        assert!(kinds.contains(&BackupKind::TruocKhoiPhuc), "{kinds:?}");
    }

    #[test]
    fn corrupt_data_file_is_kept_aside_and_the_latest_good_backup_restored() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("thidua.db");
        let store = office(&db, "UBND xã Có Sao Lưu");
        store.backup_now(BackupKind::TuDong).unwrap();
        drop(store);
        // a damaged copy in the folder, newer than the good one, must be skipped
        std::thread::sleep(std::time::Duration::from_millis(1100));
        std::fs::write(
            backup_dir(&db).join("thidua-thu-cong-hong.db"),
            b"not a database at all, just bytes",
        )
        .unwrap();

        let mut bytes = std::fs::read(&db).unwrap();
        bytes[..100].fill(0x42);
        std::fs::write(&db, &bytes).unwrap();
        assert_eq!(Store::open(&db).err().unwrap().code(), "db_corrupt");

        let checked = list_checked(&db).unwrap();
        assert_eq!(checked.len(), 2);
        assert!(
            !checked[0].verified && checked[0].problem.is_some(),
            "damaged one first"
        );
        assert!(checked[1].verified);
        assert_eq!(
            find(&db, &checked[1].backup.path).unwrap().kind,
            BackupKind::TuDong
        );
        assert_eq!(find(&db, "/etc/passwd").unwrap_err().code(), "not_found");

        let good = latest_good(&db).unwrap().expect("a good backup exists");
        assert_eq!(good.kind, BackupKind::TuDong);
        let report = restore(&db, Path::new(&good.path)).unwrap();
        assert_eq!(office_name(&db), "UBND xã Có Sao Lưu");
        let aside = report.previous_saved_to.unwrap();
        assert!(aside.contains("-hong-truoc-khoi-phuc-"), "{aside}");
        assert_eq!(std::fs::read(&aside).unwrap(), bytes, "kept byte for byte");
    }

    #[test]
    fn foreign_garbage_or_newer_backups_are_refused_and_nothing_changes() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("thidua.db");
        drop(office(&db, "UBND xã Giữ Nguyên"));
        let before = std::fs::read(&db).unwrap();

        let garbage = dir.path().join("rac.db");
        std::fs::write(&garbage, b"<html>not sqlite</html>").unwrap();
        assert_eq!(restore(&db, &garbage).unwrap_err().code(), "db_corrupt");

        let foreign = dir.path().join("khac.db");
        Connection::open(&foreign)
            .unwrap()
            .execute_batch("CREATE TABLE t(x)")
            .unwrap();
        assert_eq!(
            restore(&db, &foreign).unwrap_err().code(),
            "not_our_database"
        );

        let newer = dir.path().join("moi.db");
        drop(office(&newer, "Mới"));
        Connection::open(&newer)
            .unwrap()
            .pragma_update(None, "user_version", SCHEMA_VERSION + 1)
            .unwrap();
        assert_eq!(restore(&db, &newer).unwrap_err().code(), "db_too_new");

        assert_eq!(std::fs::read(&db).unwrap(), before);
        assert!(list(&db).unwrap().is_empty(), "no copy-aside for a refusal");
    }

    #[test]
    fn daily_backup_once_a_day_and_rotated() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("thidua.db");
        let store = office(&db, "UBND xã Xoay Vòng");
        assert!(store.daily_backup(3).unwrap().is_some());
        assert!(store.daily_backup(3).unwrap().is_none(), "one a day");
        // older automatic copies, as if from earlier days, and one made by hand
        let bdir = backup_dir(&db);
        for day in 1..=4 {
            let p = bdir.join(format!("thidua-tu-dong-2020010{day}.db"));
            std::fs::copy(list(&db).unwrap()[0].path.clone(), &p).unwrap();
            let t = std::time::SystemTime::UNIX_EPOCH
                + std::time::Duration::from_secs(1_577_836_800 + day * 86_400);
            std::fs::File::options()
                .write(true)
                .open(&p)
                .unwrap()
                .set_modified(t)
                .unwrap();
        }
        store.backup_now(BackupKind::ThuCong).unwrap();
        // today's copy deleted so the next start takes one again and rotates
        let today = list(&db)
            .unwrap()
            .into_iter()
            .find(|b| b.kind == BackupKind::TuDong)
            .unwrap();
        std::fs::remove_file(&today.path).unwrap();
        assert!(store.daily_backup(3).unwrap().is_some());
        let all = list(&db).unwrap();
        let auto: Vec<&str> = all
            .iter()
            .filter(|b| b.kind == BackupKind::TuDong)
            .map(|b| b.file_name.as_str())
            .collect();
        assert_eq!(auto.len(), 3, "{auto:?}");
        assert!(auto.iter().any(|n| n.contains("20200104")));
        assert!(auto.iter().any(|n| n.contains("20200103")));
        assert!(all.iter().any(|b| b.kind == BackupKind::ThuCong));
    }
}
