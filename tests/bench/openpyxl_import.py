#!/usr/bin/env python3
"""Baseline for `thidua bench`: the script a technical user would write to load the member
units' award lists into SQLite with openpyxl, to compare our import against.

    python3 openpyxl_import.py OUT.db FILE.xlsx [FILE.xlsx ...]

For each file it finds the header row by its "Họ và tên" cell (looking at the row under it
too, for two-row headers), then takes every row with a number in the first column and a name
until the total line, and inserts the name, year of birth, position, title, form and
achievement into one table, all files in one transaction. It does less than the import does
(no matching of people, no TCVN3 conversion, no checks of titles against the catalog, no
decisions), so the comparison flatters it. Prints {"files": n, "rows": n} as JSON.
"""
import json
import sqlite3
import sys

from openpyxl import load_workbook

FIELDS = {
    "name": ("họ và tên", "họ tên", "tên tập thể"),
    "birth": ("năm sinh", "ngày sinh"),
    "position": ("chức vụ",),
    "title": ("danh hiệu",),
    "form": ("khen thưởng", "hình thức"),
    "achievement": ("thành tích",),
}


def text(v):
    return "" if v is None else str(v).strip()


def columns(header_rows):
    """Field -> column index, from the header row and the row under it."""
    found = {}
    for row in header_rows:
        for i, cell in enumerate(row):
            low = text(cell).lower()
            for field, words in FIELDS.items():
                if field not in found and any(w in low for w in words):
                    found[field] = i
    return found


def read(path):
    wb = load_workbook(path, read_only=True, data_only=True)
    ws = wb.worksheets[0]
    rows = ws.iter_rows(values_only=True)
    out = []
    previous = None
    cols = None
    for row in rows:
        if cols is None:
            if any(text(c).lower().startswith("họ và tên") for c in row):
                previous = row
                cols = {}
            continue
        if previous is not None:
            # The row under the header: a second header row or already data.
            cols = columns([previous, row])
            previous = None
            if not isinstance(row[0], (int, float)):
                continue
        first = text(row[0]) if row else ""
        if any(text(c).lower().startswith(("tổng cộng", "cộng")) for c in row[:2]):
            break
        if not isinstance(row[0], (int, float)) or not first:
            continue
        get = lambda f: text(row[cols[f]]) if f in cols and cols[f] < len(row) else ""
        # The row numbering the columns (1, 2, 3 …) has a number where the name goes.
        if get("name") and not isinstance(row[cols["name"]], (int, float)):
            out.append(
                (path, get("name"), get("birth"), get("position"), get("title"),
                 get("form"), get("achievement"))
            )
    wb.close()
    return out


def main():
    db, files = sys.argv[1], sys.argv[2:]
    con = sqlite3.connect(db)
    con.execute(
        "CREATE TABLE IF NOT EXISTS awards (file TEXT, name TEXT, birth TEXT, position TEXT,"
        " title TEXT, form TEXT, achievement TEXT)"
    )
    total = 0
    with con:
        for path in files:
            rows = read(path)
            con.executemany("INSERT INTO awards VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
            total += len(rows)
    con.close()
    print(json.dumps({"files": len(files), "rows": total}))


if __name__ == "__main__":
    main()
