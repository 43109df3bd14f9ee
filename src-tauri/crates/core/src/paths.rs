//! Where the data lives by default. The app and the CLI must agree, so both ask here.

use std::path::PathBuf;

/// The app's identifier; Tauri puts its data folder under this name too
/// (`%APPDATA%\vn.sothidua.desktop` on Windows, `~/.local/share/vn.sothidua.desktop` on Linux).
/// Must equal `identifier` in tauri.conf.json (checked by a test).
pub const APP_IDENTIFIER: &str = "vn.sothidua.desktop";

/// Overrides the data folder, for tests and for a clerk who keeps data on another drive.
pub const DATA_DIR_ENV: &str = "THIDUA_DATA_DIR";

pub const DB_FILE_NAME: &str = "thidua.db";

/// The per-user data folder, or the folder named by `THIDUA_DATA_DIR`.
pub fn default_data_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os(DATA_DIR_ENV).filter(|d| !d.is_empty()) {
        return PathBuf::from(dir);
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
