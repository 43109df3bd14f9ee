-- The clerk's prose of the sơ kết / tổng kết reports, per period and section: kept so the
-- report can be produced again, and offered as a start for the same section next period.
CREATE TABLE report_narratives (
    kind TEXT NOT NULL CHECK (kind IN ('so_ket', 'tong_ket')),
    year INTEGER NOT NULL,
    -- 0 for the whole year, 1 or 2 for a half.
    half INTEGER NOT NULL CHECK (half IN (0, 1, 2)),
    section TEXT NOT NULL,
    body TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (kind, year, half, section)
);
