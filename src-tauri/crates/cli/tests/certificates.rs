//! `thidua certificates …` as a clerk runs it: the demo office's decisions printed to PDF by
//! the real binary, then read back with poppler's `pdftotext -bbox-layout` (a PDF reader that
//! has nothing to do with the writer) to check every text lands where the layout puts it.

mod common;

use common::*;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

const MM: f64 = 72.0 / 25.4;
/// The tolerance the issue sets for a field's position.
const TOLERANCE_MM: f64 = 1.0;

/// A word as pdftotext sees it, in mm from the top-left corner; `baseline` is derived from
/// the box (poppler puts its bottom at the font's descent, 0.216 em for this typeface, and the
/// box is about 0.9 em tall).
#[derive(Debug, Clone)]
struct Word {
    text: String,
    x0: f64,
    x1: f64,
    baseline: f64,
    size_pt: f64,
}

fn attr(tag: &str, name: &str) -> f64 {
    let key = format!("{name}=\"");
    let start = tag.find(&key).unwrap() + key.len();
    let end = start + tag[start..].find('"').unwrap();
    tag[start..end].parse().unwrap()
}

fn unescape(s: &str) -> String {
    s.replace("&quot;", "\"")
        .replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&apos;", "'")
}

/// Pages of words, read with `pdftotext -bbox-layout`.
fn read_pdf(pdf: &Path) -> Vec<Vec<Word>> {
    let o = Command::new("pdftotext")
        .arg("-bbox-layout")
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is installed");
    assert!(o.status.success());
    let html = String::from_utf8(o.stdout).unwrap();
    let mut pages = Vec::new();
    for page in html.split("<page ").skip(1) {
        let mut words = Vec::new();
        for w in page.split("<word ").skip(1) {
            let (tag, rest) = w.split_once('>').unwrap();
            let text = unescape(rest.split("</word>").next().unwrap());
            let (x0, y0, x1, y1) = (
                attr(tag, "xMin"),
                attr(tag, "yMin"),
                attr(tag, "xMax"),
                attr(tag, "yMax"),
            );
            let h = y1 - y0;
            words.push(Word {
                text,
                x0: x0 / MM,
                x1: x1 / MM,
                baseline: (y1 - 0.2419 * h) / MM,
                size_pt: h / 0.9,
            });
        }
        pages.push(words);
    }
    pages
}

/// The words of `page` printed for a field: on the baseline of the field's first line and
/// inside its box (with the tolerance).
fn field_words<'a>(page: &'a [Word], f: &Value, dx: f64, dy: f64) -> Vec<&'a Word> {
    let x = f["x_mm"].as_f64().unwrap() + dx;
    let y = f["y_mm"].as_f64().unwrap() + dy;
    let w = f["width_mm"].as_f64().unwrap();
    page.iter()
        .filter(|word| (word.baseline - y).abs() <= TOLERANCE_MM)
        .filter(|word| word.x0 >= x - TOLERANCE_MM && word.x1 <= x + w + TOLERANCE_MM)
        .collect()
}

/// Checks that the field's first line is where the layout says: on its baseline, and its
/// left end, centre or right end where its alignment puts it. Returns the line's text.
fn assert_placed(page: &[Word], f: &Value, dx: f64, dy: f64, what: &str) -> String {
    let words = field_words(page, f, dx, dy);
    assert!(!words.is_empty(), "{what}: nothing printed for {f}");
    let left = words.iter().map(|w| w.x0).fold(f64::MAX, f64::min);
    let right = words.iter().map(|w| w.x1).fold(f64::MIN, f64::max);
    let x = f["x_mm"].as_f64().unwrap() + dx;
    let w = f["width_mm"].as_f64().unwrap();
    let (got, want) = match f["align"].as_str().unwrap() {
        "left" => (left, x),
        "right" => (right, x + w),
        _ => ((left + right) / 2.0, x + w / 2.0),
    };
    assert!(
        (got - want).abs() <= TOLERANCE_MM,
        "{what}: {} at {got:.2} mm, layout says {want:.2} mm",
        f["kind"]
    );
    words
        .iter()
        .map(|w| w.text.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

fn recipients(db: &Path, number: &str) -> Vec<String> {
    let conn = rusqlite::Connection::open(db).unwrap();
    let mut stmt = conn
        .prepare(
            "SELECT coalesce((SELECT full_name FROM persons WHERE id = a.person_id),
                             (SELECT name FROM units WHERE id = a.unit_id),
                             'Gia đình ' || (SELECT head_name FROM households WHERE id = a.household_id))
             FROM awards a JOIN decisions d ON d.id = a.decision_id WHERE d.number = ?1",
        )
        .unwrap();
    let mut names: Vec<String> = stmt
        .query_map([number], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    names.sort();
    names
}

fn layout(db: &Path, name: Option<&str>) -> Value {
    let mut args = vec!["certificates", "layouts", "show", "--json"];
    args.extend(name);
    json(&thidua(db, &args))
}

#[test]
fn every_field_of_every_certificate_lands_where_the_layout_says() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let pdf = dir.path().join("gk-128.pdf");
    let o = thidua(
        &db,
        &[
            "certificates",
            "--decision",
            "128/QĐ-UBND",
            "--out",
            pdf.to_str().unwrap(),
            "--json",
        ],
    );
    let summary = json(&o);
    let names = recipients(&db, "128/QĐ-UBND");
    assert!(names.len() > 20, "the demo decision has many recipients");
    let pages = read_pdf(&pdf);
    assert_eq!(pages.len(), names.len(), "one page per recipient");
    assert_eq!(summary["pages"].as_u64().unwrap() as usize, names.len());
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(
        stderr.contains(&format!("({} trang", names.len())),
        "{stderr}"
    );

    let layout = layout(&db, None);
    let fields = layout["fields"].as_array().unwrap();
    let mut printed = Vec::new();
    for (i, page) in pages.iter().enumerate() {
        for f in fields {
            // A collective or a household may have no position or unit to print.
            if f["kind"] == "position_unit" && field_words(page, f, 0.0, 0.0).is_empty() {
                continue;
            }
            let text = assert_placed(page, f, 0.0, 0.0, &format!("page {}", i + 1));
            match f["kind"].as_str().unwrap() {
                "recipient_name" => printed.push(text),
                "decision_ref" => assert_eq!(text, "Quyết định số 128/QĐ-UBND ngày 26/12/2025"),
                "place_date" => assert_eq!(text, "An Bình, ngày 26 tháng 12 năm 2025"),
                "signer_title" => assert_eq!(text, "CHỦ TỊCH"),
                "signer_name" => assert_eq!(text, "Nguyễn Văn Thành"),
                _ => {}
            }
        }
        // Nothing else is printed: the blank has its own heading and border.
        let expected: usize = fields
            .iter()
            .map(|f| field_words(page, f, 0.0, 0.0).len())
            .sum();
        let achievement_extra = page.len() - expected;
        assert!(achievement_extra <= 12, "stray text on page {}", i + 1);
    }
    printed.sort();
    assert_eq!(
        printed, names,
        "each recipient gets exactly one certificate"
    );
}

#[test]
fn a_very_long_name_is_shrunk_on_one_line_within_its_width() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let long = "Nguyễn Thị Hoàng Phương Thảo Bảo Ngọc Minh Khuê Tôn Nữ Diệu Huyền";
    {
        let conn = rusqlite::Connection::open(&db).unwrap();
        let changed = conn
            .execute(
                "UPDATE persons SET full_name = ?1 WHERE id =
                   (SELECT a.person_id FROM awards a JOIN decisions d ON d.id = a.decision_id
                    WHERE d.number = '15/QĐ-UBND' LIMIT 1)",
                [long],
            )
            .unwrap();
        assert_eq!(changed, 1);
    }
    let pdf = dir.path().join("gk-15.pdf");
    let summary = json(&thidua(
        &db,
        &[
            "certificates",
            "--decision",
            "15/QĐ-UBND",
            "--out",
            pdf.to_str().unwrap(),
            "--json",
        ],
    ));
    assert!(summary["shrunk"].as_u64().unwrap() >= 1);
    assert_eq!(summary["warnings"].as_array().unwrap().len(), 0);
    let layout = layout(&db, None);
    let name_field = &layout["fields"][0];
    assert_eq!(name_field["kind"], "recipient_name");
    let size = name_field["font_size_pt"].as_f64().unwrap();
    let (x, w) = (
        name_field["x_mm"].as_f64().unwrap(),
        name_field["width_mm"].as_f64().unwrap(),
    );
    let pages = read_pdf(&pdf);
    let page = pages
        .iter()
        .find(|p| p.iter().any(|w| w.text == "Khuê"))
        .expect("the long name is printed");
    let text = assert_placed(page, name_field, 0.0, 0.0, "long name");
    assert_eq!(text, long, "the whole name on the name's one line");
    let words = field_words(page, name_field, 0.0, 0.0);
    for word in &words {
        assert!(
            word.size_pt < size - 1.0 && word.size_pt >= size * 0.6 - 0.5,
            "{} at {:.1} pt (field {size} pt)",
            word.text,
            word.size_pt
        );
        assert!(word.x0 >= x - 0.1 && word.x1 <= x + w + 0.1, "{word:?}");
    }
    // The other certificate keeps the full size.
    let other = pages
        .iter()
        .find(|p| !p.iter().any(|w| w.text == "Khuê"))
        .unwrap();
    let normal = field_words(other, name_field, 0.0, 0.0);
    assert!(
        normal.iter().all(|w| (w.size_pt - size).abs() < 0.5),
        "{normal:?}"
    );

    // A name that cannot fit even at 60 % is printed anyway, with a warning.
    let json_path = dir.path().join("narrow.json");
    ok(&thidua(
        &db,
        &[
            "certificates",
            "layouts",
            "export",
            "--out",
            json_path.to_str().unwrap(),
        ],
    ));
    let mut v: Value = serde_json::from_str(&std::fs::read_to_string(&json_path).unwrap()).unwrap();
    v["name"] = "Phôi hẹp".into();
    v["fields"][0]["width_mm"] = 60.0.into();
    v["fields"][0]["x_mm"] = 118.5.into();
    std::fs::write(&json_path, v.to_string()).unwrap();
    ok(&thidua(
        &db,
        &[
            "certificates",
            "layouts",
            "import",
            json_path.to_str().unwrap(),
        ],
    ));
    let o = thidua(
        &db,
        &[
            "certificates",
            "--decision",
            "15/QĐ-UBND",
            "--layout",
            "phôi hẹp",
            "--out",
            pdf.to_str().unwrap(),
        ],
    );
    let stderr = String::from_utf8_lossy(&ok(&o).stderr).to_string();
    assert!(stderr.contains("Cảnh báo: Trang "), "{stderr}");
    assert!(
        stderr.contains("vẫn không vừa chiều rộng 60 mm"),
        "{stderr}"
    );
}

#[test]
fn the_printer_nudge_moves_every_field_and_layouts_travel_as_json() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let json_path = dir.path().join("layout.json");
    ok(&thidua(
        &db,
        &[
            "certificates",
            "layouts",
            "export",
            "--out",
            json_path.to_str().unwrap(),
        ],
    ));
    let mut v: Value = serde_json::from_str(&std::fs::read_to_string(&json_path).unwrap()).unwrap();
    v["offset_x_mm"] = 3.0.into();
    v["offset_y_mm"] = (-2.5).into();
    std::fs::write(&json_path, v.to_string()).unwrap();
    let imported = json(&thidua(
        &db,
        &[
            "certificates",
            "layouts",
            "import",
            json_path.to_str().unwrap(),
            "--json",
        ],
    ));
    assert_eq!(imported["name"], "Giấy khen mẫu (A4 ngang) (nhập)");
    assert_eq!(imported["offset_x_mm"], 3.0);

    let pdf = dir.path().join("lech.pdf");
    ok(&thidua(
        &db,
        &[
            "certificates",
            "--decision",
            "129/QĐ-UBND",
            "--layout",
            "Giấy khen mẫu (A4 ngang) (nhập)",
            "--out",
            pdf.to_str().unwrap(),
        ],
    ));
    let pages = read_pdf(&pdf);
    for f in imported["fields"].as_array().unwrap() {
        for page in &pages {
            assert_placed(page, f, 3.0, -2.5, "nudged");
        }
    }

    // A layout with a field off the page is refused with a message naming the field.
    v["name"] = "Hỏng".into();
    v["fields"][1]["x_mm"] = 200.0.into();
    std::fs::write(&json_path, v.to_string()).unwrap();
    let o = thidua(
        &db,
        &[
            "certificates",
            "layouts",
            "import",
            json_path.to_str().unwrap(),
        ],
    );
    assert_eq!(o.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(
        stderr.contains("Ô \"Chức vụ, đơn vị\" nằm ngoài trang 297×210 mm"),
        "{stderr}"
    );

    // Listing shows both; duplicating and changing the default work by name.
    let list = json(&thidua(&db, &["certificates", "layouts", "list", "--json"]));
    assert_eq!(list.as_array().unwrap().len(), 2);
    ok(&thidua(
        &db,
        &[
            "certificates",
            "layouts",
            "default",
            "Giấy khen mẫu (A4 ngang) (nhập)",
        ],
    ));
    assert_eq!(layout(&db, None)["offset_x_mm"], 3.0);
}

#[test]
fn the_calibration_page_has_the_millimetre_grid_and_every_field_box() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let pdf = dir.path().join("can-chinh.pdf");
    ok(&thidua(
        &db,
        &[
            "certificates",
            "--calibration",
            "--out",
            pdf.to_str().unwrap(),
        ],
    ));
    let pages = read_pdf(&pdf);
    assert_eq!(pages.len(), 1);
    let page = &pages[0];
    // The labels every 10 mm along the top edge, each just right of its line.
    let top: BTreeMap<i64, f64> = page
        .iter()
        .filter(|w| w.baseline < 6.0)
        .filter_map(|w| w.text.parse::<i64>().ok().map(|n| (n, w.x0)))
        .collect();
    let expected: Vec<i64> = (1..=29).map(|i| i * 10).collect();
    assert_eq!(top.keys().copied().collect::<Vec<_>>(), expected);
    for (n, x) in &top {
        assert!(
            (x - (*n as f64 + 0.6)).abs() < TOLERANCE_MM,
            "label {n} at {x}"
        );
    }
    // And down the left edge to 210 mm.
    let left: Vec<i64> = page
        .iter()
        .filter(|w| w.x0 < 6.0)
        .filter_map(|w| w.text.parse::<i64>().ok())
        .collect();
    assert_eq!(left, (1..=21).map(|i| i * 10).collect::<Vec<_>>());
    let all: String = page
        .iter()
        .map(|w| w.text.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    for caption in [
        "Tên người (tập thể) được khen — x 40, y 98, rộng 217 mm, 26 pt, đậm",
        "Số, ngày quyết định — x 25, y 190",
        "Trang căn chỉnh",
    ] {
        assert!(all.contains(caption), "{caption} missing");
    }
    // The sample name sits in its box like a real one.
    let layout = layout(&db, None);
    assert_eq!(
        assert_placed(page, &layout["fields"][0], 0.0, 0.0, "calibration"),
        "Nguyễn Thị Thu Hương"
    );
}

#[test]
fn a_decision_is_needed_and_one_without_recipients_prints_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let o = thidua(&db, &["certificates", "--out", "x.pdf"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("--calibration"));
    let o = thidua(
        &db,
        &[
            "certificates",
            "--decision",
            "999/QĐ-UBND",
            "--out",
            "x.pdf",
        ],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("Không tìm thấy quyết định số 999/QĐ-UBND"));
    ok(&thidua(
        &db,
        &[
            "awards",
            "decide",
            "--number",
            "200/QĐ-UBND",
            "--date",
            "2026-05-01",
            "--year",
            "2026",
        ],
    ));
    let out = dir.path().join("empty.pdf");
    let o = thidua(
        &db,
        &[
            "certificates",
            "--decision",
            "200/QĐ-UBND",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert_eq!(
        o.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(String::from_utf8_lossy(&o.stderr).contains("chưa có ai được khen"));
    assert!(!out.exists());
}
