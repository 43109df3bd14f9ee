//! The SQLite store: opening, pragmas, migrations and the backup taken before a migration.
//!
//! One database file holds one office's data. The file is marked with an application id so a
//! random SQLite file is never mistaken for ours and altered, and with `user_version` = the
//! number of the last migration applied, so a file from a newer version is refused untouched.

use crate::error::{Error, Result};
use crate::text;
use rusqlite::{Connection, OpenFlags, TransactionBehavior};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// "TĐKT" in ASCII: marks the file as ours (`PRAGMA application_id`).
pub const APPLICATION_ID: i32 = 0x5444_4B54;

/// A numbered SQL migration: (name, SQL). Its position in the list is its number.
type Migration = (&'static str, &'static str);

/// Migrations in order; the number of the last one is the schema version.
/// Append only: an applied migration is never edited.
const MIGRATIONS: &[Migration] = &[
    (
        "0001_office_units_blocks",
        include_str!("../migrations/0001_office_units_blocks.sql"),
    ),
    ("0002_domain", include_str!("../migrations/0002_domain.sql")),
    (
        "0003_seed_rules",
        include_str!("../migrations/0003_seed_rules.sql"),
    ),
    (
        "0004_awards_household_index",
        include_str!("../migrations/0004_awards_household_index.sql"),
    ),
    (
        "0005_deadlines",
        include_str!("../migrations/0005_deadlines.sql"),
    ),
    (
        "0006_report_narratives",
        include_str!("../migrations/0006_report_narratives.sql"),
    ),
    (
        "0007_certificate_layouts",
        include_str!("../migrations/0007_certificate_layouts.sql"),
    ),
    (
        "0008_dated_coefficients_app_password",
        include_str!("../migrations/0008_dated_coefficients_app_password.sql"),
    ),
    (
        "0009_awards_import_index",
        include_str!("../migrations/0009_awards_import_index.sql"),
    ),
    (
        "0010_person_merges",
        include_str!("../migrations/0010_person_merges.sql"),
    ),
];

pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// Name of the SQL collation giving Vietnamese order (`ORDER BY name COLLATE vi`).
pub const COLLATE_VI: &str = "vi";
/// Vietnamese order for people's names: given name first (`ORDER BY full_name COLLATE vi_person`).
pub const COLLATE_PERSON: &str = "vi_person";

pub struct Store {
    pub(crate) conn: Connection,
    path: Option<PathBuf>,
    backup: Option<PathBuf>,
}

impl Store {
    /// Opens the database at `path`, creating it (and its folder) if missing, and brings its
    /// schema up to date. An existing file is copied to `backups/` before it is migrated.
    pub fn open(path: &Path) -> Result<Store> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        }
        Self::open_with(path, OpenFlags::default(), MIGRATIONS)
    }

    /// Opens an existing database; never creates one. For commands that read or change data,
    /// so a mistyped path gives a clear message instead of an empty new file.
    pub fn open_existing(path: &Path) -> Result<Store> {
        if !path.is_file() {
            return Err(Error::NoDatabase {
                path: path.to_path_buf(),
            });
        }
        Self::open_with(
            path,
            OpenFlags::default() - OpenFlags::SQLITE_OPEN_CREATE,
            MIGRATIONS,
        )
    }

    /// A private database in memory, for tests and previews.
    pub fn open_in_memory() -> Result<Store> {
        let conn = Connection::open_in_memory()?;
        let mut store = Store {
            conn,
            path: None,
            backup: None,
        };
        store.configure()?;
        store.migrate(0, MIGRATIONS)?;
        Ok(store)
    }

    fn open_with(path: &Path, flags: OpenFlags, migrations: &[Migration]) -> Result<Store> {
        let latest = migrations.len() as i64;
        // A failing disk or a full one (no room for the WAL index) is not a damaged file:
        // it keeps its own message, and the app does not offer a restore for it.
        let corrupt = |e: rusqlite::Error| match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::SystemIoFailure | rusqlite::ErrorCode::DiskFull) => {
                Error::Db(e)
            }
            _ => Error::Corrupt {
                path: path.to_path_buf(),
                detail: e.to_string(),
            },
        };
        let existed = path.metadata().map(|m| m.len() > 0).unwrap_or(false);
        let conn = Connection::open_with_flags(path, flags).map_err(corrupt)?;
        let mut store = Store {
            conn,
            path: Some(path.to_path_buf()),
            backup: None,
        };
        // Reading the header is the first real access: a file that is not SQLite fails here.
        let (app_id, version, tables) = store.header().map_err(|e| match e {
            Error::Db(e) => corrupt(e),
            other => other,
        })?;
        if existed && app_id != APPLICATION_ID && (app_id != 0 || tables > 0) {
            return Err(Error::NotOurDatabase {
                path: path.to_path_buf(),
            });
        }
        if version > latest {
            return Err(Error::DbTooNew {
                path: path.to_path_buf(),
                found: version,
                supported: latest,
            });
        }
        store.configure()?;
        if version < latest {
            if existed && version > 0 {
                store.backup = Some(store.backup_before_migration(path, version)?);
            }
            store.migrate(version, migrations)?;
        }
        Ok(store)
    }

    fn header(&self) -> Result<(i32, i64, i64)> {
        let app_id: i32 = self
            .conn
            .query_row("PRAGMA application_id", [], |r| r.get(0))?;
        let version: i64 = self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?;
        let tables: i64 = self
            .conn
            .query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))?;
        Ok((app_id, version, tables))
    }

    fn configure(&mut self) -> Result<()> {
        self.conn.busy_timeout(Duration::from_secs(5))?;
        // WAL: readers never block the writer and a killed process leaves a consistent file.
        // synchronous=FULL: a committed change survives a power cut, which matters more to
        // the clerk than the milliseconds it costs.
        self.conn.pragma_update(None, "journal_mode", "WAL")?;
        self.conn.pragma_update(None, "synchronous", "FULL")?;
        self.conn.pragma_update(None, "foreign_keys", "ON")?;
        // 64 MiB of page cache (the default is 2 MiB), taken only as the file grows: an
        // import of 200,000 rows inserts into indexes keyed by random ids, and with the
        // default cache every insert re-read and spilled pages (5× slower).
        self.conn.pragma_update(None, "cache_size", -65_536)?;
        // The per-row statements of an import and of the rule checks run side by side (about
        // forty, and the rule lookups each file makes); with rusqlite's 16 they pushed each other
        // out and were parsed again.
        self.conn.set_prepared_statement_cache_capacity(128);
        // Plans that do not look at bound values. Otherwise SQLite marks a statement that
        // joins persons to another table as depending on its parameters, and the cache's
        // clearing of the bindings expires it: every cached person or rating lookup was parsed
        // again on each use (a quarter of an import's time). The file keeps no statistics
        // tables, so no plan is lost.
        self.conn.set_db_config(
            rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG,
            true,
        )?;
        self.conn
            .create_collation(COLLATE_VI, |a: &str, b: &str| text::compare_vi(a, b))?;
        self.conn
            .create_collation(COLLATE_PERSON, |a: &str, b: &str| {
                text::compare_person_names(a, b)
            })?;
        Ok(())
    }

    /// Applies every pending migration in a single transaction: either the file ends at the
    /// new version or it stays exactly as it was.
    fn migrate(&mut self, from: i64, migrations: &[Migration]) -> Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Exclusive)?;
        for (name, sql) in migrations.iter().skip(from as usize) {
            tx.execute_batch(sql).map_err(|e| Error::Corrupt {
                path: self.path.clone().unwrap_or_default(),
                detail: format!("nâng cấp {name} không thành công, dữ liệu giữ nguyên: {e}"),
            })?;
        }
        tx.pragma_update(None, "application_id", APPLICATION_ID)?;
        tx.pragma_update(None, "user_version", migrations.len() as i64)?;
        tx.commit()?;
        Ok(())
    }

    /// Copies the database into `backups/` beside itself (backup.rs: online backup, checked,
    /// then renamed), so the copy is consistent even with a WAL file present.
    fn backup_before_migration(&self, path: &Path, version: i64) -> Result<PathBuf> {
        let target = crate::backup::new_backup_path(
            path,
            crate::backup::BackupKind::TruocNangCap,
            &format!("-v{version}"),
        );
        self.backup_to(&target).map_err(|e| Error::Corrupt {
            path: path.to_path_buf(),
            detail: format!("không sao lưu được trước khi nâng cấp: {e}"),
        })?;
        Ok(target)
    }

    /// SQLite's `quick_check`: finds a damaged file in a fraction of a full check's time, so
    /// the app can run it at every start and offer a backup instead of failing later.
    pub fn quick_check(&self) -> Result<()> {
        let check: String = self
            .conn
            .query_row("PRAGMA quick_check(1)", [], |r| r.get(0))
            .map_err(|e| Error::Corrupt {
                path: self.path.clone().unwrap_or_default(),
                detail: e.to_string(),
            })?;
        if check == "ok" {
            Ok(())
        } else {
            Err(Error::Corrupt {
                path: self.path.clone().unwrap_or_default(),
                detail: check,
            })
        }
    }

    /// Runs `f` so that all of its writes land together or not at all. Store methods use
    /// savepoints, which nest inside this one, so several of them compose into one change.
    pub fn atomically<T>(&mut self, f: impl FnOnce(&mut Store) -> Result<T>) -> Result<T> {
        self.conn.execute_batch("SAVEPOINT atomically")?;
        match f(self) {
            Ok(value) => {
                self.conn.execute_batch("RELEASE atomically")?;
                Ok(value)
            }
            Err(e) => {
                self.conn
                    .execute_batch("ROLLBACK TO atomically; RELEASE atomically")?;
                Err(e)
            }
        }
    }

    /// After a panic of the program (caught by the app's command wrapper): a transaction or
    /// savepoint the interrupted command opened is rolled back, so the next command does not
    /// run inside it and its work is not lost with it at exit. Returns whether there was one.
    pub fn roll_back_unfinished(&mut self) -> bool {
        if self.conn.is_autocommit() {
            return false;
        }
        self.conn.flush_prepared_statement_cache();
        // ROLLBACK ends the whole transaction, savepoints included.
        let _ = self.conn.execute_batch("ROLLBACK");
        true
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The backup written before this open migrated the file, if it did.
    pub fn migration_backup(&self) -> Option<&Path> {
        self.backup.as_deref()
    }

    pub fn schema_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?)
    }

    /// `PRAGMA integrity_check` and the foreign key check; returns the problems found.
    pub fn check_integrity(&self) -> Result<Vec<String>> {
        let mut problems = Vec::new();
        let mut stmt = self.conn.prepare("PRAGMA integrity_check")?;
        for row in stmt.query_map([], |r| r.get::<_, String>(0))? {
            let row = row?;
            if row != "ok" {
                problems.push(row);
            }
        }
        let mut stmt = self.conn.prepare("PRAGMA foreign_key_check")?;
        for row in stmt.query_map([], |r| r.get::<_, String>(0))? {
            problems.push(format!("khóa ngoại hỏng trong bảng {}", row?));
        }
        Ok(problems)
    }
}

/// Current time as stored: UTC, RFC 3339, whole seconds.
pub(crate) fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// A new record id. Version 7 (time-ordered, random tail) rather than 4: ids made one after
/// the other sort one after the other, so a long import appends to the end of each index
/// instead of touching a random page per row.
pub(crate) fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn work_left_half_done_by_a_panic_is_rolled_back() {
        let unit = |code: &str, name: &str| crate::units::UnitInput {
            code: code.into(),
            name: name.into(),
            kind: crate::units::UnitKind::Khac,
            staff_count: None,
            parent_id: None,
            note: String::new(),
        };
        let mut store = Store::open_in_memory().unwrap();
        let count = |s: &Store| -> i64 {
            s.conn
                .query_row("SELECT count(*) FROM units", [], |r| r.get(0))
                .unwrap()
        };
        let panicked = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let _ = store.atomically(|s| -> Result<()> {
                s.create_unit(&unit("U1", "Thôn Một"))?;
                panic!("a bug half-way through a command");
            });
        }));
        assert!(panicked.is_err());
        assert!(!store.conn.is_autocommit(), "the savepoint is still open");
        assert!(store.roll_back_unfinished());
        assert!(store.conn.is_autocommit());
        assert_eq!(count(&store), 0, "the half-done insert is gone");
        assert!(!store.roll_back_unfinished(), "nothing left to roll back");
        // The next command writes for good.
        store
            .atomically(|s| {
                s.create_unit(&unit("U2", "Thôn Hai"))?;
                Ok(())
            })
            .unwrap();
        assert!(store.conn.is_autocommit());
        assert_eq!(count(&store), 1);
    }

    #[test]
    fn new_file_gets_schema_wal_and_our_mark() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub").join("data.db");
        let store = Store::open(&path).unwrap();
        assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
        let mode: String = store
            .conn
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))
            .unwrap();
        assert_eq!(mode, "wal");
        let fk: i64 = store
            .conn
            .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
            .unwrap();
        assert_eq!(fk, 1);
        let (app_id, _, _) = store.header().unwrap();
        assert_eq!(app_id, APPLICATION_ID);
        assert!(
            store.migration_backup().is_none(),
            "a new file needs no backup"
        );
        assert!(store.check_integrity().unwrap().is_empty());
    }

    #[test]
    fn file_from_newer_version_is_refused_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("data.db");
        drop(Store::open(&path).unwrap());
        {
            let conn = Connection::open(&path).unwrap();
            conn.pragma_update(None, "user_version", SCHEMA_VERSION + 5)
                .unwrap();
            conn.pragma_update(None, "journal_mode", "DELETE").unwrap();
        }
        let before = std::fs::read(&path).unwrap();
        let err = Store::open(&path).err().expect("must refuse");
        assert_eq!(err.code(), "db_too_new");
        assert!(err.to_string().contains("phiên bản mới hơn"));
        assert_eq!(std::fs::read(&path).unwrap(), before);
    }

    #[test]
    fn foreign_sqlite_file_and_garbage_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let other = dir.path().join("other.db");
        Connection::open(&other)
            .unwrap()
            .execute_batch("CREATE TABLE t(x); INSERT INTO t VALUES (1);")
            .unwrap();
        let before = std::fs::read(&other).unwrap();
        assert_eq!(
            Store::open(&other).err().unwrap().code(),
            "not_our_database"
        );
        assert_eq!(std::fs::read(&other).unwrap(), before);

        let garbage = dir.path().join("garbage.db");
        std::fs::write(
            &garbage,
            b"PK\x03\x04 this is a zip, not a database at all......",
        )
        .unwrap();
        let err = Store::open(&garbage).err().unwrap();
        assert_eq!(err.code(), "db_corrupt");
    }

    #[test]
    fn missing_file_is_not_created_by_open_existing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("missing.db");
        assert_eq!(
            Store::open_existing(&path).err().unwrap().code(),
            "no_database"
        );
        assert!(!path.exists());
    }

    const NEXT: Migration = ("9999_test_extra", "CREATE TABLE extra (x TEXT);");
    const BROKEN: Migration = (
        "9999_test_broken",
        "CREATE TABLE half_done (x TEXT); INSERT INTO no_such_table VALUES (1);",
    );

    fn with(extra: Migration) -> Vec<Migration> {
        let mut all = MIGRATIONS.to_vec();
        all.push(extra);
        all
    }

    fn seed_profile(path: &Path) {
        let store = Store::open(path).unwrap();
        store
            .conn
            .execute(
                "INSERT INTO office_profile (id, name, level, created_at, updated_at)
                 VALUES (1, 'UBND xã Cũ', 'xa', 'x', 'x')",
                [],
            )
            .unwrap();
    }

    #[test]
    fn older_file_is_backed_up_then_migrated() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("data.db");
        seed_profile(&path);

        let store = Store::open_with(&path, OpenFlags::default(), &with(NEXT)).unwrap();
        assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION + 1);
        store
            .conn
            .execute("INSERT INTO extra VALUES ('mới')", [])
            .unwrap();

        let backup = store
            .migration_backup()
            .expect("backup taken")
            .to_path_buf();
        assert!(backup.starts_with(dir.path().join("backups")));
        let old = Connection::open(&backup).unwrap();
        let (name, version): (String, i64) = old
            .query_row(
                "SELECT name, (SELECT user_version FROM pragma_user_version) FROM office_profile",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        assert_eq!((name.as_str(), version), ("UBND xã Cũ", SCHEMA_VERSION));
        let has_extra: i64 = old
            .query_row(
                "SELECT count(*) FROM sqlite_schema WHERE name = 'extra'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(has_extra, 0, "the backup is the file as it was before");
    }

    #[test]
    fn failed_migration_leaves_the_file_as_it_was() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("data.db");
        seed_profile(&path);

        let err = Store::open_with(&path, OpenFlags::default(), &with(BROKEN))
            .err()
            .expect("the broken migration fails");
        assert!(err.to_string().contains("dữ liệu giữ nguyên"), "{err}");

        let store = Store::open(&path).unwrap();
        assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
        let half: i64 = store
            .conn
            .query_row(
                "SELECT count(*) FROM sqlite_schema WHERE name = 'half_done'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(half, 0, "no part of the failed migration remains");
        let name: String = store
            .conn
            .query_row("SELECT name FROM office_profile", [], |r| r.get(0))
            .unwrap();
        assert_eq!(name, "UBND xã Cũ");
    }
}
