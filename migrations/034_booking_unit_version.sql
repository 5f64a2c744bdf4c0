-- The availability search keeps the daycare units' names, addresses and types in memory and reloads them only when
-- this moves (bumped by every change to unit or daginstitution), so a search asks the database for versions alone.
CREATE TABLE booking_unit_version (
  id boolean PRIMARY KEY DEFAULT true CHECK (id),
  version bigint NOT NULL DEFAULT 0
);
INSERT INTO booking_unit_version DEFAULT VALUES;
COMMENT ON TABLE booking_unit_version IS 'owner: booking';
CREATE FUNCTION bump_booking_unit_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE booking_unit_version SET version = version + 1;
  RETURN NULL;
END $$;
CREATE TRIGGER unit_booking_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON unit
  FOR EACH STATEMENT EXECUTE FUNCTION bump_booking_unit_version();
CREATE TRIGGER daginstitution_booking_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON daginstitution
  FOR EACH STATEMENT EXECUTE FUNCTION bump_booking_unit_version();

-- A booking decided on a unit's timeline at load version `p_expected` (read without a lock) writes in one statement
-- that first calls this: it locks the unit's load like lockUnitLoad and fails with a serialization failure unless the
-- version is still `p_expected`, so the whole statement writes nothing (book.ts, the fast path).
CREATE FUNCTION booking_lock_unit_at(p_unit uuid, p_expected bigint) RETURNS boolean LANGUAGE plpgsql AS $$
DECLARE
  v bigint;
BEGIN
  INSERT INTO unit_load_version (unit_id) VALUES (p_unit)
  ON CONFLICT (unit_id) DO UPDATE SET version = unit_load_version.version RETURNING version INTO v;
  IF v IS DISTINCT FROM p_expected THEN
    RAISE EXCEPTION 'the unit''s load moved (version % instead of %)', v, p_expected USING ERRCODE = '40001';
  END IF;
  RETURN true;
END $$;
