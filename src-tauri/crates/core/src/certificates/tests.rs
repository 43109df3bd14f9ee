use super::*;
use crate::decisions::AwardQuery;

fn demo() -> Store {
    let mut s = Store::open_in_memory().unwrap();
    crate::demo::fill(&mut s, 2026).unwrap();
    s
}

fn builtin(s: &Store) -> CertificateLayout {
    s.certificate_layout_named(None).unwrap()
}

#[test]
fn the_builtin_blank_is_valid_and_the_default() {
    let s = Store::open_in_memory().unwrap();
    let layouts = s.certificate_layouts().unwrap();
    assert_eq!(layouts.len(), 1);
    let l = &layouts[0];
    assert!(l.is_default);
    assert_eq!((l.page_width_mm, l.page_height_mm), A4_LANDSCAPE);
    // Every kind a decision fills is on it.
    for kind in &FieldKind::ALL[..7] {
        assert!(l.fields.iter().any(|f| f.kind == *kind), "{kind:?}");
    }
    l.input().cleaned().unwrap();
}

#[test]
fn validation_names_the_field_in_vietnamese() {
    let s = Store::open_in_memory().unwrap();
    let good = builtin(&s).input();
    let with = |f: &dyn Fn(&mut CertificateLayoutInput)| {
        let mut l = good.clone();
        f(&mut l);
        l.cleaned().unwrap_err()
    };
    let e = with(&|l| l.fields[0].x_mm = 100.0);
    assert_eq!(e.field(), Some("fields"));
    assert!(e.to_string().contains("nằm ngoài trang 297×210 mm"), "{e}");
    assert!(
        e.to_string().contains("Tên người (tập thể) được khen"),
        "{e}"
    );
    let e = with(&|l| l.fields[1].width_mm = 0.0);
    assert!(
        e.to_string().contains("chiều rộng phải lớn hơn 0 mm"),
        "{e}"
    );
    let e = with(&|l| l.fields[2].font_size_pt = 90.0);
    assert!(
        e.to_string()
            .contains("cỡ chữ 90 pt ngoài khoảng cho phép 6–72 pt"),
        "{e}"
    );
    let e = with(&|l| l.fields[3].y_mm = 2.0);
    assert!(e.to_string().contains("nằm ngoài trang"), "{e}");
    let e = with(&|l| l.name = "  ".into());
    assert_eq!(e.field(), Some("name"));
    let e = with(&|l| l.offset_x_mm = 45.0);
    assert!(e.to_string().contains("±30 mm"), "{e}");
    let e = with(&|l| l.page_width_mm = f64::NAN);
    assert_eq!(e.field(), Some("page_width_mm"));
    let e = with(&|l| {
        l.fields.push(CertificateField {
            kind: FieldKind::FreeText,
            text: " ".into(),
            ..l.fields[0].clone()
        })
    });
    assert!(e.to_string().contains("hãy nhập nội dung"), "{e}");
    // A custom page: the same layout on a smaller sheet puts the name off it.
    let e = with(&|l| {
        l.page_width_mm = 210.0;
        l.page_height_mm = 148.0;
    });
    assert!(e.to_string().contains("210×148 mm"), "{e}");
}

#[test]
fn create_duplicate_default_delete_and_json_round_trip() {
    let mut s = Store::open_in_memory().unwrap();
    let base = builtin(&s);
    let copy = s.duplicate_certificate_layout(&base.id).unwrap();
    assert_eq!(copy.name, "Giấy khen mẫu (A4 ngang) (bản sao)");
    assert!(!copy.is_default);
    assert_eq!(copy.fields, base.fields);
    let copy2 = s.duplicate_certificate_layout(&base.id).unwrap();
    assert_eq!(copy2.name, "Giấy khen mẫu (A4 ngang) (bản sao 2)");

    let mut input = copy.input();
    input.name = "Phôi Sở GD mới".into();
    input.offset_x_mm = -2.5;
    input.fields[0].font_size_pt = 24.0;
    let changed = s.update_certificate_layout(&copy.id, &input).unwrap();
    assert_eq!(changed.offset_x_mm, -2.5);
    assert_eq!(changed.fields[0].font_size_pt, 24.0);
    let mut clash = input.clone();
    clash.name = "giấy khen mẫu (a4 ngang)".into();
    assert_eq!(
        s.update_certificate_layout(&copy.id, &clash)
            .unwrap_err()
            .code(),
        "duplicate"
    );

    s.set_default_certificate_layout(&changed.id).unwrap();
    assert_eq!(s.certificate_layout_named(None).unwrap().id, changed.id);
    assert_eq!(
        s.certificate_layout_named(Some("PHÔI SỞ GD MỚI"))
            .unwrap()
            .id,
        changed.id
    );
    s.delete_certificate_layout(&changed.id).unwrap();
    // The default passes on: there is always one to print with while any is left.
    assert!(s.certificate_layout_named(None).unwrap().is_default);

    let json = s.export_certificate_layout_json(&base.id).unwrap();
    let imported = s.import_certificate_layout_json(&json).unwrap();
    assert_eq!(imported.name, "Giấy khen mẫu (A4 ngang) (nhập)");
    assert_eq!(imported.fields, base.fields);
    let e = s
        .import_certificate_layout_json("{\"name\": 1}")
        .unwrap_err();
    assert!(e.to_string().contains("không đúng định dạng"), "{e}");
}

#[test]
fn texts_come_from_the_decision_the_catalog_and_the_profile() {
    let mut s = demo();
    let d = s.decision_by_number("129/QĐ-UBND").unwrap();
    let texts = s.certificate_texts(&d.id).unwrap();
    assert_eq!(texts.len() as i64, d.award_count);
    let t = &texts[0];
    assert!(t
        .achievement
        .starts_with("Đã đạt danh hiệu \"Chiến sĩ thi đua cơ sở\" năm "));
    assert_eq!(
        t.decision_ref,
        format!(
            "Quyết định số 129/QĐ-UBND ngày {}",
            crate::units::format_date_vi(&d.decision_date)
        )
    );
    assert!(
        t.place_date.contains(", ngày 26 tháng 12 năm "),
        "{}",
        t.place_date
    );
    assert_eq!(t.signer_name, "Nguyễn Văn Thành");
    assert!(!t.position_unit.is_empty());

    // The clerk's own line replaces the derived one for every certificate of the decision.
    s.set_certificate_phrase(&d.id, "Đã có thành tích  xuất sắc năm 2025")
        .unwrap();
    let texts = s.certificate_texts(&d.id).unwrap();
    assert!(texts
        .iter()
        .all(|t| t.achievement == "Đã có thành tích xuất sắc năm 2025"));
    s.set_certificate_phrase(&d.id, "").unwrap();
    assert_eq!(s.certificate_phrase(&d.id).unwrap(), None);

    // A sudden award says the deed.
    let spring = s.decision_by_number("15/QĐ-UBND").unwrap();
    let t = &s.certificate_texts(&spring.id).unwrap()[0];
    assert_eq!(
        t.achievement,
        "Đã có thành tích dũng cảm cứu người bị đuối nước"
    );

    // Households are named as a family.
    let d = s.decision_by_number("128/QĐ-UBND").unwrap();
    let awards = s
        .awards(&AwardQuery {
            decision_id: Some(d.id.clone()),
            ..Default::default()
        })
        .unwrap();
    let texts = s.certificate_texts(&d.id).unwrap();
    let (a, t) = awards
        .iter()
        .zip(&texts)
        .find(|(a, _)| a.recipient_kind == crate::subjects::RecipientKind::HoGiaDinh)
        .unwrap();
    assert_eq!(t.recipient_name, format!("Gia đình {}", a.recipient_name));
}

#[test]
fn a_long_name_shrinks_on_one_line_and_a_hopeless_one_is_reported() {
    let mut s = demo();
    let d = s.decision_by_number("129/QĐ-UBND").unwrap();
    let mut layout = builtin(&s);
    layout.fields[0].width_mm = 35.0; // a narrow name line
    let pages = s.place_certificates(&d.id, &layout).unwrap();
    let name = &pages[0].fields[0];
    assert_eq!(name.kind, FieldKind::RecipientName);
    assert_eq!(name.lines.len(), 1, "a name is never wrapped");
    assert!(name.shrunk);
    assert!(name.font_size_pt < 26.0 && name.font_size_pt >= 26.0 * SHRINK_FLOOR);
    assert!(name.lines[0].width_mm <= 35.0 + 1e-6);
    // Centred in its box.
    let l = &name.lines[0];
    assert!(((l.x_mm + l.width_mm / 2.0) - (40.0 + 17.5)).abs() < 1e-6);

    layout.fields[0].width_mm = 10.0;
    let pages = s.place_certificates(&d.id, &layout).unwrap();
    let name = &pages[0].fields[0];
    assert!(name.overflow);
    assert!((name.font_size_pt - 26.0 * SHRINK_FLOOR).abs() < 1e-9);

    // The achievement wraps within its two lines rather than shrinking first.
    layout.fields[2].width_mm = 120.0;
    s.set_certificate_phrase(
        &d.id,
        "Đã có thành tích xuất sắc trong thực hiện nhiệm vụ chính trị năm 2025 của xã",
    )
    .unwrap();
    let pages = s.place_certificates(&d.id, &layout).unwrap();
    let ach = pages[0]
        .fields
        .iter()
        .find(|f| f.kind == FieldKind::Achievement)
        .unwrap();
    assert_eq!(ach.lines.len(), 2);
    assert!(!ach.shrunk);
    let step = ach.lines[1].baseline_mm - ach.lines[0].baseline_mm;
    assert!((step - 15.0 * 25.4 / 72.0 * LINE_SPACING).abs() < 1e-9);
}
