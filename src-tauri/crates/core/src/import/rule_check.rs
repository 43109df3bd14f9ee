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

use super::{ImportKind, ImportPreview, Issue, Severity};
use crate::store::Store;
use crate::text::name_key;
use crate::Result;
use std::collections::{HashMap, HashSet};

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
            for (row_index, issue) in found {
                preview.rows[row_index].issues.push(issue.clone());
                preview.issues.push(issue);
            }
        }
        Ok(preview)
    }

    /// (index of the row, warning) for each rule the file's awards would break.
    fn rule_warnings(&mut self, preview: &ImportPreview) -> Result<Vec<(usize, Issue)>> {
        // Sorted: the years are checked in a fixed order, so the warnings come in one.
        let mut years: Vec<i32> = preview.decisions.iter().map(|d| d.year).collect();
        years.sort_unstable();
        years.dedup();
        let mut trial = preview.clone();
        // Rows still in doubt are left out of the trial, as the commit would leave them.
        trial.options.skip_unresolved = true;
        // A whole transaction rolled back, not a savepoint released: releasing would commit an
        // empty write and still touch the file, and a preview leaves the file byte-identical.
        let outermost = self.conn.is_autocommit();
        self.conn.execute_batch(if outermost {
            "BEGIN"
        } else {
            "SAVEPOINT rule_check"
        })?;
        let checked = (|| -> Result<Vec<(usize, Issue)>> {
            let outcome = match self.commit_import(&trial) {
                Ok(outcome) => outcome,
                // Nothing importable (every row has an error): the preview already says why.
                Err(e) if e.is_user_error() => return Ok(Vec::new()),
                Err(e) => return Err(e),
            };
            let Some(import_id) = outcome.import_id else {
                return Ok(Vec::new());
            };
            let mut stmt = self
                .conn
                .prepare("SELECT id FROM awards WHERE import_id = ?1")?;
            let new_awards: HashSet<String> = stmt
                .query_map([&import_id], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
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
                for w in self.import_award_warnings(*y, &import_id)? {
                    // Records the import did not write are not this file's to show (the new
                    // ones are all the scoped check returns; kept as the contract).
                    if !w
                        .record_id
                        .as_ref()
                        .is_some_and(|id| new_awards.contains(id))
                    {
                        continue;
                    }
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
        })();
        // Whatever happened, the trial is undone.
        self.conn.execute_batch(if outermost {
            "ROLLBACK"
        } else {
            "ROLLBACK TO rule_check; RELEASE rule_check"
        })?;
        checked
    }
}
