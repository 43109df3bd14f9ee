//! Real workbooks written to disk and read back with calamine, as the level above reads them.

use super::*;
use crate::decisions::{AwardInput, AwardQuery, AwardType, DecisionInput, DecisionLevel};
use crate::persons::PersonInput;
use crate::profile::{OfficeLevel, OfficeProfile};
use crate::subjects::{RecipientKind, Subject};
use crate::units::{UnitInput, UnitKind};
use calamine::{open_workbook, Data, Range, Reader, SheetVisible, Xlsx};
use std::collections::{HashMap, HashSet};

fn demo() -> Store {
    let mut s = Store::open_in_memory().unwrap();
    crate::demo::fill(&mut s, 2026).unwrap();
    s
}

fn read(path: &Path) -> Xlsx<std::io::BufReader<std::fs::File>> {
    open_workbook(path).expect("the file opens")
}

fn sheet(book: &mut Xlsx<std::io::BufReader<std::fs::File>>, name: &str) -> Range<Data> {
    book.worksheet_range(name).expect(name)
}

fn s(r: &Range<Data>, row: u32, col: u32) -> String {
    match r.get_value((row, col)) {
        Some(Data::String(x)) => x.clone(),
        Some(Data::Float(f)) => f.to_string(),
        Some(Data::Int(i)) => i.to_string(),
        _ => String::new(),
    }
}

fn n(r: &Range<Data>, row: u32, col: u32) -> i64 {
    match r.get_value((row, col)) {
        Some(Data::Float(f)) => *f as i64,
        Some(Data::Int(i)) => *i,
        Some(Data::Empty) | None => 0,
        other => panic!("({row}, {col}) is not a number: {other:?}"),
    }
}

fn find_row(r: &Range<Data>, col: u32, text: &str) -> u32 {
    let end = r.end().unwrap().0;
    (0..=end)
        .find(|row| s(r, *row, col) == text)
        .unwrap_or_else(|| panic!("no row with \"{text}\""))
}

/// The `_thidua` table `name` as (column name → value) maps.
fn machine_table(r: &Range<Data>, name: &str) -> Vec<HashMap<String, String>> {
    let end = r.end().unwrap();
    let start = (0..=end.0)
        .find(|row| s(r, *row, 0) == "#table" && s(r, *row, 1) == name)
        .unwrap_or_else(|| panic!("no table {name}"));
    let count = n(r, start, 2) as u32;
    let columns: Vec<String> = (0..=end.1)
        .map(|c| s(r, start + 1, c))
        .take_while(|c| !c.is_empty())
        .collect();
    (0..count)
        .map(|i| {
            columns
                .iter()
                .enumerate()
                .map(|(c, k)| (k.clone(), s(r, start + 2 + i, c as u32)))
                .collect()
        })
        .collect()
}

#[test]
fn rollup_of_the_demo_matches_the_statistics_and_lists_every_award() {
    let store = demo();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tong-hop-2025.xlsx");
    let summary = rollup(&store, 2025, None, &path).unwrap();
    let stats = store.stats(2025, None).unwrap().current;
    let awards = store
        .awards(&AwardQuery {
            from: Some("2025-01-01".into()),
            to: Some("2025-12-31".into()),
            ..Default::default()
        })
        .unwrap();
    assert!(awards.len() > 20, "the demo has awards in 2025");
    assert_eq!(summary.records, awards.len());
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(leftovers.len(), 1, "no temporary file left: {leftovers:?}");

    let mut book = read(&path);
    let names = book.sheet_names();
    for name in [
        "Tổng hợp",
        "Danh sách khen thưởng",
        "Đăng ký thi đua",
        "Chấm điểm khối",
        "Số liệu báo cáo",
        "Biểu 0601",
        "Biểu 0602",
        "Biểu 0603",
        "_thidua",
    ] {
        assert!(names.iter().any(|n| n == name), "sheet {name} in {names:?}");
    }
    let hidden: Vec<_> = book
        .sheets_metadata()
        .iter()
        .filter(|m| m.visible != SheetVisible::Visible)
        .map(|m| m.name.clone())
        .collect();
    assert_eq!(hidden, vec!["_thidua".to_string()]);

    // "Tổng hợp": the Tổng cộng row per code and recipient equals the statistics.
    let t = sheet(&mut book, "Tổng hợp");
    assert!(s(&t, 4, 0).contains("NĂM 2025"), "title: {}", s(&t, 4, 0));
    assert_eq!(s(&t, 5, 0), "(Từ ngày 01/01/2025 đến ngày 31/12/2025)");
    assert_eq!(s(&t, 0, 0), "UBND TỈNH BẮC NINH");
    let (h0, h1, h2) = (7, 8, 9);
    let total = find_row(&t, 0, "Tổng cộng");
    let last_col = t.end().unwrap().1;
    let (mut group, mut code) = (String::new(), String::new());
    let mut checked = 0;
    for c in 2..=last_col {
        if !s(&t, h0, c).is_empty() {
            group = s(&t, h0, c);
        }
        if !s(&t, h1, c).is_empty() {
            code = s(&t, h1, c);
        }
        let value = n(&t, total, c);
        if code == "Tổng số" {
            let expected = if group == "Danh hiệu thi đua" {
                stats.danh_hieu.total
            } else {
                stats.hinh_thuc.total
            };
            assert_eq!(value, expected, "{group} tổng số");
            continue;
        }
        let kind = match s(&t, h2, c).as_str() {
            "Tập thể" => RecipientKind::TapThe,
            "Cá nhân" => RecipientKind::CaNhan,
            "Hộ gia đình" => RecipientKind::HoGiaDinh,
            other => panic!("kind header {other}"),
        };
        let expected = stats
            .by_code
            .iter()
            .filter(|x| x.name == code && x.recipient_kind == kind)
            .map(|x| x.count)
            .sum::<i64>();
        assert_eq!(value, expected, "{code} / {kind:?}");
        checked += expected;
    }
    assert_eq!(checked, stats.danh_hieu.total + stats.hinh_thuc.total);
    // Each group's "Cộng" rows add up to the Tổng cộng.
    let cong: i64 = (h2 + 1..total)
        .filter(|r| s(&t, *r, 0) == "Cộng")
        .map(|r| n(&t, r, 2))
        .sum();
    assert_eq!(cong, stats.danh_hieu.total);

    // "Danh sách khen thưởng": one row per award, amounts, real dates, the total.
    let l = sheet(&mut book, "Danh sách khen thưởng");
    let first = 9;
    let end = find_row(
        &l,
        0,
        &format!("Tổng cộng: {} lượt khen thưởng", awards.len()),
    );
    assert_eq!((end - first) as usize, awards.len());
    assert_eq!((s(&l, 8, 4), s(&l, 8, 5)), ("Số".into(), "Ngày".into()));
    for (i, a) in awards.iter().enumerate() {
        let r = first + i as u32;
        assert_eq!(n(&l, r, 0), i as i64 + 1);
        assert_eq!(s(&l, r, 1), a.recipient_name);
        assert_eq!(s(&l, r, 3), a.code_name);
        assert_eq!(n(&l, r, 10), a.amount, "amount of {}", a.recipient_name);
        match l.get_value((r, 5)) {
            Some(Data::DateTime(d)) => {
                let epoch = chrono::NaiveDate::from_ymd_opt(1899, 12, 30).unwrap();
                let day = epoch + chrono::Days::new(d.as_f64() as u64);
                assert_eq!(day.format("%Y-%m-%d").to_string(), a.decision_date);
            }
            other => panic!("decision date is not a date: {other:?}"),
        }
    }
    assert_eq!(n(&l, end, 10), stats.total_amount);
    assert_eq!(n(&l, end, 9), stats.direct_workers);

    // The hidden sheet: metadata and every award id, with its row on the list.
    let m = sheet(&mut book, "_thidua");
    assert_eq!(s(&m, 0, 0), "thidua");
    assert_eq!(n(&m, 0, 1), FORMAT_VERSION as i64);
    let meta: HashMap<String, String> = (1..)
        .take_while(|r| !s(&m, *r, 0).is_empty())
        .map(|r| (s(&m, r, 0), s(&m, r, 1)))
        .collect();
    assert_eq!(meta["kind"], "rollup");
    assert_eq!(meta["office_name"], "UBND xã An Bình");
    assert_eq!(meta["period_from"], "2025-01-01");
    assert_eq!(meta["year"], "2025");
    let listed = machine_table(&m, "awards");
    let ids: HashSet<&str> = listed.iter().map(|r| r["id"].as_str()).collect();
    let expected: HashSet<&str> = awards.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, expected);
    for r in &listed {
        let row: u32 = r["sheet_row"].parse().unwrap();
        let a = awards.iter().find(|a| a.id == r["id"]).unwrap();
        assert_eq!(
            s(&l, row - 1, 1),
            a.recipient_name,
            "sheet_row points at the award"
        );
    }
    let decisions: HashSet<String> = machine_table(&m, "decisions")
        .into_iter()
        .map(|r| r["id"].clone())
        .collect();
    assert!(awards.iter().all(|a| decisions.contains(&a.decision_id)));
    let persons: HashSet<String> = machine_table(&m, "persons")
        .into_iter()
        .map(|r| r["id"].clone())
        .collect();
    for a in &awards {
        if let Subject::Person(p) = &a.subject {
            assert!(persons.contains(p));
        }
    }
    assert!(!machine_table(&m, "units").is_empty());
    assert!(!machine_table(&m, "registrations").is_empty());

    // Biểu 0601 from the movements of the year.
    let b = sheet(&mut book, "Biểu 0601");
    let mv = store.movement_stats(2025).unwrap();
    let r01 = find_row(&b, 1, "01");
    assert_eq!(n(&b, r01, 2), mv.row("01").unwrap().total as i64);
}

#[test]
fn the_first_half_counts_only_its_decisions() {
    let store = demo();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("h1.xlsx");
    rollup(&store, 2026, Some(1), &path).unwrap();
    let stats = store.stats(2026, Some(1)).unwrap().current;
    let mut book = read(&path);
    let t = sheet(&mut book, "Tổng hợp");
    assert_eq!(s(&t, 5, 0), "(Từ ngày 01/01/2026 đến ngày 30/06/2026)");
    let total = find_row(&t, 0, "Tổng cộng");
    assert_eq!(n(&t, total, 2), stats.danh_hieu.total);
    assert!(rollup(&store, 2026, Some(3), &path).is_err());
}

/// The list is read from the store in order as it is written (never held): it must be the
/// list the app shows, row for row, with the hidden sheet's rows in the same order, and the
/// store must be left as it was (its page cache size, no temporary tables).
#[test]
fn the_streamed_list_is_the_stores_list_and_leaves_the_store_as_it_was() {
    let store = demo();
    let cache: i64 = store
        .conn
        .query_row("PRAGMA cache_size", [], |r| r.get(0))
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tong-hop.xlsx");
    rollup(&store, 2025, None, &path).unwrap();
    let awards = store
        .awards(&AwardQuery {
            from: Some("2025-01-01".into()),
            to: Some("2025-12-31".into()),
            ..Default::default()
        })
        .unwrap();
    let mut book = read(&path);
    let l = sheet(&mut book, "Danh sách khen thưởng");
    for (i, a) in awards.iter().enumerate() {
        let r = 9 + i as u32;
        assert_eq!(s(&l, r, 1), a.recipient_name, "row {r}");
        let place = [a.position.as_str(), a.unit.as_str()]
            .into_iter()
            .filter(|x| !x.is_empty())
            .collect::<Vec<_>>()
            .join(", ");
        assert_eq!(s(&l, r, 2), place, "row {r}");
        assert_eq!(s(&l, r, 4), a.decision_number, "row {r}");
        assert_eq!(s(&l, r, 8), a.achievement, "row {r}");
    }
    let m = sheet(&mut book, "_thidua");
    let listed = machine_table(&m, "awards");
    let ids: Vec<&str> = listed.iter().map(|r| r["id"].as_str()).collect();
    let expected: Vec<&str> = awards.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, expected, "the hidden rows follow the list");
    let persons: HashSet<&str> = awards
        .iter()
        .filter_map(|a| match &a.subject {
            Subject::Person(id) => Some(id.as_str()),
            _ => None,
        })
        .collect();
    let table = machine_table(&m, "persons");
    assert_eq!(table.len(), persons.len());
    assert!(table.windows(2).all(|w| w[0]["id"] < w[1]["id"]));
    assert!(table.iter().all(|p| persons.contains(p["id"].as_str())));

    let after: i64 = store
        .conn
        .query_row("PRAGMA cache_size", [], |r| r.get(0))
        .unwrap();
    assert_eq!(after, cache);
    let temp: i64 = store
        .conn
        .query_row("SELECT count(*) FROM temp.sqlite_master", [], |r| r.get(0))
        .unwrap();
    assert_eq!(temp, 0, "no temporary table left");
    // The same data gives the same sheets again.
    let again = dir.path().join("lan-hai.xlsx");
    rollup(&store, 2025, None, &again).unwrap();
    let mut second = read(&again);
    for name in ["Tổng hợp", "Danh sách khen thưởng", "Biểu 0602"] {
        assert_eq!(
            sheet(&mut book, name),
            sheet(&mut second, name),
            "{name} the same twice"
        );
    }
}

/// Store with names that a spreadsheet would take for formulas.
fn hostile() -> Store {
    let mut s = Store::open_in_memory().unwrap();
    let mut p = OfficeProfile::new("UBND xã Thử", OfficeLevel::Xa);
    p.parent_authority = "@UBND tỉnh".into();
    s.init_profile(&p).unwrap();
    let mut units = Vec::new();
    for (code, name) in [("F1", "=SUM(A1)"), ("T1", "-Tổ 1")] {
        units.push(
            s.create_unit(&UnitInput {
                code: code.into(),
                name: name.into(),
                kind: UnitKind::ThonToDanPho,
                staff_count: None,
                parent_id: None,
                note: String::new(),
            })
            .unwrap()
            .id,
        );
    }
    let person = s
        .create_person(&PersonInput::named("+Nguyễn Văn A", Some(&units[1])))
        .unwrap()
        .id;
    let d = s
        .create_decision(&DecisionInput {
            number: "=1+1".into(),
            decision_date: "2025-12-20".into(),
            level: DecisionLevel::Xa,
            authority: String::new(),
            signer_name: String::new(),
            signer_title: String::new(),
            award_type: AwardType::CongTrang,
            movement_id: None,
            year: 2025,
            period_from: None,
            period_to: None,
            note: String::new(),
        })
        .unwrap()
        .id;
    for subject in [Subject::Unit(units[0].clone()), Subject::Person(person)] {
        s.add_award(
            &d,
            &AwardInput {
                subject,
                code: "GK_XA".into(),
                achievement: "=HYPERLINK(\"http://x\")".into(),
                direct_worker: false,
                position: None,
                unit_name: None,
                amount: None,
            },
        )
        .unwrap();
    }
    s
}

#[test]
fn text_that_looks_like_a_formula_stays_text() {
    let store = hostile();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("x.xlsx");
    rollup(&store, 2025, None, &path).unwrap();
    let mut book = read(&path);
    for name in book.sheet_names() {
        let f = book.worksheet_formula(&name).unwrap();
        assert!(
            f.used_cells().all(|(_, _, v)| v.is_empty()),
            "no formula on {name}"
        );
    }
    let t = sheet(&mut book, "Tổng hợp");
    let names: Vec<String> = (0..30).map(|r| s(&t, r, 1)).collect();
    assert!(names.contains(&"=SUM(A1)".to_string()), "{names:?}");
    assert!(names.contains(&"-Tổ 1".to_string()), "{names:?}");
    assert_eq!(s(&t, 0, 0), "@UBND TỈNH");
    let l = sheet(&mut book, "Danh sách khen thưởng");
    let col1: Vec<String> = (9..11).map(|r| s(&l, r, 1)).collect();
    assert!(col1.contains(&"+Nguyễn Văn A".to_string()), "{col1:?}");
    assert_eq!(s(&l, 9, 4), "=1+1");
    assert_eq!(s(&l, 9, 8), "=HYPERLINK(\"http://x\")");
}

#[test]
fn templates_carry_the_headers_lists_and_what_they_are() {
    let store = demo();
    let dir = tempfile::tempdir().unwrap();
    for (kind, sheet_name, header) in [
        (
            TemplateKind::Registrations,
            "Đăng ký thi đua",
            "Danh hiệu thi đua đăng ký",
        ),
        (
            TemplateKind::Awards,
            "Danh sách khen thưởng",
            "Danh hiệu / hình thức",
        ),
        (TemplateKind::Scores, "Chấm điểm khối", "Tổng điểm tự chấm"),
    ] {
        let path = dir.path().join(format!("{}.xlsx", kind.as_str()));
        template(&store, kind, 2026, None, &path).unwrap();
        let mut book = read(&path);
        let names = book.sheet_names();
        for n in [sheet_name, "Hướng dẫn", "Danh mục", "_thidua"] {
            assert!(names.iter().any(|x| x == n), "{n} in {names:?}");
        }
        let m = sheet(&mut book, "_thidua");
        let cols = machine_table(&m, "columns");
        assert!(cols.iter().any(|c| c["header"] == header));
        let header_row: u32 = cols[0]["header_row"].parse().unwrap();
        let t = sheet(&mut book, sheet_name);
        for c in &cols {
            let col: u32 = c["column"].parse().unwrap();
            assert_eq!(s(&t, header_row - 1, col - 1), c["header"]);
        }
        let kinds: Vec<String> = (1..4).map(|r| s(&m, r, 1)).collect();
        assert_eq!(kinds[0], format!("template_{}", kind.as_str()));
        let lists = sheet(&mut book, "Danh mục");
        assert_eq!(s(&lists, 1, 1), "LDTT", "codes beside the names");
    }
    // One unit's template names it.
    let path = dir.path().join("vp.xlsx");
    template(&store, TemplateKind::Scores, 2026, Some("VP"), &path).unwrap();
    let mut book = read(&path);
    let m = sheet(&mut book, "_thidua");
    assert!((1..20).any(|r| s(&m, r, 0) == "unit_code" && s(&m, r, 1) == "VP"));
    assert_eq!(
        template(&store, TemplateKind::Scores, 2026, Some("KHONGCO"), &path)
            .unwrap_err()
            .code(),
        "not_found"
    );
}

#[test]
fn a_missing_folder_is_refused_and_nothing_is_written() {
    let store = demo();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("khong-co").join("x.xlsx");
    let err = rollup(&store, 2025, None, &path).unwrap_err();
    assert_eq!(err.field(), Some("out"));
    assert!(!path.exists());
}

#[test]
fn every_sheet_sent_up_says_what_it_is_attached_to_and_ends_with_the_signature_block() {
    let mut store = demo();
    let mut profile = store.profile().unwrap().unwrap();
    profile.signer_title = "Phó Chủ tịch".into();
    store.update_profile(&profile).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tong-hop.xlsx");
    let summary = rollup(&store, 2026, None, &path).unwrap();
    let mut book = read(&path);
    let visible: Vec<String> = book
        .sheets_metadata()
        .iter()
        .filter(|m| m.visible == SheetVisible::Visible)
        .map(|m| m.name.clone())
        .collect();
    assert!(visible.len() >= 5, "{:?}", summary.sheets);
    for name in visible {
        let r = sheet(&mut book, &name);
        let cells: Vec<String> = r
            .cells()
            .filter_map(|(_, _, d)| match d {
                Data::String(x) => Some(x.clone()),
                _ => None,
            })
            .collect();
        let has = |t: &str| cells.iter().any(|c| c == t);
        assert!(
            has("(Kèm theo Báo cáo số ……/BC-UBND ngày …/…/……)"),
            "{name}"
        );
        // Every cell of the heading and of the signature block is there: the streamed sheets
        // (award list, written in constant memory) drop a cell written above the current row.
        for line in [
            "NGƯỜI LẬP BIỂU",
            "(Ký, ghi rõ họ tên)",
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc",
            "UBND XÃ AN BÌNH",
        ] {
            assert!(has(line), "{name}: {line}");
        }
        // A deputy signs for the chair, on behalf of the committee.
        for line in ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"] {
            assert!(has(line), "{name}: {line}");
        }
        assert!(has(&profile.signer_name), "{name}");
        // The signature block comes after every other row of the sheet.
        let (sign_row, _) = r
            .cells()
            .find(|(_, _, d)| matches!(d, Data::String(x) if x == "NGƯỜI LẬP BIỂU"))
            .map(|(row, col, _)| (row, col))
            .unwrap();
        let last_table_row = r
            .cells()
            .filter(|(row, _, d)| *row < sign_row && !matches!(d, Data::Empty))
            .map(|(row, _, _)| row)
            .max()
            .unwrap();
        assert!(last_table_row + 2 <= sign_row, "{name}");
    }
}
