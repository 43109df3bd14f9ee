//! Where the data lives by default. The app and the CLI must agree, so both ask here.

use std::path::{Path, PathBuf};

/// The app's identifier; Tauri puts its data folder under this name too
/// (`%APPDATA%\vn.sothidua.desktop` on Windows, `~/.local/share/vn.sothidua.desktop` on Linux).
/// Must equal `identifier` in tauri.conf.json (checked by a test).
pub const APP_IDENTIFIER: &str = "vn.sothidua.desktop";

/// Overrides the data folder, for tests and for a clerk who keeps data on another drive.
pub const DATA_DIR_ENV: &str = "THIDUA_DATA_DIR";

pub const DB_FILE_NAME: &str = "thidua.db";

/// The file, in the user's config folder, that remembers the data folder the clerk moved the
/// data to (Settings → Thư mục dữ liệu). One line: the folder.
pub fn config_file() -> Option<PathBuf> {
    dirs::config_dir().map(|d| d.join(APP_IDENTIFIER).join("thu-muc-du-lieu.txt"))
}

/// The folder remembered in `file`, if it names one.
pub fn read_remembered_dir(file: &Path) -> Option<PathBuf> {
    let text = std::fs::read_to_string(file).ok()?;
    let line = text.lines().next()?.trim();
    (!line.is_empty()).then(|| PathBuf::from(line))
}

/// Remembers `dir` in `file`: written beside it, then renamed, so a crash leaves the old
/// choice or the new one, never half a path.
pub fn remember_dir(file: &Path, dir: &Path) -> crate::Result<()> {
    if let Some(parent) = file.parent() {
        std::fs::create_dir_all(parent).map_err(|e| crate::Error::io(parent, e))?;
    }
    let partial = file.with_extension("txt.dang-ghi");
    std::fs::write(&partial, format!("{}\n", dir.display()))
        .and_then(|()| std::fs::rename(&partial, file))
        .map_err(|e| crate::Error::io(file, e))
}

/// Why the data folder is the one it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DataDirSource {
    /// `THIDUA_DATA_DIR` (tests, scripted installs).
    Env,
    /// The folder the clerk moved the data to, remembered in [`config_file`].
    Remembered,
    /// The per-user data folder.
    Default,
}

/// The per-user data folder (`%APPDATA%\vn.sothidua.desktop`, `~/.local/share/…`), whatever
/// `THIDUA_DATA_DIR` or the remembered choice say.
pub fn user_data_dir() -> PathBuf {
    dirs::data_dir()
        .unwrap_or_else(|| PathBuf::from("."))
        .join(APP_IDENTIFIER)
}

/// The folder named by `THIDUA_DATA_DIR`, else the folder the clerk moved the data to, else
/// the per-user data folder; and which of the three it is.
pub fn data_dir() -> (PathBuf, DataDirSource) {
    if let Some(dir) = std::env::var_os(DATA_DIR_ENV).filter(|d| !d.is_empty()) {
        return (PathBuf::from(dir), DataDirSource::Env);
    }
    if let Some(dir) = config_file().and_then(|f| read_remembered_dir(&f)) {
        return (dir, DataDirSource::Remembered);
    }
    (user_data_dir(), DataDirSource::Default)
}

/// Fails with `data_dir_missing` unless the remembered folder `dir` holds the data file.
/// The clerk moved the data there, so the file existed; its absence means the drive is
/// unplugged, the network share is offline or the file went elsewhere, and creating an empty
/// file there would start a new, empty office the clerk could type into by mistake.
pub fn check_remembered_dir(dir: &Path) -> crate::Result<()> {
    if dir.join(DB_FILE_NAME).is_file() {
        return Ok(());
    }
    Err(crate::Error::DataDirMissing {
        dir: dir.to_path_buf(),
        folder_exists: dir.is_dir(),
    })
}

/// The data file the app and the CLI open when none is named: in [`data_dir`], refused when
/// it is the remembered folder and that folder has no data file now ([`check_remembered_dir`]).
/// A first start in the per-user folder, or a `THIDUA_DATA_DIR` not made yet, still creates it.
pub fn startup_db_path() -> crate::Result<PathBuf> {
    let (dir, source) = data_dir();
    if source == DataDirSource::Remembered {
        check_remembered_dir(&dir)?;
    }
    Ok(dir.join(DB_FILE_NAME))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_remembered_folder_without_the_data_file_is_refused_and_nothing_is_created() {
        let tmp = tempfile::tempdir().unwrap();
        let gone = tmp.path().join("USB").join("Sổ thi đua");
        let err = check_remembered_dir(&gone).unwrap_err();
        assert_eq!(err.code(), "data_dir_missing");
        assert!(err.is_user_error());
        let msg = err.to_string();
        assert!(msg.contains("Không tìm thấy thư mục dữ liệu"), "{msg}");
        assert!(msg.contains("Sổ thi đua"), "names the folder: {msg}");
        assert!(!gone.exists(), "nothing created");

        // The folder is there (another drive mounted at the same place) but not the file.
        std::fs::create_dir_all(&gone).unwrap();
        let msg = check_remembered_dir(&gone).unwrap_err().to_string();
        assert!(msg.contains("không có tệp dữ liệu"), "{msg}");
        assert_eq!(
            std::fs::read_dir(&gone).unwrap().count(),
            0,
            "nothing created"
        );

        std::fs::write(gone.join(DB_FILE_NAME), b"").unwrap();
        check_remembered_dir(&gone).unwrap();
    }

    #[test]
    fn identifier_matches_tauri_config() {
        let conf = std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../tauri.conf.json"),
        )
        .expect("tauri.conf.json at the repository root");
        let conf: serde_json::Value = serde_json::from_str(&conf).unwrap();
        assert_eq!(conf["identifier"], APP_IDENTIFIER);
    }
}
