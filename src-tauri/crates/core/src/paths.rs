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

/// The folder named by `THIDUA_DATA_DIR`, else the folder the clerk moved the data to, else
/// the per-user data folder.
pub fn default_data_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os(DATA_DIR_ENV).filter(|d| !d.is_empty()) {
        return PathBuf::from(dir);
    }
    if let Some(dir) = config_file().and_then(|f| read_remembered_dir(&f)) {
        return dir;
    }
    dirs::data_dir()
        .unwrap_or_else(|| PathBuf::from("."))
        .join(APP_IDENTIFIER)
}

pub fn default_db_path() -> PathBuf {
    default_data_dir().join(DB_FILE_NAME)
}

#[cfg(test)]
mod tests {
    use super::*;

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
