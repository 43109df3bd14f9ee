-- 0005: the office's deadlines of a year (registrations, 6-month review, annual review,
-- proposals), set by the clerk each year from the superior's guidance; the home screen
-- compares what each unit sent with them.
CREATE TABLE deadlines (
    year       INTEGER NOT NULL CHECK (year BETWEEN 1945 AND 2200),
    kind       TEXT NOT NULL CHECK (kind IN ('dang_ky', 'sau_thang', 'nam', 'de_nghi')),
    due_on     TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (year, kind)
);
