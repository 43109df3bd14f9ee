//! Files the clerk chose. The web view never names a path on its own: paths come from the
//! native open/save dialogs (opened here, in Rust) or from files dropped on the window, and
//! are remembered in `FileGrants`. A command that reads or writes a file accepts only a path
//! granted this way, so a compromised page cannot read or overwrite arbitrary files.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use thidua_core::ErrorPayload;

/// What a dialog is for: it decides the title and the file types offered.
pub struct Purpose {
    pub title: &'static str,
    pub filter_name: &'static str,
    pub extensions: &'static [&'static str],
}

/// The dialogs the UI may ask for, by name. Unknown names are refused.
pub fn purpose(name: &str) -> Result<Purpose, ErrorPayload> {
    let p = match name {
        "import" => Purpose {
            title: "Chọn tệp Excel của đơn vị",
            filter_name: "Bảng tính (Excel, LibreOffice)",
            extensions: &["xlsx", "xlsm", "xls", "ods"],
        },
        "xlsx" => Purpose {
            title: "Lưu bảng tính Excel",
            filter_name: "Bảng tính Excel",
            extensions: &["xlsx"],
        },
        "pdf" => Purpose {
            title: "Lưu tệp PDF",
            filter_name: "Tài liệu PDF",
            extensions: &["pdf"],
        },
        "docx" => Purpose {
            title: "Lưu tài liệu Word",
            filter_name: "Tài liệu Word",
            extensions: &["docx"],
        },
        "backup" => Purpose {
            title: "Chọn bản sao lưu dữ liệu",
            filter_name: "Bản sao lưu Sổ Thi đua",
            extensions: &["db"],
        },
        _ => return Err(refused(format!("Không có hộp chọn tệp \"{name}\"."))),
    };
    Ok(p)
}

/// Test hook: WebDriver cannot drive the native dialogs, so the end-to-end tests set
/// `THIDUA_TEST_PICK` to the path the "clerk" chooses; a save dialog then returns it at once
/// (granted like a chosen path) instead of opening. Never set in normal use.
pub fn test_pick() -> Option<PathBuf> {
    std::env::var_os("THIDUA_TEST_PICK")
        .filter(|p| !p.is_empty())
        .map(PathBuf::from)
}

#[derive(Default)]
pub struct FileGrants {
    read: Mutex<HashSet<PathBuf>>,
    write: Mutex<HashSet<PathBuf>>,
}

// `readable`/`writable` are the gate for the commands that read or write a path.
impl FileGrants {
    pub fn allow_read(&self, paths: impl IntoIterator<Item = PathBuf>) {
        let mut set = self.read.lock().unwrap_or_else(|p| p.into_inner());
        set.extend(paths);
    }

    pub fn allow_write(&self, path: PathBuf) {
        let mut set = self.write.lock().unwrap_or_else(|p| p.into_inner());
        set.insert(path);
    }

    /// The path, if the clerk picked or dropped it; otherwise a refusal the UI can show.
    // Not called yet on this branch: the import command that reads a picked file uses it.
    #[allow(dead_code)]
    pub fn readable(&self, path: &str) -> Result<PathBuf, ErrorPayload> {
        let set = self.read.lock().unwrap_or_else(|p| p.into_inner());
        granted(&set, path)
    }

    /// The path, if the clerk chose it in a save dialog.
    pub fn writable(&self, path: &str) -> Result<PathBuf, ErrorPayload> {
        let set = self.write.lock().unwrap_or_else(|p| p.into_inner());
        granted(&set, path)
    }
}

fn granted(set: &HashSet<PathBuf>, path: &str) -> Result<PathBuf, ErrorPayload> {
    let p = Path::new(path).to_path_buf();
    if set.contains(&p) {
        Ok(p)
    } else {
        Err(refused(format!(
            "Tệp {path} chưa được chọn qua hộp chọn tệp hoặc kéo thả. Hãy chọn lại tệp."
        )))
    }
}

fn refused(message: String) -> ErrorPayload {
    ErrorPayload {
        code: "file_not_granted".into(),
        message,
        field: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_picked_or_dropped_paths_are_usable() {
        let grants = FileGrants::default();
        assert_eq!(
            grants.readable("/etc/passwd").unwrap_err().code,
            "file_not_granted"
        );
        grants.allow_read([PathBuf::from("/tmp/don-vi.xlsx")]);
        assert!(grants.readable("/tmp/don-vi.xlsx").is_ok());
        // Reading was granted, writing was not.
        assert!(grants.writable("/tmp/don-vi.xlsx").is_err());
        grants.allow_write(PathBuf::from("/tmp/bao-cao.pdf"));
        assert!(grants.writable("/tmp/bao-cao.pdf").is_ok());
        assert!(purpose("anything").is_err());
        assert_eq!(purpose("import").unwrap().extensions.len(), 4);
    }
}
