//! The level above takes in a roll-up exactly: export from one database, import into an
//! empty one, and the awards, registrations, scores and figures of the year are the same,
//! with the same ids. Importing it again adds nothing; undoing takes it all back. Real SQLite.

use thidua_core::decisions::AwardQuery;
use thidua_core::import::{ImportKind, ImportOptions, RowStatus};
use thidua_core::persons::PersonQuery;
use thidua_core::profile::{OfficeLevel, OfficeProfile};
use thidua_core::registrations::RegistrationQuery;
use thidua_core::units::UnitQuery;
use thidua_core::Store;

const YEAR: i32 = 2025;

/// What must travel unchanged, as comparable text (floats included by their display).
fn snapshot(s: &Store) -> (Vec<String>, Vec<String>, Vec<String>, String) {
    let mut awards: Vec<String> = s
        .awards(&AwardQuery {
            year: Some(YEAR),
            ..Default::default()
        })
        .unwrap()
        .into_iter()
        .map(|a| {
            format!(
                "{} {:?} {} {} {} {} {} {} {} {:?} {}",
                a.id,
                a.subject,
                a.recipient_name,
                a.code,
                a.decision_number,
                a.decision_date,
                a.amount,
                a.position,
                a.unit,
                a.decision_level,
                a.direct_worker
            )
        })
        .collect();
    awards.sort();
    let mut registrations: Vec<String> = s
        .registrations(&RegistrationQuery {
            year: YEAR,
            unit_id: None,
            code: None,
            search: None,
        })
        .unwrap()
        .into_iter()
        .map(|r| {
            format!(
                "{} {:?} {} {} {} {} {:?} {:?}",
                r.id,
                r.subject,
                r.recipient_name,
                r.position,
                r.code,
                r.targets,
                r.registered_on,
                r.unit_id
            )
        })
        .collect();
    registrations.sort();
    let mut scores: Vec<String> = s
        .scores(YEAR)
        .unwrap()
        .into_iter()
        .map(|r| {
            let r2 = r.result;
            format!(
                "{} {} {:?} {:?} {:?} {:?} {:?} {:?} {}",
                r.block,
                r2.unit_id,
                r2.role,
                r2.self_score,
                r2.block_score,
                r2.council_score,
                r2.final_score,
                r2.rank,
                r2.proposal
            )
        })
        .collect();
    scores.sort();
    let stats = s.stats(YEAR, None).unwrap();
    (
        awards,
        registrations,
        scores,
        format!("{:?} {:?}", stats.current, stats.vs_registrations),
    )
}

/// How many records of a kind B holds, through the public lists.
fn count(s: &Store, table: &str) -> usize {
    match table {
        "awards" => s.awards(&AwardQuery::default()).unwrap().len(),
        "registrations" => s
            .registrations(&RegistrationQuery {
                year: YEAR,
                unit_id: None,
                code: None,
                search: None,
            })
            .unwrap()
            .len(),
        "scores" => s.scores(YEAR).unwrap().len(),
        _ => s
            .units(&UnitQuery {
                search: None,
                include_inactive: true,
            })
            .unwrap()
            .len(),
    }
}

#[test]
fn rollup_round_trip_keeps_ids_and_figures_and_is_idempotent_and_undoable() {
    let mut a = Store::open_in_memory().unwrap();
    thidua_core::demo::fill(&mut a, 2026).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tong-hop-2025.xlsx");
    thidua_core::export::rollup(&a, YEAR, None, &path).unwrap();

    let mut b = Store::open_in_memory().unwrap();
    b.init_profile(&OfficeProfile::new(
        "UBND huyện Gia Bình",
        OfficeLevel::Huyen,
    ))
    .unwrap();
    let preview = b.preview_import(&path, &ImportOptions::default()).unwrap();
    assert_eq!(preview.kind, ImportKind::Rollup);
    assert!(preview.kind_detected);
    assert_eq!(preview.errors().count(), 0, "{:#?}", preview.issues);
    assert!(preview.rows.iter().all(|r| r.status == RowStatus::Ready));
    let outcome = b.commit_import(&preview).unwrap();
    let import_id = outcome.import_id.clone().unwrap();

    let (want, got) = (snapshot(&a), snapshot(&b));
    assert!(!want.0.is_empty() && !want.1.is_empty() && !want.2.is_empty());
    assert_eq!(got.0, want.0, "awards");
    assert_eq!(got.1, want.1, "registrations");
    assert_eq!(got.2, want.2, "scores");
    assert_eq!(got.3, want.3, "stats");
    assert_eq!(outcome.summary.imported.awards as usize, want.0.len());

    // The same file: refused as already imported, nothing added.
    let again = b.preview_import(&path, &ImportOptions::default()).unwrap();
    assert!(again.already_imported.is_some());
    assert!(again
        .rows
        .iter()
        .all(|r| r.status == RowStatus::AlreadyPresent));
    assert!(again.rows[0].description.ends_with("(đã có)"));
    assert_eq!(again.counts, Default::default());
    let outcome = b.commit_import(&again).unwrap();
    assert!(outcome.already_imported && outcome.import_id.is_none());

    // A new export of the same year (another file, same records): every record is "đã có".
    let other = dir.path().join("tong-hop-2025-lan-2.xlsx");
    thidua_core::export::rollup(&a, YEAR, None, &other).unwrap();
    let second = b.preview_import(&other, &ImportOptions::default()).unwrap();
    assert!(second.already_imported.is_none());
    assert!(second
        .rows
        .iter()
        .all(|r| r.status == RowStatus::AlreadyPresent));
    assert!(b.commit_import(&second).is_err(), "nothing new to import");
    assert_eq!(snapshot(&b), got);

    b.undo_import(&import_id).unwrap();
    for table in ["awards", "registrations", "scores", "units"] {
        assert_eq!(count(&b, table), 0, "{table} after undo");
    }
    assert!(b.persons(&PersonQuery::default()).unwrap().is_empty());
    assert!(b.households(None).unwrap().is_empty());
    assert!(b.decisions(None).unwrap().is_empty());
    assert!(b.blocks(YEAR).unwrap().is_empty());
    // Undone, the file may be imported again.
    let redo = b.preview_import(&path, &ImportOptions::default()).unwrap();
    assert!(redo.already_imported.is_none());
    b.commit_import(&redo).unwrap();
    assert_eq!(snapshot(&b), want);
}
