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
    /// The folder the clerk moved the data to has no data file now (paths.rs): an unplugged
    /// drive, a network share offline. Nothing is created there.
    #[error("{}", data_dir_missing_message(dir, *folder_exists))]
    DataDirMissing { dir: PathBuf, folder_exists: bool },
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
    /// Another running copy of the program holds the data file (lock.rs).
    #[error("Tệp dữ liệu {} đang được mở trong một cửa sổ Sổ Thi đua – Khen thưởng khác. Hãy dùng cửa sổ đó, hoặc đóng nó rồi mở lại; hai cửa sổ cùng ghi một tệp có thể làm lẫn dữ liệu.", path.display())]
    AlreadyOpen { path: PathBuf },
    /// The app password is set and the window has not been unlocked: the shell refuses every
    /// data command until it is (password.rs).
    #[error("Sổ đang khóa. Hãy nhập mật khẩu để mở sổ.")]
    Locked,
    /// Wrong passwords in a row: the next try is accepted only after a delay.
    #[error("Mật khẩu sai nhiều lần. Hãy đợi {seconds} giây rồi thử lại.")]
    TooManyAttempts { seconds: u64 },
    #[error("{}", io_message(path, source))]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{}", db_message(.0))]
    Db(#[from] rusqlite::Error),
    /// A fault of the program itself (a panic) stopped a command half-way; what it had begun
    /// writing was rolled back (`Store::roll_back_unfinished`).
    #[error("Phần mềm gặp lỗi khi làm việc này ({detail}). Phần đang ghi dở đã được bỏ, dữ liệu giữ nguyên như trước. Hãy thử lại; nếu vẫn lỗi, hãy báo cho người hỗ trợ.")]
    Internal { detail: String },
}

/// ENOSPC (and its Windows twins): worth its own message, the clerk can act on it.
fn is_disk_full(e: &std::io::Error) -> bool {
    e.kind() == std::io::ErrorKind::StorageFull
        || matches!(e.raw_os_error(), Some(28) if cfg!(unix))
        || matches!(e.raw_os_error(), Some(39 | 112) if cfg!(windows))
}

const DISK_FULL: &str = "Ổ đĩa đã đầy nên không ghi được. Dữ liệu đã lưu trước đó vẫn còn nguyên, thao tác vừa rồi không được ghi. Hãy xóa bớt tệp hoặc chọn ổ khác rồi làm lại.";

fn io_message(path: &std::path::Path, e: &std::io::Error) -> String {
    if is_disk_full(e) {
        format!("{DISK_FULL} (Tệp: {})", path.display())
    } else {
        format!("Lỗi đọc/ghi tệp {}: {e}", path.display())
    }
}

fn data_dir_missing_message(dir: &std::path::Path, folder_exists: bool) -> String {
    let what = if folder_exists {
        format!(
            "Thư mục dữ liệu {} không có tệp dữ liệu (thidua.db). Có thể tệp đã bị chuyển đi hoặc xóa, hoặc một ổ đĩa khác đang được gắn vào đúng vị trí đó.",
            dir.display()
        )
    } else {
        format!(
            "Không tìm thấy thư mục dữ liệu {}. Có thể ổ USB hoặc ổ cứng rời chưa được cắm, hoặc ổ mạng chưa kết nối.",
            dir.display()
        )
    };
    format!("{what} Đây là thư mục đã chọn để lưu dữ liệu (Cài đặt → Thư mục dữ liệu). Phần mềm không tạo dữ liệu mới ở đó, để không lẫn với dữ liệu thật của anh/chị.")
}

fn sqlite_disk_full(e: &rusqlite::Error) -> bool {
    matches!(e.sqlite_error_code(), Some(rusqlite::ErrorCode::DiskFull))
}

fn db_message(e: &rusqlite::Error) -> String {
    if sqlite_disk_full(e) {
        DISK_FULL.to_string()
    } else if matches!(
        e.sqlite_error_code(),
        Some(rusqlite::ErrorCode::SystemIoFailure)
    ) {
        format!("Không đọc/ghi được ổ đĩa ({e}): ổ đĩa có thể đã đầy, bị rút ra hoặc bị lỗi. Dữ liệu đã lưu trước đó không bị thay đổi; hãy kiểm tra ổ đĩa rồi làm lại.")
    } else {
        format!("Lỗi cơ sở dữ liệu: {e}")
    }
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
            Error::DataDirMissing { .. } => "data_dir_missing",
            Error::DbTooNew { .. } => "db_too_new",
            Error::NotOurDatabase { .. } => "not_our_database",
            Error::Corrupt { .. } => "db_corrupt",
            Error::AlreadyOpen { .. } => "already_open",
            Error::Locked => "locked",
            Error::TooManyAttempts { .. } => "too_many_attempts",
            Error::Io { source, .. } if is_disk_full(source) => "disk_full",
            Error::Io { .. } => "io",
            Error::Db(e) if sqlite_disk_full(e) => "disk_full",
            Error::Db(_) => "db",
            Error::Internal { .. } => "internal",
        }
    }

    /// True when the user (or the file they pointed at) can fix it; false for faults of the
    /// machine or of the program. The CLI maps this to exit code 2 vs 1.
    pub fn is_user_error(&self) -> bool {
        !matches!(
            self,
            Error::Io { .. } | Error::Db(_) | Error::Corrupt { .. } | Error::Internal { .. }
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
