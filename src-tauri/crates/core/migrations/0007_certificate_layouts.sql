-- 0005: certificates (giấy khen) printed on the office's pre-printed blanks (phôi).
-- A layout says where each variable text goes on the blank (mm from the top-left corner of
-- the sheet, anchor = left end of the field's box on the text's baseline), in which font size
-- and style. Each office buys different blanks, so layouts are the office's own data.

CREATE TABLE certificate_layouts (
    id             TEXT PRIMARY KEY,
    name           TEXT NOT NULL CHECK (name <> ''),
    page_width_mm  REAL NOT NULL CHECK (page_width_mm > 0),
    page_height_mm REAL NOT NULL CHECK (page_height_mm > 0),
    -- The nudge for a printer that shifts the sheet: added to every position when printing.
    offset_x_mm    REAL NOT NULL DEFAULT 0,
    offset_y_mm    REAL NOT NULL DEFAULT 0,
    -- The fields as a JSON array (validated by the core before it is stored): a layout is
    -- edited, copied, exported and imported as a whole.
    fields         TEXT NOT NULL,
    is_default     INTEGER NOT NULL DEFAULT 0 CHECK (is_default IN (0, 1)),
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
);
CREATE UNIQUE INDEX certificate_layouts_name ON certificate_layouts (lower(name));
-- At most one layout is the one used when none is named.
CREATE UNIQUE INDEX certificate_layouts_default ON certificate_layouts (is_default)
    WHERE is_default = 1;

-- The achievement line printed on every certificate of a decision, when the clerk words it
-- differently from the text derived from the catalog ("Đã có thành tích xuất sắc trong …").
CREATE TABLE certificate_phrases (
    decision_id TEXT PRIMARY KEY REFERENCES decisions (id) ON DELETE CASCADE,
    phrase      TEXT NOT NULL CHECK (phrase <> ''),
    updated_at  TEXT NOT NULL
);

-- A typical Giấy khen blank, A4 landscape: the national heading, the authority, "GIẤY KHEN"
-- and "Tặng" are printed on it; the name sits on the middle line, position and unit and the
-- achievement under it, the date and the signature block bottom right, the decision number
-- bottom left.
INSERT INTO certificate_layouts (id, name, page_width_mm, page_height_mm, offset_x_mm,
    offset_y_mm, fields, is_default, created_at, updated_at)
VALUES ('00000000-0000-4000-8000-00000000c001', 'Giấy khen mẫu (A4 ngang)', 297, 210, 0, 0,
'[
 {"kind":"recipient_name","text":"","x_mm":40,"y_mm":98,"width_mm":217,"align":"center","font_size_pt":26,"bold":true,"italic":false,"uppercase":false,"max_lines":1},
 {"kind":"position_unit","text":"","x_mm":40,"y_mm":110,"width_mm":217,"align":"center","font_size_pt":15,"bold":false,"italic":false,"uppercase":false,"max_lines":1},
 {"kind":"achievement","text":"","x_mm":40,"y_mm":123,"width_mm":217,"align":"center","font_size_pt":15,"bold":true,"italic":false,"uppercase":false,"max_lines":2},
 {"kind":"place_date","text":"","x_mm":160,"y_mm":150,"width_mm":110,"align":"center","font_size_pt":13,"bold":false,"italic":true,"uppercase":false,"max_lines":1},
 {"kind":"signer_title","text":"","x_mm":160,"y_mm":160,"width_mm":110,"align":"center","font_size_pt":13,"bold":true,"italic":false,"uppercase":true,"max_lines":2},
 {"kind":"signer_name","text":"","x_mm":160,"y_mm":190,"width_mm":110,"align":"center","font_size_pt":14,"bold":true,"italic":false,"uppercase":false,"max_lines":1},
 {"kind":"decision_ref","text":"","x_mm":25,"y_mm":190,"width_mm":115,"align":"left","font_size_pt":11,"bold":false,"italic":false,"uppercase":false,"max_lines":1}
]', 1, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');
