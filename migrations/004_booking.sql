-- Book en plads: a booking is a placement (an enrolment with a future start) plus who booked it and its history,
-- and a per-unit version that lets the availability search keep occupancy timelines in memory safely.
-- Written for PostgreSQL 15 (server) and PGlite (PostgreSQL 17); keep to what both accept.

CREATE TABLE booking (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  child_id uuid NOT NULL REFERENCES person,
  unit_id uuid NOT NULL REFERENCES unit,
  -- The enrolment itself; null once the booking is cancelled (the placement row is deleted).
  placement_id uuid UNIQUE REFERENCES placement ON DELETE SET NULL,
  valid daterange NOT NULL CHECK (NOT isempty(valid) AND lower(valid) IS NOT NULL),
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'cancelled')),
  booked_by uuid NOT NULL REFERENCES app_user,
  booked_at timestamptz NOT NULL DEFAULT now(),
  -- A current place elsewhere that the booking ended at its start (restored on cancel).
  released_placement_id uuid REFERENCES placement ON DELETE SET NULL,
  released_upper date,
  CHECK (status = 'cancelled' OR placement_id IS NOT NULL),
  EXCLUDE USING gist (child_id WITH =, valid WITH &&) WHERE (status = 'active')
);
CREATE INDEX booking_unit ON booking (unit_id);

-- Status history: booked, moved, cancelled, with who and when.
CREATE TABLE booking_event (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  booking_id uuid NOT NULL REFERENCES booking ON DELETE CASCADE,
  at timestamptz NOT NULL DEFAULT now(),
  kind text NOT NULL CHECK (kind IN ('booked', 'moved', 'cancelled')),
  unit_id uuid NOT NULL REFERENCES unit,
  valid daterange NOT NULL,
  user_id uuid REFERENCES app_user
);
CREATE INDEX booking_event_booking ON booking_event (booking_id, id);

-- Bumped by every change to a unit's placements or capacity: cached timelines reload only changed units.
CREATE TABLE unit_load_version (
  unit_id uuid PRIMARY KEY REFERENCES unit ON DELETE CASCADE,
  version bigint NOT NULL DEFAULT 1
);

CREATE FUNCTION bump_unit_load_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO unit_load_version (unit_id) SELECT DISTINCT unit_id FROM new_rows
    ON CONFLICT (unit_id) DO UPDATE SET version = unit_load_version.version + 1;
  END IF;
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    INSERT INTO unit_load_version (unit_id) SELECT DISTINCT unit_id FROM old_rows
    ON CONFLICT (unit_id) DO UPDATE SET version = unit_load_version.version + 1;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER placement_load_ins AFTER INSERT ON placement REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION bump_unit_load_version();
CREATE TRIGGER placement_load_upd AFTER UPDATE ON placement REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION bump_unit_load_version();
CREATE TRIGGER placement_load_del AFTER DELETE ON placement REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION bump_unit_load_version();
CREATE TRIGGER capacity_load_ins AFTER INSERT ON capacity REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION bump_unit_load_version();
CREATE TRIGGER capacity_load_upd AFTER UPDATE ON capacity REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION bump_unit_load_version();
CREATE TRIGGER capacity_load_del AFTER DELETE ON capacity REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION bump_unit_load_version();
