//! Writing a previewed import in one transaction under an `imports` record, taking it back
//! (undo), and the import history.

use super::{
    ImportKind, ImportOptions, ImportOutcome, ImportPreview, ImportRecord, ImportSummary,
    PreviewRow, RowStatus, SubjectPlan,
};
use crate::decisions::{AwardBatch, AwardInput, DecisionInput};
use crate::error::{Error, Result};
use crate::persons::{HouseholdInput, PersonInput};
use crate::registrations::RegistrationInput;
use crate::scoring::BlockScoreInput;
use crate::store::{new_id, now, Store};
use crate::subjects::{RecipientKind, Subject};
use crate::text::{clean, name_key, search_key};
use crate::units::{UnitInput, UnitKind};
use rusqlite::{params, OptionalExtension};
use std::collections::{HashMap, HashSet};
use std::path::Path;

/// The kind of a unit created from its name alone.
fn unit_kind_from_name(name: &str) -> UnitKind {
    let k = search_key(name);
    let starts = |p: &str| k.starts_with(p);
    if ["thon", "to dan pho", "ban ", "xom", "ap ", "khu pho", "to "]
        .iter()
        .any(|p| starts(p))
    {
        UnitKind::ThonToDanPho
    } else if ["truong", "tram", "trung tam", "benh vien", "vien "]
        .iter()
        .any(|p| starts(p))
    {
        UnitKind::DonViSuNghiep
    } else if [
        "cong ty",
        "doanh nghiep",
        "hop tac xa",
        "htx",
        "ngan hang",
        "cua hang",
    ]
    .iter()
    .any(|p| starts(p))
    {
        UnitKind::DoanhNghiep
    } else if [
        "uy ban",
        "ubnd",
        "van phong",
        "phong ",
        "cong an",
        "chi cuc",
        "kho bac",
    ]
    .iter()
    .any(|p| starts(p))
    {
        UnitKind::CoQuanHanhChinh
    } else {
        UnitKind::Khac
    }
}

fn is_foreign_key_violation(e: &rusqlite::Error) -> bool {
    matches!(e, rusqlite::Error::SqliteFailure(f, _)
        if f.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_FOREIGNKEY)
}

/// Rows the clerk still has to settle, as "dòng 5, 7 (Sheet1)".
fn row_list(rows: &[&PreviewRow]) -> String {
    let mut list: Vec<String> = rows.iter().take(10).map(|r| r.row.to_string()).collect();
    if rows.len() > 10 {
        list.push("…".into());
    }
    list.join(", ")
}

/// What one commit creates, so a name listed twice is created once.
#[derive(Default)]
struct Created {
    subjects: HashMap<String, String>,
    decisions: HashMap<usize, String>,
    summary: ImportSummary,
    /// The records of a roll-up, read again from the file at its first row.
    rollup: Option<super::rollup::Rollup>,
    awards: AwardBatch,
    /// Ids of the recipients this commit created.
    new_subjects: HashSet<String>,
}

impl Store {
    /// Previews and commits in one call (what the CLI does without `--dry-run`).
    pub fn import_file(&mut self, path: &Path, options: &ImportOptions) -> Result<ImportOutcome> {
        let preview = self.preview_import(path, options)?;
        self.commit_import(&preview)
    }

    /// Writes what `preview` shows, all of it or nothing. Refused while rows have errors or
    /// await confirmation, unless the options say to leave them out. The same file imported
    /// before (and not undone) adds nothing.
    pub fn commit_import(&mut self, preview: &ImportPreview) -> Result<ImportOutcome> {
        if let Some(previous) = self.import_by_hash(&preview.file_hash)? {
            return Ok(ImportOutcome {
                import_id: None,
                file_name: preview.file_name.clone(),
                kind: preview.kind,
                already_imported: true,
                summary: ImportSummary::default(),
                message: format!(
                    "Tệp \"{}\" đã được nhập lúc {} (mã lần nhập {}); không thêm gì.",
                    preview.file_name,
                    super::when(&previous.imported_at),
                    previous.id
                ),
            });
        }
        let errors: Vec<&PreviewRow> = preview
            .rows
            .iter()
            .filter(|r| r.status == RowStatus::Error)
            .collect();
        let unsure: Vec<&PreviewRow> = preview
            .rows
            .iter()
            .filter(|r| r.status == RowStatus::NeedsConfirmation)
            .collect();
        if (!errors.is_empty() || !unsure.is_empty()) && !preview.options.skip_unresolved {
            let mut parts = Vec::new();
            if !errors.is_empty() {
                parts.push(format!(
                    "{} dòng có lỗi (dòng {})",
                    errors.len(),
                    row_list(&errors)
                ));
            }
            if !unsure.is_empty() {
                parts.push(format!(
                    "{} dòng cần xác nhận người/đơn vị (dòng {})",
                    unsure.len(),
                    row_list(&unsure)
                ));
            }
            return Err(Error::invalid(
                "file",
                format!(
                    "Tệp \"{}\" còn {}; chưa nhập gì. Hãy sửa tệp hoặc chọn lại rồi nhập lại, hoặc chọn bỏ qua các dòng này.",
                    preview.file_name,
                    parts.join(" và ")
                ),
            ));
        }
        let ready: Vec<&PreviewRow> = preview
            .rows
            .iter()
            .filter(|r| r.status == RowStatus::Ready)
            .collect();
        if ready.is_empty() {
            return Err(Error::invalid(
                "file",
                format!(
                    "Tệp \"{}\" không có dòng nào mới để nhập.",
                    preview.file_name
                ),
            ));
        }
        let import_id = new_id();
        let summary = self.atomically(|s| {
            s.conn.execute(
                "INSERT INTO imports (id, file_name, file_hash, kind, imported_at, summary)
                 VALUES (?1, ?2, ?3, ?4, ?5, '{}')",
                params![
                    import_id,
                    preview.file_name,
                    preview.file_hash,
                    preview.kind.as_str(),
                    now()
                ],
            )?;
            if let Some(unit) = &preview.unit_id {
                // Checked once here: every new person of the list is put in this unit.
                s.unit(unit)?;
            }
            let mut created = Created::default();
            for row in &ready {
                s.commit_row(preview, row, &import_id, &mut created)?;
            }
            s.finish_award_batch(&created.awards, &created.new_subjects)?;
            let mut summary = created.summary;
            summary.rows = preview.rows.len() as u32;
            summary.skipped = (preview.rows.len() - ready.len()) as u32;
            summary.warnings = preview.warnings().count() as u32;
            let json = serde_json::to_string(&summary).map_err(|e| {
                Error::invalid("summary", format!("Không ghi được tóm tắt lần nhập: {e}"))
            })?;
            s.conn.execute(
                "UPDATE imports SET summary = ?2 WHERE id = ?1",
                params![import_id, json],
            )?;
            Ok(summary)
        })?;
        let i = &summary.imported;
        Ok(ImportOutcome {
            import_id: Some(import_id.clone()),
            file_name: preview.file_name.clone(),
            kind: preview.kind,
            already_imported: false,
            message: format!(
                "Đã nhập \"{}\" (mã lần nhập {import_id}): {} quyết định, {} khen thưởng, {} đăng ký, {} điểm khối; mới: {} cá nhân, {} hộ, {} đơn vị; bỏ qua {} dòng.",
                preview.file_name,
                i.decisions,
                i.awards,
                i.registrations,
                i.block_scores,
                i.persons,
                i.households,
                i.units,
                summary.skipped
            ),
            summary,
        })
    }

    fn commit_row(
        &mut self,
        preview: &ImportPreview,
        row: &PreviewRow,
        import_id: &str,
        created: &mut Created,
    ) -> Result<()> {
        let at = |e: Error| -> Error {
            Error::invalid(
                "file",
                format!(
                    "Trang \"{}\", dòng {}: {e} Chưa nhập gì.",
                    row.sheet, row.row
                ),
            )
        };
        match preview.kind {
            ImportKind::Rollup => self
                .commit_rollup_row(
                    preview,
                    row,
                    import_id,
                    &mut created.rollup,
                    &mut created.summary,
                )
                .map_err(at)?,
            ImportKind::Units => {
                let code = if row.place.is_empty() {
                    self.free_unit_code(&row.name)?
                } else {
                    row.place.clone()
                };
                let unit = self
                    .create_unit(&UnitInput {
                        code,
                        name: row.name.clone(),
                        kind: unit_kind_from_name(&row.name),
                        staff_count: None,
                        parent_id: None,
                        note: format!("Nhập từ tệp {}", preview.file_name),
                    })
                    .map_err(at)?;
                created.summary.created_units.push(unit.id);
                created.summary.imported.units += 1;
            }
            ImportKind::BlockScores => {
                let (Some(score), SubjectPlan::Existing { id, .. }) = (&row.score, &row.subject)
                else {
                    return Ok(());
                };
                self.set_block_score(
                    &score.block_id,
                    id,
                    &BlockScoreInput {
                        self_score: score.self_score,
                        block_score: score.block_score,
                        council_score: score.council_score,
                        proposal: score.proposal.clone(),
                        note: String::new(),
                    },
                    Some(import_id),
                )
                .map_err(at)?;
                created.summary.imported.block_scores += 1;
            }
            ImportKind::Awards | ImportKind::Registrations => {
                let subject = self
                    .commit_subject(preview, row, import_id, created)
                    .map_err(at)?;
                if preview.kind == ImportKind::Awards {
                    let decision = self.commit_decision(preview, row, import_id, created)?;
                    for code in &row.codes {
                        self.insert_award_in(
                            &mut created.awards,
                            &decision,
                            &AwardInput {
                                subject: subject.clone(),
                                code: code.clone(),
                                achievement: row.achievement.clone(),
                                direct_worker: row.direct_worker,
                                position: Some(row.position.clone()).filter(|p| !p.is_empty()),
                                unit_name: Some(row.unit_name.clone()).filter(|u| !u.is_empty()),
                                amount: row.amount,
                            },
                            Some(import_id),
                        )
                        .map_err(at)?;
                        created.summary.imported.awards += 1;
                    }
                } else {
                    let year = preview
                        .year
                        .ok_or_else(|| at(Error::invalid("year", "Không rõ năm đăng ký.")))?;
                    for code in &row.codes {
                        match self.insert_registration(
                            &RegistrationInput {
                                year,
                                subject: subject.clone(),
                                code: code.clone(),
                                targets: row.targets.clone(),
                                registered_on: row.registered_on.clone(),
                            },
                            Some(import_id),
                        ) {
                            Ok(_) => created.summary.imported.registrations += 1,
                            // Registered by hand meanwhile: nothing to add.
                            Err(Error::Duplicate { .. }) => created.summary.skipped += 1,
                            Err(e) => return Err(at(e)),
                        }
                    }
                }
            }
        }
        Ok(())
    }

    fn commit_decision(
        &mut self,
        preview: &ImportPreview,
        row: &PreviewRow,
        import_id: &str,
        created: &mut Created,
    ) -> Result<String> {
        let index = row.decision.ok_or_else(|| {
            Error::invalid("decision", format!("Dòng {} không có quyết định.", row.row))
        })?;
        if let Some(id) = created.decisions.get(&index) {
            return Ok(id.clone());
        }
        let d = preview
            .decisions
            .get(index)
            .ok_or_else(|| Error::not_found("quyết định của dòng"))?;
        let id = match &d.existing_id {
            Some(id) => id.clone(),
            None => {
                let decision = self.insert_decision(
                    &DecisionInput {
                        number: d.number.clone(),
                        decision_date: d.date.clone(),
                        level: d.level,
                        authority: d.authority.clone(),
                        signer_name: String::new(),
                        signer_title: String::new(),
                        award_type: d.award_type,
                        movement_id: None,
                        year: d.year,
                        period_from: None,
                        period_to: None,
                        note: format!("Nhập từ tệp {}", preview.file_name),
                    },
                    Some(import_id),
                )?;
                created.summary.imported.decisions += 1;
                decision.id
            }
        };
        created.decisions.insert(index, id.clone());
        Ok(id)
    }

    /// The recipient: the matched record, or a new one (once per name in the file).
    fn commit_subject(
        &mut self,
        preview: &ImportPreview,
        row: &PreviewRow,
        import_id: &str,
        created: &mut Created,
    ) -> Result<Subject> {
        let kind = row.recipient_kind.unwrap_or(RecipientKind::CaNhan);
        let wrap = |id: String| match kind {
            RecipientKind::CaNhan => Subject::Person(id),
            RecipientKind::TapThe => Subject::Unit(id),
            RecipientKind::HoGiaDinh => Subject::Household(id),
        };
        match &row.subject {
            SubjectPlan::Existing { id, .. } => return Ok(wrap(id.clone())),
            SubjectPlan::Candidates { .. } => {
                return Err(Error::invalid(
                    "subject",
                    format!("Chưa xác nhận \"{}\" là ai.", row.name),
                ))
            }
            SubjectPlan::New => {}
        }
        let key = format!(
            "{kind:?}|{}|{}",
            name_key(&row.name),
            search_key(&row.place)
        );
        if let Some(id) = created.subjects.get(&key) {
            return Ok(wrap(id.clone()));
        }
        let id = match kind {
            RecipientKind::CaNhan => {
                let mut input = PersonInput::named(&row.name, preview.unit_id.as_deref());
                input.position = row.position.clone();
                input.birth_year = row.birth_year;
                let (id, name) =
                    self.insert_person_unread(&input, Some(import_id), &created.awards.at)?;
                created.summary.imported.persons += 1;
                created.summary.new_persons.push(name);
                created.awards.place(
                    &id,
                    clean(&row.position),
                    preview.unit_name.clone().unwrap_or_default(),
                );
                id
            }
            RecipientKind::TapThe => self.create_unit_named(&row.name, preview, created)?,
            RecipientKind::HoGiaDinh => {
                let village = if row.place.is_empty() {
                    preview.unit_id.clone()
                } else {
                    Some(self.village(&row.place, preview, created)?)
                };
                let household = self.insert_household(
                    &HouseholdInput {
                        head_name: row.name.clone(),
                        unit_id: village,
                        address: String::new(),
                        note: String::new(),
                    },
                    Some(import_id),
                )?;
                created.summary.imported.households += 1;
                household.id
            }
        };
        created.subjects.insert(key, id.clone());
        created.new_subjects.insert(id.clone());
        Ok(wrap(id))
    }

    /// The thôn of a household: known, or created once.
    fn village(
        &mut self,
        name: &str,
        preview: &ImportPreview,
        created: &mut Created,
    ) -> Result<String> {
        let key = format!("village|{}", search_key(name));
        if let Some(id) = created.subjects.get(&key) {
            return Ok(id.clone());
        }
        let id = match self.unit_named(name)? {
            Some(u) => u.id,
            None => self.create_unit_named(name, preview, created)?,
        };
        created.subjects.insert(key, id.clone());
        Ok(id)
    }

    fn create_unit_named(
        &mut self,
        name: &str,
        preview: &ImportPreview,
        created: &mut Created,
    ) -> Result<String> {
        let unit = self.create_unit(&UnitInput {
            code: self.free_unit_code(name)?,
            name: name.to_string(),
            kind: unit_kind_from_name(name),
            staff_count: None,
            parent_id: None,
            note: format!("Thêm khi nhập tệp {}", preview.file_name),
        })?;
        created.summary.created_units.push(unit.id.clone());
        created.summary.imported.units += 1;
        Ok(unit.id)
    }

    /// A code for a unit created by an import: the initials of its name ("Trường Tiểu học An
    /// Bình" → "TTHAB"), numbered when taken. The clerk can change it later.
    fn free_unit_code(&self, name: &str) -> Result<String> {
        let initials: String = search_key(name)
            .split(|c: char| !c.is_alphanumeric())
            .filter_map(|w| {
                if w.chars().all(|c| c.is_ascii_digit()) {
                    Some(w.to_string())
                } else {
                    w.chars().next().map(|c| c.to_string())
                }
            })
            .collect::<String>()
            .to_uppercase();
        let base: String = if initials.is_empty() {
            "DV".into()
        } else {
            initials.chars().take(24).collect()
        };
        for n in 1..10_000 {
            let code = if n == 1 {
                base.clone()
            } else {
                format!("{base}-{n}")
            };
            let taken: Option<i64> = self
                .conn
                .query_row(
                    "SELECT 1 FROM units WHERE lower(code) = lower(?1)",
                    [&code],
                    |r| r.get(0),
                )
                .optional()?;
            if taken.is_none() {
                return Ok(code);
            }
        }
        Err(Error::invalid("code", "Không tạo được mã đơn vị mới."))
    }

    pub fn import(&self, id: &str) -> Result<ImportRecord> {
        self.imports_where("id = ?1", id)?
            .pop()
            .ok_or_else(|| Error::not_found(format!("lần nhập có mã {id}")))
    }

    /// The import history, newest first.
    pub fn imports(&self) -> Result<Vec<ImportRecord>> {
        self.imports_where("?1 IS NOT NULL", "")
    }

    fn imports_where(&self, condition: &str, value: &str) -> Result<Vec<ImportRecord>> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT id, file_name, file_hash, kind, imported_at, undone_at, summary FROM imports
             WHERE {condition} ORDER BY imported_at DESC, rowid DESC"
        ))?;
        let rows = stmt.query_map([value], |r| {
            Ok((
                ImportRecord {
                    id: r.get(0)?,
                    file_name: r.get(1)?,
                    file_hash: r.get(2)?,
                    kind: r.get(3)?,
                    imported_at: r.get(4)?,
                    undone_at: r.get(5)?,
                    summary: ImportSummary::default(),
                },
                r.get::<_, String>(6)?,
            ))
        })?;
        rows.map(|row| {
            let (mut record, json) = row?;
            // A summary that does not parse (written by a later version) still lists the import.
            record.summary = serde_json::from_str(&json).unwrap_or_default();
            Ok(record)
        })
        .collect()
    }

    /// Takes back everything an import created, in one transaction. Refused, with the reason,
    /// when records added since depend on them (an award typed into an imported decision, a
    /// registration of an imported person).
    pub fn undo_import(&mut self, id: &str) -> Result<ImportRecord> {
        let record = self.import(id)?;
        if let Some(when) = &record.undone_at {
            return Err(Error::invalid(
                "import_id",
                format!("Lần nhập {id} đã được hoàn tác lúc {when}."),
            ));
        }
        let dependants: [(&str, &str); 8] = [
            ("SELECT count(*) FROM awards WHERE decision_id IN (SELECT id FROM decisions WHERE import_id = ?1) AND import_id IS NOT ?1",
             "khen thưởng được thêm vào quyết định do lần nhập này tạo"),
            ("SELECT count(*) FROM proposal_items WHERE award_id IN (SELECT id FROM awards WHERE import_id = ?1)",
             "tờ trình đề nghị dẫn tới khen thưởng của lần nhập này"),
            ("SELECT count(*) FROM initiatives WHERE used_for IN (SELECT id FROM awards WHERE import_id = ?1)
                 OR person_id IN (SELECT id FROM persons WHERE import_id = ?1)",
             "sáng kiến gắn với người hoặc khen thưởng của lần nhập này"),
            ("SELECT count(*) FROM awards WHERE import_id IS NOT ?1 AND (person_id IN (SELECT id FROM persons WHERE import_id = ?1) OR household_id IN (SELECT id FROM households WHERE import_id = ?1))",
             "khen thưởng khác của người/hộ do lần nhập này tạo"),
            ("SELECT count(*) FROM registrations WHERE import_id IS NOT ?1 AND (person_id IN (SELECT id FROM persons WHERE import_id = ?1) OR household_id IN (SELECT id FROM households WHERE import_id = ?1))",
             "đăng ký thi đua khác của người/hộ do lần nhập này tạo"),
            ("SELECT count(*) FROM person_ratings WHERE person_id IN (SELECT id FROM persons WHERE import_id = ?1) AND import_id IS NOT ?1",
             "kết quả đánh giá của người do lần nhập này tạo"),
            ("SELECT count(*) FROM proposal_items WHERE person_id IN (SELECT id FROM persons WHERE import_id = ?1) OR household_id IN (SELECT id FROM households WHERE import_id = ?1)",
             "tờ trình đề nghị có người/hộ do lần nhập này tạo"),
            ("SELECT count(*) FROM persons WHERE merged_into IN (SELECT id FROM persons WHERE import_id = ?1) AND import_id IS NOT ?1",
             "người đã được gộp vào người do lần nhập này tạo"),
        ];
        let mut reasons = Vec::new();
        for (sql, reason) in dependants {
            let n: i64 = self.conn.query_row(sql, [id], |r| r.get(0))?;
            if n > 0 {
                reasons.push(format!("{n} {reason}"));
            }
        }
        if !reasons.is_empty() {
            return Err(Error::InUse {
                message: format!(
                    "Không hoàn tác được lần nhập tệp \"{}\" vì đã có dữ liệu nhập sau dựa vào nó: {}. Hãy xóa các dữ liệu đó trước.",
                    record.file_name,
                    reasons.join("; ")
                ),
            });
        }
        self.atomically(|s| {
            let awards: Vec<String> = {
                let mut stmt = s.conn.prepare("SELECT id FROM awards WHERE import_id = ?1")?;
                let ids = stmt.query_map([id], |r| r.get(0))?;
                ids.collect::<rusqlite::Result<_>>()?
            };
            // One by one, so the amounts of the recipients' other awards are set right again.
            for award in awards {
                s.remove_award(&award)?;
            }
            for sql in [
                "DELETE FROM registrations WHERE import_id = ?1",
                "DELETE FROM block_scores WHERE import_id = ?1",
                "DELETE FROM person_ratings WHERE import_id = ?1",
                "DELETE FROM decisions WHERE import_id = ?1",
                "DELETE FROM persons WHERE import_id = ?1",
                "DELETE FROM households WHERE import_id = ?1",
            ] {
                s.conn.execute(sql, [id])?;
            }
            for block in &record.summary.created_blocks {
                s.conn.execute("DELETE FROM blocks WHERE id = ?1", [block])?;
            }
            for unit in record.summary.created_units.iter().rev() {
                let name: Option<String> = s
                    .conn
                    .query_row("SELECT name FROM units WHERE id = ?1", [unit], |r| r.get(0))
                    .optional()?;
                let Some(name) = name else { continue };
                // A unit the import added is taken out of the blocks it was put in with it.
                for sql in [
                    "DELETE FROM unit_events WHERE unit_id = ?1",
                    "DELETE FROM block_members WHERE unit_id = ?1",
                ] {
                    s.conn.execute(sql, [unit])?;
                }
                match s.conn.execute("DELETE FROM units WHERE id = ?1", [unit]) {
                    Ok(_) => {}
                    Err(e) if is_foreign_key_violation(&e) => {
                        return Err(Error::InUse {
                            message: format!(
                                "Không hoàn tác được lần nhập tệp \"{}\": đơn vị \"{name}\" do lần nhập này thêm đã được dùng ở dữ liệu khác. Hãy gỡ các dữ liệu đó trước.",
                                record.file_name
                            ),
                        })
                    }
                    Err(e) => return Err(e.into()),
                }
            }
            s.conn.execute(
                "UPDATE imports SET undone_at = ?2 WHERE id = ?1",
                params![id, now()],
            )?;
            Ok(())
        })?;
        self.import(id)
    }
}
