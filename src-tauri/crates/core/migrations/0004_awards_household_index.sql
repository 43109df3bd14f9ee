-- 0004: awards are looked up by their household too (the NĐ 152 "only the highest title"
-- rule runs on every award added); without this index each lookup scanned all awards.
CREATE INDEX awards_household ON awards (household_id);
