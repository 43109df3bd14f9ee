//! Understanding the values people type: titles and forms written out, abbreviated or
//! misspelled ("LĐTT", "CSTĐCS", "Chiến sỹ thi đua cơ sở") as catalog codes; dates as Excel
//! serials or text; the decision and the year stated once in the title; whether a name is a
//! person, a collective or a household.

use super::reader::Cell;
use crate::decisions::{AwardType, DecisionLevel};
use crate::rules::CatalogItem;
use crate::subjects::RecipientKind;
use crate::text::{clean, search_key};
use chrono::{Duration, NaiveDate};

/// A search key with punctuation turned into spaces and the usual abbreviations spelled out.
fn key(text: &str) -> String {
    let k = search_key(text)
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect::<String>();
    k.split_whitespace()
        .map(|w| match w {
            "ubnd" => "uy ban nhan dan",
            "sy" => "si",
            "cstd" => "chien si thi dua",
            "ld" => "lao dong",
            "tt" => "tien tien",
            "xs" => "xuat sac",
            "cs" => "co so",
            "ct" => "chu tich",
            "ttg" => "thu tuong",
            "cp" => "chinh phu",
            // Whole abbreviations written as one word ("LĐTT" has become "ldtt").
            "ldtt" => "lao dong tien tien",
            "ldxs" => "lao dong xuat sac",
            "cstdcs" | "cstdccs" => "chien si thi dua co so",
            "ttldtt" => "tap the lao dong tien tien",
            "ttldxs" => "tap the lao dong xuat sac",
            "gdvh" => "gia dinh van hoa",
            w => w,
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Phrases that name a catalog item but differ from its official name.
const PHRASES: [(&str, &str); 8] = [
    ("tap the lao dong tien tien", "TTLDTT"),
    ("tap the lao dong xuat sac", "TTLDXS"),
    ("chien si thi dua co so", "CSTD_CS"),
    ("chien si thi dua cap tinh", "CSTD_TINH"),
    ("chien si thi dua toan quoc", "CSTD_TQ"),
    ("lao dong tien tien", "LDTT"),
    ("thon van hoa", "THON_VH"),
    ("to dan pho van hoa", "THON_VH"),
];

/// A catalog item found for a text, with a note when it was read rather than recognised.
#[derive(Debug, Clone, PartialEq)]
pub struct CodeMatch {
    pub code: String,
    pub note: Option<String>,
}

fn levenshtein(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != *cb))
                .min(prev[j + 1] + 1)
                .min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

/// The catalog code a title or form names. `level` (of the decision) settles a bare
/// "Giấy khen". Err carries the Vietnamese reason.
pub fn resolve_code(
    text: &str,
    catalog: &[CatalogItem],
    level: Option<DecisionLevel>,
) -> std::result::Result<CodeMatch, String> {
    let mut k = key(text);
    for prefix in ["dat danh hieu ", "danh hieu ", "dang ky ", "de nghi "] {
        if let Some(rest) = k.strip_prefix(prefix) {
            k = rest.to_string();
        }
    }
    // "… năm 2024" says the period, not the title.
    if let Some(pos) = k.find(" nam ") {
        if k[pos + 5..]
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_digit())
        {
            k.truncate(pos);
        }
    }
    let compact: String = k.chars().filter(|c| c.is_alphanumeric()).collect();
    let found = |code: &str| CodeMatch {
        code: code.to_string(),
        note: None,
    };
    if compact.is_empty() {
        return Err("Ô danh hiệu / hình thức trống.".into());
    }
    if let Some(item) = catalog.iter().find(|i| {
        i.code.to_lowercase().replace('_', "") == compact
            || key(&i.name).replace(' ', "") == compact
    }) {
        return Ok(found(&item.code));
    }
    let has = |p: &str| k.contains(p);
    if has("giay khen") {
        let code = if has("huyen") {
            "GK_HUYEN"
        } else if has(" xa") || has("phuong") || has("thi tran") || has("dac khu") {
            "GK_XA"
        } else if has("giam doc") || has("hieu truong") || has("thu truong") || has("truong phong")
        {
            "GK_CQ"
        } else {
            return match level {
                Some(DecisionLevel::Xa) => Ok(found("GK_XA")),
                Some(DecisionLevel::Huyen) => Ok(found("GK_HUYEN")),
                Some(DecisionLevel::CoQuan) => Ok(found("GK_CQ")),
                _ => Err("\"Giấy khen\" không ghi của ai (Chủ tịch UBND xã, huyện hay thủ trưởng cơ quan), và không rõ cấp quyết định.".into()),
            };
        };
        return Ok(found(code));
    }
    if has("bang khen") {
        return Ok(found(if has("thu tuong") || has("chinh phu") {
            "BK_TTG"
        } else {
            "BK_TINH"
        }));
    }
    if has("co thi dua") {
        return Ok(found(if has("chinh phu") { "CO_CP" } else { "CO_TINH" }));
    }
    // Official names and known phrases, the longest first ("tập thể lao động tiên tiến"
    // contains "lao động tiên tiến").
    let mut names: Vec<(String, &str)> = catalog
        .iter()
        .map(|i| (key(&i.name), i.code.as_str()))
        .chain(PHRASES.iter().map(|(p, c)| (p.to_string(), *c)))
        .collect();
    names.sort_by_key(|(n, _)| std::cmp::Reverse(n.len()));
    if let Some((_, code)) = names
        .iter()
        .find(|(n, _)| k == *n || k.contains(n.as_str()))
    {
        return Ok(found(code));
    }
    // Misspellings: the nearest name within a few letters.
    let best = names
        .iter()
        .map(|(n, code)| (levenshtein(&k, n), n, *code))
        .min_by_key(|(d, _, _)| *d);
    if let Some((distance, name, code)) = best {
        if distance <= (name.len() / 8).max(1) {
            let official = catalog
                .iter()
                .find(|i| i.code == code)
                .map(|i| i.name.clone())
                .unwrap_or_else(|| code.to_string());
            return Ok(CodeMatch {
                code: code.to_string(),
                note: Some(format!("\"{}\" được hiểu là \"{official}\".", clean(text))),
            });
        }
    }
    Err(format!(
        "Không nhận ra danh hiệu / hình thức \"{}\". Hãy sửa theo danh mục (ví dụ \"Lao động tiên tiến\", \"Giấy khen của Chủ tịch UBND xã\").",
        clean(text)
    ))
}

/// A date from a cell: an Excel serial, or text as dd/mm/yyyy, d/m/yy, yyyy-mm-dd or
/// "ngày 20 tháng 12 năm 2024".
pub fn parse_date_cell(cell: &Cell) -> Option<NaiveDate> {
    match cell {
        Cell::Date(serial) | Cell::Number(serial) if (1.0..2_958_466.0).contains(serial) => {
            NaiveDate::from_ymd_opt(1899, 12, 30)?
                .checked_add_signed(Duration::days(*serial as i64))
        }
        Cell::Text(s) => parse_date_text(s),
        _ => None,
    }
}

pub fn parse_date_text(text: &str) -> Option<NaiveDate> {
    let k = search_key(text);
    let numbers: Vec<i64> = k
        .split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty() && s.len() <= 4)
        .filter_map(|s| s.parse().ok())
        .collect();
    if numbers.len() != 3 {
        return None;
    }
    let (y, m, d) = if numbers[0] > 31 {
        (numbers[0], numbers[1], numbers[2])
    } else {
        (numbers[2], numbers[1], numbers[0])
    };
    let y = if y < 100 { 2000 + y } else { y };
    if !(1945..=2200).contains(&y) {
        return None;
    }
    NaiveDate::from_ymd_opt(y as i32, m as u32, d as u32)
}

/// What the title block says for the whole list.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TitleInfo {
    pub decision_number: Option<String>,
    pub decision_date: Option<NaiveDate>,
    /// "Chủ tịch UBND xã An Bình".
    pub authority: Option<String>,
    pub year: Option<i32>,
}

fn trim_token(t: &str) -> &str {
    t.trim_matches(|c: char| matches!(c, ',' | ';' | ':' | '(' | ')' | '"' | '.' | '“' | '”'))
}

/// Reads "(Kèm theo Quyết định số 45/QĐ-UBND ngày 20/12/2024 của Chủ tịch UBND xã …)" and
/// "… NĂM 2024" / "NĂM HỌC 2024 - 2025" from the lines above the table.
pub fn title_info(lines: &[String]) -> TitleInfo {
    let mut info = TitleInfo::default();
    for line in lines {
        let tokens: Vec<&str> = line.split_whitespace().collect();
        let keys: Vec<String> = tokens.iter().map(|t| search_key(trim_token(t))).collect();
        if info.decision_number.is_none() {
            if let Some(i) = keys.iter().position(|k| k.contains("/qd")) {
                info.decision_number = Some(trim_token(tokens[i]).to_string());
                let rest = &tokens[i + 1..];
                let rest_keys = &keys[i + 1..];
                if let Some(j) = rest_keys.iter().position(|k| k == "ngay") {
                    let tail = rest[j + 1..].iter().take(5).copied().collect::<Vec<_>>();
                    info.decision_date = tail
                        .first()
                        .and_then(|t| parse_date_text(trim_token(t)))
                        .or_else(|| parse_date_text(&tail.join(" ")));
                }
                if let Some(j) = rest_keys.iter().position(|k| k == "cua") {
                    let authority = rest[j + 1..].join(" ");
                    let authority = authority.trim_end_matches([')', '.', ' ']);
                    if !authority.is_empty() {
                        info.authority = Some(authority.to_string());
                    }
                }
            }
        }
        if info.year.is_none() {
            for (i, k) in keys.iter().enumerate() {
                if k != "nam" {
                    continue;
                }
                // "An Bình, ngày 22 tháng 11 năm 2026" (the place-and-date line) says when the
                // sheet was written, not which year it is about; the title says that.
                if i >= 2 && keys[i - 2] == "thang" && keys[..i].iter().any(|k| k == "ngay") {
                    continue;
                }
                let school_year = keys.get(i + 1).is_some_and(|n| n == "hoc");
                let years: Vec<i32> = keys[i + 1..]
                    .iter()
                    .take(5)
                    .flat_map(|k| k.split('-'))
                    .filter(|s| s.len() == 4)
                    .filter_map(|s| s.parse().ok())
                    .filter(|y| (1945..=2200).contains(y))
                    .collect();
                // A school year 2024 - 2025 is registered and judged in its closing year.
                let year = if school_year {
                    years.get(1).or(years.first())
                } else {
                    years.first()
                };
                if let Some(y) = year {
                    info.year = Some(*y);
                    break;
                }
            }
        }
    }
    info
}

/// The decision level an authority implies: "Chủ tịch UBND xã An Bình" → xã.
pub fn level_of(authority: &str) -> Option<DecisionLevel> {
    let k = format!(" {} ", key(authority));
    let has = |p: &str| k.contains(p);
    if has(" thu tuong ") || has(" chu tich nuoc ") {
        Some(DecisionLevel::NhaNuoc)
    } else if has(" tinh ") || has(" bo truong ") {
        Some(DecisionLevel::BoTinh)
    } else if has(" huyen ") || has(" thi xa ") || has(" quan ") {
        Some(DecisionLevel::Huyen)
    } else if has(" xa ") || has(" phuong ") || has(" thi tran ") || has(" dac khu ") {
        Some(DecisionLevel::Xa)
    } else if has(" giam doc ") || has(" hieu truong ") || has(" thu truong ") {
        Some(DecisionLevel::CoQuan)
    } else {
        None
    }
}

/// Words that start the name of a collective. Checked with diacritics, because several are
/// also family names without them (Trương / Trường, Tô / Tổ, Hồ / Hộ).
const COLLECTIVE_PREFIXES: [&str; 46] = [
    "trường",
    "thôn",
    "tổ",
    "bản",
    "xóm",
    "ấp",
    "khu phố",
    "công ty",
    "doanh nghiệp",
    "hợp tác xã",
    "htx",
    "trạm",
    "trung tâm",
    "bệnh viện",
    "ủy ban",
    "uỷ ban",
    "ubnd",
    "văn phòng",
    "phòng",
    "ban",
    "hội",
    "đoàn thanh niên",
    "đoàn thể",
    "chi bộ",
    "đảng bộ",
    "chi đoàn",
    "chi hội",
    "công an",
    "mặt trận",
    "liên đội",
    "lớp",
    "khối",
    "tập thể",
    "câu lạc bộ",
    "clb",
    "ngân hàng",
    "chi cục",
    "cục",
    "sở",
    "kho bạc",
    "viện",
    "đội",
    "xã",
    "phường",
    "thị trấn",
    "cửa hàng",
];

/// Person, collective or household, from how the name is written; None when it reads as a
/// person's name (the default).
/// "Đối tượng" as units write it: "Cá nhân", "CN", "Tập thể", "Hộ gia đình", "Hộ" …
pub fn subject_kind_of(text: &str) -> Option<RecipientKind> {
    match key(text).as_str() {
        "ca nhan" | "cn" | "nguoi" => Some(RecipientKind::CaNhan),
        // `key` has spelled "TT" out as "tiên tiến".
        "tap the" | "tien tien" | "don vi" | "co quan" => Some(RecipientKind::TapThe),
        "ho gia dinh" | "ho" | "hgd" | "gia dinh" => Some(RecipientKind::HoGiaDinh),
        _ => None,
    }
}

/// "Cấp quyết định": one of the template's labels, else read like an authority ("UBND tỉnh").
pub fn decision_level_of(text: &str) -> Option<DecisionLevel> {
    let k = key(text);
    DecisionLevel::ALL
        .into_iter()
        .find(|l| key(l.label()) == k)
        .or_else(|| {
            (k.contains("nha nuoc") || k.contains("trung uong")).then_some(DecisionLevel::NhaNuoc)
        })
        .or_else(|| level_of(text))
}

/// "Loại hình khen thưởng": the template's label, or the word people use for it.
pub fn award_type_of(text: &str) -> Option<AwardType> {
    let k = key(text);
    if let Some(t) = AwardType::ALL.into_iter().find(|t| key(t.label()) == k) {
        return Some(t);
    }
    let has = |p: &str| k.contains(p);
    Some(if has("cong trang") || has("thuong xuyen") {
        AwardType::CongTrang
    } else if has("dot xuat") {
        AwardType::DotXuat
    } else if has("chuyen de") {
        AwardType::ChuyenDe
    } else if has("theo dot") || has("phong trao") {
        AwardType::PhongTraoDot
    } else if has("cong hien") {
        AwardType::CongHien
    } else if has("nien han") {
        AwardType::NienHan
    } else if has("doi ngoai") {
        AwardType::DoiNgoai
    } else if has("khang chien") {
        AwardType::KhangChien
    } else {
        return None;
    })
}

/// A tick column ("x" when it applies): `None` when the cell holds something else.
pub fn flag_of(cell: &Cell) -> Option<bool> {
    let text = cell.text();
    if matches!(text.trim(), "\u{2713}" | "\u{2714}" | "\u{2611}") {
        return Some(true);
    }
    match key(&text).as_str() {
        "" | "khong" | "0" => Some(false),
        "x" | "v" | "co" | "1" | "dung" => Some(true),
        _ => None,
    }
}

pub fn kind_from_name(name: &str) -> Option<RecipientKind> {
    let lower = clean(name).to_lowercase();
    let starts = |p: &str| {
        lower == p
            || lower
                .strip_prefix(p)
                .is_some_and(|rest| rest.starts_with([' ', '.', '-']))
    };
    if starts("hộ") || starts("gia đình") {
        return Some(RecipientKind::HoGiaDinh);
    }
    if COLLECTIVE_PREFIXES.iter().any(|p| starts(p)) {
        return Some(RecipientKind::TapThe);
    }
    None
}

/// "Hộ ông Nguyễn Văn A" → "Nguyễn Văn A".
pub fn household_head(name: &str) -> String {
    let mut s = clean(name);
    for prefix in ["hộ gia đình", "gia đình", "hộ"] {
        if s.to_lowercase().starts_with(prefix) {
            s = s.chars().skip(prefix.chars().count()).collect();
            s = s.trim_start_matches([' ', ':', '.']).to_string();
            break;
        }
    }
    for title in ["ông", "bà", "anh", "chị"] {
        if s.to_lowercase().starts_with(&format!("{title} ")) {
            s = s.chars().skip(title.chars().count() + 1).collect();
            break;
        }
    }
    clean(&s)
}

/// A number from a cell: numbers as they are, text with Vietnamese separators ("1.234.000",
/// "92,5").
pub fn parse_number(cell: &Cell) -> Option<f64> {
    match cell {
        Cell::Number(n) => Some(*n),
        Cell::Text(s) => {
            let t: String = s.chars().filter(|c| !c.is_whitespace()).collect();
            let t = t.trim_end_matches("đồng").trim_end_matches('đ');
            // Vietnamese writes thousands with dots: "710.000" is seven hundred ten thousand.
            let thousands = t.contains('.')
                && t.split('.')
                    .skip(1)
                    .all(|g| g.len() == 3 && g.chars().all(|c| c.is_ascii_digit()));
            if thousands || (t.contains('.') && t.contains(',')) {
                t.replace('.', "").replace(',', ".").parse().ok()
            } else {
                t.replace(',', ".").parse().ok()
            }
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Store;

    #[test]
    fn template_columns_are_understood_as_units_write_them() {
        assert_eq!(subject_kind_of("Cá nhân"), Some(RecipientKind::CaNhan));
        assert_eq!(subject_kind_of(" TẬP THỂ "), Some(RecipientKind::TapThe));
        assert_eq!(subject_kind_of("Hộ"), Some(RecipientKind::HoGiaDinh));
        assert_eq!(subject_kind_of("Ông bà"), None);
        for l in DecisionLevel::ALL {
            assert_eq!(decision_level_of(l.label()), Some(l), "{}", l.label());
        }
        assert_eq!(decision_level_of("UBND tỉnh"), Some(DecisionLevel::BoTinh));
        for t in AwardType::ALL {
            assert_eq!(award_type_of(t.label()), Some(t), "{}", t.label());
        }
        assert_eq!(award_type_of("Đột xuất"), Some(AwardType::DotXuat));
        assert_eq!(award_type_of("Thường xuyên"), Some(AwardType::CongTrang));
        assert_eq!(award_type_of("abc"), None);
        assert_eq!(flag_of(&Cell::Text("x".into())), Some(true));
        assert_eq!(flag_of(&Cell::Text("X".into())), Some(true));
        assert_eq!(flag_of(&Cell::Text("\u{2713}".into())), Some(true));
        assert_eq!(flag_of(&Cell::Empty), Some(false));
        assert_eq!(flag_of(&Cell::Text("có lẽ".into())), None);
    }

    #[test]
    fn titles_and_forms_written_every_way() {
        let store = Store::open_in_memory().unwrap();
        let catalog = store.catalog().unwrap();
        let code = |t: &str, level| resolve_code(t, &catalog, level).map(|m| m.code);
        let cases = [
            ("Lao động tiên tiến", "LDTT"),
            ("LĐTT", "LDTT"),
            ("lđtt", "LDTT"),
            ("CSTĐCS", "CSTD_CS"),
            ("Chiến sỹ thi đua cơ sở", "CSTD_CS"),
            ("Chiến sĩ thi đua cơ sở", "CSTD_CS"),
            ("Chiến sĩ thi đưa cơ sở", "CSTD_CS"),
            ("Lao động tiên tiếng", "LDTT"),
            ("Tập thể lao động tiên tiến", "TTLDTT"),
            ("Tập thể LĐXS", "TTLDXS"),
            ("Danh hiệu \"Lao động tiên tiến\" năm 2024", "LDTT"),
            ("Giấy khen của Chủ tịch UBND xã", "GK_XA"),
            ("Giấy khen của Chủ tịch UBND huyện", "GK_HUYEN"),
            ("Bằng khen của Chủ tịch UBND tỉnh", "BK_TINH"),
            ("Bằng khen của Thủ tướng Chính phủ", "BK_TTG"),
            ("Gia đình văn hóa", "GDVH"),
            ("Gia đình văn hoá", "GDVH"),
            ("Cờ thi đua của UBND tỉnh", "CO_TINH"),
            ("ldtt", "LDTT"),
        ];
        for (text, expected) in cases {
            assert_eq!(code(text, None).as_deref(), Ok(expected), "{text}");
        }
        assert_eq!(
            code("Giấy khen", Some(DecisionLevel::Xa)).as_deref(),
            Ok("GK_XA")
        );
        assert!(code("Giấy khen", None).is_err());
        assert!(code("Khen linh tinh", None)
            .unwrap_err()
            .contains("Không nhận ra"));
    }

    #[test]
    fn dates_in_every_form() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day);
        assert_eq!(parse_date_text("20/12/2024"), d(2024, 12, 20));
        assert_eq!(parse_date_text("5/7/24"), d(2024, 7, 5));
        assert_eq!(parse_date_text("2024-12-20"), d(2024, 12, 20));
        assert_eq!(parse_date_text("20.12.2024"), d(2024, 12, 20));
        assert_eq!(
            parse_date_text("ngày 20 tháng 12 năm 2024"),
            d(2024, 12, 20)
        );
        assert_eq!(parse_date_text("31/2/2024"), None);
        assert_eq!(parse_date_cell(&Cell::Date(45646.0)), d(2024, 12, 20));
        assert_eq!(parse_date_cell(&Cell::Number(45646.0)), d(2024, 12, 20));
    }

    #[test]
    fn decision_and_year_from_the_title() {
        let info = title_info(&[
            "DANH SÁCH KHEN THƯỞNG NĂM 2024".into(),
            "(Kèm theo Quyết định số 45/QĐ-UBND ngày 20 tháng 12 năm 2024 của Chủ tịch UBND xã An Bình)".into(),
        ]);
        assert_eq!(info.decision_number.as_deref(), Some("45/QĐ-UBND"));
        assert_eq!(info.decision_date, NaiveDate::from_ymd_opt(2024, 12, 20));
        assert_eq!(info.authority.as_deref(), Some("Chủ tịch UBND xã An Bình"));
        assert_eq!(info.year, Some(2024));
        assert_eq!(
            level_of("Chủ tịch UBND xã An Bình"),
            Some(DecisionLevel::Xa)
        );
        let school = title_info(&["BẢN ĐĂNG KÝ THI ĐUA NĂM HỌC 2024 - 2025".into()]);
        assert_eq!(school.year, Some(2025));
        // The date the sheet was signed (November 2026) is not the year it registers for.
        let dated = title_info(&[
            "UBND XÃ AN BÌNH".into(),
            "An Bình, ngày 22 tháng 11 năm 2026".into(),
            "BẢN ĐĂNG KÝ THI ĐUA NĂM 2027".into(),
        ]);
        assert_eq!(dated.year, Some(2027));
    }

    #[test]
    fn who_a_name_is() {
        assert_eq!(
            kind_from_name("Trường Tiểu học An Bình"),
            Some(RecipientKind::TapThe)
        );
        assert_eq!(kind_from_name("Thôn Đông"), Some(RecipientKind::TapThe));
        assert_eq!(kind_from_name("Tổ dân phố 3"), Some(RecipientKind::TapThe));
        assert_eq!(
            kind_from_name("Công ty TNHH Hòa Phát"),
            Some(RecipientKind::TapThe)
        );
        assert_eq!(
            kind_from_name("Hộ ông Nguyễn Văn Tư"),
            Some(RecipientKind::HoGiaDinh)
        );
        assert_eq!(kind_from_name("Trương Văn Tổ"), None);
        assert_eq!(kind_from_name("Hồ Thị Lan"), None);
        assert_eq!(kind_from_name("Tô Văn Ban"), None);
        assert_eq!(household_head("Hộ ông Nguyễn Văn Tư"), "Nguyễn Văn Tư");
        assert_eq!(household_head("Lò Thị Sâm"), "Lò Thị Sâm");
        assert_eq!(
            parse_number(&Cell::Text("1.234.000".into())),
            Some(1_234_000.0)
        );
        assert_eq!(parse_number(&Cell::Text("92,5".into())), Some(92.5));
    }
}
