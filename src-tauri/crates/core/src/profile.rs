//! The office that keeps this database: its name, level, parent authority, the place name
//! used in document dates, and the signer printed under reports and decisions.

use crate::error::{Error, Result};
use crate::store::{now, Store};
use crate::text::clean;
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum OfficeLevel {
    /// Xã, phường, đặc khu (and thị trấn before 1/7/2025).
    Xa,
    /// Huyện — districts ended on 1/7/2025; kept for data from before.
    Huyen,
    Tinh,
    /// An agency or unit with member units (a department with its schools, …).
    CoQuan,
}

impl OfficeLevel {
    pub const ALL: [OfficeLevel; 4] = [Self::Xa, Self::Huyen, Self::Tinh, Self::CoQuan];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Xa => "xa",
            Self::Huyen => "huyen",
            Self::Tinh => "tinh",
            Self::CoQuan => "co_quan",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Xa => "Cấp xã (xã, phường, đặc khu)",
            Self::Huyen => "Cấp huyện (dữ liệu trước 01/7/2025)",
            Self::Tinh => "Cấp tỉnh",
            Self::CoQuan => "Cơ quan, đơn vị có đơn vị trực thuộc",
        }
    }

    pub fn parse(s: &str) -> Result<Self> {
        Self::ALL
            .into_iter()
            .find(|l| l.as_str() == s)
            .ok_or_else(|| {
                Error::invalid(
                    "level",
                    format!("Cấp \"{s}\" không hợp lệ. Chọn một trong: xa, huyen, tinh, co_quan."),
                )
            })
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct OfficeProfile {
    /// E.g. "UBND xã An Bình".
    pub name: String,
    pub level: OfficeLevel,
    /// The authority above, printed on the first header line (e.g. "UBND TỈNH BẮC NINH").
    pub parent_authority: String,
    /// Place in the document date line: "An Bình, ngày 05 tháng 7 năm 2026".
    pub place_name: String,
    pub signer_name: String,
    /// E.g. "Chủ tịch" or "Phó Chủ tịch".
    pub signer_title: String,
}

impl OfficeProfile {
    /// The lines above the signature (NĐ 30/2020, Điều 13 and Phụ lục I): an Ủy ban nhân dân
    /// decides collectively, so its chair signs "TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH"; a deputy signs
    /// for the head with "KT." ("KT. CHỦ TỊCH / PHÓ CHỦ TỊCH"); an agency led by its head
    /// has no "TM." line.
    pub fn signature_lines(&self) -> Vec<String> {
        let collective = self.level != OfficeLevel::CoQuan;
        let title = match crate::text::clean(&self.signer_title).to_uppercase() {
            t if !t.is_empty() => t,
            _ if collective => "CHỦ TỊCH".to_string(),
            _ => "THỦ TRƯỞNG CƠ QUAN".to_string(),
        };
        let mut lines = Vec::new();
        if collective {
            lines.push("TM. ỦY BAN NHÂN DÂN".to_string());
        }
        if let Some(head) = title.strip_prefix("PHÓ ") {
            lines.push(format!("KT. {head}"));
        }
        lines.push(title);
        lines
    }

    /// A profile with just the name and level, as `thidua init` creates it.
    pub fn new(name: &str, level: OfficeLevel) -> Self {
        OfficeProfile {
            name: name.to_string(),
            level,
            parent_authority: String::new(),
            place_name: String::new(),
            signer_name: String::new(),
            signer_title: String::new(),
        }
    }

    fn cleaned(&self) -> Result<Self> {
        let p = OfficeProfile {
            name: clean(&self.name),
            level: self.level,
            parent_authority: clean(&self.parent_authority),
            place_name: clean(&self.place_name),
            signer_name: clean(&self.signer_name),
            signer_title: clean(&self.signer_title),
        };
        if p.name.is_empty() {
            return Err(Error::invalid("name", "Tên cơ quan không được để trống."));
        }
        if p.name.chars().count() > 200 {
            return Err(Error::invalid("name", "Tên cơ quan dài quá 200 ký tự."));
        }
        Ok(p)
    }
}

impl Store {
    pub fn profile(&self) -> Result<Option<OfficeProfile>> {
        self.conn
            .query_row(
                "SELECT name, level, parent_authority, place_name, signer_name, signer_title
                 FROM office_profile WHERE id = 1",
                [],
                |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        r.get::<_, String>(1)?,
                        r.get(2)?,
                        r.get(3)?,
                        r.get(4)?,
                        r.get(5)?,
                    ))
                },
            )
            .optional()?
            .map(
                |(name, level, parent_authority, place_name, signer_name, signer_title)| {
                    Ok(OfficeProfile {
                        name,
                        level: OfficeLevel::parse(&level)?,
                        parent_authority,
                        place_name,
                        signer_name,
                        signer_title,
                    })
                },
            )
            .transpose()
    }

    /// The profile, or `NotInitialized` when the office was never set up.
    pub fn require_profile(&self) -> Result<OfficeProfile> {
        self.profile()?.ok_or(Error::NotInitialized)
    }

    /// First set-up of the office. Refused when the database already has an office, so a
    /// mistaken second `init` can never overwrite anything.
    pub fn init_profile(&mut self, profile: &OfficeProfile) -> Result<OfficeProfile> {
        let p = profile.cleaned()?;
        let tx = self.conn.savepoint()?;
        let existing: Option<String> = tx
            .query_row("SELECT name FROM office_profile WHERE id = 1", [], |r| {
                r.get(0)
            })
            .optional()?;
        if let Some(office) = existing {
            return Err(Error::AlreadyInitialized { office });
        }
        let t = now();
        tx.execute(
            "INSERT INTO office_profile (id, name, level, parent_authority, place_name,
                 signer_name, signer_title, created_at, updated_at)
             VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
            params![
                p.name,
                p.level.as_str(),
                p.parent_authority,
                p.place_name,
                p.signer_name,
                p.signer_title,
                t
            ],
        )?;
        tx.commit()?;
        Ok(p)
    }

    /// Changes the profile of an office that is already set up.
    pub fn update_profile(&mut self, profile: &OfficeProfile) -> Result<OfficeProfile> {
        let p = profile.cleaned()?;
        let changed = self.conn.execute(
            "UPDATE office_profile SET name = ?1, level = ?2, parent_authority = ?3,
                 place_name = ?4, signer_name = ?5, signer_title = ?6, updated_at = ?7
             WHERE id = 1",
            params![
                p.name,
                p.level.as_str(),
                p.parent_authority,
                p.place_name,
                p.signer_name,
                p.signer_title,
                now()
            ],
        )?;
        if changed == 0 {
            return Err(Error::NotInitialized);
        }
        Ok(p)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signature_lines_follow_decree_30() {
        let mut p = OfficeProfile::new("UBND xã An Bình", OfficeLevel::Xa);
        p.signer_title = "Chủ tịch".into();
        assert_eq!(p.signature_lines(), ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]);
        p.signer_title = "Phó Chủ tịch".into();
        assert_eq!(
            p.signature_lines(),
            ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]
        );
        let mut school = OfficeProfile::new("Trường THCS Hồng Kỳ", OfficeLevel::CoQuan);
        school.signer_title = "Phó Hiệu trưởng".into();
        assert_eq!(
            school.signature_lines(),
            ["KT. HIỆU TRƯỞNG", "PHÓ HIỆU TRƯỞNG"]
        );
        school.signer_title = String::new();
        assert_eq!(school.signature_lines(), ["THỦ TRƯỞNG CƠ QUAN"]);
    }

    #[test]
    fn init_once_then_refused() {
        let mut store = Store::open_in_memory().unwrap();
        assert!(store.profile().unwrap().is_none());
        assert_eq!(
            store.require_profile().unwrap_err().code(),
            "not_initialized"
        );

        let mut p = OfficeProfile::new("  UBND xã  An Bình ", OfficeLevel::Xa);
        p.place_name = "An Bình".into();
        let saved = store.init_profile(&p).unwrap();
        assert_eq!(saved.name, "UBND xã An Bình");

        let err = store
            .init_profile(&OfficeProfile::new("UBND xã Khác", OfficeLevel::Xa))
            .unwrap_err();
        assert_eq!(err.code(), "already_initialized");
        assert!(err.to_string().contains("UBND xã An Bình"));
        assert_eq!(store.profile().unwrap().unwrap().name, "UBND xã An Bình");
    }

    #[test]
    fn update_keeps_nfc_and_rejects_empty_name() {
        let mut store = Store::open_in_memory().unwrap();
        assert_eq!(
            store
                .update_profile(&OfficeProfile::new("X", OfficeLevel::Xa))
                .unwrap_err()
                .code(),
            "not_initialized"
        );
        store
            .init_profile(&OfficeProfile::new("UBND xã An Bình", OfficeLevel::Xa))
            .unwrap();
        let mut p = store.require_profile().unwrap();
        p.signer_name = "Nguye\u{0302}\u{0303}n Va\u{0306}n Ho\u{0300}a".into();
        p.level = OfficeLevel::Huyen;
        store.update_profile(&p).unwrap();
        let got = store.require_profile().unwrap();
        assert_eq!(got.signer_name, "Nguyễn Văn Hòa");
        assert_eq!(got.level, OfficeLevel::Huyen);

        p.name = "   ".into();
        let err = store.update_profile(&p).unwrap_err();
        assert_eq!((err.code(), err.field()), ("invalid_input", Some("name")));
    }

    #[test]
    fn level_parse_names_the_choices() {
        assert_eq!(OfficeLevel::parse("co_quan").unwrap(), OfficeLevel::CoQuan);
        let err = OfficeLevel::parse("thon").unwrap_err();
        assert!(err.to_string().contains("xa, huyen, tinh, co_quan"));
    }
}
