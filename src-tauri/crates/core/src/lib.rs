//! Sổ Thi đua – Khen thưởng: the core library.
//!
//! Domain, store and rules, with no dependency on Tauri or any UI: the desktop shell and the
//! `thidua` CLI are thin adapters over this crate, so everything here is tested headless on
//! real SQLite.

pub mod assessments;
pub mod backup;
pub mod blocks;
pub mod candidates;
pub mod certificates;
pub mod checks;
pub mod datadir;
pub mod deadlines;
pub mod decisions;
pub mod demo;
pub mod demo_cycle;
pub mod demo_files;
pub mod demo_large;
pub mod error;
pub mod export;
pub mod fonts;
pub mod fund;
pub mod import;
pub mod initiatives;
pub mod legacy_text;
pub mod lock;
pub mod movements;
pub mod password;
pub mod paths;
pub mod persons;
pub mod profile;
pub mod proposals;
pub mod registrations;
pub mod report;
pub mod rules;
pub mod scoring;
pub mod search;
pub mod stats;
pub mod store;
pub mod subjects;
pub mod text;
pub mod units;
pub mod vocabulary;

pub use error::{Error, ErrorPayload, Result};
pub use store::Store;

use serde::Serialize;
use ts_rs::TS;

/// What the app shows about itself: version and where the data is.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct AppInfo {
    pub version: String,
    pub db_path: String,
    pub schema_version: i64,
    /// Set when this start upgraded the data file; the copy taken before is here.
    pub migration_backup: Option<String>,
}

impl Store {
    pub fn app_info(&self) -> Result<AppInfo> {
        Ok(AppInfo {
            version: env!("CARGO_PKG_VERSION").to_string(),
            db_path: self
                .path()
                .map(|p| p.display().to_string())
                .unwrap_or_else(|| ":memory:".into()),
            schema_version: self.schema_version()?,
            migration_backup: self.migration_backup().map(|p| p.display().to_string()),
        })
    }
}

/// What the app needs at start: where the data is, whether the office is set up, and the
/// error that kept the data file from opening (too new, damaged, not ours), if any.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct AppStatus {
    pub info: Option<AppInfo>,
    pub profile: Option<profile::OfficeProfile>,
    pub error: Option<ErrorPayload>,
    /// The data file the app tried to open.
    pub db_path: String,
    /// The app password is set and this window is not unlocked yet: the UI shows the lock
    /// screen, and info and profile are withheld until it is unlocked.
    pub locked: bool,
}
