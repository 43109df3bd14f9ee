//! Importing spreadsheets as clerks receive them: the shared samples (shared/domain/examples)
//! and small workbooks written here with the traps of human-made sheets. Real SQLite.

use rust_xlsxwriter::{Format, Workbook};
use std::path::{Path, PathBuf};
use thidua_core::blocks::{BlockInput, BlockMemberInput, BlockRole};
use thidua_core::decisions::AwardQuery;
use thidua_core::import::{
    ColumnOverride, Field, ImportKind, ImportOptions, RowOverride, RowStatus, SubjectPlan,
};
use thidua_core::persons::{PersonInput, PersonQuery};
use thidua_core::registrations::RegistrationQuery;
use thidua_core::subjects::RecipientKind;
use thidua_core::units::{UnitInput, UnitKind, UnitQuery};
use thidua_core::Store;
use unicode_normalization::is_nfc;

fn sample(name: &str) -> PathBuf {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../../shared/domain/examples")
        .join(name);
    assert!(
        path.is_file(),
        "the sample spreadsheet is missing: expected it at {} (shared/domain/examples next to \
         the repository); this test needs it and does not skip",
        path.display()
    );
    path
}

fn table_counts(store: &Store) -> Vec<usize> {
    vec![
        store
            .units(&UnitQuery {
                search: None,
                include_inactive: true,
            })
            .unwrap()
            .len(),
        store.persons(&PersonQuery::default()).unwrap().len(),
        store.households(None).unwrap().len(),
        store.decisions(None).unwrap().len(),
        store.awards(&AwardQuery::default()).unwrap().len(),
    ]
}

fn unit(store: &mut Store, code: &str, name: &str) -> String {
    store
        .create_unit(&UnitInput {
            code: code.into(),
            name: name.into(),
            kind: UnitKind::Khac,
            staff_count: None,
            parent_id: None,
            note: String::new(),
        })
        .unwrap()
        .id
}

#[test]
fn award_list_of_a_commune_imports_with_its_decision() {
    let mut store = Store::open_in_memory().unwrap();
    let path = sample("xa-an-binh-khen-thuong-2024.xlsx");
    let preview = store
        .preview_import(&path, &ImportOptions::default())
        .unwrap();
    assert_eq!(preview.kind, ImportKind::Awards);
    assert_eq!(preview.tables[0].header_rows, vec![7, 8]);
    assert_eq!(preview.decisions.len(), 1);
    let d = &preview.decisions[0];
    assert_eq!(
        (d.number.as_str(), d.date.as_str(), d.year),
        ("112/QĐ-UBND", "2024-12-26", 2024)
    );
    assert_eq!(
        preview.rows.len(),
        9,
        "3 collectives + 6 people, no section or total rows"
    );
    assert!(preview.rows.iter().all(|r| r.status == RowStatus::Ready));
    let row = |n: u32| preview.rows.iter().find(|r| r.row == n).unwrap();
    assert_eq!(row(10).recipient_kind, Some(RecipientKind::TapThe));
    assert_eq!(row(10).codes, vec!["TTLDTT", "GK_XA"]);
    assert_eq!(row(12).codes, vec!["GK_XA"]);
    assert_eq!(row(17).name, "Phạm Thị Hoà");
    assert_eq!(row(17).recipient_kind, Some(RecipientKind::CaNhan));
    assert_eq!(preview.counts.awards, 12);
    assert_eq!(
        table_counts(&store),
        vec![0, 0, 0, 0, 0],
        "a preview writes nothing"
    );

    let outcome = store.commit_import(&preview).unwrap();
    let imported = &outcome.summary.imported;
    assert_eq!(
        (
            imported.decisions,
            imported.awards,
            imported.persons,
            imported.units
        ),
        (1, 12, 6, 3)
    );
    let decision = store.decision_by_number("112/QĐ-UBND").unwrap();
    assert_eq!(decision.decision_date, "2024-12-26");
    let awards = store.awards(&AwardQuery::default()).unwrap();
    assert_eq!(awards.len(), 12);
    assert!(awards.iter().all(|a| is_nfc(&a.recipient_name)));
    let hung: Vec<_> = awards
        .iter()
        .filter(|a| a.recipient_name == "Nguyễn Văn Hùng")
        .collect();
    assert_eq!(hung.len(), 2);
    assert_eq!(hung[0].position, "Công chức Văn phòng - Thống kê");

    // The same file again adds nothing and says so.
    let before = table_counts(&store);
    let again = store.import_file(&path, &ImportOptions::default()).unwrap();
    assert!(again.already_imported);
    assert!(again.message.contains("đã được nhập"), "{}", again.message);
    assert_eq!(table_counts(&store), before);

    // Undo takes back exactly what was added.
    let id = outcome.import_id.unwrap();
    let record = store.undo_import(&id).unwrap();
    assert!(record.undone_at.is_some());
    assert_eq!(table_counts(&store), vec![0, 0, 0, 0, 0]);
    assert!(store.check_integrity().unwrap().is_empty());
    assert!(store
        .undo_import(&id)
        .unwrap_err()
        .to_string()
        .contains("đã được hoàn tác"));
    assert_eq!(store.imports().unwrap().len(), 1);
    // Undone, the file can come in again.
    assert!(
        !store
            .import_file(&path, &ImportOptions::default())
            .unwrap()
            .already_imported
    );
}

#[test]
fn registration_list_of_a_school_matches_the_school_and_its_staff() {
    let mut store = Store::open_in_memory().unwrap();
    let school = unit(&mut store, "THCSHK", "Trường THCS Hồng Kỳ");
    let mai = store
        .create_person(&PersonInput::named("Vũ Thị Mai", Some(&school)))
        .unwrap();
    let path = sample("truong-thcs-hong-ky-dang-ky-2025.xlsx");
    let preview = store
        .preview_import(&path, &ImportOptions::default())
        .unwrap();
    assert_eq!(preview.kind, ImportKind::Registrations);
    assert_eq!(preview.year, Some(2025), "năm học 2024 - 2025");
    assert_eq!(
        preview.unit_id.as_deref(),
        Some(school.as_str()),
        "named in the title block"
    );
    let first = &preview.rows[0];
    assert_eq!(
        first.subject,
        SubjectPlan::Existing {
            id: school.clone(),
            label: "Trường THCS Hồng Kỳ".into()
        }
    );
    assert_eq!(first.codes, vec!["TTLDXS", "BK_TINH"]);
    assert!(matches!(&preview.rows[1].subject, SubjectPlan::Existing { id, .. } if *id == mai.id));
    assert_eq!(preview.rows[7].name, "Dương Thị Thuý");

    let outcome = store.commit_import(&preview).unwrap();
    assert_eq!(outcome.summary.imported.registrations, 9);
    assert_eq!(
        outcome.summary.imported.persons, 6,
        "Vũ Thị Mai was already there"
    );
    let regs = store
        .registrations(&RegistrationQuery {
            year: 2025,
            ..Default::default()
        })
        .unwrap();
    assert_eq!(regs.len(), 9);
    assert!(regs
        .iter()
        .filter(|r| r.code == "LDTT")
        .all(|r| r.unit_id.as_deref() == Some(school.as_str())));
}

#[test]
fn tcvn3_household_list_is_converted_and_needs_its_decision() {
    let mut store = Store::open_in_memory().unwrap();
    let path = sample("tcvn3-gia-dinh-van-hoa-2023.xlsx");
    let preview = store
        .preview_import(&path, &ImportOptions::default())
        .unwrap();
    assert_eq!(preview.tables[0].converted_from.as_deref(), Some("TCVN3"));
    assert_eq!(preview.year, Some(2023));
    let names: Vec<&str> = preview.rows.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(names, ["Nguyễn Văn Thắng", "Lò Thị Sâm", "Hà Văn Bảo"]);
    assert_eq!(preview.rows[0].place, "Thôn Mường Khương");
    assert!(preview
        .rows
        .iter()
        .all(|r| r.codes == ["GDVH"] && r.recipient_kind == Some(RecipientKind::HoGiaDinh)));
    // No decision in the file: the clerk must give it; nothing is written before.
    let err = store.commit_import(&preview).unwrap_err();
    assert!(err.to_string().contains("chưa nhập gì"), "{err}");
    assert_eq!(table_counts(&store), vec![0, 0, 0, 0, 0]);

    let options = ImportOptions {
        decision_number: Some("30/QĐ-UBND".into()),
        decision_date: Some("15/12/2023".into()),
        ..Default::default()
    };
    let outcome = store.import_file(&path, &options).unwrap();
    assert_eq!(outcome.summary.imported.households, 3);
    assert_eq!(outcome.summary.imported.units, 3, "three villages");
    let households = store.households(None).unwrap();
    assert!(households
        .iter()
        .any(|h| h.head_name == "Lò Thị Sâm" && h.unit_name.as_deref() == Some("Bản Xát")));
    let awards = store.awards(&AwardQuery::default()).unwrap();
    assert_eq!(awards.len(), 3);
    assert!(awards.iter().all(|a| a.code == "GDVH" && a.year == 2023));
}

#[test]
fn block_scores_go_to_the_members_of_the_block_named_in_the_title() {
    let mut store = Store::open_in_memory().unwrap();
    let names = [
        "Ủy ban MTTQ xã",
        "Hội Nông dân",
        "Đoàn Thanh niên",
        "Hội Liên hiệp Phụ nữ",
        "Hội Cựu chiến binh",
    ];
    let ids: Vec<String> = names
        .iter()
        .enumerate()
        .map(|(i, n)| unit(&mut store, &format!("DT{i}"), n))
        .collect();
    let block = store
        .create_block(&BlockInput {
            year: 2024,
            name: "Khối các cơ quan Đảng, đoàn thể".into(),
            note: String::new(),
            members: ids
                .iter()
                .map(|id| BlockMemberInput {
                    unit_id: id.clone(),
                    role: BlockRole::ThanhVien,
                })
                .collect(),
        })
        .unwrap();
    let path = sample("khoi-doan-the-cham-diem-2024.xlsx");
    let preview = store
        .preview_import(&path, &ImportOptions::default())
        .unwrap();
    assert_eq!(preview.kind, ImportKind::BlockScores);
    assert!(
        preview.rows.iter().all(|r| r.status == RowStatus::Ready),
        "{:?}",
        preview.issues
    );
    let first = preview.rows[0].score.clone().unwrap();
    // F4 is =C4+D4+E4 saved without a value: the criteria are added up.
    assert_eq!(
        (first.self_score, first.block_score),
        (Some(94.0), Some(93.0))
    );
    let outcome = store.commit_import(&preview).unwrap();
    assert_eq!(outcome.summary.imported.block_scores, 5);
    let id = outcome.import_id.unwrap();
    store.undo_import(&id).unwrap();
    let _ = block;
}

fn write(path: &Path, rows: &[&[&str]], merges: &[(u32, u16, u32, u16, &str)]) {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    for (r, row) in rows.iter().enumerate() {
        for (c, value) in row.iter().enumerate() {
            if value.is_empty() {
                continue;
            }
            match value.strip_prefix('#').and_then(|n| n.parse::<f64>().ok()) {
                Some(n) => ws.write_number(r as u32, c as u16, n).unwrap(),
                None => ws.write_string(r as u32, c as u16, *value).unwrap(),
            };
        }
    }
    for (r1, c1, r2, c2, text) in merges {
        ws.merge_range(*r1, *c1, *r2, *c2, text, &Format::new())
            .unwrap();
    }
    wb.save(path).unwrap();
}

#[test]
fn human_made_sheet_with_synonyms_sections_numbers_totals_and_dates() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ds.xlsx");
    write(
        &path,
        &[
            &["UBND XÃ TÂN HƯNG"],
            &["DANH SÁCH KHEN THƯỞNG NĂM 2024"],
            &[],
            &["TT", "", "Chức vụ", "Nội dung khen", "", "", ""],
            &["", "", "", "Danh hiệu", "Số QĐ", "Ngày QĐ", "Số tiền"],
            &["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)"],
            &["A", "TẬP THỂ"],
            &[
                "#1",
                "Tổ dân phố số 3",
                "",
                "TTLĐTT",
                "15/QĐ-UBND",
                "ngày 20 tháng 12 năm 2024",
                "",
            ],
            &[],
            &["B", "CÁ NHÂN"],
            &[
                "#1",
                "Nguyễn Văn An",
                "Trưởng thôn",
                "LĐTT",
                "15/QĐ-UBND",
                "20/12/2024",
                "710.000",
            ],
            &[
                "#2",
                "Trương Văn Tổ",
                "Công an viên",
                "Chiến sỹ thi đua cơ sở",
                "16/QĐ-UBND",
                "#45646",
                "",
            ],
            &[
                "#3",
                "Lê Thị Hoa",
                "Kế toán",
                "CSTĐCS",
                "16/QĐ-UBND",
                "20/12/24",
                "",
            ],
            &["", "Cộng: 4"],
            &["", "", "", "", "CHỦ TỊCH"],
            &["", "Nguyễn Văn Ký"],
        ],
        &[(3, 1, 4, 1, "Họ tên"), (3, 3, 3, 6, "Nội dung khen")],
    );
    let store = Store::open_in_memory().unwrap();
    let p = store
        .preview_import(&path, &ImportOptions::default())
        .unwrap();
    assert_eq!(p.tables[0].header_rows, vec![4, 5]);
    assert_eq!(p.kind, ImportKind::Awards);
    let names: Vec<&str> = p.rows.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Tổ dân phố số 3",
            "Nguyễn Văn An",
            "Trương Văn Tổ",
            "Lê Thị Hoa"
        ]
    );
    assert_eq!(p.decisions.len(), 2);
    assert!(
        p.decisions.iter().all(|d| d.date == "2024-12-20"),
        "{:?}",
        p.decisions
    );
    assert_eq!(p.rows[0].recipient_kind, Some(RecipientKind::TapThe));
    assert_eq!(
        p.rows[2].recipient_kind,
        Some(RecipientKind::CaNhan),
        "Trương is a family name"
    );
    assert_eq!(p.rows[1].amount, Some(710_000));
    let codes: Vec<&str> = p.rows.iter().map(|r| r.codes[0].as_str()).collect();
    assert_eq!(codes, ["TTLDTT", "LDTT", "CSTD_CS", "CSTD_CS"]);
    assert!(p.errors().next().is_none(), "{:?}", p.issues);

    // The clerk says column C is not a position: the preview follows.
    let p2 = store
        .preview_import(
            &path,
            &ImportOptions {
                column_overrides: vec![ColumnOverride {
                    sheet: None,
                    column: "C".into(),
                    field: Some(Field::Note),
                }],
                row_overrides: vec![RowOverride {
                    sheet: p.rows[3].sheet.clone(),
                    row: p.rows[3].row,
                    skip: true,
                    ..Default::default()
                }],
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(p2.rows[1].position, "");
    assert_eq!(p2.rows[3].status, RowStatus::Skipped);
}

#[test]
fn commit_is_all_or_nothing_and_ambiguous_people_wait_for_the_clerk() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ds.xlsx");
    write(
        &path,
        &[
            &["(Kèm theo Quyết định số 7/QĐ-UBND ngày 02/01/2025 của Chủ tịch UBND xã Yên Lạc)"],
            &["STT", "Họ và tên", "Danh hiệu", "Năm sinh"],
            &["#1", "Nguyễn Văn An", "Lao động tiên tiến", "#1980"],
            &["#2", "Trần Văn Bình", "Danh hiệu lạ"],
            &["#3", "Lê Văn Cường", "Lao động tiên tiến"],
        ],
        &[],
    );
    let mut store = Store::open_in_memory().unwrap();
    let p = store
        .preview_import(&path, &ImportOptions::default())
        .unwrap();
    assert_eq!(p.rows[1].status, RowStatus::Error);
    let e = p.errors().next().unwrap();
    assert_eq!((e.row, e.column.as_deref()), (Some(4), Some("C")));
    assert!(store.commit_import(&p).is_err());
    assert_eq!(table_counts(&store), vec![0, 0, 0, 0, 0], "nothing written");
    assert!(store.imports().unwrap().is_empty());

    // Two people already named Lê Văn Cường: that row waits, the others may go in.
    store
        .create_person(&PersonInput::named("Lê Văn Cường", None))
        .unwrap();
    store
        .create_person(&PersonInput::named("Lê Văn Cường", None))
        .unwrap();
    let options = ImportOptions {
        skip_unresolved: true,
        ..Default::default()
    };
    let p = store.preview_import(&path, &options).unwrap();
    assert_eq!(p.rows[2].status, RowStatus::NeedsConfirmation);
    let outcome = store.commit_import(&p).unwrap();
    assert_eq!(outcome.summary.imported.awards, 1);
    let an = store.persons_named("Nguyễn Văn An").unwrap();
    assert_eq!(an[0].birth_year, Some(1980));
    assert_eq!(outcome.summary.skipped, 2);
}

#[test]
fn a_row_failing_in_the_middle_of_the_commit_leaves_nothing() {
    let mut store = Store::open_in_memory().unwrap();
    let path = sample("truong-thcs-hong-ky-dang-ky-2025.xlsx");
    let mut preview = store
        .preview_import(&path, &ImportOptions::default())
        .unwrap();
    // A code unknown to the catalog on the fifth row fails inside the transaction.
    preview.rows[4].codes = vec!["KHONG_CO".into()];
    let err = store.commit_import(&preview).unwrap_err();
    assert!(err.to_string().contains("dòng 14"), "{err}");
    assert!(err.to_string().contains("Chưa nhập gì"), "{err}");
    assert_eq!(table_counts(&store), vec![0, 0, 0, 0, 0]);
    assert!(store.imports().unwrap().is_empty());
    assert!(store
        .registrations(&RegistrationQuery {
            year: 2025,
            ..Default::default()
        })
        .unwrap()
        .is_empty());
}

#[test]
fn undo_is_refused_when_later_records_depend_on_the_import() {
    let mut store = Store::open_in_memory().unwrap();
    let path = sample("xa-an-binh-khen-thuong-2024.xlsx");
    let id = store
        .import_file(&path, &ImportOptions::default())
        .unwrap()
        .import_id
        .unwrap();
    let decision = store.decision_by_number("112/QĐ-UBND").unwrap();
    let person = store
        .create_person(&PersonInput::named("Người Thêm Tay", None))
        .unwrap();
    store
        .add_award(
            &decision.id,
            &thidua_core::decisions::AwardInput {
                subject: thidua_core::subjects::Subject::Person(person.id),
                code: "LDTT".into(),
                achievement: String::new(),
                direct_worker: false,
                position: None,
                unit_name: None,
                amount: None,
            },
        )
        .unwrap();
    let before = table_counts(&store);
    let err = store.undo_import(&id).unwrap_err();
    assert_eq!(err.code(), "in_use");
    assert!(
        err.to_string()
            .contains("khen thưởng được thêm vào quyết định"),
        "{err}"
    );
    assert_eq!(table_counts(&store), before);
    assert!(store.import(&id).unwrap().undone_at.is_none());
}

#[test]
fn libreoffice_ods_files_are_read_too() {
    let path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/dang-ky-libreoffice.ods");
    let store = Store::open_in_memory().unwrap();
    let p = store
        .preview_import(&path, &ImportOptions::default())
        .unwrap();
    assert_eq!(p.kind, ImportKind::Registrations);
    assert_eq!(p.year, Some(2025));
    let rows: Vec<(&str, &str)> = p
        .rows
        .iter()
        .map(|r| (r.name.as_str(), r.codes[0].as_str()))
        .collect();
    assert_eq!(
        rows,
        [("Nguyễn Thị Lan", "LDTT"), ("Hoàng Văn Nam", "CSTD_CS")]
    );
    assert_eq!(p.rows[0].position, "Kế toán");
}

#[test]
fn a_sheet_beyond_the_limits_is_refused_not_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lon.xlsx");
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_string(0, 0, "Họ và tên").unwrap();
    ws.write_string(1_048_575, 16_383, "ô lạc").unwrap();
    wb.save(&path).unwrap();
    let store = Store::open_in_memory().unwrap();
    let err = store
        .preview_import(&path, &ImportOptions::default())
        .unwrap_err();
    assert!(err.to_string().contains("quá lớn"), "{err}");
    assert!(err.to_string().contains("lon.xlsx"), "{err}");
}

#[test]
fn the_rules_engine_warns_on_the_rows_of_an_award_list_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ds.xlsx");
    write(
        &path,
        &[
            &["DANH SÁCH KHEN THƯỞNG NĂM 2025"],
            &["(Kèm theo Quyết định số 9/QĐ-UBND ngày 20/12/2025 của Chủ tịch UBND xã Yên Lạc)"],
            &["STT", "Họ và tên", "Chức vụ", "Danh hiệu"],
            &[
                "#1",
                "Phạm Văn Dũng",
                "Công an viên",
                "Chiến sĩ thi đua cơ sở",
            ],
        ],
        &[],
    );
    let mut store = Store::open_in_memory().unwrap();
    let plain = store
        .preview_import(&path, &ImportOptions::default())
        .unwrap();
    assert!(plain.warnings().next().is_none(), "{:?}", plain.issues);

    let checked = store
        .preview_import_with_rules(&path, &ImportOptions::default())
        .unwrap();
    let warning = checked.rows[0]
        .issues
        .iter()
        .find(|i| i.message.contains("Lao động tiên tiến năm 2025"))
        .unwrap_or_else(|| panic!("no CSTĐCS rule warning: {:?}", checked.rows[0].issues));
    assert_eq!(warning.row, Some(4));
    assert!(warning.message.contains("Điều 23"), "{}", warning.message);
    // The trial import was rolled back: nothing in the book, no import recorded.
    assert_eq!(table_counts(&store), vec![0, 0, 0, 0, 0]);
    assert!(store.imports().unwrap().is_empty());
    // A warning does not block: the clerk may still import, and then it is there.
    let mut other = Store::open_in_memory().unwrap();
    let outcome = store.commit_import(&checked).unwrap();
    assert_eq!(outcome.summary.imported.awards, 1);
    let warned = checked.warnings().count() as u32;
    assert_eq!(outcome.summary.warnings, warned);

    // A batch (`thidua import`) gets the same warning from the write that stays: a dry run
    // writes nothing, a real one records the warning with the import.
    let mut batch = vec![other
        .preview_import(&path, &ImportOptions::default())
        .unwrap()];
    assert!(other
        .commit_imports_checked(&mut batch, false)
        .unwrap()
        .is_empty());
    assert_eq!(batch[0].issues, checked.issues);
    assert_eq!(batch[0].rows[0].issues, checked.rows[0].issues);
    assert_eq!(table_counts(&other), vec![0, 0, 0, 0, 0]);
    assert!(other.imports().unwrap().is_empty());
    let mut batch = vec![other
        .preview_import(&path, &ImportOptions::default())
        .unwrap()];
    let outcomes = other.commit_imports_checked(&mut batch, true).unwrap();
    assert_eq!(batch[0].issues, checked.issues);
    assert_eq!(outcomes[0].summary.imported.awards, 1);
    assert_eq!(outcomes[0].summary.warnings, warned);
    let stored = other.imports().unwrap();
    assert_eq!(stored.len(), 1);
    assert_eq!(
        stored[0].summary.warnings, warned,
        "the import record counts them"
    );
}
