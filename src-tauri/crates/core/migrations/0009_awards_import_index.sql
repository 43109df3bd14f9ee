-- 0008: the awards of one import are looked up by its id: the preview checks the rules on
-- the awards a file would add (not the whole year again for each file), and undo takes
-- them back. Without this index each lookup scanned every award on file.
CREATE INDEX awards_import ON awards (import_id);
