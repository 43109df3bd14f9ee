//! Blank input workbooks for member units that do not have the program: the clerk sends one
//! out, the unit fills the data rows (drop-down lists keep titles, forms and units spelled as
//! the catalog spells them), and the import reads it back. The header texts are those of
//! forms.md §1 that `import::headers` recognises; the hidden `_thidua` sheet also lists each
//! column's key, so the import does not have to guess.

use super::machine::Machine;
use super::sheet::{print_setup, text, title_block, widths, Res, Styles};
use crate::error::{Error, Result};
use crate::rules::AwardKind;
use crate::store::Store;
use crate::units::{Unit, UnitQuery};
use rust_xlsxwriter::{
    ColNum, DataValidation, DataValidationRule, ExcelDateTime, Formula, ProtectionOptions, RowNum,
    Workbook, Worksheet,
};
use serde::{Deserialize, Serialize};

/// Which input workbook.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum TemplateKind {
    Registrations,
    Awards,
    Scores,
}

impl TemplateKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Registrations => "registrations",
            Self::Awards => "awards",
            Self::Scores => "scores",
        }
    }

    pub fn parse(s: &str) -> Result<Self> {
        match s {
            "registrations" => Ok(Self::Registrations),
            "awards" => Ok(Self::Awards),
            "scores" => Ok(Self::Scores),
            other => Err(Error::invalid(
                "kind",
                format!("Loại mẫu \"{other}\" không hợp lệ. Chọn một trong: registrations, awards, scores."),
            )),
        }
    }

    fn sheet(self) -> &'static str {
        match self {
            Self::Registrations => "Đăng ký thi đua",
            Self::Awards => "Danh sách khen thưởng",
            Self::Scores => "Chấm điểm khối",
        }
    }
}

/// Empty rows prepared (bordered, unlocked, validated) in the list templates.
const INPUT_ROWS: RowNum = 200;
const LISTS: &str = "Danh mục";

/// How a data column is filled in.
#[derive(Clone, Copy)]
enum Input {
    Text,
    Number,
    Date,
    /// Choose from a named list of the "Danh mục" sheet.
    List(&'static str),
}

struct Column {
    key: &'static str,
    header: &'static str,
    width: f64,
    input: Input,
}

const fn c(key: &'static str, header: &'static str, width: f64, input: Input) -> Column {
    Column {
        key,
        header,
        width,
        input,
    }
}

fn columns(kind: TemplateKind) -> Vec<Column> {
    use Input::*;
    match kind {
        TemplateKind::Registrations => vec![
            c("number", "STT", 6.0, Number),
            c("name", "Họ và tên / Tên tập thể", 26.0, Text),
            c("recipient_kind", "Đối tượng", 13.0, List("DoiTuong")),
            c("position", "Chức vụ", 18.0, Text),
            c("unit", "Đơn vị công tác", 26.0, List("DonVi")),
            c("title", "Danh hiệu thi đua đăng ký", 26.0, List("DanhHieu")),
            c(
                "form",
                "Hình thức khen thưởng đăng ký",
                26.0,
                List("HinhThuc"),
            ),
            c("targets", "Chỉ tiêu đăng ký", 22.0, Text),
            c("registered_on", "Ngày đăng ký", 12.0, Date),
        ],
        TemplateKind::Awards => vec![
            c("number", "STT", 6.0, Number),
            c("name", "Họ và tên / Tên tập thể", 24.0, Text),
            c("recipient_kind", "Đối tượng", 12.0, List("DoiTuong")),
            c("position", "Chức vụ", 16.0, Text),
            c("unit", "Đơn vị công tác", 22.0, List("DonVi")),
            c(
                "award",
                "Danh hiệu / hình thức",
                24.0,
                List("DanhHieuHinhThuc"),
            ),
            c("decision_number", "Số quyết định", 13.0, Text),
            c("decision_date", "Ngày quyết định", 12.0, Date),
            c(
                "decision_level",
                "Cấp quyết định",
                14.0,
                List("CapQuyetDinh"),
            ),
            c(
                "award_type",
                "Loại hình khen thưởng",
                14.0,
                List("LoaiHinh"),
            ),
            c("achievement", "Thành tích", 26.0, Text),
            c(
                "direct_worker",
                "Người lao động trực tiếp (x)",
                11.0,
                List("DanhDau"),
            ),
            c("amount", "Số tiền (đồng)", 12.0, Number),
        ],
        TemplateKind::Scores => vec![
            c("number", "STT", 6.0, Number),
            c("block", "Khối thi đua", 24.0, Text),
            c("unit_code", "Mã đơn vị", 10.0, Text),
            c("unit", "Đơn vị", 30.0, List("DonVi")),
            c("self_score", "Tổng điểm tự chấm", 11.0, Number),
            c("block_score", "Điểm khối chấm", 11.0, Number),
            c("council_score", "Điểm hội đồng chấm", 11.0, Number),
            c("rank", "Xếp hạng", 9.0, Number),
            c("proposal", "Đề nghị", 26.0, Text),
            c("note", "Ghi chú", 20.0, Text),
        ],
    }
}

pub(crate) fn build(
    store: &Store,
    kind: TemplateKind,
    year: i32,
    unit_code: Option<&str>,
) -> Result<(Workbook, Vec<String>, usize)> {
    crate::blocks::check_year(year)?;
    let profile = store.require_profile()?;
    let unit = unit_code.map(|c| store.unit_by_code(c)).transpose()?;
    let units: Vec<Unit> = match &unit {
        Some(u) => vec![u.clone()],
        None => store.units(&UnitQuery::default())?,
    };
    let catalog = store.catalog()?;
    // The scoring template is prefilled with the members of the year's blocks.
    let mut prefilled: Vec<(String, String, String)> = Vec::new();
    if kind == TemplateKind::Scores {
        for b in store.blocks(year)? {
            for m in &b.members {
                if unit.as_ref().is_none_or(|u| u.id == m.unit_id) {
                    prefilled.push((b.name.clone(), m.unit_code.clone(), m.unit_name.clone()));
                }
            }
        }
    }
    let st = Styles::new();
    let mut machine = Machine::default();
    machine.meta("kind", format!("template_{}", kind.as_str()));
    machine.meta("app_version", env!("CARGO_PKG_VERSION"));
    machine.meta("office_name", &profile.name);
    machine.meta("office_level", profile.level.as_str());
    machine.meta("parent_authority", &profile.parent_authority);
    machine.meta("exported_at", chrono::Local::now().to_rfc3339());
    machine.meta("year", year as i64);
    machine.meta("unit_id", unit.as_ref().map(|u| u.id.clone()));
    machine.meta("unit_code", unit.as_ref().map(|u| u.code.clone()));
    machine.meta("unit_name", unit.as_ref().map(|u| u.name.clone()));
    for u in &units {
        machine.table("units", &["id", "code", "name"]).push(vec![
            (&u.id).into(),
            (&u.code).into(),
            (&u.name).into(),
        ]);
    }
    for item in &catalog {
        machine
            .table("catalog", &["code", "name", "kind", "subject"])
            .push(vec![
                (&item.code).into(),
                (&item.name).into(),
                match item.kind {
                    AwardKind::DanhHieu => "danh_hieu",
                    AwardKind::HinhThuc => "hinh_thuc",
                }
                .into(),
                (&item.subject).into(),
            ]);
    }

    let cols = columns(kind);
    let mut wb = Workbook::new();
    let today = chrono::Local::now().date_naive();
    let rows = if kind == TemplateKind::Scores {
        (prefilled.len() as RowNum).max(1)
    } else {
        INPUT_ROWS
    };
    let header_row = (|| -> Res<RowNum> {
        let ws = wb.add_worksheet();
        ws.set_name(kind.sheet())?;
        let title = match kind {
            TemplateKind::Registrations => format!("Bản đăng ký thi đua năm {year}"),
            TemplateKind::Awards => {
                format!("Danh sách tập thể, cá nhân được khen thưởng năm {year}")
            }
            TemplateKind::Scores => format!("Kết quả chấm điểm thi đua khối năm {year}"),
        };
        let sub = match &unit {
            Some(u) => format!("Đơn vị: {}", u.name),
            None => "Đơn vị: ...........................................".to_string(),
        };
        let ncols = cols.len() as ColNum;
        let top = title_block(ws, &st, &profile, ncols, &title, &sub, today)?;
        for (i, col) in cols.iter().enumerate() {
            text(ws, top, i as ColNum, col.header, &st.header)?;
        }
        ws.set_row_height(top, 36)?;
        widths(ws, &cols.iter().map(|c| c.width).collect::<Vec<_>>())?;
        let first = top + 1;
        let last = first + rows - 1;
        for r in first..=last {
            for (i, col) in cols.iter().enumerate() {
                let f = match col.input {
                    Input::Number => &st.input_number,
                    Input::Date => &st.input_date,
                    _ => &st.input_text,
                };
                ws.write_blank(r, i as ColNum, f)?;
            }
        }
        for (k, (block, code, name)) in prefilled.iter().enumerate() {
            let r = first + k as RowNum;
            ws.write_number_with_format(r, 0, (k + 1) as f64, &st.input_number)?;
            text(ws, r, 1, block, &st.input_text)?;
            text(ws, r, 2, code, &st.input_text)?;
            text(ws, r, 3, name, &st.input_text)?;
        }
        for (i, col) in cols.iter().enumerate() {
            validate(ws, first, last, i as ColNum, col)?;
        }
        print_setup(ws, true, Some((top, top)), 2)?;
        // Only the data rows can be edited; the heading and header rows stay as the import
        // expects them. No password: this guards against slips, not against the unit.
        ws.protect_with_options(&ProtectionOptions {
            format_columns: true,
            format_rows: true,
            ..ProtectionOptions::default()
        });
        Ok(top)
    })()
    .map_err(super::sheet::build_err)?;

    for (i, col) in cols.iter().enumerate() {
        machine
            .table(
                "columns",
                &["sheet", "header_row", "column", "key", "header"],
            )
            .push(vec![
                kind.sheet().into(),
                ((header_row + 1) as i64).into(),
                ((i + 1) as i64).into(),
                col.key.into(),
                col.header.into(),
            ]);
    }
    (|| -> Res<()> {
        guide(&mut wb, &st, kind, year)?;
        lists(&mut wb, &units, &catalog)?;
        machine.write(&mut wb)
    })()
    .map_err(super::sheet::build_err)?;
    let sheets = wb
        .worksheets()
        .iter()
        .map(|w| w.name().to_string())
        .collect();
    Ok((wb, sheets, rows as usize))
}

fn validate(ws: &mut Worksheet, first: RowNum, last: RowNum, col: ColNum, c: &Column) -> Res<()> {
    let v = match c.input {
        Input::Text => return Ok(()),
        Input::Number => DataValidation::new()
            .allow_decimal_number(DataValidationRule::GreaterThanOrEqualTo(0.0))
            .set_error_message("Ô này chỉ nhận số không âm.")?,
        Input::Date => DataValidation::new()
            .allow_date(DataValidationRule::Between(
                ExcelDateTime::from_ymd(1945, 1, 1)?,
                ExcelDateTime::from_ymd(2200, 12, 31)?,
            ))
            .set_input_message("Nhập ngày dạng dd/mm/yyyy, ví dụ 20/12/2025.")?
            .set_error_message("Ngày không hợp lệ. Nhập dạng dd/mm/yyyy.")?,
        Input::List(name) => DataValidation::new()
            .allow_list_formula(Formula::new(format!("={name}")))
            .set_error_message("Hãy chọn một giá trị trong danh sách.")?,
    };
    ws.add_data_validation(first, col, last, col, &v)?;
    Ok(())
}

/// The hidden "Danh mục" sheet with the drop-down lists, each a named range.
fn lists(wb: &mut Workbook, units: &[Unit], catalog: &[crate::rules::CatalogItem]) -> Res<()> {
    let titles: Vec<&str> = catalog
        .iter()
        .filter(|c| c.kind == AwardKind::DanhHieu)
        .map(|c| c.name.as_str())
        .collect();
    let forms: Vec<&str> = catalog
        .iter()
        .filter(|c| c.kind == AwardKind::HinhThuc)
        .map(|c| c.name.as_str())
        .collect();
    let all: Vec<&str> = catalog.iter().map(|c| c.name.as_str()).collect();
    let codes: Vec<&str> = catalog.iter().map(|c| c.code.as_str()).collect();
    let unit_names: Vec<&str> = units.iter().map(|u| u.name.as_str()).collect();
    let levels: Vec<&str> = crate::decisions::DecisionLevel::ALL
        .iter()
        .map(|l| l.label())
        .collect();
    let types: Vec<&str> = crate::decisions::AwardType::ALL
        .iter()
        .map(|t| t.label())
        .collect();
    let columns: [(&str, Vec<&str>); 9] = [
        ("DanhHieuHinhThuc", all),
        ("MaDanhMuc", codes),
        ("DanhHieu", titles),
        ("HinhThuc", forms),
        ("DonVi", unit_names),
        ("DoiTuong", vec!["Tập thể", "Cá nhân", "Hộ gia đình"]),
        ("CapQuyetDinh", levels),
        ("LoaiHinh", types),
        ("DanhDau", vec!["x"]),
    ];
    let ws = wb.add_worksheet();
    ws.set_name(LISTS)?;
    ws.set_hidden(true);
    let mut names = Vec::new();
    for (i, (name, values)) in columns.iter().enumerate() {
        let col = i as ColNum;
        ws.write_string(0, col, *name)?;
        for (r, v) in values.iter().enumerate() {
            ws.write_string(1 + r as RowNum, col, *v)?;
        }
        let letter = rust_xlsxwriter::utility::column_number_to_name(col);
        let last = values.len().max(1) + 1;
        names.push((*name, format!("='{LISTS}'!${letter}$2:${letter}${last}")));
    }
    for (name, range) in names {
        wb.define_name(name, &range)?;
    }
    Ok(())
}

fn guide(wb: &mut Workbook, st: &Styles, kind: TemplateKind, year: i32) -> Res<()> {
    let ws = wb.add_worksheet();
    ws.set_name("Hướng dẫn")?;
    ws.set_column_width(0, 100)?;
    let sheet = kind.sheet();
    let mut lines = vec![
        format!("HƯỚNG DẪN ĐIỀN MẪU \"{}\" NĂM {year}", sheet.to_uppercase()),
        String::new(),
        format!("1. Điền vào trang \"{sheet}\", mỗi dòng một tập thể, cá nhân hoặc hộ gia đình; không sửa, không xóa, không chèn cột và không đổi tên các trang."),
        "2. Các ô có mũi tên chọn (Đối tượng, Đơn vị công tác, Danh hiệu, Hình thức, Cấp quyết định, Loại hình): bấm vào ô và chọn trong danh sách, không gõ tay để tránh sai chính tả.".to_string(),
        "3. Ngày ghi dạng dd/mm/yyyy, ví dụ 20/12/2025. Số tiền ghi số, không ghi chữ \"đồng\".".to_string(),
        "4. Dùng phông chữ Unicode (Times New Roman), không dùng phông TCVN3 (.VnTime) hay VNI.".to_string(),
        "5. Trang tính được khóa phần tiêu đề; chỉ các dòng dữ liệu được sửa. Cần thêm dòng thì liên hệ cán bộ thi đua, khen thưởng.".to_string(),
        "6. Lưu tệp dạng .xlsx và gửi lại qua thư điện tử; giữ nguyên tên các trang để phần mềm nhận đúng.".to_string(),
    ];
    match kind {
        TemplateKind::Registrations => lines.push(
            "7. Tập thể đăng ký: ghi tên tập thể, Đối tượng chọn \"Tập thể\". Cá nhân: ghi họ và tên, chức vụ, đơn vị công tác. Mỗi dòng có thể ghi cả danh hiệu thi đua và hình thức khen thưởng đăng ký.".to_string(),
        ),
        TemplateKind::Awards => lines.push(
            "7. Mỗi dòng là một lượt khen thưởng: một danh hiệu hoặc một hình thức. Người lao động trực tiếp đánh dấu \"x\".".to_string(),
        ),
        TemplateKind::Scores => lines.push(
            "7. Các đơn vị của từng khối đã được ghi sẵn; điền điểm tự chấm, điểm khối chấm (có thể ghi số lẻ như 95,5), xếp hạng và đề nghị khen thưởng.".to_string(),
        ),
    }
    for (r, line) in lines.iter().enumerate() {
        let f = if r == 0 { &st.office } else { &st.note };
        text(ws, r as RowNum, 0, line, f)?;
    }
    Ok(())
}
