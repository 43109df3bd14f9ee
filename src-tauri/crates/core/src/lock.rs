//! One program at a time may own a data file: the app holds an exclusive lock on
//! `<data file>.lock` for as long as it runs, so a second window (or a second start from the
//! menu) is told the data is already open instead of writing beside the first one, and a
//! restore from the command line cannot swap the file out from under the running app.
//! The operating system drops the lock when the process ends, even when it is killed, so a
//! crash never leaves the clerk locked out.

use crate::error::{Error, Result};
use std::fs::{File, TryLockError};
use std::path::{Path, PathBuf};

#[derive(Debug)]
pub struct InstanceLock {
    // Held, never read: closing the file releases the lock.
    _file: File,
}

/// `thidua.db` → `thidua.db.lock`.
pub fn lock_path(db: &Path) -> PathBuf {
    let mut name = db.as_os_str().to_os_string();
    name.push(".lock");
    PathBuf::from(name)
}

impl InstanceLock {
    /// Takes the lock of the data file `db`, or fails at once with `already_open`.
    pub fn acquire(db: &Path) -> Result<InstanceLock> {
        let path = lock_path(db);
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        }
        let file = File::options()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(|e| Error::io(&path, e))?;
        match file.try_lock() {
            Ok(()) => Ok(InstanceLock { _file: file }),
            Err(TryLockError::WouldBlock) => Err(Error::AlreadyOpen {
                path: db.to_path_buf(),
            }),
            Err(TryLockError::Error(e)) => Err(Error::io(&path, e)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn second_holder_is_refused_until_the_first_lets_go() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("thidua.db");
        let first = InstanceLock::acquire(&db).unwrap();
        let err = InstanceLock::acquire(&db).unwrap_err();
        assert_eq!(err.code(), "already_open");
        assert!(err.to_string().contains("đang được mở"), "{err}");
        drop(first);
        InstanceLock::acquire(&db).expect("free again once the first is gone");
    }
}
