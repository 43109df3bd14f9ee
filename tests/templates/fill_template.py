#!/usr/bin/python3
"""Fills a blank input workbook made by `thidua export template` the way a member unit's clerk
would with a script: openpyxl, values chosen from the template's own drop-down lists (so the
test breaks if a list loses a value), real dates and numbers. Used by the CLI tests, which then
import the result and expect zero warnings.

    fill_template.py KIND TEMPLATE.xlsx OUT.xlsx      (KIND: registrations | awards | scores)
"""
import datetime
import sys

import openpyxl


def lists(wb):
    """Each named list of the hidden "Danh mục" sheet: name -> its values."""
    out = {}
    names = wb.defined_names
    # openpyxl 3.1 keeps them in a dict; 3.0 (Debian 12) in a list.
    pairs = names.items() if hasattr(names, "items") else [(d.name, d) for d in names.definedName]
    for name, dn in pairs:
        sheet, ref = next(iter(dn.destinations))
        out[name] = [c.value for row in wb[sheet][ref] for c in row if c.value is not None]
    return out


def pick(lst, name, value):
    if value not in lst[name]:
        sys.exit(f"'{value}' is not in the template's list {name}: {lst[name]}")
    return value


def first_data_row(ws):
    """The first row under the header, where the template's input validations start."""
    return min(r.min_row for dv in ws.data_validations.dataValidation for r in dv.sqref.ranges)


PEOPLE = [
    ("Nguyễn Văn Hùng", "Chỉ huy trưởng"),
    ("Trần Thị Mai", "Chỉ huy phó"),
    ("Lê Đức Thắng", "Trợ lý tác chiến"),
    ("Phạm Thị Hồng Nhung", "Nhân viên văn thư"),
    ("Hoàng Minh Tuấn", "Chiến sĩ dân quân"),
    ("Đỗ Thị Thu Hà", "Chiến sĩ dân quân"),
    ("Vũ Quang Khải", "Chiến sĩ dân quân"),
    ("Bùi Thị Ánh", "Chiến sĩ dân quân"),
]


def fill_registrations(wb, ws, lst, year):
    row = first_data_row(ws)
    unit = lst["DonVi"][0]
    person, collective = pick(lst, "DoiTuong", "Cá nhân"), pick(lst, "DoiTuong", "Tập thể")
    for i, (name, position) in enumerate(PEOPLE):
        title = "Chiến sĩ thi đua cơ sở" if i < 2 else "Lao động tiên tiến"
        ws.cell(row, 1, i + 1)
        ws.cell(row, 2, name)
        ws.cell(row, 3, person)
        ws.cell(row, 4, position)
        ws.cell(row, 5, unit)
        ws.cell(row, 6, pick(lst, "DanhHieu", title))
        ws.cell(row, 8, "Hoàn thành xuất sắc nhiệm vụ được giao")
        ws.cell(row, 9, datetime.date(year, 1, 15))
        row += 1
    ws.cell(row, 1, len(PEOPLE) + 1)
    ws.cell(row, 2, unit)
    ws.cell(row, 3, collective)
    ws.cell(row, 5, unit)
    ws.cell(row, 6, pick(lst, "DanhHieu", "Tập thể lao động tiên tiến"))
    ws.cell(row, 9, datetime.date(year, 1, 15))
    return len(PEOPLE) + 1


def fill_awards(wb, ws, lst, year):
    row = first_data_row(ws)
    unit = lst["DonVi"][0]
    form = pick(lst, "DanhHieuHinhThuc", "Giấy khen của Chủ tịch Ủy ban nhân dân cấp xã")
    for i, (name, position) in enumerate(PEOPLE):
        ws.cell(row, 1, i + 1)
        ws.cell(row, 2, name)
        ws.cell(row, 3, pick(lst, "DoiTuong", "Cá nhân"))
        ws.cell(row, 4, position)
        ws.cell(row, 5, unit)
        ws.cell(row, 6, form)
        ws.cell(row, 7, "245/QĐ-UBND")
        ws.cell(row, 8, datetime.date(year, 12, 20))
        ws.cell(row, 9, pick(lst, "CapQuyetDinh", "Cấp xã"))
        ws.cell(row, 10, pick(lst, "LoaiHinh", "Khen thưởng theo công trạng và thành tích đạt được"))
        ws.cell(row, 11, f"Đã có thành tích xuất sắc trong công tác quân sự, quốc phòng năm {year}")
        if i >= 4:
            ws.cell(row, 12, pick(lst, "DanhDau", "x"))
        row += 1
    return len(PEOPLE)


def fill_scores(wb, ws, lst, year):
    row = first_data_row(ws)
    ws.cell(row, 5, 96.5)
    ws.cell(row, 6, 95)
    ws.cell(row, 7, 95.5)
    ws.cell(row, 8, 2)
    return 1


def main():
    kind, src, out = sys.argv[1:4]
    wb = openpyxl.load_workbook(src)
    ws = wb.worksheets[0]
    lst = lists(wb)
    year = int(next(r[1].value for r in wb["_thidua"].iter_rows(max_col=2) if r[0].value == "year"))
    rows = {"registrations": fill_registrations, "awards": fill_awards, "scores": fill_scores}[kind](
        wb, ws, lst, year
    )
    wb.save(out)
    print(rows)


main()
