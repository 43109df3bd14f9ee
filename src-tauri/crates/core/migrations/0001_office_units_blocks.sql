-- 0001: the office's own profile, its member units (with their history) and the emulation
-- blocks (khối thi đua) of each year.
-- Ids are UUID text: they travel between offices inside Excel files.
-- Times are UTC RFC 3339; dates are ISO YYYY-MM-DD. Text is stored NFC by the core.

CREATE TABLE office_profile (
    id               INTEGER PRIMARY KEY CHECK (id = 1),  -- one office per database
    name             TEXT NOT NULL CHECK (name <> ''),
    level            TEXT NOT NULL CHECK (level IN ('xa', 'huyen', 'tinh', 'co_quan')),
    parent_authority TEXT NOT NULL DEFAULT '',
    place_name       TEXT NOT NULL DEFAULT '',
    signer_name      TEXT NOT NULL DEFAULT '',
    signer_title     TEXT NOT NULL DEFAULT '',
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL
);

CREATE TABLE units (
    id          TEXT PRIMARY KEY,
    code        TEXT NOT NULL CHECK (code <> ''),
    name        TEXT NOT NULL CHECK (name <> ''),
    search_key  TEXT NOT NULL,          -- code and name without diacritics, for search
    kind        TEXT NOT NULL CHECK (kind IN ('co_quan_hanh_chinh', 'don_vi_su_nghiep',
                     'doanh_nghiep', 'thon_to_dan_pho', 'xa_phuong', 'khac')),
    staff_count INTEGER CHECK (staff_count IS NULL OR staff_count >= 0),
    parent_id   TEXT REFERENCES units (id),  -- a member unit may have members of its own
    status      TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'merged', 'dissolved')),
    merged_into TEXT REFERENCES units (id),
    ended_on    TEXT,                        -- date the unit was merged or dissolved
    note        TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    CHECK ((status = 'merged') = (merged_into IS NOT NULL)),
    CHECK ((status = 'active') = (ended_on IS NULL)),
    CHECK (merged_into IS NULL OR merged_into <> id),
    CHECK (parent_id IS NULL OR parent_id <> id)
);
-- Codes identify a unit in files exchanged with units and the province: unique for ever,
-- also after a merge, so an old file still points at the right unit.
CREATE UNIQUE INDEX units_code_unique ON units (lower(code));
CREATE INDEX units_parent ON units (parent_id);

-- What happened to a unit and when: nothing about a unit's past is overwritten silently.
CREATE TABLE unit_events (
    id         TEXT PRIMARY KEY,
    unit_id    TEXT NOT NULL REFERENCES units (id),
    kind       TEXT NOT NULL CHECK (kind IN ('created', 'renamed', 'updated', 'merged',
                    'dissolved', 'reactivated')),
    on_date    TEXT,
    detail     TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
);
CREATE INDEX unit_events_unit ON unit_events (unit_id, created_at);

CREATE TABLE blocks (
    id         TEXT PRIMARY KEY,
    year       INTEGER NOT NULL CHECK (year BETWEEN 1945 AND 2200),
    name       TEXT NOT NULL CHECK (name <> ''),
    note       TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX blocks_year_name ON blocks (year, lower(name));

CREATE TABLE block_members (
    block_id TEXT NOT NULL REFERENCES blocks (id) ON DELETE CASCADE,
    unit_id  TEXT NOT NULL REFERENCES units (id),    -- no cascade: a unit in a block is kept
    year     INTEGER NOT NULL,                       -- copy of the block's year, for the rule below
    role     TEXT NOT NULL CHECK (role IN ('truong_khoi', 'pho_khoi', 'thanh_vien')),
    PRIMARY KEY (block_id, unit_id)
);
-- A unit competes in one block per year, and a block has at most one Trưởng khối.
CREATE UNIQUE INDEX block_members_one_block_a_year ON block_members (year, unit_id);
CREATE UNIQUE INDEX block_members_one_leader ON block_members (block_id) WHERE role = 'truong_khoi';
CREATE INDEX block_members_unit ON block_members (unit_id);
