//! Award lists as member units send them, written for benchmarks and tests: every shape the
//! importer has to read past (title and signature blocks, national motto, a two-row merged
//! header, a row numbering the columns, section rows, blank rows, a total line, abbreviations
//! and misspelt titles, a sheet typed in TCVN3), plus one very long list of the kind a district
//! sends when it compiles all its communes. Deterministic: the same call writes the same files.

use crate::error::{Error, Result};
use crate::legacy_text::to_tcvn3;
use rust_xlsxwriter::{Format, FormatAlign, Workbook, Worksheet, XlsxError};
use std::path::{Path, PathBuf};

const FAMILY: &[&str] = &[
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ",
    "Hồ", "Ngô", "Dương", "Lý",
];
const MIDDLE: &[&str] = &[
    "Văn", "Thị", "Hữu", "Đức", "Minh", "Ngọc", "Thanh", "Quang", "Xuân", "Thu", "Bích", "Công",
];
const GIVEN: &[&str] = &[
    "An", "Bình", "Cường", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hoà", "Hùng", "Khánh", "Lan",
    "Linh", "Long", "Mai", "Nam", "Nga", "Phúc", "Quân", "Sơn", "Tâm", "Thảo", "Trang", "Vân",
    "Tuấn", "Yến", "Thắng", "Hương", "Lộc", "Duy", "Nhung", "Khoa",
];

/// The `i`-th name of a fixed sequence; distinct for i below 16 × 12 × 32 × 32 = 196,608
/// (four-word names from then on, distinct up to 200 times that).
pub fn person_name(i: usize) -> String {
    let (f, m, g) = (FAMILY.len(), MIDDLE.len(), GIVEN.len());
    let base = format!(
        "{} {} {} {}",
        FAMILY[i % f],
        MIDDLE[(i / f) % m],
        GIVEN[(i / (f * m)) % g],
        GIVEN[(i / (f * m * g)) % g],
    );
    match i / (f * m * g * g) {
        0 => base,
        n => format!("{base} {}", MIDDLE[n % m]),
    }
}

/// Positions, with the unit each works in; `{}` is the unit's name.
const POSITIONS: &[&str] = &[
    "Giáo viên {}",
    "Nhân viên {}",
    "Chuyên viên {}",
    "Phó trưởng {}",
    "Kế toán {}",
    "Công nhân {}",
];

/// How a title is written in a list, as typed by the unit (abbreviated, misspelt or in full),
/// with the catalog code it stands for. Bare "Giấy khen" is read from the decision's level.
const TITLES: &[(&str, &str)] = &[
    ("Lao động tiên tiến", "LDTT"),
    ("LĐTT", "LDTT"),
    ("Lao đông tiên tiến", "LDTT"),
    ("Lao động tiên tiến", "LDTT"),
    ("Chiến sĩ thi đua cơ sở", "CSTD_CS"),
    ("CSTĐCS", "CSTD_CS"),
    ("Chiến sỹ thi đua cơ sở", "CSTD_CS"),
    ("Lao động tiên tiến", "LDTT"),
];
const FORMS: &[&str] = &["Giấy khen", "", "", "", "giấy khen", ""];

/// The member units whose lists are written, named as the large demo names them.
pub const LIST_UNITS: &[&str] = &[
    "Trường Mầm non An Bình",
    "Trường Tiểu học An Bình",
    "Trường THCS An Bình",
    "Trạm Y tế xã",
    "Hợp tác xã Nông nghiệp An Bình",
    "Công ty TNHH May mặc Đức Thành",
    "Trường Mầm non Tân Lập",
    "Trường Tiểu học Tân Lập",
    "Trường THCS Tân Lập",
    "Trường Mầm non Hòa Lạc",
    "Trường Tiểu học Hòa Lạc",
    "Trường THCS Hòa Lạc",
    "Công ty Cổ phần Gạch ngói Hòa Lạc",
    "Hợp tác xã Dịch vụ Tân Lập",
];

fn xlsx(e: XlsxError) -> Error {
    Error::invalid("file", format!("Không ghi được tệp Excel mẫu: {e}"))
}

/// A small deterministic sequence (the same LCG as the demo's), so files are stable.
struct Dice(u64);

impl Dice {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) % n as u64) as usize
    }
}

/// What one generated list holds, for checks: the rows of people and of collectives.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListShape {
    pub path: PathBuf,
    pub persons: usize,
    pub collectives: usize,
    pub tcvn3: bool,
}

/// Writes `count` award lists of `year` into `dir`, one per member unit and decision, of
/// 20 to 180 people each (about 100 on average). Returns what each file holds.
pub fn write_unit_lists(dir: &Path, count: usize, year: i32) -> Result<Vec<ListShape>> {
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let mut dice = Dice(20_250_701);
    let mut next_person = 0usize;
    let mut shapes = Vec::with_capacity(count);
    for i in 0..count {
        let unit = LIST_UNITS[i % LIST_UNITS.len()];
        let persons = 20 + dice.below(161);
        let path = dir.join(format!("{:03}-{}.xlsx", i + 1, file_stem(unit)));
        let shape = ListShape {
            path: path.clone(),
            persons,
            collectives: if i % 4 == 0 { 1 + i % 3 } else { 0 },
            tcvn3: i % 10 == 7,
        };
        let spec = ListSpec {
            unit,
            year,
            number: format!("{}/QĐ-{}", 10 + i, abbreviation(unit)),
            day: 1 + (i % 28) as u32,
            layout: i % 4,
            first_person: next_person,
            shape: &shape,
        };
        write_list(&path, &spec, &mut dice)?;
        next_person += persons;
        shapes.push(shape);
    }
    Ok(shapes)
}

fn file_stem(unit: &str) -> String {
    crate::text::search_key(unit)
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

/// "Trường THCS An Bình" → "THCSAB": the letters units put after "QĐ-".
fn abbreviation(unit: &str) -> String {
    crate::text::search_key(unit)
        .split(' ')
        .filter(|w| !w.is_empty())
        .map(|w| {
            if w.len() <= 4 && w.chars().all(|c| c.is_ascii_alphabetic()) && w != "an" {
                w.to_uppercase()
            } else {
                w[..1].to_uppercase()
            }
        })
        .collect()
}

struct ListSpec<'a> {
    unit: &'a str,
    year: i32,
    number: String,
    day: u32,
    /// 0: two-row merged header, number row, sections; 1: one header row, abbreviations;
    /// 2: birth dates and misspellings under a "Mẫu" line; 3: like 0 without sections.
    layout: usize,
    first_person: usize,
    shape: &'a ListShape,
}

fn write_list(path: &Path, spec: &ListSpec, dice: &mut Dice) -> Result<()> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("DS khen thuong").map_err(xlsx)?;
    let enc = |s: &str| -> String {
        if spec.shape.tcvn3 {
            to_tcvn3(s)
        } else {
            s.to_string()
        }
    };
    let bold = Format::new().set_bold();
    let centre = Format::new().set_bold().set_align(FormatAlign::Center);
    let mut r = 0u32;
    if spec.layout == 2 {
        ws.write_string(r, 5, "Mẫu số 01").map_err(xlsx)?;
        r += 1;
    }
    ws.write_string_with_format(r, 0, enc(&spec.unit.to_uppercase()), &bold)
        .map_err(xlsx)?;
    ws.merge_range(
        r,
        3,
        r,
        7,
        &enc("CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
        &centre,
    )
    .map_err(xlsx)?;
    ws.merge_range(
        r + 1,
        3,
        r + 1,
        7,
        &enc("Độc lập - Tự do - Hạnh phúc"),
        &centre,
    )
    .map_err(xlsx)?;
    r += 3;
    ws.merge_range(
        r,
        0,
        r,
        7,
        &enc(&format!(
            "DANH SÁCH TẬP THỂ, CÁ NHÂN ĐƯỢC KHEN THƯỞNG NĂM {}",
            spec.year
        )),
        &centre,
    )
    .map_err(xlsx)?;
    ws.merge_range(
        r + 1,
        0,
        r + 1,
        7,
        &enc(&format!(
            "(Kèm theo Quyết định số {} ngày {:02}/12/{} của Hiệu trưởng, Thủ trưởng {})",
            spec.number, spec.day, spec.year, spec.unit
        )),
        &Format::new().set_italic().set_align(FormatAlign::Center),
    )
    .map_err(xlsx)?;
    r += 3;
    let born = if spec.layout == 2 {
        "Ngày sinh"
    } else {
        "Năm sinh"
    };
    if spec.layout == 1 {
        for (c, h) in [
            "STT",
            "Họ và tên",
            born,
            "Chức vụ, đơn vị công tác",
            "Danh hiệu",
            "Hình thức khen thưởng",
            "Thành tích",
            "Ghi chú",
        ]
        .iter()
        .enumerate()
        {
            ws.write_string_with_format(r, c as u16, enc(h), &bold)
                .map_err(xlsx)?;
        }
        r += 1;
    } else {
        for (c, h) in [
            (0, "STT"),
            (1, "Họ và tên / Tên tập thể"),
            (2, born),
            (3, "Chức vụ, đơn vị công tác"),
            (6, "Thành tích"),
            (7, "Ghi chú"),
        ] {
            ws.merge_range(r, c, r + 1, c, &enc(h), &centre)
                .map_err(xlsx)?;
        }
        ws.merge_range(r, 4, r, 5, &enc("Hình thức khen thưởng"), &centre)
            .map_err(xlsx)?;
        ws.write_string_with_format(r + 1, 4, enc("Danh hiệu"), &centre)
            .map_err(xlsx)?;
        ws.write_string_with_format(r + 1, 5, enc("Khen thưởng"), &centre)
            .map_err(xlsx)?;
        r += 2;
        for c in 0..8u16 {
            ws.write_string(r, c, format!("({})", c + 1))
                .map_err(xlsx)?;
        }
        r += 1;
    }
    let sections = spec.layout == 0 || spec.layout == 2;
    if spec.shape.collectives > 0 {
        if sections {
            ws.write_string_with_format(r, 0, enc("I. TẬP THỂ"), &bold)
                .map_err(xlsx)?;
            r += 1;
        }
        for k in 0..spec.shape.collectives {
            ws.write_number(r, 0, (k + 1) as f64).map_err(xlsx)?;
            ws.write_string(
                r,
                1,
                enc(&format!("Tổ chuyên môn số {} - {}", k + 1, spec.unit)),
            )
            .map_err(xlsx)?;
            ws.write_string(r, 4, enc("Tập thể lao động tiên tiến"))
                .map_err(xlsx)?;
            r += 1;
        }
        if sections {
            ws.write_string_with_format(r, 0, enc("II. CÁ NHÂN"), &bold)
                .map_err(xlsx)?;
            r += 1;
        }
    }
    for k in 0..spec.shape.persons {
        // Blank separator rows, as people leave them between groups.
        if k > 0 && k % 25 == 0 {
            r += 1;
        }
        let person = spec.first_person + k;
        let birth = 1965 + (person % 36) as i32;
        ws.write_number(r, 0, (k + 1) as f64).map_err(xlsx)?;
        ws.write_string(r, 1, enc(&person_name(person)))
            .map_err(xlsx)?;
        if spec.layout == 2 {
            ws.write_string(
                r,
                2,
                format!("{:02}/{:02}/{birth}", 1 + person % 28, 1 + person % 12),
            )
            .map_err(xlsx)?;
        } else {
            ws.write_number(r, 2, f64::from(birth)).map_err(xlsx)?;
        }
        let position = POSITIONS[dice.below(POSITIONS.len())].replace("{}", spec.unit);
        ws.write_string(r, 3, enc(&position)).map_err(xlsx)?;
        let (title, _) = TITLES[dice.below(TITLES.len())];
        ws.write_string(r, 4, enc(title)).map_err(xlsx)?;
        let form = FORMS[dice.below(FORMS.len())];
        if !form.is_empty() {
            ws.write_string(r, 5, enc(form)).map_err(xlsx)?;
        }
        if k % 3 == 0 {
            ws.write_string(
                r,
                6,
                enc(&format!("Hoàn thành xuất sắc nhiệm vụ năm {}", spec.year)),
            )
            .map_err(xlsx)?;
        }
        r += 1;
    }
    let total = if spec.layout == 1 {
        format!("Cộng: {} người", spec.shape.persons)
    } else {
        format!(
            "Tổng cộng: {:02} tập thể, {:02} cá nhân",
            spec.shape.collectives, spec.shape.persons
        )
    };
    ws.write_string_with_format(r, 1, enc(&total), &bold)
        .map_err(xlsx)?;
    signature(
        ws,
        r + 2,
        &enc("THỦ TRƯỞNG ĐƠN VỊ"),
        &enc("Nguyễn Văn Bình"),
    )?;
    ws.set_column_width(1, 28).map_err(xlsx)?;
    ws.set_column_width(3, 36).map_err(xlsx)?;
    wb.save(path).map_err(xlsx)?;
    Ok(())
}

fn signature(ws: &mut Worksheet, row: u32, title: &str, name: &str) -> Result<()> {
    let bold = Format::new().set_bold();
    ws.write_string_with_format(row, 5, title, &bold)
        .map_err(xlsx)?;
    ws.write_string(row + 1, 5, "(Ký, ghi rõ họ tên, đóng dấu)")
        .map_err(xlsx)?;
    ws.write_string_with_format(row + 5, 5, name, &bold)
        .map_err(xlsx)?;
    Ok(())
}

/// One list of `rows` people (the whole district's "Lao động tiên tiến" of a year), with a
/// title block, the decision in the title, a two-row header and a number row. Names are
/// distinct (see [`person_name`]), from an offset so they do not repeat the unit lists'.
pub fn write_long_list(path: &Path, rows: usize, year: i32) -> Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    }
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    let centre = Format::new().set_bold().set_align(FormatAlign::Center);
    ws.write_string(0, 0, "UBND XÃ AN BÌNH").map_err(xlsx)?;
    ws.merge_range(
        2,
        0,
        2,
        5,
        &format!("DANH SÁCH CÁ NHÂN ĐẠT DANH HIỆU LAO ĐỘNG TIÊN TIẾN NĂM {year}"),
        &centre,
    )
    .map_err(xlsx)?;
    ws.merge_range(
        3,
        0,
        3,
        5,
        &format!(
            "(Kèm theo Quyết định số 999/QĐ-UBND ngày 30/12/{year} của Chủ tịch UBND xã An Bình)"
        ),
        &Format::new(),
    )
    .map_err(xlsx)?;
    for (c, h) in [
        (0, "STT"),
        (1, "Họ và tên"),
        (2, "Năm sinh"),
        (3, "Chức vụ, đơn vị công tác"),
        (5, "Thành tích"),
    ] {
        ws.merge_range(5, c, 6, c, h, &centre).map_err(xlsx)?;
    }
    ws.write_string_with_format(5, 4, "Hình thức khen thưởng", &centre)
        .map_err(xlsx)?;
    ws.write_string_with_format(6, 4, "Danh hiệu", &centre)
        .map_err(xlsx)?;
    for c in 0..6u16 {
        ws.write_number(7, c, f64::from(c + 1)).map_err(xlsx)?;
    }
    let offset = 50_000;
    for i in 0..rows {
        let r = 8 + i as u32;
        let person = offset + i;
        ws.write_number(r, 0, (i + 1) as f64).map_err(xlsx)?;
        ws.write_string(r, 1, person_name(person)).map_err(xlsx)?;
        ws.write_number(r, 2, (1965 + person % 36) as f64)
            .map_err(xlsx)?;
        ws.write_string(
            r,
            3,
            POSITIONS[i % POSITIONS.len()].replace("{}", LIST_UNITS[i % LIST_UNITS.len()]),
        )
        .map_err(xlsx)?;
        ws.write_string(r, 4, "Lao động tiên tiến").map_err(xlsx)?;
        if i % 4 == 0 {
            ws.write_string(r, 5, format!("Hoàn thành tốt nhiệm vụ năm {year}"))
                .map_err(xlsx)?;
        }
    }
    let end = 8 + rows as u32;
    ws.write_string(end, 1, format!("Tổng cộng: {rows} cá nhân"))
        .map_err(xlsx)?;
    signature(ws, end + 2, "CHỦ TỊCH", "Nguyễn Văn Thành")?;
    wb.save(path).map_err(xlsx)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::{ImportOptions, RowStatus};
    use crate::profile::{OfficeLevel, OfficeProfile};
    use crate::Store;

    #[test]
    fn names_are_distinct_far_past_the_lists() {
        let names: std::collections::HashSet<String> =
            (0..250_000).step_by(7).map(person_name).collect();
        assert_eq!(names.len(), (0..250_000).step_by(7).count());
    }

    /// Every generated shape is read back by the importer: all people found, the sections,
    /// number rows and totals read past, TCVN3 converted, no row refused.
    #[test]
    fn generated_lists_import_in_every_shape() {
        let dir = tempfile::tempdir().unwrap();
        let shapes = write_unit_lists(dir.path(), 12, 2024).unwrap();
        let mut store = Store::open_in_memory().unwrap();
        store
            .init_profile(&OfficeProfile::new("UBND xã An Bình", OfficeLevel::Xa))
            .unwrap();
        for shape in &shapes {
            let preview = store
                .preview_import(&shape.path, &ImportOptions::default())
                .unwrap();
            let name = shape.path.display();
            assert_eq!(
                preview.rows.len(),
                shape.persons + shape.collectives,
                "{name}"
            );
            let errors: Vec<_> = preview.errors().collect();
            assert!(errors.is_empty(), "{name}: {errors:?}");
            assert!(
                preview.rows.iter().all(|r| r.status == RowStatus::Ready),
                "{name}"
            );
            assert_eq!(
                preview.tables[0].converted_from.is_some(),
                shape.tcvn3,
                "{name}"
            );
            assert_eq!(preview.counts.persons as usize, shape.persons, "{name}");
            assert_eq!(preview.decisions.len(), 1, "{name}");
            store.commit_import(&preview).unwrap();
        }
        let long = dir.path().join("long.xlsx");
        write_long_list(&long, 300, 2024).unwrap();
        let preview = store
            .preview_import(&long, &ImportOptions::default())
            .unwrap();
        assert_eq!(preview.rows.len(), 300);
        assert_eq!(preview.counts.awards, 300);
        assert!(preview.errors().next().is_none());
    }
}
