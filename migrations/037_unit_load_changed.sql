-- The availability search asks only for the units whose load moved since its last look (store.ts, loadsSince): each
-- row records the transaction that last bumped its version (64-bit, so no wraparound). Not indexed: the row is
-- updated by every booking, and an index would stop those updates from being HOT; the table has a row per unit.
ALTER TABLE unit_load_version ADD COLUMN changed xid8 NOT NULL DEFAULT pg_current_xact_id();

CREATE OR REPLACE FUNCTION bump_unit_load_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO unit_load_version (unit_id) SELECT DISTINCT unit_id FROM new_rows
    ON CONFLICT (unit_id) DO UPDATE SET version = unit_load_version.version + 1, changed = pg_current_xact_id();
  END IF;
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    INSERT INTO unit_load_version (unit_id) SELECT DISTINCT unit_id FROM old_rows
    ON CONFLICT (unit_id) DO UPDATE SET version = unit_load_version.version + 1, changed = pg_current_xact_id();
  END IF;
  RETURN NULL;
END $$;
