//! Typed errors. Every error has a stable machine code (for the UI and scripts) and a
//! Vietnamese message a clerk can read; nothing in the core panics on user data.

use serde::Serialize;
use std::path::PathBuf;
use ts_rs::TS;

pub type Result<T> = std::result::Result<T, Error>;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A value the user typed or a file supplied is not acceptable. `field` names the input.
    #[error("{message}")]
    InvalidInput {
        field: Option<&'static str>,
        message: String,
    },
    #[error("Không tìm thấy {what}.")]
    NotFound { what: String },
    #[error("{message}")]
    Duplicate {
        field: Option<&'static str>,
        message: String,
    },
    /// The record is referenced by other data, so deleting it would lose history.
    #[error("{message}")]
    InUse { message: String },
    #[error("Cơ sở dữ liệu này đã được khởi tạo cho \"{office}\". Không khởi tạo lại để tránh mất dữ liệu.")]
    AlreadyInitialized { office: String },
    #[error(
        "Chưa khai báo thông tin cơ quan. Hãy khởi tạo trước (thidua init --name … --level …)."
    )]
    NotInitialized,
    #[error("Không có tệp dữ liệu tại {}. Hãy khởi tạo bằng lệnh thidua init hoặc kiểm tra lại đường dẫn.", path.display())]
    NoDatabase { path: PathBuf },
    #[error("Tệp dữ liệu {} được tạo bởi phiên bản mới hơn của phần mềm (lược đồ {found}, phiên bản này hỗ trợ đến {supported}). Hãy cập nhật phần mềm; tệp được giữ nguyên.", path.display())]
    DbTooNew {
        path: PathBuf,
        found: i64,
        supported: i64,
    },
    #[error("Tệp {} không phải tệp dữ liệu của Sổ Thi đua – Khen thưởng. Tệp được giữ nguyên.", path.display())]
    NotOurDatabase { path: PathBuf },
    #[error("Tệp dữ liệu {} bị hỏng hoặc không đọc được ({detail}).", path.display())]
    Corrupt { path: PathBuf, detail: String },
    #[error("Lỗi đọc/ghi tệp {}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("Lỗi cơ sở dữ liệu: {0}")]
    Db(#[from] rusqlite::Error),
}

impl Error {
    pub fn invalid(field: &'static str, message: impl Into<String>) -> Self {
        Error::InvalidInput {
            field: Some(field),
            message: message.into(),
        }
    }

    pub fn duplicate(field: &'static str, message: impl Into<String>) -> Self {
        Error::Duplicate {
            field: Some(field),
            message: message.into(),
        }
    }

    pub fn not_found(what: impl Into<String>) -> Self {
        Error::NotFound { what: what.into() }
    }

    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }

    /// Stable code, part of the contract with the UI and with scripts.
    pub fn code(&self) -> &'static str {
        match self {
            Error::InvalidInput { .. } => "invalid_input",
            Error::NotFound { .. } => "not_found",
            Error::Duplicate { .. } => "duplicate",
            Error::InUse { .. } => "in_use",
            Error::AlreadyInitialized { .. } => "already_initialized",
            Error::NotInitialized => "not_initialized",
            Error::NoDatabase { .. } => "no_database",
            Error::DbTooNew { .. } => "db_too_new",
            Error::NotOurDatabase { .. } => "not_our_database",
            Error::Corrupt { .. } => "db_corrupt",
            Error::Io { .. } => "io",
            Error::Db(_) => "db",
        }
    }

    /// True when the user (or the file they pointed at) can fix it; false for faults of the
    /// machine or of the program. The CLI maps this to exit code 2 vs 1.
    pub fn is_user_error(&self) -> bool {
        !matches!(
            self,
            Error::Io { .. } | Error::Db(_) | Error::Corrupt { .. }
        )
    }

    pub fn field(&self) -> Option<&'static str> {
        match self {
            Error::InvalidInput { field, .. } | Error::Duplicate { field, .. } => *field,
            _ => None,
        }
    }

    pub fn payload(&self) -> ErrorPayload {
        ErrorPayload {
            code: self.code().to_string(),
            message: self.to_string(),
            field: self.field().map(str::to_string),
        }
    }
}

/// What the UI receives when a command fails: a code to branch on, a message to show,
/// and the input field to highlight when there is one.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ErrorPayload {
    pub code: String,
    pub message: String,
    pub field: Option<String>,
}
