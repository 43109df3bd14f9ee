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
        // A folder, not a file (pick_folder): where the data file is moved to.
        "data_folder" => Purpose {
            title: "Chọn thư mục mới để lưu dữ liệu",
            filter_name: "",
            extensions: &[],
        },
        "data_folder_open" => Purpose {
            title: "Chọn thư mục có tệp dữ liệu (thidua.db)",
            filter_name: "",
            extensions: &[],
        },
        _ => return Err(refused(format!("Không có hộp chọn tệp \"{name}\"."))),
    };
    Ok(p)
}

/// TEST HOOK, for the end-to-end tests only: WebDriver cannot drive the native GTK dialog.
/// When the environment variable `THIDUA_TEST_PICK` is set (paths separated by newlines), the
/// dialogs are not opened: an "Open" dialog returns the listed paths that exist and have one
/// of the purpose's extensions; a "Save" dialog returns the first listed path with the
/// purpose's extension that does not exist yet. The returned paths are granted exactly as if
/// the clerk had picked them. The variable is never set by the app or its installer.
pub const TEST_PICK_VAR: &str = "THIDUA_TEST_PICK";

/// What the test hook answers instead of a dialog; None when the hook is not set.
pub fn test_pick(purpose: &Purpose, save: bool) -> Option<Vec<PathBuf>> {
    let listed = std::env::var(TEST_PICK_VAR).ok()?;
    Some(test_pick_from(&listed, purpose, save))
}

/// The test hook for the folder dialog: the first listed path that is an existing folder.
pub fn test_pick_folder() -> Option<Option<PathBuf>> {
    let listed = std::env::var(TEST_PICK_VAR).ok()?;
    Some(test_pick_folder_from(&listed))
}

fn test_pick_folder_from(listed: &str) -> Option<PathBuf> {
    listed
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(PathBuf::from)
        .find(|p| p.is_dir())
}

fn test_pick_from(listed: &str, purpose: &Purpose, save: bool) -> Vec<PathBuf> {
    let fits = |p: &Path| {
        p.extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| purpose.extensions.contains(&e.to_lowercase().as_str()))
    };
    let candidates = listed
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(PathBuf::from)
        .filter(|p| fits(p));
    if save {
        candidates.filter(|p| !p.exists()).take(1).collect()
    } else {
        candidates.filter(|p| p.exists()).collect()
    }
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

    #[test]
    fn the_test_hook_answers_open_with_existing_files_and_save_with_a_new_one() {
        let dir = std::env::temp_dir().join(format!("thidua-pick-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let existing = dir.join("don-vi.xlsx");
        std::fs::write(&existing, b"x").unwrap();
        let new = dir.join("tong-hop.xlsx");
        let listed = format!(
            "{}\n{}\n/tmp/ghi-chu.txt\n",
            existing.display(),
            new.display()
        );
        let import = purpose("import").unwrap();
        assert_eq!(
            test_pick_from(&listed, &import, false),
            vec![existing.clone()]
        );
        let xlsx = purpose("xlsx").unwrap();
        assert_eq!(test_pick_from(&listed, &xlsx, true), vec![new]);
        assert!(test_pick_from(&listed, &purpose("pdf").unwrap(), true).is_empty());
        assert_eq!(test_pick_folder_from(&listed), None);
        assert_eq!(
            test_pick_folder_from(&format!("{}\n{}", existing.display(), dir.display())),
            Some(dir.clone())
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
