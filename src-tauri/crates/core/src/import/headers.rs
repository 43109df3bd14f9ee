//! Column headers as units write them, matched without diacritics or case against the
//! synonyms each field is known by ("Họ và tên", "Họ tên", "Tên tập thể" are all the name).

use crate::text::search_key;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export, rename = "ImportField")]
pub enum Field {
    /// STT / TT: the row number, used to tell data rows from section and total rows.
    Number,
    /// Họ và tên, tên tập thể, tên đơn vị, họ tên chủ hộ.
    Name,
    Position,
    /// "Chức vụ, đơn vị công tác" in one column.
    PositionUnit,
    /// Đơn vị công tác / nơi công tác.
    Unit,
    /// Thôn, tổ dân phố (of a household).
    Village,
    UnitCode,
    BirthYear,
    /// Danh hiệu thi đua.
    Title,
    /// Hình thức khen thưởng.
    Form,
    /// A column that holds a title or a form ("Hình thức khen thưởng" over both, "Nội dung").
    Award,
    DecisionNumber,
    DecisionDate,
    Achievement,
    Amount,
    Note,
    /// Points for one criterion of a block's scoring table ("Công tác chỉ đạo (20đ)").
    Criterion,
    SelfScore,
    BlockScore,
    Rank,
    Proposal,
    /// Đối tượng: cá nhân, tập thể or hộ gia đình, stated rather than guessed from the name.
    SubjectKind,
    /// Cấp quyết định (cấp xã, cấp tỉnh …) of the decision in the row.
    DecisionLevel,
    /// Loại hình khen thưởng (thường xuyên theo công trạng, đột xuất …).
    AwardType,
    /// "x" when the person is a direct worker (người lao động trực tiếp), counted in the reports.
    DirectWorker,
    /// Chỉ tiêu đăng ký of a registration.
    Targets,
    /// Ngày đăng ký.
    RegisteredOn,
    /// Khối thi đua, in a scoring table that lists units of several blocks.
    Block,
    CouncilScore,
}

impl Field {
    pub fn label(self) -> &'static str {
        match self {
            Field::Number => "Số thứ tự",
            Field::Name => "Họ và tên / tên tập thể",
            Field::Position => "Chức vụ",
            Field::PositionUnit => "Chức vụ, đơn vị công tác",
            Field::Unit => "Đơn vị công tác",
            Field::Village => "Thôn, tổ dân phố",
            Field::UnitCode => "Mã đơn vị",
            Field::BirthYear => "Năm sinh",
            Field::Title => "Danh hiệu thi đua",
            Field::Form => "Hình thức khen thưởng",
            Field::Award => "Danh hiệu / hình thức",
            Field::DecisionNumber => "Số quyết định",
            Field::DecisionDate => "Ngày quyết định",
            Field::Achievement => "Thành tích",
            Field::Amount => "Số tiền",
            Field::Note => "Ghi chú",
            Field::Criterion => "Điểm tiêu chí",
            Field::SelfScore => "Điểm tự chấm",
            Field::BlockScore => "Điểm khối chấm",
            Field::Rank => "Xếp hạng",
            Field::Proposal => "Đề nghị",
            Field::SubjectKind => "Đối tượng",
            Field::DecisionLevel => "Cấp quyết định",
            Field::AwardType => "Loại hình khen thưởng",
            Field::DirectWorker => "Người lao động trực tiếp",
            Field::Targets => "Chỉ tiêu đăng ký",
            Field::RegisteredOn => "Ngày đăng ký",
            Field::Block => "Khối thi đua",
            Field::CouncilScore => "Điểm hội đồng chấm",
        }
    }
}

/// Recognises one header (already joined with the header above it, if two rows).
/// Order matters: the more specific phrases are tried first.
pub fn match_header(text: &str) -> Option<Field> {
    let k = search_key(text).replace(['.', ':', '*'], " ");
    let k = k.split_whitespace().collect::<Vec<_>>().join(" ");
    let has = |p: &str| k.contains(p);
    if k.is_empty() {
        return None;
    }
    let compact: String = k.chars().filter(|c| *c != ' ').collect();
    if matches!(
        compact.as_str(),
        "stt" | "tt" | "sott" | "sothutu" | "thutu"
    ) {
        return Some(Field::Number);
    }
    if has("ghi chu") {
        return Some(Field::Note);
    }
    if has("doi tuong") {
        return Some(Field::SubjectKind);
    }
    if has("cap quyet dinh") || has("cap khen") || has("cap ra quyet dinh") {
        return Some(Field::DecisionLevel);
    }
    if has("loai hinh") {
        return Some(Field::AwardType);
    }
    if has("truc tiep") {
        return Some(Field::DirectWorker);
    }
    if has("chi tieu") {
        return Some(Field::Targets);
    }
    if has("ngay dang ky") {
        return Some(Field::RegisteredOn);
    }
    if has("hoi dong cham") || has("diem hoi dong") {
        return Some(Field::CouncilScore);
    }
    if has("khoi thi dua") || has("cum thi dua") || k == "khoi" || k == "cum" {
        return Some(Field::Block);
    }
    if has("so qd") || has("so quyet dinh") || (has("quyet dinh") && has("so")) {
        return Some(Field::DecisionNumber);
    }
    if has("ngay qd") || has("ngay quyet dinh") || has("ngay ky") || has("ngay ban hanh") {
        return Some(Field::DecisionDate);
    }
    if has("tu cham") {
        return Some(Field::SelfScore);
    }
    if has("khoi cham") || has("diem khoi") {
        return Some(Field::BlockScore);
    }
    if has("xep thu") || has("xep hang") || has("xep loai") {
        return Some(Field::Rank);
    }
    if has("de nghi") && !has("danh hieu") {
        return Some(Field::Proposal);
    }
    if (has("(") && (has("d)") || has("diem)"))) || has("diem toi da") {
        return Some(Field::Criterion);
    }
    if has("ma don vi") || k == "ma" || has("ma dv") {
        return Some(Field::UnitCode);
    }
    if has("nam sinh") || has("ngay sinh") {
        return Some(Field::BirthYear);
    }
    if has("so tien") || has("tien thuong") || has("thanh tien") {
        return Some(Field::Amount);
    }
    if has("thanh tich") || has("ly do") {
        return Some(Field::Achievement);
    }
    if has("chuc vu") && (has("don vi") || has("noi cong tac") || has("co quan")) {
        return Some(Field::PositionUnit);
    }
    if has("chuc vu") || has("chuc danh") {
        return Some(Field::Position);
    }
    let title = has("danh hieu");
    let form = has("hinh thuc") || has("khen thuong") || has("giay khen") || has("bang khen");
    // "Hình thức khen thưởng / Danh hiệu" (a merged header over two columns) is the title part.
    if title {
        return Some(Field::Title);
    }
    if form {
        return Some(Field::Form);
    }
    if has("noi dung khen") || has("loai khen") {
        return Some(Field::Award);
    }
    if has("ho va ten") || has("ho ten") || has("ten tap the") || has("ten ca nhan") {
        return Some(Field::Name);
    }
    if has("chu ho") || has("ten ho") {
        return Some(Field::Name);
    }
    if has("thon") || has("to dan pho") || has("khu pho") || has("ban,") || k == "ban" {
        return Some(Field::Village);
    }
    if has("ten don vi") || has("don vi") || has("co quan") || has("tap the") {
        // A list of units names them under "Đơn vị"; a list of people says where they work.
        return Some(if has("cong tac") || has("noi") {
            Field::Unit
        } else {
            Field::Name
        });
    }
    if has("noi cong tac") {
        return Some(Field::Unit);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn synonyms_match_without_diacritics() {
        let cases = [
            ("Họ và tên", Field::Name),
            ("HỌ TÊN", Field::Name),
            ("Ho va ten", Field::Name),
            ("Tên tập thể", Field::Name),
            ("Họ và tên / Tên tập thể", Field::Name),
            ("Họ và tên chủ hộ", Field::Name),
            ("Chức vụ, đơn vị công tác", Field::PositionUnit),
            ("Chức vụ", Field::Position),
            ("Hình thức khen thưởng", Field::Form),
            ("Hình thức khen thưởng / Danh hiệu", Field::Title),
            ("Hình thức khen thưởng / Khen thưởng", Field::Form),
            ("Danh hiệu thi đua đăng ký", Field::Title),
            ("Số QĐ", Field::DecisionNumber),
            ("Ngày quyết định", Field::DecisionDate),
            ("TT", Field::Number),
            ("S.T.T", Field::Number),
            ("Đơn vị", Field::Name),
            ("Đơn vị công tác", Field::Unit),
            ("Thôn", Field::Village),
            ("Công tác chỉ đạo (20đ)", Field::Criterion),
            ("Tổng điểm tự chấm", Field::SelfScore),
            ("Điểm khối chấm", Field::BlockScore),
            ("Xếp thứ", Field::Rank),
            ("Thành tích", Field::Achievement),
            ("Ghi chú", Field::Note),
            ("Đối tượng", Field::SubjectKind),
            ("Cấp quyết định", Field::DecisionLevel),
            ("Loại hình khen thưởng", Field::AwardType),
            ("Người lao động trực tiếp (x)", Field::DirectWorker),
            ("Chỉ tiêu đăng ký", Field::Targets),
            ("Ngày đăng ký", Field::RegisteredOn),
            ("Khối thi đua", Field::Block),
            ("Điểm hội đồng chấm", Field::CouncilScore),
            ("Danh hiệu / hình thức", Field::Title),
            ("Danh hiệu thi đua đăng ký", Field::Title),
        ];
        for (text, field) in cases {
            assert_eq!(match_header(text), Some(field), "{text}");
        }
        assert_eq!(match_header("Cột lạ"), None);
    }
}
