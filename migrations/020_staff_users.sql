-- Staff users over time: an administrator creates a user with a validity period (from the first working day, until
-- the user is ended), and records who created it. Login (demo persona or OIDC) and every session are refused outside
-- the period (empty: ended before it began). Users from before this migration are valid without bounds.
ALTER TABLE app_user
  ADD COLUMN valid daterange NOT NULL DEFAULT '(,)',
  ADD COLUMN created_by uuid REFERENCES app_user ON DELETE SET NULL,
  ADD COLUMN created_at timestamptz NOT NULL DEFAULT now();
CREATE INDEX app_user_lower_name ON app_user (lower(name));
-- Ending a user deletes its sessions at once.
CREATE INDEX session_user_id ON session (user_id);

-- A child in dagpleje is placed with a dagplejer: an employee of job type dagplejer at the placement's own unit,
-- employed during (part of) the placement.
CREATE FUNCTION spire_check_placement_dagplejer() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.dagplejer_id IS NOT NULL AND NOT EXISTS (
    SELECT 1 FROM employee e
    WHERE e.id = NEW.dagplejer_id AND e.unit_id = NEW.unit_id AND e.job_type = 'dagplejer' AND e.valid && NEW.valid
  ) THEN
    RAISE EXCEPTION 'the dagplejer is not a dagplejer of the placement''s unit'
      USING ERRCODE = 'check_violation', CONSTRAINT = 'placement_dagplejer_of_unit';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER placement_dagplejer_of_unit BEFORE INSERT OR UPDATE OF dagplejer_id, unit_id ON placement
  FOR EACH ROW EXECUTE FUNCTION spire_check_placement_dagplejer();

-- … and an employee children are placed with stays a dagplejer of that unit.
CREATE FUNCTION spire_check_employee_dagplejer() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (NEW.unit_id <> OLD.unit_id OR NEW.job_type <> 'dagplejer')
    AND EXISTS (SELECT 1 FROM placement p WHERE p.dagplejer_id = NEW.id) THEN
    RAISE EXCEPTION 'children are placed with this dagplejer'
      USING ERRCODE = 'check_violation', CONSTRAINT = 'placement_dagplejer_of_unit';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER employee_dagplejer_of_unit BEFORE UPDATE OF unit_id, job_type ON employee
  FOR EACH ROW EXECUTE FUNCTION spire_check_employee_dagplejer();
