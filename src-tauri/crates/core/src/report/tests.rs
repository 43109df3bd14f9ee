use super::layout::{layout, Metrics};
use super::model::{page, Align, Block, Cell, Closing, Column, Document, Para, Run, Table};
use super::*;
use crate::fonts::Face;
use crate::profile::{OfficeLevel, OfficeProfile};

fn document(rows: usize, landscape: bool) -> Document {
    let words = "Cán bộ công chức viên chức thực hiện văn hóa công sở và chuyển đổi số";
    Document {
        landscape,
        parent: "UBND tỉnh Bắc Ninh".into(),
        issuer: "Ủy ban nhân dân xã An Bình".into(),
        number: "Số: 12/BC-UBND".into(),
        place_date: "An Bình, ngày 05 tháng 7 năm 2026".into(),
        title: "Báo cáo".into(),
        summary: vec!["Thử trang".into()],
        blocks: vec![
            Block::Para(Para::heading("I. KẾT QUẢ")),
            Block::Para(Para::body(vec![Run::plain(words.repeat(4))])),
            Block::Table(Table {
                columns: vec![
                    Column {
                        width: 0.7,
                        align: Align::Center,
                    },
                    Column {
                        width: 4.0,
                        align: Align::Left,
                    },
                    Column {
                        width: 1.0,
                        align: Align::Right,
                    },
                ],
                header: vec![
                    vec![
                        Cell::new("STT").span(1, 2),
                        Cell::new("Nội dung").span(1, 2),
                        Cell::new("Số liệu"),
                    ],
                    vec![Cell::new("Kỳ này")],
                ],
                // Rows of one to five lines, so page ends fall at every position.
                rows: (0..rows)
                    .map(|i| {
                        vec![
                            Cell::new((i + 1).to_string()),
                            Cell::new(words.repeat(i % 5 + 1)),
                            Cell::new(i.to_string()),
                        ]
                    })
                    .collect(),
                size: 12.0,
            }),
            Block::Closing(Closing {
                recipients: vec!["Như trên".into(), "Lưu: VT".into()],
                sign_lines: vec!["TM. Ủy ban nhân dân".into(), "Chủ tịch".into()],
                signer_name: "Nguyễn Văn Thành".into(),
            }),
        ],
    }
}

#[test]
fn rows_are_never_split_and_the_header_repeats_on_every_page() {
    for landscape in [false, true] {
        let l = layout(&document(90, landscape), &Metrics::new());
        assert!(l.pages.len() >= 4, "{} pages", l.pages.len());
        assert_eq!(
            (l.width, l.height),
            if landscape {
                (842.0, 595.0)
            } else {
                (595.0, 842.0)
            }
        );
        let bottom = l.height - page::BOTTOM;
        for r in &l.rows {
            assert!(r.top >= page::TOP - 0.01, "{r:?}");
            assert!(r.bottom <= bottom + 0.01, "{r:?} below the margin");
        }
        assert_eq!(l.rows.iter().filter(|r| !r.header).count(), 90);
        let last_page = l.rows.last().unwrap().page;
        let body_on_last = l
            .rows
            .iter()
            .filter(|r| r.page == last_page && !r.header)
            .count();
        assert!(body_on_last >= 2, "the last row is not alone on its page");
        let pages_with_rows: std::collections::BTreeSet<usize> =
            l.rows.iter().map(|r| r.page).collect();
        for p in pages_with_rows {
            let on_page: Vec<_> = l.rows.iter().filter(|r| r.page == p).collect();
            assert!(
                on_page[0].header && on_page[1].header,
                "page {p}: header first"
            );
            assert!(!on_page[2].header, "page {p}: then body rows");
        }
    }
}

#[test]
fn nothing_is_drawn_outside_the_margins_but_the_page_number() {
    let l = layout(&document(60, false), &Metrics::new());
    for (i, pg) in l.pages.iter().enumerate() {
        let numbers: Vec<_> = pg
            .items
            .iter()
            .filter(|it| matches!(it, layout::Item::Text { y, .. } if *y < page::TOP))
            .collect();
        assert_eq!(numbers.len(), usize::from(i > 0), "page {}", i + 1);
        for it in &pg.items {
            if let layout::Item::Text { x, y, text, .. } = it {
                if *y >= page::TOP {
                    assert!(*x >= page::LEFT - 0.01, "{text} at {x}");
                    assert!(*y <= l.height - page::BOTTOM, "{text} at {y}");
                }
            }
        }
    }
}

#[test]
fn text_is_measured_with_the_real_font() {
    let m = Metrics::new();
    let narrow = m.width(Face::Regular, 14.0, "iiii");
    let wide = m.width(Face::Regular, 14.0, "MMMM");
    assert!(wide > 3.0 * narrow, "{wide} vs {narrow}");
    // Bold is wider, and size scales linearly.
    let t = "Độc lập - Tự do - Hạnh phúc";
    assert!(m.width(Face::Bold, 13.0, t) > m.width(Face::Regular, 13.0, t));
    let a = m.width(Face::Regular, 10.0, t);
    assert!((m.width(Face::Regular, 20.0, t) - 2.0 * a).abs() < 0.01);
    // Times New Roman metrics: the national name at 12 pt bold is about 262 pt wide.
    let nation = m.width(Face::Bold, 12.0, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
    assert!((240.0..290.0).contains(&nation), "{nation}");
}

#[test]
fn html_uses_classes_only_and_prints_a4() {
    let html = html::render(&document(5, true));
    assert!(!html.contains("style=\""));
    assert!(html.contains("@page{size:A4 landscape;margin:20mm 15mm 20mm 30mm}"));
    assert!(html.contains("<th rowspan=\"2\""));
    assert!(html.contains("Nơi nhận:"));
}

#[test]
fn narratives_edited_on_screen_are_saved_all_or_none_and_last_years_text_stays_offered() {
    let mut s = Store::open_in_memory().unwrap();
    s.init_profile(&OfficeProfile::new("UBND xã An Bình", OfficeLevel::Xa))
        .unwrap();
    let edit = |key: &str, body: &str| NarrativeEdit {
        key: key.into(),
        body: body.into(),
    };
    s.set_report_narratives(
        ReportKind::TongKet,
        2025,
        None,
        &[
            edit("ton_tai", "Hồ sơ gửi chậm."),
            edit("kien_nghi", "Tăng quỹ."),
        ],
    )
    .unwrap();
    // This year's text saved: last year's is still there to copy in.
    let now = s
        .set_report_narratives(
            ReportKind::TongKet,
            2026,
            None,
            &[edit("ton_tai", "Khác\r\nhẳn  ")],
        )
        .unwrap();
    let t = now.iter().find(|x| x.key == "ton_tai").unwrap();
    assert_eq!(
        (t.source, t.body.as_str(), t.previous.as_str()),
        (NarrativeSource::Saved, "Khác\nhẳn", "Hồ sơ gửi chậm.")
    );
    let k = now.iter().find(|x| x.key == "kien_nghi").unwrap();
    assert_eq!(
        (k.source, k.body.as_str()),
        (NarrativeSource::Previous, "Tăng quỹ.")
    );

    // One unknown section: nothing of the batch is written.
    let e = s
        .set_report_narratives(
            ReportKind::TongKet,
            2026,
            None,
            &[edit("quy", "Đủ chi."), edit("khac", "x")],
        )
        .unwrap_err();
    assert_eq!(e.field(), Some("section"));
    let after = s
        .report_narratives(ReportKind::TongKet, 2026, None)
        .unwrap();
    let q = after.iter().find(|x| x.key == "quy").unwrap();
    assert_eq!(q.source, NarrativeSource::Empty);
}

#[test]
fn narratives_are_kept_per_period_and_last_periods_text_is_offered() {
    let mut s = Store::open_in_memory().unwrap();
    s.init_profile(&OfficeProfile::new("UBND xã An Bình", OfficeLevel::Xa))
        .unwrap();
    let first = s
        .report_narratives(ReportKind::TongKet, 2025, None)
        .unwrap();
    assert_eq!(first.len(), NARRATIVE_SECTIONS.len());
    assert!(first.iter().all(|x| x.source == NarrativeSource::Empty));

    // Typed in NFD (decomposed): stored NFC.
    let nfd = "Tho\u{302}\u{300}n Đông làm tốt";
    let saved = s
        .set_report_narrative(ReportKind::TongKet, 2025, None, "ton_tai", nfd)
        .unwrap();
    assert_eq!(saved.body, "Thồn Đông làm tốt");
    assert_eq!(saved.source, NarrativeSource::Saved);

    let next = s
        .report_narratives(ReportKind::TongKet, 2026, None)
        .unwrap();
    let t = next.iter().find(|x| x.key == "ton_tai").unwrap();
    assert_eq!(
        (t.source, t.body.as_str()),
        (NarrativeSource::Previous, "Thồn Đông làm tốt")
    );
    s.set_report_narrative(ReportKind::TongKet, 2026, None, "ton_tai", "Mới")
        .unwrap();
    let next = s
        .report_narratives(ReportKind::TongKet, 2026, None)
        .unwrap();
    let t = next.iter().find(|x| x.key == "ton_tai").unwrap();
    assert_eq!((t.source, t.body.as_str()), (NarrativeSource::Saved, "Mới"));

    // Sơ kết halves and tổng kết are apart.
    let half = s
        .report_narratives(ReportKind::SoKet, 2026, Some(1))
        .unwrap();
    assert!(half.iter().all(|x| x.source == NarrativeSource::Empty));

    let e = s
        .set_report_narrative(ReportKind::TongKet, 2025, None, "khac", "x")
        .unwrap_err();
    assert_eq!(e.field(), Some("section"));
    let e = s
        .report_narratives(ReportKind::QuyetDinh, 2025, None)
        .unwrap_err();
    assert_eq!(e.field(), Some("kind"));
}

#[test]
fn kinds_and_formats_are_parsed() {
    for k in ReportKind::ALL {
        assert_eq!(ReportKind::parse(k.as_str()).unwrap(), k);
    }
    assert_eq!(ReportKind::parse("so_ket").unwrap(), ReportKind::SoKet);
    assert_eq!(ReportKind::parse("x").unwrap_err().field(), Some("kind"));
    assert_eq!(
        ReportFormat::of_path(Path::new("a/b.DOCX")).unwrap(),
        ReportFormat::Docx
    );
    assert!(ReportFormat::of_path(Path::new("a.xlsx")).is_err());
}

/// The app's preview is styled by the printed document's own rules, confined to its
/// container; the file is written here (as ts-rs writes the types) and CI fails if the
/// committed one differs.
#[test]
fn the_apps_preview_stylesheet_is_the_documents_own_scoped_to_the_preview() {
    let css = super::html::scoped_stylesheet(".report-preview");
    for line in css.lines().filter(|l| !l.starts_with('@') && *l != "}") {
        let selectors = &line[..line.find('{').unwrap()];
        for sel in selectors.split(',') {
            assert!(sel.starts_with(".report-preview"), "unscoped: {sel}");
        }
    }
    assert!(css.contains(".report-preview .title{"));
    assert!(
        css.contains(".report-preview{font-family"),
        "body becomes the container"
    );
    assert!(css.contains("@media print{.report-preview .sheet{"));
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../ui/src/report-preview.css");
    let text = format!(
        "/* Generated from src-tauri/crates/core/src/report/html.rs by `cargo test -p thidua-core`; do not edit. */\n{css}"
    );
    std::fs::write(&path, text).unwrap();
}
