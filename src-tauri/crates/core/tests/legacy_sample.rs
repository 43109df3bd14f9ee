//! The shared sample spreadsheets (shared/domain/examples): the household list typed in TCVN3
//! with .VnTime / .VnTimeH fonts is detected as TCVN3 and converted to the Unicode a clerk
//! would read on screen; the Unicode lists are left alone except for the header cells pasted
//! in from an old TCVN3 document.

use std::path::PathBuf;

use calamine::{open_workbook, Data, Reader, Xlsx};
use thidua_core::legacy_text::{
    detect, detect_many, tcvn3_capitals_to_unicode, to_unicode, LegacyEncoding,
};
use unicode_normalization::is_nfc;

fn sample_path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../../shared/domain/examples")
        .join(name)
}

/// The text cells of the sample's first sheet as (A1-style reference, text).
fn text_cells(name: &str) -> Vec<(String, String)> {
    let path = sample_path(name);
    assert!(
        path.is_file(),
        "the sample spreadsheet is missing: expected it at {} (shared/domain/examples next to \
         the repository); this test needs it and does not skip",
        path.display()
    );
    let mut workbook: Xlsx<_> =
        open_workbook(&path).unwrap_or_else(|e| panic!("cannot open {}: {e}", path.display()));
    let range = workbook
        .worksheet_range_at(0)
        .unwrap_or_else(|| panic!("{name} has no sheet"))
        .unwrap_or_else(|e| panic!("cannot read the first sheet of {name}: {e}"));
    let (top, left) = range.start().expect("Sheet1 is not empty");
    range
        .cells()
        .filter_map(|(row, col, value)| match value {
            Data::String(text) => {
                let column = char::from(b'A' + (left as usize + col) as u8);
                Some((format!("{column}{}", top as usize + row + 1), text.clone()))
            }
            _ => None,
        })
        .collect()
}

fn cell(cells: &[(String, String)], reference: &str) -> String {
    cells
        .iter()
        .find(|(r, _)| r == reference)
        .map(|(_, text)| text.clone())
        .unwrap_or_else(|| panic!("no text in cell {reference}"))
}

#[test]
fn sample_is_detected_as_tcvn3_and_converts_to_real_vietnamese() {
    let cells = text_cells("tcvn3-gia-dinh-van-hoa-2023.xlsx");
    assert_eq!(
        detect_many(cells.iter().map(|(_, text)| text.as_str())),
        Some(LegacyEncoding::Tcvn3)
    );

    // The soft hyphen (TCVN3 "ư") survives in the file: "Th«n M\u{AD}êng Kh\u{AD}¬ng".
    assert!(cell(&cells, "C6").contains('\u{AD}'));

    // A1 and A3 use the style whose font is .VnTimeH (xl/styles.xml: cellXfs 1 → font 2), the
    // capitals font: stored in lower-case codes, shown and meant in capitals.
    assert_eq!(
        tcvn3_capitals_to_unicode(&cell(&cells, "A1")),
        "ỦY BAN NHÂN DÂN XÃ TÂN SƠN"
    );
    assert_eq!(
        tcvn3_capitals_to_unicode(&cell(&cells, "A3")),
        "DANH SÁCH HỘ GIA ĐÌNH ĐẠT DANH HIỆU GIA ĐÌNH VĂN HÓA NĂM 2023"
    );

    // The table is in .VnTime.
    let expected = [
        ("A5", "STT"),
        ("B5", "Họ và tên chủ hộ"),
        ("C5", "Thôn"),
        ("B6", "Nguyễn Văn Thắng"),
        ("C6", "Thôn Mường Khương"),
        ("B7", "Lò Thị Sâm"),
        ("C7", "Bản Xát"),
        ("B8", "Hà Văn Bảo"),
        ("C8", "Thôn Bảo Thắng"),
    ];
    for (reference, unicode) in expected {
        let converted = to_unicode(&cell(&cells, reference), LegacyEncoding::Tcvn3);
        assert_eq!(converted, unicode, "cell {reference}");
        assert!(is_nfc(&converted));
    }

    // Every cell with Vietnamese letters is recognised on its own too, even one-word cells.
    for (reference, text) in &cells {
        if !text.is_ascii() {
            assert_eq!(
                detect(text),
                Some(LegacyEncoding::Tcvn3),
                "cell {reference}"
            );
        }
    }
}

#[test]
fn unicode_samples_flag_only_their_pasted_tcvn3_headers() {
    for name in [
        "xa-an-binh-khen-thuong-2024.xlsx",
        "truong-thcs-hong-ky-dang-ky-2025.xlsx",
    ] {
        let cells = text_cells(name);
        // The national motto was pasted from an old TCVN3 document into a Times New Roman
        // cell, so it shows as "céng hoµ x· héi chñ nghÜa viÖt nam".
        for (reference, unicode) in [
            ("D1", "cộng hoà xã hội chủ nghĩa việt nam"),
            ("D2", "Độc lập - Tự do - Hạnh phúc"),
        ] {
            let text = cell(&cells, reference);
            assert_eq!(
                detect(&text),
                Some(LegacyEncoding::Tcvn3),
                "{name} {reference}"
            );
            assert_eq!(
                to_unicode(&text, LegacyEncoding::Tcvn3),
                unicode,
                "{name} {reference}"
            );
        }
        // Every other text cell is Unicode already and is not flagged.
        for (reference, text) in &cells {
            if reference != "D1" && reference != "D2" {
                assert_eq!(detect(text), None, "{name} {reference}: {text}");
            }
        }
        // The file as a whole is Unicode: two pasted cells do not outweigh it.
        assert_eq!(
            detect_many(cells.iter().map(|(_, t)| t.as_str())),
            None,
            "{name}"
        );
    }
}
