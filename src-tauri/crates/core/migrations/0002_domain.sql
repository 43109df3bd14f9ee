-- 0002: the whole yearly cycle — catalog and dated legal rules, movements, persons and
-- households, registrations, self-assessments and block scoring, award decisions and awards,
-- proposals upward, initiatives, exemplary models, the reward fund — and where each record
-- came from (which import), so an import can be shown and undone as a whole.
--
-- A record's subject (recipient) is a person, a unit (tập thể) or a household: three
-- nullable references with exactly one set, so foreign keys keep every award pointing at a
-- real record.

-- Where records came from. Every imported row carries its import's id.
CREATE TABLE imports (
    id          TEXT PRIMARY KEY,
    file_name   TEXT NOT NULL,
    file_hash   TEXT NOT NULL,           -- SHA-256 of the file: the same file twice adds nothing
    kind        TEXT NOT NULL,
    imported_at TEXT NOT NULL,
    summary     TEXT NOT NULL DEFAULT '{}',  -- counts as JSON, for the history list
    undone_at   TEXT
);
CREATE INDEX imports_hash ON imports (file_hash);

-- ── Catalog and legal rules: data with its legal reference, editable by the clerk ──────────

CREATE TABLE catalog_items (
    code        TEXT PRIMARY KEY,
    kind        TEXT NOT NULL CHECK (kind IN ('danh_hieu', 'hinh_thuc')),  -- never counted together
    subject     TEXT NOT NULL CHECK (subject IN ('ca_nhan', 'tap_the', 'ho_gia_dinh', 'any')),
    name        TEXT NOT NULL,
    search_key  TEXT NOT NULL,
    granted_by  TEXT NOT NULL DEFAULT '',
    valid_from  TEXT,
    valid_to    TEXT,
    stat_table  TEXT NOT NULL DEFAULT 'local',   -- 'local', '0602' (Nhà nước), '0603' (bộ, tỉnh)
    stat_column INTEGER,
    confirmed   TEXT NOT NULL DEFAULT '',        -- how sure the source is, as the catalog says
    legal_ref   TEXT NOT NULL DEFAULT '',
    sort_order  INTEGER NOT NULL DEFAULT 0,
    builtin     INTEGER NOT NULL DEFAULT 0,      -- seeded from the catalog, vs added by the clerk
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);

-- Legal regimes, chosen by the date of a decision.
CREATE TABLE regimes (
    id                    TEXT PRIMARY KEY,      -- 'nd91', 'nd98', 'nd152'
    name                  TEXT NOT NULL,
    valid_from            TEXT,
    valid_to              TEXT,
    collective_multiplier REAL NOT NULL,         -- tập thể = × cá nhân
    household_multiplier  REAL NOT NULL,         -- hộ gia đình = × cá nhân
    only_highest          INTEGER NOT NULL DEFAULT 0,  -- several titles, one period: pay the highest
    rounding_mode         TEXT NOT NULL CHECK (rounding_mode IN ('up', 'nearest', 'none')),
    rounding_step         INTEGER NOT NULL CHECK (rounding_step > 0),
    legal_ref             TEXT NOT NULL DEFAULT '',
    note                  TEXT NOT NULL DEFAULT '',
    updated_at            TEXT NOT NULL
);

CREATE TABLE coefficients (
    code        TEXT NOT NULL REFERENCES catalog_items (code) ON UPDATE CASCADE,
    regime_id   TEXT NOT NULL REFERENCES regimes (id),
    coefficient REAL CHECK (coefficient IS NULL OR coefficient >= 0),  -- NULL: no money set
    confirmed   TEXT NOT NULL DEFAULT '',
    legal_ref   TEXT NOT NULL DEFAULT '',
    updated_at  TEXT NOT NULL,
    PRIMARY KEY (code, regime_id)
);

CREATE TABLE base_salaries (
    effective_from TEXT PRIMARY KEY,
    amount         INTEGER NOT NULL CHECK (amount > 0),
    legal_ref      TEXT NOT NULL DEFAULT '',
    confirmed      TEXT NOT NULL DEFAULT 'yes',
    updated_at     TEXT NOT NULL
);

-- Dated numeric rule parameters (caps, minimum service …) with their reference.
CREATE TABLE rule_params (
    key        TEXT NOT NULL,
    valid_from TEXT NOT NULL,                -- '0001-01-01' for "since always"
    value      REAL,                         -- NULL: the rule does not apply in that period
    legal_ref  TEXT NOT NULL DEFAULT '',
    note       TEXT NOT NULL DEFAULT '',
    updated_at TEXT NOT NULL,
    PRIMARY KEY (key, valid_from)
);

-- ── Movements, people, households ────────────────────────────────────────────────────────

CREATE TABLE movements (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL CHECK (name <> ''),
    search_key  TEXT NOT NULL,
    launched_by TEXT NOT NULL CHECK (launched_by IN ('trung_uong', 'tinh', 'huyen', 'co_quan', 'don_vi')),
    scope       TEXT NOT NULL CHECK (scope IN ('toan_quoc', 'bo_nganh_dia_phuong', 'cum_khoi', 'co_quan_don_vi')),
    method      TEXT NOT NULL CHECK (method IN ('thuong_xuyen', 'chuyen_de')),
    start_date  TEXT,
    end_date    TEXT,
    doc_number  TEXT NOT NULL DEFAULT '',
    doc_date    TEXT,
    note        TEXT NOT NULL DEFAULT '',
    import_id   TEXT REFERENCES imports (id),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);

CREATE TABLE persons (
    id                TEXT PRIMARY KEY,
    full_name         TEXT NOT NULL CHECK (full_name <> ''),
    name_key          TEXT NOT NULL,         -- one key for every spelling of the same name
    search_key        TEXT NOT NULL,
    gender            TEXT CHECK (gender IN ('nam', 'nu')),
    birth_year        INTEGER CHECK (birth_year IS NULL OR birth_year BETWEEN 1900 AND 2100),
    birth_date        TEXT,
    unit_id           TEXT REFERENCES units (id),
    position          TEXT NOT NULL DEFAULT '',
    position_category TEXT NOT NULL DEFAULT 'truc_tiep' CHECK (position_category IN
                          ('lanh_dao_tinh', 'lanh_dao_so', 'doanh_nhan', 'lanh_dao_khac', 'truc_tiep')),
    citizen_id        TEXT,
    hired_on          TEXT,                  -- start of service, for the minimum-service rule
    merged_into       TEXT REFERENCES persons (id),  -- a duplicate the clerk merged away
    note              TEXT NOT NULL DEFAULT '',
    import_id         TEXT REFERENCES imports (id),
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL,
    CHECK (merged_into IS NULL OR merged_into <> id)
);
CREATE INDEX persons_name_key ON persons (name_key);
CREATE INDEX persons_unit ON persons (unit_id);
CREATE UNIQUE INDEX persons_citizen_id ON persons (citizen_id) WHERE citizen_id IS NOT NULL AND merged_into IS NULL;

CREATE TABLE households (
    id         TEXT PRIMARY KEY,
    head_name  TEXT NOT NULL CHECK (head_name <> ''),
    name_key   TEXT NOT NULL,
    search_key TEXT NOT NULL,
    unit_id    TEXT REFERENCES units (id),   -- the thôn / tổ dân phố
    address    TEXT NOT NULL DEFAULT '',
    note       TEXT NOT NULL DEFAULT '',
    import_id  TEXT REFERENCES imports (id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX households_name_key ON households (name_key);

-- A person's yearly result, which the title rules read (LĐTT needs at least "hoàn thành tốt").
CREATE TABLE person_ratings (
    person_id        TEXT NOT NULL REFERENCES persons (id),
    year             INTEGER NOT NULL,
    completion       TEXT NOT NULL CHECK (completion IN ('htxs', 'htt', 'ht', 'khong_ht')),
    under_discipline INTEGER NOT NULL DEFAULT 0,
    note             TEXT NOT NULL DEFAULT '',
    import_id        TEXT REFERENCES imports (id),
    updated_at       TEXT NOT NULL,
    PRIMARY KEY (person_id, year)
);

-- ── The yearly cycle ─────────────────────────────────────────────────────────────────────

CREATE TABLE registrations (
    id           TEXT PRIMARY KEY,
    year         INTEGER NOT NULL CHECK (year BETWEEN 1945 AND 2200),
    person_id    TEXT REFERENCES persons (id),
    unit_id      TEXT REFERENCES units (id),
    household_id TEXT REFERENCES households (id),
    code         TEXT NOT NULL REFERENCES catalog_items (code) ON UPDATE CASCADE,
    targets      TEXT NOT NULL DEFAULT '',
    registered_on TEXT,
    import_id    TEXT REFERENCES imports (id),
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    CHECK ((person_id IS NOT NULL) + (unit_id IS NOT NULL) + (household_id IS NOT NULL) = 1)
);
CREATE UNIQUE INDEX registrations_once ON registrations
    (year, code, coalesce(person_id, ''), coalesce(unit_id, ''), coalesce(household_id, ''));

CREATE TABLE assessments (
    id           TEXT PRIMARY KEY,
    unit_id      TEXT NOT NULL REFERENCES units (id),
    year         INTEGER NOT NULL,
    period       TEXT NOT NULL CHECK (period IN ('sau_thang', 'nam')),
    completion   TEXT CHECK (completion IN ('htxs', 'htt', 'ht', 'khong_ht')),
    results      TEXT NOT NULL DEFAULT '',
    shortcomings TEXT NOT NULL DEFAULT '',
    lessons      TEXT NOT NULL DEFAULT '',
    next_tasks   TEXT NOT NULL DEFAULT '',
    proposals    TEXT NOT NULL DEFAULT '',
    submitted_on TEXT,
    import_id    TEXT REFERENCES imports (id),
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    UNIQUE (unit_id, year, period)
);

-- The scoring table of a block in a year: a tree of criteria with maximum points, and bonus
-- and penalty lines.
CREATE TABLE criteria_sets (
    id         TEXT PRIMARY KEY,
    block_id   TEXT NOT NULL UNIQUE REFERENCES blocks (id) ON DELETE CASCADE,
    name       TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE criteria (
    id         TEXT PRIMARY KEY,
    set_id     TEXT NOT NULL REFERENCES criteria_sets (id) ON DELETE CASCADE,
    parent_id  TEXT REFERENCES criteria (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    label      TEXT NOT NULL DEFAULT '',      -- "I", "1", "1.2"
    title      TEXT NOT NULL,
    line_kind  TEXT NOT NULL DEFAULT 'diem' CHECK (line_kind IN ('diem', 'cong', 'tru')),
    max_points REAL NOT NULL DEFAULT 0 CHECK (max_points >= 0)
);
CREATE INDEX criteria_set ON criteria (set_id, parent_id, position);

-- A unit's result in its block for a year: totals, which the criterion lines add up to when
-- they exist (imports of block tables often bring totals only).
CREATE TABLE block_scores (
    block_id      TEXT NOT NULL REFERENCES blocks (id) ON DELETE CASCADE,
    unit_id       TEXT NOT NULL REFERENCES units (id),
    self_score    REAL,
    block_score   REAL,
    council_score REAL,
    proposal      TEXT NOT NULL DEFAULT '',   -- "Cờ thi đua của UBND tỉnh", "Bằng khen" …
    note          TEXT NOT NULL DEFAULT '',
    import_id     TEXT REFERENCES imports (id),
    updated_at    TEXT NOT NULL,
    PRIMARY KEY (block_id, unit_id)
);

CREATE TABLE criterion_scores (
    criterion_id   TEXT NOT NULL REFERENCES criteria (id) ON DELETE CASCADE,
    unit_id        TEXT NOT NULL REFERENCES units (id),
    self_points    REAL,
    block_points   REAL,
    council_points REAL,
    PRIMARY KEY (criterion_id, unit_id)
);

-- ── Decisions and awards ─────────────────────────────────────────────────────────────────

CREATE TABLE decisions (
    id           TEXT PRIMARY KEY,
    number       TEXT NOT NULL CHECK (number <> ''),   -- "45/QĐ-UBND"
    decision_date TEXT NOT NULL,
    level        TEXT NOT NULL CHECK (level IN ('nha_nuoc', 'bo_tinh', 'huyen', 'xa', 'co_quan')),
    authority    TEXT NOT NULL DEFAULT '',             -- "Chủ tịch UBND xã An Bình"
    signer_name  TEXT NOT NULL DEFAULT '',
    signer_title TEXT NOT NULL DEFAULT '',
    award_type   TEXT NOT NULL CHECK (award_type IN ('cong_trang', 'dot_xuat', 'phong_trao_dot',
                     'chuyen_de', 'cong_hien', 'nien_han', 'doi_ngoai', 'khang_chien')),
    movement_id  TEXT REFERENCES movements (id),
    year         INTEGER NOT NULL,                     -- the achievement year the awards count in
    period_from  TEXT,
    period_to    TEXT,
    note         TEXT NOT NULL DEFAULT '',
    search_key   TEXT NOT NULL,
    import_id    TEXT REFERENCES imports (id),
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);
CREATE UNIQUE INDEX decisions_number_date ON decisions (lower(number), decision_date);
CREATE INDEX decisions_year ON decisions (year);

CREATE TABLE awards (
    id            TEXT PRIMARY KEY,
    decision_id   TEXT NOT NULL REFERENCES decisions (id),
    person_id     TEXT REFERENCES persons (id),
    unit_id       TEXT REFERENCES units (id),
    household_id  TEXT REFERENCES households (id),
    code          TEXT NOT NULL REFERENCES catalog_items (code) ON UPDATE CASCADE,
    achievement   TEXT NOT NULL DEFAULT '',
    direct_worker INTEGER NOT NULL DEFAULT 0,
    position      TEXT NOT NULL DEFAULT '',   -- as printed on the decision, at that time
    unit_name     TEXT NOT NULL DEFAULT '',   -- đơn vị công tác at that time
    amount        INTEGER NOT NULL DEFAULT 0 CHECK (amount >= 0),  -- đồng
    amount_manual INTEGER NOT NULL DEFAULT 0, -- the clerk typed the amount; do not recompute
    import_id     TEXT REFERENCES imports (id),
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    CHECK ((person_id IS NOT NULL) + (unit_id IS NOT NULL) + (household_id IS NOT NULL) = 1)
);
CREATE INDEX awards_decision ON awards (decision_id);
CREATE INDEX awards_person ON awards (person_id);
CREATE INDEX awards_unit ON awards (unit_id);

-- Proposals upward: a tờ trình with its lines, each approved or not when the answer comes.
CREATE TABLE proposals (
    id           TEXT PRIMARY KEY,
    number       TEXT NOT NULL DEFAULT '',   -- "12/TTr-UBND"
    proposal_date TEXT NOT NULL,
    to_authority TEXT NOT NULL DEFAULT '',
    year         INTEGER NOT NULL,
    note         TEXT NOT NULL DEFAULT '',
    import_id    TEXT REFERENCES imports (id),
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);

CREATE TABLE proposal_items (
    id           TEXT PRIMARY KEY,
    proposal_id  TEXT NOT NULL REFERENCES proposals (id) ON DELETE CASCADE,
    person_id    TEXT REFERENCES persons (id),
    unit_id      TEXT REFERENCES units (id),
    household_id TEXT REFERENCES households (id),
    code         TEXT NOT NULL REFERENCES catalog_items (code) ON UPDATE CASCADE,
    achievement  TEXT NOT NULL DEFAULT '',
    status       TEXT NOT NULL DEFAULT 'de_nghi' CHECK (status IN ('de_nghi', 'duoc_duyet', 'khong_duyet')),
    award_id     TEXT REFERENCES awards (id),   -- the award granted when approved
    CHECK ((person_id IS NOT NULL) + (unit_id IS NOT NULL) + (household_id IS NOT NULL) = 1)
);

-- A recognised initiative may ground one award only.
CREATE TABLE initiatives (
    id            TEXT PRIMARY KEY,
    person_id     TEXT NOT NULL REFERENCES persons (id),
    title         TEXT NOT NULL CHECK (title <> ''),
    scope         TEXT NOT NULL DEFAULT 'co_so' CHECK (scope IN ('co_so', 'tinh', 'toan_quoc')),
    recognized_by TEXT NOT NULL DEFAULT '',
    recognized_on TEXT,
    year          INTEGER NOT NULL,
    used_for      TEXT UNIQUE REFERENCES awards (id),
    note          TEXT NOT NULL DEFAULT '',
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);

CREATE TABLE exemplary_models (
    id           TEXT PRIMARY KEY,
    person_id    TEXT REFERENCES persons (id),
    unit_id      TEXT REFERENCES units (id),
    household_id TEXT REFERENCES households (id),
    movement_id  TEXT REFERENCES movements (id),
    year         INTEGER NOT NULL,
    description  TEXT NOT NULL DEFAULT '',
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    CHECK ((person_id IS NOT NULL) + (unit_id IS NOT NULL) + (household_id IS NOT NULL) = 1)
);

-- The reward fund: receipts and payments typed by the clerk. Each decision's money is a
-- payment too, computed from its awards, not typed twice.
CREATE TABLE fund_entries (
    id          TEXT PRIMARY KEY,
    year        INTEGER NOT NULL,
    entry_date  TEXT NOT NULL,
    direction   TEXT NOT NULL CHECK (direction IN ('thu', 'chi')),
    amount      INTEGER NOT NULL CHECK (amount >= 0),
    description TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
