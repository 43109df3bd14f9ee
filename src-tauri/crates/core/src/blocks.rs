//! Emulation blocks (khối thi đua) of a year: which units compete together, and which of
//! them leads (Trưởng khối) and deputises (Phó khối). A unit is in one block a year.

use crate::error::{Error, Result};
use crate::store::{new_id, now, Store, COLLATE_VI};
use crate::text::{clean, compare_vi};
use crate::units::UnitStatus;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum BlockRole {
    TruongKhoi,
    PhoKhoi,
    ThanhVien,
}

impl BlockRole {
    pub const ALL: [BlockRole; 3] = [Self::TruongKhoi, Self::PhoKhoi, Self::ThanhVien];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::TruongKhoi => "truong_khoi",
            Self::PhoKhoi => "pho_khoi",
            Self::ThanhVien => "thanh_vien",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::TruongKhoi => "Trưởng khối",
            Self::PhoKhoi => "Phó khối",
            Self::ThanhVien => "Thành viên",
        }
    }

    pub fn parse(s: &str) -> Result<Self> {
        Self::ALL
            .into_iter()
            .find(|r| r.as_str() == s)
            .ok_or_else(|| Error::invalid("role", format!("Vai trò \"{s}\" không hợp lệ.")))
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct BlockMember {
    pub unit_id: String,
    pub unit_code: String,
    pub unit_name: String,
    pub unit_status: UnitStatus,
    pub role: BlockRole,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Block {
    pub id: String,
    pub year: i32,
    pub name: String,
    pub note: String,
    /// Trưởng khối first, then Phó khối, then members in Vietnamese order.
    pub members: Vec<BlockMember>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct BlockMemberInput {
    pub unit_id: String,
    pub role: BlockRole,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct BlockInput {
    pub year: i32,
    pub name: String,
    pub note: String,
    pub members: Vec<BlockMemberInput>,
}

/// What copying last year's blocks did: the blocks created, and what was left out and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct BlockCopyReport {
    pub created: Vec<Block>,
    pub skipped: Vec<String>,
}

pub fn check_year(year: i32) -> Result<i32> {
    if (1945..=2200).contains(&year) {
        Ok(year)
    } else {
        Err(Error::invalid("year", format!("Năm {year} không hợp lệ.")))
    }
}

fn members_of(conn: &Connection, block_id: &str) -> Result<Vec<BlockMember>> {
    let mut stmt = conn.prepare(
        "SELECT u.id, u.code, u.name, u.status, m.role
         FROM block_members m JOIN units u ON u.id = m.unit_id
         WHERE m.block_id = ?1",
    )?;
    let rows = stmt.query_map([block_id], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, String>(4)?,
        ))
    })?;
    let mut members = Vec::new();
    for row in rows {
        let (unit_id, unit_code, unit_name, status, role) = row?;
        members.push(BlockMember {
            unit_id,
            unit_code,
            unit_name,
            unit_status: match status.as_str() {
                "merged" => UnitStatus::Merged,
                "dissolved" => UnitStatus::Dissolved,
                _ => UnitStatus::Active,
            },
            role: BlockRole::parse(&role)?,
        });
    }
    members.sort_by(|a, b| {
        a.role
            .cmp(&b.role)
            .then_with(|| compare_vi(&a.unit_name, &b.unit_name))
    });
    Ok(members)
}

impl Store {
    pub fn blocks(&self, year: i32) -> Result<Vec<Block>> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT id, year, name, note FROM blocks WHERE year = ?1 ORDER BY name COLLATE {COLLATE_VI}"
        ))?;
        let heads = stmt
            .query_map([year], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
            .collect::<rusqlite::Result<Vec<(String, i32, String, String)>>>()?;
        heads
            .into_iter()
            .map(|(id, year, name, note)| {
                let members = members_of(&self.conn, &id)?;
                Ok(Block {
                    id,
                    year,
                    name,
                    note,
                    members,
                })
            })
            .collect()
    }

    pub fn block(&self, id: &str) -> Result<Block> {
        let head: Option<(String, i32, String, String)> = self
            .conn
            .query_row(
                "SELECT id, year, name, note FROM blocks WHERE id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )
            .optional()?;
        let (id, year, name, note) =
            head.ok_or_else(|| Error::not_found(format!("khối thi đua có mã định danh {id}")))?;
        let members = members_of(&self.conn, &id)?;
        Ok(Block {
            id,
            year,
            name,
            note,
            members,
        })
    }

    /// Years that have blocks, newest first, for the year picker.
    pub fn block_years(&self) -> Result<Vec<i32>> {
        let mut stmt = self
            .conn
            .prepare("SELECT DISTINCT year FROM blocks ORDER BY year DESC")?;
        let years = stmt
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<Vec<i32>>>()?;
        Ok(years)
    }

    /// Checks a block as typed: name free in its year, members known, each unit in no other
    /// block that year, at most one Trưởng khối. `keep` lists units already in this block,
    /// which may stay even if they have since been merged.
    fn check_block(&self, id: Option<&str>, input: &BlockInput) -> Result<BlockInput> {
        let year = check_year(input.year)?;
        let name = clean(&input.name);
        if name.is_empty() {
            return Err(Error::invalid(
                "name",
                "Tên khối thi đua không được để trống.",
            ));
        }
        let taken: Option<String> = self
            .conn
            .query_row(
                "SELECT id FROM blocks WHERE year = ?1 AND lower(name) = lower(?2) AND id IS NOT ?3",
                params![year, name, id],
                |r| r.get(0),
            )
            .optional()?;
        if taken.is_some() {
            return Err(Error::duplicate(
                "name",
                format!("Năm {year} đã có khối \"{name}\"."),
            ));
        }
        let keep: HashSet<String> = match id {
            Some(id) => members_of(&self.conn, id)?
                .into_iter()
                .map(|m| m.unit_id)
                .collect(),
            None => HashSet::new(),
        };
        let mut seen = HashSet::new();
        let mut leaders = 0;
        for m in &input.members {
            let unit = self.unit(&m.unit_id)?;
            if !seen.insert(m.unit_id.clone()) {
                return Err(Error::duplicate(
                    "members",
                    format!("Đơn vị \"{}\" được chọn hai lần.", unit.name),
                ));
            }
            if unit.status != UnitStatus::Active && !keep.contains(&unit.id) {
                return Err(Error::invalid(
                    "members",
                    format!(
                        "Đơn vị \"{}\" {} nên không thể thêm vào khối.",
                        unit.name,
                        unit.status.label().to_lowercase()
                    ),
                ));
            }
            let other: Option<String> = self
                .conn
                .query_row(
                    "SELECT b.name FROM block_members m JOIN blocks b ON b.id = m.block_id
                     WHERE m.year = ?1 AND m.unit_id = ?2 AND m.block_id IS NOT ?3",
                    params![year, m.unit_id, id],
                    |r| r.get(0),
                )
                .optional()?;
            if let Some(other) = other {
                return Err(Error::duplicate(
                    "members",
                    format!("Đơn vị \"{}\" đã thuộc khối \"{other}\" trong năm {year}. Mỗi đơn vị chỉ thuộc một khối mỗi năm.", unit.name),
                ));
            }
            if m.role == BlockRole::TruongKhoi {
                leaders += 1;
            }
        }
        if leaders > 1 {
            return Err(Error::invalid(
                "members",
                "Mỗi khối chỉ có một Trưởng khối.",
            ));
        }
        Ok(BlockInput {
            year,
            name,
            note: clean(&input.note),
            members: input.members.clone(),
        })
    }

    fn write_members(conn: &Connection, block_id: &str, input: &BlockInput) -> Result<()> {
        conn.execute("DELETE FROM block_members WHERE block_id = ?1", [block_id])?;
        let mut stmt = conn.prepare(
            "INSERT INTO block_members (block_id, unit_id, year, role) VALUES (?1, ?2, ?3, ?4)",
        )?;
        for m in &input.members {
            stmt.execute(params![block_id, m.unit_id, input.year, m.role.as_str()])?;
        }
        Ok(())
    }

    pub fn create_block(&mut self, input: &BlockInput) -> Result<Block> {
        let b = self.check_block(None, input)?;
        let id = new_id();
        let tx = self.conn.savepoint()?;
        let t = now();
        tx.execute(
            "INSERT INTO blocks (id, year, name, note, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
            params![id, b.year, b.name, b.note, t],
        )?;
        Self::write_members(&tx, &id, &b)?;
        tx.commit()?;
        self.block(&id)
    }

    pub fn update_block(&mut self, id: &str, input: &BlockInput) -> Result<Block> {
        let old = self.block(id)?;
        if old.year != input.year {
            return Err(Error::invalid(
                "year",
                "Không đổi năm của khối; hãy sao chép khối sang năm khác.",
            ));
        }
        let b = self.check_block(Some(id), input)?;
        let tx = self.conn.savepoint()?;
        tx.execute(
            "UPDATE blocks SET name = ?2, note = ?3, updated_at = ?4 WHERE id = ?1",
            params![id, b.name, b.note, now()],
        )?;
        Self::write_members(&tx, id, &b)?;
        tx.commit()?;
        self.block(id)
    }

    /// Deletes a block made by mistake. A block with scores is refused: the delete would
    /// take its scores and criteria with it (ON DELETE CASCADE) and the year's ranking
    /// could not be made again.
    pub fn delete_block(&mut self, id: &str) -> Result<()> {
        let block = self.block(id)?;
        let scored: i64 = self.conn.query_row(
            "SELECT count(DISTINCT unit_id) FROM (
                 SELECT unit_id FROM block_scores
                 WHERE block_id = ?1 AND (self_score IS NOT NULL OR block_score IS NOT NULL
                     OR council_score IS NOT NULL OR proposal <> '')
                 UNION ALL
                 SELECT cs.unit_id FROM criterion_scores cs
                 JOIN criteria c ON c.id = cs.criterion_id
                 JOIN criteria_sets s ON s.id = c.set_id
                 WHERE s.block_id = ?1 AND (cs.self_points IS NOT NULL
                     OR cs.block_points IS NOT NULL OR cs.council_points IS NOT NULL))",
            [id],
            |r| r.get(0),
        )?;
        if scored > 0 {
            return Err(Error::InUse {
                message: format!(
                    "Không xóa được khối “{}” vì đã có điểm chấm của {} đơn vị; xóa khối sẽ mất các điểm đó. Nếu khối không còn dùng, hãy xóa điểm ở màn hình Chấm điểm khối trước.",
                    block.name, scored
                ),
            });
        }
        self.conn
            .execute("DELETE FROM blocks WHERE id = ?1", [id])?;
        Ok(())
    }

    /// Copies the blocks of `from` into `to`, as clerks do each January. Blocks whose name
    /// already exists in `to`, units no longer active, and units already placed in `to`
    /// are left out and reported. All or nothing.
    pub fn copy_blocks(&mut self, from: i32, to: i32) -> Result<BlockCopyReport> {
        check_year(from)?;
        check_year(to)?;
        if from == to {
            return Err(Error::invalid(
                "year",
                "Năm nguồn và năm đích phải khác nhau.",
            ));
        }
        let source = self.blocks(from)?;
        if source.is_empty() {
            return Err(Error::not_found(format!(
                "khối thi đua nào trong năm {from}"
            )));
        }
        let existing: HashSet<String> = self
            .blocks(to)?
            .iter()
            .map(|b| b.name.to_lowercase())
            .collect();
        let mut placed: HashSet<String> = HashSet::new();
        {
            let mut stmt = self
                .conn
                .prepare("SELECT unit_id FROM block_members WHERE year = ?1")?;
            for id in stmt.query_map([to], |r| r.get::<_, String>(0))? {
                placed.insert(id?);
            }
        }
        let mut skipped = Vec::new();
        let mut plans = Vec::new();
        for block in source {
            if existing.contains(&block.name.to_lowercase()) {
                skipped.push(format!("Khối \"{}\" đã có trong năm {to}.", block.name));
                continue;
            }
            let mut members = Vec::new();
            for m in block.members {
                if m.unit_status != UnitStatus::Active {
                    skipped.push(format!(
                        "\"{}\" ({}) không được chép sang khối \"{}\".",
                        m.unit_name,
                        m.unit_status.label().to_lowercase(),
                        block.name
                    ));
                } else if !placed.insert(m.unit_id.clone()) {
                    skipped.push(format!(
                        "\"{}\" đã thuộc một khối khác trong năm {to}.",
                        m.unit_name
                    ));
                } else {
                    members.push(BlockMemberInput {
                        unit_id: m.unit_id,
                        role: m.role,
                    });
                }
            }
            plans.push(BlockInput {
                year: to,
                name: block.name,
                note: block.note,
                members,
            });
        }
        let tx = self.conn.savepoint()?;
        let t = now();
        let mut ids = Vec::new();
        for plan in &plans {
            let id = new_id();
            tx.execute(
                "INSERT INTO blocks (id, year, name, note, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
                params![id, plan.year, plan.name, plan.note, t],
            )?;
            Self::write_members(&tx, &id, plan)?;
            ids.push(id);
        }
        tx.commit()?;
        let created = ids.iter().map(|id| self.block(id)).collect::<Result<_>>()?;
        Ok(BlockCopyReport { created, skipped })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::units::{UnitInput, UnitKind};

    fn unit(s: &mut Store, code: &str, name: &str) -> String {
        s.create_unit(&UnitInput {
            code: code.into(),
            name: name.into(),
            kind: UnitKind::CoQuanHanhChinh,
            staff_count: None,
            parent_id: None,
            note: String::new(),
        })
        .unwrap()
        .id
    }

    fn member(unit_id: &str, role: BlockRole) -> BlockMemberInput {
        BlockMemberInput {
            unit_id: unit_id.into(),
            role,
        }
    }

    fn block(year: i32, name: &str, members: Vec<BlockMemberInput>) -> BlockInput {
        BlockInput {
            year,
            name: name.into(),
            note: String::new(),
            members,
        }
    }

    #[test]
    fn members_listed_leader_first_then_vietnamese_order() {
        let mut s = Store::open_in_memory().unwrap();
        let a = unit(&mut s, "A", "Đoàn Thanh niên");
        let b = unit(&mut s, "B", "Hội Nông dân");
        let c = unit(&mut s, "C", "Hội Cựu chiến binh");
        let d = unit(&mut s, "D", "Ăn uống công cộng");
        let created = s
            .create_block(&block(
                2025,
                "Khối Đoàn thể",
                vec![
                    member(&a, BlockRole::ThanhVien),
                    member(&b, BlockRole::TruongKhoi),
                    member(&c, BlockRole::PhoKhoi),
                    member(&d, BlockRole::ThanhVien),
                ],
            ))
            .unwrap();
        let order: Vec<&str> = created
            .members
            .iter()
            .map(|m| m.unit_name.as_str())
            .collect();
        assert_eq!(
            order,
            vec![
                "Hội Nông dân",
                "Hội Cựu chiến binh",
                "Ăn uống công cộng",
                "Đoàn Thanh niên"
            ]
        );
        assert_eq!(s.blocks(2025).unwrap(), vec![created]);
        assert!(s.blocks(2024).unwrap().is_empty());
    }

    #[test]
    fn one_block_a_year_per_unit_and_one_leader() {
        let mut s = Store::open_in_memory().unwrap();
        let a = unit(&mut s, "A", "Trường Mầm non");
        let b = unit(&mut s, "B", "Trường Tiểu học");
        s.create_block(&block(
            2025,
            "Khối Giáo dục",
            vec![member(&a, BlockRole::TruongKhoi)],
        ))
        .unwrap();
        let err = s
            .create_block(&block(
                2025,
                "Khối Khác",
                vec![member(&a, BlockRole::ThanhVien)],
            ))
            .unwrap_err();
        assert_eq!(err.code(), "duplicate");
        assert!(err.to_string().contains("Khối Giáo dục"), "{err}");
        // the same unit can be in a block of another year
        s.create_block(&block(
            2026,
            "Khối Khác",
            vec![member(&a, BlockRole::ThanhVien)],
        ))
        .unwrap();
        let err = s
            .create_block(&block(
                2024,
                "Khối X",
                vec![
                    member(&a, BlockRole::TruongKhoi),
                    member(&b, BlockRole::TruongKhoi),
                ],
            ))
            .unwrap_err();
        assert!(err.to_string().contains("một Trưởng khối"));
        let err = s
            .create_block(&block(2025, "khối giáo dục", vec![]))
            .unwrap_err();
        assert_eq!((err.code(), err.field()), ("duplicate", Some("name")));
    }

    #[test]
    fn copy_from_last_year_skips_merged_units_and_is_reported() {
        let mut s = Store::open_in_memory().unwrap();
        let a = unit(&mut s, "A", "Xã Hồng Kỳ");
        let b = unit(&mut s, "B", "Xã Sóc Sơn");
        let c = unit(&mut s, "C", "Xã Bắc Sơn");
        s.create_block(&block(
            2024,
            "Cụm xã phía Bắc",
            vec![
                member(&a, BlockRole::TruongKhoi),
                member(&b, BlockRole::PhoKhoi),
                member(&c, BlockRole::ThanhVien),
            ],
        ))
        .unwrap();
        s.merge_unit(&c, &b, "2025-07-01").unwrap();

        let report = s.copy_blocks(2024, 2025).unwrap();
        assert_eq!(report.created.len(), 1);
        let copied = &report.created[0];
        assert_eq!(copied.year, 2025);
        let ids: Vec<&str> = copied.members.iter().map(|m| m.unit_id.as_str()).collect();
        assert_eq!(ids, vec![a.as_str(), b.as_str()]);
        assert_eq!(copied.members[0].role, BlockRole::TruongKhoi);
        assert_eq!(report.skipped.len(), 1);
        assert!(report.skipped[0].contains("Xã Bắc Sơn"));

        // a merged unit stays in last year's block, and that block can still be edited
        let old = &s.blocks(2024).unwrap()[0];
        assert_eq!(old.members.len(), 3);
        let keep: Vec<_> = old
            .members
            .iter()
            .map(|m| member(&m.unit_id, m.role))
            .collect();
        let mut edit = block(2024, "Cụm xã phía Bắc", keep);
        edit.note = "Trước sáp nhập".into();
        assert_eq!(s.update_block(&old.id, &edit).unwrap().members.len(), 3);

        // copying again adds nothing and says why
        let again = s.copy_blocks(2024, 2025).unwrap();
        assert!(again.created.is_empty());
        assert_eq!(
            again.skipped,
            vec!["Khối \"Cụm xã phía Bắc\" đã có trong năm 2025."]
        );
        assert_eq!(s.blocks(2025).unwrap().len(), 1);
    }

    #[test]
    fn deleting_a_block_keeps_its_units_and_a_unit_in_a_block_is_not_deleted() {
        let mut s = Store::open_in_memory().unwrap();
        let a = unit(&mut s, "A", "Công an xã");
        let blk = s
            .create_block(&block(
                2025,
                "Khối Nội chính",
                vec![member(&a, BlockRole::ThanhVien)],
            ))
            .unwrap();
        assert_eq!(s.delete_unit(&a).unwrap_err().code(), "in_use");

        // Scores would go with the block: refused until they are cleared.
        let score = |x: Option<f64>| crate::scoring::BlockScoreInput {
            self_score: x,
            block_score: None,
            council_score: None,
            proposal: String::new(),
            note: String::new(),
        };
        s.set_block_score(&blk.id, &a, &score(Some(92.5)), None)
            .unwrap();
        let e = s.delete_block(&blk.id).unwrap_err();
        assert_eq!(e.code(), "in_use");
        assert!(e.to_string().contains("điểm chấm của 1 đơn vị"), "{e}");
        assert_eq!(s.blocks(2025).unwrap().len(), 1);
        s.set_block_score(&blk.id, &a, &score(None), None).unwrap();

        s.delete_block(&blk.id).unwrap();
        assert_eq!(s.unit(&a).unwrap().name, "Công an xã");
        s.delete_unit(&a).unwrap();
    }
}
