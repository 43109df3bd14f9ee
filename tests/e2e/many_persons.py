"""Adds N people to a real data file, as a large import would leave them (E2E of the persons
grid). Names are built from common Vietnamese family, middle and given names; the search key
is the name without diacritics, as the core stores it."""

import sqlite3
import sys
import unicodedata
import uuid
from datetime import datetime, timezone

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"]
MIDDLE = ["Văn", "Thị", "Hữu", "Đức", "Minh", "Thanh", "Ngọc", "Quang", "Xuân", "Thu", "Hồng", "Công"]
GIVEN = ["An", "Anh", "Ánh", "Bình", "Cúc", "Dũng", "Đông", "Giang", "Hà", "Hải", "Hoa", "Hòa", "Hùng", "Hương",
         "Khánh", "Lan", "Linh", "Long", "Mai", "Nam", "Nga", "Ngân", "Phúc", "Phương", "Quân", "Sơn", "Tâm",
         "Thảo", "Thắng", "Trang", "Tú", "Tuấn", "Uyên", "Vân", "Việt", "Yến"]
POSITIONS = ["Giáo viên", "Nhân viên", "Chuyên viên", "Kế toán", "Tổ trưởng", "Phó Hiệu trưởng"]


def fold(s: str) -> str:
    s = unicodedata.normalize("NFD", s)
    s = "".join(c for c in s if not unicodedata.combining(c)).replace("đ", "d").replace("Đ", "d")
    return " ".join(s.lower().split())


def main(path: str, n: int) -> None:
    db = sqlite3.connect(path)
    units = [r[0] for r in db.execute("SELECT id FROM units WHERE status = 'active'")]
    now = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    rows = []
    for i in range(n):
        name = f"{FAMILY[i % len(FAMILY)]} {MIDDLE[(i // 7) % len(MIDDLE)]} {GIVEN[(i * 13 + i // 11) % len(GIVEN)]}"
        name = unicodedata.normalize("NFC", name)
        rows.append((
            str(uuid.uuid4()), name, fold(name), fold(name), "nu" if i % 2 else "nam", 1960 + i % 40,
            units[i % len(units)], POSITIONS[i % len(POSITIONS)], now, now,
        ))
    db.executemany(
        "INSERT INTO persons (id, full_name, name_key, search_key, gender, birth_year, unit_id, position,"
        " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows,
    )
    db.commit()
    db.close()


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
