//! Hostile and malformed spreadsheets given to `thidua import --dry-run`: each is refused with
//! exit code 2 and a Vietnamese message naming the file, within a time and memory bound, and
//! the data file is left byte for byte. Real processes on files built here.
//!
//! The workbooks are zipped by hand (a few lines of the ZIP format) rather than with the `zip`
//! crate: the bomb needs its deflate stream assembled from one compressed block repeated, which
//! no zip writer accepts, and the traversal case needs an entry name writers may refuse.

#![cfg(unix)]

mod common;

use common::{command, init};
use flate2::{Compress, Compression, FlushCompress};
use std::fs::File;
use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};

/// The bounds asserted: generous for a refusal, far below what an unchecked file would take.
const TIME_BOUND: Duration = Duration::from_secs(10);
const MEMORY_BOUND_KIB: i64 = 1024 * 1024;

struct Run {
    code: Option<i32>,
    stderr: String,
    wall: Duration,
    max_rss_kib: i64,
}

/// Runs `thidua --db DB ARGS…` and waits for it with `wait4`, which gives this child's own
/// peak memory (getrusage(RUSAGE_CHILDREN) would mix in the other tests' children). A child
/// still running well past the bound is killed so a hang fails the test instead of stalling it.
#[expect(
    clippy::zombie_processes,
    reason = "the child is reaped by wait4, not Child::wait, to get its rusage"
)]
fn measured(db: &Path, args: &[&str]) -> Run {
    let dir = db.parent().unwrap();
    let err_path = dir.join("stderr.txt");
    let start = Instant::now();
    let child = command(db)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(File::create(&err_path).unwrap())
        .spawn()
        .expect("thidua runs");
    let pid = child.id() as libc::pid_t;
    // ru_maxrss survives exec on Linux, so it may include the test process's own pages the
    // child started from: an upper bound on the importer's peak, which is what is asserted.
    let mut status = 0;
    // SAFETY: rusage is plain data, fully written by wait4 when it returns the pid.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    loop {
        // SAFETY: pid is our own child, not yet reaped (std's Child is never waited on).
        let r = unsafe { libc::wait4(pid, &mut status, libc::WNOHANG, &mut usage) };
        if r == pid {
            break;
        }
        assert_eq!(r, 0, "wait4 failed: {}", std::io::Error::last_os_error());
        if start.elapsed() > TIME_BOUND * 6 {
            // SAFETY: signalling our own, still unreaped, child.
            unsafe { libc::kill(pid, libc::SIGKILL) };
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    let wall = start.elapsed();
    Run {
        code: libc::WIFEXITED(status).then(|| libc::WEXITSTATUS(status)),
        stderr: std::fs::read_to_string(&err_path).unwrap_or_default(),
        wall,
        // Linux reports ru_maxrss in KiB.
        max_rss_kib: usage.ru_maxrss,
    }
}

/// One part of a ZIP archive as it will be written: name, CRC-32, sizes and the bytes stored.
struct Entry {
    name: String,
    crc: u32,
    size: u64,
    method: u16,
    data: Vec<u8>,
}

fn deflated(name: &str, content: &[u8]) -> Entry {
    let mut out = Vec::with_capacity(content.len() / 2 + 64);
    let mut c = Compress::new(Compression::default(), false);
    c.compress_vec(content, &mut out, FlushCompress::Finish)
        .unwrap();
    Entry {
        name: name.into(),
        crc: crc32fast::hash(content),
        size: content.len() as u64,
        method: 8,
        data: out,
    }
}

/// `times` copies of `chunk`, deflated without ever holding them: the chunk is compressed once
/// with a full flush (byte-aligned, no back-references across it), so the same compressed
/// bytes repeated decode to the chunk repeated; an empty final block ends the stream.
fn deflated_repeat(name: &str, head: &[u8], chunk: &[u8], times: usize, tail: &[u8]) -> Entry {
    let block = |bytes: &[u8]| {
        let mut out = Vec::with_capacity(bytes.len() + 64);
        let mut c = Compress::new(Compression::best(), false);
        c.compress_vec(bytes, &mut out, FlushCompress::Full)
            .unwrap();
        out
    };
    let mut data = block(head);
    let repeated = block(chunk);
    let mut crc = crc32fast::Hasher::new();
    crc.update(head);
    for _ in 0..times {
        data.extend_from_slice(&repeated);
        crc.update(chunk);
    }
    data.extend(block(tail));
    crc.update(tail);
    // A final stored block of length 0: BFINAL=1, BTYPE=00, then LEN=0 and NLEN=!0.
    data.extend_from_slice(&[0x01, 0x00, 0x00, 0xff, 0xff]);
    Entry {
        name: name.into(),
        crc: crc.finalize(),
        size: (head.len() + chunk.len() * times + tail.len()) as u64,
        method: 8,
        data,
    }
}

/// Writes the entries as a ZIP file: local headers and data, central directory, end record.
/// Sizes above 4 GiB are not needed here, so no ZIP64 records.
fn write_zip(path: &Path, entries: &[Entry]) {
    let u16le = |v: u16| v.to_le_bytes();
    let u32le = |v: u32| v.to_le_bytes();
    let mut out = Vec::new();
    let mut central = Vec::new();
    for e in entries {
        let size = u32::try_from(e.size).expect("under 4 GiB");
        let offset = out.len() as u32;
        let fixed = |sig: u32| {
            let mut h = u32le(sig).to_vec();
            h.extend(u16le(20)); // version needed
            h.extend(u16le(0)); // flags
            h.extend(u16le(e.method));
            h.extend(u32le(0)); // time, date
            h.extend(u32le(e.crc));
            h.extend(u32le(e.data.len() as u32));
            h.extend(u32le(size));
            h.extend(u16le(e.name.len() as u16));
            h.extend(u16le(0)); // extra length
            h
        };
        out.extend(fixed(0x0403_4b50));
        out.extend(e.name.as_bytes());
        out.extend(&e.data);
        central.extend(u32le(0x0201_4b50));
        central.extend(u16le(20)); // version made by
        central.extend(&fixed(0)[4..]);
        central.extend(u16le(0)); // comment length
        central.extend(u16le(0)); // disk
        central.extend(u16le(0)); // internal attributes
        central.extend(u32le(0)); // external attributes
        central.extend(u32le(offset));
        central.extend(e.name.as_bytes());
    }
    let cd_offset = out.len() as u32;
    out.extend(&central);
    out.extend(u32le(0x0605_4b50));
    out.extend(u32le(0)); // disk numbers
    out.extend(u16le(entries.len() as u16));
    out.extend(u16le(entries.len() as u16));
    out.extend(u32le(central.len() as u32));
    out.extend(u32le(cd_offset));
    out.extend(u16le(0)); // comment length
    std::fs::write(path, out).unwrap();
}

/// The parts every .xlsx has besides its sheet; `shared_strings` adds the relationship to one.
fn frame(sheet: Entry, shared_strings: Option<Entry>) -> Vec<Entry> {
    let mut types = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#,
    );
    let mut rels = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>"#,
    );
    if shared_strings.is_some() {
        types.push_str(r#"<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>"#);
        rels.push_str(r#"<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>"#);
    }
    types.push_str("</Types>");
    rels.push_str("</Relationships>");
    let mut entries = vec![
        deflated("[Content_Types].xml", types.as_bytes()),
        deflated(
            "_rels/.rels",
            br#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#,
        ),
        deflated(
            "xl/workbook.xml",
            br#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"#,
        ),
        deflated("xl/_rels/workbook.xml.rels", rels.as_bytes()),
        sheet,
    ];
    entries.extend(shared_strings);
    entries
}

const SHEET_HEAD: &str = r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#;
const SHEET_TAIL: &str = "</sheetData></worksheet>";

fn sheet(rows: &str) -> Entry {
    deflated(
        "xl/worksheets/sheet1.xml",
        format!("{SHEET_HEAD}{rows}{SHEET_TAIL}").as_bytes(),
    )
}

/// Runs the dry-run import of `file` and checks everything a refusal must be.
fn assert_refused(case: &str, dir: &Path, db: &Path, file: &Path, reason: &str) {
    let before = std::fs::read(db).unwrap();
    let run = measured(db, &["import", file.to_str().unwrap(), "--dry-run"]);
    let name = file.file_name().unwrap().to_str().unwrap();
    eprintln!(
        "{case}: exit {:?} in {:.2} s, peak {} MiB: {}",
        run.code,
        run.wall.as_secs_f64(),
        run.max_rss_kib / 1024,
        run.stderr.trim()
    );
    assert_eq!(run.code, Some(2), "{case}: {}", run.stderr);
    assert!(
        run.stderr.contains(&format!("Tệp \"{name}\"")),
        "{case}: the message names the file: {}",
        run.stderr
    );
    assert!(
        run.stderr.contains(reason),
        "{case}: expected \"{reason}\" in: {}",
        run.stderr
    );
    assert!(run.wall < TIME_BOUND, "{case}: took {:?}", run.wall);
    assert!(
        run.max_rss_kib < MEMORY_BOUND_KIB,
        "{case}: peak memory {} KiB",
        run.max_rss_kib
    );
    assert_eq!(
        std::fs::read(db).unwrap(),
        before,
        "{case}: data file changed"
    );
    assert!(
        !dir.join("evil.xml").exists() && !dir.parent().unwrap().join("evil.xml").exists(),
        "{case}: nothing is extracted anywhere"
    );
}

fn case(name: &str, file_name: &str, reason: &str, build: impl FnOnce(&Path)) {
    let dir = tempfile::tempdir().unwrap();
    let db = init(dir.path());
    let file = dir.path().join(file_name);
    build(&file);
    assert_refused(name, dir.path(), &db, &file, reason);
}

/// 4 GiB-less-a-bit of `<row/>` in a 4 MB file: rows without cells never reach the row and
/// cell limits, so only a check of the declared sizes stops the inflating.
#[test]
fn zip_bomb_sheet_is_refused_before_inflating() {
    case("zip bomb", "bom.xlsx", "quá lớn", |path| {
        let chunk = "<row/>".repeat(1 << 20);
        let bomb = deflated_repeat(
            "xl/worksheets/sheet1.xml",
            SHEET_HEAD.as_bytes(),
            chunk.as_bytes(),
            650,
            SHEET_TAIL.as_bytes(),
        );
        assert!(bomb.size > 4_000_000_000 && bomb.data.len() < 50 << 20);
        write_zip(path, &frame(bomb, None));
    });
}

/// The worst a file under the unpacked-size limit can do: 140 MB of empty rows, all read
/// through. It must still finish within the bound (and has nothing to import): 2.7 s with the
/// release build on a slow 2-core machine, but about 45 s unoptimised, hence release only.
#[test]
#[cfg_attr(
    debug_assertions,
    ignore = "the unoptimised XML reader is ~15× slower; run with `cargo test --release`"
)]
fn largest_accepted_sheet_of_empty_rows_finishes_in_time() {
    case(
        "empty rows at the limit",
        "rong.xlsx",
        "không có dữ liệu",
        |path| {
            let chunk = "<row/>".repeat(1 << 20);
            let sheet = deflated_repeat(
                "xl/worksheets/sheet1.xml",
                SHEET_HEAD.as_bytes(),
                chunk.as_bytes(),
                22,
                SHEET_TAIL.as_bytes(),
            );
            write_zip(path, &frame(sheet, None));
        },
    );
}

/// A shared-strings table of 40 million one-letter strings (calamine loads the whole table
/// up front, ~2 GB of small allocations) under a sheet that is a single cell.
#[test]
fn huge_shared_strings_table_is_refused() {
    case("shared strings", "chuoi.xlsx", "quá lớn", |path| {
        let count = 40_000_000;
        let strings = deflated_repeat(
            "xl/sharedStrings.xml",
            format!(r#"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="{count}" uniqueCount="{count}">"#).as_bytes(),
            "<si><t>a</t></si>".repeat(1000).as_bytes(),
            count / 1000,
            b"</sst>",
        );
        let one = sheet(r#"<row r="1"><c r="A1" t="s"><v>0</v></c></row>"#);
        write_zip(path, &frame(one, Some(strings)));
    });
}

/// 100,000 nested elements inside a cell: a recursive parser would overflow its stack.
/// quick-xml reads iteratively, and calamine refuses the unexpected element in the cell.
#[test]
fn deeply_nested_sheet_xml_is_refused_without_a_crash() {
    case(
        "deep nesting",
        "long.xlsx",
        "không đọc được",
        |path| {
            let depth = 100_000;
            let rows = format!(
                r#"<row r="1"><c r="A1">{}{}</c></row>"#,
                "<x>".repeat(depth),
                "</x>".repeat(depth)
            );
            write_zip(path, &frame(sheet(&rows), None));
        },
    );
}

/// A sheet whose declared dimension ends before it starts ("B5:A1"), as the fuzzer made one:
/// the spreadsheet reader's own arithmetic overflows on it, a panic wherever overflow is
/// checked (debug builds, the fuzz build). The import catches it and refuses the file as
/// damaged; an optimised build reads past the bad dimension and finds the sheet empty. Either
/// way a refusal with a message, never a crash.
#[test]
fn inverted_sheet_dimension_is_refused_not_a_crash() {
    let reason = if cfg!(debug_assertions) {
        "bị hỏng: cấu trúc bên trong không hợp lệ"
    } else {
        "không có dữ liệu"
    };
    case("inverted dimension", "nguoc.xlsx", reason, |path| {
        let xml = format!(
            r#"{}<dimension ref="B5:A1"/><sheetData><row r="1"/></sheetData></worksheet>"#,
            SHEET_HEAD.trim_end_matches("<sheetData>")
        );
        write_zip(
            path,
            &frame(deflated("xl/worksheets/sheet1.xml", xml.as_bytes()), None),
        );
    });
}

/// A "billion laughs" DOCTYPE: ten levels of entities each referring ten times to the one
/// below. The XML reader does not expand DTD entities, so nothing grows.
#[test]
fn billion_laughs_entities_are_not_expanded() {
    case("billion laughs", "cuoi.xlsx", "không", |path| {
        let mut dtd = String::from(r#"<!DOCTYPE worksheet [<!ENTITY lol0 "lol">"#);
        for i in 1..10 {
            let refs = format!("&lol{};", i - 1).repeat(10);
            dtd.push_str(&format!(r#"<!ENTITY lol{i} "{refs}">"#));
        }
        dtd.push(']');
        dtd.push('>');
        let xml = format!(
            r#"<?xml version="1.0" encoding="UTF-8"?>{dtd}<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row>{SHEET_TAIL}"#
        );
        write_zip(
            path,
            &frame(deflated("xl/worksheets/sheet1.xml", xml.as_bytes()), None),
        );
    });
}

/// An entry named `../../evil.xml` besides an empty sheet: the importer reads the archive in
/// memory and never extracts, so the name is inert; the sheet has nothing to import.
#[test]
fn path_traversal_entry_name_is_inert() {
    case(
        "path traversal",
        "duong-dan.xlsx",
        "không có dữ liệu",
        |path| {
            let mut entries = frame(sheet(""), None);
            entries.push(deflated("../../evil.xml", b"<evil/>"));
            write_zip(path, &entries);
        },
    );
}

#[test]
fn png_renamed_xlsx_is_refused() {
    case(
        "png renamed",
        "anh.xlsx",
        "không phải bảng tính",
        |path| {
            let mut png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR".to_vec();
            png.extend([0u8; 64]);
            std::fs::write(path, png).unwrap();
        },
    );
}

/// A well-formed ZIP with a sheet but neither workbook.xml nor its relationships.
#[test]
fn zip_without_the_workbook_part_is_refused() {
    case("no workbook", "thieu.xlsx", "bị hỏng", |path| {
        let entries: Vec<Entry> = frame(sheet(""), None)
            .into_iter()
            .filter(|e| !e.name.starts_with("xl/workbook") && !e.name.contains("workbook.xml"))
            .collect();
        write_zip(path, &entries);
    });
}

/// A web page saved by a portal with an .xls name (common for lists downloaded from a site).
#[test]
fn html_saved_as_xls_is_refused_with_the_fix() {
    case("html as xls", "danh-sach.xls", "trang web", |path| {
        std::fs::write(
            path,
            "\u{feff}<!DOCTYPE html><html><head><meta charset=utf-8></head><body><table><tr><td>Họ và tên</td><td>Danh hiệu</td></tr></table></body></html>",
        )
        .unwrap();
    });
}

/// Other wrong types with a spreadsheet's name: a PDF, a Word document (a ZIP without any
/// workbook), an .xls whose container is broken after its magic, an empty file.
#[test]
fn wrong_file_types_are_refused() {
    case(
        "pdf renamed",
        "quyet-dinh.xlsx",
        "không phải bảng tính",
        |path| {
            std::fs::write(path, b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj <<>> endobj\n").unwrap();
        },
    );
    case("docx renamed", "to-trinh.xlsx", "bị hỏng", |path| {
        write_zip(
            path,
            &[
                deflated("[Content_Types].xml", b"<Types/>"),
                deflated("word/document.xml", b"<w:document/>"),
            ],
        );
    });
    case("broken xls", "cu.xls", "bị hỏng", |path| {
        let mut bytes = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
        bytes.extend((0..4096u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8));
        std::fs::write(path, bytes).unwrap();
    });
    case("empty", "trong.xlsx", "trống", |path| {
        std::fs::write(path, b"").unwrap();
    });
}

/// Over the size limit: refused from its size alone, before a byte is read (a sparse file,
/// so the test writes nothing).
#[test]
fn oversized_file_is_refused_without_reading_it() {
    case("oversized", "rat-lon.xlsx", "lớn quá 50 MB", |path| {
        let f = File::create(path).unwrap();
        f.set_len(2 * 1024 * 1024 * 1024).unwrap();
    });
}

/// Tricks in the file's own name (right-to-left override, a newline, dots): the name is only
/// ever shown, quoted, never used to build a path.
#[test]
fn tricky_file_names_are_only_shown() {
    case(
        "tricky name",
        "..\u{202e}xslx.exe\nx.xls",
        "trang web",
        |path| {
            std::fs::write(path, "<html><table><tr><td>x</td></tr></table></html>").unwrap();
        },
    );
}
