-- A round preview remembers the load version (unit_load_version) of every unit it was computed at; approving it
-- compares them under the units' load lock and refuses a stale preview. Older previews have none and count as stale.
ALTER TABLE allocation_round ADD COLUMN unit_versions jsonb;
