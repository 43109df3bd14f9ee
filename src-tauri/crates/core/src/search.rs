//! One search box over units, people and decisions, ignoring diacritics and case
//! ("nguyen van an" finds "Nguyễn Văn An", "45/qd" finds "45/QĐ-UBND").
//!
//! Each table keeps a `search_key` column (no marks, đ → d, lower case) written with the
//! record; every word typed must appear in it. At the scale of one office (tens of thousands
//! of people) a scan of that narrow column answers well under the 100 ms a keystroke allows,
//! so no separate full-text index has to be kept in step.

use crate::error::Result;
use crate::store::{Store, COLLATE_PERSON, COLLATE_VI};
use crate::text::search_key;
use rusqlite::params_from_iter;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SearchHit {
    /// unit | person | decision
    pub kind: String,
    pub id: String,
    pub title: String,
    pub detail: String,
}

impl Store {
    /// Up to `limit` hits of each kind for the words of `query`.
    pub fn search(&self, query: &str, limit: u32) -> Result<Vec<SearchHit>> {
        let words: Vec<String> = search_key(query)
            .split(' ')
            .filter(|w| !w.is_empty())
            .map(|w| format!("%{}%", w.replace(['%', '_'], "")))
            .collect();
        if words.is_empty() {
            return Ok(Vec::new());
        }
        let filter = |column: &str| vec![format!("{column} LIKE ?"); words.len()].join(" AND ");
        let kinds = [
            (
                "unit",
                format!(
                    "SELECT id, name, code || CASE status WHEN 'active' THEN '' ELSE ' (không còn hoạt động)' END
                     FROM units WHERE {} ORDER BY name COLLATE {COLLATE_VI} LIMIT {limit}",
                    filter("search_key")
                ),
            ),
            (
                "person",
                format!(
                    "SELECT p.id, p.full_name, trim(p.position || ' ' || coalesce(u.name, ''))
                     FROM persons p LEFT JOIN units u ON u.id = p.unit_id
                     WHERE p.merged_into IS NULL AND {}
                     ORDER BY p.full_name COLLATE {COLLATE_PERSON} LIMIT {limit}",
                    filter("p.search_key")
                ),
            ),
            (
                "decision",
                format!(
                    "SELECT id, number, decision_date || ' ' || authority
                     FROM decisions WHERE {} ORDER BY decision_date DESC LIMIT {limit}",
                    filter("search_key")
                ),
            ),
        ];
        let mut hits = Vec::new();
        for (kind, sql) in kinds {
            let mut stmt = self.conn.prepare(&sql)?;
            let rows = stmt.query_map(params_from_iter(words.iter()), |r| {
                Ok(SearchHit {
                    kind: kind.to_string(),
                    id: r.get(0)?,
                    title: r.get(1)?,
                    detail: r.get(2)?,
                })
            })?;
            for row in rows {
                hits.push(row?);
            }
        }
        Ok(hits)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_units_people_and_decisions_without_diacritics() {
        let mut s = Store::open_in_memory().unwrap();
        crate::demo::fill(&mut s, 2026).unwrap();
        let kinds = |q: &str| -> Vec<(String, String)> {
            s.search(q, 20)
                .unwrap()
                .into_iter()
                .map(|h| (h.kind, h.title))
                .collect()
        };
        assert!(kinds("thon dong").contains(&("unit".to_string(), "Thôn Đông".to_string())));
        let decisions = kinds("128/qd");
        assert_eq!(
            decisions,
            vec![("decision".to_string(), "128/QĐ-UBND".to_string())]
        );

        let someone = s.persons(&crate::persons::PersonQuery::default()).unwrap()[0]
            .full_name
            .clone();
        let plain = crate::text::search_key(&someone).to_uppercase();
        assert!(
            kinds(&plain)
                .iter()
                .any(|(k, t)| k == "person" && *t == someone),
            "{plain}"
        );
        assert!(s.search("   ", 20).unwrap().is_empty());
        assert!(kinds("khong co ai ten nay").is_empty());
    }
}
