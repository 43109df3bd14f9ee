//! Opening a file a unit sent: recognise what it really is from its first bytes (the name's
//! extension lies often — web pages saved as ".xls", files cut short by a mail client), refuse
//! what is not a readable spreadsheet with a message the clerk can act on, and read the visible
//! sheets into plain grids of cells, within limits that keep a huge file from exhausting memory.

use crate::error::{Error, Result};
use calamine::{Data, DataRef, Reader, SheetVisible, Sheets};
use sha2::{Digest, Sha256};
use std::io::Cursor;
use std::path::Path;

/// Larger files are not lists typed by a person; refusing them keeps the app responsive.
pub const MAX_FILE_BYTES: u64 = 50 * 1024 * 1024;
/// Per sheet: above the largest real list (a district's yearly list compiled from all its
/// communes reaches 200,000 people), low enough that the cells of a sheet at the limit stay
/// around 100 MB in memory. The unpacked-size limit below still bounds what a hostile file
/// can make the reader inflate.
pub const MAX_ROWS: usize = 300_000;
pub const MAX_CELLS: usize = 3_000_000;

/// One cell as the import needs it. Formulas arrive as their cached value (what Excel showed).
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Number(f64),
    /// An Excel date serial (days since 1899-12-30), from a cell formatted as a date.
    Date(f64),
}

impl Cell {
    /// The cell as text, numbers without a useless ".0".
    pub fn text(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(s) => s.clone(),
            Cell::Number(n) | Cell::Date(n) => {
                if n.fract() == 0.0 && n.abs() < 1e15 {
                    format!("{}", *n as i64)
                } else {
                    format!("{n}")
                }
            }
        }
    }

    pub fn is_empty(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(s) => s.trim().is_empty(),
            _ => false,
        }
    }
}

/// A sheet as a rectangle of cells starting at A1, so row and column numbers are Excel's.
#[derive(Debug, Clone)]
pub struct Grid {
    pub name: String,
    pub rows: Vec<Vec<Cell>>,
}

impl Grid {
    pub fn get(&self, row: usize, col: usize) -> &Cell {
        self.rows
            .get(row)
            .and_then(|r| r.get(col))
            .unwrap_or(&Cell::Empty)
    }

    pub fn width(&self) -> usize {
        self.rows.iter().map(Vec::len).max().unwrap_or(0)
    }
}

pub struct Workbook {
    pub file_name: String,
    /// SHA-256 of the file's bytes, lower-case hex.
    pub hash: String,
    pub sheets: Vec<Grid>,
}

fn refuse(file: &str, what: &str) -> Error {
    Error::InvalidInput {
        field: Some("file"),
        message: format!("Tệp \"{file}\" {what}"),
    }
}

const CFB_MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// Reads the file, refusing anything that is not a spreadsheet we can read.
pub fn read_workbook(path: &Path) -> Result<Workbook> {
    let file = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string());
    let meta = std::fs::metadata(path).map_err(|e| Error::io(path, e))?;
    if !meta.is_file() {
        return Err(refuse(&file, "không phải là một tệp."));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(refuse(
            &file,
            "lớn quá 50 MB, không phải một danh sách thông thường. Hãy tách thành các tệp nhỏ hơn.",
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    let hash = format!("{:x}", Sha256::digest(&bytes));
    // The spreadsheet readers are third-party code fed whatever a unit sent: a file built to
    // trip one of their arithmetic or index checks (the fuzzer found an inverted sheet
    // dimension, "B5:A1") must be refused like any damaged file, not end the program. Nothing
    // of theirs outlives the call, so no broken state can be seen after a panic.
    let sheets = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| parse(&file, bytes)))
        .unwrap_or_else(|_| {
            Err(refuse(
                &file,
                "bị hỏng: cấu trúc bên trong không hợp lệ nên không đọc được. Hãy mở bằng Excel và lưu lại dạng .xlsx, hoặc xin đơn vị gửi lại.",
            ))
        })?;
    Ok(Workbook {
        file_name: file,
        hash,
        sheets,
    })
}

fn parse(file: &str, bytes: Vec<u8>) -> Result<Vec<Grid>> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(refuse(
            file,
            "trống (không có nội dung). Hãy xin đơn vị gửi lại tệp.",
        ));
    }
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(2048)]).to_lowercase();
    let trimmed = head.trim_start_matches('\u{feff}').trim_start();
    if trimmed.starts_with('<')
        && (head.contains("<html") || head.contains("<table") || head.contains("<!doctype"))
    {
        return Err(refuse(
            file,
            "là trang web lưu với đuôi .xls, không phải bảng tính Excel. Hãy mở bằng Excel và lưu lại dạng .xlsx.",
        ));
    }
    let workbook = if bytes.starts_with(b"PK\x03\x04") {
        check_unpacked_size(file, &bytes)?;
        let xlsx = calamine::open_workbook_from_rs(Cursor::new(bytes.clone())).map(Sheets::Xlsx);
        match xlsx {
            Ok(wb) => Ok(wb),
            Err(_) => calamine::open_workbook_from_rs(Cursor::new(bytes))
                .map(Sheets::Ods)
                .map_err(|e| match e {
                    calamine::OdsError::Password => password(file),
                    _ => refuse(
                        file,
                        "bị hỏng hoặc chưa tải về hết (tệp nén không đọc được). Hãy xin đơn vị gửi lại, hoặc mở bằng Excel và lưu lại.",
                    ),
                }),
        }
    } else if bytes.starts_with(&CFB_MAGIC) {
        match calamine::open_workbook_from_rs(Cursor::new(bytes.clone())).map(Sheets::Xls) {
            Ok(wb) => Ok(wb),
            Err(calamine::XlsError::Password) => Err(password(file)),
            Err(_) => {
                // An encrypted .xlsx is a CFB container too (with an "EncryptedPackage").
                match calamine::open_workbook_from_rs::<calamine::Xlsx<_>, _>(Cursor::new(bytes))
                {
                    Err(calamine::XlsxError::Password) => Err(password(file)),
                    _ => Err(refuse(
                        file,
                        "bị hỏng hoặc không phải bảng tính Excel. Hãy mở bằng Excel và lưu lại dạng .xlsx.",
                    )),
                }
            }
        }
    } else {
        Err(refuse(
            file,
            "không phải bảng tính (chỉ nhận .xlsx, .xlsm, .xls, .ods). Hãy mở bằng Excel và lưu lại dạng .xlsx.",
        ))
    }?;
    read_sheets(file, workbook)
}

/// What the parts of an .xlsx/.ods may add up to once inflated. A real list of
/// [`MAX_CELLS`] cells is a few tens of MB of XML; a zip bomb declares gigabytes. Rows without
/// cells never reach the row and cell limits, and calamine loads the whole shared-strings table
/// before any cell is read, so the declared sizes are the only early bound.
pub const MAX_UNPACKED_BYTES: u64 = 150 * 1024 * 1024;

/// Refuses an archive whose central directory declares more than [`MAX_UNPACKED_BYTES`],
/// before anything is inflated. Trusting the declared sizes is sound: the zip reader calamine
/// uses fails an entry as soon as it inflates past its declared size. An archive whose
/// directory cannot be walked is left to calamine, which refuses it as damaged (it needs that
/// same directory to find any part).
fn check_unpacked_size(file: &str, bytes: &[u8]) -> Result<()> {
    let too_big = |size: u64| {
        refuse(
            file,
            &format!(
                "quá lớn khi giải nén ({} MB, giới hạn {} MB), không phải một danh sách thông thường. Hãy mở bằng Excel, xóa các dòng, cột thừa rồi lưu lại.",
                size / 1024 / 1024,
                MAX_UNPACKED_BYTES / 1024 / 1024
            ),
        )
    };
    let Some(entries) = central_directory_sizes(bytes) else {
        return Ok(());
    };
    let mut total = 0u64;
    for size in entries {
        total = total.saturating_add(size);
        if total > MAX_UNPACKED_BYTES {
            return Err(too_big(total));
        }
    }
    Ok(())
}

/// The uncompressed sizes the ZIP central directory declares, one per entry (ZIP64 sizes
/// included), or None when the end record or the directory is not where it says.
fn central_directory_sizes(bytes: &[u8]) -> Option<Vec<u64>> {
    let u16_at = |at: usize| Some(u16::from_le_bytes(bytes.get(at..at + 2)?.try_into().ok()?));
    let u32_at = |at: usize| Some(u32::from_le_bytes(bytes.get(at..at + 4)?.try_into().ok()?));
    let u64_at = |at: usize| Some(u64::from_le_bytes(bytes.get(at..at + 8)?.try_into().ok()?));
    // The end record is the last 22 bytes, or earlier by an archive comment of up to 64 KiB.
    let eocd = (0..=bytes.len().checked_sub(22)?)
        .rev()
        .take(22 + 0xFFFF)
        .find(|&at| u32_at(at) == Some(0x0605_4b50))?;
    let mut offset = u64::from(u32_at(eocd + 16)?);
    if offset == 0xFFFF_FFFF {
        // ZIP64: the locator just before the end record points to the ZIP64 end record.
        let locator = eocd.checked_sub(20)?;
        (u32_at(locator)? == 0x0706_4b50).then_some(())?;
        let record = usize::try_from(u64_at(locator + 8)?).ok()?;
        (u32_at(record)? == 0x0606_4b50).then_some(())?;
        offset = u64_at(record + 48)?;
    }
    let mut at = usize::try_from(offset).ok()?;
    let mut sizes = Vec::new();
    while u32_at(at) == Some(0x0201_4b50) {
        let (name, extra, comment) = (
            usize::from(u16_at(at + 28)?),
            usize::from(u16_at(at + 30)?),
            usize::from(u16_at(at + 32)?),
        );
        let mut size = u64::from(u32_at(at + 24)?);
        if size == 0xFFFF_FFFF {
            // The real size is the first value of the ZIP64 extra field (id 1).
            let mut field = at + 46 + name;
            let end = field + extra;
            size = loop {
                if field + 4 > end {
                    return None;
                }
                let len = usize::from(u16_at(field + 2)?);
                if u16_at(field)? == 1 {
                    break u64_at(field + 4)?;
                }
                field += 4 + len;
            };
        }
        sizes.push(size);
        at += 46 + name + extra + comment;
    }
    Some(sizes)
}

fn password(file: &str) -> Error {
    refuse(
        file,
        "có đặt mật khẩu nên không đọc được. Hãy mở bằng Excel, gỡ mật khẩu (Tệp → Thông tin → Bảo vệ sổ làm việc) rồi lưu lại.",
    )
}

/// Column limit: lists are a dozen columns wide; a cell far to the right is stray.
pub const MAX_COLUMNS: usize = 500;

/// Collects cells into a grid, refusing the sheet once it passes the limits.
struct GridBuilder<'a> {
    file: &'a str,
    name: String,
    rows: Vec<Vec<Cell>>,
    count: usize,
}

impl GridBuilder<'_> {
    fn put(&mut self, row: usize, col: usize, cell: Cell) -> Result<()> {
        if cell.is_empty() {
            return Ok(());
        }
        self.count += 1;
        if row >= MAX_ROWS || col >= MAX_COLUMNS || self.count > MAX_CELLS {
            return Err(refuse(
                self.file,
                &format!(
                    "có trang \"{}\" quá lớn (có dữ liệu ở dòng {}, cột {}; giới hạn {MAX_ROWS} dòng, {MAX_COLUMNS} cột, {MAX_CELLS} ô). Hãy xóa các dòng, cột thừa hoặc tách tệp.",
                    self.name,
                    row + 1,
                    column_letter(col)
                ),
            ));
        }
        if self.rows.len() <= row {
            self.rows.resize(row + 1, Vec::new());
        }
        let line = &mut self.rows[row];
        if line.len() <= col {
            line.resize(col + 1, Cell::Empty);
        }
        line[col] = cell;
        Ok(())
    }
}

fn cell_of(value: &Data) -> Cell {
    match value {
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => Cell::Text(s.clone()),
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::Bool(b) => Cell::Text(if *b { "x".into() } else { String::new() }),
        Data::DateTime(d) => Cell::Date(d.as_f64()),
        Data::Error(_) | Data::Empty => Cell::Empty,
    }
}

fn cell_of_ref(value: &DataRef) -> Cell {
    match value {
        DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => {
            Cell::Text(s.clone())
        }
        DataRef::SharedString(s) => Cell::Text((*s).to_string()),
        DataRef::Int(i) => Cell::Number(*i as f64),
        DataRef::Float(f) => Cell::Number(*f),
        DataRef::Bool(b) => Cell::Text(if *b { "x".into() } else { String::new() }),
        DataRef::DateTime(d) => Cell::Date(d.as_f64()),
        DataRef::Error(_) | DataRef::Empty => Cell::Empty,
    }
}

fn read_sheets(file: &str, mut workbook: Sheets<Cursor<Vec<u8>>>) -> Result<Vec<Grid>> {
    // Hidden sheets hold lookups and the product's own machine data, never the list itself.
    let names: Vec<String> = workbook
        .sheets_metadata()
        .iter()
        .filter(|s| s.visible == SheetVisible::Visible)
        .map(|s| s.name.clone())
        .collect();
    let unreadable = |name: &str, e: &dyn std::fmt::Display| {
        refuse(
            file,
            &format!("có trang \"{name}\" không đọc được ({e}). Hãy mở bằng Excel và lưu lại."),
        )
    };
    let mut grids = Vec::new();
    for name in names {
        let mut grid = GridBuilder {
            file,
            name: name.clone(),
            rows: Vec::new(),
            count: 0,
        };
        match &mut workbook {
            // Streamed cell by cell: a stray cell at XFD1048576 must not make the reader
            // allocate the whole rectangle before the limits are checked.
            Sheets::Xlsx(xlsx) => {
                let mut cells = xlsx
                    .worksheet_cells_reader(&name)
                    .map_err(|e| unreadable(&name, &e))?;
                while let Some(cell) = cells.next_cell().map_err(|e| unreadable(&name, &e))? {
                    let (r, c) = cell.get_position();
                    grid.put(r as usize, c as usize, cell_of_ref(cell.get_value()))?;
                }
            }
            // .xls is bounded by its format (65 536 × 256) and .ods by the file size.
            other => {
                let range = other
                    .worksheet_range(&name)
                    .map_err(|e| unreadable(&name, &e))?;
                let (top, left) = range.start().unwrap_or((0, 0));
                for (r, c, value) in range.used_cells() {
                    grid.put(top as usize + r, left as usize + c, cell_of(value))?;
                }
            }
        }
        if !grid.rows.is_empty() {
            grids.push(Grid {
                name,
                rows: grid.rows,
            });
        }
    }
    if grids.is_empty() {
        return Err(refuse(file, "không có dữ liệu trong các trang đang hiện."));
    }
    Ok(grids)
}

/// The bare parse benchmarks compare the import with: calamine opens the file and reads
/// every cell of every visible sheet into its own range, nothing else (no limits, no
/// conversion, no table). Returns how many non-empty cells it read.
pub fn bare_parse_cells(path: &Path) -> Result<usize> {
    let mut workbook = calamine::open_workbook_auto(path).map_err(|e| {
        refuse(
            &path.display().to_string(),
            &format!("không đọc được ({e})."),
        )
    })?;
    let names: Vec<String> = workbook
        .sheets_metadata()
        .iter()
        .filter(|s| s.visible == SheetVisible::Visible)
        .map(|s| s.name.clone())
        .collect();
    let mut cells = 0;
    for name in names {
        let range = workbook
            .worksheet_range(&name)
            .map_err(|e| refuse(&name, &format!("không đọc được ({e}).")))?;
        cells += range
            .used_cells()
            .filter(|(_, _, v)| !matches!(v, Data::Empty))
            .count();
    }
    Ok(cells)
}

/// Excel's column letters: 0 → A, 26 → AA.
pub fn column_letter(col: usize) -> String {
    let mut n = col + 1;
    let mut out = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        out.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8_lossy(&out).into_owned()
}

/// The inverse of [`column_letter`], for overrides typed as "D".
pub fn column_index(letters: &str) -> Option<usize> {
    let letters = letters.trim();
    if letters.is_empty() || letters.len() > 3 {
        return None;
    }
    let mut n = 0usize;
    for c in letters.chars() {
        let c = c.to_ascii_uppercase();
        if !c.is_ascii_uppercase() {
            return None;
        }
        n = n * 26 + (c as usize - 'A' as usize + 1);
    }
    Some(n - 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_letters_round_trip() {
        for (i, l) in [(0, "A"), (25, "Z"), (26, "AA"), (27, "AB"), (701, "ZZ")] {
            assert_eq!(column_letter(i), l);
            assert_eq!(column_index(l), Some(i));
        }
        assert_eq!(column_index("1"), None);
    }

    /// The size check only guards files whose directory it can walk: it must walk ours.
    #[test]
    fn central_directory_of_a_written_workbook_is_walked() {
        let mut wb = rust_xlsxwriter::Workbook::new();
        wb.add_worksheet().write_string(0, 0, "Họ và tên").unwrap();
        let bytes = wb.save_to_buffer().unwrap();
        let sizes = central_directory_sizes(&bytes).expect("the directory is found");
        assert!(sizes.len() >= 5, "{sizes:?}");
        assert!(sizes.iter().all(|&s| s > 0 && s < 1 << 20), "{sizes:?}");
        assert!(check_unpacked_size("x.xlsx", &bytes).is_ok());
    }

    #[test]
    fn bad_bytes_are_refused_with_a_vietnamese_reason() {
        let cases: [(&[u8], &str); 5] = [
            (b"", "trống"),
            (
                b"<html><body><table><tr><td>1</td></tr></table>",
                "trang web",
            ),
            (b"PK\x03\x04\x14\x00\x00\x00 cut short", "chưa tải về hết"),
            (&CFB_MAGIC, "bị hỏng"),
            (b"\x00\x01\x02 random", "không phải bảng tính"),
        ];
        for (bytes, expected) in cases {
            let err = parse("x.xls", bytes.to_vec()).expect_err("refused");
            assert!(err.to_string().contains(expected), "{err}");
            assert!(err.to_string().contains("\"x.xls\""), "{err}");
        }
    }
}
