//! `thidua report …` as a clerk runs it: every document kind written as PDF and DOCX from the
//! demo office, the PDFs read back by poppler (page size, margins, page numbers, figures) and
//! the DOCX files opened and converted by LibreOffice, a program other than the writer.

mod common;

use common::*;
use serde_json::Value;
use std::collections::HashMap;
use std::path::Path;
use std::process::Command;

fn json(db: &Path, args: &[&str]) -> Value {
    let mut all = vec!["--json"];
    all.extend_from_slice(args);
    serde_json::from_slice(&ok(&thidua(db, &all)).stdout).expect("JSON on stdout")
}

/// True when the program runs; in CI the tools must be there (.ci/dev TEST_PACKAGES).
fn have(tool: &str, arg: &str) -> bool {
    let found = Command::new(tool)
        .arg(arg)
        .output()
        .is_ok_and(|o| o.status.success() || !o.stdout.is_empty() || !o.stderr.is_empty());
    assert!(
        found || std::env::var("CI").is_err(),
        "{tool} is required in CI (poppler-utils, libreoffice-writer-nogui)"
    );
    found
}

const KINDS: [&str; 7] = [
    "so-ket",
    "tong-ket",
    "thong-ke",
    "dang-ky",
    "cham-diem",
    "to-trinh",
    "quyet-dinh",
];

fn report(db: &Path, kind: &str, year: &str, extra: &[&str], out: &Path) -> Value {
    let mut args = vec![
        "report",
        "--kind",
        kind,
        "--year",
        year,
        "--out",
        out.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    json(db, &args)
}

/// One word of `pdftotext -bbox`: page number (from 1), text and box in points.
struct Word {
    page: usize,
    text: String,
    x0: f64,
    y0: f64,
    x1: f64,
    y1: f64,
}

struct PageBox {
    width: f64,
    height: f64,
}

fn attr(tag: &str, name: &str) -> f64 {
    let key = format!("{name}=\"");
    let start = tag.find(&key).expect(name) + key.len();
    let end = tag[start..].find('"').unwrap() + start;
    tag[start..end].parse().unwrap()
}

fn words(pdf: &Path) -> (Vec<PageBox>, Vec<Word>) {
    let o = Command::new("pdftotext")
        .arg("-bbox")
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext runs");
    assert!(o.status.success());
    let html = String::from_utf8_lossy(&o.stdout).into_owned();
    let (mut pages, mut out) = (Vec::new(), Vec::new());
    for line in html.lines() {
        let line = line.trim();
        if line.starts_with("<page ") {
            pages.push(PageBox {
                width: attr(line, "width"),
                height: attr(line, "height"),
            });
        } else if line.starts_with("<word ") {
            let text = line[line.find('>').unwrap() + 1..line.rfind("</word>").unwrap()]
                .replace("&amp;", "&");
            out.push(Word {
                page: pages.len(),
                text,
                x0: attr(line, "xMin"),
                y0: attr(line, "yMin"),
                x1: attr(line, "xMax"),
                y1: attr(line, "yMax"),
            });
        }
    }
    (pages, out)
}

/// The text of a PDF with its line breaks and spacing folded to single spaces.
fn text(pdf: &Path) -> String {
    let o = Command::new("pdftotext")
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext runs");
    String::from_utf8_lossy(&o.stdout)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

const MM: f64 = 72.0 / 25.4;

/// A4 (portrait or landscape), nothing outside the NĐ 30 margins (top/bottom 20 mm, left 30
/// mm, right 15 mm) but the page number, which sits centred in the top margin from page 2.
fn check_layout(pdf: &Path) -> usize {
    let (pages, words) = words(pdf);
    assert!(!pages.is_empty(), "{} has pages", pdf.display());
    for p in &pages {
        let a4 = (p.width - 595.0).abs() < 1.0 && (p.height - 842.0).abs() < 1.0;
        let a4_landscape = (p.width - 842.0).abs() < 1.0 && (p.height - 595.0).abs() < 1.0;
        assert!(
            a4 || a4_landscape,
            "{}: {}×{}",
            pdf.display(),
            p.width,
            p.height
        );
    }
    for (i, p) in pages.iter().enumerate() {
        let n = i + 1;
        let on_page: Vec<&Word> = words.iter().filter(|w| w.page == n).collect();
        let in_margin: Vec<&&Word> = on_page.iter().filter(|w| w.y0 < 20.0 * MM - 0.5).collect();
        if n == 1 {
            assert!(in_margin.is_empty(), "page 1 has no number");
        } else {
            assert_eq!(
                in_margin.len(),
                1,
                "{} page {n}: one page number",
                pdf.display()
            );
            let num = in_margin[0];
            assert_eq!(num.text, n.to_string());
            let centre = (num.x0 + num.x1) / 2.0;
            let text_centre = (30.0 * MM + p.width - 15.0 * MM) / 2.0;
            assert!((centre - text_centre).abs() < 3.0, "number centred");
        }
        for w in on_page.iter().filter(|w| w.y0 >= 20.0 * MM - 0.5) {
            assert!(
                w.x0 >= 30.0 * MM - 0.5,
                "{} p{n} '{}' left {}",
                pdf.display(),
                w.text,
                w.x0
            );
            assert!(
                w.x1 <= p.width - 15.0 * MM + 0.5,
                "{} p{n} '{}' right {}",
                pdf.display(),
                w.text,
                w.x1
            );
            assert!(
                w.y1 <= p.height - 20.0 * MM + 0.5,
                "{} p{n} '{}' bottom {}",
                pdf.display(),
                w.text,
                w.y1
            );
        }
    }
    pages.len()
}

#[test]
fn every_kind_is_written_as_pdf_and_docx_within_the_nd30_page() {
    if !have("pdftotext", "-v") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let mut docx = Vec::new();
    for kind in KINDS {
        let pdf = dir.path().join(format!("{kind}.pdf"));
        let summary = report(&db, kind, "2025", &[], &pdf);
        assert_eq!(summary["format"], "pdf");
        let pages = check_layout(&pdf);
        assert_eq!(summary["pages"].as_u64(), Some(pages as u64), "{kind}");
        let landscape = matches!(kind, "thong-ke" | "cham-diem");
        let (boxes, _) = words(&pdf);
        assert_eq!(
            boxes[0].width > boxes[0].height,
            landscape,
            "{kind} orientation"
        );
        // Vietnamese text is real text (subset font with a Unicode map), not shapes.
        let t = text(&pdf);
        assert!(
            t.contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
            "{kind}: {t:.200}"
        );
        assert!(t.contains("Độc lập - Tự do - Hạnh phúc"));

        let out = dir.path().join(format!("{kind}.docx"));
        let summary = report(&db, kind, "2025", &[], &out);
        assert_eq!(summary["format"], "docx");
        docx.push(out);
    }
    let html = dir.path().join("tong-ket.html");
    report(&db, "tong-ket", "2025", &[], &html);
    let page = std::fs::read_to_string(&html).unwrap();
    assert!(page.contains("@page{size:A4 portrait;margin:20mm 15mm 20mm 30mm}"));
    assert!(
        !page.contains("style=\""),
        "the app's CSP forbids style attributes"
    );
    assert!(page.contains("<thead>") && page.contains("<svg"));

    // Word's structures: header rows repeated, rows kept whole, numbers from page 2.
    let xml = unzip(&docx[3], "word/document.xml");
    assert!(xml.contains("<w:tblHeader />") && xml.contains("<w:cantSplit />"));
    assert!(xml.contains("<w:titlePg />"));
    assert!(xml.contains(r#"w:orient="portrait""#) || !xml.contains("w:orient"));
    assert!(!xml.contains(r#"w:val="1" w:hRule="atLeast""#));
    assert!(unzip(&docx[2], "word/document.xml").contains(r#"w:orient="landscape""#));

    if !have("soffice", "--version") {
        return;
    }
    let converted = dir.path().join("lo");
    let profile = format!("file://{}", dir.path().join("lo-profile").display());
    let o = Command::new("soffice")
        .arg(format!("-env:UserInstallation={profile}"))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(&converted)
        .args(&docx)
        .output()
        .expect("soffice runs");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    for (kind, _) in KINDS.iter().zip(&docx) {
        let pdf = converted.join(format!("{kind}.pdf"));
        assert!(pdf.exists(), "LibreOffice converted {kind}.docx");
        let (pages, _) = words(&pdf);
        let landscape = matches!(*kind, "thong-ke" | "cham-diem");
        assert_eq!(
            pages[0].width > pages[0].height,
            landscape,
            "{kind} in Word"
        );
        let t = text(&pdf);
        assert!(
            t.contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
            "{kind} in Word"
        );
        // No page of Word's layout is blank (a page break after a full page).
        let (_, ws) = words(&pdf);
        for n in 1..=pages.len() {
            assert!(
                ws.iter().filter(|w| w.page == n).count() > 1,
                "{kind}: page {n} in Word is blank"
            );
        }
    }
}

fn unzip(file: &Path, part: &str) -> String {
    let o = Command::new("python3")
        .args([
            "-c",
            "import sys,zipfile;sys.stdout.write(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]).decode())",
        ])
        .arg(file)
        .arg(part)
        .output()
        .expect("python3 runs");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8(o.stdout).unwrap()
}

fn fmt_n(v: &Value) -> String {
    let n = v.as_i64().unwrap();
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

#[test]
fn report_figures_equal_thidua_stats_for_the_period() {
    if !have("pdftotext", "-v") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    for (kind, half) in [
        ("tong-ket", None),
        ("so-ket", Some("1")),
        ("so-ket", Some("2")),
    ] {
        let mut args = vec!["stats", "--year", "2026"];
        let mut extra = Vec::new();
        if let Some(h) = half {
            args.extend(["--half", h]);
            extra.extend(["--half", h]);
        }
        let st = json(&db, &args);
        let pdf = dir
            .path()
            .join(format!("{kind}-{}.pdf", half.unwrap_or("0")));
        report(&db, kind, "2026", &extra, &pdf);
        let t = text(&pdf);
        let c = &st["current"];
        let p = &st["previous"];
        let total =
            c["danh_hieu"]["total"].as_i64().unwrap() + c["hinh_thuc"]["total"].as_i64().unwrap();
        let before =
            p["danh_hieu"]["total"].as_i64().unwrap() + p["hinh_thuc"]["total"].as_i64().unwrap();
        for expected in [
            format!(
                "đã ban hành {} quyết định khen thưởng",
                fmt_n(&c["decisions"])
            ),
            format!("tổng số {} lượt khen thưởng", fmt_n(&Value::from(total))),
            format!(
                "công nhận {} danh hiệu thi đua",
                fmt_n(&c["danh_hieu"]["total"])
            ),
            format!(
                "tặng {} hình thức khen thưởng",
                fmt_n(&c["hinh_thuc"]["total"])
            ),
            format!(
                "{} trên tổng số {} lượt cá nhân, đạt tỷ lệ {}%",
                fmt_n(&c["direct_workers"]),
                fmt_n(&c["individuals"]),
                format!("{:.1}", c["direct_worker_ratio"].as_f64().unwrap()).replace('.', ",")
            ),
            format!(
                "So với cùng kỳ năm 2025 ({} lượt)",
                fmt_n(&Value::from(before))
            ),
            format!("Tổng số tiền thưởng: {} đồng", fmt_n(&c["total_amount"])),
        ] {
            assert!(
                t.contains(&expected),
                "{kind} {half:?}: missing «{expected}»"
            );
        }
        for r in st["vs_registrations"].as_array().unwrap() {
            let line = format!(
                "{} {} {}",
                r["name"].as_str().unwrap(),
                fmt_n(&r["registered"]),
                fmt_n(&r["achieved"])
            );
            assert!(t.contains(&line), "{kind}: registrations row «{line}»");
        }
    }
}

#[test]
fn the_decision_lists_every_award_with_its_money_and_the_total() {
    if !have("pdftotext", "-v") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let awards = json(&db, &["awards", "list", "--year", "2026"]);
    let mut by_decision: HashMap<String, (usize, i64)> = HashMap::new();
    for a in awards.as_array().unwrap() {
        let e = by_decision
            .entry(a["decision_number"].as_str().unwrap().to_string())
            .or_default();
        e.0 += 1;
        e.1 += a["amount"].as_i64().unwrap();
    }
    let (number, (count, money)) = by_decision
        .iter()
        .max_by_key(|(_, (n, _))| *n)
        .map(|(k, v)| (k.clone(), *v))
        .unwrap();
    let pdf = dir.path().join("qd.pdf");
    report(&db, "quyet-dinh", "2026", &["--decision", &number], &pdf);
    let pages = check_layout(&pdf);
    let t = text(&pdf);
    assert!(t.contains(&format!("Số: {number}")));
    assert!(t.contains(&format!("(Kèm theo Quyết định số {number}")));
    assert!(
        t.contains(&format!(
            "Tổng cộng: {count} lượt {}",
            fmt_n(&Value::from(money))
        )),
        "total row: {t}"
    );
    assert!(t.contains(&format!(
        "tổng số tiền: {} đồng",
        fmt_n(&Value::from(money))
    )));
    assert!(t.contains("Nơi nhận:") && t.contains("TM. ỦY BAN NHÂN DÂN"));
    assert!(pages >= 2, "the list starts on its own page");

    // Long lists: the header row is printed again on every page.
    let pdf = dir.path().join("dk.pdf");
    report(&db, "dang-ky", "2026", &[], &pdf);
    let pages = check_layout(&pdf);
    assert!(pages > 2);
    let (_, words) = words(&pdf);
    for n in 1..=pages {
        assert!(
            words.iter().any(|w| w.page == n && w.text == "STT"),
            "page {n} repeats the header"
        );
    }

    let wrong = thidua(
        &db,
        &[
            "report",
            "--kind",
            "quyet-dinh",
            "--year",
            "2026",
            "--decision",
            "999/QĐ-XX",
            "--out",
            pdf.to_str().unwrap(),
        ],
    );
    assert_eq!(wrong.status.code(), Some(2));
    let year_only = thidua(
        &db,
        &[
            "report", "--kind", "tong-ket", "--year", "2026", "--half", "1", "--out", "x.pdf",
        ],
    );
    assert_eq!(year_only.status.code(), Some(2));
    let bad = thidua(
        &db,
        &[
            "report", "--kind", "bao-cao", "--year", "2026", "--out", "x.pdf",
        ],
    );
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("so-ket, tong-ket"));
    let ext = thidua(
        &db,
        &[
            "report", "--kind", "so-ket", "--year", "2026", "--out", "x.txt",
        ],
    );
    assert_eq!(ext.status.code(), Some(2));
}

#[test]
fn narrative_sections_are_kept_per_period_and_offered_next_period() {
    if !have("pdftotext", "-v") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let saved = json(
        &db,
        &[
            "report",
            "--kind",
            "tong-ket",
            "--year",
            "2025",
            "--section",
            "ton_tai",
            "--text",
            "Một số đơn vị gửi hồ sơ chậm.\nTỷ lệ khen thưởng người lao động trực tiếp còn thấp.",
        ],
    );
    assert_eq!(saved["source"], "saved");
    let pdf = dir.path().join("2025.pdf");
    report(&db, "tong-ket", "2025", &[], &pdf);
    assert!(text(&pdf).contains("Một số đơn vị gửi hồ sơ chậm."));
    // 2026 has no text of its own: last year's is offered as a start.
    let pdf = dir.path().join("2026.pdf");
    report(&db, "tong-ket", "2026", &[], &pdf);
    assert!(text(&pdf).contains("Tỷ lệ khen thưởng người lao động trực tiếp còn thấp."));
    // A sơ kết keeps its own text, apart from the tổng kết.
    let pdf = dir.path().join("so-ket.pdf");
    report(&db, "so-ket", "2025", &[], &pdf);
    assert!(!text(&pdf).contains("gửi hồ sơ chậm"));

    let bad = thidua(
        &db,
        &[
            "report",
            "--kind",
            "tong-ket",
            "--year",
            "2025",
            "--section",
            "loi",
            "--text",
            "x",
        ],
    );
    assert_eq!(bad.status.code(), Some(2));
}
