-- 0008: a coefficient, and the rounding of the money, can change from a date inside a regime
-- (a decree amended, a province's own figure): the change is a new row from that date and the
-- old row stays, so decisions dated before it keep their money. The row a regime came with
-- starts on the regime's first day ('0001-01-01' for a regime without a start). Also the
-- optional password that opens the app, stored in the data file so it travels with it.

CREATE TABLE coefficients_dated (
    code        TEXT NOT NULL REFERENCES catalog_items (code) ON UPDATE CASCADE,
    regime_id   TEXT NOT NULL REFERENCES regimes (id),
    valid_from  TEXT NOT NULL,
    coefficient REAL CHECK (coefficient IS NULL OR coefficient >= 0),  -- NULL: no money set
    confirmed   TEXT NOT NULL DEFAULT '',
    legal_ref   TEXT NOT NULL DEFAULT '',
    updated_at  TEXT NOT NULL,
    PRIMARY KEY (code, regime_id, valid_from)
);

INSERT INTO coefficients_dated (code, regime_id, valid_from, coefficient, confirmed, legal_ref, updated_at)
SELECT k.code, k.regime_id, coalesce(g.valid_from, '0001-01-01'), k.coefficient, k.confirmed,
       k.legal_ref, k.updated_at
FROM coefficients k JOIN regimes g ON g.id = k.regime_id;

DROP TABLE coefficients;
ALTER TABLE coefficients_dated RENAME TO coefficients;

CREATE TABLE roundings (
    regime_id  TEXT NOT NULL REFERENCES regimes (id),
    valid_from TEXT NOT NULL,
    mode       TEXT NOT NULL CHECK (mode IN ('up', 'nearest', 'none')),
    step       INTEGER NOT NULL CHECK (step > 0),
    legal_ref  TEXT NOT NULL DEFAULT '',
    updated_at TEXT NOT NULL,
    PRIMARY KEY (regime_id, valid_from)
);

INSERT INTO roundings (regime_id, valid_from, mode, step, legal_ref, updated_at)
SELECT id, coalesce(valid_from, '0001-01-01'), rounding_mode, rounding_step, legal_ref, updated_at
FROM regimes;

-- The rounding now lives only in its dated rows.
ALTER TABLE regimes DROP COLUMN rounding_mode;
ALTER TABLE regimes DROP COLUMN rounding_step;

-- At most one row. `phc` is an Argon2id hash in PHC form (salt and cost inside); the password
-- itself is never stored.
CREATE TABLE app_password (
    id     INTEGER PRIMARY KEY CHECK (id = 1),
    phc    TEXT NOT NULL,
    set_at TEXT NOT NULL
);
