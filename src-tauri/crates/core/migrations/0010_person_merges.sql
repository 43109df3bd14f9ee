-- 0010: the merges of two records of one person, each with what it changed, so the clerk can
-- take a merge back (a wrong pick of two namesakes) and the record shows who was merged when.
-- No foreign keys: the record of an undone merge outlives a person later deleted.
CREATE TABLE person_merges (
    id           TEXT PRIMARY KEY,
    keep_id      TEXT NOT NULL,
    duplicate_id TEXT NOT NULL,
    merged_at    TEXT NOT NULL,
    undo         TEXT NOT NULL,   -- JSON: the rows re-pointed or deleted and the fields filled
    undone_at    TEXT
);

CREATE INDEX person_merges_keep ON person_merges (keep_id);
