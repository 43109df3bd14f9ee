//! Rule warnings in the preview: the awards of a file are checked by the same rules engine
//! (`checks.rs`) that checks the year's data, so the clerk sees "Chiến sĩ thi đua cơ sở needs
//! Lao động tiên tiến that year (Điều …)" on the row before importing, not after.
//!
//! The rules read the whole year (a person's other titles, ratings, the share of the unit),
//! so rather than restating them for rows that are not in the database, the import is written
//! inside a transaction, its awards are checked against the year, and the transaction is
//! rolled back: nothing stays, and the data file is not touched. Only the new awards are
//! checked (`Store::import_award_warnings`), not the whole year: a preview shows nothing else,
//! and a batch of 200 files would otherwise check the year 400 times.
//!
//! A batch written at once (`thidua import`) is checked on the write that stays
//! (`Store::commit_imports_checked`): the trial write would be the same work done twice.

use super::{ImportKind, ImportOutcome, ImportPreview, Issue, Severity};
use crate::store::Store;
use crate::text::name_key;
use crate::Result;
use std::collections::HashMap;

impl Store {
    /// `preview_import`, plus the rule warnings its awards would raise, on their rows.
    /// Registrations are plans: their rules are checked later, on the year's data.
    pub fn preview_import_with_rules(
        &mut self,
        path: &std::path::Path,
        options: &super::ImportOptions,
    ) -> Result<ImportPreview> {
        let mut preview = self.preview_import(path, options)?;
        if preview.kind == ImportKind::Awards && preview.already_imported.is_none() {
            let found = self.rule_warnings(&preview)?;
            attach(&mut preview, found);
        }
        Ok(preview)
    }

    /// (index of the row, warning) for each rule the file's awards would break.
    fn rule_warnings(&mut self, preview: &ImportPreview) -> Result<Vec<(usize, Issue)>> {
        let mut trial = preview.clone();
        // Rows still in doubt are left out of the trial, as the commit would leave them.
        trial.options.skip_unresolved = true;
        self.in_trial(|s| {
            let outcome = match s.commit_import(&trial) {
                Ok(outcome) => outcome,
                // Nothing importable (every row has an error): the preview already says why.
                Err(e) if e.is_user_error() => return Ok(Vec::new()),
                Err(e) => return Err(e),
            };
            match outcome.import_id {
                Some(import_id) => s.warnings_of_import(preview, &import_id),
                None => Ok(Vec::new()),
            }
        })
    }

    /// Runs `f` in a transaction that is then rolled back, whatever happened. A whole
    /// transaction, not a savepoint released: releasing would commit an empty write and still
    /// touch the file, and a preview leaves the file byte-identical.
    fn in_trial<T>(&mut self, f: impl FnOnce(&mut Store) -> Result<T>) -> Result<T> {
        let outermost = self.conn.is_autocommit();
        self.conn.execute_batch(if outermost {
            "BEGIN"
        } else {
            "SAVEPOINT rule_check"
        })?;
        let result = f(self);
        self.conn.execute_batch(if outermost {
            "ROLLBACK"
        } else {
            "ROLLBACK TO rule_check; RELEASE rule_check"
        })?;
        result
    }

    /// Previews (from [`Store::preview_import`], without rule warnings) committed one after
    /// the other in one transaction, each file's rule warnings added to its preview from the
    /// awards it has just written. `keep`: the transaction is committed and the outcomes
    /// returned (each import record counting its rule warnings too); otherwise it is rolled
    /// back and the previews alone are the result, as `preview_import_with_rules` gives them.
    ///
    /// This is how a batch (`thidua import`) is written once: checking each file in a trial
    /// write rolled back, then writing it again, cost half of a long import. A file checked
    /// here sees the files before it in the batch, as it will once they are all imported.
    /// The caller has refused the batch already if rows have errors or await confirmation
    /// and the options do not say to leave them out.
    pub fn commit_imports_checked(
        &mut self,
        previews: &mut [ImportPreview],
        keep: bool,
    ) -> Result<Vec<ImportOutcome>> {
        let write = |s: &mut Store, previews: &mut [ImportPreview]| -> Result<Vec<ImportOutcome>> {
            let mut outcomes = Vec::with_capacity(previews.len());
            for preview in previews.iter_mut() {
                let checked =
                    preview.kind == ImportKind::Awards && preview.already_imported.is_none();
                // A dry run leaves out the rows in doubt, as the commit will; a real one has
                // been refused already if there are any the options do not leave out. Only
                // the trial copies the preview (a long list's preview is hundreds of MiB).
                let trial;
                let written = if keep {
                    &*preview
                } else {
                    let mut copy = preview.clone();
                    copy.options.skip_unresolved = true;
                    trial = copy;
                    &trial
                };
                let mut outcome = match s.commit_import(written) {
                    Ok(outcome) => outcome,
                    // A dry run shows what is wrong with each file instead of stopping.
                    Err(e) if !keep && e.is_user_error() => continue,
                    Err(e) => return Err(e),
                };
                if let (true, Some(import_id)) = (checked, outcome.import_id.clone()) {
                    let found = s.warnings_of_import(preview, &import_id)?;
                    if !found.is_empty() {
                        outcome.summary.warnings += found.len() as u32;
                        s.count_more_warnings(&import_id, found.len())?;
                    }
                    attach(preview, found);
                }
                outcomes.push(outcome);
            }
            Ok(outcomes)
        };
        if keep {
            self.atomically(|s| write(s, previews))
        } else {
            self.in_trial(|s| write(s, previews))?;
            Ok(Vec::new())
        }
    }

    /// The stored summary of an import counts warnings found after it was written.
    fn count_more_warnings(&mut self, import_id: &str, more: usize) -> Result<()> {
        self.conn.execute(
            "UPDATE imports SET summary = json_set(summary, '$.warnings',
                 coalesce(json_extract(summary, '$.warnings'), 0) + ?2) WHERE id = ?1",
            rusqlite::params![import_id, more as i64],
        )?;
        Ok(())
    }

    /// The rule warnings on the awards `import_id` wrote from `preview`, placed on its rows.
    fn warnings_of_import(
        &mut self,
        preview: &ImportPreview,
        import_id: &str,
    ) -> Result<Vec<(usize, Issue)>> {
        // Sorted: the years are checked in a fixed order, so the warnings come in one.
        let mut years: Vec<i32> = preview.decisions.iter().map(|d| d.year).collect();
        years.sort_unstable();
        years.dedup();
        // The first row of each (name, title): where a warning on that award is shown.
        // Built once; finding the row for each warning made a long list quadratic.
        let mut row_of: HashMap<(String, &str), usize> = HashMap::new();
        for (i, r) in preview.rows.iter().enumerate() {
            if r.codes.is_empty() {
                continue;
            }
            let key = name_key(&r.name);
            for code in &r.codes {
                row_of.entry((key.clone(), code.as_str())).or_insert(i);
            }
        }
        let mut found = Vec::new();
        for y in &years {
            for w in self.import_award_warnings(*y, import_id)? {
                // The check is scoped to the import: every warning is on one of its awards.
                let Some(&i) = row_of.get(&(name_key(&w.subject_name), w.code.as_str())) else {
                    continue;
                };
                let row = &preview.rows[i];
                found.push((
                    i,
                    Issue {
                        severity: Severity::Warning,
                        sheet: Some(row.sheet.clone()),
                        row: Some(row.row),
                        column: None,
                        message: format!("{} — {} ({}).", w.message, w.title, w.legal_ref),
                    },
                ));
            }
        }
        // In the order of the rows; a row's own warnings in the order the rules run.
        found.sort_by_key(|(i, _)| *i);
        Ok(found)
    }
}

/// Puts each warning on its row and in the file's list.
fn attach(preview: &mut ImportPreview, found: Vec<(usize, Issue)>) {
    for (row_index, issue) in found {
        preview.rows[row_index].issues.push(issue.clone());
        preview.issues.push(issue);
    }
}
