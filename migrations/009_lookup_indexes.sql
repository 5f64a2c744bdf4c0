-- Btree indexes for lookups by many ids at once (`= any($ids)`): the exclusion constraints' gist indexes cannot
-- serve an array search, so the billing run's loads fell back to full scans of these tables on a national database.
CREATE INDEX custody_child ON custody (child_id);
CREATE INDEX residence_person ON residence (person_id);
CREATE INDEX household_income_household ON household_income (household_id);
CREATE INDEX social_friplads_child ON social_friplads (child_id);
CREATE INDEX daginstitution_municipality ON daginstitution (municipality_code);
