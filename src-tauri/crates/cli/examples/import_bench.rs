//! How long importing a large award list takes, against the bare spreadsheet parse.
//!
//!     cargo run --release -p thidua-cli --example import_bench [-- ROWS]
//!
//! Writes an award list of ROWS people (default 200,000) laid out as a commune sends it (title
//! block, the decision in the title, one header row), then times calamine reading every cell,
//! `preview_import`, and `commit_import` into a fresh database, and prints a table. An example
//! rather than a test: it is built only when asked for, so it costs CI nothing.

use calamine::{open_workbook, Reader, Xlsx};
use rust_xlsxwriter::Workbook;
use std::path::Path;
use std::time::Instant;
use thidua_core::import::ImportOptions;
use thidua_core::profile::{OfficeLevel, OfficeProfile};
use thidua_core::Store;

const FAMILY: [&str; 12] = [
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ",
];
const MIDDLE: [&str; 10] = [
    "Văn", "Thị", "Hữu", "Đức", "Minh", "Ngọc", "Thanh", "Quang", "Xuân", "Thu",
];
const GIVEN: [&str; 24] = [
    "An", "Bình", "Cường", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hoà", "Hùng", "Khánh", "Lan",
    "Linh", "Long", "Mai", "Nam", "Nga", "Phúc", "Quân", "Sơn", "Tâm", "Thảo", "Trang", "Vân",
];
const POSITIONS: [&str; 4] = [
    "Công chức Văn phòng - Thống kê",
    "Giáo viên Trường Tiểu học An Bình",
    "Trưởng thôn Đông",
    "Nhân viên Trạm Y tế xã",
];
const FORMS: [&str; 2] = ["Giấy khen", "Lao động tiên tiến"];

/// A distinct name per row as far as the lists allow (12 × 10 × 24 × 24 = 69,120), then
/// repeats, as real lists of a large district would.
fn name(i: usize) -> String {
    let g = GIVEN.len();
    format!(
        "{} {} {} {}",
        FAMILY[i % FAMILY.len()],
        MIDDLE[(i / FAMILY.len()) % MIDDLE.len()],
        GIVEN[(i / (FAMILY.len() * MIDDLE.len())) % g],
        GIVEN[(i / (FAMILY.len() * MIDDLE.len() * g)) % g],
    )
}

/// Title block, decision in the title, header row at row 6, then one person per row.
fn write_list(path: &Path, rows: usize) {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    let title = [
        "UBND XÃ AN BÌNH",
        "",
        "DANH SÁCH KHEN THƯỞNG NĂM 2024",
        "(Kèm theo Quyết định số 112/QĐ-UBND ngày 26/12/2024 của Chủ tịch UBND xã An Bình)",
        "",
    ];
    for (r, line) in title.iter().enumerate() {
        if !line.is_empty() {
            ws.write_string(r as u32, 0, *line).unwrap();
        }
    }
    let header = [
        "STT",
        "Họ và tên",
        "Chức vụ, đơn vị công tác",
        "Hình thức khen thưởng",
        "Thành tích",
    ];
    let top = title.len() as u32;
    for (c, h) in header.iter().enumerate() {
        ws.write_string(top, c as u16, *h).unwrap();
    }
    for i in 0..rows {
        let r = top + 1 + i as u32;
        ws.write_number(r, 0, (i + 1) as f64).unwrap();
        ws.write_string(r, 1, name(i)).unwrap();
        ws.write_string(r, 2, POSITIONS[i % POSITIONS.len()])
            .unwrap();
        ws.write_string(r, 3, FORMS[i % FORMS.len()]).unwrap();
        ws.write_string(r, 4, "Hoàn thành xuất sắc nhiệm vụ năm 2024")
            .unwrap();
    }
    wb.save(path).unwrap();
}

/// Peak resident memory of this process so far, in MiB (Linux reports KiB; macOS bytes).
fn peak_rss_mib() -> f64 {
    // SAFETY: rusage is plain data that getrusage fills in.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: a valid pointer to a rusage this function owns.
    unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut usage) };
    let unit = if cfg!(target_os = "macos") {
        1024.0 * 1024.0
    } else {
        1024.0
    };
    usage.ru_maxrss as f64 / unit
}

fn main() {
    let rows: usize = match std::env::args().nth(1) {
        Some(a) => a.parse().expect("ROWS: a number of rows"),
        None => 200_000,
    };
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("danh-sach.xlsx");
    let t = Instant::now();
    write_list(&file, rows);
    let size = std::fs::metadata(&file).unwrap().len();
    println!(
        "{rows} rows written in {:.2} s ({:.1} MB)",
        t.elapsed().as_secs_f64(),
        size as f64 / 1e6
    );

    let t = Instant::now();
    let mut wb: Xlsx<_> = open_workbook(&file).unwrap();
    let range = wb.worksheet_range("Sheet1").unwrap();
    let cells = range.used_cells().count();
    let parse = t.elapsed().as_secs_f64();
    let parse_rss = peak_rss_mib();
    drop((range, wb));

    let mut store = Store::open(&dir.path().join("bench.db")).unwrap();
    store
        .init_profile(&OfficeProfile::new("UBND xã An Bình", OfficeLevel::Xa))
        .unwrap();
    let options = ImportOptions {
        skip_unresolved: true,
        ..Default::default()
    };
    let t = Instant::now();
    let preview = store.preview_import(&file, &options);
    let preview_s = t.elapsed().as_secs_f64();
    let preview_rss = peak_rss_mib();

    let line = |step: &str, secs: f64, rss: f64| {
        println!(
            "{step:<22} {rows:>8} {secs:>9.3} {:>11.0} {:>8.0}",
            rows as f64 / secs,
            rss
        );
    };
    println!(
        "\n{:<22} {:>8} {:>9} {:>11} {:>8}",
        "step", "rows", "seconds", "rows/s", "peak MiB"
    );
    line(&format!("calamine ({cells} cells)"), parse, parse_rss);
    let preview = match preview {
        Ok(p) => p,
        Err(e) => {
            println!("preview_import refused after {preview_s:.3} s: {e}");
            return;
        }
    };
    line("preview_import", preview_s, preview_rss);

    let t = Instant::now();
    let outcome = store.commit_import(&preview).unwrap();
    let commit = t.elapsed().as_secs_f64();
    line("commit_import", commit, peak_rss_mib());
    line("preview + commit", preview_s + commit, peak_rss_mib());
    let imported = &outcome.summary.imported;
    println!(
        "\npreview + commit = {:.1} × the bare parse; imported {} awards, {} persons, {} skipped",
        (preview_s + commit) / parse,
        imported.awards,
        imported.persons,
        outcome.summary.skipped
    );
}
